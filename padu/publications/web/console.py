"""Staff console pages for news, announcements and the JDIH register.

The agency administrator and the information officer (PPID) use them (403 for other
staff); another agency's items are 404, because the console's active agency decides which
ones can be found. Times are typed and shown in the agency's time zone.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from zoneinfo import ZoneInfo

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from padu.core.actors import Actor
from padu.core.errors import Forbidden, NotFound, PaduError
from padu.core.models import Agency
from padu.core.richtext import from_plain_text, to_plain_paragraphs
from padu.core.selectors import agency_get_for
from padu.core.web.console import console_context, console_view
from padu.core.web.forms import apply_error
from padu.publications.jdihn import document_key
from padu.publications.models import LegalDocument, NewsItem, NewsStatus
from padu.publications.permissions import can_publish
from padu.publications.selectors import (
    legal_for,
    legal_get_for,
    legal_relation_get_for,
    legal_relation_targets,
    legal_relations,
    news_for,
    news_get_for,
    news_is_public,
)
from padu.publications.services import (
    COVER_MAX_BYTES,
    LEGAL_FIELDS,
    PDF_MAX_BYTES,
    legal_publish,
    legal_relation_add,
    legal_relation_remove,
    legal_save,
    legal_unpublish,
    news_publish,
    news_save,
    news_unpublish,
)
from padu.publications.web.forms import LegalForm, NewsForm, PublishForm, RelationForm


def _publisher_agency(actor: Actor, agency_id: int) -> Agency:
    agency = agency_get_for(actor, agency_id)
    if not can_publish(actor, agency.pk):
        raise Forbidden(_("Only the agency's administrator or information officer (PPID) may publish."))
    return agency


def _page(request: HttpRequest, actor: Actor, agency: Agency, name: str, **extra: Any) -> HttpResponse:
    response = render(request, f"publications/{name}", console_context(request, actor, agency, **extra))
    response["Cache-Control"] = "no-store"
    return response


def _local(agency: Agency, day: dt.date | None, time: dt.time | None) -> dt.datetime | None:
    if day is None:
        return None
    return dt.datetime.combine(day, time or dt.time(0, 0), tzinfo=ZoneInfo(agency.time_zone))


# ---- news ----


def _pinned_until(agency: Agency, day: dt.date | None) -> dt.datetime | None:
    return _local(agency, day, dt.time(23, 59)) if day else None


def _news_initial(item: NewsItem) -> dict[str, Any]:
    tz = ZoneInfo(item.agency.time_zone)
    return {
        "kind": item.kind,
        "title": item.title,
        "summary": item.summary,
        "body": to_plain_paragraphs(item.body),
        "pinned_until_date": item.pinned_until.astimezone(tz).date() if item.pinned_until else None,
        "cover_alt": item.cover_alt,
    }


@console_view
def news_list(request: HttpRequest, actor: Actor, agency_id: int) -> HttpResponse:
    agency = _publisher_agency(actor, agency_id)
    items = list(news_for(actor, agency.pk)[:200])
    now = timezone.now()
    for item in items:
        item.state = (  # type: ignore[attr-defined]
            "draft"
            if item.status == NewsStatus.DRAFT
            else ("scheduled" if item.publish_at and item.publish_at > now else "public")
        )
    return _page(
        request, actor, agency, "console_news_list.html", section="news", items=items, tz=ZoneInfo(agency.time_zone)
    )


def _save_news(request: HttpRequest, actor: Actor, agency: Agency, item: NewsItem | None) -> NewsItem | None:
    form = NewsForm(request.POST, request.FILES)
    request.news_form = form  # type: ignore[attr-defined]
    if not form.is_valid():
        return None
    data = form.cleaned_data
    fields = {
        "kind": data["kind"],
        "title": data["title"],
        "summary": data["summary"],
        "body": from_plain_text(data["body"]),
        "pinned_until": _pinned_until(agency, data["pinned_until_date"]),
    }
    if item is not None and item.cover and not data["cover"] and not data["remove_cover"]:
        fields["cover_alt"] = data["cover_alt"]
    if data["cover"] and not data["cover_alt"].strip():
        form.add_error("cover_alt", _("Describe the image for people who cannot see it."))
        return None
    try:
        item = news_save(
            actor=actor,
            agency=agency,
            item=item,
            fields=fields,
            cover=data["cover"] or None,
            cover_alt=data["cover_alt"],
            remove_cover=bool(data["remove_cover"]),
        )
    except (Forbidden, NotFound):
        raise
    except PaduError as exc:
        apply_error(form, None, exc)
        return None
    return item


def _news_editor(request: HttpRequest, actor: Actor, agency: Agency, item: NewsItem | None) -> HttpResponse:
    if request.method == "POST":
        saved = _save_news(request, actor, agency, item)
        if saved is not None:
            messages.success(request, _("“%(title)s” has been saved.") % {"title": saved.title})
            return redirect("portal:console_news_edit", saved.pk)
        form = request.news_form  # type: ignore[attr-defined]
    else:
        form = NewsForm(initial=_news_initial(item)) if item else NewsForm()
    tz = ZoneInfo(agency.time_zone)
    now_local = timezone.now().astimezone(tz)
    return _page(
        request,
        actor,
        agency,
        "console_news_edit.html",
        section="news",
        form=form,
        item=item,
        is_public=news_is_public(item) if item else False,
        tz=tz,
        today=now_local.date().isoformat(),
        cover_limit=COVER_MAX_BYTES,
    )


@console_view
def news_new(request: HttpRequest, actor: Actor, agency_id: int) -> HttpResponse:
    return _news_editor(request, actor, _publisher_agency(actor, agency_id), None)


@console_view
def news_edit(request: HttpRequest, actor: Actor, agency_id: int, item_id: int) -> HttpResponse:
    agency = _publisher_agency(actor, agency_id)
    return _news_editor(request, actor, agency, news_get_for(actor, agency.pk, item_id))


@console_view
@require_POST
def news_publish_view(request: HttpRequest, actor: Actor, agency_id: int, item_id: int) -> HttpResponse:
    agency = _publisher_agency(actor, agency_id)
    item = news_get_for(actor, agency.pk, item_id)
    form = PublishForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write the date as day, month and year, and the time as hours and minutes."))
        return redirect("portal:console_news_edit", item.pk)
    when = _local(agency, form.cleaned_data["publish_date"], form.cleaned_data["publish_time"])
    try:
        item = news_publish(actor=actor, item=item, publish_at=when)
    except (Forbidden, NotFound):
        raise
    except PaduError as exc:
        messages.error(request, " ".join([str(exc.message), *(str(m) for v in exc.errors.values() for m in v)]))
        return redirect("portal:console_news_edit", item.pk)
    if item.publish_at and item.publish_at > timezone.now():
        local = item.publish_at.astimezone(ZoneInfo(agency.time_zone))
        messages.success(
            request,
            _("“%(title)s” will appear on %(when)s.") % {"title": item.title, "when": local.strftime("%d-%m-%Y %H:%M")},
        )
    else:
        messages.success(request, _("“%(title)s” is now public.") % {"title": item.title})
    return redirect("portal:console_news_edit", item.pk)


@console_view
@require_POST
def news_unpublish_view(request: HttpRequest, actor: Actor, agency_id: int, item_id: int) -> HttpResponse:
    agency = _publisher_agency(actor, agency_id)
    item = news_get_for(actor, agency.pk, item_id)
    try:
        news_unpublish(actor=actor, item=item)
    except (Forbidden, NotFound):
        raise
    except PaduError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("“%(title)s” is no longer public; it is a draft again.") % {"title": item.title})
    return redirect("portal:console_news_edit", item.pk)


# ---- legal documents ----


@console_view
def legal_list_view(request: HttpRequest, actor: Actor, agency_id: int) -> HttpResponse:
    agency = _publisher_agency(actor, agency_id)
    return _page(
        request,
        actor,
        agency,
        "console_legal_list.html",
        section="jdih",
        documents=list(legal_for(actor, agency.pk)[:500]),
    )


def _save_legal(
    request: HttpRequest, actor: Actor, agency: Agency, document: LegalDocument | None, form: LegalForm
) -> LegalDocument | None:
    if not form.is_valid():
        return None
    data = form.cleaned_data
    fields = {k: data[k] for k in LEGAL_FIELDS}
    fields["abstract"] = from_plain_text(fields["abstract"] or "")
    try:
        document = legal_save(actor=actor, agency=agency, document=document, fields=fields, pdf=data["pdf"] or None)
    except (Forbidden, NotFound):
        raise
    except PaduError as exc:
        apply_error(form, None, exc)
        return None
    return document


def _legal_editor(request: HttpRequest, actor: Actor, agency: Agency, document: LegalDocument | None) -> HttpResponse:
    if request.method == "POST":
        form = LegalForm(request.POST, request.FILES)
        saved = _save_legal(request, actor, agency, document, form)
        if saved is not None:
            messages.success(request, _("%(citation)s has been saved.") % {"citation": saved.citation})
            return redirect("portal:console_legal_edit", saved.pk)
    elif document is not None:
        initial = {k: getattr(document, k) for k in LEGAL_FIELDS}
        initial["abstract"] = to_plain_paragraphs(document.abstract)
        form = LegalForm(initial=initial)
    else:
        form = LegalForm(initial={"year": timezone.now().year})
    relation_form = None
    relations: list[Any] = []
    if document is not None:
        relation_form = RelationForm(targets=list(legal_relation_targets(actor, document)[:500]))
        relations = legal_relations(document, public_only=False)
    return _page(
        request,
        actor,
        agency,
        "console_legal_edit.html",
        section="jdih",
        form=form,
        document=document,
        relation_form=relation_form,
        relations=relations,
        key=document_key(document) if document else "",
        pdf_limit=PDF_MAX_BYTES,
    )


@console_view
def legal_new(request: HttpRequest, actor: Actor, agency_id: int) -> HttpResponse:
    return _legal_editor(request, actor, _publisher_agency(actor, agency_id), None)


@console_view
def legal_edit(request: HttpRequest, actor: Actor, agency_id: int, document_id: int) -> HttpResponse:
    agency = _publisher_agency(actor, agency_id)
    return _legal_editor(request, actor, agency, legal_get_for(actor, agency.pk, document_id))


def _legal_action(request: HttpRequest, actor: Actor, agency_id: int, document_id: int, action: str) -> HttpResponse:
    agency = _publisher_agency(actor, agency_id)
    document = legal_get_for(actor, agency.pk, document_id)
    try:
        if action == "publish":
            legal_publish(actor=actor, document=document)
            messages.success(request, _("%(citation)s is now public.") % {"citation": document.citation})
        else:
            legal_unpublish(actor=actor, document=document)
            messages.success(request, _("%(citation)s is no longer public.") % {"citation": document.citation})
    except (Forbidden, NotFound):
        raise
    except PaduError as exc:
        messages.error(request, " ".join([str(exc.message), *(str(m) for v in exc.errors.values() for m in v)]))
    return redirect("portal:console_legal_edit", document.pk)


@console_view
@require_POST
def legal_publish_view(request: HttpRequest, actor: Actor, agency_id: int, document_id: int) -> HttpResponse:
    return _legal_action(request, actor, agency_id, document_id, "publish")


@console_view
@require_POST
def legal_unpublish_view(request: HttpRequest, actor: Actor, agency_id: int, document_id: int) -> HttpResponse:
    return _legal_action(request, actor, agency_id, document_id, "unpublish")


@console_view
@require_POST
def legal_relation_add_view(request: HttpRequest, actor: Actor, agency_id: int, document_id: int) -> HttpResponse:
    agency = _publisher_agency(actor, agency_id)
    document = legal_get_for(actor, agency.pk, document_id)
    targets = list(legal_relation_targets(actor, document)[:500])
    form = RelationForm(request.POST, targets=targets)
    if not form.is_valid():
        messages.error(request, _("Choose the relation and the other document."))
        return redirect("portal:console_legal_edit", document.pk)
    data = form.cleaned_data
    target = next((d for d in targets if d.pk == data["target"]), None)
    try:
        legal_relation_add(
            actor=actor,
            document=document,
            kind=data["kind"],
            target=target,
            target_citation=data["target_citation"],
            note=data["note"],
        )
    except (Forbidden, NotFound):
        raise
    except PaduError as exc:
        messages.error(request, " ".join([str(exc.message), *(str(m) for v in exc.errors.values() for m in v)]))
    else:
        messages.success(request, _("The relation has been recorded."))
    return redirect("portal:console_legal_edit", document.pk)


@console_view
@require_POST
def legal_relation_remove_view(
    request: HttpRequest, actor: Actor, agency_id: int, document_id: int, relation_id: int
) -> HttpResponse:
    agency = _publisher_agency(actor, agency_id)
    relation = legal_relation_get_for(actor, agency.pk, document_id, relation_id)
    legal_relation_remove(actor=actor, relation=relation)
    messages.success(request, _("The relation has been removed."))
    return redirect("portal:console_legal_edit", document_id)
