# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The ngrok API resources the modules manage, declared as data for the engine.

Facts come from ngrok's API reference: the request fields of create and update, the keys of the
object, the id prefix, and the fields its filtering documentation lists as filterable
(https://ngrok.com/docs/api/api-filtering/). ``tests/contract`` holds these declarations against
ngrok's OpenAPI description and that table.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.ngrok.ngrok.plugins.module_utils._resource import CLEAR, Field, Resource

# Subdomains of these are owned by ngrok: they never carry an uploaded certificate or a certificate policy.
NGROK_DOMAINS = ("ngrok.app", "ngrok.dev", "ngrok-free.app", "ngrok-free.dev", "ngrok.io", "ngrok.pizza", "ngrok.pro",
                 "ngrok.live", "ngrok-free.pizza")
COMMON_FILTER_FIELDS = ("id", "created_at", "description", "metadata")


def normalize_domain(value):
    """Domains as the API stores them: trimmed, lower case, without a trailing dot."""
    return (value or "").strip().lower().rstrip(".")


def is_ngrok_domain(domain):
    return any(domain.endswith("." + base) for base in NGROK_DOMAINS)


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
    id_prefix="ak",
    human="API key",
    response_keys=("id", "uri", "description", "metadata", "created_at", "token", "owner_id"),
    filterable_fields=COMMON_FILTER_FIELDS + ("owner_id",),
    shown_once=("token",),
    required_for_create=("description",),
    identity_is_unique=False,
    fields=[
        description_field(identity=True),
        metadata_field(),
        Field("owner_id", update=False),
    ],
)


# -- Reserved domains ---------------------------------------------------------------------------

MANAGED_POLICY = {"authority": "letsencrypt", "private_key_type": "ecdsa"}


def _certificate_id_to_api(value):
    return CLEAR if value == "" else value


def _predict_certificate(value, obj):
    return {"certificate": {"id": value, "uri": None} if value else None}


def _policy_to_api(value):
    if not value.get("enabled", True):
        return CLEAR
    return {"authority": value.get("authority") or "letsencrypt",
            "private_key_type": value.get("private_key_type") or "ecdsa"}


def _predict_policy(value, obj):
    if value is None:
        return {"certificate_management_policy": None, "certificate_management_status": None}
    return {"certificate_management_policy": value}


def _provisioning_status():
    """A managed certificate's status while ngrok obtains it; only the API knows the times."""
    return {"renews_at": None, "provisioning_job": {"error_code": None, "msg": None, "started_at": None, "retries_at": None}}


def _derive_reserved_domain(obj, body, current):
    """What the API derives from the inputs: the managed policy of a custom domain, and the certificate a
    policy replaces."""
    if current is None:
        obj["region"] = ""
        if obj.get("resolves_to") is None:
            obj["resolves_to"] = []
        if "certificate_id" not in body and "certificate_management_policy" not in body \
                and not is_ngrok_domain(obj.get("domain") or ""):
            # A custom domain reserved with neither gets a certificate managed by ngrok.
            obj["certificate_management_policy"] = dict(MANAGED_POLICY)
            obj["certificate_management_status"] = _provisioning_status()
    if body.get("certificate_management_policy"):
        obj["certificate"] = None
        obj["certificate_management_status"] = _provisioning_status()


def _resolves_to_to_api(values):
    return [{"value": v.strip()} for v in values]


RESERVED_DOMAIN = Resource(
    name="reserved_domain",
    plural="reserved_domains",
    path="/reserved_domains",
    list_key="reserved_domains",
    id_prefix="rd",
    response_keys=("id", "uri", "created_at", "description", "metadata", "domain", "region", "cname_target", "certificate",
                   "certificate_management_policy", "certificate_management_status", "acme_challenge_cname_target",
                   "resolves_to"),
    filterable_fields=COMMON_FILTER_FIELDS + ("domain", "region", "cname_target", "certificate.id", "acme_challenge_cname_target"),
    required_for_create=("domain",),
    derive=_derive_reserved_domain,
    fields=[
        Field("domain", spec={"type": "str", "aliases": ["name"]}, update=False, identity=True, normalize=normalize_domain),
        # Deprecated by the API: accepted on create, answered as "", so never compared.
        Field("region", update=False, compare=False),
        description_field(),
        metadata_field(),
        Field("certificate_id", read=ref_id("certificate"), to_api=_certificate_id_to_api,
              clear_path="/certificate", predict=_predict_certificate),
        Field("certificate_management_policy",
              spec={"type": "dict", "options": {
                  "enabled": {"type": "bool", "default": True},
                  "authority": {"type": "str", "default": "letsencrypt", "choices": ["letsencrypt"]},
                  "private_key_type": {"type": "str", "default": "ecdsa", "choices": ["ecdsa", "rsa"]}}},
              read=lambda obj: obj.get("certificate_management_policy"), to_api=_policy_to_api,
              clear_path="/certificate_management_policy", predict=_predict_policy),
        Field("resolves_to", spec={"type": "list", "elements": "str"}, to_api=_resolves_to_to_api, compare="set",
              empty=[]),
    ],
)
