#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ngrok_endpoint_info
short_description: List ngrok endpoints, cloud and agent
version_added: 0.2.0
description:
  - Read one endpoint by id, or every endpoint of the account, optionally narrowed by type, URL, binding or a CEL
    filter. Reads every page of the list.
  - Lists the cloud endpoints that M(ngrok.ngrok.ngrok_endpoint) manages and the endpoints of the agents that are
    online (ngrok lists only active endpoints).
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
      - ID of one endpoint (C(ep_...)), of any type. An id that does not exist gives an empty list.
    type: str
  type:
    description:
      - Only endpoints of this type, such as V(cloud) or V(agent).
      - ngrok's filtering documentation calls agent endpoints V(agent), while some of its answers show them as
        V(ephemeral); either value finds them.
    type: str
  url:
    description:
      - Only endpoints on this URL (several when they form a pool). Compared the way the API stores URLs, with the
        scheme and host in lower case and without the scheme's default port.
    type: str
  binding:
    description:
      - Only endpoints that have this binding among their RV(ngrok.ngrok.ngrok_endpoint#module:endpoint.bindings).
    type: str
    choices: [public, internal, kubernetes]
seealso:
  - module: ngrok.ngrok.ngrok_endpoint
"""

EXAMPLES = r"""
- name: Every endpoint of the account
  ngrok.ngrok.ngrok_endpoint_info:
  register: all_endpoints

- name: The endpoints of online agents
  ngrok.ngrok.ngrok_endpoint_info:
    type: agent
  register: agents

- name: Show where each agent forwards to
  ansible.builtin.debug:
    msg: "{{ item.url }} -> {{ item.upstream_url }}"
  loop: "{{ agents.endpoints }}"

- name: Internal cloud endpoints
  ngrok.ngrok.ngrok_endpoint_info:
    type: cloud
    binding: internal

- name: The endpoints that serve one URL
  ngrok.ngrok.ngrok_endpoint_info:
    url: https://app.example.com

- name: Cloud endpoints created in the last day
  ngrok.ngrok.ngrok_endpoint_info:
    filter: obj.type == "cloud" && obj.created_at >= timestamp(time.now).subtract("24h")
"""

RETURN = r"""
endpoints:
  description:
    - The endpoints found, newest first. Each is an endpoint as the API answers it, with the keys described for the
      RV(ngrok.ngrok.ngrok_endpoint#module:endpoint) result of M(ngrok.ngrok.ngrok_endpoint).
    - Agent endpoints also have their C(upstream_url), C(upstream_protocol), C(tunnel) and C(tunnel_session).
  returned: always
  type: list
  elements: dict
  sample:
    - id: ep_2Zx8example3RcLhDdPp4TtEFq9W
      uri: https://api.ngrok.com/endpoints/ep_2Zx8example3RcLhDdPp4TtEFq9W
      type: cloud
      url: https://app.example.com
      bindings: [public]
      pooling_enabled: false
      traffic_policy: '{"on_http_request": [{"actions": [{"type": "deny"}]}]}'
      domain: {"id": "rd_2Zx8example3RcLhDdPp4TtEFq9W", "uri": "https://api.ngrok.com/reserved_domains/rd_2Zx8example3RcLhDdPp4TtEFq9W"}
      created_at: "2026-11-27T10:11:14Z"
    - id: ep_2Zx9example4SdMiEeQq5UuFGr0X
      uri: https://api.ngrok.com/endpoints/ep_2Zx9example4SdMiEeQq5UuFGr0X
      type: agent
      url: https://3a1f.ngrok.app
      bindings: [public]
      upstream_url: http://localhost:8080
      tunnel_session: {"id": "ts_2Zx9example4SdMiEeQq5UuFGr0X", "uri": "https://api.ngrok.com/tunnel_sessions/ts_2Zx9example4SdMiEeQq5UuFGr0X"}
      created_at: "2026-11-27T10:12:01Z"
"""

from ansible_collections.ngrok.ngrok.plugins.module_utils._module import info_module
from ansible_collections.ngrok.ngrok.plugins.module_utils._select import Narrowing
from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.endpoints import ENDPOINT
from ansible_collections.ngrok.ngrok.plugins.module_utils._normalize import normalize_endpoint_type


def main():
    info_module(ENDPOINT, [
        Narrowing("type", "type", normalize=normalize_endpoint_type),
        "url",
        Narrowing("binding", "bindings", member=True, documented_as="binding",
                  spec={"type": "str", "choices": ["public", "internal", "kubernetes"]}),
    ])


if __name__ == "__main__":
    main()
