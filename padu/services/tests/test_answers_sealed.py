"""Answers to NIK questions are encrypted at rest (finding 7 of the security review): the
database holds them sealed, everyone entitled to the case still reads the NIK."""

import importlib
import json
from typing import Any
from unittest import mock

import pytest
from cryptography.fernet import Fernet
from django.apps import apps as django_apps
from django.core import serializers
from django.db import connection
from django.test import override_settings

from padu.core.actors import OPERATOR, Actor
from padu.core.crypto import SEALED_PREFIX, UnreadableSealedValue, is_sealed, seal, unseal
from padu.core.models import Membership
from padu.core.roles import Role
from padu.core.services import number_pattern_set
from padu.documents.pki import pki_init
from padu.documents.services import document_issue, letter_template_save
from padu.services.formdef import has_sealed_answers, open_answers, seal_answers
from padu.services.models import Application
from padu.services.selectors import applications_export
from padu.services.services import application_act, application_start
from padu.services.tests.factories import FORM, GOOD_ANSWERS, make_service
from tests.factories import make_agency, make_citizen, make_staff

pytestmark = pytest.mark.django_db
NIK = str(GOOD_ANSWERS["nik"])
MIGRATION = importlib.import_module("padu.services.migrations.0006_application_answers_sealed")

GROUP_FORM = {
    "fields": [
        {"name": "nik", "type": "nik", "label": "NIK"},
        {"name": "catatan", "type": "text", "label": "Catatan", "required": False},
        {
            "name": "anggota",
            "type": "group",
            "label": "Anggota",
            "fields": [
                {"name": "nama", "type": "text", "label": "Nama"},
                {"name": "nik", "type": "nik", "label": "NIK"},
            ],
        },
    ]
}


