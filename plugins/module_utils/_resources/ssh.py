# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Declarations of SSH certificate authorities, SSH credentials and SSH host and user certificates, and how
OpenSSH public keys are compared (private to this collection)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import base64
import binascii
import re
import struct

from ansible_collections.ngrok.ngrok.plugins.module_utils._errors import EngineError
from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.access import owner_reference
from ansible_collections.ngrok.ngrok.plugins.module_utils._declaration import COMMON_FILTER_FIELDS, Resource
from ansible_collections.ngrok.ngrok.plugins.module_utils._fields import (
    Field,
    Reference,
    description_field,
    metadata_field,
    owner_field,
)
from ansible_collections.ngrok.ngrok.plugins.module_utils._normalize import check_rfc3339, normalize_rfc3339


# -- OpenSSH public keys --------------------------------------------------------------------------

_BASE64 = re.compile(r"^[A-Za-z0-9+/]+={0,2}$")


def _key_blob(value):
    """(key type, decoded key data) of an OpenSSH public key line ``<type> <base64> [comment]``. Raises ValueError."""
    parts = value.split() if isinstance(value, str) else []
    if len(parts) < 2:
        raise ValueError("expected an OpenSSH public key line: '<key type> <base64 data> [comment]'")
    kind, data = parts[0], parts[1]
    if not _BASE64.match(data) or len(data) % 4:
        raise ValueError("the key data after {0!r} is not base64".format(kind))
    blob = base64.b64decode(data)
    name, _rest = _ssh_string(blob)
    if name != kind.encode("ascii", "replace"):
        raise ValueError("the key data is not a {0} key".format(kind))
    return kind, blob


def _ssh_string(data):
    """(string, rest) read from SSH wire data (a 4-byte length, then the bytes). Raises ValueError."""
    if len(data) < 4:
        raise ValueError("the key data is truncated")
    (length,) = struct.unpack(">I", data[:4])
    if len(data) < 4 + length:
        raise ValueError("the key data is truncated")
    return data[4:4 + length], data[4 + length:]


def _is_private_key(value):
    """True for a private key (OpenSSH, PEM or PuTTY) given where a public key belongs."""
    text = value.lstrip() if isinstance(value, str) else ""
    return "PRIVATE KEY-----" in text or text.startswith("PuTTY-User-Key-File")


def check_ssh_public_key(value):
    # Never quote the value: it may be a private key.
    if _is_private_key(value):
        return ("this is a private key; give the public key (the .pub file, or what 'ssh-keygen -y -f <private key "
                "file>' prints), never the private key")
    if isinstance(value, str) and value.lstrip().startswith("-----BEGIN"):
        return ("expected the key in OpenSSH format, as in a .pub file, not PEM ('ssh-keygen -i -m PKCS8 -f key.pem' "
                "converts a PEM public key)")
    try:
        _key_blob(value)
    except ValueError as exc:
        return "{0} (as in a .pub file, such as 'ssh-ed25519 AAAAC3Nza... me@laptop')".format(exc)
    return None


def normalize_ssh_public_key(value):
    """The key line as sent: without surrounding blank space."""
    return value.strip() if isinstance(value, str) else value


def ssh_key_material(value):
    """What designates a key: its type and base64 data, without the comment (``ssh-ed25519 AAAAC3Nza...``)."""
    parts = value.split() if isinstance(value, str) else []
    return " ".join(parts[:2]) if len(parts) >= 2 else (value or "")


def ssh_key_type(value):
    """The API's name of a public key's type (``ed25519``, ``ecdsa``, ``rsa``), or None for any other."""
    kind = (value or "").split(" ")[0]
    if kind == "ssh-ed25519":
        return "ed25519"
    if kind == "ssh-rsa":
        return "rsa"
    if kind.startswith("ecdsa-sha2-"):
        return "ecdsa"
    return None


