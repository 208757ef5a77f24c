#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ngrok_secret_info
short_description: List the secrets of ngrok vaults
version_added: 0.2.0
description:
  - Read one secret by id, or every secret of the account, optionally narrowed by name, vault or a CEL filter.
    Reads every page of the list.
  - Secret values are never returned; the API does not show them.
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
      - ID of one secret (C(secret_...)). An id that does not exist gives an empty list.
    type: str
  name:
    description:
      - Only secrets with exactly this name (one per vault).
    type: str
  vault_id:
    description:
      - Only the secrets of the vault with this ID. The API cannot filter on the vault, so every secret (or every
        secret with O(name)) is listed and the others are left out.
    type: str
  vault_name:
    description:
      - Only the secrets of the vault with this name; listed like O(vault_id).
    type: str
seealso:
  - module: ngrok.ngrok.ngrok_secret
  - module: ngrok.ngrok.ngrok_vault_info
"""

EXAMPLES = r"""
- name: Every secret of the account
  ngrok.ngrok.ngrok_secret_info:
  register: secrets

- name: The secrets of one vault
  ngrok.ngrok.ngrok_secret_info:
    vault_name: prod-vault
  register: prod_secrets

- name: Names of the secrets in that vault
  ansible.builtin.debug:
    msg: "{{ prod_secrets.secrets | map(attribute='name') | list }}"

- name: Secrets created more than 90 days ago
  ngrok.ngrok.ngrok_secret_info:
    filter: obj.created_at < timestamp(time.now).subtract("90d")
"""

RETURN = r"""
secrets:
  description:
    - The secrets found, newest first, without their values. Each has the keys of the
      RV(ngrok.ngrok.ngrok_secret#module:secret) result of M(ngrok.ngrok.ngrok_secret).
  returned: always
  type: list
  elements: dict
  sample:
    - id: secret_2Zx8example3RcLhDdPp4TtEFq9W
      uri: https://api.ngrok.com/vault_secrets/secret_2Zx8example3RcLhDdPp4TtEFq9W
      created_at: "2026-11-27T10:11:14Z"
      updated_at: "2026-11-27T10:11:14Z"
      name: db-password
      description: password of the production database
      created_by: {"id": "usr_2Zx8example3RcLhDdPp4TtEFq9W", "uri": ""}
      last_updated_by: {"id": "usr_2Zx8example3RcLhDdPp4TtEFq9W", "uri": ""}
      vault: {"id": "vault_2Zx8example3RcLhDdPp4TtEFq9W", "uri": "https://api.ngrok.com/vaults/vault_2Zx8example3RcLhDdPp4TtEFq9W"}
      vault_name: prod-vault
"""

from ansible_collections.ngrok.ngrok.plugins.module_utils._module import info_module
from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.vaults import SECRET


def main():
    info_module(SECRET, ["name", "vault_id", "vault_name"])


if __name__ == "__main__":
    main()
