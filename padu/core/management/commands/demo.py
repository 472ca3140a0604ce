"""`padu demo`: load the regions, run every app's demo seeder (its manifest's `demo`, in dependency
order) to seed a realistic Kabupaten Bandung, then print the logins."""

from __future__ import annotations

from typing import Any

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value, yield_hotp_counters_from_time
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from padu.core.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET
from padu.core.manifest import demo_logins, demo_seed


class Command(BaseCommand):
    help = "Load regions and seed the Kabupaten Bandung demo (idempotent); print the accounts to log in with."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--totp", action="store_true", help="Only print the current two-factor code for demo staff."
        )
        parser.add_argument("--skip-regions", action="store_true", help="Do not (re)load the region tree.")

    def handle(self, *args: Any, totp: bool = False, skip_regions: bool = False, **options: Any) -> None:
        if totp:
            counter = next(iter(yield_hotp_counters_from_time()))
            self.stdout.write(format_hotp_value(hotp_value(DEMO_TOTP_SECRET, counter)))
            return
        if not skip_regions:
            call_command("regions", "load", verbosity=options.get("verbosity", 1))
        # Development signing keys, so the demo's letters are signed (production sets its own).
        call_command("pki", "init", verbosity=0)
        with transaction.atomic():
            created = demo_seed(self.stdout.write)
        self.stdout.write(
            self.style.SUCCESS(
                "Demo ready: "
                + ", ".join(f"{n} {what} created" for what, n in created.items())
                + (" (nothing new: already seeded)" if not any(created.values()) else "")
            )
        )
        self.stdout.write(f"\nEvery demo account's password: {DEMO_PASSWORD}")
        self.stdout.write(
            "Accounts marked 2FA need a code: add the secret "
            f"{DEMO_TOTP_SECRET} to an authenticator app, or run `padu demo --totp`.\n"
        )
        for login, what, note in demo_logins():
            self.stdout.write(f"  {login:<40} {what} {('[' + note + ']') if note else ''}")
        self.stdout.write("\nOpen http://127.0.0.1:8000")
