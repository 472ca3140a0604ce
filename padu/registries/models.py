"""The population register of a village or kelurahan: its territory (dusun, RW, RT), residents,
families (KK), households, life events with their field-by-field history, imports waiting to be
applied, proposals from completed applications, and who read whose record.

NIK and No. KK are encrypted at rest, with keyed hashes for exact look-up (as in accounts): the
same person's NIK gives the same hash here and on their citizen profile, which is how an
account is matched to the register.
"""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from padu.core.crypto import decrypt
from padu.core.identifiers import mask_identifier
from padu.core.models import Agency, ApiToken
from padu.registries.codes import (
    BloodType,
    Citizenship,
    Disability,
    Education,
    Insurance,
    KtpStatus,
    LifeStatus,
    MaritalStatus,
    Occupation,
    Relationship,
    Religion,
    ResidentStatus,
    Sex,
)


class AreaLevel(models.TextChoices):
    DUSUN = "dusun", _("Hamlet (dusun / lingkungan)")
    RW = "rw", _("RW")
    RT = "rt", _("RT")


class Area(models.Model):
    """A part of the village: a dusun (lingkungan in a kelurahan), an RW inside it, an RT inside
    that. Residents and families are placed in an RT."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    level = models.CharField(_("level"), max_length=5, choices=AreaLevel.choices)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    name = models.CharField(_("name"), max_length=100, help_text=_("e.g. Dusun Cikoneng, RW 003, RT 001"))
    head_name = models.CharField(_("head's name"), max_length=150, blank=True)
    head_phone = models.CharField(_("head's telephone"), max_length=30, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar = ["agency", "level", "name"]
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["agency", "parent", "level", "name"], name="registries_area_unique"),
            # A dusun has no parent (SQLite and PostgreSQL treat NULLs as distinct).
            models.UniqueConstraint(
                fields=["agency", "level", "name"],
                condition=models.Q(parent__isnull=True),
                name="registries_area_top_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Family(models.Model):
    """A family card (Kartu Keluarga). `is_active` is false once the KK is replaced (split,
    merged) or everyone on it has left the register."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    kk_encrypted = models.TextField(editable=False)
    kk_hash = models.CharField(max_length=64, editable=False)
    area = models.ForeignKey(Area, null=True, blank=True, on_delete=models.PROTECT, related_name="families")
    address = models.CharField(_("address"), max_length=250, blank=True)
    issued_on = models.DateField(_("KK issued on"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("family (KK)")
        verbose_name_plural = _("families (KK)")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["agency", "kk_hash"], name="registries_family_kk_unique")
        ]

    def __str__(self) -> str:
        return self.kk_masked

    @property
    def kk_number(self) -> str:
        return decrypt(self.kk_encrypted)

    @property
    def kk_masked(self) -> str:
        return mask_identifier(self.kk_number)


