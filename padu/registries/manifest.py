"""Population register (penduduk, keluarga, rumah tangga): the village's register with its
territory, life events, imports, statutory books, public statistics, letters filled from the
register and accounts linked to residents."""

from django.utils.translation import gettext_lazy as _

from padu.core.actors import Actor
from padu.core.manifest import AgencySection, Link, Manifest, MenuEntry
from padu.core.models import Agency
from padu.registries.demo import seed
from padu.registries.linking import register_export
from padu.registries.permissions import can_find_residents, can_read_books, can_read_numbers, keeps_register
from padu.registries.web.statistics import SECTION_TEMPLATE, agency_statistics


def _finds(actor: Actor, agency: Agency) -> bool:
    return can_find_residents(actor, agency.pk)


def _keeps(actor: Actor, agency: Agency) -> bool:
    return keeps_register(actor, agency.pk)


MANIFEST = Manifest(
    label="registries",
    public_urls="padu.registries.web.urls",
    console_urls="padu.registries.web.console_urls",
    api=(
        "padu.registries.api.residents.router",
        "padu.registries.api.imports.router",
        "padu.registries.api.books.router",
        "padu.registries.api.statistics.router",
        "padu.registries.api.linking.router",
        "padu.registries.api.households.router",
    ),
    menu=(
        MenuEntry("registry", "portal:console_registry", _("Population register"), _finds, order=60),
        MenuEntry("registry_events", "portal:console_registry_events", _("Life events"), _keeps, order=61),
        MenuEntry("registry_proposals", "portal:console_registry_proposals", _("Proposed events"), _keeps, order=62),
        MenuEntry("registry_imports", "portal:console_registry_imports", _("Import population data"), _keeps, order=63),
        MenuEntry(
            "registry_books", "portal:console_registry_books", _("Statutory population books"), can_read_books, order=64
        ),
        MenuEntry(
            "registry_statistics",
            "portal:console_registry_statistics",
            _("Population statistics"),
            can_read_numbers,
            order=65,
        ),
        MenuEntry("registry_areas", "portal:console_registry_areas", _("Areas (dusun, RW, RT)"), _keeps, order=66),
        MenuEntry("registry_households", "portal:console_registry_households", _("Households"), _keeps, order=68),
        MenuEntry(
            "registry_links", "portal:console_registry_links", _("Accounts linked to residents"), _keeps, order=67
        ),
    ),
    export={"population_register": register_export},
    demo=seed,
    demo_after=("accounts",),
    isolation="padu.registries.tests.isolation",
    site_links=(
        Link("portal:registry_statistics_index", _("Population statistics"), order=70, path="/statistik-penduduk/"),
    ),
    agency_sections=(AgencySection(SECTION_TEMPLATE, agency_statistics, order=30),),
    account_links=(Link("portal:my_register_record", _("My population data"), order=40),),
    hooks={
        "register_facts": "padu.registries.hooks.register_facts",
        "application_completed": "padu.registries.hooks.application_completed",
    },
)
