"""Uploaded TLS certificates (``/tls_certificates``), parsed with ``cryptography``."""

import re

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
from cryptography.x509.oid import NameOID

from ..errors import bad_request
from ..resource import COMMON_FILTERS, STRING, Resource
from .. import ids
from ..crypto import issue_acme_certificate, key_usages
from ..helpers import rfc3339

_CERT_BLOCK = re.compile(r"-----BEGIN CERTIFICATE-----.+?-----END CERTIFICATE-----", re.S)
_KEY_BLOCK = re.compile(r"-----BEGIN ([A-Z ]*PRIVATE KEY)-----.+?-----END \1-----", re.S)


def _name_attr(name, oid):
    values = name.get_attributes_for_oid(oid)
    return values[0].value if values else ""


def _key_type(public_key):
    if isinstance(public_key, rsa.RSAPublicKey):
        return "rsa"
    if isinstance(public_key, ec.EllipticCurvePublicKey):
        return "ecdsa"
    if isinstance(public_key, ed25519.Ed25519PublicKey):
        return "ed25519"
    return "unknown"


def _public_bytes(key):
    return key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)


def parse_certificate(cert_pem, key_pem):
    """Validate a certificate chain and its key; return the derived response fields."""
    if "PRIVATE KEY-----" in cert_pem and not _CERT_BLOCK.search(cert_pem):
        raise bad_request(1925, "The provided certificate is actually a private key.")
    blocks = _CERT_BLOCK.findall(cert_pem)
    if not blocks:
        raise bad_request(1922, "No PEM-encoded certificate was found in the creation request.")
    try:
        leaf = x509.load_pem_x509_certificate(blocks[0].encode("ascii"))
    except (ValueError, UnicodeEncodeError) as exc:
        raise bad_request(1900, "The provided certificate is in an unknown or unsupported format. The error encountered while "
                          "parsing was: \"%s\"" % exc) from None
    if "BEGIN CERTIFICATE" in key_pem and not _KEY_BLOCK.search(key_pem):
        raise bad_request(1924, "The provided private key is actually a certificate.")
    if "ENCRYPTED" in key_pem:
        raise bad_request(1902, "The provided private key is encrypted.")
    match = _KEY_BLOCK.search(key_pem)
    if not match:
        raise bad_request(1901, "No PEM-encoded private key was found in the creation request.")
    try:
        key = serialization.load_pem_private_key(match.group(0).encode("ascii"), password=None)
    except (ValueError, TypeError, UnicodeEncodeError):
        raise bad_request(1903, "The provided private key is in an unknown or unsupported format.") from None
    if _public_bytes(key.public_key()) != _public_bytes(leaf.public_key()):
        raise bad_request(1923, "The provided certificate and private key do not match each other.")
    return certificate_fields(leaf)


