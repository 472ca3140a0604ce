"""The shell's own console pages (the agency's overview, staff, audit trail, holidays, tokens,
finding a citizen at the counter)."""

from django.utils.translation import gettext_lazy as _

from padu.core.manifest import Manifest, MenuEntry
from padu.core.permissions import can_manage_agency

MANIFEST = Manifest(
    label="portal",
    menu=(
        MenuEntry("overview", "portal:console", _("Overview"), order=0),
        MenuEntry("staff", "portal:console_staff", _("Staff"), order=100),
        MenuEntry("audit", "portal:console_audit", _("Audit trail"), order=110),
        MenuEntry("calendar", "portal:console_calendar", _("Holidays"), order=120),
        MenuEntry("tokens", "portal:console_tokens", _("API tokens"), can_manage_agency, order=130),
        MenuEntry("citizens", "portal:console_citizens", _("Find a citizen"), order=140),
    ),
)
