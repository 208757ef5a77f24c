#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ngrok_tls_certificate_info
short_description: List TLS certificates of an ngrok account
version_added: 0.2.0
description:
  - Read one TLS certificate by id, or every certificate of the account, optionally narrowed by description, subject
    common name or a CEL filter. Reads every page of the list.
  - Lists both the certificates uploaded with M(ngrok.ngrok.ngrok_tls_certificate) and those ngrok manages for
    reserved domains (their C(issued_at) is set). Private keys are never returned.
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
      - ID of one certificate (C(cert_...)). An id that does not exist gives an empty list.
    type: str
  description:
    description:
      - Only certificates with exactly this description.
    type: str
  subject_common_name:
    description:
      - Only certificates whose leaf has exactly this subject common name, for example V(portal.example.com).
    type: str
seealso:
  - module: ngrok.ngrok.ngrok_tls_certificate
"""

EXAMPLES = r"""
- name: All certificates of the account
  ngrok.ngrok.ngrok_tls_certificate_info:
  register: certificates

- name: The certificates issued for the portal
  ngrok.ngrok.ngrok_tls_certificate_info:
    subject_common_name: portal.example.com

- name: Uploaded certificates that expire within 30 days
  ngrok.ngrok.ngrok_tls_certificate_info:
    filter: obj.not_after < timestamp(time.now).add("30d")
  register: expiring

- name: Fail when one of them has no renewal yet
  ansible.builtin.assert:
    that: expiring.tls_certificates | length == 0
    fail_msg: "Renew: {{ expiring.tls_certificates | map(attribute='subject_common_name') | join(', ') }}"
"""

RETURN = r"""
tls_certificates:
  description:
    - The certificates found, newest first. Each has the keys of the
      RV(ngrok.ngrok.ngrok_tls_certificate#module:tls_certificate) result of M(ngrok.ngrok.ngrok_tls_certificate), the
      chain in C(certificate_pem) and what ngrok read from it (subject, issuer, validity, serial number, key usages,
      subject alternative names).
  returned: always
  type: list
  elements: dict
  sample:
    - id: cert_2Zx8example3RcLhDdPp4TtEFq9W
      uri: https://api.ngrok.com/tls_certificates/cert_2Zx8example3RcLhDdPp4TtEFq9W
      created_at: "2026-11-27T10:11:14Z"
      description: portal 2026
      certificate_pem: "-----BEGIN CERTIFICATE-----\nMIIDDTCCAfWgAwIBAgIU...\n-----END CERTIFICATE-----\n"
      subject_common_name: portal.example.com
      subject_alternative_names: {"dns_names": ["portal.example.com"], "ips": []}
      issued_at: null
      not_before: "2026-11-01T00:00:00Z"
      not_after: "2027-11-01T00:00:00Z"
      key_usages: ["digital_signature"]
      extended_key_usages: ["server_auth"]
      private_key_type: ecdsa
      issuer_common_name: Example Issuing CA
      serial_number: 054ba70dd03882382d11b640f30f4b8e1be5ddb1
      subject_organization: Example Inc.
      subject_organizational_unit: ""
      subject_locality: ""
      subject_province: ""
      subject_country: DE
"""

from ansible_collections.ngrok.ngrok.plugins.module_utils._module import info_module
from ansible_collections.ngrok.ngrok.plugins.module_utils._select import Narrowing
from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.certificates import TLS_CERTIFICATE


def main():
    info_module(TLS_CERTIFICATE, ["description", Narrowing("subject_common_name", "subject_common_name")])


if __name__ == "__main__":
    main()
