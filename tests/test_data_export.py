"""A person's data export (UU PDP) holds what every app keeps about them, and only theirs."""

import json

import pytest
from django.test import Client

from padu.billing.tests.factories import make_bill, make_revenue_agency, make_treasurer
from padu.complaints.tests.factories import make_place, submit
from padu.core.actors import Actor
from padu.ppid.services import request_submit
from padu.services.services import application_start
from padu.services.tests.factories import make_service

pytestmark = pytest.mark.django_db


def _export(user) -> dict:
    client = Client()
    client.force_login(user)
    page = client.get("/akun/ekspor/")
    api = client.get("/api/v1/me/export")
    assert page.status_code == 200 and api.status_code == 200
    data = json.loads(page.content)
    assert set(api.json()) == set(data)
    return data


def test_the_export_holds_applications_bills_complaints_and_information_requests():
    place = make_place()
    citizen, stranger = place.citizen, place.stranger
    application = application_start(actor=Actor(user=citizen), version=make_service(place.village), answers={})
    revenue = make_revenue_agency()
    bill = make_bill(
        revenue, make_treasurer(revenue), payer_kind="citizen", payer_user_id=citizen.pk, payer_name="Siti Warga"
    )
    complaint = submit(place, "anonymous")
    request = request_submit(
        actor=Actor(user=citizen),
        agency=place.village,
        requester_kind="legal_entity",
        name="Yayasan Desa Terbuka",
        legal_entity_number="AHU-0012",
        address="Jl. Merdeka 5, Cileunyi",
        information="Salinan APBDes 2026",
        purpose="Mengetahui rencana pembangunan jalan desa",
        obtain_method="soft_copy",
        delivery_method="email",
        email="siti@example.id",
    )

    mine = _export(citizen)
    assert [a["tracking_number"] for a in mine["applications"]] == [application.tracking_number]
    assert [b["billing_code"] for b in mine["bills"]] == [bill.code]
    assert [c["tracking_number"] for c in mine["complaints"]] == [complaint.tracking_number]
    assert mine["complaints"][0]["visibility"] == "anonymous"  # their own identity is theirs to see
    assert [r["number"] for r in mine["information_requests"]] == [request.number]

    theirs = _export(stranger)
    assert theirs["applications"] == theirs["bills"] == theirs["complaints"] == theirs["information_requests"] == []
    assert application.tracking_number not in json.dumps(theirs)
