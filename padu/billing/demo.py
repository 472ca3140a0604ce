"""The billing demo data (its manifest's seeder)."""

from padu.core.manifest import DemoContext


def seed(context: DemoContext) -> dict[str, int]:
    from padu.portal.demo_billing import seed_billing
    from padu.portal.demo_settlements import seed_settlements

    return {
        "bills": seed_billing(context.agencies, context.say),
        "settlement_payments": seed_settlements(context.agencies, context.say),
    }
