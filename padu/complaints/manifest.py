"""Complaints (pengaduan): the public register and form, the complainant's pages, the inbox."""

from django.utils.translation import gettext_lazy as _

from padu.complaints.demo import seed
from padu.complaints.permissions import can_record
from padu.complaints.selectors import complaints_export
from padu.core.actors import Actor
from padu.core.manifest import HomeTask, Link, Manifest, MenuEntry
from padu.core.models import Agency


def _records(actor: Actor, agency: Agency) -> bool:
    """The menu entry of the record page, for the agency's complaint officers."""
    return can_record(actor, agency.pk)


MANIFEST = Manifest(
    label="complaints",
    public_urls="padu.complaints.web.urls",
    console_urls="padu.complaints.web.console_urls",
    api=("padu.complaints.api.router",),
    menu=(
        MenuEntry("complaints", "portal:console_complaints", _("Complaints"), order=20),
        MenuEntry("complaint_record", "portal:console_complaint_record", _("Record a complaint"), _records, order=21),
    ),
    export={"complaints": complaints_export},
    notifications="padu.complaints.notifications.register_templates",
    demo=seed,
    demo_after=("accounts",),
    isolation="padu.complaints.tests.isolation",
    site_links=(Link("portal:complaints", _("Complaints"), order=50, path="/pengaduan/"),),
    home_tasks=(
        HomeTask(
            "portal:complaint_submit",
            _("Make a complaint"),
            _("About a service or a public matter; you may stay anonymous."),
            order=40,
        ),
    ),
    account_links=(Link("portal:my_complaints", _("My complaints and reports"), order=30),),
)
