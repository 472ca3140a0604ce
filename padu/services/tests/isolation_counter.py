"""Tenant isolation of the counter (loket) pages: another office's staff, and this office's
staff who are not at the front desk, reach none of them; the owner's control is the office's
own front desk. Merged into this app's isolation module (isolation.py)."""

from __future__ import annotations

from typing import Any

from tests.isolation.cases import Call, ListCase, console_list

FIND_OWNER = {"nik": "{citizen_owner.citizen.nik}", "purpose": "Surat domisili di loket"}
FIND = {"nik": "3204051705900001", "purpose": "x"}
WALK_IN = {
    "nik": "3204055208520041",
    "name": "Warga Loket Baru",
    "birth_place": "Bandung",
    "birth_date": "1952-08-12",
    "region_1": "32",
    "region_2": "32.04",
    "region_3": "32.04.05",
    "region_code": "32.04.05.2001",
    "street": "Kp. Babakan RT 03/RW 07",
}
DRAFT = {"nama": "Warga Loket", "save": "1"}
EVIDENCE = {"evidence": "Akta kelahiran yang dibetulkan"}
HAND_OVER = {"received_by": "Warga"}
DESK = "front_desk_a"


def _at(console: str, url: Any, as_user: str, method: str = "GET", **kw: Any) -> Call:
    """A counter page called as `as_user` with `console` as the console's active agency; the
    owner's control is A's front desk, in A's console."""
    kw.setdefault("owner", DESK)
    return Call(method, url, as_user, console_agency=console, **kw)


def _path(template: str) -> Any:
    def url(world: Any) -> str:
        return template.format(w=world)

    return url


HOME = _path("/konsol/loket/")
REGISTER = _path("/konsol/loket/daftar/")
PERSON = _path("/konsol/loket/warga/{w.walk_in_a.pk}/")
BIRTH = _path("/konsol/loket/warga/{w.walk_in_a.pk}/tanggal-lahir/")
APPLY = _path("/konsol/loket/warga/{w.walk_in_a.pk}/layanan/{w.published_a.pk}/")
RECEIPT = _path("/konsol/loket/permohonan/{w.submitted_a.pk}/tanda-terima/")
HANDOVER = _path("/konsol/loket/permohonan/{w.ready_a.pk}/serahkan/")
LETTER = _path("/konsol/loket/permohonan/{w.ready_a.pk}/surat/")

CASES: dict[str, list[Call]] = {
    "konsol/loket/": [
        _at("agency_a", HOME, "admin_b"),
        _at("agency_a", HOME, "admin_a", expect=frozenset({403})),  # staff, not at the counter
        _at("agency_a", HOME, "front_desk_b", "POST", form=FIND, owner_form=FIND_OWNER),
    ],
    "konsol/loket/daftar/": [
        _at("agency_a", REGISTER, "front_desk_b"),
        _at("agency_a", REGISTER, "front_desk_b", "POST", form=WALK_IN),
        _at("agency_a", REGISTER, "admin_a", "POST", form=WALK_IN, expect=frozenset({403})),
    ],
    "konsol/loket/warga/<int:user_id>/": [
        _at("agency_b", PERSON, "front_desk_b"),  # B never found A's walk-in
        _at("agency_a", PERSON, "front_desk_b"),
        _at("agency_a", PERSON, "citizen_other"),
    ],
    "konsol/loket/warga/<int:user_id>/tanggal-lahir/": [
        _at("agency_b", BIRTH, "front_desk_b", "POST", form=EVIDENCE),
        _at("agency_a", BIRTH, "supervisor_b", "POST", form=EVIDENCE),
    ],
    "konsol/loket/warga/<int:user_id>/layanan/<int:version_id>/": [
        _at("agency_b", APPLY, "front_desk_b"),
        _at("agency_b", APPLY, "front_desk_b", "POST", form=DRAFT),
        _at("agency_a", APPLY, "admin_a", "POST", form=DRAFT, expect=frozenset({403})),
    ],
    "konsol/loket/permohonan/<int:application_id>/tanda-terima/": [
        _at("agency_b", RECEIPT, "front_desk_b"),
        _at("agency_a", RECEIPT, "front_desk_b"),
        _at("agency_a", RECEIPT, "admin_a", expect=frozenset({403})),
    ],
    "konsol/loket/permohonan/<int:application_id>/serahkan/": [
        _at("agency_b", HANDOVER, "front_desk_b"),
        _at("agency_b", HANDOVER, "front_desk_b", "POST", form=HAND_OVER),
        _at("agency_a", HANDOVER, "admin_a", "POST", form=HAND_OVER, expect=frozenset({403})),
    ],
    "konsol/loket/permohonan/<int:application_id>/surat/": [
        _at("agency_b", LETTER, "front_desk_b"),
        _at("agency_a", LETTER, "supervisor_b"),
    ],
}


def _ready(world: Any, side: str) -> list[str]:
    return [getattr(world, f"ready_{side}").tracking_number]


LIST: dict[str, list[ListCase]] = {
    # Letters waiting at the counter: the side's own, with its citizen's name.
    "konsol/loket/": [console_list("/konsol/loket/", "WARGA", viewer="front_desk_{s}", rows=_ready)],
}

NOT_LIST: dict[str, str] = {"konsol/loket/daftar/": "the form to register a walk-in citizen"}


def build(world: Any) -> None:
    """On each side, a completed case of the side's citizen whose signed letter waits at the
    counter (`ready_a`, `ready_b`; the letter row and its PDF only: signing is tested in
    padu/documents)."""
    from padu.core.actors import Actor
    from padu.services.models import Application, ApplicationStatus
    from padu.services.services import application_act, application_start
    from padu.services.tests.factories import GOOD_ANSWERS
    from tests.isolation.areas.documents import issued_document
    from tests.isolation.world import CITIZEN, SIDES

    for s in SIDES:
        citizen = getattr(world, CITIZEN[s])
        applicant = Actor(user=citizen)
        version = getattr(world, f"published_{s}")
        application = application_start(actor=applicant, version=version, answers={**GOOD_ANSWERS})
        application = application_act(actor=applicant, application=application, action="submit")
        document = issued_document(
            world.agency(s), s, number=f"L-001/{s.upper()}", code=f"LOKET{s.upper()}0000000000000000000000"
        )
        Application.objects.filter(pk=application.pk).update(status=ApplicationStatus.COMPLETED, document=document)
        setattr(world, f"ready_{s}", Application.objects.get(pk=application.pk))
