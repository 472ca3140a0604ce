"""The counter (loket) pages of the staff console: a front-desk officer serves a walk-in
citizen who has no account or no email. Find them by NIK (the citizen look-up, logged for
the citizen) or register a light profile, fill the service form for them, print the receipt,
and later hand the letter over. Thin: parse, call a service or selector, render.

Only the front desk of the console's active agency uses these pages (403 for other staff);
another agency's cases are 404. The birth-date confirmation is open to the agency
administrator too (padu.accounts decides).
"""

from __future__ import annotations

from typing import Any

import segno
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from padu.accounts.selectors import citizen_found_profile, citizen_profile_of
from padu.accounts.services import citizen_birth_date_confirm, citizen_walk_in_register
from padu.accounts.web import citizen_lookup_on_form
from padu.core.actors import Actor, actor_from_request
from padu.core.errors import Forbidden, NotFound, PaduError
from padu.core.selectors import agency_get_for
from padu.core.web.console import active_agency_id, console_context, console_view
from padu.core.web.forms import apply_error
from padu.core.web.regionpicker import build_picker
from padu.documents.responses import pdf_response
from padu.documents.subjects import letter_download_record
from padu.services.counter import (
    application_hand_over,
    counter_application,
    counter_applications_of,
    counter_apply,
    counter_desk,
    counter_fee_bill,
    counter_find_number,
    counter_ready,
    counter_receipt_record,
    counter_service,
    counter_services,
    handed_over_event,
)
from padu.services.models import ApplicationStatus
from padu.services.permissions import counter_membership
from padu.services.register import register_facts, register_panel, register_prefill
from padu.services.selectors import application_document, application_files
from padu.services.web.applyform import AnswersForm, file_label

NIK_ATTRS = {"inputmode": "numeric", "autocomplete": "off", "spellcheck": "false"}


class CounterFindForm(forms.Form):
    nik = forms.CharField(
        label=gettext_lazy("NIK"),
        max_length=24,
        help_text=gettext_lazy("16 digits, from the person's KTP or family card."),
        widget=forms.TextInput(attrs=NIK_ATTRS),
    )
    purpose = forms.CharField(
        label=gettext_lazy("Purpose"),
        max_length=200,
        help_text=gettext_lazy("The service you provide, e.g. a domicile letter. The citizen will see it."),
    )


class CounterNumberForm(forms.Form):
    nomor = forms.CharField(
        label=gettext_lazy("Tracking number"),
        max_length=20,
        help_text=gettext_lazy("From the person's receipt, e.g. K7M3-9QXC-B."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}),
    )


class WalkInForm(forms.Form):
    """A light profile: what is on the KTP, and a phone number if the person has one."""

    nik = forms.CharField(label=gettext_lazy("NIK"), max_length=24, widget=forms.TextInput(attrs=NIK_ATTRS))
    name = forms.CharField(
        label=gettext_lazy("Full name"), max_length=150, help_text=gettext_lazy("As written on the KTP.")
    )
    birth_place = forms.CharField(label=gettext_lazy("Place of birth"), max_length=100)
    birth_date = forms.DateField(
        label=gettext_lazy("Date of birth"),
        help_text=gettext_lazy("For example 17/08/1990."),
        input_formats=["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    street = forms.CharField(
        label=gettext_lazy("Street address, RT/RW"),
        max_length=250,
        help_text=gettext_lazy("For example Jl. Merdeka No. 5, RT 002/RW 003."),
    )
    phone = forms.CharField(
        label=gettext_lazy("Mobile phone"),
        max_length=20,
        required=False,
        help_text=gettext_lazy("Optional, to tell the person when the letter is ready, e.g. 0812 3456 7890."),
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "off"}),
    )


class BirthDateConfirmForm(forms.Form):
    evidence = forms.CharField(
        label=gettext_lazy("Document you checked"),
        max_length=300,
        help_text=gettext_lazy("E.g. the corrected birth certificate (akta kelahiran) and its number."),
    )


class HandOverForm(forms.Form):
    received_by = forms.CharField(
        label=gettext_lazy("Received by"),
        max_length=150,
        help_text=gettext_lazy("The name of the person who takes the letter: the applicant or someone they sent."),
    )


def _no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    return response


