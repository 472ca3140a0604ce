"""At 360 px no table clips: every table page of the demo, public and console, shows its
rows as label/value cards that fit the screen; on a desktop the same tables stay tables.
Every control on the pages keeps a 44 px target, and a radio button keeps its size when its
label wraps."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from django.core.management import call_command

from padu.accounts.demo import AGENCIES, CITIZENS
from padu.accounts.models import User
from padu.billing.models import Bill
from padu.core.models import Agency
from padu.core.web.console import SESSION_KEY as AGENCY_KEY
from padu.registries.models import ImportBatch, Resident
from tests.factories import load_regions

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}

# What a cell looks like on the page: where it ends, whether its content is cut, its label.
CELLS = """() => [...document.querySelectorAll('main table')].filter(t => !t.closest('.rich-text')).flatMap(t =>
  [...t.querySelectorAll('tbody td, tbody th')].map(c => {
    const r = c.getBoundingClientRect();
    // A cell is labelled by its data-label, or, in a key/value table, by its row's header.
    const labelled = c.hasAttribute('data-label') || c.matches('th')
      || !!c.parentElement.querySelector('th[scope=row]');
    return {right: r.right, cut: c.scrollWidth - c.clientWidth, label: c.getAttribute('data-label'), labelled,
            span: c.hasAttribute('colspan'), text: c.textContent.trim().slice(0, 40),
            shown: getComputedStyle(c, '::before').content, table: getComputedStyle(t).display};
  }))"""


def _as(page, live_server, email: str | None, agency_slug: str | None = None) -> None:
    page.context.clear_cookies()
    if email is None:
        return
    user = User.objects.get(email=email)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    if agency_slug:
        session[AGENCY_KEY] = Agency.objects.get(slug=agency_slug).pk
    session.save()
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session.session_key, "url": live_server.url}]
    )


def _table_pages() -> list[tuple[str | None, str | None, str]]:
    bill = Bill.objects.filter(agency__slug="bapenda-bandung").order_by("pk").first()
    assert bill is not None
    village, desk = "desa-cileunyi-kulon", "bendahara.cileunyikulon@padu.test"
    registrar = "penduduk.cileunyikulon@padu.test"
    batch = ImportBatch.objects.filter(agency__slug=village).order_by("pk").first()
    resident = Resident.objects.filter(agency__slug=village, user__isnull=False).first()
    assert batch is not None and resident is not None
    return [
        (None, None, "/pengaduan/statistik/"),
        (None, None, f"/ppid/{village}/"),
        (None, None, f"/bayar/{bill.code}/"),
        ("warga@padu.test", None, "/akun/"),
        ("warga@padu.test", None, "/akun/ppid/"),
        ("admin.cileunyikulon@padu.test", village, "/konsol/staf/"),
        ("admin.cileunyikulon@padu.test", village, "/konsol/audit/"),
        ("admin.cileunyikulon@padu.test", village, "/konsol/token/"),
        ("admin.cileunyikulon@padu.test", village, "/konsol/kalender/"),
        ("admin.cileunyikulon@padu.test", village, "/konsol/layanan/"),
        ("admin.cileunyikulon@padu.test", village, "/konsol/surat/"),
        ("admin.cileunyikulon@padu.test", village, "/konsol/berita/"),
        ("admin.cileunyikulon@padu.test", village, "/konsol/jdih/"),
        ("sekdes.cileunyikulon@padu.test", village, "/konsol/kotak-masuk/"),
        ("ppid.cileunyikulon@padu.test", village, "/konsol/ppid/"),
        ("ppid.cileunyikulon@padu.test", village, "/konsol/ppid/daftar-informasi/"),
        ("ppid.cileunyikulon@padu.test", village, "/konsol/ppid/laporan/"),
        ("admin.cileunyikulon@padu.test", village, "/konsol/pengaduan/"),
        (desk, village, "/konsol/tagihan/"),
        (desk, village, "/konsol/kanal-pembayaran/"),
        (desk, village, "/konsol/tagihan/laporan/"),
        (desk, village, "/konsol/tagihan/rekonsiliasi/"),
        ("bendahara.bapenda@padu.test", "bapenda-bandung", f"/konsol/tagihan/{bill.pk}/"),
        (None, None, f"/statistik-penduduk/{village}/"),
        (None, None, "/statistik-penduduk/kecamatan-cileunyi/"),
        ("warga@padu.test", None, "/akun/data-kependudukan/"),
        (registrar, village, "/konsol/penduduk/"),
        (registrar, village, f"/konsol/penduduk/warga/{resident.pk}/"),
        (registrar, village, "/konsol/penduduk/peristiwa/"),
        (registrar, village, "/konsol/penduduk/usulan/"),
        (registrar, village, "/konsol/penduduk/impor/"),
        (registrar, village, f"/konsol/penduduk/impor/{batch.pk}/"),
        (registrar, village, "/konsol/penduduk/buku/induk/?bulan=2026-11"),
        (registrar, village, "/konsol/penduduk/buku/mutasi/?bulan=2026-11"),
        (registrar, village, "/konsol/penduduk/buku/rekapitulasi/?bulan=2026-11"),
        (registrar, village, "/konsol/penduduk/buku/ktp-kk/?bulan=2026-11"),
        (registrar, village, "/konsol/penduduk/statistik/"),
    ]


@pytest.fixture
def demo(transactional_db):
    load_regions([spec.region for spec in AGENCIES] + [c[6] for c in CITIZENS])
    call_command("demo", "--skip-regions", verbosity=0)


def test_no_table_page_clips_on_a_phone_and_tables_stay_tables_on_a_desktop(page, live_server, demo):
    problems: list[str] = []
    for email, agency, path in _table_pages():
        _as(page, live_server, email, agency)
        page.set_viewport_size(PHONE)
        response = page.goto(live_server.url + path)
        assert response is not None and response.status == 200, (path, response and response.status)
        cells = page.evaluate(CELLS)
        if not cells:
            problems.append(f"{path}: no table rows in the demo")
            continue
        wide = page.evaluate("() => document.documentElement.scrollWidth")
        if wide > PHONE["width"]:
            problems.append(f"{path}: the page is {wide} px wide")
        for cell in cells:
            if cell["right"] > PHONE["width"] + 0.5 or cell["cut"] > 1:
                problems.append(f"{path}: cell {cell['text']!r} is cut off")
            if not cell["span"] and not cell["labelled"] and cell["text"]:
                problems.append(f"{path}: cell {cell['text']!r} has no column label")
            if cell["label"] and cell["shown"] in ("none", "normal"):
                problems.append(f"{path}: the label of {cell['text']!r} is not shown")
        page.set_viewport_size(DESKTOP)
        if {cell["table"] for cell in page.evaluate(CELLS)} != {"table"}:
            problems.append(f"{path}: not a table on a desktop")
    assert problems == []


def test_a_bill_amount_is_whole_on_a_phone(page, live_server, demo):
    bill = Bill.objects.filter(agency__slug="bapenda-bandung").order_by("pk").first()
    assert bill is not None
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/bayar/{bill.code}/")
    total = f"{bill.total:,}".replace(",", ".")
    amounts = page.evaluate(
        """() => [...document.querySelectorAll('main td')].filter(c => c.textContent.includes('Rp'))
           .map(c => ({text: c.innerText, cut: c.scrollWidth - c.clientWidth,
                       right: c.getBoundingClientRect().right}))"""
    )
    assert any(f"Rp{total}" in a["text"].replace("\u00a0", "") for a in amounts), amounts
    assert all(a["cut"] <= 1 and a["right"] <= PHONE["width"] + 0.5 for a in amounts), amounts


CONTROLS = """() => [...document.querySelectorAll('main button, main .button, main input, main select, main textarea')]
  .filter(e => e.type !== 'hidden' && e.offsetParent !== null)
  .map(e => {
    // A radio button's or checkbox's target is its label (a tap on it chooses the box).
    const box = (e.type === 'radio' || e.type === 'checkbox') ? (e.labels && e.labels[0]) || e : e;
    const r = box.getBoundingClientRect(), own = e.getBoundingClientRect();
    return {name: e.name || e.textContent.trim().slice(0, 30), type: e.type, height: r.height, own: own.width};
  })"""


@pytest.mark.parametrize("path", ["/", "/pengaduan/kirim/", "/akun/signup/", "/layanan/"])
def test_every_control_keeps_a_44_px_target_on_a_phone(page, live_server, demo, path):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + path)
    controls = page.evaluate(CONTROLS)
    assert controls, path
    small = [c for c in controls if c["height"] < 44]
    assert small == [], path
    shrunk = [c for c in controls if c["type"] in ("radio", "checkbox") and c["own"] < 20]
    assert shrunk == [], path