def ssh_key_curve(value):
    """The elliptic curve of an ECDSA key (``p256``, ``p384``, ``p521``), or "" for another key."""
    kind = (value or "").split(" ")[0]
    if kind.startswith("ecdsa-sha2-nist"):
        return kind[len("ecdsa-sha2-nist"):]
    return ""


def ssh_rsa_bits(value):
    """The modulus size in bits of an RSA key (2048, 4096), or None for another key."""
    try:
        kind, blob = _key_blob(value)
        if kind != "ssh-rsa":
            return None
        _name, rest = _ssh_string(blob)
        _exponent, rest = _ssh_string(rest)
        modulus, _rest = _ssh_string(rest)
    except (ValueError, TypeError, binascii.Error):
        return None
    return int(binascii.hexlify(modulus) or b"0", 16).bit_length()


def _public_key_field():
    return Field("public_key", update=False, identity=True, normalize=normalize_ssh_public_key, compare_as=ssh_key_material,
                 check=check_ssh_public_key)


# -- SSH certificate authorities ----------------------------------------------------------------

def _check_key_options(params):
    for option, key_type in (("key_size", "rsa"), ("elliptic_curve", "ecdsa")):
        if params.get(option) is not None and params.get("private_key_type") != key_type:
            raise EngineError("{0} applies to {1} keys only: set private_key_type={1} with it (the task has "
                              "private_key_type={2})".format(option, key_type, params.get("private_key_type")))


SSH_CERTIFICATE_AUTHORITY = Resource(
    name="ssh_certificate_authority",
    plural="ssh_certificate_authorities",
    path="/ssh_certificate_authorities",
    list_key="ssh_certificate_authorities",
    id_prefix="sshca",
    human="SSH certificate authority",
    response_keys=("id", "uri", "created_at", "description", "metadata", "public_key", "key_type"),
    filterable_fields=COMMON_FILTER_FIELDS,
    required_for_create=("description",),
    identity_is_unique=False,
    offers_replace=True,
    check=_check_key_options,
    # ngrok makes the key pair: the same authority created in another account has another key.
    assigned=("public_key",),
    fields=[
        description_field(identity=True),
        metadata_field(),
        # ngrok generates the key pair and keeps the private key. The API does not echo these inputs, but its answer
        # shows them all: key_type, and the curve or the modulus size in the public key.
        Field("private_key_type", spec={"type": "str", "choices": ["ed25519", "ecdsa", "rsa"]}, update=False,
              read=lambda obj: obj.get("key_type") or "", predict=lambda value, obj: {"key_type": value}),
        # Taken from the old CA into a replacement only with its key type, which the task may change.
        Field("elliptic_curve", spec={"type": "str", "choices": ["p256", "p384", "p521"]}, update=False,
              read=lambda obj: ssh_key_curve(obj.get("public_key")), predict=lambda value, obj: {}, replace_keeps=False),
        Field("key_size", spec={"type": "int", "choices": [2048, 4096]}, update=False,
              read=lambda obj: ssh_rsa_bits(obj.get("public_key")), predict=lambda value, obj: {}, replace_keeps=False),
    ],
)


# -- SSH credentials ----------------------------------------------------------------------------

SSH_CREDENTIAL = Resource(
    name="ssh_credential",
    plural="ssh_credentials",
    path="/ssh_credentials",
    list_key="ssh_credentials",
    id_prefix="sshcr",
    human="SSH credential",
    response_keys=("id", "uri", "created_at", "description", "metadata", "public_key", "acl", "owner_id"),
    # The public key is not filterable: a lookup by key reads every page.
    filterable_fields=COMMON_FILTER_FIELDS + ("owner_id", "acl"),
    required_for_create=("public_key",),
    derive=lambda obj, body, current: obj.update(acl=obj.get("acl") or []) if current is None else None,
    offers_replace=True,
    conflict_codes=(609,),
    references=[owner_reference()],
    fields=[
        _public_key_field(),
        description_field(),
        metadata_field(),
        Field("acl", spec={"type": "list", "elements": "str"}, compare="set", empty=[]),
        owner_field(),
    ],
)


