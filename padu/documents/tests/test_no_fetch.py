"""The PDF renderer fetches nothing: a letter template that points at a web address or a local
file gets neither into its PDF, and the address is never even asked for.

A small HTTP server on 127.0.0.1 (port 0, in a thread) counts every request it receives and
answers each with an image or a stylesheet, so a fetch would show twice: as a hit, and as an
image in the PDF. The controls show that both signals work: WeasyPrint left to its default
fetcher hits the server and embeds the images, and a `data:` image (the letter's QR code, or
one in the template) is embedded by our renderer."""

from __future__ import annotations

import base64
import io
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import segno
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject
from weasyprint import HTML

from padu.documents.rendering import html_to_pdf, letter_to_pdf, qr_data_uri, render_body, render_letter_html


def _png(text: str) -> bytes:
    out = io.BytesIO()
    segno.make(text).save(out, kind="png", scale=4)
    return out.getvalue()


PNG = _png("gambar")
CSS = b"body { background-image: url(/from-css.png); }"


@dataclass
class Server:
    base: str
    hits: list[str] = field(default_factory=list)


@pytest.fixture
def server() -> Iterator[Server]:
    hits: list[str] = []
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def _answer(self) -> None:
            with lock:
                hits.append(self.path)
            body, kind = (CSS, "text/css") if self.path.endswith(".css") else (PNG, "image/png")
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = do_HEAD = _answer  # noqa: N815 - the names http.server calls

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base's signature
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield Server(base=f"http://127.0.0.1:{httpd.server_address[1]}", hits=hits)
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)


@pytest.fixture
def local_png(tmp_path: Path) -> Path:
    path = tmp_path / "rahasia.png"
    path.write_bytes(_png("berkas lokal"))
    return path


def _references(server: Server, local_png: Path) -> str:
    """Every way a template could ask for something from outside."""
    return (
        f'<link rel="stylesheet" href="{server.base}/linked.css">'
        f'<style>@import url("{server.base}/imported.css");'
        f' .kop {{ background-image: url("{server.base}/background.png"); }}</style>'
        f'<p class="kop">Kop surat</p>'
        f'<img src="{server.base}/logo.png" alt="logo">'
        f'<img src="file://{local_png}" alt="berkas">'
        f'<img src="{local_png}" alt="jalur">'
        f'<object data="{server.base}/object.png" type="image/png"></object>'
        f'<svg width="10" height="10"><image href="{server.base}/svg.png" width="10" height="10"/></svg>'
    )


def _document(body: str) -> str:
    return f"<!doctype html><html><head><title>t</title></head><body>{body}</body></html>"


def images_in(pdf: bytes) -> int:
    """Image XObjects anywhere in the PDF (page resources, patterns, forms), each counted once."""
    reader = PdfReader(io.BytesIO(pdf))
    seen: set[tuple[int, int]] = set()
    found = 0
    stack: list[Any] = [reader.trailer["/Root"]]
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            key = (item.idnum, item.generation)
            if key in seen:
                continue
            seen.add(key)
            item = item.get_object()
        if isinstance(item, DictionaryObject):  # streams are dictionaries too
            if item.get("/Subtype") == "/Image":
                found += 1
            stack.extend(value for name, value in item.items() if name != "/Parent")
        elif isinstance(item, ArrayObject):
            stack.extend(item)
    return found


def _letter(body_html: str, qr: str = "") -> str:
    values = {
        "nomor": "001/SKD/XI/2026",
        "tanggal": "27 November 2026",
        "instansi": {"nama": "Desa Cileunyi Kulon", "alamat": "Jl. Raya Cileunyi No. 10"},
        "penandatangan": {"nama": "Asep Suryana", "jabatan": "Kepala Desa", "nip": "197001012000031001"},
    }
    return render_letter_html(
        title="Surat Keterangan", body_html=body_html, values=values, place="Bandung", verify_url="", qr=qr
    )


def test_a_letter_template_gets_nothing_from_the_web_or_the_disk(server, local_png):
    # The agency's template, through the sandbox, into the letter page, into the PDF.
    body = render_body("<p>{{ pemohon.nama }}</p>" + _references(server, local_png), {"pemohon": {"nama": "Budi"}})
    assert f"{server.base}/logo.png" in body and f"file://{local_png}" in body  # the references did survive
    pdf = letter_to_pdf(_letter(body))
    assert pdf.startswith(b"%PDF-")
    assert server.hits == []
    assert images_in(pdf) == 0


@pytest.mark.parametrize("render", [html_to_pdf, letter_to_pdf])
def test_any_html_gets_nothing_from_the_web_or_the_disk(server, local_png, render):
    pdf = render(_document(_references(server, local_png)))
    assert server.hits == []
    assert images_in(pdf) == 0


def test_a_font_from_the_web_is_not_fetched(server):
    css = f'@font-face {{ font-family: Jauh; src: url("{server.base}/jauh.woff2"); }} p {{ font-family: Jauh; }}'
    html_to_pdf(_document(f"<style>{css}</style><p>Teks</p>"))
    assert server.hits == []


def test_a_data_image_in_the_template_is_embedded(server, local_png):
    data = "data:image/png;base64," + base64.b64encode(PNG).decode()
    body = render_body(f'<p>Foto</p><img src="{data}" alt="foto">' + _references(server, local_png), {})
    pdf = letter_to_pdf(_letter(body))
    assert images_in(pdf) == 1
    assert server.hits == []


def test_the_letters_qr_code_is_embedded():
    plain = letter_to_pdf(_letter("<p>Budi</p>"))
    with_qr = letter_to_pdf(_letter("<p>Budi</p>", qr=qr_data_uri("https://padu.example.id/verifikasi/ABC")))
    assert images_in(plain) == 0
    assert images_in(with_qr) == 1


def test_control_weasyprints_own_fetcher_would_be_seen(server, local_png, monkeypatch):
    # The same page through WeasyPrint's default fetcher: the server counts the requests and
    # the images land in the PDF, so the checks above can see a fetch when one happens.
    monkeypatch.setenv("no_proxy", "127.0.0.1")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    pdf = HTML(string=_document(_references(server, local_png)), base_url=server.base).write_pdf()
    assert {"/linked.css", "/imported.css", "/background.png", "/logo.png"} <= set(server.hits)
    assert images_in(pdf) >= 3  # the web logo, the local file, the background
