#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ngrok_ip_policy_info
short_description: List ngrok IP policies
version_added: 0.2.0
description:
  - Read one IP policy by id, or every IP policy of the account, optionally narrowed by description or a CEL filter.
    Reads every page of the list.
  - The rules of a policy are read with M(ngrok.ngrok.ngrok_ip_policy_rule_info).
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
      - ID of one IP policy (C(ipp_...)). An id that does not exist gives an empty list.
    type: str
  description:
    description:
      - Only the policies with exactly this description.
    type: str
seealso:
  - module: ngrok.ngrok.ngrok_ip_policy
  - module: ngrok.ngrok.ngrok_ip_policy_rule_info
"""

EXAMPLES = r"""
- name: All IP policies
  ngrok.ngrok.ngrok_ip_policy_info:
  register: policies

- name: The office policy
  ngrok.ngrok.ngrok_ip_policy_info:
    description: office
  register: office

- name: Policies created in the last 30 days
  ngrok.ngrok.ngrok_ip_policy_info:
    filter: obj.created_at > timestamp(time.now).subtract("30d")
"""

RETURN = r"""
ip_policies:
  description:
    - The IP policies found, newest first. Each has the keys of the RV(ngrok.ngrok.ngrok_ip_policy#module:ip_policy)
      result of M(ngrok.ngrok.ngrok_ip_policy), without C(rules).
  returned: always
  type: list
  elements: dict
  sample: [{"id": "ipp_2Zx8example3RcLhDdPp4TtEFq9W", "uri": "https://api.ngrok.com/ip_policies/ipp_2Zx8example3RcLhDdPp4TtEFq9W",
            "created_at": "2026-11-27T10:11:14Z", "description": "office"}]
"""

from ansible_collections.ngrok.ngrok.plugins.module_utils._module import info_module
from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.ip import IP_POLICY


def main():
    info_module(IP_POLICY, ["description"])


if __name__ == "__main__":
    main()
