#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ngrok_api
short_description: Send one request to any path of the ngrok API
version_added: 0.2.0
description:
  - The escape hatch for what the collection's modules do not model, like C(ngrok api) in ngrok's agent CLI. It sends
    one request to any path of the ngrok API, with the collection's authentication, C(Ngrok-Version) header, retries
    and error reporting.
  - With O(paginate=true), a list request follows C(next_page_uri) through every page and returns the objects.
  - This module does not know whether a request changes anything. A V(GET) reports C(changed=false); any other method
    reports C(changed=true) when the API accepted it.
author:
  - ngrok.ngrok contributors (@ngrok)
extends_documentation_fragment:
  - ngrok.ngrok.connection
  - ngrok.ngrok.attributes
attributes:
  check_mode:
    description: In check mode only V(GET) requests are sent; other methods are reported as C(changed) and not sent.
    support: full
  diff_mode:
    description: Returns no diff.
    support: none
  idempotent:
    description: V(GET) requests are; for other methods it depends on the request.
    support: partial
options:
  path:
    description:
      - The API path, starting with C(/), for example V(/reserved_domains) or V(/endpoints/ep_2Zx8example3RcLhDdPp4TtEFq9W).
      - Query parameters go in O(query), not in the path.
    type: str
    required: true
  method:
    description:
      - The HTTP method.
    type: str
    choices: [GET, POST, PATCH, PUT, DELETE]
    default: GET
  query:
    description:
      - Query parameters, for example C(filter) with a CEL expression and C(limit) with a page size.
    type: dict
  body:
    description:
      - The JSON body of a V(POST), V(PATCH) or V(PUT) request, as a mapping or as the JSON text of one (from a
        template or a file, say).
      - Beware of secrets in it, and use C(no_log) on the task when there are.
    type: raw
  paginate:
    description:
      - For a V(GET) of a list, follow C(next_page_uri) through every page and return every object in RV(objects).
    type: bool
    default: false
  list_key:
    description:
      - With O(paginate=true), the key of the list in the API's answer (V(keys) for C(/api_keys)). By default it is
        found (the one key whose value is a list).
    type: str
notes:
  - A V(POST) whose outcome is unknown (a timeout, an HTTP 5xx) is never sent again, as this module cannot look the
    object up to know whether it was created; the task fails and says so.
  - Some answers hold values shown only once, such as the token of a new API key or credential. Use C(no_log) on such
    tasks.
seealso:
  - name: ngrok API reference
    description: Every path, method, request field and answer of the API.
    link: https://ngrok.com/docs/api/
"""

EXAMPLES = r"""
- name: Read the account's tunnels (a resource this collection only reads)
  ngrok.ngrok.ngrok_api:
    path: /tunnels
    paginate: true
  register: tunnels

- name: Print the public URL of each tunnel
  ansible.builtin.debug:
    msg: "{{ tunnels.objects | map(attribute='public_url') }}"

- name: Cloud endpoints whose URL is on example.com, through a CEL filter
  ngrok.ngrok.ngrok_api:
    path: /endpoints
    query:
      filter: obj.type == "cloud" && obj.url.endsWith(".example.com")
    paginate: true
  register: endpoints

- name: Restart an agent session (an action, not a resource)
  ngrok.ngrok.ngrok_api:
    method: POST
    path: /tunnel_sessions/ts_2Zx8example3RcLhDdPp4TtEFq9W/restart
    body: {}

- name: Create a credential with an option the modules do not offer
  ngrok.ngrok.ngrok_api:
    method: POST
    path: /credentials
    body:
      description: edge device 12
      acl: ["bind:device12.example.com"]
  register: created
  no_log: true
"""

RETURN = r"""
status:
  description: The HTTP status of the answer; null when a request was not sent in check mode.
  returned: always
  type: int
  sample: 200
json:
  description:
    - The decoded JSON answer, or null for an empty answer (HTTP 204).
    - Null with O(paginate=true); the objects are in RV(objects).
  returned: always
  type: raw
  sample: {"id": "rd_2Zx8example3RcLhDdPp4TtEFq9W", "domain": "app.example.com"}
objects:
  description:
    - With O(paginate=true), the objects of every page, in the API's order.
  returned: when O(paginate=true)
  type: list
  elements: raw
  sample: [{"id": "rd_2Zx8example3RcLhDdPp4TtEFq9W", "domain": "app.example.com"}]
"""

import json
import re

from ansible_collections.ngrok.ngrok.plugins.module_utils._errors import EngineError
from ansible_collections.ngrok.ngrok.plugins.module_utils._module import NgrokModule
from ansible_collections.ngrok.ngrok.plugins.module_utils._data import scalar_texts
from ansible_collections.ngrok.ngrok.plugins.module_utils._secrets import values_under_secret_keys

_PATH = re.compile(r"^/[A-Za-z0-9_./%-]*$")


def check_path(path):
    if not _PATH.match(path or "") or "/../" in path + "/" or "//" in path:
        raise EngineError("path must be an API path starting with / (letters, digits and _ . - / only; the query goes in "
                          "the query option), got {0!r}".format(path))


def parse_body(body):
    """The body to send: a mapping as it is, JSON text of an object parsed (the API takes only objects)."""
    if isinstance(body, str):
        try:
            body = json.loads(body)
        except ValueError as exc:
            raise EngineError("body: text that is not JSON ({0}); give a mapping or JSON text".format(exc))
    if body is not None and not isinstance(body, dict):
        raise EngineError("body: the API takes a JSON object, not {0}".format(type(body).__name__))
    return body


def main():
    module = NgrokModule(
        argument_spec=dict(
            path=dict(type="str", required=True),
            method=dict(type="str", default="GET", choices=["GET", "POST", "PATCH", "PUT", "DELETE"]),
            query=dict(type="dict"),
            body=dict(type="raw"),
            paginate=dict(type="bool", default=False),
            list_key=dict(type="str", no_log=False),
        ),
        supports_check_mode=True,
    )
    params = module.params
    # A body may hold what the collection's modules take as no_log (a secret's value, a private key, tokens): it is
    # masked in everything the module returns, its invocation included, whatever request it is.
    try:
        module.mask(values_under_secret_keys(parse_body(params["body"])))
    except EngineError:
        # Not JSON: masked as a whole, then refused below.
        module.mask(scalar_texts(params["body"]))

    def work():
        check_path(params["path"])
        method = params["method"]
        query = dict((k, v if isinstance(v, list) else str(v)) for k, v in (params["query"] or {}).items())
        if params["paginate"] and method != "GET":
            raise EngineError("paginate works with method GET only")
        parse_body(params["body"])
        if params["body"] is not None and method in ("GET", "DELETE"):
            raise EngineError("a {0} request takes no body (the API refuses one)".format(method))
        if method != "GET" and module.check_mode:
            return {"changed": True, "status": None, "json": None,
                    "msg": "check mode: the {0} request was not sent".format(method)}
        if params["paginate"]:
            items = module.client.list(params["path"], params["list_key"], params=query)
            return {"changed": False, "status": 200, "json": None, "objects": items}
        body = parse_body(params["body"])
        if body is None and method in ("POST", "PATCH", "PUT"):
            body = {}
        status, data = module.client.request(method, params["path"], params=query or None, body=body)
        return {"changed": method != "GET", "status": status, "json": data}

    module.run(work)


if __name__ == "__main__":
    main()
