#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ngrok_api_key_info
short_description: List ngrok API keys
version_added: 0.1.0
description:
  - Read one API key by id, or every API key of the account, optionally narrowed by description or a CEL filter.
  - Reads every page of the list. Tokens are never returned; the API shows a token only when the key is created.
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
      - ID of one key (C(ak_...)). An id that does not exist gives an empty list.
    type: str
  description:
    description:
      - Only keys with exactly this description.
    type: str
seealso:
  - module: ngrok.ngrok.ngrok_api_key
"""

EXAMPLES = r"""
- name: All API keys
  ngrok.ngrok.ngrok_api_key_info:
  register: keys

- name: Keys created in the last week
  ngrok.ngrok.ngrok_api_key_info:
    filter: obj.created_at > timestamp(time.now).subtract("7d")

- name: The key used by CI
  ngrok.ngrok.ngrok_api_key_info:
    description: ci-deployer
"""

RETURN = r"""
api_keys:
  description: The API keys found, newest first.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: Unique ID of the key.
      type: str
      sample: ak_2Zx8example3RcLhDdPp4TtEFq9W
    uri:
      description: URI of the key in the API.
      type: str
      sample: https://api.ngrok.com/api_keys/ak_2Zx8example3RcLhDdPp4TtEFq9W
    description:
      description: Description of the key.
      type: str
      sample: ci-deployer
    metadata:
      description: Metadata of the key.
      type: str
      sample: '{"team": "platform"}'
    created_at:
      description: When the key was created, RFC 3339 in UTC.
      type: str
      sample: "2026-11-27T10:11:14Z"
    owner_id:
      description: ID of the owner of the key.
      type: str
      sample: usr_2Zx8example3RcLhDdPp4TtEFq9W
    token:
      description: Always null; the token is only shown when the key is created.
      type: str
      sample: null
"""

from ansible_collections.ngrok.ngrok.plugins.module_utils._module import info_module
from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.access import API_KEY


def main():
    info_module(API_KEY, ["description"])


if __name__ == "__main__":
    main()
