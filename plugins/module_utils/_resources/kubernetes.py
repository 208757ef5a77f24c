# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Declaration of Kubernetes operators, the record each running ngrok Kubernetes operator keeps of itself.

Each operator registers and updates its own record, so the collection only reads them. The resource is newer
than ngrok's OpenAPI description: its facts are ngrok-api-go v8's (``kubernetes_operators``), which
``tests/contract/go_client_facts.yaml`` restates.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.ngrok.ngrok.plugins.module_utils._declaration import Resource, SubListing
from ansible_collections.ngrok.ngrok.plugins.module_utils._fields import Field, description_field, metadata_field


# -- Kubernetes operators -----------------------------------------------------------------------

KUBERNETES_OPERATOR = Resource(
    module_states=(),
    name="kubernetes_operator",
    plural="kubernetes_operators",
    path="/kubernetes_operators",
    list_key="operators",
    id_prefix="k8sop",
    human="Kubernetes operator",
    response_keys=("id", "uri", "created_at", "updated_at", "description", "metadata", "principal", "enabled_features",
                   "region", "deployment", "binding"),
    # The Go client lists operators with before_id and limit only: the API takes no filter.
    filterable_fields=(),
    sub_listings=[SubListing("bound_endpoints", "/bound_endpoints", "endpoints")],
    fields=[
        description_field(),
        metadata_field(),
        Field("region"),
        Field("enabled_features", spec={"type": "list", "elements": "str"}, compare="set", empty=[]),
    ],
)
