"""Who may publish news, announcements and the JDIH register.

The agency administrator and the information officer (PPID) publish. Under UU 14/2008 the
PPID answers for the agency's public information, and news, announcements and the register
of regulations are public information; the administrator runs the agency's site. API
tokens do not publish: what appears under the agency's name is done by a person.
"""

from __future__ import annotations

from padu.core.actors import Actor
from padu.core.roles import Role


def can_publish(actor: Actor, agency_id: int) -> bool:
    return actor.token is None and (
        actor.is_superuser or actor.has_role(agency_id, Role.AGENCY_ADMIN, Role.INFORMATION_OFFICER)
    )
