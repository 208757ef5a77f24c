#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ngrok_ssh_credential
short_description: Manage ngrok SSH credentials (public keys that start tunnels over SSH)
version_added: 0.2.0
description:
  - Create, update and delete SSH credentials, the SSH public keys with which ngrok's SSH reverse tunnel agent
    (for example C(ssh -R 443:localhost:80 v2@connect.ngrok-agent.com http)) authenticates as the account,
    optionally limited by ACL rules to the domains, addresses and labels it may bind.
  - The O(public_key) identifies a credential when O(id) is not given; the API allows a public key once in an
    account. The private key never leaves the machine that uses it, and nothing secret is returned.
author:
  - ngrok.ngrok contributors (@ngrok)
extends_documentation_fragment:
  - ngrok.ngrok.connection
  - ngrok.ngrok.attributes
  - ngrok.ngrok.attributes.RESOURCE
options:
  state:
    description:
      - V(present) creates the credential when no credential has the public key, and updates what differs.
      - V(absent) deletes the credential when it exists; the key can no longer start tunnels.
    type: str
    choices: [present, absent]
    default: present
  id:
    description:
      - ID of the credential (C(sshcr_...)). Takes precedence over O(public_key) for finding the credential.
      - With O(state=present), a credential with this id must exist.
    type: str
  public_key:
    description:
      - The SSH public key, in OpenSSH format as in a C(.pub) file (V(ssh-ed25519 AAAAC3Nza... me@laptop)); RSA,
        ECDSA and Ed25519 keys. Give the text, for example with C(lookup('ansible.builtin.file', 'id_ed25519.pub')).
      - A private key (the file without C(.pub)) fails the task before any request, without being quoted in the
        message. Ansible itself shows the option's value in the task's C(invocation) at C(-vvv), as it does for every
        option that is not C(no_log), so never give a private key here.
      - Identifies the credential when O(id) is not given, and is compared by its key type and base64 data only;
        the comment at the end of the line and blank space around it do not matter (the API refuses the same key
        twice whatever its comment). The key is sent with its comment, which the API keeps and returns.
      - Required to create a credential. Cannot change once the credential exists; another key is another
        credential.
    type: str
  description:
    description:
      - Human-readable description of who or what uses the key, at most 255 bytes.
    type: str
  metadata:
    description:
      - Arbitrary machine-readable data of the credential, at most 4096 bytes.
      - Text, or a mapping or list, which is sent as JSON text (compact, keys sorted).
    type: raw
  acl:
    description:
      - The ACL rules of the key. Each rule is V(*) (no restriction) or a C(bind:) rule naming what the key may
        bind, for example a domain (V(bind:app.example.com)), a domain with a leading wildcard
        (V(bind:*.example.com)), a TCP address (V(bind:1.tcp.ngrok.io:20002)) or a label, whose key and value may
        be wildcards (V(bind:env=prod), V(bind:*=prod)).
      - Compared as a set; order and repeated rules do not matter. V([]) removes every rule, which leaves the key
        unrestricted.
      - When not given, the credential's rules are not changed (and a new credential has none).
      - ngrok accepts SSH ACL rules only on paid plans (C(ERR_NGROK_622)).
    type: list
    elements: str
  owner_id:
    description:
      - ID of the user or service user that owns the credential. Defaults to the owner of the API key making the
        request; only admins may name another owner.
      - Give the owner's ID, not an email address, since it is compared with the C(owner_id) the API returns.
      - Can only be set when the credential is created; see O(replace).
    type: str
  owner_name:
    description:
      - Name of the service user that owns the credential, instead of its id in O(owner_id); the service user is found by
        name when the task runs (M(ngrok.ngrok.ngrok_service_user) manages it).
      - Mutually exclusive with O(owner_id).
    type: str
  replace:
    description:
      - When O(owner_id) differs from the existing credential's owner, delete the credential and create it again
        for the new owner, with the same public key and the old description, metadata and ACL rules unless the task
        sets them. The API refuses a key twice, so the old credential goes first; should the API refuse the new
        one, the old one is created again as it was.
      - When V(false), such a difference fails the task and changes nothing.
    type: bool
    default: false
