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
| record_objection  | as object (an objection received       | objected                     | information officer |
|                   | off-line, by letter or at the desk)    |                              |                     |
| answer_objection  | objected                               | objection_answered           | PPID's superior     |

`decide` is one step per outcome (the decisions share their names with the statuses; the
service picks the step with `target=`). Extending is possible once only (`extended` has no
`extend`). An objection to an unanswered request is open only while the answer is overdue
(`when=OVERDUE`, judged by the service); the time limits (the 30 working days to object)
are checked by the service too, which knows the calendar.
"""

from __future__ import annotations

from enum import Enum

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from padu.core import transitions
from padu.core.errors import Conflict, Forbidden, NotFound, PaduError
from padu.ppid.models import RequestStatus as S


class Who(Enum):
    REQUESTER = "requester"
    OFFICER = "officer"  # Role.INFORMATION_OFFICER of the agency
    SUPERIOR = "superior"  # atasan PPID: Role.AGENCY_ADMIN of the agency


Transition = transitions.Transition[Who]

# The condition of an objection to a request that was not answered in time.
OVERDUE = "overdue"

DECIDED = (S.GRANTED, S.PARTLY_GRANTED, S.REFUSED, S.NOT_HELD)

TRANSITIONS: tuple[Transition, ...] = (
    Transition("extend", S.SUBMITTED, S.EXTENDED, Who.OFFICER),
    *(Transition("decide", S.SUBMITTED, outcome, Who.OFFICER) for outcome in DECIDED),
    *(Transition("decide", S.EXTENDED, outcome, Who.OFFICER) for outcome in DECIDED),
    Transition("withdraw", S.SUBMITTED, S.WITHDRAWN, Who.REQUESTER),
    Transition("withdraw", S.EXTENDED, S.WITHDRAWN, Who.REQUESTER),
    *(Transition("object", source, S.OBJECTED, Who.REQUESTER) for source in DECIDED),
    Transition("object", S.SUBMITTED, S.OBJECTED, Who.REQUESTER, when=OVERDUE),
    Transition("object", S.EXTENDED, S.OBJECTED, Who.REQUESTER, when=OVERDUE),
    # An objection that reached the office by letter, email or at the desk: the officer records it.
    *(Transition("record_objection", source, S.OBJECTED, Who.OFFICER) for source in DECIDED),
    Transition("record_objection", S.SUBMITTED, S.OBJECTED, Who.OFFICER, when=OVERDUE),
    Transition("record_objection", S.EXTENDED, S.OBJECTED, Who.OFFICER, when=OVERDUE),
    Transition("answer_objection", S.OBJECTED, S.OBJECTION_ANSWERED, Who.SUPERIOR),
)

ACTION_LABELS = {
    "submit": gettext_lazy("Request received"),
    "extend": gettext_lazy("Time extended"),
    "decide": gettext_lazy("Decided"),
    "withdraw": gettext_lazy("Withdrawn"),
    "object": gettext_lazy("Objection lodged"),
    "record": gettext_lazy("Request received and recorded by the office"),
    "record_objection": gettext_lazy("Objection received and recorded by the office"),
    "handover": gettext_lazy("Handed over at the office"),
    "contacted": gettext_lazy("Requester contacted"),
    "answer_objection": gettext_lazy("Objection answered"),
    "upload": gettext_lazy("File added"),
}


def _wrong_state(action: str, state: str) -> PaduError:
    if action == "extend" and state == S.EXTENDED:
        return Conflict(_("The time to answer can be extended once only."), code="ppid_already_extended")
    return Conflict(
        _("This step is not possible while the request is “%(status)s”.")
        % {"status": dict(S.choices).get(state, state)},
        code="ppid_transition_not_allowed",
    )


def _wrong_person(transition: Transition) -> PaduError:
    if transition.who is Who.REQUESTER:
        return NotFound(code="ppid_request_not_found")  # another's request does not exist for them
    return Forbidden(
        _("Only the information officer (PPID) may do this.")
        if transition.who is Who.OFFICER
        else _("Only the PPID's superior (the agency administrator) may do this."),
        code="ppid_role_required",
    )


WORKFLOW = transitions.Table(TRANSITIONS, transitions.Refusals(wrong_state=_wrong_state, wrong_person=_wrong_person))
ACTIONS = WORKFLOW.actions


def _any(condition: str) -> bool:
    return True


def find_transition(action: str, source: str) -> Transition | None:
    """The step `action` from `source` (for `decide`, the first outcome), whatever its
    condition: `when` says whether it needs one, which the caller judges."""
    return WORKFLOW.find(action, source, holds=_any)


def allowed_actions(source: str) -> list[Transition]:
    """Every step from `source` (one per outcome for `decide`), conditional ones included."""
    return WORKFLOW.from_state(source, holds=_any)
