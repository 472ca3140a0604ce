"""Demo public information (PPID): the daftar informasi publik with downloadable PDFs and
requests at every stage, for the PPID Utama of Diskominfo and the PPID Desa of Cileunyi Kulon
(the ppid manifest's seeder). Idempotent: an agency that already has requests is left alone."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape

from padu.accounts.models import User
from padu.core.actors import OPERATOR, Actor
from padu.core.manifest import DemoContext
from padu.core.models import Agency, Membership
from padu.core.roles import Role
from padu.core.services import membership_grant
from padu.documents.rendering import html_to_pdf
from padu.ppid.models import InfoRequest, PublicInformation
from padu.ppid.services import (
    contact_task_done,
    objection_answer,
    objection_submit,
    public_information_save,
    request_decide,
    request_extend,
    request_file_hand_over,
    request_record,
    request_submit,
)

PASSWORD = "padu-demo-2026"  # noqa: S105 - the demo's shared password, printed by `padu demo`
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105 - demo only

# (agency slug, email of the PPID, email of the atasan PPID, name and position of the atasan)
PPIDS = {
    "diskominfo-bandung": (
        "ppid.diskominfo@padu.test",
        "atasan.ppid.diskominfo@padu.test",
        "Dr. Hj. Ratih Permana",
        "Kepala Dinas (atasan PPID)",
    ),
    "desa-cileunyi-kulon": ("ppid.cileunyikulon@padu.test", "admin.cileunyikulon@padu.test", "", ""),
}

LISTS: dict[str, list[tuple[str, str, str, str, str, int | None]]] = {
    # (category, title, summary, responsible unit, retention, year)
    "diskominfo-bandung": [
        (
            "berkala",
            "Rencana Strategis Diskominfo 2025–2029",
            "Tujuan, sasaran, program dan indikator kinerja dinas untuk lima tahun.",
            "Sekretariat",
            "Selama berlaku, lalu arsip statis",
            2025,
        ),
        (
            "berkala",
            "Laporan Kinerja Instansi Pemerintah (LKjIP) 2025",
            "Capaian kinerja dinas tahun 2025 dibandingkan dengan target Renstra.",
            "Subbagian Perencanaan",
            "10 tahun",
            2025,
        ),
        (
            "serta_merta",
            "Peringatan dini cuaca ekstrem Kabupaten Bandung",
            "Informasi yang dapat mengancam hajat hidup orang banyak: jalur evakuasi dan nomor darurat.",
            "Bidang Informasi dan Komunikasi Publik",
            "1 tahun",
            2026,
        ),
        (
            "setiap_saat",
            "Daftar aplikasi dan layanan SPBE Kabupaten Bandung",
            "Nama aplikasi, fungsi, perangkat daerah pemilik dan status integrasi.",
            "Bidang Aplikasi Informatika",
            "5 tahun",
            2026,
        ),
    ],
    "desa-cileunyi-kulon": [
        (
            "berkala",
            "APBDes Cileunyi Kulon 2026",
            "Anggaran pendapatan dan belanja desa tahun 2026 dan rinciannya per bidang.",
            "Kaur Keuangan",
            "10 tahun",
            2026,
        ),
        (
            "berkala",
            "Laporan realisasi APBDes 2025",
            "Realisasi pendapatan dan belanja desa tahun anggaran 2025.",
            "Kaur Keuangan",
            "10 tahun",
            2025,
        ),
        (
            "setiap_saat",
            "Peraturan Desa tentang RPJMDes 2020–2026",
            "Rencana pembangunan jangka menengah desa.",
            "Sekretaris Desa",
            "Selama berlaku",
            2020,
        ),
    ],
}


def _pdf(agency: Agency, title: str, summary: str) -> SimpleUploadedFile:
    html = (
        "<!doctype html><html lang='id'><head><meta charset='utf-8'><style>"
        "body{font-family:'DejaVu Serif',serif;font-size:12pt;margin:2cm}h1{font-size:16pt}</style></head><body>"
        f"<p>{escape(agency.name)}</p><h1>{escape(title)}</h1><p>{escape(summary)}</p>"
        "<p>Dokumen contoh untuk demonstrasi Padu.</p></body></html>"
    )
    return SimpleUploadedFile("dokumen.pdf", html_to_pdf(html), content_type="application/pdf")


def _superior(agency: Agency, email: str, name: str, position: str) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=PASSWORD, full_name=name)
        EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    if not Membership.objects.filter(user=user, agency=agency, role=Role.AGENCY_ADMIN).exists():
        membership_grant(actor=OPERATOR, agency=agency, user=user, role=Role.AGENCY_ADMIN, position=position)
    if not Authenticator.objects.filter(user=user, type="totp").exists():
        TOTP.activate(user, TOTP_SECRET)
    return user


def _ask(agency: Agency, user: User, information: str, purpose: str, days_ago: int, **kw: str) -> InfoRequest:
    profile = getattr(user, "citizen", None)
    values = {
        "requester_kind": "person",
        "name": profile.name if profile else user.full_name,
        "nik": profile.nik if profile else "",
        "address": f"{profile.street}, {profile.region.name}" if profile else "Kabupaten Bandung",
        "phone": user.phone or "",
        "email": user.email or "",
        "information": information,
        "purpose": purpose,
        "obtain_method": "soft_copy",
        "delivery_method": "email",
    }
    values.update(kw)
    return request_submit(
        actor=Actor(user=user), agency=agency, now=timezone.now() - dt.timedelta(days=days_ago), **values
    )


def _requests(agency: Agency, officer: User, superior: User, citizens: list[User]) -> int:
    ppid, atasan = Actor(user=officer), Actor(user=superior)
    a, b, c = citizens
    village = agency.kind == "desa"
    subject = "desa" if village else "dinas"

    # New, waiting for an answer.
    _ask(agency, a, f"Daftar inventaris aset {subject} tahun 2026", "Bahan diskusi warga", 1)
    # Extended once, with a reason.
    extended = _ask(agency, b, f"Notulen rapat perencanaan {subject} bulan Oktober", "Liputan media warga", 9)
    request_extend(actor=ppid, request=extended, reason="Notulen masih dalam penyusunan akhir oleh sekretariat.")
    # Granted in full, with the information attached.
    granted = _ask(agency, a, f"Salinan laporan keuangan {subject} 2025", "Penelitian skripsi", 6)
    request_decide(
        actor=ppid,
        request=granted,
        decision="granted",
        note="Informasi kami kirim melalui surel dan dapat diunduh di akun Anda.",
        files=[_pdf(agency, "Laporan keuangan 2025", "Salinan yang diminta pemohon.")],
    )
    # Granted in part.
    partly = _ask(agency, c, "Daftar penerima bantuan sosial 2026 beserta NIK", "Pengawasan penyaluran bantuan", 12)
    request_decide(
        actor=ppid,
        request=partly,
        decision="partly_granted",
        note="Jumlah penerima per RW kami berikan; NIK dan alamat penerima tidak.",
        withheld_part="NIK dan alamat lengkap penerima bantuan",
        exemption="17h",
        consequence_test="Membuka NIK dan alamat penerima mengungkap data pribadi yang dilindungi.",
        files=[_pdf(agency, "Rekap penerima bantuan per RW", "Tanpa data pribadi.")],
    )
    # Refused, citing Article 17.
    refused = _ask(agency, b, "Berkas pemeriksaan inspektorat yang sedang berjalan", "Ingin tahu", 14)
    request_decide(
        actor=ppid,
        request=refused,
        decision="refused",
        note="Informasi ini dikecualikan selama pemeriksaan berlangsung.",
        exemption="17a",
        consequence_test="Membukanya sekarang dapat menghambat proses pemeriksaan.",
    )
    # Objected to: a refusal, waiting for the atasan PPID.
    objected = _ask(agency, c, f"Hasil evaluasi kinerja pegawai {subject} 2025", "Transparansi", 15)
    request_decide(
        actor=ppid,
        request=objected,
        decision="refused",
        note="Dikecualikan karena memuat penilaian pribadi pegawai.",
        exemption="17h",
        consequence_test="Penilaian perorangan mengungkap rahasia pribadi.",
    )
    objection_submit(
        actor=Actor(user=c),
        request=objected,
        grounds=["a"],
        reasons="Saya hanya meminta rekap, bukan nilai perorangan.",
    )
    # Objection answered: accepted, the information follows.
    answered = _ask(agency, a, f"Rekap realisasi anggaran {subject} per program", "Kajian komunitas", 20)
    request_decide(
        actor=ppid,
        request=answered,
        decision="partly_granted",
        note="Sebagian program masih diaudit.",
        withheld_part="Rincian dua program yang sedang diaudit",
        exemption="17a",
        consequence_test="Rincian dapat memengaruhi audit.",
    )
    objection_submit(
        actor=Actor(user=a), request=answered, grounds=["d"], reasons="Rekap program tidak mengganggu audit."
    )
    objection_answer(
        actor=atasan,
        request=answered,
        outcome="upheld",
        answer="Keberatan diterima: rekap seluruh program diberikan tanpa rincian temuan audit.",
        files=[_pdf(agency, "Rekap realisasi seluruh program", "Diberikan setelah keberatan diterima.")],
    )
    # Overdue: received three weeks ago, never answered.
    _ask(agency, b, f"Jadwal pemeliharaan jalan {subject} 2026", "Perencanaan usaha", 21)
    return 8 + _offline(agency, ppid, subject)


def _offline(agency: Agency, ppid: Actor, subject: str) -> int:
    """Requests that did not come through the site: one taken at the desk this morning from a
    person without an account (its receipt printed), one received by WhatsApp and answered,
    the decision letter handed over at the desk and the requester told by WhatsApp."""
    now = timezone.now()
    request_record(
        actor=ppid,
        agency=agency,
        channel="in_person",
        received_at=now - dt.timedelta(hours=2),
        requester_kind="person",
        name="Ibu Euis Komariah",
        address="Kp. Babakan RT 02 RW 05, Cileunyi Kulon",
        phone="0813 2145 6677",
        contact_channel="whatsapp",
        information="Jadwal dan lokasi posyandu desa tahun 2026"
        if subject == "desa"
        else "Jadwal pelatihan literasi digital untuk warga tahun 2026",
        purpose="Mengatur jadwal imunisasi anak" if subject == "desa" else "Mendaftarkan anggota PKK",
        obtain_method="hard_copy",
        delivery_method="pick_up",
        note="Pemohon datang ke loket dan menerima tanda bukti permohonan.",
        now=now,
    )
    whatsapp = request_record(
        actor=ppid,
        agency=agency,
        channel="whatsapp",
        received_at=now - dt.timedelta(days=4, hours=3),
        requester_kind="person",
        name="Pak Dadang Suhendar",
        address="Jl. Cipadung No. 7, Cileunyi",
        phone="0857 2200 3141",
        contact_channel="whatsapp",
        information=f"Daftar penerima beasiswa {subject} tahun 2026 (jumlah per RW)",
        purpose="Bahan musyawarah karang taruna",
        obtain_method="hard_copy",
        delivery_method="pick_up",
        note="Pesan WhatsApp ke nomor layanan PPID; tangkapan layar disimpan di arsip PPID.",
        now=now - dt.timedelta(days=4),
    )
    first = whatsapp.contact_tasks.get(kind="ppid.received")
    contact_task_done(actor=ppid, task=first, note="Nomor pendaftaran dikirim lewat WhatsApp.")
    request_decide(
        actor=ppid,
        request=whatsapp,
        decision="granted",
        note="Rekap jumlah penerima per RW dapat diambil di loket PPID.",
    )
    letter = whatsapp.files.get(kind="decision")
    request_file_hand_over(actor=ppid, stored=letter, handed_to="Dadang Suhendar")
    return 2


def seed_ppid(agencies: dict[str, Agency], say: Callable[[str], None]) -> int:
    """Lists and requests for the PPID Utama (Diskominfo) and the PPID Desa (Cileunyi Kulon)."""
    citizens = list(
        User.objects.filter(email__in=["warga@padu.test", "budi@padu.test", "nining@padu.test"]).order_by("email")
    )
    if len(citizens) < 3:
        return 0
    created = 0
    for slug, (officer_email, superior_email, name, position) in PPIDS.items():
        agency = agencies.get(slug)
        officer = User.objects.filter(email=officer_email).first()
        if agency is None or officer is None:
            continue
        with transaction.atomic():
            superior = _superior(agency, superior_email, name, position)
            if not PublicInformation.objects.filter(agency=agency).exists():
                for category, title, summary, unit, retention, year in LISTS[slug]:
                    public_information_save(
                        actor=Actor(user=officer),
                        agency=agency,
                        document=_pdf(agency, title, summary),
                        category=category,
                        title=title,
                        summary=summary,
                        responsible_unit=unit,
                        retention=retention,
                        format="soft",
                        year=year,
                        is_published=True,
                    )
            if not InfoRequest.objects.filter(agency=agency).exists():
                created += _requests(agency, officer, superior, citizens)
    if created:
        say(
            f"PPID: {created} information requests at every stage (two received off-line, one at the desk"
            " with its receipt), and lists of public information."
        )
    return created


def seed(context: DemoContext) -> dict[str, int]:
    return {"ppid_requests": seed_ppid(context.agencies, context.say)}
