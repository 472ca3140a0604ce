"""Forms of the service and letter editors in the staff console, and the applicant's
satisfaction survey.

The editors' forms only parse and lay out: a version's standard, workflow and form definition become
form data and back. What is valid is decided by the services (`service_create`,
`service_version_update`, `check_definition`, `letter_template_save`); their errors, keyed
by field path, are placed back on these forms with `place_errors`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from padu.core.roles import Role
from padu.services.formdef import FIELD_TYPES
from padu.services.models import Audience, Category, FeeKind, ServiceVersion
from padu.services.services import STANDARD_FIELDS
from padu.services.survey import ELEMENT_KEYS, ELEMENTS

WORKFLOW_ROWS = 6
FIELD_ROWS = 8
# Types the structured editor offers; a group (a repeating set of fields) needs the JSON mode.
ROW_TYPES = sorted(FIELD_TYPES - {"group"})
YES_WORDS = {"yes", "ya", "true", "1"}
NO_WORDS = {"no", "tidak", "false", "0"}


def _step_choices() -> list[tuple[str, Any]]:
    return [("", gettext_lazy("(no step)")), *[(r.value, r.label) for r in Role if r is not Role.SUPERVISOR]]


def _type_choices() -> list[tuple[str, str]]:
    return [("", "—"), *[(t, t) for t in ROW_TYPES]]


class ServiceForm(forms.Form):
    """The service standard, its workflow and its form definition (rows, or JSON)."""

    name = forms.CharField(label=gettext_lazy("Name of the service"), max_length=200)
    description = forms.CharField(label=gettext_lazy("Description"), widget=forms.Textarea(attrs={"rows": 3}))
    audience = forms.MultipleChoiceField(
        label=gettext_lazy("For whom"), choices=Audience.choices, widget=forms.CheckboxSelectMultiple
    )
    category = forms.ChoiceField(label=gettext_lazy("Category"), choices=[("", "—"), *Category.choices])
    legal_basis = forms.CharField(
        label=gettext_lazy("Legal basis"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    requirements = forms.CharField(
        label=gettext_lazy("Requirements"),
        required=False,
        help_text=gettext_lazy("One per line, e.g. KTP. Add “(optional)” at the end of a line that is not required."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    procedure = forms.CharField(
        label=gettext_lazy("Procedure"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    completion_days = forms.IntegerField(
        label=gettext_lazy("Completion time (working days)"), min_value=1, max_value=365, widget=forms.NumberInput()
    )
    fee_kind = forms.ChoiceField(label=gettext_lazy("Fee"), choices=FeeKind.choices, initial=FeeKind.FREE)
    fee_amount = forms.IntegerField(
        label=gettext_lazy("Fee amount (Rupiah)"),
        required=False,
        min_value=0,
        help_text=gettext_lazy("For a computed fee: the amount per unit of the form field below."),
    )
    fee_field = forms.CharField(
        label=gettext_lazy("Form field the fee is computed from"), required=False, max_length=50
    )
    output = forms.CharField(label=gettext_lazy("What the applicant receives"), max_length=250)
    complaint_channel = forms.CharField(label=gettext_lazy("Where to complain"), required=False, max_length=250)
    contact = forms.CharField(label=gettext_lazy("Contact"), required=False, max_length=250)
    document_kind = forms.SlugField(
        label=gettext_lazy("Document kind issued on completion"),
        required=False,
        max_length=50,
        help_text=gettext_lazy("The letter template kind, e.g. skd. Leave empty when no document is issued."),
    )
    form_json = forms.CharField(
        label=gettext_lazy("Form definition (JSON)"), required=False, widget=forms.Textarea(attrs={"rows": 18})
    )

    def __init__(self, *args: Any, json_mode: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.json_mode = json_mode
        for i in range(1, WORKFLOW_ROWS + 1):
            self.fields[f"step_{i}"] = forms.ChoiceField(
                label=_("Step %(n)s") % {"n": i}, required=False, choices=_step_choices()
            )
        if json_mode:
            return
        del self.fields["form_json"]
        for i in range(1, FIELD_ROWS + 1):
            n = {"n": i}
            self.fields[f"f{i}_name"] = forms.CharField(label=_("Field %(n)s: name") % n, required=False, max_length=50)
            self.fields[f"f{i}_type"] = forms.ChoiceField(
                label=_("Field %(n)s: type") % n, required=False, choices=_type_choices()
            )
            self.fields[f"f{i}_label_id"] = forms.CharField(
                label=_("Field %(n)s: question in Indonesian") % n, required=False, max_length=250
            )
            self.fields[f"f{i}_label_en"] = forms.CharField(
                label=_("Field %(n)s: question in English") % n, required=False, max_length=250
            )
            self.fields[f"f{i}_required"] = forms.BooleanField(label=_("Field %(n)s: required") % n, required=False)
            self.fields[f"f{i}_options"] = forms.CharField(
                label=_("Field %(n)s: options (comma-separated, for a choice)") % n, required=False, max_length=1000
            )
            self.fields[f"f{i}_show_field"] = forms.CharField(
                label=_("Field %(n)s: ask only if field") % n, required=False, max_length=50
            )
            self.fields[f"f{i}_show_value"] = forms.CharField(
                label=_("Field %(n)s: has the answer") % n, required=False, max_length=100
            )

    # ---- layout helpers for the template ----

    def standard_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in STANDARD_FIELDS]

    def step_fields(self) -> list[forms.BoundField]:
        return [self[f"step_{i}"] for i in range(1, WORKFLOW_ROWS + 1)]

    def field_rows(self) -> list[dict[str, Any]]:
        if self.json_mode:
            return []
        keys = ("name", "type", "label_id", "label_en", "required", "options", "show_field", "show_value")
        return [{"n": i, **{k: self[f"f{i}_{k}"] for k in keys}} for i in range(1, FIELD_ROWS + 1)]

    # ---- form data → the service's fields ----

    def version_fields(self, existing_form: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """The cleaned data as `service_create`/`service_version_update` keyword arguments.
        Raises forms.ValidationError (placed on the form by the caller) for unreadable JSON."""
        data = self.cleaned_data
        fields: dict[str, Any] = {k: data.get(k) for k in STANDARD_FIELDS}
        for key in ("legal_basis", "procedure", "fee_field", "complaint_channel", "contact", "document_kind"):
            fields[key] = (fields[key] or "").strip()
        fields["fee_amount"] = data.get("fee_amount") or 0
        fields["requirements"] = requirements_from_text(data.get("requirements", ""))
        fields["workflow"] = [{"role": data[f"step_{i}"]} for i in range(1, WORKFLOW_ROWS + 1) if data.get(f"step_{i}")]
        fields["form"] = self._definition(existing_form or {})
        return fields

    def _definition(self, existing: Mapping[str, Any]) -> Any:
        if self.json_mode:
            text = self.cleaned_data.get("form_json", "").strip() or '{"fields": []}'
            try:
                return json.loads(text)
            except json.JSONDecodeError as exc:
                raise forms.ValidationError(
                    {
                        "form_json": _("This is not valid JSON (line %(line)s, column %(col)s): %(msg)s.")
                        % {"line": exc.lineno, "col": exc.colno, "msg": exc.msg}
                    }
                ) from exc
        return definition_from_rows(self.cleaned_data, existing)

    def place_errors(self, errors: Mapping[str, list[str]], message: str) -> None:
        """Put a domain error's messages (by field path) on the matching fields."""
        placed = False
        for path, messages in errors.items():
            target = self._target(str(path))
            for msg in messages:
                if target is not None:
                    self.add_error(target, msg if target != "form_json" else f"{path}: {msg}")
                    placed = True
        if not placed:
            self.add_error(None, message)

    def _target(self, path: str) -> str | None:
        if path in STANDARD_FIELDS:
            return path
        if path == "workflow":
            return "step_1"
        if self.json_mode:
            return "form_json"
        top = path.split(".")[0]
        rows = [i for i in range(1, FIELD_ROWS + 1) if (self.cleaned_data.get(f"f{i}_name") or "").strip() == top]
        if rows:
            return f"f{rows[-1]}_name"
        if top.isdigit():  # a field without a usable name: its position among the filled rows
            filled = [i for i in range(1, FIELD_ROWS + 1) if _row_filled(self.cleaned_data, i)]
            if int(top) < len(filled):
                return f"f{filled[int(top)]}_name"
        return None


