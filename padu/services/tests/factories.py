"""A published village letter service for tests: verifier → approver → signer."""

from __future__ import annotations

from typing import Any

from padu.core.actors import OPERATOR
from padu.core.models import Agency
from padu.services.models import ServiceVersion
from padu.services.services import service_create, service_publish
from padu.services.standard import file_questions

FORM: dict[str, Any] = {
    "fields": [
        {"name": "nik", "type": "nik", "label": {"id": "NIK", "en": "NIK"}, "prefill": "nik"},
        {"name": "nama", "type": "text", "label": {"id": "Nama lengkap", "en": "Full name"}, "prefill": "name"},
        {"name": "keperluan", "type": "textarea", "label": {"id": "Keperluan", "en": "Purpose"}, "max_length": 500},
        {"name": "sudah_menikah", "type": "yesno", "label": {"id": "Sudah menikah?", "en": "Married?"}},
        {
            "name": "nama_pasangan",
            "type": "text",
            "label": {"id": "Nama pasangan", "en": "Spouse's name"},
            "show_if": {"field": "sudah_menikah", "equals": True},
        },
        {
            "name": "anggota",
            "type": "group",
            "label": {"id": "Anggota keluarga yang ikut", "en": "Family members moving"},
            "required": False,
            "max_items": 5,
            "fields": [
                {"name": "nama", "type": "text", "label": "Nama"},
                {"name": "hubungan", "type": "choice", "label": "Hubungan", "options": ["istri", "suami", "anak"]},
            ],
        },
    ]
}

WORKFLOW = [{"role": "verifier"}, {"role": "approver"}, {"role": "signer"}]

GOOD_ANSWERS = {"nik": "3204055705900003", "nama": "Siti Aminah", "keperluan": "Melamar kerja", "sudah_menikah": False}


# Mon–Thu 08:00–15:30; Fri 08:00–11:00 and 13:00–16:00.
HOURS: dict[str, Any] = {
    **{day: [["08:00", "15:30"]] for day in ("mon", "tue", "wed", "thu")},
    "fri": [["08:00", "11:00"], ["13:00", "16:00"]],
}
# The components of the standard (UU 25/2009 Pasal 21) a published version needs beside the
# name, form and workflow.
STANDARD: dict[str, Any] = {
    "legal_basis": "Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik",
    "procedure": "Isi formulir, tunggu verifikasi, ambil surat.",
    "completion_days": 3,
    "output": "Surat keterangan domisili bertanda tangan elektronik",
    "complaint_channel": "Loket pengaduan kantor desa",
    "facilities": "Ruang tunggu, loket pelayanan, komputer dan pemindai",
    "staff_competence": "Memahami administrasi kependudukan desa",
    "internal_supervision": "Kepala desa mengawasi langsung",
    "staff_count": 2,
    "service_guarantee": "Pelayanan sesuai standar ini",
    "security_guarantee": "Data pemohon dijaga kerahasiaannya",
    "performance_evaluation": "Evaluasi setiap tiga bulan",
    "hours": HOURS,
}


def requirements_for(form: Any) -> list[dict[str, Any]]:
    """KTP shown at the counter, and every file question of the form as a requirement."""
    return [
        {"name": "KTP", "required": True, "at_counter": True},
        *[
            {"name": str(q.get("name")), "field": path, "required": q.get("required", True) is not False}
            for path, q in file_questions(form).items()
        ],
    ]


def make_service(agency: Agency, *, publish: bool = True, **overrides: Any) -> ServiceVersion:
    fields: dict[str, Any] = {
        "name": "Surat Keterangan Domisili",
        "description": "Keterangan tempat tinggal untuk keperluan administrasi.",
        "audience": ["citizen"],
        "category": "surat",
        **STANDARD,
        "form": FORM,
        "workflow": WORKFLOW,
        **overrides,
    }
    fields.setdefault("requirements", requirements_for(fields["form"]))
    version = service_create(actor=OPERATOR, agency=agency, **fields)
    return service_publish(actor=OPERATOR, version=version) if publish else version
