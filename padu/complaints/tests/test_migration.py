"""The upgrade from one visibility choice to the two flags keeps every complaint's meaning."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from padu.complaints.models import Complaint
from padu.complaints.tests.factories import make_place

BEFORE = [("complaints", "0001_initial")]
AFTER = [("complaints", "0002_visibility_intake")]


def _latest() -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_the_old_visibility_becomes_the_two_flags_and_back():
    place = make_place()
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    try:
        old = executor.loader.project_state(BEFORE).apps.get_model("complaints", "Complaint")
        at = dt.datetime(2026, 12, 1, 3, tzinfo=dt.UTC)
        for number, visibility in (("PUB", "public"), ("ANO", "anonymous"), ("RHS", "confidential")):
            old.objects.create(
                tracking_number=number,
                agency_id=place.village.pk,
                handling_agency_id=place.village.pk,
                title="Jalan berlubang",
                text="Jalan desa berlubang besar sejak bulan lalu.",
                category="infrastruktur",
                region_id="32.04.05.2001",
                visibility=visibility,
                complainant_id=place.citizen.pk,
                submitted_at=at,
            )
        executor = MigrationExecutor(connection)
        executor.migrate(AFTER)
        flags = {c.tracking_number: (c.anonymous, c.confidential, c.channel) for c in Complaint.objects.all()}
        assert flags == {
            "PUB": (False, False, "online"),
            "ANO": (True, False, "online"),
            "RHS": (False, True, "online"),
        }
        # Back again: both flags fold into "anonymous" (the name stays hidden).
        Complaint.objects.filter(tracking_number="RHS").update(anonymous=True)
        executor = MigrationExecutor(connection)
        executor.migrate(BEFORE)
        back = executor.loader.project_state(BEFORE).apps.get_model("complaints", "Complaint")
        assert dict(back.objects.values_list("tracking_number", "visibility")) == {
            "PUB": "public",
            "ANO": "anonymous",
            "RHS": "anonymous",
        }
    finally:
        _latest()
