"""Writes for news, announcements and the JDIH register. Atomic and audited.

News: a draft is edited freely; `news_publish` makes it public from its publication time
(now, or later: scheduled), `news_unpublish` takes it back to draft. Every edit, publish and
unpublish writes an audit event. Legal documents: a draft gets its metadata and PDF, is
published, and gains relations to other documents; "A amends/revokes B" changes B's status.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import re
from collections.abc import Collection
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import connection, transaction
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from padu.core.actors import Actor
from padu.core.audit import audit_record
from padu.core.errors import Conflict, Forbidden, InvalidInput
from padu.core.models import Agency
from padu.core.richtext import default_image_prefixes, sanitise, to_text
from padu.core.uploads import clean
from padu.publications.models import (
    NEWS_IMAGE_PATH,
    LegalDocument,
    LegalLanguage,
    LegalRelation,
    LegalStatus,
    LegalType,
    NewsItem,
    NewsKind,
    NewsStatus,
    RelationKind,
    search_words,
)
from padu.publications.permissions import can_publish

# Addresses under an agency's news list that are not items.
RESERVED_SLUGS = frozenset({"rss", "atom"})
COVER_MAX_BYTES = 5 * 1024 * 1024
COVER_MAX_PIXELS = 40_000_000  # refuse decompression bombs before decoding
COVER_MAX_WIDTH = 1600
ABSTRACT_MAX = 50_000
PDF_MAX_BYTES = 20 * 1024 * 1024
PDF_TEXT_MAX = 2_000_000  # characters kept for search
PDF_PAGES_MAX = 1000
NEWS_FIELDS = frozenset({"kind", "title", "slug", "summary", "body", "pinned_until", "cover_alt"})
# The metadata a legal document carries, in the order an editor asks for it.
LEGAL_FIELDS = (
    "doc_type",
    "number",
    "year",
    "title",
    "place_enacted",
    "date_enacted",
    "date_promulgated",
    "signer",
    "initiator",
    "subject",
    "field_of_law",
    "language",
    "source",
    "status",
    "abstract",
)
LEGAL_LIMITS = {
    "number": 50,
    "title": 500,
    "place_enacted": 100,
    "signer": 200,
    "initiator": 200,
    "subject": 300,
    "field_of_law": 150,
    "source": 300,
}
_IMAGE_MAGIC = {
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
}
_PIL_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}


def _require_publisher(actor: Actor, agency_id: int) -> None:
    if not can_publish(actor, agency_id):
        raise Forbidden(_("Only the agency's administrator or information officer (PPID) may publish."))


def _unknown(fields: dict[str, Any], allowed: Collection[str], code: str) -> None:
    unknown = set(fields) - set(allowed)
    if unknown:
        raise InvalidInput(_("Unknown fields: %(f)s") % {"f": ", ".join(sorted(unknown))}, code=code)


def _user(actor: Actor) -> Any:
    return actor.user if actor.user_id is not None else None


# ---------------------------------------------------------------------------------------
# News and announcements
# ---------------------------------------------------------------------------------------


def _check_news(item: NewsItem) -> None:
    errors: dict[str, list[str]] = {}
    item.title = (item.title or "").strip()
    item.summary = " ".join((item.summary or "").split())
    if not item.title:
        errors["title"] = [_("Write a title.")]
    elif len(item.title) > 200:
        errors["title"] = [_("The title is at most 200 characters.")]
    if len(item.summary) > 300:
        errors["summary"] = [_("The summary is at most 300 characters.")]
    if item.kind not in NewsKind.values:
        errors["kind"] = [_("Choose news or announcement.")]
    item.cover_alt = " ".join((item.cover_alt or "").split())
    if item.cover and not item.cover_alt:
        errors["cover_alt"] = [_("Describe the image for people who cannot see it.")]
    elif len(item.cover_alt) > 200:
        errors["cover_alt"] = [_("The description is at most 200 characters.")]
    item.body = sanitise(item.body or "", field="body", image_prefixes=(*default_image_prefixes(), NEWS_IMAGE_PATH))
    if not to_text(item.body) and "<img" not in item.body:
        errors["body"] = [_("Write the text.")]
    if item.pinned_until is not None:
        if item.kind != NewsKind.ANNOUNCEMENT:
            errors["pinned_until"] = [_("Only announcements can be pinned.")]
        elif item.pinned_until <= (item.publish_at or timezone.now()):
            errors["pinned_until"] = [_("The pin must end after the publication time.")]
    if errors:
        raise InvalidInput(_("The news item is not complete."), code="news_invalid", errors=errors)


def _free_slug(agency: Agency, wanted: str) -> str:
    base = slugify(wanted)[:110] or "berita"
    if base in RESERVED_SLUGS:
        base = f"{base}-berita"
    taken = set(NewsItem.objects.filter(agency=agency, slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


@transaction.atomic
def news_create(
    *,
    actor: Actor,
    agency: Agency,
    title: str,
    body: str,
    kind: str = NewsKind.NEWS,
    summary: str = "",
    slug: str = "",
    pinned_until: dt.datetime | None = None,
) -> NewsItem:
    """A new draft. Its slug comes from the title unless given; a taken slug gets a number."""
    _require_publisher(actor, agency.pk)
    item = NewsItem(
        agency=agency,
        kind=kind,
        title=title,
        body=body,
        summary=summary,
        pinned_until=pinned_until,
        created_by=_user(actor),
        updated_by=_user(actor),
    )
    _check_news(item)
    if slug and slugify(slug) in RESERVED_SLUGS:
        raise InvalidInput(
            _("Write a short name."), code="news_invalid", errors={"slug": [_("Choose another short name.")]}
        )
    if slug and NewsItem.objects.filter(agency=agency, slug=slugify(slug)).exists():
        raise Conflict(
            _("This agency already has a news item with this short name."),
            code="news_slug_taken",
            errors={"slug": [_("Choose another short name.")]},
        )
    item.slug = slugify(slug)[:120] if slug else _free_slug(agency, item.title)
    item.save()
    audit_record(
        actor=actor, verb="news.created", agency=agency, obj=item, changes={"title": item.title, "kind": item.kind}
    )
    return item


@transaction.atomic
def news_update(*, actor: Actor, item: NewsItem, **fields: Any) -> NewsItem:
    """Edit a draft or a published item; the audit event names the changed fields."""
    _require_publisher(actor, item.agency_id)
    _unknown(fields, NEWS_FIELDS, "news_invalid")
    item = NewsItem.objects.select_for_update().get(pk=item.pk)
    before = {k: getattr(item, k) for k in fields}
    if "slug" in fields:
        new_slug = slugify(fields["slug"] or "")[:120]
        if not new_slug or new_slug in RESERVED_SLUGS:
            raise InvalidInput(_("Write a short name."), code="news_invalid", errors={"slug": [_("Required.")]})
        if NewsItem.objects.filter(agency_id=item.agency_id, slug=new_slug).exclude(pk=item.pk).exists():
            raise Conflict(
                _("This agency already has a news item with this short name."),
                code="news_slug_taken",
                errors={"slug": [_("Choose another short name.")]},
            )
        fields["slug"] = new_slug
    for key, value in fields.items():
        setattr(item, key, value)
    _check_news(item)
    changed = sorted(k for k in fields if getattr(item, k) != before[k])
    item.updated_by = _user(actor)
    item.save()
    if changed:
        audit_record(
            actor=actor,
            verb="news.edited",
            agency=item.agency,
            obj=item,
            changes={"fields": changed, "title": item.title, "status": item.status},
        )
    return item


@transaction.atomic
def news_publish(*, actor: Actor, item: NewsItem, publish_at: dt.datetime | None = None) -> NewsItem:
    """Make the item public from `publish_at` (default now). A scheduled item may be given a
    new time; an item already public must be unpublished first."""
    _require_publisher(actor, item.agency_id)
    item = NewsItem.objects.select_for_update().get(pk=item.pk)
    now = timezone.now()
    if item.status == NewsStatus.PUBLISHED and item.publish_at is not None and item.publish_at <= now:
        raise Conflict(_("This item is already public."), code="news_already_published")
    when = publish_at or now
    if when < now - dt.timedelta(days=1):
        raise InvalidInput(
            _("The publication time cannot be in the past."),
            code="news_invalid",
            errors={"publish_at": [_("Choose now or a later time.")]},
        )
    when = max(when, now)
    if item.pinned_until is not None and item.pinned_until <= when:
        raise InvalidInput(
            _("The pin ends before the item would appear."),
            code="news_invalid",
            errors={"pinned_until": [_("The pin must end after the publication time.")]},
        )
    item.status = NewsStatus.PUBLISHED
    item.publish_at = when
    item.updated_by = _user(actor)
    item.save(update_fields=["status", "publish_at", "updated_by", "updated_at"])
    audit_record(
        actor=actor,
        verb="news.scheduled" if when > now else "news.published",
        agency=item.agency,
        obj=item,
        changes={"title": item.title, "publish_at": when},
    )
    return item


@transaction.atomic
def news_unpublish(*, actor: Actor, item: NewsItem) -> NewsItem:
    _require_publisher(actor, item.agency_id)
    item = NewsItem.objects.select_for_update().get(pk=item.pk)
    if item.status != NewsStatus.PUBLISHED:
        raise Conflict(_("This item is not published."), code="news_not_published")
    item.status = NewsStatus.DRAFT
    item.publish_at = None
    item.updated_by = _user(actor)
    item.save(update_fields=["status", "publish_at", "updated_by", "updated_at"])
    audit_record(actor=actor, verb="news.unpublished", agency=item.agency, obj=item, changes={"title": item.title})
    return item


def _cover_error(message: str, code: str = "cover_invalid") -> InvalidInput:
    return InvalidInput(message, code=code, errors={"cover": [message]})


def _reencode_cover(data: bytes) -> tuple[bytes, str, int, int]:
    """Decode the image and write it anew: only pixels survive (no metadata, no trailing
    payload, no script in a polyglot file)."""
    head = data[:16]
    if head.startswith(b"RIFF") and data[8:12] == b"WEBP":
        sniffed = "image/webp"
    else:
        sniffed = next((t for t, magics in _IMAGE_MAGIC.items() if head.startswith(magics)), "")
    if not sniffed:
        raise _cover_error(_("The image must be a JPG, PNG or WebP file."), "cover_type_not_allowed")
    try:
        with Image.open(io.BytesIO(data)) as probe:
            if _PIL_FORMATS.get(probe.format or "") != sniffed:
                raise _cover_error(_("The image must be a JPG, PNG or WebP file."), "cover_type_not_allowed")
            width, height = probe.size
            if width * height > COVER_MAX_PIXELS:
                raise _cover_error(_("The image has too many pixels."), "cover_too_large")
            probe.verify()
        with Image.open(io.BytesIO(data)) as source:
            source.load()
            image = ImageOps.exif_transpose(source) or source
            if image.width > COVER_MAX_WIDTH:
                ratio = COVER_MAX_WIDTH / image.width
                image = image.resize((COVER_MAX_WIDTH, max(1, round(image.height * ratio))), Image.Resampling.LANCZOS)
            out = io.BytesIO()
            has_alpha = image.mode in ("RGBA", "LA", "P") and sniffed != "image/jpeg"
            if has_alpha:
                image.convert("RGBA").save(out, format="PNG", optimize=True)
                content_type = "image/png"
            else:
                image.convert("RGB").save(out, format="JPEG", quality=85, optimize=True, progressive=True)
                content_type = "image/jpeg"
            # Pillow carries a JPEG comment and a colour profile over into the new file; the
            # kernel's cleaning writes the pixels alone, as for every other upload.
            return clean(out.getvalue(), content_type, field="cover"), content_type, image.width, image.height
    except InvalidInput:
        raise
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, Image.DecompressionBombError) as exc:
        raise _cover_error(_("The image could not be read; it may be damaged.")) from exc


@transaction.atomic
def news_cover_set(*, actor: Actor, item: NewsItem, upload: UploadedFile, alt: str) -> NewsItem:
    """Check, re-encode and store a cover image. A description (alt text) is required."""
    _require_publisher(actor, item.agency_id)
    alt = " ".join((alt or "").split())
    if not alt:
        message = _("Describe the image for people who cannot see it.")
        raise InvalidInput(message, code="cover_alt_required", errors={"cover_alt": [message]})
    if len(alt) > 200:
        message = _("The description is at most 200 characters.")
        raise InvalidInput(message, code="news_invalid", errors={"cover_alt": [message]})
    if upload.size is not None and upload.size > COVER_MAX_BYTES:
        raise _cover_error(
            _("The image is larger than %(limit)s.") % {"limit": filesizeformat(COVER_MAX_BYTES)}, "file_too_large"
        )
    data = upload.read(COVER_MAX_BYTES + 1)
    if len(data) > COVER_MAX_BYTES:
        raise _cover_error(
            _("The image is larger than %(limit)s.") % {"limit": filesizeformat(COVER_MAX_BYTES)}, "file_too_large"
        )
    if not data:
        raise _cover_error(_("The file is empty."), "file_empty")
    encoded, content_type, width, height = _reencode_cover(data)
    item = NewsItem.objects.select_for_update().get(pk=item.pk)
    old = item.cover.name if item.cover else ""
    extension = "png" if content_type == "image/png" else "jpg"
    digest = hashlib.sha256(encoded).hexdigest()[:16]
    item.cover.save(f"{item.pk}-{digest}.{extension}", ContentFile(encoded), save=False)
    item.cover_alt = alt
    item.cover_content_type = content_type
    item.cover_width, item.cover_height = width, height
    item.updated_by = _user(actor)
    item.save()
    if old and old != item.cover.name:
        storage = item.cover.storage
        transaction.on_commit(lambda: storage.delete(old))
    audit_record(
        actor=actor,
        verb="news.edited",
        agency=item.agency,
        obj=item,
        changes={"fields": ["cover"], "title": item.title, "status": item.status, "cover_sha256": digest},
    )
    return item


@transaction.atomic
def news_cover_remove(*, actor: Actor, item: NewsItem) -> NewsItem:
    _require_publisher(actor, item.agency_id)
    item = NewsItem.objects.select_for_update().get(pk=item.pk)
    if not item.cover:
        return item
    old = item.cover.name or ""
    storage = item.cover.storage
    item.cover = ""
    item.cover_alt = ""
    item.cover_content_type = ""
    item.cover_width = item.cover_height = None
    item.save()
    transaction.on_commit(lambda: storage.delete(old))
    audit_record(
        actor=actor,
        verb="news.edited",
        agency=item.agency,
        obj=item,
        changes={"fields": ["cover"], "title": item.title, "removed": True},
    )
    return item


# ---------------------------------------------------------------------------------------
# Legal documents (JDIH)
# ---------------------------------------------------------------------------------------


def _legal_slug(document: LegalDocument) -> str:
    return (
        slugify(f"{document.type_abbreviation} {document.number} {document.year} {document.title}")[:120] or "dokumen"
    )


def _check_legal(document: LegalDocument) -> None:
    errors: dict[str, list[str]] = {}
    for name, limit in LEGAL_LIMITS.items():
        value = " ".join(str(getattr(document, name) or "").split())
        setattr(document, name, value)
        if len(value) > limit:
            errors[name] = [_("At most %(n)s characters.") % {"n": limit}]
    if document.doc_type not in LegalType.values:
        errors["doc_type"] = [_("Choose the type of document.")]
    if not document.number:
        errors["number"] = [_("Write the number.")]
    elif not re.fullmatch(r"[0-9A-Za-z./ -]+", document.number):
        errors["number"] = [_("Use digits, letters, dots, slashes and dashes only.")]
    this_year = timezone.now().year
    try:
        year = int(document.year)
    except (TypeError, ValueError):
        year = 0
    if not 1945 <= year <= this_year + 1:
        errors["year"] = [_("Write a year between 1945 and %(y)s.") % {"y": this_year + 1}]
    document.year = year
    if not document.title:
        errors["title"] = [_("Write the title (what it is about).")]
    if document.language not in LegalLanguage.values:
        errors["language"] = [_("Choose the language.")]
    if document.status not in LegalStatus.values:
        errors["status"] = [_("Choose the status.")]
    if document.date_enacted and document.date_promulgated and document.date_promulgated < document.date_enacted:
        errors["date_promulgated"] = [_("It cannot be promulgated before it was enacted.")]
    if document.date_enacted and year and abs(document.date_enacted.year - year) > 1:
        errors["date_enacted"] = [_("The date enacted does not match the year.")]
    document.abstract = sanitise(document.abstract or "", field="abstract", max_length=ABSTRACT_MAX)
    if errors:
        raise InvalidInput(_("The document's details are not complete."), code="legal_invalid", errors=errors)


def _number_taken(document: LegalDocument) -> bool:
    return (
        LegalDocument.objects.filter(
            agency_id=document.agency_id, doc_type=document.doc_type, number=document.number, year=document.year
        )
        .exclude(pk=document.pk)
        .exists()
    )


def _taken_error() -> Conflict:
    return Conflict(
        _("This agency already registered a document of this type with this number and year."),
        code="legal_number_taken",
        errors={"number": [_("This number is already in the register for this year.")]},
    )


def _refresh_search(document: LegalDocument) -> None:
    parts = [
        document.citation,
        document.type_abbreviation,
        f"{document.type_abbreviation} {document.number}/{document.year}",
        document.title,
        document.subject,
        document.field_of_law,
        document.initiator,
        document.signer,
        document.source,
        document.place_enacted,
        to_text(document.abstract),
        document.pdf_text,
    ]
    text = " " + " ".join(search_words(" ".join(p for p in parts if p))) + " "
    LegalDocument.objects.filter(pk=document.pk).update(search_text=text)
    document.search_text = text
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchVector

        LegalDocument.objects.filter(pk=document.pk).update(search_vector=SearchVector("search_text", config="simple"))


@transaction.atomic
def legal_create(*, actor: Actor, agency: Agency, **fields: Any) -> LegalDocument:
    """A new draft in the register (not public until published)."""
    _require_publisher(actor, agency.pk)
    _unknown(fields, LEGAL_FIELDS, "legal_invalid")
    document = LegalDocument(agency=agency, created_by=_user(actor), **fields)
    _check_legal(document)
    if _number_taken(document):
        raise _taken_error()
    document.slug = _legal_slug(document)
    document.save()
    _refresh_search(document)
    audit_record(
        actor=actor, verb="legal.created", agency=agency, obj=document, changes={"citation": document.citation}
    )
    return document


@transaction.atomic
def legal_update(*, actor: Actor, document: LegalDocument, **fields: Any) -> LegalDocument:
    _require_publisher(actor, document.agency_id)
    _unknown(fields, LEGAL_FIELDS, "legal_invalid")
    document = LegalDocument.objects.select_for_update().get(pk=document.pk)
    before = {k: getattr(document, k) for k in fields}
    for key, value in fields.items():
        setattr(document, key, value)
    _check_legal(document)
    if _number_taken(document):
        raise _taken_error()
    changed = {k: {"from": before[k], "to": getattr(document, k)} for k in fields if getattr(document, k) != before[k]}
    document.slug = _legal_slug(document)
    document.save()
    _refresh_search(document)
    if changed:
        # The abstract can be long: record that it changed, not its text.
        if "abstract" in changed:
            changed["abstract"] = {"changed": True}
        audit_record(
            actor=actor,
            verb="legal.edited",
            agency=document.agency,
            obj=document,
            changes={"citation": document.citation, "fields": changed},
        )
    return document


def _pdf_error(message: str, code: str) -> InvalidInput:
    return InvalidInput(message, code=code, errors={"pdf": [message]})


def extract_pdf_text(data: bytes) -> tuple[str, int]:
    """The text of a PDF and its page count; a clear error when it is not a readable PDF."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise _pdf_error(_("The PDF is protected by a password; upload it without one."), "pdf_encrypted")
        pages = len(reader.pages)
        if pages == 0:
            raise _pdf_error(_("The PDF has no pages."), "pdf_invalid")
        if pages > PDF_PAGES_MAX:
            raise _pdf_error(_("The PDF has more than %(n)s pages.") % {"n": PDF_PAGES_MAX}, "pdf_too_large")
        chunks: list[str] = []
        total = 0
        for page in reader.pages:
            try:
                text = page.extract_text() or ""
            except Exception:  # noqa: BLE001 - one unreadable page must not lose the rest
                text = ""
            chunks.append(text)
            total += len(text)
            if total > PDF_TEXT_MAX:
                break
    except InvalidInput:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, RecursionError) as exc:
        raise _pdf_error(_("The file could not be read as a PDF; it may be damaged."), "pdf_invalid") from exc
    return " ".join(" ".join(chunks).split())[:PDF_TEXT_MAX], pages


