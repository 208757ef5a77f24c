# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Declaration of cloud endpoints."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.ngrok.ngrok.plugins.module_utils._resource import (
    COMMON_FILTER_FIELDS,
    Field,
    Resource,
    description_field,
    metadata_field,
)
from ansible_collections.ngrok.ngrok.plugins.module_utils._values import (
    check_traffic_policy,
    normalize_url,
    traffic_policy_data,
    traffic_policy_to_api,
    url_parts,
)


# -- Cloud endpoints ----------------------------------------------------------------------------

def _derive_endpoint(obj, body, current):
    if current is None:
        obj["type"] = "cloud"
        obj["pooling_enabled"] = bool(body.get("pooling_enabled", False))
        if not body.get("bindings"):
            obj["bindings"] = ["internal"] if (url_parts(obj.get("url")).get("host") or "").endswith(".internal") else ["public"]
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
    depends_on=("reserved_domains", "reserved_addrs"),
    conflict_codes=(18009, 18017),
    # Pooled cloud endpoints share their URL: the API accepts a second one, so two runs at once can make twins.
    twins_possible=lambda created: bool(created.get("pooling_enabled")),
    fields=[
        Field("url", identity=True, normalize=normalize_url),
        Field("traffic_policy", spec={"type": "raw"}, to_api=traffic_policy_to_api, compare_as=traffic_policy_data,
              diff_view=traffic_policy_data, check=check_traffic_policy),
        description_field(),
        metadata_field(),
        Field("bindings", spec={"type": "list", "elements": "str", "choices": ["public", "internal", "kubernetes"]},
              compare="set", empty=[]),
        # ngrok's pooling docs say pooling cannot change after creation; its API, Terraform provider and Kubernetes
        # operator update it in place. The update is sent; a refusal says what to do.
        Field("pooling_enabled", spec={"type": "bool"}, empty=False,
              if_refused="The API refused to change pooling_enabled of an existing endpoint (ngrok's docs say it is set "
                         "when the endpoint is created): delete the endpoint (state=absent) and create it again with "
                         "the pooling_enabled you want."),
    ],
)
