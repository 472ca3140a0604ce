"""The forms of the PPID pages: the request and objection forms and the category filter of
the public pages; the console's inbox filter, extension, decision, objection answer, list
entry editor and report choice. The services check everything again."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy

from padu.ppid.models import (
    OFFLINE_CHANNELS,
    ContactChannel,
    Decision,
    DeliveryMethod,
    Exemption,
    InfoCategory,
    InfoFormat,
    IntakeChannel,
    ObjectionGround,
    ObjectionOutcome,
    ObtainMethod,
    RequesterKind,
)

# ---- public pages ----


class RequestForm(forms.Form):
    requester_kind = forms.ChoiceField(
        label=gettext_lazy("Who is requesting?"),
        choices=RequesterKind.choices,
        widget=forms.RadioSelect,
        required=False,
        initial=RequesterKind.PERSON,
    )
    name = forms.CharField(
        label=gettext_lazy("Name"),
        help_text=gettext_lazy("Your name as on the KTP, or the name of the legal entity or group."),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    nik = forms.CharField(
        label=gettext_lazy("NIK"),
        help_text=gettext_lazy("16 digits, as on your KTP. Needed for an individual; stored encrypted."),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    legal_entity_number = forms.CharField(
        label=gettext_lazy("Deed or registration number (legal entity only)"),
        max_length=100,
        required=False,
    )
    address = forms.CharField(
        label=gettext_lazy("Address"),
        max_length=300,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "street-address"}),
    )
    phone = forms.CharField(
        label=gettext_lazy("Telephone"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    email = forms.CharField(
        label=gettext_lazy("Email"),
        max_length=254,
        required=False,
        widget=forms.TextInput(attrs={"type": "email", "autocomplete": "email"}),
    )
    information = forms.CharField(
        label=gettext_lazy("What information do you need?"),
        help_text=gettext_lazy(
            "Describe it as precisely as you can. This description appears in the public register,"
            " so do not write personal data in it."
        ),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    purpose = forms.CharField(
        label=gettext_lazy("What will you use it for?"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    obtain_method = forms.ChoiceField(
        label=gettext_lazy("How do you want to get the information?"),
        choices=ObtainMethod.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    delivery_method = forms.ChoiceField(
        label=gettext_lazy("How do you want to receive it?"),
        choices=DeliveryMethod.choices,
        widget=forms.RadioSelect,
        required=False,
    )


class ObjectionForm(forms.Form):
    grounds = forms.MultipleChoiceField(
        label=gettext_lazy("Why do you object?"),
        help_text=gettext_lazy("Choose every reason that applies (Article 35 of Law 14/2008)."),
        choices=ObjectionGround.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    reasons = forms.CharField(
        label=gettext_lazy("Explain your objection"),
        max_length=4000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )


class CategoryForm(forms.Form):
    category = forms.ChoiceField(
        label=gettext_lazy("Category"),
        required=False,
        choices=[("", gettext_lazy("All categories")), *InfoCategory.choices],
    )


# ---- console ----


class InboxForm(forms.Form):
    show = forms.ChoiceField(
        label=gettext_lazy("Show"),
        required=False,
        choices=[
            ("open", gettext_lazy("Requests waiting for an answer")),
            ("objections", gettext_lazy("Objections waiting for an answer")),
            ("contact", gettext_lazy("Requesters to be told something (no account)")),
            ("all", gettext_lazy("All requests")),
        ],
    )
    q = forms.CharField(label=gettext_lazy("Number or requester's name"), required=False, max_length=100)


class ExtendForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason for the extension (the requester will read it)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DecideForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("Decision"), choices=Decision.choices, widget=forms.RadioSelect, required=False
    )
    note = forms.CharField(
        label=gettext_lazy("Answer to the requester"),
        help_text=gettext_lazy("What is given and how, or why it is refused. Required unless granted in full."),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    withheld_part = forms.CharField(
        label=gettext_lazy("What is withheld (granted in part)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    exemption = forms.ChoiceField(
        label=gettext_lazy("Legal exemption (granted in part or refused)"),
        choices=[("", gettext_lazy("Choose the exemption")), *Exemption.choices],
        required=False,
    )
    consequence_test = forms.CharField(
        label=gettext_lazy("Consequence test (granted in part or refused)"),
        help_text=gettext_lazy("Why opening the information would cause harm (Article 19 of Law 14/2008)."),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    held_by = forms.CharField(
        label=gettext_lazy("Who holds the information (not held)"),
        help_text=gettext_lazy("If you know which agency holds it, name it."),
        required=False,
        max_length=300,
    )
    fee_amount = forms.IntegerField(
        label=gettext_lazy("Copying fee in Rupiah"),
        help_text=gettext_lazy("0 when free."),
        required=False,
        min_value=0,
        max_value=100_000_000,
    )


_OFFLINE = [(c, IntakeChannel(c).label) for c in OFFLINE_CHANNELS]


class ReceivedFields(forms.Form):
    """How and when a request or an objection reached the office."""

    channel = forms.ChoiceField(
        label=gettext_lazy("How did it reach the office?"), choices=_OFFLINE, widget=forms.RadioSelect, required=False
    )
    received_date = forms.DateField(
        label=gettext_lazy("Date received"),
        help_text=gettext_lazy(
            "The date stamped on the letter or the day the message came; the deadline counts from it."
        ),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    received_time = forms.TimeField(
        label=gettext_lazy("Time received (optional)"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    note = forms.CharField(
        label=gettext_lazy("Note (optional)"),
        help_text=gettext_lazy(
            "Where the original is kept, or who took the call. Required when it was received more than 30 days ago."
        ),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class RecordForm(ReceivedFields, RequestForm):
    """A request received off-line, recorded by the information officer."""

    field_order = [
        "channel",
        "received_date",
        "received_time",
        "note",
        "requester_kind",
        "name",
        "nik",
        "legal_entity_number",
        "address",
        "phone",
        "email",
        "contact_channel",
        "information",
        "purpose",
        "obtain_method",
        "delivery_method",
    ]

    contact_channel = forms.ChoiceField(
        label=gettext_lazy("How does the requester want to be contacted?"),
        help_text=gettext_lazy("Without an account, the requester is told each step this way."),
        choices=ContactChannel.choices,
        widget=forms.RadioSelect,
        required=False,
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["name"].help_text = gettext_lazy("As on the KTP, or the name of the legal entity or group.")
        self.fields["nik"].help_text = gettext_lazy("16 digits, optional; checked and stored encrypted when given.")
        self.fields["information"].label = gettext_lazy("What information is requested?")
        self.fields["purpose"].label = gettext_lazy("What will the requester use it for?")
        self.fields["obtain_method"].label = gettext_lazy("How does the requester want to get the information?")
        self.fields["delivery_method"].label = gettext_lazy("How does the requester want to receive it?")


class RecordObjectionForm(ReceivedFields, ObjectionForm):
    """An objection received off-line (a letter, at the desk), recorded by the information officer."""

    field_order = ["channel", "received_date", "received_time", "grounds", "reasons", "note"]

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["grounds"].label = gettext_lazy("Grounds of the objection")
        self.fields["reasons"].label = gettext_lazy("The requester's reasons")


class HandOverForm(forms.Form):
    file = forms.IntegerField(widget=forms.HiddenInput)
    handed_to = forms.CharField(
        label=gettext_lazy("Received by (name)"),
        help_text=gettext_lazy("The requester, or the person they sent."),
        max_length=200,
        required=False,
    )


class ContactDoneForm(forms.Form):
    task = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(
        label=gettext_lazy("How it went (optional)"),
        max_length=1000,
        required=False,
    )


class AnswerObjectionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=gettext_lazy("Answer of the PPID's superior"),
        choices=ObjectionOutcome.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    answer = forms.CharField(
        label=gettext_lazy("Reasons (the requester will read them)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class PublicInformationForm(forms.Form):
    category = forms.ChoiceField(label=gettext_lazy("Category"), choices=InfoCategory.choices, required=False)
    title = forms.CharField(label=gettext_lazy("Title"), max_length=250, required=False)
    summary = forms.CharField(
        label=gettext_lazy("Summary"), max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    responsible_unit = forms.CharField(
        label=gettext_lazy("Responsible unit"),
        help_text=gettext_lazy("The unit that produces and holds the information."),
        max_length=200,
        required=False,
    )
    retention = forms.CharField(
        label=gettext_lazy("Retention period"), help_text=gettext_lazy("E.g. 5 years."), max_length=100, required=False
    )
    format = forms.ChoiceField(label=gettext_lazy("Format"), choices=InfoFormat.choices, required=False)
    year = forms.IntegerField(label=gettext_lazy("Year"), required=False, min_value=1945, max_value=2100)
    is_published = forms.BooleanField(label=gettext_lazy("Show it on the public list"), required=False)
    document = forms.FileField(label=gettext_lazy("Document to download"), required=False)
    remove_document = forms.BooleanField(label=gettext_lazy("Remove the current document"), required=False)


class ReportForm(forms.Form):
    agency = forms.TypedChoiceField(label=gettext_lazy("Agency"), coerce=int, required=False)
    year = forms.IntegerField(label=gettext_lazy("Year"), min_value=2008, max_value=2100, required=False)
