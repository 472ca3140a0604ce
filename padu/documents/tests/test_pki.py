from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from padu.core.errors import Conflict
from padu.documents.pki import load_signer, pki_init


def test_pki_init_command_creates_once_and_prints(tmp_path, settings):
    settings.PADU_PKI_DIR = tmp_path / "pki"
    out = StringIO()
    call_command("pki", "init", stdout=out)
    assert "signer.crt" in out.getvalue() and "ca.key" in out.getvalue()
    out = StringIO()
    call_command("pki", "init", stdout=out)
    assert "nothing to do" in out.getvalue()
    cert = load_signer().signing_cert
    assert cert is not None and "Padu Development Signer" in cert.subject.human_friendly


def test_without_keys_signing_fails_clearly(tmp_path, settings):
    settings.PADU_PKI_DIR = tmp_path / "empty"
    settings.PADU_SIGNING_KEY = ""
    with pytest.raises(Conflict) as err:
        load_signer()
    assert err.value.code == "signing_key_missing"


def test_production_pem_files_are_used(tmp_path, settings):
    settings.PADU_PKI_DIR = tmp_path / "pki"
    call_command("pki", "init", stdout=StringIO())
    settings.PADU_PKI_DIR = tmp_path / "elsewhere"
    settings.PADU_SIGNING_KEY = str(tmp_path / "pki" / "signer.key")
    settings.PADU_SIGNING_CERT = str(tmp_path / "pki" / "signer.crt")
    settings.PADU_SIGNING_CHAIN = str(tmp_path / "pki" / "ca.crt")
    assert load_signer().signing_cert is not None


def test_key_files_are_parsed_again_only_when_they_change(tmp_path, settings):
    settings.PADU_PKI_DIR = tmp_path / "pki"
    pki_init()
    first = load_signer()
    assert load_signer() is first
    (tmp_path / "pki" / "signer.key").unlink()
    pki_init()  # a new key and certificate in the same place
    second = load_signer()
    assert second is not first
    assert second.signing_cert is not None and first.signing_cert is not None
    assert second.signing_cert.dump() != first.signing_cert.dump()
    settings.PADU_PKI_DIR = tmp_path / "other"
    pki_init()
    third = load_signer().signing_cert
    assert third is not None and third.dump() not in (first.signing_cert.dump(), second.signing_cert.dump())