class Household(models.Model):
    """A household (rumah tangga): the people who live and eat under one roof, which may be
    more than one KK. Programmes (BLT, PKH) count households, not KKs."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    number = models.CharField(_("household number"), max_length=30)
    area = models.ForeignKey(Area, null=True, blank=True, on_delete=models.PROTECT, related_name="households")
    address = models.CharField(_("address"), max_length=250, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["agency", "number"], name="registries_household_number_unique")
        ]

    def __str__(self) -> str:
        return self.number


class Resident(models.Model):
    """A person in the village's register, with the data items of UU 24/2013 Pasal 58(2) and
    what villages keep beside them. Changed only through life events and corrections
    (`padu.registries.services`), each of which writes `ResidentChange` rows."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    nik_encrypted = models.TextField(editable=False)
    nik_hash = models.CharField(max_length=64, editable=False)
    family = models.ForeignKey(Family, null=True, blank=True, on_delete=models.PROTECT, related_name="members")
    relationship = models.PositiveSmallIntegerField(
        _("relationship in the family (SHDK)"), choices=Relationship.choices, null=True, blank=True
    )
    household = models.ForeignKey(Household, null=True, blank=True, on_delete=models.SET_NULL, related_name="members")
    is_household_head = models.BooleanField(_("head of the household"), default=False)
    area = models.ForeignKey(Area, null=True, blank=True, on_delete=models.PROTECT, related_name="residents")
    name = models.CharField(_("name"), max_length=150)
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    birth_place = models.CharField(_("place of birth"), max_length=100)
    birth_date = models.DateField(_("date of birth"))
    blood_type = models.PositiveSmallIntegerField(_("blood type"), choices=BloodType.choices, default=BloodType.UNKNOWN)
    religion = models.PositiveSmallIntegerField(_("religion"), choices=Religion.choices)
    marital_status = models.PositiveSmallIntegerField(_("marital status"), choices=MaritalStatus.choices)
    disability = models.PositiveSmallIntegerField(_("disability"), choices=Disability.choices, default=Disability.NONE)
    education = models.PositiveSmallIntegerField(_("education"), choices=Education.choices)
    occupation = models.PositiveSmallIntegerField(_("occupation"), choices=Occupation.choices)
    father_nik_encrypted = models.TextField(blank=True, editable=False)
    father_name = models.CharField(_("father's name"), max_length=150, blank=True)
    mother_nik_encrypted = models.TextField(blank=True, editable=False)
    mother_name = models.CharField(_("mother's name"), max_length=150, blank=True)
    previous_address = models.CharField(_("previous address"), max_length=250, blank=True)
    address = models.CharField(_("address"), max_length=250, blank=True)
    birth_certificate_number = models.CharField(_("birth certificate number"), max_length=40, blank=True)
    birth_certificate_date = models.DateField(_("birth certificate date"), null=True, blank=True)
    marriage_certificate_number = models.CharField(_("marriage certificate number"), max_length=40, blank=True)
    marriage_date = models.DateField(_("date of marriage"), null=True, blank=True)
    divorce_certificate_number = models.CharField(_("divorce certificate number"), max_length=40, blank=True)
    divorce_date = models.DateField(_("date of divorce"), null=True, blank=True)
    citizenship = models.PositiveSmallIntegerField(
        _("citizenship"), choices=Citizenship.choices, default=Citizenship.WNI
    )
    resident_status = models.CharField(
        _("resident status"), max_length=10, choices=ResidentStatus.choices, default=ResidentStatus.PERMANENT
    )
    ktp_status = models.PositiveSmallIntegerField(_("e-KTP status"), choices=KtpStatus.choices, null=True, blank=True)
    insurance = models.PositiveSmallIntegerField(
        _("health insurance"), choices=Insurance.choices, null=True, blank=True
    )
    life_status = models.CharField(_("status"), max_length=6, choices=LifeStatus.choices, default=LifeStatus.PRESENT)
    # The dates the person entered and left this village's register (birth, moving in, first
    # import; death, moving out, going missing): the books are read "as at" any day from them.
    registered_on = models.DateField(_("in the register since"))
    left_on = models.DateField(_("left the register on"), null=True, blank=True)
    # The citizen account matched to this record by NIK and confirmed by an officer.
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="resident"
    )
    linked_at = models.DateTimeField(null=True, blank=True, editable=False)
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("resident")
        verbose_name_plural = _("residents")
        constraints: ClassVar = [
            models.UniqueConstraint(fields=["agency", "nik_hash"], name="registries_resident_nik_unique"),
        ]
        indexes: ClassVar = [
            models.Index(fields=["agency", "life_status"], name="registries_resident_status"),
            models.Index(fields=["nik_hash"], name="registries_resident_nik"),
            models.Index(fields=["agency", "registered_on", "left_on"], name="registries_resident_dates"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.nik_masked})"

    @property
    def nik(self) -> str:
        return decrypt(self.nik_encrypted)

    @property
    def nik_masked(self) -> str:
        return mask_identifier(self.nik)

    @property
    def father_nik(self) -> str:
        return decrypt(self.father_nik_encrypted) if self.father_nik_encrypted else ""

    @property
    def mother_nik(self) -> str:
        return decrypt(self.mother_nik_encrypted) if self.mother_nik_encrypted else ""

    def age_on(self, day: dt.date) -> int:
        before_birthday = (day.month, day.day) < (self.birth_date.month, self.birth_date.day)
        return day.year - self.birth_date.year - int(before_birthday)


