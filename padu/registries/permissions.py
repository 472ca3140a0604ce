"""Who may do what with the population register.

- The register officer (operator kependudukan) and the agency administrator keep it: they
  read every item, record life events, import files and confirm account links.
- The front desk finds a resident to serve them (a letter, the counter) and sees the items a
  letter needs, never the sensitive ones (religion, health, certificates).
- A supervisor above the village (kecamatan, regency) reads the numbers, never a person.
- Another system reads only through a token with `registries:read`, one resident at a time,
  for a stated purpose.
"""

from __future__ import annotations

from padu.core.actors import Actor
from padu.core.models import Agency
from padu.core.permissions import supervises, token_has_scope
from padu.core.roles import Role


def keeps_register(actor: Actor, agency_id: int) -> bool:
    """Record, import, correct and read every item (the register officer and the admin)."""
    return actor.token is None and (actor.is_superuser or actor.has_role(agency_id, Role.REGISTRAR, Role.AGENCY_ADMIN))


def can_find_residents(actor: Actor, agency_id: int) -> bool:
    """Find residents and read what a letter needs (also the front desk and the letter's
    verifier, approver and signer)."""
    return keeps_register(actor, agency_id) or (
        actor.token is None and actor.has_role(agency_id, Role.FRONT_DESK, Role.VERIFIER, Role.APPROVER, Role.SIGNER)
    )


def sees_sensitive(actor: Actor, agency_id: int) -> bool:
    """Religion, disability, insurance, blood type and the certificates' data."""
    return keeps_register(actor, agency_id)


def can_read_books(actor: Actor, agency: Agency) -> bool:
    """The statutory books list people: the register's keepers only."""
    return keeps_register(actor, agency.pk)


def can_read_numbers(actor: Actor, agency: Agency) -> bool:
    """Statistics without suppression (the console's figures): keepers and supervisors above."""
    return keeps_register(actor, agency.pk) or (actor.token is None and supervises(actor, agency))


def token_may_confirm(actor: Actor, agency_id: int) -> bool:
    """Another system's confirmation of a resident by NIK, for a stated purpose."""
    token = actor.token
    return token is not None and token.agency_id == agency_id and token_has_scope(actor, "registries:read")
