#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ngrok_ssh_host_certificate_info
short_description: List SSH host certificates signed by ngrok SSH certificate authorities
version_added: 0.2.0
description:
  - Read one SSH host certificate by id, or every SSH host certificate of the account, optionally narrowed by
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
      - ID of one certificate (C(shcrt_...)). An id that does not exist gives an empty list.
    type: str
  principal:
    description:
      - Only certificates that list this principal (one of their host names or addresses).
    type: str
seealso:
  - module: ngrok.ngrok.ngrok_ssh_host_certificate
"""

EXAMPLES = r"""
- name: All SSH host certificates
  ngrok.ngrok.ngrok_ssh_host_certificate_info:
  register: certificates

- name: The certificates that a CA signed
  ngrok.ngrok.ngrok_ssh_host_certificate_info:
    ssh_certificate_authority_id: "{{ ca.ssh_certificate_authority.id }}"
  register: signed

- name: The certificates for web-1.example.com
  ngrok.ngrok.ngrok_ssh_host_certificate_info:
    principal: web-1.example.com

- name: Certificates that expire within 30 days
  ansible.builtin.debug:
    msg: "{{ item.id }} ({{ item.description | default('') }}) expires {{ item.valid_until }}"
  loop: "{{ certificates.ssh_host_certificates }}"
  when: (item.valid_until | to_datetime('%Y-%m-%dT%H:%M:%SZ') - now(utc=true)).days < 30
"""

RETURN = r"""
ssh_host_certificates:
  description:
    - The certificates found, newest first. Each has the keys described for the
      RV(ngrok.ngrok.ngrok_ssh_host_certificate#module:ssh_host_certificate) result of
      M(ngrok.ngrok.ngrok_ssh_host_certificate), including the signed C(certificate).
  returned: always
  type: list
  elements: dict
  sample:
    - id: shcrt_2Zx8example3RcLhDdPp4TtEFq9W
      uri: https://api.ngrok.com/ssh_host_certificates/shcrt_2Zx8example3RcLhDdPp4TtEFq9W
      created_at: "2026-11-27T10:11:14Z"
      public_key: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExampleKeyData root@web-1
      key_type: ed25519
      ssh_certificate_authority_id: sshca_2Zx8example3RcLhDdPp4TtEFq9W
      principals: ["web-1.example.com"]
      valid_after: "2026-11-27T10:11:14Z"
      valid_until: "2027-11-27T10:11:14Z"
      certificate: ssh-ed25519-cert-v01@openssh.com AAAAIHNzaC1lZDI1NTE5LWNlcnQtdjAxQG9wZW5zc2guY29tExampleData shcrt_2Zx8example3RcLhDdPp4TtEFq9W
"""

from ansible_collections.ngrok.ngrok.plugins.module_utils._module import info_module
from ansible_collections.ngrok.ngrok.plugins.module_utils._select import Narrowing
from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.ssh import SSH_HOST_CERTIFICATE, ssh_key_material


def main():
    info_module(SSH_HOST_CERTIFICATE, [
        "ssh_certificate_authority_id",
        Narrowing("public_key", "public_key", read=lambda obj: obj.get("public_key"), normalize=ssh_key_material),
        Narrowing("principal", "principals", member=True),
        "description",
    ])


if __name__ == "__main__":
    main()
