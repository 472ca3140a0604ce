from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "padu.portal"
    label = "portal"
    verbose_name = _("Portal")
    manifest = "padu.portal.manifest.MANIFEST"

    def ready(self) -> None:
        # A case's shared status page goes when its cached status does (the case moved).
        from padu.portal.servicepages import forget_track_status_page
        from padu.services.selectors import on_tracking_status_forgotten

        on_tracking_status_forgotten(forget_track_status_page)
