from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("registries", "0002_residents")]

    operations: list[migrations.operations.base.Operation] = []
