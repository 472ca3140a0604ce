"""The report's "where did it happen?" step: it asks where it happened (not where one lives),
starts at the office's area, finds villages by name without JavaScript, and takes the
point only from the device (hidden fields, never typed)."""

from __future__ import annotations

import pytest
from django.test import Client

from padu.complaints.selectors import common_region_code, place_options
from padu.complaints.tests.factories import make_place
from padu.core.web.regionpicker import build_picker

pytestmark = pytest.mark.django_db

WHAT = {
    "kind": "complaint",
    "title": "Saluran air tersumbat",
    "text": "Saluran air di depan rumah di RT 03 tersumbat sampah sejak hujan tiga hari lalu.",
    "category": "infrastruktur",
}


def _at_where(user, query: str = "") -> Client:
    client = Client()
    client.cookies["django_language"] = "en"
    client.force_login(user)
    client.get(f"/pengaduan/kirim/{query}")
    assert client.post("/pengaduan/kirim/", {"step": "what", **WHAT}).status_code == 302
    return client


def _selected(body: str) -> list[str]:
    return [
        code for code in ("32", "32.04", "32.04.05", "32.04.05.2001") if f'<option value="{code}" selected>' in body
    ]


def test_the_step_asks_where_it_happened_and_starts_at_the_installations_area():
    place = make_place()
    assert common_region_code() == "32.04"  # the regency, its district and two villages
    body = _at_where(place.citizen).get("/pengaduan/kirim/?langkah=where").content.decode()
    assert "Where did it happen?" in body and "Where do you live?" not in body
    assert _selected(body) == ["32", "32.04"]  # down to the regency; the district is next
    assert 'id="id_region_3"' in body
    # No coordinate to type: the point comes only from "Use my location" (hidden until JavaScript).
    assert 'type="hidden" name="latitude"' in body and 'type="hidden" name="longitude"' in body
    assert "Latitude" not in body and "data-locate hidden" in body


def test_coming_from_a_village_page_starts_at_that_village():
    place = make_place()
    client = _at_where(place.citizen, f"?instansi={place.village.slug}")
    body = client.get("/pengaduan/kirim/?langkah=where").content.decode()
    assert _selected(body) == ["32", "32.04", "32.04.05", "32.04.05.2001"]
    # Everything is chosen already: continue at once.
    page = client.post(
        "/pengaduan/kirim/",
        {
            "step": "where",
            "region_1": "32",
            "region_2": "32.04",
            "region_3": "32.04.05",
            "region_code": "32.04.05.2001",
        },
    )
    assert page.status_code == 302 and page["Location"].endswith("?langkah=agency")
    assert client.session["complaint_draft"]["region"] == "32.04.05.2001"


def test_searching_a_village_by_name_shows_radio_buttons_then_continues():
    place = make_place()
    client = _at_where(place.citizen)
    page = client.post("/pengaduan/kirim/", {"step": "where", "place_q": "cileunyi", "search_place": "1"})
    body = page.content.decode()
    assert page.status_code == 200 and "error-summary" not in body
    assert 'type="radio" id="place-1" name="place" value="32.04.05.2001"' in body
    assert 'name="place" value="32.04.05.2002"' in body
    assert "Village Cileunyi Kulon, District Cileunyi, Kabupaten Bandung, Jawa Barat" in body
    page = client.post("/pengaduan/kirim/", {"step": "where", "place_q": "cileunyi", "place": "32.04.05.2002"})
    assert page.status_code == 302
    assert client.session["complaint_draft"]["region"] == "32.04.05.2002"


def test_a_search_with_nothing_found_or_too_short_says_so():
    place = make_place()
    client = _at_where(place.citizen)
    found = client.post("/pengaduan/kirim/", {"step": "where", "place_q": "atlantis", "search_place": "1"})
    assert "No village found with that name." in found.content.decode()
    body = client.post("/pengaduan/kirim/", {"step": "where", "place_q": "c", "search_place": "1"}).content.decode()
    assert "error-summary" in body and "Type at least two letters" in body
    # A forged choice that is no village is refused.
    forged = client.post("/pengaduan/kirim/", {"step": "where", "place_q": "cileunyi", "place": "32.04"})
    assert "Choose one of the villages found." in forged.content.decode()
    assert "region" not in client.session["complaint_draft"]


def test_the_device_point_is_kept_checked_and_removable():
    place = make_place()
    client = _at_where(place.citizen)
    chosen = {"step": "where", "region_1": "32", "region_2": "32.04", "region_3": "32.04.05"}
    chosen["region_code"] = "32.04.05.2001"
    far = client.post("/pengaduan/kirim/", {**chosen, "latitude": "51.5", "longitude": "-0.12"}).content.decode()
    assert "The location from your device is not in Indonesia." in far
    removed = client.post("/pengaduan/kirim/", {**chosen, "latitude": "51.5", "longitude": "-0.12", "clear_point": "1"})
    assert removed.status_code == 200 and 'name="latitude" id="id_latitude" value=""' in removed.content.decode()
    done = client.post("/pengaduan/kirim/", {**chosen, "latitude": "-6.93851", "longitude": "107.7351"})
    assert done.status_code == 302
    draft = client.session["complaint_draft"]
    assert (draft["latitude"], draft["longitude"]) == ("-6.938510", "107.735100")


def test_the_pickers_fragment_keeps_its_question():
    make_place()
    client = Client()
    client.cookies["django_language"] = "en"
    response = client.get(
        "/wilayah/pilih/",
        {"in_form": "1", "picker_purpose": "incident", "region_1": "32", "region_2": "32.04"},
        HTTP_HX_REQUEST="true",
    )
    body = response.content.decode()
    assert "Where did it happen?" in body and 'name="picker_purpose" value="incident"' in body
    # Without a purpose the other forms still ask where one lives.
    body = client.get("/wilayah/pilih/", {"in_form": "1", "region_1": "32"}).content.decode()
    assert "Where do you live?" in body and "picker_purpose" not in body
    assert build_picker({"picker_purpose": "nonsense"}).purpose == ""


def test_villages_near_the_office_come_first():
    make_place()
    options = place_options("cileunyi", near="32.04.05.2001")
    assert [o.code for o in options] == ["32.04.05.2001", "32.04.05.2002"]
    assert place_options("c") == []
