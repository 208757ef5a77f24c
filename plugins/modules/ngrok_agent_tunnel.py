#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ngrok_agent_tunnel
short_description: Start and stop endpoints on a running ngrok agent, through its local API
version_added: 0.2.0
description:
  - Starts, updates and stops one endpoint (what older agents call a tunnel) on an ngrok agent that runs on the
    host, through the agent's local API (U(https://ngrok.com/docs/agent/api/)), found by O(name).
  - The endpoint lives as long as the agent process. It is not written into the agent's configuration file, so an
    agent that restarts runs only the endpoints of its file again. To keep an endpoint, put it into the
    configuration (the C(ngrok.ngrok.agent) role's C(agent_endpoints)); use this module for endpoints that come
    and go while the agent runs (a preview of a branch, a support session, a temporary SSH endpoint).
  - Runs on the host of the agent. It talks to the agent, not to the ngrok REST API, so it takes none of the
    collection's API connection options and is not in the C(ngrok.ngrok.ngrok) action group.
  - The endpoint the agent starts appears in the ngrok API as an agent endpoint of the agent's tunnel session
    (M(ngrok.ngrok.ngrok_endpoint_info), the C(ngrok.ngrok.ngrok) inventory).
author:
  - ngrok.ngrok contributors (@ngrok)
attributes:
  check_mode:
    description: Only reads the running endpoint and returns the one the agent would run.
    support: full
  diff_mode:
    description: Returns the running endpoint before and after (the fields the agent answers).
    support: full
  idempotent:
    description:
      - A second run with the same options reports no change and sends one V(GET).
      - Only what the agent answers is compared (see O(description)); a change of another option alone is not seen.
    support: partial
  action_group:
    description: Not in the C(ngrok.ngrok.ngrok) action group, whose defaults are the REST API's connection options.
    support: none
    membership: []
options:
  name:
    description:
      - The endpoint's name on the agent, unique among its endpoints; the agent API's path names it.
    type: str
    required: true
  state:
    description:
      - V(present) starts the endpoint when none of that name runs, and updates it (the agent starts it again with
        the new definition) when the URL, the upstream, the traffic policy or pooling differ.
      - V(absent) stops the endpoint. An endpoint that does not run is not an error and reports no change.
    type: str
    choices: [present, absent]
    default: present
  url:
    description:
      - The endpoint's URL, in any form the agent accepts, for example V(https://app.example.com),
        V(tcp://1.tcp.ngrok.io:12345), V(https://api.internal), a bare domain (V(app.example.com), HTTPS) or a bare
        scheme (V(https://), V(tcp://)) for an address ngrok chooses.
      - A TCP URL must be an address the account has reserved (M(ngrok.ngrok.ngrok_reserved_addr)), a domain one
        the account may use.
      - With a bare scheme, only the scheme is compared, so a second run keeps the address ngrok chose.
      - When not set, a new endpoint gets an HTTPS address ngrok chooses, and a running one keeps its URL.
    type: str
  upstream:
    description:
      - Where the agent forwards the traffic; required to start an endpoint.
      - When an endpoint runs, the options set here replace the running ones and the others are kept.
    type: dict
    suboptions:
      url:
        description:
          - A port on the host (V(8080)), V(host:port), a domain (HTTP endpoints only) or a URL
            (V(http://localhost:8080), V(tcp://10.0.0.5:22)). Compared by host and port, V(localhost) and
            V(127.0.0.1) alike, and by scheme when both name one.
        type: str
      protocol:
        description:
          - V(http1) or V(http2), the protocol the agent speaks to the upstream (HTTP endpoints).
          - Compared only when the agent's answer names one of the two.
        type: str
        choices: [http1, http2]
      proxy_protocol:
        description:
          - The PROXY protocol version the agent sends to the upstream. Sent with the definition; the agent does not
            answer it, so it is not compared.
        type: str
        choices: ['1', '2']
  traffic_policy:
    description:
      - The endpoint's traffic policy, as a mapping or as YAML or JSON text; compared as data. An empty mapping or
        text means none.
      - When not set, a running endpoint keeps its policy.
    type: raw
  pooling_enabled:
    description:
      - Whether the endpoint joins the pool of endpoints with the same URL (all of them must enable it).
      - When not set, a new endpoint does not pool and a running one keeps its setting.
    type: bool
  bindings:
    description:
      - One of V(public), V(internal) or V(kubernetes). Sent with the definition; not answered by the agent, so
        not compared.
    type: list
    elements: str
    choices: [public, internal, kubernetes]
  description:
    description:
      - The endpoint's description, shown in the ngrok API. Sent with the definition; not compared.
    type: str
  metadata:
    description:
      - The endpoint's metadata, shown in the ngrok API. Text, or a mapping sent as JSON text. Sent with the
        definition; not compared.
    type: raw
  web_addr:
    description:
      - The agent's local API, as its C(web_addr) setting names it (V(HOST:PORT)), or an V(http://) URL.
    type: str
    default: 127.0.0.1:4040
  timeout:
    description:
      - Seconds to wait for each answer of the agent. Starting an endpoint waits for ngrok to accept it.
    type: float
    default: 30
notes:
  - The agent's local API has no authentication; it answers only requests whose C(Host) is the local host unless
    the agent's C(web_allow_hosts) allows others. Keep C(web_addr) on a loopback address.
  - An update sends the endpoint's whole definition (C(PUT)), made of what the agent answers with the task's options
    over it. The options the agent does not answer (O(description), O(metadata), O(bindings),
    O(upstream.proxy_protocol)) are kept only when the task sets them again.
  - The agent's older C(/api/tunnels) calls, deprecated by ngrok, are not used.
seealso:
  - name: ngrok agent API
    description: The local API of the agent.
    link: https://ngrok.com/docs/agent/api/
  - module: ngrok.ngrok.ngrok_endpoint_info
  - module: ngrok.ngrok.ngrok_tunnel_session
  - module: ngrok.ngrok.ngrok_reserved_addr
"""

EXAMPLES = r"""
- name: A temporary SSH endpoint on a reserved address, on the agent of this host
  ngrok.ngrok.ngrok_agent_tunnel:
    name: support-ssh
    url: tcp://1.tcp.ngrok.io:12345
    upstream:
      url: "22"
    traffic_policy:
      on_tcp_connect:
        - actions:
            - type: restrict-ips
              config:
                enforce: true
                allow: [203.0.113.0/24]
  register: support

- name: Tell the support team where to connect
  ansible.builtin.debug:
    msg: "ssh -p {{ support.agent_tunnel.url | urlsplit('port') }} {{ support.agent_tunnel.url | urlsplit('hostname') }}"

- name: A preview of a branch on a random address, kept by name across runs
  ngrok.ngrok.ngrok_agent_tunnel:
    name: preview-{{ branch }}
    url: https://
    upstream:
      url: "3000"
  register: preview

- name: Stop the support endpoint once the session is over
  ngrok.ngrok.ngrok_agent_tunnel:
    name: support-ssh
    state: absent

- name: An agent whose local API listens elsewhere
  ngrok.ngrok.ngrok_agent_tunnel:
    name: metrics
    url: https://metrics.internal
    upstream:
      url: "9100"
    web_addr: 127.0.0.1:4041
"""

RETURN = r"""
agent_tunnel:
  description:
    - The endpoint as the agent answers it (C(GET /api/endpoints/NAME)), without its metrics; the traffic policy as
      data. In check mode, the endpoint the agent would run (an address ngrok would choose is not known yet).
    - Empty when the endpoint does not run (after O(state=absent)).
  returned: always
  type: dict
  sample:
    name: support-ssh
    uri: /api/endpoints/support-ssh
    url: tcp://1.tcp.ngrok.io:12345
    upstream:
      url: tcp://localhost:22
    inspect: false
    traffic_policy:
      on_tcp_connect:
        - actions:
            - type: restrict-ips
              config:
                enforce: true
                allow: [203.0.113.0/24]
    pooling_enabled: false
  contains:
    name:
      description: The endpoint's name.
      type: str
      returned: success
    uri:
      description: The endpoint's path in the agent's local API.
      type: str
      returned: success
    url:
      description: The endpoint's URL, with the address ngrok chose for a bare scheme.
      type: str
      returned: success
    upstream:
      description: Where the agent forwards (C(url)) and, for HTTP endpoints, how (C(protocol)).
      type: dict
      returned: success
    inspect:
      description: Whether the agent records the requests for inspection.
      type: bool
      returned: when the agent answers it
    traffic_policy:
      description: The traffic policy as data; null when there is none.
      type: dict
      returned: success
    pooling_enabled:
      description: Whether the endpoint pools with others of its URL.
      type: bool
      returned: success
changed_fields:
  description: The fields that differed from the running endpoint, for an update (empty for a start or a stop).
  returned: always
  type: list
  elements: str
  sample: [upstream.url]
"""

import json

from ansible.module_utils.basic import AnsibleModule
from ansible.module_utils.common.text.converters import to_native

from ansible_collections.ngrok.ngrok.plugins.module_utils._agent_api import (
    AgentAPI,
    AgentAPIError,
    compared,
    policy_data,
    request_body,
    view,
)


def wanted_endpoint(params):
    """The task's options that are set, in the agent API's shape."""
    wanted = {"name": params["name"]}
    for key in ("url", "description", "bindings", "pooling_enabled"):
        if params[key] is not None:
            wanted[key] = params[key]
    if params["metadata"] is not None:
        metadata = params["metadata"]
        wanted["metadata"] = metadata if isinstance(metadata, str) else json.dumps(metadata, sort_keys=True,
                                                                                   separators=(",", ":"))
    if params["upstream"]:
        wanted["upstream"] = dict((k, v) for k, v in params["upstream"].items() if v is not None)
    if params["traffic_policy"] is not None:
        wanted["traffic_policy"] = policy_data(params["traffic_policy"])
    return wanted


def predicted(wanted, current):
    """The endpoint the agent would run (check mode)."""
    body = request_body(wanted, current)
    out = dict(view(current) if current else {}, name=wanted["name"], uri="/api/endpoints/" + wanted["name"])
    out["url"] = body.get("url") or (current or {}).get("url") or "https://"
    out["upstream"] = body.get("upstream") or {}
    out["traffic_policy"] = policy_data(body.get("traffic_policy"))
    out["pooling_enabled"] = bool(body.get("pooling_enabled", False))
    return out


def run(module, api):
    params = module.params
    current = api.get_endpoint(params["name"])
    before = view(current) if current else {}
    result = {"changed": False, "changed_fields": [], "agent_tunnel": before}

    if params["state"] == "absent":
        if current is not None:
            result["changed"] = True
            if not module.check_mode:
                api.stop_endpoint(params["name"])
            result["agent_tunnel"] = {}
    else:
        wanted = wanted_endpoint(params)
        if current is None:
            if not (wanted.get("upstream") or {}).get("url"):
                module.fail_json(msg="upstream.url is required to start the endpoint {0}".format(params["name"]))
            result["changed"] = True
            if module.check_mode:
                result["agent_tunnel"] = predicted(wanted, None)
            else:
                result["agent_tunnel"] = view(api.start_endpoint(request_body(wanted)))
        else:
            differ = compared(wanted, current)
            if differ:
                result["changed"] = True
                result["changed_fields"] = differ
                if module.check_mode:
                    result["agent_tunnel"] = predicted(wanted, current)
                else:
                    result["agent_tunnel"] = view(api.update_endpoint(params["name"], request_body(wanted, current)))
    if module._diff:
        result["diff"] = {"before": before, "after": result["agent_tunnel"]}
    return result


def main():
    module = AnsibleModule(
        argument_spec=dict(
            name=dict(type="str", required=True),
            state=dict(type="str", default="present", choices=["present", "absent"]),
            url=dict(type="str"),
            upstream=dict(type="dict", options=dict(
                url=dict(type="str"),
                protocol=dict(type="str", choices=["http1", "http2"]),
                proxy_protocol=dict(type="str", choices=["1", "2"]),
            )),
            traffic_policy=dict(type="raw"),
            pooling_enabled=dict(type="bool"),
            bindings=dict(type="list", elements="str", choices=["public", "internal", "kubernetes"]),
            description=dict(type="str"),
            metadata=dict(type="raw"),
            web_addr=dict(type="str", default="127.0.0.1:4040"),
            timeout=dict(type="float", default=30),
        ),
        supports_check_mode=True,
    )
    params = module.params
    if not params["name"].strip():
        module.fail_json(msg="name must not be empty")
    if params["timeout"] <= 0:
        module.fail_json(msg="timeout must be greater than 0, got {0}".format(params["timeout"]))
    if params["bindings"] is not None and len(params["bindings"]) > 1:
        module.fail_json(msg="bindings takes one binding, got {0}".format(", ".join(params["bindings"])))
    try:
        api = AgentAPI(params["web_addr"], params["timeout"])
    except ValueError as exc:
        module.fail_json(msg=to_native(exc))
    try:
        result = run(module, api)
    except AgentAPIError as exc:
        module.fail_json(msg=exc.msg, status=exc.status)
    except ValueError as exc:
        module.fail_json(msg=to_native(exc))
    module.exit_json(**result)


if __name__ == "__main__":
    main()
