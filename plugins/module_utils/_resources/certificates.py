# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Declarations of uploaded TLS certificates and of certificate authorities (for mutual TLS)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

from ansible_collections.ngrok.ngrok.plugins.module_utils._declaration import (
    COMMON_FILTER_FIELDS,
    REDACTED,
    Resource,
    UsedBy,
)
from ansible_collections.ngrok.ngrok.plugins.module_utils._fields import Field, description_field, metadata_field
from ansible_collections.ngrok.ngrok.plugins.module_utils._data import checker
from ansible_collections.ngrok.ngrok.plugins.module_utils._normalize import normalize_pem, pem_blocks

_CERTIFICATE = "CERTIFICATE"
_KEY_LABELS = "a PEM block of a PKCS#8, PKCS#1 or SEC 1 key"
# A private key block, up to its END line or, cut short, to the end of the text.
_PRIVATE_KEY_BLOCK = re.compile(r"-----BEGIN [^\r\n]*?PRIVATE KEY-----.*?(?:-----END [^\r\n]*?PRIVATE KEY-----|\Z)", re.S)


def _is_private_key(label):
    return label.endswith("PRIVATE KEY")


def _kinds(blocks):
    return ", ".join(sorted(set(label or "(no label)" for label, _block in blocks)))


def read_certificates(key_option=None):
    """``read(value)`` giving only the certificates (the CERTIFICATE blocks) of PEM text or of a PEM file: a private
    key in the same text or file (a file with the chain and its key, or the options swapped) is never sent, compared,
    returned or shown. ``key_option`` names the option that takes the key, for the message when there is only a key.
    Raises ValueError with a message that never quotes the value."""
    def read(value):
        blocks = pem_blocks(value)
        certificates = [block for label, block in blocks if label == _CERTIFICATE]
        if certificates:
            return "\n".join(certificates) + "\n"
        if any(_is_private_key(label) for label, _block in blocks):
            where = "give the key in {0}, and the certificate here".format(key_option) if key_option else (
                "give the certificate here, never its key")
            raise ValueError("holds a private key and no certificate (-----BEGIN CERTIFICATE-----); {0}".format(where))
        raise ValueError("holds no certificate (-----BEGIN CERTIFICATE-----), only PEM blocks of type {0}".format(
            _kinds(blocks)))
    return read


def read_private_key(certificate_option):
    """``read(value)`` giving the one private key block of PEM text or of a PEM file, without anything around it (the
    certificate, when one file holds both). Raises ValueError with a message that never quotes the value."""
    def read(value):
        blocks = pem_blocks(value)
        keys = [block for label, block in blocks if _is_private_key(label)]
        if len(keys) == 1:
            return keys[0] + "\n"
        if keys:
            raise ValueError("holds {0} private keys; give only the key of the certificate in {1}".format(
                len(keys), certificate_option))
        problem = "holds no private key ({0})".format(_KEY_LABELS)
        if any(label == _CERTIFICATE for label, _block in blocks):
            problem += "; it holds a certificate, which goes in {0}".format(certificate_option)
        raise ValueError(problem)
    return read


def without_private_keys(text):
    """``text`` with every private key block replaced by a marker."""
    if not isinstance(text, str):
        return text
    return _PRIVATE_KEY_BLOCK.sub(REDACTED, text)


def pem_field(name, key_option=None, **kwargs):
    """A create-only option taking certificates as PEM text or the path of a PEM file, compared without line-ending
    differences. Only its CERTIFICATE blocks are read."""
    read = read_certificates(key_option)
    return Field(name, update=False, to_api=read, check=checker(read), normalize=normalize_pem, **kwargs)


def private_key_field(name, certificate_option):
    """A create-only, write-only option taking one private key as PEM text or the path of a PEM file: sent on create,
    never compared, returned or shown. Only its private key block is sent."""
    read = read_private_key(certificate_option)
    return Field(name, spec={"type": "str", "no_log": True}, update=False, write_only=True, to_api=read,
                 check=checker(read))


class _CertificateResource(Resource):
    """A resource with certificate data (``pem_fields``) that results and ``--diff`` never show with a private key:
    should the API hold one in certificate data (uploaded there some other way), a marker takes its place."""

    def __init__(self, pem_fields, **kwargs):
        super(_CertificateResource, self).__init__(**kwargs)
        self.pem_fields = tuple(pem_fields)

    def public_view(self, obj):
        view = super(_CertificateResource, self).public_view(obj)
        if isinstance(view, dict):
            for name in self.pem_fields:
                if view.get(name):
                    view[name] = without_private_keys(view[name])
        return view


# -- TLS certificates ---------------------------------------------------------------------------

TLS_CERTIFICATE = _CertificateResource(
    pem_fields=("certificate_pem",),
    name="tls_certificate",
    plural="tls_certificates",
    path="/tls_certificates",
    list_key="tls_certificates",
    id_prefix="cert",
    human="TLS certificate",
    response_keys=("id", "uri", "created_at", "description", "metadata", "certificate_pem", "subject_common_name",
                   "subject_alternative_names", "issued_at", "not_before", "not_after", "key_usages", "extended_key_usages",
                   "private_key_type", "issuer_common_name", "serial_number", "subject_organization",
                   "subject_organizational_unit", "subject_locality", "subject_province", "subject_country"),
    filterable_fields=COMMON_FILTER_FIELDS + ("subject_common_name", "not_after", "not_before", "serial_number"),
    required_for_create=("description", "certificate_pem", "private_key_pem"),
    # Nothing stops two certificates from having the same description: a replacement is uploaded first.
    identity_is_unique=False,
    offers_replace=True,
    used_by=[UsedBy("/reserved_domains", "reserved_domains", "certificate.id", "certificate_id")],
    fields=[
        description_field(identity=True),
        metadata_field(),
        pem_field("certificate_pem", key_option="private_key_pem"),
        # Never answered by the API: sent on create, never compared, returned or shown.
        private_key_field("private_key_pem", certificate_option="certificate_pem"),
    ],
)


# -- Certificate authorities --------------------------------------------------------------------

CERTIFICATE_AUTHORITY = _CertificateResource(
    pem_fields=("ca_pem",),
    name="certificate_authority",
    plural="certificate_authorities",
    path="/certificate_authorities",
    list_key="certificate_authorities",
    id_prefix="ca",
    response_keys=("id", "uri", "created_at", "description", "metadata", "ca_pem", "subject_common_name", "not_before",
                   "not_after", "key_usages", "extended_key_usages"),
    filterable_fields=COMMON_FILTER_FIELDS + ("subject_common_name", "not_before", "not_after"),
    required_for_create=("description", "ca_pem"),
    identity_is_unique=False,
    offers_replace=True,
    fields=[
        description_field(identity=True),
        metadata_field(),
        pem_field("ca_pem"),
    ],
)
