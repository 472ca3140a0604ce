"""The PPID API shows officers the requester's name: the objection answer, which reads the
request without the case view, now lands in the requester's access log too (UU PDP)."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from padu.core.models import PersonalDataAccess
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


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_the_objection_answer_is_logged_for_the_requester(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    agency = make_agency()
    officer = _client(make_staff(agency, Role.INFORMATION_OFFICER))
    admin_user = give_totp(make_staff(agency, Role.AGENCY_ADMIN))
    citizen = make_citizen()
    requester = _client(citizen.user)

    rid = _post(requester, f"/api/v1/ppid/{agency.slug}/requests", {**REQUEST, "nik": citizen.nik}).json()["id"]
    decided = _post(
        officer,
        f"/api/v1/ppid-requests/{rid}/actions",
        {"action": "decide", "decision": "not_held", "note": "Dikuasai BPS", "held_by": "BPS Kabupaten Bandung"},
    )
    assert decided.status_code == 200
    objected = _post(requester, f"/api/v1/ppid-requests/{rid}/objection", {"grounds": ["e"], "reasons": "Ada"})
    assert objected.status_code == 201
    assert requester.get(f"/api/v1/ppid-requests/{rid}").status_code == 200  # the requester's own read
    assert not PersonalDataAccess.objects.filter(viewer=citizen.user).exists()
    assert not PersonalDataAccess.objects.filter(viewer=admin_user).exists()

    answered = _post(
        _client(admin_user),
        f"/api/v1/ppid-requests/{rid}/objection/answer",
        {"outcome": "rejected", "answer": "Benar dikuasai BPS"},
    )
    assert answered.status_code == 200 and answered.json()["requester_name"] == "Siti Aminah"
    access = PersonalDataAccess.objects.get(viewer=admin_user)
    assert access.subject == citizen.user and access.token is None
    assert access.fields == ["name"] and access.agency == agency
    assert access.purpose == f"Permohonan informasi publik {answered.json()['number']}"
