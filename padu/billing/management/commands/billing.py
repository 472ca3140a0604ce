"""`padu billing expire`: mark unpaid bills past their expiry as expired (run it every
few minutes from the scheduler; payments are refused after expiry either way)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from padu.billing.services import bills_expire


class Command(BaseCommand):
    help = "E-billing housekeeping. `expire` marks unpaid bills past their expiry as expired."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["expire"])

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        count = bills_expire()
        self.stdout.write(f"{count} bill(s) expired.")
