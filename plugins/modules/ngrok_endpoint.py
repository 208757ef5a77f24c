#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ngrok_endpoint
short_description: Manage ngrok cloud endpoints
version_added: 0.2.0
description:
  - Create, update and delete cloud endpoints, the endpoints that live in ngrok's cloud and handle traffic with a
    traffic policy, without an agent online.
  - A cloud endpoint is identified by its O(url) when O(id) is not given. Only cloud endpoints are looked at; the
    endpoints of agents on the same URL are left alone (list them with M(ngrok.ngrok.ngrok_endpoint_info)).
  - A public URL must be on a domain reserved in the account (M(ngrok.ngrok.ngrok_reserved_domain)) or, for
    C(tcp://) URLs, on a reserved address (M(ngrok.ngrok.ngrok_reserved_addr)). URLs whose host ends in
    C(.internal) need no reservation and take the C(internal) binding.
author:
  - ngrok.ngrok contributors (@ngrok)
extends_documentation_fragment:
  - ngrok.ngrok.connection
  - ngrok.ngrok.attributes
  - ngrok.ngrok.attributes.RESOURCE
options:
  state:
    description:
      - V(present) creates the endpoint when it does not exist and updates what differs.
      - V(absent) deletes the endpoint when it exists; its URL stops answering at once.
    type: str
    choices: [present, absent]
    default: present
  id:
    description:
      - ID of the endpoint (C(ep_...)). Takes precedence over O(url) for finding the endpoint; with it, O(url) can be
        changed (within the same scheme).
      - With O(state=present), a cloud endpoint with this id must exist. The id of an agent endpoint is refused.
    type: str
  url:
    description:
      - The URL the endpoint serves, for example V(https://app.example.com), V(tls://app.example.com),
        V(tcp://1.tcp.ngrok.io:20000) or V(https://app.internal).
      - Identifies the endpoint when O(id) is not given. Compared the way the API stores it, with the scheme and host
        in lower case and without the scheme's default port (V(HTTPS://App.Example.com:443) is
        V(https://app.example.com)).
      - The URL has no path and no trailing slash. C(http) and C(https) URLs default to ports 80 and 443, C(tls)
        to 443; C(tcp) URLs need their port.
      - Required to create an endpoint. Can be changed only through O(id), and the API refuses to change its scheme.
    type: str
  traffic_policy:
    description:
      - The traffic policy that handles the endpoint's traffic, as a mapping of phases (C(on_http_request),
        C(on_http_response), C(on_tcp_connect)) to lists of rules, or as YAML or JSON text of such a mapping (for
        example the content of a file read with the P(ansible.builtin.file#lookup) lookup).
      - Compared as data, so the same policy written as a mapping, as YAML or as JSON, in any layout, is unchanged.
        Text is sent as written; a mapping is sent as JSON.
      - The policy must terminate the traffic it receives, with actions such as C(custom-response), C(deny),
        C(redirect) or C(forward-internal); a cloud endpoint does not forward to an agent by itself. The API checks
        the policy and refuses it with its error code.
      - Required to create an endpoint.
    type: raw
  description:
    description:
      - Human-readable description of the endpoint, at most 255 bytes.
    type: str
  metadata:
    description:
      - Arbitrary machine-readable data of the endpoint, at most 4096 bytes.
      - Text, or a mapping or list, which is sent as JSON text (compact, keys sorted).
    type: raw
  bindings:
    description:
      - Where the endpoint can be reached. V(public) is on the internet, V(internal) only from other endpoints of
        the account (with the C(forward-internal) action; the URL's host must end in C(.internal)), V(kubernetes) in
        the clusters that run the ngrok Kubernetes operator, with a URL V(http://name.namespace) or
        V(tcp://name.namespace:port) that needs no reservation.
      - Compared as a set. When not given on creation, the API binds C(.internal) URLs V(internal) and others
        V(public); when not given on update, the bindings are left as they are.
    type: list
    elements: str
    choices: [public, internal, kubernetes]
  pooling_enabled:
    description:
      - Whether the endpoint may share its URL with other endpoints (a pool; ngrok balances traffic between them).
        Every endpoint of a pool must enable it.
      - A task finds the endpoint by its URL, so it manages one cloud endpoint per URL; when a pool holds more than
        one cloud endpoint, name the one to change with O(id).
      - Changing it on an existing endpoint is sent as an update, as ngrok's API description, Terraform provider and
        Kubernetes operator do; ngrok's pooling guide says it is set when the endpoint is created. Should the API
        refuse the change, the task fails with the API's error and says to delete the endpoint and create it again.
    type: bool
notes:
  - "Replaces the Terraform resource C(ngrok_cloud_endpoint) of ngrok's provider."
  - A URL on a reserved domain keeps the domain in use; release the domain with M(ngrok.ngrok.ngrok_reserved_domain)
    only after the endpoint is deleted.
seealso:
  - module: ngrok.ngrok.ngrok_endpoint_info
  - module: ngrok.ngrok.ngrok_reserved_domain
  - module: ngrok.ngrok.ngrok_reserved_addr
  - name: Traffic Policy
    description: The phases, actions and expressions of ngrok's traffic policies.
    link: https://ngrok.com/docs/traffic-policy/
"""

EXAMPLES = r"""
# ngrok's Terraform provider:
#   resource "ngrok_cloud_endpoint" "example" {
#     url         = "https://app.example.com"
#     description = "Production cloud endpoint"
#     metadata    = jsonencode({ environment = "production" })
#     traffic_policy = jsonencode({
#       on_http_request = [{ actions = [{ type = "custom-response",
#                                         config = { status_code = 200, body = "Hello from ngrok" } }] }]
#     })
#   }
- name: Reserve the domain the endpoint serves
  ngrok.ngrok.ngrok_reserved_domain:
    domain: app.example.com

- name: A cloud endpoint that answers by itself
  ngrok.ngrok.ngrok_endpoint:
    url: https://app.example.com
    description: Production cloud endpoint
    metadata: '{"environment": "production"}'
    traffic_policy:
      on_http_request:
        - actions:
            - type: custom-response
              config:
                status_code: 200
                body: Hello from ngrok
  register: app

- name: An internal endpoint, reachable only from the account's other endpoints
  ngrok.ngrok.ngrok_endpoint:
    url: https://api.internal
    bindings: [internal]
    traffic_policy:
      on_http_request:
        - actions:
            - type: custom-response
              config:
                status_code: 503
                body: the API is not deployed yet

- name: Keep the traffic policy in a file next to the playbook
  ngrok.ngrok.ngrok_endpoint:
    url: https://app.example.com
    traffic_policy: "{{ lookup('ansible.builtin.file', 'app-policy.yml') }}"

- name: Deny everything while the site is down
  ngrok.ngrok.ngrok_endpoint:
    url: https://app.example.com
    traffic_policy: |
      on_http_request:
        - actions:
            - type: deny
              config:
                status_code: 503

- name: Delete the endpoint
  ngrok.ngrok.ngrok_endpoint:
    url: https://app.example.com
    state: absent
"""

RETURN = r"""
endpoint:
  description:
    - The cloud endpoint as the API returned it; in check mode, the predicted endpoint. A prediction has every key
      of a real answer; what only the API knows (C(id), C(uri), C(created_at), C(updated_at), C(region),
      C(domain), C(tcp_addr), C(principal), C(name), C(upstream_url), C(upstream_protocol)) is null in the
      prediction of an endpoint not yet created.
    - The API leaves some keys out of its answers (an empty C(description) or C(metadata), references that do not
      apply).
    - After O(state=absent), the endpoint that was deleted, or an empty dict when there was none.
  returned: always
  type: dict
  contains:
    id:
      description: Unique ID of the endpoint.
      type: str
      sample: ep_2Zx8example3RcLhDdPp4TtEFq9W
    uri:
      description: URI of the endpoint in the API.
      type: str
      sample: https://api.ngrok.com/endpoints/ep_2Zx8example3RcLhDdPp4TtEFq9W
    created_at:
      description: When the endpoint was created, RFC 3339 in UTC.
      type: str
      sample: "2026-11-27T10:11:14Z"
    updated_at:
      description: When the endpoint was last changed, RFC 3339 in UTC.
      type: str
      sample: "2026-11-27T10:11:14Z"
    url:
      description: The URL the endpoint serves, as the API stores it.
      type: str
      sample: https://app.example.com
    public_url:
      description: Deprecated by ngrok in favour of RV(endpoint.url), which it repeats.
      type: str
      sample: https://app.example.com
    type:
      description:
        - V(cloud) for the endpoints this module manages. The info module also shows agent endpoints (V(agent), or
          V(ephemeral) in older answers) and V(edge) endpoints.
      type: str
      sample: cloud
    scheme:
      description: Scheme of the URL (V(http), V(https), V(tls) or V(tcp)).
      type: str
      sample: https
    proto:
      description: Protocol served by the endpoint; the same as RV(endpoint.scheme).
      type: str
      sample: https
    host:
      description: Host name of the URL.
      type: str
      sample: app.example.com
    port:
      description: Port of the URL, including a default port that the URL leaves out.
      type: int
      sample: 443
    hostport:
      description: Host and port, C(host:port); ngrok plans to deprecate it.
      type: str
      sample: app.example.com:443
    traffic_policy:
      description: The traffic policy, as the text that was sent (JSON when the task gave a mapping).
      type: str
      sample: '{"on_http_request": [{"actions": [{"type": "custom-response", "config": {"status_code": 200}}]}]}'
    bindings:
      description: Where the endpoint can be reached (V(public), V(internal), V(kubernetes)).
      type: list
      elements: str
      sample: [public]
    pooling_enabled:
      description: Whether the endpoint may share its URL with other endpoints.
      type: bool
      sample: false
    description:
      description: Description of the endpoint.
      type: str
      sample: Production cloud endpoint
    metadata:
      description: Metadata of the endpoint.
      type: str
      sample: '{"environment": "production"}'
    domain:
      description: Reference (C(id), C(uri)) to the reserved domain the URL is on, or null.
      type: dict
      sample: {"id": "rd_2Zx8example3RcLhDdPp4TtEFq9W", "uri": "https://api.ngrok.com/reserved_domains/rd_2Zx8example3RcLhDdPp4TtEFq9W"}
    tcp_addr:
      description: Reference (C(id), C(uri)) to the reserved address a C(tcp://) URL is on, or null.
      type: dict
      sample: null
    principal:
      description: Reference (C(id), C(uri)) to the user or service user that owns the endpoint; its C(uri) may be empty.
      type: dict
      sample: {"id": "usr_2Zx8example3RcLhDdPp4TtEFq9W", "uri": ""}
    region:
      description: The ngrok region of the endpoint; empty for cloud endpoints, which ngrok serves globally.
      type: str
      sample: ""
    name:
      description: Name of the endpoint given by the agent that started it; empty for cloud endpoints.
      type: str
      sample: ""
    upstream_url:
      description: For agent endpoints, the local address the agent forwards to; empty for cloud endpoints.
      type: str
      sample: ""
    upstream_protocol:
      description: For agent endpoints, the protocol the agent forwards with; empty for cloud endpoints.
      type: str
      sample: ""
    tunnel:
      description: For agent endpoints, reference (C(id), C(uri)) to the tunnel that serves it; null for cloud endpoints.
      type: dict
      sample: null
    tunnel_session:
      description: For agent endpoints, reference (C(id), C(uri)) to the agent's session; null for cloud endpoints.
      type: dict
      sample: null
    edge:
      description: For edge endpoints, reference (C(id), C(uri)) to the edge; null for cloud endpoints.
      type: dict
      sample: null
"""

from ansible_collections.ngrok.ngrok.plugins.module_utils._module import resource_module
from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.endpoints import ENDPOINT


def main():
    resource_module(ENDPOINT)


if __name__ == "__main__":
    main()
