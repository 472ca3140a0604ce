"""The annual PPID report: numbers by outcome, average working days, objections, the XLSX."""

from __future__ import annotations

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine
from openpyxl import load_workbook  # type: ignore[import-untyped]

from padu.core.actors import Actor
from padu.core.errors import Forbidden
from padu.core.roles import Role
from padu.ppid.report import annual_report, report_xlsx
from padu.ppid.selectors import report_agencies
from padu.ppid.services import (
    objection_answer,
    objection_submit,
    request_decide,
    request_extend,
    request_submit,
    request_withdraw,
)
from tests.factories import actor_for, make_agency, make_citizen, make_staff

JKT = ZoneInfo("Asia/Jakarta")


def _submit(agency, citizen, text):
    return request_submit(
        actor=Actor(user=citizen.user),
        agency=agency,
        requester_kind="person",
        name=citizen.name,
        nik=citizen.nik,
        address="Jl. Raya 1",
        email="warga@example.id",
        information=text,
        purpose="Kontrol sosial",
        obtain_method="soft_copy",
        delivery_method="email",
    )


@pytest.fixture
def year_of_requests(db, settings, tmp_path):
    """Seven requests of 2026 and one of 2027 in one village, each ending differently."""
    settings.MEDIA_ROOT = tmp_path
    regency = make_agency(name="Pemerintah Kabupaten Bandung", kind="pemda", region="32.04")
    agency = make_agency(parent=regency)
    officer = actor_for(make_staff(agency, Role.INFORMATION_OFFICER))
    admin = actor_for(make_staff(agency, Role.AGENCY_ADMIN))
    citizen = make_citizen()
    me = Actor(user=citizen.user)

    def at(day):
        return time_machine.travel(dt.datetime.combine(day, dt.time(9), tzinfo=JKT), tick=False)

    # Monday 2 Nov 2026: received; answered 4 working days later (Fri 6 Nov).
    with at(dt.date(2026, 11, 2)):
        granted = _submit(agency, citizen, "APBDes 2026")
        partly = _submit(agency, citizen, "Daftar penerima BLT")
        refused = _submit(agency, citizen, "Berkas penyidikan")
        not_held = _submit(agency, citizen, "Data BPS nasional")
        withdrawn = _submit(agency, citizen, "Peta desa")
        unanswered = _submit(agency, citizen, "Notulen musdes")
        still_open = _submit(agency, citizen, "Laporan BUMDes")  # noqa: F841 - counted as open
    with at(dt.date(2026, 11, 6)):
        request_decide(actor=officer, request=granted, decision="granted")
        request_decide(
            actor=officer,
            request=partly,
            decision="partly_granted",
            note="Sebagian",
            withheld_part="NIK penerima",
            exemption="17h",
            consequence_test="Rahasia pribadi",
        )
        request_withdraw(actor=me, request=withdrawn)
    with at(dt.date(2026, 11, 9)):
        request_extend(actor=officer, request=refused, reason="Perlu koordinasi")
    # Refused after the extension: 2 Nov → 20 Nov is 14 working days.
    with at(dt.date(2026, 11, 20)):
        request_decide(
            actor=officer,
            request=refused,
            decision="refused",
            note="Dikecualikan",
            exemption="17a",
            consequence_test="x",
        )
        request_decide(actor=officer, request=not_held, decision="not_held", note="Ada di BPS", held_by="BPS")
    with at(dt.date(2026, 11, 23)):
        objection_submit(actor=me, request=refused, grounds=["a"], reasons="Bukan rahasia")
        objection_submit(actor=me, request=partly, grounds=["d"], reasons="Kurang lengkap")
    with at(dt.date(2026, 12, 1)):
        objection_submit(actor=me, request=unanswered, grounds=["c"], reasons="Tidak dijawab")
        objection_answer(actor=admin, request=refused, outcome="rejected", answer="Keputusan dikuatkan")
        objection_answer(actor=admin, request=partly, outcome="upheld", answer="Berikan seluruhnya")
    with at(dt.date(2027, 1, 4)):
        _submit(agency, citizen, "Tahun berikutnya")
    return agency, regency


def test_annual_report_counts_every_outcome(year_of_requests):
    agency, _regency = year_of_requests
    report = annual_report(agency, 2026)
    assert report.received == 7
    assert (report.granted, report.partly_granted, report.refused, report.not_held) == (1, 1, 1, 1)
    assert (report.withdrawn, report.unanswered, report.open) == (1, 1, 1)
    assert report.extended == 1
    assert report.answered_on_time == 3  # "not held" came after its 16 November deadline
    # 4, 4, 14 and 14 working days.
    assert report.average_working_days == 9.0
    assert report.by_exemption == {"17a": 1, "17h": 1}
    assert (report.objections, report.objections_upheld, report.objections_rejected, report.objections_pending) == (
        3,
        1,
        1,
        1,
    )
    assert annual_report(agency, 2027).received == 1


def test_xlsx_holds_the_same_numbers(year_of_requests):
    agency, _regency = year_of_requests
    book = load_workbook(io.BytesIO(report_xlsx(annual_report(agency, 2026))))
    summary, exemptions, register = book.worksheets
    numbers = [row[1] for row in summary.iter_rows(min_row=5, values_only=True)]
    assert numbers[:11] == [7, 1, 1, 1, 1, 1, 1, 1, 1, 3, 9.0]
    assert summary["B2"].value == agency.name
    assert [row[1] for row in exemptions.iter_rows(min_row=2, values_only=True)] == [1, 1]
    rows = list(register.iter_rows(min_row=2, values_only=True))
    assert len(rows) == 7
    assert rows[0][2] == "APBDes 2026"
    assert rows[0][5] == 4
    # No requester identity in the workbook.
    text = " ".join(str(v) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for v in row)
    assert "warga@example.id" not in text


def test_supervisors_see_agencies_beneath_and_others_see_nothing(year_of_requests, db):
    agency, regency = year_of_requests
    inspector = actor_for(make_staff(regency, Role.SUPERVISOR))
    assert agency in report_agencies(inspector, regency)
    stranger_agency = make_agency(name="Desa Cileunyi Wetan", region="32.04.05.2002", parent=regency)
    other_officer = actor_for(make_staff(stranger_agency, Role.INFORMATION_OFFICER))
    assert report_agencies(other_officer, stranger_agency) == [stranger_agency]
    with pytest.raises(Forbidden):
        report_agencies(other_officer, agency)
    front_desk = actor_for(make_staff(agency, Role.FRONT_DESK))
    with pytest.raises(Forbidden):
        report_agencies(front_desk, agency)
