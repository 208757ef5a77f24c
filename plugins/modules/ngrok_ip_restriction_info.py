#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ngrok_ip_restriction_info
short_description: List the IP restrictions of an ngrok account
version_added: 0.2.0
description:
  - Read one IP restriction by id, or every IP restriction of the account, optionally narrowed by type or a CEL
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
      - ID of one restriction (C(ipx_...)). An id that does not exist gives an empty list.
    type: str
  type:
    description:
      - Only the restriction of this type (an account has at most one of each). The API cannot filter on the type,
        so the restrictions are listed and the others left out.
    type: str
    choices: [dashboard, api, agent, endpoints]
seealso:
  - module: ngrok.ngrok.ngrok_ip_restriction
"""

EXAMPLES = r"""
- name: Every IP restriction of the account
  ngrok.ngrok.ngrok_ip_restriction_info:
  register: restrictions

- name: The restriction of the API, if any
  ngrok.ngrok.ngrok_ip_restriction_info:
    type: api
  register: api_restriction

- name: Stop unless the API restriction is enforced
  ansible.builtin.assert:
    that:
      - api_restriction.ip_restrictions | map(attribute='enforced') | list == [true]

- name: Restrictions whose description mentions a trial
  ngrok.ngrok.ngrok_ip_restriction_info:
    filter: obj.description.contains("trial")
"""

RETURN = r"""
ip_restrictions:
  description:
    - The restrictions found, newest first. Each has the keys of the
      RV(ngrok.ngrok.ngrok_ip_restriction#module:ip_restriction) result of M(ngrok.ngrok.ngrok_ip_restriction).
  returned: always
  type: list
  elements: dict
  sample:
    - id: ipx_2Zx8example3RcLhDdPp4TtEFq9W
      uri: https://api.ngrok.com/ip_restrictions/ipx_2Zx8example3RcLhDdPp4TtEFq9W
      created_at: "2026-11-27T10:11:14Z"
      type: agent
      enforced: true
      ip_policies: [{"id": "ipp_2Zx8example3RcLhDdPp4TtEFq9W", "uri": "https://api.ngrok.com/ip_policies/ipp_2Zx8example3RcLhDdPp4TtEFq9W"}]
"""

from ansible_collections.ngrok.ngrok.plugins.module_utils._module import info_module
from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.ip import IP_RESTRICTION


def main():
    info_module(IP_RESTRICTION, ["type"])


if __name__ == "__main__":
    main()
