"""Module manifests: what each app brings to the platform, declared in one place.

Every Padu app that serves people declares a `Manifest` in its own `manifest.py` and names it
in its `AppConfig` (`manifest = "padu.billing.manifest.MANIFEST"`). The shell and the tools
discover manifests through the app registry, in `INSTALLED_APPS` order; none of them names a
domain. A manifest says:

- `public_urls` / `console_urls`: the app's URL modules (dotted paths). Public ones are
  mounted at the site root, console ones under `konsol/`; both in the site's `portal`
  namespace, so a page's name stays `portal:<name>` wherever it lives.
- `api`: the app's django-ninja routers (dotted paths), mounted under /api/v1/ by config/api.py.
- `menu`: the app's console menu entries (label, the URL name, an icon, who sees it, where).
- `export`: the app's sections of a person's data export (key -> callable taking the user).
- `notifications`: a dotted path to a function that registers the app's notification kinds.
- `demo`: the app's demo seeder, and `demo_after`: the apps whose seeders must run first.
- `demo_logins`: extra rows for the demo's printed list of logins.
- `isolation`: a dotted path to the app's tenant-isolation harness cases (tests only).
- `site_links` / `account_links`: the app's links in the site's main navigation and on the
  account hub; `agency_sections`: its blocks on an agency's public page; `home_tasks`: the
  tasks the home page leads to (a link, or a one-field search form).
- `hooks`: what the app offers its siblings by name (name -> dotted path of a callable). An
  app that cannot import a sibling asks for a hook by name (`hook_calls("...")`) and gets
  every installed app's; with none installed it gets none and carries on. The names in use
  are listed in docs/architecture.md.

Adding a module is one folder with such a manifest plus one line in `INSTALLED_APPS`
(docs/adding-a-module.md).
"""

from __future__ import annotations

import graphlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.utils.module_loading import import_string

if TYPE_CHECKING:
    from padu.core.actors import Actor
    from padu.core.models import Agency


def everyone(actor: Actor, agency: Agency) -> bool:
    """A menu entry shown to every member of the agency (its page checks again)."""
    return True


@dataclass(frozen=True)
class MenuEntry:
    """One console menu entry. `section` is what the page passes as `section` to be marked
    current; `order` places it (lower first; ties keep INSTALLED_APPS order)."""

    section: str
    url_name: str
    label: Any
    shown_to: Callable[[Actor, Agency], bool] = everyone
    icon: str = ""
    order: int = 500


@dataclass(frozen=True)
class Link:
    """A link the shell shows for an app: in the site's main navigation (`site_links`) or on the
    account hub (`account_links`). `path` marks the link current on that exact path."""

    url_name: str
    label: Any
    order: int = 500
    path: str = ""


@dataclass(frozen=True)
class HomeTask:
    """One of the tasks the home page leads to (find a service, track, pay, complain, ask).
    With `field`, the task is a one-field search form (GET, so it works without JavaScript)
    that sends `field` to the page; without it, a link."""

    url_name: str
    label: Any
    hint: Any = ""
    order: int = 500
    field: str = ""
    field_label: Any = ""
    placeholder: str = ""


@dataclass(frozen=True)
class AgencySection:
    """A block of an agency's public page: `template` rendered with `context(agency)`."""

    template: str
    context: Callable[[Agency], dict[str, Any]]
    order: int = 500


@dataclass(frozen=True)
class DemoContext:
    """What a demo seeder gets: the demo's agencies by slug, a way to report progress, and the
    counts the seeders before it reported (by key)."""

    agencies: dict[str, Agency]
    say: Callable[[str], None]
    created: dict[str, int]


Seeder = Callable[[DemoContext], Mapping[str, int]]


@dataclass(frozen=True)
class Manifest:
    label: str
    public_urls: str | None = None
    console_urls: str | None = None
    api: tuple[str, ...] = ()
    menu: tuple[MenuEntry, ...] = ()
    export: Mapping[str, Callable[[Any], Any]] = field(default_factory=dict)
    notifications: str | None = None
    demo: Seeder | None = None
    demo_after: tuple[str, ...] = ()
    demo_logins: Callable[[], list[tuple[str, str, str]]] | None = None
    isolation: str | None = None
    site_links: tuple[Link, ...] = ()
    account_links: tuple[Link, ...] = ()
    agency_sections: tuple[AgencySection, ...] = ()
    home_tasks: tuple[HomeTask, ...] = ()
    hooks: Mapping[str, str] = field(default_factory=dict)


