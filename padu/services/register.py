"""The population register, as services sees it: through the hooks the register app offers
(`padu.core.manifest.hook_calls`), never by importing it. Without the register installed
every function here finds nothing and services behaves as it always did.

- `register_facts`: a resident's items (`penduduk.*`) for a letter or a form, or None.
- `register_prefill`: the form's fields whose names match the register's items.
- `register_note`: the line the signer reads: from the register of <village>, last changed
  on <date>; or typed by the applicant.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from padu.core.actors import Actor
from padu.core.manifest import hook_calls

# The register's items a letter may print (`penduduk.*`).
REGISTER_PLACEHOLDERS: tuple[tuple[str, Promise], ...] = (
    ("penduduk.nama", gettext_lazy("Name")),
    ("penduduk.nik", gettext_lazy("NIK (in full)")),
    ("penduduk.nik_samaran", gettext_lazy("NIK, masked")),
    ("penduduk.tempat_lahir", gettext_lazy("Place of birth")),
    ("penduduk.tanggal_lahir", gettext_lazy("Date of birth")),
    ("penduduk.jenis_kelamin", gettext_lazy("Sex")),
    ("penduduk.agama", gettext_lazy("Religion")),
    ("penduduk.status_perkawinan", gettext_lazy("Marital status")),
    ("penduduk.pekerjaan", gettext_lazy("Occupation")),
    ("penduduk.pendidikan", gettext_lazy("Education")),
    ("penduduk.kewarganegaraan", gettext_lazy("Citizenship")),
    ("penduduk.golongan_darah", gettext_lazy("Blood type")),
    ("penduduk.nama_ayah", gettext_lazy("Father's name")),
    ("penduduk.nama_ibu", gettext_lazy("Mother's name")),
    ("penduduk.alamat", gettext_lazy("Address (street, RT/RW, hamlet, village)")),
    ("penduduk.rt", gettext_lazy("RT")),
    ("penduduk.rw", gettext_lazy("RW")),
    ("penduduk.dusun", gettext_lazy("Hamlet (dusun)")),
    ("penduduk.no_kk", gettext_lazy("Family card number (No. KK)")),
    ("penduduk.hubungan", gettext_lazy("Relationship in the family (SHDK)")),
    ("penduduk.anggota_keluarga", gettext_lazy("Family members, with their relationship")),
)
# Form fields filled from the register when their name is one of these (the register's own
# names); dates as YYYY-MM-DD.
PREFILL_KEYS = (
    "nama",
    "tempat_lahir",
    "tanggal_lahir",
    "jenis_kelamin",
    "agama",
    "status_perkawinan",
    "pekerjaan",
    "pendidikan",
    "kewarganegaraan",
    "nama_ayah",
    "nama_ibu",
    "alamat",
    "no_kk",
    "rt",
    "rw",
    "dusun",
    "hubungan",
)


def register_facts(
    *, agency_id: int, nik: str, actor: Actor | None, purpose: str, user_id: int | None = None
) -> dict[str, Any] | None:
    """The first installed register's facts about the resident with `nik` (None without one)."""
    if not nik:
        return None
    for call in hook_calls("register_facts"):
        facts = call(agency_id=agency_id, nik=nik, actor=actor, purpose=purpose, user_id=user_id)
        if facts:
            return dict(facts)
    return None


def _text(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    return "" if value is None else str(value)


def register_prefill(definition: Mapping[str, Any], facts: Mapping[str, Any] | None) -> dict[str, str]:
    """Initial values for the form's fields named like a register item (`alamat`, `rt`, ...),
    plus the NIK and the name of fields that ask for them (`prefill: nik|name`)."""
    if not facts:
        return {}
    out: dict[str, str] = {}
    for spec in definition.get("fields", []) if isinstance(definition, Mapping) else []:
        name = str(spec.get("name") or "")
        if spec.get("type") in ("file", "group"):
            continue
        if spec.get("prefill") == "nik" or name == "nik":
            out[name] = str(facts.get("nik") or "")
        elif spec.get("prefill") == "name":
            out[name] = str(facts.get("nama") or "")
        elif name in PREFILL_KEYS and facts.get(name) not in (None, ""):
            out[name] = _text(facts[name])
    return {k: v for k, v in out.items() if v}


def local_date(moment: dt.datetime | None, time_zone: str) -> str:
    if moment is None:
        return ""
    return date_format(moment.astimezone(ZoneInfo(time_zone)).date(), "j F Y")


@dataclass(frozen=True)
class RegisterPanel:
    """What a form shows above itself when it was filled from the register."""

    village: str
    changed_on: str
    name: str
    nik_masked: str
    address: str
    family: list[dict[str, str]]


def register_panel(facts: Mapping[str, Any] | None, time_zone: str) -> RegisterPanel | None:
    if not facts:
        return None
    source = facts.get("_source") or {}
    return RegisterPanel(
        village=str(source.get("village") or ""),
        changed_on=local_date(source.get("updated_at"), time_zone),
        name=str(facts.get("nama") or ""),
        nik_masked=str(facts.get("nik_samaran") or ""),
        address=str(facts.get("alamat") or ""),
        family=[
            {"name": str(m.get("nama") or ""), "relationship": str(m.get("hubungan") or "")}
            for m in facts.get("keluarga") or []
        ],
    )


def register_note(facts: Mapping[str, Any] | None, time_zone: str) -> str:
    """Where the applicant's data on the letter comes from, for the signer."""
    if not facts:
        return _("The applicant's data was typed by the applicant: it is not in the population register.")
    source = facts.get("_source") or {}
    return _("The applicant's data comes from the population register of %(village)s, last changed on %(date)s.") % {
        "village": source.get("village") or "",
        "date": local_date(source.get("updated_at"), time_zone),
    }


def letter_register_values(facts: Mapping[str, Any]) -> dict[str, Any]:
    """The facts as a letter prints them: dates written out, no metadata."""
    out: dict[str, Any] = {}
    for key, value in facts.items():
        if key.startswith("_"):
            continue
        if key == "keluarga":
            out[key] = [
                {k: (date_format(v, "j F Y") if isinstance(v, dt.date) else v) for k, v in member.items()}
                for member in value
            ]
        elif isinstance(value, dt.date):
            out[key] = date_format(value, "j F Y")
        else:
            out[key] = value
    return out


def application_completed_calls() -> int:
    """How many installed apps listen for completed applications (0: nothing to enqueue)."""
    return len(hook_calls("application_completed"))
