"""The counter (loket) pages: a front-desk officer serves a walk-in citizen with no account and
no email: registers them, fills the form for them, prints the receipt, later hands the letter
over. Pages are read in English (the language cookie) and checked for what a person sees."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine

from padu.accounts.models import CitizenProfile, User
from padu.billing.models import Bill
from padu.core.actors import OPERATOR, Actor
from padu.core.models import AuditEvent, Membership, PersonalDataAccess
from padu.core.roles import Role
from padu.core.services import number_pattern_set
from padu.documents.pki import pki_init
from padu.documents.services import letter_template_save
from padu.services.counter import HANDED_OVER, application_hand_over
from padu.services.models import Application, ApplicationEvent, Channel
from padu.services.services import application_act
from padu.services.tests.factories import make_service
from tests.factories import make_agency, make_citizen, make_staff

pytestmark = pytest.mark.django_db

# Enah, born 12 August 1952 in Cileunyi: a woman (12 + 40).
ENAH_NIK = "3204055208520021"
WALK_IN = {
    "nik": ENAH_NIK,
    "name": "Enah Suhaenah",
    "birth_place": "Bandung",
    "birth_date": "12/08/1952",
    "region_1": "32",
    "region_2": "32.04",
    "region_3": "32.04.05",
    "region_code": "32.04.05.2001",
    "street": "Kp. Babakan RT 03/RW 07",
    "phone": "",
}
BODY = "<p>Menerangkan bahwa {{ pemohon.nama }} berdomisili di {{ pemohon.alamat }}.</p>"
# Tuesday 1 December 2026, 09:00 in Bandung (WIB).
MONDAY_MORNING = dt.datetime(2026, 12, 1, 2, 0, tzinfo=dt.UTC)


@pytest.fixture
def office(tmp_path, settings):
    settings.PADU_PKI_DIR = tmp_path / "pki"
    settings.MEDIA_ROOT = tmp_path / "media"
    pki_init()
    village = make_agency()
    number_pattern_set(actor=OPERATOR, agency=village, kind="sk-domisili", pattern="[nomor,3]/470/[tahun]")
    letter_template_save(actor=OPERATOR, agency=village, kind="sk-domisili", name="SK Domisili", body=BODY)
    version = make_service(village, document_kind="sk-domisili", workflow=[{"role": "signer"}], completion_days=3)
    desk = make_staff(village, Role.FRONT_DESK, full_name="Asep Saepudin")
    kades = make_staff(village, Role.SIGNER, full_name="H. Ujang Suryana")
    Membership.objects.filter(user=kades).update(position="Kepala Desa")
    return village, version, desk, kades


def _as(client, user):
    client.force_login(user)
    client.cookies["django_language"] = "en"
    return client


def _register(client, desk, data=WALK_IN):
    return _as(client, desk).post("/konsol/loket/daftar/", data)


def _apply(client, desk, user_id, version, submit=True):
    answers = {"nik": ENAH_NIK, "nama": "Enah Suhaenah", "keperluan": "Bantuan sosial lansia", "sudah_menikah": "no"}
    if submit:
        answers["submit"] = "1"
    return client.post(f"/konsol/loket/warga/{user_id}/layanan/{version.pk}/", answers)


def test_a_walk_in_is_registered_served_and_given_a_receipt(client, office):
    village, version, desk, _ = office
    with time_machine.travel(MONDAY_MORNING, tick=False):
        home = _as(client, desk).get("/konsol/loket/")
        assert home.status_code == 200
        assert '<a href="/konsol/loket/" aria-current="page">Counter</a>' in home.content.decode()
        form = client.get("/konsol/loket/daftar/").content.decode()
        # The region picker starts at the office's own village.
        assert '<option value="32.04.05.2001" selected>' in form
        registered = _register(client, desk)
        user = User.objects.get(citizen__nik_hash=CitizenProfile.objects.get().nik_hash)
        assert registered.status_code == 302 and registered["Location"] == f"/konsol/loket/warga/{user.pk}/"
        assert (user.email, user.has_usable_password()) == (None, False)

        person = client.get(registered["Location"]).content.decode()
        assert "Enah Suhaenah" in person and "3204********0021" in person and ENAH_NIK not in person
        assert "No account yet: registered at the counter of Pemerintah Desa Cileunyi Kulon" in person
        assert f"/konsol/loket/warga/{user.pk}/layanan/{version.pk}/" in person

        # The form is filled for her, with her NIK and name already in it.
        page = client.get(f"/konsol/loket/warga/{user.pk}/layanan/{version.pk}/").content.decode()
        assert f'value="{ENAH_NIK}"' in page and 'value="Enah Suhaenah"' in page
        sent = _apply(client, desk, user.pk, version)
        application = Application.objects.get()
        assert sent.status_code == 302
        assert sent["Location"] == f"/konsol/loket/permohonan/{application.pk}/tanda-terima/"
        assert (application.applicant, application.channel, application.submitted_by, application.status) == (
            user,
            Channel.COUNTER,
            desk,
            "in_review",
        )
        assert application.assisted_by == Membership.objects.get(user=desk, role=Role.FRONT_DESK)

        receipt = client.get(sent["Location"]).content.decode()
        # Her page lists the application with its receipt.
        person = client.get(f"/konsol/loket/warga/{user.pk}/").content.decode()
        assert application.tracking_number in person and "Print the receipt" in person
    profile = CitizenProfile.objects.get()
    for shown in (
        application.tracking_number,
        "Surat Keterangan Domisili",
        "Enah Suhaenah (NIK 3204********0021)",
        "1 December 2026, 09:00",  # received, in the office's time zone
        "4 December 2026",  # due: three working days later
        f"http://testserver/lacak/{application.tracking_number}/",
        "Free",
        "Asep Saepudin",
        profile.claim_code,
        "http://testserver/akun/signup/",
        "data-print hidden",
        "<svg",  # the QR code of the tracking page
    ):
        assert shown in receipt, shown
    # The printed name is in her access log.
    access = PersonalDataAccess.objects.get(subject=user)
    assert access.purpose == f"Printing the receipt of application {application.tracking_number}"


def test_a_draft_is_kept_and_has_no_receipt(client, office):
    _, version, desk, _ = office
    _register(client, desk)
    user_id = CitizenProfile.objects.get().user_id
    saved = _apply(client, desk, user_id, version, submit=False)
    assert saved["Location"] == f"/konsol/loket/warga/{user_id}/"
    draft = Application.objects.get()
    assert draft.status == "draft"
    no_receipt = client.get(f"/konsol/loket/permohonan/{draft.pk}/tanda-terima/")
    assert no_receipt.status_code == 302
    assert "Continue the draft" in client.get(f"/konsol/loket/warga/{user_id}/").content.decode()


def test_a_form_with_problems_is_shown_again_with_all_of_them(client, office):
    _, version, desk, _ = office
    _register(client, desk)
    user_id = CitizenProfile.objects.get().user_id
    response = client.post(f"/konsol/loket/warga/{user_id}/layanan/{version.pk}/", {"nik": "123", "submit": "1"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html and "A NIK has exactly 16 digits." in html
    assert not Application.objects.exists()


def test_registration_problems_are_shown_on_the_form(client, office):
    _, _, desk, _ = office
    html = _register(client, desk, {**WALK_IN, "nik": "320405", "region_code": ""}).content.decode()
    assert "A NIK has exactly 16 digits." in html
    assert not CitizenProfile.objects.exists()
    warned = _register(client, desk, {**WALK_IN, "birth_date": "21/08/1952"})
    assert warned.status_code == 302
    page = client.get(warned["Location"]).content.decode()
    assert "differs from the one in the NIK" in page  # the notice
    assert "Confirm the date of birth" in page


def test_the_birth_date_is_confirmed_at_the_counter(client, office):
    _, _, desk, _ = office
    _register(client, desk, {**WALK_IN, "birth_date": "21/08/1952"})
    profile = CitizenProfile.objects.get()
    assert profile.birth_date_check == "to_confirm"
    url = f"/konsol/loket/warga/{profile.user_id}/tanggal-lahir/"
    empty = client.post(url, {"evidence": ""})
    assert empty.status_code == 302
    assert CitizenProfile.objects.get().birth_date_check == "to_confirm"
    client.post(url, {"evidence": "Akta kelahiran No. 3204-LT-1952-77"})
    profile.refresh_from_db()
    assert (profile.birth_date_check, profile.birth_date_confirmed_by) == ("confirmed", desk)
    assert AuditEvent.objects.filter(verb="citizen_profile.birth_date_confirmed").count() == 1


def test_the_counter_finds_a_person_by_nik(client, office):
    village, _, desk, _ = office
    citizen = make_citizen()
    found = _as(client, desk).post("/konsol/loket/", {"nik": citizen.nik, "purpose": "Surat domisili"})
    assert found.status_code == 302 and found["Location"] == f"/konsol/loket/warga/{citizen.user_id}/"
    assert PersonalDataAccess.objects.get().purpose == "Surat domisili"
    missing = client.post("/konsol/loket/", {"nik": "3204051705900099", "purpose": "Surat domisili"})
    assert missing.status_code == 200 and "No citizen is registered with this NIK." in missing.content.decode()
    no_purpose = client.post("/konsol/loket/", {"nik": citizen.nik, "purpose": ""})
    assert "This field is required." in no_purpose.content.decode()
    # Someone not found cannot be served: the page is as unknown as a missing person.
    stranger = make_citizen(district="35.78.01", village="35.78.01.1001")
    assert client.get(f"/konsol/loket/warga/{stranger.user_id}/").status_code == 404


def _completed(client, office):
    """The walk-in's application, applied at the counter and signed."""
    village, version, desk, kades = office
    _register(client, desk)
    _apply(client, desk, CitizenProfile.objects.get().user_id, version)
    application = Application.objects.get()
    return application_act(actor=Actor(user=kades), application=application, action="approve")


