"""PAdES signatures with pyHanko: sign an issued PDF, and check one that comes back."""

from __future__ import annotations

import asyncio
import hashlib
import io
import re
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TypeVar

from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from padu.documents.pki import trust_roots

T = TypeVar("T")

FIELD_NAME = "PaduSignature"
# The signature's /Contents in the file: hex, reserved with zero padding by pyHanko.
_CONTENTS = re.compile(rb"/Contents\s*<([0-9A-Fa-f]{512,})>")


def _outside_event_loop(work: Callable[[], T]) -> T:
    """pyHanko's synchronous calls use asyncio.run(), which fails inside a running event loop
    (an async caller, or a Playwright test): run them in a worker thread there."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return work()
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(work).result()


# Room kept in the file for the signature container (hex digits), per signing certificate and
# chain. Unless told, pyHanko sizes it before every signature by building a throwaway one, which
# costs as much as the real one; the size depends only on the certificates and algorithms, so it
# is taken from the first signature by those certificates and reused.
_RESERVED: dict[tuple[object, ...], int] = {}


def _reserved_key(signer: signers.Signer) -> tuple[object, ...] | None:
    cert = signer.signing_cert
    if cert is None:
        return None
    others = sorted(c.sha256 for c in signer.cert_registry)
    return (cert.sha256, signer.embed_roots, len(list(signer.attribute_certs)), *others)


def pdf_sign(pdf: bytes, *, signer: signers.Signer, reason: str, location: str, name: str) -> bytes:
    meta = signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        reason=reason,
        location=location,
        name=name,
    )
    key = _reserved_key(signer)
    reserved = _RESERVED.get(key) if key is not None else None
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    out = _outside_event_loop(lambda: signers.PdfSigner(meta, signer=signer).sign_pdf(writer, bytes_reserved=reserved))
    signed = bytes(out.getvalue())
    if key is not None and reserved is None:
        # The signature dictionary is in the update appended after the original bytes.
        found = _CONTENTS.search(signed, len(pdf))
        if found is not None:
            _RESERVED[key] = len(found.group(1))
    return signed


def signature_digests(pdf: bytes) -> list[str]:
    """SHA-256 of each signature blob found in the raw bytes; needs no parsing, so a
    damaged copy of a Padu document is still recognised."""
    return [hashlib.sha256(m.group(1).lower()).hexdigest() for m in _CONTENTS.finditer(pdf)]


def certificate_sha256(signer: signers.Signer) -> str:
    cert = signer.signing_cert
    return hashlib.sha256(cert.dump()).hexdigest() if cert is not None else ""


@dataclass(frozen=True)
class SignatureCheck:
    found: bool  # a Padu signature field is present
    intact: bool  # the signed bytes are unchanged
    trusted: bool  # the signer chains to the Padu CA
    covers_whole_file: bool
    signer_subject: str = ""


def pdf_signature_check(pdf: bytes) -> SignatureCheck:
    """Validate the Padu signature of `pdf` against the configured trust roots, offline."""
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        embedded = [s for s in reader.embedded_signatures if s.field_name == FIELD_NAME]
    except Exception:  # noqa: BLE001 - any unreadable PDF is simply "no valid signature"
        return SignatureCheck(found=False, intact=False, trusted=False, covers_whole_file=False)
    if not embedded:
        return SignatureCheck(found=False, intact=False, trusted=False, covers_whole_file=False)
    sig = embedded[-1]
    roots = trust_roots()
    context = ValidationContext(trust_roots=roots, allow_fetching=False, revocation_mode="soft-fail")
    try:
        status = _outside_event_loop(lambda: validate_pdf_signature(sig, signer_validation_context=context))
    except Exception:  # noqa: BLE001 - a malformed signature is an invalid one
        return SignatureCheck(found=True, intact=False, trusted=False, covers_whole_file=False)
    return SignatureCheck(
        found=True,
        intact=bool(status.intact and status.valid),
        trusted=bool(status.trusted and roots),
        covers_whole_file=status.coverage is not None and status.coverage.name == "ENTIRE_FILE",
        signer_subject=status.signing_cert.subject.human_friendly if status.signing_cert else "",
    )
