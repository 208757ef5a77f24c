#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ngrok_ssh_user_certificate_info
short_description: List SSH user certificates signed by ngrok SSH certificate authorities
version_added: 0.2.0
description:
  - Read one SSH user certificate by id, or every SSH user certificate of the account, optionally narrowed by
    signing CA, public key, principal or description. Reads every page of the list.
  - The API cannot filter this list, so the narrowing options are checked on the listed certificates, and there is
    no C(filter) option.
author:
  - ngrok.ngrok contributors (@ngrok)
extends_documentation_fragment:
  - ngrok.ngrok.connection
  - ngrok.ngrok.ssh_certificate.INFO
  - ngrok.ngrok.attributes
  - ngrok.ngrok.attributes.INFO
options:
  id:
    description:
      - ID of one certificate (C(sucrt_...)). An id that does not exist gives an empty list.
    type: str
  principal:
    description:
      - Only certificates that list this principal (one of their user names).
    type: str
seealso:
  - module: ngrok.ngrok.ngrok_ssh_user_certificate
"""

EXAMPLES = r"""
- name: All SSH user certificates
  ngrok.ngrok.ngrok_ssh_user_certificate_info:
  register: certificates

- name: The certificates that a CA signed
  ngrok.ngrok.ngrok_ssh_user_certificate_info:
    ssh_certificate_authority_id: "{{ ca.ssh_certificate_authority.id }}"
  register: signed

- name: The certificates for ec2-user
  ngrok.ngrok.ngrok_ssh_user_certificate_info:
    principal: ec2-user

- name: Certificates that expire within a day
  ansible.builtin.debug:
    msg: "{{ item.id }} ({{ item.description | default('') }}) expires {{ item.valid_until }}"
  loop: "{{ certificates.ssh_user_certificates }}"
  when: (item.valid_until | to_datetime('%Y-%m-%dT%H:%M:%SZ') - now(utc=true)).days < 1
"""

RETURN = r"""
ssh_user_certificates:
  description:
    - The certificates found, newest first. Each has the keys described for the
      RV(ngrok.ngrok.ngrok_ssh_user_certificate#module:ssh_user_certificate) result of
      M(ngrok.ngrok.ngrok_ssh_user_certificate), including the signed C(certificate).
  returned: always
  type: list
  elements: dict
  sample:
    - id: sucrt_2Zx8example3RcLhDdPp4TtEFq9W
      uri: https://api.ngrok.com/ssh_user_certificates/sucrt_2Zx8example3RcLhDdPp4TtEFq9W
      created_at: "2026-11-27T10:11:14Z"
      public_key: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExampleKeyData alice@laptop
      key_type: ed25519
      ssh_certificate_authority_id: sshca_2Zx8example3RcLhDdPp4TtEFq9W
      principals: ["ec2-user"]
      critical_options: {}
      extensions: {"permit-pty": "", "permit-user-rc": ""}
      valid_after: "2026-11-27T10:11:14Z"
      valid_until: "2026-11-28T10:11:14Z"
      certificate: ssh-ed25519-cert-v01@openssh.com AAAAIHNzaC1lZDI1NTE5LWNlcnQtdjAxQG9wZW5zc2guY29tExampleData sucrt_2Zx8example3RcLhDdPp4TtEFq9W
"""

from ansible_collections.ngrok.ngrok.plugins.module_utils._module import info_module
from ansible_collections.ngrok.ngrok.plugins.module_utils._select import Narrowing
from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.ssh import SSH_USER_CERTIFICATE, ssh_key_material


def main():
    info_module(SSH_USER_CERTIFICATE, [
        "ssh_certificate_authority_id",
        Narrowing("public_key", "public_key", read=lambda obj: obj.get("public_key"), normalize=ssh_key_material),
        Narrowing("principal", "principals", member=True),
        "description",
    ])


if __name__ == "__main__":
    main()
