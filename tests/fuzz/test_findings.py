"""What fuzzing the API found, pinned down: each was a server error (500)."""

from __future__ import annotations

import pytest
from django.test import Client

from padu.complaints.tests.factories import make_place, submit
from padu.core.models import Region
from padu.core.roles import Role
from tests.factories import load_regions, make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def place():
    """Public complaints about two villages of Cileunyi and one place in Kota Bandung."""
    place = make_place()
    load_regions(["32.73.01.1001"])
    submit(place, title="Jalan berlubang di Kulon")
    submit(place, title="Lampu jalan mati di Wetan", region=Region.objects.get(code="32.04.05.2002"))
    submit(place, title="Saluran tersumbat di kota", region=Region.objects.get(code="32.73.01.1001"))
    submit(place, "confidential", title="Rahasia di Wetan", region=Region.objects.get(code="32.04.05.2002"))
    return place


def test_statistics_filtered_by_a_region_count_only_that_region(place):
    client = Client()
    village = client.get("/api/v1/complaints/statistics", {"region": "32.04.05.2002"})
    assert village.status_code == 200, village.content
    # Confidential complaints are counted (never shown): the public one and the confidential one.
    assert village.json()["total"]["received"] == 2
    district = client.get("/api/v1/complaints/statistics", {"region": "32.04.05"}).json()
    assert district["total"]["received"] == 3
    assert [(r["key"], r["received"]) for r in district["by_region"]] == [("32.04.05.2001", 1), ("32.04.05.2002", 2)]
    # Without a filter every complaint counts, by regency.
    everything = client.get("/api/v1/complaints/statistics").json()
    assert everything["total"]["received"] == 4
    assert [(r["key"], r["received"]) for r in everything["by_region"]] == [("32.04", 3), ("32.73", 1)]
    unknown = client.get("/api/v1/complaints/statistics", {"region": "99.99"})
    assert unknown.status_code == 404 and unknown.json()["code"] == "region_not_found"


def test_the_public_list_filters_by_region(place):
    client = Client()
    titles = [c["title"] for c in client.get("/api/v1/complaints/public", {"region": "32.04.05"}).json()]
    assert sorted(titles) == ["Jalan berlubang di Kulon", "Lampu jalan mati di Wetan"]
    wetan = client.get("/api/v1/complaints/public", {"region": "32.04.05.2002"}).json()
    assert [c["title"] for c in wetan] == ["Lampu jalan mati di Wetan"]


@pytest.mark.parametrize(
    ("paging", "expected"),
    [
        # Out-of-range paging is clamped, as on every list of the API: at least one row, from the start.
        ({"offset": -362, "limit": -5446}, 1),
        ({"offset": 0, "limit": 10**30}, 2),
        ({"offset": 1, "limit": 50}, 1),
        # Past the end, however far (beyond every database's integer range too), is an empty page.
        ({"offset": 10**30, "limit": 10**30}, 0),
        ({"offset": 2**63, "limit": 1}, 0),
    ],
)
def test_public_list_paging_out_of_range_is_clamped(place, paging, expected):
    response = Client().get("/api/v1/complaints/public", {"region": "32.04.05", **paging})
    assert response.status_code == 200, response.content
    assert len(response.json()) == expected


def test_the_documents_register_clamps_a_huge_offset(place):
    client = Client()
    client.force_login(make_staff(place.village, Role.VERIFIER))
    url = f"/api/v1/agencies/{place.village.pk}/documents"
    assert client.get(url, {"offset": 10**30}).json() == []
    refused = client.get(url, {"offset": "lots"})
    assert refused.status_code == 422 and refused.json()["code"] == "invalid_input"


def test_a_multipart_body_without_boundary_is_a_malformed_request():
    response = Client().post("/api/v1/documents/verify", b"--x\r\n", content_type="multipart/form-data")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "malformed_request"
    # The same upload, readable, is judged on its content.
    readable = Client().post("/api/v1/documents/verify", {"file": _upload(b"not a pdf")})
    assert readable.status_code == 400 and readable.json()["code"] == "not_a_pdf"


def _upload(content: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("surat.pdf", content, content_type="application/pdf")
