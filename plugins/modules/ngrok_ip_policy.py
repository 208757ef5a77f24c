#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ngrok_ip_policy
short_description: Manage ngrok IP policies and, optionally, their rules
version_added: 0.2.0
description:
  - Create, update and delete IP policies, the named sets of CIDR rules that IP restrictions and traffic policies
    (the C(restrict-ips) action) refer to.
  - The API has no unique name for IP policies, so the O(description) identifies a policy when O(id) is not given.
    More than one policy with the same description is an error that lists their ids.
  - With O(rules), the policy's rules are reconciled from one listing of them; only the rules that differ are
    created, updated or deleted. A run that changes nothing costs two requests, whatever the number of rules (up to
    100; one more request per further 100).
author:
  - ngrok.ngrok contributors (@ngrok)
extends_documentation_fragment:
  - ngrok.ngrok.connection
  - ngrok.ngrok.attributes
  - ngrok.ngrok.attributes.RESOURCE
options:
  state:
    description:
      - V(present) creates the policy when it does not exist and updates what differs.
      - V(absent) deletes the policy, and with it its rules. The API refuses to delete a policy that an IP
        restriction uses.
    type: str
    choices: [present, absent]
    default: present
  id:
    description:
      - ID of the policy (C(ipp_...)). Takes precedence over O(description) for finding the policy.
      - With O(state=present), a policy with this id must exist.
    type: str
  description:
    description:
      - Human-readable description of the policy, at most 255 bytes.
      - Identifies the policy when O(id) is not given, so keep descriptions unique. Required to create a policy.
    type: str
  metadata:
    description:
      - Arbitrary machine-readable data of the policy, at most 4096 bytes.
      - Text, or a mapping or list, which is sent as JSON text (compact, keys sorted).
    type: raw
  rules:
    description:
      - The rules the policy should have, each identified by its O(rules[].cidr) within the policy.
      - A listed rule that does not exist is created; one whose description or metadata differs is updated; one
        whose O(rules[].action) differs is deleted and created again (the API cannot change a rule's action).
      - Rules that are not listed are kept unless O(purge_rules=true).
      - When not given, the policy's rules are not read or changed.
      - Use M(ngrok.ngrok.ngrok_ip_policy_rule) to manage rules one at a time instead.
    type: list
    elements: dict
    suboptions:
      cidr:
        description:
          - An IPv4 or IPv6 range in CIDR notation, with the lowest address of the range (V(10.0.0.0/8), not
            V(10.1.2.3/8)); a single address needs its mask (V(203.0.113.7/32)).
          - Compared the way the API stores it (IPv6 in lower case and compressed form).
        type: str
        required: true
      action:
        description:
          - Whether traffic from the range is allowed or denied. Required to create a rule.
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
  purge_rules:
    description:
      - Delete the policy's rules that O(rules) does not list.
      - With O(rules=[]), deletes every rule of the policy.
    type: bool
    default: false
notes:
  - Rules whose action changes are deleted before they are created again (the API allows one rule per CIDR in a
    policy), so for a moment the range has no rule.
  - "Replaces the Terraform resources C(ngrok_ip_policy) and C(ngrok_ip_policy_rule) of ngrok's provider."
seealso:
  - module: ngrok.ngrok.ngrok_ip_policy_info
  - module: ngrok.ngrok.ngrok_ip_policy_rule
  - module: ngrok.ngrok.ngrok_ip_restriction
"""

EXAMPLES = r"""
# ngrok's Terraform provider needs a resource per rule:
#   resource "ngrok_ip_policy" "office" { description = "office" }
#   resource "ngrok_ip_policy_rule" "hq" {
#     ip_policy_id = ngrok_ip_policy.office.id
#     cidr = "203.0.113.0/24"
#     action = "allow"
#   }
- name: An IP policy with its rules, in one task
  ngrok.ngrok.ngrok_ip_policy:
    description: office
    rules:
      - cidr: 203.0.113.0/24
        action: allow
        description: headquarters
      - cidr: 2001:db8::/32
        action: allow
        description: headquarters (IPv6)
    purge_rules: true
  register: office

- name: Allow only the office on a cloud endpoint
  ngrok.ngrok.ngrok_endpoint:
    url: https://app.example.com
    traffic_policy:
      on_http_request:
        - actions:
            - type: restrict-ips
              config:
                ip_policies: ["{{ office.ip_policy.id }}"]
            - type: forward-internal
              config:
                url: https://app.internal

- name: Add one rule and leave the others as they are
  ngrok.ngrok.ngrok_ip_policy:
    description: office
    rules:
      - cidr: 198.51.100.0/24
        action: allow

- name: Delete the policy and its rules
  ngrok.ngrok.ngrok_ip_policy:
    description: office
    state: absent
"""

RETURN = r"""
ip_policy:
  description:
    - The IP policy as the API returned it; in check mode, the predicted policy (with C(id), C(uri) and
      C(created_at) null for a policy not yet created).
    - After O(state=absent), the policy that was deleted, or an empty dict when there was none.
  returned: always
  type: dict
  contains:
    id:
      description: Unique ID of the policy.
      type: str
      sample: ipp_2Zx8example3RcLhDdPp4TtEFq9W
    uri:
      description: URI of the policy in the API.
      type: str
      sample: https://api.ngrok.com/ip_policies/ipp_2Zx8example3RcLhDdPp4TtEFq9W
    created_at:
      description: When the policy was created, RFC 3339 in UTC.
      type: str
      sample: "2026-11-27T10:11:14Z"
    description:
      description: Description of the policy.
      type: str
      sample: office
    metadata:
      description: Metadata of the policy.
      type: str
      sample: '{"owner": "it"}'
    rules:
      description:
        - The policy's rules after the run, in the order of O(rules), then the rules kept that it does not list.
        - Present only when O(rules) is given. Each has the keys of M(ngrok.ngrok.ngrok_ip_policy_rule)'s result.
      returned: when O(rules) is given
      type: list
      elements: dict
      sample: [{"id": "ipr_2Zx8example3RcLhDdPp4TtEFq9W", "cidr": "203.0.113.0/24", "action": "allow",
                "description": "headquarters", "ip_policy": {"id": "ipp_2Zx8example3RcLhDdPp4TtEFq9W"}}]
"""

from ansible_collections.ngrok.ngrok.plugins.module_utils._module import resource_module
from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.ip import IP_POLICY


def main():
    resource_module(IP_POLICY)


if __name__ == "__main__":
    main()
