#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ngrok_reserved_domain_info
short_description: List ngrok reserved domains
version_added: 0.1.0
description:
  - Read one reserved domain by id, or every reserved domain of the account, optionally narrowed by domain name or
    a CEL filter. Reads every page of the list.
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
      - ID of one reserved domain (C(rd_...)). An id that does not exist gives an empty list.
    type: str
  domain:
    description:
      - Only the reserved domain with this hostname (compared in lower case, without a trailing dot).
    type: str
    aliases: [name]
seealso:
  - module: ngrok.ngrok.ngrok_reserved_domain
"""

EXAMPLES = r"""
- name: All reserved domains
  ngrok.ngrok.ngrok_reserved_domain_info:
  register: domains

- name: Domains under example.com
  ngrok.ngrok.ngrok_reserved_domain_info:
    filter: obj.domain.endsWith(".example.com")

- name: Print the CNAME target of one domain
  ngrok.ngrok.ngrok_reserved_domain_info:
    domain: app.example.com
  register: app

- name: Show it
  ansible.builtin.debug:
    msg: "{{ app.reserved_domains[0].cname_target | default('not reserved') }}"
"""

RETURN = r"""
reserved_domains:
  description: The reserved domains found, newest first.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: Unique ID of the reserved domain.
      type: str
      sample: rd_2Zx8example3RcLhDdPp4TtEFq9W
    uri:
      description: URI of the reserved domain in the API.
      type: str
      sample: https://api.ngrok.com/reserved_domains/rd_2Zx8example3RcLhDdPp4TtEFq9W
    created_at:
      description: When the domain was reserved, RFC 3339 in UTC.
      type: str
      sample: "2026-11-27T10:11:14Z"
    domain:
      description: The hostname.
      type: str
      sample: app.example.com
    description:
      description: Description of the domain.
      type: str
      sample: customer portal
    metadata:
      description: Metadata of the domain.
      type: str
      sample: '{"owner": "web"}'
    region:
      description: Deprecated; the API answers an empty string.
      type: str
      sample: ""
    cname_target:
      description: The host a CNAME record for a domain you own must point to; null for subdomains of ngrok domains.
      type: str
      sample: 3r8d5vx2aeimcm4x9.4zdrxdbsbjdh9u3h.ngrok-cname.com
    acme_challenge_cname_target:
      description: Target of the C(_acme-challenge) CNAME record needed for managed certificates of wildcard domains.
      type: str
      sample: null
    certificate:
      description: Reference (C(id), C(uri)) to the certificate served for the domain, or null.
      type: dict
      sample: {"id": "cert_2Zx8example3RcLhDdPp4TtEFq9W", "uri": "https://api.ngrok.com/tls_certificates/cert_2Zx8example3RcLhDdPp4TtEFq9W"}
    certificate_management_policy:
      description: The managed certificate policy (C(authority), C(private_key_type)), or null.
      type: dict
      sample: {"authority": "letsencrypt", "private_key_type": "ecdsa"}
    certificate_management_status:
      description: Status of the managed certificate (C(renews_at), C(provisioning_job)), or null.
      type: dict
      sample: {"renews_at": null, "provisioning_job": null}
    resolves_to:
      description: DNS resolver targets of the domain; empty for global resolution.
      type: list
      elements: dict
      sample: []
"""

from ansible_collections.ngrok.ngrok.plugins.module_utils._module import info_module
from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.domains import RESERVED_DOMAIN


def main():
    info_module(RESERVED_DOMAIN, ["domain"])


if __name__ == "__main__":
    main()
