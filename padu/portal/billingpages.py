"""Public and citizen pages of e-billing: look a bill up by its code, pay it (billing code
or QRIS), check a receipt, and the citizen's own bills."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from padu.billing.codes import group_code, is_valid_code, normalise_code
from padu.billing.models import Bill, BillStatus, Receipt
from padu.billing.rendering import bill_pdf, qr_svg, receipt_pdf
from padu.billing.selectors import (
    bill_for_application,
    bill_for_payer,
    bill_public,
    bill_qris,
    bill_receipt,
    is_payable,
    mask_name,
    my_bills,
    receipt_public,
)
from padu.core.actors import actor_from_request
from padu.core.errors import NotFound, PaduError
from padu.services.selectors import application_for_applicant
from padu.services.services import application_fee_bill


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


def _pdf_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def bill_view_context(bill: Bill, *, payer_name: str) -> dict[str, Any]:
    """What a bill page shows: code, QRIS while payable, receipt once paid."""
    qris = bill_qris(bill)
    receipt = bill_receipt(bill)
    return {
        "bill": bill,
        "code_grouped": group_code(bill.code),
        "payer_name": payer_name,
        "qris": qris,
        "qris_svg": qr_svg(qris, title=_("QRIS code to pay this bill")) if qris else "",
        "payable": is_payable(bill),
        "receipt": receipt,
        "lines": list(bill.lines.all()),
    }


def fee_bill_context(tracking_number: str) -> dict[str, Any]:
    """For the applicant's page: the application's fee bill and whether it holds the document back."""
    bill = bill_for_application(tracking_number)
    if bill is None:
        return {"fee_bill": None, "fee_bill_blocks_document": False}
    context = bill_view_context(bill, payer_name=bill.payer_name)
    return {
        "fee_bill": bill,
        "fee": context,
        "fee_bill_blocks_document": bill.status != BillStatus.PAID,
    }


def bill_lookup(request: HttpRequest) -> HttpResponse:
    form = CodeForm(request.GET or None)
    if request.GET and form.is_valid():
        return redirect("portal:bill_public", code=form.cleaned_data["code"])
    return render(request, "portal/billing/lookup.html", {"form": form})


def _public_bill(code: str) -> Bill:
    try:
        return bill_public(code)
    except PaduError as exc:
        raise Http404(str(exc.message)) from exc


def bill_page(request: HttpRequest, code: str) -> HttpResponse:
    """A bill for anyone holding its code: the payer's name masked."""
    bill = _public_bill(code)
    context = bill_view_context(bill, payer_name=mask_name(bill.payer_name))
    return render(request, "portal/billing/bill.html", {**context, "public": True})


def bill_page_pdf(request: HttpRequest, code: str) -> HttpResponse:
    bill = _public_bill(code)
    data = bill_pdf(bill, qris=bill_qris(bill), payer_name=mask_name(bill.payer_name))
    return _pdf_response(data, f"tagihan-{bill.code}.pdf")


def receipt_verify(request: HttpRequest, verification_code: str) -> HttpResponse:
    """Where a receipt's QR code leads: is this proof of payment genuine and still valid?"""
    try:
        receipt = receipt_public(verification_code)
    except NotFound as exc:
        return render(
            request, "portal/billing/receipt_verify.html", {"receipt": None, "error": exc.message}, status=404
        )
    return render(
        request,
        "portal/billing/receipt_verify.html",
        {"receipt": receipt, "bill": receipt.bill, "payer_name": mask_name(receipt.bill.payer_name)},
    )


@login_required
def my_bill_list(request: HttpRequest) -> HttpResponse:
    bills = list(my_bills(actor_from_request(request))[:200])
    return render(request, "portal/billing/my_bills.html", {"bills": bills})


def _my_bill(request: HttpRequest, bill_id: int) -> Bill:
    try:
        return bill_for_payer(actor_from_request(request), bill_id)
    except NotFound as exc:
        raise Http404(str(exc.message)) from exc


@login_required
def my_bill(request: HttpRequest, bill_id: int) -> HttpResponse:
    bill = _my_bill(request, bill_id)
    context = bill_view_context(bill, payer_name=bill.payer_name)
    return render(request, "portal/billing/bill.html", {**context, "public": False})


@login_required
def my_bill_pdf(request: HttpRequest, bill_id: int) -> HttpResponse:
    bill = _my_bill(request, bill_id)
    return _pdf_response(bill_pdf(bill, qris=bill_qris(bill), payer_name=bill.payer_name), f"tagihan-{bill.code}.pdf")


def receipt_pdf_response(receipt: Receipt, *, payer_name: str) -> HttpResponse:
    return _pdf_response(receipt_pdf(receipt, payer_name=payer_name), f"bukti-bayar-{receipt.number}.pdf")


@login_required
def my_receipt_pdf(request: HttpRequest, bill_id: int) -> HttpResponse:
    bill = _my_bill(request, bill_id)
    receipt = bill_receipt(bill)
    if receipt is None:
        raise Http404(_("This bill has not been paid."))
    return receipt_pdf_response(receipt, payer_name=bill.payer_name)


@login_required
@require_POST
def my_application_fee_renew(request: HttpRequest, application_id: int) -> HttpResponse:
    """A new fee bill for an application whose bill expired unpaid."""
    actor = actor_from_request(request)
    try:
        application = application_for_applicant(actor, application_id)
    except NotFound as exc:
        raise Http404(str(exc.message)) from exc
    current = bill_for_application(application.tracking_number)
    if application.fee_amount <= 0 or application.status in ("draft", "withdrawn", "rejected"):
        raise Http404
    if current is not None and current.status == BillStatus.PAID:
        messages.info(request, _("The fee has already been paid."))
    elif current is not None and is_payable(current):
        messages.info(request, _("Your bill is still valid."))
    else:
        try:
            application_fee_bill(actor=actor, application=application)
        except PaduError as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(request, _("A new bill has been issued. Pay it before the date shown."))
    return redirect("portal:my_application", application_id=application.pk)
