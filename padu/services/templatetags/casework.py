"""Template helpers of casework pages: a case-history event's action, the role a case waits for."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext_lazy as _

from padu.core.roles import role_label
from padu.services.formdef import text_in
from padu.services.permissions import step_role

register = template.Library()


_EVENT_ACTIONS = {
    "start": _("Draft started"),
    "submit": _("Submitted"),
    "resubmit": _("Sent again after correction"),
    "approve": _("Approved at a step"),
    "return": _("Returned for correction"),
    "reject": _("Rejected"),
    "refer": _("Referred to another office"),
    "received": _("Received from another office"),
    "withdraw": _("Withdrawn"),
    "handed_over": _("Letter handed over at the counter"),
}


@register.filter
def event_action(action: str) -> str:
    """A case-history event's action in words."""
    return str(_EVENT_ACTIONS.get(action, action))


@register.filter
def step_role_label(application: Any) -> str:
    """The name of the role a case in review waits for (its current workflow step)."""
    role = step_role(application)
    return role_label(role) if role else ""


# An approved step, named by the role that took it (the history would otherwise say
# "Approved at a step" three times for a verifier, an approver and a signer).
_STEP_DONE = {
    "front_desk": _("Checked at the front desk"),
    "verifier": _("Verified"),
    "approver": _("Approved"),
}


@register.filter
def event_label(event: Any, application: Any) -> str:
    """A case-history event in words; an approval says what the step's role did (verified,
    approved, signed) and the step's own name."""
    if event.action != "approve":
        return event_action(event.action)
    version = application.service_version
    steps = version.workflow if isinstance(version.workflow, list) else []
    # The event keeps the step the case moved to; the last step completes the case in place.
    index = event.step if event.to_status != "in_review" else event.step - 1
    if not 0 <= index < len(steps):
        return event_action(event.action)
    step = steps[index]
    role = str(step.get("role") or "")
    done: str
    if role == "signer":
        done = str(_("Signed") if version.document_kind else _("Approved by the signer"))
    else:
        known = _STEP_DONE.get(role)
        done = str(known) if known else str(_("Approved by the %(role)s") % {"role": role_label(role).lower()})
    name = text_in(step.get("label"))
    return f"{done} ({name})" if name else done
