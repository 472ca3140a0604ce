"""Letters are numbered from one agenda counter per agency and period (no longer one per
letter kind). The agenda continues after the highest number any letter kind reached in each
period, so a letter signed after the upgrade never repeats a number already given."""

from django.db import migrations
from django.db.models import Max

AGENDA_KEY = "@agenda"


def start_agendas(apps, schema_editor):
    NumberPattern = apps.get_model("core", "NumberPattern")
    NumberCounter = apps.get_model("core", "NumberCounter")
    kinds: dict[int, set[str]] = {}
    for agency_id, kind in NumberPattern.objects.values_list("agency_id", "kind"):
        kinds.setdefault(agency_id, set()).add(kind)
    for agency_id, letter_kinds in kinds.items():
        reached = (
            NumberCounter.objects.filter(agency_id=agency_id, kind__in=letter_kinds)
            .values("period")
            .annotate(top=Max("last"))
        )
        for row in reached:
            counter, _created = NumberCounter.objects.get_or_create(
                agency_id=agency_id, kind=AGENDA_KEY, period=row["period"], defaults={"last": 0}
            )
            if counter.last < row["top"]:
                counter.last = row["top"]
                counter.save(update_fields=["last"])


def drop_agendas(apps, schema_editor):
    # The per-kind counters were never changed: going back only forgets the shared ones.
    apps.get_model("core", "NumberCounter").objects.filter(kind__startswith="@").delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0002_personal_data_access_token")]

    operations = [
        migrations.RunPython(start_agendas, drop_agendas),
    ]
