from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "padu.core"
    label = "core"
    verbose_name = _("Padu kernel")

    def ready(self) -> None:
        from padu.core import checks  # noqa: F401 - registers the system checks
