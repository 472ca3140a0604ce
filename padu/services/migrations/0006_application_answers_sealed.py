# Answers to NIK questions are encrypted at rest (ADR 0004), like the profile's NIK.

from django.db import migrations

import padu.services.models
from padu.services.formdef import has_sealed_answers, open_answers, seal_answers

BATCH = 500


def _rewrite(apps, change):
    """Apply `change(form, answers)` to the answers of every application whose form asks a
    NIK question, reading and writing the column as stored (no model save, so nothing is
    sealed twice); only rows whose answers change are written."""
    Application = apps.get_model("services", "Application")
    ServiceVersion = apps.get_model("services", "ServiceVersion")
    forms = {pk: form for pk, form in ServiceVersion.objects.values_list("pk", "form") if has_sealed_answers(form)}
    pks = list(Application.objects.filter(service_version_id__in=forms).order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(pks), BATCH):
        rows = Application.objects.filter(pk__in=pks[start : start + BATCH]).values_list(
            "pk", "service_version_id", "answers"
        )
        changed = []
        for pk, version_id, answers in rows:
            new = change(forms[version_id], answers)
            if new != answers:
                changed.append(Application(pk=pk, answers=new))
        Application.objects.bulk_update(changed, ["answers"])


def seal_nik_answers(apps, schema_editor):
    """Seal every plain NIK answer; answers already sealed with PADU_DATA_KEY stay as they are."""
    _rewrite(apps, seal_answers)


def open_nik_answers(apps, schema_editor):
    """Back to plain NIK answers (needs the same PADU_DATA_KEY)."""
    _rewrite(apps, open_answers)


class Migration(migrations.Migration):

    dependencies = [
        ('services', '0005_application_assisted_by'),
    ]

    operations = [
        # The column is JSON as before: only Django's idea of the field changes.
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='application',
                    name='answers',
                    field=padu.services.models.AnswersField(default=dict),
                ),
            ],
        ),
        migrations.RunPython(seal_nik_answers, open_nik_answers),
    ]
