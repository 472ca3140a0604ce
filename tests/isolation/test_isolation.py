"""Tenant isolation: users of agency B and citizens other than the owner never reach
agency A's or the owner's objects, on every route."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.test import Client

from padu.accounts.models import User
from padu.core.actors import OPERATOR, Actor
from padu.core.models import Agency, AgencyHoliday, ApiToken, AuditEvent, Membership, PersonalDataAccess
from padu.core.roles import MFA_REQUIRED_ROLES, Role
from padu.core.services import api_token_create, holiday_add
from padu.documents.models import LetterTemplate
from padu.documents.services import letter_template_save
from padu.services.models import Application, ApplicationEvent, ApplicationFile, ServiceVersion
from padu.services.services import application_start, service_new_draft
from padu.services.tests.factories import make_service
from tests.factories import give_totp, make_agency, make_business, make_citizen, make_staff
from tests.isolation.areas import areas
from tests.isolation.cases import (
    CASES,
    FRAMEWORK_MODULES,
    FRAMEWORK_PREFIXES,
    FRAMEWORK_ROUTES,
    PUBLIC,
    SELF,
    Call,
)
from tests.isolation.routes import all_routes


def test_every_route_is_covered():
    routes = all_routes()
    ours = {
        route
        for route, module in routes.items()
        if not module.startswith(FRAMEWORK_MODULES)
        and route not in FRAMEWORK_ROUTES
        and not route.startswith(FRAMEWORK_PREFIXES)
    }
    assert "api/v1/agencies/<agency_id>/staff" in ours and "konsol/" in ours  # the walk sees both kinds
    uncovered = sorted(ours - set(PUBLIC) - set(CASES) - set(SELF))
    assert uncovered == [], "routes without a tenant-isolation case in tests/isolation/cases.py"
    stale = sorted((set(PUBLIC) | set(CASES) | set(SELF)) - ours)
    assert stale == [], "cases for routes that no longer exist"


@dataclass
class World:
    agency_a: Agency
    agency_b: Agency
    admin_a: User
    admin_b: User
    front_desk_a: User
    front_desk_b: User
    supervisor_b: User
    citizen_owner: User
    citizen_other: User
    holiday_a: AgencyHoliday
    token_a: ApiToken
    token_b: str
    version_a: ServiceVersion
    application_a: Application
    template_a: LetterTemplate
    file_a: ApplicationFile


@pytest.fixture
def world(db) -> World:
    regency = make_agency(name="Pemerintah Kabupaten Bandung", kind="pemda", region="32.04")
    agency_a = make_agency(parent=regency)
    agency_b = make_agency(name="Pemerintah Desa Cileunyi Wetan", region="32.04.05.2002", parent=regency)
    admin_a = make_staff(agency_a, Role.AGENCY_ADMIN)
    admin_b = make_staff(agency_b, Role.AGENCY_ADMIN)
    supervisor_b = make_staff(agency_b, Role.SUPERVISOR)  # supervises B's subtree, not its sibling A
    owner = make_citizen()
    make_business(owner.user)
    other = make_citizen(village="32.04.05.2002", district="32.04.05", female=True)
    token_a, _ = api_token_create(actor=OPERATOR, agency=agency_a, name="A", scopes=["agencies:read"])
    _, raw_b = api_token_create(actor=OPERATOR, agency=agency_b, name="B", scopes=["agencies:read", "audit:read"])

    version_a = make_service(agency_a)
    draft_a = service_new_draft(actor=OPERATOR, service=version_a.service)
    application_a = application_start(actor=Actor(user=owner.user), version=version_a, answers={})
    file_a = ApplicationFile(
        application=application_a,
        field="ktp",
        original_name="ktp.pdf",
        content_type="application/pdf",
        size=9,
        sha256="0" * 64,
        uploaded_by=owner.user,
    )
    file_a.file.save("ktp.pdf", ContentFile(b"%PDF-1.7\n"), save=True)
    world = World(
        agency_a=agency_a,
        agency_b=agency_b,
        admin_a=admin_a,
        admin_b=admin_b,
        front_desk_a=make_staff(agency_a, Role.FRONT_DESK),
        front_desk_b=make_staff(agency_b, Role.FRONT_DESK),
        supervisor_b=supervisor_b,
        citizen_owner=owner.user,
        citizen_other=other.user,
        holiday_a=holiday_add(actor=OPERATOR, agency=agency_a, date=dt.date(2026, 12, 2), name="Hari Jadi Desa"),
        token_a=token_a,
        token_b=raw_b,
        version_a=draft_a,
        application_a=application_a,
        file_a=file_a,
        template_a=letter_template_save(
            actor=OPERATOR, agency=agency_a, kind="skd", name="Surat Keterangan Domisili", body="<p>A</p>"
        ),
    )
    for area in areas():
        area.build(world)
    return world


def _snapshot() -> tuple[int, ...]:
    return (
        AgencyHoliday.objects.count(),
        ApiToken.objects.filter(revoked_at__isnull=True).count(),
        Membership.objects.count(),
        AuditEvent.objects.count(),
        PersonalDataAccess.objects.count(),
        Application.objects.count(),
        ApplicationEvent.objects.count(),
        ApplicationFile.objects.count(),
        ServiceVersion.objects.filter(status="published").count(),
        ServiceVersion.objects.count(),
        LetterTemplate.objects.count(),
        ServiceVersion.objects.filter(status="retired").count(),
    ) + tuple(count for area in areas() for count in area.snapshot())


def _client_for(world: World, call: Call) -> tuple[Client, dict[str, Any]]:
    client = Client()
    headers: dict[str, Any] = {}
    if call.as_user.startswith("token_"):
        headers["HTTP_AUTHORIZATION"] = f"Bearer {getattr(world, call.as_user)}"
        return client, headers
    user = getattr(world, call.as_user)
    if user.memberships.filter(role__in=[str(r) for r in MFA_REQUIRED_ROLES]).exists():
        give_totp(user)
    client.force_login(user)
    if call.console_agency:
        session = client.session
        session["portal_agency_id"] = getattr(world, call.console_agency).pk
        session.save()
    return client, headers


def _placeholder(world: World, value: Any) -> Any:
    """`"{agency_a}"` in a case's body stands for that world object's id."""
    if isinstance(value, str) and value.startswith("{") and value.endswith("}"):
        return getattr(world, value[1:-1]).pk
    return value


def _send(client: Client, world: World, call: Call, headers: dict[str, Any]) -> Any:
    url = call.url(world)
    if call.json is not None:
        body = {k: _placeholder(world, v) for k, v in call.json.items()}
        return client.generic(call.method, url, json.dumps(body), content_type="application/json", **headers)
    if call.form is not None:
        form = {k: _placeholder(world, v) for k, v in call.form.items()}
        return client.post(url, form, **headers)
    return client.generic(call.method, url, **headers)


ALL_CALLS = [
    pytest.param(route, call, id=f"{route} {call.method} as {call.as_user}")
    for route, calls in CASES.items()
    for call in calls
]


@pytest.mark.parametrize(("route", "call"), ALL_CALLS)
def test_other_tenants_are_refused(world, route, call):
    before = _snapshot()
    client, headers = _client_for(world, call)
    response = _send(client, world, call, headers)
    assert response.status_code in call.expect, (route, response.status_code, response.content[:300])
    assert _snapshot() == before, "a refused call changed something"


@pytest.mark.parametrize("route", sorted(SELF))
def test_self_routes_never_show_the_owners_data_to_someone_else(world, route):
    owner = world.citizen_owner
    client = Client()
    client.force_login(world.citizen_other)
    method = SELF[route]
    url = "/" + route
    if method == "PUT":
        response = client.put(url, "{}", content_type="application/json")
    else:
        response = client.get(url)
    body = response.content.decode()
    assert owner.email not in body
    assert owner.citizen.nik not in body
    assert owner.citizen.nik_masked not in body
    assert owner.full_name not in body


CONTROL_CALLS = [
    pytest.param(route, call, id=f"{route} as {call.owner}")
    for route, calls in CASES.items()
    for call in [next((c for c in calls if c.method == "GET"), None)]
    if call is not None and call.owner is not None
]


@pytest.mark.parametrize(("route", "call"), CONTROL_CALLS)
def test_the_same_calls_succeed_for_their_owner(world, route, call):
    """A control: the refusals above come from tenancy, not from a broken route."""
    own = Call(
        call.method, call.url, call.owner, frozenset({200}), console_agency="agency_a" if call.console_agency else None
    )
    client, headers = _client_for(world, own)
    response = _send(client, world, own, headers)
    assert response.status_code == 200, (route, response.status_code)
