import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("services", "0008_application_clock")]

    operations: list[migrations.operations.base.Operation] = [
        migrations.AddField(
            model_name="surveyresponse",
            name="age",
            field=models.PositiveSmallIntegerField(blank=True, null=True, verbose_name="age (years)"),
        ),
        migrations.AddField(
            model_name="surveyresponse",
            name="education",
            field=models.CharField(
                blank=True,
                choices=[
                    ("sd", "Primary school (SD) or less"),
                    ("smp", "Junior high school (SMP)"),
                    ("sma", "Senior high school (SMA/SMK)"),
                    ("diploma", "Diploma (D1, D2, D3, D4)"),
                    ("s1", "Bachelor's degree (S1)"),
                    ("s2", "Master's degree or higher (S2, S3)"),
                ],
                max_length=10,
                verbose_name="education",
            ),
        ),
        migrations.AddField(
            model_name="surveyresponse",
            name="occupation",
            field=models.CharField(
                blank=True,
                choices=[
                    ("pns", "Civil servant (PNS)"),
                    ("tni", "Armed forces (TNI)"),
                    ("polri", "Police (POLRI)"),
                    ("swasta", "Private employee (swasta)"),
                    ("wirausaha", "Self-employed (wirausaha)"),
                    ("lainnya", "Other"),
                ],
                max_length=10,
                verbose_name="occupation",
            ),
        ),
        migrations.AddField(
            model_name="surveyresponse",
            name="sex",
            field=models.CharField(
                blank=True, choices=[("L", "Male (L)"), ("P", "Female (P)")], max_length=1, verbose_name="sex"
            ),
        ),
        migrations.AddField(
            model_name="surveyresponse",
            name="source",
            field=models.CharField(
                choices=[
                    ("online", "Answered online by the applicant"),
                    ("paper", "Paper questionnaire entered at the counter"),
                ],
                default="online",
                max_length=10,
            ),
        ),
        migrations.AlterField(
            model_name="surveyresponse",
            name="created_at",
            field=models.DateTimeField(db_index=True, default=django.utils.timezone.now),
        ),
        migrations.AddConstraint(
            model_name="surveyresponse",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("age__isnull", True), models.Q(("age__gte", 10), ("age__lte", 120)), _connector="OR"
                ),
                name="services_survey_age_10_120",
            ),
        ),
    ]
