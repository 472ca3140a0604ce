"""Public and citizen pages of e-billing: look a bill up by its code, pay it (billing code
or QRIS), check a receipt, and the citizen's own bills."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from padu.billing.codes import group_code
from padu.billing.models import Bill, Receipt
from padu.billing.rendering import bill_pdf, qr_svg, receipt_pdf
from padu.billing.selectors import (
    QrisStatus,
    bill_for_payer,
    bill_public,
    bill_qris,
    bill_qris_status,
    bill_receipt,
    is_payable,
    mask_name,
    my_bills,
    receipt_public,
)
from padu.billing.web.forms import CodeForm
from padu.core.actors import actor_from_request
from padu.core.errors import NotFound, PaduError


def _pdf_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def bill_view_context(bill: Bill, *, payer_name: str) -> dict[str, Any]:
    """What a bill page shows: code, QRIS while payable, receipt once paid."""
    qris, qris_status = bill_qris_status(bill)
    receipt = bill_receipt(bill)
    return {
        "bill": bill,
        "code_grouped": group_code(bill.code),
        "payer_name": payer_name,
        "qris": qris,
        "qris_svg": qr_svg(qris, title=_("QRIS code to pay this bill")) if qris else "",
        # The office has a QRIS acquirer whose merchant data is not complete yet.
        "qris_pending": qris_status == QrisStatus.NOT_READY,
        "payable": is_payable(bill),
        "receipt": receipt,
        "lines": list(bill.lines.all()),
    }


def bill_lookup(request: HttpRequest) -> HttpResponse:
    form = CodeForm(request.GET or None)
    if request.GET and form.is_valid():
        return redirect("portal:bill_public", code=form.cleaned_data["code"])
    return render(request, "billing/pages/lookup.html", {"form": form})


def _public_bill(code: str) -> Bill:
    try:
        return bill_public(code)
    except PaduError as exc:
        raise Http404(str(exc.message)) from exc


def bill_page(request: HttpRequest, code: str) -> HttpResponse:
    """A bill for anyone holding its code: the payer's name masked."""
    bill = _public_bill(code)
    context = bill_view_context(bill, payer_name=mask_name(bill.payer_name))
    return render(request, "billing/pages/bill.html", {**context, "public": True})


def bill_page_pdf(request: HttpRequest, code: str) -> HttpResponse:
    bill = _public_bill(code)
    data = bill_pdf(bill, qris=bill_qris(bill), payer_name=mask_name(bill.payer_name))
    return _pdf_response(data, f"tagihan-{bill.code}.pdf")


def receipt_verify(request: HttpRequest, verification_code: str) -> HttpResponse:
    """Where a receipt's QR code leads: is this proof of payment genuine and still valid?"""
    try:
        receipt = receipt_public(verification_code)
    except NotFound as exc:
        return render(request, "billing/pages/receipt_verify.html", {"receipt": None, "error": exc.message}, status=404)
    return render(
        request,
        "billing/pages/receipt_verify.html",
        {"receipt": receipt, "bill": receipt.bill, "payer_name": mask_name(receipt.bill.payer_name)},
    )


@login_required
def my_bill_list(request: HttpRequest) -> HttpResponse:
    bills = list(my_bills(actor_from_request(request))[:200])
    return render(request, "billing/pages/my_bills.html", {"bills": bills})


def _my_bill(request: HttpRequest, bill_id: int) -> Bill:
    return bill_for_payer(actor_from_request(request), bill_id)


@login_required
def my_bill(request: HttpRequest, bill_id: int) -> HttpResponse:
    bill = _my_bill(request, bill_id)
    context = bill_view_context(bill, payer_name=bill.payer_name)
    return render(request, "billing/pages/bill.html", {**context, "public": False})


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
