"""The JDIH API: public list with filters and search, detail with relations, the JDIHN feed,
and staff writes."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from padu.core.actors import OPERATOR
from padu.core.roles import Role
from padu.publications.services import legal_relation_add
from padu.publications.tests.test_legal_register import pdf_with, published
from tests.factories import give_totp, make_agency, make_staff

pytestmark = pytest.mark.django_db

JDIHN_FIELDS = {
    "idData",
    "tahun_pengundangan",
    "tanggal_pengundangan",
    "jenis",
    "noPeraturan",
    "judul",
    "noPanggil",
    "singkatanJenis",
    "tempatTerbit",
    "penerbit",
    "deskripsiFisik",
    "sumber",
    "subjek",
    "isbn",
    "status",
    "bahasa",
    "bidangHukum",
    "teuBadan",
    "nomorIndukBuku",
    "fileDownload",
    "urlDownload",
    "urlDetailPeraturan",
    "operasi",
    "display",
    "abstrak",
}


@pytest.fixture
def regency():
    return make_agency(name="Pemerintah Kabupaten Bandung", kind="pemda", region="32.04")


def test_public_list_search_and_detail(client, regency):
    base = published(regency, OPERATOR, number="3", year=2020, title="Pajak Daerah", text="pajak hotel dan restoran")
    newer = published(regency, OPERATOR, number="1", year=2023, title="Perubahan Pajak Daerah", text="tarif baru")
    legal_relation_add(actor=OPERATOR, document=newer, kind="amends", target=base)
    rows = client.get("/api/v1/legal-documents").json()
    assert [r["citation"] for r in rows] == [
        "Peraturan Daerah Nomor 1 Tahun 2023",
        "Peraturan Daerah Nomor 3 Tahun 2020",
    ]
    assert [r["id"] for r in client.get("/api/v1/legal-documents?q=restoran").json()] == [base.pk]
    assert [r["id"] for r in client.get("/api/v1/legal-documents?status=diubah").json()] == [base.pk]
    assert [r["id"] for r in client.get("/api/v1/legal-documents?year=2023&type=perda").json()] == [newer.pk]
    detail = client.get(f"/api/v1/legal-documents/{base.pk}", HTTP_ACCEPT_LANGUAGE="en").json()
    assert detail["status"] == "diubah"
    assert detail["relations"] == [
        {
            "id": detail["relations"][0]["id"],
            "kind": "amends",
            "label": "amended by",
            "direction": "in",
            "other_id": newer.pk,
            "citation": "Peraturan Daerah Nomor 1 Tahun 2023",
            "note": "",
        }
    ]
    assert detail["pdf_url"].endswith("/unduh/")


def test_jdihn_feed_shape(client, regency):
    published(regency, OPERATOR)
    response = client.get(f"/api/v1/jdih/jdihn?agency={regency.slug}")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    records = response.json()
    assert isinstance(records, list) and len(records) == 1
    record = records[0]
    assert JDIHN_FIELDS <= set(record)
    assert all(isinstance(v, str) for v in record.values())
    assert record["urlDetailPeraturan"].startswith("http://testserver/jdih/")
    assert client.get("/api/v1/jdih/jdihn?agency=tidak-ada").status_code == 404


def test_staff_write_flow(regency):
    user = make_staff(regency, Role.AGENCY_ADMIN)
    give_totp(user)
    from django.test import Client

    client = Client()
    client.force_login(user)
    created = client.post(
        f"/api/v1/agencies/{regency.pk}/legal-documents",
        {"doc_type": "perbup", "number": "12", "year": 2024, "title": "Tata Cara Pemungutan Retribusi"},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    doc_id = created.json()["id"]
    bad = client.post(
        f"/api/v1/agencies/{regency.pk}/legal-documents/{doc_id}/pdf",
        {"file": SimpleUploadedFile("x.pdf", b"<html>bukan</html>")},
    )
    assert bad.status_code == 400 and bad.json()["code"] == "file_type_not_allowed"
    good = client.post(
        f"/api/v1/agencies/{regency.pk}/legal-documents/{doc_id}/pdf",
        {"file": SimpleUploadedFile("x.pdf", pdf_with("pemungutan"))},
    )
    assert good.status_code == 200 and good.json()["pdf_pages"] == 1
    not_ready = client.post(f"/api/v1/agencies/{regency.pk}/legal-documents/{doc_id}/publish")
    assert not_ready.status_code == 400 and "date_enacted" in not_ready.json()["errors"]
    client.patch(
        f"/api/v1/agencies/{regency.pk}/legal-documents/{doc_id}",
        {"date_enacted": "2024-05-02"},
        content_type="application/json",
    )
    assert client.post(f"/api/v1/agencies/{regency.pk}/legal-documents/{doc_id}/publish").status_code == 200
    relation = client.post(
        f"/api/v1/agencies/{regency.pk}/legal-documents/{doc_id}/relations",
        {"kind": "implements", "target_citation": "Peraturan Daerah Nomor 7 Tahun 2024"},
        content_type="application/json",
    )
    assert relation.status_code == 201
    relation_id = relation.json()["relations"][0]["id"]
    removed = client.delete(f"/api/v1/agencies/{regency.pk}/legal-documents/{doc_id}/relations/{relation_id}")
    assert removed.status_code == 204
