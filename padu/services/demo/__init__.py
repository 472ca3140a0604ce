"""The services demo data (its manifest's seeder): the village letter pack (`letters`), then
the services with fees (`fees`)."""

from __future__ import annotations

from padu.accounts.models import User
from padu.core.manifest import DemoContext
from padu.services.demo.fees import seed_fee_services
from padu.services.demo.letters import seed_letter_pack


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
    for key, count in seed_fee_services(context).items():
        created[key] = created.get(key, 0) + count
    return created
