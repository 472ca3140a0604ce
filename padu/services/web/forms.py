"""Forms of the service and letter editors in the staff console, and the applicant's
satisfaction survey.

The editors' forms only parse and lay out: a version's standard, workflow and form definition become
form data and back. What is valid is decided by the services (`service_create`,
`service_version_update`, `service_publish_check`, `check_definition`, `letter_template_save`);
their errors, keyed by field path, are placed back on these forms with `place_errors`.

The service editor is in four sections (`SECTIONS`): the basics, the service standard (the
fourteen components of UU 25/2009 Pasal 21 and the hours), the application form, and the
workflow with its letter. The page shows them as collapsible sections: the first open, and
every section with a problem open too.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from typing import Any, cast

from django import forms
from django.forms.utils import ErrorDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from padu.core.numbering import NumberScope
from padu.core.roles import Role
from padu.documents.models import BodyFormat
from padu.services.formdef import FIELD_TYPES
from padu.services.models import (
    Audience,
    Category,
    FeeKind,
    RegisterEvent,
    RespondentEducation,
    RespondentOccupation,
    RespondentSex,
    ServiceVersion,
)
from padu.services.services import STANDARD_FIELDS
from padu.services.standard import (
    COMPONENTS,
    CONDITION,
    DAYS,
    day_name,
    file_questions,
    hours_field_text,
    normalise_requirement,
    parse_day,
)
from padu.services.survey import AGE_MAX, AGE_MIN, ELEMENT_KEYS, ELEMENTS, PROFILE_KEYS

WORKFLOW_ROWS = 6
FIELD_ROWS = 8
REQUIREMENT_ROWS = 8
# Types the structured editor offers; a group (a repeating set of fields) needs the JSON mode.
ROW_TYPES = sorted(FIELD_TYPES - {"group"})
YES_WORDS = {"yes", "ya", "true", "1"}
NO_WORDS = {"no", "tidak", "false", "0"}

# The editor's sections, in order, with their titles.
SECTIONS = (
    ("basics", gettext_lazy("Basics")),
    ("standard", gettext_lazy("Service standard")),
    ("form", gettext_lazy("Application form")),
    ("workflow", gettext_lazy("Workflow and letter")),
)
BASICS = ("name", "description", "audience", "category", "contact")
DELIVERY = ("procedure", "completion_days", "fee_kind", "fee_amount", "fee_field", "output", "complaint_channel")
MANAGEMENT = (
    "legal_basis",
    "facilities",
    "staff_competence",
    "internal_supervision",
    "staff_count",
    "service_guarantee",
    "security_guarantee",
    "performance_evaluation",
)
# How an applicant provides a requirement (the editor's choice) → the stored requirement.
FROM_FORM, AT_COUNTER, EITHER = "form", "counter", "either"


def _step_choices() -> list[tuple[str, Any]]:
    return [("", gettext_lazy("(no step)")), *[(r.value, r.label) for r in Role if r is not Role.SUPERVISOR]]


def _type_choices() -> list[tuple[str, str]]:
    return [("", "—"), *[(t, t) for t in ROW_TYPES]]


def _how_choices() -> list[tuple[str, Any]]:
    return [
        ("", "—"),
        (FROM_FORM, gettext_lazy("A document uploaded in the form")),
        (AT_COUNTER, gettext_lazy("A document shown at the counter")),
        (EITHER, gettext_lazy("A document uploaded in the form or shown at the counter")),
        (CONDITION, gettext_lazy("Not a document: a condition to meet")),
    ]


def _text(label: Any, hint: Any = "", rows: int = 2) -> forms.CharField:
    return forms.CharField(label=label, required=False, help_text=hint, widget=forms.Textarea(attrs={"rows": rows}))


class ServiceForm(forms.Form):
    """The service standard, its workflow and its form definition (rows, or JSON)."""

    # 1. Basics
    name = forms.CharField(label=gettext_lazy("Name of the service"), max_length=200)
    description = forms.CharField(label=gettext_lazy("Description"), widget=forms.Textarea(attrs={"rows": 3}))
    audience = forms.MultipleChoiceField(
        label=gettext_lazy("For whom"), choices=Audience.choices, widget=forms.CheckboxSelectMultiple
    )
    category = forms.ChoiceField(label=gettext_lazy("Category"), choices=[("", "—"), *Category.choices])
    contact = forms.CharField(label=gettext_lazy("Contact"), required=False, max_length=250)
    # 2. The standard: service delivery (requirements are rows, below)
    procedure = _text(gettext_lazy("Procedure"), gettext_lazy("The steps, from applying to receiving the result."), 3)
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
    output = forms.CharField(
        label=gettext_lazy("What the applicant receives"),
        max_length=250,
        help_text=gettext_lazy("The product of the service, e.g. a signed certificate."),
    )
    complaint_channel = forms.CharField(
        label=gettext_lazy("Where to complain"),
        required=False,
        max_length=250,
        help_text=gettext_lazy("Where and how applicants complain, suggest or give feedback."),
    )
    # 2. The standard: service management
    legal_basis = _text(
        gettext_lazy("Legal basis"), gettext_lazy("The laws and regulations it rests on: number, year and title.")
    )
    facilities = _text(
        gettext_lazy("Facilities"),
        gettext_lazy("What the office provides, e.g. waiting room, counter, computer and scanner, wheelchair ramp."),
    )
    staff_competence = _text(
        gettext_lazy("Staff competence"),
        gettext_lazy("What the staff who serve must know or be able to do: education, training, skills."),
    )
    internal_supervision = _text(
        gettext_lazy("Internal supervision"), gettext_lazy("Who supervises the service inside the office, and how.")
    )
    staff_count = forms.IntegerField(
        label=gettext_lazy("Number of staff"),
        required=False,
        min_value=1,
        max_value=9999,
        help_text=gettext_lazy("How many staff serve this service."),
    )
    service_guarantee = _text(
        gettext_lazy("Service guarantee"),
        gettext_lazy("The promise that the service follows this standard, e.g. done within the completion time."),
    )
    security_guarantee = _text(
        gettext_lazy("Security and safety guarantee"),
        gettext_lazy("The promise that applicants and their data are safe, e.g. personal data kept confidential."),
    )
    performance_evaluation = _text(
        gettext_lazy("Staff performance evaluation"),
        gettext_lazy("How and how often the staff's work is evaluated, e.g. every three months."),
    )
    # 4. Workflow and letter (the steps are added below)
    document_kind = forms.SlugField(
        label=gettext_lazy("Document kind issued on completion"),
        required=False,
        max_length=50,
        help_text=gettext_lazy("The letter template kind, e.g. skd. Leave empty when no document is issued."),
    )
    register_event = forms.ChoiceField(
        label=gettext_lazy("Life event proposed to the population register"),
        required=False,
        choices=[("", gettext_lazy("None")), *RegisterEvent.choices],
        help_text=gettext_lazy(
            "When an application is completed, the register officer is asked to record this event "
            "(e.g. a birth for a birth letter)."
        ),
    )
    form_json = forms.CharField(
        label=gettext_lazy("Form definition (JSON)"), required=False, widget=forms.Textarea(attrs={"rows": 18})
    )

    def __init__(
        self, *args: Any, json_mode: bool = False, requirement_rows: int = REQUIREMENT_ROWS, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.json_mode = json_mode
        self.requirement_count = max(1, requirement_rows)
        self._requirement_rows: list[int] = []  # the rows the saved requirements came from, in order
        # The standard's components are numbered as the public page numbers them (1–14).
        for component in COMPONENTS:
            if component.key in self.fields:
                self.fields[component.key].label = f"{component.number}. {self.fields[component.key].label}"
        for day in DAYS:
            self.fields[f"hours_{day}"] = forms.CharField(label=day_name(day), required=False, max_length=100)
        for i in range(1, self.requirement_count + 1):
            n = {"n": i}
            self.fields[f"req{i}_name"] = forms.CharField(
                label=_("Requirement %(n)s") % n, required=False, max_length=250
            )
            self.fields[f"req{i}_how"] = forms.ChoiceField(
                label=_("Requirement %(n)s: what it is") % n, required=False, choices=_how_choices()
            )
            self.fields[f"req{i}_field"] = forms.CharField(
                label=_("Requirement %(n)s: file question of the form") % n,
                required=False,
                max_length=120,
                help_text=_("For an uploaded document: the name of the form's file question, e.g. ktp."),
            )
            self.fields[f"req{i}_optional"] = forms.BooleanField(
                label=_("Requirement %(n)s: optional") % n, required=False
            )
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

    # ---- parsing ----

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for day in DAYS:
            try:
                data[f"hours_{day}"] = parse_day(data.get(f"hours_{day}") or "")
            except ValueError as exc:
                self.add_error(f"hours_{day}", str(exc))
        for i in range(1, self.requirement_count + 1):
            how, field = data.get(f"req{i}_how"), (data.get(f"req{i}_field") or "").strip()
            if how in (FROM_FORM, EITHER) and not field:
                self.add_error(f"req{i}_field", _("Name the form's file question that collects this document."))
        return data

    # ---- layout helpers for the template ----

    def _bound(self, names: tuple[str, ...]) -> list[forms.BoundField]:
        return [self[name] for name in names]

    def basics_fields(self) -> list[forms.BoundField]:
        return self._bound(BASICS)

    def delivery_fields(self) -> list[forms.BoundField]:
        return self._bound(DELIVERY)

    def management_fields(self) -> list[forms.BoundField]:
        return self._bound(MANAGEMENT)

    def hours_fields(self) -> list[forms.BoundField]:
        return [self[f"hours_{day}"] for day in DAYS]

    def requirement_rows(self) -> list[dict[str, Any]]:
        keys = ("name", "how", "field", "optional")
        return [{"n": i, **{k: self[f"req{i}_{k}"] for k in keys}} for i in range(1, self.requirement_count + 1)]

    def step_fields(self) -> list[forms.BoundField]:
        return [self[f"step_{i}"] for i in range(1, WORKFLOW_ROWS + 1)]

    def field_rows(self) -> list[dict[str, Any]]:
        if self.json_mode:
            return []
        keys = ("name", "type", "label_id", "label_en", "required", "options", "show_field", "show_value")
        return [{"n": i, **{k: self[f"f{i}_{k}"] for k in keys}} for i in range(1, FIELD_ROWS + 1)]

    def section_of(self, name: str) -> str:
        if name in BASICS:
            return "basics"
        if name in DELIVERY or name in MANAGEMENT or name.startswith(("hours_", "req")):
            return "standard"
        if name.startswith("step_") or name in ("document_kind", "register_event"):
            return "workflow"
        return "form"

    def sections(self) -> list[dict[str, Any]]:
        """The page's sections with their problem counts: the first is open, and so is every
        section with a problem (a link of the error summary lands in an open section)."""
        counts: dict[str, int] = {}
        for name, errors in self.errors.items():
            if name != "__all__":
                key = self.section_of(name)
                counts[key] = counts.get(key, 0) + len(errors)
        return [
            {"key": key, "number": i, "title": title, "errors": counts.get(key, 0), "open": i == 1 or key in counts}
            for i, (key, title) in enumerate(SECTIONS, 1)
        ]

    # ---- form data → the service's fields ----

    def version_fields(self, existing_form: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """The cleaned data as `service_create`/`service_version_update` keyword arguments.
        Raises forms.ValidationError (placed on the form by the caller) for unreadable JSON."""
        data = self.cleaned_data
        fields: dict[str, Any] = {k: data.get(k) for k in STANDARD_FIELDS if k in self.fields}
        for key in (
            "legal_basis",
            "procedure",
            "fee_field",
            "complaint_channel",
            "contact",
            "document_kind",
            "register_event",
        ):
            fields[key] = (fields[key] or "").strip()
        fields["fee_amount"] = data.get("fee_amount") or 0
        fields["requirements"] = self._requirements()
        fields["hours"] = {day: data[f"hours_{day}"] for day in DAYS if data.get(f"hours_{day}")}
        fields["workflow"] = [{"role": data[f"step_{i}"]} for i in range(1, WORKFLOW_ROWS + 1) if data.get(f"step_{i}")]
        fields["form"] = self._definition(existing_form or {})
        return fields

    def _requirements(self) -> list[dict[str, Any]]:
        data = self.cleaned_data
        out: list[dict[str, Any]] = []
        self._requirement_rows = []
        for i in range(1, self.requirement_count + 1):
            name = (data.get(f"req{i}_name") or "").strip()
            how = data.get(f"req{i}_how") or ""
            field = (data.get(f"req{i}_field") or "").strip()
            if not name and not field and not how:
                continue
            item: dict[str, Any] = {"name": name, "required": not data.get(f"req{i}_optional")}
            if how == CONDITION:
                item["kind"] = CONDITION
            else:
                item["field"] = "" if how == AT_COUNTER else field
                item["at_counter"] = how in (AT_COUNTER, EITHER)
            out.append(normalise_requirement(item))
            self._requirement_rows.append(i)
        return out

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

    def place_errors(self, errors: Mapping[str, list[str]], message: str, *, with_message: bool = False) -> None:
        """Put a domain error's messages (by field path) on the matching fields; the message
        itself goes on top when no field takes one, or when asked (it says what is missing)."""
        if not hasattr(self, "cleaned_data"):  # an unbound form, checked as it stands
            self.cleaned_data = dict(self.initial)
            self._errors = ErrorDict()
        # Every target first: adding an error drops the field from cleaned_data, which the
        # form's rows are found by.
        targets = [(self._target(str(path)), path, messages) for path, messages in errors.items()]
        placed = False
        for target, path, messages in targets:
            for msg in messages:
                if target is not None:
                    self.add_error(target, msg if target != "form_json" else f"{path}: {msg}")
                    placed = True
        if not placed or with_message:
            self.add_error(None, message)

    def _target(self, path: str) -> str | None:
        if path in self.fields and path not in ("requirements", "hours"):
            return path
        if path == "workflow":
            return "step_1"
        if path == "hours" or path.startswith("hours."):
            day = path.split(".")[1] if "." in path else DAYS[0]
            return f"hours_{day}" if day in DAYS else "hours_mon"
        if path == "requirements" or path.startswith("requirements."):
            rows = self._requirement_rows or self._rows_from_initial()
            part = path.split(".")[1] if "." in path else ""
            if part.isdigit() and int(part) < len(rows):
                return f"req{rows[int(part)]}_name"
            return "req1_name"
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

    def _rows_from_initial(self) -> list[int]:
        return [
            i
            for i in range(1, self.requirement_count + 1)
            if self.cleaned_data.get(f"req{i}_name") or self.cleaned_data.get(f"req{i}_field")
        ]


def requirement_initial(requirements: Any) -> dict[str, Any]:
    """Stored requirements as the editor's rows."""
    initial: dict[str, Any] = {}
    for i, raw in enumerate(requirements if isinstance(requirements, list) else [], 1):
        item = normalise_requirement(raw)
        if item["kind"] == CONDITION:
            how = CONDITION
        elif item["field"] and item["at_counter"]:
            how = EITHER
        elif item["field"]:
            how = FROM_FORM
        elif item["at_counter"]:
            how = AT_COUNTER
        else:
            how = ""
        initial.update(
            {
                f"req{i}_name": item["name"],
                f"req{i}_how": how,
                f"req{i}_field": item["field"],
                f"req{i}_optional": not item["required"],
            }
        )
    return initial


