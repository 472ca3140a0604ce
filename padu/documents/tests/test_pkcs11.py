"""Signing with a key on a PKCS#11 token: a SoftHSM token made in a temporary directory."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import pkcs11
import pkcs11.exceptions
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from pkcs11.util.ec import encode_ec_public_key, encode_named_curve_parameters

from padu.core.errors import Conflict
from padu.core.models import NumberCounter
from padu.documents import signing
from padu.documents.models import IssuedDocument
from padu.documents.pki import load_signer, pki_init, signer_certificate, signer_session

SOFTHSM = "/usr/lib/softhsm/libsofthsm2.so"
TOKEN = "padu-test"
PIN = "1234"
LABEL = "padu-signer"

if not Path(SOFTHSM).exists():
    if os.environ.get("CI") == "true":
        pytest.fail(f"{SOFTHSM} is missing on CI: apt-get install -y softhsm2", pytrace=False)
    pytest.skip(f"SoftHSM ({SOFTHSM}) is not installed", allow_module_level=True)


def _issue_certificate(pki_dir: Path, public_key_der: bytes) -> x509.Certificate:
    public_key = serialization.load_der_public_key(public_key_der)
    assert isinstance(public_key, ec.EllipticCurvePublicKey)
    return signer_certificate(pki_dir, public_key, common_name="Padu Token Signer", days=30)


@pytest.fixture(scope="module")
def token_dir(tmp_path_factory):
    """A SoftHSM configuration and token directory, made once per process: SoftHSM reads its
    configuration when the module is first initialised."""
    base = tmp_path_factory.mktemp("softhsm")
    (base / "tokens").mkdir()
    conf = base / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {base / 'tokens'}\nobjectstore.backend = file\nlog.level = ERROR\n")
    previous = os.environ.get("SOFTHSM2_CONF")
    os.environ["SOFTHSM2_CONF"] = str(conf)
    util = shutil.which("softhsm2-util")
    assert util is not None, "softhsm2-util is missing: apt-get install -y softhsm2"
    subprocess.run(  # noqa: S603 - fixed arguments
        [util, "--init-token", "--free", "--label", TOKEN, "--pin", PIN, "--so-pin", "5678"],
        check=True,
        capture_output=True,
    )
    yield base
    if previous is None:
        os.environ.pop("SOFTHSM2_CONF", None)
    else:
        os.environ["SOFTHSM2_CONF"] = previous


@pytest.fixture
def token(token_dir, pki, settings):
    """An EC P-256 key generated on the token, and a certificate for it from the dev CA, both
    labelled LABEL. Returns the certificate."""
    token = pkcs11.lib(SOFTHSM).get_token(token_label=TOKEN)
    with token.open(rw=True, user_pin=PIN) as session:
        for obj in list(session.get_objects({pkcs11.Attribute.LABEL: LABEL})):
            obj.destroy()
        params = session.create_domain_parameters(
            pkcs11.KeyType.EC,
            {pkcs11.Attribute.EC_PARAMS: encode_named_curve_parameters("secp256r1")},
            local=True,
        )
        public, _private = params.generate_keypair(store=True, label=LABEL, id=b"\x01")
        cert = _issue_certificate(pki, encode_ec_public_key(public))
        session.create_object(
            {
                pkcs11.Attribute.CLASS: pkcs11.ObjectClass.CERTIFICATE,
                pkcs11.Attribute.CERTIFICATE_TYPE: pkcs11.CertificateType.X_509,
                pkcs11.Attribute.TOKEN: True,
                pkcs11.Attribute.LABEL: LABEL,
                pkcs11.Attribute.ID: b"\x01",
                pkcs11.Attribute.SUBJECT: cert.subject.public_bytes(),
                pkcs11.Attribute.VALUE: cert.public_bytes(serialization.Encoding.DER),
            }
        )
    settings.PADU_SIGNING_PKCS11_MODULE = SOFTHSM
    settings.PADU_SIGNING_PKCS11_TOKEN = TOKEN
    settings.PADU_SIGNING_PKCS11_PIN = PIN
    settings.PADU_SIGNING_PKCS11_KEY_LABEL = LABEL
    # The key files of the development PKI are not used: remove the signer's key to be sure.
    (pki / "signer.key").unlink()
    return cert


def _sequences() -> list[int]:
    return list(NumberCounter.objects.values_list("last", flat=True))


def test_document_is_signed_with_the_key_on_the_token(token, issue):
    document = issue()
    pdf = document.pdf.read()
    check = signing.pdf_signature_check(pdf)
    assert check.found and check.intact and check.trusted and check.covers_whole_file
    assert "Padu Token Signer" in check.signer_subject
    assert document.certificate_sha256 == hashlib.sha256(token.public_bytes(serialization.Encoding.DER)).hexdigest()


def test_a_loaded_key_file_signer_is_never_used_for_the_token(token, pki, settings, issue):
    module = settings.PADU_SIGNING_PKCS11_MODULE
    settings.PADU_SIGNING_PKCS11_MODULE = ""
    pki_init()  # a file signer again, loaded (and kept) while no token is configured
    file_signer = load_signer()
    settings.PADU_SIGNING_PKCS11_MODULE = module
    with pytest.raises(Conflict):
        load_signer()
    with signer_session() as first:
        assert first is not file_signer
    with signer_session() as second:
        assert second is not first  # a signer per session, never kept
    check = signing.pdf_signature_check(issue().pdf.read())
    assert check.intact and check.trusted and "Padu Token Signer" in check.signer_subject


def test_session_is_closed_after_signing(token):
    with signer_session() as signer:
        assert signer.signing_cert is not None
        # While our session is logged in, another login is refused (the login is per token).
        with pytest.raises(pkcs11.exceptions.UserAlreadyLoggedIn):
            pkcs11.lib(SOFTHSM).get_token(token_label=TOKEN).open(user_pin=PIN)
    # Closed afterwards: logging in again works.
    with pkcs11.lib(SOFTHSM).get_token(token_label=TOKEN).open(user_pin=PIN) as session:
        assert list(session.get_objects({pkcs11.Attribute.LABEL: LABEL}))


@pytest.mark.parametrize(
    ("setting", "value", "message"),
    [
        ("PADU_SIGNING_PKCS11_PIN", "9999", "PIN"),
        ("PADU_SIGNING_PKCS11_KEY_LABEL", "no-such-key", "no-such-key"),
        ("PADU_SIGNING_PKCS11_TOKEN", "no-such-token", "no-such-token"),
        ("PADU_SIGNING_PKCS11_MODULE", "/nonexistent/libpkcs11.so", "/nonexistent/libpkcs11.so"),
    ],
)
def test_token_problems_fail_clearly_and_take_no_number(token, issue, settings, setting, value, message):
    setattr(settings, setting, value)
    before = _sequences()
    with pytest.raises(Conflict) as err:
        issue()
    assert err.value.code == "signing_key_missing"
    assert message in str(err.value.message)
    assert _sequences() == before
    assert not IssuedDocument.objects.exists()
