"""The staff, payer and public bill endpoints."""

import json

import pytest
from django.conf import settings
from django.test import Client

from padu.billing.models import Bill
from padu.core.actors import OPERATOR
from padu.core.models import AuditEvent
from padu.core.roles import Role
from padu.core.services import api_token_create
from tests.factories import give_totp, make_agency, make_citizen, make_staff

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


def test_the_treasurer_issues_lists_and_cancels_bills_over_the_api(api_client, office):
    agency, treasurer = office
    api_client.force_login(treasurer.user)
    created = api_client.post(f"/api/v1/billing/agencies/{agency.pk}/bills", GOOD, content_type="application/json")
    assert created.status_code == 201, created.content
    data = created.json()
    assert data["total"] == 450000 and data["status"] == "unpaid" and data["qris"].startswith("000201")
    listed = api_client.get(f"/api/v1/billing/agencies/{agency.pk}/bills", {"q": "SKPD/2026/0045"}).json()
    assert [b["code"] for b in listed] == [data["code"]]
    cancelled = api_client.post(
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
def test_bad_bills_over_the_api_get_problem_json(api_client, office, change, field):
    agency, treasurer = office
    api_client.force_login(treasurer.user)
    response = api_client.post(
        f"/api/v1/billing/agencies/{agency.pk}/bills", {**GOOD, **change}, content_type="application/json"
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    if field:
        assert field in response.json()["errors"]
    assert not Bill.objects.exists()


def test_a_clerk_cannot_issue_bills_over_the_api(api_client, office):
    agency, _ = office
    api_client.force_login(make_staff(agency, Role.FRONT_DESK))
    response = api_client.post(f"/api/v1/billing/agencies/{agency.pk}/bills", GOOD, content_type="application/json")
    assert response.status_code == 403 and response.json()["code"] == "treasurer_required"


def test_payer_and_public_views(api_client, office):
    agency, treasurer = office
    citizen = make_citizen().user
    bill = make_bill(agency, treasurer, payer_kind="citizen", payer_user_id=citizen.pk, payer_name="Budi Santoso")
    public = Client().get(f"/api/v1/billing/public/{bill.code}").json()
    assert public["payer_name"] == "B*** S******" and public["total"] == bill.total
    assert Client().get("/api/v1/billing/public/12345").json()["code"] == "bill_code_invalid"
    api_client.force_login(citizen)
    assert [b["code"] for b in api_client.get("/api/v1/me/bills").json()] == [bill.code]
    assert api_client.get(f"/api/v1/billing/bills/{bill.pk}").json()["payer_name"] == "Budi Santoso"
    assert (
        api_client.post(
            f"/api/v1/billing/bills/{bill.pk}/cancel", {"reason": "x"}, content_type="application/json"
        ).status_code
        == 404
    )


def test_another_system_issues_and_reads_bills_with_a_scoped_token(csrf_client, office):
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
            return csrf_client.generic(method, path, **headers)
        return csrf_client.generic(method, path, json.dumps(body), content_type="application/json", **headers)

    # Another system sends no CSRF token, and may carry a session cookie that names nobody.
    csrf_client.cookies[settings.SESSION_COOKIE_NAME] = "stale0session0key0that0names0nobody"

    created = call("POST", writer, body={**GOOD, "source_kind": "api", "source_reference": "PBB/2026/77"})
    assert created.status_code == 201, created.content
    bill = Bill.objects.get(source_reference="PBB/2026/77")
    assert AuditEvent.objects.filter(object_id=str(bill.pk), actor_label__startswith="token:").exists()
    assert [b["source_reference"] for b in call("GET", reader).json()] == ["PBB/2026/77"]
    # Without the scope, for another agency, or to cancel: refused, and nothing is written.
    assert call("POST", unscoped, body=GOOD).json()["code"] == "token_scope_missing"
    assert call("POST", reader, body=GOOD).json()["code"] == "token_scope_missing"
    assert call("GET", unscoped).json()["code"] == "token_scope_missing"
    assert call("POST", foreign, body=GOOD).status_code in (403, 404)
    cancel = call("POST", writer, f"/api/v1/billing/bills/{bill.pk}/cancel", {"reason": "Salah input"})
    assert cancel.status_code == 403
    assert Bill.objects.count() == 1 and Bill.objects.get().status == "unpaid"


def test_a_treasurer_without_totp_cannot_cancel_a_bill_by_adding_a_bearer_header(api_client, office):
    agency, treasurer = office
    bill = make_bill(agency, treasurer, total=1_200_000)
    newcomer = make_staff(agency, Role.TREASURER, with_mfa=False)
    api_client.force_login(newcomer)

    def cancel():
        return api_client.post(
            f"/api/v1/billing/bills/{bill.pk}/cancel",
            {"reason": "Salah objek"},
            content_type="application/json",
            HTTP_AUTHORIZATION="Bearer x",
        )

    refused = cancel()
    assert refused.status_code == 403
    assert refused["Content-Type"] == "application/problem+json"
    assert refused.json()["code"] == "mfa_required"
    bill.refresh_from_db()
    assert bill.status == "unpaid"
    # Once the same treasurer has two-step login, the same request goes through.
    give_totp(newcomer)
    done = cancel()
    assert done.status_code == 200, done.content
    assert done.json()["status"] == "cancelled"
    bill.refresh_from_db()
    assert (bill.status, bill.cancel_reason) == ("cancelled", "Salah objek")


@pytest.mark.parametrize("headers", [{}, {"HTTP_AUTHORIZATION": "Bearer x"}])
def test_a_session_write_without_the_csrf_token_is_refused(csrf_client, office, headers):
    agency, treasurer = office
    csrf_client.force_login(treasurer.user)
    response = csrf_client.post(
        f"/api/v1/billing/agencies/{agency.pk}/bills", GOOD, content_type="application/json", **headers
    )
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "csrf_failed"
    assert not Bill.objects.exists()
    # Reads need no CSRF token.
    assert csrf_client.get(f"/api/v1/billing/agencies/{agency.pk}/bills").json() == []


def test_an_unknown_token_without_a_session_is_unauthenticated_not_a_csrf_failure(csrf_client, office):
    agency, _treasurer = office
    response = csrf_client.post(
        f"/api/v1/billing/agencies/{agency.pk}/bills",
        GOOD,
        content_type="application/json",
        HTTP_AUTHORIZATION="Bearer padu_nope_nope",
    )
    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated"
    assert not Bill.objects.exists()
