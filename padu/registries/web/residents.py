"""Console pages of the register itself, under /konsol/penduduk/: the register's search and list,
a resident's page (items, history, family, events), a KK's page, the areas (dusun, RW, RT), one
form per life event, the events with their reversal, and the proposals from completed
applications. Thin: each parses, calls one service or selector and renders. Every page that
shows a person's items logs the read in their access log."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _

from padu.core.actors import Actor
from padu.core.calendar import agency_today
from padu.core.errors import Forbidden, InvalidInput, PaduError
from padu.core.identifiers import mask_identifier
from padu.core.models import Agency
from padu.core.selectors import agency_get_for
from padu.core.web.console import console_context, console_view
from padu.core.web.forms import apply_error
from padu.registries import events as event_services
from padu.registries import selectors
from padu.registries.codes import SENSITIVE_FIELDS, LifeStatus
from padu.registries.models import (
    Area,
    AreaLevel,
    EventKind,
    EventProposal,
    Family,
    LifeEvent,
    ProposalStatus,
    Resident,
)
from padu.registries.permissions import can_find_residents, keeps_register, sees_sensitive
from padu.registries.services import area_save, history_value, resident_access_record
from padu.registries.web.residents_forms import (
    EVENT_FORMS,
    SLUG_OF_KIND,
    AreaForm,
    CorrectionForm,
    EventForm,
    Lookup,
    ReasonForm,
    SearchForm,
    Target,
)

PAGE_SIZE = 50
# Who reads a record and why, as the person's access log says it (data, in the office's language).
PURPOSE_LIST = "Register penduduk: daftar dan pencarian warga"
PURPOSE_RESIDENT = "Register penduduk: halaman warga"
PURPOSE_FAMILY = "Register penduduk: halaman KK"
PURPOSE_EVENT = "Register penduduk: peristiwa kependudukan"
LIST_FIELDS = ["name", "nik", "sex", "birth_date", "area", "kk_number", "life_status"]

# The items of a resident's page, in groups.
GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("identity", ("nik", "name", "sex", "birth_place", "birth_date", "blood_type", "citizenship", "ktp_status")),
    ("family", ("relationship", "father_nik", "father_name", "mother_nik", "mother_name")),
    ("address", ("address", "previous_address", "resident_status", "registered_on", "left_on", "life_status")),
    (
        "civil",
        (
            "marital_status",
            "religion",
            "birth_certificate_number",
            "birth_certificate_date",
            "marriage_certificate_number",
            "marriage_date",
            "divorce_certificate_number",
            "divorce_date",
        ),
    ),
    ("work", ("education", "occupation", "disability", "insurance")),
)


def _group_title(key: str) -> str:
    return {
        "identity": _("Identity"),
        "family": _("Family"),
        "address": _("Address and status"),
        "civil": _("Civil status and religion"),
        "work": _("Education, work and health"),
    }[key]


def _label(name: str) -> str:
    if name == "nik":
        return "NIK"
    if name == "kk_number":
        return _("KK number")
    if name in ("father_nik", "mother_nik"):
        return _("Father's NIK") if name == "father_nik" else _("Mother's NIK")
    if name in ("family_id", "area_id", "household_id"):
        name = name[:-3]
    if name == "is_active":
        return _("active")
    try:
        return str(getattr(Resident._meta.get_field(name), "verbose_name", name)).capitalize()
    except Exception:  # noqa: BLE001 - a family's own item
        return str(getattr(Family._meta.get_field(name), "verbose_name", name)).capitalize()


def _shown(resident: Resident, name: str) -> str:
    """An item as the page shows it (identifiers in full for the officer: they are needed)."""
    if name in ("nik", "father_nik", "mother_nik"):
        return str(getattr(resident, name) or "–")
    display = getattr(resident, f"get_{name}_display", None)
    value = display() if display is not None else getattr(resident, name)
    if value in (None, ""):
        return "–"
    if hasattr(value, "strftime"):
        return value.strftime("%d-%m-%Y")
    return str(value)


def _history_text(name: str, stored: str, areas: dict[int, str]) -> str:
    """A history value in words: a code as its label, an area by name, an identifier masked."""
    text = history_value(name, stored)
    if text == "":
        return "–"
    if name in ("nik", "father_nik", "mother_nik", "kk_number"):
        return mask_identifier(text)
    if name == "area_id":
        return areas.get(int(text), text)
    if name in ("is_household_head", "is_active"):
        return _("yes") if text == "1" else _("no")
    try:
        field = Resident._meta.get_field(name)
    except Exception:  # noqa: BLE001 - not a column of the record
        return text
    choices = getattr(field, "choices", None)
    if choices:
        for value, label in choices:
            if str(value) == text:
                return str(label)
    return text


def _area_labels(agency: Agency) -> tuple[list[Area], dict[int, str]]:
    areas = list(selectors.areas_of(agency))
    return areas, {a.pk: selectors.rt_label(a) for a in areas}


def _agency(actor: Actor, agency_id: int) -> Agency:
    agency = agency_get_for(actor, agency_id)
    if not can_find_residents(actor, agency.pk):
        raise Forbidden(_("Only the village's officers read its population register."))
    return agency


def _no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    return response


# ---- the register ----


@console_view
def registry(request: HttpRequest, actor: Actor, agency_id: int) -> HttpResponse:
    agency = _agency(actor, agency_id)
    areas, labels = _area_labels(agency)
    form = SearchForm(request.GET or None, areas=sorted(labels.items(), key=lambda kv: kv[1]))
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    rows = selectors.residents_search(
        actor, agency, q=data.get("q") or "", area_id=data.get("area"), status=data.get("status") or ""
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    people = list(page)
    resident_access_record(actor=actor, agency=agency, residents=people, purpose=PURPOSE_LIST, fields=LIST_FIELDS)
    today = agency_today(agency)
    counts = selectors.resident_status_counts(actor, agency)
    return _no_store(
        render(
            request,
            "registries/console/residents.html",
            console_context(
                request,
                actor,
                agency,
                section="registry",
                form=form,
                page=page,
                rows=[(r, r.age_on(today), labels.get(r.area_id or 0, "")) for r in people],
                counts=[(LifeStatus(k).label, counts.get(k, 0)) for k in LifeStatus.values],
                total=page.paginator.count,
                can_record=keeps_register(actor, agency.pk),
            ),
        )
    )


@console_view
def resident_page(request: HttpRequest, actor: Actor, agency_id: int, resident_id: int) -> HttpResponse:
    agency = _agency(actor, agency_id)
    resident = selectors.resident_for_staff(actor, agency, resident_id)
    sensitive = sees_sensitive(actor, agency.pk)
    groups = []
    shown: list[str] = []
    for key, names in GROUPS:
        items = [
            (name, _label(name), _shown(resident, name)) for name in names if sensitive or name not in SENSITIVE_FIELDS
        ]
        shown += [name for name, _l, _v in items]
        groups.append((_group_title(key), [(label, value) for _n, label, value in items]))
    _areas, labels = _area_labels(agency)
    family = resident.family
    members = list(selectors.family_members(family)) if family is not None else []
    history = [
        (
            change,
            _label(change.field),
            _history_text(change.field, change.old, labels),
            _history_text(change.field, change.new, labels),
        )
        for change in selectors.resident_history(resident)
        if sensitive or change.field not in SENSITIVE_FIELDS
    ]
    resident_access_record(
        actor=actor,
        agency=agency,
        residents=[resident],
        purpose=PURPOSE_RESIDENT,
        fields=[*shown, "kk_number", "area", "history"],
    )
    if members:
        resident_access_record(
            actor=actor,
            agency=agency,
            residents=[m for m in members if m.pk != resident.pk],
            purpose=PURPOSE_RESIDENT,
            fields=["name", "relationship", "life_status"],
        )
    can_record = keeps_register(actor, agency.pk)
    if resident.life_status == LifeStatus.PRESENT:
        allowed = {f.kind for f in EVENT_FORMS.values() if f.needs == "resident"} - {EventKind.FOUND}
    elif resident.life_status == LifeStatus.MISSING:
        allowed = {EventKind.FOUND, EventKind.CORRECTION}
    else:
        allowed = {EventKind.CORRECTION}
    kinds = [(slug, form.title) for slug, form in EVENT_FORMS.items() if form.kind in allowed]
    family_kinds = [(slug, form.title) for slug, form in EVENT_FORMS.items() if form.needs == "family"]
    return _no_store(
        render(
            request,
            "registries/console/resident_detail.html",
            console_context(
                request,
                actor,
                agency,
                section="registry",
                resident=resident,
                area_label=labels.get(resident.area_id or 0, ""),
                groups=groups,
                members=members,
                history=history,
                events=list(selectors.events_of(actor, agency, resident=resident)[:100]),
                can_record=can_record,
                kinds=kinds if can_record else [],
                family_kinds=family_kinds if can_record and family is not None and family.is_active else [],
                sensitive=sensitive,
            ),
        )
    )


@console_view
def family_page(request: HttpRequest, actor: Actor, agency_id: int, family_id: int) -> HttpResponse:
    agency = _agency(actor, agency_id)
    family = selectors.family_for_staff(actor, agency, family_id)
    members = list(selectors.family_members(family))
    today = agency_today(agency)
    resident_access_record(
        actor=actor,
        agency=agency,
        residents=members,
        purpose=PURPOSE_FAMILY,
        fields=["name", "nik", "relationship", "sex", "birth_date", "life_status"],
    )
    _areas, labels = _area_labels(agency)
    can_record = keeps_register(actor, agency.pk)
    return _no_store(
        render(
            request,
            "registries/console/family.html",
            console_context(
                request,
                actor,
                agency,
                section="registry",
                family=family,
                area_label=labels.get(family.area_id or 0, ""),
                members=[(m, m.age_on(today)) for m in members],
                events=list(selectors.events_of(actor, agency, family=family)[:100]),
                family_kinds=[(s, f.title) for s, f in EVENT_FORMS.items() if f.needs == "family"]
                if can_record and family.is_active
                else [],
                can_record=can_record,
            ),
        )
    )


# ---- areas ----


@console_view
def areas_page(request: HttpRequest, actor: Actor, agency_id: int) -> HttpResponse:
    agency = _agency(actor, agency_id)
    areas, labels = _area_labels(agency)
    parents = sorted(((a.pk, labels[a.pk]) for a in areas if a.level != AreaLevel.RT), key=lambda kv: kv[1])
    form = AreaForm(parents=parents, initial={"level": AreaLevel.RT})
    if request.method == "POST":
        if not keeps_register(actor, agency.pk):
            raise Forbidden(_("Only the population register officer and the agency administrator keep the register."))
        form = AreaForm(request.POST, parents=parents)
        if form.is_valid():
            data = form.cleaned_data
            by_id = {a.pk: a for a in areas}
            existing = by_id.get(data["area"]) if data["area"] else None
            if data["area"] and existing is None:
                raise Http404
            try:
                saved = area_save(
                    actor=actor,
                    agency=agency,
                    level=existing.level if existing else data["level"],
                    name=data["name"],
                    parent=existing.parent if existing else by_id.get(data["parent"] or 0),
                    head_name=data["head_name"],
                    head_phone=data["head_phone"],
                    area=existing,
                )
            except InvalidInput as exc:
                apply_error(form, None, exc)
            else:
                messages.success(request, _("“%(name)s” has been saved.") % {"name": saved.name})
                return redirect("portal:console_registry_areas")
    tree = [
        (dusun, [(rw, [rt for rt in areas if rt.parent_id == rw.pk]) for rw in areas if rw.parent_id == dusun.pk])
        for dusun in areas
        if dusun.level == AreaLevel.DUSUN
    ]
    return render(
        request,
        "registries/console/areas.html",
        console_context(
            request,
            actor,
            agency,
            section="registry_areas",
            form=form,
            tree=tree,
            can_record=keeps_register(actor, agency.pk),
        ),
    )


# ---- life events ----


def _lookup(actor: Actor, agency: Agency) -> Lookup:
    return Lookup(
        family_by_kk=lambda kk: selectors.family_by_kk(actor, agency, kk),
        resident_by_nik=lambda nik: selectors.resident_by_nik(actor, agency, nik),
    )


def _target(
    request: HttpRequest, actor: Actor, agency: Agency, form_class: type[EventForm], proposal: EventProposal | None
) -> Target:
    """The resident (?resident=) or KK (?family=) the form is about, with the KK's members."""
    source = request.POST if request.method == "POST" else request.GET
    resident = family = None
    raw_resident = source.get("resident") or (str(proposal.resident_id) if proposal and proposal.resident_id else "")
    raw_family = source.get("family", "")
    if raw_resident.isdigit():
        resident = selectors.resident_for_staff(actor, agency, int(raw_resident))
        family = resident.family
    if raw_family.isdigit():
        family = selectors.family_for_staff(actor, agency, int(raw_family))
    if form_class.needs == "resident" and resident is None:
        raise Http404
    if form_class.needs == "family" and family is None:
        raise Http404
    areas, labels = _area_labels(agency)
    members = [m for m in selectors.family_members(family) if m.life_status == LifeStatus.PRESENT] if family else []
    return Target(
        resident=resident,
        family=family,
        members=members,
        rts=[a for a in areas if a.level == AreaLevel.RT],
        labels=labels,
    )


