"""Service fees in the demo: the district office's document legalisation service with a fixed
fee, and two applications in review, one whose fee was paid by QRIS (its letter is released
once signed) and one still waiting for payment. The payment channel and the bills come from
billing (padu.billing.demo). Idempotent: a second run adds nothing."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.db import transaction

from padu.accounts.models import CitizenProfile, User
from padu.billing.demo import demo_channel, say_channel
from padu.billing.hooks import bill_paid_keys
from padu.billing.models import PaymentChannel
from padu.billing.selectors import bill_for_application
from padu.billing.services import payment_notify
from padu.billing.tasks import bill_paid_run
from padu.core.actors import OPERATOR, Actor
from padu.core.manifest import DemoContext
from padu.core.models import Agency
from padu.core.services import number_pattern_set
from padu.documents.services import letter_template_save
from padu.services.demo.letters import CLOSING, OPENING
from padu.services.demo.standard import DISTRICT_STANDARD
from padu.services.models import Application, Service
from padu.services.services import application_act, application_start, service_create, service_publish

FEE_SERVICE = "legalisasi-dokumen"


def _fee_service(office: Agency) -> Any:
    service = Service.objects.filter(agency=office, slug=FEE_SERVICE).first()
    if service is not None:
        return service.versions.filter(status="published").first()
    number_pattern_set(
        actor=OPERATOR,
        agency=office,
        kind=FEE_SERVICE,
        pattern="[nomor,3]/[kode]/[kode_instansi]/[bulan_romawi]/[tahun]",
        # Permendagri 83/2022: 400.12 Kependudukan dan Pencatatan Sipil (copies of KK, birth certificates).
        classification_code="400.12",
    )
    letter_template_save(
        actor=OPERATOR,
        agency=office,
        kind=FEE_SERVICE,
        name="Surat Keterangan Legalisasi",
        body=f"{OPENING}<p>telah melegalisasi salinan {{{{ jawaban.dokumen }}}} sesuai dengan aslinya.</p>{CLOSING}",
    )
    version = service_create(
        actor=OPERATOR,
        agency=office,
        slug=FEE_SERVICE,
        name="Legalisasi Salinan Dokumen",
        description="Pengesahan salinan dokumen kependudukan atau surat desa sesuai aslinya.",
        audience=["citizen"],
        category="surat",
        legal_basis="Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik; Undang-Undang Nomor 1 Tahun 2022 "
        "tentang Hubungan Keuangan antara Pemerintah Pusat dan Pemerintahan Daerah",
        procedure="1. Ajukan daring. 2. Bayar biaya layanan dengan kode billing atau QRIS. "
        "3. Petugas memverifikasi. 4. Camat menandatangani. 5. Unduh surat setelah biaya lunas.",
        completion_days=2,
        fee_kind="fixed",
        fee_amount=10_000,
        output="Surat keterangan legalisasi bertanda tangan elektronik",
        form={
            "fields": [
                {"name": "nik", "type": "nik", "label": {"id": "NIK pemohon", "en": "NIK"}, "prefill": "nik"},
                {"name": "nama", "type": "text", "label": {"id": "Nama lengkap", "en": "Full name"}, "prefill": "name"},
                {
                    "name": "dokumen",
                    "type": "text",
                    "label": {"id": "Dokumen yang dilegalisasi", "en": "Document to legalise"},
                },
            ]
        },
        workflow=[
            {"role": "verifier", "label": {"id": "Verifikasi Kasi Pelayanan", "en": "Verification"}},
            {"role": "signer", "label": {"id": "Tanda tangan Camat", "en": "Signature of the district head"}},
        ],
        document_kind=FEE_SERVICE,
        **DISTRICT_STANDARD,
    )
    return service_publish(actor=OPERATOR, version=version)


def _fee_cases(office: Agency, channel: PaymentChannel) -> int:
    """Two applications in review: one whose fee is paid, one still waiting for payment."""
    version = _fee_service(office)
    if Application.objects.filter(service_version__service__slug=FEE_SERVICE, agency=office).exists():
        return 0
    for email, document, pay in (
        ("warga@padu.test", "Kartu Keluarga", True),
        ("nining@padu.test", "Akta Kelahiran", False),
    ):
        citizen = User.objects.get(email=email)
        profile = CitizenProfile.objects.get(user=citizen)
        applicant = Actor(user=citizen)
        answers = {"nik": profile.nik, "nama": profile.name, "dokumen": document}
        application = application_start(actor=applicant, version=version, answers=answers)
        application = application_act(actor=applicant, application=application, action="submit")
        if pay:
            bill = bill_for_application(application.tracking_number)
            assert bill is not None  # noqa: S101 - the fee service always bills
            payment_notify(channel=channel, code=bill.code, amount=bill.total, reference="QRIS-20261127-0042")
            # The demo runs no worker: the bill-paid handlers run once the demo commits, so the
            # applicant's inbox shows the payment (the queued task, run later, finds it done).
            transaction.on_commit(partial(_bill_paid_now, bill.pk))
    return 2


def _bill_paid_now(bill_id: int) -> None:
    for key in bill_paid_keys():
        bill_paid_run(key, bill_id)


def seed_fee_services(context: DemoContext) -> dict[str, int]:
    """The fee service and its applications; counts their bills under "bills"."""
    district = context.agencies["kecamatan-cileunyi"]
    with transaction.atomic():
        channel = demo_channel(district)
        created = _fee_cases(district, channel)
    context.say("\nService fees: the district office's channel and its unpaid fee bill:")
    say_channel(channel, context.say)
    return {"bills": created}
