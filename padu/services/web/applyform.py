"""Render a service's form definition (padu/services/formdef.py) as a Django form, and turn
the posted data back into the `answers` dict the domain validates.

The Django form only parses: every field is optional here, and the domain decides what is
missing or wrong, the documents and the answers in one round (`application_apply`: errors
come back by field path and are placed on the fields with `place_errors`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from padu.services.formdef import text_in
from padu.services.uploads import accepted_types, limits_hint

MAX_GROUP_ROWS = 5
YES, NO = "yes", "no"


@dataclass
class Group:
    """A repeating group shown as a fixed number of row fieldsets."""

    name: str
    label: str
    hint: str
    rows: list[list[str]] = field(default_factory=list)  # names of the Django fields, per row


@dataclass
class Item:
    """One entry of the page, in order: a single field's name or a group."""

    name: str
    group: Group | None = None


def _label(spec: Mapping[str, Any]) -> str:
    label = text_in(spec.get("label"))
    if not spec.get("required", True):
        label = _("%(label)s (optional)") % {"label": label}
    return label


def _show_if_hint(spec: Mapping[str, Any], by_name: Mapping[str, Mapping[str, Any]]) -> str:
    cond = spec.get("show_if")
    if not cond:
        return ""
    other = by_name.get(cond.get("field", ""), {})
    value = cond.get("equals")
    if value is True:
        shown = _("Yes")
    elif value is False:
        shown = _("No")
    else:
        shown = str(value)
        for option in other.get("options", []):
            if isinstance(option, Mapping) and str(option.get("value")) == shown:
                shown = text_in(option.get("label")) or shown
    return _("Answer only if your answer to “%(question)s” is “%(value)s”.") % {
        "question": text_in(other.get("label")),
        "value": shown,
    }


def _options(spec: Mapping[str, Any]) -> list[tuple[str, str]]:
    choices = []
    for option in spec.get("options", []):
        if isinstance(option, Mapping):
            choices.append((str(option.get("value")), text_in(option.get("label")) or str(option.get("value"))))
        else:
            choices.append((str(option), str(option)))
    return choices


def _django_field(spec: Mapping[str, Any], by_name: Mapping[str, Mapping[str, Any]]) -> forms.Field:
    kind = spec["type"]
    hints = [h for h in (text_in(spec.get("hint")), _show_if_hint(spec, by_name)) if h]
    common: dict[str, Any] = {"label": _label(spec), "required": False, "help_text": " ".join(hints)}
    if kind == "choice":
        return forms.ChoiceField(choices=_options(spec), widget=forms.RadioSelect, **common)
    if kind == "yesno":
        return forms.ChoiceField(choices=[(YES, _("Yes")), (NO, _("No"))], widget=forms.RadioSelect, **common)
    if kind in ("textarea", "address"):
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), **common)
    if kind == "file":
        # The type and size are checked by the domain (padu/services/uploads.py), by content; an
        # empty file too, so that its refusal comes in the same round as the answers' problems.
        common["help_text"] = " ".join([*hints, limits_hint(spec)])
        return forms.FileField(
            widget=forms.FileInput(attrs={"accept": ",".join(accepted_types(spec))}), allow_empty_file=True, **common
        )
    attrs: dict[str, str] = {}
    if kind == "date":
        attrs["type"] = "date"
    elif kind == "email":
        attrs.update(type="email", autocomplete="email", spellcheck="false")
    elif kind == "phone":
        attrs.update(type="tel", autocomplete="tel")
    elif kind in ("number", "money", "nik"):
        attrs["inputmode"] = "numeric"
        if kind == "nik":
            attrs.update(autocomplete="off", spellcheck="false")
    elif kind == "region":
        attrs.update(spellcheck="false")
        if not common["help_text"]:
            common["help_text"] = _("The region code, e.g. 32.04.05.2001.")
    return forms.CharField(widget=forms.TextInput(attrs=attrs), **common)


