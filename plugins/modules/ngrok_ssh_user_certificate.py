#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ngrok_ssh_user_certificate
short_description: Manage SSH user certificates signed by an ngrok SSH certificate authority
version_added: 0.2.0
description:
  - Issue, update and delete SSH user certificates. A user certificate, signed by an SSH certificate authority of
    the account (M(ngrok.ngrok.ngrok_ssh_certificate_authority)), lets an SSH client log in to servers that trust
    the CA (C(TrustedUserCAKeys) in C(sshd_config)) as one of the certificate's principals. The signed certificate
    is returned in RV(ssh_user_certificate.certificate), for the C(-cert.pub) file beside the user's private key;
    it is public, not a secret.
  - Only O(description) and O(metadata) can change once a certificate is issued. Any other difference is refused,
    or, with O(replace=true), a new certificate is issued in place of the old one.
  - B(Identity.) The API gives certificates no name of their own. When O(id) is not given, a certificate is found
    by its CA together with its O(public_key); the module manages one certificate per user key and CA. The
    principals are deliberately not part of this identity, so that changing them changes (re-issues) this
    certificate instead of issuing a second one beside it. The list of user certificates cannot be filtered, so
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
      - ID of the certificate (C(sucrt_...)). Takes precedence over the CA and O(public_key) for finding it.
      - With O(state=present), a certificate with this id must exist.
    type: str
  public_key:
    description:
      - The user's public key that the certificate signs, in OpenSSH format as in a C(.pub) file
        (V(ssh-ed25519 AAAAC3Nza... alice@laptop)); RSA, ECDSA and Ed25519 keys.
      - Part of the identity; compared by its key type and base64 data only (the comment and blank space around it
        do not matter). Required to issue a certificate. Cannot change once the certificate is issued.
    type: str
  principals:
    description:
      - The user names the holder of the certificate may log in as. When not given or empty, the certificate may
        log in as any user, which is dangerous.
      - Compared as a set; order and repeated names do not matter. When not given, the principals of an existing
        certificate are not compared. Cannot change once the certificate is issued; see O(replace).
    type: list
    elements: str
  critical_options:
    description:
      - Critical options written into the certificate, a mapping of option names to text values. OpenSSH defines
        C(force-command) (the only command the certificate may run) and C(source-address) (the client addresses,
        comma-separated CIDRs, it may be used from).
      - Compared exactly when given; not compared when not given (a new certificate then has none). Cannot change
        once the certificate is issued; see O(replace).
    type: dict
  extensions:
    description:
      - Extensions written into the certificate, a mapping of names to values. OpenSSH's extensions, such as
        C(permit-pty), C(permit-port-forwarding), C(permit-agent-forwarding), C(permit-X11-forwarding) and
        C(permit-user-rc), take an empty value, written V("") or left out in YAML (a null value is sent as V("")).
      - When not given, the API gives a new certificate C(permit-pty) and C(permit-user-rc) only, and the extensions
        of an existing certificate are not compared. An empty mapping cannot be sent (the API would give the
        defaults); list the extensions wanted.
      - Compared exactly when given. Cannot change once the certificate is issued; see O(replace).
    type: dict
  valid_until:
    description:
      - When the certificate stops being valid (OpenSSH calls it C(valid_before)), an RFC 3339 timestamp with a time
        zone. When it is not given, the API makes the certificate valid for 24 hours.
      - Compared, only when given, as the instant it names in whole seconds; sent in UTC. Cannot change once the
        certificate is issued; see O(replace).
    type: str
  replace:
    description:
      - When an option that cannot change (O(principals), O(critical_options), O(extensions), O(valid_after),
        O(valid_until), or the CA or key of a certificate given by O(id)) differs, issue a new certificate with what
        the task sets and the old one's principals, options, extensions, description and metadata otherwise, then
        delete the old one. This is how a certificate is
        renewed, for example with a later O(valid_until).
      - The validity of the old certificate is not carried over; what the task does not set, the API fills afresh
        for the new certificate (from the moment it is issued).
      - The new certificate is issued first, so a refused issue leaves the old one as it was. Install the new
        certificate (RV(ssh_user_certificate.certificate)) where the user's key is.
      - When V(false), such a difference fails the task and changes nothing.
    type: bool
    default: false
notes:
  - ngrok's Terraform provider has no resource for SSH user certificates.
seealso:
  - module: ngrok.ngrok.ngrok_ssh_user_certificate_info
  - module: ngrok.ngrok.ngrok_ssh_certificate_authority
  - module: ngrok.ngrok.ngrok_ssh_host_certificate
