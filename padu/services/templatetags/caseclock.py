"""Template helpers of a case's service clock and next steps: its pauses (while the file was
back with the applicant) and where a rejected applicant may apply again."""

from __future__ import annotations

from django import template

from padu.services.models import Application
from padu.services.notifications import reapply_path
from padu.services.selectors import ClockPause, clock_pauses

register = template.Library()


@register.simple_tag
def case_clock_pauses(application: Application) -> list[ClockPause]:
    """`{% case_clock_pauses application as pauses %}`: each pause, the current one last."""
    return clock_pauses(application)


@register.simple_tag
def case_reapply_path(application: Application) -> str:
    """`{% case_reapply_path application as url %}`: the service's page while it is offered,
    the catalogue otherwise."""
    return reapply_path(application)
