from __future__ import annotations

from django.db import transaction

from padu.core.actors import Actor
from padu.core.audit import audit_record
from padu.core.errors import Forbidden, InvalidInput
from padu.core.models import Agency
from padu.core.permissions import can_manage_agency
from tests.sample_module.models import Notice


def notice_post(*, actor: Actor, agency: Agency, title: str) -> Notice:
    if not can_manage_agency(actor, agency):
        raise Forbidden("Only the agency's administrators post notices.", code="forbidden")
    title = title.strip()
    if not title:
        raise InvalidInput("Write a title.", errors={"title": ["Write a title."]}, code="title_required")
    with transaction.atomic():
        notice = Notice.objects.create(agency=agency, author=actor.user, title=title[:200])
        audit_record(actor=actor, verb="sample.notice_posted", agency=agency, obj=notice, changes={"title": title})
    return notice


def notices_export(user: object) -> list[dict[str, str]]:
    return [
        {"agency": n.agency.name, "title": n.title} for n in Notice.objects.filter(author=user).select_related("agency")
    ]
