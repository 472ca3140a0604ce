import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_initial")]

    operations: list[migrations.operations.base.Operation] = [
        migrations.AddField(
            model_name="citizenprofile",
            name="birth_date_check",
            field=models.CharField(
                choices=[
                    ("matches", "Same as in the NIK"),
                    ("to_confirm", "Differs from the NIK: to be confirmed by an officer"),
                    ("confirmed", "Differs from the NIK: confirmed by an officer"),
                ],
                default="matches",
                max_length=12,
                verbose_name="birth date check",
            ),
        ),
        migrations.AddField(
            model_name="citizenprofile",
            name="birth_date_confirmed_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="citizenprofile",
            name="birth_date_confirmed_by",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="citizenprofile",
            name="claim_code_encrypted",
            field=models.TextField(blank=True, editable=False),
        ),
        migrations.AddField(
            model_name="citizenprofile",
            name="registered_at_agency",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="core.agency",
            ),
        ),
        migrations.AddField(
            model_name="citizenprofile",
            name="registered_by",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
    ]
