"""A service with a fee: apply → bill → simulated bank payment → receipt → document released."""

import pytest
from lokal import parse_qris

from padu.billing.models import Bill, Receipt
from padu.billing.tests.factories import Bank, make_channel, make_treasurer
from padu.core.actors import OPERATOR, Actor
from padu.core.models import Membership
from padu.core.roles import Role
from padu.core.services import number_pattern_set
from padu.documents.pki import pki_init
from padu.documents.services import letter_template_save
from padu.notify.models import Message
from padu.services.services import application_act, application_start
from padu.services.tests.factories import GOOD_ANSWERS, make_service
from tests.factories import make_agency, make_citizen, make_staff

pytestmark = pytest.mark.django_db

BODY = "<p>Menerangkan bahwa {{ pemohon.nama }} berdomisili di {{ pemohon.alamat }}.</p>"


@pytest.fixture
def fee_case(tmp_path, settings):
    settings.PADU_PKI_DIR = tmp_path / "pki"
    settings.MEDIA_ROOT = tmp_path / "media"
    pki_init()
    village = make_agency()
    number_pattern_set(actor=OPERATOR, agency=village, kind="sk-domisili", pattern="[nomor,3]/470/[tahun]")
    letter_template_save(actor=OPERATOR, agency=village, kind="sk-domisili", name="SK Domisili", body=BODY)
    version = make_service(
        village, document_kind="sk-domisili", workflow=[{"role": "signer"}], fee_kind="fixed", fee_amount=10_000
    )
    treasurer = make_treasurer(village)
    channel, secret = make_channel(village, treasurer)
    citizen = make_citizen(female=True).user
    kades = make_staff(village, Role.SIGNER, full_name="H. Ujang Suryana")
    Membership.objects.filter(user=kades).update(position="Kepala Desa")
    return village, version, citizen, kades, channel, secret


def test_fee_journey_from_application_to_released_document(client, fee_case, django_capture_on_commit_callbacks):
    village, version, citizen, kades, channel, secret = fee_case
    applicant = Actor(user=citizen)

    # Submitting issues the fee bill in the same transaction.
    app = application_start(actor=applicant, version=version, answers=GOOD_ANSWERS)
    assert not Bill.objects.exists()
    app = application_act(actor=applicant, application=app, action="submit")
    bill = Bill.objects.get(source_kind="application", source_reference=app.tracking_number)
    assert bill.total == 10_000 and bill.payer_user == citizen and bill.status == "unpaid"

    # Resubmitting never bills twice.
    application_act(actor=Actor(user=kades), application=app, action="return", note="Lengkapi alamat")
    application_act(actor=applicant, application=app, action="resubmit")
    assert Bill.objects.filter(source_reference=app.tracking_number).count() == 1

    # The applicant's page shows the bill with its billing code and QRIS.
    client.force_login(citizen)
    page = client.get(f"/akun/permohonan/{app.pk}/").content.decode()
    assert bill.code[:4] in page and "Rp10.000" in page and "<svg" in page

    # Completed and signed, but held back until the fee is paid.
    application_act(actor=Actor(user=kades), application=app, action="approve")
    api = client.get(f"/api/v1/applications/{app.pk}/document")
    assert api.status_code == 409
    assert api.json()["code"] == "fee_unpaid"
    assert bill.code in api.json()["detail"]
    page_download = client.get(f"/akun/permohonan/{app.pk}/dokumen/", follow=True)
    assert page_download.headers["Content-Type"].startswith("text/html")
    assert bill.code in page_download.content.decode()

    # The staff can still read it.
    client.force_login(kades)
    assert client.get(f"/api/v1/applications/{app.pk}/document").status_code == 200

    # The bank (or a QRIS app) pays, with the amount read from the QR code.
    qris = client.get(f"/api/v1/billing/public/{bill.code}").json()["qris"]
    amount = int(parse_qris(qris).amount or 0)
    bank = Bank(client, channel, secret)
    with django_capture_on_commit_callbacks(execute=True):
        paid = bank.pay(bill.code, amount, "QRIS-778899")
    assert paid.status_code == 200, paid.content
    receipt = Receipt.objects.get(bill=bill)
    assert paid.json()["proof_number"] == receipt.number
    notice = Message.objects.get(recipient=citizen, channel="inapp", template_key="fee.paid")
    assert receipt.number in notice.body

    # Released: the applicant downloads the letter and the receipt.
    client.force_login(citizen)
    document = client.get(f"/api/v1/applications/{app.pk}/document")
    assert document.status_code == 200 and document["Content-Type"] == "application/pdf"
    receipt_pdf = client.get(f"/akun/tagihan/{bill.pk}/bukti/")
    assert receipt_pdf.status_code == 200 and receipt_pdf.content.startswith(b"%PDF")


