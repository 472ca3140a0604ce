"""The JDIH register: metadata, the PDF, full-text search, relations kept consistent both ways,
and the JDIHN record."""

from __future__ import annotations

import datetime as dt
import functools

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from weasyprint import HTML

from padu.core.errors import Conflict, Forbidden, InvalidInput
from padu.core.models import AuditEvent
from padu.core.richtext import RichTextTooLarge
from padu.core.roles import Role
from padu.publications.jdihn import jdihn_record
from padu.publications.models import LegalDocument, LegalRelation, LegalStatus
from padu.publications.selectors import LegalFilters, legal_public, legal_relations
from padu.publications.services import (
    legal_create,
    legal_pdf_set,
    legal_publish,
    legal_relation_add,
    legal_relation_remove,
    legal_unpublish,
    legal_update,
)
from tests.factories import actor_for, make_agency, make_staff

pytestmark = pytest.mark.django_db


@functools.cache
def pdf_with(text: str) -> bytes:
    return HTML(string=f"<h1>Peraturan</h1><p>{text}</p>").write_pdf()


def upload(data: bytes, name: str = "perda.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/pdf")


@pytest.fixture
def regency():
    return make_agency(name="Pemerintah Kabupaten Bandung", kind="pemda", region="32.04")


@pytest.fixture
def officer(regency):
    return actor_for(make_staff(regency, Role.INFORMATION_OFFICER))


def regulation(agency, actor, number="7", year=2024, title="Retribusi Pasar", **kw):
    fields = {
        "doc_type": "perda",
        "number": number,
        "year": year,
        "title": title,
        "place_enacted": "Soreang",
        "date_enacted": dt.date(year, 3, 1),
        "date_promulgated": dt.date(year, 3, 4),
        "signer": "Bupati Bandung",
        "initiator": "Dinas Perdagangan",
        "subject": "retribusi, pasar",
        "field_of_law": "Hukum Keuangan Daerah",
        "source": f"Lembaran Daerah Kabupaten Bandung Tahun {year} Nomor {number}",
        **kw,
    }
    return legal_create(actor=actor, agency=agency, **fields)


def published(agency, actor, text="Tarif retribusi los pasar", **kw):
    document = regulation(agency, actor, **kw)
    document = legal_pdf_set(actor=actor, document=document, upload=upload(pdf_with(text)))
    return legal_publish(actor=actor, document=document)


def test_create_publish_and_find_by_words_in_the_pdf(regency, officer):
    document = published(regency, officer, text="Pedagang kaki lima membayar retribusi harian")
    assert document.citation == "Peraturan Daerah Nomor 7 Tahun 2024"
    assert document.pdf_pages == 1 and "kaki lima" in document.pdf_text.lower()
    found = legal_public(LegalFilters(query="pedagang harian"))
    assert [d.pk for d in found] == [document.pk]
    assert not legal_public(LegalFilters(query="pedagang sapi")).exists()
    # Whole words, the same on SQLite and PostgreSQL: "dagang" is not "pedagang".
    assert not legal_public(LegalFilters(query="dagang")).exists()
    assert legal_public(LegalFilters(query="PEDAGANG, Harian!")).exists()
    # Metadata are searched too, and the filters narrow.
    assert legal_public(LegalFilters(query="Soreang")).exists()
    assert legal_public(LegalFilters(doc_type="perda", year=2024, status="berlaku", subject="pasar")).exists()
    assert not legal_public(LegalFilters(doc_type="perbup")).exists()
    verbs = set(AuditEvent.objects.filter(object_type="publications.legaldocument").values_list("verb", flat=True))
    assert {"legal.created", "legal.pdf_uploaded", "legal.published"} <= verbs


def test_drafts_are_not_public(regency, officer):
    document = regulation(regency, officer)
    assert not legal_public(LegalFilters()).exists()
    with pytest.raises(InvalidInput) as caught:
        legal_publish(actor=officer, document=document)
    assert caught.value.code == "legal_incomplete" and "pdf" in caught.value.errors
    document = legal_pdf_set(actor=officer, document=document, upload=upload(pdf_with("isi")))
    legal_publish(actor=officer, document=document)
    assert legal_public(LegalFilters()).count() == 1
    legal_unpublish(actor=officer, document=document)
    assert not legal_public(LegalFilters()).exists()


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"<html><body>bukan pdf</body></html>", "file_type_not_allowed"),
        (b"\x89PNG\r\n\x1a\n0000", "file_type_not_allowed"),
        (b"%PDF-1.7\nrusak sama sekali", "pdf_invalid"),
        (b"", "file_empty"),
        (b"%PDF-1.7\n" + b"0" * (20 * 1024 * 1024), "file_too_large"),
    ],
)
def test_bad_pdfs_are_refused_with_a_clear_error(regency, officer, data, code):
    document = regulation(regency, officer)
    with pytest.raises(InvalidInput) as caught:
        legal_pdf_set(actor=officer, document=document, upload=upload(data))
    assert caught.value.code == code
    assert "pdf" in caught.value.errors
    assert not LegalDocument.objects.get(pk=document.pk).pdf


