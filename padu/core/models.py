"""The kernel's data: regions, agencies (tenants), memberships, audit, calendar, numbering."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from padu.core.roles import Role


class RegionLevel(models.IntegerChoices):
    PROVINCE = 1, _("Province")
    REGENCY = 2, _("Regency / city")
    DISTRICT = 3, _("District")
    VILLAGE = 4, _("Village")


class RegionType(models.TextChoices):
    PROVINSI = "provinsi", _("Province")
    KABUPATEN = "kabupaten", _("Regency")
    KOTA = "kota", _("City")
    KECAMATAN = "kecamatan", _("District")
    DISTRIK = "distrik", _("District (Papua)")
    KELURAHAN = "kelurahan", _("Urban village")
    DESA = "desa", _("Village")
    DESA_ADAT = "desa_adat", _("Customary village")


class Region(models.Model):
    """A Kemendagri region. The dotted code is a materialised path: `32.04.` prefixes
    everything inside Kabupaten Bandung."""

    code = models.CharField(_("code"), max_length=13, primary_key=True)
    name = models.CharField(_("name"), max_length=120)
    # Lower-case ASCII form of the name, for accent- and case-insensitive search.
    search_name = models.CharField(max_length=120, db_index=True, editable=False)
    level = models.PositiveSmallIntegerField(_("level"), choices=RegionLevel.choices)
    type = models.CharField(_("type"), max_length=12, choices=RegionType.choices)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    postal_code = models.CharField(_("postal code"), max_length=5, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        indexes = [
            # Prefix queries on the code ("everything under 32.04") on PostgreSQL.
            models.Index(fields=["code"], name="core_region_code_prefix", opclasses=["varchar_pattern_ops"]),
            models.Index(fields=["parent", "name"], name="core_region_parent_name"),
        ]

    def __str__(self) -> str:
        return f"{self.get_type_display()} {self.name} ({self.code})"


class AgencyKind(models.TextChoices):
    VILLAGE_GOVERNMENT = "desa", _("Village government (pemerintah desa)")
    URBAN_VILLAGE = "kelurahan", _("Urban village office (kelurahan)")
    DISTRICT = "kecamatan", _("District office (kecamatan)")
    DEPARTMENT = "dinas", _("Department or agency (dinas/badan)")
    LOCAL_GOVERNMENT = "pemda", _("Regional government (pemerintah daerah)")
    MINISTRY = "kementerian", _("Ministry or national agency (kementerian/lembaga)")


class AgencyLevel(models.IntegerChoices):
    NATIONAL = 0, _("National")
    PROVINCE = 1, _("Province")
    REGENCY = 2, _("Regency / city")
    DISTRICT = 3, _("District")
    VILLAGE = 4, _("Village")


class TimeZone(models.TextChoices):
    WIB = "Asia/Jakarta", _("WIB (UTC+7)")
    WITA = "Asia/Makassar", _("WITA (UTC+8)")
    WIT = "Asia/Jayapura", _("WIT (UTC+9)")


class Agency(models.Model):
    """A government office (instansi): the tenant that owns its data."""

    slug = models.SlugField(_("short name"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=12, choices=AgencyKind.choices)
    level = models.PositiveSmallIntegerField(_("level"), choices=AgencyLevel.choices)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="agencies", verbose_name=_("region"))
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("parent agency"),
    )
    # Materialised path of agency ids ("/1/5/12/"): "everything beneath" is a prefix query.
    tree_path = models.CharField(max_length=255, editable=False, db_index=True)
    time_zone = models.CharField(_("time zone"), max_length=20, choices=TimeZone.choices)
    code = models.CharField(
        _("office code"), max_length=30, blank=True, help_text=_("Used in letter numbers, e.g. DS-SRG.")
    )
    # Letterhead (kop surat)
    logo = models.FileField(_("logo"), upload_to="agency-logos/", blank=True)
    address = models.CharField(_("address"), max_length=300, blank=True)
    phone = models.CharField(_("telephone"), max_length=30, blank=True)
    email = models.EmailField(_("email"), blank=True)
    website = models.URLField(_("website"), blank=True)
    settings = models.JSONField(_("settings"), default=dict, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["tree_path"]
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        indexes = [
            models.Index(fields=["tree_path"], name="core_agency_path_prefix", opclasses=["varchar_pattern_ops"]),
        ]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A staff member's role in one agency. Staff act through memberships."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    position = models.CharField(_("position"), max_length=150, blank=True, help_text=_("e.g. Kepala Desa"))
    employee_number = models.CharField(_("employee number (NIP)"), max_length=30, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [models.UniqueConstraint(fields=["user", "agency", "role"], name="core_membership_unique")]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} @ {self.agency}"


class AuditEvent(models.Model):
    """Append-only, hash-chained record of every change of legal or citizen-visible state.

    Each agency has its own chain (chain 0 holds events without an agency), so writers in
    different offices do not queue behind each other. `hash` covers the previous row's
    hash and this row's content; `padu audit verify` walks every chain.
    """

    chain = models.BigIntegerField(default=0, editable=False)
    seq = models.BigIntegerField(editable=False)
    created_at = models.DateTimeField(editable=False)
    actor_id = models.BigIntegerField(null=True, blank=True, editable=False)
    actor_label = models.CharField(max_length=200, blank=True, editable=False)
    agency_id = models.BigIntegerField(null=True, blank=True, editable=False)
    verb = models.CharField(max_length=80, editable=False)
    object_type = models.CharField(max_length=80, blank=True, editable=False)
    object_id = models.CharField(max_length=64, blank=True, editable=False)
    changes = models.JSONField(default=dict, editable=False)
    ip_address = models.GenericIPAddressField(null=True, blank=True, editable=False)
    user_agent = models.CharField(max_length=300, blank=True, editable=False)
    prev_hash = models.CharField(max_length=64, editable=False)
    hash = models.CharField(max_length=64, editable=False)

    class Meta:
        ordering = ["chain", "seq"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        constraints = [models.UniqueConstraint(fields=["chain", "seq"], name="core_audit_chain_seq")]
        indexes = [
            models.Index(fields=["object_type", "object_id"], name="core_audit_object"),
            models.Index(fields=["agency_id", "-created_at"], name="core_audit_agency_time"),
        ]

    def __str__(self) -> str:
        return f"#{self.chain}.{self.seq} {self.verb} {self.object_type}:{self.object_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise RuntimeError("Audit events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise RuntimeError("Audit events are append-only.")


class AuditChainHead(models.Model):
    """The last row of each audit chain. Writers lock it to append in turn; `verify`
    compares it with the chain so that deleting the newest rows is caught too."""

    chain = models.BigIntegerField(primary_key=True)
    last_seq = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64)

    def __str__(self) -> str:
        return f"chain {self.chain} at {self.last_seq}"


class PersonalDataAccess(models.Model):
    """A staff member, or another system with an agency's API token, viewed a person's
    personal data (UU PDP access log). For a token, `viewer` is the person who created the
    token (none if the token was made at the command line or its creator was removed)."""

    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="personal_data_accesses"
    )
    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    token = models.ForeignKey(
        "ApiToken", null=True, blank=True, on_delete=models.PROTECT, related_name="+", verbose_name=_("API token")
    )
    agency = models.ForeignKey(Agency, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    purpose = models.CharField(_("purpose"), max_length=200)
    fields = models.JSONField(_("fields viewed"), default=list)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("personal-data access")
        verbose_name_plural = _("personal-data accesses")

    def __str__(self) -> str:
        who = f"token:{self.token_id}" if self.token_id else str(self.viewer_id)
        return f"{self.created_at:%Y-%m-%d %H:%M} {who} → {self.subject_id}"

    @property
    def viewer_label(self) -> str:
        """Who looked, as the person sees it: the officer, or "API token <prefix> (owner)"."""
        token = self.token if self.token_id is not None else None
        if token is None:
            return str(self.viewer) if self.viewer_id is not None else ""
        if self.viewer_id is None:
            return _("API token %(prefix)s") % {"prefix": token.prefix}
        return _("API token %(prefix)s (%(owner)s)") % {"prefix": token.prefix, "owner": self.viewer}


class AgencyHoliday(models.Model):
    """A day off an agency declares for itself (a local holiday), on top of the national ones."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="holidays")
    date = models.DateField(_("date"))
    name = models.CharField(_("name"), max_length=150)

    class Meta:
        ordering = ["date"]
        verbose_name = _("agency holiday")
        verbose_name_plural = _("agency holidays")
        constraints = [models.UniqueConstraint(fields=["agency", "date"], name="core_agency_holiday_unique")]

    def __str__(self) -> str:
        return f"{self.date} {self.name}"