notes:
  - "Replaces the Terraform resource C(ngrok_ssh_credential) of ngrok's provider. Unlike Terraform, a public key
    written with another comment is the same key, and causes no replacement."
  - The API cannot filter credentials by public key, so finding one without O(id) reads every page of the list.
seealso:
  - module: ngrok.ngrok.ngrok_ssh_credential_info
  - module: ngrok.ngrok.ngrok_credential
  - name: ngrok's SSH reverse tunnel agent
    description: Start tunnels with an SSH client and a registered public key.
    link: https://ngrok.com/docs/agent/ssh-reverse-tunnel-agent/
"""

EXAMPLES = r"""
# resource "ngrok_ssh_credential" "deploy" {
#   public_key  = file("${path.module}/id_ed25519.pub")
#   description = "deploy bot"
#   metadata    = jsonencode({ environment = "production" })
#   acl         = ["bind:app.example.com"]
# }
- name: Let the deploy bot's key start tunnels on app.example.com
  ngrok.ngrok.ngrok_ssh_credential:
    public_key: "{{ lookup('ansible.builtin.file', 'files/id_ed25519.pub') }}"
    description: deploy bot
    metadata: '{"environment": "production"}'
    acl:
      - bind:app.example.com

- name: Register the key of every engineer (a key may have any comment)
  ngrok.ngrok.ngrok_ssh_credential:
    public_key: "{{ item.key }}"
    description: "{{ item.name }}"
    acl: ["bind:*.dev.example.com"]
  loop: "{{ engineers }}"
  loop_control:
    label: "{{ item.name }}"

- name: Give the deploy bot's key to a service user (the credential is created again)
  ngrok.ngrok.ngrok_ssh_credential:
    public_key: "{{ lookup('ansible.builtin.file', 'files/id_ed25519.pub') }}"
    owner_id: "{{ deploy_user.service_user.id }}"
    replace: true

- name: Revoke the key of someone who left
  ngrok.ngrok.ngrok_ssh_credential:
    public_key: "{{ lookup('ansible.builtin.file', 'keys/leaver.pub') }}"
    state: absent
"""

RETURN = r"""
ssh_credential:
  description:
    - The credential as the API returned it; in check mode, the predicted credential (with C(id), C(uri) and
      C(created_at) null for a credential not yet created, and C(owner_id) null unless O(owner_id) is given).
    - After O(state=absent), the credential that was deleted, or an empty dict when there was none.
  returned: always
  type: dict
  contains:
    id:
      description: Unique ID of the credential.
      type: str
      sample: sshcr_2Zx8example3RcLhDdPp4TtEFq9W
    uri:
      description: URI of the credential in the API.
      type: str
      sample: https://api.ngrok.com/ssh_credentials/sshcr_2Zx8example3RcLhDdPp4TtEFq9W
    created_at:
      description: When the credential was created, RFC 3339 in UTC.
      type: str
      sample: "2026-11-27T10:11:14Z"
    description:
      description: Description of the credential.
      type: str
      sample: deploy bot
    metadata:
      description: Metadata of the credential.
      type: str
      sample: '{"environment": "production"}'
    public_key:
      description: The public key as it was sent when the credential was created, with its comment.
      type: str
      sample: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExampleKeyData deploy@ci
    acl:
      description: The ACL rules of the key; empty when it is unrestricted.
      type: list
      elements: str
      sample: ["bind:app.example.com"]
    owner_id:
      description: ID of the user or service user that owns the credential.
      type: str
      sample: usr_2Zx8example3RcLhDdPp4TtEFq9W
"""

from ansible_collections.ngrok.ngrok.plugins.module_utils._module import resource_module
from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.ssh import SSH_CREDENTIAL


def main():
    resource_module(SSH_CREDENTIAL)


if __name__ == "__main__":
    main()
