"""Public services: the catalogue, applications, casework, the service and letter editors."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from padu.core.actors import Actor
from padu.core.manifest import AgencySection, HomeTask, Link, Manifest, MenuEntry
from padu.core.models import Agency
from padu.core.permissions import can_manage_agency
from padu.services.demo import seed
from padu.services.permissions import counter_membership
from padu.services.selectors import applications_export, satisfaction_public, service_charter_public


def at_the_counter(actor: Actor, agency: Agency) -> bool:
    """The counter (walk-in citizens) is the front desk's."""
    return counter_membership(actor, agency.pk) is not None


def agency_satisfaction(agency: Agency) -> dict[str, Any]:
    """The agency page's public satisfaction index (IKM) block."""
    return {"satisfaction": satisfaction_public(agency)}


def agency_charter(agency: Agency) -> dict[str, Any]:
    """The agency page's service charter (maklumat pelayanan) block."""
    return {"charter": service_charter_public(agency.pk)}


MANIFEST = Manifest(
    label="services",
    public_urls="padu.services.web.urls",
    console_urls="padu.services.web.console_urls",
    api=("padu.services.api.router",),
    menu=(
        MenuEntry("counter", "portal:console_counter", _("Counter"), at_the_counter, order=5),
        MenuEntry("inbox", "portal:console_inbox", _("Inbox"), order=10),
        MenuEntry("services", "portal:console_services", _("Services"), can_manage_agency, order=80),
        MenuEntry("charter", "portal:console_service_charter", _("Service charter"), can_manage_agency, order=85),
        MenuEntry("letters", "portal:console_letters", _("Letters"), can_manage_agency, order=90),
    ),
    export={"applications": applications_export},
    notifications="padu.services.notifications.register_notifications",
    demo=seed,
    demo_after=("accounts", "billing"),
    isolation="padu.services.tests.isolation",
    site_links=(
        Link("portal:catalogue", _("Services"), order=10, path="/layanan/"),
        Link("portal:track", _("Track"), order=20, path="/lacak/"),
    ),
    home_tasks=(
        HomeTask(
            "portal:catalogue",
            _("Find a service"),
            _("Letters, permits and certificates from the offices that use Padu."),
            order=10,
            field="q",
            field_label=_("Name of the service"),
        ),
        HomeTask(
            "portal:track",
            _("Track an application"),
            _("With the tracking number on your receipt, no account needed."),
            order=20,
            field="number",
            field_label=_("Tracking number"),
            placeholder="K7M3-9QXC-B",
        ),
    ),
    account_links=(Link("portal:my_applications", _("See my applications and where they stand"), order=10),),
    agency_sections=(
        AgencySection("services/charter.html", agency_charter, order=5),
        AgencySection("services/satisfaction.html", agency_satisfaction, order=10),
    ),
)