def test_a_free_service_issues_no_bill(fee_case):
    village, _version, citizen, *_ = fee_case
    free = make_service(village, name="Surat Pengantar", fee_kind="free")
    app = application_start(actor=Actor(user=citizen), version=free, answers=GOOD_ANSWERS)
    application_act(actor=Actor(user=citizen), application=app, action="submit")
    assert not Bill.objects.filter(source_reference=app.tracking_number).exists()


def test_an_expired_fee_bill_can_be_renewed_by_its_applicant_only(client, fee_case):
    import datetime as dt

    from django.utils import timezone

    from tests.factories import make_citizen as another

    _village, version, citizen, *_ = fee_case
    app = application_start(actor=Actor(user=citizen), version=version, answers=GOOD_ANSWERS)
    app = application_act(actor=Actor(user=citizen), application=app, action="submit")
    old = Bill.objects.get(source_reference=app.tracking_number)
    url = f"/akun/permohonan/{app.pk}/tagihan-baru/"
    client.force_login(citizen)
    client.post(url)  # still valid: nothing new
    assert Bill.objects.filter(source_reference=app.tracking_number).count() == 1
    Bill.objects.filter(pk=old.pk).update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    page = client.get(f"/akun/permohonan/{app.pk}/").content.decode()
    assert "tagihan-baru" in page
    stranger = another(village="32.04.05.2001").user
    client.force_login(stranger)
    assert client.post(url).status_code == 404
    client.force_login(citizen)
    client.post(url)
    old.refresh_from_db()
    fresh = Bill.objects.exclude(pk=old.pk).get(source_reference=app.tracking_number)
    assert old.status == "expired" and fresh.status == "unpaid" and fresh.total == 10_000
    assert fresh.code != old.code


def test_a_changed_computed_fee_replaces_the_unpaid_bill(fee_case):
    village, _version, citizen, kades, *_ = fee_case
    form = {
        "fields": [
            {"name": "nik", "type": "nik", "label": "NIK", "prefill": "nik"},
            {"name": "nama", "type": "text", "label": "Nama", "prefill": "name"},
            {"name": "lembar", "type": "number", "label": "Jumlah lembar"},
        ]
    }
    version = make_service(
        village,
        name="Legalisasi",
        form=form,
        workflow=[{"role": "signer"}],
        fee_kind="computed",
        fee_amount=2_000,
        fee_field="lembar",
    )
    answers = {"nik": GOOD_ANSWERS["nik"], "nama": "Siti Aminah", "lembar": 3}
    app = application_start(actor=Actor(user=citizen), version=version, answers=answers)
    app = application_act(actor=Actor(user=citizen), application=app, action="submit")
    first = Bill.objects.get(source_reference=app.tracking_number)
    assert first.total == 6_000
    application_act(actor=Actor(user=kades), application=app, action="return", note="Jumlah lembar salah")
    from padu.services.services import application_update_answers

    app = application_update_answers(actor=Actor(user=citizen), application=app, answers={**answers, "lembar": 5})
    application_act(actor=Actor(user=citizen), application=app, action="resubmit")
    first.refresh_from_db()
    live = Bill.objects.get(source_reference=app.tracking_number, status="unpaid")
    assert first.status == "cancelled" and first.cancel_reason
    assert live.total == 10_000


def test_withdrawing_cancels_the_unpaid_fee_bill(fee_case):
    _village, version, citizen, *_ = fee_case
    app = application_start(actor=Actor(user=citizen), version=version, answers=GOOD_ANSWERS)
    app = application_act(actor=Actor(user=citizen), application=app, action="submit")
    application_act(actor=Actor(user=citizen), application=app, action="withdraw")
    bill = Bill.objects.get(source_reference=app.tracking_number)
    assert bill.status == "cancelled"
    assert bill.cancel_reason
