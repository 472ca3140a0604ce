"""The services demo data (its manifest's seeder)."""

from padu.core.manifest import DemoContext


def seed(context: DemoContext) -> dict[str, int]:
    from padu.accounts.models import User
    from padu.portal.demo_letters import seed_letter_pack

    staff = {
        role: User.objects.get(email=email)
        for role, email in (
            ("front_desk", "loket.cileunyikulon@padu.test"),
            ("verifier", "sekdes.cileunyikulon@padu.test"),
            ("signer", "kades.cileunyikulon@padu.test"),
        )
    }
    return {"applications": seed_letter_pack(context.agencies["desa-cileunyi-kulon"], staff)}
