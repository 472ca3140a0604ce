from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("services", "0009_survey_respondent")]

    operations: list[migrations.operations.base.Operation] = []
