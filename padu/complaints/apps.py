from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplaintsConfig(AppConfig):
    name = "padu.complaints"
    label = "complaints"
    verbose_name = _("Complaints")

    def ready(self) -> None:
        from padu.complaints.notifications import register_templates

        register_templates()

        from padu.accounts.export import export_section
        from padu.complaints.selectors import complaints_export

        export_section("complaints", complaints_export)
