"""The application state machine: every allowed transition in one table, with who may make it."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from django.utils.translation import gettext_lazy as _

from padu.services.models import ApplicationStatus as S


class Who(Enum):
    APPLICANT = "applicant"  # the applicant, or the counter officer who submitted for them
    STEP_ROLE = "step_role"  # an officer holding the role of the current workflow step


@dataclass(frozen=True)
class Transition:
    action: str
    source: str
    target: str  # for approve: where the last step leads; earlier steps stay in review
    who: Who
    needs_note: bool = False


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

ACTIONS = sorted({t.action for t in TRANSITIONS})

# What each action is called in messages to people.
ACTION_LABELS = {
    "submit": _("submit"),
    "resubmit": _("send again"),
    "approve": _("approve"),
    "return": _("return for correction"),
    "reject": _("reject"),
    "refer": _("refer to another office"),
    "withdraw": _("withdraw"),
}


def find_transition(action: str, source: str) -> Transition | None:
    return next((t for t in TRANSITIONS if t.action == action and t.source == source), None)


def allowed_actions(source: str) -> list[Transition]:
    return [t for t in TRANSITIONS if t.source == source]