def test_the_letter_is_handed_over_once_and_audited(client, office):
    village, _, desk, _ = office
    application = _completed(client, office)
    home = client.get("/konsol/loket/").content.decode()
    assert f"/konsol/loket/permohonan/{application.pk}/serahkan/" in home  # waits at the counter
    # The person comes back with the receipt: the number opens the hand-over.
    opened = client.get("/konsol/loket/", {"nomor": application.tracking_number.lower().replace("-", "")})
    assert opened["Location"] == f"/konsol/loket/permohonan/{application.pk}/serahkan/"
    page = client.get(opened["Location"]).content.decode()
    assert application.document.number in page and "Mark as handed over" in page
    assert 'value="Enah Suhaenah"' in page
    letter = client.get(f"/konsol/loket/permohonan/{application.pk}/surat/")
    assert letter.status_code == 200 and letter["Content-Type"] == "application/pdf"
    assert PersonalDataAccess.objects.filter(purpose__startswith="Downloading letter").count() == 1

    done = client.post(opened["Location"], {"received_by": "Dede, cucu pemohon"})
    assert done.status_code == 302 and done["Location"] == "/konsol/loket/"
    event = ApplicationEvent.objects.get(action=HANDED_OVER)
    assert (event.actor, event.note) == (desk, "Received by Dede, cucu pemohon")
    audit = AuditEvent.objects.get(verb="application.handed_over")
    assert audit.changes == {"document": application.document.number, "received_by": "Dede, cucu pemohon"}
    assert opened["Location"] not in client.get("/konsol/loket/").content.decode()  # no longer waits
    again = client.post(opened["Location"], {"received_by": "Dede"})
    assert again.status_code == 200 and "already been handed over" in again.content.decode()
    assert ApplicationEvent.objects.filter(action=HANDED_OVER).count() == 1
    # The case history names the step.
    client.force_login(desk)
    case = client.get(f"/konsol/permohonan/{application.pk}/").content.decode()
    assert "Letter handed over at the counter" in case


