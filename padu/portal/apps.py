from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "padu.portal"
    label = "portal"
    verbose_name = _("Portal")
    manifest = "padu.portal.manifest.MANIFEST"
