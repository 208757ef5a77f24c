# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Write real certificates and keys for the certificate targets into DIRECTORY (usage: make_certificates.py DIRECTORY
DOMAIN). Needs the cryptography library, which the tests' requirements include.

    ca.pem           a self-signed certificate authority, "<DOMAIN> Root CA"
    ca-renewed.pem   another one with the same subject
    cert.pem         a server certificate for DOMAIN signed by ca.pem, followed by ca.pem (a chain, leaf first)
    key.pem          its private key (PKCS#8, not encrypted)
    leaf.pem         the server certificate alone (not a certificate authority)
    cert-renewed.pem, key-renewed.pem   another server certificate for DOMAIN, with another key
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime
import os
import sys

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

NOW = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)


def pem(cert):
    return cert.public_bytes(serialization.Encoding.PEM).decode("ascii")


def authority(common_name):
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(NOW - datetime.timedelta(days=1))
            .not_valid_after(NOW + datetime.timedelta(days=3650))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
            .sign(key, hashes.SHA256()))
    return key, cert


def server(domain, ca_key, ca_cert):
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, domain),
                                     x509.NameAttribute(NameOID.ORGANIZATION_NAME, "ngrok.ngrok tests")]))
            .issuer_name(ca_cert.subject).public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(NOW - datetime.timedelta(days=1)).not_valid_after(NOW + datetime.timedelta(days=90))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName(domain)]), critical=False)
            .add_extension(x509.KeyUsage(True, False, False, False, False, False, False, False, False), critical=True)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .sign(ca_key, hashes.SHA256()))
    key_pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption()).decode("ascii")
    return cert, key_pem


def write(directory, name, text, mode=0o644):
    path = os.path.join(directory, name)
    with open(path, "w") as handle:
        handle.write(text)
    os.chmod(path, mode)


def main():
    directory, domain = sys.argv[1:3]
    ca_key, ca_cert = authority(domain + " Root CA")
    write(directory, "ca.pem", pem(ca_cert))
    write(directory, "ca-renewed.pem", pem(authority(domain + " Root CA")[1]))
    for suffix in ("", "-renewed"):
        cert, key_pem = server(domain, ca_key, ca_cert)
        write(directory, "cert%s.pem" % suffix, pem(cert) + pem(ca_cert))
        write(directory, "key%s.pem" % suffix, key_pem, 0o600)
        if not suffix:
            write(directory, "leaf.pem", pem(cert))


if __name__ == "__main__":
    main()
