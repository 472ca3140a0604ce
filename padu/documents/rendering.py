"""Letters: the agency's template body rendered in a sandbox, laid out, turned into a PDF."""

from __future__ import annotations

import base64
import datetime as dt
import mimetypes
import re
import threading
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import segno
from django.template import Context, Engine, TemplateSyntaxError
from django.template.loader import render_to_string
from django.utils.functional import Promise
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from padu.core.errors import InvalidInput
from padu.core.models import Agency, Membership
from padu.core.money import terbilang
from padu.core.richtext import render as richtext_render

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


def _sandbox(*, debug: bool) -> _SandboxEngine:
    return _SandboxEngine(
        dirs=[],
        app_dirs=False,
        loaders=[],
        libraries={},
        builtins=["padu.documents.sandbox"],
        autoescape=True,
        string_if_invalid="",
        debug=debug,
    )


_ENGINE = _sandbox(debug=False)


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


# The same sandbox compiling with line numbers: only to explain a broken template.
_CHECKER = _sandbox(debug=True)
ALLOWED_TAGS = ("if", "for", "with", "comment", "firstof", "spaceless", "cycle", "verbatim")
_QUOTED = re.compile(r"'([^']*)'")
_CLOSERS = ("else", "elif", "empty")


def _explain(exc: TemplateSyntaxError) -> str:
    """Django's (English, technical) syntax error as a sentence in the reader's language,
    naming the line."""
    debug = getattr(exc, "template_debug", None) or {}
    line = debug.get("line") or 1
    text = str(debug.get("during") or "").strip()[:80]
    raw = str(exc.args[0]) if exc.args else str(exc)
    quoted = _QUOTED.search(raw)
    name = quoted.group(1) if quoted else ""
    if raw.startswith("Invalid block tag"):
        if name.startswith("end") or name in _CLOSERS:
            return _("Line %(line)s: “%(tag)s” has no opening tag to close.") % {"line": line, "tag": name}
        return _("Line %(line)s: the tag “%(tag)s” cannot be used in a letter template (allowed: %(allowed)s).") % {
            "line": line,
            "tag": name,
            "allowed": ", ".join(ALLOWED_TAGS),
        }
    if raw.startswith("Unclosed tag"):
        return _("Line %(line)s: the tag “%(tag)s” is opened but never closed (“end%(tag)s” is missing).") % {
            "line": line,
            "tag": name,
        }
    if raw.startswith("Invalid filter"):
        return _("Line %(line)s: the filter “%(filter)s” cannot be used in a letter template.") % {
            "line": line,
            "filter": name,
        }
    if raw.startswith(("Empty variable tag", "Empty block tag")):
        return _("Line %(line)s: “%(text)s” is empty.") % {"line": line, "text": text}
    if text.startswith("{%"):
        return _("Line %(line)s: the tag “%(text)s” is not written correctly.") % {"line": line, "text": text}
    return _("Line %(line)s: “%(text)s” is not written correctly. A placeholder looks like {{ pemohon.nama }}.") % {
        "line": line,
        "text": text,
    }


def template_check(body: str) -> None:
    """Refuse a body the sandbox cannot compile, saying what is wrong and on which line."""
    try:
        _CHECKER.from_string(body)
    except TemplateSyntaxError as exc:
        problem = _explain(exc)
        raise InvalidInput(problem, code="template_invalid", errors={"body": [problem]}) from exc


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


# What `letter_context` gives every template, for the editor's list of placeholders (the
# issuing app adds its own: the applicant, the form's answers).
BASE_PLACEHOLDERS: tuple[tuple[str, Promise], ...] = (
    ("nomor", gettext_lazy("The letter's number (given when it is signed)")),
    ("tanggal", gettext_lazy("The date of signing")),
    ("instansi.nama", gettext_lazy("The office's name")),
    ("instansi.induk", gettext_lazy("The office above it (e.g. the regency)")),
    ("instansi.alamat", gettext_lazy("The office's address")),
    ("penandatangan.nama", gettext_lazy("The signer's name")),
    ("penandatangan.jabatan", gettext_lazy("The signer's position")),
    ("penandatangan.nip", gettext_lazy("The signer's employee number (NIP)")),
    ("jumlah_terbilang", gettext_lazy("An amount in words (when the letter has an amount)")),
)


def render_letter_preview(*, title: str, body_html: str, values: dict[str, Any], place: str) -> SafeString:
    """The letter as a fragment of a page (the signer's preview): the same parts as the PDF,
    the body sanitised again (no scripts, styles or frames reach the page), no QR code."""
    return render_to_string(
        "documents/_letter_preview.html",
        {
            "title": title,
            "body": richtext_render(body_html, image_prefixes=()),
            "v": values,
            "place": place,
            "with_perihal": bool(values.get("perihal")),
        },
    )


LETTER_CSS = (Path(__file__).resolve().parent / "templates" / "documents" / "letter.css").read_text(encoding="utf-8")


def render_letter_html(
    *, title: str, body_html: str, values: dict[str, Any], place: str, verify_url: str, qr: str, preview: bool = False
) -> str:
    """The letter page, for `letter_to_pdf`. Its layout (letter.css) is applied there, except when
    the body brings a `<style>` of its own: then the layout is inlined before it as an author
    stylesheet, so the template's rules meet ours in the same cascade as always."""
    return render_to_string(
        "documents/letter.html",
        {
            "inline_style": mark_safe(LETTER_CSS) if "<style" in body_html.lower() else "",  # noqa: S308 - our file
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


def _fetcher() -> URLFetcher:
    # Only data: URIs are fetched: a template cannot read local files or call out.
    return URLFetcher(allowed_protocols={"data"}, allow_redirects=False)


class _Layout(threading.local):
    """Set up once per thread rather than per PDF (WeasyPrint objects are not shared between
    threads): the system fonts, and the letter's stylesheet, parsed and compiled."""

    def __init__(self) -> None:
        self.fonts = FontConfiguration()
        self.letter_css = CSS(string=LETTER_CSS, base_url="data:,", url_fetcher=_fetcher(), font_config=self.fonts)


_LAYOUT = _Layout()


def _write_pdf(html: str, stylesheets: list[CSS]) -> bytes:
    # A document's @font-face rules would add its fonts to the shared configuration, where a
    # later document could pick them up: such a document gets a configuration of its own.
    fonts = FontConfiguration() if "@font-face" in html.lower() else _LAYOUT.fonts
    pdf = HTML(string=html, base_url="data:,", url_fetcher=_fetcher()).write_pdf(
        stylesheets=stylesheets, font_config=fonts
    )
    assert pdf is not None  # noqa: S101 - write_pdf returns bytes without a target
    return bytes(pdf)


def html_to_pdf(html: str) -> bytes:
    """Any HTML document, with its own styles, as a PDF."""
    return _write_pdf(html, [])


def letter_to_pdf(html: str) -> bytes:
    """A page from `render_letter_html` as a PDF, laid out by letter.css."""
    return _write_pdf(html, [_LAYOUT.letter_css])
