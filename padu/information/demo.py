"""The information demo data (its manifest's seeder)."""

from padu.core.manifest import DemoContext


def seed(context: DemoContext) -> dict[str, int]:
    from padu.portal.demo_ppid import seed_ppid
    from padu.portal.demo_publications import seed_publications

    return {
        "publications": seed_publications(context.agencies, context.say),
        "ppid_requests": seed_ppid(context.agencies, context.say),
    }
