"""Staff console pages of e-billing: bills (list, issue, cancel, refund with a second
person's approval) and payment channels (register, show the secret once, rotate, enter a
QRIS acquirer's merchant data)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from padu.billing.models import ChannelKind, PaymentChannel, RefundStatus
from padu.billing.permissions import can_decide_refund, is_treasurer
from padu.billing.qris import MERCHANT_FIELDS, channel_qris_problems, merchant_data
from padu.billing.selectors import bill_for_staff, bill_receipt, bills_for, channel_for, channels_for, refund_for
from padu.billing.services import (
    bill_cancel,
    bill_create,
    channel_qris_update,
    channel_register,
    channel_rotate_secret,
    channel_set_active,
    refund_decide,
    refund_request,
)
from padu.billing.web.forms import BillFilterForm, BillForm, ChannelForm, DecisionForm, QrisMerchantForm, ReasonForm
from padu.billing.web.pages import bill_view_context, receipt_pdf_response
from padu.core.actors import Actor
from padu.core.errors import Forbidden, PaduError
from padu.core.permissions import supervises
from padu.core.selectors import agency_get_for
from padu.core.web.console import console_context, console_view
from padu.core.web.forms import apply_error

PAGE_SIZE = 50


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
        "billing/console/bills.html",
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
    return render(request, "billing/console/bill_new.html", _ctx(request, actor, agency, form=form))


@console_view
def bill_detail(request: HttpRequest, actor: Actor, agency_id: int, bill_id: int) -> HttpResponse:
    bill = bill_for_staff(actor, bill_id)
    refunds = list(bill.refunds.all())
    pending = next((r for r in refunds if r.status == RefundStatus.PENDING), None)
    return render(
        request,
        "billing/console/bill.html",
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
        raise Http404(_("This bill has not been paid."))
    return receipt_pdf_response(receipt, payer_name=bill.payer_name)


def _with_qris_state(channels: Any) -> list[tuple[PaymentChannel, bool]]:
    return [(c, c.kind == ChannelKind.QRIS and not channel_qris_problems(c)) for c in channels]


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
        "billing/console/channels.html",
        _ctx(
            request,
            actor,
            agency,
            channels=_with_qris_state(channel_list),
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
        "billing/console/channels.html",
        _ctx(
            request,
            actor,
            agency,
            channels=_with_qris_state(channels_for(actor, channel.agency_id)),
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


@console_view
def channel_qris(request: HttpRequest, actor: Actor, agency_id: int, channel_id: int) -> HttpResponse:
    """Enter or correct a QRIS acquirer's merchant data, from the acquirer's letter."""
    channel = channel_for(actor, channel_id)
    if channel.kind != ChannelKind.QRIS:
        raise Http404(_("This channel is not a QRIS acquirer."))
    form = QrisMerchantForm(request.POST or None, initial=merchant_data(channel))
    if request.method == "POST" and form.is_valid():
        try:
            channel_qris_update(actor=actor, channel=channel, **{k: form.cleaned_data[k] for k in MERCHANT_FIELDS})
        except Forbidden:
            raise
        except PaduError as exc:
            apply_error(form, None, exc)
        else:
            messages.success(request, _("The QRIS data of %(name)s has been saved.") % {"name": channel.name})
            return redirect("portal:console_channels")
    agency = agency_get_for(actor, channel.agency_id)
    return render(
        request,
        "billing/console/channel_qris.html",
        _ctx(request, actor, agency, channel=channel, form=form, ready=not channel_qris_problems(channel)),
    )