# -- SSH host and user certificates ---------------------------------------------------------------

DEFAULT_USER_EXTENSIONS = {"permit-pty": "", "permit-user-rc": ""}


def _string_map(value):
    """Certificate options as the API takes them: text values, "" for an option without a value."""
    return dict((k, "" if v is None else v) for k, v in value.items())


def _check_string_map(value):
    for key, item in value.items():
        if item is not None and not isinstance(item, str):
            return "the value of {0!r} must be text (\"\" for an option without a value), got {1!r}".format(key, item)
    return None


def _check_extensions(value):
    if not value:
        return ("an empty mapping cannot be sent: the API gives a certificate created without extensions the default "
                "ones (permit-pty, permit-user-rc)")
    return _check_string_map(value)


def _derive_certificate(defaults):
    def derive(obj, body, current):
        if current is not None:
            return
        obj["key_type"] = ssh_key_type(body.get("public_key"))
        if obj.get("principals") is None:
            obj["principals"] = []
        for key, value in defaults.items():
            if obj.get(key) is None:
                obj[key] = dict(value)
    return derive


def _certificate_fields(options=()):
    return [
        Field("ssh_certificate_authority_id", update=False, identity=True),
        _public_key_field(),
        Field("principals", spec={"type": "list", "elements": "str"}, update=False, compare="set", empty=[]),
    ] + list(options) + [
        # The API fills them from the moment of creation: a re-issued certificate gets them afresh.
        Field("valid_after", update=False, normalize=normalize_rfc3339, check=check_rfc3339, replace_keeps=False),
        Field("valid_until", update=False, normalize=normalize_rfc3339, check=check_rfc3339, replace_keeps=False),
        description_field(),
        metadata_field(),
    ]


def _ca_reference():
    return Reference("ssh_certificate_authority_description", "ssh_certificate_authority_id", SSH_CERTIFICATE_AUTHORITY,
                     "description")


CERTIFICATE_KEYS = ("id", "uri", "created_at", "description", "metadata", "public_key", "key_type",
                    "ssh_certificate_authority_id", "principals", "valid_after", "valid_until", "certificate")

SSH_HOST_CERTIFICATE = Resource(
    name="ssh_host_certificate",
    plural="ssh_host_certificates",
    path="/ssh_host_certificates",
    list_key="ssh_host_certificates",
    id_prefix="shcrt",
    human="SSH host certificate",
    response_keys=CERTIFICATE_KEYS,
    # The list takes no filter: a lookup reads every page.
    filterable_fields=(),
    required_for_create=("public_key",),
    identity_is_unique=False,
    derive=_derive_certificate({}),
    references=[_ca_reference()],
    offers_replace=True,
    assigned=("certificate",),
    fields=_certificate_fields(),
)

SSH_USER_CERTIFICATE = Resource(
    name="ssh_user_certificate",
    plural="ssh_user_certificates",
    path="/ssh_user_certificates",
    list_key="ssh_user_certificates",
    id_prefix="sucrt",
    human="SSH user certificate",
    response_keys=CERTIFICATE_KEYS[:-3] + ("critical_options", "extensions") + CERTIFICATE_KEYS[-3:],
    filterable_fields=(),
    required_for_create=("public_key",),
    identity_is_unique=False,
    derive=_derive_certificate({"critical_options": {}, "extensions": DEFAULT_USER_EXTENSIONS}),
    references=[_ca_reference()],
    offers_replace=True,
    assigned=("certificate",),
    fields=_certificate_fields([
        Field("critical_options", spec={"type": "dict"}, update=False, to_api=_string_map, check=_check_string_map,
              empty={}),
        Field("extensions", spec={"type": "dict"}, update=False, to_api=_string_map, check=_check_extensions, empty={},
              api_default=DEFAULT_USER_EXTENSIONS),
    ]),
)
