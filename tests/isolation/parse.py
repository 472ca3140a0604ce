"""What a response shows, as text: HTML, JSON, CSV, XLSX, RSS/Atom XML and PDF are each read
by their own parser, so a marker is found where a person or a program would see it."""

from __future__ import annotations

import csv
import html
import io
import json
from typing import Any


def _content(response: Any) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return bytes(response.content)


def kind_of(response: Any) -> str:
    content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
    if content_type in ("application/json", "application/problem+json"):
        return "json"
    if content_type in ("text/csv",):
        return "csv"
    if content_type == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":
        return "xlsx"
    if content_type in ("application/rss+xml", "application/atom+xml", "application/xml", "text/xml"):
        return "xml"
    if content_type == "application/pdf":
        return "pdf"
    if content_type in ("text/html", "text/plain", ""):
        return "html"
    raise AssertionError(f"no parser for {content_type!r}: add one to tests/isolation/parse.py")


def _json_strings(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (str(k), *_json_strings(v))]
    if isinstance(value, list):
        return [s for v in value for s in _json_strings(v)]
    return [] if value is None else [str(value)]


def text_of(response: Any) -> str:
    """Every string the response shows, one per line."""
    data = _content(response)
    kind = kind_of(response)
    if kind == "json":
        return "\n".join(_json_strings(json.loads(data)))
    if kind == "csv":
        rows = csv.reader(io.StringIO(data.decode("utf-8-sig")))
        return "\n".join(cell for row in rows for cell in row)
    if kind == "xlsx":
        from openpyxl import load_workbook  # type: ignore[import-untyped]

        book = load_workbook(io.BytesIO(data), read_only=True)
        return "\n".join(
            str(cell) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for cell in row if cell
        )
    if kind == "xml":
        from xml.etree import ElementTree

        root = ElementTree.fromstring(data)  # noqa: S314 - our own feed
        return "\n".join(
            [t for t in root.itertext() if t.strip()] + [v for el in root.iter() for v in el.attrib.values()]
        )
    if kind == "pdf":
        from pypdf import PdfReader

        return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)
    # HTML: the markup itself, unescaped (a marker in an attribute or a hidden field counts).
    return html.unescape(data.decode("utf-8", errors="replace"))
