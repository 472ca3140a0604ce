"""The complaint state machine: every allowed transition in one table, with who may make it.

    submitted ─verify─▶ verified ─answer─▶ answered ─rate / close / (10 working days)─▶ closed
        │                  ▲                  │
        └─forward─▶ forwarded ─verify─┘       └─reopen (within 10 working days)─▶ reopened ─answer─▶ …

An officer may forward from any open state; the receiving agency verifies it again.
`reject` (not a matter for any agency, spam, duplicate) and `withdraw` (by the complainant)
end an open complaint.
"""

from __future__ import annotations

from enum import Enum

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from padu.complaints.models import Status as S
from padu.core import transitions
from padu.core.errors import Conflict, Forbidden, InvalidInput, PaduError


class Who(Enum):
    OFFICER = "officer"  # an officer of the handling agency (or of the agency it escalated to)
    COMPLAINANT = "complainant"
    SYSTEM = "system"  # the scheduled sweep


Transition = transitions.Transition[Who]

TRANSITIONS: tuple[Transition, ...] = (
    Transition("verify", S.SUBMITTED, S.VERIFIED, Who.OFFICER),
    Transition("verify", S.FORWARDED, S.VERIFIED, Who.OFFICER),
    *(
        Transition("forward", s, S.FORWARDED, Who.OFFICER, needs_note=True)
        for s in (S.SUBMITTED, S.FORWARDED, S.VERIFIED, S.REOPENED)
    ),
    Transition("answer", S.VERIFIED, S.ANSWERED, Who.OFFICER, needs_note=True),
    Transition("answer", S.REOPENED, S.ANSWERED, Who.OFFICER, needs_note=True),
    Transition("reject", S.SUBMITTED, S.REJECTED, Who.OFFICER, needs_note=True),
    Transition("reject", S.FORWARDED, S.REJECTED, Who.OFFICER, needs_note=True),
    Transition("close", S.ANSWERED, S.CLOSED, Who.OFFICER, needs_note=True),
    Transition("rate", S.ANSWERED, S.CLOSED, Who.COMPLAINANT),
    Transition("rate", S.CLOSED, S.CLOSED, Who.COMPLAINANT),
    Transition("reopen", S.ANSWERED, S.REOPENED, Who.COMPLAINANT, needs_note=True),
    Transition("reopen", S.CLOSED, S.REOPENED, Who.COMPLAINANT, needs_note=True),
    *(Transition("withdraw", s, S.WITHDRAWN, Who.COMPLAINANT) for s in (S.SUBMITTED, S.FORWARDED, S.VERIFIED)),
    Transition("withdraw", S.REOPENED, S.WITHDRAWN, Who.COMPLAINANT),
    Transition("auto_close", S.ANSWERED, S.CLOSED, Who.SYSTEM),
)

OFFICER_ACTIONS = ("verify", "forward", "answer", "reject", "close")
COMPLAINANT_ACTIONS = ("rate", "reopen", "withdraw")

# What each step is called in messages and histories.
ACTION_LABELS = {
    "submit": gettext_lazy("submitted"),
    "verify": gettext_lazy("verified"),
    "forward": gettext_lazy("forwarded"),
    "answer": gettext_lazy("answered"),
    "reject": gettext_lazy("not processed"),
    "close": gettext_lazy("closed"),
    "rate": gettext_lazy("rated"),
    "reopen": gettext_lazy("reopened"),
    "withdraw": gettext_lazy("withdrawn"),
    "auto_close": gettext_lazy("closed automatically"),
    "escalate": gettext_lazy("escalated to the supervising agency"),
    "moderate": gettext_lazy("hidden from public view"),
    "unmoderate": gettext_lazy("shown again"),
}

# The verb form for "You cannot %(action)s a complaint that is …".
ACTION_VERBS = {
    "verify": gettext_lazy("verify"),
    "forward": gettext_lazy("forward"),
    "answer": gettext_lazy("answer"),
    "reject": gettext_lazy("reject"),
    "close": gettext_lazy("close"),
    "rate": gettext_lazy("rate"),
    "reopen": gettext_lazy("reopen"),
    "withdraw": gettext_lazy("withdraw"),
    "auto_close": gettext_lazy("close"),
}


def _wrong_state(action: str, state: str) -> PaduError:
    status = str(dict(S.choices).get(state, state)).lower()
    return Conflict(
        _("You cannot %(action)s a complaint that is %(status)s.")
        % {"action": ACTION_VERBS.get(action, action), "status": status},
        code="transition_not_allowed",
    )


def _wrong_person(transition: Transition) -> PaduError:
    return Forbidden(_("This step is not yours to take."), code="not_your_step")


def _missing_reason(transition: Transition) -> PaduError:
    message = _("This cannot be empty.")
    return InvalidInput(message, code="field_required", errors={"note": [message]})


WORKFLOW = transitions.Table(
    TRANSITIONS,
    transitions.Refusals(wrong_state=_wrong_state, wrong_person=_wrong_person, missing_reason=_missing_reason),
)
ACTIONS = WORKFLOW.actions


def find_transition(action: str, source: str) -> Transition | None:
    return WORKFLOW.find(action, source)


def allowed_actions(source: str, who: Who | None = None) -> list[Transition]:
    return WORKFLOW.from_state(source, who)