def test_a_case_without_a_letter_cannot_be_handed_over(client, office):
    _, version, desk, _ = office
    _register(client, desk)
    _apply(client, desk, CitizenProfile.objects.get().user_id, version)
    application = Application.objects.get()
    page = client.get(f"/konsol/loket/permohonan/{application.pk}/serahkan/").content.decode()
    assert "no signed letter to hand over yet" in page and "Mark as handed over" not in page
    refused = client.post(f"/konsol/loket/permohonan/{application.pk}/serahkan/", {"received_by": "Enah"})
    assert "no signed letter to hand over yet" in refused.content.decode()
    assert not ApplicationEvent.objects.filter(action=HANDED_OVER).exists()


def test_an_unpaid_fee_holds_the_letter(client, office):
    village, _, desk, kades = office
    version = make_service(
        village,
        slug="sk-usaha",
        name="Surat Keterangan Usaha",
        document_kind="sk-domisili",
        workflow=[{"role": "signer"}],
        fee_kind="fixed",
        fee_amount=10_000,
    )
    _register(client, desk)
    _apply(client, desk, CitizenProfile.objects.get().user_id, version)
    application = application_act(actor=Actor(user=kades), application=Application.objects.get(), action="approve")
    bill = Bill.objects.get(source_reference=application.tracking_number)
    receipt = client.get(f"/konsol/loket/permohonan/{application.pk}/tanda-terima/").content.decode()
    assert "Rp10.000" in receipt and bill.code in receipt
    refused = client.post(f"/konsol/loket/permohonan/{application.pk}/serahkan/", {"received_by": "Enah"})
    assert "The service fee is not paid yet" in refused.content.decode()
    assert not ApplicationEvent.objects.filter(action=HANDED_OVER).exists()
    Bill.objects.filter(pk=bill.pk).update(status="paid")  # paying is billing's (tested there)
    client.post(f"/konsol/loket/permohonan/{application.pk}/serahkan/", {"received_by": "Enah"})
    assert ApplicationEvent.objects.filter(action=HANDED_OVER).count() == 1


