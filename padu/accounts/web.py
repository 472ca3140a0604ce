"""Helpers for pages of every app that serve a signed-in person."""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest

from padu.accounts.errors import TooManyLookups
from padu.accounts.models import CitizenProfile, User
from padu.accounts.selectors import citizen_lookup_by_nik
from padu.core.actors import Actor
from padu.core.errors import Forbidden, PaduError
from padu.core.web.forms import apply_error


def signed_in(request: HttpRequest) -> User:
    """The logged-in person (views that call this are behind `login_required`)."""
    if not isinstance(request.user, User):
        raise PermissionDenied
    return request.user


def citizen_lookup_on_form(form: forms.Form, actor: Actor, agency_id: int) -> tuple[CitizenProfile | None, int]:
    """Look up the citizen a valid form names (`nik`, `purpose`) for an officer's page: the
    profile found, or None with the refusal on the form, and the page's status (429 after too
    many look-ups). A refusal of the officer's role itself is raised (a 403 page)."""
    try:
        profile = citizen_lookup_by_nik(
            actor=actor, agency_id=agency_id, nik=form.cleaned_data["nik"], purpose=form.cleaned_data["purpose"]
        )
    except PaduError as exc:
        if isinstance(exc, Forbidden) and exc.code != "purpose_required":
            raise
        apply_error(form, None, exc)
        return None, exc.status if isinstance(exc, TooManyLookups) else 200
    return profile, 200
