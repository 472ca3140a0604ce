import json

import pytest

from padu.core.actors import OPERATOR
from padu.core.models import AgencyHoliday, AuditEvent
from padu.core.roles import Role
from padu.core.services import api_token_create
from tests.factories import load_regions, make_agency, make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def regions():
    load_regions()


def _problem(response, status, code):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["code"] == code
    assert body["status"] == status
    return body


def test_children_of_a_region(api_client, regions):
    provinces = api_client.get("/api/v1/regions").json()
    assert {"code": "32", "name": "Jawa Barat"}.items() <= provinces[[p["code"] for p in provinces].index("32")].items()
    villages = api_client.get("/api/v1/regions", {"parent": "32.04.05"}).json()
    assert [v["code"] for v in villages] == ["32.04.05.2001", "32.04.05.2002"]
    assert villages[0]["postal_code"] == "40621"


def test_one_region_with_its_ancestors(api_client, regions):
    body = api_client.get("/api/v1/regions/32.04.05.2001").json()
    assert body["name"] == "Cileunyi Kulon"
    assert [a["code"] for a in body["ancestors"]] == ["32", "32.04", "32.04.05"]


def test_unknown_region_code_is_a_problem_in_the_callers_language(api_client, regions):
    body = _problem(api_client.get("/api/v1/regions/99.99", HTTP_ACCEPT_LANGUAGE="en"), 404, "region_not_found")
    assert "99.99" in body["detail"]
    _problem(api_client.get("/api/v1/regions", {"parent": "32.99"}), 404, "region_not_found")


def test_search_ignores_case_and_accents(api_client, regions):
    body = api_client.get("/api/v1/regions/search", {"q": "CILÉUNYI"}).json()
    assert body[0]["code"] == "32.04.05"


def test_agency_directory_by_region(api_client):
    village = make_agency()
    make_agency(name="Pemerintah Kota Denpasar", kind="pemda", region="51.71")
    body = api_client.get("/api/v1/agencies", {"region": "32.04"}).json()
    assert [a["slug"] for a in body] == [village.slug]
    assert body[0]["time_zone"] == "Asia/Jakarta"
    _problem(api_client.get("/api/v1/agencies", {"region": "00"}), 404, "region_not_found")


def test_working_day_deadline_endpoint(api_client):
    village = make_agency()
    body = api_client.get(f"/api/v1/agencies/{village.slug}/deadline", {"days": 3, "start": "2026-08-13"}).json()
    assert body["due_date"] == "2026-08-19"
    _problem(api_client.get(f"/api/v1/agencies/{village.slug}/deadline", {"days": 999}), 400, "days_out_of_range")
    _problem(api_client.get(f"/api/v1/agencies/{village.slug}/deadline", {"days": "x"}), 422, "invalid_input")


def test_staff_endpoints_need_authentication(api_client):
    village = make_agency()
    _problem(api_client.get(f"/api/v1/agencies/{village.pk}/staff"), 401, "unauthenticated")
    _problem(
        api_client.get(f"/api/v1/agencies/{village.pk}/staff", HTTP_AUTHORIZATION="Bearer padu_nope_nope"),
        401,
        "unauthenticated",
    )