@console_view
def event_new(request: HttpRequest, actor: Actor, agency_id: int, kind: str) -> HttpResponse:
    agency = _agency(actor, agency_id)
    form_class = EVENT_FORMS.get(kind)
    if form_class is None:
        raise Http404
    if not keeps_register(actor, agency.pk):
        raise Forbidden(_("Only the population register officer and the agency administrator keep the register."))
    source = request.POST if request.method == "POST" else request.GET
    proposal = None
    if source.get("proposal", "").isdigit():
        proposal = selectors.proposal_for_staff(actor, agency, int(source["proposal"]))
        if proposal.kind != form_class.kind or proposal.status != ProposalStatus.PENDING:
            raise Http404
    target = _target(request, actor, agency, form_class, proposal)
    today = agency_today(agency)
    if request.method == "POST":
        form = form_class(request.POST)
    else:
        form = form_class(initial={"occurred_on": today} if form_class.kind != EventKind.CORRECTION else {})
    form.setup(target)
    if isinstance(form, CorrectionForm):
        form.setup(target, sensitive=sees_sensitive(actor, agency.pk))
    if request.method == "POST" and form.is_valid():
        try:
            fields = form.service_kwargs(target, _lookup(actor, agency))
            if proposal is not None:
                event = event_services.proposal_accept(actor=actor, agency=agency, proposal=proposal, fields=fields)
            else:
                event = event_services.EVENT_SERVICES[form_class.kind](actor=actor, agency=agency, **fields)
        except PaduError as exc:
            if not isinstance(exc, InvalidInput) and exc.status in (403, 404):
                raise
            _apply(form, exc)
        else:
            messages.success(request, _("The event has been recorded."))
            return redirect("portal:console_registry_event", event.pk)
    if target.resident is not None:
        resident_access_record(
            actor=actor, agency=agency, residents=[target.resident], purpose=PURPOSE_EVENT, fields=["name", "nik"]
        )
    return _no_store(
        render(
            request,
            "registries/console/event_form.html",
            console_context(
                request,
                actor,
                agency,
                section="registry_events",
                form=form,
                kind=kind,
                title=form_class.title,
                target=target,
                proposal=proposal,
                proposal_details=event_services.proposal_details(proposal) if proposal else {},
            ),
        )
    )


