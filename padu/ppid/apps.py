from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PpidConfig(AppConfig):
    name = "padu.ppid"
    label = "ppid"
    verbose_name = _("Public information")
    manifest = "padu.ppid.manifest.MANIFEST"
