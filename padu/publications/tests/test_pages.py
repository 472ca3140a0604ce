"""Public news and JDIH pages, feeds, and the console editor."""

from __future__ import annotations

import datetime as dt
import io
import xml.etree.ElementTree as ET

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from padu.core.actors import OPERATOR
from padu.core.roles import Role
from padu.core.web.console import SESSION_KEY
from padu.publications.models import LegalDocument, NewsItem, NewsStatus
from padu.publications.services import (
    legal_relation_add,
    news_cover_set,
    news_create,
    news_publish,
)
from padu.publications.tests.test_legal_register import pdf_with, published
from tests.factories import give_totp, make_agency, make_staff

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def agency():
    return make_agency()


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (30, 20), (10, 120, 60)).save(out, format="PNG")
    return out.getvalue()


def public_item(agency, title="Posyandu Balita", body="<p>Posyandu dibuka <strong>pukul 08.00</strong>.</p>", **kw):
    item = news_create(actor=OPERATOR, agency=agency, title=title, body=body, **kw)
    return news_publish(actor=OPERATOR, item=item)


def console_client(client, agency, role=Role.AGENCY_ADMIN):
    user = make_staff(agency, role)
    give_totp(user)
    client.force_login(user)
    session = client.session
    session[SESSION_KEY] = agency.pk
    session.save()
    return user


def test_news_list_item_and_agency_page(client, agency):
    item = public_item(agency, summary="Jadwal bulan ini.")
    news_cover_set(actor=OPERATOR, item=item, upload=SimpleUploadedFile("a.png", png()), alt="Kader posyandu")
    news_create(actor=OPERATOR, agency=agency, title="Draf Tersembunyi", body="<p>x</p>")
    listing = client.get(reverse("portal:news")).content.decode()
    assert "Posyandu Balita" in listing and "Draf Tersembunyi" not in listing
    agency_list = client.get(reverse("portal:agency_news", args=[agency.slug])).content.decode()
    assert 'type="application/rss+xml"' in agency_list and "Jadwal bulan ini." in agency_list
    page = client.get(reverse("portal:news_item", args=[agency.slug, item.slug])).content.decode()
    assert "<strong>pukul 08.00</strong>" in page
    assert 'alt="Kader posyandu"' in page
    assert "WIB" in page
    cover = client.get(reverse("portal:news_cover", args=[item.pk]))
    assert cover.status_code == 200 and cover["Content-Type"] == "image/jpeg"  # an opaque image becomes JPEG
    assert cover["X-Content-Type-Options"] == "nosniff"
    assert "Posyandu Balita" in client.get(reverse("portal:agency", args=[agency.slug])).content.decode()


def test_hostile_text_in_the_database_is_still_harmless_on_the_page(client, agency):
    item = public_item(agency)
    NewsItem.objects.filter(pk=item.pk).update(body='<p>ok</p><script>alert(1)</script><img src=x onerror="alert(2)">')
    page = client.get(reverse("portal:news_item", args=[agency.slug, item.slug])).content.decode()
    assert "alert(1)" not in page and "onerror" not in page


def test_drafts_and_scheduled_items_are_404(client, agency):
    draft = news_create(actor=OPERATOR, agency=agency, title="Belum", body="<p>x</p>")
    news_cover_set(actor=OPERATOR, item=draft, upload=SimpleUploadedFile("a.png", png()), alt="Draf")
    assert client.get(reverse("portal:news_cover", args=[draft.pk])).status_code == 404
    console_client(client, agency)
    cover = client.get(reverse("portal:news_cover", args=[draft.pk]))
    assert cover.status_code == 200 and cover["Cache-Control"] == "private, no-store"
    client.logout()
    assert client.get(reverse("portal:news_item", args=[agency.slug, draft.slug])).status_code == 404
    news_publish(actor=OPERATOR, item=draft, publish_at=timezone.now() + dt.timedelta(hours=3))
    assert client.get(reverse("portal:news_item", args=[agency.slug, draft.slug])).status_code == 404


