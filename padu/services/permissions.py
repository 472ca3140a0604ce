"""Who may do what with services and applications."""

from __future__ import annotations

from padu.core.actors import Actor
from padu.core.models import Membership
from padu.core.permissions import can_read_agency
from padu.core.roles import Role
from padu.services.models import Application, Channel, ServiceVersion
from padu.services.workflow import Transition, Who


def can_manage_services(actor: Actor, agency_id: int) -> bool:
    return actor.is_superuser or actor.has_role(agency_id, Role.AGENCY_ADMIN)


def step_role(application: Application) -> str | None:
    steps = application.service_version.workflow
    if 0 <= application.step < len(steps):
        return str(steps[application.step]["role"])
    return None


def assists_applicant(actor: Actor, application: Application) -> bool:
    """The counter officer who opened the case for a walk-in applicant acts for them through
    the front-desk membership they opened it with, and only while it is active."""
    if application.channel != Channel.COUNTER or application.assisted_by_id is None:
        return False
    if actor.user_id is None or actor.user_id != application.submitted_by_id:
        return False
    return any(m.pk == application.assisted_by_id and m.role == Role.FRONT_DESK for m in actor.memberships)


def is_applicant_side(actor: Actor, application: Application) -> bool:
    if actor.user_id is None:
        return False
    return actor.user_id == application.applicant_id or assists_applicant(actor, application)


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


def counter_membership(actor: Actor, agency_id: int) -> Membership | None:
    """The actor's active front-desk membership of the agency: what lets them apply on a
    walk-in applicant's behalf for the agency's services."""
    return next((m for m in actor.memberships if m.agency_id == agency_id and m.role == Role.FRONT_DESK), None)


def serves_audience(version: ServiceVersion, audience: str) -> bool:
    return audience in version.audience
