from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BillingConfig(AppConfig):
    name = "padu.billing"
    label = "billing"
    verbose_name = _("E-billing")
    manifest = "padu.billing.manifest.MANIFEST"
