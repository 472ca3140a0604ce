"""A small world for fuzzing the API: a regency, a district and a village, staff in every
role, a citizen, a business and a superuser, and one of each thing the API serves (a
published service, an application, a complaint, an information request, a bill, news, a
legal document, a holiday, an in-app message, an API token).

`Caller`s are the ways in: nobody, a signed-in session (with its CSRF token) for each
person, and an API token with every scope for each agency that holds staff."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.test import Client

from padu.accounts.models import User
from padu.billing.models import Bill
from padu.billing.tests.factories import make_bill
from padu.complaints.models import Complaint
from padu.complaints.services import complaint_submit
from padu.core.actors import OPERATOR, Actor
from padu.core.models import Agency, AgencyKind, ApiToken, Region
from padu.core.roles import API_SCOPES, Role
from padu.core.services import api_token_create, holiday_add
from padu.notify.models import Message
from padu.ppid.models import InfoRequest
from padu.ppid.services import request_submit
from padu.publications.services import legal_create, news_create, news_publish
from padu.services.models import Application, ServiceVersion
from padu.services.services import application_act, application_start
from padu.services.tests.factories import GOOD_ANSWERS, make_service
from tests.factories import actor_for, give_totp, make_agency, make_business, make_citizen, make_staff, make_user


@dataclass(frozen=True)
class Caller:
    """One way into the API: the headers and cookies each request carries."""

    name: str
    headers: dict[str, str] = field(default_factory=dict)
    cookies: dict[str, str] = field(default_factory=dict)
    user_id: int | None = None  # a session's person
    agency_id: int | None = None  # a token's agency


@dataclass
class World:
    regency: Agency
    district: Agency
    village: Agency
    version: ServiceVersion
    application: Application
    complaint: Complaint
    info_request: InfoRequest
    bill: Bill
    people: dict[str, User]
    tokens: dict[str, ApiToken]
    callers: list[Caller]
    # Values that name real objects: per path parameter, and per (path, parameter) where a name is ambiguous.
    known: dict[str, list[Any]]
    known_by_path: dict[tuple[str, str], list[Any]]
    # Values of query filters that select real rows.
    known_query: dict[str, list[Any]]


# Staff roles sit in the village, except the supervisor, who looks down from the district.
STAFF_AT_DISTRICT = {Role.SUPERVISOR}


def _session(user: User) -> dict[str, str]:
    client = Client()
    client.force_login(user)
    return {settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value}


def _session_caller(name: str, user: User) -> Caller:
    # A CSRF secret of the unmasked form Django keeps in its cookie; the header carries the same.
    csrf = secrets.token_hex(16)
    cookies = {**_session(user), settings.CSRF_COOKIE_NAME: csrf}
    return Caller(name=f"session:{name}", headers={"X-CSRFToken": csrf}, cookies=cookies, user_id=user.pk)


def build_world() -> World:
    regency = make_agency(name="Pemerintah Kabupaten Bandung", kind=AgencyKind.LOCAL_GOVERNMENT, region="32.04")
    district = make_agency(name="Kecamatan Cileunyi", kind=AgencyKind.DISTRICT, region="32.04.05", parent=regency)
    village = make_agency(parent=district)

    people: dict[str, User] = {}
    for role in Role:
        where = district if role in STAFF_AT_DISTRICT else village
        people[str(role)] = make_staff(where, role, full_name=f"Petugas {role.label}")
    profile = make_citizen()
    citizen = profile.user
    people["citizen"] = citizen
    owner = make_user(full_name="Budi Pengusaha")
    make_citizen(owner, village="32.04.05.2002")
    business = make_business(owner)
    people["business"] = owner
    people["superuser"] = give_totp(make_user(full_name="Admin Platform", is_superuser=True, is_staff=True))

    version = make_service(village, audience=["citizen", "business"])
    application = application_start(actor=actor_for(citizen), version=version, answers=GOOD_ANSWERS)
    application = application_act(actor=actor_for(citizen), application=application, action="submit")
    draft = application_start(actor=actor_for(owner), version=version, answers=GOOD_ANSWERS, business_id=business.pk)

    complaint = submit_complaint(village, citizen)
    info_request = request_submit(
        actor=actor_for(citizen),
        agency=village,
        requester_kind="person",
        name=citizen.full_name,
        nik=profile.nik,
        address="Jl. Pandanwangi 12",
        email=citizen.email or "warga@example.id",
        information="Salinan APBDes 2026",
        purpose="Kontrol sosial",
        obtain_method="soft_copy",
        delivery_method="email",
    )
    treasurer = actor_for(people[Role.TREASURER])
    bill = make_bill(village, treasurer, payer_kind="citizen", payer_user_id=citizen.pk, payer_name=citizen.full_name)
    news = news_create(actor=OPERATOR, agency=village, title="Kerja Bakti", body="<p>Minggu pagi.</p>")
    news_publish(actor=OPERATOR, item=news)
    legal = legal_create(
        actor=OPERATOR, agency=village, doc_type="perdes", number="3", year=2025, title="Pungutan Desa"
    )
    holiday = holiday_add(actor=OPERATOR, agency=village, date=dt.date(2030, 8, 1), name="Hari Jadi Desa")

    tokens: dict[str, ApiToken] = {}
    callers = [Caller(name="anonymous")]
    for name, user in people.items():
        callers.append(_session_caller(name, user))
    for agency in (village, district):
        token, raw = api_token_create(actor=OPERATOR, agency=agency, name="Fuzz", scopes=sorted(API_SCOPES))
        tokens[agency.slug] = token
        callers.append(
            Caller(name=f"token:{agency.kind}", headers={"Authorization": f"Bearer {raw}"}, agency_id=agency.pk)
        )

    messages = list(Message.objects.filter(recipient=citizen).values_list("pk", flat=True)[:2])
    agency_ids = [village.pk, district.pk, regency.pk]
    known: dict[str, list[Any]] = {
        "agency_id": agency_ids,
        "application_id": [application.pk, draft.pk],
        "complaint_id": [complaint.pk],
        "request_id": [info_request.pk],
        "bill_id": [bill.pk],
        "holiday_id": [holiday.pk],
        "token_id": [t.pk for t in tokens.values()],
        "version_id": [version.pk],
        "message_id": messages,
        "item_id": [news.pk],
        "document_id": [legal.pk],  # a legal document; the agency has issued no letters
        "number": [application.tracking_number, complaint.tracking_number],
        "agency": [village.slug],
        "channel": ["email", "sms", "whatsapp"],
    }
    known_by_path: dict[tuple[str, str], list[Any]] = {
        ("/regions/{code}", "code"): ["32", "32.04", "32.04.05.2001"],
        ("/billing/public/{code}", "code"): [bill.code],
        ("/agencies/{slug}", "slug"): [village.slug, district.slug],
        ("/agencies/{slug}/deadline", "slug"): [village.slug],
        ("/services/{agency}/{slug}", "slug"): [version.service.slug],
        ("/news/{agency}/{slug}", "slug"): [news.slug],
    }
    known_query: dict[str, list[Any]] = {
        "region": ["32.04", "32.04.05.2002"],
        "agency": [village.slug],
        "category": ["infrastruktur"],
        "q": ["Jalan"],
    }
    return World(
        regency=regency,
        district=district,
        village=village,
        version=version,
        application=application,
        complaint=complaint,
        info_request=info_request,
        bill=bill,
        people=people,
        tokens=tokens,
        callers=callers,
        known=known,
        known_by_path=known_by_path,
        known_query=known_query,
    )


def submit_complaint(village: Agency, citizen: User) -> Complaint:
    return complaint_submit(
        actor=Actor(user=citizen),
        agency=village,
        kind="complaint",
        title="Jalan berlubang di depan SD",
        text="Jalan desa di depan SD Negeri 1 berlubang besar sejak bulan lalu dan membahayakan anak sekolah.",
        category="infrastruktur",
        region=Region.objects.get(code="32.04.05.2001"),
        visibility="public",
    )
