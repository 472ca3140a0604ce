"""The complete service standard (UU 25/2009 Pasal 21): fourteen components, service hours,
requirements that agree with the form, and the agency's service charter (Pasal 22)."""

from __future__ import annotations

import datetime as dt
import html
import re
from typing import Any

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from padu.core.actors import OPERATOR, Actor
from padu.core.errors import Forbidden, InvalidInput
from padu.core.models import AuditEvent
from padu.core.roles import Role
from padu.services.models import ServiceCharter, ServiceVersion, VersionStatus
from padu.services.services import (
    service_charter_save,
    service_publish,
    service_version_update,
)
from padu.services.standard import clean_hours, hours_lines, parse_day
from padu.services.tests.factories import FORM, HOURS, STANDARD, make_service
from padu.services.tests.test_service_admin import STANDARD as EDITOR_POST
from padu.services.tests.test_service_admin import _admin
from tests import web_factories as f

pytestmark = pytest.mark.django_db

NEW_COMPONENTS = {
    "facilities",
    "staff_competence",
    "internal_supervision",
    "staff_count",
    "service_guarantee",
    "security_guarantee",
    "performance_evaluation",
}
BLANK_NEW: dict[str, Any] = {
    "facilities": "",
    "staff_competence": "",
    "internal_supervision": "",
    "staff_count": None,
    "service_guarantee": "",
    "security_guarantee": "",
    "performance_evaluation": "",
    "hours": {},
}
KTP_FORM = {"fields": [*FORM["fields"], {"name": "ktp", "type": "file", "label": {"id": "Foto KTP", "en": "ID card"}}]}


# ---- the fourteen components ----


def test_a_draft_may_be_incomplete_but_publishing_lists_what_is_missing():
    agency = f.agency()
    # The seven components the standard had before, and nothing of the others.
    draft = make_service(agency, publish=False, **BLANK_NEW)
    assert draft.status == VersionStatus.DRAFT
    with translation.override("en"), pytest.raises(InvalidInput) as caught:
        service_publish(actor=OPERATOR, version=draft)
    assert caught.value.code == "standard_incomplete"
    assert set(caught.value.errors) == NEW_COMPONENTS | {"hours"}
    assert caught.value.errors["facilities"] == [
        "Needed to publish: component 8 of the service standard, “Facilities, infrastructure and equipment”."
    ]
    assert str(caught.value.message) == (
        "The service standard is not complete. Missing: Facilities, infrastructure and equipment, Staff competence, "
        "Internal supervision, Number of staff, Service guarantee, Security and safety guarantee, "
        "Staff performance evaluation, service hours."
    )
    draft.refresh_from_db()
    assert draft.status == VersionStatus.DRAFT
    # Owner control: once complete, the same draft publishes.
    rest = {k: STANDARD[k] for k in (*NEW_COMPONENTS, "hours")}
    draft = service_version_update(actor=OPERATOR, version=draft, **rest)
    assert service_publish(actor=OPERATOR, version=draft).status == VersionStatus.PUBLISHED


def test_one_missing_old_component_is_named_too():
    draft = make_service(f.agency(), publish=False, complaint_channel="", legal_basis="  ")
    with translation.override("en"), pytest.raises(InvalidInput) as caught:
        service_publish(actor=OPERATOR, version=draft)
    assert sorted(caught.value.errors) == ["complaint_channel", "legal_basis"]
    assert "Missing: Handling of complaints, suggestions and feedback, Legal basis." in str(caught.value.message)


def test_staff_count_and_long_texts_are_checked_on_every_save():
    draft = make_service(f.agency(), publish=False)
    with pytest.raises(InvalidInput) as caught:
        service_version_update(actor=OPERATOR, version=draft, staff_count=0, facilities="x" * 5001)
    assert caught.value.code == "service_invalid" and sorted(caught.value.errors) == ["facilities", "staff_count"]


# ---- service hours ----


@pytest.mark.parametrize(
    ("text", "periods"),
    [
        ("08:00-15:30", [["08:00", "15:30"]]),
        ("08.00–11.00, 13:00 - 16:00", [["08:00", "11:00"], ["13:00", "16:00"]]),
        ("8:00 s.d. 9:30", [["08:00", "09:30"]]),
        ("  ", []),
    ],
)
def test_the_editor_reads_a_day_as_people_write_it(text, periods):
    assert parse_day(text) == periods


