"""`padu ppid remind`: tell the PPID (and its superior, for objections) what falls due soon.

Run it every hour from cron or a systemd timer; each deadline is reminded once."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from padu.ppid.services import ppid_remind_near_due


class Command(BaseCommand):
    help = "PPID housekeeping. `remind` notifies the officers of requests and objections due within --hours (48)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["remind"])
        parser.add_argument("--hours", type=int, default=48)

    def handle(self, *args: Any, action: str, hours: int, **options: Any) -> None:
        sent = ppid_remind_near_due(within=dt.timedelta(hours=max(1, hours)))
        self.stdout.write(f"{sent} reminder(s) queued.")
