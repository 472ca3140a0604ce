"""Who may do what with services and applications."""

from __future__ import annotations

from padu.core.actors import Actor
from padu.core.permissions import can_read_agency
from padu.core.roles import Role
from padu.services.models import Application, ServiceVersion
from padu.services.workflow import Transition, Who


def can_manage_services(actor: Actor, agency_id: int) -> bool:
    return actor.is_superuser or actor.has_role(agency_id, Role.AGENCY_ADMIN)


def step_role(application: Application) -> str | None:
    steps = application.service_version.workflow
    if 0 <= application.step < len(steps):
        return str(steps[application.step]["role"])
    return None


def is_applicant_side(actor: Actor, application: Application) -> bool:
    if actor.user_id is None:
        return False
    return actor.user_id in (application.applicant_id, application.submitted_by_id)


def can_make(actor: Actor, application: Application, transition: Transition) -> bool:
    if transition.who is Who.APPLICANT:
        return is_applicant_side(actor, application)
    role = step_role(application)
    return role is not None and actor.has_role(application.agency_id, role)


def can_read_case(actor: Actor, application: Application, referred_from: set[int]) -> bool:
    """Staff of the handling agency (any role), its supervisors, and agencies that referred it."""
    if actor.token is not None:
        return False
    return can_read_agency(actor, application.agency) or bool(referred_from & {m.agency_id for m in actor.memberships})


def can_submit_for_others(actor: Actor, agency_id: int) -> bool:
    return actor.has_role(agency_id, Role.FRONT_DESK)


def serves_audience(version: ServiceVersion, audience: str) -> bool:
    return audience in version.audience
