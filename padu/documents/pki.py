"""Keys and certificates: a development CA made by `padu pki init`, production files, or a
PKCS#11 token (an HSM or a BSrE-style smart card).

`signer_session()` is the way to sign: a context manager yielding a pyHanko `Signer`. For a
token it opens a PKCS#11 session, checks that the key and certificate are there, and closes
the session on exit; for key files it just yields `load_signer()`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pkcs11
import pkcs11.exceptions
from asn1crypto import x509 as asn1_x509  # type: ignore[import-untyped]
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from django.conf import settings
from django.utils.translation import gettext as _
from pyhanko.config.pkcs11 import TokenCriteria
from pyhanko.sign import pkcs11 as pkcs11_signers
from pyhanko.sign import signers

from padu.core.errors import Conflict

CA_KEY = "ca.key"
CA_CERT = "ca.crt"
SIGNER_KEY = "signer.key"
SIGNER_CERT = "signer.crt"


@dataclass(frozen=True)
class PkiInitResult:
    directory: Path
    created: list[str]


def pki_dir() -> Path:
    return Path(settings.PADU_PKI_DIR)


def _name(common_name: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Padu (development)"),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _write_key(path: Path, key: ec.EllipticCurvePrivateKey) -> None:
    path.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    path.chmod(0o600)


def _write_cert(path: Path, cert: x509.Certificate) -> None:
    path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))


def signer_certificate(
    directory: Path, public_key: ec.EllipticCurvePublicKey, *, common_name: str, days: int
) -> x509.Certificate:
    """A signing certificate for `public_key`, issued by the development CA in `directory`
    (also used for a key generated on a PKCS#11 token in tests)."""
    ca_key = serialization.load_pem_private_key((directory / CA_KEY).read_bytes(), password=None)
    ca_cert = x509.load_pem_x509_certificate((directory / CA_CERT).read_bytes())
    if not isinstance(ca_key, ec.EllipticCurvePrivateKey):
        raise _not_configured()
    now = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5)
    return (
        x509.CertificateBuilder()
        .subject_name(_name(common_name))
        .issuer_name(ca_cert.subject)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(now + dt.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )


def pki_init(directory: Path | None = None) -> PkiInitResult:
    """Create a development CA and a signer certificate, keeping whatever already exists."""
    directory = directory or pki_dir()
    directory.mkdir(parents=True, exist_ok=True, mode=0o700)
    created: list[str] = []
    now = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5)

    if not (directory / CA_KEY).exists() or not (directory / CA_CERT).exists():
        ca_key = ec.generate_private_key(ec.SECP256R1())
        ca_name = _name("Padu Development CA")
        ca_cert = (
            x509.CertificateBuilder()
            .subject_name(ca_name)
            .issuer_name(ca_name)
            .public_key(ca_key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now)
            .not_valid_after(now + dt.timedelta(days=3650))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(
                x509.KeyUsage(
                    digital_signature=False,
                    content_commitment=False,
                    key_encipherment=False,
                    data_encipherment=False,
                    key_agreement=False,
                    key_cert_sign=True,
                    crl_sign=True,
                    encipher_only=False,
                    decipher_only=False,
                ),
                critical=True,
            )
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
            .sign(ca_key, hashes.SHA256())
        )
        _write_key(directory / CA_KEY, ca_key)
        _write_cert(directory / CA_CERT, ca_cert)
        created += [CA_KEY, CA_CERT]
        # A new CA invalidates any signer certificate issued by the old one.
        (directory / SIGNER_KEY).unlink(missing_ok=True)
        (directory / SIGNER_CERT).unlink(missing_ok=True)

    if not (directory / SIGNER_KEY).exists() or not (directory / SIGNER_CERT).exists():
        key = ec.generate_private_key(ec.SECP256R1())
        cert = signer_certificate(directory, key.public_key(), common_name="Padu Development Signer", days=825)
        _write_key(directory / SIGNER_KEY, key)
        _write_cert(directory / SIGNER_CERT, cert)
        created += [SIGNER_KEY, SIGNER_CERT]
    return PkiInitResult(directory=directory, created=created)


def _not_configured() -> Conflict:
    return Conflict(
        _("No signing key is configured. Set PADU_SIGNING_KEY and PADU_SIGNING_CERT, or run `padu pki init`."),
        code="signing_key_missing",
    )


def _token_error(message: str) -> Conflict:
    return Conflict(message, code="signing_key_missing")


def _file_digest(path: str) -> bytes | None:
    try:
        return hashlib.sha256(Path(path).read_bytes()).digest()
    except OSError:
        return None


# The file-based signer as last loaded, with the settings it came from and a digest of its
# files: the files are read each time, but parsed again only when they or the settings change
# (after `padu pki init` or a key rotation, say). A PKCS#11 signer is never kept: its session
# closes after each use.
_LOADED: tuple[tuple[object, ...], signers.Signer] | None = None


def load_signer() -> signers.Signer:
    """The configured file-based signer: production files from the environment, else the
    development PKI. A PKCS#11 token needs an open session: use `signer_session()`."""
    global _LOADED  # noqa: PLW0603 - the per-process cache above
    if settings.PADU_SIGNING_PKCS11_MODULE:
        raise _token_error(_("The signing key is on a PKCS#11 token; open it with signer_session()."))
    key_path = str(settings.PADU_SIGNING_KEY or "")
    cert_path = str(settings.PADU_SIGNING_CERT or "")
    chain_path = str(settings.PADU_SIGNING_CHAIN or "")
    directory = pki_dir()
    files: tuple[str, ...]
    if key_path:
        files = (key_path, cert_path, chain_path)
    else:
        files = tuple(str(directory / name) for name in (SIGNER_KEY, SIGNER_CERT, CA_CERT))
    source = (files, settings.PADU_SIGNING_KEY_PASSPHRASE, *(_file_digest(f) for f in files if f))
    loaded = _LOADED
    if loaded is not None and loaded[0] == source:
        return loaded[1]
    signer = _load_signer_files(key_path, cert_path, chain_path, directory)
    _LOADED = (source, signer)
    return signer


