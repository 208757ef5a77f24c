#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ngrok_ai_gateway_api_key_info
short_description: List the API keys of ngrok's legacy, endpoint-based AI gateways
version_added: 0.2.0
description:
  - Read one AI Gateway API key by id, or every AI Gateway API key of the account, optionally narrowed by
    description or gateway endpoint. Reads every page of the list.
  - The API cannot filter these keys, so there is no C(filter) option; O(description) and O(endpoint_id) are checked
    on the listed keys.
  - Tokens are never returned; the API shows a token only when the key is created.
  - These keys belong to the legacy, endpoint-based AI gateways; see M(ngrok.ngrok.ngrok_ai_gateway_api_key) for
    what ngrok still allows since the AI Gateway moved to ngrok.ai.
author:
  - ngrok.ngrok contributors (@ngrok)
extends_documentation_fragment:
  - ngrok.ngrok.connection
  - ngrok.ngrok.attributes
  - ngrok.ngrok.attributes.INFO
options:
  id:
    description:
      - ID of one key (C(aigk_...)). An id that does not exist gives an empty list.
    type: str
  description:
    description:
      - Only keys with exactly this description.
    type: str
  endpoint_id:
    description:
      - Only the keys of the gateway with this endpoint id (C(ep_...)).
    type: str
seealso:
  - module: ngrok.ngrok.ngrok_ai_gateway_api_key
"""

EXAMPLES = r"""
- name: All AI Gateway API keys
  ngrok.ngrok.ngrok_ai_gateway_api_key_info:
  register: keys

- name: The keys of one gateway
  ngrok.ngrok.ngrok_ai_gateway_api_key_info:
    endpoint_id: ep_2Zx8example3RcLhDdPp4TtEFq9W

- name: The key of the support bot
  ngrok.ngrok.ngrok_ai_gateway_api_key_info:
    description: support-bot
"""

RETURN = r"""
ai_gateway_api_keys:
  description:
    - The keys found, newest first, with C(token) null. Each has the keys of the
      RV(ngrok.ngrok.ngrok_ai_gateway_api_key#module:ai_gateway_api_key) result of
      M(ngrok.ngrok.ngrok_ai_gateway_api_key).
  returned: always
  type: list
  elements: dict
  sample:
    - id: aigk_2Zx8example3RcLhDdPp4TtEFq9W
      uri: https://api.ngrok.com/ai_gateway_api_keys/aigk_2Zx8example3RcLhDdPp4TtEFq9W
      created_at: "2026-11-27T10:11:14Z"
      updated_at: "2026-11-27T10:11:14Z"
      description: support-bot
      created_by: {"id": "usr_2Zx8example3RcLhDdPp4TtEFq9W", "uri": ""}
      last_updated_by: {"id": "usr_2Zx8example3RcLhDdPp4TtEFq9W", "uri": ""}
      endpoint: {"id": "ep_2Zx8example3RcLhDdPp4TtEFq9W", "uri": "https://api.ngrok.com/endpoints/ep_2Zx8example3RcLhDdPp4TtEFq9W"}
      token: null
      display_name: ng-k2m9x4p***nMbE
      last_used: null
"""

from ansible_collections.ngrok.ngrok.plugins.module_utils._module import info_module
from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.ai_gateway import AI_GATEWAY_API_KEY


def main():
    info_module(AI_GATEWAY_API_KEY, ["description", "endpoint_id"])


if __name__ == "__main__":
    main()
