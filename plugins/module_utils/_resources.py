# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Declarations of the ngrok API resources the modules manage (data for the resource engine)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.ngrok.ngrok.plugins.module_utils._resource import CLEAR, Field, Resource


def normalize_domain(value):
    """Domains as the API stores them: trimmed, lower case, without a trailing dot."""
    return (value or "").strip().lower().rstrip(".")


def ref_id(key):
    """Read the id of a ``{id, uri}`` reference the API returns under ``key``."""
    def read(obj):
        return (obj.get(key) or {}).get("id") or ""
    return read


def description_field(identity=False):
    return Field("description", identity=identity)


def metadata_field():
    return Field("metadata")


# -- API keys -----------------------------------------------------------------------------------

API_KEY = Resource(
    name="api_key",
    plural="api_keys",
    path="/api_keys",
    list_key="keys",
    human="API key",
    shown_once=("token",),
    required_for_create=("description",),
    fields=[
        description_field(identity=True),
        metadata_field(),
        Field("owner_id", update=False),
    ],
)


# -- Reserved domains ---------------------------------------------------------------------------

def _certificate_id_to_api(value):
    return CLEAR if value == "" else value


def _predict_certificate(value, current):
    return {"certificate": {"id": value, "uri": None} if value else None}


def _policy_to_api(value):
    if not value.get("enabled", True):
        return CLEAR
    return {"authority": value.get("authority") or "letsencrypt",
            "private_key_type": value.get("private_key_type") or "ecdsa"}


def _predict_policy(value, current):
    if value is None:
        return {"certificate_management_policy": None, "certificate_management_status": None}
    return {"certificate_management_policy": value}


def _read_policy(obj):
    return obj.get("certificate_management_policy")


RESERVED_DOMAIN = Resource(
    name="reserved_domain",
    plural="reserved_domains",
    path="/reserved_domains",
    list_key="reserved_domains",
    required_for_create=("domain",),
    fields=[
        Field("domain", update=False, identity=True, normalize=normalize_domain),
        # Deprecated by the API: accepted on create, answered as "", so never compared.
        Field("region", update=False, compare=False),
        description_field(),
        metadata_field(),
        Field("certificate_id", read=ref_id("certificate"), to_api=_certificate_id_to_api,
              clear_path="/certificate", predict=_predict_certificate),
        Field("certificate_management_policy", read=_read_policy, to_api=_policy_to_api,
              clear_path="/certificate_management_policy", predict=_predict_policy),
    ],
)
