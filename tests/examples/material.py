# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The files the modules' examples read: certificates, keys and a traffic policy, made fresh for each run.

The examples name files the way a user's playbook does: PEM files under /etc/ssl and /etc/pki, OpenSSH public keys
under files/ and keys/ beside the playbook, the host's own key under /etc/ssh. ``write_material(playbook_dir, root)``
makes all of them; ``root`` stands for ``/`` (the runner maps the examples' absolute paths into it).
"""

import datetime
import os

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

# OpenSSH public keys the examples read, relative to the playbook, and the host key under the root.
PUBLIC_KEYS = ("files/id_ed25519.pub", "keys/alice.pub", "keys/backup.pub", "keys/leaver.pub", "keys/ann.pub",
               "keys/ben.pub", "ROOT/etc/ssh/ssh_host_ed25519_key.pub")
# Certificate authorities (PEM files under the root).
AUTHORITIES = {"etc/pki/devices/ca.pem": "Device Fleet Root CA", "etc/pki/devices/ca-2027.pem": "Device Fleet Root CA 2027"}
# Server certificates: directory (under the root, or beside the playbook) -> the domain they are for.
SERVER_CERTIFICATES = {
    "ROOT/etc/ssl/ngrok/portal.example.com": "portal.example.com",
    "ROOT/etc/ssl/ngrok/staging": "staging.example.com",
    "certs/app.example.com": "app.example.com",
    "certs/api.example.com": "api.example.com",
}
APP_POLICY = """on_http_request:
  - actions:
      - type: custom-response
        config:
          status_code: 200
          body: served from app-policy.yml
"""


def _now():
    return datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)


def _write(path, text, mode=0o644):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="ascii") as handle:
        handle.write(text)
    os.chmod(path, mode)


def _pem(cert):
    return cert.public_bytes(serialization.Encoding.PEM).decode("ascii")


def _authority(common_name):
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(_now() - datetime.timedelta(days=1)).not_valid_after(_now() + datetime.timedelta(days=3650))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
            .sign(key, hashes.SHA256()))
    return key, cert


def _server_certificate(issuer_key, issuer_cert, domain):
    key = ec.generate_private_key(ec.SECP256R1())
    cert = (x509.CertificateBuilder().subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, domain)]))
            .issuer_name(issuer_cert.subject).public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(_now() - datetime.timedelta(days=1)).not_valid_after(_now() + datetime.timedelta(days=365))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName(domain), x509.DNSName("www." + domain)]),
                           critical=False)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
            .sign(issuer_key, hashes.SHA256()))
    key_pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption()).decode("ascii")
    return _pem(cert) + _pem(issuer_cert), key_pem


def _place(relative, playbook_dir, root):
    if relative.startswith("ROOT/"):
        return os.path.join(root, relative[len("ROOT/"):])
    return os.path.join(playbook_dir, relative)


def write_material(playbook_dir, root):
    """Write every file the examples read; ``root`` stands for ``/``."""
    for relative in PUBLIC_KEYS:
        key = ed25519.Ed25519PrivateKey.generate().public_key()
        line = key.public_bytes(serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH).decode("ascii")
        name = os.path.basename(relative)[:-len(".pub")]
        _write(_place(relative, playbook_dir, root), "%s %s@examples\n" % (line, name))
    for relative, common_name in AUTHORITIES.items():
        _write(os.path.join(root, relative), _pem(_authority(common_name)[1]))
    issuer_key, issuer_cert = _authority("Examples Issuing CA")
    for relative, domain in SERVER_CERTIFICATES.items():
        chain, key_pem = _server_certificate(issuer_key, issuer_cert, domain)
        directory = _place(relative, playbook_dir, root)
        _write(os.path.join(directory, "fullchain.pem"), chain)
        _write(os.path.join(directory, "privkey.pem"), key_pem, mode=0o600)
    _write(os.path.join(playbook_dir, "app-policy.yml"), APP_POLICY)
    # Files the examples edit in place (lineinfile without create), and the directories they write into, which the
    # software they configure makes on a real host.
    _write(os.path.join(root, "etc/ssh/sshd_config"), "# sshd_config of the examples' host\n")
    for directory in ("etc/ngrok", "etc/ci", "etc/support-bot", "srv/keys/alice"):
        os.makedirs(os.path.join(root, directory), exist_ok=True)
