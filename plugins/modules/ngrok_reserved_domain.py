#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ngrok_reserved_domain
short_description: Manage ngrok reserved domains
version_added: 0.1.0
description:
  - Reserve, update and release domains of an ngrok account, with an uploaded TLS certificate or a certificate
    that ngrok obtains and renews for you (a certificate management policy).
  - A custom domain reserved with neither O(certificate_id) nor O(certificate_management_policy) gets a certificate
    managed by ngrok (Let's Encrypt, ECDSA key); subdomains of ngrok's own domains (such as C(ngrok.app)) never
    carry a policy.
  - The domain is the identity of the object; it is compared the way the API stores it (lower case, without a
    trailing dot).
author:
  - ngrok.ngrok contributors (@ngrok)
extends_documentation_fragment:
  - ngrok.ngrok.connection
  - ngrok.ngrok.attributes
  - ngrok.ngrok.attributes.RESOURCE
options:
  state:
    description:
      - V(present) reserves the domain when it is not reserved yet and updates what differs.
      - V(absent) releases the domain when it is reserved.
    type: str
    choices: [present, absent]
    default: present
  id:
    description:
      - ID of the reserved domain (C(rd_...)). Takes precedence over O(domain) for finding it.
      - With O(state=present), a reserved domain with this id must exist.
    type: str
  domain:
    description:
      - The hostname to reserve, for example V(app.example.com) or a subdomain of an ngrok domain such as
        V(myapp.ngrok.app).
      - Cannot change once reserved.
    type: str
    aliases: [name]
  region:
    description:
      - Deprecated by ngrok, which now serves domains globally. Sent when the domain is reserved, never compared.
    type: str
  description:
    description:
      - Human-readable description of what the domain is used for, at most 255 bytes.
    type: str
  metadata:
    description:
      - Arbitrary machine-readable data for the domain, at most 4096 bytes.
      - Text, or a mapping or list, which is sent as JSON text (compact, keys sorted).
    type: raw
  certificate_id:
    description:
      - ID of an uploaded TLS certificate (C(cert_...)) to serve for the domain.
      - Set it to an empty string to detach the certificate.
      - Mutually exclusive with O(certificate_management_policy).
    type: str
  certificate_description:
    description:
      - Description of the uploaded TLS certificate to serve for the domain, instead of its id in O(certificate_id);
        the certificate is found by description when the task runs. More than one certificate with that description
        is an error that lists their ids.
      - Mutually exclusive with O(certificate_id) and O(certificate_management_policy).
    type: str
  certificate_management_policy:
    description:
      - Have ngrok obtain and renew the domain's certificate.
      - Mutually exclusive with O(certificate_id).
    type: dict
    suboptions:
      enabled:
        description:
          - Set to V(false) to remove the policy from the domain.
        type: bool
        default: true
      authority:
        description:
          - The certificate authority to obtain certificates from.
        type: str
        choices: [letsencrypt]
        default: letsencrypt
      private_key_type:
        description:
          - Type of the private key of the certificates.
        type: str
        choices: [ecdsa, rsa]
        default: ecdsa
  resolves_to:
    description:
      - Where the domain resolves, instead of the global default. Give ngrok point-of-presence codes (region pinning,
        for example V(us), V(us-cal-1), V(eu), V(ap), V(au), V(in), V(jp), V(sa), or V(global)) and dedicated IP
        addresses (V(203.0.113.7) or V(203.0.113.7:443)).
      - Compared as a set. An empty list returns the domain to global resolution.
      - Region pinning and dedicated IPs need a plan that includes them; the API refuses them otherwise.
    type: list
    elements: str
seealso:
  - module: ngrok.ngrok.ngrok_reserved_domain_info
"""

EXAMPLES = r"""
# The ngrok documentation's Terraform example, as a task (Terraform's name is the domain option; the API
# ignores region, which it deprecated: domains are served globally):
#   resource "ngrok_reserved_domain" "example" {
#     name   = "example.com"
#     region = "us"
#     certificate_management_policy { authority = "letsencrypt"  private_key_type = "ecdsa" }
#   }
- name: Reserve a domain with a certificate managed by ngrok
  ngrok.ngrok.ngrok_reserved_domain:
    domain: example.com
    certificate_management_policy:
      authority: letsencrypt
      private_key_type: ecdsa

- name: Reserve a domain and show the CNAME record to create
  ngrok.ngrok.ngrok_reserved_domain:
    domain: app.example.com
    description: customer portal
  register: portal

- name: Show the DNS record
  ansible.builtin.debug:
    msg: "CNAME {{ portal.reserved_domain.domain }} -> {{ portal.reserved_domain.cname_target }}"

- name: Serve an uploaded certificate instead of a managed one
  ngrok.ngrok.ngrok_reserved_domain:
    domain: app.example.com
    certificate_management_policy:
      enabled: false
    certificate_id: cert_2Zx8example3RcLhDdPp4TtEFq9W

- name: Pin the domain to the European point of presence
  ngrok.ngrok.ngrok_reserved_domain:
    domain: app.example.com
    resolves_to: [eu]

- name: Reserve a subdomain of an ngrok domain (ngrok serves its certificate)
  ngrok.ngrok.ngrok_reserved_domain:
    domain: myapp.ngrok.app

- name: Release the domain
  ngrok.ngrok.ngrok_reserved_domain:
    domain: app.example.com
    state: absent
"""

RETURN = r"""
reserved_domain:
  description:
    - The reserved domain as the API returned it; in check mode, the predicted object. It has every key a real
      answer has; values that only the API can know (C(id), C(uri), C(created_at), C(cname_target), certificate
      times) are null in a prediction.
    - After O(state=absent), the object that was deleted, or an empty dict when there was none.
  returned: always
  type: dict
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
      description:
        - Status of the managed certificate, or null without a policy. C(renews_at) is set once the certificate
          is issued; C(provisioning_job) (C(error_code), C(msg), C(started_at), C(retries_at)) while ngrok obtains it.
      type: dict
      sample: {"renews_at": "2027-02-25T10:11:14Z", "provisioning_job": null}
    resolves_to:
      description: Where the domain resolves (C(value) entries); empty for global resolution.
      type: list
      elements: dict
      sample: [{"value": "eu"}]
"""

from ansible_collections.ngrok.ngrok.plugins.module_utils._module import resource_module
from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.domains import RESERVED_DOMAIN


def warn_deprecated_options(module):
    if module.params["region"] is not None:
        module.deprecate("The region option is deprecated by the ngrok API, which serves domains globally; it is "
                         "sent when a domain is reserved and otherwise ignored.",
                         version="2.0.0", collection_name="ngrok.ngrok")


def main():
    resource_module(RESERVED_DOMAIN, check=warn_deprecated_options)


if __name__ == "__main__":
    main()
