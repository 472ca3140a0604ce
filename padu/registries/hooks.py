"""What the register offers its sibling apps through `Manifest.hooks` (they cannot import it):

- `register_facts`: a resident's items as a letter or a form needs them, found by NIK in the
  register of an agency or of an agency beneath it; the read is logged in the resident's
  access log when a person (or a token) sees it.
- `application_completed` (`padu.registries.events.application_completed`): a completed
  application (a birth, death or moving letter) proposes a life event to the register
  officer, once per application and kind.

Both take plain values (ids, strings) and return plain data, so a caller never holds a
register model.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.db.models import Max

from padu.core.actors import Actor
from padu.core.models import Agency
from padu.registries.codes import BloodType, LifeStatus
from padu.registries.events import application_completed
from padu.registries.models import LifeEvent, Resident
from padu.registries.permissions import can_find_residents, sees_sensitive
from padu.registries.services import nik_hash, resident_access_record

# The items `register_facts` returns (the letter's names), with the record's item each reads.
FACT_ITEMS: tuple[tuple[str, str], ...] = (
    ("nama", "name"),
    ("nik", "nik"),
    ("tempat_lahir", "birth_place"),
    ("tanggal_lahir", "birth_date"),
    ("jenis_kelamin", "sex"),
    ("agama", "religion"),
    ("status_perkawinan", "marital_status"),
    ("pekerjaan", "occupation"),
    ("pendidikan", "education"),
    ("kewarganegaraan", "citizenship"),
    ("golongan_darah", "blood_type"),
    ("nama_ayah", "father_name"),
    ("nama_ibu", "mother_name"),
    ("alamat", "address"),
    ("rt", "area"),
    ("rw", "area"),
    ("dusun", "area"),
    ("no_kk", "kk_number"),
    ("hubungan", "relationship"),
)
MEMBER_FIELDS = ["name", "nik", "relationship", "birth_date"]


def _area_names(resident: Resident) -> dict[str, str]:
    """The RT, RW and dusun of the resident's place (names as the village writes them)."""
    names = {"rt": "", "rw": "", "dusun": ""}
    area = resident.area
    while area is not None:
        names[area.level] = area.name
        area = area.parent
    return names


def _address(resident: Resident, areas: Mapping[str, str], village: str) -> str:
    """Street, RT/RW, dusun and village, as a letter prints it."""
    street = resident.address or (resident.family.address if resident.family else "")
    rt_rw = " / ".join(n for n in (areas["rt"], areas["rw"]) if n)
    return ", ".join(part for part in (street, rt_rw, areas["dusun"], village) if part)


def last_changed(resident: Resident) -> dt.datetime:
    """When the record last changed: its latest history row's event, or its own update time."""
    latest = LifeEvent.objects.filter(changes__resident=resident).aggregate(at=Max("recorded_at"))["at"]
    moments = [m for m in (latest, resident.updated_at) if m is not None]
    return max(moments)


def _found(agency_id: int, nik: str) -> Resident | None:
    agency = Agency.objects.filter(pk=agency_id).only("tree_path").first()
    if agency is None or not nik:
        return None
    return (
        Resident.objects.select_related("agency", "family", "area__parent__parent")
        .filter(
            nik_hash=nik_hash(nik),
            life_status=LifeStatus.PRESENT,
            agency__tree_path__startswith=agency.tree_path,
        )
        .order_by("pk")
        .first()
    )


def _may_read(actor: Actor | None, agency_id: int, resident: Resident, user_id: int | None) -> bool:
    if user_id is not None:  # a citizen's own record: only once an officer linked it
        return resident.user_id is not None and resident.user_id == user_id
    if actor is None or actor.is_operator:
        return True  # the platform building the letter it issues
    if resident.user_id is not None and actor.token is None and resident.user_id == actor.user_id:
        return True
    return can_find_residents(actor, agency_id) or can_find_residents(actor, resident.agency_id)


def register_facts(
    *,
    agency_id: int,
    nik: str,
    actor: Actor | None = None,
    purpose: str = "",
    user_id: int | None = None,
) -> dict[str, Any] | None:
    """The present resident with `nik` in the register of agency `agency_id` or an agency
    beneath it, as the letter's data (`penduduk.*`), with `_source` (the village, when the
    record last changed); None when there is none, or the actor may not read it.

    `user_id`: a citizen filling their own form; only their linked record is returned.
    `actor`: who sees the data (logged in the resident's access log for `purpose`, with the
    family members shown); None when the platform builds a letter no one reads yet.
    Sensitive items (religion, blood type) are left out unless the actor sees them or the
    record is the citizen's own."""
    resident = _found(agency_id, nik)
    if resident is None or not _may_read(actor, agency_id, resident, user_id):
        return None
    own = user_id is not None or (actor is not None and actor.user_id is not None and actor.user_id == resident.user_id)
    sensitive = own or actor is None or actor.is_operator or sees_sensitive(actor, resident.agency_id)
    village = resident.agency.name
    areas = _area_names(resident)
    facts: dict[str, Any] = {
        "nama": resident.name,
        "nik": resident.nik,
        "nik_samaran": resident.nik_masked,
        "tempat_lahir": resident.birth_place,
        "tanggal_lahir": resident.birth_date,
        "jenis_kelamin": str(resident.get_sex_display()),
        "status_perkawinan": str(resident.get_marital_status_display()),
        "pekerjaan": str(resident.get_occupation_display()),
        "pendidikan": str(resident.get_education_display()),
        "kewarganegaraan": str(resident.get_citizenship_display()),
        "nama_ayah": resident.father_name,
        "nama_ibu": resident.mother_name,
        "alamat": _address(resident, areas, village),
        **areas,
        "no_kk": resident.family.kk_number if resident.family else "",
        "hubungan": str(resident.get_relationship_display()) if resident.relationship else "",
    }
    if sensitive:
        facts["agama"] = str(resident.get_religion_display())
        if resident.blood_type != BloodType.UNKNOWN:
            facts["golongan_darah"] = str(resident.get_blood_type_display())
    members = (
        list(
            Resident.objects.filter(family_id=resident.family_id, life_status=LifeStatus.PRESENT).order_by(
                "relationship", "birth_date", "pk"
            )
        )
        if resident.family_id
        else [resident]
    )
    facts["keluarga"] = [
        {
            "nama": m.name,
            "nik": m.nik,
            "nik_samaran": m.nik_masked,
            "hubungan": str(m.get_relationship_display()) if m.relationship else "",
            "tanggal_lahir": m.birth_date,
        }
        for m in members
    ]
    facts["anggota_keluarga"] = "; ".join(
        f"{m['nama']} ({m['hubungan']})" if m["hubungan"] else str(m["nama"]) for m in facts["keluarga"]
    )
    facts["_source"] = {
        "village": village,
        "agency_id": resident.agency_id,
        "resident_id": resident.pk,
        "updated_at": last_changed(resident),
        "linked": resident.user_id is not None,
    }
    if actor is not None and not own:
        shown = sorted({item for key, item in FACT_ITEMS if key in facts})
        why = purpose or "letter"
        resident_access_record(actor=actor, agency=resident.agency, residents=[resident], purpose=why, fields=shown)
        others = [m for m in members if m.pk != resident.pk]
        if others:
            resident_access_record(
                actor=actor, agency=resident.agency, residents=others, purpose=why, fields=MEMBER_FIELDS
            )
    return facts


__all__ = ["application_completed", "register_facts"]