class AnswersForm(forms.Form):
    """The form of one service version. `items` lists what to render, in order."""

    def __init__(
        self,
        definition: Mapping[str, Any],
        *args: Any,
        answers: Mapping[str, Any] | None = None,
        prefill: Mapping[str, str] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.definition = definition
        self.items: list[Item] = []
        self.file_names: list[str] = []
        specs = list(definition.get("fields", []))
        by_name = {s["name"]: s for s in specs}
        for spec in specs:
            kind = spec["type"]
            if kind == "group":
                group = Group(name=spec["name"], label=_label(spec), hint=text_in(spec.get("hint")))
                sub_by_name = {s["name"]: s for s in spec.get("fields", [])}
                rows = min(int(spec.get("max_items") or MAX_GROUP_ROWS), MAX_GROUP_ROWS)
                for i in range(rows):
                    names = []
                    for sub in spec.get("fields", []):
                        if sub["type"] == "group":
                            continue
                        name = f"{spec['name']}-{i}-{sub['name']}"
                        self.fields[name] = _django_field(sub, sub_by_name)
                        names.append(name)
                        if sub["type"] == "file":
                            self.file_names.append(name)
                    group.rows.append(names)
                self.items.append(Item(name=spec["name"], group=group))
                continue
            self.fields[spec["name"]] = _django_field(spec, by_name)
            self.items.append(Item(name=spec["name"]))
            if kind == "file":
                self.file_names.append(spec["name"])
        if not self.is_bound:
            self.initial.update(_initial(specs, answers or {}, prefill or {}))

    def bound_items(self) -> list[dict[str, Any]]:
        """What the template renders: single fields and groups with their bound rows."""
        out: list[dict[str, Any]] = []
        for item in self.items:
            if item.group is None:
                out.append({"field": self[item.name]})
            else:
                rows = [[self[name] for name in row] for row in item.group.rows]
                out.append({"group": item.group, "rows": rows})
        return out

    @property
    def has_files(self) -> bool:
        return bool(self.file_names)

    def uploads(self) -> list[tuple[str, UploadedFile]]:
        """The files chosen in this post, by the domain's field path (`anggota-0-akta` → `anggota.0.akta`)."""
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        return [(name.replace("-", "."), data[name]) for name in self.file_names if data.get(name)]

    def answers(self) -> dict[str, Any]:
        """The posted data as the domain's answers dict. Blank answers and empty rows are left out."""
        data = self.cleaned_data if hasattr(self, "cleaned_data") else {}
        answers: dict[str, Any] = {}
        for spec in self.definition.get("fields", []):
            kind = spec["type"]
            if kind == "file":
                continue
            if kind == "group":
                entries = []
                for i in range(MAX_GROUP_ROWS):
                    row: dict[str, Any] = {}
                    for sub in spec.get("fields", []):
                        key = f"{spec['name']}-{i}-{sub['name']}"
                        if key in self.fields and sub["type"] != "file":
                            value = _convert(sub, data.get(key, ""))
                            if value is not None:
                                row[sub["name"]] = value
                    if row:
                        entries.append(row)
                if entries:
                    answers[spec["name"]] = entries
                continue
            value = _convert(spec, data.get(spec["name"], ""))
            if value is not None:
                answers[spec["name"]] = value
        return answers

    def place_errors(self, errors: Mapping[str, list[str]], message: str) -> None:
        """Put the domain's errors (by field path, e.g. `anggota.0.nama`) on the fields."""
        placed = False
        for path, messages in errors.items():
            name = "-".join(path.split("."))
            if name not in self.fields and path in {i.name for i in self.items if i.group}:
                group = next(i.group for i in self.items if i.name == path and i.group)
                name = group.rows[0][0] if group.rows and group.rows[0] else ""
            for msg in messages:
                if name in self.fields:
                    self.add_error(name, msg)
                    placed = True
        if not placed:
            self.add_error(None, message)


def _convert(spec: Mapping[str, Any], value: Any) -> Any:
    text = str(value or "").strip()
    if not text:
        return None
    if spec["type"] == "yesno":
        return {YES: True, NO: False}.get(text, text)
    return text


def _display(spec: Mapping[str, Any], value: Any) -> str:
    if spec["type"] == "yesno" or isinstance(value, bool):
        return _("Yes") if value is True else _("No") if value is False else str(value)
    if spec["type"] == "choice":
        return dict(_options(spec)).get(str(value), str(value))
    return str(value)


def _initial(specs: list[Mapping[str, Any]], answers: Mapping[str, Any], prefill: Mapping[str, str]) -> dict[str, Any]:
    initial: dict[str, Any] = {}
    for spec in specs:
        name, kind = spec["name"], spec["type"]
        value = answers.get(name)
        if kind == "group":
            for i, row in enumerate(value if isinstance(value, list) else []):
                if i >= MAX_GROUP_ROWS or not isinstance(row, Mapping):
                    break
                for key, sub_value in row.items():
                    initial[f"{name}-{i}-{key}"] = _to_initial(sub_value)
            continue
        if value is None and spec.get("prefill") in prefill:
            value = prefill[spec["prefill"]]
        if value is not None:
            initial[name] = _to_initial(value)
    return initial


def _to_initial(value: Any) -> Any:
    if value is True:
        return YES
    if value is False:
        return NO
    return value


def file_label(definition: Mapping[str, Any], path: str) -> str:
    """The question a document answers, e.g. "Anggota keluarga (2): Akta kelahiran"."""
    parts = path.split(".")
    top = next((f for f in definition.get("fields", []) if f.get("name") == parts[0]), None)
    if top is None:
        return path
    label = text_in(top.get("label"))
    if len(parts) == 3 and parts[1].isdigit():
        sub: Mapping[str, Any] = next((f for f in top.get("fields", []) if f.get("name") == parts[2]), {})
        return f"{label} ({int(parts[1]) + 1}): {text_in(sub.get('label'))}"
    return label


def answer_rows(definition: Mapping[str, Any], answers: Mapping[str, Any]) -> list[tuple[str, str]]:
    """The answers as (question, answer) pairs for a definition list, in the form's order."""
    rows: list[tuple[str, str]] = []
    for spec in definition.get("fields", []):
        value = answers.get(spec["name"])
        if value is None or spec["type"] == "file":  # documents are listed on their own
            continue
        label = text_in(spec.get("label"))
        if spec["type"] == "group" and isinstance(value, list):
            subs = {s["name"]: s for s in spec.get("fields", [])}
            for i, entry in enumerate(value, start=1):
                parts = [
                    f"{text_in(subs[k].get('label')) if k in subs else k}: {_display(subs.get(k, {'type': 'text'}), v)}"
                    for k, v in (entry.items() if isinstance(entry, Mapping) else [])
                    if subs.get(k, {}).get("type") != "file"
                ]
                rows.append((f"{label} ({i})", "; ".join(parts)))
            continue
        rows.append((label, _display(spec, value)))
    return rows
