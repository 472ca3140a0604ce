"""The village letter pack of the demo: eight letters a desa serves on day one, with cases at
every stage."""

from __future__ import annotations

import datetime as dt
from typing import Any

from padu.accounts.models import CitizenProfile, User
from padu.core.actors import OPERATOR, Actor
from padu.core.models import Agency
from padu.core.services import number_pattern_set
from padu.documents.services import letter_template_save
from padu.services.demo.standard import village_standard
from padu.services.letters import letter_placeholders
from padu.services.models import Application, Service, ServiceVersion
from padu.services.services import application_act, application_start, service_create, service_publish

WORKFLOW = [
    {
        "role": "front_desk",
        "label": {"id": "Pemeriksaan berkas oleh operator desa", "en": "Check by the village clerk"},
    },
    {"role": "verifier", "label": {"id": "Verifikasi Sekretaris Desa", "en": "Verification by the village secretary"}},
    {"role": "signer", "label": {"id": "Tanda tangan Kepala Desa", "en": "Signature of the village head"}},
]


def _f(name: str, kind: str, label_id: str, label_en: str, **extra: Any) -> dict[str, Any]:
    return {"name": name, "type": kind, "label": {"id": label_id, "en": label_en}, **extra}


APPLICANT = [
    _f("nik", "nik", "NIK pemohon", "Applicant's NIK", prefill="nik"),
    _f("nama", "text", "Nama lengkap", "Full name", prefill="name"),
]
PURPOSE = _f(
    "keperluan",
    "textarea",
    "Keperluan surat",
    "What the letter is for",
    max_length=500,
    hint={"id": "Contoh: melamar pekerjaan, membuka rekening bank.", "en": "E.g. a job application."},
)


# Only regulations named exactly (number, year, title).
VILLAGE_LAW = (
    "Undang-Undang Nomor 6 Tahun 2014 tentang Desa; Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik"
)
ADMINDUK_LAW = (
    "Undang-Undang Nomor 23 Tahun 2006 tentang Administrasi Kependudukan sebagaimana telah diubah dengan "
    "Undang-Undang Nomor 24 Tahun 2013 tentang Perubahan atas Undang-Undang Nomor 23 Tahun 2006 tentang "
    "Administrasi Kependudukan"
)
LEGAL_BASIS = {slug: f"{VILLAGE_LAW}; {ADMINDUK_LAW}" for slug in ("sk-kelahiran", "sk-kematian", "sk-pindah")}

# Kode klasifikasi arsip of Peraturan Menteri Dalam Negeri Nomor 83 Tahun 2022 tentang Kode
# Klasifikasi Arsip di Lingkungan Kementerian Dalam Negeri dan Pemerintah Daerah, as specific
# as can be named with certainty: 400.12 Kependudukan dan Pencatatan Sipil, 400.12.2
# Pendaftaran Penduduk, 400.12.2.2 Pindah Datang Penduduk Dalam Wilayah NKRI, 400.12.3
# Pencatatan Sipil, 400.12.3.1 Kelahiran dan Kematian; otherwise the main group: 300
# (public order: the police record), 400 (Kesejahteraan Rakyat), 500 (Perekonomian).
CLASSIFICATION = {
    "sk-domisili": "400.12.2",
    "sk-pindah": "400.12.2.2",
    "sk-kelahiran": "400.12.3.1",
    "sk-kematian": "400.12.3.1",
    "sk-belum-menikah": "400.12.3",
    "sk-tidak-mampu": "400",
    "sk-usaha": "500",
    "pengantar-skck": "300",
}
# The life event each letter proposes to the population register once it is signed.
REGISTER_EVENTS = {"sk-kelahiran": "birth", "sk-kematian": "death", "sk-pindah": "move_out"}
NUMBER_PATTERN = "[nomor,3]/[kode]/[kode_instansi]/[bulan_romawi]/[tahun]"


def _letter(
    slug: str, name: str, description: str, output: str, fields: list[dict[str, Any]], days: int = 2
) -> dict[str, Any]:
    return {
        "slug": slug,
        "name": name,
        "description": description,
        "audience": ["citizen"],
        "category": "surat",
        "legal_basis": LEGAL_BASIS.get(slug, VILLAGE_LAW),
        "requirements": [
            {"name": "KTP-el pemohon", "required": True},
            {"name": "Kartu Keluarga", "required": True},
            {"name": "Surat pengantar RT/RW", "required": True},
        ],
        "procedure": "1. Isi formulir daring atau datang ke kantor desa. 2. Operator memeriksa berkas. "
        "3. Sekretaris Desa memverifikasi. 4. Kepala Desa menandatangani secara elektronik. "
        "5. Unduh surat dari akun Anda.",
        "completion_days": days,
        "output": output,
        "complaint_channel": "Kantor desa atau menu Pengaduan di Padu",
        "contact": "Kantor Desa, Senin–Jumat 08.00–15.00 WIB",
        "form": {"fields": fields},
        "workflow": WORKFLOW,
        "document_kind": slug,
        "register_event": REGISTER_EVENTS.get(slug, ""),
        **village_standard(slug, fields),  # the standard's other components, the hours; forms ask for documents
    }


