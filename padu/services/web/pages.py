"""Service pages for the public and applicants: catalogue, service standard, apply, tracking,
my applications. Thin: parse, call a selector or service, render."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from padu.accounts.selectors import citizen_profile_of
from padu.core.actors import Actor, actor_from_request
from padu.core.errors import Conflict, Forbidden, InvalidInput, NotFound, PaduError
from padu.core.tracking import normalise_tracking_number
from padu.core.web.pagecache import forget_page, shared_page
from padu.core.web.regionpicker import build_picker
from padu.documents.responses import pdf_response
from padu.services.models import Application, ApplicationStatus, Audience, Category, ServiceVersion, SurveySource
from padu.services.permissions import can_make
from padu.services.register import register_facts, register_panel, register_prefill
from padu.services.selectors import (
    TRACKING_CACHE_SECONDS,
    application_document,
    application_file_for_applicant,
    application_files,
    application_for,
    application_for_applicant,
    application_history,
    catalogue_version,
    my_applications,
    on_time_figures,
    published_service,
    published_services,
    satisfaction_public,
    service_charter_public,
    survey_done,
    tracking_status,
)
from padu.services.services import (
    application_act,
    application_apply,
    application_document_release_check,
    application_revise,
    survey_submit,
)
from padu.services.standard import requirement_rows, standard_context
from padu.services.survey import survey_source
from padu.services.uploads import file_response
from padu.services.web.applyform import AnswersForm, file_label
from padu.services.web.fees import fee_bill_context
from padu.services.web.forms import SurveyForm
from padu.services.workflow import Who, allowed_actions

CATALOGUE_LIMIT = 50
# A status page is dropped when its case moves; like the status, it lives this long at most.
TRACK_PAGE_SECONDS = TRACKING_CACHE_SECONDS


class CatalogueForm(forms.Form):
    q = forms.CharField(label=gettext_lazy("Name of the service"), required=False, max_length=100)
    category = forms.ChoiceField(
        label=gettext_lazy("Category"),
        required=False,
        choices=[("", gettext_lazy("All categories")), *Category.choices],
    )


class TrackForm(forms.Form):
    number = forms.CharField(
        label=gettext_lazy("Tracking number"),
        max_length=20,
        help_text=gettext_lazy("The number you received when you applied, e.g. K7M3-9QXC-B."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}),
    )


def catalogue(request: HttpRequest) -> HttpResponse:
    return shared_page(request, "catalogue", [catalogue_version()], lambda: _catalogue(request))


def _catalogue(request: HttpRequest) -> HttpResponse:
    form = CatalogueForm(request.GET)
    picker = build_picker(request.GET)
    data = form.cleaned_data if form.is_valid() else {}
    services = list(
        published_services(
            region_code=picker.selected_code or None, category=data.get("category") or None, query=data.get("q", "")
        )[:CATALOGUE_LIMIT]
    )
    searched = bool(picker.selected or data.get("q") or data.get("category"))
    return render(
        request,
        "services/catalogue.html",
        {"form": form, "picker": picker, "services": services, "searched": searched, "limit": CATALOGUE_LIMIT},
    )


def _version(agency_slug: str, slug: str) -> ServiceVersion:
    return published_service(agency_slug, slug)


def service_page(request: HttpRequest, agency_slug: str, slug: str) -> HttpResponse:
    version = _version(agency_slug, slug)
    audience = [str(Audience(a).label) for a in version.audience if a in Audience.values]
    satisfaction = satisfaction_public(version.service.agency, service_slug=slug)
    on_time = on_time_figures(agency_slug=agency_slug, service_slug=slug).total
    return render(
        request,
        "services/service.html",
        {
            "version": version,
            "agency": version.service.agency,
            "audience": audience,
            "satisfaction": satisfaction,
            "on_time": on_time,
            "charter": service_charter_public(version.service.agency_id),
            **standard_context(version),
        },
    )


def _prefill(request: HttpRequest) -> dict[str, str]:
    profile = citizen_profile_of(request.user)
    return {"nik": profile.nik, "name": profile.name} if profile is not None else {}


def _own_register_facts(request: HttpRequest, actor: Actor, version: ServiceVersion) -> dict[str, Any] | None:
    """The signed-in citizen's own record in the register of the service's office, once an
    officer linked their account to it (a verified citizen); else None."""
    profile = citizen_profile_of(request.user)
    if profile is None or actor.user_id is None:
        return None
    return register_facts(
        agency_id=version.service.agency_id,
        nik=profile.nik,
        actor=actor,
        purpose="letter",
        user_id=actor.user_id,
    )


def _domain_error(form: AnswersForm, exc: PaduError) -> None:
    if isinstance(exc, (Forbidden, NotFound)):
        raise exc  # a 403 or 404 page (padu.core.web.errors)
    form.place_errors(exc.errors, str(exc.message))


@login_required
def apply(request: HttpRequest, agency_slug: str, slug: str) -> HttpResponse:
    version = _version(agency_slug, slug)
    actor = actor_from_request(request)
    agency = version.service.agency
    facts = _own_register_facts(request, actor, version)
    if request.method == "POST":
        form = AnswersForm(version.form, request.POST, request.FILES)
        if form.is_valid():
            try:
                application = application_apply(
                    actor=actor,
                    version=version,
                    answers=form.answers(),
                    uploads=form.uploads(),
                    submit="submit" in request.POST,
                )
            except PaduError as exc:
                _domain_error(form, exc)
            else:
                return _after_save(request, application)
    else:
        form = AnswersForm(version.form, answers=register_prefill(version.form, facts), prefill=_prefill(request))
    return render(
        request,
        "services/apply.html",
        {
            "version": version,
            "agency": agency,
            "form": form,
            "requirements": requirement_rows(version),
            "register": register_panel(facts, agency.time_zone),
        },
    )


def _after_save(request: HttpRequest, application: Application) -> HttpResponse:
    if application.status == ApplicationStatus.DRAFT:
        messages.success(
            request,
            _("Your draft is saved. Submit it when you are ready."),
        )
    else:
        messages.success(
            request,
            _("Your application has been sent. Your tracking number is %(number)s.")
            % {"number": application.tracking_number},
        )
    return redirect("portal:my_application", application_id=application.pk)


def track(request: HttpRequest) -> HttpResponse:
    form = TrackForm(request.GET or None)
    if form.is_bound and form.is_valid():
        try:
            status = tracking_status(form.cleaned_data["number"])
        except NotFound as exc:
            form.add_error("number", str(exc.message))
        else:
            return redirect("portal:track_status", number=status.tracking_number)
    return render(request, "services/track.html", {"form": form})


def track_status(request: HttpRequest, number: str) -> HttpResponse:
    """A case's public status. The page at its canonical address is shared from the cache
    and dropped as soon as the case moves (`forget_track_status_page`)."""
    normal = normalise_tracking_number(number)
    if normal is None or number != normal or request.META.get("QUERY_STRING"):
        # Another spelling of the number, or a query: answered, not shared.
        return _track_status(request, number)
    return shared_page(request, "track_status", [], lambda: _track_status(request, number), seconds=TRACK_PAGE_SECONDS)


def _track_status(request: HttpRequest, number: str) -> HttpResponse:
    status = tracking_status(number)
    return render(request, "services/track_status.html", {"status": status})


def forget_track_status_page(number: str) -> None:
    forget_page("track_status", reverse("portal:track_status", args=[number]), [])


@login_required
def my_application_list(request: HttpRequest) -> HttpResponse:
    applications = list(my_applications(actor_from_request(request))[:100])
    return render(request, "services/my_applications.html", {"applications": applications})


def _applicant_actions(actor: Actor, application: Application) -> set[str]:
    return {
        t.action
        for t in allowed_actions(application.status)
        if t.who is Who.APPLICANT and can_make(actor, application, t)
    }


EDITABLE = (ApplicationStatus.DRAFT, ApplicationStatus.RETURNED)


@login_required
def my_application(request: HttpRequest, application_id: int) -> HttpResponse:
    actor = actor_from_request(request)
    application = application_for_applicant(actor, application_id)
    definition = application.service_version.form
    actions = _applicant_actions(actor, application)
    form = None
    if application.status in EDITABLE:
        form = AnswersForm(definition, answers=application.answers)
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "withdraw" and "withdraw" in actions:
            try:
                application_act(actor=actor, application=application, action="withdraw")
            except (Forbidden, NotFound) as exc:
                _domain_error(AnswersForm(definition), exc)
            except PaduError as exc:
                messages.error(request, str(exc.message))
            else:
                messages.success(request, _("Your application has been withdrawn."))
            return redirect("portal:my_application", application_id=application.pk)
        remove = request.POST.get("remove_file", "")
        if remove.isdigit() and application.status in EDITABLE:
            action = "save"  # the answers on the page are kept while a document is removed
        if action in ("save", "submit", "resubmit") and application.status in EDITABLE:
            form = AnswersForm(definition, request.POST, request.FILES)
            if form.is_valid():
                try:
                    application = application_revise(
                        actor=actor,
                        application=application,
                        answers=form.answers(),
                        uploads=form.uploads(),
                        remove=application_file_for_applicant(actor, int(remove)) if remove.isdigit() else None,
                        action=action if action in ("submit", "resubmit") and action in actions else None,
                    )
                except InvalidInput as exc:
                    form.place_errors(exc.errors, str(exc.message))
                except PaduError as exc:
                    _domain_error(form, exc)
                else:
                    if remove.isdigit():
                        messages.success(request, _("The document has been removed."))
                        return redirect("portal:my_application", application_id=application.pk)
                    return _after_save(request, application)
        elif form is None:
            raise Http404
    context: dict[str, Any] = {
        "application": application,
        "version": application.service_version,
        "history": application_history(application),
        "form": form,
        "actions": actions,
        "decision_note": _last_note(application),
        "submit_action": "resubmit" if application.status == ApplicationStatus.RETURNED else "submit",
        "files": [{"file": f, "label": file_label(definition, f.field)} for f in application_files(application)],
        "rated": survey_done(application),
        **fee_bill_context(application.tracking_number),
    }
    return render(request, "services/my_application.html", context)


def _last_note(application: Application) -> str:
    """The officer's reason for returning or rejecting the application."""
    actions: dict[str, str] = {ApplicationStatus.RETURNED: "return", ApplicationStatus.REJECTED: "reject"}
    action = actions.get(application.status)
    if action is None:
        return ""
    event = application_history(application).filter(action=action).order_by("-created_at", "-pk").first()
    return event.note if event is not None else ""


