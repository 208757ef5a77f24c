#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ngrok_credential
short_description: Manage ngrok tunnel credentials (agent authtokens)
version_added: 0.2.0
description:
  - Create, update and delete tunnel credentials, the authtokens an ngrok agent uses to connect to ngrok as the
    account, optionally limited by ACL rules to the domains, addresses and labels it may bind.
  - The API has no unique name for credentials, so the O(description) identifies a credential when O(id) is not
    given. More than one credential with the same description is an error that lists their ids.
  - The authtoken is returned only by the run that creates the credential; the API never shows it again, and
    C(--diff) output never shows it.
author:
  - ngrok.ngrok contributors (@ngrok)
extends_documentation_fragment:
  - ngrok.ngrok.connection
  - ngrok.ngrok.attributes
  - ngrok.ngrok.attributes.RESOURCE
options:
  state:
    description:
      - V(present) creates the credential when it does not exist and updates what differs.
      - V(absent) deletes the credential when it exists; agents using its authtoken can no longer connect. The API
        refuses to delete the authtoken an account or user got by default.
    type: str
    choices: [present, absent]
    default: present
  id:
    description:
      - ID of the credential (C(cr_...)). Takes precedence over O(description) for finding the credential; with it,
        O(description) can be changed.
      - With O(state=present), a credential with this id must exist.
    type: str
  description:
    description:
      - Human-readable description of who or what uses the credential, at most 255 bytes.
      - Identifies the credential when O(id) is not given, so keep descriptions unique. Required to create a
        credential.
    type: str
  metadata:
    description:
      - Arbitrary machine-readable data of the credential, at most 4096 bytes.
      - Text, or a mapping or list, which is sent as JSON text (compact, keys sorted).
    type: raw
  acl:
    description:
      - The ACL rules of the authtoken. Each rule is V(*) (no restriction) or a C(bind:) rule naming what the agent
        may bind, for example a domain (V(bind:app.example.com)), a domain with a leading wildcard
        (V(bind:*.example.com)), a TCP address (V(bind:1.tcp.ngrok.io:20002)) or a label, whose key and value may
        be wildcards (V(bind:env=prod), V(bind:*=prod)).
      - Compared as a set; order and repeated rules do not matter. V([]) removes every rule, which leaves the
        authtoken unrestricted.
      - When not given, the credential's rules are not changed (and a new credential has none).
      - ngrok accepts ACL rules only on paid plans.
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
      - When O(owner_id) differs from the existing credential's owner, create a new credential with the new owner and
        the old credential's description, metadata and ACL rules (or the ones the task sets), then delete the old
        one. The new authtoken is returned and the old one stops working.
      - The new credential is created first, so a refused create leaves the old credential as it was.
      - When V(false), such a difference fails the task and changes nothing.
    type: bool
    default: false
notes:
  - "Use C(no_log: true) on tasks that create credentials and on tasks that use the registered result, or the new
    authtoken will be shown in the task output and in logs."
  - "Replaces the Terraform resource C(ngrok_credential) of ngrok's provider. Unlike Terraform, the module never
    stores the authtoken: keep it yourself from the result of the run that created the credential."
seealso:
  - module: ngrok.ngrok.ngrok_credential_info
  - module: ngrok.ngrok.ngrok_api_key
"""

EXAMPLES = r"""
# resource "ngrok_credential" "web" {
#   description = "agent on web-1"
#   acl         = ["bind:app.example.com", "bind:*.staging.example.com"]
# }
- name: An authtoken for the agent of web-1, limited to its domains
  ngrok.ngrok.ngrok_credential:
    description: agent on web-1
    metadata: '{"host": "web-1"}'
    acl:
      - bind:app.example.com
      - bind:*.staging.example.com
  register: web_credential
  no_log: true

- name: Install the authtoken on web-1 (only possible in the run that created the credential)
  ansible.builtin.copy:
    content: |
      version: "3"
      agent:
        authtoken: {{ web_credential.credential.token }}
    dest: /etc/ngrok/ngrok.yml
    mode: "0600"
  when: web_credential.credential.token is truthy
  no_log: true

- name: An authtoken that may only start TCP endpoints on one reserved address, or endpoints labelled env=prod
  ngrok.ngrok.ngrok_credential:
    description: tcp relay
    acl:
      - bind:1.tcp.ngrok.io:20002
      - bind:env=prod
  no_log: true

- name: Lift every restriction of the web-1 authtoken
  ngrok.ngrok.ngrok_credential:
    description: agent on web-1
    acl: []

- name: Give the authtoken to a service user (a new authtoken replaces the old one)
  ngrok.ngrok.ngrok_credential:
    description: agent on web-1
    owner_id: "{{ deploy_user.service_user.id }}"
    replace: true
  register: moved
  no_log: true

- name: Revoke the authtoken
  ngrok.ngrok.ngrok_credential:
    description: agent on web-1
    state: absent
"""

RETURN = r"""
credential:
  description:
    - The credential as the API returned it; in check mode, the predicted credential (with C(id), C(uri),
      C(created_at) and C(token) null for a credential not yet created, and C(owner_id) null unless O(owner_id) is
      given).
    - After O(state=absent), the credential that was deleted, or an empty dict when there was none.
  returned: always
  type: dict
  contains:
    id:
      description: Unique ID of the credential.
      type: str
      sample: cr_2Zx8example3RcLhDdPp4TtEFq9W
    uri:
      description: URI of the credential in the API.
      type: str
      sample: https://api.ngrok.com/credentials/cr_2Zx8example3RcLhDdPp4TtEFq9W
    created_at:
      description: When the credential was created, RFC 3339 in UTC.
      type: str
      sample: "2026-11-27T10:11:14Z"
    description:
      description: Description of the credential.
      type: str
      sample: agent on web-1
    metadata:
      description: Metadata of the credential.
      type: str
      sample: '{"host": "web-1"}'
    acl:
      description: The ACL rules of the authtoken; empty when it is unrestricted.
      type: list
      elements: str
      sample: ["bind:app.example.com", "bind:*.staging.example.com"]
    owner_id:
      description: ID of the user or service user that owns the credential.
      type: str
      sample: usr_2Zx8example3RcLhDdPp4TtEFq9W
    token:
      description:
        - The authtoken an agent connects with. Set only in the run that created the credential (including a
          replacement); null in every other run. Never shown in C(--diff) output.
      type: str
      sample: 2Zx8example3RcLhDdPp4TtEFq9W_5aBcDeFgHiJkLmNoPqRsTuVwXy
"""

from ansible_collections.ngrok.ngrok.plugins.module_utils._module import resource_module
from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.access import CREDENTIAL


def main():
    resource_module(CREDENTIAL)


if __name__ == "__main__":
    main()