@pytest.mark.parametrize("text", ["08:00", "24:00-25:00", "pagi-sore", "08:00-11:00, 13"])
def test_an_unreadable_day_is_refused(text):
    with translation.override("en"), pytest.raises(ValueError, match="24-hour time"):
        parse_day(text)


def test_hours_are_stored_in_order_and_refused_when_they_overlap_or_run_backwards():
    cleaned, errors = clean_hours({"fri": [["13:00", "16:00"], ["08:00", "11:00"]], "mon": [["8:00", "15:30"]]})
    assert errors == {}
    assert list(cleaned) == ["mon", "fri"]
    assert cleaned == {"mon": [["08:00", "15:30"]], "fri": [["08:00", "11:00"], ["13:00", "16:00"]]}
    with translation.override("en"):
        _cleaned, errors = clean_hours(
            {"mon": [["08:00", "12:00"], ["11:30", "15:00"]], "tue": [["15:00", "08:00"]], "sabtu": []}
        )
    assert errors == {
        "hours": ["Unknown days: sabtu (use mon … sun)."],
        "hours.mon": ["Periods overlap: 08:00–12:00 and 11:30–15:00."],
        "hours.tue": ["A period must end after it starts (15:00–08:00)."],
    }
    # Touching periods do not overlap.
    assert clean_hours({"mon": [["08:00", "12:00"], ["12:00", "15:00"]]})[1] == {}


def test_a_service_with_overlapping_hours_is_not_saved():
    draft = make_service(f.agency(), publish=False)
    with pytest.raises(InvalidInput) as caught:
        service_version_update(actor=OPERATOR, version=draft, hours={"fri": [["08:00", "11:00"], ["10:00", "16:00"]]})
    assert list(caught.value.errors) == ["hours.fri"]
    draft.refresh_from_db()
    assert draft.hours == HOURS


def test_the_hours_read_as_runs_of_days():
    with translation.override("en"):
        assert hours_lines(HOURS) == [
            ("Monday – Thursday", "08:00–15:30"),
            ("Friday", "08:00–11:00, 13:00–16:00"),
            ("Saturday – Sunday", "Closed"),
        ]
    with translation.override("id"):
        assert hours_lines(HOURS)[0] == ("Senin – Kamis", "08.00–15.30")


# ---- requirements agree with the form ----


def _publish_problems(**fields):
    draft = make_service(f.agency(), publish=False, **fields)
    with translation.override("en"), pytest.raises(InvalidInput) as caught:
        service_publish(actor=OPERATOR, version=draft)
    return caught.value


def test_a_document_nobody_collects_is_refused():
    error = _publish_problems(requirements=[{"name": "Kartu Keluarga"}])
    assert error.code == "requirements_not_collected"
    assert error.errors == {
        "requirements.0": [
            "Say how “Kartu Keluarga” is collected: by a file question of the form, or shown at the counter."
        ]
    }


def test_a_file_question_no_requirement_names_is_refused():
    error = _publish_problems(form=KTP_FORM, requirements=[{"name": "KK", "at_counter": True}])
    assert error.errors == {
        "requirements": ["The form asks for “ID card” (ktp), which no requirement names: add it to the requirements."]
    }


def test_a_required_document_asked_as_optional_needs_the_counter_too():
    form = {"fields": [*FORM["fields"], {"name": "ktp", "type": "file", "label": "KTP", "required": False}]}
    error = _publish_problems(form=form, requirements=[{"name": "KTP", "field": "ktp"}])
    assert list(error.errors) == ["requirements.0"]
    # Owner control: accepted at the counter as well, it publishes.
    version = make_service(
        f.agency("Desa Cimenyan", region_code="32.04.06.2001"),
        form=form,
        requirements=[{"name": "KTP", "field": "ktp", "at_counter": True}],
    )
    assert version.status == VersionStatus.PUBLISHED


