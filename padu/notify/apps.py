from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotifyConfig(AppConfig):
    name = "padu.notify"
    label = "notify"
    verbose_name = _("Notifications")
    manifest = "padu.notify.manifest.MANIFEST"

    def ready(self) -> None:
        # Each app's notification kinds, named in its manifest (padu.core.manifest).
        from padu.core.manifest import register_notifications

        register_notifications()
