"""The PPID request state machine: every allowed transition in one table, with who may make it.

| action            | from                                   | to                           | who                 |
|-------------------|----------------------------------------|------------------------------|---------------------|
| extend            | submitted                              | extended                     | information officer |
| decide            | submitted, extended                    | granted / partly_granted /   | information officer |
|                   |                                        | refused / not_held           |                     |
| withdraw          | submitted, extended                    | withdrawn                    | requester           |
| object            | granted, partly_granted, refused,      | objected                     | requester           |
|                   | not_held; submitted/extended once the  |                              |                     |
|                   | deadline has passed unanswered         |                              |                     |
| answer_objection  | objected                               | objection_answered           | PPID's superior     |

Extending is possible once only (`extended` has no `extend`). Time limits (the 30 working
days to object) are checked by the service, which knows the calendar.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from django.utils.translation import gettext_lazy as _

from padu.ppid.models import RequestStatus as S


class Who(Enum):
    REQUESTER = "requester"
    OFFICER = "officer"  # Role.INFORMATION_OFFICER of the agency
    SUPERIOR = "superior"  # atasan PPID: Role.AGENCY_ADMIN of the agency


@dataclass(frozen=True)
class Transition:
    action: str
    source: str
    targets: tuple[str, ...]
    who: Who
    # Only once the answer is overdue (an objection for "not answered").
    when_overdue: bool = False


DECIDED = (S.GRANTED, S.PARTLY_GRANTED, S.REFUSED, S.NOT_HELD)

TRANSITIONS: tuple[Transition, ...] = (
    Transition("extend", S.SUBMITTED, (S.EXTENDED,), Who.OFFICER),
    Transition("decide", S.SUBMITTED, DECIDED, Who.OFFICER),
    Transition("decide", S.EXTENDED, DECIDED, Who.OFFICER),
    Transition("withdraw", S.SUBMITTED, (S.WITHDRAWN,), Who.REQUESTER),
    Transition("withdraw", S.EXTENDED, (S.WITHDRAWN,), Who.REQUESTER),
    *(Transition("object", source, (S.OBJECTED,), Who.REQUESTER) for source in DECIDED),
    Transition("object", S.SUBMITTED, (S.OBJECTED,), Who.REQUESTER, when_overdue=True),
    Transition("object", S.EXTENDED, (S.OBJECTED,), Who.REQUESTER, when_overdue=True),
    Transition("answer_objection", S.OBJECTED, (S.OBJECTION_ANSWERED,), Who.SUPERIOR),
)

ACTION_LABELS = {
    "submit": _("Request received"),
    "extend": _("Time extended"),
    "decide": _("Decided"),
    "withdraw": _("Withdrawn"),
    "object": _("Objection lodged"),
    "answer_objection": _("Objection answered"),
    "upload": _("File added"),
}


def find_transition(action: str, source: str) -> Transition | None:
    return next((t for t in TRANSITIONS if t.action == action and t.source == source), None)


def allowed_actions(source: str) -> list[Transition]:
    return [t for t in TRANSITIONS if t.source == source]
