from __future__ import annotations

import datetime as dt

from ninja import Field, Schema


class DocumentPublicOut(Schema):
    """What anyone holding the code may see: no personal data."""

    agency_name: str = Field(alias="agency.name")
    kind: str
    number: str
    title: str
    signed_at: dt.datetime
    signer_name: str
    signer_position: str
    sha256: str
    status: str = Field(description="`valid` or `revoked`")
    revoked_at: dt.datetime | None
    revoked_reason: str


class VerificationOut(Schema):
    verdict: str = Field(description="`authentic`, `revoked`, `altered` or `unknown`")
    sha256: str = Field(description="SHA-256 of the uploaded file")
    document: DocumentPublicOut | None = None


class DocumentOut(Schema):
    id: int
    kind: str
    number: str
    title: str
    subject: str
    signed_at: dt.datetime
    signer_name: str
    signer_position: str
    sha256: str
    verification_code: str
    revoked_at: dt.datetime | None
    revoked_reason: str
