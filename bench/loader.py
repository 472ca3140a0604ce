"""Bulk loader: a regency-to-province sized Padu on PostgreSQL, written with COPY.

What it writes, in order (each step timed, rows per second reported):
  regions        the full Kemendagri tree through `regions_load()` (the same code as `padu regions load`)
  agencies       a tree under one province (province, regencies, their population offices,
                 district offices, villages) through `agency_create()`, so their audit events are real
  staff          a front-desk officer, a verifier and a signer in every agency
  services       three published letter services per agency (the village letter pack's forms)
  citizens       users with citizen profiles; NIKs valid and encrypted with `padu.core.crypto`
  applications   spread over two years in every state, with their case events, their issued
                 documents (registry rows) and the audit events of every step

Audit events are appended to each agency's hash chain in time order, continuing from the
chain head that `agency_create()` left, and the heads are moved on, so `padu audit verify`
stays green over the bulk rows.

Issued documents are registry rows as `document_issue` writes them; they all point at one
real signed sample PDF (signing 800,000 letters would take days and measure nothing new:
the `issue` measurement times real signing). Due dates are the submission plus the service's
working days stretched by 7/5 for weekends (national holidays are not counted here).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import random
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import connection

GENESIS = "0" * 64
PROVINCE = "32"  # Jawa Barat: 27 regencies and cities, 627 districts, 5,957 villages
ISSUE_KIND = "sk-belum-menikah"
SUBMIT_SERVICE = "sk-belum-menikah"
# Share of applications in the last 30 days: the live backlog. It is capped so that the
# inbox of the busiest office holds about the same work at 10,000 and at 1,000,000
# applications: history grows with the years, the backlog does not.
RECENT_CAP = 20_000
STEPS = ("front_desk", "verifier", "signer")
FIRST_NAMES = ("Siti", "Budi", "Dewi", "Agus", "Rina", "Asep", "Neneng", "Ujang", "Euis", "Dadang", "Wati", "Iwan")
LAST_NAMES = ("Rahmawati", "Santoso", "Lestari", "Hidayat", "Permana", "Suryani", "Nugraha", "Kurniawan", "Maulana")
PURPOSES = ("Persyaratan melamar kerja", "Pengajuan KUR di bank", "Pendaftaran sekolah anak", "Keperluan nikah")


@dataclass
class LoadReport:
    steps: list[dict[str, Any]] = field(default_factory=list)

    def add(self, name: str, rows: int, seconds: float) -> None:
        self.steps.append(
            {"step": name, "rows": rows, "seconds": round(seconds, 2), "rows_per_s": round(rows / max(seconds, 1e-9))}
        )

    @property
    def total_rows(self) -> int:
        return sum(s["rows"] for s in self.steps)

    @property
    def total_seconds(self) -> float:
        return sum(s["seconds"] for s in self.steps)


@dataclass
class World:
    """What the measurements need from the loaded data."""

    province_agency_id: int
    busy_agency_id: int
    busy_agency_slug: str
    issue_agency_id: int
    issuers: list[tuple[int, int, int]]  # (agency id, signer user id, signer membership id)
    verifier_user_id: int
    signer_user_id: int
    signer_membership_id: int
    citizens: list[tuple[int, str, str]]  # (user id, NIK, name) of the first 256
    tracking_numbers: list[str]
    applications: int


class _Ids:
    """Explicit primary keys for COPY; the sequences are moved past them at the end."""

    # Parallel loaders take ids from separate blocks (the gap between them is harmless).
    BLOCK = 1_000_000_000

    def __init__(self, table: str, part: int = 0) -> None:
        self.table = table
        with connection.cursor() as cur:
            cur.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")  # noqa: S608 - our own table names
            self.next = int(cur.fetchone()[0]) + 1 + part * self.BLOCK

    def take(self) -> int:
        value = self.next
        self.next += 1
        return value

    def finish(self) -> None:
        with connection.cursor() as cur:
            cur.execute(
                f"SELECT setval(pg_get_serial_sequence('{self.table}', 'id'), GREATEST(%s, 1))",  # noqa: S608
                [self.next - 1],
            )


def _copy(table: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    if not rows:
        return
    raw = connection.connection  # the psycopg 3 connection under Django's wrapper
    with raw.cursor() as cur, cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def _progress(total: int, desc: str, quiet: bool) -> Any:
    from tqdm import tqdm

    return tqdm(total=total, desc=desc, unit=" rows", unit_scale=True, disable=quiet, mininterval=1.0, leave=False)


# ---- agencies ----


def _agency_plan(n: int) -> list[tuple[str, str, str, int | None]]:
    """(name, kind, region code, index of the parent in this list) in an order where
    parents come first: the province, each regency with its population office, district
    offices, then villages round-robin over the districts."""
    from padu.core.models import Region

    regions = {r.code: r for r in Region.objects.filter(code__startswith=PROVINCE)}
    regencies = sorted(c for c, r in regions.items() if r.level == 2)
    plan: list[tuple[str, str, str, int | None]] = [
        (f"Pemerintah Provinsi {regions[PROVINCE].name}", "pemda", PROVINCE, None)
    ]
    regency_index: dict[str, int] = {}
    for code in regencies:
        name = regions[code].name.title()
        regency_index[code] = len(plan)
        plan.append((f"Pemerintah {regions[code].get_type_display()} {name}", "pemda", code, 0))
        plan.append((f"Dinas Kependudukan dan Pencatatan Sipil {name}", "dinas", code, len(plan) - 1))
    districts = sorted(c for c, r in regions.items() if r.level == 3)
    by_regency: dict[str, list[str]] = {}
    for code in districts:
        by_regency.setdefault(code.rsplit(".", 1)[0], []).append(code)
    chosen: list[str] = []
    for i in range(max(len(v) for v in by_regency.values())):
        for code in regencies:
            if i < len(by_regency.get(code, [])) and i < 4:
                chosen.append(by_regency[code][i])
    district_index: dict[str, int] = {}
    for code in chosen:
        district_index[code] = len(plan)
        parent = regency_index[code.rsplit(".", 1)[0]]
        plan.append((f"Kecamatan {regions[code].name.title()}", "kecamatan", code, parent))
    villages: dict[str, list[str]] = {}
    for c, r in regions.items():
        if r.level == 4 and c.rsplit(".", 1)[0] in district_index:
            villages.setdefault(c.rsplit(".", 1)[0], []).append(c)
    for v in villages.values():
        v.sort()
    i = 0
    while len(plan) < n:
        added = False
        for code in chosen:
            if i < len(villages.get(code, [])) and len(plan) < n:
                vcode = villages[code][i]
                plan.append((f"Desa {regions[vcode].name.title()}", "desa", vcode, district_index[code]))
                added = True
        if not added:
            break
        i += 1
    # Parents come before children, so truncating keeps the tree whole.
    return plan[:n]


def _agencies(n: int) -> list[Any]:
    from padu.core.actors import OPERATOR
    from padu.core.services import agency_create

    created: list[Any] = []
    for i, (name, kind, region, parent) in enumerate(_agency_plan(n)):
        created.append(
            agency_create(
                actor=OPERATOR,
                name=name,
                kind=kind,
                region_code=region,
                parent=created[parent] if parent is not None else None,
                slug=f"bench-{i:04d}",
                code=f"B{i:04d}",
            )
        )
    return created


# ---- the audit chain writer ----


@dataclass(slots=True)
class _Event:
    """What `padu.core.audit.compute_hash` reads of an audit event, without a model instance."""

    chain: int
    seq: int
    created_at: dt.datetime
    actor_id: int | None
    actor_label: str
    agency_id: int | None
    verb: str
    object_type: str
    object_id: str
    changes: dict[str, Any]
    ip_address: str | None
    user_agent: str
    prev_hash: str


class AuditWriter:
    """Appends events to agency chains, hashed by `padu.core.audit.compute_hash` as
    `audit_record` hashes them."""

    COLUMNS = (
        "id",
        "chain",
        "seq",
        "created_at",
        "actor_id",
        "actor_label",
        "agency_id",
        "verb",
        "object_type",
        "object_id",
        "changes",
        "ip_address",
        "user_agent",
        "prev_hash",
        "hash",
    )

    def __init__(self, part: int = 0) -> None:
        from padu.core.audit import compute_hash
        from padu.core.models import AuditChainHead

        self.compute_hash = compute_hash
        self.heads = {h.chain: (h.last_seq, h.last_hash) for h in AuditChainHead.objects.all()}
        self.touched: set[int] = set()
        self.ids = _Ids("core_auditevent", part)

    def rows(
        self, chain: int, events: list[tuple[dt.datetime, int | None, str, str, str, str, dict[str, Any]]]
    ) -> list[tuple[Any, ...]]:
        """events: (created_at, actor_id, actor_label, verb, object_type, object_id, changes), any order."""
        events.sort(key=lambda e: e[0])
        seq, prev = self.heads.get(chain, (0, GENESIS))
        out: list[tuple[Any, ...]] = []
        dumps = json.dumps
        digest_of = self.compute_hash
        for created_at, actor_id, label, verb, otype, oid, changes in events:
            seq += 1
            event = _Event(
                chain, seq, created_at, actor_id, label, chain or None, verb, otype, oid, changes, None, "", prev
            )
            digest = digest_of(event)  # type: ignore[arg-type]  # reads the fields only
            out.append(
                (
                    self.ids.take(),
                    chain,
                    seq,
                    created_at,
                    actor_id,
                    label,
                    chain or None,
                    verb,
                    otype,
                    oid,
                    dumps(changes),
                    None,
                    "",
                    prev,
                    digest,
                )
            )
            prev = digest
        self.heads[chain] = (seq, prev)
        self.touched.add(chain)
        return out

    def finish(self) -> None:
        self.ids.finish()
        with connection.cursor() as cur:
            for chain in sorted(self.touched):
                seq, last = self.heads[chain]
                cur.execute(
                    "INSERT INTO core_auditchainhead (chain, last_seq, last_hash) VALUES (%s, %s, %s) "
                    "ON CONFLICT (chain) DO UPDATE SET last_seq = EXCLUDED.last_seq, last_hash = EXCLUDED.last_hash",
                    [chain, seq, last],
                )


# ---- people ----


def _nik(district: str, birth: dt.date, female: bool, serial: int) -> str:
    day = birth.day + (40 if female else 0)
    return f"{district.replace('.', '')}{day:02d}{birth.month:02d}{birth.year % 100:02d}{serial:04d}"


def _password_hash() -> str:
    from django.contrib.auth.hashers import make_password

    # One real hash for every bench account (hashing 200,000 passwords measures PBKDF2, not Padu).
    return make_password(secrets.token_urlsafe(16))


USER_COLUMNS = (
    "id",
    "password",
    "last_login",
    "is_superuser",
    "email",
    "phone",
    "phone_verified",
    "full_name",
    "language",
    "is_staff",
    "is_active",
    "date_joined",
)


def _user_row(uid: int, password: str, email: str, name: str, joined: dt.datetime) -> tuple[Any, ...]:
    return (uid, password, None, False, email, None, False, name, "id", False, True, joined)


@dataclass
class Citizen:
    user_id: int
    name: str
    nik: str


def _citizens(n: int, rng: random.Random, now: dt.datetime, quiet: bool) -> list[Citizen]:
    from django.conf import settings

    from padu.core.crypto import _fernet, keyed_hash
    from padu.core.models import Region

    villages = list(
        Region.objects.filter(code__startswith=f"{PROVINCE}.", level=4).values_list("code", flat=True)[:5000]
    )
    fernet = _fernet(settings.PADU_DATA_KEY)
    password = _password_hash()
    users = _Ids("accounts_user")
    profiles = _Ids("accounts_citizenprofile")
    out: list[Citizen] = []
    seen: set[str] = set()
    bar = _progress(n * 2, "citizens", quiet)
    batch_u: list[tuple[Any, ...]] = []
    batch_p: list[tuple[Any, ...]] = []

    def flush() -> None:
        _copy("accounts_user", USER_COLUMNS, batch_u)
        _copy(
            "accounts_citizenprofile",
            (
                "id",
                "user_id",
                "nik_encrypted",
                "nik_hash",
                "kk_encrypted",
                "kk_hash",
                "name",
                "birth_place",
                "birth_date",
                "gender",
                "region_id",
                "street",
                "updated_at",
                "birth_date_check",
                "claim_code_encrypted",
            ),
            batch_p,
        )
        bar.update(len(batch_u) + len(batch_p))
        batch_u.clear()
        batch_p.clear()

    for i in range(n):
        village = villages[i % len(villages)]
        district = village.rsplit(".", 1)[0]
        female = rng.random() < 0.5
        birth = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 55))
        nik = _nik(district, birth, female, rng.randrange(1, 10000))
        while nik in seen:
            nik = _nik(district, birth, female, rng.randrange(1, 10000))
        seen.add(nik)
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        uid = users.take()
        batch_u.append(_user_row(uid, password, f"warga{uid}@bench.padu.invalid", name, now))
        batch_p.append(
            (
                profiles.take(),
                uid,
                fernet.encrypt(nik.encode()).decode(),
                keyed_hash("nik", nik),
                "",
                "",
                name,
                "Bandung",
                birth,
                "P" if female else "L",
                village,
                f"Jl. Merdeka No. {i % 200 + 1}, RT 0{i % 9 + 1}/RW 0{i % 7 + 1}",
                now,
                "matches",
                "",
            )
        )
        out.append(Citizen(uid, name, nik))
        if len(batch_u) >= 5000:
            flush()
    flush()
    bar.close()
    users.finish()
    profiles.finish()
    return out


def _staff(agencies: list[Any], now: dt.datetime) -> dict[int, dict[str, tuple[int, int, str]]]:
    """{agency id: {role: (user id, membership id, name)}}"""
    password = _password_hash()
    users = _Ids("accounts_user")
    members = _Ids("core_membership")
    rows_u: list[tuple[Any, ...]] = []
    rows_m: list[tuple[Any, ...]] = []
    out: dict[int, dict[str, tuple[int, int, str]]] = {}
    positions = {"front_desk": "Operator Layanan", "verifier": "Sekretaris", "signer": "Kepala Kantor"}
    for agency in agencies:
        for role in STEPS:
            uid, mid = users.take(), members.take()
            name = f"{positions[role]} {agency.code}"
            rows_u.append(_user_row(uid, password, f"{role}.{agency.slug}@bench.padu.invalid", name, now))
            rows_m.append((mid, uid, agency.pk, role, positions[role], "", True, now))
            out.setdefault(agency.pk, {})[role] = (uid, mid, name)
    _copy("accounts_user", USER_COLUMNS, rows_u)
    _copy(
        "core_membership",
        ("id", "user_id", "agency_id", "role", "position", "employee_number", "is_active", "created_at"),
        rows_m,
    )
    users.finish()
    members.finish()
    return out


# ---- services ----


def _services(agencies: list[Any], audit: AuditWriter, now: dt.datetime) -> dict[int, list[Any]]:
    from padu.services.demo.letters import LETTERS
    from padu.services.models import Service, ServiceVersion

    specs = {spec["slug"]: spec for spec in LETTERS}
    others = [slug for slug in specs if slug != SUBMIT_SERVICE]
    services: list[Any] = []
    for i, agency in enumerate(agencies):
        for slug in (SUBMIT_SERVICE, others[i % len(others)], others[(i + 3) % len(others)]):
            services.append(Service(agency=agency, slug=slug))
    Service.objects.bulk_create(services, batch_size=2000)
    services = list(Service.objects.filter(agency__in=agencies).order_by("pk"))
    versions = []
    for service in services:
        data = {k: v for k, v in specs[service.slug].items() if k != "slug"}
        versions.append(ServiceVersion(service=service, number=1, status="published", published_at=now, **data))
    ServiceVersion.objects.bulk_create(versions, batch_size=2000)
    by_agency: dict[int, list[Any]] = {}
    events: dict[int, list[Any]] = {}
    for v in ServiceVersion.objects.filter(service__in=services).select_related("service"):
        by_agency.setdefault(v.service.agency_id, []).append(v)
        events.setdefault(v.service.agency_id, []).extend(
            [
                (now, None, "operator", "service.created", "services.service", str(v.service_id), {"name": v.name}),
                (now, None, "operator", "service.published", "services.serviceversion", str(v.pk), {"version": 1}),
            ]
        )
    rows: list[tuple[Any, ...]] = []
    for chain, evs in events.items():
        rows.extend(audit.rows(chain, evs))
    _copy("core_auditevent", AuditWriter.COLUMNS, rows)
    return by_agency


# ---- applications ----


def _weights(n: int) -> list[float]:
    # A few busy offices and a long tail (Zipf-like), as in a real province.
    raw = [1.0 / (i + 1) for i in range(n)]
    total = sum(raw)
    return [w / total for w in raw]


def _split(total: int, weights: list[float]) -> list[int]:
    counts = [int(total * w) for w in weights]
    counts[0] += total - sum(counts)
    return counts


RECENT_STATES = (
    ("draft", 0.10),
    ("in_review", 0.45),
    ("returned", 0.08),
    ("completed", 0.30),
    ("rejected", 0.05),
    ("withdrawn", 0.02),
)
OLD_STATES = (("draft", 0.03), ("completed", 0.80), ("rejected", 0.12), ("withdrawn", 0.05))


def _pick(rng: random.Random, table: tuple[tuple[str, float], ...]) -> str:
    x = rng.random()
    for state, p in table:
        x -= p
        if x < 0:
            return state
    return table[-1][0]


APP_COLUMNS = (
    "id",
    "agency_id",
    "service_version_id",
    "tracking_number",
    "applicant_id",
    "business_id",
    "submitted_by_id",
    "channel",
    "answers",
    "status",
    "step",
    "fee_amount",
    "created_at",
    "submitted_at",
    "due_at",
    "completed_at",
    "near_due_notified_step",
    "document_id",
    "updated_at",
    "paused_working_days",
)
EVENT_COLUMNS = (
    "id",
    "application_id",
    "agency_id",
    "actor_id",
    "action",
    "from_status",
    "to_status",
    "step",
    "note",
    "created_at",
)
DOC_COLUMNS = (
    "id",
    "agency_id",
    "kind",
    "template_id",
    "number",
    "title",
    "subject",
    "pdf",
    "sha256",
    "signature_sha256",
    "certificate_sha256",
    "signer_id",
    "signer_name",
    "signer_position",
    "signed_at",
    "verification_code",
    "revoked_at",
    "revoked_reason",
    "created_by_id",
)


@dataclass
class SamplePdf:
    name: str
    sha256: str
    signature_sha256: str
    certificate_sha256: str


def _tracking(rng: random.Random, seen: set[str], first: str) -> str:
    from padu.core.tracking import ALPHABET, check_character

    while True:
        # Parallel loaders draw the first character from disjoint sets: no clash between them.
        body = rng.choice(first) + "".join(rng.choice(ALPHABET) for _ in range(7))
        number = f"{body[:4]}-{body[4:]}-{check_character(body)}"
        if number not in seen:
            seen.add(number)
            return number


def _applications(
    recent_total: int,
    old_total: int,
    agencies: list[Any],
    versions: dict[int, list[Any]],
    staff: dict[int, dict[str, tuple[int, int, str]]],
    citizens: list[Citizen],
    audit: AuditWriter,
    sample: SamplePdf,
    rng: random.Random,
    now: dt.datetime,
    quiet: bool,
    report: LoadReport,
    part: tuple[int, int] = (0, 1),
) -> list[str]:
    from padu.core.tracking import ALPHABET

    mine, parts = part
    first = ALPHABET[mine::parts]
    apps_ids, event_ids, doc_ids = (
        _Ids("services_application", mine),
        _Ids("services_applicationevent", mine),
        _Ids("documents_issueddocument", mine),
    )
    from padu.services.models import Application

    seen: set[str] = set(Application.objects.values_list("tracking_number", flat=True))
    total = recent_total + old_total
    weights = _weights(len(agencies))
    recent = _split(recent_total, weights)
    older = _split(old_total, weights)
    sample_numbers: list[str] = []
    sample_every = max(1, total // 2000)  # about 2,000 tracking numbers from all over the table
    counts = {"applications": 0, "events": 0, "audit": 0, "documents": 0}
    seconds = {"applications": 0.0, "audit": 0.0}
    bar = _progress(total, "applications", quiet)
    for index, (agency, n_recent, n_old) in enumerate(zip(agencies, recent, older, strict=True)):
        if index % parts != mine:
            continue
        t0 = time.perf_counter()
        apps: list[tuple[Any, ...]] = []
        events: list[tuple[Any, ...]] = []
        docs: list[tuple[Any, ...]] = []
        chain: list[tuple[dt.datetime, int | None, str, str, str, str, dict[str, Any]]] = []
        people = staff[agency.pk]
        vs = versions[agency.pk]
        for k in range(n_recent + n_old):
            is_recent = k < n_recent
            age = dt.timedelta(
                seconds=rng.uniform(0, 30 * 86400) if is_recent else rng.uniform(30 * 86400, 730 * 86400)
            )
            created = (now - age).replace(microsecond=0)
            state = _pick(rng, RECENT_STATES if is_recent else OLD_STATES)
            version = vs[k % len(vs)]
            citizen = citizens[rng.randrange(len(citizens))]
            app_id = apps_ids.take()
            number = _tracking(rng, seen, first)
            if state != "draft" and app_id % sample_every == 0:
                sample_numbers.append(number)
            answers = {"nik": citizen.nik, "nama": citizen.name, "keperluan": PURPOSES[k % len(PURPOSES)]}
            oid = str(app_id)
            steps: list[tuple[str, str, str, int, dt.datetime, int | None, str, str]] = []
            moment = created
            steps.append(("start", "draft", "draft", 0, moment, citizen.user_id, citizen.name, ""))
            submitted = due = completed = None
            step = 0
            document_id = None
            status = state
            if state != "draft":
                moment = moment + dt.timedelta(minutes=rng.randint(2, 90))
                submitted = moment
                days = version.completion_days
                due = submitted + dt.timedelta(days=days * 7 / 5)
                steps.append(("submit", "draft", "in_review", 0, moment, citizen.user_id, citizen.name, ""))
                if state == "in_review":
                    step = rng.randrange(3)
                elif state == "returned":
                    step = rng.randrange(3)
                elif state == "rejected":
                    step = rng.randrange(3)
                elif state == "completed":
                    step = 2
                for s in range(step):
                    moment = moment + dt.timedelta(hours=rng.uniform(1, 20))
                    who = people[STEPS[s]]
                    steps.append(("approve", "in_review", "in_review", s + 1, moment, who[0], who[2], ""))
                if state in ("returned", "rejected", "completed"):
                    moment = moment + dt.timedelta(hours=rng.uniform(1, 20))
                    who = people[STEPS[step]]
                    action = {"returned": "return", "rejected": "reject", "completed": "approve"}[state]
                    note = {"returned": "Lampirkan surat pengantar RT/RW.", "rejected": "Bukan warga wilayah ini."}.get(
                        state, ""
                    )
                    steps.append((action, "in_review", state, step, moment, who[0], who[2], note))
                    if state != "returned":
                        completed = moment
                elif state == "withdrawn":
                    moment = moment + dt.timedelta(hours=rng.uniform(1, 48))
                    steps.append(("withdraw", "in_review", "withdrawn", 0, moment, citizen.user_id, citizen.name, ""))
                    completed = moment
            if state == "completed":
                document_id = doc_ids.take()
                signer = people["signer"]
                year = completed.year if completed else now.year
                # A letter number is unique in its agency (agenda counter); parallel loaders take
                # disjoint document ids, so the id is the agenda number here.
                doc_number = f"{document_id:06d}/400.12/{agency.code}/{year}"
                docs.append(
                    (
                        document_id,
                        agency.pk,
                        version.document_kind,
                        None,
                        doc_number,
                        version.name,
                        f"{version.name} — {number}",
                        sample.name,
                        # A registry row's own digest (unique, as real ones are); the file is the sample.
                        hashlib.sha256(f"{sample.sha256}:{document_id}".encode()).hexdigest(),
                        sample.signature_sha256,
                        sample.certificate_sha256,
                        signer[0],
                        signer[2],
                        "Kepala Kantor",
                        completed,
                        secrets.token_urlsafe(18),
                        None,
                        "",
                        signer[0],
                    )
                )
                assert completed is not None
                chain.append(
                    (
                        completed,
                        signer[0],
                        signer[2],
                        "document.issued",
                        "documents.issueddocument",
                        str(document_id),
                        {
                            "kind": version.document_kind,
                            "number": doc_number,
                            "template": None,
                            "template_version": 1,
                            "sha256": docs[-1][8],
                            "signer": signer[0],
                        },
                    )
                )
            for action, source, target, s, at, actor_id, label, note in steps:
                events.append((event_ids.take(), app_id, agency.pk, actor_id, action, source, target, s, note, at))
                chain.append(
                    (
                        at,
                        actor_id,
                        label,
                        f"application.{action}",
                        "services.application",
                        oid,
                        {"from": source, "to": target, "step": s, "note": note},
                    )
                )
            apps.append(
                (
                    app_id,
                    agency.pk,
                    version.pk,
                    number,
                    citizen.user_id,
                    None,
                    None,
                    "online",
                    json.dumps(answers),
                    status,
                    step,
                    0,
                    created,
                    submitted,
                    due,
                    completed,
                    None,
                    document_id,
                    moment,
                    0,
                )
            )
        t1 = time.perf_counter()
        audit_rows = audit.rows(agency.pk, chain)
        t2 = time.perf_counter()
        _copy("documents_issueddocument", DOC_COLUMNS, docs)
        _copy("services_application", APP_COLUMNS, apps)
        _copy("services_applicationevent", EVENT_COLUMNS, events)
        t3 = time.perf_counter()
        _copy("core_auditevent", AuditWriter.COLUMNS, audit_rows)
        t4 = time.perf_counter()
        seconds["applications"] += (t1 - t0) + (t3 - t2)
        seconds["audit"] += (t2 - t1) + (t4 - t3)
        counts["applications"] += len(apps)
        counts["events"] += len(events)
        counts["documents"] += len(docs)
        counts["audit"] += len(audit_rows)
        bar.update(len(apps))
    bar.close()
    apps_ids.finish()
    event_ids.finish()
    doc_ids.finish()
    report.add(
        "applications + events + documents",
        counts["applications"] + counts["events"] + counts["documents"],
        seconds["applications"],
    )
    report.add("audit events (hash-chained)", counts["audit"], seconds["audit"])
    report.steps[-2]["detail"] = {k: v for k, v in counts.items() if k != "audit"}
    return sample_numbers


def _letters(agencies: list[Any]) -> None:
    """Number pattern and letter template of the issued letter in these agencies."""
    from padu.core.actors import OPERATOR
    from padu.core.services import number_pattern_set
    from padu.documents.services import letter_template_save
    from padu.services.demo.letters import CLOSING, OPENING, STATEMENTS

    for agency in agencies:
        number_pattern_set(
            actor=OPERATOR,
            agency=agency,
            kind=ISSUE_KIND,
            pattern="[nomor,3]/[kode]/[kode_instansi]/[bulan_romawi]/[tahun]",
            classification_code="400.12",
        )
        letter_template_save(
            actor=OPERATOR,
            agency=agency,
            kind=ISSUE_KIND,
            name="Surat Keterangan Belum Menikah",
            body=f"{OPENING}<p>{STATEMENTS[ISSUE_KIND]}</p>{CLOSING}",
        )


def _sample_pdf(agency: Any, signer: tuple[int, int, str]) -> SamplePdf:
    """Issue one real signed letter in the busy office; the bulk rows point at its file."""
    from django.contrib.auth import get_user_model

    from padu.core.actors import Actor
    from padu.core.models import Membership
    from padu.documents.selectors import letter_template_current
    from padu.documents.services import document_issue

    template = letter_template_current(agency.pk, ISSUE_KIND)
    assert template is not None
    membership = Membership.objects.select_related("user").get(pk=signer[1])
    actor = Actor(user=get_user_model().objects.get(pk=signer[0]))
    doc = document_issue(
        actor=actor,
        agency=agency,
        kind=ISSUE_KIND,
        template=template,
        context=sample_context(),
        signer_membership=membership,
        title="Surat Keterangan Belum Menikah",
        subject="Surat Keterangan Belum Menikah — contoh",
    )
    return SamplePdf(str(doc.pdf.name), doc.sha256, doc.signature_sha256, doc.certificate_sha256)


def sample_context() -> dict[str, Any]:
    return {
        "pemohon": {
            "nama": "Siti Rahmawati",
            "nik": "3204054506900001",
            "tempat_lahir": "Bandung",
            "tanggal_lahir": "5 Juni 1990",
            "jenis_kelamin": "Perempuan",
            "alamat": "Jl. Merdeka No. 1, RT 01/RW 02, Cileunyi Kulon",
        },
        "jawaban": {"keperluan": "Persyaratan melamar kerja"},
        "layanan": "Surat Keterangan Belum Menikah",
        "nomor_permohonan": "K7M3-9QXC-Z",
    }


def _vacuum(report: LoadReport) -> None:
    # VACUUM sets the visibility map (index-only scans for counts); the audit trail and case
    # history are only ever read by key, so ANALYZE is enough for them.
    t = time.perf_counter()
    with connection.cursor() as cur:
        cur.execute("VACUUM ANALYZE services_application, documents_issueddocument, accounts_user")
        cur.execute("ANALYZE")
    report.add("vacuum analyze", 0, time.perf_counter() - t)


def _world(
    tree: list[Any], staff: dict[int, dict[str, tuple[int, int, str]]], citizens: list[Citizen], numbers: list[str]
) -> World:
    from padu.services.models import Application

    busy = _busy(tree)
    return World(
        province_agency_id=tree[0].pk,
        busy_agency_id=busy.pk,
        busy_agency_slug=busy.slug,
        issue_agency_id=busy.pk,
        issuers=[(a.pk, staff[a.pk]["signer"][0], staff[a.pk]["signer"][1]) for a in _issuers(tree)],
        verifier_user_id=staff[busy.pk]["verifier"][0],
        signer_user_id=staff[busy.pk]["signer"][0],
        signer_membership_id=staff[busy.pk]["signer"][1],
        citizens=[(c.user_id, c.nik, c.name) for c in citizens[:256]],
        tracking_numbers=numbers,
        applications=Application.objects.count(),
    )


def _issuers(tree: list[Any]) -> list[Any]:
    # Letters are signed by each office's own signer, one after another; offices sign in
    # parallel. The issue measurement gives each process its own office.
    return tree[1:9] or tree[:1]


def _busy(tree: list[Any]) -> Any:
    return tree[0] if len(tree) == 1 else tree[1]  # the busiest office (Zipf rank 2): a regency government


def load_base(
    *,
    agencies: int,
    citizens: int,
    applications: int,
    state_file: str,
    seed: int = 6,
    quiet: bool = False,
    say: Callable[[str], None] = print,
) -> tuple[LoadReport, World]:
    """Load the tree, people, services and the first `applications` (all from the last 30
    days: the live backlog) into the migrated, empty database Django is connected to."""
    from padu.core.models import Region
    from padu.core.regions import regions_load

    rng = random.Random(seed)
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    report = LoadReport()

    t = time.perf_counter()
    counts = {"total": 0} if Region.objects.exists() else regions_load()
    report.add("regions (padu regions load)", counts["total"], time.perf_counter() - t)
    say(f"  regions: {counts['total']:,} rows")

    t = time.perf_counter()
    tree = _agencies(agencies)
    report.add("agencies (agency_create, audited)", len(tree), time.perf_counter() - t)
    say(f"  agencies: {len(tree)}")

    t = time.perf_counter()
    staff = _staff(tree, now)
    report.add("staff users + memberships", len(tree) * 6, time.perf_counter() - t)

    audit = AuditWriter()
    t = time.perf_counter()
    versions = _services(tree, audit, now)
    n_versions = sum(len(v) for v in versions.values())
    report.add("services + published versions", n_versions * 4, time.perf_counter() - t)

    t = time.perf_counter()
    people = _citizens(citizens, rng, now, quiet)
    report.add("citizens (users + profiles, NIK encrypted)", len(people) * 2, time.perf_counter() - t)
    say(f"  citizens: {len(people):,}")
    audit.finish()  # the ORM writes below take ids from the sequences, now past the bulk rows

    busy = _busy(tree)
    _letters(_issuers(tree))
    sample = _sample_pdf(busy, staff[busy.pk]["signer"])
    audit = AuditWriter()  # continues every chain from its head, including the sample letter's event
    numbers = _applications(applications, 0, tree, versions, staff, people, audit, sample, rng, now, quiet, report)
    audit.finish()
    say(f"  applications: {applications:,}")
    _vacuum(report)
    with open(state_file, "w") as fh:
        json.dump({"citizens": [(c.user_id, c.name, c.nik) for c in people], "sample": sample.__dict__}, fh)
    return report, _world(tree, staff, people, numbers)


def _grow_part(k: int, parts: int, applications: int, state_file: str, seed: int, quiet: bool) -> dict[str, Any]:
    """One of the parallel history loaders: every `parts`-th office, its own connection."""
    from padu.core.models import Agency, Membership
    from padu.services.models import ServiceVersion

    with open(state_file) as fh:
        state = json.load(fh)
    rng = random.Random(seed * 100 + k)
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    report = LoadReport()
    tree = list(Agency.objects.filter(slug__startswith="bench-").order_by("slug"))
    staff: dict[int, dict[str, tuple[int, int, str]]] = {}
    for m in Membership.objects.filter(agency__in=tree).select_related("user"):
        staff.setdefault(m.agency_id, {})[m.role] = (m.user_id, m.pk, m.user.full_name)
    versions: dict[int, list[Any]] = {}
    for v in ServiceVersion.objects.filter(service__agency__in=tree).select_related("service").order_by("pk"):
        versions.setdefault(v.service.agency_id, []).append(v)
    people = [Citizen(uid, name, nik) for uid, name, nik in state["citizens"]]
    sample = SamplePdf(**state["sample"])
    audit = AuditWriter(k)
    numbers = _applications(
        0, applications, tree, versions, staff, people, audit, sample, rng, now, quiet, report, (k, parts)
    )
    audit.finish()
    connection.close()
    return {"numbers": numbers, "steps": report.steps}


def load_more(
    *, applications: int, state_file: str, seed: int = 7, quiet: bool = False, say: Callable[[str], None] = print
) -> tuple[LoadReport, World]:
    """Add `applications` of history (30 days to two years old) to a database `load_base`
    filled, in one process per core (each office's rows and audit chain in one process)."""
    import multiprocessing

    from django.db import connections

    from padu.core.models import Agency, Membership

    parts = max(1, min(2, os.cpu_count() or 1))
    connections.close_all()  # each forked loader opens its own
    t = time.perf_counter()
    with multiprocessing.get_context("fork").Pool(parts) as pool:
        results = pool.starmap(_grow_part, [(k, parts, applications, state_file, seed, quiet) for k in range(parts)])
    wall = time.perf_counter() - t
    with connection.cursor() as cur:
        for table in (
            "services_application",
            "services_applicationevent",
            "documents_issueddocument",
            "core_auditevent",
        ):
            cur.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"  # noqa: S608
            )
    report = LoadReport()
    # The parts ran side by side: rows per second over the wall-clock time of the slowest.
    for name in ("applications + events + documents", "audit events (hash-chained)"):
        rows = sum(step["rows"] for r in results for step in r["steps"] if step["step"] == name)
        busy = sum(step["seconds"] for r in results for step in r["steps"] if step["step"] == name)
        share = busy / max(sum(step["seconds"] for r in results for step in r["steps"]), 1e-9)
        report.add(f"{name}, {parts} loaders", rows, wall * share)
    say(f"  applications added: {applications:,} in {wall:.0f} s")
    _vacuum(report)
    tree = list(Agency.objects.filter(slug__startswith="bench-").order_by("slug"))
    staff: dict[int, dict[str, tuple[int, int, str]]] = {}
    for m in Membership.objects.filter(agency__in=tree).select_related("user"):
        staff.setdefault(m.agency_id, {})[m.role] = (m.user_id, m.pk, m.user.full_name)
    with open(state_file) as fh:
        people = [Citizen(uid, name, nik) for uid, name, nik in json.load(fh)["citizens"][:256]]
    numbers = [n for r in results for n in r["numbers"]]
    random.Random(seed).shuffle(numbers)
    return report, _world(tree, staff, people, numbers)