LETTERS = [
    _letter(
        "sk-domisili",
        "Surat Keterangan Domisili",
        "Keterangan bahwa Anda bertempat tinggal di desa ini.",
        "Surat Keterangan Domisili bertanda tangan elektronik",
        [
            *APPLICANT,
            _f("alamat", "address", "Alamat tinggal sekarang", "Current address"),
            _f("lama_tinggal", "number", "Lama tinggal (tahun)", "Years lived here", min=0, max=100),
            PURPOSE,
            _f(
                "pengantar_rt",
                "file",
                "Surat pengantar RT/RW",
                "Covering letter from the RT/RW",
                required=False,
                hint={"id": "Foto atau pindaian surat pengantar.", "en": "A photo or scan of the letter."},
            ),
        ],
    ),
    _letter(
        "sk-usaha",
        "Surat Keterangan Usaha",
        "Keterangan bahwa Anda menjalankan usaha di desa ini.",
        "Surat Keterangan Usaha (SKU)",
        [
            *APPLICANT,
            _f("nama_usaha", "text", "Nama usaha", "Business name"),
            _f(
                "jenis_usaha",
                "choice",
                "Jenis usaha",
                "Kind of business",
                options=["perdagangan", "jasa", "pertanian", "industri rumahan", "lainnya"],
            ),
            _f("alamat_usaha", "address", "Alamat usaha", "Business address"),
            _f("mulai_usaha", "date", "Mulai usaha", "Started on"),
            PURPOSE,
        ],
    ),
    _letter(
        "sk-tidak-mampu",
        "Surat Keterangan Tidak Mampu",
        "Keterangan keluarga kurang mampu (SKTM) untuk keringanan biaya sekolah, kesehatan atau bantuan sosial.",
        "Surat Keterangan Tidak Mampu (SKTM)",
        [
            *APPLICANT,
            _f("penghasilan", "money", "Penghasilan keluarga per bulan (Rp)", "Household income a month (Rp)", min=0),
            _f("tanggungan", "number", "Jumlah tanggungan", "Dependants", min=0, max=20),
            _f(
                "untuk",
                "choice",
                "Digunakan untuk",
                "To be used for",
                options=["pendidikan", "kesehatan", "bantuan sosial", "lainnya"],
            ),
            PURPOSE,
        ],
    ),
    _letter(
        "sk-kelahiran",
        "Surat Keterangan Kelahiran",
        "Keterangan kelahiran anak untuk pengurusan akta kelahiran.",
        "Surat Keterangan Kelahiran",
        [
            *APPLICANT,
            _f("nama_bayi", "text", "Nama bayi", "Baby's name"),
            _f("jenis_kelamin", "choice", "Jenis kelamin bayi", "Baby's sex", options=["laki-laki", "perempuan"]),
            _f("tanggal_lahir", "date", "Tanggal lahir", "Date of birth"),
            _f("tempat_lahir", "text", "Tempat lahir", "Place of birth"),
            _f("nama_ibu", "text", "Nama ibu", "Mother's name"),
            _f("nama_ayah", "text", "Nama ayah", "Father's name"),
        ],
        1,
    ),
    _letter(
        "sk-kematian",
        "Surat Keterangan Kematian",
        "Keterangan kematian warga untuk pengurusan akta kematian.",
        "Surat Keterangan Kematian",
        [
            *APPLICANT,
            _f("nik_almarhum", "nik", "NIK almarhum/almarhumah", "NIK of the deceased"),
            _f("nama_almarhum", "text", "Nama almarhum/almarhumah", "Name of the deceased"),
            _f("tanggal_meninggal", "date", "Tanggal meninggal", "Date of death"),
            _f("tempat_meninggal", "text", "Tempat meninggal", "Place of death"),
            _f(
                "hubungan",
                "choice",
                "Hubungan pelapor",
                "Your relation",
                options=["suami/istri", "anak", "orang tua", "saudara", "lainnya"],
            ),
        ],
        1,
    ),
    _letter(
        "sk-pindah",
        "Surat Pengantar Pindah",
        "Pengantar pindah domisili ke luar desa untuk Disdukcapil.",
        "Surat Pengantar Pindah",
        [
            *APPLICANT,
            _f("alamat_tujuan", "address", "Alamat tujuan", "Address you move to"),
            _f(
                "alasan",
                "choice",
                "Alasan pindah",
                "Reason",
                options=["pekerjaan", "pendidikan", "keluarga", "lainnya"],
            ),
            _f("ikut_pindah", "yesno", "Ada anggota keluarga yang ikut pindah?", "Do family members move with you?"),
            _f(
                "anggota",
                "group",
                "Anggota keluarga yang ikut",
                "Family members moving",
                max_items=5,
                show_if={"field": "ikut_pindah", "equals": True},
                fields=[_f("nik", "nik", "NIK", "NIK"), _f("nama", "text", "Nama", "Name")],
            ),
        ],
    ),
    _letter(
        "sk-belum-menikah",
        "Surat Keterangan Belum Menikah",
        "Keterangan status belum pernah menikah.",
        "Surat Keterangan Belum Menikah",
        [*APPLICANT, PURPOSE],
    ),
    _letter(
        "pengantar-skck",
        "Surat Pengantar SKCK",
        "Pengantar dari desa untuk membuat SKCK di Polsek/Polres.",
        "Surat Pengantar SKCK",
        [*APPLICANT, PURPOSE],
        1,
    ),
]


