import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("services", "0006_application_answers_sealed")]

    operations = [
        migrations.AddField(
            model_name="serviceversion",
            name="facilities",
            field=models.TextField(blank=True, verbose_name="facilities, infrastructure and equipment"),
        ),
        migrations.AddField(
            model_name="serviceversion",
            name="hours",
            field=models.JSONField(blank=True, default=dict, verbose_name="service hours"),
        ),
        migrations.AddField(
            model_name="serviceversion",
            name="internal_supervision",
            field=models.TextField(blank=True, verbose_name="internal supervision"),
        ),
        migrations.AddField(
            model_name="serviceversion",
            name="performance_evaluation",
            field=models.TextField(blank=True, verbose_name="staff performance evaluation"),
        ),
        migrations.AddField(
            model_name="serviceversion",
            name="security_guarantee",
            field=models.TextField(blank=True, verbose_name="security and safety guarantee"),
        ),
        migrations.AddField(
            model_name="serviceversion",
            name="service_guarantee",
            field=models.TextField(blank=True, verbose_name="service guarantee"),
        ),
        migrations.AddField(
            model_name="serviceversion",
            name="staff_competence",
            field=models.TextField(blank=True, verbose_name="staff competence"),
        ),
        migrations.AddField(
            model_name="serviceversion",
            name="staff_count",
            field=models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="number of staff"),
        ),
        migrations.CreateModel(
            name="ServiceCharter",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("text", models.TextField(verbose_name="text of the charter")),
                ("signed_by_name", models.CharField(max_length=200, verbose_name="signed by (name)")),
                ("signed_by_title", models.CharField(max_length=200, verbose_name="signed by (position)")),
                ("published_on", models.DateField(verbose_name="published on")),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "agency",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.PROTECT, related_name="+", to="core.agency"
                    ),
                ),
            ],
            options={"verbose_name": "service charter", "verbose_name_plural": "service charters"},
        ),
    ]
