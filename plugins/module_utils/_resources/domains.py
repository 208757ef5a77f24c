# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Declarations of reserved domains and reserved TCP addresses."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.certificates import TLS_CERTIFICATE
from ansible_collections.ngrok.ngrok.plugins.module_utils._errors import EngineError
from ansible_collections.ngrok.ngrok.plugins.module_utils._declaration import COMMON_FILTER_FIELDS, Resource
from ansible_collections.ngrok.ngrok.plugins.module_utils._fields import (
    CLEAR,
    Field,
    Reference,
    Refers,
    description_field,
    metadata_field,
    ref_id,
)
from ansible_collections.ngrok.ngrok.plugins.module_utils._normalize import is_ngrok_domain, normalize_domain


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


def _check_reserved_domain(params):
    policy = params.get("certificate_management_policy")
    uploaded = [name for name in ("certificate_id", "certificate_description") if params.get(name)]
    if uploaded and policy and policy.get("enabled", True):
        raise EngineError("{0} and certificate_management_policy are mutually exclusive: a domain serves either an "
                          "uploaded certificate or a managed one".format(uploaded[0]))
    domain = params.get("domain")
    if domain and is_ngrok_domain(normalize_domain(domain)) and policy and policy.get("enabled", True):
        # The API answers ERR_NGROK_439: ngrok serves its own domains with its own certificate.
        raise EngineError("certificate_management_policy: {0} is a domain of ngrok's, served with ngrok's certificate; "
                          "it takes no certificate management policy (leave the option out)".format(normalize_domain(domain)))


def _resolves_to_to_api(values):
    return [{"value": v.strip()} for v in values]


def _resolves_to_option(entries):
    return [entry.get("value") for entry in entries or []]


def _default_policy(obj):
    """The policy a domain gets when it is reserved without one: a custom domain reserved without an uploaded
    certificate gets a managed one; ngrok's own domains none."""
    if is_ngrok_domain(normalize_domain(obj.get("domain"))):
        return None
    if (obj.get("certificate") or {}).get("id") and not obj.get("certificate_management_policy"):
        return None
    return dict(MANAGED_POLICY)


def ngrok_subdomain(domain):
    """Why another account cannot reserve ``domain`` while this one holds it (a subdomain of ngrok's), or None."""
    domain = normalize_domain(domain)
    if is_ngrok_domain(domain):
        return ("{0} is a subdomain of ngrok's: while this account holds it, no other account can reserve it".format(
            domain))
    return None


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
    check=_check_reserved_domain,
    conflict_codes=(413,),
    references=[Reference("certificate_description", "certificate_id", TLS_CERTIFICATE, "description")],
    # The DNS records of a custom domain point at these: in another account they are others.
    assigned=("cname_target", "acme_challenge_cname_target"),
    fields=[
        Field("domain", spec={"type": "str", "aliases": ["name"]}, update=False, identity=True, normalize=normalize_domain,
              not_portable=ngrok_subdomain),
        # Deprecated by the API: accepted on create, answered as "", so never compared.
        Field("region", update=False, compare=False),
        description_field(),
        metadata_field(),
        Field("certificate_id", read=ref_id("certificate"), to_api=_certificate_id_to_api,
              clear_path="/certificate", predict=_predict_certificate, refers=[Refers("tls_certificates", required=True)],
              # With a management policy, the certificate is the one ngrok obtains for the domain.
              derived_when=lambda obj: bool(obj.get("certificate_management_policy"))),
        Field("certificate_management_policy",
              spec={"type": "dict", "options": {
                  "enabled": {"type": "bool", "default": True},
                  "authority": {"type": "str", "default": "letsencrypt", "choices": ["letsencrypt"]},
                  "private_key_type": {"type": "str", "default": "ecdsa", "choices": ["ecdsa", "rsa"]}}},
              read=lambda obj: obj.get("certificate_management_policy"), to_api=_policy_to_api,
              clear_path="/certificate_management_policy", predict=_predict_policy, api_default=_default_policy,
              clear_option={"enabled": False}),
        Field("resolves_to", spec={"type": "list", "elements": "str"}, to_api=_resolves_to_to_api, compare="set",
              empty=[], to_option=_resolves_to_option),
    ],
)


# -- Reserved TCP addresses ---------------------------------------------------------------------

REGIONS = ["us", "eu", "ap", "au", "sa", "jp", "in"]

RESERVED_ADDR = Resource(
    name="reserved_addr",
    plural="reserved_addrs",
    path="/reserved_addrs",
    list_key="reserved_addrs",
    id_prefix="ra",
    human="reserved address",
    response_keys=("id", "uri", "created_at", "description", "metadata", "addr", "region"),
    filterable_fields=COMMON_FILTER_FIELDS + ("addr", "region"),
    required_for_create=("description",),
    identity_is_unique=False,
    derive=lambda obj, body, current: obj.update(region=obj.get("region") or "us") if current is None else None,
    offers_replace=True,
    assigned=("addr",),
    fields=[
        description_field(identity=True),
        metadata_field(),
        Field("region", spec={"type": "str", "choices": REGIONS}, update=False, api_default="us"),
    ],
)
