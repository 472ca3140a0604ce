"""The complaints demo data (its manifest's seeder): complaints across the Kabupaten Bandung
agencies, public, anonymous, confidential, and anonymous and confidential, at every stage
(new, verified, forwarded, answered, reopened, closed and rated, overdue and escalated,
moderated), with threads; one the verifier made confidential at verification; and one taken
by telephone from a resident without an account, answered by telephone.
Idempotent: a complaint already seeded is skipped."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.utils import timezone

from padu.accounts.models import User
from padu.complaints.models import Channel, Complaint, ContactChannel
from padu.complaints.services import (
    Contact,
    complaint_act,
    complaint_moderate,
    complaint_record,
    complaint_submit,
    complaints_sweep,
    message_post,
)
from padu.core.actors import OPERATOR, Actor
from padu.core.manifest import DemoContext
from padu.core.models import Agency, Region
from padu.core.services import agency_update

# Topics that a regency office handles for every village beneath it (used by the agency suggestion).
TOPICS = {
    "disdukcapil-bandung": ["kependudukan"],
    "dpmptsp-bandung": ["perizinan"],
    "bapenda-bandung": ["pajak"],
}

# The officer who acts for each agency in the demo.
OFFICERS = {
    "desa-cileunyi-kulon": "sekdes.cileunyikulon@padu.test",
    "desa-cileunyi-wetan": "admin.cileunyiwetan@padu.test",
    "kecamatan-cileunyi": "verifikator.cileunyi@padu.test",
    "disdukcapil-bandung": "loket.disdukcapil@padu.test",
    "dpmptsp-bandung": "verifikator.dpmptsp@padu.test",
    "pemkab-bandung": "admin.pemkab@padu.test",
}
MODERATOR = "admin.cileunyikulon@padu.test"


@dataclass(frozen=True)
class Step:
    days_ago: float
    action: str  # an action of the state machine, or "say" / "reply" / "note" / "moderate"
    text: str = ""
    to: str = ""  # forward target
    rating: int | None = None
    # verify only: the verifier's change of who may see it (the reason in `text`)
    anonymous: bool | None = None
    confidential: bool | None = None


@dataclass(frozen=True)
class Spec:
    title: str
    text: str
    kind: str
    category: str
    region: str
    agency: str
    visibility: str
    citizen: str
    days_ago: float
    steps: tuple[Step, ...] = field(default_factory=tuple)


SPECS = (
    Spec(
        "Lampu penerangan jalan mati di Jl. Pandanwangi",
        "Sudah dua minggu tiga lampu penerangan jalan di Jl. Pandanwangi dekat masjid mati. "
        "Malam hari jalan gelap dan rawan untuk anak-anak yang pulang mengaji.",
        "complaint",
        "infrastruktur",
        "32.04.05.2001",
        "desa-cileunyi-kulon",
        "public",
        "warga@padu.test",
        0.2,
    ),
    Spec(
        "Biaya surat pengantar di kantor desa",
        "Saat mengurus surat pengantar SKCK saya diminta membayar Rp50.000 tanpa kuitansi, "
        "padahal menurut papan informasi layanan ini gratis.",
        "complaint",
        "pelayanan",
        "32.04.05.2001",
        "desa-cileunyi-kulon",
        "anonymous",
        "budi@padu.test",
        3,
        (
            Step(
                2.9, "say", "Kejadiannya hari Senin pagi di loket pelayanan. Saya masih menyimpan pesan WhatsApp-nya."
            ),
            Step(2.5, "verify"),
            Step(2.4, "note", "Cek jadwal piket loket hari Senin dan panggil petugas yang bertugas."),
            Step(2.3, "reply", "Terima kasih atas laporannya. Mohon unggah tangkapan layar pesan tersebut bila ada."),
        ),
    ),
    Spec(
        "Jembatan di Cibiru Hilir retak",
        "Jembatan penghubung ke Cibiru Hilir retak di bagian tengah dan bergetar saat truk lewat.",
        "complaint",
        "infrastruktur",
        "32.04.05.2001",
        "desa-cileunyi-kulon",
        "public",
        "nining@padu.test",
        1.5,
        (
            Step(
                1.2,
                "forward",
                "Jembatan ini aset kecamatan/kabupaten, bukan aset desa; diteruskan ke Kecamatan Cileunyi.",
                to="kecamatan-cileunyi",
            ),
        ),
    ),
    Spec(
        "Sampah menumpuk di TPS Cileunyi Wetan",
        "Tempat pembuangan sampah sementara di dekat pasar sudah penuh sejak seminggu dan baunya "
        "sampai ke rumah warga.",
        "complaint",
        "lingkungan",
        "32.04.05.2002",
        "desa-cileunyi-wetan",
        "public",
        "nining@padu.test",
        6,
        (
            Step(5.8, "verify"),
            Step(
                2, "answer", "Truk pengangkut sudah mengangkut sampah hari ini. Jadwal angkut kini dua kali seminggu."
            ),
        ),
    ),
    Spec(
        "Antrean perekaman KTP-el sangat lama",
        "Saya datang pukul 07.00 dan baru dilayani pukul 14.00. Tidak ada nomor antrean yang jelas.",
        "complaint",
        "kependudukan",
        "32.04.37.2001",
        "disdukcapil-bandung",
        "anonymous",
        "yusuf@padu.test",
        8,
        (
            Step(7.8, "verify"),
            Step(4, "answer", "Mulai bulan ini antrean memakai nomor dari mesin dan kuota 150 orang per hari."),
            Step(1, "reopen", "Kemarin mesin antreannya rusak dan antrean kembali tidak tertib."),
        ),
    ),
    Spec(
        "Izin usaha mikro belum terbit",
        "Permohonan izin usaha mikro untuk warung kopi saya sudah tiga minggu belum terbit.",
        "complaint",
        "perizinan",
        "32.04.09.2003",
        "dpmptsp-bandung",
        "public",
        "ratna@padu.test",
        12,
        (
            Step(11.8, "verify"),
            Step(9, "answer", "Izin sudah terbit dan dapat diunduh di akun OSS Anda. Mohon maaf atas keterlambatan."),
            Step(8, "rate", "Terima kasih, sudah saya unduh.", rating=4),
        ),
    ),
    Spec(
        "Dugaan pungutan oleh oknum petugas",
        "Oknum petugas meminta uang rokok saat pengukuran tanah untuk sertifikat. Nama petugas saya "
        "sampaikan di sini karena laporan ini rahasia, dan saya tidak ingin nama saya diketahui.",
        "complaint",
        "pelayanan",
        "32.04.05.2001",
        "desa-cileunyi-kulon",
        "anonymous_confidential",
        "warga@padu.test",
        14,
    ),
    Spec(
        "Petugas loket berkata kasar",
        "Petugas loket itu bodoh dan kurang ajar, membentak warga yang bertanya soal berkas.",
        "complaint",
        "pelayanan",
        "32.04.05.2001",
        "desa-cileunyi-kulon",
        "public",
        "ratna@padu.test",
        2,
        (
            Step(1.9, "moderate", "Memuat kata-kata kasar; isi tetap ditangani."),
            Step(1.8, "verify"),
        ),
    ),
    Spec(
        "Bantuan sosial tidak tepat sasaran",
        "Beberapa penerima bantuan di RW 05 tergolong mampu, sementara tetangga saya yang janda lansia tidak menerima.",
        "complaint",
        "sosial",
        "32.04.05.2001",
        "pemkab-bandung",
        "confidential",
        "budi@padu.test",
        4,
        (Step(3.5, "verify"), Step(3.4, "note", "Minta data penerima dari Dinas Sosial untuk RW 05.")),
    ),
    Spec(
        "Syarat membuat akta kelahiran untuk anak usia 2 tahun",
        "Anak saya lahir di rumah dua tahun lalu. Apa saja syarat membuat akta kelahirannya?",
        "question",
        "kependudukan",
        "32.04.05.2001",
        "disdukcapil-bandung",
        "public",
        "warga@padu.test",
        5,
        (
            Step(4.9, "verify"),
            Step(
                4.5,
                "answer",
                "Bawa KK, KTP-el kedua orang tua, buku nikah dan surat keterangan lahir dari desa, "
                "lalu ajukan lewat layanan akta kelahiran di Padu.",
            ),
            Step(4, "rate", "Jelas sekali, terima kasih.", rating=5),
        ),
    ),
    Spec(
        "Kepala dusun meminta jatah dari bantuan beras",
        "Kepala Dusun 2 meminta dua kilogram dari setiap paket bantuan beras. Penerima yang menolak, "
        "di antaranya Ibu Imas dan Pak Odang, diancam tidak didata lagi tahun depan.",
        "complaint",
        "sosial",
        "32.04.05.2001",
        "desa-cileunyi-kulon",
        "public",
        "nining@padu.test",
        2.5,
        (
            Step(
                2.2,
                "verify",
                "Laporan menyebut nama warga penerima bantuan dan pejabat desa: dijadikan rahasia untuk "
                "melindungi mereka. Laporan tetap ditangani.",
                confidential=True,
            ),
        ),
    ),
    Spec(
        "Usul taman bermain di alun-alun Soreang",
        "Mohon disediakan taman bermain anak yang aman di sisi timur alun-alun Soreang.",
        "aspiration",
        "lingkungan",
        "32.04.37.2001",
        "pemkab-bandung",
        "public",
        "yusuf@padu.test",
        0.5,
    ),
)


def _user(email: str) -> User:
    return User.objects.get(email=email)


def seed_complaints(agencies: dict[str, Agency], say: Callable[[str], None] | None = None) -> int:
    """Create the demo complaints that are not there yet; return how many were created."""
    for slug, topics in TOPICS.items():
        agency = agencies.get(slug)
        if agency is not None and agency.settings.get("complaint_categories") != topics:
            agency_update(actor=OPERATOR, agency=agency, settings={**agency.settings, "complaint_categories": topics})
    now = timezone.now()
    created = 0
    for spec in SPECS:
        citizen = _user(spec.citizen)
        if Complaint.objects.filter(complainant=citizen, title=spec.title).exists():
            continue
        complaint = complaint_submit(
            actor=Actor(user=citizen),
            agency=agencies[spec.agency],
            kind=spec.kind,
            title=spec.title,
            text=spec.text,
            category=spec.category,
            region=Region.objects.get(code=spec.region),
            visibility=spec.visibility,
            at=now - dt.timedelta(days=spec.days_ago),
        )
        for step in spec.steps:
            at = now - dt.timedelta(days=step.days_ago)
            complaint.refresh_from_db()
            officer = Actor(user=_user(OFFICERS[complaint.handling_agency.slug]))
            if step.action == "say":
                message_post(actor=Actor(user=citizen), complaint=complaint, body=step.text, at=at)
            elif step.action in ("reply", "note"):
                message_post(actor=officer, complaint=complaint, body=step.text, internal=step.action == "note", at=at)
            elif step.action == "moderate":
                complaint_moderate(actor=Actor(user=_user(MODERATOR)), complaint=complaint, reason=step.text)
            elif step.action in ("rate", "reopen", "withdraw"):
                complaint_act(
                    actor=Actor(user=citizen),
                    complaint=complaint,
                    action=step.action,
                    note=step.text,
                    rating=step.rating,
                    at=at,
                )
            else:
                complaint_act(
                    actor=officer,
                    complaint=complaint,
                    action=step.action,
                    note=step.text,
                    to_agency=agencies[step.to] if step.to else None,
                    anonymous=step.anonymous,
                    confidential=step.confidential,
                    at=at,
                )
        created += 1
    created += seed_phoned_in(agencies, now)
    # Escalate what is overdue (the confidential report sent two weeks ago), as the hourly sweep would.
    result = complaints_sweep()
    if say is not None and (created or result.escalated):
        say(f"Complaints: {created} created, {result.escalated} escalated.")
    return created


PHONED_IN_TITLE = "Saluran air tersumbat di RT 03"
PHONED_IN_NAME = "Sumarni"


def seed_phoned_in(agencies: dict[str, Agency], now: dt.datetime) -> int:
    """A resident without an account phones the village office; the counter officer records
    it, the verifier verifies it and tells her by telephone, recorded in the thread."""
    village = agencies["desa-cileunyi-kulon"]
    if Complaint.objects.filter(complainant__isnull=True, contact_name=PHONED_IN_NAME, title=PHONED_IN_TITLE).exists():
        return 0
    # Received this morning (a complaint cannot be received before the office was in Padu).
    zone = ZoneInfo(village.time_zone)
    morning = dt.datetime.combine(now.astimezone(zone).date(), dt.time(0, 0), tzinfo=zone)
    received = max(now - dt.timedelta(hours=3), morning, village.created_at)
    complaint = complaint_record(
        actor=Actor(user=_user("loket.cileunyikulon@padu.test")),
        agency=village,
        channel=Channel.PHONE,
        received_at=received,
        kind="complaint",
        title=PHONED_IN_TITLE,
        text="Ibu Sumarni menelepon kantor desa: saluran air di depan rumahnya di RT 03 RW 05 tersumbat sampah "
        "sejak hujan tiga hari lalu, dan air meluap ke jalan setiap sore.",
        category="infrastruktur",
        region=Region.objects.get(code="32.04.05.2001"),
        contact=Contact(
            name="Sumarni",
            phone="0812-2233-4455",
            address="Jl. Pandanwangi No. 12, RT 03 RW 05, Cileunyi Kulon",
            channel=ContactChannel.PHONE,
        ),
    )
    verifier = Actor(user=_user(OFFICERS["desa-cileunyi-kulon"]))
    complaint_act(actor=verifier, complaint=complaint, action="verify", at=max(received, now - dt.timedelta(hours=1)))
    message_post(
        actor=verifier,
        complaint=complaint,
        body="Ibu Sumarni sudah kami telepon: petugas kebersihan desa datang membersihkan saluran besok pagi.",
        contact_channel=ContactChannel.PHONE,
    )
    return 1


def seed(context: DemoContext) -> dict[str, int]:
    return {"complaints": seed_complaints(context.agencies, context.say)}
