"""The demo's completed service standards (the fourteen components of UU 25/2009 Pasal 21,
with service hours) and the offices' service charters (maklumat pelayanan, Pasal 22).

Each requirement says how it is provided, and the forms ask for every document they list:
the village letters take a photo of the KTP-el, the KK and the RT/RW covering letter in the
form (optional: they may be shown at the counter instead)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from padu.core.actors import OPERATOR
from padu.core.calendar import agency_today
from padu.core.manifest import DemoContext
from padu.services.models import ServiceCharter
from padu.services.services import service_charter_save

# Mon–Thu 08:00–15:30; Fri 08:00–11:00 and 13:00–16:00 (Friday prayers).
VILLAGE_HOURS: dict[str, list[list[str]]] = {
    **{day: [["08:00", "15:30"]] for day in ("mon", "tue", "wed", "thu")},
    "fri": [["08:00", "11:00"], ["13:00", "16:00"]],
}
DISTRICT_HOURS: dict[str, list[list[str]]] = {
    **{day: [["08:00", "16:00"]] for day in ("mon", "tue", "wed", "thu")},
    "fri": [["08:00", "11:30"], ["13:00", "16:30"]],
}

CHARTER_TEXT = (
    "Dengan ini, kami menyatakan sanggup menyelenggarakan pelayanan sesuai standar pelayanan yang telah "
    "ditetapkan dan apabila tidak menepati janji ini, kami siap menerima sanksi sesuai peraturan "
    "perundang-undangan yang berlaku."
)


def _file(name: str, label_id: str, label_en: str) -> dict[str, Any]:
    return {
        "name": name,
        "type": "file",
        "label": {"id": label_id, "en": label_en},
        "required": False,
        "hint": {
            "id": "Foto atau pindaian; boleh juga ditunjukkan di loket.",
            "en": "A photo or scan; you may show it at the counter instead.",
        },
    }


# Documents every village letter asks for: (requirement, file question).
VILLAGE_DOCUMENTS = (
    ("KTP-el pemohon", _file("ktp", "Foto KTP-el pemohon", "Photo of your identity card (KTP-el)")),
    ("Kartu Keluarga (KK)", _file("kk", "Foto Kartu Keluarga", "Photo of the family card (KK)")),
    ("Surat pengantar RT/RW", _file("pengantar_rt", "Surat pengantar RT/RW", "Covering letter from the RT/RW")),
)
# Documents only some letters ask for: slug → (requirement, required, file question).
LETTER_DOCUMENTS: dict[str, tuple[str, bool, dict[str, Any]]] = {
    "sk-kelahiran": (
        "Surat keterangan lahir dari bidan, puskesmas atau rumah sakit",
        True,
        _file("surat_lahir", "Surat keterangan lahir", "Birth notice from the midwife or hospital"),
    ),
    "sk-kematian": (
        "Surat keterangan kematian dari dokter atau rumah sakit, bila ada",
        False,
        _file("surat_kematian", "Surat keterangan kematian", "Death notice from the doctor or hospital"),
    ),
}
# A condition to meet (no document), for the letters it applies to.
LETTER_CONDITIONS = {
    "sk-domisili": "Bertempat tinggal di wilayah Desa Cileunyi Kulon",
    "sk-usaha": "Tempat usaha berada di wilayah Desa Cileunyi Kulon",
}

VILLAGE_MANAGEMENT: dict[str, Any] = {
    "complaint_channel": "Loket pengaduan dan kotak saran di kantor desa, menu Pengaduan di Padu, "
    "atau SP4N-LAPOR! (lapor.go.id)",
    "facilities": "Ruang tunggu, loket pelayanan, komputer dengan pemindai dan printer, jaringan internet, "
    "toilet, dan jalur landai bagi pengguna kursi roda",
    "staff_competence": "Operator desa yang memahami administrasi kependudukan dan tata naskah dinas serta mampu "
    "menggunakan komputer dan Padu; Sekretaris Desa yang memahami tugas pelayanan administrasi desa",
    "internal_supervision": "Pengawasan melekat oleh Sekretaris Desa dan Kepala Desa; pemeriksaan berkala oleh "
    "Inspektorat Kabupaten Bandung",
    "staff_count": 3,
    "service_guarantee": "Surat selesai dalam jangka waktu pada standar ini; bila terlambat, pemohon mendapat "
    "penjelasan dan suratnya didahulukan",
    "security_guarantee": "Data pribadi pemohon hanya dipakai untuk layanan ini dan dijaga kerahasiaannya; surat "
    "bertanda tangan elektronik dapat diperiksa keasliannya melalui kode QR",
    "performance_evaluation": "Kepala Desa mengevaluasi kinerja pelaksana setiap tiga bulan dari ketepatan waktu "
    "dan hasil Survei Kepuasan Masyarakat",
    "hours": VILLAGE_HOURS,
}


def village_standard(slug: str, fields: list[dict[str, Any]]) -> dict[str, Any]:
    """The rest of a village letter's standard: its requirements, each collected by the form
    (a file question, added when the form lacks it) or shown at the counter, the contact, the
    management components and the hours."""
    form_fields = list(fields)
    names = {f["name"] for f in form_fields}
    requirements: list[dict[str, Any]] = []
    documents = [(name, True, question) for name, question in VILLAGE_DOCUMENTS]
    if slug in LETTER_DOCUMENTS:
        documents.append(LETTER_DOCUMENTS[slug])
    for name, required, question in documents:
        if question["name"] not in names:
            form_fields.append(question)
        requirements.append({"name": name, "required": required, "field": question["name"], "at_counter": True})
    if slug in LETTER_CONDITIONS:
        requirements.append({"name": LETTER_CONDITIONS[slug], "kind": "condition"})
    return {
        "requirements": requirements,
        "form": {"fields": form_fields},
        "contact": "Loket pelayanan Kantor Desa Cileunyi Kulon",
        **VILLAGE_MANAGEMENT,
    }


DISTRICT_STANDARD: dict[str, Any] = {
    "requirements": [
        {"name": "Dokumen asli dan salinannya", "required": True, "at_counter": True},
        {"name": "KTP-el pemohon", "required": True, "at_counter": True},
    ],
    "contact": "Loket pelayanan Kantor Kecamatan Cileunyi",
    "complaint_channel": "Loket pengaduan kantor kecamatan, menu Pengaduan di Padu, atau SP4N-LAPOR! (lapor.go.id)",
    "facilities": "Ruang tunggu, loket pelayanan, mesin antrean, komputer dengan pemindai, toilet, dan jalur landai "
    "bagi pengguna kursi roda",
    "staff_competence": "Petugas loket yang memahami legalisasi dokumen; Kasi Pelayanan Umum yang memahami tata "
    "naskah dinas",
    "internal_supervision": "Pengawasan melekat oleh Kasi Pelayanan Umum, Sekretaris Kecamatan dan Camat",
    "staff_count": 2,
    "service_guarantee": "Legalisasi selesai dalam jangka waktu pada standar ini setelah biaya lunas",
    "security_guarantee": "Dokumen asli dikembalikan hari itu juga; data pribadi pemohon dijaga kerahasiaannya",
    "performance_evaluation": "Camat mengevaluasi kinerja pelaksana setiap enam bulan dari ketepatan waktu dan hasil "
    "Survei Kepuasan Masyarakat",
    "hours": DISTRICT_HOURS,
}

# The office → who signs its charter (the demo's signers).
CHARTERS = (
    ("desa-cileunyi-kulon", "H. Ujang Suryana", "Kepala Desa Cileunyi Kulon"),
    ("kecamatan-cileunyi", "Drs. Bambang Hermawan", "Camat Cileunyi"),
)


def seed_charters(context: DemoContext) -> int:
    """The service charter of each demo office that offers services. Idempotent."""
    made = 0
    for slug, name, title in CHARTERS:
        agency = context.agencies[slug]
        if ServiceCharter.objects.filter(agency=agency).exists():
            continue
        # Dated 2 January of this year (today on New Year's Day): never in the future.
        today = agency_today(agency)
        published_on = min(dt.date(today.year, 1, 2), today)
        service_charter_save(
            actor=OPERATOR,
            agency=agency,
            text=CHARTER_TEXT,
            signed_by_name=name,
            signed_by_title=title,
            published_on=published_on,
        )
        made += 1
    return made
