"""Public-information requests (PPID): the registers and lists of public information, the
requester's pages, the officers' console and the annual report."""

from django.utils.translation import gettext_lazy as _

from padu.core.manifest import HomeTask, Link, Manifest, MenuEntry
from padu.ppid.demo import seed
from padu.ppid.permissions import can_handle_ppid, can_read_ppid_report, is_information_officer
from padu.ppid.selectors import requests_export

MANIFEST = Manifest(
    label="ppid",
    public_urls="padu.ppid.web.urls",
    console_urls="padu.ppid.web.console_urls",
    api=("padu.ppid.api.router",),
    menu=(
        MenuEntry(
            "ppid",
            "portal:console_ppid",
            _("Public information"),
            lambda actor, agency: can_handle_ppid(actor, agency.pk) or can_read_ppid_report(actor, agency),
            order=30,
        ),
        MenuEntry(
            "ppid_record",
            "portal:console_ppid_record",
            _("Record an information request"),
            lambda actor, agency: is_information_officer(actor, agency.pk),
            order=31,
        ),
    ),
    export={"information_requests": requests_export},
    notifications="padu.ppid.notifications.register_notifications",
    demo=seed,
    demo_after=("accounts",),
    isolation="padu.ppid.tests.isolation",
    site_links=(Link("portal:ppid", _("Public information"), order=60, path="/ppid/"),),
    home_tasks=(
        HomeTask(
            "portal:ppid",
            _("Ask for public information"),
            _("Budgets, decisions and documents an office holds, under the public information law."),
            order=50,
        ),
    ),
    account_links=(Link("portal:my_ppid_requests", _("My requests for public information"), order=40),),
)
