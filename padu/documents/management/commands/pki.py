"""`padu pki init`: a development CA and signer certificate for signing documents."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from padu.documents.pki import pki_init


class Command(BaseCommand):
    help = "Manage the signing keys. `init` creates a development CA and signer (idempotent)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["init"])

    def handle(self, *args: Any, **options: Any) -> None:
        result = pki_init()
        if result.created:
            for name in result.created:
                self.stdout.write(f"created {result.directory / name}")
            self.stdout.write(
                self.style.WARNING("Development keys only: production sets PADU_SIGNING_KEY and PADU_SIGNING_CERT.")
            )
        else:
            self.stdout.write(f"nothing to do: the development PKI in {result.directory} is complete")
