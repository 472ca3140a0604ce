"""A village letter filled from the population register, in a real browser: a citizen whose
account the village linked to their record starts a letter and finds the form filled from the
register (with the panel saying so); the signer reads that the data came from the register
and when it last changed. Each page checked with axe-core."""

from __future__ import annotations

import re

import pytest
from django.utils.module_loading import import_string

from padu.core.actors import OPERATOR, Actor
from padu.core.manifest import hook_calls
from padu.core.models import Membership
from padu.core.roles import Role
from padu.core.services import number_pattern_set
from padu.documents.pki import pki_init
from padu.documents.services import letter_template_save
from padu.registries.codes import MaritalStatus, Occupation, Relationship, Sex
from padu.registries.linking import link_confirm
from padu.registries.models import Resident
from padu.registries.tests.factories import make_family, make_resident, make_rt
from padu.services.models import Application
from padu.services.tests.factories import make_service
from tests import web_factories as f
from tests.browser.test_service_admin import _log_in_admin
from tests.factories import make_citizen

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HOOKS = {
    "register_facts": "padu.registries.hooks.register_facts",
    "application_completed": "padu.registries.hooks.application_completed",
}
FORM = {
    "fields": [
        {"name": "nik", "type": "nik", "label": {"id": "NIK pemohon", "en": "Applicant's NIK"}, "prefill": "nik"},
        {"name": "nama", "type": "text", "label": {"id": "Nama lengkap", "en": "Full name"}, "prefill": "name"},
        {"name": "alamat", "type": "address", "label": {"id": "Alamat", "en": "Address"}},
        {"name": "pekerjaan", "type": "text", "label": {"id": "Pekerjaan", "en": "Occupation"}},
        {"name": "rt", "type": "text", "label": {"id": "RT", "en": "RT"}},
        {"name": "rw", "type": "text", "label": {"id": "RW", "en": "RW"}},
        {"name": "keperluan", "type": "textarea", "label": {"id": "Keperluan surat", "en": "What it is for"}},
    ]
}
BODY = "Menerangkan bahwa {{ pemohon.nama }} beralamat di {{ pemohon.alamat }}, pekerjaan {{ penduduk.pekerjaan }}."
SIGN = re.compile("^(Sign|Tandatangani)$")


@pytest.fixture
def register_hooks(monkeypatch):
    """The register's hooks, as its manifest names them (added here while it does not yet)."""

    def calls(name: str):
        found = hook_calls(name)
        return found or ((import_string(HOOKS[name]),) if name in HOOKS else ())

    monkeypatch.setattr("padu.services.register.hook_calls", calls)
    monkeypatch.setattr("padu.services.tasks.hook_calls", calls)


@pytest.fixture
def village(tmp_path, settings, register_hooks):
    settings.PADU_PKI_DIR = tmp_path / "pki"
    settings.PADU_SIGNING_KEY = ""
    settings.PADU_SIGNING_CERT = ""
    settings.PADU_SIGNING_CHAIN = ""
    settings.MEDIA_ROOT = tmp_path / "media"
    pki_init()
    agency = f.agency(code="DS-CKL")
    number_pattern_set(
        actor=OPERATOR, agency=agency, kind="sk-domisili", pattern="[nomor,3]/[tahun]", classification_code="400"
    )
    letter_template_save(
        actor=OPERATOR,
        agency=agency,
        kind="sk-domisili",
        name="Surat Keterangan Domisili",
        body=BODY,
        body_format="text",
        placeholders=("pemohon.nama", "pemohon.alamat", "penduduk.pekerjaan"),
    )
    version = make_service(
        agency, slug="sk-domisili", document_kind="sk-domisili", form=FORM, workflow=[{"role": "signer"}]
    )
    # The register: a family in RT 001 / RW 003 of Dusun Satu, the citizen its wife.
    rt = make_rt(agency, dusun="Dusun Satu", rw="RW 003", rt="RT 001")
    family, _people = make_family(agency, area=rt, members=1)
    citizen = make_citizen(f.user("siti@example.id", full_name="Siti Aminah"), female=True).user
    profile = citizen.citizen
    resident = make_resident(
        agency,
        family=family,
        area=rt,
        nik=profile.nik,
        name="SITI AMINAH",
        sex=Sex.FEMALE,
        birth=profile.birth_date,
        marital_status=MaritalStatus.MARRIED,
        relationship=Relationship.WIFE,
        occupation=Occupation.TRADE,
        address="Jl. Melati 7",
    )
    registrar = f.staff(agency, Role.REGISTRAR, "operator@example.id")
    link_confirm(actor=Actor(user=registrar), agency=agency, resident_id=resident.pk, user_id=citizen.pk)
    kades = f.staff(agency, Role.SIGNER, "kades@example.id")
    f.with_totp(kades)
    Membership.objects.filter(user=kades).update(position="Kepala Desa Cileunyi Kulon")
    return agency, version, citizen, resident, kades


def test_a_linked_citizen_gets_the_letter_form_filled_and_the_signer_sees_the_register(
    page, live_server, axe_check, guide_shot, village
):
    agency, version, citizen, resident, kades = village
    _log_in_admin(page, live_server, citizen)
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    page.goto(f"{live_server.url}/layanan/{agency.slug}/{version.service.slug}/ajukan/")
    panel = page.locator("[data-register-panel]")
    assert panel.is_visible()
    assert "From the population register of Desa Cileunyi Kulon" in panel.inner_text()
    assert "SITI AMINAH" in panel.inner_text() and "Kepala Keluarga" in panel.inner_text()
    # The form is filled from the register, not from the profile the citizen typed.
    assert page.locator("#id_nik").input_value() == citizen.citizen.nik
    assert page.locator("#id_alamat").input_value() == (
        "Jl. Melati 7, RT 001 / RW 003, Dusun Satu, Desa Cileunyi Kulon"
    )
    assert page.locator("#id_pekerjaan").input_value() == "Trade"
    assert page.locator("#id_rt").input_value() == "RT 001"
    assert page.locator("#id_rw").input_value() == "RW 003"
    axe_check(page)
    guide_shot(page, "registry-letter-from-register", "registry-letter-from-register.png")
    page.locator("#id_keperluan").fill("Melamar pekerjaan")
    page.get_by_role("button", name=re.compile("^(Submit application|Kirim permohonan)$")).click()
    page.wait_for_url(re.compile(r"/akun/permohonan/\d+/"))
    application = Application.objects.get(applicant=citizen)
    assert application.answers["alamat"].startswith("Jl. Melati 7")
    assert application.status == "in_review"
    # The signer reads the letter with the register's values and where they come from.
    page.context.clear_cookies()
    _log_in_admin(page, live_server, kades)
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": live_server.url}])
    page.goto(f"{live_server.url}/konsol/permohonan/{application.pk}/")
    note = page.locator("[data-register-note]")
    assert note.is_visible()
    text = note.inner_text()
    assert text.startswith("The applicant's data comes from the population register of Desa Cileunyi Kulon")
    assert "last changed on" in text
    assert "Menerangkan bahwa SITI AMINAH beralamat di Jl. Melati 7" in page.content()
    axe_check(page)
    guide_shot(page, "registry-letter-signing-note")
    page.locator("#confirm-sign").check()
    page.get_by_role("button", name=SIGN).click()
    page.wait_for_url(re.compile(r"/konsol/"))
    assert Application.objects.get(pk=application.pk).status == "completed"
    assert Resident.objects.get(pk=resident.pk).user_id == citizen.pk
