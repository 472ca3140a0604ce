"""Reads: the agency's register (with tenancy), public verification by code or by file."""

from __future__ import annotations

import enum
import hashlib
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from padu.core.actors import Actor
from padu.core.errors import InvalidInput, NotFound
from padu.core.selectors import agency_get_for
from padu.documents.models import IssuedDocument, LetterTemplate
from padu.documents.signing import pdf_signature_check, signature_digests


def documents_for_agency(actor: Actor, agency_id: int) -> QuerySet[IssuedDocument]:
    """The agency's issued documents: its staff and supervisors above it."""
    agency = agency_get_for(actor, agency_id)
    return IssuedDocument.objects.filter(agency=agency).order_by("-signed_at")


def document_get_for(actor: Actor, agency_id: int, document_id: int) -> IssuedDocument:
    document = documents_for_agency(actor, agency_id).filter(pk=document_id).first()
    if document is None:
        raise NotFound(_("Document not found."), code="document_not_found")
    return document


def letter_template_current(agency_id: int, kind: str) -> LetterTemplate | None:
    return LetterTemplate.objects.filter(agency_id=agency_id, kind=kind, is_active=True).first()


def letter_templates_for(actor: Actor, agency_id: int) -> QuerySet[LetterTemplate]:
    """The agency's current template per kind: its staff and supervisors above it."""
    agency = agency_get_for(actor, agency_id)
    return LetterTemplate.objects.filter(agency=agency, is_active=True).select_related("agency").order_by("kind")


def letter_template_for(actor: Actor, agency_id: int, kind: str) -> LetterTemplate:
    template = letter_templates_for(actor, agency_id).filter(kind=kind).first()
    if template is None:
        raise NotFound(_("Letter template not found."), code="letter_template_not_found")
    return template


def document_public_get(code: str) -> IssuedDocument:
    """A document by its verification code, for anyone holding the code."""
    document = IssuedDocument.objects.select_related("agency").filter(verification_code=code).first() if code else None
    if document is None:
        raise NotFound(_("No document has this verification code."), code="document_not_found")
    return document


class Verdict(enum.StrEnum):
    AUTHENTIC = "authentic"
    REVOKED = "revoked"
    ALTERED = "altered"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class Verification:
    verdict: Verdict
    document: IssuedDocument | None
    sha256: str


PDF_MAGIC = b"%PDF-"


def document_verify_upload(pdf: bytes) -> Verification:
    """Is this file a document Padu issued, unchanged and with a valid signature?"""
    # The header may follow a few junk bytes (PDF 1.7, 7.5.2), never more than 1 KiB.
    if PDF_MAGIC not in pdf[:1024]:
        raise InvalidInput(_("This file is not a PDF."), code="not_a_pdf")
    digest = hashlib.sha256(pdf).hexdigest()
    document = IssuedDocument.objects.select_related("agency").filter(sha256=digest).first()
    if document is not None:
        check = pdf_signature_check(pdf)
        if not (check.intact and check.trusted and check.covers_whole_file):
            return Verification(Verdict.ALTERED, document, digest)
        if document.revoked_at is not None:
            return Verification(Verdict.REVOKED, document, digest)
        return Verification(Verdict.AUTHENTIC, document, digest)
    # Not byte-identical: a copy of one of ours if it carries one of our signatures.
    digests = signature_digests(pdf)
    original = (
        IssuedDocument.objects.select_related("agency").filter(signature_sha256__in=digests).first()
        if digests
        else None
    )
    if original is not None:
        return Verification(Verdict.ALTERED, original, digest)
    check = pdf_signature_check(pdf)
    if check.found and check.trusted:
        return Verification(Verdict.ALTERED, None, digest)
    return Verification(Verdict.UNKNOWN, None, digest)
