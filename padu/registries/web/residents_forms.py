"""The forms of the register's console pages: the search, the areas, one form per life event,
reversing an event and dismissing a proposal. They only parse; the services check everything
again (and the family rules last)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar

from django import forms
from django.utils.translation import gettext_lazy

from padu.core.errors import InvalidInput
from padu.registries.codes import (
    Education,
    LifeStatus,
    MaritalStatus,
    Occupation,
    Relationship,
    Religion,
    ResidentStatus,
    Sex,
)
from padu.registries.events import CORRECTABLE
from padu.registries.models import Area, AreaLevel, EventKind, Family, Resident
from padu.registries.rules import ITEMS_BY_NAME

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
NUMERIC = forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})


def _blank(choices: Any) -> list[tuple[Any, Any]]:
    return [("", "—"), *list(choices)]


class SearchForm(forms.Form):
    q = forms.CharField(
        label=gettext_lazy("Name, NIK or KK number"),
        help_text=gettext_lazy("A NIK or KK number is found only when all 16 digits are given."),
        required=False,
        max_length=150,
    )
    area = forms.TypedChoiceField(label=gettext_lazy("Area"), required=False, coerce=int, empty_value=None)
    status = forms.ChoiceField(
        label=gettext_lazy("Status"), required=False, choices=[("", gettext_lazy("Everyone")), *LifeStatus.choices]
    )

    def __init__(self, *args: Any, areas: list[tuple[int, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        area_field = self.fields["area"]
        assert isinstance(area_field, forms.ChoiceField)  # noqa: S101 - declared above
        area_field.choices = [("", gettext_lazy("The whole village")), *(areas or [])]


class AreaForm(forms.Form):
    level = forms.ChoiceField(label=gettext_lazy("Level"), choices=AreaLevel.choices)
    parent = forms.TypedChoiceField(
        label=gettext_lazy("Inside"),
        help_text=gettext_lazy("An RW lies in a hamlet, an RT in an RW; a hamlet in nothing."),
        required=False,
        coerce=int,
        empty_value=None,
    )
    name = forms.CharField(label=gettext_lazy("Name"), max_length=100, help_text=gettext_lazy("e.g. RT 001"))
    head_name = forms.CharField(label=gettext_lazy("Head's name"), max_length=150, required=False)
    head_phone = forms.CharField(label=gettext_lazy("Head's telephone"), max_length=30, required=False)
    area = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, parents: list[tuple[int, str]] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        parent = self.fields["parent"]
        assert isinstance(parent, forms.ChoiceField)  # noqa: S101
        parent.choices = [("", "—"), *(parents or [])]


class ReasonForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=1000)


# ---- the life events ----


@dataclass
class Target:
    """What an event form is about: the resident (if any), their KK and its present members,
    and the village's RTs."""

    resident: Resident | None = None
    family: Family | None = None
    members: list[Resident] = field(default_factory=list)
    rts: list[Area] = field(default_factory=list)
    labels: dict[int, str] = field(default_factory=dict)


@dataclass
class Lookup:
    """How a form finds the village's records by the numbers an officer types."""

    family_by_kk: Callable[[str], Family | None]
    resident_by_nik: Callable[[str], Resident | None]

    def family(self, name: str, kk: str) -> Family:
        found = self.family_by_kk(kk) if kk else None
        if found is None:
            raise InvalidInput(
                code="family_not_found", errors={name: [str(gettext_lazy("No KK with this number in the register."))]}
            )
        return found

    def resident(self, name: str, nik: str) -> Resident:
        found = self.resident_by_nik(nik) if nik else None
        if found is None:
            raise InvalidInput(
                code="resident_not_found",
                errors={name: [str(gettext_lazy("No resident with this NIK in the register."))]},
            )
        return found


def _pick(target: Target, pk: Any) -> Resident | None:
    if pk in (None, ""):
        return None
    return next((m for m in target.members if m.pk == int(pk)), None)


