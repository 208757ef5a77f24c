# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Declaration of cloud endpoints."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import re

from ansible_collections.ngrok.ngrok.plugins.module_utils._declaration import COMMON_FILTER_FIELDS, Resource
from ansible_collections.ngrok.ngrok.plugins.module_utils._fields import (
    Field,
    Refers,
    description_field,
    metadata_field,
)
from ansible_collections.ngrok.ngrok.plugins.module_utils._normalize import (
    addrs_of_url,
    check_traffic_policy,
    domains_of_url,
    forward_urls_in_policy,
    ip_policy_ids_in_policy,
    is_ngrok_domain,
    normalize_url,
    secrets_in_policy,
    traffic_policy_data,
    traffic_policy_to_api,
    url_parts,
    vaults_in_policy,
)


# -- Cloud endpoints ----------------------------------------------------------------------------

# ngrok's TCP addresses: <n>.tcp.ngrok.io, or <n>.tcp.<region>.ngrok.io.
_TCP_ADDRESS = re.compile(r"^[0-9]+\.tcp\.([a-z]+\.)?ngrok\.io$")


def _url_not_portable(url):
    """Why another account cannot have an endpoint on ``url`` (an address or subdomain of ngrok's), or None."""
    host = (url_parts(normalize_url(url)).get("host") or "").lower()
    if _TCP_ADDRESS.match(host):
        return "{0} is on a TCP address ngrok assigned to this account: another account gets another one".format(url)
    if is_ngrok_domain(host):
        return ("{0} is on a subdomain of ngrok's: while this account holds it, no other account can reserve "
                "it".format(url))
    return None


def _policy_option(text):
    """A policy the API holds as JSON text, as data (a mapping is easier to read and review); YAML text as written,
    its comments kept."""
    if isinstance(text, str):
        try:
            data = json.loads(text)
        except ValueError:
            return text
        return data if isinstance(data, dict) else text
    return text


def _legacy_gateway(policy):
    """Why the API refuses to create an endpoint with this policy elsewhere (a legacy AI gateway), or None."""
    data = traffic_policy_data(policy)
    if not isinstance(data, dict):
        return None
    rules = [rule for phase in data.values() if isinstance(phase, list) for rule in phase if isinstance(rule, dict)]
    actions = [action for rule in rules for action in rule.get("actions") or [] if isinstance(action, dict)]
    if any(action.get("type") == "ai-gateway" for action in actions):
        return ("its traffic policy is a legacy AI gateway (the ai-gateway action): ngrok keeps existing ones but "
                "creates no new one")
    return None


def _default_bindings(obj):
    """The bindings an endpoint created without any gets: internal for a .internal URL, else public."""
    return ["internal"] if (url_parts(obj.get("url")).get("host") or "").endswith(".internal") else ["public"]


def _derive_endpoint(obj, body, current):
    if current is None:
        obj["type"] = "cloud"
        obj["pooling_enabled"] = bool(body.get("pooling_enabled", False))
        if not body.get("bindings"):
            obj["bindings"] = _default_bindings(obj)
    if "url" in body:
        obj.update(url_parts(obj.get("url")))


class _EndpointResource(Resource):
    """Endpoints whose results have ``scheme``, ``host`` and ``port`` even where the API leaves them out."""

    def public_view(self, obj):
        # ngrok's recorded endpoint answers have no scheme, host or port (its API description lists them): results
        # take them from the URL, as a check-mode prediction does.
        view = super(_EndpointResource, self).public_view(obj)
        if view and view.get("url"):
            parts = url_parts(view["url"])
            for key in ("scheme", "host", "port"):
                if view.get(key) is None and parts.get(key) is not None:
                    view[key] = parts[key]
        return view


ENDPOINT = _EndpointResource(
    name="endpoint",
    plural="endpoints",
    path="/endpoints",
    list_key="endpoints",
    id_prefix="ep",
    human="cloud endpoint",
    response_keys=("id", "region", "created_at", "updated_at", "public_url", "proto", "scheme", "hostport", "host", "port",
                   "type", "metadata", "description", "domain", "tcp_addr", "tunnel", "edge", "upstream_url",
                   "upstream_protocol", "url", "principal", "traffic_policy", "bindings", "tunnel_session", "uri", "name",
                   "pooling_enabled"),
    filterable_fields=COMMON_FILTER_FIELDS + ("principal.id", "type", "binding", "url", "pooling_enabled", "scheme", "region",
                                              "name"),
    scope={"type": "cloud"},
    required_for_create=("url", "traffic_policy"),
    derive=_derive_endpoint,
    conflict_codes=(18009, 18017),
    # Pooled cloud endpoints share their URL: the API accepts a second one, so two runs at once can make twins.
    twins_possible=lambda created: bool(created.get("pooling_enabled")),
    fields=[
        # The domain or TCP address the URL lives on; the policies, secrets and internal endpoints the policy uses.
        Field("url", identity=True, normalize=normalize_url, not_portable=_url_not_portable,
              refers=[Refers("reserved_domains", key="domain", values=domains_of_url),
                      Refers("reserved_addrs", key="addr", values=addrs_of_url)]),
        Field("traffic_policy", spec={"type": "raw"}, to_api=traffic_policy_to_api, compare_as=traffic_policy_data,
              diff_view=traffic_policy_data, check=check_traffic_policy, to_option=_policy_option,
              not_portable=_legacy_gateway,
              refers=[Refers("ip_policies", values=ip_policy_ids_in_policy),
                      Refers("vaults", key="name", values=vaults_in_policy),
                      Refers("secrets", key=lambda obj: (obj.get("vault_name"), obj.get("name")), values=secrets_in_policy),
                      Refers("endpoints", key="url", values=forward_urls_in_policy)]),
        description_field(),
        metadata_field(),
        Field("bindings", spec={"type": "list", "elements": "str", "choices": ["public", "internal", "kubernetes"]},
              compare="set", empty=[], api_default=_default_bindings),
        # ngrok's pooling docs say pooling cannot change after creation; its API, Terraform provider and Kubernetes
        # operator update it in place. The update is sent; a refusal says what to do.
        Field("pooling_enabled", spec={"type": "bool"}, empty=False, api_default=False,
              if_refused="The API refused to change pooling_enabled of an existing endpoint (ngrok's docs say it is set "
                         "when the endpoint is created): delete the endpoint (state=absent) and create it again with "
                         "the pooling_enabled you want."),
    ],
)