def test_rss_and_atom_feeds_parse_and_list_public_items(client, agency):
    public_item(agency, title="Kerja Bakti <Minggu> & Senin")
    news_create(actor=OPERATOR, agency=agency, title="Draf", body="<p>x</p>")
    rss = client.get(reverse("portal:agency_news_rss", args=[agency.slug]))
    assert rss.status_code == 200
    assert rss["Content-Type"] == "application/rss+xml; charset=utf-8"
    root = ET.fromstring(rss.content)  # noqa: S314 - our own output, in a test
    items = root.findall("./channel/item")
    assert [i.findtext("title") for i in items] == ["Kerja Bakti <Minggu> & Senin"]
    assert (items[0].findtext("link") or "").startswith("http://testserver/instansi/")
    assert "<script" not in (items[0].findtext("description") or "")
    atom = client.get(reverse("portal:agency_news_atom", args=[agency.slug]))
    assert atom["Content-Type"] == "application/atom+xml; charset=utf-8"
    feed = ET.fromstring(atom.content)  # noqa: S314 - our own output, in a test
    assert [e.findtext(f"{ATOM}title") for e in feed.findall(f"{ATOM}entry")] == ["Kerja Bakti <Minggu> & Senin"]
    assert client.get(reverse("portal:agency_news_rss", args=["tidak-ada"])).status_code == 404


