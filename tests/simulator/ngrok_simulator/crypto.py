"""Key material: X.509 certificate parsing and SSH key generation and signing.

Parsing functions raise :class:`~ngrok_simulator.helpers.InputError` carrying the
ngrok error code; :func:`~ngrok_simulator.helpers.api_error` turns it into the 400
answer.
"""

import base64
import binascii
import datetime
import re
import threading

from cryptography import x509
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from cryptography.hazmat.primitives.serialization import ssh
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from .helpers import InputError, rfc3339

_PEM_RE = re.compile(r"-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \1-----", re.S)

_KEY_USAGES = (
    ("digital_signature", "digital_signature"),
    ("content_commitment", "content_commitment"),
    ("key_encipherment", "key_encipherment"),
    ("data_encipherment", "data_encipherment"),
    ("key_agreement", "key_agreement"),
    ("key_cert_sign", "cert_sign"),
    ("crl_sign", "crl_sign"),
)

_EXT_KEY_USAGES = {
    ExtendedKeyUsageOID.SERVER_AUTH: "server_auth",
    ExtendedKeyUsageOID.CLIENT_AUTH: "client_auth",
    ExtendedKeyUsageOID.CODE_SIGNING: "code_signing",
    ExtendedKeyUsageOID.EMAIL_PROTECTION: "email_protection",
    ExtendedKeyUsageOID.TIME_STAMPING: "time_stamping",
    ExtendedKeyUsageOID.OCSP_SIGNING: "ocsp_signing",
    ExtendedKeyUsageOID.ANY_EXTENDED_KEY_USAGE: "any",
}


def key_usages(cert):
    """The certificate's key usage and extended key usage names, as the API lists them."""
    try:
        usage = cert.extensions.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        usage = None
    names = []
    if usage is not None:
        for attr, name in _KEY_USAGES:
            if getattr(usage, attr):
                names.append(name)
        if usage.key_agreement:
            if usage.encipher_only:
                names.append("encipher_only")
            if usage.decipher_only:
                names.append("decipher_only")
    try:
        ext = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    except x509.ExtensionNotFound:
        ext = []
    ext_names = [_EXT_KEY_USAGES.get(oid, oid.dotted_string) for oid in ext]
    return names, ext_names


def _common_name(name):
    attrs = name.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(attrs[0].value) if attrs else ""


def parse_ca_pem(text):
    """Check an uploaded CA certificate and return the fields ngrok derives from it."""
    if not isinstance(text, str) or not text.strip():
        raise InputError(1919, "No certificate PEM data was sent.")
    blocks = _PEM_RE.findall(text)
    if not blocks:
        raise InputError(1920, 'The certificate data could not be parsed as PEM. Certificate data: "%s".' % text.strip()[:20])
    for kind, _body in blocks:
        if kind != "CERTIFICATE":
            raise InputError(1911, 'The provided data is a valid PEM, but it has an unexpected type: %s. It must be "CERTIFICATE".' % kind)
    if len(blocks) > 1:
        names = []
        for block in blocks:
            try:
                names.append(_common_name(x509.load_pem_x509_certificate(
                    ("-----BEGIN CERTIFICATE-----%s-----END CERTIFICATE-----" % block[1]).encode("utf-8")).subject))
            except ValueError:
                names.append("?")
        raise InputError(1912, "The upload contained %d certificates: '%s'. Only a single certificate may be uploaded at a time."
                         % (len(blocks), ", ".join(names)))
    try:
        cert = x509.load_pem_x509_certificate(text.strip().encode("utf-8"))
    except ValueError as exc:
        raise InputError(1900, 'The provided certificate is in an unknown or unsupported format. The error encountered while parsing was: "%s"' % exc) from exc
    try:
        constraints = cert.extensions.get_extension_for_class(x509.BasicConstraints).value
        is_ca = constraints.ca
    except x509.ExtensionNotFound:
        is_ca = False
    if not is_ca:
        raise InputError(1913, "The uploaded certificate's x509 Basic Constraints did not mark it as a certificate authority (see RFC 5280, 4.2.1.9).")
    usages, ext_usages = key_usages(cert)
    return {
        "subject_common_name": _common_name(cert.subject),
        "not_before": rfc3339(cert.not_valid_before_utc),
        "not_after": rfc3339(cert.not_valid_after_utc),
        "key_usages": usages,
        "extended_key_usages": ext_usages,
    }


# -- SSH ------------------------------------------------------------------

SSH_KEY_TYPES = ("rsa", "ecdsa", "ed25519")
RSA_KEY_SIZES = (2048, 4096)
CURVES = {"p256": ec.SECP256R1, "p384": ec.SECP384R1, "p521": ec.SECP521R1}


def _curve_name(value):
    return re.sub(r"[^a-z0-9]", "", str(value).lower()).replace("secp", "p").replace("r1", "").replace("nistp", "p")


def generate_ssh_ca(key_type, key_size=None, curve=None):
    """Generate a CA key pair; return (private key in OpenSSH PEM, public key line)."""
    if key_type == "rsa":
        if key_size in (None, 0):
            key_size = 4096
        if key_size not in RSA_KEY_SIZES:
            raise InputError(1939, "Invalid key size %s. Valid key sizes: 2048, 4096." % key_size)
        key = rsa.generate_private_key(public_exponent=65537, key_size=key_size)
    elif key_type == "ecdsa":
        name = _curve_name(curve) if curve else "p256"
        if name not in CURVES:
            raise InputError(1941, 'Invalid elliptic curve "%s". Valid elliptic curves: p256, p384, p521.' % curve)
        key = ec.generate_private_key(CURVES[name]())
    else:
        key = ed25519.Ed25519PrivateKey.generate()
    private = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.OpenSSH,
                                serialization.NoEncryption()).decode("ascii")
    public = key.public_key().public_bytes(serialization.Encoding.OpenSSH,
                                           serialization.PublicFormat.OpenSSH).decode("ascii")
    return private, public