class EventKind(models.TextChoices):
    BIRTH = "birth", _("Birth")
    DEATH = "death", _("Death")
    MOVE_IN = "move_in", _("Moved in")
    MOVE_OUT = "move_out", _("Moved out")
    MOVE_WITHIN = "move_within", _("Moved within the village")
    MARRIAGE = "marriage", _("Marriage")
    DIVORCE = "divorce", _("Divorce")
    MISSING = "missing", _("Reported missing")
    FOUND = "found", _("Found again")
    KK_SPLIT = "kk_split", _("KK split")
    KK_MERGE = "kk_merge", _("KK merged")
    CORRECTION = "correction", _("Data corrected")
    IMPORT = "import", _("Imported")
    REVERSAL = "reversal", _("Correcting event (reverses an earlier one)")


# Events that count in the buku mutasi penduduk (population changes of the month).
MUTATION_KINDS = frozenset(
    {EventKind.BIRTH, EventKind.DEATH, EventKind.MOVE_IN, EventKind.MOVE_OUT, EventKind.MISSING, EventKind.FOUND}
)


class EventSource(models.TextChoices):
    OFFICER = "officer", _("Recorded by an officer")
    APPLICATION = "application", _("From a completed application")
    IMPORT = "import", _("From an import")


class LifeEvent(models.Model):
    """One dated, typed change to the register. Never edited or deleted: a mistake is undone by
    a correcting event (`reverses`) that restores the values the first one changed."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("event"), max_length=12, choices=EventKind.choices)
    occurred_on = models.DateField(_("date of the event"))
    resident = models.ForeignKey(Resident, null=True, blank=True, on_delete=models.PROTECT, related_name="events")
    family = models.ForeignKey(Family, null=True, blank=True, on_delete=models.PROTECT, related_name="events")
    # What the event says beyond its changes (place and cause of death, where to or from,
    # the other spouse, the certificate's number): plain JSON, never the NIK in clear.
    details = models.JSONField(_("details"), default=dict, blank=True)
    note = models.TextField(_("note"), blank=True)
    source = models.CharField(max_length=12, choices=EventSource.choices, default=EventSource.OFFICER)
    reference = models.CharField(_("reference"), max_length=60, blank=True, help_text=_("e.g. a tracking number"))
    reverses = models.OneToOneField("self", null=True, blank=True, on_delete=models.PROTECT, related_name="reversed_by")
    import_batch = models.ForeignKey(
        "ImportBatch", null=True, blank=True, on_delete=models.PROTECT, related_name="events"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering: ClassVar = ["-occurred_on", "-pk"]
        verbose_name = _("life event")
        verbose_name_plural = _("life events")
        indexes: ClassVar = [models.Index(fields=["agency", "occurred_on"], name="registries_event_date")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.occurred_on}"


class ResidentChange(models.Model):
    """One field of one record changed by an event: the resident's history, and what a
    correcting event restores. Values of sensitive items and identifiers are sealed."""

    event = models.ForeignKey(LifeEvent, on_delete=models.PROTECT, related_name="changes")
    resident = models.ForeignKey(Resident, null=True, blank=True, on_delete=models.PROTECT, related_name="changes")
    family = models.ForeignKey(Family, null=True, blank=True, on_delete=models.PROTECT, related_name="changes")
    field = models.CharField(max_length=40)
    old = models.TextField(blank=True)
    new = models.TextField(blank=True)

    class Meta:
        ordering: ClassVar = ["pk"]
        verbose_name = _("register change")
        verbose_name_plural = _("register changes")

    def __str__(self) -> str:
        return f"{self.field}: {self.event_id}"


class ProposalStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for the register officer")
    ACCEPTED = "accepted", _("Recorded as a life event")
    DISMISSED = "dismissed", _("Dismissed")


class EventProposal(models.Model):
    """A life event a completed application suggests (a surat keterangan kelahiran, kematian or
    pindah): the register officer records it, with its details filled in, or dismisses it."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("event"), max_length=12, choices=EventKind.choices)
    resident = models.ForeignKey(Resident, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    reference = models.CharField(_("application"), max_length=60)
    # What the application said that the event needs, sealed (it may hold NIKs).
    details_sealed = models.TextField(blank=True, editable=False)
    summary = models.CharField(_("summary"), max_length=300)
    status = models.CharField(max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.PENDING)
    event = models.OneToOneField(LifeEvent, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar = ["-created_at"]
        verbose_name = _("proposed life event")
        verbose_name_plural = _("proposed life events")
        constraints: ClassVar = [
            # One proposal per application and kind: the hook may run twice (a retried task).
            models.UniqueConstraint(fields=["agency", "reference", "kind"], name="registries_proposal_once"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.reference})"


class ImportFormat(models.TextChoices):
    SIAK = "siak", _("Dukcapil SIAK export")
    BIP = "bip", _("Buku Induk Penduduk sheets")
    PADU = "padu", _("Padu template (CSV or XLSX)")


class ImportStatus(models.TextChoices):
    ANALYSING = "analysing", _("Being read")
    READY = "ready", _("Ready to apply")
    APPLYING = "applying", _("Being applied")
    APPLIED = "applied", _("Applied")
    FAILED = "failed", _("Could not be read")
    DISCARDED = "discarded", _("Discarded")


class ImportBatch(models.Model):
    """An uploaded population file, read into a diff against the register, waiting for the
    officer to apply it (in one transaction) or discard it."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    format = models.CharField(_("format"), max_length=5, choices=ImportFormat.choices, blank=True)
    original_name = models.CharField(_("file name"), max_length=255)
    file = models.FileField(upload_to="registries/imports/%Y/%m/", max_length=255)
    sha256 = models.CharField(max_length=64)
    status = models.CharField(max_length=10, choices=ImportStatus.choices, default=ImportStatus.ANALYSING)
    rows_total = models.PositiveIntegerField(default=0)
    rows_done = models.PositiveIntegerField(default=0)
    # {"new": n, "changed": n, "same": n, "missing": n, "invalid": n}
    counts = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    applied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering: ClassVar = ["-created_at"]
        verbose_name = _("population import")
        verbose_name_plural = _("population imports")

    def __str__(self) -> str:
        return self.original_name


class RowOutcome(models.TextChoices):
    NEW = "new", _("New")
    CHANGED = "changed", _("Changed")
    SAME = "same", _("No change")
    MISSING = "missing", _("In the register, not in the file")
    INVALID = "invalid", _("Invalid")


class ImportRow(models.Model):
    """One row of an import's diff. `data` (the row as read) and `changes` (field: [old, new])
    are sealed: they are personal data."""

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="rows")
    line = models.PositiveIntegerField(_("line"))
    outcome = models.CharField(max_length=8, choices=RowOutcome.choices)
    nik_hash = models.CharField(max_length=64, blank=True)
    resident = models.ForeignKey(Resident, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    name = models.CharField(max_length=150, blank=True)
    data_sealed = models.TextField(blank=True)
    changes_sealed = models.TextField(blank=True)
    errors = models.JSONField(default=list, blank=True)

    class Meta:
        ordering: ClassVar = ["line"]
        verbose_name = _("import row")
        verbose_name_plural = _("import rows")
        indexes: ClassVar = [models.Index(fields=["batch", "outcome"], name="registries_importrow_outcome")]

    def __str__(self) -> str:
        return f"{self.batch_id}:{self.line}"


class ResidentAccess(models.Model):
    """Someone read a resident's record (UU PDP access log): an officer through the console, or
    another system through an API token. The resident's own account sees these rows; a record
    linked to an account is also logged in the account's access log."""

    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="accesses")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    token = models.ForeignKey(ApiToken, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    purpose = models.CharField(_("purpose"), max_length=200)
    fields = models.JSONField(_("fields viewed"), default=list)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering: ClassVar = ["-created_at"]
        verbose_name = _("register access")
        verbose_name_plural = _("register accesses")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} → {self.resident_id}"


class LinkRefusal(models.Model):
    """An officer refused to link a citizen account to a resident (the names or birth dates
    did not agree): the pair is not offered again. Linking itself is on `Resident.user`."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="link_refusals")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    reason = models.TextField(_("reason"))
    refused_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering: ClassVar = ["-created_at"]
        verbose_name = _("refused account link")
        verbose_name_plural = _("refused account links")

    def __str__(self) -> str:
        return f"{self.resident_id} ≠ {self.user_id}"
