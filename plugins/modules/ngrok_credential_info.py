#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ngrok_credential_info
short_description: List ngrok tunnel credentials (agent authtokens)
version_added: 0.2.0
description:
  - Read one tunnel credential by id, or every tunnel credential of the account, optionally narrowed by
    description, owner or a CEL filter. Reads every page of the list.
  - Authtokens are never returned; the API shows an authtoken only when its credential is created.
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
      - ID of one credential (C(cr_...)). An id that does not exist gives an empty list.
    type: str
  description:
    description:
      - Only credentials with exactly this description.
    type: str
  owner_id:
    description:
      - Only credentials owned by the user or service user with this ID.
    type: str
seealso:
  - module: ngrok.ngrok.ngrok_credential
"""

EXAMPLES = r"""
- name: All tunnel credentials
  ngrok.ngrok.ngrok_credential_info:
  register: credentials

- name: Credentials whose authtoken may bind anything (no ACL rule)
  ngrok.ngrok.ngrok_credential_info:
    filter: size(obj.acl) == 0

- name: Credentials limited to one domain
  ngrok.ngrok.ngrok_credential_info:
    filter: '"bind:app.example.com" in obj.acl'

- name: The credential of one agent
  ngrok.ngrok.ngrok_credential_info:
    description: agent on web-1
  register: web

- name: Credentials owned by a service user
  ngrok.ngrok.ngrok_credential_info:
    owner_id: "{{ deploy_user.service_user.id }}"
"""

RETURN = r"""
credentials:
  description:
    - The credentials found, newest first. Each has the keys of the RV(ngrok.ngrok.ngrok_credential#module:credential)
      result of M(ngrok.ngrok.ngrok_credential); C(token) is always null.
  returned: always
  type: list
  elements: dict
  sample:
    - id: cr_2Zx8example3RcLhDdPp4TtEFq9W
      uri: https://api.ngrok.com/credentials/cr_2Zx8example3RcLhDdPp4TtEFq9W
      created_at: "2026-11-27T10:11:14Z"
      description: agent on web-1
      metadata: '{"host": "web-1"}'
      acl: ["bind:app.example.com"]
      owner_id: usr_2Zx8example3RcLhDdPp4TtEFq9W
      token: null
"""

from ansible_collections.ngrok.ngrok.plugins.module_utils._module import info_module
from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.access import CREDENTIAL


def main():
    info_module(CREDENTIAL, ["description", "owner_id"])


if __name__ == "__main__":
    main()
