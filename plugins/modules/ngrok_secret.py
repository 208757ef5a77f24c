#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ngrok_secret
short_description: Manage secrets stored in ngrok vaults
version_added: 0.2.0
description:
  - Create, update and delete secrets, the write-only values kept in a vault that traffic policies read with
    C(${secrets.get('vault-name', 'secret-name')}).
  - A secret is identified by its vault (O(vault_id) or O(vault_name)) and its O(name), unique in the vault, when
    O(id) is not given; the lookup is one listing filtered by name.
  - The API never returns a secret's value, so the module cannot tell whether the stored value is the one the task
    gives. O(update_value) chooses what happens; see there.
author:
  - ngrok.ngrok contributors (@ngrok)
extends_documentation_fragment:
  - ngrok.ngrok.connection
  - ngrok.ngrok.attributes
  - ngrok.ngrok.attributes.RESOURCE
attributes:
  idempotent:
    support: partial
    details:
      - With O(update_value=always), every run sends the value again and reports a change.
options:
  state:
    description:
      - V(present) creates the secret when it does not exist and updates what differs.
      - V(absent) deletes the secret when it exists.
    type: str
    choices: [present, absent]
    default: present
  id:
    description:
      - ID of the secret (C(secret_...)). Takes precedence over the vault and O(name) for finding the secret; with
        it, the secret can be renamed.
      - With O(state=present), a secret with this id must exist.
    type: str
  vault_id:
    description:
      - ID of the vault that holds the secret (C(vault_...)).
      - Cannot change once the secret exists. Mutually exclusive with O(vault_name).
    type: str
  vault_name:
    description:
      - Name of the vault that holds the secret, instead of its id. The API resolves it when the secret is created;
        a name no vault has fails the task with the API's error.
      - Cannot change once the secret exists. Mutually exclusive with O(vault_id).
    type: str
  name:
    description:
      - Name of the secret, unique in its vault. Letters, digits and C(_ / . -); compared exactly, case included.
      - Identifies the secret within its vault when O(id) is not given. Required to create a secret.
    type: str
  value:
    description:
      - The secret's value, not empty. Required to create a secret.
      - Write-only; the API never returns it, and the module never shows it in its result, its C(--diff) output or
        its messages. When it is sent again is chosen by O(update_value).
    type: str
  update_value:
    description:
      - When the module sends O(value) to a secret that already exists. The API never returns the stored value, so
        the module cannot compare it; this works like the C(update_password) option of M(ansible.builtin.user).
      - V(on_create) sends the value only when the secret is created. A later run leaves the stored value as it is,
        even when O(value) has changed, and reports no change unless another option differs. Use it when the value
        is set once, or rotated on purpose with V(always).
      - V(always) sends the value on every run (in the same request as any other change), so the secret always
        holds the task's value; every run reports a change, and check mode predicts one.
    type: str
    choices: [always, on_create]
    default: on_create
  description:
    description:
      - Human-readable description of the secret.
    type: str
  metadata:
    description:
      - Arbitrary machine-readable data of the secret.
      - Text, or a mapping or list, which is sent as JSON text (compact, keys sorted).
    type: raw
notes:
  - The value is a module option marked C(no_log), so Ansible hides it in the task's output and logs as well.
  - "Replaces the Terraform resource C(ngrok_secret) of ngrok's provider. Terraform notices a changed value because
    it keeps the last value in its state; here O(update_value=always) sends it on every run instead."
seealso:
  - module: ngrok.ngrok.ngrok_vault
  - module: ngrok.ngrok.ngrok_secret_info
"""

EXAMPLES = r"""
# resource "ngrok_secret" "db_password" {
#   vault_id = ngrok_vault.prod.id
#   name     = "db-password"
#   value    = var.db_password
# }
- name: Store the database password once (later runs keep the stored value)
  ngrok.ngrok.ngrok_secret:
    vault_name: prod-vault
    name: db-password
    value: "{{ vault_db_password }}"
    description: password of the production database

- name: Rotate an API token on every run
  ngrok.ngrok.ngrok_secret:
    vault_id: "{{ prod_vault.vault.id }}"
    name: upstream-token
    value: "{{ lookup('ansible.builtin.password', '/dev/null length=40') }}"
    update_value: always

- name: A cloud endpoint that adds the token to every request it forwards
  ngrok.ngrok.ngrok_endpoint:
    url: https://app.example.com
    traffic_policy:
      on_http_request:
        - actions:
            - type: add-headers
              config:
                headers:
                  authorization: "Bearer ${secrets.get('prod-vault', 'upstream-token')}"
            - type: forward-internal
              config:
                url: https://app.internal

- name: Delete the secret
  ngrok.ngrok.ngrok_secret:
    vault_name: prod-vault
    name: upstream-token
    state: absent
"""

RETURN = r"""
secret:
  description:
    - The secret as the API returned it, never with its value; in check mode, the predicted secret (with C(id),
      C(uri), C(created_at), C(updated_at), C(created_by) and C(last_updated_by) null for a secret not yet created,
      and C(vault) or C(vault_name) null when the task does not give it).
    - After O(state=absent), the secret that was deleted, or an empty dict when there was none.
  returned: always
  type: dict
  contains:
    id:
      description: Unique ID of the secret.
      type: str
      sample: secret_2Zx8example3RcLhDdPp4TtEFq9W
    uri:
      description: URI of the secret in the API.
      type: str
      sample: https://api.ngrok.com/vault_secrets/secret_2Zx8example3RcLhDdPp4TtEFq9W
    created_at:
      description: When the secret was created, RFC 3339 in UTC.
      type: str
      sample: "2026-11-27T10:11:14Z"
    updated_at:
      description: When the secret (or its value) was last changed, RFC 3339 in UTC.
      type: str
      sample: "2026-11-28T08:30:00Z"
    name:
      description: Name of the secret.
      type: str
      sample: db-password
    description:
      description: Description of the secret.
      type: str
      sample: password of the production database
    metadata:
      description: Metadata of the secret.
      type: str
      sample: '{"service": "postgres"}'
    created_by:
      description: Reference (C(id), C(uri)) to the user or service user that created the secret; C(uri) may be empty.
      type: dict
      sample: {"id": "usr_2Zx8example3RcLhDdPp4TtEFq9W", "uri": ""}
    last_updated_by:
      description: Reference (C(id), C(uri)) to the user or service user that last changed the secret.
      type: dict
      sample: {"id": "usr_2Zx8example3RcLhDdPp4TtEFq9W", "uri": ""}
    vault:
      description: Reference (C(id), C(uri)) to the vault that holds the secret.
      type: dict
      sample: {"id": "vault_2Zx8example3RcLhDdPp4TtEFq9W", "uri": "https://api.ngrok.com/vaults/vault_2Zx8example3RcLhDdPp4TtEFq9W"}
    vault_name:
      description: Name of the vault that holds the secret.
      type: str
      sample: prod-vault
"""

from ansible_collections.ngrok.ngrok.plugins.module_utils._module import resource_module
from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.vaults import SECRET


def main():
    resource_module(SECRET)


if __name__ == "__main__":
    main()
