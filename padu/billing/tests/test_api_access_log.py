"""A bill names its payer: a read of a citizen payer's bill by staff or another system's token
lands in the payer's personal-data access log (UU PDP); the payer's own read does not, and a
walk-in payer without an account has no log to write to."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils.translation import gettext

from padu.core.models import PersonalDataAccess
from padu.core.roles import Role
from padu.core.services import api_token_create
from tests.factories import actor_for, make_citizen, make_staff

from .factories import make_bill, make_revenue_agency, make_treasurer

pytestmark = pytest.mark.django_db


@pytest.fixture
def office():
    agency = make_revenue_agency()
    treasurer = make_treasurer(agency)
    budi = make_citizen().user
    siti = make_citizen(female=True).user
    bills = {
        "budi": make_bill(agency, treasurer, payer_kind="citizen", payer_user_id=budi.pk, payer_name="Budi Santoso"),
        "budi_again": make_bill(
            agency, treasurer, payer_kind="citizen", payer_user_id=budi.pk, payer_name="Budi Santoso"
        ),
        "siti": make_bill(agency, treasurer, payer_kind="citizen", payer_user_id=siti.pk, payer_name="Siti Aminah"),
        "walk_in": make_bill(agency, treasurer, payer_name="Warung Bu Entin"),
    }
    return agency, treasurer, budi, siti, bills


def _reading(code: str) -> str:
    return gettext("Reading bill %(code)s") % {"code": code}


def test_a_staff_read_of_a_bill_is_logged_for_its_payer_and_the_payers_own_is_not(office):
    agency, _treasurer, budi, _siti, bills = office
    client = Client()
    client.force_login(budi)
    assert client.get(f"/api/v1/billing/bills/{bills['budi'].pk}").json()["payer_name"] == "Budi Santoso"
    assert not PersonalDataAccess.objects.exists()

    clerk = make_staff(agency, Role.FRONT_DESK, full_name="Dedi Kurniawan")
    client.force_login(clerk)
    assert client.get(f"/api/v1/billing/bills/{bills['budi'].pk}").json()["payer_name"] == "Budi Santoso"
    access = PersonalDataAccess.objects.get()
    assert (access.subject, access.viewer, access.token) == (budi, clerk, None)
    assert access.fields == ["payer_name"] and access.agency == agency
    assert access.purpose == _reading(bills["budi"].code)

    assert client.get(f"/api/v1/billing/bills/{bills['walk_in'].pk}").status_code == 200
    assert PersonalDataAccess.objects.count() == 1  # a walk-in payer has no account to log to


def test_a_token_listing_bills_logs_each_citizen_payer_once_in_one_insert(office):
    agency, _treasurer, budi, siti, bills = office
    admin = make_staff(agency, Role.AGENCY_ADMIN, full_name="Rina Kartika")
    token, raw = api_token_create(actor=actor_for(admin), agency=agency, name="Dasbor", scopes=["bills:read"])
    with CaptureQueriesContext(connection) as captured:
        response = Client().get(f"/api/v1/billing/agencies/{agency.pk}/bills", HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert response.status_code == 200
    assert {b["code"] for b in response.json()} == {b.code for b in bills.values()}
    inserts = [q for q in captured.captured_queries if q["sql"].startswith('INSERT INTO "core_personaldataaccess"')]
    assert len(inserts) == 1

    rows = {a.subject: a for a in PersonalDataAccess.objects.all()}
    assert set(rows) == {budi, siti}
    for access in rows.values():
        assert (access.token, access.viewer, access.fields) == (token, admin, ["payer_name"])
    listing = gettext("Listing the agency's bills (%(code)s)")
    assert rows[siti].purpose == listing % {"code": bills["siti"].code}
    assert rows[budi].purpose in {listing % {"code": bills[k].code} for k in ("budi", "budi_again")}


def test_the_treasurers_cancellation_answer_is_logged(api_client, office):
    _agency, treasurer, _budi, siti, bills = office
    api_client.force_login(treasurer.user)
    response = api_client.post(
        f"/api/v1/billing/bills/{bills['siti'].pk}/cancel", {"reason": "Salah objek"}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["payer_name"] == "Siti Aminah"
    access = PersonalDataAccess.objects.get()
    assert (access.subject, access.viewer_id, access.fields) == (siti, treasurer.user.pk, ["payer_name"])
    assert access.purpose == _reading(bills["siti"].code)
