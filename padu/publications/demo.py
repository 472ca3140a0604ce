"""Demo news, announcements and regulations (JDIH) for Kabupaten Bandung and its villages (the
publications manifest's seeder).

Idempotent: an agency that already has news (or regulations) gets none added. The
regulations' PDFs are rendered with WeasyPrint, so the full-text search finds their words.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from weasyprint import HTML

from padu.core.actors import OPERATOR
from padu.core.manifest import DemoContext
from padu.core.models import Agency
from padu.publications.models import LegalDocument, NewsItem
from padu.publications.services import (
    legal_create,
    legal_pdf_set,
    legal_publish,
    legal_relation_add,
    news_create,
    news_publish,
)

# (agency slug, kind, title, summary, body, days ago (negative: scheduled ahead), pinned days)
NEWS: list[tuple[str, str, str, str, str, int, int]] = [
    (
        "pemkab-bandung",
        "news",
        "Pelayanan Adminduk Keliling Hadir di 31 Kecamatan",
        "Warga bisa membuat KTP-el, KK dan akta kelahiran tanpa datang ke Soreang.",
        "<p>Dinas Kependudukan dan Pencatatan Sipil bersama kecamatan membuka pelayanan keliling "
        "di 31 kecamatan selama bulan ini. Warga cukup membawa KTP lama atau Kartu Keluarga.</p>"
        "<h2>Jadwal</h2><ul><li>Senin–Kamis: pukul 08.00–14.00</li><li>Jumat: pukul 08.00–11.00</li></ul>"
        "<p>Jadwal lengkap per kecamatan dapat dilihat di kantor kecamatan masing-masing.</p>",
        6,
        0,
    ),
    (
        "pemkab-bandung",
        "announcement",
        "Cuti Bersama Akhir Tahun: Layanan Daring Tetap Buka",
        "Kantor tutup pada hari cuti bersama; permohonan daring tetap diterima.",
        "<p>Sesuai keputusan bersama menteri, kantor pelayanan tutup pada hari cuti bersama akhir tahun. "
        "Permohonan melalui Padu tetap dapat diajukan dan diproses mulai hari kerja berikutnya.</p>"
        "<p>Tenggat layanan dihitung dalam <strong>hari kerja</strong>, sehingga hari cuti bersama tidak dihitung.</p>",
        2,
        20,
    ),
    (
        "pemkab-bandung",
        "news",
        "Perda Retribusi Pasar yang Baru Berlaku Bulan Depan",
        "Tarif los dan kios pasar daerah disesuaikan; pedagang kecil mendapat keringanan.",
        "<p>Peraturan Daerah tentang retribusi pelayanan pasar mulai berlaku bulan depan. Pedagang dengan los "
        'di bawah 4 m² mendapat keringanan 50%. Naskah lengkap ada di <a href="/jdih/">JDIH</a>.</p>',
        1,
        0,
    ),
    (
        "pemkab-bandung",
        "news",
        "Musrenbang Kabupaten Tahun Depan Dibuka untuk Usulan Warga",
        "Usulan warga dapat dikirim melalui desa dan kecamatan.",
        "<p>Musyawarah perencanaan pembangunan tingkat kabupaten akan dilaksanakan bulan depan. "
        "Usulan yang belum tertampung di tingkat desa dapat disampaikan melalui kecamatan.</p>",
        -3,
        0,
    ),
    (
        "desa-cileunyi-kulon",
        "announcement",
        "Posyandu Balita dan Lansia Bulan Ini",
        "Posyandu di setiap RW, mulai pukul 08.00.",
        "<p>Posyandu balita dan lansia dilaksanakan di setiap RW mulai pukul 08.00. Bawa buku KIA "
        "untuk balita dan kartu BPJS untuk lansia.</p>"
        '<table><caption>Jadwal posyandu</caption><thead><tr><th scope="col">RW</th>'
        '<th scope="col">Tanggal</th></tr></thead><tbody><tr><td>RW 01–04</td><td>Selasa pekan pertama</td></tr>'
        "<tr><td>RW 05–08</td><td>Kamis pekan pertama</td></tr></tbody></table>",
        3,
        10,
    ),
    (
        "desa-cileunyi-kulon",
        "news",
        "Kerja Bakti Membersihkan Saluran Air Menjelang Musim Hujan",
        "Warga RW 03 dan RW 05 membersihkan saluran sepanjang 1,2 km.",
        "<p>Ratusan warga mengikuti kerja bakti membersihkan saluran air di RW 03 dan RW 05. "
        "Pemerintah desa menyediakan alat dan konsumsi.</p><blockquote>Saluran yang bersih mencegah banjir "
        "di permukiman padat. — Kepala Desa</blockquote>",
        8,
        0,
    ),
    (
        "desa-cileunyi-kulon",
        "news",
        "APBDes Tahun Ini Telah Ditetapkan",
        "Peraturan Desa tentang APBDes dapat dibaca di JDIH.",
        "<p>Badan Permusyawaratan Desa dan Kepala Desa telah menetapkan Peraturan Desa tentang Anggaran "
        "Pendapatan dan Belanja Desa. Ringkasan APBDes dipasang di papan informasi balai desa.</p>",
        12,
        0,
    ),
    (
        "desa-cileunyi-wetan",
        "announcement",
        "Pendaftaran Bantuan Langsung Tunai Dana Desa",
        "Pendaftaran dibuka di kantor desa sampai akhir bulan.",
        "<p>Warga yang memenuhi kriteria dapat mendaftar di kantor desa dengan membawa KTP-el dan Kartu "
        "Keluarga. Data calon penerima akan diumumkan di balai desa.</p>",
        4,
        14,
    ),
    (
        "desa-cileunyi-wetan",
        "news",
        "Pelatihan Pengolahan Sampah Organik bagi Ibu-Ibu PKK",
        "Sampah dapur diolah menjadi kompos untuk kebun warga.",
        "<p>Tim penggerak PKK desa mengadakan pelatihan membuat kompos dari sampah dapur. "
        "Hasilnya dipakai untuk kebun gizi di setiap RW.</p>",
        9,
        0,
    ),
]


def _pdf(citation: str, title: str, body: str, place: str, signer: str) -> bytes:
    html = f"""<html lang="id"><head><style>
      body {{ font-family: serif; font-size: 12pt; line-height: 1.5; }}
      h1, h2 {{ text-align: center; font-size: 13pt; }}
      .ttd {{ margin-top: 3em; margin-left: 55%; }}
    </style></head><body>
    <h1>{citation.upper()}</h1>
    <h2>TENTANG<br>{title.upper()}</h2>
    <p style="text-align:center">DENGAN RAHMAT TUHAN YANG MAHA ESA</p>
    {body}
    <div class="ttd"><p>Ditetapkan di {place}</p><p>{signer}</p></div>
    </body></html>"""
    data: bytes = HTML(string=html).write_pdf()
    return data


# key, agency slug, type, number, year, title, enacted, promulgated, signer, initiator, subject, field,
# source, abstract, body of the PDF
REGULATIONS: list[dict[str, Any]] = [
    {
        "key": "perda-pasar-2019",
        "agency": "pemkab-bandung",
        "doc_type": "perda",
        "number": "4",
        "year": 2019,
        "title": "Retribusi Pelayanan Pasar",
        "date_enacted": dt.date(2019, 5, 13),
        "date_promulgated": dt.date(2019, 5, 14),
        "signer": "Bupati Bandung",
        "initiator": "Dinas Perdagangan",
        "subject": "retribusi, pasar, pedagang",
        "field_of_law": "Hukum Keuangan Daerah",
        "source": "Lembaran Daerah Kabupaten Bandung Tahun 2019 Nomor 4",
        "abstract": "<p>Mengatur objek, subjek dan tarif retribusi pelayanan pasar daerah, termasuk los, kios dan "
        "pelataran.</p>",
        "body": "<p>Pasal 1. Retribusi pelayanan pasar dipungut atas penggunaan los, kios dan pelataran pasar "
        "milik daerah.</p><p>Pasal 2. Tarif los ditetapkan per meter persegi per hari.</p>",
    },
    {
        "key": "perda-pasar-2024",
        "agency": "pemkab-bandung",
        "doc_type": "perda",
        "number": "7",
        "year": 2024,
        "title": "Perubahan atas Peraturan Daerah Nomor 4 Tahun 2019 tentang Retribusi Pelayanan Pasar",
        "date_enacted": dt.date(2024, 3, 1),
        "date_promulgated": dt.date(2024, 3, 4),
        "signer": "Bupati Bandung",
        "initiator": "Dinas Perdagangan",
        "subject": "retribusi, pasar, keringanan pedagang kecil",
        "field_of_law": "Hukum Keuangan Daerah",
        "source": "Lembaran Daerah Kabupaten Bandung Tahun 2024 Nomor 7",
        "abstract": "<p>Mengubah tarif retribusi los dan kios serta memberi keringanan 50% bagi pedagang kecil "
        "dengan los di bawah 4 meter persegi.</p>",
        "body": "<p>Pasal I. Ketentuan Pasal 2 diubah sehingga tarif los pedagang kecil mendapat keringanan "
        "lima puluh persen.</p><p>Pasal II. Peraturan Daerah ini mulai berlaku pada tanggal diundangkan.</p>",
    },
    {
        "key": "perbup-pasar-2024",
        "agency": "pemkab-bandung",
        "doc_type": "perbup",
        "number": "21",
        "year": 2024,
        "title": "Tata Cara Pemungutan Retribusi Pelayanan Pasar",
        "date_enacted": dt.date(2024, 6, 10),
        "date_promulgated": dt.date(2024, 6, 10),
        "signer": "Bupati Bandung",
        "initiator": "Badan Pendapatan Daerah",
        "subject": "retribusi, pasar, pemungutan, QRIS",
        "field_of_law": "Hukum Keuangan Daerah",
        "source": "Berita Daerah Kabupaten Bandung Tahun 2024 Nomor 21",
        "abstract": "<p>Mengatur pemungutan retribusi pasar dengan karcis elektronik dan pembayaran melalui QRIS.</p>",
        "body": "<p>Pasal 3. Retribusi dibayar melalui kode bayar atau QRIS yang tercantum pada karcis elektronik."
        "</p><p>Pasal 4. Petugas pasar dilarang menerima pembayaran tunai.</p>",
    },
    {
        "key": "perbup-sampah-2016",
        "agency": "pemkab-bandung",
        "doc_type": "perbup",
        "number": "30",
        "year": 2016,
        "title": "Pengelolaan Sampah Rumah Tangga",
        "date_enacted": dt.date(2016, 9, 1),
        "date_promulgated": dt.date(2016, 9, 1),
        "signer": "Bupati Bandung",
        "initiator": "Dinas Lingkungan Hidup",
        "subject": "sampah, lingkungan hidup",
        "field_of_law": "Hukum Lingkungan",
        "source": "Berita Daerah Kabupaten Bandung Tahun 2016 Nomor 30",
        "abstract": "<p>Mengatur pemilahan dan pengangkutan sampah rumah tangga.</p>",
        "body": "<p>Pasal 2. Setiap rumah tangga wajib memilah sampah organik dan anorganik.</p>",
    },
    {
        "key": "perbup-sampah-2023",
        "agency": "pemkab-bandung",
        "doc_type": "perbup",
        "number": "12",
        "year": 2023,
        "title": "Pengelolaan Sampah Berbasis Desa",
        "date_enacted": dt.date(2023, 4, 3),
        "date_promulgated": dt.date(2023, 4, 3),
        "signer": "Bupati Bandung",
        "initiator": "Dinas Lingkungan Hidup",
        "subject": "sampah, bank sampah, desa",
        "field_of_law": "Hukum Lingkungan",
        "source": "Berita Daerah Kabupaten Bandung Tahun 2023 Nomor 12",
        "abstract": "<p>Mengatur bank sampah desa dan mencabut Peraturan Bupati Nomor 30 Tahun 2016.</p>",
        "body": "<p>Pasal 5. Setiap desa membentuk bank sampah.</p><p>Pasal 12. Peraturan Bupati Nomor 30 Tahun "
        "2016 tentang Pengelolaan Sampah Rumah Tangga dicabut dan dinyatakan tidak berlaku.</p>",
    },
    {
        "key": "perdes-apbdes-2026",
        "agency": "desa-cileunyi-kulon",
        "doc_type": "perdes",
        "number": "1",
        "year": 2026,
        "title": "Anggaran Pendapatan dan Belanja Desa Tahun Anggaran 2026",
        "date_enacted": dt.date(2026, 1, 5),
        "date_promulgated": dt.date(2026, 1, 5),
        "signer": "Kepala Desa Cileunyi Kulon",
        "initiator": "Pemerintah Desa bersama Badan Permusyawaratan Desa",
        "subject": "APBDes, anggaran, dana desa",
        "field_of_law": "Hukum Keuangan Desa",
        "source": "Lembaran Desa Cileunyi Kulon Tahun 2026 Nomor 1",
        "abstract": "<p>Menetapkan pendapatan desa Rp2.150.000.000 dan belanja untuk pembangunan jalan lingkungan, "
        "posyandu dan bantuan langsung tunai.</p>",
        "body": "<p>Pasal 1. Pendapatan desa sebesar Rp2.150.000.000 terdiri atas dana desa, alokasi dana desa "
        "dan pendapatan asli desa.</p><p>Pasal 2. Belanja desa untuk pembangunan jalan lingkungan, "
        "posyandu dan bantuan langsung tunai.</p>",
    },
    {
        "key": "perkades-posyandu-2025",
        "agency": "desa-cileunyi-kulon",
        "doc_type": "perkades",
        "number": "3",
        "year": 2025,
        "title": "Insentif Kader Posyandu",
        "date_enacted": dt.date(2025, 2, 17),
        "date_promulgated": dt.date(2025, 2, 17),
        "signer": "Kepala Desa Cileunyi Kulon",
        "initiator": "Kepala Urusan Kesejahteraan",
        "subject": "posyandu, kader, insentif",
        "field_of_law": "Hukum Kesehatan",
        "source": "Berita Desa Cileunyi Kulon Tahun 2025 Nomor 3",
        "abstract": "<p>Menetapkan insentif bulanan bagi kader posyandu.</p>",
        "body": "<p>Pasal 2. Setiap kader posyandu menerima insentif bulanan dari APBDes.</p>",
    },
]

# (source key, kind, target key or a citation outside the register)
RELATIONS = [
    ("perda-pasar-2024", "amends", "perda-pasar-2019"),
    ("perbup-pasar-2024", "implements", "perda-pasar-2024"),
    ("perbup-sampah-2023", "revokes", "perbup-sampah-2016"),
    ("perdes-apbdes-2026", "implements", "Peraturan Menteri Dalam Negeri Nomor 20 Tahun 2018"),
]


def _seed_news(agencies: dict[str, Agency]) -> int:
    count = 0
    now = timezone.now()
    seeded = {slug for slug in agencies if NewsItem.objects.filter(agency=agencies[slug]).exists()}
    for slug, kind, title, summary, body, days_ago, pinned_days in NEWS:
        agency = agencies.get(slug)
        if agency is None or slug in seeded:
            continue
        when = now - dt.timedelta(days=days_ago)
        item = news_create(actor=OPERATOR, agency=agency, kind=kind, title=title, summary=summary, body=body)
        if days_ago >= 0:
            # Backdate the demo's past publications (the service publishes from now on).
            item = news_publish(actor=OPERATOR, item=item)
            NewsItem.objects.filter(pk=item.pk).update(publish_at=when)
        else:
            news_publish(actor=OPERATOR, item=item, publish_at=when)
        if pinned_days:
            NewsItem.objects.filter(pk=item.pk).update(pinned_until=when + dt.timedelta(days=pinned_days))
        count += 1
    return count


def _seed_regulations(agencies: dict[str, Agency]) -> int:
    if LegalDocument.objects.filter(agency__slug__in=list(agencies)).exists():
        return 0
    made: dict[str, LegalDocument] = {}
    for spec in REGULATIONS:
        data = dict(spec)
        key, slug, body = data.pop("key"), data.pop("agency"), data.pop("body")
        agency = agencies.get(slug)
        if agency is None:
            continue
        place = "Soreang" if agency.slug == "pemkab-bandung" else agency.name.replace("Pemerintah Desa ", "")
        document = legal_create(actor=OPERATOR, agency=agency, place_enacted=place, **data)
        pdf = _pdf(document.citation, document.title, body, place, document.signer)
        document = legal_pdf_set(
            actor=OPERATOR, document=document, upload=SimpleUploadedFile(f"{key}.pdf", pdf, "application/pdf")
        )
        made[key] = legal_publish(actor=OPERATOR, document=document)
    for source, kind, target in RELATIONS:
        if source not in made:
            continue
        legal_relation_add(
            actor=OPERATOR,
            document=made[source],
            kind=kind,
            target=made.get(target),
            target_citation="" if target in made else target,
        )
    return len(made)


def seed_publications(agencies: dict[str, Agency], say: Callable[[str], None]) -> int:
    """News, announcements and regulations for the demo agencies. Returns how many were added."""
    news = _seed_news(agencies)
    regulations = _seed_regulations(agencies)
    if news or regulations:
        say(f"Berita dan pengumuman: {news}; peraturan (JDIH): {regulations}")
    return news + regulations


def seed(context: DemoContext) -> dict[str, int]:
    return {"publications": seed_publications(context.agencies, context.say)}
