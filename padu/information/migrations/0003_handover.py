"""The information app hands its models to padu.ppid and padu.publications.

State only: the tables (information_*) stay where they are and keep every row; ppid/0001 and
publications/0001 took the same models into their state with the same table names. This app
now holds only its history (0001, 0002), so that databases made before the split migrate on.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("information", "0002_publications"),
        ("ppid", "0001_initial"),
        ("publications", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="RequestFile"),
                migrations.DeleteModel(name="RequestEvent"),
                migrations.DeleteModel(name="InfoObjection"),
                migrations.DeleteModel(name="InfoRequest"),
                migrations.DeleteModel(name="PublicInformation"),
                migrations.DeleteModel(name="LegalRelation"),
                migrations.DeleteModel(name="LegalDocument"),
                migrations.DeleteModel(name="NewsItem"),
            ],
            database_operations=[],
        ),
    ]