class EventForm(forms.Form):
    """The fields every event has; each kind adds its own and says which service arguments
    they make."""

    kind: ClassVar[str] = ""
    needs: ClassVar[str] = "resident"  # "resident", "family" or "" (the event makes its own)
    title: ClassVar[Any] = ""

    occurred_on = forms.DateField(label=gettext_lazy("Date of the event"), widget=DATE)
    note = forms.CharField(label=gettext_lazy("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def setup(self, target: Target) -> None:
        """Set the choices that depend on the resident, the KK and the village."""

    def member_choices(self, name: str, target: Target, *, exclude: Resident | None = None) -> None:
        found = self.fields.get(name)
        if isinstance(found, forms.ChoiceField):
            found.choices = [("", "—")] + [
                (m.pk, f"{m.name} ({m.get_relationship_display() or '–'})")
                for m in target.members
                if exclude is None or m.pk != exclude.pk
            ]

    def rt_choices(self, name: str, target: Target) -> None:
        found = self.fields.get(name)
        if isinstance(found, forms.ChoiceField):
            found.choices = [("", "—")] + [(a.pk, target.labels.get(a.pk, a.name)) for a in target.rts]

    def rt_of(self, target: Target, pk: Any) -> Area | None:
        return next((a for a in target.rts if pk not in (None, "") and a.pk == int(pk)), None)

    def service_kwargs(self, target: Target, lookup: Lookup) -> dict[str, Any]:
        data = self.cleaned_data
        out: dict[str, Any] = {"occurred_on": data["occurred_on"], "note": data.get("note", "")}
        if self.needs == "resident":
            out["resident"] = target.resident
        return out


def _rel(label: Any = None, **kw: Any) -> forms.TypedChoiceField:
    return forms.TypedChoiceField(
        label=label or gettext_lazy("Relationship in the KK"),
        choices=_blank(Relationship.choices),
        coerce=int,
        empty_value=None,
        **kw,
    )


class PersonFields(forms.Form):
    """A new person's items (birth, moving in)."""

    nik = forms.CharField(label=gettext_lazy("NIK"), max_length=20, widget=NUMERIC)
    name = forms.CharField(label=gettext_lazy("Name"), max_length=150)
    sex = forms.ChoiceField(label=gettext_lazy("Sex"), choices=_blank(Sex.choices))
    birth_place = forms.CharField(label=gettext_lazy("Place of birth"), max_length=100)
    religion = forms.TypedChoiceField(label=gettext_lazy("Religion"), choices=_blank(Religion.choices), coerce=int)


class BirthForm(EventForm, PersonFields):
    kind = EventKind.BIRTH
    needs = "family"
    title = gettext_lazy("Record a birth")
    relationship = forms.TypedChoiceField(
        label=gettext_lazy("Relationship to the head of family"),
        choices=[
            (Relationship.CHILD, Relationship.CHILD.label),
            (Relationship.GRANDCHILD, Relationship.GRANDCHILD.label),
            (Relationship.OTHER_RELATIVE, Relationship.OTHER_RELATIVE.label),
        ],
        coerce=int,
        initial=Relationship.CHILD,
    )
    birth_certificate_number = forms.CharField(
        label=gettext_lazy("Birth certificate number"), required=False, max_length=40
    )
    place = forms.CharField(label=gettext_lazy("Born at (hospital, clinic, home)"), required=False, max_length=150)

    def service_kwargs(self, target: Target, lookup: Lookup) -> dict[str, Any]:
        data = self.cleaned_data
        values = {k: data[k] for k in ("nik", "name", "sex", "birth_place", "religion", "birth_certificate_number")}
        if data["birth_certificate_number"]:
            values["birth_certificate_date"] = data["occurred_on"]
        return {
            **super().service_kwargs(target, lookup),
            "family": target.family,
            "values": values,
            "relationship": data["relationship"],
            "details": {"place": data["place"]},
        }


class HeadFields(forms.Form):
    new_head = forms.TypedChoiceField(
        label=gettext_lazy("New head of family"),
        help_text=gettext_lazy("Needed when the head of family leaves a KK that keeps members."),
        required=False,
        coerce=int,
        empty_value=None,
    )

    def head(self, target: Target) -> Resident | None:
        return _pick(target, self.cleaned_data.get("new_head"))


class DeathForm(EventForm, HeadFields):
    kind = EventKind.DEATH
    title = gettext_lazy("Record a death")
    place = forms.CharField(label=gettext_lazy("Place of death"), required=False, max_length=150)
    cause = forms.CharField(label=gettext_lazy("Cause of death"), required=False, max_length=150)

    def setup(self, target: Target) -> None:
        self.member_choices("new_head", target, exclude=target.resident)

    def service_kwargs(self, target: Target, lookup: Lookup) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            **super().service_kwargs(target, lookup),
            "new_head": self.head(target),
            "details": {"place": data["place"], "cause": data["cause"]},
        }


class MoveInForm(EventForm, PersonFields):
    kind = EventKind.MOVE_IN
    needs = ""
    title = gettext_lazy("Record a person moving in")
    birth_date = forms.DateField(label=gettext_lazy("Date of birth"), widget=DATE)
    marital_status = forms.TypedChoiceField(
        label=gettext_lazy("Marital status"), choices=_blank(MaritalStatus.choices), coerce=int
    )
    education = forms.TypedChoiceField(label=gettext_lazy("Education"), choices=_blank(Education.choices), coerce=int)
    occupation = forms.TypedChoiceField(
        label=gettext_lazy("Occupation"), choices=_blank(Occupation.choices), coerce=int
    )
    relationship = _rel()
    kk_number = forms.CharField(
        label=gettext_lazy("KK number"),
        help_text=gettext_lazy("An existing KK of the village, or the new KK the person brings."),
        max_length=20,
        widget=NUMERIC,
    )
    area = forms.TypedChoiceField(label=gettext_lazy("RT"), coerce=int)
    address = forms.CharField(label=gettext_lazy("Address"), max_length=250)
    origin = forms.CharField(label=gettext_lazy("Moving from (previous address)"), max_length=250)
    resident_status = forms.ChoiceField(
        label=gettext_lazy("Resident status"), choices=ResidentStatus.choices, initial=ResidentStatus.PERMANENT
    )

    def setup(self, target: Target) -> None:
        self.rt_choices("area", target)

    def service_kwargs(self, target: Target, lookup: Lookup) -> dict[str, Any]:
        data = self.cleaned_data
        person = {
            k: data[k]
            for k in (
                "nik",
                "name",
                "sex",
                "birth_place",
                "birth_date",
                "religion",
                "marital_status",
                "education",
                "occupation",
                "relationship",
            )
        }
        kk = "".join(data["kk_number"].split())
        existing = lookup.family_by_kk(kk)
        return {
            **super().service_kwargs(target, lookup),
            "people": [person],
            "area": self.rt_of(target, data["area"]),
            "family": existing if existing is not None and existing.is_active else None,
            "kk_number": kk,
            "address": data["address"],
            "origin": data["origin"],
            "resident_status": data["resident_status"],
        }


class MoveOutForm(EventForm, HeadFields):
    kind = EventKind.MOVE_OUT
    title = gettext_lazy("Record moving out of the village")
    whole_family = forms.BooleanField(label=gettext_lazy("The whole KK moves out"), required=False)
    destination = forms.CharField(label=gettext_lazy("Moving to (address)"), max_length=250)

    def setup(self, target: Target) -> None:
        self.member_choices("new_head", target, exclude=target.resident)

    def service_kwargs(self, target: Target, lookup: Lookup) -> dict[str, Any]:
        data = self.cleaned_data
        out = {**super().service_kwargs(target, lookup), "destination": data["destination"]}
        if data["whole_family"] and target.family is not None:
            out.pop("resident")
            out["family"] = target.family
        else:
            out["new_head"] = self.head(target)
        return out


class MoveWithinForm(EventForm):
    kind = EventKind.MOVE_WITHIN
    title = gettext_lazy("Record a move within the village")
    whole_family = forms.BooleanField(label=gettext_lazy("The whole KK moves"), required=False)
    area = forms.TypedChoiceField(label=gettext_lazy("New RT"), coerce=int)
    address = forms.CharField(label=gettext_lazy("New address"), max_length=250, required=False)

    def setup(self, target: Target) -> None:
        self.rt_choices("area", target)

    def service_kwargs(self, target: Target, lookup: Lookup) -> dict[str, Any]:
        data = self.cleaned_data
        out = {
            **super().service_kwargs(target, lookup),
            "area": self.rt_of(target, data["area"]),
            "address": data["address"],
        }
        if data["whole_family"] and target.family is not None:
            out.pop("resident")
            out["family"] = target.family
        return out


class MarriageForm(EventForm):
    kind = EventKind.MARRIAGE
    title = gettext_lazy("Record a marriage")
    spouse_nik = forms.CharField(
        label=gettext_lazy("Spouse's NIK (a resident of the village)"), required=False, max_length=20, widget=NUMERIC
    )
    spouse_name = forms.CharField(
        label=gettext_lazy("Or the spouse's name (from outside the village)"), required=False, max_length=150
    )
    certificate_number = forms.CharField(label=gettext_lazy("Marriage certificate number"), max_length=40)
    move_spouse_in = forms.BooleanField(
        label=gettext_lazy("The spouse joins this KK as wife or husband"), required=False
    )

    def service_kwargs(self, target: Target, lookup: Lookup) -> dict[str, Any]:
        data = self.cleaned_data
        nik = "".join(data["spouse_nik"].split())
        return {
            **super().service_kwargs(target, lookup),
            "spouse": lookup.resident("spouse_nik", nik) if nik else None,
            "spouse_name": data["spouse_name"],
            "certificate_number": data["certificate_number"],
            "move_spouse_in": data["move_spouse_in"],
        }


class DivorceForm(EventForm):
    kind = EventKind.DIVORCE
    title = gettext_lazy("Record a divorce")
    spouse_nik = forms.CharField(
        label=gettext_lazy("Spouse's NIK (if a resident of the village)"), required=False, max_length=20, widget=NUMERIC
    )
    certificate_number = forms.CharField(label=gettext_lazy("Divorce certificate number"), max_length=40)
    spouse_leaves = forms.BooleanField(
        label=gettext_lazy("The spouse leaves this KK (else this resident leaves it)"), required=False, initial=True
    )
    destination_kk = forms.CharField(
        label=gettext_lazy("KK the leaving spouse joins"), required=False, max_length=20, widget=NUMERIC
    )
    destination_relationship = forms.TypedChoiceField(
        label=gettext_lazy("Relationship in that KK"),
        choices=_blank(Relationship.choices),
        coerce=int,
        empty_value=None,
        required=False,
    )
    new_kk_number = forms.CharField(
        label=gettext_lazy("Or the new KK number of the leaving spouse"), required=False, max_length=20, widget=NUMERIC
    )

    def service_kwargs(self, target: Target, lookup: Lookup) -> dict[str, Any]:
        data = self.cleaned_data
        nik = "".join(data["spouse_nik"].split())
        spouse = lookup.resident("spouse_nik", nik) if nik else None
        kk = "".join(data["destination_kk"].split())
        return {
            **super().service_kwargs(target, lookup),
            "spouse": spouse,
            "certificate_number": data["certificate_number"],
            "leaving": spouse if data["spouse_leaves"] else target.resident,
            "destination_family": lookup.family("destination_kk", kk) if kk else None,
            "destination_relationship": data["destination_relationship"],
            "new_kk_number": "".join(data["new_kk_number"].split()),
        }


class MissingForm(EventForm, HeadFields):
    kind = EventKind.MISSING
    title = gettext_lazy("Record a person reported missing")

    def setup(self, target: Target) -> None:
        self.member_choices("new_head", target, exclude=target.resident)

    def service_kwargs(self, target: Target, lookup: Lookup) -> dict[str, Any]:
        return {**super().service_kwargs(target, lookup), "new_head": self.head(target)}


class FoundForm(EventForm):
    kind = EventKind.FOUND
    title = gettext_lazy("Record a missing person found again")
    relationship = _rel(
        gettext_lazy("New relationship in the KK"),
        required=False,
        help_text=gettext_lazy("Only if it changed while the person was missing."),
    )

    def service_kwargs(self, target: Target, lookup: Lookup) -> dict[str, Any]:
        return {**super().service_kwargs(target, lookup), "relationship": self.cleaned_data["relationship"]}


class SplitForm(EventForm):
    kind = EventKind.KK_SPLIT
    needs = "family"
    title = gettext_lazy("Split a KK")
    members = forms.TypedMultipleChoiceField(
        label=gettext_lazy("Members who move to the new KK"), coerce=int, widget=forms.CheckboxSelectMultiple
    )
    new_head = forms.TypedChoiceField(label=gettext_lazy("Head of the new KK"), coerce=int)
    new_kk_number = forms.CharField(label=gettext_lazy("New KK number"), max_length=20, widget=NUMERIC)
    area = forms.TypedChoiceField(label=gettext_lazy("RT of the new KK"), coerce=int, required=False, empty_value=None)
    address = forms.CharField(label=gettext_lazy("Address of the new KK"), max_length=250, required=False)

    def setup(self, target: Target) -> None:
        members = self.fields["members"]
        assert isinstance(members, forms.ChoiceField)  # noqa: S101
        members.choices = [(m.pk, m.name) for m in target.members]
        self.member_choices("new_head", target)
        self.rt_choices("area", target)

    def service_kwargs(self, target: Target, lookup: Lookup) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            **super().service_kwargs(target, lookup),
            "family": target.family,
            "members": [m for m in target.members if m.pk in data["members"]],
            "new_head": _pick(target, data["new_head"]),
            "new_kk_number": "".join(data["new_kk_number"].split()),
            "area": self.rt_of(target, data["area"]),
            "address": data["address"],
        }