def test_wrong_requirements_are_refused_even_in_a_draft():
    with pytest.raises(InvalidInput) as caught:
        make_service(
            f.agency(),
            publish=False,
            form=KTP_FORM,
            requirements=[
                {"name": "KTP", "field": "foto_ktp"},
                {"name": "Warga desa", "kind": "condition", "at_counter": True},
                {"name": "", "field": "ktp"},
                {"name": "KK", "kind": "berkas", "colour": "red"},
            ],
        )
    assert caught.value.code == "service_invalid"
    assert sorted(caught.value.errors) == ["requirements.0", "requirements.1", "requirements.2", "requirements.3"]
    assert not ServiceVersion.objects.exists()


def test_requirements_are_stored_with_every_key():
    version = make_service(
        f.agency(),
        form=KTP_FORM,
        requirements=[
            {"name": " KTP-el ", "field": "ktp", "at_counter": True},
            {"name": "Warga desa", "kind": "condition"},
        ],
    )
    assert version.requirements == [
        {"name": "KTP-el", "required": True, "kind": "document", "field": "ktp", "at_counter": True},
        {"name": "Warga desa", "required": True, "kind": "condition", "field": "", "at_counter": False},
    ]


# ---- the service charter ----


@time_machine.travel(dt.datetime(2026, 3, 2, 3, 0, tzinfo=dt.UTC), tick=False)
def test_the_agency_admin_publishes_the_charter_and_it_is_audited(client):
    agency = f.agency()
    admin = _admin(client, agency)
    page = client.get(reverse("portal:console_service_charter"))
    assert page.status_code == 200 and "menyelenggarakan pelayanan sesuai standar" in page.content.decode()
    post = {
        "text": "Kami sanggup melayani sesuai standar pelayanan.",
        "signed_by_name": "H. Ujang Suryana",
        "signed_by_title": "Kepala Desa Cileunyi Kulon",
        "published_on": "2026-03-02",
    }
    assert client.post(reverse("portal:console_service_charter"), post).status_code == 302
    charter = ServiceCharter.objects.get(agency=agency)
    assert (charter.signed_by_name, charter.published_on) == ("H. Ujang Suryana", dt.date(2026, 3, 2))
    event = AuditEvent.objects.get(verb="service_charter.saved")
    assert event.actor_id == admin.pk and event.changes["new"] is True
    # A date after today (in the agency's time zone) is refused, and nothing changes.
    client.cookies["django_language"] = "en"
    html = client.post(reverse("portal:console_service_charter"), {**post, "published_on": "2026-03-03"})
    assert "The charter cannot be dated in the future." in html.content.decode()
    charter.refresh_from_db()
    assert charter.published_on == dt.date(2026, 3, 2)
    assert AuditEvent.objects.filter(verb="service_charter.saved").count() == 1


def test_only_the_agency_admin_may_publish_the_charter(client):
    agency = f.agency()
    verifier = f.staff(agency, Role.VERIFIER, "verif@example.id")
    with pytest.raises(Forbidden):
        service_charter_save(
            actor=Actor(user=verifier),
            agency=agency,
            text="x",
            signed_by_name="x",
            signed_by_title="x",
            published_on=dt.date(2026, 1, 2),
        )
    client.force_login(verifier)
    assert client.get(reverse("portal:console_service_charter")).status_code == 403
    assert not ServiceCharter.objects.exists()


def test_an_empty_charter_is_refused_field_by_field():
    with translation.override("en"), pytest.raises(InvalidInput) as caught:
        service_charter_save(
            actor=OPERATOR,
            agency=f.agency(),
            text=" ",
            signed_by_name="",
            signed_by_title="Kades",
            published_on=None,  # type: ignore[arg-type]
        )
    assert caught.value.code == "charter_invalid"
    assert sorted(caught.value.errors) == ["published_on", "signed_by_name", "text"]


# ---- the public pages ----


def _charter(agency):
    return service_charter_save(
        actor=OPERATOR,
        agency=agency,
        text="Dengan ini, kami menyatakan sanggup menyelenggarakan pelayanan sesuai standar pelayanan.",
        signed_by_name="H. Ujang Suryana",
        signed_by_title="Kepala Desa Cileunyi Kulon",
        published_on=dt.date(2026, 1, 2),
    )


