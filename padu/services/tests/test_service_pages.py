"""Service-delivery pages: catalogue, service standard, apply, tracking, my applications,
the staff inbox and the case view."""

from __future__ import annotations

import pytest
from django.urls import reverse

from padu.core.models import PersonalDataAccess
from padu.core.roles import Role
from padu.core.web.console import SESSION_KEY
from padu.services.models import Application, ApplicationStatus
from padu.services.tests.factories import GOOD_ANSWERS, make_service
from tests import web_factories as f
from tests.factories import make_citizen

pytestmark = pytest.mark.django_db

GOOD_POST = {
    "nik": GOOD_ANSWERS["nik"],
    "nama": GOOD_ANSWERS["nama"],
    "keperluan": GOOD_ANSWERS["keperluan"],
    "sudah_menikah": "no",
}


@pytest.fixture
def setup():
    agency = f.agency()
    version = make_service(agency, fee_kind="fixed", fee_amount=15000)
    citizen = make_citizen(f.user("siti@example.id", full_name="Siti Aminah")).user
    return agency, version, citizen


def _apply_url(version):
    return reverse("portal:apply", args=[version.service.agency.slug, version.service.slug])


def _officer(agency, role, email, client=None):
    person = f.staff(agency, role, email)
    if role in (Role.APPROVER, Role.SIGNER, Role.AGENCY_ADMIN, Role.TREASURER):
        f.with_totp(person)
    if client is not None:
        client.force_login(person)
        session = client.session
        session[SESSION_KEY] = agency.pk
        session.save()
    return person


def _submit(client, version, citizen, data=GOOD_POST):
    client.force_login(citizen)
    response = client.post(_apply_url(version), {**data, "submit": "1"})
    assert response.status_code == 302, response.content.decode()[:2000]
    client.get(response["Location"])  # shows (and so consumes) the confirmation message
    return Application.objects.get(applicant=citizen)


