from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicationsConfig(AppConfig):
    name = "padu.publications"
    label = "publications"
    verbose_name = _("News and regulations")
    manifest = "padu.publications.manifest.MANIFEST"
