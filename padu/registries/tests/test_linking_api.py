"""Another system confirms a resident (`POST /api/v1/agencies/{id}/registry/confirm`): one NIK,
one purpose, exactly that purpose's keys; each answer about a found resident logged with the
token and its creator; other agencies' tokens, tokens without `registries:read`, unknown
purposes and malformed NIKs refused."""

from __future__ import annotations

import json

import pytest

from padu.core.actors import OPERATOR
from padu.core.roles import Role
from padu.core.services import api_token_create
from padu.registries.codes import LifeStatus, Relationship
from padu.registries.models import Resident, ResidentAccess
from padu.registries.tests.factories import make_family, make_rt
from tests.factories import give_totp, make_agency, make_staff, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    agency = make_agency()
    rt = make_rt(agency, dusun="Dusun Satu", rw="RW 003", rt="RT 001")
    family, people = make_family(agency, area=rt, members=3)
    creator = make_user(full_name="Admin Sistem")
    token, raw = api_token_create(actor=OPERATOR, agency=agency, name="Sistem Puskesmas", scopes=["registries:read"])
    token.created_by = creator
    token.save(update_fields=["created_by"])
    other = make_agency(name="Desa Lain", region="32.04.05.2002")
    _t, other_raw = api_token_create(actor=OPERATOR, agency=other, name="Lain", scopes=["registries:read"])
    _t, unscoped = api_token_create(actor=OPERATOR, agency=agency, name="Tanpa", scopes=["agencies:read"])
    return {
        "agency": agency,
        "family": family,
        "people": people,
        "raw": raw,
        "token": token,
        "creator": creator,
        "other_raw": other_raw,
        "unscoped": unscoped,
    }


def _confirm(client, agency_id, body, raw=None):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {raw}"} if raw else {}
    return client.post(
        f"/api/v1/agencies/{agency_id}/registry/confirm",
        json.dumps(body),
        content_type="application/json",
        **headers,
    )


def test_each_purpose_returns_exactly_its_keys(client, world):
    agency, (head, wife, _child), raw = world["agency"], world["people"], world["raw"]
    residence = _confirm(client, agency.pk, {"nik": head.nik, "purpose": "residence"}, raw)
    assert residence.status_code == 200
    assert residence.json() == {"found": True, "present": True, "area": "RT 001/RW 003/Dusun Satu"}
    identity = _confirm(client, agency.pk, {"nik": wife.nik, "purpose": "identity", "name": "istri"}, raw).json()
    assert identity == {"found": True, "present": True, "name_matches": True, "sex": "P", "birth_date": "1983-07-02"}
    wrong_name = _confirm(client, agency.pk, {"nik": wife.nik, "purpose": "identity", "name": "Orang Lain"}, raw)
    assert wrong_name.json()["name_matches"] is False
    no_name = _confirm(client, agency.pk, {"nik": wife.nik, "purpose": "identity"}, raw).json()
    assert set(no_name) == {"found", "present", "name_matches", "sex", "birth_date"} and no_name["name_matches"] is None
    kk = world["family"].kk_number
    family = _confirm(client, agency.pk, {"nik": wife.nik, "purpose": "family", "kk_number": kk}, raw).json()
    assert family == {"found": True, "present": True, "kk_matches": True, "relationship": int(Relationship.WIFE)}
    other_kk = _confirm(
        client, agency.pk, {"nik": wife.nik, "purpose": "family", "kk_number": "3204050101209999"}, raw
    ).json()
    assert other_kk["kk_matches"] is False
    # Not found: the same keys, nothing known.
    missing = _confirm(client, agency.pk, {"nik": "3204051403809999", "purpose": "residence"}, raw).json()
    assert missing == {"found": False, "present": False, "area": None}
    # Someone who has left: found, not present.
    Resident.objects.filter(pk=head.pk).update(life_status=LifeStatus.MOVED_OUT)
    left = _confirm(client, agency.pk, {"nik": head.nik, "purpose": "residence"}, raw).json()
    assert left["found"] is True and left["present"] is False


def test_every_found_answer_is_logged_with_the_token_and_its_creator(client, world):
    agency, (head, wife, _child), raw = world["agency"], world["people"], world["raw"]
    _confirm(client, agency.pk, {"nik": head.nik, "purpose": "residence"}, raw)
    _confirm(client, agency.pk, {"nik": wife.nik, "purpose": "identity", "name": "Istri"}, raw)
    _confirm(client, agency.pk, {"nik": "3204051403809999", "purpose": "identity"}, raw)  # not found: no row
    rows = list(ResidentAccess.objects.order_by("pk"))
    assert [(r.resident_id, r.token_id, r.viewer_id) for r in rows] == [
        (head.pk, world["token"].pk, world["creator"].pk),
        (wife.pk, world["token"].pk, world["creator"].pk),
    ]
    assert rows[0].fields == ["found", "present", "area"]
    assert rows[1].fields == ["found", "present", "name_matches", "sex", "birth_date"]
    assert "residence" in rows[0].purpose and "identity" in rows[1].purpose


def test_refusals(client, world):
    agency, head, raw = world["agency"], world["people"][0], world["raw"]
    body = {"nik": head.nik, "purpose": "residence"}
    # Another agency's token, a token without the scope, no token at all.
    assert _confirm(client, agency.pk, body, world["other_raw"]).status_code == 403
    refused = _confirm(client, agency.pk, body, world["unscoped"])
    assert refused.status_code == 403 and refused.json()["code"] == "token_scope_missing"
    assert _confirm(client, agency.pk, body).status_code in (401, 403)
    # Bad input: an unknown purpose, a malformed NIK.
    unknown = _confirm(client, agency.pk, {"nik": head.nik, "purpose": "everything"}, raw)
    assert unknown.status_code == 400 and unknown.json()["code"] == "purpose_unknown"
    bad = _confirm(client, agency.pk, {"nik": "12345", "purpose": "residence"}, raw)
    assert bad.status_code == 400 and bad.json()["code"] == "nik_invalid"
    assert not ResidentAccess.objects.exists()
    # Control: the agency's own token with the scope gets its answer.
    assert _confirm(client, agency.pk, body, raw).status_code == 200


def test_the_register_officer_confirms_by_session_and_the_front_desk_may_not(client, world):
    agency, head = world["agency"], world["people"][0]
    desk = make_staff(agency, Role.FRONT_DESK)
    client.force_login(desk)
    assert _confirm(client, agency.pk, {"nik": head.nik, "purpose": "residence"}).status_code == 403
    registrar = make_staff(agency, Role.REGISTRAR)
    give_totp(registrar)
    client.force_login(registrar)
    response = _confirm(client, agency.pk, {"nik": head.nik, "purpose": "residence"})
    assert response.status_code == 200 and response.json()["area"] == "RT 001/RW 003/Dusun Satu"
    assert ResidentAccess.objects.get().viewer_id == registrar.pk
