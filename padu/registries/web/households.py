"""Console pages of households (rumah tangga), under /konsol/penduduk/rumah-tangga/: the list
(with the households that need a new head), one household (members, and the keeper's forms to
add a KK or a person, take someone out, name the head) and making a household from a
resident's page. The front desk reads them and changes nothing. Every page that shows people
logs the read in their access log."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from padu.core.actors import Actor
from padu.core.calendar import agency_today
from padu.core.errors import Forbidden, PaduError
from padu.core.models import Agency
from padu.core.selectors import agency_get_for
from padu.core.web.console import console_context, console_view
from padu.core.web.forms import apply_error
from padu.registries import households as hh
from padu.registries import selectors
from padu.registries.codes import LifeStatus, Relationship
from padu.registries.models import Household, Resident
from padu.registries.permissions import can_find_residents, keeps_register
from padu.registries.services import resident_access_record

PAGE_SIZE = 50
# Why the record was read, as the person's access log says it (data, in the office's language).
PURPOSE_LIST = "Register penduduk: daftar rumah tangga"
PURPOSE_HOUSEHOLD = "Register penduduk: halaman rumah tangga"
MEMBER_FIELDS = ["name", "nik", "relationship", "sex", "birth_date", "life_status", "household"]

NUMERIC = forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})
STATUSES = (
    ("", gettext_lazy("All households")),
    ("active", gettext_lazy("Active")),
    ("inactive", gettext_lazy("No longer active")),
    ("attention", gettext_lazy("Needs a new head")),
)


# ---- forms (they only parse: the services check everything again) ----


class HouseholdSearchForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Household number or head's name"), required=False, max_length=150)
    status = forms.ChoiceField(label=gettext_lazy("Status"), required=False, choices=STATUSES)


class HouseholdNewForm(forms.Form):
    number = forms.CharField(
        label=gettext_lazy("Household number"),
        help_text=gettext_lazy("Leave it empty to take the next free number."),
        required=False,
        max_length=hh.NUMBER_MAX,
    )
    address = forms.CharField(
        label=gettext_lazy("Address"),
        help_text=gettext_lazy("Leave it empty to use the head's address."),
        required=False,
        max_length=250,
    )
    with_family = forms.BooleanField(
        label=gettext_lazy("The head's whole KK joins the household"), required=False, initial=True
    )
    note = forms.CharField(label=gettext_lazy("Note"), required=False, max_length=1000, widget=forms.Textarea)


class AddFamilyForm(forms.Form):
    kk_number = forms.CharField(
        label=gettext_lazy("KK number"),
        help_text=gettext_lazy("All 16 digits. Every present member of the KK joins."),
        max_length=20,
        widget=NUMERIC,
    )


class AddPersonForm(forms.Form):
    nik = forms.CharField(label="NIK", help_text=gettext_lazy("All 16 digits."), max_length=20, widget=NUMERIC)


def _choices(form: forms.Form, name: str, people: list[tuple[int, str]], blank: Any = "—") -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)  # noqa: S101 - declared below
    field.choices = [("", blank), *people]


class RemoveForm(forms.Form):
    resident = forms.TypedChoiceField(label=gettext_lazy("Who leaves the household"), coerce=int)
    new_head = forms.TypedChoiceField(
        label=gettext_lazy("New head"),
        help_text=gettext_lazy("Needed when the head leaves and others stay."),
        coerce=int,
        required=False,
        empty_value=None,
    )

    def __init__(self, *args: Any, people: list[tuple[int, str]], present: list[tuple[int, str]], **kw: Any) -> None:
        super().__init__(*args, **kw)
        _choices(self, "resident", people)
        _choices(self, "new_head", present, gettext_lazy("Nobody"))


class HeadForm(forms.Form):
    head = forms.TypedChoiceField(label=gettext_lazy("New head of the household"), coerce=int)

    def __init__(self, *args: Any, present: list[tuple[int, str]], **kw: Any) -> None:
        super().__init__(*args, **kw)
        _choices(self, "head", present)


FORMS: dict[str, type[forms.Form]] = {
    "add_family": AddFamilyForm,
    "add_person": AddPersonForm,
    "remove": RemoveForm,
    "set_head": HeadForm,
}


# ---- helpers ----


def _agency(actor: Actor, agency_id: int) -> Agency:
    agency = agency_get_for(actor, agency_id)
    if not can_find_residents(actor, agency.pk):
        raise Forbidden(_("Only the village's officers read its population register."))
    return agency


def _no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    return response


def relation_to_head(member: Resident, head: Resident | None) -> str:
    """How a member stands to the household's head: the SHDK where they share the head's KK."""
    if member.is_household_head:
        return _("Head of the household")
    shdk = member.get_relationship_display() or "–"
    if head is not None and member.family_id and member.family_id == head.family_id:
        if head.relationship == Relationship.HEAD:
            return str(shdk)
        return _("%(relationship)s (in the head's KK)") % {"relationship": shdk}
    return _("%(relationship)s in another KK") % {"relationship": shdk}


# ---- pages ----


@console_view
@require_GET
def households_page(request: HttpRequest, actor: Actor, agency_id: int) -> HttpResponse:
    agency = _agency(actor, agency_id)
    form = HouseholdSearchForm(request.GET or None)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    rows = hh.households_search(actor, agency, q=data.get("q") or "", status=data.get("status") or "")
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    households = list(page)
    heads = hh.heads_of(households)
    resident_access_record(
        actor=actor, agency=agency, residents=list(heads.values()), purpose=PURPOSE_LIST, fields=["name", "household"]
    )
    labels = {a.pk: selectors.rt_label(a) for a in selectors.areas_of(agency)}
    return _no_store(
        render(
            request,
            "registries/console/household_list.html",
            console_context(
                request,
                actor,
                agency,
                section="registry_households",
                form=form,
                page=page,
                rows=[(h, heads.get(h.pk), labels.get(h.area_id or 0, ""), _needs(h)) for h in households],
                total=page.paginator.count,
                attention=hh.households_needing_attention(actor, agency),
                can_record=keeps_register(actor, agency.pk),
            ),
        )
    )


def _needs(household: Any) -> bool:
    if household.is_active:
        return bool(household.present_heads != 1 or household.absent_heads)
    return bool(household.present_count)


def _bound(action: str, request: HttpRequest, people: list[tuple[int, str]], present: list[tuple[int, str]]) -> Any:
    data = request.POST if request.method == "POST" and request.POST.get("action") == action else None
    if action == "remove":
        return RemoveForm(data, prefix=action, people=people, present=present)
    if action == "set_head":
        return HeadForm(data, prefix=action, present=present)
    return FORMS[action](data, prefix=action)


def _act(
    actor: Actor, agency: Agency, household: Household, action: str, form: Any, members: dict[int, Resident]
) -> str:
    """Run the form's change; the success message."""
    data = form.cleaned_data
    if action == "add_family":
        family = selectors.family_by_kk(actor, agency, data["kk_number"])
        if family is None:
            form.add_error("kk_number", _("No KK with this number in the register."))
            return ""
        hh.household_add(actor=actor, agency=agency, household=household, family=family)
        return _("The KK's members have joined the household.")
    if action == "add_person":
        person = selectors.resident_by_nik(actor, agency, "".join(data["nik"].split()))
        if person is None:
            form.add_error("nik", _("No resident with this NIK in the register."))
            return ""
        hh.household_add(actor=actor, agency=agency, household=household, residents=[person])
        return _("%(name)s has joined the household.") % {"name": person.name}
    if action == "remove":
        leaving = members.get(data["resident"])
        if leaving is None:
            raise Http404
        new_head = members.get(data["new_head"]) if data["new_head"] else None
        hh.household_remove(actor=actor, agency=agency, household=household, residents=[leaving], new_head=new_head)
        return _("%(name)s has left the household.") % {"name": leaving.name}
    head = members.get(data["head"])
    if head is None:
        raise Http404
    hh.household_set_head(actor=actor, agency=agency, household=household, head=head)
    return _("%(name)s is now the head of the household.") % {"name": head.name}


