# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Declarations of IP policies, their rules, and IP restrictions."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.ngrok.ngrok.plugins.module_utils._declaration import COMMON_FILTER_FIELDS, Children, Resource
from ansible_collections.ngrok.ngrok.plugins.module_utils._fields import (
    Field,
    Reference,
    description_field,
    metadata_field,
    ref_id,
)
from ansible_collections.ngrok.ngrok.plugins.module_utils._normalize import check_cidr, normalize_cidr


# -- IP policies, their rules, IP restrictions --------------------------------------------------

IP_POLICY_RULE = Resource(
    name="ip_policy_rule",
    plural="ip_policy_rules",
    path="/ip_policy_rules",
    list_key="ip_policy_rules",
    id_prefix="ipr",
    human="IP policy rule",
    response_keys=("id", "uri", "created_at", "description", "metadata", "cidr", "ip_policy", "action"),
    filterable_fields=COMMON_FILTER_FIELDS + ("ip_policy", "cidr", "action"),
    required_for_create=("cidr", "action"),
    offers_replace=True,
    conflict_codes=(1408,),
    fields=[
        Field("ip_policy_id", update=False, identity=True, read=ref_id("ip_policy"), filter_field="ip_policy.id",
              predict=lambda value, obj: {"ip_policy": {"id": value, "uri": None}}),
        Field("cidr", identity=True, normalize=normalize_cidr, check=check_cidr),
        Field("action", spec={"type": "str", "choices": ["allow", "deny"]}, update=False),
        description_field(),
        metadata_field(),
    ],
)

IP_POLICY = Resource(
    name="ip_policy",
    plural="ip_policies",
    path="/ip_policies",
    list_key="ip_policies",
    id_prefix="ipp",
    human="IP policy",
    response_keys=("id", "uri", "created_at", "description", "metadata"),
    filterable_fields=COMMON_FILTER_FIELDS,
    required_for_create=("description",),
    identity_is_unique=False,
    fields=[
        description_field(identity=True),
        metadata_field(),
    ],
)
IP_POLICY.children = Children("rules", IP_POLICY_RULE, parent_field="ip_policy_id", key="cidr", purge_option="purge_rules")
# Deleting a policy deletes its rules: a rule does not keep its policy from being pruned.
IP_POLICY_RULE.references.append(Reference("ip_policy_description", "ip_policy_id", IP_POLICY, "description", cascade=True))


def _read_policy_ids(obj):
    return [ref.get("id") for ref in obj.get("ip_policies") or []]


IP_RESTRICTION = Resource(
    name="ip_restriction",
    plural="ip_restrictions",
    path="/ip_restrictions",
    list_key="ip_restrictions",
    id_prefix="ipx",
    human="IP restriction",
    response_keys=("id", "uri", "created_at", "description", "metadata", "enforced", "type", "ip_policies"),
    filterable_fields=COMMON_FILTER_FIELDS,
    required_for_create=("type", "ip_policy_ids"),
    derive=lambda obj, body, current: obj.update(enforced=bool(obj.get("enforced"))) if current is None else None,
    references=[Reference("ip_policy_descriptions", "ip_policy_ids", IP_POLICY, "description", many=True)],
    conflict_codes=(1802,),
    fields=[
        Field("type", spec={"type": "str", "choices": ["dashboard", "api", "agent", "endpoints"]}, update=False,
              identity=True),
        # The API refuses a restriction without a policy (ERR_NGROK_1804).
        Field("ip_policy_ids", spec={"type": "list", "elements": "str"}, read=_read_policy_ids, compare="set", empty=[],
              min_items=1,
              predict=lambda value, obj: {"ip_policies": [{"id": i, "uri": None} for i in value]}),
        Field("enforced", spec={"type": "bool"}, empty=False, api_default=False),
        description_field(),
        metadata_field(),
    ],
)
