"""Visibility as SP4N-LAPOR!'s two independent flags (anonymous, confidential), and complaints
received off-line (letter, email, WhatsApp, telephone, in person), with or without an account.

The old single `visibility` choice becomes the flags: `anonymous` → anonymous only,
`confidential` → confidential only, `public` → neither. Going back folds "anonymous and
confidential" into `anonymous` (the identity stays hidden), and cannot restore complaints
recorded for a person without an account (their complainant is empty): it stops there."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

CONTACT_CHANNELS = [
    ("phone", "Telephone call"),
    ("whatsapp", "WhatsApp"),
    ("sms", "SMS"),
    ("email", "Email"),
    ("letter", "Letter to their address"),
    ("in_person", "They come to the office"),
]


def flags_from_visibility(apps, schema_editor):
    Complaint = apps.get_model("complaints", "Complaint")
    Complaint.objects.filter(visibility="anonymous").update(anonymous=True, confidential=False)
    Complaint.objects.filter(visibility="confidential").update(anonymous=False, confidential=True)
    Complaint.objects.filter(visibility="public").update(anonymous=False, confidential=False)


def visibility_from_flags(apps, schema_editor):
    Complaint = apps.get_model("complaints", "Complaint")
    if Complaint.objects.filter(complainant__isnull=True).exists():
        raise RuntimeError(
            "Complaints recorded for people without an account cannot go back to the old schema: "
            "every complaint there needs an account."
        )
    Complaint.objects.filter(anonymous=True).update(visibility="anonymous")
    Complaint.objects.filter(anonymous=False, confidential=True).update(visibility="confidential")
    Complaint.objects.filter(anonymous=False, confidential=False).update(visibility="public")


class Migration(migrations.Migration):
    dependencies = [("complaints", "0001_initial")]

    operations: list[migrations.operations.base.Operation] = [
        # 1. The flags next to the old field, filled from it.
        migrations.AddField(
            model_name="complaint",
            name="anonymous",
            field=models.BooleanField(default=False, verbose_name="anonymous"),
        ),
        migrations.AddField(
            model_name="complaint",
            name="confidential",
            field=models.BooleanField(default=False, verbose_name="confidential"),
        ),
        # Going back, the old field must accept a value before it is filled again.
        migrations.AlterField(
            model_name="complaint",
            name="visibility",
            field=models.CharField(
                choices=[("public", "Public"), ("anonymous", "Anonymous"), ("confidential", "Confidential")],
                default="public",
                max_length=12,
                verbose_name="visibility",
            ),
        ),
        migrations.RunPython(flags_from_visibility, visibility_from_flags),
        # 2. The old field and its index go; the public list's index reads the flag.
        migrations.RemoveIndex(model_name="complaint", name="complaints_public"),
        migrations.RemoveField(model_name="complaint", name="visibility"),
        migrations.AddIndex(
            model_name="complaint",
            index=models.Index(fields=["confidential", "-submitted_at"], name="complaints_public"),
        ),
        # 3. Off-line intake: channel, the person without an account, who recorded it.
        migrations.AddField(
            model_name="complaint",
            name="channel",
            field=models.CharField(
                choices=[
                    ("online", "Online, in Padu"),
                    ("letter", "Letter"),
                    ("email", "Email"),
                    ("whatsapp", "WhatsApp"),
                    ("phone", "Telephone"),
                    ("in_person", "In person, at the office"),
                ],
                default="online",
                max_length=12,
                verbose_name="received by",
            ),
        ),
        migrations.AddField(
            model_name="complaint",
            name="contact_address",
            field=models.CharField(blank=True, max_length=300, verbose_name="address"),
        ),
        migrations.AddField(
            model_name="complaint",
            name="contact_channel",
            field=models.CharField(blank=True, choices=CONTACT_CHANNELS, max_length=12, verbose_name="contact by"),
        ),
        migrations.AddField(
            model_name="complaint",
            name="contact_email",
            field=models.EmailField(blank=True, max_length=254, verbose_name="email"),
        ),
        migrations.AddField(
            model_name="complaint",
            name="contact_name",
            field=models.CharField(blank=True, max_length=150, verbose_name="name"),
        ),
        migrations.AddField(
            model_name="complaint",
            name="contact_phone",
            field=models.CharField(blank=True, max_length=30, verbose_name="telephone or WhatsApp"),
        ),
        migrations.AddField(
            model_name="complaint",
            name="recorded_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="complaint",
            name="recorded_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AlterField(
            model_name="complaint",
            name="complainant",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="complaints",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="message",
            name="contact_channel",
            field=models.CharField(blank=True, choices=CONTACT_CHANNELS, max_length=12),
        ),
        migrations.AddConstraint(
            model_name="complaint",
            constraint=models.CheckConstraint(
                condition=models.Q(models.Q(("channel", "online"), _negated=True), ("complainant__isnull", False), _connector="OR"),
                name="complaints_online_has_account",
            ),
        ),
        migrations.AddConstraint(
            model_name="complaint",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("complainant__isnull", False),
                    models.Q(("contact_name", ""), _negated=True),
                    ("anonymous", True),
                    _connector="OR",
                ),
                name="complaints_complainant_known",
            ),
        ),
    ]