@console_view
@require_http_methods(["GET", "POST"])
def household_page(request: HttpRequest, actor: Actor, agency_id: int, household_id: int) -> HttpResponse:
    agency = _agency(actor, agency_id)
    household = hh.household_for_staff(actor, agency, household_id)
    can_record = keeps_register(actor, agency.pk)
    members = {m.pk: m for m in hh.household_members(household)}
    present = [m for m in members.values() if m.life_status == LifeStatus.PRESENT]
    everyone = [(m.pk, m.name) for m in members.values()]
    present_choices = [(m.pk, m.name) for m in present]
    action = request.POST.get("action", "") if request.method == "POST" else ""
    if request.method == "POST":
        if not can_record:
            raise Forbidden(_("Only the population register officer and the agency administrator keep the register."))
        if action not in FORMS:
            raise Http404
    forms_by_action = {name: _bound(name, request, everyone, present_choices) for name in FORMS}
    failed = None
    if action:
        form = forms_by_action[action]
        if form.is_valid():
            try:
                done = _act(actor, agency, household, action, form, members)
            except PaduError as exc:
                if exc.status in (403, 404):
                    raise
                apply_error(form, None, exc)
            else:
                if done:
                    messages.success(request, done)
                    return redirect("portal:console_registry_household", household.pk)
        failed = form
    head = next((m for m in present if m.is_household_head), None)
    today = agency_today(agency)
    resident_access_record(
        actor=actor, agency=agency, residents=list(members.values()), purpose=PURPOSE_HOUSEHOLD, fields=MEMBER_FIELDS
    )
    labels = {a.pk: selectors.rt_label(a) for a in selectors.areas_of(agency)}
    return _no_store(
        render(
            request,
            "registries/console/household_detail.html",
            console_context(
                request,
                actor,
                agency,
                section="registry_households",
                household=household,
                area_label=labels.get(household.area_id or 0, ""),
                head=head,
                present=[(m, relation_to_head(m, head), m.age_on(today)) for m in present],
                former=[m for m in members.values() if m.life_status != LifeStatus.PRESENT],
                problems=hh.household_problems(household),
                events=list(hh.household_events(actor, agency, household)[:100]),
                can_record=can_record and household.is_active,
                can_mend=can_record,
                forms=forms_by_action,
                failed=failed,
            ),
        ),
    )


