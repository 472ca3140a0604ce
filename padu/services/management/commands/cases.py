"""`padu cases remind`: tell officers about cases that fall due within a day (run it hourly)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from padu.services.services import cases_remind_near_due


class Command(BaseCommand):
    help = "Case housekeeping. `remind` notifies the officers of cases due within --hours (default 24)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["remind"])
        parser.add_argument("--hours", type=int, default=24)

    def handle(self, *args: Any, action: str, hours: int, **options: Any) -> None:
        sent = cases_remind_near_due(within=dt.timedelta(hours=hours))
        self.stdout.write(f"{sent} reminder(s) queued.")
