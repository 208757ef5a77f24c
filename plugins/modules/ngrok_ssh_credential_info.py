#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ngrok_ssh_credential_info
short_description: List ngrok SSH credentials
version_added: 0.2.0
description:
  - Read one SSH credential by id, or every SSH credential of the account, optionally narrowed by public key,
    description, owner or a CEL filter. Reads every page of the list.
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
      - ID of one credential (C(sshcr_...)). An id that does not exist gives an empty list.
    type: str
  public_key:
    description:
      - Only the credential of this public key (OpenSSH format), compared by key type and base64 data (the comment
        does not matter). The API cannot filter on it, so it is checked on the listed credentials.
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
  - module: ngrok.ngrok.ngrok_ssh_credential
"""

EXAMPLES = r"""
- name: All SSH credentials
  ngrok.ngrok.ngrok_ssh_credential_info:
  register: ssh_credentials

- name: Is this key registered, and what may it bind?
  ngrok.ngrok.ngrok_ssh_credential_info:
    public_key: "{{ lookup('ansible.builtin.file', 'files/id_ed25519.pub') }}"
  register: mine

- name: Keys that may bind anything (no ACL rule)
  ngrok.ngrok.ngrok_ssh_credential_info:
    filter: size(obj.acl) == 0

- name: Keys owned by a service user
  ngrok.ngrok.ngrok_ssh_credential_info:
    owner_id: "{{ deploy_user.service_user.id }}"
"""

RETURN = r"""
ssh_credentials:
  description:
    - The credentials found, newest first. Each has the keys described for the
      RV(ngrok.ngrok.ngrok_ssh_credential#module:ssh_credential) result of M(ngrok.ngrok.ngrok_ssh_credential)
      (C(id), C(uri), C(created_at), C(description), C(metadata), C(public_key), C(acl), C(owner_id)).
  returned: always
  type: list
  elements: dict
  sample:
    - id: sshcr_2Zx8example3RcLhDdPp4TtEFq9W
      uri: https://api.ngrok.com/ssh_credentials/sshcr_2Zx8example3RcLhDdPp4TtEFq9W
      created_at: "2026-11-27T10:11:14Z"
      description: deploy bot
      public_key: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExampleKeyData deploy@ci
      acl: ["bind:app.example.com"]
      owner_id: usr_2Zx8example3RcLhDdPp4TtEFq9W
"""

from ansible_collections.ngrok.ngrok.plugins.module_utils._module import info_module
from ansible_collections.ngrok.ngrok.plugins.module_utils._select import Narrowing
from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.ssh import SSH_CREDENTIAL, ssh_key_material


def main():
    info_module(SSH_CREDENTIAL, [
        Narrowing("public_key", "public_key", read=lambda obj: obj.get("public_key"), normalize=ssh_key_material),
        "description",
        "owner_id",
    ])


if __name__ == "__main__":
    main()