@transaction.atomic
def legal_pdf_set(*, actor: Actor, document: LegalDocument, upload: UploadedFile) -> LegalDocument:
    """Store the document's PDF after checking it is one (by its bytes and by parsing it),
    and index its text for search."""
    _require_publisher(actor, document.agency_id)
    limit = filesizeformat(PDF_MAX_BYTES)
    if upload.size is not None and upload.size > PDF_MAX_BYTES:
        raise _pdf_error(_("The PDF is larger than %(limit)s.") % {"limit": limit}, "file_too_large")
    data = upload.read(PDF_MAX_BYTES + 1)
    if len(data) > PDF_MAX_BYTES:
        raise _pdf_error(_("The PDF is larger than %(limit)s.") % {"limit": limit}, "file_too_large")
    if not data:
        raise _pdf_error(_("The file is empty."), "file_empty")
    if not data.startswith(b"%PDF-"):
        raise _pdf_error(_("The file must be a PDF."), "file_type_not_allowed")
    text, pages = extract_pdf_text(data)
    document = LegalDocument.objects.select_for_update().get(pk=document.pk)
    old = document.pdf.name if document.pdf else ""
    digest = hashlib.sha256(data).hexdigest()
    document.pdf.save(f"{document.slug[:80]}-{digest[:12]}.pdf", ContentFile(data), save=False)
    document.pdf_sha256 = digest
    document.pdf_size = len(data)
    document.pdf_pages = pages
    document.pdf_text = text
    document.save()
    _refresh_search(document)
    if old and old != document.pdf.name:
        storage = document.pdf.storage
        transaction.on_commit(lambda: storage.delete(old))
    audit_record(
        actor=actor,
        verb="legal.pdf_uploaded",
        agency=document.agency,
        obj=document,
        changes={"citation": document.citation, "sha256": digest, "pages": pages, "text_found": bool(text)},
    )
    return document