def _answers(profile: CitizenProfile, version: ServiceVersion) -> dict[str, Any]:
    base = {"nik": profile.nik, "nama": profile.name}
    extra: dict[str, dict[str, Any]] = {
        "sk-domisili": {"alamat": profile.street, "lama_tinggal": 6, "keperluan": "Melamar pekerjaan di Kota Bandung"},
        "sk-usaha": {
            "nama_usaha": "Warung Sembako Berkah",
            "jenis_usaha": "perdagangan",
            "alamat_usaha": profile.street,
            "mulai_usaha": "2019-04-01",
            "keperluan": "Pengajuan KUR di bank",
        },
        "sk-tidak-mampu": {
            "penghasilan": 1500000,
            "tanggungan": 3,
            "untuk": "pendidikan",
            "keperluan": "Keringanan biaya sekolah anak",
        },
        "sk-belum-menikah": {"keperluan": "Persyaratan melamar kerja"},
        "pengantar-skck": {"keperluan": "Persyaratan melamar kerja"},
    }
    return {**base, **extra.get(version.service.slug, {})}


# (letter, citizen email, how far the case goes, days ago it was submitted)
CASES: list[tuple[str, str, list[tuple[str, str, str]], int]] = [
    ("sk-domisili", "warga@padu.test", [], 0),  # a draft
    ("sk-domisili", "budi@padu.test", [("submit", "", "applicant")], 1),
    ("sk-usaha", "budi@padu.test", [("submit", "", "applicant"), ("approve", "", "front_desk")], 2),
    (
        "sk-tidak-mampu",
        "warga@padu.test",
        [("submit", "", "applicant"), ("approve", "", "front_desk"), ("approve", "", "verifier")],
        3,
    ),
    (
        "sk-belum-menikah",
        "budi@padu.test",
        [("submit", "", "applicant"), ("return", "Lampirkan surat pengantar RT/RW yang masih berlaku.", "front_desk")],
        4,
    ),
    (
        "pengantar-skck",
        "warga@padu.test",
        [
            ("submit", "", "applicant"),
            ("reject", "Pemohon bukan warga Desa Cileunyi Kulon; ajukan di desa domisili.", "front_desk"),
        ],
        6,
    ),
    (
        "sk-domisili",
        "warga@padu.test",
        [
            ("submit", "", "applicant"),
            ("approve", "", "front_desk"),
            ("approve", "", "verifier"),
            ("approve", "", "signer"),
        ],
        8,
    ),
    ("sk-usaha", "budi@padu.test", [("submit", "", "applicant")], 9),  # overdue
]


