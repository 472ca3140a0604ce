"""Forms of the billing pages: the payer's look-up, the treasurer's bills and channels, the
reconciliation upload and resolution, and the revenue report's filters. They only parse input;
services decide."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from padu.billing.codes import is_valid_code, normalise_code
from padu.billing.models import BillStatus, ChannelKind, QrisCriteria, Resolution, SourceKind
from padu.billing.reconciliation import MAX_FILE_BYTES
from padu.billing.services import LineInput

# --- The payer's pages ------------------------------------------------------------------


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Billing code"),
        help_text=gettext_lazy("14 digits, on the bill. Spaces are fine."),
        max_length=40,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "spellcheck": "false"}),
    )

    def clean_code(self) -> str:
        code = normalise_code(self.cleaned_data["code"])
        if not is_valid_code(code):
            raise forms.ValidationError(_("This billing code is mistyped: check the digits again."))
        return code


# --- Bills and channels (console) -------------------------------------------------------

LINE_ROWS = 3
STATUS_CHOICES = [("", gettext_lazy("All"))] + list(BillStatus.choices)
SOURCE_CHOICES = [("", gettext_lazy("All"))] + list(SourceKind.choices)


class BillFilterForm(forms.Form):
    q = forms.CharField(
        label=gettext_lazy("Search"),
        help_text=gettext_lazy("Billing code, payer name, reference or description"),
        required=False,
        max_length=100,
    )
    status = forms.ChoiceField(label=gettext_lazy("Status"), choices=STATUS_CHOICES, required=False)
    source_kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=SOURCE_CHOICES, required=False)
    beneath = forms.BooleanField(label=gettext_lazy("Include the offices beneath"), required=False)


class BillForm(forms.Form):
    source_kind = forms.ChoiceField(
        label=gettext_lazy("Kind of bill"),
        choices=[(SourceKind.LEVY, SourceKind.LEVY.label), (SourceKind.TAX, SourceKind.TAX.label)],
    )
    payer_name = forms.CharField(
        label=gettext_lazy("Payer's name"),
        help_text=gettext_lazy("A person or a business, as it should appear on the bill."),
        max_length=200,
    )
    description = forms.CharField(
        label=gettext_lazy("What the bill is for"),
        help_text=gettext_lazy("e.g. Retribusi pasar, Kios B-12, November 2026"),
        max_length=250,
    )
    source_reference = forms.CharField(
        label=gettext_lazy("Reference (optional)"),
        help_text=gettext_lazy("e.g. the tax assessment number (SKPD)"),
        max_length=100,
        required=False,
    )
    valid_days = forms.IntegerField(
        label=gettext_lazy("Days to pay"),
        help_text=gettext_lazy("The bill expires at the end of that day, in the office's time zone."),
        min_value=1,
        max_value=366,
        initial=7,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for i in range(1, LINE_ROWS + 1):
            required = i == 1
            self.fields[f"line_{i}_account_code"] = forms.CharField(
                label=_("Line %(n)s: revenue account code") % {"n": i},
                help_text=_("e.g. 4.1.02.01.01.0001") if i == 1 else "",
                max_length=40,
                required=required,
            )
            self.fields[f"line_{i}_description"] = forms.CharField(
                label=_("Line %(n)s: description") % {"n": i}, max_length=250, required=required
            )
            self.fields[f"line_{i}_amount"] = forms.IntegerField(
                label=_("Line %(n)s: amount (Rupiah)") % {"n": i}, min_value=1, required=required
            )

    def line_rows(self) -> list[list[forms.BoundField]]:
        return [
            [self[f"line_{i}_account_code"], self[f"line_{i}_description"], self[f"line_{i}_amount"]]
            for i in range(1, LINE_ROWS + 1)
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for i in range(2, LINE_ROWS + 1):
            parts = [data.get(f"line_{i}_{k}") for k in ("account_code", "description", "amount")]
            if any(parts) and not all(parts):
                self.add_error(f"line_{i}_account_code", _("Fill in all three parts of the line, or none."))
        return data

    def lines(self) -> list[LineInput]:
        data = self.cleaned_data
        return [
            LineInput(data[f"line_{i}_account_code"], data[f"line_{i}_description"], data[f"line_{i}_amount"])
            for i in range(1, LINE_ROWS + 1)
            if data.get(f"line_{i}_amount")
        ]


class ReasonForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("Decision"),
        choices=[("approve", gettext_lazy("Approve the refund")), ("reject", gettext_lazy("Reject the refund"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=gettext_lazy("Note"),
        help_text=gettext_lazy("Required when you reject."),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
    )


def _code_input(maxlength: int, **attrs: str) -> forms.TextInput:
    # The HTML limit matches QRIS's; the service checks it again and says which rule broke.
    return forms.TextInput(attrs={"maxlength": str(maxlength), "autocomplete": "off", "spellcheck": "false", **attrs})


class QrisMerchantForm(forms.Form):
    """A QRIS acquirer's merchant data, copied from its letter. The rules are in
    padu.billing.qris; the service applies them, so these fields only take text."""

    qris_acquirer_gui = forms.CharField(
        label=gettext_lazy("Acquirer GUI"),
        help_text=gettext_lazy("The acquirer's reverse domain, e.g. ID.CO.BANKBPD.WWW (at most 32 characters)."),
        max_length=100,
        required=False,
        widget=_code_input(32, autocapitalize="characters"),
    )
    qris_merchant_pan = forms.CharField(
        label=gettext_lazy("Merchant PAN"),
        help_text=gettext_lazy("16 to 19 digits, starting with 9360."),
        max_length=100,
        required=False,
        widget=_code_input(23, inputmode="numeric"),
    )
    qris_merchant_id = forms.CharField(
        label=gettext_lazy("Merchant ID"),
        help_text=gettext_lazy("The ID the acquirer gave this office, at most 15 characters."),
        max_length=100,
        required=False,
        widget=_code_input(15),
    )
    qris_merchant_criteria = forms.ChoiceField(
        label=gettext_lazy("Merchant criteria"),
        help_text=gettext_lazy("As written in the letter."),
        choices=QrisCriteria.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    qris_nmid = forms.CharField(
        label=gettext_lazy("National merchant ID (NMID)"),
        help_text=gettext_lazy("ID followed by 10 to 13 digits."),
        max_length=100,
        required=False,
        widget=_code_input(15, autocapitalize="characters"),
    )
    qris_mcc = forms.CharField(
        label=gettext_lazy("Merchant category code (MCC)"),
        help_text=gettext_lazy("4 digits: 9399 for government services, 9311 for tax payments."),
        max_length=100,
        required=False,
        initial="9399",
        widget=_code_input(4, inputmode="numeric"),
    )
    merchant_name = forms.CharField(
        label=gettext_lazy("Merchant name"),
        help_text=gettext_lazy("As the letter writes it, at most 25 characters."),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"maxlength": "25"}),
    )
    merchant_city = forms.CharField(
        label=gettext_lazy("Merchant city"),
        help_text=gettext_lazy("At most 15 characters."),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"maxlength": "15"}),
    )
    merchant_postal_code = forms.CharField(
        label=gettext_lazy("Postal code"),
        help_text=gettext_lazy("5 digits."),
        max_length=100,
        required=False,
        widget=_code_input(5, inputmode="numeric"),
    )


class ChannelForm(QrisMerchantForm):
    """Register a channel. A QRIS acquirer's merchant data may also be entered later."""

    name = forms.CharField(label=gettext_lazy("Name"), help_text=gettext_lazy("e.g. Bank BJB"), max_length=120)
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=ChannelKind.choices, widget=forms.RadioSelect)
    field_order = ["name", "kind"]


