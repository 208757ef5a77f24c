#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ngrok_tls_certificate
short_description: Manage TLS certificates uploaded to ngrok
version_added: 0.2.0
description:
  - Upload, update and delete TLS certificates (a certificate chain and its private key) that reserved domains serve
    instead of a certificate managed by ngrok; attach one with O(ngrok.ngrok.ngrok_reserved_domain#module:certificate_id)
    of M(ngrok.ngrok.ngrok_reserved_domain).
  - ngrok reads the subject, issuer, validity, serial number, key usages and subject alternative names from the
    certificate and returns them; they cannot be set.
  - The API has no unique name for certificates, so the O(description) identifies a certificate when O(id) is not
    given. More than one certificate with the same description is an error that lists their ids.
  - The certificate and its key cannot change once uploaded; another certificate is another object (see
    O(replace)). Only O(description) and O(metadata) can be updated.
author:
  - ngrok.ngrok contributors (@ngrok)
extends_documentation_fragment:
  - ngrok.ngrok.connection
  - ngrok.ngrok.attributes
  - ngrok.ngrok.attributes.RESOURCE
options:
  state:
    description:
      - V(present) uploads the certificate when none has the description and updates what differs.
      - V(absent) deletes the certificate. The API refuses to delete a certificate that ngrok manages for a domain
        with a certificate management policy.
    type: str
    choices: [present, absent]
    default: present
  id:
    description:
      - ID of the certificate (C(cert_...)). Takes precedence over O(description) for finding it; with it, the
        description can be changed.
      - With O(state=present), a certificate with this id must exist.
    type: str
  description:
    description:
      - Human-readable description of the certificate, at most 255 bytes.
      - Identifies the certificate when O(id) is not given, so keep descriptions unique. Required to upload a
        certificate.
    type: str
  metadata:
    description:
      - Arbitrary machine-readable data of the certificate, at most 4096 bytes.
      - Text, or a mapping or list, which is sent as JSON text (compact, keys sorted).
    type: raw
  certificate_pem:
    description:
      - The certificate chain in PEM format, leaf first, then the intermediates. Either the PEM text itself or the path
        of a PEM file on the host that runs the module (the managed node; with C(delegate_to=localhost), the controller).
        A value that holds C(-----BEGIN) anywhere is PEM text.
      - Only the certificates (C(-----BEGIN CERTIFICATE-----) blocks) are read; everything else in the text or file is
        left out, such as the C(Bag Attributes) lines C(openssl pkcs12) writes, or a private key. So a file that holds
        the chain and its key can be given to both options. A value with a private key and no certificate fails the
        task before any request (the options swapped).
      - Required to upload a certificate. Compared with the certificate ngrok holds line by line, so line endings and
        surrounding blank space do not count as a difference.
      - Cannot change once uploaded; see O(replace).
    type: str
  private_key_pem:
    description:
      - The certificate's private key in PEM format, not encrypted (PKCS#1, PKCS#8 or SEC 1); either the PEM text or
        the path of a PEM file on the host that runs the module.
      - Only the private key block is sent; everything else in the text or file is left out (the certificate, when one
        file holds both). A value without a private key, or with more than one, fails the task before any request.
      - Required to upload a certificate, and with O(replace) when a new certificate is uploaded.
      - Write-only; the API never returns it, and the module never compares it (it is tied to the certificate, which
        is compared) and never shows it in its result, its C(--diff) output or its messages.
    type: str
  replace:
    description:
      - When O(certificate_pem) differs from the certificate that has the description, upload the new certificate with
        O(private_key_pem), the old one's description and metadata unless the task sets them, then delete the old one.
        The result is the new certificate, with a new id.
      - Reserved domains that serve the old certificate are pointed at the new one (one PATCH each, after the upload
        and before the old certificate is deleted), so that they never go without a certificate; a warning names
        each. Should the API refuse a domain the new certificate, the task fails naming it, and both certificates
        remain. Should it refuse to delete the old certificate, the domains are pointed back at it, the new one is
        deleted again, and the task fails naming both ids.
      - Check mode does not list the domains that would move.
      - When V(false), a different certificate fails the task and changes nothing.
    type: bool
    default: false
notes:
  - The private key is a module option marked C(no_log), so Ansible hides it in the task's output and logs as well.
    Prefer a file path, or a value from Ansible Vault, to keep it out of playbooks.
  - Should ngrok hold a private key in a certificate's C(certificate_pem) (uploaded so by another tool), the module's
    results and C(--diff) output show C(VALUE_SPECIFIED_IN_NO_LOG_PARAMETER) in its place.
  - "Certificates that ngrok manages for domains with a certificate management policy are listed by
    M(ngrok.ngrok.ngrok_tls_certificate_info) too (their C(issued_at) is set); ngrok renews and deletes them
    itself."
  - "Replaces the Terraform resource C(ngrok_tls_certificate) of ngrok's provider."
seealso:
  - module: ngrok.ngrok.ngrok_tls_certificate_info
  - module: ngrok.ngrok.ngrok_reserved_domain
"""

EXAMPLES = r"""
# ngrok's Terraform provider:
#   resource "ngrok_tls_certificate" "portal" {
#     certificate_pem = file("${path.module}/portal.crt")
#     private_key_pem = file("${path.module}/portal.key")
#     description     = "portal 2026"
#   }
#   resource "ngrok_reserved_domain" "portal" {
#     domain         = "portal.example.com"
#     certificate_id = ngrok_tls_certificate.portal.id
#   }
- name: Upload the portal's certificate from the controller's files
  ngrok.ngrok.ngrok_tls_certificate:
    description: portal 2026
    certificate_pem: /etc/ssl/ngrok/portal.example.com/fullchain.pem
    private_key_pem: /etc/ssl/ngrok/portal.example.com/privkey.pem
    metadata: '{"team": "web"}'
  delegate_to: localhost
  register: portal_cert

- name: Serve it for the domain (instead of a certificate managed by ngrok)
  ngrok.ngrok.ngrok_reserved_domain:
    domain: portal.example.com
    certificate_management_policy:
      enabled: false
    certificate_id: "{{ portal_cert.tls_certificate.id }}"

- name: Show what ngrok read from the certificate
  ansible.builtin.debug:
    msg: >-
      {{ portal_cert.tls_certificate.subject_common_name }} valid until {{ portal_cert.tls_certificate.not_after }},
      also for {{ portal_cert.tls_certificate.subject_alternative_names.dns_names | join(', ') }}

- name: Upload from PEM text kept in Ansible Vault
  ngrok.ngrok.ngrok_tls_certificate:
    description: api 2026
    certificate_pem: "{{ vault_api_certificate }}"
    private_key_pem: "{{ vault_api_private_key }}"

# Rotation without a moment without a certificate: upload the renewed one under a new description, point the
# domain at it, then delete the old one.
- name: Upload the renewed certificate
  ngrok.ngrok.ngrok_tls_certificate:
    description: portal 2027
    certificate_pem: /etc/ssl/ngrok/portal.example.com/fullchain.pem
    private_key_pem: /etc/ssl/ngrok/portal.example.com/privkey.pem
  delegate_to: localhost
  register: renewed

- name: Serve the renewed certificate
  ngrok.ngrok.ngrok_reserved_domain:
    domain: portal.example.com
    certificate_id: "{{ renewed.tls_certificate.id }}"

- name: Delete the old certificate
  ngrok.ngrok.ngrok_tls_certificate:
    description: portal 2026
    state: absent

- name: Renew a certificate in place, keeping its description; the domains that serve it follow it
  ngrok.ngrok.ngrok_tls_certificate:
    description: staging
    certificate_pem: /etc/ssl/ngrok/staging/fullchain.pem
    private_key_pem: /etc/ssl/ngrok/staging/privkey.pem
    replace: true
  delegate_to: localhost
"""

RETURN = r"""
tls_certificate:
  description:
    - The certificate as the API returned it, without the private key; in check mode, the predicted object. It has
      every key a real answer has; for a certificate not uploaded yet, C(id), C(uri), C(created_at) and everything
      ngrok reads from the certificate (C(subject_*), C(issuer_common_name), C(serial_number), C(not_before),
      C(not_after), C(key_usages), C(extended_key_usages), C(private_key_type), C(subject_alternative_names)) are
      null in a prediction.
    - After O(state=absent), the certificate that was deleted, or an empty dict when there was none.
  returned: always
  type: dict
  contains:
    id:
      description: Unique ID of the certificate.
      type: str
      sample: cert_2Zx8example3RcLhDdPp4TtEFq9W
    uri:
      description: URI of the certificate in the API.
      type: str
      sample: https://api.ngrok.com/tls_certificates/cert_2Zx8example3RcLhDdPp4TtEFq9W
    created_at:
      description: When the certificate was uploaded, RFC 3339 in UTC.
      type: str
      sample: "2026-11-27T10:11:14Z"
    description:
      description: Description of the certificate.
      type: str
      sample: portal 2026
    metadata:
      description: Metadata of the certificate.
      type: str
      sample: '{"team": "web"}'
    certificate_pem:
      description: The certificate chain in PEM format, leaf first.
      type: str
      sample: "-----BEGIN CERTIFICATE-----\nMIIDDTCCAfWgAwIBAgIU...\n-----END CERTIFICATE-----\n"
    subject_common_name:
      description: Common name of the leaf certificate's subject.
      type: str
      sample: portal.example.com
    subject_alternative_names:
      description: The names the leaf certificate is valid for besides its common name, C(dns_names) (wildcards
        included) and C(ips).
      type: dict
      sample: {"dns_names": ["portal.example.com", "www.portal.example.com"], "ips": []}
    issued_at:
      description: When ngrok issued the certificate, for certificates it manages; null for uploaded ones.
      type: str
      sample: null
    not_before:
      description: Start of the leaf certificate's validity, RFC 3339 in UTC.
      type: str
      sample: "2026-11-01T00:00:00Z"
    not_after:
      description: End of the leaf certificate's validity, RFC 3339 in UTC.
      type: str
      sample: "2027-11-01T00:00:00Z"
    key_usages:
      description: What the certificate's key may be used for (its key usage extension).
      type: list
      elements: str
      sample: ["digital_signature", "key_encipherment"]
    extended_key_usages:
      description: The extended key usages of the certificate.
      type: list
      elements: str
      sample: ["server_auth"]
    private_key_type:
      description: Type of the certificate's key, C(rsa), C(ecdsa) or C(ed25519).
      type: str
      sample: ecdsa
    issuer_common_name:
      description: Common name of the issuer of the leaf certificate.
      type: str
      sample: Example Issuing CA
    serial_number:
      description: Serial number of the leaf certificate, in hexadecimal.
      type: str
      sample: 054ba70dd03882382d11b640f30f4b8e1be5ddb1
    subject_organization:
      description: Organization of the leaf certificate's subject; empty when it has none.
      type: str
      sample: Example Inc.
    subject_organizational_unit:
      description: Organizational unit of the subject; empty when it has none.
      type: str
      sample: ""
    subject_locality:
      description: Locality of the subject; empty when it has none.
      type: str
      sample: Berlin
    subject_province:
      description: State or province of the subject; empty when it has none.
      type: str
      sample: ""
    subject_country:
      description: Country of the subject; empty when it has none.
      type: str
      sample: DE
"""

from ansible_collections.ngrok.ngrok.plugins.module_utils._module import resource_module
from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.certificates import TLS_CERTIFICATE


def main():
    resource_module(TLS_CERTIFICATE)


if __name__ == "__main__":
    main()
