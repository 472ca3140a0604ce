"""People: users, citizen profiles (NIK), business profiles (NIB/NPWP)."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from padu.core.crypto import decrypt
from padu.core.identifiers import mask_identifier
from padu.core.models import Agency, Region


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str | None = None, password: str | None = None, **extra: Any) -> User:
        user = self.model(email=self.normalize_email(email) if email else None, **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """Anyone who logs in: a citizen, a business's representative, an officer."""

    email = models.EmailField(_("email"), unique=True, null=True, blank=True)
    phone = models.CharField(_("mobile phone"), max_length=20, unique=True, null=True, blank=True)
    phone_verified = models.BooleanField(default=False)
    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    language = models.CharField(_("language"), max_length=5, default="id")
    is_staff = models.BooleanField(_("Django admin access"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.full_name or self.email or self.phone or f"#{self.pk}"

    def get_full_name(self) -> str:
        return str(self)

    def get_short_name(self) -> str:
        return (self.full_name.split() or [str(self)])[0]


class Gender(models.TextChoices):
    MALE = "L", _("Male")
    FEMALE = "P", _("Female")


class BirthDateCheck(models.TextChoices):
    """Whether the stated birth date is the one in the NIK. Dukcapil does not reissue a NIK
    when a birth date is corrected, so a difference is accepted and an officer confirms it."""

    MATCHES = "matches", _("Same as in the NIK")
    TO_CONFIRM = "to_confirm", _("Differs from the NIK: to be confirmed by an officer")
    CONFIRMED = "confirmed", _("Differs from the NIK: confirmed by an officer")


class CitizenProfile(models.Model):
    """A resident's identity. NIK and No. KK are stored encrypted, with keyed hashes for look-up.

    A profile registered at an office's counter for a walk-in citizen (no email, no password)
    names that office and holds a claim code, printed for the person: registering later with
    the same NIK and that code moves the profile and its cases to the person's own account."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="citizen")
    nik_encrypted = models.TextField(editable=False)
    nik_hash = models.CharField(max_length=64, unique=True, editable=False)
    kk_encrypted = models.TextField(blank=True, editable=False)
    kk_hash = models.CharField(max_length=64, blank=True, db_index=True, editable=False)
    name = models.CharField(_("name as on the KTP"), max_length=150)
    birth_place = models.CharField(_("place of birth"), max_length=100)
    birth_date = models.DateField(_("date of birth"))
    gender = models.CharField(_("sex"), max_length=1, choices=Gender.choices)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+", verbose_name=_("village"))
    street = models.CharField(_("street address, RT/RW"), max_length=250)
    birth_date_check = models.CharField(
        _("birth date check"), max_length=12, choices=BirthDateCheck.choices, default=BirthDateCheck.MATCHES
    )
    birth_date_confirmed_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    birth_date_confirmed_at = models.DateTimeField(null=True, blank=True, editable=False)
    registered_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    registered_at_agency = models.ForeignKey(
        Agency, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    claim_code_encrypted = models.TextField(blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("citizen profile")
        verbose_name_plural = _("citizen profiles")

    def __str__(self) -> str:
        return f"{self.name} ({self.nik_masked})"

    @property
    def nik(self) -> str:
        return decrypt(self.nik_encrypted)

    @property
    def nik_masked(self) -> str:
        return mask_identifier(self.nik)

    @property
    def kk_number(self) -> str:
        return decrypt(self.kk_encrypted) if self.kk_encrypted else ""

    @property
    def claim_code(self) -> str:
        """The code printed for a walk-in citizen; empty once claimed (or never made)."""
        return decrypt(self.claim_code_encrypted) if self.claim_code_encrypted else ""

    @property
    def birth_date_to_confirm(self) -> bool:
        return self.birth_date_check == BirthDateCheck.TO_CONFIRM


class BusinessProfile(models.Model):
    """A business (pelaku usaha) identified by NIB and NPWP, acted for by its members."""

    name = models.CharField(_("business name"), max_length=200)
    nib = models.CharField(_("NIB"), max_length=13, unique=True)
    npwp = models.CharField(_("NPWP"), max_length=16)
    legal_form = models.CharField(_("legal form"), max_length=50, blank=True, help_text=_("PT, CV, UD, koperasi…"))
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="+", verbose_name=_("region"))
    street = models.CharField(_("street address"), max_length=250)
    members = models.ManyToManyField(User, through="BusinessMember", related_name="businesses")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("business profile")
        verbose_name_plural = _("business profiles")

    def __str__(self) -> str:
        return f"{self.name} (NIB {self.nib})"


class BusinessMember(models.Model):
    class Capacity(models.TextChoices):
        OWNER = "owner", _("Owner or director")
        REPRESENTATIVE = "representative", _("Authorised representative")

    business = models.ForeignKey(BusinessProfile, on_delete=models.CASCADE)
    user = models.ForeignKey(User, on_delete=models.CASCADE)
    capacity = models.CharField(_("capacity"), max_length=20, choices=Capacity.choices, default=Capacity.OWNER)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["business", "user"], name="accounts_business_member_unique")]

    def __str__(self) -> str:
        return f"{self.user} — {self.business}"