class MergeForm(EventForm):
    kind = EventKind.KK_MERGE
    needs = "family"
    title = gettext_lazy("Merge a KK into another")
    into_kk = forms.CharField(label=gettext_lazy("KK number the members join"), max_length=20, widget=NUMERIC)

    def setup(self, target: Target) -> None:
        for member in target.members:
            self.fields[f"rel_{member.pk}"] = _rel(
                gettext_lazy("%(name)s: relationship to the other KK's head") % {"name": member.name}
            )

    def service_kwargs(self, target: Target, lookup: Lookup) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            **super().service_kwargs(target, lookup),
            "family": target.family,
            "into": lookup.family("into_kk", "".join(data["into_kk"].split())),
            "relationships": {m.pk: data.get(f"rel_{m.pk}") for m in target.members},
        }


class CorrectionForm(EventForm):
    kind = EventKind.CORRECTION
    title = gettext_lazy("Correct a resident's data")
    item = forms.ChoiceField(label=gettext_lazy("Item to correct"))
    value = forms.CharField(
        label=gettext_lazy("Correct value"),
        required=False,
        max_length=250,
        help_text=gettext_lazy("For a coded item, its code (see the list below); a date as YYYY-MM-DD."),
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("e.g. the birth certificate shows another spelling."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["occurred_on"].required = False
        self.fields.pop("note")
        item = self.fields["item"]
        assert isinstance(item, forms.ChoiceField)  # noqa: S101
        item.choices = [(name, _item_label(name)) for name in CORRECTABLE]

    def setup(self, target: Target, *, sensitive: bool = True) -> None:
        if not sensitive:
            item = self.fields["item"]
            assert isinstance(item, forms.ChoiceField)  # noqa: S101
            item.choices = [(n, _item_label(n)) for n in CORRECTABLE if not ITEMS_BY_NAME[n].sensitive]

    def service_kwargs(self, target: Target, lookup: Lookup) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "resident": target.resident,
            "occurred_on": data["occurred_on"] or None,
            "values": {data["item"]: data["value"]},
            "reason": data["reason"],
        }


def _item_label(name: str) -> str:
    from padu.registries.models import Resident as Model

    if name in ("nik", "father_nik", "mother_nik"):
        return {
            "nik": "NIK",
            "father_nik": str(gettext_lazy("Father's NIK")),
            "mother_nik": str(gettext_lazy("Mother's NIK")),
        }[name]
    return str(getattr(Model._meta.get_field(name), "verbose_name", name)).capitalize()


# The URL word of each kind (Indonesian), and its form.
EVENT_FORMS: dict[str, type[EventForm]] = {
    "kelahiran": BirthForm,
    "kematian": DeathForm,
    "pindah-datang": MoveInForm,
    "pindah-keluar": MoveOutForm,
    "pindah-dalam-desa": MoveWithinForm,
    "perkawinan": MarriageForm,
    "perceraian": DivorceForm,
    "hilang": MissingForm,
    "ditemukan": FoundForm,
    "pecah-kk": SplitForm,
    "gabung-kk": MergeForm,
    "koreksi": CorrectionForm,
}
SLUG_OF_KIND = {form.kind: slug for slug, form in EVENT_FORMS.items()}


def today_initial(today: dt.date) -> dict[str, Any]:
    return {"occurred_on": today}