def _apply(form: EventForm, exc: PaduError) -> None:
    """A service's refusal on the form: per field where the form has it, else at the top (with
    every family-rule problem listed)."""
    placed = False
    for name, msgs in exc.errors.items():
        target = name.split(".")[-1]
        for msg in msgs:
            if target in form.fields:
                form.add_error(target, str(msg))
                placed = True
    if not placed:
        form.add_error(None, str(exc.message))


@console_view
def events_list(request: HttpRequest, actor: Actor, agency_id: int) -> HttpResponse:
    agency = _agency(actor, agency_id)
    kind = request.GET.get("kind", "")
    if kind not in EventKind.values:
        kind = ""
    page = Paginator(selectors.events_of(actor, agency, kind=kind), PAGE_SIZE).get_page(request.GET.get("page"))
    rows = list(page)
    resident_access_record(
        actor=actor,
        agency=agency,
        residents=[e.resident for e in rows if e.resident is not None],
        purpose=PURPOSE_EVENT,
        fields=["name", "events"],
    )
    return render(
        request,
        "registries/console/events.html",
        console_context(
            request,
            actor,
            agency,
            section="registry_events",
            page=page,
            rows=rows,
            kind=kind,
            kinds=EventKind.choices,
            slugs=SLUG_OF_KIND,
            can_record=keeps_register(actor, agency.pk),
            new_kinds=[(s, f.title) for s, f in EVENT_FORMS.items() if f.needs == ""],
        ),
    )


