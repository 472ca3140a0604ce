"""A small Kabupaten Bandung for complaint tests: regency → district → two villages."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from padu.accounts.models import User
from padu.complaints.models import Complaint
from padu.complaints.services import complaint_submit
from padu.core.models import Agency, Region
from padu.core.roles import Role
from tests.factories import actor_for, make_agency, make_citizen, make_staff

TEXT = "Jalan desa di depan SD Negeri 1 berlubang besar sejak bulan lalu dan membahayakan anak sekolah."


@dataclass
class Place:
    regency: Agency
    district: Agency
    village: Agency
    other_village: Agency
    officer: User  # verifier of the village
    admin: User  # administrator of the village
    other_officer: User  # verifier of the other village
    district_officer: User  # verifier of the district (the village's supervising agency)
    citizen: User
    stranger: User


def make_place() -> Place:
    regency = make_agency(name="Pemerintah Kabupaten Bandung", kind="pemda", region="32.04")
    district = make_agency(name="Kecamatan Cileunyi", kind="kecamatan", region="32.04.05", parent=regency)
    village = make_agency(parent=district)
    other = make_agency(name="Pemerintah Desa Cileunyi Wetan", region="32.04.05.2002", parent=district)
    citizen = make_citizen()
    stranger = make_citizen(village="32.04.05.2002", female=True)
    return Place(
        regency=regency,
        district=district,
        village=village,
        other_village=other,
        officer=make_staff(village, Role.VERIFIER, full_name="Dedi Verifikator"),
        admin=make_staff(village, Role.AGENCY_ADMIN, full_name="Rina Admin"),
        other_officer=make_staff(other, Role.VERIFIER, full_name="Iwan Wetan"),
        district_officer=make_staff(district, Role.VERIFIER, full_name="Agus Camat"),
        citizen=citizen.user,
        stranger=stranger.user,
    )


def submit(place: Place, visibility: str = "public", at: dt.datetime | None = None, **kw: Any) -> Complaint:
    values: dict[str, Any] = {
        "agency": place.village,
        "kind": "complaint",
        "title": "Jalan berlubang di depan SD",
        "text": TEXT,
        "category": "infrastruktur",
        "region": Region.objects.get(code="32.04.05.2001"),
        "visibility": visibility,
    }
    values.update(kw)
    return complaint_submit(actor=actor_for(kw.pop("by", None) or place.citizen), at=at, **values)
