"""The complaints demo data (its manifest's seeder)."""

from padu.core.manifest import DemoContext


def seed(context: DemoContext) -> dict[str, int]:
    from padu.portal.demo_complaints import seed_complaints

    return {"complaints": seed_complaints(context.agencies, context.say)}