@transaction.atomic
def legal_publish(*, actor: Actor, document: LegalDocument) -> LegalDocument:
    _require_publisher(actor, document.agency_id)
    document = LegalDocument.objects.select_for_update().get(pk=document.pk)
    if document.published_at is not None:
        raise Conflict(_("This document is already public."), code="legal_already_published")
    errors: dict[str, list[str]] = {}
    if not document.pdf:
        errors["pdf"] = [_("Upload the PDF first.")]
    if not document.date_enacted:
        errors["date_enacted"] = [_("Write the date it was enacted.")]
    if errors:
        raise InvalidInput(_("The document cannot be published yet."), code="legal_incomplete", errors=errors)
    document.published_at = timezone.now()
    document.save(update_fields=["published_at", "updated_at"])
    audit_record(
        actor=actor,
        verb="legal.published",
        agency=document.agency,
        obj=document,
        changes={"citation": document.citation},
    )
    return document


@transaction.atomic
def legal_unpublish(*, actor: Actor, document: LegalDocument) -> LegalDocument:
    _require_publisher(actor, document.agency_id)
    document = LegalDocument.objects.select_for_update().get(pk=document.pk)
    if document.published_at is None:
        raise Conflict(_("This document is not public."), code="legal_not_published")
    document.published_at = None
    document.save(update_fields=["published_at", "updated_at"])
    audit_record(
        actor=actor,
        verb="legal.unpublished",
        agency=document.agency,
        obj=document,
        changes={"citation": document.citation},
    )
    return document


