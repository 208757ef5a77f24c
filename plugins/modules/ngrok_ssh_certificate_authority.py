#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ngrok_ssh_certificate_authority
short_description: Manage ngrok SSH certificate authorities
version_added: 0.2.0
description:
  - Create, update and delete SSH certificate authorities (CAs), which sign SSH host certificates
    (M(ngrok.ngrok.ngrok_ssh_host_certificate)) and SSH user certificates (M(ngrok.ngrok.ngrok_ssh_user_certificate)).
  - ngrok generates the CA's key pair and keeps the private key, which is never returned. The public key is
    returned in RV(ssh_certificate_authority.public_key); SSH servers and clients that trust the CA are given it
    (C(TrustedUserCAKeys) in C(sshd_config), C(@cert-authority) in C(known_hosts)).
  - The API has no unique name for CAs, so the O(description) identifies a CA when O(id) is not given. More than one
    CA with the same description is an error that lists their ids.
author:
  - ngrok.ngrok contributors (@ngrok)
extends_documentation_fragment:
  - ngrok.ngrok.connection
  - ngrok.ngrok.attributes
  - ngrok.ngrok.attributes.RESOURCE
options:
  state:
    description:
      - V(present) creates the CA when none has the description and updates what differs.
      - V(absent) deletes the CA when it exists. The API refuses to delete a CA while host or user certificates it
        signed exist (C(ERR_NGROK_1964)); the task then fails with that C(error_code) and changes nothing. Delete
        those certificates first.
    type: str
    choices: [present, absent]
    default: present
  id:
    description:
      - ID of the CA (C(sshca_...)). Takes precedence over O(description) for finding the CA; with it, the description
        can be changed.
      - With O(state=present), a CA with this id must exist.
    type: str
  description:
    description:
      - Human-readable description of the CA, at most 255 bytes.
      - Identifies the CA when O(id) is not given, so keep descriptions unique. Required to create a CA.
    type: str
  metadata:
    description:
      - Arbitrary machine-readable data of the CA, at most 4096 bytes.
      - Text, or a mapping or list, which is sent as JSON text (compact, keys sorted).
    type: raw
  private_key_type:
    description:
      - The type of key pair ngrok generates for the CA. When not given, ngrok chooses.
      - Compared with the C(key_type) the API returns. Can only be set when the CA is created; see O(replace).
    type: str
    choices: [ed25519, ecdsa, rsa]
  elliptic_curve:
    description:
      - The elliptic curve of an ECDSA key; needs O(private_key_type=ecdsa). When not given, ngrok chooses.
      - The API does not return it; it is compared with the curve the returned public key names (a
        C(ecdsa-sha2-nistp384) key is on V(p384)). Can only be set when the CA is created; see O(replace).
    type: str
    choices: [p256, p384, p521]
  key_size:
    description:
      - The size in bits of an RSA key; needs O(private_key_type=rsa). When not given, ngrok chooses.
      - The API does not return it; it is compared with the size of the returned public key. Can only be set when
        the CA is created; see O(replace).
    type: int
    choices: [2048, 4096]
  replace:
    description:
      - When O(private_key_type), O(elliptic_curve) or O(key_size) differ from the existing CA's key, create a new CA
        (with a new key pair, and the old CA's description and metadata unless the task sets them), then delete the
        old one. Whatever trusts the old public key must be given the new one, and certificates must be signed
        again by the new CA.
      - The new CA is created first, so a refused create leaves the old CA as it was. A CA that signed certificates
        cannot be deleted, so it cannot be replaced either; the new CA is then deleted again, and the task fails with
        the API's C(error_code) (C(ERR_NGROK_1964)), leaving the old CA as it was.
      - When V(false), such a difference fails the task and changes nothing.
    type: bool
    default: false
notes:
  - "Replaces the Terraform resource C(ngrok_ssh_certificate_authority) of ngrok's provider."
seealso:
  - module: ngrok.ngrok.ngrok_ssh_certificate_authority_info
  - module: ngrok.ngrok.ngrok_ssh_host_certificate
  - module: ngrok.ngrok.ngrok_ssh_user_certificate
"""

EXAMPLES = r"""
# resource "ngrok_ssh_certificate_authority" "hosts" {
#   description      = "production hosts"
#   metadata         = jsonencode({ environment = "production" })
#   private_key_type = "ecdsa"
#   elliptic_curve   = "p256"
# }
- name: A CA for the production hosts
  ngrok.ngrok.ngrok_ssh_certificate_authority:
    description: production hosts
    metadata: '{"environment": "production"}'
    private_key_type: ecdsa
    elliptic_curve: p256
  register: hosts_ca

- name: Clients trust the host certificates the CA signs
  ansible.builtin.lineinfile:
    path: /etc/ssh/ssh_known_hosts
    line: "@cert-authority *.example.com {{ hosts_ca.ssh_certificate_authority.public_key }}"
    create: true
    mode: "0644"

- name: A CA for the engineers' user certificates, on a 4096-bit RSA key
  ngrok.ngrok.ngrok_ssh_certificate_authority:
    description: engineers
    private_key_type: rsa
    key_size: 4096
  register: users_ca

- name: Servers trust the user certificates the CA signs (sshd_config has TrustedUserCAKeys /etc/ssh/user_ca.pub)
  ansible.builtin.copy:
    content: "{{ users_ca.ssh_certificate_authority.public_key }}\n"
    dest: /etc/ssh/user_ca.pub
    mode: "0644"

- name: Move the engineers' CA to an Ed25519 key (a new CA; only possible once no certificate of the old one is left)
  ngrok.ngrok.ngrok_ssh_certificate_authority:
    description: engineers
    private_key_type: ed25519
    replace: true

- name: Delete the CA
  ngrok.ngrok.ngrok_ssh_certificate_authority:
    description: engineers
    state: absent
"""

RETURN = r"""
ssh_certificate_authority:
  description:
    - The CA as the API returned it; in check mode, the predicted CA, with C(id), C(uri), C(created_at) and
      C(public_key) null for a CA not yet created (ngrok generates the key), and C(key_type) null unless
      O(private_key_type) is given.
    - After O(state=absent), the CA that was deleted, or an empty dict when there was none.
  returned: always
  type: dict
  contains:
    id:
      description: Unique ID of the CA.
      type: str
      sample: sshca_2Zx8example3RcLhDdPp4TtEFq9W
    uri:
      description: URI of the CA in the API.
      type: str
      sample: https://api.ngrok.com/ssh_certificate_authorities/sshca_2Zx8example3RcLhDdPp4TtEFq9W
    created_at:
      description: When the CA was created, RFC 3339 in UTC.
      type: str
      sample: "2026-11-27T10:11:14Z"
    description:
      description: Description of the CA.
      type: str
      sample: production hosts
    metadata:
      description: Metadata of the CA.
      type: str
      sample: '{"environment": "production"}'
    public_key:
      description: The CA's public key in OpenSSH format, as servers and clients that trust the CA are given it.
      type: str
      sample: ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBExampleKeyData=
    key_type:
      description: The type of the CA's key pair, V(ed25519), V(ecdsa) or V(rsa).
      type: str
      sample: ecdsa
"""

from ansible_collections.ngrok.ngrok.plugins.module_utils._module import resource_module
from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.ssh import SSH_CERTIFICATE_AUTHORITY


def main():
    resource_module(SSH_CERTIFICATE_AUTHORITY)


if __name__ == "__main__":
    main()
