"""The forms of the news and JDIH pages: the public filters and search, and the console's
editors of news items, legal documents and their relations. The services check everything again."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from padu.publications.models import LegalDocument, LegalLanguage, LegalStatus, LegalType, NewsKind, RelationKind
from padu.publications.selectors import legal_public_years

BODY_HINT = gettext_lazy(
    "Write plain text (a blank line starts a new paragraph) or simple HTML: paragraphs, bold, italic, lists, "
    "headings, quotes, tables and links. Scripts, styles and embedded content from other sites are removed."
)


class NewsForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=NewsKind.choices, initial=NewsKind.NEWS)
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200)
    summary = forms.CharField(
        label=gettext_lazy("Summary"),
        max_length=300,
        required=False,
        help_text=gettext_lazy("One or two sentences shown in lists and feeds."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    body = forms.CharField(label=gettext_lazy("Text"), help_text=BODY_HINT, widget=forms.Textarea(attrs={"rows": 14}))
    pinned_until_date = forms.DateField(
        label=gettext_lazy("Pin this announcement until (date)"),
        required=False,
        help_text=gettext_lazy("Announcements only: shown at the top of the list until the end of this day."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    cover = forms.FileField(
        label=gettext_lazy("Cover image"),
        required=False,
        help_text=gettext_lazy("JPG, PNG or WebP, at most 5 MB. It is resized and saved anew."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )
    cover_alt = forms.CharField(
        label=gettext_lazy("Describe the image"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("For people who cannot see it, e.g. “Warga antre di loket pelayanan”."),
    )
    remove_cover = forms.BooleanField(label=gettext_lazy("Remove the cover image"), required=False)


class PublishForm(forms.Form):
    publish_date = forms.DateField(
        label=gettext_lazy("Publication date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    publish_time = forms.TimeField(
        label=gettext_lazy("Time"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )


class LegalForm(forms.Form):
    doc_type = forms.ChoiceField(label=gettext_lazy("Type"), choices=LegalType.choices)
    number = forms.CharField(label=gettext_lazy("Number"), max_length=50)
    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=1945, max_value=2100)
    title = forms.CharField(
        label=gettext_lazy("Title"),
        max_length=500,
        help_text=gettext_lazy("What it is about, as written after “tentang”."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    place_enacted = forms.CharField(label=gettext_lazy("Place enacted"), max_length=100, required=False)
    date_enacted = forms.DateField(
        label=gettext_lazy("Date enacted (ditetapkan)"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_promulgated = forms.DateField(
        label=gettext_lazy("Date promulgated (diundangkan)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    signer = forms.CharField(
        label=gettext_lazy("Signed by"),
        max_length=200,
        required=False,
        help_text=gettext_lazy("Position and name, e.g. Bupati Bandung, Dadang Supriatna."),
    )
    initiator = forms.CharField(label=gettext_lazy("Initiator (pemrakarsa)"), max_length=200, required=False)
    subject = forms.CharField(
        label=gettext_lazy("Subject"),
        max_length=300,
        required=False,
        help_text=gettext_lazy("Keywords, separated by commas."),
    )
    field_of_law = forms.CharField(label=gettext_lazy("Field of law"), max_length=150, required=False)
    language = forms.ChoiceField(label=gettext_lazy("Language"), choices=LegalLanguage.choices, initial="id")
    source = forms.CharField(
        label=gettext_lazy("Source"),
        max_length=300,
        required=False,
        help_text=gettext_lazy("E.g. Lembaran Daerah Kabupaten Bandung Tahun 2024 Nomor 7."),
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        choices=LegalStatus.choices,
        initial=LegalStatus.IN_FORCE,
        help_text=gettext_lazy("Amended and revoked follow from the relations recorded below."),
    )
    abstract = forms.CharField(
        label=gettext_lazy("Abstract"), required=False, help_text=BODY_HINT, widget=forms.Textarea(attrs={"rows": 8})
    )
    pdf = forms.FileField(
        label=gettext_lazy("PDF of the document"),
        required=False,
        help_text=gettext_lazy("PDF only, at most 20 MB. Its text is made searchable."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )


class RelationForm(forms.Form):
    kind = forms.ChoiceField(label=gettext_lazy("This document"), choices=RelationKind.choices)
    target = forms.TypedChoiceField(
        label=gettext_lazy("Document in the register"), required=False, coerce=int, empty_value=None, choices=[]
    )
    target_citation = forms.CharField(
        label=gettext_lazy("Or a regulation outside the register"),
        max_length=300,
        required=False,
        help_text=gettext_lazy("E.g. Peraturan Menteri Dalam Negeri Nomor 20 Tahun 2018."),
    )
    note = forms.CharField(label=gettext_lazy("Note"), max_length=300, required=False)

    def __init__(self, *args: Any, targets: list[LegalDocument] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", _("None (a regulation outside the register)"))]
        choices += [(str(d.pk), f"{d.citation} – {d.agency.name}") for d in targets or []]
        self.fields["target"].choices = choices  # type: ignore[attr-defined]


class NewsFilterForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Show"),
        required=False,
        choices=[("", gettext_lazy("News and announcements")), *NewsKind.choices],
    )


class LegalSearchForm(forms.Form):
    q = forms.CharField(
        label=gettext_lazy("Search"),
        required=False,
        max_length=200,
        help_text=gettext_lazy("Words from the title, the subject or the text of the document, e.g. retribusi pasar."),
    )
    type = forms.ChoiceField(
        label=gettext_lazy("Type"), required=False, choices=[("", gettext_lazy("All types")), *LegalType.choices]
    )
    year = forms.TypedChoiceField(label=gettext_lazy("Year"), required=False, coerce=int, empty_value=None, choices=[])
    status = forms.ChoiceField(
        label=gettext_lazy("Status"), required=False, choices=[("", gettext_lazy("Any status")), *LegalStatus.choices]
    )
    subject = forms.CharField(label=gettext_lazy("Subject or field of law"), required=False, max_length=100)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["year"].choices = [("", gettext_lazy("All years")), *((y, y) for y in legal_public_years())]  # type: ignore[attr-defined]
