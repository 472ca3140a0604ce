"""News, announcements and the JDIH register: their pages, console menu entries, demo and
isolation cases."""

from django.utils.translation import gettext_lazy as _

from padu.core.manifest import AgencySection, Link, Manifest, MenuEntry
from padu.publications.demo import seed
from padu.publications.permissions import can_publish
from padu.publications.web.home import LATEST_NEWS_TEMPLATE, latest_news

MANIFEST = Manifest(
    label="publications",
    public_urls="padu.publications.web.urls",
    console_urls="padu.publications.web.console_urls",
    api=("padu.publications.api.router",),
    menu=(
        MenuEntry("news", "portal:console_news", _("News"), lambda a, ag: can_publish(a, ag.pk), order=40),
        MenuEntry(
            "jdih", "portal:console_legal", _("Regulations (JDIH)"), lambda a, ag: can_publish(a, ag.pk), order=50
        ),
    ),
    demo=seed,
    demo_after=("accounts",),
    isolation="padu.publications.tests.isolation",
    site_links=(
        Link("portal:news", _("News"), order=30, path="/berita/"),
        Link("portal:legal_list", _("Regulations"), order=40, path="/jdih/"),
    ),
    agency_sections=(AgencySection(LATEST_NEWS_TEMPLATE, latest_news, order=20),),
)
