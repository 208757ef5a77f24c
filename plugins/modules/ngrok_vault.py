#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ngrok_vault
short_description: Manage ngrok vaults
version_added: 0.2.0
description:
  - Create, update and delete vaults, the named containers of the secrets that traffic policies read
    (C(${secrets.get('vault-name', 'secret-name')})).
  - A vault is identified by its O(name), unique in the account, when O(id) is not given; the lookup is one
    filtered listing.
  - Use M(ngrok.ngrok.ngrok_secret) to store secrets in a vault.
author:
  - ngrok.ngrok contributors (@ngrok)
extends_documentation_fragment:
  - ngrok.ngrok.connection
  - ngrok.ngrok.attributes
  - ngrok.ngrok.attributes.RESOURCE
options:
  state:
    description:
      - V(present) creates the vault when it does not exist and updates what differs.
      - V(absent) deletes the vault when it exists. The API refuses to delete a vault that still holds secrets
        (C(ERR_NGROK_23003)); delete its secrets first.
    type: str
    choices: [present, absent]
    default: present
  id:
    description:
      - ID of the vault (C(vault_...)). Takes precedence over O(name) for finding the vault; with it, the vault can
        be renamed.
      - With O(state=present), a vault with this id must exist.
    type: str
  name:
    description:
      - Name of the vault, unique in the account. Letters, digits and C(_ / . -); compared exactly, case included.
      - Identifies the vault when O(id) is not given. Required to create a vault.
      - Traffic policies and secrets given by O(ngrok.ngrok.ngrok_secret#module:vault_name) refer to the vault by
        this name, so renaming a vault (with O(id)) breaks them.
    type: str
  description:
    description:
      - Human-readable description of the vault.
    type: str
  metadata:
    description:
      - Arbitrary machine-readable data of the vault.
      - Text, or a mapping or list, which is sent as JSON text (compact, keys sorted).
    type: raw
notes:
  - "Replaces the Terraform resource C(ngrok_vault) of ngrok's provider."
seealso:
  - module: ngrok.ngrok.ngrok_vault_info
  - module: ngrok.ngrok.ngrok_secret
"""

EXAMPLES = r"""
# resource "ngrok_vault" "prod" {
#   name        = "prod-vault"
#   description = "secrets of the production endpoints"
# }
- name: A vault for the production endpoints
  ngrok.ngrok.ngrok_vault:
    name: prod-vault
    description: secrets of the production endpoints
    metadata: '{"env": "prod"}'
  register: prod_vault

- name: Rename the vault, found by its id
  ngrok.ngrok.ngrok_vault:
    id: "{{ prod_vault.vault.id }}"
    name: production

- name: Delete the vault and, first, the secrets it holds
  block:
    - name: Delete the secrets of the vault
      ngrok.ngrok.ngrok_secret:
        vault_name: production
        name: "{{ item }}"
        state: absent
      loop: [db-password, api-token]

    - name: Delete the vault
      ngrok.ngrok.ngrok_vault:
        name: production
        state: absent
"""

RETURN = r"""
vault:
  description:
    - The vault as the API returned it; in check mode, the predicted vault (with C(id), C(uri), C(created_at),
      C(updated_at), C(created_by) and C(last_updated_by) null for a vault not yet created).
    - After O(state=absent), the vault that was deleted, or an empty dict when there was none.
  returned: always
  type: dict
  contains:
    id:
      description: Unique ID of the vault.
      type: str
      sample: vault_2Zx8example3RcLhDdPp4TtEFq9W
    uri:
      description: URI of the vault in the API.
      type: str
      sample: https://api.ngrok.com/vaults/vault_2Zx8example3RcLhDdPp4TtEFq9W
    created_at:
      description: When the vault was created, RFC 3339 in UTC.
      type: str
      sample: "2026-11-27T10:11:14Z"
    updated_at:
      description: When the vault was last changed, RFC 3339 in UTC.
      type: str
      sample: "2026-11-28T08:30:00Z"
    name:
      description: Name of the vault.
      type: str
      sample: prod-vault
    description:
      description: Description of the vault.
      type: str
      sample: secrets of the production endpoints
    metadata:
      description: Metadata of the vault.
      type: str
      sample: '{"env": "prod"}'
    created_by:
      description: ID of the user or service user that created the vault.
      type: str
      sample: usr_2Zx8example3RcLhDdPp4TtEFq9W
    last_updated_by:
      description: ID of the user or service user that last changed the vault.
      type: str
      sample: usr_2Zx8example3RcLhDdPp4TtEFq9W
"""

from ansible_collections.ngrok.ngrok.plugins.module_utils._module import resource_module
from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.vaults import VAULT


def main():
    resource_module(VAULT)


if __name__ == "__main__":
    main()
