"""Models of padu.information, one module per area."""

from padu.information.models.ppid import (  # noqa: F401
    OPEN_STATUSES,
    Decision,
    DeliveryMethod,
    Exemption,
    FileKind,
    InfoCategory,
    InfoFormat,
    InfoObjection,
    InfoRequest,
    ObjectionGround,
    ObjectionOutcome,
    ObjectionStatus,
    ObtainMethod,
    PublicInformation,
    RequesterKind,
    RequestEvent,
    RequestFile,
    RequestStatus,
)
