"""The statutory books (Permendagri 47/2016, B.1–B.5) as at the end of a month, on a small register
with known answers: births, deaths and moves in and out in October and November 2026, one event
undone by a correcting event, a temporary resident."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
import time_machine
from django.test import Client
from openpyxl import load_workbook  # type: ignore[import-untyped]
from pypdf import PdfReader

from padu.core.actors import OPERATOR
from padu.core.errors import InvalidInput
from padu.core.roles import Role
from padu.registries.books import Month, book_rows, book_table, book_xlsx, parse_month, rekap_balances
from padu.registries.books.export import book_pdf
from padu.registries.codes import Citizenship, LifeStatus, MaritalStatus, Relationship, ResidentStatus, Sex
from padu.registries.models import EventKind, ResidentAccess
from padu.registries.rules import resident_clean
from padu.registries.services import event_open, resident_create, resident_write
from padu.registries.tests.factories import make_family, make_resident, make_rt, resident_values
from tests.factories import give_totp, make_agency, make_staff

pytestmark = pytest.mark.django_db

NOV = Month(2026, 11)
OCT = Month(2026, 10)


@pytest.fixture(autouse=True)
def _december():
    # The agency's today is 5 December 2026: November is the last full month.
    with time_machine.travel(dt.datetime(2026, 12, 5, 3, 0, tzinfo=dt.UTC), tick=False):
        yield


def _arrive(agency, kind, day, *, family=None, area=None, **kw):
    """A resident entered by a birth or a move-in event on `day`."""
    cleaned = resident_clean(resident_values(**kw), today=dt.date(2026, 11, 30))
    cleaned.raise_if_invalid()
    values = cleaned.values
    if family is not None:
        values["family_id"] = family.pk
    if area is not None:
        values["area_id"] = area.pk
    event = event_open(actor=OPERATOR, agency=agency, kind=kind, occurred_on=day, details=kw.pop("details", None))
    return event, resident_create(event=event, agency=agency, values=values, registered_on=day)


def _leave(agency, resident, kind, day, status, details=None):
    event = event_open(actor=OPERATOR, agency=agency, kind=kind, occurred_on=day, resident=resident, details=details)
    resident_write(resident, {"life_status": status, "left_on": day}, event)
    return event


@pytest.fixture
def village():
    agency = make_agency()
    satu = make_rt(agency, "Dusun Satu", "RW 001", "RT 001")
    dua = make_rt(agency, "Dusun Dua", "RW 002", "RT 001")
    family_a, (head_a, wife_a, child_a) = make_family(agency, area=satu, members=3)
    family_b, (head_b, wife_b) = make_family(agency, area=dua, members=2)
    foreigner = make_resident(
        agency,
        area=satu,
        name="Warga Asing",
        sex=Sex.FEMALE,
        birth=dt.date(1975, 2, 1),
        citizenship=Citizenship.WNA,
        registered_on=dt.date(2021, 6, 1),
    )
    guest = make_resident(
        agency,
        area=dua,
        name="Tamu Sementara",
        sex=Sex.FEMALE,
        birth=dt.date(1999, 4, 4),
        resident_status=ResidentStatus.TEMPORARY,
        previous_address="Kota Cimahi",
        registered_on=dt.date(2026, 9, 15),
    )
    # October: B's wife moves out. November: a baby is born to A, a newcomer comes, the
    # foreigner dies, and B's head "dies" by mistake, undone by a correcting event.
    _leave(
        agency, wife_b, EventKind.MOVE_OUT, dt.date(2026, 10, 20), LifeStatus.MOVED_OUT, {"destination": "Kota Bandung"}
    )
    _birth, baby = _arrive(
        agency,
        EventKind.BIRTH,
        dt.date(2026, 11, 5),
        family=family_a,
        area=satu,
        name="Bayi November",
        sex=Sex.FEMALE,
        birth=dt.date(2026, 11, 5),
        relationship=Relationship.CHILD,
        marital_status=MaritalStatus.NOT_MARRIED,
    )
    _move_in, newcomer = _arrive(
        agency,
        EventKind.MOVE_IN,
        dt.date(2026, 11, 12),
        area=dua,
        name="Pendatang Baru",
        birth=dt.date(1990, 8, 8),
        details={"origin": "Kabupaten Garut"},
    )
    _leave(agency, foreigner, EventKind.DEATH, dt.date(2026, 11, 20), LifeStatus.DEAD, {"place": "RSUD Soreang"})
    mistake = _leave(agency, head_b, EventKind.DEATH, dt.date(2026, 11, 25), LifeStatus.DEAD)
    undo = event_open(
        actor=OPERATOR, agency=agency, kind=EventKind.REVERSAL, occurred_on=dt.date(2026, 11, 26), reverses=mistake
    )
    resident_write(head_b, {"life_status": LifeStatus.PRESENT, "left_on": None}, undo)
    registrar = make_staff(agency, Role.REGISTRAR)
    return {
        "agency": agency,
        "head_a": head_a,
        "wife_b": wife_b,
        "baby": baby,
        "newcomer": newcomer,
        "guest": guest,
        "family_a": family_a,
        "registrar": registrar,
    }


def _names(rows):
    return [r["name"] for r in rows]


# ---- the books' rows ----


def test_buku_induk_lists_who_was_there_at_the_end_of_the_month(village):
    agency = village["agency"]
    november = book_rows(agency, "induk", 2026, 11)
    assert sorted(_names(november)) == sorted(
        ["Kepala Keluarga", "Istri", "Anak 1", "Bayi November", "Kepala Keluarga", "Pendatang Baru"]
    )
    assert [r["no"] for r in november] == list(range(1, 7))
    # Dusun Dua sorts before Dusun Satu; in a KK the head comes first.
    assert str(november[0]["address"]).endswith("RT 001 / RW 002 / Dusun Dua")
    head_a = next(r for r in november if r["nik"] == village["head_a"].nik)
    assert head_a["kk_number"] == village["family_a"].kk_number
    assert head_a["sex"] == "L" and head_a["birth_date"] == dt.date(1980, 3, 14) and head_a["can_read"] == ""
    october = book_rows(agency, "induk", 2026, 10)
    # The foreigner died in November: there in October. B's wife moved out in October: gone.
    assert "Warga Asing" in _names(october) and "Warga Asing" not in _names(november)
    assert "Istri" in _names(book_rows(agency, "induk", 2026, 9))
    assert _names(october).count("Istri") == 1 and _names(november).count("Istri") == 1
    assert "Bayi November" not in _names(october)
    # The temporary resident is in B.4, never in the induk.
    assert "Tamu Sementara" not in _names(november)


def test_buku_mutasi_lists_the_months_events_and_not_the_undone_one(village):
    agency = village["agency"]
    november = book_rows(agency, "mutasi", 2026, 11)
    assert _names(november) == ["Bayi November", "Pendatang Baru", "Warga Asing"]
    baby, newcomer, foreigner = november
    assert baby["born_on"] == dt.date(2026, 11, 5) and baby["came_on"] is None
    assert newcomer["came_from"] == "Kabupaten Garut" and newcomer["came_on"] == dt.date(2026, 11, 12)
    assert foreigner["died_on"] == dt.date(2026, 11, 20) and foreigner["died_at"] == "RSUD Soreang"
    assert foreigner["citizenship"] == "WNA"
    october = book_rows(agency, "mutasi", 2026, 10)
    assert _names(october) == ["Istri"]
    assert october[0]["moved_to"] == "Kota Bandung" and october[0]["moved_on"] == dt.date(2026, 10, 20)
    assert book_rows(agency, "mutasi", 2026, 9) == []


def test_rekapitulasi_counts_per_dusun_and_balances(village):
    rows = book_rows(village["agency"], "rekapitulasi", 2026, 11)
    assert [r["dusun"] for r in rows[:2]] == ["Dusun Dua", "Dusun Satu"] and len(rows) == 3
    dua, satu, total = rows  # the last row adds up the hamlets
    # Dusun Satu: A's head, wife and child and the foreigner at the start; a baby girl born,
    # the foreigner died.
    assert (satu["start_wni_l"], satu["start_wni_p"], satu["start_wna_p"], satu["start_people"]) == (2, 1, 1, 4)
    assert (satu["start_kk"], satu["start_members"]) == (1, 3)
    assert (satu["born_wni_p"], satu["died_wna_p"]) == (1, 1)
    assert (satu["end_wni_l"], satu["end_wni_p"], satu["end_wna_p"], satu["end_people"]) == (2, 2, 0, 4)
    # Dusun Dua: B's head (his death undone) at the start; a newcomer came; the guest not counted.
    assert (dua["start_wni_l"], dua["start_wni_p"], dua["start_people"], dua["start_kk"]) == (1, 0, 1, 1)
    assert dua["came_wni_l"] == 1 and dua["moved_wni_p"] == 0
    assert (dua["end_wni_l"], dua["end_people"], dua["end_kk"], dua["end_members"]) == (2, 2, 1, 1)
    assert (total["start_people"], total["end_people"]) == (5, 6)
    assert all(rekap_balances(r) for r in rows)
    october = book_rows(village["agency"], "rekapitulasi", 2026, 10)
    assert october[0]["moved_wni_p"] == 1 and october[0]["end_people"] == 1
    assert october[-1]["end_people"] == total["start_people"]
    assert all(rekap_balances(r) for r in october)
    # A row that does not add up is told apart.
    assert not rekap_balances({**satu, "end_wni_l": 3})


def test_penduduk_sementara_lists_only_temporary_residents(village):
    rows = book_rows(village["agency"], "sementara", 2026, 11)
    assert _names(rows) == ["Tamu Sementara"]
    assert rows[0]["nik"] == village["guest"].nik
    assert rows[0]["came_from"] == "Kota Cimahi" and rows[0]["came_on"] == dt.date(2026, 9, 15)
    assert book_rows(village["agency"], "sementara", 2026, 8) == []


def test_buku_ktp_kk_lists_people_on_a_kk(village):
    rows = book_rows(village["agency"], "ktp-kk", 2026, 11)
    assert sorted(_names(rows)) == sorted(["Kepala Keluarga", "Istri", "Anak 1", "Bayi November", "Kepala Keluarga"])
    assert all(r["kk_number"] for r in rows)
    baby = next(r for r in rows if r["name"] == "Bayi November")
    assert baby["kk_number"] == village["family_a"].kk_number and baby["lived_since"] == dt.date(2026, 11, 5)


def test_the_month_is_checked(village):
    agency = village["agency"]
    assert parse_month(agency, "") == NOV  # the last full month in the agency's time zone
    assert parse_month(agency, " 2026-10 ") == OCT
    assert parse_month(agency, "2026-12") == Month(2026, 12)  # this month, so far
    for bad in ("2026-13", "2026-00", "November", "2026/11", "26-11", "2027-01", "2019-12"):
        with pytest.raises(InvalidInput) as exc:
            parse_month(agency, bad)
        assert exc.value.code == "month_invalid" and exc.value.errors["bulan"], bad
    with pytest.raises(InvalidInput) as exc:
        parse_month(agency, "2019-12")
    assert "02-01-2020" in str(exc.value.message)  # the register's first day


def test_an_unknown_book_is_not_found(village):
    from padu.core.errors import NotFound

    with pytest.raises(NotFound):
        book_rows(village["agency"], "buku-tamu", 2026, 11)


# ---- files ----


def test_the_spreadsheet_has_the_head_and_the_rows(village):
    content = book_xlsx(book_table(village["agency"], "induk", NOV))
    sheet = load_workbook(io.BytesIO(content)).active
    assert sheet["A1"].value.startswith("B.1 ")
    assert sheet["A2"].value == village["agency"].name
    assert "November 2026" in sheet["A3"].value
    # Two head rows (place and date of birth is a group), frozen under them.
    assert sheet.freeze_panes == "A7"
    assert sheet["A5"].font.bold and sheet["E6"].font.bold
    values = [[c.value for c in row] for row in sheet.iter_rows(min_row=7, max_row=12)]
    niks = [row[13] for row in values]
    assert village["head_a"].nik in niks  # text, all 16 digits
    assert sheet.column_dimensions["B"].width > sheet.column_dimensions["A"].width
    rekap = load_workbook(io.BytesIO(book_xlsx(book_table(village["agency"], "rekapitulasi", NOV)))).active
    assert [rekap.cell(r, 1).value for r in range(7, 9)] == ["Dusun Dua", "Dusun Satu"]
    assert rekap.cell(9, 2).value == 0 and rekap.cell(9, 8).value == 5  # total: WNA L, people at the start


def test_the_pdf_shows_the_names_the_agency_and_page_numbers(village):
    content = book_pdf(book_table(village["agency"], "mutasi", NOV), paper="f4")
    reader = PdfReader(io.BytesIO(content))
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    for expected in ("Bayi November", "Pendatang Baru", "Warga Asing", "Kabupaten Garut", village["agency"].name):
        assert expected in text, expected
    assert "Kepala Keluarga" not in text  # the undone death is not listed
    assert re.search(r"1 / 1", text)
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert width > height  # landscape
    assert round(float(width) / 72 * 25.4) == 330  # F4


# ---- pages ----


def _pdf_text(content):
    """The PDF's words, a cell's wrapped lines joined again."""
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(content)).pages)


def _client(user, agency):
    client = Client()
    give_totp(user)
    client.force_login(user)
    session = client.session
    session["portal_agency_id"] = agency.pk
    session.save()
    return client


def test_the_register_officer_reads_a_book_page_and_each_person_is_logged(village):
    agency, registrar = village["agency"], village["registrar"]
    client = _client(registrar, agency)
    index = client.get("/konsol/penduduk/buku/")
    assert index.status_code == 200
    text = index.content.decode()
    assert "?bulan=2026-11" in text and "Buku Induk Penduduk" in text and "Buku KTP dan KK" in text
    response = client.get("/konsol/penduduk/buku/induk/?bulan=2026-11")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Bayi November" in page and "Pendatang Baru" in page and "Warga Asing" not in page
    assert page.count("<td") == page.count("<td data-label=")
    logged = ResidentAccess.objects.filter(agency=agency, viewer=registrar)
    assert logged.count() == 6
    assert set(logged.values_list("resident_id", flat=True)) >= {village["baby"].pk, village["newcomer"].pk}
    first = logged.first()
    assert first is not None and "nik" in first.fields and "B.1" in first.purpose
    # The summary lists no one: nobody is logged.
    before = logged.count()
    assert client.get("/konsol/penduduk/buku/rekapitulasi/?bulan=2026-11").status_code == 200
    assert logged.count() == before


def test_a_long_book_is_paginated_and_only_the_page_shown_is_logged(village, monkeypatch):
    from padu.registries.web import books as web

    monkeypatch.setattr(web, "PAGE_SIZE", 4)
    client = _client(village["registrar"], village["agency"])
    first = client.get("/konsol/penduduk/buku/induk/?bulan=2026-11").content.decode()
    assert "page=2" in first
    assert ResidentAccess.objects.count() == 4
    second = client.get("/konsol/penduduk/buku/induk/?bulan=2026-11&page=2").content.decode()
    assert second.count("<tr>") - 2 == 2  # two rows left (and the two head rows)


def test_downloads_from_the_console(village):
    client = _client(village["registrar"], village["agency"])
    xlsx = client.get("/konsol/penduduk/buku/ktp-kk/unduh.xlsx?bulan=2026-11")
    assert xlsx.status_code == 200 and xlsx["Content-Disposition"].endswith('2026-11.xlsx"')
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert "Bayi November" in [c.value for c in sheet["C"]]
    pdf = client.get("/konsol/penduduk/buku/sementara/unduh.pdf?bulan=2026-11")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert "Tamu Sementara" in _pdf_text(pdf.content)
    assert ResidentAccess.objects.filter(resident=village["guest"]).count() == 1


@pytest.mark.parametrize("bad", ["2026-13", "bulan-lalu", "2019-12", "2027-02"])
def test_a_bad_month_is_a_clear_error_on_every_page(village, bad):
    client = _client(village["registrar"], village["agency"])
    for url in ("/konsol/penduduk/buku/", "/konsol/penduduk/buku/induk/", "/konsol/penduduk/buku/induk/unduh.xlsx"):
        response = client.get(url, {"bulan": bad})
        assert response.status_code == 400, url
        page = response.content.decode()
        assert "error-summary" in page and 'id="id_bulan"' in page
    assert ResidentAccess.objects.count() == 0


def test_only_the_registers_keepers_read_the_books(village):
    agency = village["agency"]
    regency = make_agency(name="Pemerintah Kabupaten Bandung", kind="pemda", region="32.04")
    agency.parent = regency
    agency.save()
    other = make_agency(name="Pemerintah Desa Cileunyi Wetan", region="32.04.05.2002")
    refused = {
        "front desk": (make_staff(agency, Role.FRONT_DESK), agency, {403}),
        "signer": (make_staff(agency, Role.SIGNER), agency, {403}),
        "supervisor above": (make_staff(regency, Role.SUPERVISOR), agency, {403, 404}),
        "another village's admin": (make_staff(other, Role.AGENCY_ADMIN), agency, {403, 404}),
    }
    for who, (user, active, statuses) in refused.items():
        client = _client(user, active)
        for url in ("/konsol/penduduk/buku/", "/konsol/penduduk/buku/induk/", "/konsol/penduduk/buku/induk/unduh.pdf"):
            assert client.get(url).status_code in statuses, (who, url)
    assert ResidentAccess.objects.count() == 0
    # The control: the agency's administrator reads them.
    admin = _client(make_staff(agency, Role.AGENCY_ADMIN), agency)
    assert admin.get("/konsol/penduduk/buku/induk/").status_code == 200
    assert admin.get("/konsol/penduduk/buku/tidak-ada/").status_code == 404


# ---- API ----


def test_the_api_gives_rows_files_and_problems(village):
    agency, registrar = village["agency"], village["registrar"]
    client = _client(registrar, agency)
    base = f"/api/v1/agencies/{agency.pk}/registry/books"
    response = client.get(f"{base}/mutasi", {"month": "2026-11"})
    assert response.status_code == 200
    data = response.json()
    assert data["code"] == "B.2" and data["month"] == "2026-11" and data["count"] == 3
    assert [r["name"] for r in data["rows"]] == ["Bayi November", "Pendatang Baru", "Warga Asing"]
    assert data["rows"][0]["born_on"] == "2026-11-05"
    came_from = next(c for c in data["columns"] if c["key"] == "came_from")
    assert came_from["label"] and came_from["group"]  # the group "additions" over it
    assert ResidentAccess.objects.filter(viewer=registrar).count() == 3
    paged = client.get(f"{base}/induk", {"month": "2026-11", "offset": 4, "limit": 10}).json()
    assert paged["count"] == 6 and len(paged["rows"]) == 2 and paged["rows"][0]["no"] == 5
    xlsx = client.get(f"{base}/rekapitulasi.xlsx", {"month": "2026-10"})
    assert xlsx.status_code == 200 and xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    pdf = client.get(f"{base}/induk.pdf", {"month": "2026-11"})
    assert pdf.status_code == 200 and "Pendatang Baru" in _pdf_text(pdf.content)
    bad = client.get(f"{base}/induk", {"month": "2026-13"})
    assert bad.status_code == 400 and bad.json()["code"] == "month_invalid"
    missing = client.get(f"{base}/buku-tamu", {"month": "2026-11"})
    assert missing.status_code == 404 and missing.json()["code"] == "book_not_found"


def test_the_api_refuses_the_front_desk_and_tokens(village):
    from padu.core.services import api_token_create

    agency = village["agency"]
    base = f"/api/v1/agencies/{agency.pk}/registry/books/induk"
    desk = _client(make_staff(agency, Role.FRONT_DESK), agency)
    assert desk.get(base).status_code == 403
    _token, raw = api_token_create(actor=OPERATOR, agency=agency, name="x", scopes=["registries:read"])
    refused = Client().get(base, HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert refused.status_code == 403 and refused.json()["code"] == "token_not_allowed"
    assert Client().get(base).status_code == 401
    assert ResidentAccess.objects.count() == 0


def test_a_long_book_prints_in_parts_and_logs_only_the_part(village, monkeypatch):
    from padu.registries.books import export

    monkeypatch.setattr(export, "PDF_PART_ROWS", 4)
    client = _client(village["registrar"], village["agency"])
    page = client.get("/konsol/penduduk/buku/induk/?bulan=2026-11").content.decode()
    assert "bagian=2" in page and "bagian=3" not in page
    second = client.get("/konsol/penduduk/buku/induk/unduh.pdf?bulan=2026-11&bagian=2")
    assert second["Content-Disposition"].endswith('2026-11-2.pdf"')
    text = _pdf_text(second.content)
    # Rows 5 and 6 of the book (Dusun Dua first, then A's family, eldest first), numbered as in
    # the whole book.
    assert "5 Anak 1" in text and "6 Bayi November" in text and "Pendatang Baru" not in text
    logged = ResidentAccess.objects.filter(viewer=village["registrar"], purpose__contains="B.1")
    # The page showed all six (page size 100); the part logged two more reads.
    assert logged.count() == 6 + 2
