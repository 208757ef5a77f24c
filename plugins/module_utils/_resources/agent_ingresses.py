# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Declaration of agent ingresses: domains of the account's own that ngrok agents connect through."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.ngrok.ngrok.plugins.module_utils._declaration import COMMON_FILTER_FIELDS, Resource
from ansible_collections.ngrok.ngrok.plugins.module_utils._fields import CLEAR, Field, description_field, metadata_field
from ansible_collections.ngrok.ngrok.plugins.module_utils._normalize import normalize_domain

# The API's defaults for an agent ingress's policy: Let's Encrypt, RSA keys (not ECDSA as for reserved domains).
DEFAULT_AUTHORITY = "letsencrypt"
DEFAULT_KEY_TYPE = "rsa"


def _policy_to_api(value):
    if not value.get("enabled", True):
        # The API has no request that removes a policy (no DELETE of it, and a null in a PATCH means "unchanged").
        return CLEAR
    return {"authority": value.get("authority") or DEFAULT_AUTHORITY,
            "private_key_type": value.get("private_key_type") or DEFAULT_KEY_TYPE}


def _provisioning_status():
    """A certificate's status while ngrok obtains it; only the API knows the times."""
    return {"renews_at": None, "provisioning_job": {"error_code": None, "msg": None, "started_at": None, "retries_at": None}}


def _predict_policy(value, obj):
    if value is None:
        return {"certificate_management_policy": None, "certificate_management_status": None}
    return {"certificate_management_policy": value}


def _derive_agent_ingress(obj, body, current):
    """A policy that is set or changed starts a provisioning job; without one, ngrok's own CA serves the domain."""
    if body.get("certificate_management_policy"):
        obj["certificate_management_status"] = _provisioning_status()


AGENT_INGRESS = Resource(
    name="agent_ingress",
    plural="agent_ingresses",
    path="/agent_ingresses",
    list_key="ingresses",
    id_prefix="agin",
    response_keys=("id", "uri", "description", "metadata", "domain", "ns_targets", "region_domains", "created_at",
                   "certificate_management_policy", "certificate_management_status"),
    filterable_fields=COMMON_FILTER_FIELDS + ("domain",),
    required_for_create=("domain",),
    derive=_derive_agent_ingress,
    offers_replace=True,
    conflict_codes=(6706,),
    fields=[
        Field("domain", update=False, identity=True, normalize=normalize_domain),
        description_field(),
        metadata_field(),
        Field("certificate_management_policy",
              spec={"type": "dict", "options": {
                  "enabled": {"type": "bool", "default": True},
                  "authority": {"type": "str", "default": DEFAULT_AUTHORITY, "choices": [DEFAULT_AUTHORITY]},
                  "private_key_type": {"type": "str", "default": DEFAULT_KEY_TYPE, "choices": ["rsa", "ecdsa"]}}},
              read=lambda obj: obj.get("certificate_management_policy"), to_api=_policy_to_api, predict=_predict_policy),
    ],
)
