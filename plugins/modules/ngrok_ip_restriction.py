#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ngrok_ip_restriction
short_description: Manage the IP restrictions of an ngrok account
version_added: 0.2.0
description:
  - Create, update and delete IP restrictions, which allow only the source addresses of a set of IP policies to
    reach one part of the account - the dashboard, the API, agent connections or the account's endpoints.
  - An account has at most one restriction of each O(type), so the type identifies the restriction when O(id) is
    not given. The API cannot filter restrictions on their type, so the lookup lists them (one request per 100).
  - The policies are given by id (O(ip_policy_ids)) or by description (O(ip_policy_descriptions)); create them
    with M(ngrok.ngrok.ngrok_ip_policy).
author:
  - ngrok.ngrok contributors (@ngrok)
extends_documentation_fragment:
  - ngrok.ngrok.connection
  - ngrok.ngrok.attributes
  - ngrok.ngrok.attributes.RESOURCE
options:
  state:
    description:
      - V(present) creates the restriction of O(type) when the account has none and updates what differs.
      - V(absent) deletes the restriction when it exists; the part of the account it guarded is open to every
        address again.
    type: str
    choices: [present, absent]
    default: present
  id:
    description:
      - ID of the restriction (C(ipx_...)). Takes precedence over O(type) for finding the restriction.
      - With O(state=present), a restriction with this id must exist.
    type: str
  type:
    description:
      - What the restriction guards. V(dashboard) - signing in to the dashboard; V(api) - requests to the ngrok
        API; V(agent) - agents starting sessions; V(endpoints) - traffic to the account's endpoints.
      - Identifies the restriction when O(id) is not given. Required to create a restriction.
      - Cannot change once the restriction exists (a task with O(id) and another type fails).
    type: str
    choices: [dashboard, api, agent, endpoints]
  ip_policy_ids:
    description:
      - IDs of the IP policies (C(ipp_...)) whose rules decide which addresses are allowed; at least one.
      - Compared as a set; order and repeated ids do not matter.
      - Required to create a restriction, unless O(ip_policy_descriptions) is given. Mutually exclusive with
        O(ip_policy_descriptions).
    type: list
    elements: str
  ip_policy_descriptions:
    description:
      - The IP policies named by description instead of id, resolved with one listing of the policies.
      - Every description must belong to exactly one policy; none or more than one fails the task (more than one
        lists their ids). In check mode, a policy that does not exist yet is predicted with a null id and a warning.
      - Compared like O(ip_policy_ids), once resolved.
    type: list
    elements: str
  enforced:
    description:
      - V(true) refuses the addresses the policies do not allow. V(false) lets them through and only warns, which
        is how a new restriction can be tried out before it is enforced.
      - A new restriction is not enforced unless this is V(true).
    type: bool
  description:
    description:
      - Human-readable description of the restriction, at most 255 bytes.
    type: str
  metadata:
    description:
      - Arbitrary machine-readable data of the restriction, at most 4096 bytes.
      - Text, or a mapping or list, which is sent as JSON text (compact, keys sorted).
    type: raw
notes:
  - An enforced V(api) or V(dashboard) restriction whose policies do not allow the address of the Ansible controller
    (or of your browser) locks it out of the account. Try a restriction with O(enforced=false) first.
  - The API refuses to delete an IP policy that a restriction uses, and to delete the last rule of a policy used by
    the V(dashboard) restriction. Change or delete the restriction first.
  - Restrictions are a paid feature; other accounts get the API's error.
  - "Replaces the Terraform resource C(ngrok_ip_restriction) of ngrok's provider."
seealso:
  - module: ngrok.ngrok.ngrok_ip_restriction_info
  - module: ngrok.ngrok.ngrok_ip_policy
"""

EXAMPLES = r"""
# resource "ngrok_ip_restriction" "agents" {
#   type          = "agent"
#   ip_policy_ids = [ngrok_ip_policy.datacenter.id]
#   enforced      = true
# }
- name: Policies of the networks agents may connect from
  ngrok.ngrok.ngrok_ip_policy:
    description: "{{ item.description }}"
    rules: "{{ item.rules }}"
  loop:
    - description: datacenter
      rules: [{cidr: 198.51.100.0/24, action: allow}]
    - description: office
      rules: [{cidr: 203.0.113.0/24, action: allow}]

- name: Only agents from the datacenter and the office may connect, warn only for now
  ngrok.ngrok.ngrok_ip_restriction:
    type: agent
    ip_policy_descriptions: [datacenter, office]
    enforced: false
    description: agents run in our networks only

- name: Enforce it
  ngrok.ngrok.ngrok_ip_restriction:
    type: agent
    enforced: true

- name: Remove the restriction, then the policies it used
  block:
    - name: Remove the restriction
      ngrok.ngrok.ngrok_ip_restriction:
        type: agent
        state: absent

    - name: Remove the policies
      ngrok.ngrok.ngrok_ip_policy:
        description: "{{ item }}"
        state: absent
      loop: [datacenter, office]
"""

RETURN = r"""
ip_restriction:
  description:
    - The restriction as the API returned it; in check mode, the predicted restriction (with C(id), C(uri) and
      C(created_at) null for a restriction not yet created, and the C(uri) of each policy null).
    - After O(state=absent), the restriction that was deleted, or an empty dict when there was none.
  returned: always
  type: dict
  contains:
    id:
      description: Unique ID of the restriction.
      type: str
      sample: ipx_2Zx8example3RcLhDdPp4TtEFq9W
    uri:
      description: URI of the restriction in the API.
      type: str
      sample: https://api.ngrok.com/ip_restrictions/ipx_2Zx8example3RcLhDdPp4TtEFq9W
    created_at:
      description: When the restriction was created, RFC 3339 in UTC.
      type: str
      sample: "2026-11-27T10:11:14Z"
    description:
      description: Description of the restriction.
      type: str
      sample: agents run in our networks only
    metadata:
      description: Metadata of the restriction.
      type: str
      sample: '{"ticket": "SEC-42"}'
    type:
      description: What the restriction guards - V(dashboard), V(api), V(agent) or V(endpoints).
      type: str
      sample: agent
    enforced:
      description: Whether refused addresses are blocked (V(true)) or only warned about (V(false)).
      type: bool
      sample: false
    ip_policies:
      description: References (C(id), C(uri)) to the IP policies of the restriction.
      type: list
      elements: dict
      sample: [{"id": "ipp_2Zx8example3RcLhDdPp4TtEFq9W", "uri": "https://api.ngrok.com/ip_policies/ipp_2Zx8example3RcLhDdPp4TtEFq9W"}]
"""

from ansible_collections.ngrok.ngrok.plugins.module_utils._module import resource_module
from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.ip import IP_RESTRICTION


def main():
    resource_module(IP_RESTRICTION)


if __name__ == "__main__":
    main()
