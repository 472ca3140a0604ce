"""Staff console pages of services: the inbox and the case view with its decisions, and the
agency administrator's service and letter editors.

Thin: parse, call a selector or service, render. Domain errors map through console_view:
Forbidden → 403, NotFound → 404. Only the agency administrator may use the editors (403 for
other staff); another agency's versions and templates are 404, because the console's active
agency decides which ones can be found.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from padu.core.actors import Actor, actor_from_request
from padu.core.errors import Conflict, Forbidden, InvalidInput, NotFound, PaduError
from padu.core.models import Agency
from padu.core.numbering import agency_scope, number_peek
from padu.core.roles import Role
from padu.core.selectors import agency_children, agency_get_for, agency_staff
from padu.core.services import letter_numbering_set
from padu.core.web.console import console_context, console_view
from padu.core.web.forms import apply_error
from padu.core.web.pagecache import remembered
from padu.documents.bodytext import body_to_text, text_to_body
from padu.documents.models import BodyFormat, LetterTemplate
from padu.documents.permissions import can_edit_templates
from padu.documents.selectors import letter_template_for, letter_templates_for
from padu.documents.services import letter_preview_pdf, letter_template_save
from padu.services.formdef import text_in
from padu.services.letters import Placeholder, letter_placeholders, signing_preview
from padu.services.models import Application, ServiceVersion, VersionStatus
from padu.services.permissions import can_make, can_manage_services, step_role
from padu.services.selectors import (
    application_file_for,
    application_files,
    application_for_staff_view,
    application_history,
    inbox,
    on_time_figures,
    service_charter_for,
    service_version_for,
    service_versions_for,
)
from padu.services.services import (
    application_act,
    service_charter_save,
    service_create,
    service_new_draft,
    service_publish,
    service_publish_check,
    service_retire,
    service_version_update,
)
from padu.services.standard import COMPONENTS, missing_components, requirement_rows, standard_context
from padu.services.uploads import file_response
from padu.services.web.applyform import AnswersForm, answer_rows, file_label
from padu.services.web.forms import (
    LetterNumberingForm,
    LetterTemplateForm,
    ServiceCharterForm,
    ServiceForm,
    file_question_names,
    initial_for,
    requirement_rows_for,
    rows_fit,
)
from padu.services.workflow import Who, allowed_actions

# ---- casework ----

STAFF_ACTIONS = ("approve", "return", "reject", "refer")


class InboxFilterForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Tracking number or applicant's name"), required=False, max_length=100)
    overdue = forms.BooleanField(label=gettext_lazy("Only overdue cases"), required=False)
    order = forms.ChoiceField(
        label=gettext_lazy("Sort by"),
        required=False,
        choices=[
            ("due", gettext_lazy("Due date, soonest first")),
            ("-due", gettext_lazy("Due date, latest first")),
            ("new", gettext_lazy("Newest first")),
        ],
    )


class DecisionForm(forms.Form):
    action = forms.ChoiceField(choices=[(a, a) for a in STAFF_ACTIONS])
    note = forms.CharField(required=False, max_length=2000)
    to_agency = forms.IntegerField(required=False)
    # Signing the letter (approving the last step of a service with a letter) is confirmed.
    confirm = forms.BooleanField(required=False)


@console_view
def inbox_page(request: HttpRequest, actor: Actor, agency_id: int) -> HttpResponse:
    form = InboxFilterForm(request.GET)
    data = form.cleaned_data if form.is_valid() else {}
    box = inbox(
        actor,
        agency_id,
        search=data.get("q", ""),
        overdue_only=bool(data.get("overdue")),
        order=data.get("order") or "due",
    )
    tz, now = box.agency.time_zone, timezone.now()
    rows = [_inbox_row(a, tz, now) for a in box.rows]
    return render(
        request,
        "services/console/inbox.html",
        console_context(request, actor, box.agency, section="inbox", form=form, box=box, rows=rows),
    )


def _inbox_row(a: Application, tz: str, now: dt.datetime) -> SafeString:
    """One inbox row, rendered once per worker for as long as what it shows stays the same."""
    applicant = a.applicant.full_name or str(a.applicant)
    overdue = a.due_at is not None and a.due_at < now
    shows = (
        a.pk,
        a.tracking_number,
        a.service_version.name,
        applicant,
        step_role(a),
        a.due_at,
        overdue,
        a.paused_working_days,
        tz,
    )
    context = {"a": a, "applicant": applicant, "overdue": overdue, "tz": tz}
    return remembered("services/console/inbox_row.html", context, shows)


def _staff_actions(actor: Actor, application: Application) -> list[str]:
    return [
        t.action
        for t in allowed_actions(application.status)
        if t.who is Who.STEP_ROLE and can_make(actor, application, t)
    ]


def _refer_targets(agency: Agency) -> list[Agency]:
    """The parent agency and its other children (siblings)."""
    parent = agency.parent
    if parent is None:
        return list(agency_children(agency))
    return [parent, *[a for a in agency_children(parent) if a.pk != agency.pk]]


@console_view
def case_page(request: HttpRequest, actor: Actor, agency_id: int, application_id: int) -> HttpResponse:
    application = application_for_staff_view(actor, application_id)
    agency = agency_get_for(actor, agency_id)
    actions = _staff_actions(actor, application)
    targets = _refer_targets(application.agency) if "refer" in actions else []
    if not targets and "refer" in actions:
        actions.remove("refer")  # no office to refer to
    errors: dict[str, str] = {}
    failed_action = ""
    # Approving this step signs the service's letter: the signer reads it first and confirms.
    signing = signing_preview(actor, application) if "approve" in actions else None
    if request.method == "POST":
        form = DecisionForm(request.POST)
        if form.is_valid() and form.cleaned_data["action"] in actions:
            action = form.cleaned_data["action"]
            to_agency = next((a for a in targets if a.pk == form.cleaned_data.get("to_agency")), None)
            try:
                if action == "approve" and signing is not None and not form.cleaned_data.get("confirm"):
                    raise InvalidInput(_("Tick the box to confirm that you have read the letter and sign it."))
                application = application_act(
                    actor=actor,
                    application=application,
                    action=action,
                    note=form.cleaned_data.get("note") or "",
                    to_agency=to_agency,
                )
            except (InvalidInput, Conflict) as exc:
                failed_action = action
                errors[action] = str(exc.message)
            except PaduError:
                raise
            else:
                if action == "approve" and application.document is not None:
                    done = _("Letter %(letter)s signed: application %(number)s is complete.") % {
                        "letter": application.document.number,
                        "number": application.tracking_number,
                    }
                else:
                    done = _DONE.get(action, _("Done.")) % {"number": application.tracking_number}
                messages.success(request, done)
                return redirect("portal:console_inbox")
        else:
            failed_action = str(request.POST.get("action", ""))
            errors[failed_action] = _("This action is not available for this case.")
    context: dict[str, Any] = {
        "application": application,
        "version": application.service_version,
        "answers": answer_rows(application.service_version.form, application.answers),
        "files": [
            {"file": f, "label": file_label(application.service_version.form, f.field)}
            for f in application_files(application)
        ],
        "history": application_history(application),
        "actions": actions,
        "targets": targets,
        "errors": errors,
        "failed_action": failed_action,
        "posted_note": request.POST.get("note", "") if request.method == "POST" else "",
        "step_role": step_role(application),
        "tz": application.agency.time_zone,
        "now": timezone.now(),
        "signing": signing,
    }
    response = render(
        request, "services/console/case.html", console_context(request, actor, agency, section="inbox", **context)
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
def case_file(request: HttpRequest, file_id: int) -> FileResponse:
    """A document of a case, for the staff who may read it; the look is recorded for the applicant."""
    return file_response(application_file_for(actor_from_request(request), file_id))


_DONE = {
    "approve": gettext_lazy("Application %(number)s approved."),
    "return": gettext_lazy("Application %(number)s returned to the applicant."),
    "reject": gettext_lazy("Application %(number)s rejected."),
    "refer": gettext_lazy("Application %(number)s referred."),
}


# ---- service and letter editors ----


def _services_admin(actor: Actor, agency_id: int) -> Agency:
    agency = agency_get_for(actor, agency_id)
    if not can_manage_services(actor, agency.pk):
        raise Forbidden()
    return agency


def _letters_admin(actor: Actor, agency_id: int) -> Agency:
    agency = agency_get_for(actor, agency_id)
    if not can_edit_templates(actor, agency):
        raise Forbidden()
    return agency


def _page(request: HttpRequest, actor: Actor, agency: Agency, page_name: str, **extra: Any) -> HttpResponse:
    response = render(request, f"services/console/{page_name}", console_context(request, actor, agency, **extra))
    response["Cache-Control"] = "no-store"
    return response


# ---- services ----


@console_view
def service_list(request: HttpRequest, actor: Actor, agency_id: int) -> HttpResponse:
    agency = _services_admin(actor, agency_id)
    services: dict[int, dict[str, Any]] = {}
    for version in service_versions_for(actor, agency.pk):
        entry = services.setdefault(version.service_id, {"service": version.service, "versions": []})
        entry["versions"].append(version)
    rows = []
    for entry in services.values():
        versions = entry["versions"]
        entry["draft"] = next((v for v in versions if v.status == VersionStatus.DRAFT), None)
        entry["published"] = next((v for v in versions if v.status == VersionStatus.PUBLISHED), None)
        entry["latest"] = versions[0]
        if entry["draft"] is not None:  # how much of the standard the draft has (publishing needs all)
            entry["components"] = len(COMPONENTS) - len(missing_components(entry["draft"]))
        rows.append(entry)
    rows.sort(key=lambda e: e["latest"].name.lower())
    on_time = on_time_figures(agency_slug=agency.slug)
    return _page(request, actor, agency, "list.html", section="services", rows=rows, on_time=on_time)


def _save_service(
    request: HttpRequest, actor: Actor, agency: Agency, form: ServiceForm, version: ServiceVersion | None
) -> ServiceVersion | None:
    """Save the posted editor through the service; on a domain error place it and return None."""
    if not form.is_valid():
        return None
    try:
        fields = form.version_fields(version.form if version is not None else None)
    except forms.ValidationError as exc:
        form.add_error(None, exc)
        return None
    try:
        if version is None:
            return service_create(actor=actor, agency=agency, **fields)
        return service_version_update(actor=actor, version=version, **fields)
    except (Forbidden, NotFound):
        raise
    except PaduError as exc:
        form.place_errors(exc.errors, str(exc.message))
        return None


def _publish_check_url(version: ServiceVersion) -> str:
    return reverse("portal:console_service_edit", args=[version.pk]) + "?check=publish"


def _editor(request: HttpRequest, actor: Actor, agency: Agency, version: ServiceVersion | None) -> HttpResponse:
    """The service editor, in four sections (basics, standard, form, workflow and letter).
    `?check=publish` shows what keeps the draft from being published, on its fields."""
    wants_json = request.GET.get("mode") == "json"
    fits = version is None or rows_fit(version.form)
    json_mode = wants_json or not fits
    rows = requirement_rows_for(version)
    initial = initial_for(version) if version is not None else {"fee_kind": "free", "completion_days": 5}
    if request.method == "POST":
        form = ServiceForm(request.POST, json_mode=json_mode, requirement_rows=rows)
        saved = _save_service(request, actor, agency, form, version)
        if saved is not None:
            if "publish" not in request.POST:
                messages.success(request, _("The draft of “%(name)s” has been saved.") % {"name": saved.name})
                return redirect("portal:console_services")
            try:
                service_publish(actor=actor, version=saved)
            except InvalidInput:
                messages.warning(
                    request, _("The draft of “%(name)s” is saved but cannot be published yet.") % {"name": saved.name}
                )
                return redirect(_publish_check_url(saved) + ("&mode=json" if wants_json else ""))
            messages.success(request, _("“%(name)s” is published.") % {"name": saved.name})
            return redirect("portal:console_services")
    else:
        form = ServiceForm(initial=initial, json_mode=json_mode, requirement_rows=rows)
        if request.GET.get("check") == "publish" and version is not None:
            try:
                service_publish_check(version)
            except InvalidInput as exc:
                form.place_errors(exc.errors, str(exc.message), with_message=True)
    here = (
        reverse("portal:console_service_edit", args=[version.pk]) if version else reverse("portal:console_service_new")
    )
    return _page(
        request,
        actor,
        agency,
        "edit.html",
        section="services",
        form=form,
        version=version,
        json_mode=json_mode,
        rows_fit=fits,
        here=here,
        file_questions=file_question_names(version),
    )


@console_view
def service_new(request: HttpRequest, actor: Actor, agency_id: int) -> HttpResponse:
    agency = _services_admin(actor, agency_id)
    return _editor(request, actor, agency, None)


@console_view
def service_edit(request: HttpRequest, actor: Actor, agency_id: int, version_id: int) -> HttpResponse:
    agency = _services_admin(actor, agency_id)
    version = service_version_for(actor, agency.pk, version_id)
    if version.status == VersionStatus.DRAFT:
        return _editor(request, actor, agency, version)
    has_draft = service_versions_for(actor, agency.pk).filter(service_id=version.service_id, status=VersionStatus.DRAFT)
    return _page(
        request,
        actor,
        agency,
        "view.html",
        section="services",
        version=version,
        has_draft=has_draft.exists(),
        fields=[(f.get("name"), f.get("type"), text_in(f.get("label"))) for f in version.form.get("fields", [])],
        form_json=initial_for(version)["form_json"],
        **standard_context(version),
    )


@console_view
def service_preview(request: HttpRequest, actor: Actor, agency_id: int, version_id: int) -> HttpResponse:
    agency = _services_admin(actor, agency_id)
    version = service_version_for(actor, agency.pk, version_id)
    return _page(
        request,
        actor,
        agency,
        "preview.html",
        section="services",
        version=version,
        form=AnswersForm(version.form),
        requirements=requirement_rows(version),
    )


def _version_action(request: HttpRequest, actor: Actor, agency_id: int, version_id: int, action: str) -> HttpResponse:
    agency = _services_admin(actor, agency_id)
    version = service_version_for(actor, agency.pk, version_id)
    try:
        if action == "publish":
            service_publish(actor=actor, version=version)
            messages.success(request, _("“%(name)s” is published.") % {"name": version.name})
        elif action == "new_draft":
            draft = service_new_draft(actor=actor, service=version.service)
            messages.success(request, _("A new draft (version %(n)s) has been made.") % {"n": draft.number})
            return redirect("portal:console_service_edit", draft.pk)
        else:
            service_retire(actor=actor, service=version.service)
            messages.success(request, _("“%(name)s” is no longer offered.") % {"name": version.name})
    except (Forbidden, NotFound):
        raise
    except InvalidInput as exc:
        if action == "publish":  # the editor shows what is missing, on its fields
            messages.warning(request, _("“%(name)s” cannot be published yet.") % {"name": version.name})
            return redirect(_publish_check_url(version))
        messages.error(request, " ".join([str(exc.message), *[m for msgs in exc.errors.values() for m in msgs]]))
    except PaduError as exc:
        problems = [m for msgs in exc.errors.values() for m in msgs]
        messages.error(request, " ".join([str(exc.message), *problems]))
    return redirect("portal:console_services")


@console_view
@require_POST
def service_publish_view(request: HttpRequest, actor: Actor, agency_id: int, version_id: int) -> HttpResponse:
    return _version_action(request, actor, agency_id, version_id, "publish")


@console_view
@require_POST
def service_new_draft_view(request: HttpRequest, actor: Actor, agency_id: int, version_id: int) -> HttpResponse:
    return _version_action(request, actor, agency_id, version_id, "new_draft")


@console_view
@require_POST
def service_retire_view(request: HttpRequest, actor: Actor, agency_id: int, version_id: int) -> HttpResponse:
    return _version_action(request, actor, agency_id, version_id, "retire")


# ---- the service charter (maklumat pelayanan) ----


@console_view
def service_charter_page(request: HttpRequest, actor: Actor, agency_id: int) -> HttpResponse:
    """The agency administrator publishes the office's service charter (UU 25/2009 Pasal 22)."""
    agency = _services_admin(actor, agency_id)
    charter = service_charter_for(actor, agency.pk)
    if request.method == "POST":
        form = ServiceCharterForm(request.POST)
        if form.is_valid():
            try:
                service_charter_save(actor=actor, agency=agency, **form.values())
            except (Forbidden, NotFound):
                raise
            except PaduError as exc:
                apply_error(form, None, exc)
            else:
                messages.success(request, _("The service charter is published."))
                return redirect("portal:console_service_charter")
    elif charter is not None:
        form = ServiceCharterForm(
            initial={
                "text": charter.text,
                "signed_by_name": charter.signed_by_name,
                "signed_by_title": charter.signed_by_title,
                "published_on": charter.published_on,
            }
        )
    else:
        form = ServiceCharterForm(initial={"text": CHARTER_TEXT})
    return _page(request, actor, agency, "charter.html", section="charter", form=form, charter=charter)


