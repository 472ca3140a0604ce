"""`padu agency create|list`: manage agencies (tenants) from the command line."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from padu.core.actors import OPERATOR
from padu.core.errors import PaduError
from padu.core.models import Agency, AgencyKind
from padu.core.services import agency_create


class Command(BaseCommand):
    help = "Create or list agencies."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="Create an agency.")
        create.add_argument("--name", required=True)
        create.add_argument("--kind", required=True, choices=AgencyKind.values)
        create.add_argument("--region", required=True, help="Kemendagri code, e.g. 32.04.05.2001")
        create.add_argument("--parent", help="Short name (slug) of the parent agency")
        create.add_argument("--slug")
        create.add_argument("--code", default="", help="Office code used in letter numbers")
        create.add_argument("--time-zone")
        sub.add_parser("list", help="List agencies.")

    def handle(self, *args: Any, action: str, **o: Any) -> None:
        if action == "list":
            for a in Agency.objects.select_related("region").order_by("tree_path"):
                depth = a.tree_path.count("/") - 2
                self.stdout.write(f"{'  ' * depth}{a.slug:<40} {a.name} [{a.region_id}]")
            return
        parent = None
        if o.get("parent"):
            parent = Agency.objects.filter(slug=o["parent"]).first()
            if parent is None:
                raise CommandError(f"No agency with short name {o['parent']!r}.")
        try:
            agency = agency_create(
                actor=OPERATOR,
                name=o["name"],
                kind=o["kind"],
                region_code=o["region"],
                parent=parent,
                slug=o.get("slug"),
                code=o.get("code") or "",
                time_zone=o.get("time_zone"),
            )
        except PaduError as exc:
            raise CommandError(f"{exc.code}: {exc.message}") from exc
        self.stdout.write(self.style.SUCCESS(f"Created {agency.name} ({agency.slug}, id {agency.pk})."))
