# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Declarations of uploaded TLS certificates and of certificate authorities (for mutual TLS)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.ngrok.ngrok.plugins.module_utils._resource import (
    COMMON_FILTER_FIELDS,
    Field,
    Resource,
    UsedBy,
    description_field,
    metadata_field,
)
from ansible_collections.ngrok.ngrok.plugins.module_utils._values import check_pem, normalize_pem, read_pem


def pem_field(name, **kwargs):
    """A create-only option taking PEM text or the path of a PEM file, compared without line-ending differences."""
    return Field(name, update=False, to_api=read_pem, check=check_pem, normalize=normalize_pem, **kwargs)


# -- TLS certificates ---------------------------------------------------------------------------

TLS_CERTIFICATE = Resource(
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
        pem_field("certificate_pem"),
        # Never answered by the API: sent on create, never compared, returned or shown.
        Field("private_key_pem", spec={"type": "str", "no_log": True}, update=False, write_only=True, to_api=read_pem,
              check=check_pem),
    ],
)


# -- Certificate authorities --------------------------------------------------------------------

CERTIFICATE_AUTHORITY = Resource(
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
