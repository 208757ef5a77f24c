# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Fresh OpenSSH public key lines for tests, made with the cryptography library."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa

CURVES = {"p256": ec.SECP256R1, "p384": ec.SECP384R1, "p521": ec.SECP521R1}


def public_key(kind="ed25519", comment=None, bits=2048, curve="p256"):
    """A new key pair's public key as a .pub file line: ``<type> <base64>`` and the comment, if any."""
    if kind == "rsa":
        key = rsa.generate_private_key(public_exponent=65537, key_size=bits)
    elif kind == "ecdsa":
        key = ec.generate_private_key(CURVES[curve]())
    else:
        key = ed25519.Ed25519PrivateKey.generate()
    line = key.public_key().public_bytes(serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH).decode("ascii")
    return line + " " + comment if comment else line
