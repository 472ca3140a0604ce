"""Issuing: render → number → sign → store, and the signature holds up in pyHanko and pdfsig."""

from __future__ import annotations

import hashlib
import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.signers.pdf_signer import PdfSigningSession
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from padu.core.errors import Forbidden
from padu.core.models import AuditEvent
from padu.core.roles import Role
from padu.documents.pki import pki_init, trust_roots
from padu.documents.selectors import Verdict, document_verify_upload
from padu.documents.services import document_issue
from padu.documents.signing import FIELD_NAME
from tests.factories import actor_for, make_staff

PDFSIG = Path("/usr/bin/pdfsig")
CONTENTS = re.compile(rb"/Contents\s*<([0-9A-Fa-f]{512,})>")


def test_issue_numbers_signs_stores_and_audits(issue, agency):
    doc = issue()
    assert doc.number.startswith("001/SKD/")
    pdf = doc.pdf.read()
    assert pdf.startswith(b"%PDF-")
    assert hashlib.sha256(pdf).hexdigest() == doc.sha256
    assert doc.signer_name == "Asep Suryana" and doc.signer_position == "Kepala Desa Cileunyi Kulon"
    assert len(doc.verification_code) >= 20
    assert AuditEvent.objects.filter(verb="document.issued", object_id=str(doc.pk)).exists()
    assert issue().number.startswith("002/")


def test_signature_is_intact_and_trusted_in_pyhanko(issue):
    doc = issue()
    reader = PdfFileReader(io.BytesIO(doc.pdf.read()))
    [sig] = reader.embedded_signatures
    assert sig.field_name == FIELD_NAME
    status = validate_pdf_signature(sig, signer_validation_context=ValidationContext(trust_roots=trust_roots()))
    assert status.intact and status.valid and status.trusted
    assert status.coverage is not None and status.coverage.name == "ENTIRE_FILE"
    assert "PAdES" in str(sig.sig_object["/SubFilter"]) or "ETSI.CAdES.detached" in str(sig.sig_object["/SubFilter"])


def test_later_signatures_reuse_the_room_measured_by_the_first(issue, monkeypatch):
    estimates = []
    estimate = PdfSigningSession.estimate_signature_container_size

    async def counted(self, *args, **kwargs):
        size = await estimate(self, *args, **kwargs)
        estimates.append(size)
        return size

    monkeypatch.setattr(PdfSigningSession, "estimate_signature_container_size", counted)
    docs = [issue(), issue(), issue()]
    assert len(estimates) == 1  # only the first signature by this certificate is sized by pyHanko
    pdfs = [doc.pdf.read() for doc in docs]
    sizes = {len(m.group(1)) for pdf in pdfs for m in CONTENTS.finditer(pdf)}
    assert sizes == set(estimates)
    for pdf in pdfs:
        assert document_verify_upload(pdf).verdict == Verdict.AUTHENTIC


def test_signature_is_valid_in_poppler_pdfsig(issue, tmp_path):
    if not PDFSIG.exists():
        if os.environ.get("CI") == "true":
            pytest.fail("/usr/bin/pdfsig is missing; install poppler-utils")
        pytest.skip("poppler's pdfsig is not installed")
    path = tmp_path / "doc.pdf"
    path.write_bytes(issue().pdf.read())
    result = subprocess.run([str(PDFSIG), str(path)], capture_output=True, text=True, check=False)  # noqa: S603
    assert "Signature is Valid" in result.stdout, result.stdout + result.stderr
    assert "Padu Development Signer" in result.stdout


def test_pdf_text_holds_number_date_and_terbilang(issue):
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        pytest.skip("pdftotext is not installed")
    doc = issue()
    text = subprocess.run(  # noqa: S603
        [pdftotext, "-", "-"], input=doc.pdf.read(), capture_output=True, check=True
    ).stdout.decode()
    assert doc.number in text
    assert "satu juta dua ratus lima puluh ribu" in text
    assert "Budi Santoso" in text
    assert "Dokumen ini ditandatangani secara elektronik" in text


def test_only_the_signer_may_sign(pki, agency, signer, template):
    clerk = make_staff(agency, Role.FRONT_DESK)
    with pytest.raises(Forbidden):
        document_issue(
            actor=actor_for(clerk),
            agency=agency,
            kind="sk_domisili",
            template=template,
            context={},
            signer_membership=signer,
        )


def test_pki_init_is_idempotent(tmp_path):
    first = pki_init(tmp_path)
    assert sorted(first.created) == ["ca.crt", "ca.key", "signer.crt", "signer.key"]
    assert pki_init(tmp_path).created == []