def serial_hex(serial):
    """The serial number as ngrok writes it: the hex of its whole bytes, so with a leading zero where the first byte
    is below 0x10 (the recorded ``054ba70d...``)."""
    return serial.to_bytes(max(1, (serial.bit_length() + 7) // 8), "big").hex()


def certificate_fields(leaf, issued_at=None):
    """The response fields ngrok derives from a certificate (``issued_at``: set for managed certificates)."""
    try:
        sans = leaf.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
        dns_names = sans.get_values_for_type(x509.DNSName)
        ips = [str(ip) for ip in sans.get_values_for_type(x509.IPAddress)]
    except x509.ExtensionNotFound:
        dns_names, ips = [], []
    usages, extended = key_usages(leaf)
    subject = leaf.subject
    return {
        "subject_common_name": _name_attr(subject, NameOID.COMMON_NAME),
        "subject_alternative_names": {"dns_names": dns_names, "ips": ips},
        "issued_at": issued_at,
        "not_before": rfc3339(leaf.not_valid_before_utc),
        "not_after": rfc3339(leaf.not_valid_after_utc),
        "key_usages": usages,
        "extended_key_usages": extended,
        "private_key_type": _key_type(leaf.public_key()),
        "issuer_common_name": _name_attr(leaf.issuer, NameOID.COMMON_NAME),
        "serial_number": serial_hex(leaf.serial_number),
        "subject_organization": _name_attr(subject, NameOID.ORGANIZATION_NAME),
        "subject_organizational_unit": _name_attr(subject, NameOID.ORGANIZATIONAL_UNIT_NAME),
        "subject_locality": _name_attr(subject, NameOID.LOCALITY_NAME),
        "subject_province": _name_attr(subject, NameOID.STATE_OR_PROVINCE_NAME),
        "subject_country": _name_attr(subject, NameOID.COUNTRY_NAME),
    }


def pem_answer(text):
    """PEM text as the API answers it: ending with one line break (EX _tls_certificates_create_request.mdx sends none,
    _tls_certificates_create_response.mdx answers the same text with one)."""
    return text.strip() + "\n"


class TlsCertificates(Resource):
    """A user-uploaded certificate chain; the private key is write-only."""

    name = "tls_certificate"
    path = "/tls_certificates"
    list_key = "tls_certificates"
    id_prefix = "cert"
    filterable_fields = COMMON_FILTERS + ("subject_common_name", "not_after", "not_before", "serial_number")
    fields = ("id", "uri", "created_at", "description", "metadata", "certificate_pem", "subject_common_name",
              "subject_alternative_names", "issued_at", "not_before", "not_after", "key_usages", "extended_key_usages",
              "private_key_type", "issuer_common_name", "serial_number", "subject_organization", "subject_organizational_unit",
              "subject_locality", "subject_province", "subject_country")
    create_fields = {"description": STRING, "metadata": STRING, "certificate_pem": STRING, "private_key_pem": STRING}
    update_fields = {"description": STRING, "metadata": STRING}
    write_only = ("private_key_pem",)
    timestamp_fields = ("created_at", "not_before", "not_after", "issued_at")
    description_code = 1914
    metadata_code = 1915

    def validate_create(self, ctx, body):
        if not body.get("certificate_pem", "").strip():
            raise bad_request(1922, "No PEM-encoded certificate was found in the creation request.")
        if not body.get("private_key_pem", "").strip():
            raise bad_request(1901, "No PEM-encoded private key was found in the creation request.")
        body["_parsed"] = parse_certificate(body["certificate_pem"], body["private_key_pem"])
        body["certificate_pem"] = pem_answer(body["certificate_pem"])

    def on_create(self, ctx, record, body):
        record.update(record.pop("_parsed"))

    def create_managed(self, ctx, domain, key_type):
        """Store a certificate issued by the (simulated) ACME authority for ``domain``; return its record.

        Its private key is generated, used to build the certificate and forgotten.
        """
        leaf, chain_pem = issue_acme_certificate(domain, key_type)
        record = {"id": ids.new_id(self.id_prefix), "created_at": ctx.now, "certificate_pem": chain_pem, "_managed": True}
        record.update(certificate_fields(leaf, issued_at=ctx.now))
        ctx.store.put(self.collection, record)
        return record

    def check_delete(self, ctx, record):
        for domain in ctx.store.table("reserved_domains").values():
            if domain.get("certificate_id") == record["id"] and domain.get("certificate_management_policy"):
                raise bad_request(1966, "The certificate %s could not be deleted because it has an attached Managed Certificate "
                                  "Policy. If this certificate is automatically generated, delete the domain reservation or use a "
                                  "different certificate type." % record["id"])

    def on_delete(self, ctx, record):
        for domain in list(ctx.store.table("reserved_domains").values()):
            if domain.get("certificate_id") == record["id"]:
                updated = dict(domain, certificate_id=None)
                ctx.store.put("reserved_domains", updated)


RESOURCES = [TlsCertificates()]
