"""The JDIHN integration record: one public legal document in the field names the national
legal documentation network (JDIHN) harvests from its members' JDIH sites.

Every value is a string, as JDIHN's harvester expects; an unknown value is an empty string.
The mapping from Padu's fields is in docs/operators.md (section "JDIH and the JDIHN feed").
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.urls import reverse

from padu.core.richtext import to_text
from padu.publications.models import LANGUAGE_NAMES, LegalDocument, LegalStatus

# JDIHN prints the status in Indonesian.
STATUS_NAMES = {
    LegalStatus.IN_FORCE: "Berlaku",
    LegalStatus.AMENDED: "Diubah",
    LegalStatus.REVOKED: "Dicabut",
    LegalStatus.NOT_IN_FORCE: "Tidak Berlaku",
}
# "operasi" 4 means "the record is current" to the harvester (insert or update), and
# "display" 1 that it is shown; a withdrawn document simply leaves the feed.
OPERATION_CURRENT = "4"
DISPLAY_SHOWN = "1"


def document_key(document: LegalDocument) -> str:
    """The public address part of a document: its id, then its readable slug."""
    return document.key


def _date(value: Any) -> str:
    return value.isoformat() if value else ""


def _publisher(document: LegalDocument) -> str:
    return document.agency.name


def _teu(document: LegalDocument) -> str:
    # Tajuk Entri Utama (main entry) of a regulation is the issuing body's region or name,
    # e.g. "Kabupaten Bandung" or "Desa Cileunyi Kulon".
    region = getattr(document.agency, "region", None)
    if region is not None:
        return f"{region.get_type_display()} {region.name}".strip()
    return document.agency.name


def jdihn_record(document: LegalDocument, absolute: Callable[[str], str]) -> dict[str, str]:
    """`absolute` turns a site path into a full URL (e.g. request.build_absolute_uri)."""
    key = document_key(document)
    detail = absolute(reverse("portal:legal_document", args=[key]))
    download = absolute(reverse("portal:legal_document_pdf", args=[key])) if document.pdf else ""
    pages = f"{document.pdf_pages} hlm." if document.pdf_pages else ""
    return {
        "idData": str(document.pk),
        "tahun_pengundangan": str(document.date_promulgated.year if document.date_promulgated else document.year),
        "tanggal_pengundangan": _date(document.date_promulgated),
        "tanggal_penetapan": _date(document.date_enacted),
        "jenis": document.type_name,
        "noPeraturan": document.number,
        "judul": f"{document.citation} tentang {document.title}",
        "noPanggil": document.citation,
        "singkatanJenis": document.type_abbreviation,
        "tempatTerbit": document.place_enacted,
        "penerbit": _publisher(document),
        "deskripsiFisik": pages,
        "sumber": document.source,
        "subjek": document.subject,
        "isbn": "",
        "status": STATUS_NAMES.get(LegalStatus(document.status), ""),
        "bahasa": LANGUAGE_NAMES.get(document.language, ""),
        "bidangHukum": document.field_of_law,
        "teuBadan": _teu(document),
        "nomorIndukBuku": "",
        "penandatangan": document.signer,
        "pemrakarsa": document.initiator,
        "fileDownload": f"{key}.pdf" if document.pdf else "",
        "urlDownload": download,
        "urlDetailPeraturan": detail,
        "abstrak": to_text(document.abstract),
        "operasi": OPERATION_CURRENT,
        "display": DISPLAY_SHOWN,
        "lastUpdated": document.updated_at.isoformat(),
    }