def test_the_service_page_shows_the_standard_as_sippn_does(client):
    agency = f.agency()
    version = make_service(
        agency,
        form=KTP_FORM,
        requirements=[
            {"name": "Foto KTP-el", "field": "ktp", "at_counter": True},
            {"name": "Kartu Keluarga", "at_counter": True, "required": False},
            {"name": "Berdomisili di desa", "kind": "condition"},
        ],
    )
    _charter(agency)
    client.cookies["django_language"] = "en"
    body = client.get(reverse("portal:service", args=[agency.slug, version.service.slug])).content.decode()
    # Fourteen components, numbered in order, in their two groups.
    numbers = [int(n) for n in re.findall(r'id="component-(\d+)"', body)]
    assert numbers == list(range(1, 15))
    headings = re.findall(r"<h4>(\d+\. [^<]+)</h4>", body)
    assert headings[:3] == ["1. Requirements", "2. System, mechanism and procedure", "3. Completion time"]
    assert headings[6] == "7. Legal basis" and headings[13] == "14. Staff performance evaluation"
    assert body.index("Service delivery") < body.index('id="component-1"') < body.index("Service management")
    assert body.index("Service management") < body.index('id="component-7"')
    assert "Upload it in the form (“ID card”) or show it at the counter." in body
    assert "Kartu Keluarga</strong> (optional)" in body and "Show it at the counter." in body
    assert "2 people" in body and "Ruang tunggu, loket pelayanan" in body
    # The hours and the charter.
    assert "<dt>Monday – Thursday</dt><dd>08:00–15:30</dd>" in body
    assert "<dt>Friday</dt><dd>08:00–11:00, 13:00–16:00</dd>" in body
    assert "<dt>Saturday – Sunday</dt><dd>Closed</dd>" in body
    assert "sanggup menyelenggarakan pelayanan" in body and "H. Ujang Suryana" in body
    # The apply page lists what to have ready.
    client.force_login(f.user())
    apply = client.get(reverse("portal:apply", args=[agency.slug, version.service.slug])).content.decode()
    assert "Berdomisili di desa" in apply and 'name="ktp"' in apply


def test_the_agency_page_shows_the_charter_once_published(client):
    agency = f.agency()
    client.cookies["django_language"] = "en"
    url = reverse("portal:agency", args=[agency.slug])
    assert "Service charter" not in client.get(url).content.decode()
    _charter(agency)
    body = client.get(url).content.decode()
    assert "Service charter" in body and "Kepala Desa Cileunyi Kulon" in body and "2 January 2026" in body


# ---- the API ----


def test_the_api_gives_every_component_the_hours_and_the_charter(client):
    agency = f.agency()
    version = make_service(agency)
    _charter(agency)
    data = client.get(f"/api/v1/services/{agency.slug}/{version.service.slug}").json()
    assert data["facilities"] == STANDARD["facilities"] and data["staff_count"] == 2
    assert data["hours"] == HOURS
    assert data["requirements"] == [
        {"name": "KTP", "required": True, "kind": "document", "field": "", "at_counter": True}
    ]
    assert data["charter"] == {
        "text": "Dengan ini, kami menyatakan sanggup menyelenggarakan pelayanan sesuai standar pelayanan.",
        "signed_by_name": "H. Ujang Suryana",
        "signed_by_title": "Kepala Desa Cileunyi Kulon",
        "published_on": "2026-01-02",
    }


def test_the_api_refuses_to_publish_an_incomplete_standard(api_client):
    agency = f.agency()
    admin = f.staff(agency, Role.AGENCY_ADMIN, "admin@example.id")
    f.with_totp(admin)
    api_client.force_login(admin)
    payload = {
        "name": "Surat Pengantar",
        "description": "Pengantar.",
        "audience": ["citizen"],
        "category": "surat",
        "completion_days": 2,
        "output": "Surat pengantar",
        "form": {"fields": []},
        "workflow": [{"role": "verifier"}],
        "requirements": [{"name": "KTP", "at_counter": True}],
        "hours": {"mon": [["08:00", "12:00"]]},
    }
    created = api_client.post(f"/api/v1/agencies/{agency.pk}/services", payload, content_type="application/json")
    assert created.status_code == 201, created.content
    url = f"/api/v1/agencies/{agency.pk}/services/{created.json()['id']}/publish"
    refused = api_client.post(url, content_type="application/json", HTTP_ACCEPT_LANGUAGE="en")
    assert refused.status_code == 400
    problem = refused.json()
    assert problem["code"] == "standard_incomplete"
    assert sorted(problem["errors"]) == sorted([*NEW_COMPONENTS, "legal_basis", "procedure", "complaint_channel"])
    # Owner control: completed through the API, it publishes.
    full = {**payload, **{k: v for k, v in STANDARD.items() if k != "hours"}}
    updated = api_client.put(
        f"/api/v1/agencies/{agency.pk}/services/{created.json()['id']}", full, content_type="application/json"
    )
    assert updated.status_code == 200, updated.content
    assert api_client.post(url, content_type="application/json").json()["status"] == "published"