@pytest.fixture
def desk(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    village = make_agency()
    version = make_service(village)
    citizen = make_citizen(female=True).user
    verifier = make_staff(village, Role.VERIFIER)
    return village, version, citizen, verifier


def _raw_row(pk: int) -> str:
    """The application's row straight from the database, every column as text."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM services_application WHERE id = %s", [pk])
        row = cursor.fetchone()
    return " ".join(v if isinstance(v, str) else json.dumps(v, default=str) for v in row)


def _stored_answers(pk: int) -> dict:
    return Application.objects.filter(pk=pk).values_list("answers", flat=True).get()


def test_the_data_export_reads_the_nik(desk):
    _village, version, citizen, _verifier = desk
    application = application_start(actor=Actor(user=citizen), version=version, answers=dict(GOOD_ANSWERS))
    (exported,) = applications_export(citizen)
    assert exported["answers"]["nik"] == NIK
    assert Application.objects.get(pk=application.pk).answers["nik"] == NIK
    assert NIK not in _raw_row(application.pk)


def test_the_letter_is_filled_with_the_nik_answer(tmp_path, settings):
    settings.PADU_PKI_DIR = tmp_path / "pki"
    settings.MEDIA_ROOT = tmp_path / "media"
    pki_init()
    village = make_agency()
    number_pattern_set(actor=OPERATOR, agency=village, kind="sk-domisili", pattern="[nomor,3]/470/[tahun]")
    letter_template_save(
        actor=OPERATOR, agency=village, kind="sk-domisili", name="SK", body="<p>NIK {{ jawaban.nik }}</p>"
    )
    version = make_service(village, document_kind="sk-domisili", workflow=[{"role": "signer"}])
    citizen = make_citizen(female=True).user
    kades = make_staff(village, Role.SIGNER)
    Membership.objects.filter(user=kades).update(position="Kepala Desa")
    draft = application_start(actor=Actor(user=citizen), version=version, answers=dict(GOOD_ANSWERS))
    submitted = application_act(actor=Actor(user=citizen), application=draft, action="submit")
    with mock.patch("padu.services.services.document_issue", wraps=document_issue) as issue:
        done = application_act(actor=Actor(user=kades), application=submitted, action="approve")
    assert done.status == "completed" and done.document is not None
    assert issue.call_args.kwargs["context"]["jawaban"]["nik"] == NIK
    assert NIK not in _raw_row(done.pk)


def test_a_case_moved_without_reading_its_answers_keeps_them_as_stored(desk):
    _village, version, citizen, verifier = desk
    draft = application_start(actor=Actor(user=citizen), version=version, answers=dict(GOOD_ANSWERS))
    submitted = application_act(actor=Actor(user=citizen), application=draft, action="submit")
    before = _stored_answers(submitted.pk)
    application_act(actor=Actor(user=verifier), application=submitted, action="approve")
    assert _stored_answers(submitted.pk) == before  # not decrypted and encrypted again
    reread = Application.objects.get(pk=submitted.pk)
    reread.answers = {**reread.answers, "keperluan": "Pindah kerja"}
    reread.save()
    after = _stored_answers(submitted.pk)
    assert after["keperluan"] == "Pindah kerja" and unseal(after["nik"]) == NIK


def test_a_dump_holds_no_nik(desk):
    _village, version, citizen, _verifier = desk
    draft = application_start(actor=Actor(user=citizen), version=version, answers=dict(GOOD_ANSWERS))
    fresh = Application(pk=draft.pk, service_version=version, answers=dict(GOOD_ANSWERS))
    for instance in (Application.objects.get(pk=draft.pk), fresh):
        dumped = serializers.serialize("json", [instance])
        assert NIK not in dumped and SEALED_PREFIX in dumped


def test_nik_answers_in_groups_and_odd_draft_values_are_sealed_and_read_back():
    answers: dict[str, Any] = {
        "nik": 3204055705900003,  # a draft may hold any JSON; it comes back as text
        "catatan": "3204055705900003 is not a NIK question: left alone",
        "anggota": [{"nama": "Ani", "nik": "3204055705900004"}, {"nama": "Budi"}, "not an entry"],
        "extra": "kept",
    }
    sealed = seal_answers(GROUP_FORM, answers)
    assert is_sealed(sealed["nik"]) and is_sealed(sealed["anggota"][0]["nik"])
    assert "3204055705900004" not in json.dumps(sealed)
    assert sealed["catatan"] == answers["catatan"] and sealed["extra"] == "kept"
    assert sealed["anggota"][1:] == answers["anggota"][1:]
    assert seal_answers(GROUP_FORM, sealed) == sealed  # already sealed: kept as they are
    assert open_answers(GROUP_FORM, sealed) == {**answers, "nik": "3204055705900003"}
    assert seal_answers(GROUP_FORM, {"nik": None, "catatan": ""}) == {"nik": None, "catatan": ""}
    assert seal_answers(FORM, "not an object") == "not an object"
    assert has_sealed_answers(GROUP_FORM) and has_sealed_answers(FORM)
    assert not has_sealed_answers({"fields": [{"name": "a", "type": "text", "label": "A"}]})


def test_a_typed_lookalike_of_a_sealed_value_is_sealed_too():
    typed = SEALED_PREFIX + "not-really-encrypted"
    sealed = seal_answers(FORM, {"nik": typed})
    assert sealed["nik"] != typed and open_answers(FORM, sealed) == {"nik": typed}


def test_answers_sealed_with_another_key_are_not_read_as_plain():
    other = SEALED_PREFIX + Fernet(Fernet.generate_key()).encrypt(NIK.encode()).decode()
    with pytest.raises(UnreadableSealedValue, match="PADU_DATA_KEY"):
        open_answers(FORM, {"nik": other})
    with override_settings(PADU_DATA_KEY="another-data-key-0123456789-abcdefghijklmnop"):
        sealed_elsewhere = seal(NIK)
    with pytest.raises(UnreadableSealedValue):
        unseal(sealed_elsewhere)


def test_the_migration_seals_plain_answers_and_leaves_sealed_ones_alone(desk):
    _village, version, citizen, _verifier = desk
    old = application_start(actor=Actor(user=citizen), version=version, answers={})
    # Written the old way: the NIK in plain text in the JSON column.
    plain = {**GOOD_ANSWERS, "nik": "3204055705900005"}
    Application.objects.filter(pk=old.pk).update(answers=plain)
    assert "3204055705900005" in _raw_row(old.pk)
    new = application_start(actor=Actor(user=citizen), version=version, answers=dict(GOOD_ANSWERS))
    sealed_before = _stored_answers(new.pk)
    assert is_sealed(sealed_before["nik"])

    MIGRATION.seal_nik_answers(django_apps, None)
    migrated = _stored_answers(old.pk)
    assert "3204055705900005" not in _raw_row(old.pk)
    assert unseal(migrated["nik"]) == "3204055705900005" and migrated["nama"] == plain["nama"]
    assert _stored_answers(new.pk) == sealed_before  # the very same ciphertext
    assert Application.objects.get(pk=old.pk).answers == plain

    MIGRATION.seal_nik_answers(django_apps, None)  # again: nothing changes
    assert _stored_answers(old.pk) == migrated

    MIGRATION.open_nik_answers(django_apps, None)  # and back
    assert _stored_answers(old.pk) == plain
    assert _stored_answers(new.pk) == GOOD_ANSWERS
