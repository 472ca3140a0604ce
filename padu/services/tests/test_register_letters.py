"""Letters and forms filled from the population register, as services sees it: through the
hooks `register_facts` and `application_completed` (a stand-in register here; the real one is
tested in padu/registries/tests and end to end in tests/browser/test_registry_letter.py).

- The register wins over what the applicant typed on their profile; without the register the
  letter keeps the typed values and the signer is told so.
- The citizen's form is filled only for their own linked record; the counter's for the
  person the officer found.
- A completed application of a service with a register event tells the register, once.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.urls import reverse
from django.utils.translation import override

from padu.core.actors import OPERATOR, Actor
from padu.core.errors import InvalidInput
from padu.core.roles import Role
from padu.core.services import number_pattern_set
from padu.core.web.console import SESSION_KEY
from padu.documents.pki import pki_init
from padu.documents.services import letter_template_save
from padu.services.letters import letter_context_for, letter_placeholders, signing_preview
from padu.services.models import Application, RegisterEvent
from padu.services.register import register_prefill
from padu.services.services import application_act, application_start, service_version_update
from padu.services.tasks import application_completed_run, completed_payload
from padu.services.tests.factories import GOOD_ANSWERS, make_service
from tests import web_factories as f
from tests.factories import make_citizen

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 27, 3, 0, tzinfo=dt.UTC)  # 27 Nov 2026, 10:00 WIB
CHANGED = dt.datetime(2026, 10, 5, 2, 0, tzinfo=dt.UTC)  # 5 Oct 2026, 09:00 WIB


class FakeRegister:
    """A register holding one resident, by NIK; `linked_user` is the account linked to it."""

    def __init__(self) -> None:
        self.nik = ""
        self.linked_user: int | None = None
        self.calls: list[dict[str, Any]] = []
        self.completed: list[dict[str, Any]] = []

    def facts(self, *, agency_id: int, nik: str, actor: Any, purpose: str, user_id: int | None = None) -> Any:
        self.calls.append({"agency_id": agency_id, "nik": nik, "actor": actor, "purpose": purpose, "user_id": user_id})
        if nik != self.nik or (user_id is not None and user_id != self.linked_user):
            return None
        return {
            "nama": "SITI AMINAH BINTI SALEH",
            "nik": nik,
            "nik_samaran": nik[:4] + "********" + nik[-4:],
            "tempat_lahir": "Garut",
            "tanggal_lahir": dt.date(1988, 3, 9),
            "jenis_kelamin": "Female",
            "pekerjaan": "Trade",
            "status_perkawinan": "Married",
            "alamat": "Jl. Melati 7, RT 001 / RW 003, Dusun Satu, Desa Cileunyi Kulon",
            "rt": "RT 001",
            "rw": "RW 003",
            "dusun": "Dusun Satu",
            "no_kk": "3204050101200001",
            "hubungan": "Wife",
            "keluarga": [
                {"nama": "AHMAD", "nik": "3204051403800001", "hubungan": "Head of family"},
                {"nama": "SITI AMINAH BINTI SALEH", "nik": nik, "hubungan": "Wife"},
            ],
            "anggota_keluarga": "AHMAD (Head of family); SITI AMINAH BINTI SALEH (Wife)",
            "_source": {"village": "Desa Cileunyi Kulon", "updated_at": CHANGED, "linked": bool(self.linked_user)},
        }

    def application_completed(self, **payload: Any) -> None:
        self.completed.append(payload)


@pytest.fixture
def register(monkeypatch):
    fake = FakeRegister()
    hooks = {"register_facts": (fake.facts,), "application_completed": (fake.application_completed,)}

    def calls(name: str) -> tuple[Any, ...]:
        return hooks.get(name, ())

    monkeypatch.setattr("padu.services.register.hook_calls", calls)
    monkeypatch.setattr("padu.services.tasks.hook_calls", calls)
    return fake


@pytest.fixture
def no_register(monkeypatch):
    monkeypatch.setattr("padu.services.register.hook_calls", lambda name: ())
    monkeypatch.setattr("padu.services.tasks.hook_calls", lambda name: ())


PATTERN = "[nomor,3]/[kode]/[kode_instansi]/[bulan_romawi]/[tahun]"


@pytest.fixture
def village(tmp_path, settings):
    settings.PADU_PKI_DIR = tmp_path / "pki"
    settings.PADU_SIGNING_KEY = ""
    settings.PADU_SIGNING_CERT = ""
    settings.PADU_SIGNING_CHAIN = ""
    settings.MEDIA_ROOT = tmp_path / "media"
    pki_init()
    agency = f.agency(code="DS-CKL")
    number_pattern_set(actor=OPERATOR, agency=agency, kind="sk-domisili", pattern=PATTERN, classification_code="400")
    letter_template_save(
        actor=OPERATOR,
        agency=agency,
        kind="sk-domisili",
        name="Surat Keterangan Domisili",
        body="Menerangkan bahwa {{ pemohon.nama }} lahir {{ pemohon.tanggal_lahir }} tinggal di {{ pemohon.alamat }}.",
        body_format="text",
        placeholders=("pemohon.nama", "pemohon.tanggal_lahir", "pemohon.alamat"),
    )
    form = {
        "fields": [
            {"name": "nik", "type": "nik", "label": "NIK", "prefill": "nik"},
            {"name": "nama", "type": "text", "label": "Nama", "prefill": "name"},
            {"name": "alamat", "type": "address", "label": "Alamat"},
            {"name": "pekerjaan", "type": "text", "label": "Pekerjaan", "required": False},
            {"name": "rt", "type": "text", "label": "RT", "required": False},
            {"name": "keperluan", "type": "textarea", "label": "Keperluan"},
        ]
    }
    version = make_service(agency, slug="sk-domisili", document_kind="sk-domisili", form=form)
    citizen = make_citizen(f.user("siti@example.id", full_name="Siti Aminah"), female=True).user
    return agency, version, citizen


def _answers(citizen) -> dict[str, Any]:
    profile = citizen.citizen
    return {"nik": profile.nik, "nama": profile.name, "alamat": "Jl. Ketik Sendiri 1", "keperluan": "Melamar kerja"}


def _at_last_step(agency, version, citizen) -> Application:
    with time_machine.travel(NOW, tick=False):
        app = application_start(actor=Actor(user=citizen), version=version, answers=_answers(citizen))
        app = application_act(actor=Actor(user=citizen), application=app, action="submit")
        for role in (Role.VERIFIER, Role.APPROVER):
            person = f.staff(agency, role, f"{role}@example.id")
            app = application_act(actor=Actor(user=person), application=app, action="approve")
    return app


def _signer(agency) -> Any:
    person = f.staff(agency, Role.SIGNER, "kades@example.id")
    f.with_totp(person)
    return person


# ---- the letter's data ----


def test_the_register_wins_over_the_typed_profile_in_the_letter(register, village):
    agency, version, citizen = village
    register.nik = citizen.citizen.nik
    app = _at_last_step(agency, version, citizen)
    signer = _signer(agency)
    with time_machine.travel(NOW, tick=False):
        context = letter_context_for(app, Actor(user=signer))
    # The profile says "Siti Aminah", born in Bandung, living on Jl. Raya Cileunyi: the register wins.
    assert context["pemohon"]["nama"] == "SITI AMINAH BINTI SALEH"
    assert context["pemohon"]["tempat_lahir"] == "Garut"
    assert context["pemohon"]["tanggal_lahir"] == "9 Maret 1988"  # the letter is in Indonesian
    assert context["pemohon"]["alamat"] == "Jl. Melati 7, RT 001 / RW 003, Dusun Satu, Desa Cileunyi Kulon"
    assert context["penduduk"]["no_kk"] == "3204050101200001"
    assert context["penduduk"]["keluarga"][0]["nama"] == "AHMAD"
    assert "_source" not in context["penduduk"]  # metadata never reaches the letter
    # The register was asked for the applicant's NIK, in the office's register, by the signer.
    call = register.calls[-1]
    assert call["nik"] == citizen.citizen.nik and call["agency_id"] == agency.pk
    assert call["actor"].user_id == signer.pk and call["user_id"] is None


def test_without_the_register_the_letter_keeps_the_typed_values(no_register, village):
    agency, version, citizen = village
    app = _at_last_step(agency, version, citizen)
    context = letter_context_for(app)
    assert context["pemohon"]["nama"] == "Siti Aminah"
    assert context["pemohon"]["alamat"] == "Jl. Raya Cileunyi No. 1, RT 01/RW 02, Cileunyi Kulon"
    assert "penduduk" not in context


def test_a_person_not_in_the_register_keeps_the_typed_values_and_the_signer_is_told(client, register, village):
    agency, version, citizen = village
    register.nik = "3204051403800009"  # someone else
    app = _at_last_step(agency, version, citizen)
    signer = _signer(agency)
    with override("en"):
        preview = signing_preview(Actor(user=signer), app)
    assert preview is not None and not preview.from_register
    assert preview.register_note == (
        "The applicant's data was typed by the applicant: it is not in the population register."
    )
    assert "Siti Aminah" in str(preview.html)


def test_the_signer_sees_that_the_data_came_from_the_register_and_when(client, register, village):
    agency, version, citizen = village
    register.nik = citizen.citizen.nik
    app = _at_last_step(agency, version, citizen)
    signer = _signer(agency)
    client.force_login(signer)
    session = client.session
    session[SESSION_KEY] = agency.pk
    session.save()
    client.cookies["django_language"] = "en"
    with time_machine.travel(NOW, tick=False):
        page = client.get(reverse("portal:console_case", args=[app.pk])).content.decode()
    assert (
        "The applicant&#x27;s data comes from the population register of Desa Cileunyi Kulon, "
        "last changed on 5 October 2026." in page
    )
    assert "Menerangkan bahwa SITI AMINAH BINTI SALEH lahir 9 March 1988 tinggal di Jl. Melati 7" in page
    # Signing issues the letter with the register's values.
    with time_machine.travel(NOW, tick=False):
        response = client.post(reverse("portal:console_case", args=[app.pk]), {"action": "approve", "confirm": "1"})
    assert response.status_code == 302
    assert Application.objects.get(pk=app.pk).document is not None


def test_the_placeholder_list_offers_the_register_items(register):
    with override("en"):
        placeholders = letter_placeholders()
    groups = {p.path: p.group for p in placeholders}
    assert groups["penduduk.nama"] == "From the population register"
    assert {"penduduk.no_kk", "penduduk.rt", "penduduk.rw", "penduduk.dusun", "penduduk.hubungan"} <= set(groups)
    assert groups["pemohon.nama"] == "The applicant"


# ---- the forms ----


def test_prefill_matches_field_names_and_leaves_the_rest(register):
    register.nik = "3204054903880001"
    facts = register.facts(agency_id=1, nik=register.nik, actor=None, purpose="x")
    definition = {
        "fields": [
            {"name": "nik", "type": "nik", "label": "NIK", "prefill": "nik"},
            {"name": "nama_lengkap", "type": "text", "label": "Nama", "prefill": "name"},
            {"name": "alamat", "type": "address", "label": "Alamat"},
            {"name": "tanggal_lahir", "type": "date", "label": "Lahir"},
            {"name": "agama", "type": "text", "label": "Agama"},  # not in these facts: left empty
            {"name": "foto", "type": "file", "label": "Foto"},
            {"name": "keperluan", "type": "textarea", "label": "Keperluan"},
        ]
    }
    assert register_prefill(definition, facts) == {
        "nik": "3204054903880001",
        "nama_lengkap": "SITI AMINAH BINTI SALEH",
        "alamat": "Jl. Melati 7, RT 001 / RW 003, Dusun Satu, Desa Cileunyi Kulon",
        "tanggal_lahir": "1988-03-09",
    }
    assert register_prefill(definition, None) == {}


def test_the_apply_form_is_filled_from_the_register_only_for_a_linked_citizen(client, register, village):
    _agency, version, citizen = village
    register.nik = citizen.citizen.nik
    url = reverse("portal:apply", args=[version.service.agency.slug, version.service.slug])
    client.force_login(citizen)
    client.cookies["django_language"] = "en"
    # Matched by NIK but not linked yet: the typed profile fills the form, no panel.
    page = client.get(url).content.decode()
    assert "data-register-panel" not in page and "Jl. Melati 7" not in page
    assert register.calls[-1]["user_id"] == citizen.pk  # only the citizen's own, linked record
    register.linked_user = citizen.pk
    page = client.get(url).content.decode()
    assert "From the population register of Desa Cileunyi Kulon (last changed 5 October 2026)" in page
    assert 'value="Trade"' in page and 'value="RT 001"' in page
    assert "Jl. Melati 7, RT 001 / RW 003, Dusun Satu, Desa Cileunyi Kulon</textarea>" in page
    assert "AHMAD (Head of family)" in page
    assert f'value="{citizen.citizen.nik}"' in page
    # Another citizen, not linked, sees nothing of it.
    other = make_citizen(f.user("budi@example.id", full_name="Budi"))
    client.force_login(other.user)
    page = client.get(url).content.decode()
    assert "data-register-panel" not in page and "AHMAD" not in page


def test_the_counter_form_is_filled_for_the_person_found(client, register, village):
    agency, version, citizen = village
    register.nik = citizen.citizen.nik
    officer = f.staff(agency, Role.FRONT_DESK, "loket@example.id")
    client.force_login(officer)
    session = client.session
    session[SESSION_KEY] = agency.pk
    session.save()
    client.cookies["django_language"] = "en"
    # The officer finds the person first (the look-up is how the counter reaches a citizen).
    found = client.post(reverse("portal:console_counter"), {"nik": citizen.citizen.nik, "purpose": "Surat domisili"})
    assert found.status_code == 302
    url = reverse("portal:console_counter_apply", args=[citizen.pk, version.pk])
    page = client.get(url).content.decode()
    assert "From the population register of Desa Cileunyi Kulon (last changed 5 October 2026)" in page
    assert "Jl. Melati 7, RT 001 / RW 003, Dusun Satu, Desa Cileunyi Kulon</textarea>" in page
    assert register.calls[-1]["actor"].user_id == officer.pk and register.calls[-1]["user_id"] is None
    # A person the register does not have: the profile fills the form, no panel.
    register.nik = "3204051403800009"
    page = client.get(url).content.decode()
    assert "data-register-panel" not in page and "Jl. Melati 7" not in page


# ---- the register event of a service ----


def test_the_service_editor_keeps_the_register_event_and_refuses_an_unknown_one(village):
    agency, _version, _citizen = village
    draft = make_service(agency, slug="sk-lahir", name="Surat Keterangan Kelahiran", publish=False)
    assert draft.register_event == ""
    service_version_update(actor=OPERATOR, version=draft, register_event=RegisterEvent.BIRTH)
    draft.refresh_from_db()
    assert draft.register_event == "birth"
    with pytest.raises(InvalidInput) as exc:
        service_version_update(actor=OPERATOR, version=draft, register_event="wedding")
    assert "register_event" in exc.value.errors
    with pytest.raises(InvalidInput):
        make_service(agency, slug="sk-nikah", publish=False, register_event="wedding")


def test_the_editor_page_offers_the_register_events(client, village):
    agency, version, _citizen = village
    admin = f.staff(agency, Role.AGENCY_ADMIN, "admin@example.id")
    f.with_totp(admin)
    client.force_login(admin)
    session = client.session
    session[SESSION_KEY] = agency.pk
    session.save()
    client.cookies["django_language"] = "en"
    page = client.get(reverse("portal:console_service_new")).content.decode()
    assert 'name="register_event"' in page
    for value in ("birth", "death", "move_in", "move_out", "marriage", "divorce"):
        assert f'value="{value}"' in page


def test_a_completed_application_tells_the_register_once(register, village, django_capture_on_commit_callbacks):
    agency, version, citizen = village
    version.register_event = RegisterEvent.MOVE_OUT
    version.save(update_fields=["register_event"])
    app = _at_last_step(agency, version, citizen)
    signer = _signer(agency)
    with django_capture_on_commit_callbacks(execute=True), time_machine.travel(NOW, tick=False):
        app = application_act(actor=Actor(user=signer), application=app, action="approve")
    assert app.status == "completed"
    assert len(register.completed) == 1
    told = register.completed[0]
    assert told["agency_id"] == agency.pk and told["kind"] == "move_out"
    assert told["reference"] == app.tracking_number
    assert told["nik"] == citizen.citizen.nik  # moving out: the applicant
    assert told["summary"] == f"Surat Keterangan Domisili: Siti Aminah ({app.tracking_number})"
    assert told["details"]["alamat"] == "Jl. Ketik Sendiri 1"
    # Run again (a retried task): the register is told again and makes nothing new itself.
    assert application_completed_run(app.pk) == 1


def test_no_event_no_call_and_a_death_names_the_deceased(register, village):
    agency, version, citizen = village
    app = _at_last_step(agency, version, citizen)
    assert completed_payload(app) is None  # not completed, and no event
    Application.objects.filter(pk=app.pk).update(status="completed")
    app.refresh_from_db()
    assert completed_payload(app) is None  # completed, but the service has no event
    version.register_event = RegisterEvent.DEATH
    version.save(update_fields=["register_event"])
    answers = {**GOOD_ANSWERS, "nik_almarhum": "3204051403800009", "nama_almarhum": "Saleh"}
    Application.objects.filter(pk=app.pk).update(answers=answers)
    app = Application.objects.select_related("service_version").get(pk=app.pk)
    payload = completed_payload(app)
    assert payload is not None
    assert payload["nik"] == "3204051403800009"
    assert payload["summary"].startswith("Surat Keterangan Domisili: Saleh (")
