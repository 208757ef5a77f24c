#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ngrok_vault_info
short_description: List ngrok vaults
version_added: 0.2.0
description:
  - Read one vault by id, or every vault of the account, optionally narrowed by name or a CEL filter. Reads every
    page of the list.
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
      - ID of one vault (C(vault_...)). An id that does not exist gives an empty list.
    type: str
  name:
    description:
      - Only the vault with exactly this name.
    type: str
seealso:
  - module: ngrok.ngrok.ngrok_vault
  - module: ngrok.ngrok.ngrok_secret_info
"""

EXAMPLES = r"""
- name: All vaults
  ngrok.ngrok.ngrok_vault_info:
  register: vaults

- name: The vault named prod-vault
  ngrok.ngrok.ngrok_vault_info:
    name: prod-vault
  register: prod

- name: Vaults created in the last 30 days
  ngrok.ngrok.ngrok_vault_info:
    filter: obj.created_at > timestamp(time.now).subtract("30d")
"""

RETURN = r"""
vaults:
  description:
    - The vaults found, newest first. Each has the keys of the RV(ngrok.ngrok.ngrok_vault#module:vault) result of
      M(ngrok.ngrok.ngrok_vault).
  returned: always
  type: list
  elements: dict
  sample:
    - id: vault_2Zx8example3RcLhDdPp4TtEFq9W
      uri: https://api.ngrok.com/vaults/vault_2Zx8example3RcLhDdPp4TtEFq9W
      created_at: "2026-11-27T10:11:14Z"
      updated_at: "2026-11-27T10:11:14Z"
      name: prod-vault
      description: secrets of the production endpoints
      metadata: '{"env": "prod"}'
      created_by: usr_2Zx8example3RcLhDdPp4TtEFq9W
      last_updated_by: usr_2Zx8example3RcLhDdPp4TtEFq9W
"""

from ansible_collections.ngrok.ngrok.plugins.module_utils._module import info_module
from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.vaults import VAULT


def main():
    info_module(VAULT, ["name"])


if __name__ == "__main__":
    main()
