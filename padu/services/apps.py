from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicesConfig(AppConfig):
    name = "padu.services"
    label = "services"
    verbose_name = _("Public services")

    def ready(self) -> None:
        from padu.services.fees import connect

        connect()
