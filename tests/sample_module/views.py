"""The notice board's pages: built only from the kits (padu.core.web) and its own services."""

from __future__ import annotations

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from padu.core.actors import Actor
from padu.core.errors import Forbidden, NotFound, PaduError
from padu.core.selectors import agency_get_for, agency_public_get
from padu.core.web.console import console_context, console_view
from padu.core.web.forms import apply_error
from tests.sample_module.models import Notice
from tests.sample_module.services import notice_post


class NoticeForm(forms.Form):
    title = forms.CharField(max_length=200)


def board(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        agency = agency_public_get(slug)
    except NotFound as exc:
        raise Http404 from exc
    notices = Notice.objects.filter(agency=agency)[:50]
    return render(request, "sample/board.html", {"agency": agency, "notices": notices})


@console_view
def console_board(request: HttpRequest, actor: Actor, agency_id: int) -> HttpResponse:
    agency = agency_get_for(actor, agency_id)
    form = NoticeForm()
    if request.method == "POST":
        form = NoticeForm(request.POST)
        if form.is_valid():
            try:
                notice_post(actor=actor, agency=agency, title=form.cleaned_data["title"])
            except Forbidden:
                raise
            except PaduError as exc:
                apply_error(form, None, exc)
            else:
                return redirect("portal:sample_console")
    notices = Notice.objects.filter(agency=agency)[:50]
    context = console_context(request, actor, agency, section="sample", form=form, notices=notices)
    return render(request, "sample/console.html", context)