def test_catalogue_and_service_page_render(client, setup):
    agency, version, _citizen = setup
    response = client.get(reverse("portal:catalogue"))
    assert response.status_code == 200
    assert "Surat Keterangan Domisili" in response.content.decode()
    response = client.get(reverse("portal:catalogue"), {"q": "tidak-ada-layanan-ini"})
    assert "Surat Keterangan Domisili" not in response.content.decode()
    response = client.get(reverse("portal:service", args=[agency.slug, version.service.slug]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Rp15.000" in body and "KTP" in body and _apply_url(version) in body
    assert client.get(reverse("portal:service", args=[agency.slug, "tidak-ada"])).status_code == 404


def test_apply_form_prefills_and_shows_conditional_hint(client, setup):
    _agency, version, citizen = setup
    client.force_login(citizen)
    body = client.get(_apply_url(version)).content.decode()
    assert citizen.citizen.nik in body  # prefilled from the profile
    assert "anggota-0-nama" in body and "anggota-4-hubungan" in body
    assert "Answer only if" in body or "Jawab hanya jika" in body


def test_apply_with_bad_input_shows_errors_and_saves_nothing(client, setup):
    _agency, version, citizen = setup
    client.force_login(citizen)
    response = client.post(_apply_url(version), {"nik": "123", "sudah_menikah": "no", "submit": "1"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "error-summary" in body and 'href="#id_nik"' in body and 'href="#id_keperluan"' in body
    assert not Application.objects.exclude(status=ApplicationStatus.DRAFT).exists()
    assert not Application.objects.exists()


def test_answer_to_hidden_question_is_refused_at_the_field(client, setup):
    _agency, version, citizen = setup
    client.force_login(citizen)
    response = client.post(_apply_url(version), {**GOOD_POST, "nama_pasangan": "Budi", "submit": "1"})
    assert response.status_code == 200
    assert 'href="#id_nama_pasangan"' in response.content.decode()
    assert not Application.objects.exists()


def test_save_draft_then_submit_and_track_without_personal_data(client, setup):
    _agency, version, citizen = setup
    client.force_login(citizen)
    response = client.post(_apply_url(version), {"keperluan": "Melamar kerja", "save": "1"})
    application = Application.objects.get(applicant=citizen)
    assert application.status == ApplicationStatus.DRAFT
    assert response["Location"] == reverse("portal:my_application", args=[application.pk])
    response = client.post(
        reverse("portal:my_application", args=[application.pk]),
        {**GOOD_POST, "anggota-0-nama": "Budi", "anggota-0-hubungan": "anak", "action": "submit"},
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.IN_REVIEW
    assert application.answers["anggota"] == [{"nama": "Budi", "hubungan": "anak"}]
    body = client.get(response["Location"]).content.decode()
    assert application.tracking_number in body
    client.logout()
    response = client.get(reverse("portal:track"), {"number": application.tracking_number.lower()})
    assert response["Location"] == reverse("portal:track_status", args=[application.tracking_number])
    body = client.get(response["Location"]).content.decode()
    assert "Surat Keterangan Domisili" in body
    assert "Siti Aminah" not in body and GOOD_ANSWERS["nik"] not in body and citizen.email not in body
    bad = client.get(reverse("portal:track"), {"number": "AAAA-AAAA-A"})
    assert bad.status_code == 200 and "error-summary" in bad.content.decode()


def test_my_applications_lists_only_mine_and_others_get_404(client, setup):
    _agency, version, citizen = setup
    mine = _submit(client, version, citizen)
    other = make_citizen(f.user("budi@example.id", full_name="Budi Lain")).user
    client.force_login(other)
    body = client.get(reverse("portal:my_applications")).content.decode()
    assert mine.tracking_number not in body
    assert client.get(reverse("portal:my_application", args=[mine.pk])).status_code == 404
    response = client.post(reverse("portal:my_application", args=[mine.pk]), {"action": "withdraw"})
    assert response.status_code == 404
    client.force_login(citizen)
    body = client.get(reverse("portal:my_applications")).content.decode()
    assert mine.tracking_number in body


def test_inbox_lists_case_for_verifier_not_approver(client, setup):
    agency, version, citizen = setup
    application = _submit(client, version, citizen)
    _officer(agency, Role.VERIFIER, "verifikator@example.id", client)
    body = client.get(reverse("portal:console_inbox")).content.decode()
    assert application.tracking_number in body
    _officer(agency, Role.APPROVER, "penyetuju@example.id", client)
    body = client.get(reverse("portal:console_inbox")).content.decode()
    assert application.tracking_number not in body


def test_inbox_rows_show_a_change_at_once(client, setup):
    """Rows are remembered by what they show: a new due date, an overdue case or a renamed
    applicant is never served from an older row."""
    agency, version, citizen = setup
    application = _submit(client, version, citizen)
    _officer(agency, Role.VERIFIER, "verifikator@example.id", client)
    url = reverse("portal:console_inbox")
    first = client.get(url).content.decode().split("<tbody>")[1]
    assert client.get(url).content.decode().split("<tbody>")[1] == first  # the same row again
    assert application.tracking_number in first and "lewat tenggat" not in first
    Application.objects.filter(pk=application.pk).update(due_at=application.submitted_at)
    body = client.get(url).content.decode().split("<tbody>")[1]
    assert "lewat tenggat" in body  # now overdue
    citizen.full_name = "Nama Baru Pemohon"
    citizen.save(update_fields=["full_name"])
    assert "Nama Baru Pemohon" in client.get(url).content.decode()


def test_return_with_reason_correct_and_resubmit(client, setup):
    agency, version, citizen = setup
    application = _submit(client, version, citizen)
    _officer(agency, Role.VERIFIER, "verifikator@example.id", client)
    case_url = reverse("portal:console_case", args=[application.pk])
    response = client.post(case_url, {"action": "return", "note": ""})
    assert response.status_code == 200 and "error-summary" in response.content.decode()
    response = client.post(case_url, {"action": "return", "note": "Keperluan kurang jelas"})
    assert response.status_code == 302
    client.force_login(citizen)
    page_url = reverse("portal:my_application", args=[application.pk])
    body = client.get(page_url).content.decode()
    assert "Keperluan kurang jelas" in body
    response = client.post(page_url, {**GOOD_POST, "keperluan": "Melamar kerja di Bandung", "action": "resubmit"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.IN_REVIEW
    assert application.answers["keperluan"] == "Melamar kerja di Bandung"


def test_approve_chain_to_completed(client, setup):
    agency, version, citizen = setup
    application = _submit(client, version, citizen)
    case_url = reverse("portal:console_case", args=[application.pk])
    for role in (Role.VERIFIER, Role.APPROVER, Role.SIGNER):
        _officer(agency, role, f"{role}@example.id", client)
        assert client.post(case_url, {"action": "approve"}).status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.COMPLETED
    client.force_login(citizen)
    body = client.get(reverse("portal:my_application", args=[application.pk])).content.decode()
    assert 'value="withdraw"' not in body


def test_officer_without_the_step_role_cannot_act(client, setup):
    agency, version, citizen = setup
    application = _submit(client, version, citizen)
    _officer(agency, Role.FRONT_DESK, "loket@example.id", client)
    case_url = reverse("portal:console_case", args=[application.pk])
    assert client.get(case_url).status_code == 200
    response = client.post(case_url, {"action": "approve"})
    assert response.status_code == 200
    application.refresh_from_db()
    assert application.step == 0


def test_other_agency_officer_gets_404_on_case(client, setup):
    _agency, version, citizen = setup
    application = _submit(client, version, citizen)
    other = f.agency("Desa Cimenyan", region_code="32.04.06.2001")
    _officer(other, Role.VERIFIER, "lain@example.id", client)
    before = PersonalDataAccess.objects.count()
    assert client.get(reverse("portal:console_case", args=[application.pk])).status_code == 404
    assert client.post(reverse("portal:console_case", args=[application.pk]), {"action": "approve"}).status_code == 404
    assert PersonalDataAccess.objects.count() == before


def test_case_view_records_personal_data_access(client, setup):
    agency, version, citizen = setup
    application = _submit(client, version, citizen)
    officer = _officer(agency, Role.VERIFIER, "verifikator@example.id", client)
    body = client.get(reverse("portal:console_case", args=[application.pk])).content.decode()
    assert GOOD_ANSWERS["keperluan"] in body and "Keperluan" in body
    access = PersonalDataAccess.objects.get(subject=citizen, viewer=officer)
    assert application.tracking_number in access.purpose
    assert "nik" in access.fields


def test_applicant_can_withdraw(client, setup):
    _agency, version, citizen = setup
    application = _submit(client, version, citizen)
    response = client.post(reverse("portal:my_application", args=[application.pk]), {"action": "withdraw"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == ApplicationStatus.WITHDRAWN


def test_refer_to_a_sibling_office(client):
    parent = f.agency("Kecamatan Cileunyi", region_code="32.04.05", kind="kecamatan")
    agency = f.agency("Desa Cileunyi Kulon", parent=parent)
    sibling = f.agency("Desa Cileunyi Wetan", region_code="32.04.05.2002", parent=parent)
    version = make_service(agency)
    citizen = make_citizen(f.user("siti@example.id", full_name="Siti Aminah")).user
    application = _submit(client, version, citizen)
    _officer(agency, Role.VERIFIER, "verifikator@example.id", client)
    case_url = reverse("portal:console_case", args=[application.pk])
    body = client.get(case_url).content.decode()
    assert f'value="{sibling.pk}"' in body and f'value="{parent.pk}"' in body
    response = client.post(case_url, {"action": "refer", "to_agency": sibling.pk, "note": "Alamat di Cileunyi Wetan"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.agency_id == sibling.pk
