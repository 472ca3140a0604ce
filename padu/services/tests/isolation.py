"""Tenant isolation of service delivery's lists: the inbox, the service list, the citizen's
applications. (Its object cases are in tests/isolation/cases.py.)"""

from __future__ import annotations

import datetime as dt
from typing import Any

from tests.isolation.cases import (
    Call,
    ListCase,
    TokenRoute,
    agency_api,
    console_list,
    mine,
    page,
    people_only,
    public_list,
    scope,
)

PUBLIC: dict[str, str] = {}
# The charter as its owner would post it (the refused calls post the same, to agency A).
CHARTER_FORM = {
    "text": "Kami sanggup melayani sesuai standar pelayanan.",
    "signed_by_name": "Kepala",
    "signed_by_title": "Kepala Desa",
    "published_on": "2026-01-05",
}
CASES: dict[str, list[Call]] = {
    "konsol/maklumat/": [
        page("GET", "/konsol/maklumat/"),
        page("GET", "/konsol/maklumat/", "front_desk_a"),
        page("POST", "/konsol/maklumat/", form=CHARTER_FORM),
        page("POST", "/konsol/maklumat/", "front_desk_a", form=CHARTER_FORM),
    ],
}
SELF: dict[str, str] = {}


def _numbers(world: Any, side: str) -> list[str]:
    """The side's tracking numbers: a list of the other side shows none of them."""
    return [getattr(world, f"submitted_{side}").tracking_number, getattr(world, f"application_{side}").tracking_number]


def _submitted(world: Any, side: str) -> list[str]:
    return [getattr(world, f"submitted_{side}").tracking_number]


VERIFIER = "verifier_{s}"

LIST: dict[str, list[ListCase]] = {
    "konsol/kotak-masuk/": [
        console_list("/konsol/kotak-masuk/", "WARGA", public=("LAYANAN",), rows=_submitted, viewer=VERIFIER),
        console_list("/konsol/kotak-masuk/?q=PENANDA", "WARGA", viewer=VERIFIER, label="search"),
    ],
    "api/v1/agencies/<agency_id>/inbox": [
        agency_api("/api/v1/agencies/{agency}/inbox", "WARGA", public=("LAYANAN",), rows=_submitted, viewer=VERIFIER),
        agency_api("/api/v1/agencies/{agency}/inbox?search=PENANDA", "WARGA", viewer=VERIFIER, label="search"),
    ],
    "konsol/layanan/": [console_list("/konsol/layanan/", "DRAF-LAYANAN", public=("LAYANAN",))],
    "konsol/maklumat/": [console_list("/konsol/maklumat/", public=("MAKLUMAT",))],
    "api/v1/agencies/<agency_id>/services": [
        agency_api("/api/v1/agencies/{agency}/services", "DRAF-LAYANAN", public=("LAYANAN",))
    ],
    "akun/permohonan/": [mine("/akun/permohonan/", public=("LAYANAN",), rows=_numbers)],
    "api/v1/me/applications": [mine("/api/v1/me/applications", "KEPERLUAN", rows=_numbers)],
    "layanan/": [public_list("/layanan/", shared=("LAYANAN",))],
    "api/v1/services": [public_list("/api/v1/services", shared=("LAYANAN",))],
}

NOT_LIST: dict[str, str] = {
    "konsol/layanan/baru/": "a form for a new service",
    "lacak/": "the tracking form",
}


_APPLICANT = "an applicant's own case: a token acts for no applicant"
_STAFF = "casework and the service catalogue are people's work, audited to a named officer"