def _status_from_relations(target: LegalDocument) -> str:
    kinds = set(LegalRelation.objects.filter(target=target).values_list("kind", flat=True))
    if RelationKind.REVOKES in kinds:
        return LegalStatus.REVOKED
    if RelationKind.AMENDS in kinds:
        return LegalStatus.AMENDED
    if target.status in (LegalStatus.REVOKED, LegalStatus.AMENDED):
        return LegalStatus.IN_FORCE
    return target.status


def _apply_status(actor: Actor, target: LegalDocument, cause: str) -> None:
    target = LegalDocument.objects.select_for_update().get(pk=target.pk)
    status = _status_from_relations(target)
    if status != target.status:
        before = target.status
        target.status = status
        target.save(update_fields=["status", "updated_at"])
        audit_record(
            actor=actor,
            verb="legal.status_changed",
            agency=target.agency,
            obj=target,
            changes={"citation": target.citation, "from": before, "to": status, "because": cause},
        )


@transaction.atomic
def legal_relation_add(
    *,
    actor: Actor,
    document: LegalDocument,
    kind: str,
    target: LegalDocument | None = None,
    target_citation: str = "",
    note: str = "",
) -> LegalRelation:
    """Record that `document` amends, revokes or implements another. Amending and revoking
    change the other document's status and are only possible within one agency's register;
    a document may implement any public regulation, or one outside the register (by citation)."""
    _require_publisher(actor, document.agency_id)
    target_citation = " ".join((target_citation or "").split())
    note = " ".join((note or "").split())
    errors: dict[str, list[str]] = {}
    if kind not in RelationKind.values:
        errors["kind"] = [_("Choose the relation.")]
    if (target is None) == (not target_citation):
        errors["target"] = [_("Choose a document from the register, or write the regulation's name, not both.")]
    if len(target_citation) > 300 or len(note) > 300:
        errors["target_citation"] = [_("At most %(n)s characters.") % {"n": 300}]
    if target is not None:
        if target.pk == document.pk:
            errors["target"] = [_("A document cannot refer to itself.")]
        elif kind in (RelationKind.AMENDS, RelationKind.REVOKES) and target.agency_id != document.agency_id:
            errors["target"] = [_("A document can only amend or revoke documents of the same agency.")]
        elif target.agency_id != document.agency_id and target.published_at is None:
            errors["target"] = [_("Choose a published document.")]
        elif LegalRelation.objects.filter(source=target, target=document).exists():
            errors["target"] = [_("The other document already refers to this one.")]
    if errors:
        raise InvalidInput(_("The relation is not valid."), code="relation_invalid", errors=errors)
    if target is not None and LegalRelation.objects.filter(source=document, kind=kind, target=target).exists():
        raise Conflict(_("This relation is already recorded."), code="relation_exists")
    relation = LegalRelation.objects.create(
        source=document, kind=kind, target=target, target_citation=target_citation, note=note
    )
    audit_record(
        actor=actor,
        verb="legal.relation_added",
        agency=document.agency,
        obj=document,
        changes={
            "citation": document.citation,
            "kind": kind,
            "target": target.citation if target else target_citation,
            "target_id": target.pk if target else None,
        },
    )
    if target is not None:
        _apply_status(actor, target, f"{document.citation} {kind}")
    return relation


