#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ngrok_certificate_authority
short_description: Manage ngrok certificate authorities for mutual TLS
version_added: 0.2.0
description:
  - Upload, update and delete certificate authorities (CA certificates, without their private key) that ngrok uses
    to verify client certificates in mutual TLS. A traffic policy names them by id in the
    C(mutual_tls_certificate_authorities) of its C(terminate-tls) action.
  - ngrok reads the subject common name, validity and key usages from the certificate and returns them.
  - The API has no unique name for certificate authorities, so the O(description) identifies one when O(id) is not
    given. More than one with the same description is an error that lists their ids.
  - The certificate cannot change once uploaded; another certificate is another object (see O(replace)). Only
    O(description) and O(metadata) can be updated.
author:
  - ngrok.ngrok contributors (@ngrok)
extends_documentation_fragment:
  - ngrok.ngrok.connection
  - ngrok.ngrok.attributes
  - ngrok.ngrok.attributes.RESOURCE
options:
  state:
    description:
      - V(present) uploads the certificate authority when none has the description and updates what differs.
      - V(absent) deletes it. Traffic policies that name its id stop accepting the client certificates it signed.
    type: str
    choices: [present, absent]
    default: present
  id:
    description:
      - ID of the certificate authority (C(ca_...)). Takes precedence over O(description) for finding it; with it,
        the description can be changed.
      - With O(state=present), a certificate authority with this id must exist.
    type: str
  description:
    description:
      - Human-readable description of the certificate authority, at most 255 bytes.
      - Identifies it when O(id) is not given, so keep descriptions unique. Required to upload one.
    type: str
  metadata:
    description:
      - Arbitrary machine-readable data of the certificate authority, at most 4096 bytes.
      - Text, or a mapping or list, which is sent as JSON text (compact, keys sorted).
    type: raw
  ca_pem:
    description:
      - The CA certificate in PEM format, exactly one certificate whose basic constraints mark it as a certificate
        authority. Either the PEM text itself or the path of a PEM file on the host that runs the module (the managed
        node; with C(delegate_to=localhost), the controller). A value that holds C(-----BEGIN) anywhere is PEM text.
      - Only the certificates (C(-----BEGIN CERTIFICATE-----) blocks) are read; everything else in the text or file is
        left out, such as the C(Bag Attributes) lines C(openssl pkcs12) writes, or the CA's private key, which is never
        sent, returned or shown. A value with a private key and no certificate fails the task before any request.
      - Required to upload one. Compared with the certificate ngrok holds line by line, so line endings and
        surrounding blank space do not count as a difference.
      - Cannot change once uploaded; see O(replace).
    type: str
  replace:
    description:
      - When O(ca_pem) differs from the certificate of the certificate authority that has the description, upload
        the new one, with the old one's description and metadata unless the task sets them, then delete the old one.
        The result is the new certificate authority, with a new id.
      - Traffic policies that name the old id must be changed to name the new one (see the examples).
      - When V(false), a different certificate fails the task and changes nothing.
    type: bool
    default: false
notes:
  - Should ngrok hold a private key in a certificate authority's C(ca_pem) (uploaded so by another tool), the module's
    results and C(--diff) output show C(VALUE_SPECIFIED_IN_NO_LOG_PARAMETER) in its place.
  - "Replaces the Terraform resource C(ngrok_certificate_authority) of ngrok's provider."
seealso:
  - module: ngrok.ngrok.ngrok_certificate_authority_info
  - module: ngrok.ngrok.ngrok_endpoint
"""

EXAMPLES = r"""
# ngrok's Terraform provider:
#   resource "ngrok_certificate_authority" "devices" {
#     ca_pem      = file("${path.module}/devices-ca.pem")
#     description = "device fleet CA"
#   }
- name: Upload the CA that signs the devices' client certificates
  ngrok.ngrok.ngrok_certificate_authority:
    description: device fleet CA
    ca_pem: /etc/pki/devices/ca.pem
    metadata: '{"owner": "fleet"}'
  delegate_to: localhost
  register: devices_ca

- name: Reserve the domain of the devices' API
  ngrok.ngrok.ngrok_reserved_domain:
    domain: devices.example.com

- name: An endpoint that only accepts clients with a certificate from that CA
  ngrok.ngrok.ngrok_endpoint:
    url: https://devices.example.com
    traffic_policy:
      on_tcp_connect:
        - actions:
            - type: terminate-tls
              config:
                mutual_tls_certificate_authorities:
                  - "{{ devices_ca.certificate_authority.id }}"
      on_http_request:
        - actions:
            - type: forward-internal
              config:
                url: https://devices-api.internal

- name: Show when the CA expires
  ansible.builtin.debug:
    msg: "{{ devices_ca.certificate_authority.subject_common_name }} expires {{ devices_ca.certificate_authority.not_after }}"

- name: Upload a renewed CA under the same description (the endpoint above must then name the new id)
  ngrok.ngrok.ngrok_certificate_authority:
    description: device fleet CA
    ca_pem: /etc/pki/devices/ca-2027.pem
    replace: true
  delegate_to: localhost

- name: Delete the CA
  ngrok.ngrok.ngrok_certificate_authority:
    description: device fleet CA
    state: absent
"""

RETURN = r"""
certificate_authority:
  description:
    - The certificate authority as the API returned it; in check mode, the predicted object. It has every key a real
      answer has; for one not uploaded yet, C(id), C(uri), C(created_at) and what ngrok reads from the certificate
      (C(subject_common_name), C(not_before), C(not_after), C(key_usages), C(extended_key_usages)) are null in a
      prediction.
    - After O(state=absent), the certificate authority that was deleted, or an empty dict when there was none.
  returned: always
  type: dict
  contains:
    id:
      description: Unique ID of the certificate authority.
      type: str
      sample: ca_2Zx8example3RcLhDdPp4TtEFq9W
    uri:
      description: URI of the certificate authority in the API.
      type: str
      sample: https://api.ngrok.com/certificate_authorities/ca_2Zx8example3RcLhDdPp4TtEFq9W
    created_at:
      description: When the certificate authority was uploaded, RFC 3339 in UTC.
      type: str
      sample: "2026-11-27T10:11:14Z"
    description:
      description: Description of the certificate authority.
      type: str
      sample: device fleet CA
    metadata:
      description: Metadata of the certificate authority.
      type: str
      sample: '{"owner": "fleet"}'
    ca_pem:
      description: The CA certificate in PEM format.
      type: str
      sample: "-----BEGIN CERTIFICATE-----\nMIIEETCCAvmgAwIBAgIU...\n-----END CERTIFICATE-----\n"
    subject_common_name:
      description: Common name of the certificate's subject.
      type: str
      sample: Device Fleet Root CA
    not_before:
      description: Start of the certificate's validity, RFC 3339 in UTC.
      type: str
      sample: "2026-01-01T00:00:00Z"
    not_after:
      description: End of the certificate's validity, RFC 3339 in UTC.
      type: str
      sample: "2036-01-01T00:00:00Z"
    key_usages:
      description: What the CA's key may be used for (its key usage extension).
      type: list
      elements: str
      sample: ["cert_sign", "crl_sign"]
    extended_key_usages:
      description: The extended key usages of the certificate.
      type: list
      elements: str
      sample: ["client_auth"]
"""

from ansible_collections.ngrok.ngrok.plugins.module_utils._module import resource_module
from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.certificates import CERTIFICATE_AUTHORITY


def main():
    resource_module(CERTIFICATE_AUTHORITY)


if __name__ == "__main__":
    main()
