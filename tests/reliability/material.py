"""Certificates and keys the scenarios need, made fresh with the cryptography library."""

import datetime
import ipaddress
import os

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID


def _now():
    return datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)


def _pem(cert):
    return cert.public_bytes(serialization.Encoding.PEM).decode("ascii")


def _key_pem(key):
    return key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.NoEncryption()).decode("ascii")


def _authority(common_name):
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(_now() - datetime.timedelta(days=1))
            .not_valid_after(_now() + datetime.timedelta(days=365))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
            .sign(key, hashes.SHA256()))
    return key, cert


def _server(names, ca_key, ca_cert):
    key = ec.generate_private_key(ec.SECP256R1())
    alt = [x509.IPAddress(ipaddress.ip_address(n)) if n[0].isdigit() else x509.DNSName(n) for n in names]
    cert = (x509.CertificateBuilder().subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, names[0])]))
            .issuer_name(ca_cert.subject).public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(_now() - datetime.timedelta(days=1)).not_valid_after(_now() + datetime.timedelta(days=90))
            .add_extension(x509.SubjectAlternativeName(alt), critical=False)
            .add_extension(x509.KeyUsage(True, False, False, False, False, False, False, False, False), critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .sign(ca_key, hashes.SHA256()))
    return cert, key


def _write(directory, name, text):
    path = os.path.join(str(directory), name)
    with open(path, "w", encoding="ascii") as handle:
        handle.write(text)
    os.chmod(path, 0o600)
    return path


def tls_files(directory, *names, prefix=""):
    """A CA and a certificate for ``names`` (host names or IP addresses) that it signed, as files.

    Returns {"ca": CA certificate file, "cert": certificate then CA (a chain), "key": its private key (PKCS#8)}.
    """
    ca_key, ca_cert = _authority("%s reliability test CA" % names[0])
    cert, key = _server(list(names), ca_key, ca_cert)
    return {"ca": _write(directory, prefix + "ca.pem", _pem(ca_cert)),
            "cert": _write(directory, prefix + "cert.pem", _pem(cert) + _pem(ca_cert)),
            "key": _write(directory, prefix + "key.pem", _key_pem(key))}


def ssh_public_key(comment):
    """A fresh ed25519 public key line (its private key is thrown away)."""
    public = ed25519.Ed25519PrivateKey.generate().public_key()
    line = public.public_bytes(serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH).decode("ascii")
    return "%s %s" % (line, comment)


def pem_body_line(path):
    """A line from the middle of a PEM file's base64 body: text that can only come from that file."""
    with open(path, encoding="ascii") as handle:
        lines = [line.strip() for line in handle if line.strip() and not line.startswith("-----")]
    return lines[len(lines) // 2]
