import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

CHANNELS = [
    ("online", "Online, on this site"),
    ("letter", "Letter"),
    ("email", "Email"),
    ("whatsapp", "WhatsApp"),
    ("phone", "Telephone"),
    ("in_person", "In person at the office"),
]
CONTACT_CHANNELS = [
    ("email", "Email"),
    ("whatsapp", "WhatsApp"),
    ("phone", "Telephone call or SMS"),
    ("post", "Letter by post"),
    ("in_person", "At the office (the requester comes back)"),
]


def received_when_submitted(apps, schema_editor):
    """Every request and objection so far was filed online: received when it was submitted."""
    alias = schema_editor.connection.alias
    for name in ("InfoRequest", "InfoObjection"):
        model = apps.get_model("ppid", name)
        model.objects.using(alias).filter(received_at__isnull=True).update(received_at=models.F("submitted_at"))


class Migration(migrations.Migration):
    dependencies = [("ppid", "0001_initial")]

    operations = [
        # Requests and objections received off-line: the channel, the moment of receipt (from
        # which the deadlines count) and the officer who recorded them.
        migrations.AddField(
            model_name="inforequest",
            name="channel",
            field=models.CharField(choices=CHANNELS, default="online", max_length=10, verbose_name="received by"),
        ),
        migrations.AddField(
            model_name="inforequest",
            name="contact_channel",
            field=models.CharField(
                blank=True, choices=CONTACT_CHANNELS, max_length=10, verbose_name="how to contact the requester"
            ),
        ),
        migrations.AddField(
            model_name="inforequest",
            name="intake_note",
            field=models.TextField(blank=True, verbose_name="note on the intake"),
        ),
        migrations.AddField(
            model_name="inforequest",
            name="received_at",
            field=models.DateTimeField(null=True, verbose_name="received"),
        ),
        migrations.AddField(
            model_name="inforequest",
            name="recorded_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="infoobjection",
            name="channel",
            field=models.CharField(choices=CHANNELS, default="online", max_length=10, verbose_name="received by"),
        ),
        migrations.AddField(
            model_name="infoobjection",
            name="received_at",
            field=models.DateTimeField(null=True, verbose_name="received"),
        ),
        migrations.AddField(
            model_name="infoobjection",
            name="recorded_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.RunPython(received_when_submitted, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="inforequest",
            name="received_at",
            field=models.DateTimeField(verbose_name="received"),
        ),
        migrations.AlterField(
            model_name="infoobjection",
            name="received_at",
            field=models.DateTimeField(verbose_name="received"),
        ),
        # A requester without an account.
        migrations.AlterField(
            model_name="inforequest",
            name="requester",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="info_requests",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddConstraint(
            model_name="inforequest",
            constraint=models.CheckConstraint(
                condition=models.Q(models.Q(("channel", "online"), _negated=True), ("requester__isnull", False), _connector="OR"),
                name="information_request_online_has_requester",
            ),
        ),
        migrations.AddConstraint(
            model_name="inforequest",
            constraint=models.CheckConstraint(
                condition=models.Q(("requester__isnull", False), models.Q(("contact_channel", ""), _negated=True), _connector="OR"),
                name="information_request_contact_channel",
            ),
        ),
        # Letters handed over at the desk.
        migrations.AddField(
            model_name="requestfile",
            name="handed_over_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="requestfile",
            name="handed_over_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="requestfile",
            name="handed_over_to",
            field=models.CharField(blank=True, max_length=200, verbose_name="received by"),
        ),
        # What an account-less requester must be told by hand: the officers' to-do.
        migrations.CreateModel(
            name="ContactTask",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("kind", models.CharField(max_length=80)),
                ("channel", models.CharField(choices=CONTACT_CHANNELS, max_length=10, verbose_name="how")),
                ("message", models.TextField(verbose_name="what to tell")),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("done_at", models.DateTimeField(blank=True, null=True)),
                ("done_note", models.TextField(blank=True, verbose_name="note")),
                (
                    "done_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "request",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="contact_tasks",
                        to="ppid.inforequest",
                    ),
                ),
            ],
            options={
                "verbose_name": "contact to-do",
                "verbose_name_plural": "contact to-dos",
                "ordering": ["created_at", "pk"],
                "indexes": [models.Index(fields=["request", "done_at"], name="ppid_contact_open")],
            },
        ),
    ]