"""

EXAMPLES = r"""
- name: Let Alice log in to the staging machines as ec2-user until the end of the year, from the office only
  ngrok.ngrok.ngrok_ssh_user_certificate:
    ssh_certificate_authority_description: engineers
    public_key: "{{ lookup('ansible.builtin.file', 'keys/alice.pub') }}"
    principals: [ec2-user]
    critical_options:
      source-address: 203.0.113.0/24
    extensions:
      permit-pty: ""
      permit-port-forwarding: ""
    valid_until: "2026-12-31T23:59:59Z"
    description: alice on staging
  register: alice

- name: Hand the certificate over (it is public)
  ansible.builtin.copy:
    content: "{{ alice.ssh_user_certificate.certificate }}\n"
    dest: /srv/keys/alice/id_ed25519-cert.pub
    mode: "0644"

- name: A certificate that may only run the backup command, as backup
  ngrok.ngrok.ngrok_ssh_user_certificate:
    ssh_certificate_authority_id: "{{ users_ca.ssh_certificate_authority.id }}"
    public_key: "{{ lookup('ansible.builtin.file', 'keys/backup.pub') }}"
    principals: [backup]
    critical_options:
      force-command: /usr/local/bin/run-backup
    extensions:
      permit-user-rc:

- name: Give Alice root as well (a new certificate replaces the old one; the validity is not carried over)
  ngrok.ngrok.ngrok_ssh_user_certificate:
    ssh_certificate_authority_description: engineers
    public_key: "{{ lookup('ansible.builtin.file', 'keys/alice.pub') }}"
    principals: [ec2-user, root]
    valid_until: "2026-12-31T23:59:59Z"
    replace: true

- name: Delete Alice's certificate
  ngrok.ngrok.ngrok_ssh_user_certificate:
    ssh_certificate_authority_description: engineers
    public_key: "{{ lookup('ansible.builtin.file', 'keys/alice.pub') }}"
    state: absent
"""

RETURN = r"""
ssh_user_certificate:
  description:
    - The certificate as the API returned it; in check mode, the predicted certificate, with C(id), C(uri),
      C(created_at) and C(certificate) null for a certificate not yet issued, C(valid_after) and C(valid_until)
      null unless the task sets them (the API fills them), C(critical_options) empty and C(extensions) the API's
      defaults unless the task sets them, and C(ssh_certificate_authority_id) null when the CA
      named by description does not exist yet.
    - After O(state=absent), the certificate that was deleted, or an empty dict when there was none.
  returned: always
  type: dict
  contains:
    id:
      description: Unique ID of the certificate.
      type: str
      sample: sucrt_2Zx8example3RcLhDdPp4TtEFq9W
    uri:
      description: URI of the certificate in the API.
      type: str
      sample: https://api.ngrok.com/ssh_user_certificates/sucrt_2Zx8example3RcLhDdPp4TtEFq9W
    created_at:
      description: When the certificate was issued, RFC 3339 in UTC.
      type: str
      sample: "2026-11-27T10:11:14Z"
    description:
      description: Description of the certificate.
      type: str
      sample: alice on staging
    metadata:
      description: Metadata of the certificate.
      type: str
      sample: '{"ticket": "OPS-1234"}'
    public_key:
      description: The signed public key as it was sent, with its comment.
      type: str
      sample: ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExampleKeyData alice@laptop
    key_type:
      description: The type of the signed public key, V(ed25519), V(ecdsa) or V(rsa).
      type: str
      sample: ed25519
    ssh_certificate_authority_id:
      description: ID of the CA that signed the certificate.
      type: str
      sample: sshca_2Zx8example3RcLhDdPp4TtEFq9W
    principals:
      description: The user names the certificate may log in as; empty means any user.
      type: list
      elements: str
      sample: ["ec2-user"]
    critical_options:
      description: The critical options of the certificate.
      type: dict
      sample: {"source-address": "203.0.113.0/24"}
    extensions:
      description: The extensions of the certificate.
      type: dict
      sample: {"permit-pty": "", "permit-port-forwarding": ""}
    valid_after:
      description: When the certificate becomes valid, RFC 3339 in UTC.
      type: str
      sample: "2026-11-27T10:11:14Z"
    valid_until:
      description: When the certificate stops being valid, RFC 3339 in UTC.
      type: str
      sample: "2026-12-31T23:59:59Z"
    certificate:
      description:
        - The signed certificate in OpenSSH format, for the C(-cert.pub) file beside the user's private key (or
          the file that C(CertificateFile) names in the client's C(ssh_config)).
      type: str
      sample: ssh-ed25519-cert-v01@openssh.com AAAAIHNzaC1lZDI1NTE5LWNlcnQtdjAxQG9wZW5zc2guY29tExampleData sucrt_2Zx8example3RcLhDdPp4TtEFq9W
"""

from ansible_collections.ngrok.ngrok.plugins.module_utils._module import resource_module
from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.ssh import SSH_USER_CERTIFICATE


def main():
    resource_module(SSH_USER_CERTIFICATE)


if __name__ == "__main__":
    main()
