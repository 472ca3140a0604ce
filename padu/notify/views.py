"""The in-app inbox pages. Thin: a selector, maybe a service, a template."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from padu.core.actors import actor_from_request
from padu.notify import selectors, services


@login_required
@require_GET
def inbox(request: HttpRequest) -> HttpResponse:
    actor = actor_from_request(request)
    page = Paginator(selectors.my_messages(actor), 25).get_page(request.GET.get("page"))
    return render(request, "notify/inbox.html", {"page": page, "unread": selectors.my_unread_count(actor)})


@login_required
@require_GET
def message_detail(request: HttpRequest, message_id: int) -> HttpResponse:
    """Opening a message marks it read."""
    actor = actor_from_request(request)
    message = selectors.my_message_get(actor, message_id)  # NotFound: a 404 page (padu.core.web.errors)
    message = services.message_mark_read(actor=actor, message=message)
    return render(request, "notify/message.html", {"message": message})
