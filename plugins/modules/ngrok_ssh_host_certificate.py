#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ngrok_ssh_host_certificate
short_description: Manage SSH host certificates signed by an ngrok SSH certificate authority
version_added: 0.2.0
description:
  - Issue, update and delete SSH host certificates. A host certificate, signed by an SSH certificate authority of
    the account (M(ngrok.ngrok.ngrok_ssh_certificate_authority)), lets an SSH server prove its identity to clients
    that trust the CA (C(@cert-authority) in C(known_hosts)). The signed certificate is returned in
    RV(ssh_host_certificate.certificate), for the server's C(HostCertificate) file; it is public, not a secret.
  - Only O(description) and O(metadata) can change once a certificate is issued. Any other difference is refused,
    or, with O(replace=true), a new certificate is issued in place of the old one.
  - B(Identity.) The API gives certificates no name of their own. When O(id) is not given, a certificate is found
    by its CA together with its O(public_key); the module manages one certificate per host key and CA. The
    principals are deliberately not part of this identity, so that changing them changes (re-issues) this
    certificate instead of issuing a second one beside it. The list of host certificates cannot be filtered, so
    this lookup reads every page. More than one certificate for the same CA and key (issued elsewhere) is an error
    that lists their ids; choose one with O(id).
author:
  - ngrok.ngrok contributors (@ngrok)
extends_documentation_fragment:
  - ngrok.ngrok.connection
  - ngrok.ngrok.ssh_certificate
  - ngrok.ngrok.attributes
  - ngrok.ngrok.attributes.RESOURCE
options:
  id:
    description:
      - ID of the certificate (C(shcrt_...)). Takes precedence over the CA and O(public_key) for finding it.
      - With O(state=present), a certificate with this id must exist.
    type: str
  public_key:
    description:
      - The host's public key that the certificate signs, in OpenSSH format as in a C(.pub) file
        (V(ssh-ed25519 AAAAC3Nza... root@web-1)); RSA, ECDSA and Ed25519 keys.
      - Part of the identity; compared by its key type and base64 data only (the comment and blank space around it
        do not matter). Required to issue a certificate. Cannot change once the certificate is issued.
    type: str
  principals:
    description:
      - The host names and IP addresses for which the certificate is valid. When not given or empty, the
        certificate is valid for every host, which is dangerous.
      - Compared as a set; order and repeated names do not matter. When not given, the principals of an existing
        certificate are not compared. Cannot change once the certificate is issued; see O(replace).
    type: list
    elements: str
  valid_until:
    description:
      - When the certificate stops being valid (OpenSSH calls it C(valid_before)), an RFC 3339 timestamp with a time
        zone. When it is not given, the API makes the certificate valid for one year.
      - Compared, only when given, as the instant it names in whole seconds; sent in UTC. Cannot change once the
        certificate is issued; see O(replace).
    type: str
  replace:
    description:
      - When an option that cannot change (O(principals), O(valid_after), O(valid_until), or the CA or key of a
        certificate given by O(id)) differs, issue a new certificate with what the task sets and the old one's
        principals, description and metadata otherwise, then delete the old one. This is how a certificate is
        renewed, for example with a later O(valid_until).
      - The validity of the old certificate is not carried over; what the task does not set, the API fills afresh
        for the new certificate (from the moment it is issued).
      - The new certificate is issued first, so a refused issue leaves the old one as it was. Install the new
        certificate (RV(ssh_host_certificate.certificate)) on the host.
      - When V(false), such a difference fails the task and changes nothing.
    type: bool
    default: false
notes:
  - ngrok's Terraform provider has no resource for SSH host certificates.
seealso:
  - module: ngrok.ngrok.ngrok_ssh_host_certificate_info
  - module: ngrok.ngrok.ngrok_ssh_certificate_authority
  - module: ngrok.ngrok.ngrok_ssh_user_certificate
"""

EXAMPLES = r"""
- name: Read the host's public key
  ansible.builtin.slurp:
    src: /etc/ssh/ssh_host_ed25519_key.pub
  register: host_key

