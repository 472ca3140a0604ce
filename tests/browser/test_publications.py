"""News, the JDIH register and their console editors in a real browser, checked with axe-core."""

from __future__ import annotations

import re

import pytest

from padu.core.actors import OPERATOR
from padu.core.roles import Role
from padu.publications.models import NewsItem
from padu.publications.services import legal_relation_add, news_create, news_publish
from padu.publications.tests.test_legal_register import published
from tests import web_factories as f
from tests.browser.test_service_admin import _log_in_admin

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_public_news_and_jdih_pages(page, live_server, axe_check, screenshot):
    agency = f.agency()
    item = news_create(
        actor=OPERATOR,
        agency=agency,
        kind="announcement",
        title="Posyandu Balita Bulan Ini",
        summary="Di setiap RW mulai pukul 08.00.",
        body='<p>Bawa buku KIA.</p><table><caption>Jadwal</caption><tr><th scope="col">RW</th></tr>'
        "<tr><td>RW 01</td></tr></table><script>alert(1)</script>",
    )
    news_publish(actor=OPERATOR, item=item)
    base = published(agency, OPERATOR, number="3", year=2020, title="Pajak Daerah", text="sarang burung walet")
    newer = published(agency, OPERATOR, number="1", year=2023, title="Perubahan Pajak Daerah", text="tarif")
    legal_relation_add(actor=OPERATOR, document=newer, kind="amends", target=base)

    for path in ("/berita/", f"/instansi/{agency.slug}/berita/", f"/instansi/{agency.slug}/berita/{item.slug}/"):
        page.goto(live_server.url + path)
        assert page.get_by_role("heading", level=1).is_visible(), path
        axe_check(page)
    assert page.get_by_role("table").is_visible()
    screenshot(page, "news-item")

    page.goto(live_server.url + "/jdih/")
    axe_check(page)
    page.fill("input[name=q]", "walet")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    results = page.locator("#results")
    assert "Nomor 3 Tahun 2020" in results.inner_text()
    assert "Nomor 1 Tahun 2023" not in results.inner_text()
    axe_check(page)
    results.get_by_role("link", name=re.compile("Nomor 3 Tahun 2020")).click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).is_visible()
    assert page.get_by_role("link", name=re.compile("Nomor 1 Tahun 2023")).is_visible()
    axe_check(page)
    screenshot(page, "jdih-document")
    assert not [m for m in page.errors.messages if "Content Security Policy" in m]


def test_console_news_and_jdih_editors(page, live_server, axe_check, screenshot):
    agency = f.agency()
    admin = f.staff(agency, Role.AGENCY_ADMIN, "admin@example.id")
    f.with_totp(admin)
    _log_in_admin(page, live_server, admin)
    page.goto(live_server.url + "/konsol/berita/baru/")
    axe_check(page)
    # Saving an empty form shows the error summary.
    page.get_by_role("button", name=re.compile("^(Save|Simpan)$")).click()
    page.wait_for_load_state()
    assert page.locator(".error-summary").is_visible()
    axe_check(page)
    page.fill("input[name=title]", "Kerja Bakti Hari Minggu")
    page.fill("textarea[name=body]", "Warga berkumpul di balai desa.\n\nBawa <strong>cangkul</strong>.")
    page.get_by_role("button", name=re.compile("^(Save|Simpan)$")).click()
    page.wait_for_load_state()
    item = NewsItem.objects.get()
    assert item.body == "<p>Warga berkumpul di balai desa.</p><p>Bawa <strong>cangkul</strong>.</p>"
    axe_check(page)
    page.get_by_role("button", name=re.compile("^(Publish|Terbitkan)$")).click()
    page.wait_for_load_state()
    axe_check(page)
    screenshot(page, "console-news-edit")
    page.goto(live_server.url + "/konsol/berita/")
    axe_check(page)

    document = published(agency, OPERATOR, number="5", year=2024, title="Pasar Desa", doc_type="perdes")
    for path in ("/konsol/jdih/", "/konsol/jdih/baru/", f"/konsol/jdih/{document.pk}/"):
        page.goto(live_server.url + path)
        assert page.get_by_role("heading", level=1).is_visible(), path
        axe_check(page)
    screenshot(page, "console-jdih-edit")