def requirements_from_text(text: str) -> list[dict[str, Any]]:
    out = []
    marker = _("(optional)")
    for line in (text or "").splitlines():
        line = line.strip()
        if not line:
            continue
        optional = line.lower().endswith(("(optional)", "(opsional)", marker.lower()))
        if optional:
            line = line.rsplit("(", 1)[0].strip()
        out.append({"name": line, "required": not optional})
    return out


def requirements_to_text(requirements: Any) -> str:
    lines = []
    for r in requirements or []:
        if isinstance(r, Mapping):
            name = str(r.get("name", ""))
            lines.append(f"{name} {_('(optional)')}" if r.get("required") is False else name)
        else:
            lines.append(str(r))
    return "\n".join(lines)


def _row_filled(data: Mapping[str, Any], i: int) -> bool:
    return any(str(data.get(f"f{i}_{k}") or "").strip() for k in ("name", "type", "label_id", "label_en"))


def _equals_value(text: str, other_type: str | None) -> Any:
    if other_type == "yesno":
        if text.lower() in YES_WORDS:
            return True
        if text.lower() in NO_WORDS:
            return False
    return text


def definition_from_rows(data: Mapping[str, Any], existing: Mapping[str, Any]) -> dict[str, Any]:
    """The rows as a definition. Keys the rows do not show (hint, prefill, limits, option
    labels) are kept from the existing field of the same name."""
    before = {f.get("name"): f for f in existing.get("fields", []) if isinstance(f, Mapping)}
    fields: list[dict[str, Any]] = []
    types: dict[str, str] = {}
    for i in range(1, FIELD_ROWS + 1):
        if not _row_filled(data, i):
            continue
        name = str(data.get(f"f{i}_name") or "").strip()
        kind = str(data.get(f"f{i}_type") or "")
        spec: dict[str, Any] = dict(before.get(name, {}))
        label_id = str(data.get(f"f{i}_label_id") or "").strip()
        label_en = str(data.get(f"f{i}_label_en") or "").strip()
        spec.update(name=name, type=kind, label={"id": label_id, "en": label_en} if label_en else label_id)
        spec["required"] = bool(data.get(f"f{i}_required"))
        options = [o.strip() for o in str(data.get(f"f{i}_options") or "").split(",") if o.strip()]
        if kind == "choice":
            old = spec.get("options") or []
            old_values = [str(o.get("value")) if isinstance(o, Mapping) else str(o) for o in old]
            spec["options"] = old if old_values == options else options
        else:
            spec.pop("options", None)
        show_field = str(data.get(f"f{i}_show_field") or "").strip()
        if show_field:
            value = str(data.get(f"f{i}_show_value") or "").strip()
            spec["show_if"] = {"field": show_field, "equals": _equals_value(value, types.get(show_field))}
        else:
            spec.pop("show_if", None)
        types[name] = kind
        fields.append(spec)
    return {**{k: v for k, v in existing.items() if k != "fields"}, "fields": fields}


