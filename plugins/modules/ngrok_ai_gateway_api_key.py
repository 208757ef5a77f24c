#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ngrok_ai_gateway_api_key
short_description: Manage the API keys of ngrok's legacy, endpoint-based AI gateways
version_added: 0.2.0
description:
  - Create, update and delete AI Gateway API keys, the keys (C(ng-...-g1-...)) that clients of an endpoint-based AI
    gateway send instead of a provider's key. Each key belongs to one gateway, the endpoint whose traffic policy runs
    the C(ai-gateway) action.
  - ngrok moved the AI Gateway to ngrok.ai (U(https://app.ngrok.ai), with its own API at C(api.ngrok.ai) and its own
    access keys, which this collection does not manage). The ngrok API still manages the keys of the gateways an
    account already has, but no endpoint can become a new gateway (the API answers C(ERR_NGROK_18024), "This API only
    allows managing existing legacy gateways"). So this module can create keys only for a legacy gateway; for an endpoint
    that does not exist the API answers C(ERR_NGROK_27002), for one without the C(ai-gateway) action C(ERR_NGROK_27003). Updating,
    listing and deleting existing keys work as before.
  - The API has no unique name for these keys, so the O(description) identifies a key when O(id) is not given. More
    than one key with the same description is an error that lists their ids.
  - The API cannot filter these keys, so finding one by description reads the whole list (one request per 100 keys).
  - The key's token is returned only by the run that creates the key; the API never shows it again.
author:
  - ngrok.ngrok contributors (@ngrok)
extends_documentation_fragment:
  - ngrok.ngrok.connection
  - ngrok.ngrok.attributes
  - ngrok.ngrok.attributes.RESOURCE
options:
  state:
    description:
      - V(present) creates the key when it does not exist and updates what differs.
      - V(absent) deletes the key when it exists; clients using its token are refused from then on.
    type: str
    choices: [present, absent]
    default: present
  id:
    description:
      - ID of the key (C(aigk_...)). Takes precedence over O(description) for finding the key; with it, the key's
        description can be changed.
      - With O(state=present), a key with this id must exist.
    type: str
  description:
    description:
      - Human-readable description of what the key is for, at most 255 bytes.
      - Identifies the key when O(id) is not given, compared exactly, so keep descriptions unique. Required to create
        a key.
    type: str
  metadata:
    description:
      - Arbitrary machine-readable data for the key, at most 4096 bytes. Compared exactly.
      - Text, or a mapping or list, which is sent as JSON text (compact, keys sorted).
    type: raw
  endpoint_id:
    description:
      - ID of the gateway's endpoint (C(ep_...)), an endpoint whose traffic policy has the C(ai-gateway) action.
        Required to create a key.
      - Can be changed; the key then works with the other gateway only.
      - M(ngrok.ngrok.ngrok_endpoint_info) finds the id of an endpoint from its URL.
    type: str
notes:
  - "Use C(no_log: true) on tasks that create keys, or the new token will be shown in the task output."
  - The keys spend the account's AI Gateway credits when they use ngrok's provider accounts; an account without
    access to them is refused with C(ERR_NGROK_27001).
  - ngrok's Terraform provider has no resource for these keys.
seealso:
  - module: ngrok.ngrok.ngrok_ai_gateway_api_key_info
  - module: ngrok.ngrok.ngrok_endpoint_info
  - name: Migrate from the endpoint-based AI Gateway
    description: What replaces a legacy gateway and its keys at ngrok.ai.
    link: https://ngrok.com/docs/ai-gateway/guides/migrating-from-endpoints
"""

EXAMPLES = r"""
- name: Find the legacy gateway's endpoint
  ngrok.ngrok.ngrok_endpoint_info:
    url: https://llm.example.com
  register: gateway

- name: A key for the support bot, kept where the bot reads it
  ngrok.ngrok.ngrok_ai_gateway_api_key:
    description: support-bot
    metadata: '{"team": "support"}'
    endpoint_id: "{{ gateway.endpoints[0].id }}"
  register: bot_key
  no_log: true

- name: Store the token (only possible in the run that created the key)
  ansible.builtin.copy:
    content: "{{ bot_key.ai_gateway_api_key.token }}"
    dest: /etc/support-bot/ai-gateway-key
    mode: "0600"
  when: bot_key.ai_gateway_api_key.token is truthy
  no_log: true

- name: Rename the key, by id
  ngrok.ngrok.ngrok_ai_gateway_api_key:
    id: aigk_2Zx8example3RcLhDdPp4TtEFq9W
    description: support-bot-v2

- name: Revoke the key
  ngrok.ngrok.ngrok_ai_gateway_api_key:
    description: support-bot-v2
    state: absent
"""

RETURN = r"""
ai_gateway_api_key:
  description:
    - The key as the API returned it; in check mode, the predicted key, with C(id), C(uri), C(created_at),
      C(updated_at), C(created_by), C(last_updated_by), C(token), C(display_name) and C(last_used) null for a key not
      yet created (and C(endpoint.uri) null when the task sets O(endpoint_id)).
    - After O(state=absent), the key that was deleted, or an empty dict when there was none.
  returned: always
  type: dict
  contains:
    id:
      description: Unique ID of the key.
      type: str
      sample: aigk_2Zx8example3RcLhDdPp4TtEFq9W
    uri:
      description: URI of the key in the API.
      type: str
      sample: https://api.ngrok.com/ai_gateway_api_keys/aigk_2Zx8example3RcLhDdPp4TtEFq9W
    created_at:
      description: When the key was created, RFC 3339 in UTC.
      type: str
      sample: "2026-11-27T10:11:14Z"
    updated_at:
      description: When the key was last changed, RFC 3339 in UTC.
      type: str
      sample: "2026-11-28T08:30:00Z"
    description:
      description: Description of the key.
      type: str
      sample: support-bot
    metadata:
      description: Metadata of the key.
      type: str
      sample: '{"team": "support"}'
    created_by:
      description: Reference (C(id), C(uri)) to the user or service user that created the key; C(uri) may be empty.
      type: dict
      sample: {"id": "usr_2Zx8example3RcLhDdPp4TtEFq9W", "uri": ""}
    last_updated_by:
      description: Reference (C(id), C(uri)) to the user or service user that last changed the key.
      type: dict
      sample: {"id": "usr_2Zx8example3RcLhDdPp4TtEFq9W", "uri": ""}
    endpoint:
      description: Reference (C(id), C(uri)) to the gateway's endpoint the key works with.
      type: dict
      sample: {"id": "ep_2Zx8example3RcLhDdPp4TtEFq9W", "uri": "https://api.ngrok.com/endpoints/ep_2Zx8example3RcLhDdPp4TtEFq9W"}
    token:
      description:
        - The token clients send to the gateway. Set only in the run that created the key; null in every other run
          and never shown in C(--diff).
      type: str
      sample: ng-k2m9x4pa-g1-7fQe2Rk0WmZt5yHc8NvB1sLd3GuJx6AoPi9TnMbE
    display_name:
      description: The token in a redacted form (its first and last characters) that tells keys apart.
      type: str
      sample: ng-k2m9x4p***nMbE
    last_used:
      description: When a client last used the key, RFC 3339 in UTC; null when it never was.
      type: str
      sample: "2026-11-28T09:12:44Z"
"""

from ansible_collections.ngrok.ngrok.plugins.module_utils._module import resource_module
from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.ai_gateway import AI_GATEWAY_API_KEY


def main():
    resource_module(AI_GATEWAY_API_KEY)


if __name__ == "__main__":
    main()