- name: Have the production hosts CA sign it for the host's name and address
  ngrok.ngrok.ngrok_ssh_host_certificate:
    ssh_certificate_authority_description: production hosts
    public_key: "{{ host_key.content | b64decode }}"
    principals:
      - "{{ inventory_hostname }}"
      - "{{ ansible_default_ipv4.address }}"
    description: "{{ inventory_hostname }}"
  delegate_to: localhost
  register: host_cert

- name: Install the certificate
  ansible.builtin.copy:
    content: "{{ host_cert.ssh_host_certificate.certificate }}\n"
    dest: /etc/ssh/ssh_host_ed25519_key-cert.pub
    mode: "0644"

- name: Let sshd present it
  ansible.builtin.lineinfile:
    path: /etc/ssh/sshd_config
    line: HostCertificate /etc/ssh/ssh_host_ed25519_key-cert.pub

- name: Renew the certificate until 2028 (a new certificate replaces the old one)
  ngrok.ngrok.ngrok_ssh_host_certificate:
    ssh_certificate_authority_description: production hosts
    public_key: "{{ host_key.content | b64decode }}"
    valid_until: "2028-01-01T00:00:00Z"
    replace: true
  delegate_to: localhost

- name: Delete the certificate of a decommissioned host
  ngrok.ngrok.ngrok_ssh_host_certificate:
    id: shcrt_2Zx8example3RcLhDdPp4TtEFq9W
    state: absent
"""

RETURN = r"""
ssh_host_certificate:
  description:
    - The certificate as the API returned it; in check mode, the predicted certificate, with C(id), C(uri),
      C(created_at) and C(certificate) null for a certificate not yet issued, C(valid_after) and C(valid_until)
      null unless the task sets them (the API fills them), and C(ssh_certificate_authority_id) null when the CA
      named by description does not exist yet.
    - After O(state=absent), the certificate that was deleted, or an empty dict when there was none.
  returned: always
  type: dict
  contains:
    id:
      description: Unique ID of the certificate.
      type: str
      sample: shcrt_2Zx8example3RcLhDdPp4TtEFq9W
    uri:
      description: URI of the certificate in the API.
      type: str
      sample: https://api.ngrok.com/ssh_host_certificates/shcrt_2Zx8example3RcLhDdPp4TtEFq9W
    created_at:
      description: When the certificate was issued, RFC 3339 in UTC.
      type: str
      sample: "2026-11-27T10:11:14Z"
    description:
      description: Description of the certificate.
      type: str
      sample: web-1.example.com
    metadata:
      description: Metadata of the certificate.
      type: str
      sample: '{"rack": "b4"}'
    public_key:
      description: The signed public key as it was sent, with its comment.
      type: str
      sample: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExampleKeyData root@web-1
    key_type:
      description: The type of the signed public key, V(ed25519), V(ecdsa) or V(rsa).
      type: str
      sample: ed25519
    ssh_certificate_authority_id:
      description: ID of the CA that signed the certificate.
      type: str
      sample: sshca_2Zx8example3RcLhDdPp4TtEFq9W
    principals:
      description: The host names and addresses the certificate is valid for; empty means every host.
      type: list
      elements: str
      sample: ["web-1.example.com", "203.0.113.10"]
    valid_after:
      description: When the certificate becomes valid, RFC 3339 in UTC.
      type: str
      sample: "2026-11-27T10:11:14Z"
    valid_until:
      description: When the certificate stops being valid, RFC 3339 in UTC.
      type: str
      sample: "2027-11-27T10:11:14Z"
    certificate:
      description:
        - The signed certificate in OpenSSH format, for a C(-cert.pub) file that C(sshd_config) names with
          C(HostCertificate).
      type: str
      sample: ssh-ed25519-cert-v01@openssh.com AAAAIHNzaC1lZDI1NTE5LWNlcnQtdjAxQG9wZW5zc2guY29tExampleData shcrt_2Zx8example3RcLhDdPp4TtEFq9W
"""

from ansible_collections.ngrok.ngrok.plugins.module_utils._module import resource_module
from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.ssh import SSH_HOST_CERTIFICATE


def main():
    resource_module(SSH_HOST_CERTIFICATE)


if __name__ == "__main__":
    main()