# ---- the editor ----


def test_the_editor_opens_on_the_first_section_and_a_section_with_a_problem(client):
    agency = f.agency()
    _admin(client, agency)
    client.cookies["django_language"] = "en"
    page = client.get(reverse("portal:console_service_new")).content.decode()
    opened = re.findall(r'<details class="editor-section" id="section-(\w+)"( open)?>', page)
    assert opened == [("basics", " open"), ("standard", ""), ("form", ""), ("workflow", "")]
    bad = {**EDITOR_POST, "hours_fri": "13:00-16:00, 08:00-13:30", "step_1": "", "step_3": ""}
    page = client.post(reverse("portal:console_service_new"), bad).content.decode()
    opened = re.findall(r'<details class="editor-section" id="section-(\w+)"( open)?>', page)
    assert opened == [("basics", " open"), ("standard", " open"), ("form", ""), ("workflow", " open")]
    assert 'href="#id_hours_fri"' in page and 'href="#id_step_1"' in page
    assert "Periods overlap: 08:00–13:30 and 13:00–16:00." in page
    assert not ServiceVersion.objects.exists()


def test_save_and_publish_shows_what_is_missing_on_the_fields(client):
    agency = f.agency()
    _admin(client, agency)
    client.cookies["django_language"] = "en"
    incomplete = {**EDITOR_POST, "facilities": "", "hours_mon": "", "hours_fri": "", "publish": "1"}
    response = client.post(reverse("portal:console_service_new"), incomplete)
    version = ServiceVersion.objects.get(service__agency=agency)
    assert version.status == VersionStatus.DRAFT  # saved, not published
    assert response["Location"] == reverse("portal:console_service_edit", args=[version.pk]) + "?check=publish"
    page = client.get(response["Location"]).content.decode()
    assert (
        "The service standard is not complete. Missing: Facilities, infrastructure and equipment, service hours."
        in page
    )
    assert 'href="#id_facilities"' in page and 'href="#id_hours_mon"' in page
    assert '<details class="editor-section" id="section-standard" open>' in page
    # The list's publish button lands on the same check.
    response = client.post(reverse("portal:console_service_publish", args=[version.pk]))
    assert response["Location"].endswith("?check=publish")
    # Owner control: completed in the editor, "Save and publish" publishes.
    complete = {**incomplete, "facilities": "Ruang tunggu", "hours_mon": "08:00-15:30"}
    response = client.post(reverse("portal:console_service_edit", args=[version.pk]), complete)
    assert response["Location"] == reverse("portal:console_services")
    version.refresh_from_db()
    assert version.status == VersionStatus.PUBLISHED and version.facilities == "Ruang tunggu"


def test_the_editor_shows_requirement_rows_back_and_places_their_errors(client):
    agency = f.agency()
    _admin(client, agency)
    client.cookies["django_language"] = "en"
    version = make_service(
        agency,
        publish=False,
        form={"fields": [{"name": "ktp", "type": "file", "label": "KTP"}]},
        requirements=[{"name": "Foto KTP", "field": "ktp"}, {"name": "Warga desa", "kind": "condition"}],
    )
    url = reverse("portal:console_service_edit", args=[version.pk])
    page = client.get(url).content.decode()
    assert 'name="req1_name" value="Foto KTP"' in page and 'name="req1_field" value="ktp"' in page
    assert '<option value="form" selected>' in page and '<option value="condition" selected>' in page
    assert "File questions of the form: ktp." in page
    # A document uploaded in the form must name its question; the error sits on its row.
    post = {**EDITOR_POST, "req1_name": "Akta", "req1_how": "form", "req2_name": "", "req2_how": "", "req3_name": ""}
    page = html.unescape(client.post(url, post).content.decode())
    assert 'href="#id_req1_field"' in page and "Name the form's file question that collects this document." in page
