"""A published village letter service for tests: verifier → approver → signer."""

from __future__ import annotations

from typing import Any

from padu.core.actors import OPERATOR
from padu.core.models import Agency
from padu.services.models import ServiceVersion
from padu.services.services import service_create, service_publish

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


def make_service(agency: Agency, *, publish: bool = True, **overrides: Any) -> ServiceVersion:
    fields: dict[str, Any] = {
        "name": "Surat Keterangan Domisili",
        "description": "Keterangan tempat tinggal untuk keperluan administrasi.",
        "audience": ["citizen"],
        "category": "surat",
        "legal_basis": "Permendagri 2/2025",
        "requirements": [{"name": "KTP", "required": True}],
        "procedure": "Isi formulir, tunggu verifikasi, ambil surat.",
        "completion_days": 3,
        "output": "Surat keterangan domisili bertanda tangan elektronik",
        "form": FORM,
        "workflow": WORKFLOW,
        **overrides,
    }
    version = service_create(actor=OPERATOR, agency=agency, **fields)
    return service_publish(actor=OPERATOR, version=version) if publish else version
