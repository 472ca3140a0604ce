"""Population statistics pages, CSV, charts and API: what is published (small cells as "< 5",
never their value), the exact console numbers, bad slugs and dimensions."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from xml.etree import ElementTree

import pytest
import time_machine
from django.test import Client
from django.utils import translation

from padu.core.roles import Role
from padu.registries.charts import bar_chart, pyramid
from padu.registries.codes import Religion, Sex
from padu.registries.statistics import SMALL, statistics_public
from padu.registries.tests.factories import TODAY, make_family, make_resident, make_rt
from padu.registries.web.statistics import agency_statistics
from tests.factories import give_totp, make_agency, make_staff

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"
# 10:00 in Jakarta on the tests' day.
NOW = dt.datetime(2026, 11, 30, 3, 0, tzinfo=dt.UTC)


@pytest.fixture
def village():
    """A village of 12 Muslims (3 families of 4: 6 men, 6 women), 3 Hindu women and 5
    Catholic women. The Hindu row is under 5; alone it would be the women's total minus the
    others, so the next smallest women's cell (the Catholics' 5) is hidden too."""
    agency = make_agency(slug="desa-cileunyi-kulon")
    rt = make_rt(agency, rt="RT 001")
    other_rt = make_rt(agency, rt="RT 002")
    for n in range(3):
        make_family(agency, area=rt if n < 2 else other_rt, members=4)
    for n in range(3):
        make_resident(
            agency, area=rt, name=f"Hindu {n}", birth=dt.date(1961, 2, 3 + n), sex=Sex.FEMALE, religion=Religion.HINDU
        )
    for n in range(5):
        make_resident(
            agency,
            area=rt,
            name=f"Katolik {n}",
            birth=dt.date(1972, 4, 3 + n),
            sex=Sex.FEMALE,
            religion=Religion.CATHOLIC,
        )
    return agency


def _label(choice: Religion) -> str:
    with translation.override("id"):
        return str(choice.label)


def _hidden() -> str:
    with translation.override("id"):
        return translation.gettext("hidden")


def _page(client: Client, url: str) -> str:
    with time_machine.travel(NOW, tick=False):
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def _row_html(html: str, label: str) -> str:
    match = re.search(r"<tr><th scope=\"row\" data-label=\"\">" + re.escape(label) + r"</th>(.*?)</tr>", html, re.S)
    assert match, label
    return match.group(1)


def test_the_public_page_shows_small_cells_as_under_five_and_never_their_value(client, village):
    html = _page(client, f"/statistik-penduduk/{village.slug}/")
    assert "Statistik penduduk" in html or "Population statistics" in html
    hindu = _row_html(html, _label(Religion.HINDU))
    # 0 men, 3 women: the 3 is hidden, as is its total; the Catholics' 5 women go too.
    assert hindu.count("&lt; 5") == 2 and ">0<" in hindu and not re.search(r"[1-9]", hindu.replace("&lt; 5", ""))
    catholic = _row_html(html, _label(Religion.CATHOLIC))
    assert catholic.count(_hidden()) == 2 and not re.search(r"[1-9]", catholic)
    islam = _row_html(html, _label(Religion.ISLAM))
    assert "&lt; 5" not in islam and ">6<" in islam and ">12<" in islam
    assert "UU" in html or "27/2022" in html  # the rule and why
    assert "<svg" in html and 'role="img"' in html
    assert "/statistik-penduduk/desa-cileunyi-kulon/agama.csv" in html
    assert "30" in html and "2026" in html  # as of


def test_the_csv_has_the_same_suppressed_numbers(client, village):
    with time_machine.travel(NOW, tick=False):
        response = client.get(f"/statistik-penduduk/{village.slug}/agama.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="statistik-penduduk-desa-cileunyi-kulon-agama-2026-11-30.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode().lstrip("\ufeff"))))
    assert rows[0] == ["key", "label", "male", "female", "total"]
    by_key = {row[0]: row[2:] for row in rows[1:]}
    assert by_key[str(Religion.ISLAM.value)] == ["6", "6", "12"]
    assert by_key[str(Religion.HINDU.value)] == ["0", "< 5", "< 5"]
    assert by_key[str(Religion.CATHOLIC.value)] == ["0", _hidden(), _hidden()]
    assert by_key[str(Religion.BUDDHIST.value)] == ["0", "0", "0"]
    assert by_key["total"] == ["6", "14", "20"]


def test_bad_slug_bad_dimension_and_an_office_without_register_are_404(client, village):
    assert client.get("/statistik-penduduk/tidak-ada/").status_code == 404
    assert client.get(f"/statistik-penduduk/{village.slug}/golongan-darah.csv").status_code == 404
    empty = make_agency(name="Desa Kosong", region="32.04.05.2002", slug="desa-kosong")
    assert client.get(f"/statistik-penduduk/{empty.slug}/").status_code == 404
    assert client.get(f"/api/v1/registry/statistics/{empty.slug}").status_code == 404
    district = make_agency(name="Kecamatan Cileunyi", kind="kecamatan", region="32.04.05", slug="kec-cileunyi")
    assert client.get(f"/statistik-penduduk/{district.slug}/rt.csv").status_code == 404  # no register beneath
    # The owner's control: the same addresses of the village answer.
    with time_machine.travel(NOW, tick=False):
        assert client.get(f"/statistik-penduduk/{village.slug}/rt.csv").status_code == 200


def test_the_index_lists_villages_with_a_register_under_their_kecamatan(client):
    district = make_agency(name="Kecamatan Cileunyi", kind="kecamatan", region="32.04.05", slug="kec-cileunyi")
    one = make_agency(parent=district, slug="desa-satu")
    make_agency(name="Desa Tanpa Register", region="32.04.05.2002", parent=district, slug="desa-dua")
    make_family(one, members=2)
    html = _page(client, "/statistik-penduduk/")
    assert "/statistik-penduduk/desa-satu/" in html and "/statistik-penduduk/kec-cileunyi/" in html
    assert "desa-dua" not in html
    rollup = _page(client, "/statistik-penduduk/kec-cileunyi/")
    assert "/statistik-penduduk/desa-satu/" in rollup and "Desa Tanpa Register" not in rollup


def test_the_api_publishes_null_cells_with_a_flag(client, village):
    with time_machine.travel(NOW, tick=False):
        response = client.get(f"/api/v1/registry/statistics/{village.slug}")
    assert response.status_code == 200
    body = response.json()
    assert body["min_cell"] == 5 and body["exact"] is False and body["as_of"] == "2026-11-30"
    religion = {r["key"]: r for r in body["dimensions"]["religion"]["rows"]}
    hindu = religion[str(Religion.HINDU.value)]
    assert hindu == {
        "key": "4",
        "label": hindu["label"],
        "male": 0,
        "female": None,
        "total": None,
        "suppressed": True,
        "hidden": {"female": SMALL, "total": SMALL},
    }
    assert religion["1"]["total"] == 12 and religion["1"]["suppressed"] is False
    assert religion["3"]["hidden"] == {"female": "secondary", "total": "secondary"}
    assert body["dimensions"]["religion"]["total"]["total"] == 20
    assert set(body["dimensions"]) >= {"age", "sex", "education", "occupation", "rt", "rw", "dusun"}


def test_exact_numbers_in_the_console_and_the_api_for_keepers_only(client, village):
    keeper = make_staff(village, Role.REGISTRAR)
    give_totp(keeper)
    client.force_login(keeper)
    with time_machine.travel(NOW, tick=False):
        html = client.get("/konsol/penduduk/statistik/").content.decode()
        body = client.get(f"/api/v1/agencies/{village.pk}/registry/statistics").json()
    hindu = _row_html(html, _label(Religion.HINDU))
    assert "&lt; 5" not in hindu and ">3<" in hindu
    religion = {r["key"]: r for r in body["dimensions"]["religion"]["rows"]}
    assert body["exact"] is True and religion["4"]["female"] == 3
    # The front desk reads no numbers; another village's admin does not reach them.
    desk = Client()
    desk.force_login(make_staff(village, Role.FRONT_DESK))
    assert desk.get("/konsol/penduduk/statistik/").status_code == 403
    assert desk.get(f"/api/v1/agencies/{village.pk}/registry/statistics").status_code == 403
    other = make_agency(name="Desa Lain", region="32.04.05.2002")
    outsider = Client()
    outsider.force_login(make_staff(other, Role.AGENCY_ADMIN))
    assert outsider.get(f"/api/v1/agencies/{village.pk}/registry/statistics").status_code == 404


def test_charts_are_valid_svg_images_that_draw_no_bar_for_a_hidden_cell(village):
    stats = statistics_public(village, TODAY)
    religion = stats.by_dimension["religion"]
    svg = bar_chart(religion, chart_id="chart-agama", min_cell=5)
    root = ElementTree.fromstring(str(svg))  # noqa: S314 - our own output, in a test
    assert root.tag == f"{SVG}svg" and root.get("role") == "img" and root.get("width") == "100%"
    assert root.get("viewBox", "").startswith("0 0 360 ")
    title = root.find(f"{SVG}title")
    assert title is not None and title.text == religion.title
    assert root.find(f"{SVG}desc") is not None
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "< 5" in texts and "12" in texts and _hidden() in texts
    # One bar per published non-zero total: Islam only (Hindu and Catholic are hidden).
    assert len(root.findall(f"{SVG}rect")) == 1
    age = pyramid(stats.by_dimension["age"], chart_id="chart-umur", min_cell=5)
    age_root = ElementTree.fromstring(str(age))  # noqa: S314 - our own output, in a test
    assert age_root.get("role") == "img" and age_root.find(f"{SVG}title") is not None
    labels = [t.text for t in age_root.iter(f"{SVG}text")]
    assert labels.index("75+") < labels.index("0–4")  # the oldest on top


def test_the_agency_page_block_shows_the_total_and_a_link(client, village):
    with time_machine.travel(NOW, tick=False):
        context = agency_statistics(village)
        html = client.get(f"/instansi/{village.slug}/").content.decode()
    assert context["registry_statistics"]["residents"] == 20
    assert context["registry_statistics"]["url"] == f"/statistik-penduduk/{village.slug}/"
    assert agency_statistics(make_agency(name="Desa Kosong", region="32.04.05.2002")) == {}
    if "registry-statistics-title" in html:  # once the lead adds the block to the manifest
        assert f"/statistik-penduduk/{village.slug}/" in html
