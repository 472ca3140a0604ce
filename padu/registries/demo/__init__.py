"""Demo data of the population register (its manifest's seeder): the registers of Desa Cileunyi
Kulon and Desa Cileunyi Wetan, about 2,000 residents each.

What it makes, per village:

- the territory: three dusun, two or three RW in each, three or four RT in each RW, with heads;
- the first load, as from a SIAK export on `LOADED_ON`: about 550 KKs in about 500 households
  (a few households hold two KKs), a West Java age pyramid, education, occupation, religion,
  marital status, e-KTP, insurance, some disabilities; a few newcomer families (pendatang, NIK
  and KK from where they came from) and a few temporary residents (students and workers in
  lodgings, without a KK here). The load is written in bulk as ONE import event per village
  with the items that say who and where each person is (NIK, name, sex, date of birth, KK, SHDK,
  RT) as its `ResidentChange` rows: a lighter history than an officer's entry (which records
  every item), and not one event per person; 4,000 events and 80,000 history rows would add
  nothing a reader uses and most of the demo's time;
- then the life events of the two years to `TODAY`, one by one through the register's services
  (births, deaths, families and people moving in, out and within the village, marriages, a
  divorce, a KK split, a missing person), so their history and the books read like a real
  village's;
- the demo citizens who live there, with the NIK of their account (their letters fill from the
  register), one of them linked to her account by the register officer;
- one import waiting with its diff (a SIAK file with new, changed and invalid rows), and a
  couple of proposals from completed applications.

Deterministic: every choice comes from a `random.Random` with a fixed seed and every date from
`TODAY` (a fixed day, not the clock; the other demos count back from the clock because their
deadlines run from it, the register's books and statistics read dates and would change with it).
Idempotent: each part looks for what it made and a second run changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction

from padu.accounts.models import User
from padu.core.actors import Actor
from padu.core.manifest import DemoContext
from padu.core.models import Agency
from padu.registries.codes import LifeStatus
from padu.registries.demo.events import Events
from padu.registries.demo.extras import _link, _proposals, _waiting_import
from padu.registries.demo.load import Village, _areas, _load, _plan
from padu.registries.demo.people import Maker
from padu.registries.demo.villages import LOADED_ON, TODAY, VILLAGES, VillageSpec
from padu.registries.models import Area, AreaLevel, EventKind, Family, Household, LifeEvent, Resident


def _village(spec: VillageSpec, agency: Agency) -> Village:
    registrar = User.objects.get(email=spec.registrar)
    return Village(spec, agency, Actor(user=registrar, ip_address="127.0.0.1"), Maker(spec))


def seed_village(spec: VillageSpec, agency: Agency, say: Callable[[str], None] | None = None) -> dict[str, int]:
    created = {"residents": 0, "families": 0, "households": 0, "areas": 0, "life events": 0, "imports": 0}
    village = _village(spec, agency)
    with transaction.atomic():
        created["areas"] = _areas(village)
        if not Resident.objects.filter(agency=agency).exists():
            _plan(village)
            created |= {k: v for k, v in _load(village).items()}
            events = Events(village)
            created["life events"] = events.run()
        if spec.slug == "desa-cileunyi-kulon":
            created["linked accounts"] = _link(village)
            created["proposals"] = _proposals(village)
            created["imports"] = _waiting_import(village)
    if say is not None:
        present = Resident.objects.filter(agency=agency, life_status=LifeStatus.PRESENT)
        say(
            f"  {agency.name}: {present.count()} residents in "
            f"{Family.objects.filter(agency=agency, is_active=True).count()} families, "
            f"{Household.objects.filter(agency=agency).count()} households, "
            f"{Area.objects.filter(agency=agency, level=AreaLevel.RT).count()} RT, "
            f"{LifeEvent.objects.filter(agency=agency).exclude(kind=EventKind.IMPORT).count()} life events"
        )
    return created


def seed(context: DemoContext) -> dict[str, int]:
    created: dict[str, int] = {}
    for spec in VILLAGES:
        agency = context.agencies.get(spec.slug)
        if agency is None:
            continue
        for key, count in seed_village(spec, agency, context.say).items():
            created[key] = created.get(key, 0) + count
    return created


__all__ = ["LOADED_ON", "TODAY", "VILLAGES", "seed", "seed_village"]
