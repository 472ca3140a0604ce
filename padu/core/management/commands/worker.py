"""`padu worker`: run background tasks (django-tasks, database backend)."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser


class Command(BaseCommand):
    help = "Run a background-task worker. Start as many as the load needs; they share the database queue."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--queue", default="default")
        parser.add_argument("--batch", action="store_true", help="Exit when the queue is empty.")
        parser.add_argument("--backend", default="default", help="Task backend alias from TASKS.")

    def handle(self, *args: Any, queue: str, batch: bool, backend: str, **options: Any) -> None:
        argv = ["--queue-name", queue, "--backend", backend]
        if batch:
            argv += ["--batch", "--no-startup-delay"]
        call_command("db_worker", *argv)