TOKEN_SCOPES: dict[str, TokenRoute] = {
    "POST api/v1/applications": people_only(_APPLICANT),
    "GET api/v1/me/applications": people_only(_APPLICANT, url=lambda w: "/api/v1/me/applications"),
    "GET api/v1/applications/<application_id>": people_only(_APPLICANT),
    "GET api/v1/applications/<application_id>/document": scope(
        "documents:read", url=lambda w: f"/api/v1/applications/{w.signed_a.pk}/document"
    ),
    "PUT api/v1/applications/<application_id>/answers": people_only(_APPLICANT),
    "POST api/v1/applications/<application_id>/files": people_only(_APPLICANT),
    "GET api/v1/applications/<application_id>/files": people_only(_APPLICANT),
    "GET api/v1/files/<file_id>": people_only(_APPLICANT),
    "DELETE api/v1/files/<file_id>": people_only(_APPLICANT),
    "POST api/v1/applications/<application_id>/actions": people_only(_APPLICANT),
    "POST api/v1/applications/<application_id>/survey": people_only(_APPLICANT),
    "GET api/v1/agencies/<agency_id>/inbox": people_only(_STAFF),
    "GET api/v1/agencies/<agency_id>/services": scope("agencies:read"),
    "POST api/v1/agencies/<agency_id>/services": people_only(_STAFF),
    "PUT api/v1/agencies/<agency_id>/services/<version_id>": people_only(_STAFF),
    "POST api/v1/agencies/<agency_id>/services/<version_id>/publish": people_only(_STAFF),
}


def build(world: Any) -> None:
    """On each side: a published service (public), a draft of its next version (private), and
    the side's citizen's draft (A's is `application_a`, addressed by the cases) and submitted
    application (in the side's inbox); a file on A's draft."""
    from django.core.files.base import ContentFile

    from padu.core.actors import OPERATOR, Actor
    from padu.core.roles import Role
    from padu.services.models import ApplicationFile
    from padu.services.services import (
        application_act,
        application_start,
        service_charter_save,
        service_new_draft,
        service_version_update,
    )
    from padu.services.tests.factories import FORM, GOOD_ANSWERS, make_service
    from tests.factories import make_staff, tiny_pdf
    from tests.isolation.world import CITIZEN, SIDES, mark, public_mark

    for s in SIDES:
        # The verifier handles the first step: the inbox shows them the submitted case.
        verifier = make_staff(world.agency(s), Role.VERIFIER, full_name=f"Verifikator {mark(s, 'VERIFIKATOR')}")
        setattr(world, f"verifier_{s}", verifier)
        published = make_service(
            world.agency(s),
            name=f"Surat Keterangan {public_mark(s, 'LAYANAN')}",
            slug="surat-keterangan-domisili",
            form={"fields": [*FORM["fields"], {"name": "ktp", "type": "file", "label": "KTP", "required": False}]},
        )
        draft = service_new_draft(actor=OPERATOR, service=published.service)
        draft = service_version_update(actor=OPERATOR, version=draft, name=f"Draf {mark(s, 'DRAF-LAYANAN')}")
        setattr(world, f"published_{s}", published)
        setattr(world, f"version_{s}", draft)
        citizen = getattr(world, CITIZEN[s])
        applicant = Actor(user=citizen)
        answers = {**GOOD_ANSWERS, "nama": citizen.full_name, "keperluan": f"Keperluan {mark(s, 'KEPERLUAN')}"}
        setattr(world, f"application_{s}", application_start(actor=applicant, version=published, answers={}))
        submitted = application_start(actor=applicant, version=published, answers=answers)
        setattr(world, f"submitted_{s}", application_act(actor=applicant, application=submitted, action="submit"))
        service_charter_save(
            actor=OPERATOR,
            agency=world.agency(s),
            text=f"Maklumat {public_mark(s, 'MAKLUMAT')}",
            signed_by_name="Kepala",
            signed_by_title="Kepala Desa",
            published_on=dt.date(2026, 1, 5),
        )
    world.file_a = ApplicationFile(
        application=world.application_a,
        field="ktp",
        original_name="ktp.pdf",
        content_type="application/pdf",
        size=9,
        sha256="0" * 64,
        uploaded_by=world.citizen_owner,
    )
    world.file_a.file.save("ktp.pdf", ContentFile(tiny_pdf()), save=True)
    isolation_counter.build(world)  # the counter's letters waiting to be handed over


# The counter (walk-in citizens): its cases and lists live beside this module.
from padu.services.tests import isolation_counter  # noqa: E402

CASES.update(isolation_counter.CASES)
LIST.update(isolation_counter.LIST)
NOT_LIST.update(isolation_counter.NOT_LIST)
