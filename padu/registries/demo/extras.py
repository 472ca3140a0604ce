"""The linked account, the import waiting with its diff, and the proposals from applications."""

from __future__ import annotations

from padu.accounts.demo import CITIZENS
from padu.accounts.models import User
from padu.registries.codes import (
    LifeStatus,
)
from padu.registries.demo.load import Village
from padu.registries.demo.people import LINKED_CITIZEN
from padu.registries.events import (
    application_completed,
)
from padu.registries.imports.samples import demo_import
from padu.registries.linking import link_confirm
from padu.registries.models import (
    EventKind,
    EventProposal,
    ImportBatch,
    Resident,
)
from padu.registries.services import nik_hash

# ---- the linked account, the waiting import, the proposals ----


def _link(village: Village) -> int:
    """The register officer confirms Siti Aminah's account as her record (same NIK)."""
    user = User.objects.filter(email=LINKED_CITIZEN).first()
    if user is None or Resident.objects.filter(user=user).exists():
        return 0
    resident = Resident.objects.filter(agency=village.agency, nik_hash=nik_hash(_citizen_nik(LINKED_CITIZEN))).first()
    if resident is None:
        return 0
    link_confirm(actor=village.actor, agency=village.agency, resident_id=resident.pk, user_id=user.pk)
    return 1


def _citizen_nik(email: str) -> str:
    for e, _phone, _name, _place, birth, female, village, _street, serial in CITIZENS:
        if e == email:
            day = birth.day + (40 if female else 0)
            return f"{village.replace('.', '')[:6]}{day:02d}{birth.month:02d}{birth.year % 100:02d}{serial}"
    raise KeyError(email)


def _waiting_import(village: Village) -> int:
    """This month's SIAK export of the village, uploaded and read into its diff, not applied:
    most rows as in the register, some changed, a few new families and a few invalid rows
    (`imports.samples.demo_file`)."""
    if ImportBatch.objects.filter(agency=village.agency).exists():
        return 0
    demo_import(actor=village.actor, agency=village.agency)
    return 1


# (kind, application's tracking number, summary, what the application said)
PROPOSALS = (
    (
        EventKind.BIRTH,
        "DEMO-SKL-2611-001",
        "Surat keterangan kelahiran: bayi perempuan, lahir 24 November 2026",
        {"name": "Naura Kirana", "sex": "P", "birth_date": "2026-11-24", "birth_place": "Bandung"},
    ),
    (
        EventKind.DEATH,
        "DEMO-SKK-2611-002",
        "Surat keterangan kematian: warga RW 007, meninggal 26 November 2026",
        {"occurred_on": "2026-11-26", "place": "Rumah", "cause": "Usia lanjut"},
    ),
)


def _proposals(village: Village) -> int:
    """Two completed applications propose a life event to the register officer (the hook the
    services app calls)."""
    made = 0
    eldest = (
        Resident.objects.filter(agency=village.agency, life_status=LifeStatus.PRESENT, area__parent__name="RW 007")
        .order_by("birth_date", "pk")
        .first()
    )
    for kind, reference, summary, details in PROPOSALS:
        if EventProposal.objects.filter(agency=village.agency, reference=reference, kind=kind).exists():
            continue
        application_completed(
            agency_id=village.agency.pk,
            kind=kind,
            reference=reference,
            summary=summary,
            details=details,
            nik=eldest.nik if kind == EventKind.DEATH and eldest is not None else None,
        )
        made += 1
    return made
