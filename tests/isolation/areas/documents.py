"""Tenant isolation of letters: templates and the register of issued documents. (Their object
cases are in tests/isolation/cases.py.)"""

from __future__ import annotations

from typing import Any

from tests.isolation.cases import Call, ListCase, TokenRoute, agency_api, console_list, scope

PUBLIC: dict[str, str] = {}
CASES: dict[str, list[Call]] = {}
SELF: dict[str, str] = {}

LIST: dict[str, list[ListCase]] = {
    "konsol/surat/": [console_list("/konsol/surat/", "TEMPLAT")],
    "api/v1/agencies/<agency_id>/documents": [
        agency_api("/api/v1/agencies/{agency}/documents", "SURAT"),
        agency_api("/api/v1/agencies/{agency}/documents", "SURAT", viewer="token_full_{s}"),
    ],
}

NOT_LIST: dict[str, str] = {
    "konsol/surat/baru/": "a form for a new letter template",
    "konsol/surat/<slug:kind>/ubah/": "one template, addressed by kind within the active agency (cases.py)",
    "konsol/surat/<slug:kind>/pratinjau/": "one template's preview PDF (cases.py)",
    "verifikasi/": "the document check form",
}


# Issued letters hold their subject's name, NIK, birth date and address: `documents:read`.
TOKEN_SCOPES: dict[str, TokenRoute] = {
    "GET api/v1/agencies/<agency_id>/documents": scope("documents:read"),
    "GET api/v1/agencies/<agency_id>/documents/<document_id>/pdf": scope("documents:read"),
}


def issued_document(agency: Any, side: str, *, number: str, code: str) -> Any:
    """An issued document row with a stored PDF (signing is tested in padu/documents)."""
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from padu.documents.models import IssuedDocument
    from tests.factories import tiny_pdf
    from tests.isolation.world import mark

    document = IssuedDocument(
        agency=agency,
        kind="sk",
        number=number,
        title=f"Surat Keterangan {mark(side, 'SURAT')}",
        sha256="0" * 64,
        signer_name="Kepala Desa",
        signed_at=timezone.now(),
        verification_code=code,
    )
    document.pdf.save(f"{code}.pdf", ContentFile(tiny_pdf()), save=True)
    return document


def build(world: Any) -> None:
    """A letter template and an issued letter on each side. The template kinds differ: the
    console addresses a template by kind within the active agency, so B holding no "skd"
    makes A's "skd" the only one a case can aim at."""
    from padu.core.actors import OPERATOR
    from padu.documents.services import letter_template_save
    from tests.isolation.world import SIDES, mark

    for s in SIDES:
        agency = world.agency(s)
        template = letter_template_save(
            actor=OPERATOR,
            agency=agency,
            kind="skd" if s == "a" else "sku",
            name=f"Templat {mark(s, 'TEMPLAT')}",
            body=f"<p>{s}</p>",
        )
        setattr(world, f"template_{s}", template)
        setattr(world, f"document_{s}", issued_document(agency, s, number=f"00{s}/SK/XI/2026", code=f"isolation-{s}"))
    # A's submitted application with its letter issued (services built it before).
    from padu.services.models import Application

    Application.objects.filter(pk=world.submitted_a.pk).update(document=world.document_a)
    world.signed_a = Application.objects.get(pk=world.submitted_a.pk)