def test_an_admin_adds_a_holiday_and_it_is_audited(api_client):
    village = make_agency()
    admin = make_staff(village, Role.AGENCY_ADMIN)
    api_client.force_login(admin)
    response = api_client.post(
        f"/api/v1/agencies/{village.pk}/holidays",
        {"date": "2026-09-07", "name": "Hari Jadi Desa"},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert AuditEvent.objects.filter(agency_id=village.pk, verb="holiday.added").count() == 1
    again = api_client.post(
        f"/api/v1/agencies/{village.pk}/holidays",
        {"date": "2026-09-07", "name": "Lagi"},
        content_type="application/json",
    )
    _problem(again, 409, "holiday_exists")
    assert AgencyHoliday.objects.filter(agency=village).count() == 1


def test_bad_holiday_input_changes_nothing(api_client):
    village = make_agency()
    api_client.force_login(make_staff(village, Role.AGENCY_ADMIN))
    url = f"/api/v1/agencies/{village.pk}/holidays"
    body = _problem(
        api_client.post(url, {"date": "2026-02-30", "name": "x"}, content_type="application/json"), 422, "invalid_input"
    )
    assert "date" in body["errors"]
    _problem(
        api_client.post(url, {"date": "2026-09-07", "name": "  "}, content_type="application/json"),
        400,
        "holiday_name_missing",
    )
    _problem(api_client.post(url, "{not json", content_type="application/json"), 400, "malformed_request")
    assert not AgencyHoliday.objects.exists()


def test_a_verifier_may_not_add_holidays(api_client):
    village = make_agency()
    api_client.force_login(make_staff(village, Role.VERIFIER))
    response = api_client.post(
        f"/api/v1/agencies/{village.pk}/holidays", {"date": "2026-09-07", "name": "x"}, content_type="application/json"
    )
    _problem(response, 403, "forbidden")


def test_oversize_payload_is_refused(api_client, settings):
    village = make_agency()
    api_client.force_login(make_staff(village, Role.AGENCY_ADMIN))
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    big = json.dumps({"date": "2026-09-07", "name": "x" * 5000})
    _problem(
        api_client.post(f"/api/v1/agencies/{village.pk}/holidays", big, content_type="application/json"),
        413,
        "payload_too_large",
    )
    assert not AgencyHoliday.objects.exists()


def test_a_scoped_token_reads_only_its_agency(api_client):
    village = make_agency()
    other = make_agency(name="Pemerintah Desa Cileunyi Wetan", region="32.04.05.2002")
    _, raw = api_token_create(actor=OPERATOR, agency=village, name="SIAK", scopes=["agencies:read"])
    auth = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
    assert api_client.get(f"/api/v1/agencies/{village.pk}/staff", **auth).status_code == 200
    _problem(api_client.get(f"/api/v1/agencies/{other.pk}/staff", **auth), 404, "agency_not_found")
    _problem(api_client.get(f"/api/v1/agencies/{village.pk}/audit", **auth), 403, "token_scope_missing")


def test_tokens_are_created_once_and_revoked(api_client):
    village = make_agency()
    api_client.force_login(make_staff(village, Role.AGENCY_ADMIN))
    created = api_client.post(
        f"/api/v1/agencies/{village.pk}/tokens",
        {"name": "Dukcapil", "scopes": ["agencies:read"]},
        content_type="application/json",
    ).json()
    raw = created["token"]
    listed = api_client.get(f"/api/v1/agencies/{village.pk}/tokens").json()
    assert "token" not in listed[0]
    assert api_client.delete(f"/api/v1/agencies/{village.pk}/tokens/{created['id']}").status_code == 204
    api_client.logout()
    _problem(
        api_client.get(f"/api/v1/agencies/{village.pk}/staff", HTTP_AUTHORIZATION=f"Bearer {raw}"),
        401,
        "unauthenticated",
    )
    bad = api_client.post(
        f"/api/v1/agencies/{village.pk}/tokens", {"name": "x", "scopes": ["root"]}, content_type="application/json"
    )
    _problem(bad, 401, "unauthenticated")


def test_unknown_token_scope_is_refused(api_client):
    village = make_agency()
    api_client.force_login(make_staff(village, Role.AGENCY_ADMIN))
    bad = api_client.post(
        f"/api/v1/agencies/{village.pk}/tokens", {"name": "x", "scopes": ["root"]}, content_type="application/json"
    )
    _problem(bad, 400, "token_scope_invalid")


def test_a_supervisor_reads_the_audit_of_agencies_beneath(api_client):
    regency = make_agency(name="Pemerintah Kabupaten Bandung", kind="pemda", region="32.04")
    village = make_agency(parent=regency)
    elsewhere = make_agency(name="Pemerintah Kota Denpasar", kind="pemda", region="51.71")
    api_client.force_login(make_staff(regency, Role.SUPERVISOR))
    events = api_client.get(f"/api/v1/agencies/{village.pk}/audit").json()
    assert events[0]["verb"] == "agency.created"
    _problem(api_client.get(f"/api/v1/agencies/{elsewhere.pk}/audit"), 404, "agency_not_found")


def test_openapi_document_is_served(api_client):
    spec = api_client.get("/api/v1/openapi.json").json()
    assert spec["info"]["title"] == "Padu API"
    assert "/api/v1/regions/{code}" in spec["paths"]


def test_api_docs_load_nothing_from_a_cdn(api_client):
    page = api_client.get("/api/v1/docs")
    assert page.status_code == 200
    html = page.content.decode()
    assert "swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()


def test_a_session_write_without_the_csrf_token_is_refused(csrf_client, api_client):
    village = make_agency()
    admin = make_staff(village, Role.AGENCY_ADMIN)
    url = f"/api/v1/agencies/{village.pk}/holidays"
    body = {"date": "2026-09-07", "name": "Hari jadi desa"}
    csrf_client.force_login(admin)
    _problem(csrf_client.post(url, body, content_type="application/json"), 403, "csrf_failed")
    assert not AgencyHoliday.objects.exists()
    # The same person with the page's CSRF token: written.
    api_client.force_login(admin)
    assert api_client.post(url, body, content_type="application/json").status_code == 201
    assert list(AgencyHoliday.objects.values_list("name", flat=True)) == ["Hari jadi desa"]
