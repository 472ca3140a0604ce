"""Staff console pages of e-billing: bills (list, issue, cancel, refund with a second
person's approval) and payment channels (register, show the secret once, rotate)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from padu.billing.models import BillStatus, ChannelKind, RefundStatus, SourceKind
from padu.billing.permissions import can_decide_refund, is_treasurer
from padu.billing.selectors import bill_for_staff, bill_receipt, bills_for, channel_for, channels_for, refund_for
from padu.billing.services import (
    LineInput,
    bill_cancel,
    bill_create,
    channel_register,
    channel_rotate_secret,
    channel_set_active,
    refund_decide,
    refund_request,
)
from padu.core.actors import Actor
from padu.core.errors import Forbidden, PaduError
from padu.core.permissions import supervises
from padu.core.selectors import agency_get_for
from padu.core.web.console import console_context, console_view
from padu.core.web.forms import apply_error
from padu.portal.billingpages import bill_view_context, receipt_pdf_response

PAGE_SIZE = 50
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


class ChannelForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name"), help_text=gettext_lazy("e.g. Bank BJB"), max_length=120)
    kind = forms.ChoiceField(label=gettext_lazy("Kind"), choices=ChannelKind.choices, widget=forms.RadioSelect)
    qris_merchant_pan = forms.CharField(
        label=gettext_lazy("QRIS merchant PAN"), help_text=gettext_lazy("QRIS only."), max_length=19, required=False
    )
    qris_nmid = forms.CharField(
        label=gettext_lazy("QRIS national merchant id (NMID)"),
        help_text=gettext_lazy("QRIS only: ID followed by 13 digits."),
        max_length=15,
        required=False,
    )
    qris_acquirer_domain = forms.CharField(
        label=gettext_lazy("Acquirer reverse domain"),
        help_text=gettext_lazy("QRIS only, e.g. ID.CO.BANKDAERAH.WWW"),
        max_length=32,
        required=False,
    )
    merchant_name = forms.CharField(
        label=gettext_lazy("Merchant name"),
        help_text=gettext_lazy("QRIS only, at most 25 characters."),
        max_length=25,
        required=False,
    )
    merchant_city = forms.CharField(
        label=gettext_lazy("Merchant city"),
        help_text=gettext_lazy("QRIS only, at most 15 characters."),
        max_length=15,
        required=False,
    )
    merchant_postal_code = forms.CharField(label=gettext_lazy("Postal code"), max_length=10, required=False)


def _ctx(request: HttpRequest, actor: Actor, agency: Any, **extra: Any) -> dict[str, Any]:
    return console_context(
        request, actor, agency, section="billing", is_treasurer=is_treasurer(actor, agency.pk), **extra
    )


@console_view
def bill_list(request: HttpRequest, actor: Actor, agency_id: int) -> HttpResponse:
    agency = agency_get_for(actor, agency_id)
    form = BillFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    qs = bills_for(
        actor,
        agency_id,
        status=data.get("status", ""),
        source_kind=data.get("source_kind", ""),
        query=data.get("q", ""),
        beneath=bool(data.get("beneath")),
    )
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    can_beneath = actor.is_superuser or supervises(actor, agency)
    return render(
        request,
        "portal/billing/console/bills.html",
        _ctx(request, actor, agency, form=form, page=page, can_beneath=can_beneath),
    )


@console_view
def bill_new(request: HttpRequest, actor: Actor, agency_id: int) -> HttpResponse:
    agency = agency_get_for(actor, agency_id)
    if not is_treasurer(actor, agency.pk):
        raise Forbidden(_("Only the agency's treasurer can issue bills."))
    form = BillForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            bill = bill_create(
                actor=actor,
                agency=agency,
                payer_kind="walk_in",
                payer_name=form.cleaned_data["payer_name"],
                source_kind=form.cleaned_data["source_kind"],
                source_reference=form.cleaned_data["source_reference"],
                description=form.cleaned_data["description"],
                valid_days=form.cleaned_data["valid_days"],
                lines=form.lines(),
            )
        except PaduError as exc:
            for key in list(exc.errors):
                if key.startswith("lines."):
                    _lines, index, part = key.split(".")
                    exc.errors[f"line_{int(index) + 1}_{part}"] = exc.errors.pop(key)
                elif key == "lines":
                    exc.errors["line_1_amount"] = exc.errors.pop(key)
            apply_error(form, None, exc)
        else:
            messages.success(request, _("The bill has been issued. Give the payer its billing code."))
            return redirect("portal:console_bill", bill_id=bill.pk)
    return render(request, "portal/billing/console/bill_new.html", _ctx(request, actor, agency, form=form))


@console_view
def bill_detail(request: HttpRequest, actor: Actor, agency_id: int, bill_id: int) -> HttpResponse:
    bill = bill_for_staff(actor, bill_id)
    refunds = list(bill.refunds.all())
    pending = next((r for r in refunds if r.status == RefundStatus.PENDING), None)
    return render(
        request,
        "portal/billing/console/bill.html",
        _ctx(
            request,
            actor,
            bill.agency,
            **bill_view_context(bill, payer_name=bill.payer_name),
            payments=list(bill.payments.all()),
            refunds=refunds,
            pending_refund=pending,
            can_act=is_treasurer(actor, bill.agency_id),
            can_decide=pending is not None
            and can_decide_refund(actor, bill.agency_id)
            and actor.user_id != pending.requested_by_id,
            cancel_form=ReasonForm(prefix="cancel"),
            refund_form=ReasonForm(prefix="refund"),
            decision_form=DecisionForm(prefix="decide"),
        ),
    )


def _post_on_bill(request: HttpRequest, actor: Actor, bill_id: int, action: str) -> HttpResponse:
    bill = bill_for_staff(actor, bill_id)
    try:
        if action == "cancel":
            form = ReasonForm(request.POST, prefix="cancel")
            bill_cancel(actor=actor, bill=bill, reason=form.data.get("cancel-reason", ""))
            messages.success(request, _("The bill has been cancelled."))
        elif action == "refund":
            refund_request(actor=actor, bill=bill, reason=request.POST.get("refund-reason", ""))
            messages.success(request, _("The refund is waiting for a second person's approval."))
        else:
            pending = next((r for r in bill.refunds.all() if r.status == RefundStatus.PENDING), None)
            if pending is None:
                messages.error(request, _("There is no refund waiting for a decision."))
            else:
                refund = refund_for(actor, pending.pk)
                approve = request.POST.get("decide-decision") == "approve"
                if request.POST.get("decide-decision") not in ("approve", "reject"):
                    messages.error(request, _("Choose approve or reject."))
                else:
                    refund_decide(actor=actor, refund=refund, approve=approve, note=request.POST.get("decide-note", ""))
                    messages.success(
                        request, _("The refund has been approved.") if approve else _("The refund has been rejected.")
                    )
    except Forbidden:
        raise
    except PaduError as exc:
        messages.error(request, str(exc.message))
    return redirect("portal:console_bill", bill_id=bill.pk)


@console_view
@require_POST
def bill_cancel_post(request: HttpRequest, actor: Actor, agency_id: int, bill_id: int) -> HttpResponse:
    return _post_on_bill(request, actor, bill_id, "cancel")


@console_view
@require_POST
def bill_refund_post(request: HttpRequest, actor: Actor, agency_id: int, bill_id: int) -> HttpResponse:
    return _post_on_bill(request, actor, bill_id, "refund")


@console_view
@require_POST
def bill_refund_decide_post(request: HttpRequest, actor: Actor, agency_id: int, bill_id: int) -> HttpResponse:
    return _post_on_bill(request, actor, bill_id, "decide")


@console_view
def bill_receipt_pdf(request: HttpRequest, actor: Actor, agency_id: int, bill_id: int) -> HttpResponse:
    bill = bill_for_staff(actor, bill_id)
    receipt = bill_receipt(bill)
    if receipt is None:
        from django.http import Http404

        raise Http404(_("This bill has not been paid."))
    return receipt_pdf_response(receipt, payer_name=bill.payer_name)


@console_view
def channels(request: HttpRequest, actor: Actor, agency_id: int) -> HttpResponse:
    agency = agency_get_for(actor, agency_id)
    channel_list = channels_for(actor, agency_id)
    form = ChannelForm(request.POST or None)
    new_secret = None
    new_channel = None
    if request.method == "POST" and form.is_valid():
        try:
            new_channel, new_secret = channel_register(actor=actor, agency=agency, **form.cleaned_data)
        except Forbidden:
            raise
        except PaduError as exc:
            apply_error(form, None, exc)
        else:
            form = ChannelForm()
    response = render(
        request,
        "portal/billing/console/channels.html",
        _ctx(
            request,
            actor,
            agency,
            channels=list(channel_list),
            form=form,
            new_secret=new_secret,
            new_channel=new_channel,
        ),
    )
    response["Cache-Control"] = "no-store"
    return response


@console_view
@require_POST
def channel_rotate(request: HttpRequest, actor: Actor, agency_id: int, channel_id: int) -> HttpResponse:
    channel = channel_for(actor, channel_id)
    secret = channel_rotate_secret(actor=actor, channel=channel)
    agency = agency_get_for(actor, channel.agency_id)
    response = render(
        request,
        "portal/billing/console/channels.html",
        _ctx(
            request,
            actor,
            agency,
            channels=list(channels_for(actor, channel.agency_id)),
            form=ChannelForm(),
            new_secret=secret,
            new_channel=channel,
        ),
    )
    response["Cache-Control"] = "no-store"
    return response


@console_view
@require_POST
def channel_toggle(request: HttpRequest, actor: Actor, agency_id: int, channel_id: int) -> HttpResponse:
    channel = channel_for(actor, channel_id)
    channel_set_active(actor=actor, channel=channel, active=not channel.is_active)
    messages.success(
        request,
        _("The channel has been switched on.") if not channel.is_active else _("The channel has been switched off."),
    )
    return redirect("portal:console_channels")
