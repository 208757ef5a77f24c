#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ngrok_service_user
short_description: Manage ngrok service users
version_added: 0.2.0
description:
  - Create, update and delete service users (formerly bot users), the non-human users of an account that own API
    keys and tunnel credentials for automation.
  - A service user is identified by its O(name), unique in the account, when O(id) is not given.
  - The API cannot filter service users by name, so finding one by name reads the whole list (one request per 100
    service users).
author:
  - ngrok.ngrok contributors (@ngrok)
extends_documentation_fragment:
  - ngrok.ngrok.connection
  - ngrok.ngrok.attributes
  - ngrok.ngrok.attributes.RESOURCE
options:
  state:
    description:
      - V(present) creates the service user when it does not exist and updates what differs.
      - V(absent) deletes the service user, and with it the API keys and credentials it owns.
    type: str
    choices: [present, absent]
    default: present
  id:
    description:
      - ID of the service user. Takes precedence over O(name) for finding it; with it, the service user can be
        renamed.
      - With O(state=present), a service user with this id must exist.
    type: str
  name:
    description:
      - Human-readable name of the service user, unique in the account (the API refuses a second service user with
        the same name).
      - Identifies the service user when O(id) is not given; compared exactly. Required to create a service user.
    type: str
  active:
    description:
      - Whether the service user is active. The API creates service users active when not given.
      - When not given, an existing service user's state is left as it is.
    type: bool
notes:
  - "Replaces the Terraform resource C(ngrok_service_user) of ngrok's provider."
  - Service users need a paid plan, and only account administrators can manage them; the API refuses otherwise
    with its error code.
seealso:
  - module: ngrok.ngrok.ngrok_service_user_info
  - module: ngrok.ngrok.ngrok_api_key
"""

EXAMPLES = r"""
# ngrok's Terraform provider:
#   resource "ngrok_service_user" "example" {
#     name   = "ci-automation"
#     active = true
#   }
- name: A service user for CI
  ngrok.ngrok.ngrok_service_user:
    name: ci-automation
    active: true
  register: ci

- name: An API key that belongs to it
  ngrok.ngrok.ngrok_api_key:
    description: ci-automation key
    owner_id: "{{ ci.service_user.id }}"
  register: ci_key
  no_log: true

- name: Suspend it
  ngrok.ngrok.ngrok_service_user:
    name: ci-automation
    active: false

- name: Rename it, by id
  ngrok.ngrok.ngrok_service_user:
    id: "{{ ci.service_user.id }}"
    name: ci-deployer

- name: Delete it, with its keys and credentials
  ngrok.ngrok.ngrok_service_user:
    name: ci-deployer
    state: absent
"""

RETURN = r"""
service_user:
  description:
    - The service user as the API returned it; in check mode, the predicted object, with C(id), C(uri) and
      C(created_at) null for a service user not yet created.
    - After O(state=absent), the service user that was deleted, or an empty dict when there was none.
  returned: always
  type: dict
  contains:
    id:
      description: Unique ID of the service user.
      type: str
      sample: service_2Zx8example3RcLhDdPp4TtEFq9W
    uri:
      description: URI of the service user in the API.
      type: str
      sample: https://api.ngrok.com/service_users/service_2Zx8example3RcLhDdPp4TtEFq9W
    created_at:
      description: When the service user was created, RFC 3339 in UTC.
      type: str
      sample: "2026-11-27T10:11:14Z"
    name:
      description: Name of the service user.
      type: str
      sample: ci-automation
    active:
      description: Whether the service user is active.
      type: bool
      sample: true
"""

from ansible_collections.ngrok.ngrok.plugins.module_utils._module import resource_module
from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.access import SERVICE_USER


def main():
    resource_module(SERVICE_USER)


if __name__ == "__main__":
    main()
