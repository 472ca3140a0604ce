"""Writes: letter templates, issuing (render → number → sign → store) and revoking documents."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Collection
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from padu.core.actors import Actor
from padu.core.audit import audit_record
from padu.core.errors import Conflict, Forbidden, InvalidInput
from padu.core.models import Agency, Membership
from padu.core.numbering import number_take
from padu.documents import bodytext, rendering, signing
from padu.documents.models import BodyFormat, IssuedDocument, LetterTemplate
from padu.documents.permissions import can_edit_templates, can_revoke, can_sign_as
from padu.documents.pki import signer_session


@transaction.atomic
def letter_template_save(
    *,
    actor: Actor,
    agency: Agency,
    kind: str,
    name: str,
    body: str,
    body_format: str = BodyFormat.HTML,
    placeholders: Collection[str] = (),
) -> LetterTemplate:
    """Save a new version of the agency's template for `kind`; older versions stay, inactive.

    `body_format` `text`: `body` is plain paragraphs whose placeholders must be among
    `placeholders` (or `jawaban.*`); the HTML is made from it and the text kept to edit again.
    `html`: `body` is the HTML itself. Either way a broken body is `InvalidInput`
    `template_invalid`, its problems by line at `body`."""
    if not can_edit_templates(actor, agency):
        raise Forbidden()
    kind, name = kind.strip(), name.strip()
    if not kind or not name or not body.strip():
        raise InvalidInput(_("A template needs a kind, a name and a body."), code="template_incomplete")
    if body_format not in BodyFormat.values:
        raise InvalidInput(_("Choose how the letter is written."), code="template_format_invalid")
    text = ""
    if body_format == BodyFormat.TEXT:
        text = body.replace("\r\n", "\n").strip()
        body = bodytext.text_to_body(text, placeholders)
    rendering.template_check(body)
    existing = LetterTemplate.objects.filter(agency=agency, kind=kind)
    # Lock the kind's versions (PostgreSQL refuses FOR UPDATE with an aggregate, so list them).
    versions = list(existing.select_for_update().values_list("version", flat=True))
    version = max(versions, default=0) + 1
    existing.update(is_active=False)
    template = LetterTemplate.objects.create(
        agency=agency,
        kind=kind,
        name=name,
        body=body,
        body_format=body_format,
        body_text=text,
        version=version,
        is_active=True,
        created_by_id=actor.user_id,
    )
    audit_record(
        actor=actor,
        verb="letter_template.saved",
        agency=agency,
        obj=template,
        changes={"kind": kind, "name": name, "version": version, "body_format": body_format},
    )
    return template


PREVIEW_NUMBER = "PRATINJAU"


def letter_preview_pdf(*, actor: Actor, template: LetterTemplate, sample_context: dict[str, Any]) -> bytes:
    """The template rendered with sample data as an unsigned, unnumbered PDF marked
    "PRATINJAU — TIDAK SAH". Takes no number, signs nothing, stores nothing."""
    agency = template.agency
    if not can_edit_templates(actor, agency):
        raise Forbidden()
    values = rendering.letter_context(
        agency=agency, number=PREVIEW_NUMBER, when=timezone.now(), signer=None, context=sample_context
    )
    html = rendering.render_letter_html(
        title=template.name,
        body_html=rendering.render_body(template.body, values),
        values=values,
        place=agency.region.name.title() if agency.region_id else "",
        verify_url="",
        qr="",
        preview=True,
    )
    return rendering.letter_to_pdf(html)


def letter_preview_html(
    *,
    actor: Actor,
    template: LetterTemplate,
    context: dict[str, Any],
    signer_membership: Membership,
    number: str,
) -> SafeString:
    """The letter as `document_issue` would lay it out, as a fragment of a page for its signer
    to read before signing: the real data, `number` as given (a number is only taken when
    signing), no QR code, no signature. Takes nothing, stores nothing."""
    agency = template.agency
    if signer_membership.agency_id != agency.pk:
        raise InvalidInput(
            _("The template and the signer must belong to this agency."), code="document_agency_mismatch"
        )
    if not (can_sign_as(actor, signer_membership) or can_edit_templates(actor, agency)):
        raise Forbidden(_("Only the agency's signer may sign this document."), code="signer_required")
    now = timezone.now()
    values = rendering.letter_context(agency=agency, number=number, when=now, signer=signer_membership, context=context)
    return rendering.render_letter_preview(
        title=template.name,
        body_html=rendering.render_body(template.body, values),
        values=values,
        place=agency.region.name.title() if agency.region_id else "",
    )


def verification_url(code: str) -> str:
    return f"{settings.PADU_SITE_URL.rstrip('/')}/verifikasi/{code}/"


@transaction.atomic
def document_issue(
    *,
    actor: Actor,
    agency: Agency,
    kind: str,
    template: LetterTemplate,
    context: dict[str, Any],
    signer_membership: Membership,
    title: str = "",
    subject: str = "",
) -> IssuedDocument:
    """Render the letter, take its number, sign it and register it.

    `context` holds the letter's data (`pemohon`, `jumlah`, `perihal`, ...); it is used for the
    PDF only. `subject` is the public summary and must not contain personal data.
    """
    if signer_membership.agency_id != agency.pk or template.agency_id != agency.pk:
        raise InvalidInput(
            _("The template and the signer must belong to this agency."), code="document_agency_mismatch"
        )
    if not can_sign_as(actor, signer_membership):
        raise Forbidden(_("Only the agency's signer may sign this document."), code="signer_required")
    if not template.is_active:
        raise Conflict(_("This template version has been replaced; use the current one."), code="template_inactive")
    # The key (or the PKCS#11 token session) is opened before a number is taken, so a missing
    # key or a wrong PIN leaves no gap; a token session stays open while signing, then closes.
    with signer_session() as signer:
        now = timezone.now()
        number = number_take(agency=agency, kind=kind, when=now)
        code = secrets.token_urlsafe(18)
        url = verification_url(code)
        values = rendering.letter_context(
            agency=agency, number=number, when=now, signer=signer_membership, context=context
        )
        body_html = rendering.render_body(template.body, values)
        title = (title or template.name).strip()
        html = rendering.render_letter_html(
            title=title,
            body_html=body_html,
            values=values,
            place=agency.region.name.title() if agency.region_id else "",
            verify_url=url,
            qr=rendering.qr_data_uri(url),
        )
        unsigned = rendering.letter_to_pdf(html)
        signed = signing.pdf_sign(
            unsigned,
            signer=signer,
            reason=f"{title} {number}",
            location=agency.name,
            name=signer_membership.user.full_name,
        )
        digests = signing.signature_digests(signed)
        document = IssuedDocument(
            agency=agency,
            kind=kind,
            template=template,
            number=number,
            title=title,
            subject=subject[:300],
            sha256=hashlib.sha256(signed).hexdigest(),
            signature_sha256=digests[-1] if digests else "",
            certificate_sha256=signing.certificate_sha256(signer),
            signer_id=signer_membership.user_id,
            signer_name=signer_membership.user.full_name,
            signer_position=signer_membership.position,
            signed_at=now,
            verification_code=code,
            created_by_id=actor.user_id,
        )
        # Stored before the row: a rollback may leave an unreferenced file, never a row without one.
        document.pdf.save(f"{code}.pdf", ContentFile(signed), save=False)
        try:
            with transaction.atomic():
                document.save()
        except IntegrityError as exc:
            # (agency, number) is unique: patterns that print the same number for two letters
            # (or a counter set back by hand). Nothing is issued; the number is not used up.
            if not IssuedDocument.objects.filter(agency=agency, number=number).exists():
                raise
            raise Conflict(
                _(
                    "The number %(number)s has already been given to another letter of this office. "
                    "Nothing was signed; ask the administrator to check the office's number patterns."
                )
                % {"number": number},
                code="document_number_taken",
            ) from exc
        audit_record(
            actor=actor,
            verb="document.issued",
            agency=agency,
            obj=document,
            changes={
                "kind": kind,
                "number": number,
                "template": template.pk,
                "template_version": template.version,
                "sha256": document.sha256,
                "signer": signer_membership.user_id,
            },
        )
        return document


@transaction.atomic
def document_revoke(*, actor: Actor, document: IssuedDocument, reason: str) -> IssuedDocument:
    if not can_revoke(actor, document.agency):
        raise Forbidden()
    reason = reason.strip()
    if not reason:
        raise InvalidInput(_("Give the reason for revoking the document."), code="revoke_reason_missing")
    if document.revoked_at is not None:
        raise Conflict(_("This document has already been revoked."), code="document_already_revoked")
    document.revoked_at = timezone.now()
    document.revoked_reason = reason[:300]
    document.save(update_fields=["revoked_at", "revoked_reason"])
    audit_record(actor=actor, verb="document.revoked", agency=document.agency, obj=document, changes={"reason": reason})
    return document