def requirement_rows_for(version: ServiceVersion | None) -> int:
    """Rows enough for the stored requirements and two more."""
    count = len(version.requirements) if version is not None and isinstance(version.requirements, list) else 0
    return max(REQUIREMENT_ROWS, count + 2)


def file_question_names(version: ServiceVersion | None) -> list[str]:
    return sorted(file_questions(version.form)) if version is not None else []


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
    initial: dict[str, Any] = {k: getattr(version, k) for k in STANDARD_FIELDS if k not in ("requirements", "hours")}
    initial.update(requirement_initial(version.requirements))
    for day in DAYS:
        initial[f"hours_{day}"] = hours_field_text(version.hours, day)
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


class ServiceCharterForm(forms.Form):
    """The agency's service charter (maklumat pelayanan)."""

    text = forms.CharField(
        label=gettext_lazy("Text of the charter"),
        max_length=5000,
        help_text=gettext_lazy(
            "The office's public promise to serve by its service standards, and what it accepts if it does not."
        ),
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    signed_by_name = forms.CharField(label=gettext_lazy("Signed by: name"), max_length=200)
    signed_by_title = forms.CharField(
        label=gettext_lazy("Signed by: position"),
        max_length=200,
        help_text=gettext_lazy("The head of the office, e.g. Kepala Desa."),
    )
    published_on = forms.DateField(
        label=gettext_lazy("Date of the charter"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        published_on: dt.date = data["published_on"]
        return {
            "text": data["text"],
            "signed_by_name": data["signed_by_name"],
            "signed_by_title": data["signed_by_title"],
            "published_on": published_on,
        }


class LetterNumberingForm(forms.Form):
    scope = forms.ChoiceField(
        label=gettext_lazy("How letters are numbered"),
        choices=NumberScope.choices,
        widget=forms.RadioSelect,
        help_text=gettext_lazy(
            "A letter number identifies one letter. With one agenda counter every letter of the office gets "
            "the next number of the year; with one counter per classification code each code counts on its "
            "own (its patterns must then contain [kode])."
        ),
    )


class LetterTemplateForm(forms.Form):
    """The letter editor: the body as plain paragraphs (placeholders picked from a list) or,
    for experts, as HTML. `placeholders` are the `letters.Placeholder`s offered."""

    name = forms.CharField(label=gettext_lazy("Name of the letter"), max_length=200)
    kind = forms.SlugField(
        label=gettext_lazy("Document kind"),
        max_length=50,
        help_text=gettext_lazy("A short code, e.g. skd. Services name it to issue this letter."),
    )
    body_format = forms.ChoiceField(choices=BodyFormat.choices, widget=forms.HiddenInput, initial=BodyFormat.TEXT)
    body = forms.CharField(label=gettext_lazy("Letter body"), widget=forms.Textarea(attrs={"rows": 16}))
    placeholder = forms.ChoiceField(label=gettext_lazy("Placeholder to insert"), required=False)

    def __init__(self, *args: Any, placeholders: Any = (), mode: str = BodyFormat.TEXT, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        groups: dict[str, list[tuple[str, str]]] = {}
        for p in placeholders:
            groups.setdefault(p.group, []).append((p.path, f"{p.label} — {p.token}"))
        picker = cast(forms.ChoiceField, self.fields["placeholder"])
        picker.choices = [("", _("Choose a placeholder")), *groups.items()]
        body = self.fields["body"]
        if mode == BodyFormat.HTML:
            body.label = _("Letter body (HTML)")
            body.help_text = _(
                "HTML with placeholders and simple tags such as if and for. "
                "Loading other templates or tag libraries is not allowed."
            )
            body.widget.attrs["spellcheck"] = "false"
        else:
            body.help_text = _(
                "Write the letter as plain paragraphs: a blank line starts a new paragraph. "
                "Insert the applicant's data and the rest from the list below."
            )


SCALE = [
    ("1", gettext_lazy("1 — not good")),
    ("2", gettext_lazy("2 — fair")),
    ("3", gettext_lazy("3 — good")),
    ("4", gettext_lazy("4 — very good")),
]


NOT_STATED = ("", gettext_lazy("I'd rather not say"))


class SurveyForm(forms.Form):
    """The nine questions of the public-satisfaction survey (SKM), one radio group each, then
    the respondent profile of the PermenPANRB 14/2017 questionnaire, every part optional."""

    comment = forms.CharField(
        label=gettext_lazy("Anything else you want to tell the office?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Optional."),
    )
    sex = forms.ChoiceField(
        label=gettext_lazy("Sex"),
        required=False,
        choices=[*RespondentSex.choices, NOT_STATED],
        widget=forms.RadioSelect,
    )
    age = forms.IntegerField(
        label=gettext_lazy("Age (years)"),
        required=False,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
        error_messages={"invalid": gettext_lazy("Give the age in years, as a number.")},
    )
    education = forms.ChoiceField(
        label=gettext_lazy("Education"),
        required=False,
        choices=[*RespondentEducation.choices, NOT_STATED],
        widget=forms.RadioSelect,
    )
    occupation = forms.ChoiceField(
        label=gettext_lazy("Occupation"),
        required=False,
        choices=[*RespondentOccupation.choices, NOT_STATED],
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, label in ELEMENTS:
            self.fields[key] = forms.TypedChoiceField(
                label=label, choices=SCALE, coerce=int, widget=forms.RadioSelect, required=True
            )
        self.order_fields([*ELEMENT_KEYS, *PROFILE_KEYS, "comment"])

    def clean_age(self) -> int | None:
        age = self.cleaned_data.get("age")
        if age is not None and not AGE_MIN <= age <= AGE_MAX:
            raise forms.ValidationError(
                _("Give the age in years, from %(min)d to %(max)d.") % {"min": AGE_MIN, "max": AGE_MAX}
            )
        return age

    def element_fields(self) -> list[forms.BoundField]:
        return [self[key] for key in ELEMENT_KEYS]

    def scores(self) -> dict[str, int]:
        return {key: int(self.cleaned_data[key]) for key in ELEMENT_KEYS}

    def profile(self) -> dict[str, Any]:
        return {key: self.cleaned_data.get(key) for key in PROFILE_KEYS}
