#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ngrok_tunnel_session_info
short_description: List the tunnel sessions of running ngrok agents
version_added: 0.2.0
description:
  - Read one tunnel session by id, or every tunnel session of the account (one per running agent or SSH reverse
    tunnel), optionally narrowed by credential, metadata, region, source IP, operating system, agent version or a
    CEL filter. Reads every page of the list.
  - The narrowing options are the ones M(ngrok.ngrok.ngrok_tunnel_session) selects sessions with, so a task can show
    which agents a restart, stop or update would reach.
author:
  - ngrok.ngrok contributors (@ngrok)
extends_documentation_fragment:
  - ngrok.ngrok.connection
  - ngrok.ngrok.tunnel_session
  - ngrok.ngrok.attributes
  - ngrok.ngrok.attributes.INFO
  - ngrok.ngrok.info
options:
  id:
    description:
      - ID of one tunnel session. An id that does not exist (its agent stopped or restarted) gives an empty list.
    type: str
notes:
  - ngrok can filter tunnel sessions on C(id), C(metadata), C(agent_version), C(ip), C(os), C(region), C(started_at)
    and C(credential) (through its id, C(obj.credential.id)). The narrowing options are sent as one CEL filter and
    checked again on the sessions listed.
seealso:
  - module: ngrok.ngrok.ngrok_tunnel_session
  - module: ngrok.ngrok.ngrok_endpoint_info
"""

EXAMPLES = r"""
- name: Every running agent
  ngrok.ngrok.ngrok_tunnel_session_info:
  register: sessions

- name: The agents that connect with one authtoken
  ngrok.ngrok.ngrok_tunnel_session_info:
    credential_id: "{{ web_credential.credential.id }}"
  register: web_agents

- name: Agents older than a version, on Linux
  ngrok.ngrok.ngrok_tunnel_session_info:
    os: linux
    filter: obj.agent_version != "3.19.0"

- name: The agent tagged edge-1 after its restart (it reconnects under a new session id)
  ngrok.ngrok.ngrok_tunnel_session_info:
    metadata: edge-1
  register: edge
  until: edge.tunnel_sessions | length == 1
  retries: 10
  delay: 3
"""

RETURN = r"""
tunnel_sessions:
  description:
    - The tunnel sessions found, newest first. Each has the keys described for the
      RV(ngrok.ngrok.ngrok_tunnel_session#module:tunnel_sessions) result of M(ngrok.ngrok.ngrok_tunnel_session)
      (C(id), C(uri), C(agent_version), C(credential), C(ip), C(metadata), C(os), C(region), C(started_at),
      C(transport)).
  returned: always
  type: list
  elements: dict
  sample:
    - id: ts_2Zx8example3RcLhDdPp4TtEFq9W
      uri: https://api.ngrok.com/tunnel_sessions/ts_2Zx8example3RcLhDdPp4TtEFq9W
      agent_version: 3.19.0
      credential:
        id: cr_2Zx8example3RcLhDdPp4TtEFq9W
        uri: https://api.ngrok.com/credentials/cr_2Zx8example3RcLhDdPp4TtEFq9W
      ip: 203.0.113.10
      metadata: edge-1
      os: linux
      region: eu
      started_at: "2026-11-27T10:11:27Z"
      transport: ngrok/2
"""

from ansible_collections.ngrok.ngrok.plugins.module_utils._module import info_module
from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.sessions import TUNNEL_SESSION


def main():
    info_module(TUNNEL_SESSION, [f.name for f in TUNNEL_SESSION.fields])


if __name__ == "__main__":
    main()