def test_jdih_list_search_document_and_download(client, agency):
    regency = make_agency(name="Pemerintah Kabupaten Bandung", kind="pemda", region="32.04")
    base = published(regency, OPERATOR, number="3", year=2020, title="Pajak Daerah", text="pajak sarang burung walet")
    newer = published(regency, OPERATOR, number="1", year=2023, title="Perubahan Pajak Daerah", text="tarif")
    legal_relation_add(actor=OPERATOR, document=newer, kind="amends", target=base)
    listing = client.get(reverse("portal:legal_list")).content.decode()
    assert "Peraturan Daerah Nomor 3 Tahun 2020" in listing
    found = client.get(reverse("portal:legal_list"), {"q": "walet"}).content.decode()
    assert "1 document found" in found or "1 dokumen ditemukan" in found
    assert "Nomor 1 Tahun 2023" not in found
    page = client.get(reverse("portal:legal_document", args=[base.key])).content.decode()
    assert "Pajak Daerah" in page and "Amended" in page or "Diubah" in page
    assert reverse("portal:legal_document", args=[newer.key]) in page
    # The bare id redirects to the readable address.
    moved = client.get(reverse("portal:legal_document", args=[str(base.pk)]))
    assert moved.status_code == 301 and moved["Location"].endswith(f"/jdih/{base.key}/")
    pdf = client.get(reverse("portal:legal_document_pdf", args=[base.key]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF-")
    assert client.get(reverse("portal:legal_document", args=["abc"])).status_code == 404
    # One office's register, linked from its page.
    assert (
        f"/jdih/?instansi={regency.slug}" in client.get(reverse("portal:agency", args=[regency.slug])).content.decode()
    )
    own = client.get(reverse("portal:legal_list"), {"instansi": agency.slug}).content.decode()
    assert "Nomor 3 Tahun 2020" not in own
    assert client.get(reverse("portal:legal_list"), {"instansi": "tidak-ada"}).status_code == 404


def test_console_news_editor_creates_sanitises_schedules_and_publishes(client, agency):
    console_client(client, agency, Role.INFORMATION_OFFICER)
    assert client.get(reverse("portal:console_news_new")).status_code == 200
    response = client.post(
        reverse("portal:console_news_new"),
        {
            "kind": "announcement",
            "title": "Pelayanan Tutup Saat Cuti Bersama",
            "summary": "Kantor desa tutup.",
            "body": "Kantor tutup.\n\nLayanan darurat <script>alert(1)</script> tetap buka.",
            "pinned_until_date": (timezone.now() + dt.timedelta(days=5)).date().isoformat(),
            "cover": SimpleUploadedFile("foto.png", png(), content_type="image/png"),
            "cover_alt": "Kantor desa",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    item = NewsItem.objects.get()
    assert item.body == "<p>Kantor tutup.</p><p>Layanan darurat  tetap buka.</p>"
    # The editor shows it back as typed paragraphs, not as HTML.
    editor = client.get(reverse("portal:console_news_edit", args=[item.pk])).content.decode()
    assert "Kantor tutup.\n\nLayanan darurat  tetap buka.</textarea>" in editor
    assert item.cover and item.cover_alt == "Kantor desa"
    tomorrow = (timezone.now() + dt.timedelta(days=1)).date().isoformat()
    client.post(
        reverse("portal:console_news_publish", args=[item.pk]), {"publish_date": tomorrow, "publish_time": "07:00"}
    )
    item.refresh_from_db()
    assert item.status == NewsStatus.PUBLISHED and item.publish_at is not None and item.publish_at > timezone.now()
    assert item.publish_at.astimezone(dt.timezone(dt.timedelta(hours=7))).hour == 7
    listing = client.get(reverse("portal:console_news")).content.decode()
    assert "Scheduled" in listing or "Terjadwal" in listing
    client.post(reverse("portal:console_news_unpublish", args=[item.pk]))
    client.post(reverse("portal:console_news_publish", args=[item.pk]), {})
    assert client.get(reverse("portal:news_item", args=[agency.slug, item.slug])).status_code == 200


def test_console_news_editor_shows_errors_at_the_fields(client, agency):
    console_client(client, agency)
    response = client.post(
        reverse("portal:console_news_new"),
        {
            "kind": "news",
            "title": "",
            "body": "<script>x</script>",
            "cover": SimpleUploadedFile("foto.png", b"<html>bukan gambar</html>"),
            "cover_alt": "",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert 'class="error-summary"' in page
    assert NewsItem.objects.count() == 0
    hostile_cover = client.post(
        reverse("portal:console_news_new"),
        {
            "kind": "news",
            "title": "Judul",
            "body": "Isi",
            "cover": SimpleUploadedFile("foto.png", b"<html>bukan gambar</html>"),
            "cover_alt": "Foto",
        },
    )
    assert hostile_cover.status_code == 200
    assert "JPG, PNG" in hostile_cover.content.decode()
    assert NewsItem.objects.count() == 0  # the text and the image are saved together or not at all


def test_console_jdih_editor_uploads_publishes_and_relates(client, agency):
    console_client(client, agency)
    response = client.post(
        reverse("portal:console_legal_new"),
        {
            "doc_type": "perdes",
            "number": "2",
            "year": "2025",
            "title": "Anggaran Pendapatan dan Belanja Desa Tahun Anggaran 2025",
            "place_enacted": "Cileunyi Kulon",
            "date_enacted": "2025-01-10",
            "date_promulgated": "2025-01-10",
            "language": "id",
            "status": "berlaku",
            "abstract": "Pendapatan desa <b onclick=x>Rp1,2 miliar</b>.",
            "pdf": SimpleUploadedFile("apbdes.pdf", pdf_with("belanja desa bidang pembangunan")),
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    document = LegalDocument.objects.get()
    assert document.pdf_pages == 1 and "onclick" not in document.abstract
    client.post(
        reverse("portal:console_legal_relation_add", args=[document.pk]),
        {"kind": "implements", "target_citation": "Permendagri Nomor 20 Tahun 2018", "target": ""},
    )
    assert document.relations_out.count() == 1
    client.post(reverse("portal:console_legal_publish", args=[document.pk]))
    document.refresh_from_db()
    assert document.published_at is not None
    page = client.get(reverse("portal:legal_document", args=[document.key])).content.decode()
    assert "Permendagri Nomor 20 Tahun 2018" in page
    relation = document.relations_out.get()
    client.post(reverse("portal:console_legal_relation_remove", args=[document.pk, relation.pk]))
    assert document.relations_out.count() == 0


def test_console_pdf_errors_show_at_the_field(client, agency):
    console_client(client, agency)
    response = client.post(
        reverse("portal:console_legal_new"),
        {
            "doc_type": "perdes",
            "number": "3",
            "year": "2025",
            "title": "Desa",
            "language": "id",
            "status": "berlaku",
            "pdf": SimpleUploadedFile("apbdes.pdf", b"<html>bukan pdf</html>"),
        },
    )
    assert response.status_code == 200
    assert "PDF" in response.content.decode()
    assert LegalDocument.objects.count() == 0


def test_other_staff_cannot_open_the_editors(client, agency):
    console_client(client, agency, Role.FRONT_DESK)
    assert client.get(reverse("portal:console_news")).status_code == 403
    assert client.get(reverse("portal:console_legal")).status_code == 403


def test_images_from_our_news_route_stay_and_foreign_ones_go(client, agency):
    body = (
        '<p>Foto kegiatan:</p><img src="/berita/gambar/7/" alt="Kerja bakti">'
        '<img src="https://evil.example/x.png" alt="x">'
    )
    item = public_item(agency, body=body)
    page = client.get(reverse("portal:news_item", args=[agency.slug, item.slug])).content.decode()
    assert '<img src="/berita/gambar/7/" alt="Kerja bakti">' in page
    assert "evil.example" not in page
    rss = client.get(reverse("portal:agency_news_rss", args=[agency.slug])).content.decode()
    assert "/berita/gambar/7/" in rss and "evil.example" not in rss
