#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ngrok_agent_ingress_info
short_description: List ngrok agent ingresses (custom connect URLs)
version_added: 0.2.0
description:
  - Read one agent ingress by id, or every agent ingress of the account, optionally narrowed by domain or a CEL
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
      - ID of one agent ingress (C(agin_...)). An id that does not exist gives an empty list.
    type: str
  domain:
    description:
      - Only the agent ingress of this domain, compared the way the API stores domains (lower case, without a
        trailing dot).
    type: str
seealso:
  - module: ngrok.ngrok.ngrok_agent_ingress
"""

EXAMPLES = r"""
- name: All agent ingresses
  ngrok.ngrok.ngrok_agent_ingress_info:
  register: ingresses

- name: The name servers to delegate connect.example.com to
  ngrok.ngrok.ngrok_agent_ingress_info:
    domain: connect.example.com
  register: connect

- name: Show them
  ansible.builtin.debug:
    msg: "{{ connect.agent_ingresses[0].ns_targets }}"
  when: connect.agent_ingresses | length > 0

- name: Agent ingresses of the device fleet
  ngrok.ngrok.ngrok_agent_ingress_info:
    filter: obj.description.startsWith("device")
"""

RETURN = r"""
agent_ingresses:
  description:
    - The agent ingresses found, newest first. Each has the keys of the
      RV(ngrok.ngrok.ngrok_agent_ingress#module:agent_ingress) result of M(ngrok.ngrok.ngrok_agent_ingress)
      (C(id), C(uri), C(created_at), C(domain), C(description), C(metadata), C(ns_targets), C(region_domains),
      C(certificate_management_policy), C(certificate_management_status)).
  returned: always
  type: list
  elements: dict
  sample:
    - id: agin_2Zx8example3RcLhDdPp4TtEFq9W
      uri: https://api.ngrok.com/agent_ingresses/agin_2Zx8example3RcLhDdPp4TtEFq9W
      created_at: "2026-11-27T10:11:14Z"
      domain: connect.example.com
      description: device fleet
      ns_targets: ["ns1.example-ngrok-dns.com", "ns2.example-ngrok-dns.com"]
      region_domains: ["tunnel.us.connect.example.com"]
      certificate_management_policy: null
      certificate_management_status: null
"""

from ansible_collections.ngrok.ngrok.plugins.module_utils._module import info_module
from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.agent_ingresses import AGENT_INGRESS


def main():
    info_module(AGENT_INGRESS, ["domain"])


if __name__ == "__main__":
    main()
