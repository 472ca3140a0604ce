from django.db import migrations, models


def _no_national_gui_for_acquirers(apps, schema_editor):
    # Payloads used to fall back to the national GUI in tag 26; an acquirer's GUI is never
    # ID.CO.QRIS.WWW. Channels are left without a merchant ID and criteria, so they give no
    # QRIS codes until the treasurer enters the acquirer's letter.
    PaymentChannel = apps.get_model("billing", "PaymentChannel")
    PaymentChannel.objects.filter(qris_acquirer_gui__iexact="ID.CO.QRIS.WWW").update(qris_acquirer_gui="")


class Migration(migrations.Migration):
    dependencies = [("billing", "0002_settlementstatement_settlementline_and_more")]

    operations: list[migrations.operations.base.Operation] = [
        migrations.RenameField(
            model_name="paymentchannel",
            old_name="qris_acquirer_domain",
            new_name="qris_acquirer_gui",
        ),
        migrations.AlterField(
            model_name="paymentchannel",
            name="qris_acquirer_gui",
            field=models.CharField(
                blank=True, help_text="e.g. ID.CO.BANKBPD.WWW", max_length=32, verbose_name="acquirer GUI"
            ),
        ),
        migrations.AddField(
            model_name="paymentchannel",
            name="qris_mcc",
            field=models.CharField(
                blank=True, default="9399", max_length=4, verbose_name="merchant category code (MCC)"
            ),
        ),
        migrations.AddField(
            model_name="paymentchannel",
            name="qris_merchant_criteria",
            field=models.CharField(
                blank=True,
                choices=[
                    ("UMI", "UMI: micro business (usaha mikro)"),
                    ("UKE", "UKE: small business (usaha kecil)"),
                    ("UME", "UME: medium business (usaha menengah)"),
                    ("UBE", "UBE: large business (usaha besar)"),
                ],
                max_length=3,
                verbose_name="QRIS merchant criteria",
            ),
        ),
        migrations.AddField(
            model_name="paymentchannel",
            name="qris_merchant_id",
            field=models.CharField(blank=True, max_length=15, verbose_name="QRIS merchant ID"),
        ),
        migrations.AddField(
            model_name="paymentchannel",
            name="qris_updated_at",
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name="QRIS data entered at"),
        ),
        migrations.RunPython(_no_national_gui_for_acquirers, migrations.RunPython.noop),
    ]