def load_ssh_private(text):
    """Load a stored CA private key."""
    return serialization.load_ssh_private_key(text.encode("ascii"), password=None)


def parse_ssh_public_key(text):
    """Parse an authorized_keys style public key.

    Returns (key object, key type name, normalised "<algo> <base64>" string) or
    raises ValueError with a reason.
    """
    if not isinstance(text, str) or not text.strip():
        raise ValueError("empty public key")
    parts = text.strip().split()
    if len(parts) < 2:
        raise ValueError("the key must be '<type> <base64 data> [comment]'")
    try:
        base64.b64decode(parts[1], validate=True)
    except (binascii.Error, ValueError) as exc:
        raise ValueError("the key data is not valid base64") from exc
    try:
        key = serialization.load_ssh_public_key(("%s %s" % (parts[0], parts[1])).encode("ascii"))
    except (ValueError, UnicodeEncodeError, UnsupportedAlgorithm) as exc:
        raise ValueError(str(exc) or "unsupported key") from exc
    if isinstance(key, rsa.RSAPublicKey):
        kind = "rsa"
    elif isinstance(key, ec.EllipticCurvePublicKey):
        kind = "ecdsa"
    elif isinstance(key, ed25519.Ed25519PublicKey):
        kind = "ed25519"
    else:
        kind = "unknown"
    return key, kind, "%s %s" % (parts[0], parts[1])


def sign_ssh_certificate(ca_private_pem, public_key, cert_type, key_id, principals, valid_after, valid_before,
                         critical_options=None, extensions=None):
    """Sign ``public_key`` with the CA; return the certificate line (``<type> <base64> <key_id>``)."""
    builder = ssh.SSHCertificateBuilder().public_key(public_key).serial(0)
    builder = builder.type(ssh.SSHCertificateType.HOST if cert_type == "host" else ssh.SSHCertificateType.USER)
    builder = builder.key_id(key_id.encode("utf-8"))
    if principals:
        builder = builder.valid_principals([p.encode("utf-8") for p in principals])
    else:
        builder = builder.valid_for_all_principals()
    builder = builder.valid_after(int(valid_after.timestamp())).valid_before(int(valid_before.timestamp()))
    for name, value in sorted((critical_options or {}).items()):
        builder = builder.add_critical_option(name.encode("utf-8"), value.encode("utf-8"))
    for name, value in sorted((extensions or {}).items()):
        builder = builder.add_extension(name.encode("utf-8"), value.encode("utf-8"))
    cert = builder.sign(load_ssh_private(ca_private_pem))
    return "%s %s" % (cert.public_bytes().decode("ascii"), key_id)


# -- managed (ACME) certificates -------------------------------------------

ACME_VALIDITY = datetime.timedelta(days=90)
# Let's Encrypt's current intermediates for ECDSA and RSA leaves; the simulator's are self-made.
_ACME_ISSUERS = {"ecdsa": "E5", "rsa": "R10"}
_ACME_ISSUER_KEYS = {}
_ACME_LOCK = threading.Lock()


def _acme_issuer(key_type):
    """(issuer name, issuer key) of the simulated authority, made once per process."""
    with _ACME_LOCK:
        if key_type not in _ACME_ISSUER_KEYS:
            name = x509.Name([x509.NameAttribute(NameOID.COUNTRY_NAME, "US"),
                              x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Let's Encrypt (simulated)"),
                              x509.NameAttribute(NameOID.COMMON_NAME, _ACME_ISSUERS[key_type])])
            _ACME_ISSUER_KEYS[key_type] = (name, ec.generate_private_key(ec.SECP384R1()))
        return _ACME_ISSUER_KEYS[key_type]


def issue_acme_certificate(domain, key_type):
    """A 90-day server certificate for ``domain`` with a fresh ECDSA P-256 or RSA 4096 key.

    Returns (certificate, PEM of the leaf followed by the issuer's certificate).  The
    leaf's private key is not kept.
    """
    issuer_name, issuer_key = _acme_issuer(key_type)
    key = rsa.generate_private_key(public_exponent=65537, key_size=4096) if key_type == "rsa" else \
        ec.generate_private_key(ec.SECP256R1())
    now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    usage = x509.KeyUsage(digital_signature=True, content_commitment=False, key_encipherment=key_type == "rsa",
                          data_encipherment=False, key_agreement=False, key_cert_sign=False, crl_sign=False,
                          encipher_only=False, decipher_only=False)
    leaf = (x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, domain)]))
            .issuer_name(issuer_name).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now).not_valid_after(now + ACME_VALIDITY)
            .add_extension(x509.SubjectAlternativeName([x509.DNSName(domain)]), critical=False)
            .add_extension(usage, critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .sign(issuer_key, hashes.SHA384()))
    issuer = (x509.CertificateBuilder().subject_name(issuer_name).issuer_name(issuer_name)
              .public_key(issuer_key.public_key()).serial_number(1)
              .not_valid_before(now - datetime.timedelta(days=1)).not_valid_after(now + datetime.timedelta(days=3650))
              .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
              .sign(issuer_key, hashes.SHA384()))
    chain = b"".join(cert.public_bytes(serialization.Encoding.PEM) for cert in (leaf, issuer)).decode("ascii")
    return leaf, chain