@console_view
@require_http_methods(["GET", "POST"])
def counter_home(request: HttpRequest, actor: Actor, agency_id: int) -> HttpResponse:
    agency, _membership = counter_desk(actor, agency_id)
    find = CounterFindForm(request.POST if request.method == "POST" else None)
    number = CounterNumberForm(request.GET if "nomor" in request.GET else None)
    status = 200
    if find.is_bound and find.is_valid():
        profile, status = citizen_lookup_on_form(find, actor, agency.pk)
        if profile is not None:
            return redirect("portal:console_counter_citizen", user_id=profile.user_id)
    if number.is_bound and number.is_valid():
        try:
            found = counter_find_number(actor, agency.pk, number.cleaned_data["nomor"])
        except NotFound as exc:
            number.add_error("nomor", str(exc.message))
        else:
            return redirect("portal:console_counter_handover", application_id=found.pk)
    context = console_context(
        request, actor, agency, section="counter", find=find, number=number, ready=counter_ready(agency)
    )
    return _no_store(render(request, "services/console/counter_home.html", context, status=status))


@console_view
@require_http_methods(["GET", "POST"])
def counter_register(request: HttpRequest, actor: Actor, agency_id: int) -> HttpResponse:
    agency, _membership = counter_desk(actor, agency_id)
    if request.method == "POST":
        form = WalkInForm(request.POST)
        picker = build_picker(request.POST)
        if "choose_region" in request.POST:
            form = WalkInForm(initial=request.POST.dict())  # without JavaScript: the next level
        elif form.is_valid():
            data = form.cleaned_data
            try:
                walk_in = citizen_walk_in_register(
                    actor=actor,
                    agency_id=agency.pk,
                    nik=data["nik"],
                    name=data["name"],
                    birth_place=data["birth_place"],
                    birth_date=data["birth_date"],
                    region_code=picker.village_code,
                    street=data["street"],
                    phone=data["phone"],
                )
            except PaduError as exc:
                if isinstance(exc, Forbidden):
                    raise
                apply_error(form, picker, exc)
            else:
                messages.success(
                    request,
                    _("%(name)s is registered. Choose the service to apply for.") % {"name": walk_in.profile.name},
                )
                for warning in walk_in.warnings:
                    messages.warning(request, warning.message)
                return redirect("portal:console_counter_citizen", user_id=walk_in.profile.user_id)
        elif not picker.village_code:
            picker.error = _("Choose the person's village (desa/kelurahan) from the list.")
    else:
        form = WalkInForm()
        picker = build_picker(None, initial_code=agency.region_id)
    context = console_context(request, actor, agency, section="counter", form=form, picker=picker)
    return _no_store(render(request, "services/console/counter_register.html", context))


@console_view
@require_GET
def counter_citizen(request: HttpRequest, actor: Actor, agency_id: int, user_id: int) -> HttpResponse:
    agency = agency_get_for(actor, agency_id)
    profile = citizen_found_profile(actor=actor, agency_id=agency.pk, user_id=user_id)
    front_desk = counter_membership(actor, agency.pk) is not None
    context = console_context(
        request,
        actor,
        agency,
        section="counter",
        citizen=profile,
        front_desk=front_desk,
        services=counter_services(agency) if front_desk else [],
        applications=counter_applications_of(agency, user_id),
        confirm_form=BirthDateConfirmForm(),
        tz=agency.time_zone,
    )
    return _no_store(render(request, "services/console/counter_citizen.html", context))


@console_view
@require_POST
def counter_birth_date(request: HttpRequest, actor: Actor, agency_id: int, user_id: int) -> HttpResponse:
    agency = agency_get_for(actor, agency_id)
    form = BirthDateConfirmForm(request.POST)
    evidence = form.cleaned_data["evidence"] if form.is_valid() else ""
    try:
        citizen_birth_date_confirm(actor=actor, agency_id=agency.pk, user_id=user_id, evidence=evidence)
    except PaduError as exc:
        if isinstance(exc, (Forbidden, NotFound)):
            raise
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("The date of birth is confirmed."))
    return redirect("portal:console_counter_citizen", user_id=user_id)


