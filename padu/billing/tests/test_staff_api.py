"""The staff, payer and public bill endpoints."""

import json

import pytest
from django.test import Client

from padu.billing.models import Bill
from padu.core.actors import OPERATOR
from padu.core.models import AuditEvent
from padu.core.roles import Role
from padu.core.services import api_token_create
from tests.factories import make_agency, make_citizen, make_staff

from .factories import make_bill, make_channel, make_revenue_agency, make_treasurer

pytestmark = pytest.mark.django_db

GOOD = {
    "payer_kind": "walk_in",
    "payer_name": "CV Maju Bersama",
    "source_kind": "tax",
    "source_reference": "SKPD/2026/0045",
    "description": "Pajak reklame 2026",
    "lines": [{"account_code": "4.1.01.09.01.0001", "description": "Pajak reklame", "amount": 450000}],
}


@pytest.fixture
def office():
    agency = make_revenue_agency()
    treasurer = make_treasurer(agency)
    make_channel(agency, treasurer)
    return agency, treasurer


def test_the_treasurer_issues_lists_and_cancels_bills_over_the_api(client, office):
    agency, treasurer = office
    client.force_login(treasurer.user)
    created = client.post(f"/api/v1/billing/agencies/{agency.pk}/bills", GOOD, content_type="application/json")
    assert created.status_code == 201, created.content
    data = created.json()
    assert data["total"] == 450000 and data["status"] == "unpaid" and data["qris"].startswith("000201")
    listed = client.get(f"/api/v1/billing/agencies/{agency.pk}/bills", {"q": "SKPD/2026/0045"}).json()
    assert [b["code"] for b in listed] == [data["code"]]
    cancelled = client.post(
        f"/api/v1/billing/bills/{data['id']}/cancel", {"reason": "Salah objek"}, content_type="application/json"
    )
    assert cancelled.json()["status"] == "cancelled" and cancelled.json()["qris"] == ""


@pytest.mark.parametrize(
    "change,field",
    [
        ({"lines": []}, "lines"),
        ({"lines": [{"account_code": "x", "description": "y", "amount": 1}]}, "lines.0.account_code"),
        ({"source_kind": "application"}, None),
        ({"payer_kind": "robot"}, "payer_kind"),
    ],
)
def test_bad_bills_over_the_api_get_problem_json(client, office, change, field):
    agency, treasurer = office
    client.force_login(treasurer.user)
    response = client.post(
        f"/api/v1/billing/agencies/{agency.pk}/bills", {**GOOD, **change}, content_type="application/json"
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    if field:
        assert field in response.json()["errors"]
    assert not Bill.objects.exists()


def test_a_clerk_cannot_issue_bills_over_the_api(client, office):
    agency, _ = office
    client.force_login(make_staff(agency, Role.FRONT_DESK))
    response = client.post(f"/api/v1/billing/agencies/{agency.pk}/bills", GOOD, content_type="application/json")
    assert response.status_code == 403 and response.json()["code"] == "treasurer_required"


def test_payer_and_public_views(client, office):
    agency, treasurer = office
    citizen = make_citizen().user
    bill = make_bill(agency, treasurer, payer_kind="citizen", payer_user_id=citizen.pk, payer_name="Budi Santoso")
    public = Client().get(f"/api/v1/billing/public/{bill.code}").json()
    assert public["payer_name"] == "B*** S******" and public["total"] == bill.total
    assert Client().get("/api/v1/billing/public/12345").json()["code"] == "bill_code_invalid"
    client.force_login(citizen)
    assert [b["code"] for b in client.get("/api/v1/me/bills").json()] == [bill.code]
    assert client.get(f"/api/v1/billing/bills/{bill.pk}").json()["payer_name"] == "Budi Santoso"
    assert (
        client.post(
            f"/api/v1/billing/bills/{bill.pk}/cancel", {"reason": "x"}, content_type="application/json"
        ).status_code
        == 404
    )


def test_another_system_issues_and_reads_bills_with_a_scoped_token(client, office):
    agency, _treasurer = office
    _, writer = api_token_create(actor=OPERATOR, agency=agency, name="e-PBB", scopes=["bills:write"])
    _, reader = api_token_create(actor=OPERATOR, agency=agency, name="Dasbor", scopes=["bills:read"])
    _, unscoped = api_token_create(actor=OPERATOR, agency=agency, name="Lain", scopes=["agencies:read"])
    other = make_agency(name="Desa Lain", region="32.04.05.2002")
    _, foreign = api_token_create(actor=OPERATOR, agency=other, name="Asing", scopes=["bills:write"])
    url = f"/api/v1/billing/agencies/{agency.pk}/bills"

    def call(method, token, path=url, body=None):
        headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
        if body is None:
            return client.generic(method, path, **headers)
        return client.generic(method, path, json.dumps(body), content_type="application/json", **headers)

    created = call("POST", writer, body={**GOOD, "source_kind": "api", "source_reference": "PBB/2026/77"})
    assert created.status_code == 201, created.content
    bill = Bill.objects.get(source_reference="PBB/2026/77")
    assert AuditEvent.objects.filter(object_id=str(bill.pk), actor_label__startswith="token:").exists()
    assert [b["source_reference"] for b in call("GET", reader).json()] == ["PBB/2026/77"]
    # Without the scope, for another agency, or to cancel: refused, and nothing is written.
    assert call("POST", unscoped, body=GOOD).json()["code"] == "treasurer_required"
    assert call("POST", reader, body=GOOD).json()["code"] == "treasurer_required"
    assert call("GET", unscoped).status_code in (403, 404)
    assert call("POST", foreign, body=GOOD).status_code in (403, 404)
    cancel = call("POST", writer, f"/api/v1/billing/bills/{bill.pk}/cancel", {"reason": "Salah input"})
    assert cancel.status_code == 403
    assert Bill.objects.count() == 1 and Bill.objects.get().status == "unpaid"
