"""`padu audit verify`: walk every audit chain and name the first row out of turn."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from padu.core.audit import audit_verify


class Command(BaseCommand):
    help = "Verify the tamper-evident audit trail."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["verify"])

    def handle(self, *args: Any, **options: Any) -> None:
        count, problems = audit_verify()
        if not problems:
            self.stdout.write(self.style.SUCCESS(f"OK: {count:,} audit events, every chain intact."))
            return
        for p in problems:
            self.stderr.write(f"chain {p.chain}, row {p.seq}: {p.kind} — {p.detail}")
        raise CommandError(f"{len(problems)} chain(s) broken out of {count:,} audit events.")
