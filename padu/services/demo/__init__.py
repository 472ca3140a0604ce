"""The services demo data (its manifest's seeder): the village letter pack (`letters`), then
the services with fees (`fees`), then the offices' service charters (`standard`, which also
holds the completed service standards the letters and fees publish); the satisfaction
survey's ratings (`survey`) come after the counter's case, which they rate too."""

from __future__ import annotations

from padu.accounts.models import User
from padu.core.manifest import DemoContext
from padu.services.demo.clock import seed_clock
from padu.services.demo.counter import seed_counter
from padu.services.demo.fees import seed_fee_services
from padu.services.demo.letters import seed_letter_pack
from padu.services.demo.standard import seed_charters
from padu.services.demo.survey import seed_survey


def seed(context: DemoContext) -> dict[str, int]:
    staff = {
        role: User.objects.get(email=email)
        for role, email in (
            ("front_desk", "loket.cileunyikulon@padu.test"),
            ("verifier", "sekdes.cileunyikulon@padu.test"),
            ("signer", "kades.cileunyikulon@padu.test"),
        )
    }
    created = {"applications": seed_letter_pack(context.agencies["desa-cileunyi-kulon"], staff)}
    created["applications"] += seed_clock(context.agencies["desa-cileunyi-kulon"], staff)
    created["applications"] += seed_counter(context.agencies["desa-cileunyi-kulon"], staff)
    created["satisfaction ratings"] = seed_survey(context.agencies["desa-cileunyi-kulon"], staff)
    for key, count in seed_fee_services(context).items():
        created[key] = created.get(key, 0) + count
    created["service charters"] = seed_charters(context)
    return created
