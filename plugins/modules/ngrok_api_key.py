#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ngrok_api_key
short_description: Manage ngrok API keys
version_added: 0.1.0
description:
  - Create, update and delete API keys of an ngrok account.
  - The API has no unique name for API keys, so the O(description) identifies a key when O(id) is not given.
    More than one key with the same description is an error that lists their ids.
  - The key's secret token is returned only by the run that creates the key; the API never shows it again.
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
      - V(absent) deletes the key when it exists; its token stops working at once.
    type: str
    choices: [present, absent]
    default: present
  id:
    description:
      - ID of the key (C(ak_...)). Takes precedence over O(description) for finding the key.
      - With O(state=present), a key with this id must exist.
    type: str
  description:
    description:
      - Human-readable description of what the key is for, at most 255 bytes.
      - Identifies the key when O(id) is not given, so keep descriptions unique.
      - Required to create a key.
    type: str
  metadata:
    description:
      - Arbitrary machine-readable data for the key, at most 4096 bytes.
      - Text, or a mapping or list, which is sent as JSON text (compact, keys sorted).
    type: raw
  owner_id:
    description:
      - ID of the user or bot user that owns the key. Defaults to the owner of the API key making the request.
      - Can only be set when the key is created; see O(replace).
    type: str
  owner_name:
    description:
      - Name of the service user that owns the key, instead of its id in O(owner_id); the service user is found by
        name when the task runs (M(ngrok.ngrok.ngrok_service_user) manages it).
      - Mutually exclusive with O(owner_id).
    type: str
  replace:
    description:
      - When O(owner_id) differs from the existing key's owner, create a new key with the owner and the old key's
        description and metadata (or the ones the task sets), then delete the old key. The new key's token is
        returned and the old token stops working.
      - The new key is created first, so a refused create leaves the old key as it was.
      - When V(false), such a difference fails the task and changes nothing.
    type: bool
    default: false
notes:
  - "Use C(no_log: true) on tasks that create keys, or the new token will be shown in the task output."
seealso:
  - module: ngrok.ngrok.ngrok_api_key_info
"""

EXAMPLES = r"""
- name: Create an API key for the CI system and keep its token
  ngrok.ngrok.ngrok_api_key:
    description: ci-deployer
    metadata: '{"team": "platform"}'
  register: ci_key
  no_log: true

- name: Store the token where the CI system can read it (only possible in the run that created the key)
  ansible.builtin.copy:
    content: "{{ ci_key.api_key.token }}"
    dest: /etc/ci/ngrok-api-key
    mode: "0600"
  when: ci_key.api_key.token is truthy
  no_log: true

- name: Change the metadata of the key with a known id
  ngrok.ngrok.ngrok_api_key:
    id: ak_2Zx8example3RcLhDdPp4TtEFq9W
    metadata: rotated-2026

- name: Revoke the key
  ngrok.ngrok.ngrok_api_key:
    description: ci-deployer
    state: absent
"""

RETURN = r"""
api_key:
  description:
    - The API key as the API returned it; in check mode, the predicted key (with C(id) null for a key not yet created).
    - After O(state=absent), the key that was deleted, or an empty dict when there was none.
  returned: always
  type: dict
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
      description:
        - The secret token to authenticate with. Set only in the run that created the key; null in every other run.
      type: str
      sample: 2Zx8example3RcLhDdPp4TtEFq9W_5aBcDeFgHiJkLmNoPqRsT
"""

from ansible_collections.ngrok.ngrok.plugins.module_utils._module import resource_module
from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.access import API_KEY


def main():
    resource_module(API_KEY)


if __name__ == "__main__":
    main()
