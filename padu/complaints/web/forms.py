"""The forms of the complaint pages: the report, one question at a time, the complainant's
reply, rating and reopening, the public list, tracking and statistics filters, and the
console's inbox filter, decisions, replies and moderation. The services check everything again."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from padu.complaints.models import Category, Kind, Status, Visibility
from padu.complaints.services import (
    LAT_RANGE,
    LON_RANGE,
    MESSAGE_MAX,
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


class LocationForm(forms.Form):
    latitude = forms.DecimalField(
        label=gettext_lazy("Latitude (optional)"),
        required=False,
        min_value=LAT_RANGE[0],
        max_value=LAT_RANGE[1],
        decimal_places=6,
        help_text=gettext_lazy("From your phone's map, e.g. -6.938500."),
    )
    longitude = forms.DecimalField(
        label=gettext_lazy("Longitude (optional)"),
        required=False,
        min_value=LON_RANGE[0],
        max_value=LON_RANGE[1],
        decimal_places=6,
        help_text=gettext_lazy("For example 107.735100."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (data.get("latitude") is None) != (data.get("longitude") is None) and not self.errors:
            self.add_error("longitude", _("Give both latitude and longitude, or neither."))
        return data


class AgencyForm(forms.Form):
    agency = forms.ChoiceField(label=gettext_lazy("Agency"), widget=forms.RadioSelect)


class SendForm(forms.Form):
    visibility = forms.ChoiceField(
        label=gettext_lazy("Who may see your report?"),
        widget=forms.RadioSelect,
        choices=[
            (Visibility.PUBLIC, gettext_lazy("Public: anyone can read the report and see your name.")),
            (
                Visibility.ANONYMOUS,
                gettext_lazy(
                    "Anonymous: anyone can read the report, but nobody sees your name, not even the agency's officers."
                ),
            ),
            (
                Visibility.CONFIDENTIAL,
                gettext_lazy("Confidential: only you and the agency's officers can read it; they see your name."),
            ),
        ],
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
        help_text=gettext_lazy("The number you received when you sent the report, e.g. K7M3-9QXC-Z."),
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


class StaffReplyForm(forms.Form):
    body = forms.CharField(
        label=gettext_lazy("Message"), max_length=MESSAGE_MAX, widget=forms.Textarea(attrs={"rows": 4})
    )
    internal = forms.BooleanField(
        label=gettext_lazy("Internal note: only officers see it, never the complainant"), required=False
    )


class ModerationForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason (recorded in the audit trail)"), required=False, max_length=REASON_MAX
    )
    message = forms.IntegerField(required=False)
    hide = forms.BooleanField(required=False)