@transaction.atomic
def legal_relation_remove(*, actor: Actor, relation: LegalRelation) -> None:
    document = relation.source
    _require_publisher(actor, document.agency_id)
    target = relation.target
    audit_record(
        actor=actor,
        verb="legal.relation_removed",
        agency=document.agency,
        obj=document,
        changes={
            "citation": document.citation,
            "kind": relation.kind,
            "target": target.citation if target else relation.target_citation,
        },
    )
    relation.delete()
    if target is not None:
        _apply_status(actor, target, f"{document.citation} {relation.kind} removed")


@transaction.atomic
def news_save(
    *,
    actor: Actor,
    agency: Agency,
    item: NewsItem | None,
    fields: dict[str, Any],
    cover: UploadedFile | None = None,
    cover_alt: str = "",
    remove_cover: bool = False,
) -> NewsItem:
    """One save of the editor is one change: the text and the image succeed or fail together."""
    if item is None:
        item = news_create(actor=actor, agency=agency, **fields)
    else:
        item = news_update(actor=actor, item=item, **fields)
    if remove_cover:
        return news_cover_remove(actor=actor, item=item)
    if cover is not None:
        return news_cover_set(actor=actor, item=item, upload=cover, alt=cover_alt)
    return item


@transaction.atomic
def legal_save(
    *,
    actor: Actor,
    agency: Agency,
    document: LegalDocument | None,
    fields: dict[str, Any],
    pdf: UploadedFile | None = None,
) -> LegalDocument:
    """One save of the editor is one change: the metadata and the PDF succeed or fail together."""
    if document is None:
        document = legal_create(actor=actor, agency=agency, **fields)
    else:
        document = legal_update(actor=actor, document=document, **fields)
    if pdf is not None:
        document = legal_pdf_set(actor=actor, document=document, upload=pdf)
    return document