# --- Reconciliation and revenue report (console) ----------------------------------------

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]


class UploadForm(forms.Form):
    channel = forms.TypedChoiceField(label=gettext_lazy("Payment channel"), coerce=int)
    period_start = forms.DateField(
        label=gettext_lazy("First day the statement covers"), input_formats=DATE_FORMATS, widget=DATE_WIDGET
    )
    period_end = forms.DateField(
        label=gettext_lazy("Last day the statement covers"),
        input_formats=DATE_FORMATS,
        widget=DATE_WIDGET,
        help_text=gettext_lazy("At most 31 days. Payment dates are read in this office's time zone."),
    )
    statement_date = forms.DateField(
        label=gettext_lazy("Date of the statement (optional)"),
        required=False,
        input_formats=DATE_FORMATS,
        widget=DATE_WIDGET,
        help_text=gettext_lazy("Leave empty to use the last day of the period."),
    )
    file = forms.FileField(
        label=gettext_lazy("Statement file (CSV)"),
        widget=forms.FileInput(attrs={"accept": ".csv,text/csv"}),
    )

    def __init__(self, *args: Any, channels: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["channel"]
        assert isinstance(field, forms.ChoiceField)  # noqa: S101 - declared above
        field.choices = channels
        self.fields["file"].help_text = _(
            "Columns reference, billing_code, amount and paid_at, separated by , or ; (at most %(size)s). "
            "See the format below."
        ) % {"size": f"{MAX_FILE_BYTES // (1024 * 1024)} MB"}


RESOLUTION_HINTS = {
    Resolution.BANK_ERROR: gettext_lazy("The channel made the mistake and will correct it; nothing changes in Padu."),
    Resolution.RECORDED: gettext_lazy(
        "The money reached the agency's account: record the payment for the bill, attaching the proof. "
        "A receipt is issued."
    ),
    Resolution.WRITTEN_OFF: gettext_lazy("The difference is closed without further action; say why."),
    Resolution.ESCALATED: gettext_lazy("Pass it on for follow-up; the line stays open until it is settled."),
}


class ResolveForm(forms.Form):
    action = forms.ChoiceField(label=gettext_lazy("What to do"), widget=forms.RadioSelect)
    note = forms.CharField(
        label=gettext_lazy("Note"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("What you checked and why: this goes into the audit trail."),
    )
    proof = forms.FileField(
        label=gettext_lazy("Proof of payment (only to record a payment)"),
        required=False,
        help_text=gettext_lazy("PDF, JPG or PNG, at most 5 MB: the bank's slip or statement extract."),
        widget=forms.FileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )

    def __init__(self, *args: Any, actions: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["action"]
        assert isinstance(field, forms.ChoiceField)  # noqa: S101 - declared above
        field.choices = [(a, f"{Resolution(a).label}. {RESOLUTION_HINTS[Resolution(a)]}") for a in actions]
        if "recorded" not in actions:
            del self.fields["proof"]


class ReportForm(forms.Form):
    date_from = forms.DateField(label=gettext_lazy("From"), input_formats=DATE_FORMATS, widget=DATE_WIDGET)
    date_to = forms.DateField(label=gettext_lazy("To"), input_formats=DATE_FORMATS, widget=DATE_WIDGET)
    group = forms.ChoiceField(
        label=gettext_lazy("Group by"),
        choices=[("day", gettext_lazy("Day")), ("month", gettext_lazy("Month"))],
        initial="day",
        required=False,
    )
    account_code = forms.CharField(
        label=gettext_lazy("Revenue account code (optional)"),
        required=False,
        max_length=40,
        help_text=gettext_lazy("For example 4.1.02.01.01.0001. Leave empty for all accounts."),
    )
    channel = forms.TypedChoiceField(label=gettext_lazy("Channel"), required=False, coerce=int, empty_value=None)
    beneath = forms.BooleanField(label=gettext_lazy("Include the offices beneath this one"), required=False)

    def __init__(self, *args: Any, channels: list[tuple[int, str]], beneath: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["channel"]
        assert isinstance(field, forms.ChoiceField)  # noqa: S101 - declared above
        field.choices = [("", _("All channels")), *channels]
        if not beneath:
            del self.fields["beneath"]