def test_the_counter_is_the_front_desks(client, office):
    village, version, desk, kades = office
    application = _completed(client, office)
    verifier = make_staff(village, Role.VERIFIER)
    _as(client, verifier)
    nav = client.get("/konsol/kotak-masuk/").content.decode()
    assert "/konsol/loket/" not in nav  # no menu entry
    for url in (
        "/konsol/loket/",
        "/konsol/loket/daftar/",
        f"/konsol/loket/permohonan/{application.pk}/tanda-terima/",
        f"/konsol/loket/permohonan/{application.pk}/serahkan/",
        f"/konsol/loket/permohonan/{application.pk}/surat/",
    ):
        assert client.get(url).status_code == 403, url
    assert client.post(f"/konsol/loket/permohonan/{application.pk}/serahkan/", {"received_by": "x"}).status_code == 403
    assert _register(client, verifier, {**WALK_IN, "nik": "3204055208520022"}).status_code == 403
    # Another office's front desk finds nothing of this one.
    other = make_agency(name="Pemerintah Desa Cileunyi Wetan", region="32.04.05.2002")
    other_desk = make_staff(other, Role.FRONT_DESK)
    _as(client, other_desk)
    assert client.get(f"/konsol/loket/permohonan/{application.pk}/serahkan/").status_code == 404
    assert client.post(f"/konsol/loket/permohonan/{application.pk}/serahkan/", {"received_by": "x"}).status_code == 404
    assert client.get(f"/konsol/loket/warga/{application.applicant_id}/").status_code == 404
    wrong_office = client.get("/konsol/loket/", {"nomor": application.tracking_number})
    assert "No application of this office has this tracking number." in wrong_office.content.decode()
    assert not ApplicationEvent.objects.filter(action=HANDED_OVER).exists()
    # The owner control: this office's front desk hands it over.
    application_hand_over(actor=Actor(user=desk), application=application, received_by="Enah Suhaenah")
    assert ApplicationEvent.objects.filter(action=HANDED_OVER).count() == 1


def test_the_person_later_claims_the_counter_record_and_sees_the_application(client, office):
    _, version, desk, _ = office
    _register(client, desk)
    walk_in = CitizenProfile.objects.get()
    _apply(client, desk, walk_in.user_id, version)
    application = Application.objects.get()
    code = walk_in.claim_code
    enah = User.objects.create_user(email="enah@example.id", password="Kata-sandi-yang-panjang-42")
    _as(client, enah)
    response = client.put(
        "/api/v1/me/citizen",
        {
            "nik": ENAH_NIK,
            "name": "Enah Suhaenah",
            "birth_place": "Bandung",
            "birth_date": "1952-08-12",
            "region_code": "32.04.05.2001",
            "street": "Kp. Babakan RT 03/RW 07",
            "claim_code": code,
        },
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    mine = client.get("/api/v1/me/applications").json()
    assert [a["tracking_number"] for a in mine] == [application.tracking_number]
    assert Application.objects.get().applicant == enah
    moved = AuditEvent.objects.get(verb="citizen_profile.claimed").changes["moved"]
    assert moved["services.application.applicant"] == 1
    # Her receipt no longer offers the claim.
    _as(client, desk)
    receipt = client.get(f"/konsol/loket/permohonan/{application.pk}/tanda-terima/").content.decode()
    assert code not in receipt and re.search(r"claim code", receipt) is None
