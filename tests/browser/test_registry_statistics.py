"""A village's public population statistics in a real browser: with JavaScript off the page
has everything (charts, tables, "< 5" cells, CSV links); at 360 px and at 1280 px nothing
spills over the screen and axe-core finds nothing serious; the guide's screenshot."""

from __future__ import annotations

import datetime as dt

import pytest

from padu.registries.codes import Religion, Sex
from padu.registries.tests.factories import make_family, make_resident, make_rt
from tests import web_factories as f

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
# A table's header row is visually hidden on a phone (each cell carries its label): its cells
# keep their layout box past the 1 px clip, so they are not measured.
WIDEST = (
    "() => Math.max(...[...document.querySelectorAll('main *:not(thead, thead *)')]"
    ".map(e => e.getBoundingClientRect().right))"
)


def _register(agency) -> None:
    for n in range(6):
        make_family(agency, area=make_rt(agency, rt=f"RT 00{1 + n % 3}"), members=4)
    for n in range(3):
        make_resident(agency, name=f"Warga {n}", sex=Sex.FEMALE, birth=dt.date(1961, 2, 3 + n), religion=Religion.HINDU)


def test_public_statistics_page_without_javascript(page_nojs, page, live_server, axe_check, guide_shot):
    agency = f.agency(slug="desa-cileunyi-kulon")
    _register(agency)
    url = f"{live_server.url}/statistik-penduduk/{agency.slug}/"

    # With scripting off (axe-core and page scripts cannot run there): everything is on the page.
    plain = page_nojs
    plain.set_viewport_size(PHONE)
    plain.goto(f"{live_server.url}/statistik-penduduk/")
    plain.get_by_role("link", name=agency.name).click()
    plain.wait_for_load_state()
    assert plain.url == url
    assert plain.locator("h1").inner_text().endswith(agency.name)
    assert plain.locator("main svg[role=img] title").count() >= 7
    assert plain.locator("main .stat-mark", has_text="< 5").count() >= 1
    assert plain.locator("main a[href$='/agama.csv']").count() == 1
    box = plain.locator("#t-umur ~ .stat-pair svg").bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] + 1
    assert not plain.errors.messages

    # With scripting on, for axe-core and the layout checks: a phone, then a desktop.
    page.set_viewport_size(PHONE)
    page.goto(url)
    page.wait_for_load_state()
    assert page.evaluate(WIDEST) <= PHONE["width"] + 1
    axe_check(page)
    guide_shot(page, "registry-statistics-phone")

    page.set_viewport_size(DESKTOP)
    page.goto(url)
    page.wait_for_load_state()
    assert page.evaluate(WIDEST) <= DESKTOP["width"] + 1
    # Each table beside its chart on a wide screen.
    figure = page.locator("#t-agama ~ .stat-pair figure").bounding_box()
    table = page.locator("#t-agama ~ .stat-pair table").bounding_box()
    assert figure and table and table["x"] > figure["x"] + figure["width"] - 1
    axe_check(page)
    guide_shot(page, "registry-statistics", "registry-statistics.png")
    assert not page.errors.messages
