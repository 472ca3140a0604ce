"""Whose letter is it: the person a signed letter is about, for their access log (UU PDP).

A letter holds its subject's name, NIK, birth date and address, but `IssuedDocument` keeps
only public facts. The apps above, which issue letters about a person (services, for an
application), know whose it is: each registers a source from its AppConfig.ready(), in the
manner of `padu.accounts.export`, and a download asks them all.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from padu.core.actors import Actor
from padu.core.services import personal_data_access_record
from padu.documents.models import IssuedDocument


@dataclass(frozen=True)
class LetterSubject:
    """The person a letter is about, and which of their data it may show."""

    user_id: int
    fields: tuple[str, ...]


# Document ids → {document id: its subject} for the ones the source issued.
Source = Callable[[list[int]], dict[int, LetterSubject]]
_sources: dict[str, Source] = {}


def letter_subject_source(key: str, source: Source) -> None:
    if _sources.get(key, source) is not source:
        raise ValueError(f"Letter subject source {key!r} is already registered.")
    _sources[key] = source


def letter_subjects(document_ids: Iterable[int]) -> dict[int, LetterSubject]:
    ids = sorted(set(document_ids))
    found: dict[int, LetterSubject] = {}
    if not ids:
        return found
    for _key, source in sorted(_sources.items()):
        found.update(source(ids))
    return found


def letter_download_record(*, actor: Actor, document: IssuedDocument) -> None:
    """A staff member or another system (an API token) took a signed letter: log it in its
    subject's access log. The subject's own download is not logged."""
    subject = letter_subjects([document.pk]).get(document.pk)
    if subject is None:
        return
    personal_data_access_record(
        actor=actor,
        subject_id=subject.user_id,
        agency=document.agency,
        purpose=_("Downloading letter %(number)s") % {"number": document.number},
        fields=list(subject.fields),
    )
