"""Public and account pages. Thin: parse, call a selector or service, render."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from padu.accounts.forms import BusinessProfileForm, CitizenProfileForm
from padu.accounts.permissions import has_mfa
from padu.accounts.selectors import (
    account_export,
    businesses_of,
    citizen_profile_notices,
    citizen_profile_of,
    my_access_log,
)
from padu.accounts.services import business_profile_create, citizen_profile_save
from padu.accounts.web import signed_in
from padu.core.actors import actor_from_request
from padu.core.errors import PaduError
from padu.core.manifest import account_links, agency_sections, home_tasks
from padu.core.selectors import agency_children, agency_directory, agency_public_get
from padu.core.web.forms import apply_error
from padu.core.web.regionpicker import Picker, build_picker

DIRECTORY_LIMIT = 50


def _missing_village(picker: Picker) -> None:
    """Show the region error together with the other field errors, as one summary."""
    if not picker.village_code:
        picker.error = _("Choose your village (desa/kelurahan) from the list.")


@require_GET
def language(request: HttpRequest, code: str) -> HttpResponse:
    """Switch the site's language with a plain link (no form, so public pages carry no CSRF
    token and can be shared from the cache), then go back to the page the visitor was on."""
    if code not in dict(settings.LANGUAGES):
        raise Http404(_("This language is not available."))
    target = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = "/"
    response = redirect(target)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


@dataclass(frozen=True)
class Operator:
    """Who runs this installation, from the settings (PADU_OPERATOR_NAME, PADU_CONTACT_*)."""

    name: str
    email: str
    phone: str
    address: str

    @property
    def phone_link(self) -> str:
        return "".join(ch for ch in self.phone if ch.isdigit() or ch == "+")


STATEMENTS = {"contact": "contact.html", "privacy": "privacy.html", "accessibility": "accessibility.html"}


@require_GET
def statement(request: HttpRequest, which: str) -> HttpResponse:
    """The contact, privacy and accessibility statements linked from every page's footer."""
    operator = Operator(
        name=settings.PADU_OPERATOR_NAME,
        email=settings.PADU_CONTACT_EMAIL,
        phone=settings.PADU_CONTACT_PHONE,
        address=settings.PADU_CONTACT_ADDRESS,
    )
    return render(
        request,
        f"portal/statements/{STATEMENTS[which]}",
        {"operator": operator, "contact_url": reverse("portal:statement_contact")},
    )


def home(request: HttpRequest) -> HttpResponse:
    picker = build_picker(request.GET)
    query = request.GET.get("q", "").strip()[:100]
    searched = bool(picker.selected or query)
    agencies = list(agency_directory(region_code=picker.selected_code or None, query=query)[:DIRECTORY_LIMIT])
    return render(
        request,
        "portal/home.html",
        {
            "tasks": home_tasks(),
            "picker": picker,
            "query": query,
            "searched": searched,
            "agencies": agencies,
            "limit": DIRECTORY_LIMIT,
        },
    )


@require_GET
def region_picker(request: HttpRequest) -> HttpResponse:
    """The picker as a fragment, for HTMX: re-rendered each time a level changes."""
    picker = build_picker(request.GET)
    return render(
        request,
        "portal/includes/region_picker.html",
        {"picker": picker, "in_form": request.GET.get("in_form") == "1"},
    )


def agency_page(request: HttpRequest, slug: str) -> HttpResponse:
    agency = agency_public_get(slug)
    children = agency_children(agency)
    # Each app's block of the page (its manifest's agency_sections), rendered in order.
    sections = [render_to_string(template, context, request) for template, context in agency_sections(agency)]
    return render(request, "portal/agency.html", {"agency": agency, "children": children, "sections": sections})


@login_required
def account(request: HttpRequest) -> HttpResponse:
    user = request.user
    context: dict[str, Any] = {
        "profile": citizen_profile_of(user),
        "businesses": businesses_of(user),
        "accesses": my_access_log(user)[:50],
        "has_mfa": has_mfa(user),
        "account_links": account_links(),
    }
    return render(request, "portal/account/index.html", context)


@login_required
def profile_edit(request: HttpRequest) -> HttpResponse:
    profile = citizen_profile_of(request.user)
    initial: dict[str, Any] = {}
    if profile is not None:
        initial = {
            "nik": profile.nik,
            "kk_number": profile.kk_number,
            "name": profile.name,
            "birth_place": profile.birth_place,
            "birth_date": profile.birth_date,
            "street": profile.street,
        }
    elif signed_in(request).full_name:
        initial = {"name": signed_in(request).full_name}
    if request.method == "POST":
        form = CitizenProfileForm(request.POST)
        picker = build_picker(request.POST)
        if "choose_region" in request.POST:
            # Without JavaScript, "Choose" reloads the form to show the next level.
            form = CitizenProfileForm(initial=request.POST.dict())
        elif form.is_valid():
            data = form.cleaned_data
            try:
                saved = citizen_profile_save(
                    actor=actor_from_request(request),
                    user=signed_in(request),
                    nik=data["nik"],
                    kk_number=data["kk_number"],
                    name=data["name"],
                    birth_place=data["birth_place"],
                    birth_date=data["birth_date"],
                    region_code=picker.village_code,
                    street=data["street"],
                    claim_code=data["claim_code"],
                )
            except PaduError as exc:
                apply_error(form, picker, exc)
            else:
                messages.success(request, _("Your profile has been saved."))
                for notice in citizen_profile_notices(saved):  # accepted, but worth knowing
                    messages.warning(request, notice.message)
                return redirect("portal:account")
        else:
            _missing_village(picker)
    else:
        form = CitizenProfileForm(initial=initial)
        picker = build_picker(request.GET, initial_code=profile.region_id if profile else "")
    return render(request, "portal/account/profile_form.html", {"form": form, "picker": picker, "profile": profile})


@login_required
def business_new(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = BusinessProfileForm(request.POST)
        picker = build_picker(request.POST)
        if "choose_region" in request.POST:
            form = BusinessProfileForm(initial=request.POST.dict())
        elif form.is_valid():
            data = form.cleaned_data
            try:
                business_profile_create(
                    actor=actor_from_request(request),
                    name=data["name"],
                    nib=data["nib"],
                    npwp=data["npwp"],
                    legal_form=data["legal_form"],
                    region_code=picker.village_code,
                    street=data["street"],
                )
            except PaduError as exc:
                apply_error(form, picker, exc)
            else:
                messages.success(request, _("The business has been added."))
                return redirect("portal:account")
        else:
            _missing_village(picker)
    else:
        form = BusinessProfileForm()
        picker = build_picker(request.GET)
    return render(request, "portal/account/business_form.html", {"form": form, "picker": picker})


@login_required
def account_export_view(request: HttpRequest) -> HttpResponse:
    data = account_export(signed_in(request))
    response = HttpResponse(
        json.dumps(data, indent=2, ensure_ascii=False, default=str), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="padu-data-saya.json"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def mfa_required(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/account/mfa_required.html")
