"""Letters: the agency's template body rendered in a sandbox, laid out, turned into a PDF."""

from __future__ import annotations

import base64
import datetime as dt
import mimetypes
from typing import Any
from zoneinfo import ZoneInfo

import segno
from django.template import Context, Engine, TemplateSyntaxError
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from lokal import terbilang
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from padu.core.errors import InvalidInput
from padu.core.models import Agency, Membership

MONTHS_ID = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)


class _SandboxEngine(Engine):
    # No defaulttags (so no {% load %}, {% include %}, {% debug %}, {% url %}): only sandbox.py.
    default_builtins = []


_ENGINE = _SandboxEngine(
    dirs=[],
    app_dirs=False,
    loaders=[],
    libraries={},
    builtins=["padu.documents.sandbox"],
    autoescape=True,
    string_if_invalid="",
    debug=False,
)


def tanggal_indonesia(moment: dt.datetime | dt.date, agency: Agency) -> str:
    """`27 November 2026`, on the agency's calendar."""
    if isinstance(moment, dt.datetime):
        moment = moment.astimezone(ZoneInfo(agency.time_zone)).date()
    return f"{moment.day} {MONTHS_ID[moment.month - 1]} {moment.year}"


def _plain(value: Any) -> Any:
    """Only plain data crosses into the sandbox: no model instances, no callables."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if value is None or isinstance(value, str | int | float | bool | dt.date | dt.datetime):
        return value
    return str(value)


def template_check(body: str) -> None:
    try:
        _ENGINE.from_string(body)
    except TemplateSyntaxError as exc:
        raise InvalidInput(
            _("The letter template cannot be used: %(error)s") % {"error": exc},
            code="template_invalid",
            errors={"body": [str(exc)]},
        ) from exc


def render_body(body: str, context: dict[str, Any]) -> str:
    """Render an agency's template body with only `context` in reach."""
    template_check(body)
    return _ENGINE.from_string(body).render(Context(_plain(context), autoescape=True))


def _logo_data_uri(agency: Agency) -> str:
    if not agency.logo:
        return ""
    try:
        with agency.logo.open("rb") as fh:
            data = fh.read()
    except OSError:
        return ""
    mime = mimetypes.guess_type(agency.logo.name or "")[0] or "image/png"
    return f"data:{mime};base64,{base64.b64encode(data).decode()}"


def letterhead(agency: Agency) -> dict[str, str]:
    return {
        "nama": agency.name,
        "induk": agency.parent.name if agency.parent_id and agency.parent else "",
        "alamat": agency.address,
        "telepon": agency.phone,
        "email": agency.email,
        "situs": agency.website,
        "logo": _logo_data_uri(agency),
    }


def qr_data_uri(url: str) -> str:
    return str(segno.make(url, error="m").png_data_uri(scale=4, border=1))


def letter_context(
    *, agency: Agency, number: str, when: dt.datetime, signer: Membership | None, context: dict[str, Any]
) -> dict[str, Any]:
    """What a template may refer to: the caller's data plus number, date and letterhead.
    Without a signer (a preview) the caller's `penandatangan` stays as given."""
    values = dict(context)
    values.update({"nomor": number, "tanggal": tanggal_indonesia(when, agency), "instansi": letterhead(agency)})
    if signer is not None:
        values["penandatangan"] = {
            "nama": signer.user.full_name,
            "jabatan": signer.position,
            "nip": signer.employee_number,
        }
    if isinstance(context.get("jumlah"), int):
        values["jumlah_terbilang"] = terbilang(context["jumlah"])
    return values


def render_letter_html(
    *, title: str, body_html: str, values: dict[str, Any], place: str, verify_url: str, qr: str, preview: bool = False
) -> str:
    return render_to_string(
        "documents/letter.html",
        {
            "title": title,
            "body": mark_safe(body_html),  # noqa: S308 - rendered by the sandbox with autoescape
            "v": values,
            "place": place,
            "verify_url": verify_url,
            "qr": qr,
            "with_perihal": bool(values.get("perihal")),
            "preview": preview,
        },
    )


def html_to_pdf(html: str) -> bytes:
    # Only data: URIs are fetched: a template cannot read local files or call out.
    fetcher = URLFetcher(allowed_protocols={"data"}, allow_redirects=False)
    pdf = HTML(string=html, base_url="data:,", url_fetcher=fetcher).write_pdf()
    assert pdf is not None  # noqa: S101 - write_pdf returns bytes without a target
    return bytes(pdf)
