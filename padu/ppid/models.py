"""Public-information requests (permohonan informasi publik, UU 14/2008), objections
(keberatan), the proactive list of public information (daftar informasi publik) and the
files that go with them. The tables keep the names they had in padu.information."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from padu.core.crypto import decrypt
from padu.core.identifiers import mask_identifier
from padu.core.models import Agency


class RequesterKind(models.TextChoices):
    PERSON = "person", _("Individual")
    LEGAL_ENTITY = "legal_entity", _("Legal entity (badan hukum)")
    GROUP = "group", _("Group of people")


class ObtainMethod(models.TextChoices):
    INSPECT = "inspect", _("See, read, listen to or take notes")
    SOFT_COPY = "soft_copy", _("A soft copy (file)")
    HARD_COPY = "hard_copy", _("A hard copy (paper)")


class DeliveryMethod(models.TextChoices):
    PICK_UP = "pick_up", _("Pick up at the office")
    POST = "post", _("By post or courier")
    EMAIL = "email", _("By email")


class IntakeChannel(models.TextChoices):
    """How a request (or an objection) reached the office. Only online ones are filed by the
    requester; the others are recorded by the information officer."""

    ONLINE = "online", _("Online, on this site")
    LETTER = "letter", _("Letter")
    EMAIL = "email", _("Email")
    WHATSAPP = "whatsapp", _("WhatsApp")
    PHONE = "phone", _("Telephone")
    IN_PERSON = "in_person", _("In person at the office")


OFFLINE_CHANNELS = tuple(c for c in IntakeChannel.values if c != IntakeChannel.ONLINE)


class ContactChannel(models.TextChoices):
    """How to reach a requester who has no account: the channel they used, or the one they asked for."""

    EMAIL = "email", _("Email")
    WHATSAPP = "whatsapp", _("WhatsApp")
    PHONE = "phone", _("Telephone call or SMS")
    POST = "post", _("Letter by post")
    IN_PERSON = "in_person", _("At the office (the requester comes back)")


class RequestStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Waiting for an answer")
    EXTENDED = "extended", _("Time extended")
    GRANTED = "granted", _("Granted in full")
    PARTLY_GRANTED = "partly_granted", _("Granted in part")
    REFUSED = "refused", _("Refused")
    NOT_HELD = "not_held", _("Information not held")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    OBJECTED = "objected", _("Objection lodged")
    OBJECTION_ANSWERED = "objection_answered", _("Objection answered")


OPEN_STATUSES = (RequestStatus.SUBMITTED, RequestStatus.EXTENDED)


class Decision(models.TextChoices):
    GRANTED = "granted", _("Granted in full")
    PARTLY_GRANTED = "partly_granted", _("Granted in part")
    REFUSED = "refused", _("Refused (exempt information)")
    NOT_HELD = "not_held", _("Information not held")


class Exemption(models.TextChoices):
    """Pasal 17 UU 14/2008: information exempt from disclosure, letters a to j."""

    LAW_ENFORCEMENT = "17a", _("Art. 17(a): obstructs law enforcement")
    IP_COMPETITION = "17b", _("Art. 17(b): intellectual property and fair competition")
    DEFENCE = "17c", _("Art. 17(c): state defence and security")
    NATURAL_WEALTH = "17d", _("Art. 17(d): reveals Indonesia's natural wealth")
    ECONOMY = "17e", _("Art. 17(e): harms the national economic resilience")
    FOREIGN_RELATIONS = "17f", _("Art. 17(f): harms foreign relations")
    AUTHENTIC_DEED = "17g", _("Art. 17(g): contents of a private authentic deed or a last will")
    PERSONAL_SECRET = "17h", _("Art. 17(h): reveals a person's personal secrets")
    INTERNAL_MEMO = "17i", _("Art. 17(i): internal memoranda that are confidential by nature")
    BY_LAW = "17j", _("Art. 17(j): information not to be disclosed under another law")


class ObjectionGround(models.TextChoices):
    """Pasal 35 ayat (1) UU 14/2008, letters a to g."""

    REFUSED = "a", _("The request was refused on the basis of an exemption")
    NOT_PUBLISHED = "b", _("Periodic information was not published")
    NOT_ANSWERED = "c", _("The request was not answered")
    NOT_AS_ASKED = "d", _("The request was answered, but not as asked")
    NOT_FULFILLED = "e", _("The request was not fulfilled")
    FEE = "f", _("The fee charged is unreasonable")
    LATE = "g", _("The information was provided later than the law allows")


class ObjectionStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for the answer of the PPID's superior")
    ANSWERED = "answered", _("Answered")


class ObjectionOutcome(models.TextChoices):
    UPHELD = "upheld", _("Objection accepted: the information is to be provided")
    REJECTED = "rejected", _("Objection rejected: the PPID's decision stands")


class InfoRequest(models.Model):
    """One request for public information, with its deadlines on the agency's calendar."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="info_requests")
    number = models.CharField(_("registration number"), max_length=60)
    # The account of the requester; none for a request received off-line from a person
    # without one (the officer records it and contacts them by `contact_channel`).
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="info_requests"
    )
    requester_kind = models.CharField(_("requester"), max_length=15, choices=RequesterKind.choices)
    requester_name = models.CharField(_("name"), max_length=200)
    # NIK of an individual, encrypted; a legal entity gives its deed or registration number.
    requester_nik_encrypted = models.TextField(blank=True, editable=False)
    legal_entity_number = models.CharField(_("deed or registration number"), max_length=100, blank=True)
    address = models.CharField(_("address"), max_length=300)
    phone = models.CharField(_("telephone"), max_length=30, blank=True)
    email = models.EmailField(_("email"), blank=True)
    information = models.TextField(_("information requested"))
    purpose = models.TextField(_("purpose"))
    obtain_method = models.CharField(_("how to obtain it"), max_length=12, choices=ObtainMethod.choices)
    delivery_method = models.CharField(_("how to receive it"), max_length=10, choices=DeliveryMethod.choices)
    status = models.CharField(max_length=20, choices=RequestStatus.choices, default=RequestStatus.SUBMITTED)
    channel = models.CharField(
        _("received by"), max_length=10, choices=IntakeChannel.choices, default=IntakeChannel.ONLINE
    )
    contact_channel = models.CharField(
        _("how to contact the requester"), max_length=10, choices=ContactChannel.choices, blank=True
    )
    # When the office received it: the legal deadline counts from here (Pasal 22 UU 14/2008).
    received_at = models.DateTimeField(_("received"))
    # When it was entered in Padu (the same moment for an online request).
    submitted_at = models.DateTimeField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    intake_note = models.TextField(_("note on the intake"), blank=True)
    due_at = models.DateTimeField()
    extended_at = models.DateTimeField(null=True, blank=True)
    extension_reason = models.TextField(blank=True)
    decision = models.CharField(max_length=16, choices=Decision.choices, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decision_note = models.TextField(_("answer"), blank=True)
    withheld_part = models.TextField(_("what is withheld"), blank=True)
    exemption = models.CharField(_("legal exemption"), max_length=3, choices=Exemption.choices, blank=True)
    consequence_test = models.TextField(_("consequence test"), blank=True)
    held_by = models.CharField(_("who holds the information"), max_length=300, blank=True)
    fee_amount = models.PositiveBigIntegerField(_("copying fee (Rupiah)"), default=0)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    # The deadline the officers were last reminded of (a new deadline reminds again).
    reminded_due_at = models.DateTimeField(null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "information_inforequest"
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("information request")
        verbose_name_plural = _("information requests")
        constraints = [
            models.UniqueConstraint(fields=["agency", "number"], name="information_request_number"),
            # A request filed on the site always has its requester's account.
            models.CheckConstraint(
                condition=~models.Q(channel="online") | models.Q(requester__isnull=False),
                name="information_request_online_has_requester",
            ),
            # One without an account says how to reach the requester.
            models.CheckConstraint(
                condition=models.Q(requester__isnull=False) | ~models.Q(contact_channel=""),
                name="information_request_contact_channel",
            ),
        ]
        indexes = [
            models.Index(fields=["agency", "status", "due_at"], name="information_request_inbox"),
            models.Index(fields=["requester", "-submitted_at"], name="information_request_mine"),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def nik_masked(self) -> str:
        return mask_identifier(decrypt(self.requester_nik_encrypted)) if self.requester_nik_encrypted else ""

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_recorded(self) -> bool:
        """Received off-line and recorded by an officer."""
        return self.channel != IntakeChannel.ONLINE


class InfoObjection(models.Model):
    """An objection (keberatan) to the PPID's superior against a request's handling."""

    request = models.OneToOneField(InfoRequest, on_delete=models.CASCADE, related_name="objection")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    number = models.CharField(_("registration number"), max_length=60)
    grounds = models.JSONField(_("grounds"), default=list)
    reasons = models.TextField(_("reasons"))
    status = models.CharField(max_length=10, choices=ObjectionStatus.choices, default=ObjectionStatus.PENDING)
    channel = models.CharField(
        _("received by"), max_length=10, choices=IntakeChannel.choices, default=IntakeChannel.ONLINE
    )
    # When the office received it (the windows count from here); `submitted_at` is its entry.
    received_at = models.DateTimeField(_("received"))
    submitted_at = models.DateTimeField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    due_at = models.DateTimeField()
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    outcome = models.CharField(max_length=10, choices=ObjectionOutcome.choices, blank=True)
    answer = models.TextField(_("answer"), blank=True)
    reminded_due_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        db_table = "information_infoobjection"
        verbose_name = _("objection")
        verbose_name_plural = _("objections")
        indexes = [models.Index(fields=["agency", "status", "due_at"], name="information_objection_inbox")]

    def __str__(self) -> str:
        return self.number


class RequestEvent(models.Model):
    """The history both sides see."""

    request = models.ForeignKey(InfoRequest, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(max_length=20)
    from_status = models.CharField(max_length=20)
    to_status = models.CharField(max_length=20)
    note = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "information_requestevent"
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.request_id} {self.action}"


class FileKind(models.TextChoices):
    DECISION_LETTER = "decision", _("Written notice of the decision")
    RELEASED = "released", _("Information provided")
    OBJECTION_ANSWER = "objection", _("Answer to the objection")


_EXTENSIONS = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png", "application/zip": ".zip"}


def _random_name(content_type: str) -> str:
    return secrets.token_urlsafe(24) + _EXTENSIONS.get(content_type, "")


def _request_file_path(instance: RequestFile, filename: str) -> str:
    return f"ppid/{instance.request_id}/{_random_name(instance.content_type)}"


class RequestFile(models.Model):
    """A file that leaves the office for one requester only: the decision letter, the
    information released, the answer to an objection."""

    request = models.ForeignKey(InfoRequest, on_delete=models.CASCADE, related_name="files")
    kind = models.CharField(max_length=10, choices=FileKind.choices)
    original_name = models.CharField(_("file name"), max_length=255)
    file = models.FileField(upload_to=_request_file_path, max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Handed over on paper at the desk (to the requester or the person they sent).
    handed_over_at = models.DateTimeField(null=True, blank=True)
    handed_over_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    handed_over_to = models.CharField(_("received by"), max_length=200, blank=True)

    class Meta:
        db_table = "information_requestfile"
        ordering = ["request", "created_at", "pk"]
        verbose_name = _("request file")
        verbose_name_plural = _("request files")

    def __str__(self) -> str:
        return f"{self.request_id} {self.kind} {self.original_name}"


class ContactTask(models.Model):
    """What a requester without an account must be told, by hand: the information officer's
    to-do (send a WhatsApp message, call, post a letter, tell them at the desk) in place of
    the email and in-app message an account holder receives."""

    request = models.ForeignKey(InfoRequest, on_delete=models.CASCADE, related_name="contact_tasks")
    kind = models.CharField(max_length=80)  # the notification kind it stands for
    channel = models.CharField(_("how"), max_length=10, choices=ContactChannel.choices)
    message = models.TextField(_("what to tell"))
    created_at = models.DateTimeField(auto_now_add=True)
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    done_note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("contact to-do")
        verbose_name_plural = _("contact to-dos")
        indexes = [models.Index(fields=["request", "done_at"], name="ppid_contact_open")]

    def __str__(self) -> str:
        return f"{self.request_id} {self.kind}"


class InfoCategory(models.TextChoices):
    PERIODIC = "berkala", _("Periodic (berkala)")
    IMMEDIATE = "serta_merta", _("Immediate (serta-merta)")
    ON_REQUEST = "setiap_saat", _("Available at any time (setiap saat)")


class InfoFormat(models.TextChoices):
    SOFT = "soft", _("Soft copy")
    HARD = "hard", _("Hard copy")
    BOTH = "both", _("Soft and hard copy")


def _public_file_path(instance: PublicInformation, filename: str) -> str:
    return f"ppid-dip/{instance.agency_id}/{_random_name(instance.document_type)}"


class PublicInformation(models.Model):
    """An entry of the agency's daftar informasi publik, published proactively."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="public_information")
    category = models.CharField(_("category"), max_length=12, choices=InfoCategory.choices)
    title = models.CharField(_("title"), max_length=250)
    summary = models.TextField(_("summary"))
    responsible_unit = models.CharField(_("responsible unit"), max_length=200)
    retention = models.CharField(_("retention period"), max_length=100)
    format = models.CharField(_("format"), max_length=5, choices=InfoFormat.choices, default=InfoFormat.SOFT)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    document = models.FileField(upload_to=_public_file_path, max_length=255, blank=True)
    document_name = models.CharField(max_length=255, blank=True)
    document_type = models.CharField(max_length=100, blank=True)
    document_size = models.PositiveBigIntegerField(default=0)
    document_sha256 = models.CharField(max_length=64, blank=True)
    is_published = models.BooleanField(_("published"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "information_publicinformation"
        ordering = ["agency", "category", "title"]
        verbose_name = _("public information entry")
        verbose_name_plural = _("list of public information")
        indexes = [models.Index(fields=["agency", "is_published", "category"], name="information_dip_list")]

    def __str__(self) -> str:
        return self.title
