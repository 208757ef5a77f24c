# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Declaration of AI Gateway API keys, the keys clients of a legacy (endpoint-based) AI gateway authenticate with.

The resource is newer than ngrok's OpenAPI description: its facts are ngrok-api-go v8's (``ai_gateway_api_keys``),
which ``tests/contract/go_client_facts.yaml`` restates.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.ngrok.ngrok.plugins.module_utils._declaration import Resource
from ansible_collections.ngrok.ngrok.plugins.module_utils._fields import (
    Field,
    Refers,
    description_field,
    metadata_field,
    ref_id,
)


# -- AI Gateway API keys ------------------------------------------------------------------------

AI_GATEWAY_API_KEY = Resource(
    name="ai_gateway_api_key",
    plural="ai_gateway_api_keys",
    path="/ai_gateway_api_keys",
    list_key="ai_gateway_api_keys",
    id_prefix="aigk",
    human="AI Gateway API key",
    response_keys=("id", "uri", "created_at", "updated_at", "description", "metadata", "created_by", "last_updated_by",
                   "endpoint", "token", "display_name", "last_used"),
    # The Go client lists these keys with before_id and limit only: the API takes no filter, so a lookup by
    # description reads every page.
    filterable_fields=(),
    shown_once=("token",),
    required_for_create=("description", "endpoint_id"),
    identity_is_unique=False,
    fields=[
        description_field(identity=True),
        metadata_field(),
        Field("endpoint_id", read=ref_id("endpoint"), predict=lambda value, obj: {"endpoint": {"id": value, "uri": None}},
              refers=[Refers("endpoints", required=True)]),
    ],
)
