"""Bills and receipts as PDFs (WeasyPrint, HTML templates) with QR codes (segno).

Billing renders its own PDFs: it stands beside `documents`, which signs letters; a bill
or a receipt is not a signed letter but a record with a verification QR code.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

import segno
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from padu.billing.codes import group_code
from padu.billing.models import Bill, Receipt
from padu.core.money import format_rupiah, terbilang


def amount_in_words(amount: int) -> str:
    return terbilang(amount, currency=True, sentence=True)


def site_url(path: str) -> str:
    return settings.PADU_SITE_URL.rstrip("/") + path


def bill_url(bill: Bill) -> str:
    return site_url(reverse("portal:bill_public", args=[bill.code]))


def receipt_verify_url(receipt: Receipt) -> str:
    return site_url(reverse("portal:receipt_verify", args=[receipt.verification_code]))


def qr_svg(data: str, *, title: str) -> str:
    """An inline SVG QR code (no image request, works without JS, sharp when printed)."""
    qr = segno.make(data, error="m")
    # At most about 260 px wide, so the page still fits a 320 px screen.
    width, _height = qr.symbol_size(scale=1, border=2)
    svg = qr.svg_inline(scale=max(2, min(5, 260 // width)), border=2, title=title)
    return str(svg)


def qr_png_data_uri(data: str) -> str:
    return str(segno.make(data, error="m").png_data_uri(scale=5, border=2))


def local(moment: dt.datetime | None, bill: Bill) -> dt.datetime | None:
    return moment.astimezone(ZoneInfo(bill.agency.time_zone)) if moment is not None else None


def _pdf(html: str) -> bytes:
    fetcher = URLFetcher(allowed_protocols={"data"}, allow_redirects=False)
    pdf = HTML(string=html, base_url="data:,", url_fetcher=fetcher).write_pdf()
    assert pdf is not None  # noqa: S101 - write_pdf returns bytes without a target
    return bytes(pdf)


def bill_pdf(bill: Bill, *, qris: str, payer_name: str) -> bytes:
    context: dict[str, Any] = {
        "bill": bill,
        "code": group_code(bill.code),
        "payer_name": payer_name,
        "lines": list(bill.lines.all()),
        "total": format_rupiah(bill.total),
        "words": amount_in_words(bill.total),
        "issued_at": local(bill.issued_at, bill),
        "expires_at": local(bill.expires_at, bill),
        "qris_png": qr_png_data_uri(qris) if qris else "",
        "url": bill_url(bill),
    }
    return _pdf(render_to_string("billing/bill_pdf.html", context))


def receipt_pdf(receipt: Receipt, *, payer_name: str) -> bytes:
    bill = receipt.bill
    url = receipt_verify_url(receipt)
    context: dict[str, Any] = {
        "receipt": receipt,
        "bill": bill,
        "code": group_code(bill.code),
        "payer_name": payer_name,
        "lines": list(bill.lines.all()),
        "total": format_rupiah(receipt.payment.amount),
        "words": amount_in_words(receipt.payment.amount),
        "paid_at": local(receipt.payment.paid_at, bill),
        "channel": receipt.payment.channel.name,
        "qr_png": qr_png_data_uri(url),
        "url": url,
    }
    return _pdf(render_to_string("billing/receipt_pdf.html", context))