@console_view
def event_page(request: HttpRequest, actor: Actor, agency_id: int, event_id: int) -> HttpResponse:
    agency = _agency(actor, agency_id)
    event = selectors.event_for_staff(actor, agency, event_id)
    can_record = keeps_register(actor, agency.pk)
    form = ReasonForm()
    if request.method == "POST":
        if not can_record:
            raise Forbidden(_("Only the population register officer and the agency administrator keep the register."))
        form = ReasonForm(request.POST)
        if form.is_valid():
            try:
                reversal = event_services.event_reverse(
                    actor=actor, agency=agency, event=event, reason=form.cleaned_data["reason"]
                )
            except PaduError as exc:
                if exc.status in (403, 404):
                    raise
                apply_error(form, None, exc)
            else:
                messages.success(request, _("The event has been reversed by a correcting event."))
                return redirect("portal:console_registry_event", reversal.pk)
    sensitive = sees_sensitive(actor, agency.pk)
    _areas, labels = _area_labels(agency)
    changes = [
        (c, _label(c.field), _history_text(c.field, c.old, labels), _history_text(c.field, c.new, labels))
        for c in selectors.event_changes(event)
        if sensitive or c.field not in SENSITIVE_FIELDS
    ]
    people = {c.resident.pk: c.resident for c, *_rest in changes if c.resident is not None}
    resident_access_record(
        actor=actor,
        agency=agency,
        residents=list(people.values()),
        purpose=PURPOSE_EVENT,
        fields=sorted({c.field for c, *_rest in changes}) + ["name"],
    )
    try:
        reversed_by: LifeEvent | None = event.reversed_by
    except LifeEvent.DoesNotExist:
        reversed_by = None
    return _no_store(
        render(
            request,
            "registries/console/event_detail.html",
            console_context(
                request,
                actor,
                agency,
                section="registry_events",
                event=event,
                changes=changes,
                reversed_by=reversed_by,
                form=form,
                can_reverse=can_record and event.kind != EventKind.REVERSAL and reversed_by is None,
            ),
        )
    )