@login_required
def my_application_file(request: HttpRequest, file_id: int) -> FileResponse:
    """A document the applicant uploaded, back to its applicant side."""
    stored = application_file_for_applicant(actor_from_request(request), file_id)
    return file_response(stored)


@login_required
def my_application_document(request: HttpRequest, application_id: int) -> HttpResponse | FileResponse:
    """The signed letter of a completed application, for its applicant once the fee is paid."""
    actor = actor_from_request(request)
    try:
        document = application_document(actor, application_id)
        application_document_release_check(actor=actor, application=application_for_applicant(actor, application_id))
    except Conflict as exc:
        messages.error(request, str(exc.message))
        return redirect("portal:my_application", application_id=application_id)
    return pdf_response(document)


@login_required
def my_application_survey(request: HttpRequest, application_id: int) -> HttpResponse:
    """Rate a completed service on the nine SKM elements, once: the applicant online, or, for a
    case taken at the counter, a front-desk officer entering the applicant's paper questionnaire."""
    actor = actor_from_request(request)
    application = application_for(actor, application_id)
    source = survey_source(actor, application)
    if source is None:
        raise Http404
    done = (
        redirect("portal:my_application", application_id=application.pk)
        if source == SurveySource.ONLINE
        else redirect("portal:console_case", application_id=application.pk)
    )
    if survey_done(application):
        messages.info(request, _("This service has already been rated for this application. Thank you."))
        return done
    form = SurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            survey_submit(
                actor=actor,
                application=application,
                scores=form.scores(),
                comment=form.cleaned_data["comment"],
                profile=form.profile(),
            )
        except InvalidInput as exc:
            for key, problems in exc.errors.items():
                form.add_error(key if key in form.fields else None, problems)
        except PaduError as exc:
            messages.error(request, str(exc.message))
            return done
        else:
            if source == SurveySource.ONLINE:
                messages.success(request, _("Thank you. Your rating helps the office improve."))
            else:
                messages.success(request, _("The applicant's questionnaire has been recorded."))
            return done
    return render(
        request,
        "services/survey.html",
        {"application": application, "form": form, "paper": source == SurveySource.PAPER},
    )