def test_metadata_are_checked(regency, officer):
    with pytest.raises(InvalidInput) as caught:
        regulation(regency, officer, number="", year=1900, doc_type="uu")
    assert {"number", "year", "doc_type"} <= set(caught.value.errors)
    with pytest.raises(InvalidInput) as caught:
        regulation(regency, officer, date_enacted=dt.date(2024, 3, 5), date_promulgated=dt.date(2024, 3, 1))
    assert "date_promulgated" in caught.value.errors
    regulation(regency, officer)
    with pytest.raises(Conflict) as conflict:
        regulation(regency, officer)
    assert conflict.value.code == "legal_number_taken"


def test_abstract_is_sanitised_and_capped(regency, officer):
    document = regulation(
        regency,
        officer,
        abstract='<p onclick="x()">Dasar hukum<script>alert(1)</script></p><a href="javascript:x">a</a>',
    )
    assert document.abstract == '<p>Dasar hukum</p><a rel="noopener nofollow">a</a>'
    with pytest.raises(RichTextTooLarge):
        legal_update(actor=officer, document=document, abstract="<p>" + "a" * 60_000 + "</p>")


def test_amending_and_revoking_keep_both_sides_consistent(regency, officer):
    base = published(regency, officer, number="3", year=2020, title="Pajak Daerah")
    amendment = published(regency, officer, number="1", year=2023, title="Perubahan atas Perda 3/2020")
    legal_relation_add(actor=officer, document=amendment, kind="amends", target=base)
    base.refresh_from_db()
    assert base.status == LegalStatus.AMENDED
    assert [(r.kind, r.direction, r.other and r.other.pk) for r in legal_relations(base, public_only=True)] == [
        ("amends", "in", amendment.pk)
    ]
    assert [(r.kind, r.direction) for r in legal_relations(amendment, public_only=True)] == [("amends", "out")]
    with translation.override("en"):
        assert str(legal_relations(base, public_only=True)[0].label) == "amended by"

    replacement = published(regency, officer, number="9", year=2025, title="Pajak Daerah yang baru")
    relation = legal_relation_add(actor=officer, document=replacement, kind="revokes", target=base)
    base.refresh_from_db()
    assert base.status == LegalStatus.REVOKED
    assert AuditEvent.objects.filter(verb="legal.status_changed", object_id=str(base.pk)).count() == 2
    legal_relation_remove(actor=officer, relation=relation)
    base.refresh_from_db()
    assert base.status == LegalStatus.AMENDED


def test_relations_that_make_no_sense_are_refused(regency, officer):
    perda = published(regency, officer)
    with pytest.raises(InvalidInput):
        legal_relation_add(actor=officer, document=perda, kind="amends", target=perda)
    village = make_agency(parent=regency)
    kades = actor_for(make_staff(village, Role.AGENCY_ADMIN))
    perdes = regulation(village, kades, number="2", doc_type="perdes", title="APBDes 2024")
    # A village regulation cannot revoke the regency's; it may implement it.
    with pytest.raises(InvalidInput) as caught:
        legal_relation_add(actor=kades, document=perdes, kind="revokes", target=perda)
    assert "target" in caught.value.errors
    legal_relation_add(actor=kades, document=perdes, kind="implements", target=perda)
    legal_relation_add(
        actor=kades, document=perdes, kind="implements", target_citation="Permendagri Nomor 20 Tahun 2018"
    )
    assert LegalRelation.objects.filter(source=perdes).count() == 2
    with pytest.raises(Conflict):
        legal_relation_add(actor=kades, document=perdes, kind="implements", target=perda)
    with pytest.raises(InvalidInput):
        legal_relation_add(actor=officer, document=perda, kind="implements", target=perdes)  # loop and a draft
    with pytest.raises(Forbidden):
        legal_relation_add(actor=kades, document=perda, kind="implements", target_citation="UU 23/2014")


def test_only_publishers_write(regency):
    clerk = actor_for(make_staff(regency, Role.VERIFIER))
    with pytest.raises(Forbidden):
        regulation(regency, clerk)


def test_jdihn_record_has_the_national_field_names(regency, officer):
    document = published(regency, officer, abstract="<p>Mengatur <strong>tarif</strong> retribusi.</p>")
    record = jdihn_record(document, lambda path: f"https://jdih.example.id{path}")
    assert record["idData"] == str(document.pk)
    assert record["tahun_pengundangan"] == "2024"
    assert record["tanggal_pengundangan"] == "2024-03-04"
    assert record["jenis"] == "Peraturan Daerah"
    assert record["singkatanJenis"] == "PERDA"
    assert record["noPeraturan"] == "7"
    assert record["noPanggil"] == "Peraturan Daerah Nomor 7 Tahun 2024"
    assert record["judul"] == "Peraturan Daerah Nomor 7 Tahun 2024 tentang Retribusi Pasar"
    assert record["status"] == "Berlaku"
    assert record["bahasa"] == "Indonesia"
    assert record["teuBadan"] == "Kabupaten Bandung" or record["teuBadan"].endswith("Bandung")
    assert record["abstrak"] == "Mengatur tarif retribusi."
    assert record["urlDetailPeraturan"].startswith("https://jdih.example.id/jdih/")
    assert record["urlDownload"].endswith("/unduh/")
    assert record["operasi"] == "4" and record["display"] == "1"
    assert all(isinstance(v, str) for v in record.values())
