"""The service standard (standar pelayanan) of UU 25/2009 Pasal 21: its fourteen components,
the structured requirements, and the service hours.

The components are listed in the order SiPPN publishes a standard (PermenPANRB 15/2014):
six about delivering the service (penyampaian pelayanan), then eight about managing it
(pengelolaan pelayanan). A draft may leave any of them empty; publishing needs all fourteen,
the service hours, and requirements that agree with the form (`publish_problems`).

A requirement is `{"name", "required", "kind", "field", "at_counter"}`: a document
(`kind` "document") is collected by a file question of the form (`field`: `ktp`, or
`anggota.akta` inside a repeating group), shown at the counter (`at_counter`), or either;
a condition (`kind` "condition", e.g. "lives in the village") is neither.

Hours are `{"mon": [["08:00", "15:30"]], "fri": [["08:00", "11:00"], ["13:00", "16:00"]]}`:
open days only, each day's periods in order and apart.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.dates import WEEKDAYS
from django.utils.functional import Promise
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from padu.services.formdef import text_in

Errors = dict[str, list[str]]

DELIVERY, MANAGEMENT = "delivery", "management"
GROUPS: dict[str, Promise] = {
    DELIVERY: gettext_lazy("Service delivery"),
    MANAGEMENT: gettext_lazy("Service management"),
}


def _text(key: str) -> Callable[[Any], bool]:
    return lambda version: bool(str(getattr(version, key) or "").strip())


@dataclass(frozen=True)
class Component:
    """One of the fourteen components: its number on the published standard, the version's
    field that holds it, its group and its name."""

    number: int
    key: str
    group: str
    label: Promise
    present: Callable[[Any], bool]


COMPONENTS: tuple[Component, ...] = (
    Component(1, "requirements", DELIVERY, gettext_lazy("Requirements"), lambda v: bool(v.requirements)),
    Component(2, "procedure", DELIVERY, gettext_lazy("System, mechanism and procedure"), _text("procedure")),
    Component(3, "completion_days", DELIVERY, gettext_lazy("Completion time"), lambda v: bool(v.completion_days)),
    Component(4, "fee_kind", DELIVERY, gettext_lazy("Cost or fee"), lambda v: bool(v.fee_kind)),
    Component(5, "output", DELIVERY, gettext_lazy("Service product"), _text("output")),
    Component(
        6,
        "complaint_channel",
        DELIVERY,
        gettext_lazy("Handling of complaints, suggestions and feedback"),
        _text("complaint_channel"),
    ),
    Component(7, "legal_basis", MANAGEMENT, gettext_lazy("Legal basis"), _text("legal_basis")),
    Component(
        8, "facilities", MANAGEMENT, gettext_lazy("Facilities, infrastructure and equipment"), _text("facilities")
    ),
    Component(9, "staff_competence", MANAGEMENT, gettext_lazy("Staff competence"), _text("staff_competence")),
    Component(
        10, "internal_supervision", MANAGEMENT, gettext_lazy("Internal supervision"), _text("internal_supervision")
    ),
    Component(11, "staff_count", MANAGEMENT, gettext_lazy("Number of staff"), lambda v: bool(v.staff_count)),
    Component(12, "service_guarantee", MANAGEMENT, gettext_lazy("Service guarantee"), _text("service_guarantee")),
    Component(
        13,
        "security_guarantee",
        MANAGEMENT,
        gettext_lazy("Security and safety guarantee"),
        _text("security_guarantee"),
    ),
    Component(
        14,
        "performance_evaluation",
        MANAGEMENT,
        gettext_lazy("Staff performance evaluation"),
        _text("performance_evaluation"),
    ),
)
# The version's fields that only the standard's new components added (the text ones).
NEW_TEXT_FIELDS = (
    "facilities",
    "staff_competence",
    "internal_supervision",
    "service_guarantee",
    "security_guarantee",
    "performance_evaluation",
)
MAX_STAFF = 9999

# ---- requirements ----

DOCUMENT, CONDITION = "document", "condition"
REQUIREMENT_KEYS = {"name", "required", "kind", "field", "at_counter"}
MAX_REQUIREMENTS = 50


def file_questions(definition: Any) -> dict[str, Mapping[str, Any]]:
    """The form's file questions by the path a requirement names them with: `ktp` at the top,
    `anggota.akta` inside a repeating group."""
    out: dict[str, Mapping[str, Any]] = {}
    fields = definition.get("fields") if isinstance(definition, Mapping) else None
    for field in fields if isinstance(fields, list) else []:
        if not isinstance(field, Mapping):
            continue
        if field.get("type") == "file":
            out[str(field.get("name"))] = field
        elif field.get("type") == "group" and isinstance(field.get("fields"), list):
            for sub in field["fields"]:
                if isinstance(sub, Mapping) and sub.get("type") == "file":
                    out[f"{field.get('name')}.{sub.get('name')}"] = sub
    return out


def normalise_requirement(raw: Any) -> dict[str, Any]:
    """A requirement with every key set (an older one, a bare name or `{name, required}`, is
    a document whose source is not said yet)."""
    if isinstance(raw, str):
        raw = {"name": raw}
    if not isinstance(raw, Mapping):
        return {"name": "", "required": True, "kind": DOCUMENT, "field": "", "at_counter": False}
    return {
        "name": str(raw.get("name") or "").strip(),
        "required": raw.get("required", True) is not False,
        "kind": raw.get("kind") or DOCUMENT,
        "field": str(raw.get("field") or "").strip(),
        "at_counter": raw.get("at_counter") is True,
    }


def _requirement_errors(raw: Any, index: int, questions: Mapping[str, Any] | None, errors: Errors) -> None:
    path = f"requirements.{index}"

    def fail(message: str) -> None:
        errors.setdefault(path, []).append(message)

    if not isinstance(raw, (Mapping, str)):
        fail(_("A requirement must be an object with a name."))
        return
    if isinstance(raw, Mapping):
        unknown = sorted(set(raw) - REQUIREMENT_KEYS)
        if unknown:
            fail(_("Unknown keys: %(keys)s.") % {"keys": ", ".join(map(str, unknown))})
        if raw.get("kind", DOCUMENT) not in (DOCUMENT, CONDITION):
            fail(_("A requirement is a document or a condition."))
        for key in ("required", "at_counter"):
            if key in raw and not isinstance(raw[key], bool):
                fail(_("“%(key)s” is true or false.") % {"key": key})
    item = normalise_requirement(raw)
    if not item["name"]:
        fail(_("Give the requirement a name."))
    elif len(item["name"]) > 250:
        fail(_("Use at most %(n)s characters.") % {"n": 250})
    if item["kind"] == CONDITION and (item["field"] or item["at_counter"]):
        fail(_("A condition is not a document: it is not uploaded or shown at the counter."))
    if item["field"] and questions is not None and item["field"] not in questions:
        fail(_("The form has no file question “%(name)s”.") % {"name": item["field"]})


# ---- hours ----

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
MAX_PERIODS = 4
_TIME = re.compile(r"^([01]?[0-9]|2[0-3])[:.]([0-5][0-9])$")
_RANGE = re.compile(r"^\s*(\S+)\s*(?:-|–|—|s\.?d\.?|to|sampai)\s*(\S+)\s*$", re.IGNORECASE)


def day_name(day: str) -> str:
    return str(WEEKDAYS[DAYS.index(day)])


def _time(text: str) -> str | None:
    match = _TIME.match(text.strip())
    return f"{int(match.group(1)):02d}:{match.group(2)}" if match else None


def parse_day(text: str) -> list[list[str]]:
    """One day's hours as written in the editor, e.g. "08:00-11:00, 13:00-16:00" (08.00 and
    an en dash are read too); empty when closed. Raises ValueError with a message for the user."""
    periods: list[list[str]] = []
    for part in re.split(r"[,;]", text or ""):
        if not part.strip():
            continue
        match = _RANGE.match(part)
        start, end = (_time(match.group(1)), _time(match.group(2))) if match else (None, None)
        if start is None or end is None:
            raise ValueError(
                _("Write each period as start–end in 24-hour time, e.g. 08:00-11:00, 13:00-16:00 (not “%(part)s”).")
                % {"part": part.strip()}
            )
        periods.append([start, end])
    return periods


def clean_hours(value: Any) -> tuple[dict[str, list[list[str]]], Errors]:
    """The hours in their stored form (open days in weekday order, each day's periods sorted)
    and the problems by path (`hours`, `hours.fri`): a time that is not HH:MM, a period that
    does not end after it starts, periods that overlap."""
    errors: Errors = {}
    if value in (None, ""):
        return {}, errors
    if not isinstance(value, Mapping):
        return {}, {"hours": [_('Give the hours per weekday, e.g. {"mon": [["08:00", "15:30"]]}.')]}
    unknown = sorted(str(k) for k in value if k not in DAYS)
    if unknown:
        errors["hours"] = [_("Unknown days: %(days)s (use mon … sun).") % {"days": ", ".join(unknown)}]
    cleaned: dict[str, list[list[str]]] = {}
    for day in DAYS:
        periods = value.get(day) or []
        path = f"hours.{day}"
        if not isinstance(periods, list):
            errors[path] = [_("Give a list of periods, each [start, end].")]
            continue
        parsed: list[list[str]] = []
        for period in periods:
            start = end = None
            if isinstance(period, (list, tuple)) and len(period) == 2 and all(isinstance(t, str) for t in period):
                start, end = _time(period[0]), _time(period[1])
            if start is None or end is None:
                errors.setdefault(path, []).append(_("Each period is [start, end] in 24-hour time, e.g. 08:00."))
                continue
            if start >= end:
                errors.setdefault(path, []).append(
                    _("A period must end after it starts (%(start)s–%(end)s).") % {"start": start, "end": end}
                )
                continue
            parsed.append([start, end])
        parsed.sort()
        for before, after in zip(parsed, parsed[1:], strict=False):
            if after[0] < before[1]:
                errors.setdefault(path, []).append(
                    _("Periods overlap: %(a)s and %(b)s.") % {"a": "–".join(before), "b": "–".join(after)}
                )
        if len(parsed) > MAX_PERIODS:
            errors.setdefault(path, []).append(_("At most %(n)s periods a day.") % {"n": MAX_PERIODS})
        if parsed:
            cleaned[day] = parsed
    return cleaned, errors


def _shown_time(time: str) -> str:
    # Indonesian writes 08.00; English 08:00.
    return time.replace(":", ".") if (get_language() or "id").startswith("id") else time


def periods_text(periods: list[list[str]]) -> str:
    return ", ".join(f"{_shown_time(a)}–{_shown_time(b)}" for a, b in periods)


def hours_lines(hours: Any) -> list[tuple[str, str]]:
    """The hours as the public reads them: runs of days with the same periods, e.g.
    ("Monday – Thursday", "08:00–15:30"), ("Friday", "08:00–11:00, 13:00–16:00"),
    ("Saturday – Sunday", "Closed")."""
    cleaned, _errors = clean_hours(hours)
    if not cleaned:
        return []
    lines: list[tuple[str, str]] = []
    run: list[str] = []
    for day in (*DAYS, None):
        if run and (day is None or cleaned.get(day) != cleaned.get(run[0])):
            days = day_name(run[0]) if len(run) == 1 else f"{day_name(run[0])} – {day_name(run[-1])}"
            periods = cleaned.get(run[0])
            lines.append((days, periods_text(periods) if periods else str(_("Closed"))))
            run = []
        if day is not None:
            run.append(day)
    return lines


def hours_field_text(hours: Any, day: str) -> str:
    """One day of the stored hours as the editor shows it, e.g. "08:00-11:00, 13:00-16:00"."""
    cleaned, _errors = clean_hours(hours)
    return ", ".join(f"{a}-{b}" for a, b in cleaned.get(day, []))


# ---- checks ----


def clean_standard(version: Any) -> Errors:
    """Checked at every save, drafts included: what is there must be right (a draft may still
    leave things out). Puts the requirements and hours in their stored form on `version`."""
    errors: Errors = {}
    requirements = version.requirements
    if not isinstance(requirements, list):
        errors["requirements"] = [_("Give a list of requirements.")]
    else:
        if len(requirements) > MAX_REQUIREMENTS:
            errors["requirements"] = [_("At most %(n)s requirements.") % {"n": MAX_REQUIREMENTS}]
        form = version.form
        questions = file_questions(form) if isinstance(form, Mapping) and isinstance(form.get("fields"), list) else None
        for i, raw in enumerate(requirements):
            _requirement_errors(raw, i, questions, errors)
        version.requirements = [normalise_requirement(r) for r in requirements]
    version.hours, hour_errors = clean_hours(version.hours)
    errors.update(hour_errors)
    if version.staff_count is not None and not 1 <= int(version.staff_count) <= MAX_STAFF:
        errors["staff_count"] = [_("Give a number from 1 to %(n)s.") % {"n": MAX_STAFF}]
    for key in NEW_TEXT_FIELDS:
        value = getattr(version, key)
        setattr(version, key, str(value or "").strip())
        if len(getattr(version, key)) > 5000:
            errors[key] = [_("Use at most %(n)s characters.") % {"n": 5000}]
    return errors


def missing_components(version: Any) -> list[Component]:
    return [c for c in COMPONENTS if not c.present(version)]


def publish_problems(version: Any) -> Errors:
    """What keeps a (well-formed) version from being published, by field path: each missing
    component, no service hours, and requirements that disagree with the form."""
    errors: Errors = {}
    for component in missing_components(version):
        errors[component.key] = [
            _("Needed to publish: component %(n)s of the service standard, “%(name)s”.")
            % {"n": component.number, "name": component.label}
        ]
    if not version.hours:
        errors["hours"] = [_("Needed to publish: the service hours (at least one day).")]
    errors.update(agreement_problems(version))
    return errors


def agreement_problems(version: Any) -> Errors:
    """Requirements and form must agree: every document is collected by a file question or
    shown at the counter (a required one not only by an optional question), and every file
    question of the form is a listed requirement."""
    errors: Errors = {}
    questions = file_questions(version.form)
    named: set[str] = set()
    for i, raw in enumerate(version.requirements or []):
        item = normalise_requirement(raw)
        path = f"requirements.{i}"
        if item["kind"] != DOCUMENT:
            continue
        named.add(item["field"])
        if not item["field"] and not item["at_counter"]:
            errors.setdefault(path, []).append(
                _("Say how “%(name)s” is collected: by a file question of the form, or shown at the counter.")
                % {"name": item["name"]}
            )
            continue
        question = questions.get(item["field"])
        if item["required"] and question is not None and question.get("required", True) is False:
            if not item["at_counter"] and not question.get("show_if"):
                errors.setdefault(path, []).append(
                    _(
                        "“%(name)s” is required but the form asks for it as optional: make the question "
                        "required, or also accept the document at the counter."
                    )
                    % {"name": item["name"]}
                )
    for path, question in questions.items():
        if path not in named:
            errors.setdefault("requirements", []).append(
                _("The form asks for “%(label)s” (%(name)s), which no requirement names: add it to the requirements.")
                % {"label": text_in(question.get("label")), "name": path}
            )
    return errors


# ---- display ----


def how_collected(item: Mapping[str, Any], definition: Any) -> str:
    """How an applicant provides a requirement, in words."""
    if item.get("kind") == CONDITION:
        return ""
    question = file_questions(definition).get(str(item.get("field") or ""))
    label = text_in(question.get("label")) if question is not None else ""
    if question is not None and item.get("at_counter"):
        return _("Upload it in the form (“%(question)s”) or show it at the counter.") % {"question": label}
    if question is not None:
        return _("Upload it in the form (“%(question)s”).") % {"question": label}
    if item.get("at_counter"):
        return _("Show it at the counter.")
    return ""


def requirement_rows(version: Any) -> list[dict[str, Any]]:
    return [
        {**item, "how": how_collected(item, version.form)}
        for item in (normalise_requirement(r) for r in version.requirements or [])
    ]


def standard_sections(version: Any) -> list[dict[str, Any]]:
    """The fourteen components in their two groups, numbered 1–14, for a page."""
    return [
        {
            "key": group,
            "title": title,
            "components": [
                {"number": c.number, "key": c.key, "label": c.label, "value": getattr(version, c.key)}
                for c in COMPONENTS
                if c.group == group
            ],
        }
        for group, title in GROUPS.items()
    ]


def standard_context(version: Any) -> dict[str, Any]:
    """What a page needs to show a version's standard: its two groups of components, its
    requirements with how each is provided, and its hours."""
    return {
        "standard": standard_sections(version),
        "requirements": requirement_rows(version),
        "hours": hours_lines(version.hours),
    }
