"""Form definitions stored as data: one definition validates answers on the server,
renders the HTML form and gives the API its JSON schema.

A definition is `{"fields": [field, ...]}`. A field has `name`, `type`, `label` (text, or
`{"id": ..., "en": ...}`), optional `hint`, `required` (default true), `show_if`
(`{"field": name, "equals": value}`: asked only then), `prefill` (a profile attribute),
and per type: `options` (choice), `min`/`max` (number, money), `max_length` (text),
`accept` and `max_size` (file), `fields`, `min_items`, `max_items` (group: a repeating group).
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from padu.core.crypto import is_sealed, opens, seal, unseal
from padu.core.errors import InvalidInput
from padu.core.identifiers import validate_nik
from padu.core.models import Region
from padu.core.money import AmountInvalid, parse_rupiah

FIELD_TYPES = {
    "text",
    "textarea",
    "number",
    "date",
    "choice",
    "yesno",
    "nik",
    "phone",
    "email",
    "money",
    "region",
    "address",
    "file",
    "group",
}
NAME = re.compile(r"^[a-z][a-z0-9_]{0,49}$")
DEFAULT_MAX_FILE = 5 * 1024 * 1024
ALLOWED_FILE_TYPES = {"application/pdf", "image/jpeg", "image/png"}
_PHONE = re.compile(r"^\+?[0-9][0-9 \-]{7,18}$")

Errors = dict[str, list[str]]


def text_in(value: Any, language: str | None = None) -> str:
    """A label or hint in the active language (Indonesian first, English second)."""
    if isinstance(value, Mapping):
        lang = (language or get_language() or "id")[:2]
        return str(value.get(lang) or value.get("id") or value.get("en") or "")
    return str(value or "")


# ---- checking a definition ----


def check_definition(definition: Any) -> None:
    """Refuse a malformed definition, with every problem listed by field path."""
    errors: Errors = {}
    if not isinstance(definition, Mapping) or not isinstance(definition.get("fields"), list):
        raise InvalidInput(_("A form needs a list of fields."), code="form_invalid")
    _check_fields(definition["fields"], "", errors)
    if errors:
        raise InvalidInput(_("The form definition has problems."), code="form_invalid", errors=errors)


def _check_fields(fields: list[Any], prefix: str, errors: Errors) -> None:
    names: set[str] = set()
    for i, field in enumerate(fields):
        path = f"{prefix}{field.get('name', i) if isinstance(field, Mapping) else i}"
        if not isinstance(field, Mapping):
            errors.setdefault(path, []).append(_("A field must be an object."))
            continue
        name, kind = field.get("name", ""), field.get("type")
        if not isinstance(name, str) or not NAME.match(name):
            errors.setdefault(path, []).append(_("Field names use lower-case letters, digits and _."))
        elif name in names:
            errors.setdefault(path, []).append(_("Field names must be unique."))
        names.add(str(name))
        if kind not in FIELD_TYPES:
            errors.setdefault(path, []).append(_("Unknown field type."))
        if not text_in(field.get("label")):
            errors.setdefault(path, []).append(_("Every field needs a label."))
        if kind == "choice" and not (isinstance(field.get("options"), list) and field["options"]):
            errors.setdefault(path, []).append(_("A choice needs options."))
        if kind == "group":
            sub = field.get("fields")
            if not isinstance(sub, list) or not sub:
                errors.setdefault(path, []).append(_("A group needs fields."))
            else:
                _check_fields(sub, f"{path}.", errors)
        show_if = field.get("show_if")
        if show_if is not None and (not isinstance(show_if, Mapping) or show_if.get("field") not in names):
            errors.setdefault(path, []).append(_("A condition must name a field that comes before it."))


# ---- validating answers ----


def is_shown(field: Mapping[str, Any], answers: Mapping[str, Any]) -> bool:
    cond = field.get("show_if")
    if not cond:
        return True
    return answers.get(cond["field"]) == cond.get("equals")


def _options(field: Mapping[str, Any]) -> list[str]:
    return [str(o["value"] if isinstance(o, Mapping) else o) for o in field.get("options", [])]


def _clean_value(field: Mapping[str, Any], value: Any, path: str, errors: Errors) -> Any:
    kind = field["type"]

    def fail(message: str) -> None:
        errors.setdefault(path, []).append(message)

    if kind in ("text", "textarea", "address"):
        text = str(value).strip()
        limit = int(field.get("max_length") or (2000 if kind == "textarea" else 250))
        if len(text) > limit:
            fail(_("Use at most %(n)s characters.") % {"n": limit})
        return text
    if kind in ("number", "money"):
        try:
            number = parse_rupiah(value) if kind == "money" else float(value)
        except (AmountInvalid, TypeError, ValueError):
            fail(_("Enter a number."))
            return None
        if field.get("min") is not None and number < field["min"]:
            fail(_("Enter %(n)s or more.") % {"n": field["min"]})
        if field.get("max") is not None and number > field["max"]:
            fail(_("Enter %(n)s or less.") % {"n": field["max"]})
        return int(number) if kind == "money" or float(number).is_integer() else number
    if kind == "date":
        try:
            return dt.date.fromisoformat(str(value)).isoformat()
        except ValueError:
            fail(_("Enter a real date, e.g. 2026-11-27."))
            return None
    if kind == "choice":
        if str(value) not in _options(field):
            fail(_("Choose one of the options."))
        return str(value)
    if kind == "yesno":
        if value in (True, "true", "yes", "ya", "1", 1):
            return True
        if value in (False, "false", "no", "tidak", "0", 0):
            return False
        fail(_("Answer yes or no."))
        return None
    if kind == "nik":
        try:
            return validate_nik(str(value), field=path).number
        except InvalidInput as exc:
            fail(str(exc.message))
            return None
    if kind == "phone":
        if not _PHONE.match(str(value).strip()):
            fail(_("Enter a phone number, e.g. 0812 3456 7890."))
        return str(value).strip()
    if kind == "email":
        try:
            validate_email(str(value).strip())
        except ValidationError:
            fail(_("Enter an email address, e.g. nama@contoh.id."))
        return str(value).strip()
    if kind == "region":
        if not Region.objects.filter(code=str(value).strip()).exists():
            fail(_("Choose a region from the list."))
        return str(value).strip()
    return value


def file_field_at(definition: Mapping[str, Any], path: str, answers: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """The `file` field a path names (`ktp`, or `anggota.0.akta` in a repeating group) if it
    exists and is asked given the answers so far; None otherwise."""
    parts = path.split(".")
    fields = {f.get("name"): f for f in definition.get("fields", []) if isinstance(f, Mapping)}
    top = fields.get(parts[0])
    if top is None or not is_shown(top, answers):
        return None
    if len(parts) == 1:
        return top if top.get("type") == "file" else None
    if top.get("type") != "group" or len(parts) != 3 or not parts[1].isdigit():
        return None
    index = int(parts[1])
    if index >= int(top.get("max_items") or 50):
        return None
    items = answers.get(parts[0])
    item = items[index] if isinstance(items, list) and index < len(items) and isinstance(items[index], Mapping) else {}
    sub = next((f for f in top.get("fields", []) if f.get("name") == parts[2]), None)
    if sub is None or sub.get("type") != "file" or not is_shown(sub, item):
        return None
    return sub


def clean_answers(
    definition: Mapping[str, Any], answers: Mapping[str, Any], *, files: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """Validate answers against the definition. Returns the cleaned answers; raises
    InvalidInput listing every problem by field path. A file question is answered by an
    upload only: `files` maps the paths that have one to the upload's id, which becomes the
    answer (a value sent in the answers themselves is ignored)."""
    errors: Errors = {}
    cleaned = _clean_fields(definition["fields"], answers, files or {}, "", errors)
    if errors:
        raise InvalidInput(_("Some answers need your attention."), code="answers_invalid", errors=errors)
    return cleaned


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip()) or value == []


def _clean_fields(
    fields: list[Mapping[str, Any]], answers: Mapping[str, Any], files: Mapping[str, Any], prefix: str, errors: Errors
) -> dict[str, Any]:
    if not isinstance(answers, Mapping):
        errors.setdefault(prefix.rstrip(".") or "_", []).append(_("Answers must be an object."))
        return {}
    known = {f["name"] for f in fields}
    for extra in sorted(set(answers) - known):
        errors.setdefault(f"{prefix}{extra}", []).append(_("This form has no such question."))
    cleaned: dict[str, Any] = {}
    for field in fields:
        name, path = field["name"], f"{prefix}{field['name']}"
        value = answers.get(name)
        if field["type"] == "file":
            value = files.get(path)
        if not is_shown(field, {**answers, **cleaned}):
            if not _blank(value):
                errors.setdefault(path, []).append(_("This question does not apply to your answers; leave it empty."))
            continue
        if _blank(value):
            if field.get("required", True):
                errors.setdefault(path, []).append(_("Answer this question."))
            continue
        if field["type"] == "group":
            items = value if isinstance(value, list) else None
            if items is None:
                errors.setdefault(path, []).append(_("Give a list of entries."))
                continue
            low, high = int(field.get("min_items") or 0), int(field.get("max_items") or 50)
            if not low <= len(items) <= high:
                errors.setdefault(path, []).append(_("Give between %(a)s and %(b)s entries.") % {"a": low, "b": high})
            cleaned[name] = [
                _clean_fields(field["fields"], item, files, f"{path}.{i}.", errors)
                for i, item in enumerate(items[:high])
            ]
            continue
        cleaned[name] = _clean_value(field, value, path, errors)
    return cleaned


# ---- answers encrypted at rest ----

# Answers to these questions are personal identifiers: they are stored sealed (encrypted with
# PADU_DATA_KEY, as the profile's NIK and No. KK are; see padu.core.crypto) and opened when
# read. Forms have no No. KK question type yet; "kk" is here so that one is sealed from the
# day it is added to FIELD_TYPES.
SEALED_FIELD_TYPES = frozenset({"nik", "kk"})


def has_sealed_answers(definition: Any) -> bool:
    """Whether the form asks a question whose answer is sealed (at the top level or in a group)."""
    fields = definition.get("fields") if isinstance(definition, Mapping) else definition
    return isinstance(fields, list) and any(
        isinstance(f, Mapping)
        and (f.get("type") in SEALED_FIELD_TYPES or (f.get("type") == "group" and has_sealed_answers(f.get("fields"))))
        for f in fields
    )


def seal_answers(definition: Mapping[str, Any], answers: Any) -> Any:
    """A copy of `answers` in which every answer to a NIK question (`SEALED_FIELD_TYPES`), at
    the top level or in a repeating group, is sealed (a value that is not text is sealed as its
    JSON text). An empty answer, or one already sealed with the current key, is kept as it is;
    so is everything else."""
    return _map_sealed(definition.get("fields"), answers, _seal_value)


def open_answers(definition: Mapping[str, Any], answers: Any) -> Any:
    """`answers` as the applicant gave them: the sealed answers opened. A plain answer where a
    sealed one belongs (written before answers were sealed) is returned as it is."""
    return _map_sealed(definition.get("fields"), answers, _open_value)


def _seal_value(value: Any) -> Any:
    if value is None or value == "" or opens(value):
        return value
    return seal(value if isinstance(value, str) else json.dumps(value))


def _open_value(value: Any) -> Any:
    return unseal(value) if is_sealed(value) else value


def _map_sealed(fields: Any, answers: Any, change: Callable[[Any], Any]) -> Any:
    if not isinstance(answers, Mapping) or not isinstance(fields, list):
        return answers
    out = dict(answers)
    for field in fields:
        name = field.get("name") if isinstance(field, Mapping) else None
        if not isinstance(name, str) or name not in out:
            continue
        if field.get("type") in SEALED_FIELD_TYPES:
            out[name] = change(out[name])
        elif field.get("type") == "group" and isinstance(out[name], list):
            out[name] = [_map_sealed(field.get("fields"), item, change) for item in out[name]]
    return out


# ---- JSON schema for the API ----

_SCHEMA_TYPES: dict[str, dict[str, Any]] = {
    "text": {"type": "string"},
    "textarea": {"type": "string"},
    "address": {"type": "string"},
    "number": {"type": "number"},
    "money": {"type": "integer", "minimum": 0},
    "date": {"type": "string", "format": "date"},
    "yesno": {"type": "boolean"},
    "nik": {"type": "string", "pattern": "^[0-9]{16}$"},
    "phone": {"type": "string"},
    "email": {"type": "string", "format": "email"},
    "region": {"type": "string", "description": "Kemendagri region code"},
    "file": {
        "type": "integer",
        "description": "Set by uploading to POST /api/v1/applications/{id}/files; a value sent here is ignored",
    },
}


def json_schema(definition: Mapping[str, Any], language: str | None = None) -> dict[str, Any]:
    return _schema_for(definition["fields"], language)


def _schema_for(fields: list[Mapping[str, Any]], language: str | None) -> dict[str, Any]:
    properties: dict[str, Any] = {}
    required: list[str] = []
    for field in fields:
        kind = field["type"]
        if kind == "group":
            prop: dict[str, Any] = {
                "type": "array",
                "items": _schema_for(field["fields"], language),
                "minItems": int(field.get("min_items") or 0),
                "maxItems": int(field.get("max_items") or 50),
            }
        elif kind == "choice":
            prop = {"type": "string", "enum": _options(field)}
        else:
            prop = dict(_SCHEMA_TYPES[kind])
        for key, target in (("min", "minimum"), ("max", "maximum"), ("max_length", "maxLength")):
            if field.get(key) is not None:
                prop[target] = field[key]
        prop["title"] = text_in(field.get("label"), language)
        if field.get("hint"):
            prop["description"] = text_in(field["hint"], language)
        if field.get("show_if"):
            prop["x-show-if"] = dict(field["show_if"])
        properties[field["name"]] = prop
        if field.get("required", True) and not field.get("show_if"):
            required.append(field["name"])
    return {"type": "object", "properties": properties, "required": required, "additionalProperties": False}
