"""E-billing demo: payment channels for the regency revenue agency (Bapenda), the village
and the district office, bills in every state, and a district service with a fee: one
application paid by QRIS (its letter will be released once signed), one still unpaid.
Idempotent: a second run adds nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from padu.accounts.models import CitizenProfile, User
from padu.billing.models import Bill, BillStatus, PaymentChannel
from padu.billing.selectors import bill_for_application
from padu.billing.services import (
    LineInput,
    bill_cancel,
    bill_create,
    bills_expire,
    channel_register,
    channel_secret,
    payment_notify,
    refund_decide,
    refund_request,
)
from padu.core.actors import OPERATOR, Actor
from padu.core.models import Agency, Membership
from padu.core.roles import Role
from padu.core.services import membership_grant, number_pattern_set
from padu.documents.services import letter_template_save
from padu.portal.demo_letters import CLOSING, OPENING
from padu.services.models import Application, Service
from padu.services.services import application_act, application_start, service_create, service_publish

FEE_SERVICE = "legalisasi-dokumen"
DEMO_REFERENCE = "DEMO-"
# A second Bapenda officer who approves refunds (four eyes); printed with the channels.
BAPENDA_HEAD = ("kaban.bapenda@padu.test", "Drs. Asep Sunandar", "Kepala Bapenda")

CHANNELS: dict[str, dict[str, str]] = {
    "bapenda-bandung": {
        "name": "Bank Daerah (QRIS dan teller)",
        "kind": "qris",
        "qris_merchant_pan": "9360011000123456789",
        "qris_nmid": "ID1026000000001",
        "qris_acquirer_domain": "ID.CO.BANKDAERAH.WWW",
        "merchant_name": "BAPENDA KAB BANDUNG",
        "merchant_city": "SOREANG",
        "merchant_postal_code": "40911",
    },
    "kecamatan-cileunyi": {
        "name": "QRIS Kecamatan Cileunyi",
        "kind": "qris",
        "qris_merchant_pan": "9360011000555000111",
        "qris_nmid": "ID1026000000003",
        "qris_acquirer_domain": "ID.CO.BANKDAERAH.WWW",
        "merchant_name": "KECAMATAN CILEUNYI",
        "merchant_city": "CILEUNYI",
        "merchant_postal_code": "40622",
    },
    "desa-cileunyi-kulon": {
        "name": "QRIS Desa Cileunyi Kulon",
        "kind": "qris",
        "qris_merchant_pan": "9360011000987654321",
        "qris_nmid": "ID1026000000002",
        "qris_acquirer_domain": "ID.CO.BANKDAERAH.WWW",
        "merchant_name": "DESA CILEUNYI KULON",
        "merchant_city": "CILEUNYI",
        "merchant_postal_code": "40622",
    },
}


def _channel(agency: Agency, treasurer: Actor) -> PaymentChannel:
    spec = CHANNELS[agency.slug]
    found = PaymentChannel.objects.filter(agency=agency, name=spec["name"]).first()
    if found is not None:
        return found
    channel, _secret = channel_register(actor=treasurer, agency=agency, **spec)
    return channel


def _treasurer(agency: Agency) -> Actor:
    membership = Membership.objects.filter(agency=agency, role=Role.TREASURER).select_related("user").first()
    if membership is None:  # the district office has no treasurer among the demo staff
        return OPERATOR
    return Actor(user=membership.user, ip_address="127.0.0.1")


def _bapenda_head(agency: Agency) -> Actor:
    from allauth.mfa.models import Authenticator
    from allauth.mfa.totp.internal.auth import TOTP

    from padu.core.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET

    email, name, position = BAPENDA_HEAD
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=DEMO_PASSWORD, full_name=name)
    membership_grant(actor=OPERATOR, agency=agency, user=user, role=Role.AGENCY_ADMIN, position=position)
    if not Authenticator.objects.filter(user=user, type="totp").exists():
        TOTP.activate(user, DEMO_TOTP_SECRET)
    return Actor(user=user, ip_address="127.0.0.1")


def _levy(treasurer: Actor, agency: Agency, ref: str, payer: str, what: str, lines: list[LineInput], **kw: Any) -> Bill:
    return bill_create(
        actor=treasurer,
        agency=agency,
        payer_kind=kw.pop("payer_kind", "walk_in"),
        payer_name=payer,
        source_kind=kw.pop("source_kind", "levy"),
        source_reference=DEMO_REFERENCE + ref,
        description=what,
        lines=lines,
        **kw,
    )


def _pay(channel: PaymentChannel, bill: Bill, reference: str) -> None:
    payment_notify(channel=channel, code=bill.code, amount=bill.total, reference=reference)


def _bapenda_bills(agency: Agency, treasurer: Actor, head: Actor, channel: PaymentChannel) -> int:
    if Bill.objects.filter(agency=agency, source_reference__startswith=DEMO_REFERENCE).exists():
        return 0
    budi = User.objects.get(email="budi@padu.test")
    ratna = User.objects.get(email="ratna@padu.test")
    # Unpaid, payable with the billing code or the QRIS code.
    _levy(
        treasurer,
        agency,
        "PBB-2026-0001",
        budi.full_name,
        "PBB-P2 tahun 2026, NOP 32.04.050.001.012-0045.0",
        [LineInput("4.1.01.12.01.0001", "PBB-P2 pokok 2026", 385_000)],
        payer_kind="citizen",
        payer_user_id=budi.pk,
        source_kind="tax",
        valid_days=30,
    )
    _levy(
        treasurer,
        agency,
        "RET-PSR-B12",
        "Warung Sembako Berkah",
        "Retribusi pasar Kios B-12 Pasar Cileunyi, November 2026",
        [
            LineInput("4.1.02.01.05.0001", "Sewa kios B-12", 300_000),
            LineInput("4.1.02.01.01.0001", "Retribusi kebersihan", 25_000),
        ],
        valid_days=14,
    )
    # Paid, with their receipts.
    paid = _levy(
        treasurer,
        agency,
        "PBB-2026-0002",
        ratna.full_name,
        "PBB-P2 tahun 2026, NOP 32.04.050.002.007-0112.0",
        [LineInput("4.1.01.12.01.0001", "PBB-P2 pokok 2026", 212_500)],
        payer_kind="citizen",
        payer_user_id=ratna.pk,
        source_kind="tax",
    )
    _pay(channel, paid, "BDB-TLR-000101")
    reklame = _levy(
        treasurer,
        agency,
        "RKL-2026-0007",
        "CV Maju Bersama",
        "Pajak reklame papan nama 2 x 1 m, Jl. Raya Cileunyi",
        [LineInput("4.1.01.09.01.0001", "Pajak reklame 2026", 450_000)],
        source_kind="tax",
    )
    _pay(channel, reklame, "QRIS-20261127-8812")
    # Expired unpaid.
    late = _levy(
        treasurer,
        agency,
        "RET-PSR-C03",
        "Pak Dadang",
        "Retribusi pasar Kios C-03 Pasar Cileunyi, Oktober 2026",
        [LineInput("4.1.02.01.05.0001", "Sewa kios C-03", 275_000)],
        valid_days=1,
    )
    Bill.objects.filter(pk=late.pk).update(expires_at=timezone.now() - dt.timedelta(days=2))
    bills_expire()
    # Cancelled, with its reason.
    wrong = _levy(
        treasurer,
        agency,
        "RET-PKR-0031",
        "Ibu Entin",
        "Retribusi parkir tepi jalan, Oktober 2026",
        [LineInput("4.1.02.01.06.0001", "Retribusi parkir", 90_000)],
    )
    bill_cancel(actor=treasurer, bill=wrong, reason="Nominal salah; diterbitkan ulang dengan tarif Perda yang baru")
    # Paid twice at the counter and over QRIS: refunded after a second person's approval.
    double = _levy(
        treasurer,
        agency,
        "RET-PSR-A07",
        "Ibu Imas",
        "Retribusi pasar Kios A-07 Pasar Cileunyi, November 2026",
        [LineInput("4.1.02.01.05.0001", "Sewa kios A-07", 150_000)],
    )
    _pay(channel, double, "BDB-TLR-000102")
    refund = refund_request(actor=treasurer, bill=double, reason="Dibayar dua kali: tunai di loket dan QRIS")
    refund_decide(actor=head, refund=refund, approve=True, note="Bukti setor tunai diperiksa")
    return Bill.objects.filter(agency=agency, source_reference__startswith=DEMO_REFERENCE).count()


def _village_bills(village: Agency, treasurer: Actor, channel: PaymentChannel) -> int:
    if Bill.objects.filter(agency=village, source_reference__startswith=DEMO_REFERENCE).exists():
        return 0
    _levy(
        treasurer,
        village,
        "TKD-2026-03",
        "Bapak Karna",
        "Sewa tanah kas desa blok Sawah Lega, tahun 2026",
        [LineInput("4.1.04.03.01.0001", "Sewa tanah kas desa", 1_200_000)],
        valid_days=30,
    )
    paid = _levy(
        treasurer,
        village,
        "BUMDES-2026-11",
        "Ibu Cucu",
        "Sewa balai desa untuk hajatan, 14 November 2026",
        [LineInput("4.1.04.03.02.0001", "Sewa balai desa", 250_000)],
    )
    _pay(channel, paid, "QRIS-20261114-0007")
    return 2


def _fee_service(office: Agency) -> Any:
    service = Service.objects.filter(agency=office, slug=FEE_SERVICE).first()
    if service is not None:
        return service.versions.filter(status="published").first()
    number_pattern_set(
        actor=OPERATOR,
        agency=office,
        kind=FEE_SERVICE,
        pattern="[nomor,3]/[kode]/[kode_instansi]/[bulan_romawi]/[tahun]",
        classification_code="470",
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
        legal_basis="Peraturan Bupati Bandung tentang Tarif Retribusi Pelayanan Umum",
        requirements=[{"name": "Dokumen asli dan salinannya", "required": True}],
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
            _pay(channel, bill, "QRIS-20261127-0042")
    return 2


def seed_billing(agencies: dict[str, Agency], say: Callable[[str], None]) -> int:
    """Channels, bills in every state, and a paid service fee. Returns the bills created."""
    bapenda = agencies["bapenda-bandung"]
    village = agencies["desa-cileunyi-kulon"]
    district = agencies["kecamatan-cileunyi"]
    with transaction.atomic():
        bapenda_treasurer = _treasurer(bapenda)
        village_treasurer = _treasurer(village)
        head = _bapenda_head(bapenda)
        bapenda_channel = _channel(bapenda, bapenda_treasurer)
        village_channel = _channel(village, village_treasurer)
        district_channel = _channel(district, _treasurer(district))
        created = _bapenda_bills(bapenda, bapenda_treasurer, head, bapenda_channel)
        created += _village_bills(village, village_treasurer, village_channel)
        created += _fee_cases(district, district_channel)
    site = settings.PADU_SITE_URL.rstrip("/")
    say("\nE-billing: payment channels for `padu bank-simulator` (demo secrets; never print real ones):")
    for channel in (bapenda_channel, village_channel, district_channel):
        unpaid = (
            Bill.objects.filter(agency=channel.agency, status=BillStatus.UNPAID, expires_at__gt=timezone.now())
            .order_by("issued_at")
            .first()
        )
        say(f"  {channel.agency.name}: {channel.name}")
        say(f"    client id {channel.client_id}   secret {channel_secret(channel)}")
        if unpaid is not None:
            say(
                f"    padu bank-simulator --url {site} --client-id {channel.client_id} "
                f"--secret={channel_secret(channel)} --code {unpaid.code}"
            )
            say(f"    bill page: {site}/bayar/{unpaid.code}/")
    email, _name, position = BAPENDA_HEAD
    say(f"  Refund approver: {email} ({position}, bapenda-bandung) [2FA]")
    return created
