"""Accounts linked to residents: the register officer's page (confirm, refuse, unlink) and
the citizen's own register record. Thin: parse, call a service or selector, render."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from padu.accounts.web import signed_in
from padu.core.actors import Actor
from padu.core.errors import Conflict, InvalidInput
from padu.core.models import Agency
from padu.core.selectors import agency_get_for
from padu.core.web.console import console_context, console_view
from padu.registries.linking import link_candidates, link_confirm, link_refuse, link_remove, linked_residents
from padu.registries.linking import my_register_record as my_record_of
from padu.registries.services import require_keeper


class LinkActionForm(forms.Form):
    action = forms.ChoiceField(choices=[("confirm", "confirm"), ("refuse", "refuse"), ("unlink", "unlink")])
    resident = forms.IntegerField(min_value=1)
    user = forms.IntegerField(min_value=1, required=False)
    reason = forms.CharField(label=gettext_lazy("Reason"), required=False, max_length=1000)


def _no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    return response


@console_view
@require_http_methods(["GET", "POST"])
def registry_links(request: HttpRequest, actor: Actor, agency_id: int) -> HttpResponse:
    agency = agency_get_for(actor, agency_id)
    require_keeper(actor, agency)
    error = ""
    failed: tuple[str, int] | None = None
    if request.method == "POST":
        form = LinkActionForm(request.POST)
        if not form.is_valid():
            error = _("Choose what to do with the account.")
        else:
            data = form.cleaned_data
            try:
                error = _act(request, actor, agency, data)
            except (InvalidInput, Conflict) as exc:
                error = str(exc.message)
            if not error:
                return redirect("portal:console_registry_links")
            failed = (data["action"], data["resident"])
    context = console_context(
        request,
        actor,
        agency,
        section="registry_links",
        candidates=link_candidates(actor, agency),
        linked=linked_residents(actor, agency),
        error=error,
        failed=failed,
        tz=agency.time_zone,
    )
    status = 400 if error else 200
    return _no_store(render(request, "registries/linking/console.html", context, status=status))


def _act(request: HttpRequest, actor: Actor, agency: Agency, data: dict[str, Any]) -> str:
    """Do the action; "" when done (a message is flashed), else the problem to show."""
    action, resident_id = str(data["action"]), int(data["resident"])
    user_id = int(data["user"]) if data.get("user") else None
    reason = str(data.get("reason") or "")
    if action == "unlink":
        resident = link_remove(actor=actor, agency=agency, resident_id=resident_id, reason=reason)
        messages.success(request, _("%(name)s's account is no longer linked.") % {"name": resident.name})
        return ""
    if user_id is None:
        return _("Choose the account.")
    if action == "confirm":
        resident = link_confirm(actor=actor, agency=agency, resident_id=resident_id, user_id=user_id)
        messages.success(request, _("%(name)s's account is linked to the register.") % {"name": resident.name})
    else:
        link_refuse(actor=actor, agency=agency, resident_id=resident_id, user_id=user_id, reason=reason)
        messages.success(request, _("The match is refused; it will not be offered again."))
    return ""


@login_required
@require_GET
def my_register_record(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    record = my_record_of(user)
    return _no_store(render(request, "registries/linking/mine.html", {"record": record}))


console_urlpatterns: list[URLPattern] = [
    path("penduduk/tautan-akun/", registry_links, name="console_registry_links"),
]
public_urlpatterns: list[URLPattern] = [
    path("akun/data-kependudukan/", my_register_record, name="my_register_record"),
]