# The wording most offices use (PermenPANRB 15/2014), offered for a first charter.
CHARTER_TEXT = (
    "Dengan ini, kami menyatakan sanggup menyelenggarakan pelayanan sesuai standar pelayanan yang telah "
    "ditetapkan dan apabila tidak menepati janji ini, kami siap menerima sanksi sesuai peraturan "
    "perundang-undangan yang berlaku."
)


# ---- letter templates ----


def _numbering_form(agency: Agency, data: Any = None) -> forms.Form:
    return LetterNumberingForm(data, initial={"scope": agency_scope(agency)})


@console_view
def letter_list(request: HttpRequest, actor: Actor, agency_id: int) -> HttpResponse:
    agency = _letters_admin(actor, agency_id)
    form = _numbering_form(agency, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            letter_numbering_set(actor=actor, agency=agency, scope=form.cleaned_data["scope"])
        except (Forbidden, NotFound):
            raise
        except PaduError as exc:
            apply_error(form, None, exc)
        else:
            messages.success(request, _("How letters are numbered has been saved."))
            return redirect("portal:console_letters")
    return _page(
        request,
        actor,
        agency,
        "letters.html",
        section="letters",
        templates=letter_templates_for(actor, agency.pk),
        numbering_form=form,
        next_numbers=_next_numbers(agency),
    )


def _next_numbers(agency: Agency) -> list[tuple[str, str]]:
    """Each kind's next letter number as it stands (nothing is taken). PPID registers keep
    counters of their own (padu.ppid), so their kinds are not letters of the agenda."""
    return [
        (p.kind, number_peek(agency=agency, kind=p.kind) or "")
        for p in agency.number_patterns.order_by("kind")
        if not p.kind.startswith("ppid-")
    ]


def _known_paths(placeholders: list[Placeholder]) -> list[str]:
    return [p.path for p in placeholders]


def _letter_editor(request: HttpRequest, actor: Actor, agency: Agency, template: LetterTemplate | None) -> HttpResponse:
    """The letter editor. The body is written as plain paragraphs with placeholders picked
    from a list, or as HTML (a switch for experts). Without JavaScript, "Insert" adds the
    chosen placeholder at the end of the body and "Switch" converts the body; neither saves."""
    kind = (request.POST.get("kind") if request.method == "POST" else None) or (template.kind if template else "")
    placeholders = letter_placeholders(
        service_versions_for(actor, agency.pk).filter(document_kind=kind) if kind else ()
    )
    mode = request.POST.get("body_format") if request.method == "POST" else None
    if mode not in BodyFormat.values:
        mode = template.body_format if template is not None else BodyFormat.TEXT
    if request.method == "POST":
        do = request.POST.get("do", "save")
        data = request.POST.copy()
        if do == "insert":
            data["body"] = _with_placeholder(data.get("body", ""), data.get("placeholder", ""), placeholders)
            return _letter_page(request, actor, agency, template, _unsaved(data, placeholders, mode), placeholders)
        if do == "switch":
            form, mode = _switched(data, placeholders, mode)
            return _letter_page(request, actor, agency, template, form, placeholders)
        form = _letter_form(data, placeholders, mode)
        if form.is_valid():
            try:
                saved = letter_template_save(
                    actor=actor,
                    agency=agency,
                    kind=form.cleaned_data["kind"],
                    name=form.cleaned_data["name"],
                    body=form.cleaned_data["body"],
                    body_format=mode,
                    placeholders=_known_paths(placeholders),
                )
            except (Forbidden, NotFound):
                raise
            except PaduError as exc:
                apply_error(form, None, exc)
            else:
                messages.success(
                    request, _("Version %(n)s of “%(name)s” has been saved.") % {"n": saved.version, "name": saved.name}
                )
                return redirect("portal:console_letters")
        return _letter_page(request, actor, agency, template, form, placeholders)
    if template is not None:
        body = template.body_text if template.body_format == BodyFormat.TEXT else template.body
        initial = {"name": template.name, "kind": template.kind, "body": body, "body_format": mode}
    else:
        initial = {"body_format": mode}
    form = LetterTemplateForm(initial=initial, placeholders=placeholders, mode=mode)
    return _letter_page(request, actor, agency, template, form, placeholders)


def _letter_form(data: Any, placeholders: list[Placeholder], mode: str) -> LetterTemplateForm:
    data["body_format"] = mode
    return LetterTemplateForm(data, placeholders=placeholders, mode=mode)


def _unsaved(data: Any, placeholders: list[Placeholder], mode: str) -> LetterTemplateForm:
    """The editor as posted, not checked (inserting or switching saves nothing)."""
    initial = {key: data.get(key, "") for key in ("name", "kind", "body")}
    return LetterTemplateForm(initial={**initial, "body_format": mode}, placeholders=placeholders, mode=mode)


def _body_problem(data: Any, placeholders: list[Placeholder], mode: str, error: PaduError | str) -> LetterTemplateForm:
    """The editor as posted with one problem on its body (and no complaint about the rest)."""
    form = _letter_form(data, placeholders, mode)
    form.is_valid()
    form.errors.clear()  # only the body's problem is shown
    if isinstance(error, PaduError):
        apply_error(form, None, error)
    else:
        form.add_error("body", error)
    return form


def _with_placeholder(body: str, path: str, placeholders: list[Placeholder]) -> str:
    chosen = next((p for p in placeholders if p.path == path), None)
    if chosen is None:
        return body
    glue = "" if not body or body.endswith((" ", "\n")) else " "
    return f"{body}{glue}{chosen.token}"


def _switched(data: Any, placeholders: list[Placeholder], mode: str) -> tuple[LetterTemplateForm, str]:
    """The body converted to the other way of writing it; the same page with the problem on
    the body when it cannot be (text with a problem, HTML the plain editor cannot show)."""
    body = str(data.get("body", ""))
    converted: str | None
    if mode == BodyFormat.TEXT:
        try:
            converted = text_to_body(body, _known_paths(placeholders)) if body.strip() else ""
        except InvalidInput as exc:
            return _body_problem(data, placeholders, mode, exc), mode
        target = BodyFormat.HTML
    else:
        converted = body_to_text(body) if body.strip() else ""
        target = BodyFormat.TEXT
        if converted is None:
            problem = _(
                "This letter uses HTML that the plain-text editor cannot show (tables, tags or styles): "
                "keep editing it as HTML."
            )
            return _body_problem(data, placeholders, mode, problem), mode
    data["body"] = converted
    return _unsaved(data, placeholders, target), target


def _letter_page(
    request: HttpRequest,
    actor: Actor,
    agency: Agency,
    template: LetterTemplate | None,
    form: LetterTemplateForm,
    placeholders: list[Placeholder],
) -> HttpResponse:
    mode = form["body_format"].value() or BodyFormat.TEXT
    return _page(
        request,
        actor,
        agency,
        "letter_edit.html",
        section="letters",
        form=form,
        template=template,
        placeholders=placeholders,
        text_mode=mode == BodyFormat.TEXT,
    )


@console_view
def letter_new(request: HttpRequest, actor: Actor, agency_id: int) -> HttpResponse:
    agency = _letters_admin(actor, agency_id)
    return _letter_editor(request, actor, agency, None)


@console_view
def letter_edit(request: HttpRequest, actor: Actor, agency_id: int, kind: str) -> HttpResponse:
    agency = _letters_admin(actor, agency_id)
    return _letter_editor(request, actor, agency, letter_template_for(actor, agency.pk, kind))


def _sample_context(actor: Actor, agency: Agency, kind: str) -> dict[str, Any]:
    """Made-up data for a preview; the answers follow a service that issues this kind."""
    version = service_versions_for(actor, agency.pk).filter(document_kind=kind).first()
    answers = {
        str(f.get("name")): f"[{text_in(f.get('label'))}]"
        for f in (version.form.get("fields", []) if version is not None else [])
    }
    signer = agency_staff(actor, agency.pk).filter(role=Role.SIGNER, is_active=True).first()
    return {
        "pemohon": {
            "nama": "Budi Santoso",
            "nik": "3204050101900001",
            "nik_samaran": "3204********0001",
            "alamat": "Jl. Contoh No. 1, RT 001/RW 002",
            "tempat_lahir": "Bandung",
            "tanggal_lahir": "1 Januari 1990",
            "jenis_kelamin": "Laki-laki",
        },
        "jawaban": answers,
        "layanan": version.name if version is not None else "",
        "nomor_permohonan": "CONTOH-000",
        "jumlah": 150000,
        "penandatangan": {
            "nama": signer.user.full_name if signer else "Nama Penandatangan",
            "jabatan": (signer.position if signer else "") or "Jabatan Penandatangan",
            "nip": signer.employee_number if signer else "",
        },
    }


@console_view
def letter_preview(request: HttpRequest, actor: Actor, agency_id: int, kind: str) -> HttpResponse:
    agency = _letters_admin(actor, agency_id)
    template = letter_template_for(actor, agency.pk, kind)
    pdf = letter_preview_pdf(actor=actor, template=template, sample_context=_sample_context(actor, agency, kind))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="pratinjau-{template.kind}.pdf"'
    response["Cache-Control"] = "private, no-store"
    return response