@console_view
@require_http_methods(["GET", "POST"])
def household_new(request: HttpRequest, actor: Actor, agency_id: int) -> HttpResponse:
    agency = _agency(actor, agency_id)
    if not keeps_register(actor, agency.pk):
        raise Forbidden(_("Only the population register officer and the agency administrator keep the register."))
    source = request.POST if request.method == "POST" else request.GET
    raw = source.get("resident", "")
    if not raw.isdigit():
        raise Http404
    resident = selectors.resident_for_staff(actor, agency, int(raw))
    form = HouseholdNewForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            household = hh.household_create(
                actor=actor,
                agency=agency,
                head=resident,
                number=data["number"] or None,
                address=data["address"],
                with_family=data["with_family"],
                note=data["note"],
            )
        except PaduError as exc:
            if exc.status in (403, 404):
                raise
            apply_error(form, None, exc)
        else:
            messages.success(request, _("The household %(number)s has been made.") % {"number": household.number})
            return redirect("portal:console_registry_household", household.pk)
    family = (
        [m for m in selectors.family_members(resident.family) if m.life_status == LifeStatus.PRESENT]
        if (resident.family)
        else []
    )
    resident_access_record(
        actor=actor,
        agency=agency,
        residents=[resident, *family],
        purpose=PURPOSE_HOUSEHOLD,
        fields=["name", "relationship", "household"],
    )
    return _no_store(
        render(
            request,
            "registries/console/household_new.html",
            console_context(
                request,
                actor,
                agency,
                section="registry_households",
                form=form,
                resident=resident,
                family=family,
            ),
        )
    )


console_urlpatterns: list[URLPattern] = [
    path("penduduk/rumah-tangga/", households_page, name="console_registry_households"),
    path("penduduk/rumah-tangga/baru/", household_new, name="console_registry_household_new"),
    path("penduduk/rumah-tangga/<int:household_id>/", household_page, name="console_registry_household"),
]
public_urlpatterns: list[URLPattern] = []
