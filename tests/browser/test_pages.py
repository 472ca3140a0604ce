"""End-to-end journeys in a real browser, each page checked with axe-core."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from padu.core.roles import Role
from tests import web_factories as f

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _no_csp_errors(page) -> None:
    csp = [m for m in page.errors.messages if "Content Security Policy" in m]
    assert not csp, csp


def _htmx_idle(page) -> None:
    # Polled with evaluate: wait_for_function needs eval, which our CSP forbids.
    script = (
        "() => !!window.htmx && !document.querySelector('.htmx-request, .htmx-settling, .htmx-swapping, .htmx-added')"
    )
    for _ in range(200):
        if page.evaluate(script):
            return
        page.wait_for_timeout(50)
    raise AssertionError("HTMX did not settle")


def _pick(page, selector: str, value: str) -> None:
    """Choose in a picker select once HTMX has finished wiring the freshly swapped element."""
    page.wait_for_selector(selector)
    _htmx_idle(page)
    page.select_option(selector, value)


def _login(page, base: str, email: str, password: str = f.PASSWORD) -> None:
    page.goto(f"{base}/akun/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()


def test_register_verify_and_log_in(page, live_server, axe_check, screenshot):
    f.regions()
    page.goto(f"{live_server.url}/akun/signup/")
    axe_check(page)
    # Submitting empty shows an error summary that is announced and focused.
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".error-summary").is_visible()
    axe_check(page)
    page.fill("input[name=full_name]", "Budi Santoso")
    page.fill("input[name=email]", "budi@example.id")
    page.fill("input[name=password1]", f.PASSWORD)
    page.fill("input[name=password2]", f.PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    axe_check(page)
    assert len(mail.outbox) == 1
    found = re.search(r"https?://\S+/akun/confirm-email/\S+", str(mail.outbox[0].body))
    assert found, mail.outbox[0].body
    link = found.group(0)
    page.goto(link.replace("http://testserver", live_server.url).replace("https://", "http://"))
    axe_check(page)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    _login(page, live_server.url, "budi@example.id")
    assert page.url.endswith("/akun/")
    assert "Budi Santoso" in page.content()
    axe_check(page)
    screenshot(page, "account")
    _no_csp_errors(page)


def test_language_switch(page, live_server, axe_check, screenshot):
    f.agency()
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "id"
    axe_check(page)
    page.get_by_role("link", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", name="Find a government office").is_visible()
    axe_check(page)
    screenshot(page, "home-en")
    page.get_by_role("link", name="Bahasa Indonesia").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "id"
    _no_csp_errors(page)


def test_region_picker_with_javascript(page, live_server, axe_check, screenshot):
    agency = f.agency()
    page.goto(live_server.url + "/")
    _pick(page, "#id_region_1", "32")
    _pick(page, "#id_region_2", "32.04")
    _pick(page, "#id_region_3", "32.04.05")
    _pick(page, "#id_region_code", f.VILLAGE)
    _htmx_idle(page)
    page.wait_for_selector(".region-picker__chosen:has-text('Cileunyi Kulon')")
    assert page.url.rstrip("/") == live_server.url  # no full reload: HTMX swapped the picker
    page.get_by_role("button", name=re.compile("^(Search|Cari)$")).click()
    page.wait_for_load_state()
    assert "region_code=32.04.05.2001" in page.url
    page.get_by_role("link", name=agency.name).click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", name=agency.name).is_visible()
    axe_check(page)
    screenshot(page, "agency")
    _no_csp_errors(page)


def test_region_picker_without_javascript(page_nojs, live_server):
    page = page_nojs
    f.agency()
    page.goto(live_server.url + "/")
    for select, value in (
        ("#id_region_1", "32"),
        ("#id_region_2", "32.04"),
        ("#id_region_3", "32.04.05"),
        ("#id_region_code", f.VILLAGE),
    ):
        page.select_option(select, value)
        page.get_by_role("button", name=re.compile("^(Choose|Pilih)$")).click()
        page.wait_for_load_state()
    # axe-core cannot run with scripting off (its promises never settle); the same
    # pages are checked in the JavaScript tests.
    assert "Cileunyi Kulon" in page.locator(".region-picker__chosen").inner_text()
    assert "Desa Cileunyi Kulon" in page.locator("#results").inner_text()


def test_fill_citizen_profile(page, live_server, axe_check, screenshot):
    f.user("siti@example.id")
    f.regions()
    _login(page, live_server.url, "siti@example.id")
    page.goto(live_server.url + "/akun/profil/")
    axe_check(page)
    # Submitting an empty form: the error summary takes focus and links to each field.
    page.get_by_role("button", name=re.compile("^(Save|Simpan)$")).click()
    page.wait_for_load_state()
    assert page.locator(".error-summary").is_visible()
    assert page.evaluate("document.activeElement.classList.contains('error-summary')")
    axe_check(page)
    screenshot(page, "profile-errors")
    page.locator(".error-summary a[href='#id_nik']").click()
    assert page.evaluate("document.activeElement.id") == "id_nik"
    page.fill("#id_nik", f.NIK)
    page.fill("#id_name", "Siti Warga")
    page.fill("#id_birth_place", "Bandung")
    page.fill("#id_birth_date", f.NIK_BIRTH_DATE)
    _pick(page, "#id_region_1", "32")
    _pick(page, "#id_region_2", "32.04")
    _pick(page, "#id_region_3", "32.04.05")
    _pick(page, "#id_region_code", f.VILLAGE)
    page.fill("#id_street", "Jl. Merdeka 5, RT 002/RW 003")
    page.get_by_role("button", name=re.compile("^(Save|Simpan)$")).click()
    page.wait_for_load_state()
    assert page.url.endswith("/akun/")
    assert "3204" in page.content() and f.NIK not in page.content()
    axe_check(page)
    _no_csp_errors(page)


def test_console_pages(page, live_server, axe_check, screenshot):
    agency = f.agency()
    f.staff(agency, Role.FRONT_DESK, "loket@example.id")
    _login(page, live_server.url, "loket@example.id")
    for path in ("/konsol/", "/konsol/staf/", "/konsol/audit/", "/konsol/kalender/", "/konsol/warga/"):
        page.goto(live_server.url + path)
        assert page.get_by_role("heading", level=1).is_visible()
        axe_check(page)
    screenshot(page, "console-citizens")
    page.goto(live_server.url + "/akun/login/")
    _no_csp_errors(page)


def test_console_admin_pages(page, live_server, axe_check):
    agency = f.agency()
    admin = f.staff(agency, Role.AGENCY_ADMIN, "admin@example.id")
    f.with_totp(admin)
    _login(page, live_server.url, "admin@example.id")
    # With TOTP the login asks for a code; use a session cookie instead of a real app.
    page.context.clear_cookies()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(admin.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = admin.get_session_auth_hash()
    session.save()
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session.session_key, "url": live_server.url}]
    )
    for path in ("/konsol/token/", "/konsol/kalender/"):
        page.goto(live_server.url + path)
        assert page.get_by_role("heading", level=1).is_visible()
        axe_check(page)
    page.goto(live_server.url + "/konsol/token/")
    page.fill("#id_name", "Jembatan Dukcapil")
    page.check("input[value='agencies:read']")
    page.get_by_role("button", name=re.compile("^(Create token|Buat token)$")).click()
    page.wait_for_load_state()
    assert page.locator("#new-token").is_visible()
    axe_check(page)


def test_account_security_pages(page, live_server, axe_check, screenshot):
    f.user("rina@example.id", full_name="Rina")
    page.goto(live_server.url + "/akun/password/reset/")
    assert page.get_by_role("heading", level=1).is_visible()
    axe_check(page)
    _login(page, live_server.url, "rina@example.id")
    for path in ("/akun/2fa/", "/akun/2fa/totp/activate/", "/akun/keamanan/wajib-2fa/", "/akun/logout/"):
        page.goto(live_server.url + path)
        assert page.get_by_role("heading", level=1).is_visible(), path
        axe_check(page)
    # A wrong TOTP code shows the error summary (after confirming the password again).
    page.goto(live_server.url + "/akun/2fa/totp/activate/")
    if page.locator("input[name=password]").count():
        axe_check(page)
        page.fill("input[name=password]", f.PASSWORD)
        page.locator("main form button[type=submit]").click()
        page.wait_for_load_state()
    assert page.locator("img[src^='data:image/svg']").count() == 1
    axe_check(page)
    page.fill("input[name=code]", "000000")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".error-summary").is_visible()
    axe_check(page)
    screenshot(page, "totp-activate")
    _no_csp_errors(page)
