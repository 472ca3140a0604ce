"""Until the split into ppid and publications: both areas' pages, menu and export."""

from django.utils.translation import gettext_lazy as _

from padu.core.manifest import Manifest, MenuEntry
from padu.information.demo import seed
from padu.information.permissions import can_handle_ppid, can_publish, can_read_ppid_report
from padu.information.ppid_selectors import requests_export

MANIFEST = Manifest(
    label="information",
    public_urls="padu.information.web.urls",
    console_urls="padu.information.web.console_urls",
    menu=(
        MenuEntry(
            "ppid",
            "portal:console_ppid",
            _("Public information"),
            lambda actor, agency: can_handle_ppid(actor, agency.pk) or can_read_ppid_report(actor, agency),
            order=30,
        ),
        MenuEntry("news", "portal:console_news", _("News"), lambda a, ag: can_publish(a, ag.pk), order=40),
        MenuEntry(
            "jdih", "portal:console_legal", _("Regulations (JDIH)"), lambda a, ag: can_publish(a, ag.pk), order=50
        ),
    ),
    export={"information_requests": requests_export},
    notifications="padu.information.ppid_notifications.register_notifications",
    demo=seed,
    demo_after=("services",),
    isolation="tests.isolation.areas.information",
)
