#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ngrok_certificate_authority_info
short_description: List ngrok certificate authorities for mutual TLS
version_added: 0.2.0
description:
  - Read one certificate authority by id, or every certificate authority of the account, optionally narrowed by
    description, subject common name or a CEL filter. Reads every page of the list.
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
      - ID of one certificate authority (C(ca_...)). An id that does not exist gives an empty list.
    type: str
  description:
    description:
      - Only certificate authorities with exactly this description.
    type: str
  subject_common_name:
    description:
      - Only certificate authorities whose certificate has exactly this subject common name.
    type: str
seealso:
  - module: ngrok.ngrok.ngrok_certificate_authority
"""

EXAMPLES = r"""
- name: All certificate authorities
  ngrok.ngrok.ngrok_certificate_authority_info:
  register: cas

- name: The ids of the device fleet's CAs, for a terminate-tls action
  ngrok.ngrok.ngrok_certificate_authority_info:
    subject_common_name: Device Fleet Root CA
  register: fleet

- name: Certificate authorities that expire within 90 days
  ngrok.ngrok.ngrok_certificate_authority_info:
    filter: obj.not_after < timestamp(time.now).add("90d")
"""

RETURN = r"""
certificate_authorities:
  description:
    - The certificate authorities found, newest first. Each has the keys of the
      RV(ngrok.ngrok.ngrok_certificate_authority#module:certificate_authority) result of
      M(ngrok.ngrok.ngrok_certificate_authority), the certificate in C(ca_pem) and what ngrok read from it.
  returned: always
  type: list
  elements: dict
  sample:
    - id: ca_2Zx8example3RcLhDdPp4TtEFq9W
      uri: https://api.ngrok.com/certificate_authorities/ca_2Zx8example3RcLhDdPp4TtEFq9W
      created_at: "2026-11-27T10:11:14Z"
      description: device fleet CA
      ca_pem: "-----BEGIN CERTIFICATE-----\nMIIEETCCAvmgAwIBAgIU...\n-----END CERTIFICATE-----\n"
      subject_common_name: Device Fleet Root CA
      not_before: "2026-01-01T00:00:00Z"
      not_after: "2036-01-01T00:00:00Z"
      key_usages: ["cert_sign", "crl_sign"]
      extended_key_usages: []
"""

from ansible_collections.ngrok.ngrok.plugins.module_utils._module import info_module
from ansible_collections.ngrok.ngrok.plugins.module_utils._select import Narrowing
from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.certificates import CERTIFICATE_AUTHORITY


def main():
    info_module(CERTIFICATE_AUTHORITY, ["description", Narrowing("subject_common_name", "subject_common_name")])


if __name__ == "__main__":
    main()
