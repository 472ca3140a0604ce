from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicesConfig(AppConfig):
    name = "padu.services"
    label = "services"
    verbose_name = _("Public services")

    def ready(self) -> None:
        from padu.services.fees import connect

        connect()

        from padu.accounts.export import export_section
        from padu.services.selectors import applications_export

        export_section("applications", applications_export)
