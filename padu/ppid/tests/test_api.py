"""The PPID API: problem JSON with stable codes, the state machine over HTTP, the register."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from padu.core.roles import Role
from tests.factories import give_totp, make_agency, make_citizen, make_staff

REQUEST = {
    "requester_kind": "person",
    "name": "Siti Aminah",
    "address": "Jl. Pandanwangi 12",
    "email": "siti@example.id",
    "information": "Salinan APBDes 2026",
    "purpose": "Kontrol sosial",
    "obtain_method": "soft_copy",
    "delivery_method": "email",
}


def _post(client: Client, url: str, body: object):
    return client.post(url, json.dumps(body), content_type="application/json")


@pytest.fixture
def setup(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    agency = make_agency()
    officer = make_staff(agency, Role.INFORMATION_OFFICER)
    admin = give_totp(make_staff(agency, Role.AGENCY_ADMIN))
    citizen = make_citizen()
    clients = {}
    for name, user in (("citizen", citizen.user), ("officer", officer), ("admin", admin)):
        clients[name] = Client()
        clients[name].force_login(user)
    return agency, citizen, clients


def test_request_over_the_api_and_the_state_machine(setup):
    agency, citizen, c = setup
    response = _post(c["citizen"], f"/api/v1/ppid/{agency.slug}/requests", {**REQUEST, "nik": citizen.nik})
    assert response.status_code == 201, response.content
    body = response.json()
    rid = body["id"]
    assert body["status"] == "submitted" and body["overdue"] is False

    extend = _post(c["officer"], f"/api/v1/ppid-requests/{rid}/actions", {"action": "extend", "reason": "Arsip"})
    assert extend.json()["status"] == "extended"
    again = _post(c["officer"], f"/api/v1/ppid-requests/{rid}/actions", {"action": "extend", "reason": "Lagi"})
    assert again.status_code == 409
    assert again["Content-Type"] == "application/problem+json"
    assert again.json()["code"] == "ppid_already_extended"

    refused = _post(c["officer"], f"/api/v1/ppid-requests/{rid}/actions", {"action": "decide", "decision": "refused"})
    assert refused.status_code == 400
    assert {"note", "exemption", "consequence_test"} <= set(refused.json()["errors"])

    decided = _post(
        c["officer"],
        f"/api/v1/ppid-requests/{rid}/actions",
        {"action": "decide", "decision": "not_held", "note": "Dikuasai BPS", "held_by": "BPS Kabupaten Bandung"},
    )
    assert decided.json()["decision"] == "not_held"
    assert [f["kind"] for f in decided.json()["files"]] == ["decision"]

    # The officer may not answer the objection; the admin (atasan PPID) does.
    objected = _post(c["citizen"], f"/api/v1/ppid-requests/{rid}/objection", {"grounds": ["e"], "reasons": "Ada"})
    assert objected.status_code == 201 and objected.json()["objection"]["status"] == "pending"
    denied = _post(
        c["officer"], f"/api/v1/ppid-requests/{rid}/objection/answer", {"outcome": "rejected", "answer": "x"}
    )
    assert denied.status_code == 403 and denied.json()["code"] == "ppid_role_required"
    answered = _post(
        c["admin"], f"/api/v1/ppid-requests/{rid}/objection/answer", {"outcome": "rejected", "answer": "Benar BPS"}
    )
    assert answered.json()["status"] == "objection_answered"
    late = _post(c["citizen"], f"/api/v1/ppid-requests/{rid}/actions", {"action": "withdraw"})
    assert late.status_code == 409 and late.json()["code"] == "ppid_transition_not_allowed"

    register = Client().get(f"/api/v1/ppid/{agency.slug}/register").json()
    assert register[0]["number"] == body["number"]
    assert "requester_name" not in register[0] and "Siti" not in json.dumps(register)
    report = c["admin"].get(f"/api/v1/agencies/{agency.pk}/ppid/report?year={body['submitted_at'][:4]}").json()
    assert (report["received"], report["not_held"], report["objections_rejected"]) == (1, 1, 1)


def test_bad_input_is_problem_json(setup):
    agency, _citizen, c = setup
    missing = _post(c["citizen"], f"/api/v1/ppid/{agency.slug}/requests", {"name": "x"})
    assert missing.status_code == 422 and missing.json()["code"] == "invalid_input"
    bad = _post(
        c["citizen"],
        f"/api/v1/ppid/{agency.slug}/requests",
        {**REQUEST, "nik": "abc", "delivery_method": "merpati", "information": "<script>x</script>"},
    )
    assert bad.status_code == 400
    assert bad.json()["code"] == "ppid_request_invalid"
    assert {"nik", "delivery_method"} <= set(bad.json()["errors"])
    huge = _post(c["citizen"], f"/api/v1/ppid/{agency.slug}/requests", {**REQUEST, "information": "x" * 5000})
    assert huge.status_code == 422
    unknown = _post(c["citizen"], "/api/v1/ppid/tidak-ada/requests", REQUEST)
    assert unknown.status_code == 404
    anonymous = _post(Client(), f"/api/v1/ppid/{agency.slug}/requests", REQUEST)
    assert anonymous.status_code == 401
