"""`padu complaints sweep`: escalate overdue complaints and close unanswered-back answers (run it hourly)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from padu.complaints.services import complaints_sweep


class Command(BaseCommand):
    help = (
        "Complaint housekeeping. `sweep` escalates open complaints past their deadline to the "
        "supervising agency and closes answers not reopened within 10 working days."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["sweep"])

    def handle(self, *args: Any, action: str, **options: Any) -> None:
        result = complaints_sweep()
        self.stdout.write(f"{result.escalated} complaint(s) escalated, {result.closed} closed automatically.")
