from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InformationConfig(AppConfig):
    name = "padu.information"
    label = "information"
    verbose_name = _("Public information")

    def ready(self) -> None:
        from padu.information.ppid_notifications import register_notifications

        register_notifications()

        from padu.accounts.export import export_section
        from padu.information.ppid_selectors import requests_export

        export_section("information_requests", requests_export)
