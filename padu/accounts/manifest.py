"""People and accounts: the demo's agencies, staff, citizens and businesses (the first seeder)."""

from padu.accounts.demo import demo_accounts, seed
from padu.core.manifest import Manifest

MANIFEST = Manifest(
    label="accounts",
    demo=seed,
    demo_logins=demo_accounts,
    isolation="padu.accounts.tests.isolation",
)