class ManifestError(Exception):
    """A manifest that does not fit its app or the others (a wrong label, a repeated key, a
    seeder that needs an app that is not installed)."""


@cache
def manifests() -> tuple[Manifest, ...]:
    """Every installed app's manifest, in INSTALLED_APPS order."""
    found = []
    for config in apps.get_app_configs():
        path = getattr(config, "manifest", None)
        if not path:
            continue
        manifest = import_string(path)
        if not isinstance(manifest, Manifest):
            raise ManifestError(f"{config.label}.manifest ({path}) is not a Manifest.")
        if manifest.label != config.label:
            raise ManifestError(f"{path} says it is {manifest.label!r}, but its app is {config.label!r}.")
        found.append(manifest)
    return tuple(found)


@cache
def menu_entries() -> tuple[MenuEntry, ...]:
    """The console menu: every manifest's entries, by `order` (stable)."""
    entries = [entry for manifest in manifests() for entry in manifest.menu]
    sections = [entry.section for entry in entries]
    if len(sections) != len(set(sections)):
        raise ManifestError(f"Console menu sections repeat: {sorted(s for s in sections if sections.count(s) > 1)}")
    return tuple(sorted(entries, key=lambda entry: entry.order))


# The manifests do not change while the process runs: every page reads these sorted once.
@cache
def site_links() -> tuple[Link, ...]:
    return tuple(sorted((link for m in manifests() for link in m.site_links), key=lambda link: link.order))


@cache
def account_links() -> tuple[Link, ...]:
    return tuple(sorted((link for m in manifests() for link in m.account_links), key=lambda link: link.order))


@cache
def home_tasks() -> tuple[HomeTask, ...]:
    return tuple(sorted((task for m in manifests() for task in m.home_tasks), key=lambda task: task.order))


@cache
def hook_calls(name: str) -> tuple[Callable[..., Any], ...]:
    """Every installed app's callable for the hook `name`, in INSTALLED_APPS order."""
    return tuple(import_string(m.hooks[name]) for m in manifests() if name in m.hooks)


def agency_sections(agency: Agency) -> list[tuple[str, dict[str, Any]]]:
    """The app blocks of an agency's public page, in order: (template, its context)."""
    sections = sorted((s for m in manifests() for s in m.agency_sections), key=lambda s: s.order)
    return [(section.template, section.context(agency)) for section in sections]


def export_sections() -> Iterator[tuple[str, Callable[[Any], Any]]]:
    seen: set[str] = set()
    for manifest in manifests():
        for key, section in manifest.export.items():
            if key in seen:
                raise ManifestError(f"Export section {key!r} is declared twice.")
            seen.add(key)
            yield key, section


def register_notifications() -> None:
    """Run every manifest's notification registration (each registers its own kinds)."""
    for manifest in manifests():
        if manifest.notifications:
            import_string(manifest.notifications)()


def seeding_order() -> list[Manifest]:
    """Manifests with a demo seeder, each after those it names in `demo_after`."""
    by_label = {m.label: m for m in manifests()}
    sorter: graphlib.TopologicalSorter[str] = graphlib.TopologicalSorter()
    for manifest in manifests():
        if manifest.demo is None:
            continue
        missing = [label for label in manifest.demo_after if label not in by_label]
        if missing:
            raise ManifestError(f"{manifest.label}'s demo needs {missing}, which are not installed.")
        sorter.add(manifest.label, *(label for label in manifest.demo_after if by_label[label].demo is not None))
    try:
        order = list(sorter.static_order())
    except graphlib.CycleError as exc:
        raise ManifestError(f"Demo seeders depend on each other in a circle: {exc.args[1]}") from exc
    return [by_label[label] for label in order]


def demo_seed(say: Callable[[str], None]) -> dict[str, int]:
    """Run every seeder in dependency order; each sees the agencies the first ones made."""
    from padu.core.models import Agency

    created: dict[str, int] = {}
    for manifest in seeding_order():
        if manifest.demo is None:  # seeding_order() lists only manifests with a seeder
            continue
        context = DemoContext(agencies={a.slug: a for a in Agency.objects.order_by("pk")}, say=say, created=created)
        for key, count in manifest.demo(context).items():
            created[key] = created.get(key, 0) + count
    return created


def demo_logins() -> list[tuple[str, str, str]]:
    return [row for manifest in manifests() if manifest.demo_logins for row in manifest.demo_logins()]


def isolation_modules() -> list[str]:
    return [manifest.isolation for manifest in manifests() if manifest.isolation]
