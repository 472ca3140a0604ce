from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("services", "0009_survey_respondent")]

    operations = [
        migrations.AddField(
            model_name="serviceversion",
            name="register_event",
            field=models.CharField(
                blank=True,
                choices=[
                    ("birth", "Birth"),
                    ("death", "Death"),
                    ("move_in", "Moving in"),
                    ("move_out", "Moving out"),
                    ("marriage", "Marriage"),
                    ("divorce", "Divorce"),
                ],
                help_text="When an application is completed, the register officer is asked to record this event.",
                max_length=12,
                verbose_name="life event proposed to the population register",
            ),
        ),
    ]
