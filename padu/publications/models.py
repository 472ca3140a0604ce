"""News and announcements (berita, pengumuman) and the legal-documents register (JDIH)."""

from __future__ import annotations

import re

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _

from padu.core.models import Agency

# ---- news and announcements ----

# The public route of news images (covers); rich text may show images from it.
NEWS_IMAGE_PATH = "/berita/gambar/"


class NewsKind(models.TextChoices):
    NEWS = "news", _("News")
    ANNOUNCEMENT = "announcement", _("Announcement")


class NewsStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


def _cover_path(instance: NewsItem, filename: str) -> str:
    return f"information/news/{instance.agency_id}/{filename}"


class NewsItem(models.Model):
    """A news item or announcement of one agency. The public sees it only when it is
    published and its publication time has come (a later time schedules it)."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="news_items")
    kind = models.CharField(_("kind"), max_length=12, choices=NewsKind.choices, default=NewsKind.NEWS)
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=120)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    body = models.TextField(_("text"), help_text=_("Sanitised HTML."))
    cover = models.FileField(_("cover image"), upload_to=_cover_path, max_length=255, blank=True)
    cover_alt = models.CharField(_("image description"), max_length=200, blank=True)
    cover_content_type = models.CharField(max_length=40, blank=True, editable=False)
    cover_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    cover_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    status = models.CharField(_("status"), max_length=10, choices=NewsStatus.choices, default=NewsStatus.DRAFT)
    publish_at = models.DateTimeField(_("publication time"), null=True, blank=True)
    pinned_until = models.DateTimeField(
        _("pinned until"), null=True, blank=True, help_text=_("Announcements only: shown first until this time.")
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-publish_at", "-pk"]
        db_table = "information_newsitem"
        verbose_name = _("news item")
        verbose_name_plural = _("news and announcements")
        constraints = [
            models.UniqueConstraint(fields=["agency", "slug"], name="information_news_slug"),
            models.CheckConstraint(
                condition=~models.Q(status="published") | models.Q(publish_at__isnull=False),
                name="information_news_published_has_time",
            ),
            models.CheckConstraint(
                condition=models.Q(cover="") | ~models.Q(cover_alt=""),
                name="information_news_cover_has_alt",
            ),
        ]
        indexes = [models.Index(fields=["status", "publish_at"], name="information_news_visible")]

    def __str__(self) -> str:
        return self.title


# ---- legal documents (JDIH) ----


class LegalType(models.TextChoices):
    PERDA = "perda", _("Regional regulation (Perda)")
    PERGUB = "pergub", _("Governor regulation (Pergub)")
    PERBUP = "perbup", _("Regent regulation (Perbup)")
    PERWAL = "perwal", _("Mayor regulation (Perwal)")
    PERDES = "perdes", _("Village regulation (Perdes)")
    PERKADES = "perkades", _("Village head regulation (Perkades)")
    PERBER = "perber", _("Joint regulation (Peraturan Bersama)")
    KEPGUB = "kepgub", _("Governor decision (Keputusan Gubernur)")
    KEPBUP = "kepbup", _("Regent decision (Keputusan Bupati)")
    KEPWAL = "kepwal", _("Mayor decision (Keputusan Wali Kota)")
    KEPKADES = "kepkades", _("Village head decision (Keputusan Kepala Desa)")
    KEPUTUSAN = "keputusan", _("Other decision (Keputusan)")
    SE = "se", _("Circular (Surat Edaran)")
    INSTRUKSI = "instruksi", _("Instruction (Instruksi)")
    OTHER = "lainnya", _("Other legal document")


# The Indonesian name and abbreviation of each type, as JDIH portals print them.
LEGAL_TYPE_NAMES: dict[str, tuple[str, str]] = {
    "perda": ("Peraturan Daerah", "PERDA"),
    "pergub": ("Peraturan Gubernur", "PERGUB"),
    "perbup": ("Peraturan Bupati", "PERBUP"),
    "perwal": ("Peraturan Wali Kota", "PERWAL"),
    "perdes": ("Peraturan Desa", "PERDES"),
    "perkades": ("Peraturan Kepala Desa", "PERKADES"),
    "perber": ("Peraturan Bersama", "PERBER"),
    "kepgub": ("Keputusan Gubernur", "KEPGUB"),
    "kepbup": ("Keputusan Bupati", "KEPBUP"),
    "kepwal": ("Keputusan Wali Kota", "KEPWAL"),
    "kepkades": ("Keputusan Kepala Desa", "KEPKADES"),
    "keputusan": ("Keputusan", "KEP"),
    "se": ("Surat Edaran", "SE"),
    "instruksi": ("Instruksi", "INS"),
    "lainnya": ("Dokumen Hukum Lainnya", "LAIN"),
}


class LegalStatus(models.TextChoices):
    IN_FORCE = "berlaku", _("In force")
    AMENDED = "diubah", _("Amended")
    REVOKED = "dicabut", _("Revoked")
    NOT_IN_FORCE = "tidak_berlaku", _("No longer in force")


class LegalLanguage(models.TextChoices):
    INDONESIAN = "id", _("Indonesian")
    ENGLISH = "en", _("English")
    SUNDANESE = "su", _("Sundanese")
    JAVANESE = "jv", _("Javanese")
    OTHER = "other", _("Other")


LANGUAGE_NAMES = {"id": "Indonesia", "en": "Inggris", "su": "Sunda", "jv": "Jawa", "other": "Lainnya"}


_WORD = re.compile(r"[^\W_]+")


def search_words(text: str) -> list[str]:
    """The lower-case words of a text, as the register indexes and searches them."""
    return _WORD.findall((text or "").lower())


def _legal_pdf_path(instance: LegalDocument, filename: str) -> str:
    return f"information/jdih/{instance.agency_id}/{filename}"


class LegalDocument(models.Model):
    """A regulation or decision in the agency's JDIH register, with the JDIHN metadata."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="legal_documents")
    doc_type = models.CharField(_("type"), max_length=12, choices=LegalType.choices)
    number = models.CharField(_("number"), max_length=50)
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=500, help_text=_("What it is about (tentang …)."))
    slug = models.SlugField(max_length=120, editable=False)
    place_enacted = models.CharField(_("place enacted"), max_length=100, blank=True)
    date_enacted = models.DateField(_("date enacted (ditetapkan)"), null=True, blank=True)
    date_promulgated = models.DateField(_("date promulgated (diundangkan)"), null=True, blank=True)
    signer = models.CharField(_("signed by"), max_length=200, blank=True)
    initiator = models.CharField(_("initiator (pemrakarsa)"), max_length=200, blank=True)
    subject = models.CharField(_("subject"), max_length=300, blank=True, help_text=_("Keywords, separated by commas."))
    field_of_law = models.CharField(_("field of law"), max_length=150, blank=True)
    language = models.CharField(
        _("language"), max_length=8, choices=LegalLanguage.choices, default=LegalLanguage.INDONESIAN
    )
    source = models.CharField(
        _("source"),
        max_length=300,
        blank=True,
        help_text=_("Where it was promulgated, e.g. Lembaran Daerah Kabupaten Bandung Tahun 2024 Nomor 7."),
    )
    status = models.CharField(_("status"), max_length=14, choices=LegalStatus.choices, default=LegalStatus.IN_FORCE)
    abstract = models.TextField(_("abstract"), blank=True, help_text=_("Sanitised HTML."))
    pdf = models.FileField(_("PDF"), upload_to=_legal_pdf_path, max_length=255, blank=True)
    pdf_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    pdf_size = models.PositiveIntegerField(null=True, blank=True, editable=False)
    pdf_pages = models.PositiveIntegerField(null=True, blank=True, editable=False)
    pdf_text = models.TextField(blank=True, editable=False)
    # " word word … ": the lower-case words of the metadata, abstract and PDF text, each with
    # a space on both sides, so that SQLite can match whole words; searched on every database.
    search_text = models.TextField(blank=True, editable=False)
    # PostgreSQL only (NULL elsewhere): the 'simple' tsvector of search_text, GIN-indexed.
    search_vector = SearchVectorField(null=True, editable=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year", "doc_type", "-pk"]
        db_table = "information_legaldocument"
        verbose_name = _("legal document")
        verbose_name_plural = _("legal documents (JDIH)")
        constraints = [
            models.UniqueConstraint(fields=["agency", "doc_type", "number", "year"], name="information_legal_number"),
        ]
        indexes = [models.Index(fields=["published_at", "year"], name="information_legal_visible")]

    def __str__(self) -> str:
        return self.citation

    @property
    def type_name(self) -> str:
        return LEGAL_TYPE_NAMES.get(self.doc_type, ("", ""))[0]

    @property
    def type_abbreviation(self) -> str:
        return LEGAL_TYPE_NAMES.get(self.doc_type, ("", ""))[1]

    @property
    def key(self) -> str:
        """The public address part: the id, then the readable slug (e.g. "12-perda-7-2024-...")."""
        return f"{self.pk}-{self.slug}" if self.slug else str(self.pk)

    @property
    def citation(self) -> str:
        """E.g. "Peraturan Daerah Nomor 7 Tahun 2024" (the noPanggil of JDIHN)."""
        return f"{self.type_name} Nomor {self.number} Tahun {self.year}"


class RelationKind(models.TextChoices):
    AMENDS = "amends", _("amends")
    REVOKES = "revokes", _("revokes")
    IMPLEMENTS = "implements", _("implements")


# How the same relation reads from the other side.
RELATION_INVERSE_LABELS = {
    "amends": _("amended by"),
    "revokes": _("revoked by"),
    "implements": _("implemented by"),
}


class LegalRelation(models.Model):
    """One relation between two documents, stored once and read from both sides: "A amends
    B" is also "B is amended by A". The target is another document in the register or, for
    a national regulation not in it, a citation."""

    source = models.ForeignKey(LegalDocument, on_delete=models.CASCADE, related_name="relations_out")
    kind = models.CharField(_("relation"), max_length=12, choices=RelationKind.choices)
    target = models.ForeignKey(
        LegalDocument, null=True, blank=True, on_delete=models.PROTECT, related_name="relations_in"
    )
    target_citation = models.CharField(_("regulation outside the register"), max_length=300, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "pk"]
        db_table = "information_legalrelation"
        verbose_name = _("relation between legal documents")
        verbose_name_plural = _("relations between legal documents")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(target__isnull=False) & models.Q(target_citation=""))
                | (models.Q(target__isnull=True) & ~models.Q(target_citation="")),
                name="information_relation_one_target",
            ),
            models.UniqueConstraint(
                fields=["source", "kind", "target"],
                condition=models.Q(target__isnull=False),
                name="information_relation_unique",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.kind} {self.target or self.target_citation}"
