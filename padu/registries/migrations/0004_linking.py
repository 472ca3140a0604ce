from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("registries", "0003_imports")]

    operations: list[migrations.operations.base.Operation] = []
