#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ngrok_ip_policy_rule_info
short_description: List the rules of ngrok IP policies
version_added: 0.2.0
description:
  - Read one IP policy rule by id, or every rule of the account, optionally narrowed to one policy, one CIDR or a CEL
    filter. Reads every page of the list.
author:
  - ngrok.ngrok contributors (@ngrok)
extends_documentation_fragment:
  - ngrok.ngrok.connection
  - ngrok.ngrok.attributes
  - ngrok.ngrok.attributes.INFO
  - ngrok.ngrok.info
options:
  id:
    description:
      - ID of one rule (C(ipr_...)). An id that does not exist gives an empty list.
    type: str
  ip_policy_id:
    description:
      - Only the rules of this IP policy (C(ipp_...)).
    type: str
  cidr:
    description:
      - Only the rules of this range (compared the way the API stores it).
    type: str
seealso:
  - module: ngrok.ngrok.ngrok_ip_policy_rule
  - module: ngrok.ngrok.ngrok_ip_policy
"""

EXAMPLES = r"""
- name: The rules of one policy
  ngrok.ngrok.ngrok_ip_policy_rule_info:
    ip_policy_id: ipp_2Zx8example3RcLhDdPp4TtEFq9W
  register: rules

- name: Every deny rule of the account
  ngrok.ngrok.ngrok_ip_policy_rule_info:
    filter: obj.action == "deny"
"""

RETURN = r"""
ip_policy_rules:
  description:
    - The rules found, newest first. Each has the keys of the
      RV(ngrok.ngrok.ngrok_ip_policy_rule#module:ip_policy_rule) result of M(ngrok.ngrok.ngrok_ip_policy_rule).
  returned: always
  type: list
  elements: dict
  sample: [{"id": "ipr_2Zx8example3RcLhDdPp4TtEFq9W", "cidr": "203.0.113.0/24", "action": "allow",
            "ip_policy": {"id": "ipp_2Zx8example3RcLhDdPp4TtEFq9W", "uri": "https://api.ngrok.com/ip_policies/ipp_2Zx8example3RcLhDdPp4TtEFq9W"}}]
"""

from ansible_collections.ngrok.ngrok.plugins.module_utils._module import info_module
from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.ip import IP_POLICY_RULE


def main():
    info_module(IP_POLICY_RULE, ["ip_policy_id", "cidr"])


if __name__ == "__main__":
    main()
