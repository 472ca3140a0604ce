"""The application state machine: every allowed transition in one table, with who may make it."""

from __future__ import annotations

from enum import Enum

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from padu.core import transitions
from padu.core.errors import Conflict, Forbidden, InvalidInput, PaduError
from padu.services.models import ApplicationStatus as S


class Who(Enum):
    APPLICANT = "applicant"  # the applicant, or the counter officer who submitted for them
    STEP_ROLE = "step_role"  # an officer holding the role of the current workflow step


# For approve, `target` is where the last step leads; earlier steps stay in review.
Transition = transitions.Transition[Who]

TRANSITIONS: tuple[Transition, ...] = (
    Transition("submit", S.DRAFT, S.IN_REVIEW, Who.APPLICANT),
    Transition("approve", S.IN_REVIEW, S.COMPLETED, Who.STEP_ROLE),
    Transition("return", S.IN_REVIEW, S.RETURNED, Who.STEP_ROLE, needs_note=True),
    Transition("reject", S.IN_REVIEW, S.REJECTED, Who.STEP_ROLE, needs_note=True),
    Transition("refer", S.IN_REVIEW, S.IN_REVIEW, Who.STEP_ROLE, needs_note=True),
    Transition("resubmit", S.RETURNED, S.IN_REVIEW, Who.APPLICANT),
    Transition("withdraw", S.DRAFT, S.WITHDRAWN, Who.APPLICANT),
    Transition("withdraw", S.RETURNED, S.WITHDRAWN, Who.APPLICANT),
    Transition("withdraw", S.IN_REVIEW, S.WITHDRAWN, Who.APPLICANT),
)

# What each action is called in messages to people.
ACTION_LABELS = {
    "submit": gettext_lazy("submit"),
    "resubmit": gettext_lazy("send again"),
    "approve": gettext_lazy("approve"),
    "return": gettext_lazy("return for correction"),
    "reject": gettext_lazy("reject"),
    "refer": gettext_lazy("refer to another office"),
    "withdraw": gettext_lazy("withdraw"),
}


def _wrong_state(action: str, state: str) -> PaduError:
    status = str(dict(S.choices).get(state, state)).lower()
    return Conflict(
        _("You cannot %(action)s an application that is %(status)s.")
        % {"action": ACTION_LABELS.get(action, action), "status": status},
        code="transition_not_allowed",
    )


def _wrong_person(transition: Transition) -> PaduError:
    return Forbidden(_("This step is not yours to take."), code="not_your_step")


def _missing_reason(transition: Transition) -> PaduError:
    return InvalidInput(
        _("Give the applicant a reason."), code="reason_required", errors={"note": [_("Give a reason.")]}
    )


WORKFLOW = transitions.Table(
    TRANSITIONS,
    transitions.Refusals(wrong_state=_wrong_state, wrong_person=_wrong_person, missing_reason=_missing_reason),
)
ACTIONS = WORKFLOW.actions


def find_transition(action: str, source: str) -> Transition | None:
    return WORKFLOW.find(action, source)


def allowed_actions(source: str) -> list[Transition]:
    return WORKFLOW.from_state(source)
