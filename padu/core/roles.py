"""Staff roles. Every permission check in the platform names one of these."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    AGENCY_ADMIN = "admin", _("Agency administrator")
    FRONT_DESK = "front_desk", _("Front-desk officer")
    VERIFIER = "verifier", _("Verifier")
    APPROVER = "approver", _("Approver")
    SIGNER = "signer", _("Signer")
    INFORMATION_OFFICER = "ppid", _("Information officer (PPID)")
    PROCUREMENT = "procurement", _("Procurement committee")
    TREASURER = "treasurer", _("Treasurer")
    SUPERVISOR = "supervisor", _("Supervisor (read-only over agencies beneath)")
    # Keeps the village's population register (operator kependudukan): residents, families,
    # life events, imports and the statutory books.
    REGISTRAR = "registrar", _("Population register officer")


# Roles that approve, sign or move money must log in with two factors.
# The register officer holds every resident's data (UU PDP): two factors as well.
MFA_REQUIRED_ROLES = frozenset({Role.AGENCY_ADMIN, Role.APPROVER, Role.SIGNER, Role.TREASURER, Role.REGISTRAR})

# API token scopes, each a capability another system may be granted.
API_SCOPES = {
    "regions:read": _("Read the region tree"),
    "agencies:read": _("Read agencies"),
    "audit:read": _("Read the agency's audit trail"),
    # Letters carry the person's name, NIK, birth date and address: never granted by
    # agencies:read, and every download is logged for the person (UU PDP).
    "documents:read": _("Read and download the agency's signed letters (they hold personal data)"),
    "bills:read": _("Read the agency's bills and their payments"),
    "bills:write": _("Issue bills from another system (levies, taxes)"),
    # Confirms a resident by NIK for a stated purpose, answering only what that purpose needs;
    # every answer is logged in the resident's access log.
    "registries:read": _("Confirm residents in the agency's population register (only what the purpose needs)"),
}


def role_label(code: object) -> str:
    """`verifier` → "Verifier" / "Verifikator": a role's name in the reader's language (an unknown
    code as it is)."""
    try:
        return str(Role(str(code)).label)
    except ValueError:
        return str(code)
