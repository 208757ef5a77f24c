#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ngrok_ip_policy_rule
short_description: Manage one rule of an ngrok IP policy
version_added: 0.2.0
description:
  - Create, update and delete a single CIDR rule of an IP policy. A rule is identified by its policy and its
    O(cidr) (the API allows one rule per CIDR in a policy).
  - To keep all the rules of a policy converged in one task, use the O(ngrok.ngrok.ngrok_ip_policy#module:rules)
    option of M(ngrok.ngrok.ngrok_ip_policy) instead.
author:
  - ngrok.ngrok contributors (@ngrok)
extends_documentation_fragment:
  - ngrok.ngrok.connection
  - ngrok.ngrok.attributes
  - ngrok.ngrok.attributes.RESOURCE
options:
  state:
    description:
      - V(present) creates the rule when it does not exist and updates what differs.
      - V(absent) deletes the rule when it exists.
    type: str
    choices: [present, absent]
    default: present
  id:
    description:
      - ID of the rule (C(ipr_...)). Takes precedence over the policy and O(cidr) for finding the rule; with it,
        O(cidr) can be changed.
      - With O(state=present), a rule with this id must exist.
    type: str
  ip_policy_id:
    description:
      - ID of the IP policy the rule belongs to (C(ipp_...)).
      - Cannot change once the rule exists. Mutually exclusive with O(ip_policy_description).
    type: str
  ip_policy_description:
    description:
      - The policy the rule belongs to, named by its description instead of its id (one extra request).
      - More than one policy with this description is an error that lists their ids.
    type: str
  cidr:
    description:
      - An IPv4 or IPv6 range in CIDR notation, with the lowest address of the range; a single address needs its
        mask (V(203.0.113.7/32)).
      - Identifies the rule within its policy. Compared the way the API stores it (IPv6 in lower case, compressed).
    type: str
  action:
    description:
      - Whether traffic from the range is allowed or denied. Required to create a rule.
      - Cannot change once the rule exists; see O(replace).
    type: str
    choices: [allow, deny]
  description:
    description:
      - Human-readable description of the rule, at most 255 bytes.
    type: str
  metadata:
    description:
      - Arbitrary machine-readable data of the rule, at most 4096 bytes.
      - Text, or a mapping or list, which is sent as JSON text (compact, keys sorted).
    type: raw
  replace:
    description:
      - When O(action) differs from the existing rule's, delete the rule and create it again with the new action,
        keeping its description and metadata unless the task sets them. Should the API refuse the new rule, the
        old one is created again as it was.
      - When V(false), such a difference fails the task and changes nothing.
    type: bool
    default: false
notes:
  - "Replaces the Terraform resource C(ngrok_ip_policy_rule) of ngrok's provider."
seealso:
  - module: ngrok.ngrok.ngrok_ip_policy
  - module: ngrok.ngrok.ngrok_ip_policy_rule_info
"""

EXAMPLES = r"""
# resource "ngrok_ip_policy_rule" "hq" {
#   ip_policy_id = ngrok_ip_policy.office.id
#   cidr         = "203.0.113.0/24"
#   action       = "allow"
#   description  = "headquarters"
# }
- name: Allow the headquarters range in the office policy
  ngrok.ngrok.ngrok_ip_policy_rule:
    ip_policy_description: office
    cidr: 203.0.113.0/24
    action: allow
    description: headquarters

- name: Turn the rule into a deny rule
  ngrok.ngrok.ngrok_ip_policy_rule:
    ip_policy_description: office
    cidr: 203.0.113.0/24
    action: deny
    replace: true

- name: Remove the rule
  ngrok.ngrok.ngrok_ip_policy_rule:
    ip_policy_id: ipp_2Zx8example3RcLhDdPp4TtEFq9W
    cidr: 203.0.113.0/24
    state: absent
"""

RETURN = r"""
ip_policy_rule:
  description:
    - The rule as the API returned it; in check mode, the predicted rule (C(id), C(uri) and C(created_at) null for
      a rule not yet created).
    - After O(state=absent), the rule that was deleted, or an empty dict when there was none.
  returned: always
  type: dict
  contains:
    id:
      description: Unique ID of the rule.
      type: str
      sample: ipr_2Zx8example3RcLhDdPp4TtEFq9W
    uri:
      description: URI of the rule in the API.
      type: str
      sample: https://api.ngrok.com/ip_policy_rules/ipr_2Zx8example3RcLhDdPp4TtEFq9W
    created_at:
      description: When the rule was created, RFC 3339 in UTC.
      type: str
      sample: "2026-11-27T10:11:14Z"
    description:
      description: Description of the rule.
      type: str
      sample: headquarters
    metadata:
      description: Metadata of the rule.
      type: str
      sample: '{"ticket": "NET-12"}'
    cidr:
      description: The range, as the API stores it.
      type: str
      sample: 203.0.113.0/24
    action:
      description: V(allow) or V(deny).
      type: str
      sample: allow
    ip_policy:
      description: Reference (C(id), C(uri)) to the policy of the rule.
      type: dict
      sample: {"id": "ipp_2Zx8example3RcLhDdPp4TtEFq9W", "uri": "https://api.ngrok.com/ip_policies/ipp_2Zx8example3RcLhDdPp4TtEFq9W"}
"""

from ansible_collections.ngrok.ngrok.plugins.module_utils._module import resource_module
from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.ip import IP_POLICY_RULE


def main():
    resource_module(IP_POLICY_RULE)


if __name__ == "__main__":
    main()