OPENING = (
    "<p>Yang bertanda tangan di bawah ini, {{ penandatangan.jabatan }}, menerangkan dengan sebenarnya bahwa:</p>"
    '<table class="identity">'
    "<tr><td>Nama</td><td>: {{ pemohon.nama }}</td></tr>"
    "<tr><td>NIK</td><td>: {{ pemohon.nik }}</td></tr>"
    "<tr><td>Tempat, tanggal lahir</td><td>: {{ pemohon.tempat_lahir }}, {{ pemohon.tanggal_lahir }}</td></tr>"
    "<tr><td>Jenis kelamin</td><td>: {{ pemohon.jenis_kelamin }}</td></tr>"
    "<tr><td>Alamat</td><td>: {{ pemohon.alamat }}</td></tr>"
    "</table>"
)
CLOSING = "<p>Demikian surat ini dibuat untuk dipergunakan sebagaimana mestinya.</p>"
# The same opening and closing as plain text: two letters are written in the plain-text editor.
TEXT_LETTERS = ("sk-belum-menikah", "pengantar-skck")
OPENING_TEXT = (
    "Yang bertanda tangan di bawah ini, {{ penandatangan.jabatan }}, menerangkan dengan sebenarnya bahwa:\n"
    "\n"
    "Nama: {{ pemohon.nama }}\n"
    "NIK: {{ pemohon.nik }}\n"
    "Tempat, tanggal lahir: {{ pemohon.tempat_lahir }}, {{ pemohon.tanggal_lahir }}\n"
    "Jenis kelamin: {{ pemohon.jenis_kelamin }}\n"
    "Alamat: {{ pemohon.alamat }}"
)
CLOSING_TEXT = "Demikian surat ini dibuat untuk dipergunakan sebagaimana mestinya."
STATEMENTS = {
    "sk-domisili": "adalah benar warga yang berdomisili di {{ instansi.nama }} sejak {{ jawaban.lama_tinggal }} tahun "
    "yang lalu. Surat ini diberikan untuk keperluan: {{ jawaban.keperluan }}.",
    "sk-usaha": "adalah benar menjalankan usaha {{ jawaban.nama_usaha }} ({{ jawaban.jenis_usaha }}) di "
    "{{ jawaban.alamat_usaha }} sejak {{ jawaban.mulai_usaha }}. Keperluan: {{ jawaban.keperluan }}.",
    "sk-tidak-mampu": "adalah benar warga kami yang tergolong keluarga kurang mampu, dengan {{ jawaban.tanggungan }} "
    "orang tanggungan. Surat ini digunakan untuk {{ jawaban.untuk }}: {{ jawaban.keperluan }}.",
    "sk-kelahiran": "telah melaporkan kelahiran {{ jawaban.nama_bayi }} ({{ jawaban.jenis_kelamin }}) pada "
    "{{ jawaban.tanggal_lahir }} di {{ jawaban.tempat_lahir }}, anak dari {{ jawaban.nama_ibu }} dan "
    "{{ jawaban.nama_ayah }}.",
    "sk-kematian": "telah melaporkan meninggalnya {{ jawaban.nama_almarhum }} (NIK {{ jawaban.nik_almarhum }}) pada "
    "{{ jawaban.tanggal_meninggal }} di {{ jawaban.tempat_meninggal }}.",
    "sk-pindah": "bermaksud pindah domisili ke {{ jawaban.alamat_tujuan }} dengan alasan {{ jawaban.alasan }}. "
    "Surat ini menjadi pengantar ke Dinas Kependudukan dan Pencatatan Sipil.",
    "sk-belum-menikah": "sampai dengan surat ini dibuat belum pernah menikah. Keperluan: {{ jawaban.keperluan }}.",
    "pengantar-skck": "adalah benar warga kami dan sepanjang pengetahuan kami berkelakuan baik. Surat ini menjadi "
    "pengantar untuk pembuatan SKCK. Keperluan: {{ jawaban.keperluan }}.",
}


def seed_letter_pack(agency: Agency, staff: dict[str, User]) -> int:
    """Publish the eight letters in `agency` with their templates and number patterns, and
    leave cases at every stage (a completed one with its signed letter). Idempotent."""
    if Service.objects.filter(agency=agency).exists():
        return 0
    versions: dict[str, ServiceVersion] = {}
    for spec in LETTERS:
        data = dict(spec)
        slug = data.pop("slug")
        number_pattern_set(
            actor=OPERATOR, agency=agency, kind=slug, pattern=NUMBER_PATTERN, classification_code=CLASSIFICATION[slug]
        )
        if slug in TEXT_LETTERS:  # written in the plain-text editor, as an administrator would
            letter_template_save(
                actor=OPERATOR,
                agency=agency,
                kind=slug,
                name=str(data["name"]),
                body=f"{OPENING_TEXT}\n\n{STATEMENTS[slug]}\n\n{CLOSING_TEXT}",
                body_format="text",
                placeholders=[p.path for p in letter_placeholders()],
            )
        else:
            letter_template_save(
                actor=OPERATOR,
                agency=agency,
                kind=slug,
                name=str(data["name"]),
                body=f"{OPENING}<p>{STATEMENTS[slug]}</p>{CLOSING}",
            )
        versions[slug] = service_publish(
            actor=OPERATOR, version=service_create(actor=OPERATOR, agency=agency, slug=slug, **data)
        )
    now = dt.datetime.now(dt.UTC)
    for slug, email, steps, days_ago in CASES:
        citizen = User.objects.get(email=email)
        profile = CitizenProfile.objects.get(user=citizen)
        version = versions[slug]
        applicant = Actor(user=citizen)
        application = application_start(actor=applicant, version=version, answers=_answers(profile, version))
        for i, (action, note, who) in enumerate(steps):
            actor = applicant if who == "applicant" else Actor(user=staff[who])
            moment = now - dt.timedelta(days=days_ago) + dt.timedelta(hours=2 * i)
            application = application_act(actor=actor, application=application, action=action, note=note, at=moment)
    return Application.objects.filter(agency=agency).count()
