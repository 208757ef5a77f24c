#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ngrok_ssh_certificate_authority_info
short_description: List ngrok SSH certificate authorities
version_added: 0.2.0
description:
  - Read one SSH certificate authority by id, or every SSH certificate authority of the account, optionally narrowed
    by description, key type or a CEL filter. Reads every page of the list.
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
      - ID of one CA (C(sshca_...)). An id that does not exist gives an empty list.
    type: str
  description:
    description:
      - Only CAs with exactly this description.
    type: str
  key_type:
    description:
      - Only CAs whose key pair is of this type. The API cannot filter on it, so it is checked on the listed CAs.
    type: str
    choices: [ed25519, ecdsa, rsa]
seealso:
  - module: ngrok.ngrok.ngrok_ssh_certificate_authority
"""

EXAMPLES = r"""
- name: All SSH certificate authorities
  ngrok.ngrok.ngrok_ssh_certificate_authority_info:
  register: cas

- name: The CA of the production hosts
  ngrok.ngrok.ngrok_ssh_certificate_authority_info:
    description: production hosts
  register: hosts_ca

- name: The RSA CAs created since the start of 2026
  ngrok.ngrok.ngrok_ssh_certificate_authority_info:
    key_type: rsa
    filter: obj.created_at > timestamp("2026-01-01T00:00:00Z")
  register: rsa_cas

- name: Servers trust the user certificates of all of them
  ansible.builtin.copy:
    content: "{{ rsa_cas.ssh_certificate_authorities | map(attribute='public_key') | join('\n') }}\n"
    dest: /etc/ssh/user_ca.pub
    mode: "0644"
"""

RETURN = r"""
ssh_certificate_authorities:
  description:
    - The CAs found, newest first. Each has the keys described for the
      RV(ngrok.ngrok.ngrok_ssh_certificate_authority#module:ssh_certificate_authority) result of
      M(ngrok.ngrok.ngrok_ssh_certificate_authority) (C(id), C(uri), C(created_at), C(description), C(metadata),
      C(public_key), C(key_type)).
  returned: always
  type: list
  elements: dict
  sample:
    - id: sshca_2Zx8example3RcLhDdPp4TtEFq9W
      uri: https://api.ngrok.com/ssh_certificate_authorities/sshca_2Zx8example3RcLhDdPp4TtEFq9W
      created_at: "2026-11-27T10:11:14Z"
      description: production hosts
      public_key: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExampleKeyData
      key_type: ed25519
"""

from ansible_collections.ngrok.ngrok.plugins.module_utils._module import info_module
from ansible_collections.ngrok.ngrok.plugins.module_utils._select import Narrowing
from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.ssh import SSH_CERTIFICATE_AUTHORITY


def main():
    info_module(SSH_CERTIFICATE_AUTHORITY, [
        "description",
        Narrowing("key_type", "key_type", spec={"type": "str", "choices": ["ed25519", "ecdsa", "rsa"]}),
    ])


if __name__ == "__main__":
    main()
