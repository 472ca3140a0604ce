"""A population import in a real browser: the register officer (logging in with a TOTP code)
uploads a made-up SIAK export, sees the diff (new, changed with the changed item, invalid),
ticks "apply without the invalid rows" and applies. axe-core on every page."""

from __future__ import annotations

import time

import pytest
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

from padu.core.roles import Role
from padu.registries.models import ImportBatch, ImportStatus, Resident
from padu.registries.tests import importfiles as files
from padu.registries.tests.factories import make_family
from tests import web_factories as f
from tests.factories import give_totp, load_regions

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TOTP_SECRET = "JBSWY3DPEHPK3PXP"


def _login(page, base: str, email: str) -> None:
    page.goto(f"{base}/akun/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", f.PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    code_input = page.locator("input[name=code]")
    if code_input.count():
        if 30 - time.time() % 30 < 3:
            time.sleep(3)
        code_input.fill(format_hotp_value(hotp_value(TOTP_SECRET, int(time.time()) // 30)))
        page.locator("main form button[type=submit]:not([form])").click()
        page.wait_for_load_state()
    assert "/akun/login/" not in page.url, page.url


def test_registrar_uploads_sees_the_diff_and_applies(page, live_server, axe_check, guide_shot, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    base = live_server.url
    load_regions(["32.04.05.2001"])
    agency = f.agency(slug="desa-cileunyi-kulon")
    give_totp(f.staff(agency, Role.REGISTRAR, "operator@example.id"))
    make_family(agency, members=3)
    persons = files.register_persons(agency)
    persons[0] = persons[0].replace(occupation="GURU")
    bad = files.people(1, start=50, children=0)[0].replace(nik="99")
    upload = tmp_path / "ekspor-siak.csv"
    upload.write_bytes(files.siak_csv(persons + files.people(1) + [bad]))

    _login(page, base, "operator@example.id")
    page.goto(f"{base}/konsol/penduduk/impor/")
    axe_check(page)
    page.set_input_files("input[name=file]", str(upload))
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    batch = ImportBatch.objects.get()
    assert page.url.endswith(f"/konsol/penduduk/impor/{batch.pk}/")
    assert batch.status == ImportStatus.READY  # tests run the analysis task at once
    assert page.locator("[data-count=new]").inner_text() == "4"
    assert page.locator("[data-count=changed]").inner_text() == "1"
    assert page.locator("[data-count=invalid]").inner_text() == "1"
    axe_check(page)
    page.goto(f"{base}/konsol/penduduk/impor/{batch.pk}/?hasil=changed")
    assert page.locator("main ins").first.inner_text() in ("Guru", "Teacher")  # until the catalogue has it
    axe_check(page)
    guide_shot(page, "registry-import-diff", "registry-import-diff.png")

    page.locator("#id_without_invalid").check()
    page.locator("main form button[value=apply]").click()
    page.wait_for_load_state()
    axe_check(page)
    batch.refresh_from_db()
    assert batch.status == ImportStatus.APPLIED
    assert Resident.objects.filter(agency=agency).count() == 7
