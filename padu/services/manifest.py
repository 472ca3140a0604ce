"""Public services: the catalogue, applications, casework, the service and letter editors."""

from django.utils.translation import gettext_lazy as _

from padu.core.manifest import Manifest, MenuEntry
from padu.core.permissions import can_manage_agency
from padu.services.demo import seed
from padu.services.selectors import applications_export

MANIFEST = Manifest(
    label="services",
    public_urls="padu.services.web.urls",
    console_urls="padu.services.web.console_urls",
    menu=(
        MenuEntry("inbox", "portal:console_inbox", _("Inbox"), order=10),
        MenuEntry("services", "portal:console_services", _("Services"), can_manage_agency, order=80),
        MenuEntry("letters", "portal:console_letters", _("Letters"), can_manage_agency, order=90),
    ),
    export={"applications": applications_export},
    notifications="padu.services.notifications.register_notifications",
    demo=seed,
    demo_after=("accounts", "billing"),
    isolation="padu.services.tests.isolation",
)
