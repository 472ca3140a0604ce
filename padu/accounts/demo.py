"""Demo data, first seeder: the agencies of a realistic Kabupaten Bandung, their staff, citizens
and businesses. The other apps' seeders (their manifests' `demo`) run after it and find the
agencies by slug. Idempotent: a second run changes nothing."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP

from padu.accounts.models import BusinessProfile, CitizenProfile, User
from padu.accounts.selectors import citizen_lookup_by_nik
from padu.accounts.services import business_profile_create, citizen_profile_save, citizen_walk_in_register
from padu.core.actors import OPERATOR, Actor
from padu.core.crypto import keyed_hash
from padu.core.demo import DEMO_PASSWORD, DEMO_TOTP_SECRET
from padu.core.manifest import DemoContext
from padu.core.models import Agency, AgencyHoliday, AgencyKind, Membership, NumberPattern
from padu.core.roles import MFA_REQUIRED_ROLES, Role
from padu.core.services import agency_create, holiday_add, membership_grant, number_pattern_set


@dataclass(frozen=True)
class AgencySpec:
    slug: str
    name: str
    kind: str
    region: str
    parent: str | None
    code: str
    address: str
    phone: str
    email: str


AGENCIES = [
    AgencySpec(
        "pemkab-bandung",
        "Pemerintah Kabupaten Bandung",
        AgencyKind.LOCAL_GOVERNMENT,
        "32.04",
        None,
        "PEMKAB",
        "Jl. Raya Soreang Km. 17, Soreang",
        "022-5891691",
        "setda@bandungkab.example.id",
    ),
    AgencySpec(
        "disdukcapil-bandung",
        "Dinas Kependudukan dan Pencatatan Sipil Kabupaten Bandung",
        AgencyKind.DEPARTMENT,
        "32.04",
        "pemkab-bandung",
        "DISDUKCAPIL",
        "Jl. Raya Soreang No. 1, Soreang",
        "022-5891602",
        "disdukcapil@bandungkab.example.id",
    ),
    AgencySpec(
        "dpmptsp-bandung",
        "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Kabupaten Bandung",
        AgencyKind.DEPARTMENT,
        "32.04",
        "pemkab-bandung",
        "DPMPTSP",
        "Jl. Raya Soreang Km. 17, Soreang",
        "022-5892270",
        "dpmptsp@bandungkab.example.id",
    ),
    AgencySpec(
        "bapenda-bandung",
        "Badan Pendapatan Daerah Kabupaten Bandung",
        AgencyKind.DEPARTMENT,
        "32.04",
        "pemkab-bandung",
        "BAPENDA",
        "Jl. Raya Soreang Km. 17, Soreang",
        "022-5891188",
        "bapenda@bandungkab.example.id",
    ),
    AgencySpec(
        "diskominfo-bandung",
        "Dinas Komunikasi, Informatika dan Statistik Kabupaten Bandung",
        AgencyKind.DEPARTMENT,
        "32.04",
        "pemkab-bandung",
        "DISKOMINFO",
        "Jl. Raya Soreang Km. 17, Soreang",
        "022-5891700",
        "diskominfo@bandungkab.example.id",
    ),
    AgencySpec(
        "kecamatan-cileunyi",
        "Kecamatan Cileunyi",
        AgencyKind.DISTRICT,
        "32.04.05",
        "pemkab-bandung",
        "KEC-CLY",
        "Jl. Raya Cileunyi No. 22",
        "022-7798090",
        "kec.cileunyi@bandungkab.example.id",
    ),
    AgencySpec(
        "kecamatan-soreang",
        "Kecamatan Soreang",
        AgencyKind.DISTRICT,
        "32.04.37",
        "pemkab-bandung",
        "KEC-SRG",
        "Jl. Raya Soreang No. 5",
        "022-5897112",
        "kec.soreang@bandungkab.example.id",
    ),
    AgencySpec(
        "kecamatan-margahayu",
        "Kecamatan Margahayu",
        AgencyKind.DISTRICT,
        "32.04.09",
        "pemkab-bandung",
        "KEC-MGH",
        "Jl. Terusan Kopo No. 10",
        "022-5403225",
        "kec.margahayu@bandungkab.example.id",
    ),
    AgencySpec(
        "desa-cileunyi-kulon",
        "Pemerintah Desa Cileunyi Kulon",
        AgencyKind.VILLAGE_GOVERNMENT,
        "32.04.05.2001",
        "kecamatan-cileunyi",
        "DS-CKL",
        "Jl. Pandanwangi No. 1, Cileunyi Kulon",
        "022-7801001",
        "desa.cileunyikulon@example.id",
    ),
    AgencySpec(
        "desa-cileunyi-wetan",
        "Pemerintah Desa Cileunyi Wetan",
        AgencyKind.VILLAGE_GOVERNMENT,
        "32.04.05.2002",
        "kecamatan-cileunyi",
        "DS-CKW",
        "Jl. Raya Cileunyi No. 102, Cileunyi Wetan",
        "022-7801002",
        "desa.cileunyiwetan@example.id",
    ),
    AgencySpec(
        "desa-cimekar",
        "Pemerintah Desa Cimekar",
        AgencyKind.VILLAGE_GOVERNMENT,
        "32.04.05.2003",
        "kecamatan-cileunyi",
        "DS-CMK",
        "Jl. Cimekar No. 3",
        "022-7801003",
        "desa.cimekar@example.id",
    ),
    AgencySpec(
        "desa-soreang",
        "Pemerintah Desa Soreang",
        AgencyKind.VILLAGE_GOVERNMENT,
        "32.04.37.2001",
        "kecamatan-soreang",
        "DS-SRG",
        "Jl. Alun-Alun Soreang No. 2",
        "022-5897001",
        "desa.soreang@example.id",
    ),
    AgencySpec(
        "kelurahan-sulaiman",
        "Kelurahan Sulaiman",
        AgencyKind.URBAN_VILLAGE,
        "32.04.09.1004",
        "kecamatan-margahayu",
        "KEL-SLM",
        "Jl. Sulaiman No. 8, Margahayu",
        "022-5401004",
        "kel.sulaiman@example.id",
    ),
    AgencySpec(
        "desa-sukamenak",
        "Pemerintah Desa Sukamenak",
        AgencyKind.VILLAGE_GOVERNMENT,
        "32.04.09.2003",
        "kecamatan-margahayu",
        "DS-SKM",
        "Jl. Sukamenak No. 17",
        "022-5401003",
        "desa.sukamenak@example.id",
    ),
]

# (email, name, agency slug, role, position)
STAFF = [
    ("admin.cileunyikulon@padu.test", "Rina Marlina", "desa-cileunyi-kulon", Role.AGENCY_ADMIN, "Operator Desa"),
    ("loket.cileunyikulon@padu.test", "Asep Saepudin", "desa-cileunyi-kulon", Role.FRONT_DESK, "Kaur Umum"),
    ("sekdes.cileunyikulon@padu.test", "Dedi Kurniawan", "desa-cileunyi-kulon", Role.VERIFIER, "Sekretaris Desa"),
    ("kasi.cileunyikulon@padu.test", "Neneng Hasanah", "desa-cileunyi-kulon", Role.APPROVER, "Kasi Pelayanan"),
    ("kades.cileunyikulon@padu.test", "H. Ujang Suryana", "desa-cileunyi-kulon", Role.SIGNER, "Kepala Desa"),
    ("bendahara.cileunyikulon@padu.test", "Euis Komariah", "desa-cileunyi-kulon", Role.TREASURER, "Kaur Keuangan"),
    ("ppid.cileunyikulon@padu.test", "Yayan Sopyan", "desa-cileunyi-kulon", Role.INFORMATION_OFFICER, "PPID Desa"),
    (
        "penduduk.cileunyikulon@padu.test",
        "Nurul Hidayah",
        "desa-cileunyi-kulon",
        Role.REGISTRAR,
        "Operator Kependudukan",
    ),
    ("admin.cileunyiwetan@padu.test", "Iwan Setiawan", "desa-cileunyi-wetan", Role.AGENCY_ADMIN, "Operator Desa"),
    ("loket.cileunyiwetan@padu.test", "Siti Nurhalimah", "desa-cileunyi-wetan", Role.FRONT_DESK, "Kaur Umum"),
    (
        "penduduk.cileunyiwetan@padu.test",
        "Cahya Permana",
        "desa-cileunyi-wetan",
        Role.REGISTRAR,
        "Operator Kependudukan",
    ),
    ("camat.cileunyi@padu.test", "Drs. Bambang Hermawan", "kecamatan-cileunyi", Role.SIGNER, "Camat Cileunyi"),
    ("pengawas.cileunyi@padu.test", "Lilis Suryani", "kecamatan-cileunyi", Role.SUPERVISOR, "Sekretaris Kecamatan"),
    ("verifikator.cileunyi@padu.test", "Agus Rahmat", "kecamatan-cileunyi", Role.VERIFIER, "Kasi Pelayanan Umum"),
    ("admin.pemkab@padu.test", "Teguh Prasetyo", "pemkab-bandung", Role.AGENCY_ADMIN, "Admin SPBE Kabupaten"),
    ("inspektorat@padu.test", "Dra. Wulan Sari", "pemkab-bandung", Role.SUPERVISOR, "Inspektur Daerah"),
    ("pokja@padu.test", "Hendra Gunawan", "pemkab-bandung", Role.PROCUREMENT, "Pokja Pemilihan"),
    ("bendahara.bapenda@padu.test", "Yuliani Rahayu", "bapenda-bandung", Role.TREASURER, "Bendahara Penerimaan"),
    ("ppid.diskominfo@padu.test", "Rizky Ramadhan", "diskominfo-bandung", Role.INFORMATION_OFFICER, "PPID Utama"),
    ("verifikator.dpmptsp@padu.test", "Fitri Handayani", "dpmptsp-bandung", Role.VERIFIER, "Verifikator Perizinan"),
    ("kadis.dpmptsp@padu.test", "Ir. Budi Santoso", "dpmptsp-bandung", Role.SIGNER, "Kepala DPMPTSP"),
    ("loket.disdukcapil@padu.test", "Dewi Lestari", "disdukcapil-bandung", Role.FRONT_DESK, "Petugas Pelayanan"),
]

# (email, phone, name, birth place, birth date, female, village, street, NIK serial)
CITIZENS = [
    (
        "warga@padu.test",
        "081234567801",
        "Siti Aminah",
        "Bandung",
        dt.date(1990, 5, 17),
        True,
        "32.04.05.2001",
        "Jl. Pandanwangi No. 12, RT 02/RW 05",
        "0003",
    ),
    (
        "budi@padu.test",
        "081234567802",
        "Budi Hartono",
        "Garut",
        dt.date(1985, 11, 2),
        False,
        "32.04.05.2001",
        "Kp. Cikoneng RT 01/RW 03",
        "0011",
    ),
    (
        "nining@padu.test",
        "081234567803",
        "Nining Kurniasih",
        "Bandung",
        dt.date(1978, 1, 23),
        True,
        "32.04.05.2002",
        "Jl. Raya Cileunyi No. 45, RT 04/RW 01",
        "0007",
    ),
    (
        "yusuf@padu.test",
        "081234567804",
        "Yusuf Maulana",
        "Sumedang",
        dt.date(2001, 8, 30),
        False,
        "32.04.37.2001",
        "Jl. Gading Tutuka No. 9, RT 03/RW 08",
        "0002",
    ),
    (
        "ratna@padu.test",
        "081234567805",
        "Ratna Dewi",
        "Bandung",
        dt.date(1995, 3, 14),
        True,
        "32.04.09.2003",
        "Komp. Sukamenak Indah Blok B 7, RT 05/RW 12",
        "0015",
    ),
]

# (owner email, name, NIB, NPWP, legal form, region, street)
BUSINESSES = [
    (
        "budi@padu.test",
        "CV Sumber Rejeki Cileunyi",
        "9120005432101",
        "01.234.567.8-445.000",
        "CV",
        "32.04.05.2001",
        "Jl. Raya Cinunuk No. 88",
    ),
    (
        "ratna@padu.test",
        "PT Kopi Gunung Halu",
        "8120007654302",
        "02.345.678.9-445.000",
        "PT",
        "32.04.09.2003",
        "Jl. Kopo Sayati No. 201",
    ),
]

# A walk-in citizen with no account and no email, registered at the village's counter (the
# services demo serves her there): (name, birth place, birth date, female, village, street, serial)
WALK_IN = ("Enah Suhaenah", "Bandung", dt.date(1952, 8, 12), True, "32.04.05.2001", "Kp. Babakan RT 03/RW 07", "0021")
WALK_IN_DESK = ("loket.cileunyikulon@padu.test", "desa-cileunyi-kulon")


def walk_in_nik() -> str:
    name, place, birth, female, village, street, serial = WALK_IN
    return _nik(village, birth, female, serial)


NUMBER_PATTERNS = [
    # Permendagri 83/2022 kode klasifikasi arsip: 400.12 Kependudukan dan Pencatatan Sipil.
    ("surat-keterangan", "[nomor,3]/[kode]/[kode_instansi]/[bulan_romawi]/[tahun]", "400.12"),
    ("surat-pengantar", "[nomor,3]/[kode]/[kode_instansi]/[bulan_romawi]/[tahun]", "400.12"),
]


def _nik(region: str, birth: dt.date, female: bool, serial: str) -> str:
    day = birth.day + (40 if female else 0)
    return f"{region.replace('.', '')[:6]}{day:02d}{birth.month:02d}{birth.year % 100:02d}{serial}"


def _user(email: str, name: str, phone: str | None = None) -> tuple[User, bool]:
    user = User.objects.filter(email=email).first()
    if user is not None:
        return user, False
    user = User.objects.create_user(email=email, password=DEMO_PASSWORD, full_name=name, phone=phone)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user, True


def seed(context: DemoContext) -> dict[str, int]:
    created = {"agencies": 0, "staff": 0, "citizens": 0, "businesses": 0, "applications": 0}
    agencies: dict[str, Agency] = {}
    for spec in AGENCIES:
        agency = Agency.objects.filter(slug=spec.slug).first()
        if agency is None:
            agency = agency_create(
                actor=OPERATOR,
                name=spec.name,
                kind=spec.kind,
                region_code=spec.region,
                parent=agencies[spec.parent] if spec.parent else None,
                slug=spec.slug,
                code=spec.code,
                address=spec.address,
                phone=spec.phone,
                email=spec.email,
            )
            created["agencies"] += 1
        agencies[spec.slug] = agency

    for agency in agencies.values():
        for kind, pattern, classification in NUMBER_PATTERNS:
            if not NumberPattern.objects.filter(agency=agency, kind=kind).exists():
                number_pattern_set(
                    actor=OPERATOR, agency=agency, kind=kind, pattern=pattern, classification_code=classification
                )
    pemkab = agencies["pemkab-bandung"]
    if not AgencyHoliday.objects.filter(agency=pemkab).exists():
        holiday_add(actor=OPERATOR, agency=pemkab, date=dt.date(2027, 4, 20), name="Hari Jadi Kabupaten Bandung")

    superuser, is_new = _user("superadmin@padu.test", "Administrator Padu")
    if is_new:
        superuser.is_staff = superuser.is_superuser = True
        superuser.save(update_fields=["is_staff", "is_superuser"])
    if not Authenticator.objects.filter(user=superuser, type="totp").exists():
        TOTP.activate(superuser, DEMO_TOTP_SECRET)  # the admin and the console ask a superuser for two factors

    for email, name, slug, role, position in STAFF:
        user, is_new = _user(email, name)
        created["staff"] += int(is_new)
        membership_grant(actor=OPERATOR, agency=agencies[slug], user=user, role=role, position=position)
        if role in MFA_REQUIRED_ROLES and not Authenticator.objects.filter(user=user, type="totp").exists():
            TOTP.activate(user, DEMO_TOTP_SECRET)

    for email, phone, name, place, birth, female, village, street, serial in CITIZENS:
        user, _ = _user(email, name, phone=f"+62{phone[1:]}")
        if not CitizenProfile.objects.filter(user=user).exists():
            citizen_profile_save(
                actor=Actor(user=user),
                user=user,
                nik=_nik(village, birth, female, serial),
                name=name,
                birth_place=place,
                birth_date=birth,
                region_code=village,
                street=street,
            )
            created["citizens"] += 1

    for owner_email, name, nib, npwp, form, region, street in BUSINESSES:
        if not BusinessProfile.objects.filter(nib=nib).exists():
            owner = User.objects.get(email=owner_email)
            business_profile_create(
                actor=Actor(user=owner),
                name=name,
                nib=nib,
                npwp=npwp,
                legal_form=form,
                region_code=region,
                street=street,
            )
            created["businesses"] += 1

    # One counter visit, so the citizen's access log has something to show.
    if created["citizens"]:
        officer = User.objects.get(email="loket.cileunyikulon@padu.test")
        first = CITIZENS[0]
        citizen_lookup_by_nik(
            actor=Actor(user=officer, ip_address="127.0.0.1"),
            agency_id=agencies["desa-cileunyi-kulon"].pk,
            nik=_nik(first[6], first[4], first[5], first[8]),
            purpose="Pelayanan surat keterangan domisili di loket",
        )

    if _walk_in_register(agencies[WALK_IN_DESK[1]]):
        created["citizens"] += 1
    return created


def _walk_in_register(agency: Agency) -> bool:
    """The front desk registers the walk-in citizen (once)."""
    if CitizenProfile.objects.filter(nik_hash=keyed_hash("nik", walk_in_nik())).exists():
        return False
    name, place, birth, _female, village, street, _serial = WALK_IN
    officer = User.objects.get(email=WALK_IN_DESK[0])
    citizen_walk_in_register(
        actor=Actor(user=officer, ip_address="127.0.0.1"),
        agency_id=agency.pk,
        nik=walk_in_nik(),
        name=name,
        birth_place=place,
        birth_date=birth,
        region_code=village,
        street=street,
    )
    return True


def demo_accounts() -> list[tuple[str, str, str]]:
    """(login, what the account is, note) for the printout."""
    rows = [("superadmin@padu.test", "Django admin (superuser)", "2FA")]
    for email, _name, slug, role, position in STAFF:
        note = "2FA" if role in MFA_REQUIRED_ROLES else ""
        rows.append((email, f"{position}, {slug} ({Role(role).label})", note))
    # Staff that the areas' demo seeds add (a refund approver, an atasan PPID, ...).
    listed = {row[0] for row in STAFF}
    extra = (
        Membership.objects.filter(user__email__endswith="@padu.test", is_active=True)
        .exclude(user__email__in=listed)
        .select_related("user", "agency")
        .order_by("user__email", "agency__slug")
    )
    for m in extra:
        note = "2FA" if m.role in MFA_REQUIRED_ROLES else ""
        rows.append(
            (m.user.email or "", f"{m.position or m.user.full_name}, {m.agency.slug} ({Role(m.role).label})", note)
        )
    for email, phone, name, *_rest in CITIZENS:
        rows.append((email, f"Warga: {name} (atau {phone})", ""))
    walk_in = CitizenProfile.objects.filter(nik_hash=keyed_hash("nik", walk_in_nik())).first()
    if walk_in is not None:
        claim = f"kode klaim {walk_in.claim_code}" if walk_in.claim_code else ""
        rows.append((f"NIK {walk_in_nik()}", f"Warga tanpa akun, dilayani di loket: {walk_in.name}", claim))
    return rows
