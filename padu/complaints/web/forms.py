"""The forms of the complaint pages: the report, one question at a time, the complainant's
reply, rating and reopening, the public list, tracking and statistics filters, and the
console's inbox filter, decisions, replies and moderation. The services check everything again."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from padu.complaints.models import OFFLINE_CHANNELS, Category, Channel, ContactChannel, Kind, Status
from padu.complaints.services import (
    ADDRESS_MAX,
    MESSAGE_MAX,
    NAME_MAX,
    NOTE_MAX,
    REASON_MAX,
    TEXT_MAX,
    TITLE_MAX,
)
from padu.complaints.uploads import limits_hint
from padu.complaints.workflow import OFFICER_ACTIONS
from padu.core.selectors import agency_directory

# ---- the public and the complainant ----


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented pattern); the service checks each."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/jpeg,image/png,application/pdf"}))
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class WhatForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("What do you want to send?"), choices=Kind.choices, widget=forms.RadioSelect
    )
    title = forms.CharField(
        label=gettext_lazy("Title"),
        max_length=TITLE_MAX,
        min_length=5,
        help_text=gettext_lazy("One short sentence, e.g. “Street light broken on Jl. Pandanwangi”."),
    )
    text = forms.CharField(
        label=gettext_lazy("What happened?"),
        max_length=TEXT_MAX,
        min_length=20,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=gettext_lazy(
            "What, when and where, as exactly as you can. Do not write other people's personal data."
        ),
    )
    category = forms.ChoiceField(
        label=gettext_lazy("Category"), choices=[("", gettext_lazy("– choose –")), *Category.choices]
    )


class AgencyForm(forms.Form):
    agency = forms.ChoiceField(label=gettext_lazy("Agency"), widget=forms.RadioSelect)


class SendForm(forms.Form):
    anonymous = forms.BooleanField(
        label=gettext_lazy("Anonymous: hide my name"),
        required=False,
        help_text=gettext_lazy("Nobody sees your name, not even the agency's officers. You still follow it here."),
    )
    confidential = forms.BooleanField(
        label=gettext_lazy("Confidential: do not publish the report"),
        required=False,
        help_text=gettext_lazy("Only you and the officers handling it can read it; it is not on public pages."),
    )
    attachments = MultipleFileField(label=gettext_lazy("Photos or documents (optional)"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["attachments"].help_text = limits_hint()


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=gettext_lazy("Your reply"), max_length=MESSAGE_MAX, widget=forms.Textarea(attrs={"rows": 4})
    )
    attachments = MultipleFileField(label=gettext_lazy("Photos or documents (optional)"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["attachments"].help_text = limits_hint()


class RateForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=gettext_lazy("How satisfied are you with the answer?"),
        coerce=int,
        widget=forms.RadioSelect,
        choices=[
            (5, gettext_lazy("5 – very satisfied")),
            (4, gettext_lazy("4 – satisfied")),
            (3, gettext_lazy("3 – fair")),
            (2, gettext_lazy("2 – dissatisfied")),
            (1, gettext_lazy("1 – very dissatisfied")),
        ],
    )
    note = forms.CharField(
        label=gettext_lazy("Comment (optional)"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ReopenForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Why is the answer not enough?"),
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ListForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Search by title or tracking number"), required=False, max_length=100)
    category = forms.ChoiceField(
        label=gettext_lazy("Category"),
        required=False,
        choices=[("", gettext_lazy("All categories")), *Category.choices],
    )
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        choices=[("", gettext_lazy("All")), ("open", gettext_lazy("Still being handled")), *Status.choices],
    )


class TrackForm(forms.Form):
    number = forms.CharField(
        label=gettext_lazy("Tracking number"),
        max_length=20,
        help_text=gettext_lazy("The number you received when you sent the report, e.g. K7M3-9QXC-B."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}),
    )


class StatsForm(forms.Form):
    agency = forms.ChoiceField(label=gettext_lazy("Agency"), required=False)
    year = forms.IntegerField(label=gettext_lazy("Year"), required=False, min_value=2000, max_value=2100)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        agencies = agency_directory().values_list("slug", "name")
        self.fields["agency"].choices = [("", _("All agencies")), *agencies]  # type: ignore[attr-defined]


# ---- the console ----


class InboxFilterForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Tracking number or title"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=gettext_lazy("Status"),
        required=False,
        choices=[("open", gettext_lazy("Open (needs action)")), ("all", gettext_lazy("All")), *Status.choices],
    )
    category = forms.ChoiceField(
        label=gettext_lazy("Category"),
        required=False,
        choices=[("", gettext_lazy("All categories")), *Category.choices],
    )
    overdue = forms.BooleanField(label=gettext_lazy("Only overdue"), required=False)
    escalated = forms.BooleanField(label=gettext_lazy("Only escalated"), required=False)


class DecisionForm(forms.Form):
    action = forms.ChoiceField(choices=[(a, a) for a in OFFICER_ACTIONS])
    note = forms.CharField(required=False, max_length=NOTE_MAX)
    to_agency = forms.IntegerField(required=False)
    # The verify form carries the two flags (`flags` says they were shown, so that an unticked
    # box means "no" rather than "not asked").
    flags = forms.BooleanField(required=False)
    anonymous = forms.BooleanField(required=False)
    confidential = forms.BooleanField(required=False)


class StaffReplyForm(forms.Form):
    body = forms.CharField(
        label=gettext_lazy("Message"), max_length=MESSAGE_MAX, widget=forms.Textarea(attrs={"rows": 4})
    )
    internal = forms.BooleanField(
        label=gettext_lazy("Internal note: only officers see it, never the complainant"), required=False
    )
    contact_channel = forms.ChoiceField(
        label=gettext_lazy("Already told outside Padu? How"),
        required=False,
        choices=[("", gettext_lazy("– not: send it through Padu –")), *ContactChannel.choices],
        help_text=gettext_lazy(
            "Choose how you reached the complainant (a call, WhatsApp, a letter, at the office) to record it in "
            "the conversation; nothing is sent then."
        ),
    )

    def __init__(self, *args: Any, through_padu: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not through_padu:
            # Padu cannot reach this complainant: every message to them is a contact made outside it.
            field = self.fields["contact_channel"]
            field.label = gettext_lazy("How you reached the complainant")
            field.choices = list(ContactChannel.choices)  # type: ignore[attr-defined]
            field.help_text = gettext_lazy(
                "The complainant has no account and no email: reach them as they asked, then record here what "
                "you told them."
            )


class RecordForm(forms.Form):
    """A complaint received off-line, entered by an officer (the services check it all again)."""

    channel = forms.ChoiceField(
        label=gettext_lazy("How was it received?"),
        widget=forms.RadioSelect,
        choices=[(c, label) for c, label in Channel.choices if c in OFFLINE_CHANNELS],
    )
    received_date = forms.DateField(
        label=gettext_lazy("Date received"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=gettext_lazy("The deadlines count from this day, not from today."),
    )
    received_time = forms.TimeField(
        label=gettext_lazy("Time received"),
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        help_text=gettext_lazy("In the office's time zone."),
    )
    complainant_nik = forms.CharField(
        label=gettext_lazy("NIK, if the complainant has a Padu account (optional)"),
        required=False,
        max_length=24,
        help_text=gettext_lazy(
            "Then they follow it under “My reports” and Padu tells them each step. The look-up is recorded."
        ),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    contact_name = forms.CharField(
        label=gettext_lazy("Complainant's name"),
        required=False,
        max_length=NAME_MAX,
        help_text=gettext_lazy("Needed without an account, unless the complaint is anonymous."),
    )
    contact_phone = forms.CharField(
        label=gettext_lazy("Telephone or WhatsApp (optional)"),
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
    )
    contact_email = forms.CharField(
        label=gettext_lazy("Email (optional)"),
        required=False,
        max_length=254,
        help_text=gettext_lazy("With an email address, Padu writes to them at every step."),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    contact_address = forms.CharField(label=gettext_lazy("Address (optional)"), required=False, max_length=ADDRESS_MAX)
    contact_channel = forms.ChoiceField(
        label=gettext_lazy("How do they want to be contacted?"),
        required=False,
        widget=forms.RadioSelect,
        choices=ContactChannel.choices,
        help_text=gettext_lazy("Usually the way they reached you."),
    )
    kind = forms.ChoiceField(label=gettext_lazy("What is it?"), choices=Kind.choices, widget=forms.RadioSelect)
    title = forms.CharField(label=gettext_lazy("Title"), max_length=TITLE_MAX)
    text = forms.CharField(
        label=gettext_lazy("What happened?"),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=gettext_lazy("As the complainant told it: what, when and where."),
    )
    category = forms.ChoiceField(
        label=gettext_lazy("Category"), choices=[("", gettext_lazy("– choose –")), *Category.choices]
    )
    anonymous = forms.BooleanField(
        label=gettext_lazy("Anonymous: hide the complainant's name from every officer and the public"),
        required=False,
    )
    confidential = forms.BooleanField(
        label=gettext_lazy("Confidential: do not publish the report"),
        required=False,
    )


class ModerationForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason (recorded in the audit trail)"), required=False, max_length=REASON_MAX
    )
    message = forms.IntegerField(required=False)
    hide = forms.BooleanField(required=False)
