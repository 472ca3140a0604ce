"""The applicant is the subject of the letter issued for their application (UU PDP): a
download of that letter by anyone else is logged in the applicant's access log."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from padu.core.actors import Actor
from padu.core.errors import NotFound
from padu.documents.models import IssuedDocument
from padu.documents.subjects import LetterSubject
from padu.services.models import Application

# What `services._issue_document` puts in every letter about the applicant (`pemohon.*`);
# the letter may also print any of the form's answers (`jawaban.*`).
LETTER_FIELDS = ("name", "nik", "birth_place", "birth_date", "gender", "address")


def letter_fields(answers: Any) -> tuple[str, ...]:
    return LETTER_FIELDS + (tuple(sorted(answers)) if isinstance(answers, dict) else ())


def application_letter_subjects(document_ids: list[int]) -> dict[int, LetterSubject]:
    rows = Application.objects.filter(document_id__in=document_ids).values_list(
        "document_id", "applicant_id", "answers"
    )
    return {
        document_id: LetterSubject(applicant_id, letter_fields(answers)) for document_id, applicant_id, answers in rows
    }


def application_letter_for_token(actor: Actor, application_id: int) -> IssuedDocument:
    """The letter issued for an application, for another system holding the issuing agency's
    token (the endpoint checks `documents:read`): the same letters the agency's register gives
    it (`GET /agencies/{id}/documents/{id}/pdf`), never the case itself."""
    token = actor.token
    if token is None:
        raise NotFound(_("Application not found."), code="application_not_found")
    application = Application.objects.select_related("document__agency").filter(pk=application_id).first()
    document = application.document if application is not None else None
    # A case without a letter, or another agency's, is as unknown to the token as a missing one.
    if document is None or document.agency_id != token.agency_id:
        raise NotFound(_("Application not found."), code="application_not_found")
    return document
