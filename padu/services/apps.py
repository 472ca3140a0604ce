from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicesConfig(AppConfig):
    name = "padu.services"
    label = "services"
    verbose_name = _("Public services")
    manifest = "padu.services.manifest.MANIFEST"

    def ready(self) -> None:
        from padu.services.fees import connect

        connect()

        from padu.documents.subjects import letter_subject_source
        from padu.services.letters import application_letter_subjects

        letter_subject_source("applications", application_letter_subjects)

        from padu.accounts.lookup import open_cases_source
        from padu.services.selectors import has_open_application

        open_cases_source(has_open_application)

        # A case's shared status page goes when its cached status does (the case moved).
        from padu.services.selectors import on_tracking_status_forgotten
        from padu.services.web.pages import forget_track_status_page

        on_tracking_status_forgotten(forget_track_status_page)
