"""The complaint state machine: every allowed transition in one table, with who may make it.

    submitted ─verify─▶ verified ─answer─▶ answered ─rate / close / (10 working days)─▶ closed
        │                  ▲                  │
        └─forward─▶ forwarded ─verify─┘       └─reopen (within 10 working days)─▶ reopened ─answer─▶ …

An officer may forward from any open state; the receiving agency verifies it again.
`reject` (not a matter for any agency, spam, duplicate) and `withdraw` (by the complainant)
end an open complaint.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from django.utils.translation import gettext_lazy as _

from padu.complaints.models import Status as S


class Who(Enum):
    OFFICER = "officer"  # an officer of the handling agency (or of the agency it escalated to)
    COMPLAINANT = "complainant"
    SYSTEM = "system"  # the scheduled sweep


@dataclass(frozen=True)
class Transition:
    action: str
    source: str
    target: str
    who: Who
    needs_note: bool = False


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

ACTIONS = sorted({t.action for t in TRANSITIONS})
OFFICER_ACTIONS = ("verify", "forward", "answer", "reject", "close")
COMPLAINANT_ACTIONS = ("rate", "reopen", "withdraw")

# What each step is called in messages and histories.
ACTION_LABELS = {
    "submit": _("submitted"),
    "verify": _("verified"),
    "forward": _("forwarded"),
    "answer": _("answered"),
    "reject": _("not processed"),
    "close": _("closed"),
    "rate": _("rated"),
    "reopen": _("reopened"),
    "withdraw": _("withdrawn"),
    "auto_close": _("closed automatically"),
    "escalate": _("escalated to the supervising agency"),
    "moderate": _("hidden from public view"),
    "unmoderate": _("shown again"),
}

# The verb form for "You cannot %(action)s a complaint that is …".
ACTION_VERBS = {
    "verify": _("verify"),
    "forward": _("forward"),
    "answer": _("answer"),
    "reject": _("reject"),
    "close": _("close"),
    "rate": _("rate"),
    "reopen": _("reopen"),
    "withdraw": _("withdraw"),
    "auto_close": _("close"),
}


def find_transition(action: str, source: str) -> Transition | None:
    return next((t for t in TRANSITIONS if t.action == action and t.source == source), None)


def allowed_actions(source: str, who: Who | None = None) -> list[Transition]:
    return [t for t in TRANSITIONS if t.source == source and (who is None or t.who is who)]