def _load_signer_files(key_path: str, cert_path: str, chain_path: str, directory: Path) -> signers.Signer:
    passphrase = settings.PADU_SIGNING_KEY_PASSPHRASE.encode() or None
    chain = [chain_path] if chain_path else []
    signer: signers.Signer | None
    if key_path:
        if key_path.lower().endswith((".p12", ".pfx")):
            signer = signers.SimpleSigner.load_pkcs12(key_path, ca_chain_files=chain, passphrase=passphrase)
        else:
            if not cert_path:
                raise _not_configured()
            signer = signers.SimpleSigner.load(key_path, cert_path, ca_chain_files=chain, key_passphrase=passphrase)
    else:
        if not (directory / SIGNER_KEY).exists():
            raise _not_configured()
        signer = signers.SimpleSigner.load(
            str(directory / SIGNER_KEY), str(directory / SIGNER_CERT), ca_chain_files=[str(directory / CA_CERT)]
        )
    if signer is None:
        raise _not_configured()
    return signer


@contextmanager
def signer_session() -> Iterator[signers.Signer]:
    """The configured signer, ready to sign until the block ends.

    With `PADU_SIGNING_PKCS11_MODULE` set, the key and certificate (both labelled
    `PADU_SIGNING_PKCS11_KEY_LABEL`) are on the token `PADU_SIGNING_PKCS11_TOKEN`, opened with
    `PADU_SIGNING_PKCS11_PIN`; the session is closed when the block ends. Any problem reaching
    them is a `Conflict` `signing_key_missing` raised on entry, before anything is signed.
    """
    if not settings.PADU_SIGNING_PKCS11_MODULE:
        yield load_signer()
        return
    session = _pkcs11_open()
    try:
        yield _pkcs11_signer(session)
    finally:
        session.close()


def _pkcs11_open() -> pkcs11.Session:
    module = str(settings.PADU_SIGNING_PKCS11_MODULE)
    token = settings.PADU_SIGNING_PKCS11_TOKEN
    if not Path(module).is_file():
        raise _token_error(_("The PKCS#11 module %(module)s does not exist.") % {"module": module})
    if not token or not settings.PADU_SIGNING_PKCS11_KEY_LABEL:
        raise _token_error(_("Set PADU_SIGNING_PKCS11_TOKEN and PADU_SIGNING_PKCS11_KEY_LABEL for the PKCS#11 token."))
    try:
        return pkcs11_signers.open_pkcs11_session(
            module,
            token_criteria=TokenCriteria(label=token),
            user_pin=settings.PADU_SIGNING_PKCS11_PIN or None,
        )
    except pkcs11.exceptions.PinIncorrect as e:
        raise _token_error(_("The PIN of the PKCS#11 token %(token)s is wrong.") % {"token": token}) from e
    except (pkcs11.exceptions.PinLenRange, pkcs11.exceptions.PinInvalid) as e:
        raise _token_error(_("The PIN of the PKCS#11 token %(token)s is invalid.") % {"token": token}) from e
    except pkcs11.exceptions.PinLocked as e:
        raise _token_error(_("The PKCS#11 token %(token)s is locked (too many wrong PINs).") % {"token": token}) from e
    except (pkcs11.PKCS11Error, OSError, RuntimeError) as e:
        raise _token_error(
            _("Cannot open the PKCS#11 token %(token)s with %(module)s: %(error)s")
            % {"token": token, "module": module, "error": str(e) or type(e).__name__}
        ) from e


def _pkcs11_signer(session: pkcs11.Session) -> signers.Signer:
    label = settings.PADU_SIGNING_PKCS11_KEY_LABEL
    # Hashed here, signed raw on the token (CKM_ECDSA, CKM_RSA_PKCS): smart cards and SoftHSM
    # often lack the combined hash-and-sign mechanisms.
    signer = pkcs11_signers.PKCS11Signer(
        session,
        cert_label=label,
        key_label=label,
        ca_chain=trust_roots(),
        other_certs_to_pull=(),
        use_raw_mechanism=True,
    )
    try:
        # Loads the certificate and the key handle now, so a missing one fails before signing.
        if signer.signing_cert is None:
            raise pkcs11.PKCS11Error("no certificate")
    except (pkcs11.PKCS11Error, RuntimeError) as e:
        raise _token_error(
            _("The key or certificate labelled %(label)s is not on the PKCS#11 token: %(error)s")
            % {"label": label, "error": str(e) or type(e).__name__}
        ) from e
    return signer


def trust_roots() -> list[asn1_x509.Certificate]:
    """Certificates a Padu signature must chain to: the production chain file, else the dev CA."""
    path = Path(settings.PADU_SIGNING_CHAIN) if settings.PADU_SIGNING_CHAIN else pki_dir() / CA_CERT
    if not path.exists():
        return []
    return [
        asn1_x509.Certificate.load(c.public_bytes(serialization.Encoding.DER))
        for c in x509.load_pem_x509_certificates(path.read_bytes())
    ]