def rows_fit(definition: Any) -> bool:
    """Can the structured editor show this definition without losing anything?"""
    if not isinstance(definition, Mapping) or not isinstance(definition.get("fields", []), list):
        return False
    fields = definition.get("fields", [])
    return len(fields) <= FIELD_ROWS and all(isinstance(f, Mapping) and f.get("type") in ROW_TYPES for f in fields)


def _label_parts(label: Any) -> tuple[str, str]:
    if isinstance(label, Mapping):
        return str(label.get("id") or ""), str(label.get("en") or "")
    return str(label or ""), ""


def initial_for(version: ServiceVersion) -> dict[str, Any]:
    """A version's content as the editor's initial data (rows and JSON both)."""
    initial: dict[str, Any] = {k: getattr(version, k) for k in STANDARD_FIELDS}
    initial["requirements"] = requirements_to_text(version.requirements)
    initial["fee_amount"] = version.fee_amount or None
    for i, step in enumerate(version.workflow[:WORKFLOW_ROWS] if isinstance(version.workflow, list) else [], 1):
        initial[f"step_{i}"] = step.get("role", "") if isinstance(step, Mapping) else ""
    initial["form_json"] = json.dumps(version.form, ensure_ascii=False, indent=2)
    if rows_fit(version.form):
        for i, spec in enumerate(version.form.get("fields", []), 1):
            label_id, label_en = _label_parts(spec.get("label"))
            initial.update(
                {
                    f"f{i}_name": spec.get("name", ""),
                    f"f{i}_type": spec.get("type", ""),
                    f"f{i}_label_id": label_id,
                    f"f{i}_label_en": label_en,
                    f"f{i}_required": spec.get("required", True) is not False,
                    f"f{i}_options": ", ".join(
                        str(o.get("value")) if isinstance(o, Mapping) else str(o) for o in spec.get("options", [])
                    ),
                }
            )
            cond = spec.get("show_if")
            if isinstance(cond, Mapping):
                value = cond.get("equals")
                initial[f"f{i}_show_field"] = cond.get("field", "")
                initial[f"f{i}_show_value"] = "ya" if value is True else "tidak" if value is False else str(value)
    return initial


class LetterTemplateForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("Name of the letter"), max_length=200)
    kind = forms.SlugField(
        label=gettext_lazy("Document kind"),
        max_length=50,
        help_text=gettext_lazy("A short code, e.g. skd. Services name it to issue this letter."),
    )
    body = forms.CharField(
        label=gettext_lazy("Letter body (HTML)"),
        widget=forms.Textarea(attrs={"rows": 16, "spellcheck": "false"}),
    )


SCALE = [
    ("1", gettext_lazy("1 — not good")),
    ("2", gettext_lazy("2 — fair")),
    ("3", gettext_lazy("3 — good")),
    ("4", gettext_lazy("4 — very good")),
]


class SurveyForm(forms.Form):
    """The nine questions of the public-satisfaction survey (SKM), one radio group each."""

    comment = forms.CharField(
        label=gettext_lazy("Anything else you want to tell the office?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Optional."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, label in ELEMENTS:
            self.fields[key] = forms.TypedChoiceField(
                label=label, choices=SCALE, coerce=int, widget=forms.RadioSelect, required=True
            )
        self.order_fields([*ELEMENT_KEYS, "comment"])

    def scores(self) -> dict[str, int]:
        return {key: int(self.cleaned_data[key]) for key in ELEMENT_KEYS}