# ---- proposals ----


@console_view
def proposals_page(request: HttpRequest, actor: Actor, agency_id: int) -> HttpResponse:
    agency = _agency(actor, agency_id)
    status = request.GET.get("status", ProposalStatus.PENDING)
    if status not in ProposalStatus.values:
        status = ""
    rows = list(selectors.proposals_of(actor, agency, status=status)[:200])
    return render(
        request,
        "registries/console/proposals.html",
        console_context(
            request,
            actor,
            agency,
            section="registry_proposals",
            rows=rows,
            status=status,
            statuses=ProposalStatus.choices,
            slugs=SLUG_OF_KIND,
        ),
    )


@console_view
def proposal_page(request: HttpRequest, actor: Actor, agency_id: int, proposal_id: int) -> HttpResponse:
    agency = _agency(actor, agency_id)
    proposal = selectors.proposal_for_staff(actor, agency, proposal_id)
    form = ReasonForm()
    if request.method == "POST":
        form = ReasonForm(request.POST)
        if form.is_valid():
            try:
                event_services.proposal_dismiss(
                    actor=actor, agency=agency, proposal=proposal, reason=form.cleaned_data["reason"]
                )
            except PaduError as exc:
                if exc.status in (403, 404):
                    raise
                apply_error(form, None, exc)
            else:
                messages.success(request, _("The proposal has been dismissed."))
                return redirect("portal:console_registry_proposals")
    details = event_services.proposal_details(proposal)
    return _no_store(
        render(
            request,
            "registries/console/proposals_detail.html",
            console_context(
                request,
                actor,
                agency,
                section="registry_proposals",
                proposal=proposal,
                details=sorted(details.items()),
                form=form,
                record_url=_record_url(proposal),
            ),
        )
    )


def _record_url(proposal: EventProposal) -> str:
    slug = SLUG_OF_KIND.get(proposal.kind)
    if slug is None or proposal.status != ProposalStatus.PENDING:
        return ""
    query = f"?proposal={proposal.pk}"
    if proposal.resident_id:
        query += f"&resident={proposal.resident_id}"
    form = EVENT_FORMS[slug]
    if form.needs == "family" and proposal.resident_id and proposal.resident and proposal.resident.family_id:
        query += f"&family={proposal.resident.family_id}"
    if form.needs and not proposal.resident_id:
        return ""  # the officer starts from the resident's page
    return reverse("portal:console_registry_event_new", args=[slug]) + query


console_urlpatterns: list[URLPattern] = [
    path("penduduk/", registry, name="console_registry"),
    path("penduduk/warga/<int:resident_id>/", resident_page, name="console_registry_resident"),
    path("penduduk/kk/<int:family_id>/", family_page, name="console_registry_family"),
    path("penduduk/wilayah/", areas_page, name="console_registry_areas"),
    path("penduduk/peristiwa/", events_list, name="console_registry_events"),
    path("penduduk/peristiwa/<int:event_id>/", event_page, name="console_registry_event"),
    path("penduduk/peristiwa/<slug:kind>/", event_new, name="console_registry_event_new"),
    path("penduduk/usulan/", proposals_page, name="console_registry_proposals"),
    path("penduduk/usulan/<int:proposal_id>/", proposal_page, name="console_registry_proposal"),
]
public_urlpatterns: list[URLPattern] = []
