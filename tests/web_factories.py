"""Small builders for page tests: a slice of the region tree, agencies, people."""

from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress

from padu.accounts.models import User
from padu.core.actors import OPERATOR
from padu.core.models import Agency, Region
from padu.core.services import agency_create, membership_grant

PASSWORD = "Kata-sandi-yang-panjang-42"
# A real NIK shape for Cileunyi (32.04.05), born 17 August 1990, male.
NIK = "3204051708900001"
NIK_BIRTH_DATE = "1990-08-17"
VILLAGE = "32.04.05.2001"


def regions() -> None:
    rows = [
        ("32", "Jawa Barat", 1, "provinsi", None, ""),
        ("32.04", "Kabupaten Bandung", 2, "kabupaten", "32", ""),
        ("32.04.05", "Cileunyi", 3, "kecamatan", "32.04", ""),
        ("32.04.05.2001", "Cileunyi Kulon", 4, "desa", "32.04.05", "40621"),
        ("32.04.05.2002", "Cileunyi Wetan", 4, "desa", "32.04.05", "40622"),
        ("32.04.06", "Cimenyan", 3, "kecamatan", "32.04", ""),
        ("32.04.06.2001", "Cimenyan", 4, "desa", "32.04.06", "40197"),
        ("33", "Jawa Tengah", 1, "provinsi", None, ""),
        ("33.01", "Kabupaten Cilacap", 2, "kabupaten", "33", ""),
    ]
    for code, name, level, type_, parent, postal in rows:
        Region.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "search_name": name.lower(),
                "level": level,
                "type": type_,
                "parent_id": parent,
                "postal_code": postal,
            },
        )


def agency(name: str = "Desa Cileunyi Kulon", *, region_code: str = VILLAGE, kind: str = "desa", **kw: Any) -> Agency:
    regions()
    return agency_create(actor=OPERATOR, name=name, kind=kind, region_code=region_code, **kw)


def user(email: str = "warga@example.id", *, full_name: str = "Siti Warga", verified: bool = True) -> User:
    person = User.objects.create_user(email=email, password=PASSWORD, full_name=full_name)
    EmailAddress.objects.create(user=person, email=email, verified=verified, primary=True)
    return person


def staff(agency: Agency, role: str, email: str = "petugas@example.id") -> User:
    person = user(email, full_name=f"Petugas {role}")
    membership_grant(actor=OPERATOR, agency=agency, user=person, role=role)
    return person


def with_totp(person: User) -> None:
    """Mark the user as having TOTP, so the console's MFA gate lets them in."""
    from allauth.mfa.models import Authenticator

    Authenticator.objects.create(user=person, type=Authenticator.Type.TOTP, data={"secret": "x"})
