"""The service clock pauses while a file is back with the applicant.

Backfill: a case returned now starts its pause at its last return; a completed case gets its
working days from submission to completion (no earlier pause was kept, so none is taken off).
Earlier returns of cases already resubmitted are history: their due dates stay as they were.
"""

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django.db import migrations, models

from padu.core.calendar import national_holidays


def _working_days(start: dt.date, end: dt.date, own: set[dt.date]) -> int:
    count, day = 0, start
    while day < end:
        day += dt.timedelta(days=1)
        if day.weekday() < 5 and day not in own and day not in national_holidays(day.year):
            count += 1
    return count


def backfill(apps: Any, schema_editor: Any) -> None:
    Application = apps.get_model("services", "Application")
    ApplicationEvent = apps.get_model("services", "ApplicationEvent")
    AgencyHoliday = apps.get_model("core", "AgencyHoliday")
    for application in Application.objects.filter(status="returned").only("pk"):
        returned = (
            ApplicationEvent.objects.filter(application_id=application.pk, action="return")
            .order_by("-created_at", "-pk")
            .values_list("created_at", flat=True)
            .first()
        )
        if returned is not None:
            Application.objects.filter(pk=application.pk).update(paused_at=returned)
    holidays: dict[int, set[dt.date]] = {}
    completed = Application.objects.filter(
        status="completed", submitted_at__isnull=False, completed_at__isnull=False
    ).select_related("agency")
    for application in completed.only("pk", "submitted_at", "completed_at", "agency__time_zone", "agency__tree_path"):
        agency_id = application.agency_id
        if agency_id not in holidays:
            # The office's days off and those of the offices above it (its materialised path).
            lineage = {int(p) for p in application.agency.tree_path.strip("/").split("/") if p.isdigit()}
            lineage.add(agency_id)
            days = AgencyHoliday.objects.filter(agency_id__in=lineage).values_list("date", flat=True)
            holidays[agency_id] = set(days)
        zone = ZoneInfo(application.agency.time_zone)
        start = application.submitted_at.astimezone(zone).date()
        end = application.completed_at.astimezone(zone).date()
        if end < start or (end - start).days > 366 * 5:
            continue
        Application.objects.filter(pk=application.pk).update(
            working_days_taken=min(_working_days(start, end, holidays[agency_id]), 32767)
        )


class Migration(migrations.Migration):
    dependencies = [("services", "0007_service_standard")]

    operations = [
        migrations.AddField(
            model_name="application",
            name="paused_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="application",
            name="paused_working_days",
            field=models.PositiveSmallIntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name="application",
            name="working_days_taken",
            field=models.PositiveSmallIntegerField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="applicationevent",
            name="paused_working_days",
            field=models.PositiveSmallIntegerField(blank=True, null=True),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