class ResetPeriod(models.TextChoices):
    YEARLY = "yearly", _("Every year")
    NEVER = "never", _("Never")


class NumberPattern(models.Model):
    """How an agency numbers one kind of document, e.g. `[nomor,3]/[kode]/[bulan_romawi]/[tahun]`."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="number_patterns")
    kind = models.CharField(_("document kind"), max_length=50)
    pattern = models.CharField(_("pattern"), max_length=200)
    reset = models.CharField(_("reset"), max_length=10, choices=ResetPeriod.choices, default=ResetPeriod.YEARLY)
    classification_code = models.CharField(_("classification code"), max_length=30, blank=True)

    class Meta:
        verbose_name = _("number pattern")
        verbose_name_plural = _("number patterns")
        constraints = [models.UniqueConstraint(fields=["agency", "kind"], name="core_number_pattern_unique")]

    def __str__(self) -> str:
        return f"{self.kind}: {self.pattern}"


class NumberCounter(models.Model):
    """The last number taken per agency, counter and period; locked row by row when taken.

    `kind` names the counter: `@agenda` (the agency's letters, one agenda per period),
    `@kode:<classification code>` (when the agency numbers per code), or a register's own
    kind (PPID requests keep their own counters)."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=50)
    period = models.CharField(max_length=10)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "kind", "period"], name="core_number_counter_unique")]

    def __str__(self) -> str:
        return f"{self.kind} {self.period}: {self.last}"


class ApiToken(models.Model):
    """A scoped credential for another system acting for one agency. Only a hash is stored."""

    agency = models.ForeignKey(Agency, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=12, unique=True, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    scopes = models.JSONField(_("scopes"), default=list)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"
