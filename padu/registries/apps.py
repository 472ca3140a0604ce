from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistriesConfig(AppConfig):
    name = "padu.registries"
    label = "registries"
    verbose_name = _("Population register")
    manifest = "padu.registries.manifest.MANIFEST"
