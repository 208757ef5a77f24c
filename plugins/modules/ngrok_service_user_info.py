#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ngrok_service_user_info
short_description: List ngrok service users
version_added: 0.2.0
description:
  - Read one service user by id, or every service user of the account, optionally narrowed by name, active state
    or a CEL filter. Reads every page of the list.
  - ngrok's API filters service users only on C(id) and C(created_at); O(name) and O(active) are checked on the
    listed service users.
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
      - ID of one service user. An id that does not exist gives an empty list.
    type: str
  name:
    description:
      - Only the service user with exactly this name.
    type: str
  active:
    description:
      - Only active service users (V(true)) or only inactive ones (V(false)).
    type: bool
seealso:
  - module: ngrok.ngrok.ngrok_service_user
"""

EXAMPLES = r"""
- name: All service users
  ngrok.ngrok.ngrok_service_user_info:
  register: service_users

- name: The service user used by CI
  ngrok.ngrok.ngrok_service_user_info:
    name: ci-automation
  register: ci

- name: Suspended service users
  ngrok.ngrok.ngrok_service_user_info:
    active: false

- name: Service users created this year
  ngrok.ngrok.ngrok_service_user_info:
    filter: obj.created_at >= timestamp("2026-01-01T00:00:00Z")
"""

RETURN = r"""
service_users:
  description:
    - The service users found, newest first. Each has the keys described for the
      RV(ngrok.ngrok.ngrok_service_user#module:service_user) result of M(ngrok.ngrok.ngrok_service_user)
      (C(id), C(uri), C(created_at), C(name), C(active)).
  returned: always
  type: list
  elements: dict
  sample:
    - id: service_2Zx8example3RcLhDdPp4TtEFq9W
      uri: https://api.ngrok.com/service_users/service_2Zx8example3RcLhDdPp4TtEFq9W
      created_at: "2026-11-27T10:11:14Z"
      name: ci-automation
      active: true
"""

from ansible_collections.ngrok.ngrok.plugins.module_utils._module import info_module
from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.access import SERVICE_USER


def main():
    info_module(SERVICE_USER, ["name", "active"])


if __name__ == "__main__":
    main()
