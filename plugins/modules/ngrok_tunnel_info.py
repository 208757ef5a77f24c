#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ngrok_tunnel_info
short_description: List the tunnels of running ngrok agents (deprecated by ngrok; use ngrok_endpoint_info)
version_added: 0.2.0
description:
  - B(ngrok deprecated the Tunnels API in favour of endpoints.) Use M(ngrok.ngrok.ngrok_endpoint_info) with
    O(ngrok.ngrok.ngrok_endpoint_info#module:type=agent) to list what running agents serve. Every run of this module
    warns so.
  - Read one tunnel by id, or every tunnel of the account's running agents and SSH reverse tunnels, optionally
    narrowed by tunnel session, public URL, protocol or region. Reads every page of the list.
  - The API cannot filter tunnels; the narrowing options are checked on the listed tunnels.
author:
  - ngrok.ngrok contributors (@ngrok)
extends_documentation_fragment:
  - ngrok.ngrok.connection
  - ngrok.ngrok.attributes
  - ngrok.ngrok.attributes.INFO
options:
  id:
    description:
      - ID of one tunnel. An id that does not exist gives an empty list.
    type: str
  tunnel_session_id:
    description:
      - Only the tunnels of this tunnel session (one running agent).
    type: str
  public_url:
    description:
      - Only the tunnel of this public URL, compared as the scheme and host in lower case, without a default port and
        without a trailing C(/).
    type: str
  proto:
    description:
      - Only the tunnels of this protocol (V(http), V(https), V(tcp) or V(tls)).
    type: str
  region:
    description:
      - Only the tunnels running in this ngrok region, for example V(us).
    type: str
notes:
  - This module stays in the collection while ngrok's API serves tunnels; it is not deprecated by the collection,
    the API resource it reads is deprecated by ngrok.
seealso:
  - module: ngrok.ngrok.ngrok_endpoint_info
  - module: ngrok.ngrok.ngrok_tunnel_session_info
"""

EXAMPLES = r"""
# Prefer: ngrok.ngrok.ngrok_endpoint_info with type: agent
- name: The tunnels of one running agent
  ngrok.ngrok.ngrok_tunnel_info:
    tunnel_session_id: "{{ sessions.tunnel_sessions[0].id }}"
  register: tunnels

- name: Their public URLs
  ansible.builtin.debug:
    msg: "{{ tunnels.tunnels | map(attribute='public_url') | select('defined') }}"
"""

RETURN = r"""
tunnels:
  description:
    - The tunnels found, newest first. The API leaves out what does not apply to a tunnel (C(labels) and C(backends)
      except on labeled tunnels, C(public_url) on them, C(endpoint) except on agent endpoints, an empty C(metadata)).
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: Unique ID of the tunnel.
      type: str
      sample: tn_2Zx8example3RcLhDdPp4TtEFq9W
    public_url:
      description: The public URL of the tunnel.
      type: str
      sample: https://app.example.com
    started_at:
      description: When the tunnel started, RFC 3339 in UTC.
      type: str
      sample: "2026-11-27T10:11:22Z"
    metadata:
      description: The C(metadata) of the tunnel in the agent's configuration.
      type: str
      sample: web
    proto:
      description: Protocol of the tunnel (C(http), C(https), C(tcp) or C(tls)).
      type: str
      sample: https
    region:
      description: The ngrok region the tunnel runs in.
      type: str
      sample: us
    tunnel_session:
      description: The tunnel session (running agent) of the tunnel, with its C(id) and C(uri).
      type: dict
      sample: {"id": "ts_2Zx8example3RcLhDdPp4TtEFq9W", "uri": "https://api.ngrok.com/tunnel_sessions/ts_2Zx8example3RcLhDdPp4TtEFq9W"}
    endpoint:
      description: The agent endpoint of the tunnel, with its C(id) and C(uri).
      type: dict
      sample: {"id": "ep_2Zx8example3RcLhDdPp4TtEFq9W", "uri": "https://api.ngrok.com/endpoints/ep_2Zx8example3RcLhDdPp4TtEFq9W"}
    labels:
      description: The labels of a labeled tunnel (deprecated with edges).
      type: dict
      sample: {"app": "web"}
    backends:
      description: The tunnel group backends a labeled tunnel serves, each with its C(id) and C(uri).
      type: list
      elements: dict
      sample: []
    forwards_to:
      description: Where the agent forwards the tunnel's traffic.
      type: str
      sample: http://localhost:80
"""

from ansible_collections.ngrok.ngrok.plugins.module_utils._module import info_module
from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.sessions import TUNNEL, TUNNEL_DEPRECATION


def main():
    info_module(TUNNEL, [f.name for f in TUNNEL.fields], deprecated=TUNNEL_DEPRECATION)


if __name__ == "__main__":
    main()