@console_view
@require_http_methods(["GET", "POST"])
def counter_apply_page(
    request: HttpRequest, actor: Actor, agency_id: int, user_id: int, version_id: int
) -> HttpResponse:
    agency, _membership = counter_desk(actor, agency_id)
    profile = citizen_found_profile(actor=actor, agency_id=agency.pk, user_id=user_id)
    version = counter_service(agency, version_id)
    if request.method == "POST":
        form = AnswersForm(version.form, request.POST, request.FILES)
        if form.is_valid():
            try:
                application = counter_apply(
                    actor=actor,
                    version=version,
                    applicant=profile.user,
                    answers=form.answers(),
                    uploads=form.uploads(),
                    submit="submit" in request.POST,
                )
            except PaduError as exc:
                if isinstance(exc, (Forbidden, NotFound)):
                    raise
                form.place_errors(exc.errors, str(exc.message))
            else:
                if application.status == ApplicationStatus.DRAFT:
                    messages.success(request, _("The draft is saved. Continue it from the person's page."))
                    return redirect("portal:console_counter_citizen", user_id=user_id)
                messages.success(
                    request,
                    _("Application %(number)s is submitted. Print the receipt for the person.")
                    % {"number": application.tracking_number},
                )
                return redirect("portal:console_counter_receipt", application_id=application.pk)
        register = None
    else:
        # The person the officer found, as the register of the office (or a village beneath
        # it) has them: the form is filled from the register, and the read is logged.
        facts = register_facts(
            agency_id=agency.pk,
            nik=profile.nik,
            actor=actor,
            purpose=_("Counter: %(service)s") % {"service": version.name},
        )
        form = AnswersForm(
            version.form,
            answers=register_prefill(version.form, facts),
            prefill={"nik": profile.nik, "name": profile.name},
        )
        register = register_panel(facts, agency.time_zone)
    context = console_context(
        request, actor, agency, section="counter", citizen=profile, version=version, form=form, register=register
    )
    return _no_store(render(request, "services/console/counter_apply.html", context))


def _qr_svg(url: str) -> str:
    """The tracking page's address as an inline SVG QR code (no script, no image request)."""
    return str(segno.make(url, error="m").svg_inline(scale=3, border=2, dark="#1b1f24"))


@console_view
@require_GET
def counter_receipt(request: HttpRequest, actor: Actor, agency_id: int, application_id: int) -> HttpResponse:
    application = counter_application(actor, agency_id, application_id)
    if application.status == ApplicationStatus.DRAFT:
        messages.error(request, _("A draft has no receipt: submit the application first."))
        return redirect("portal:console_counter_citizen", user_id=application.applicant_id)
    counter_receipt_record(actor, application)
    profile = citizen_profile_of(application.applicant)
    track_url = request.build_absolute_uri(reverse("portal:track_status", args=[application.tracking_number]))
    definition = application.service_version.form
    context = console_context(
        request,
        actor,
        application.agency,
        section="counter",
        application=application,
        version=application.service_version,
        profile=profile,
        bill=counter_fee_bill(application),
        files=[file_label(definition, f.field) for f in application_files(application)],
        track_url=track_url,
        track_qr=_qr_svg(track_url),
        signup_url=request.build_absolute_uri(reverse("account_signup")),
        officer=actor.user,
        tz=application.agency.time_zone,
    )
    return _no_store(render(request, "services/console/counter_receipt.html", context))


@console_view
@require_http_methods(["GET", "POST"])
def counter_handover(request: HttpRequest, actor: Actor, agency_id: int, application_id: int) -> HttpResponse:
    application = counter_application(actor, agency_id, application_id)
    form = HandOverForm(
        request.POST if request.method == "POST" else None,
        initial={"received_by": application.applicant.full_name},
    )
    if form.is_bound and form.is_valid():
        try:
            application_hand_over(actor=actor, application=application, received_by=form.cleaned_data["received_by"])
        except PaduError as exc:
            if isinstance(exc, (Forbidden, NotFound)):
                raise
            apply_error(form, None, exc)
        else:
            messages.success(
                request,
                _("The letter of application %(number)s is handed over.") % {"number": application.tracking_number},
            )
            return redirect("portal:console_counter")
    context: dict[str, Any] = {
        "application": application,
        "version": application.service_version,
        "document": application.document,
        "bill": counter_fee_bill(application),
        "handed": handed_over_event(application),
        "form": form,
        "tz": application.agency.time_zone,
    }
    page = render(
        request,
        "services/console/counter_handover.html",
        console_context(request, actor, application.agency, section="counter", **context),
    )
    return _no_store(page)


@login_required
@require_GET
def counter_letter(request: HttpRequest, application_id: int) -> FileResponse:
    """The signed letter, to print at the counter; logged in the applicant's access log."""
    actor = actor_from_request(request)
    agency_id = active_agency_id(request, actor)
    if agency_id is None:
        raise Forbidden()
    application = counter_application(actor, agency_id, application_id)
    document = application_document(actor, application.pk)
    letter_download_record(actor=actor, document=document)
    return pdf_response(document)
