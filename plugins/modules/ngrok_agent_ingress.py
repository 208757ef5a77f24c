#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ngrok_agent_ingress
short_description: Manage ngrok agent ingresses (custom connect URLs)
version_added: 0.2.0
description:
  - Create, update and delete agent ingresses, the domains of your own that ngrok agents connect through instead of
    C(connect.ngrok-agent.com) (a custom connect URL). Agents use it with C(connect_url) in their configuration.
  - The domain must be one you control, not a subdomain of an ngrok domain; delegate it to ngrok with C(NS) records
    pointing at the RV(agent_ingress.ns_targets) the module returns. Your plan must include custom connect URLs.
  - The domain is the identity of the object, unique in the account; it is compared the way the API stores it (lower
    case, without a trailing dot).
  - Without a certificate management policy, ngrok's own certificate authority issues the domain's certificate,
    which ngrok agents trust. With one, ngrok obtains a certificate from Let's Encrypt.
author:
  - ngrok.ngrok contributors (@ngrok)
extends_documentation_fragment:
  - ngrok.ngrok.connection
  - ngrok.ngrok.attributes
  - ngrok.ngrok.attributes.RESOURCE
options:
  state:
    description:
      - V(present) creates the agent ingress when none has the domain and updates what differs.
      - V(absent) deletes it; agents configured with its domain can no longer connect.
    type: str
    choices: [present, absent]
    default: present
  id:
    description:
      - ID of the agent ingress (C(agin_...)). Takes precedence over O(domain) for finding it.
      - With O(state=present), an agent ingress with this id must exist.
    type: str
  domain:
    description:
      - The domain agents connect to, for example V(connect.example.com). ngrok serves it and subdomains of it for
        each region (RV(agent_ingress.region_domains)).
      - Cannot change once created; another domain is another agent ingress.
    type: str
  description:
    description:
      - Human-readable description of the agent ingress, at most 255 bytes.
    type: str
  metadata:
    description:
      - Arbitrary machine-readable data of the agent ingress, at most 4096 bytes.
      - Text, or a mapping or list, which is sent as JSON text (compact, keys sorted).
    type: raw
  certificate_management_policy:
    description:
      - Have ngrok obtain and renew the domain's certificate from a public certificate authority instead of
        issuing it with its own. Useful when proxies or SDKs between the agents and ngrok do not trust ngrok's
        certificate authority.
      - Compared with the policy the agent ingress has, after the defaults below are filled in. When not given,
        the policy is not compared.
      - The API cannot remove a policy from an existing agent ingress; see O(replace).
    type: dict
    suboptions:
      enabled:
        description:
          - Set to V(false) for an agent ingress without a policy (ngrok's own certificate authority). An agent
            ingress that has one keeps it unless O(replace=true).
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
          - Type of the private key of the certificates. The API's default for agent ingresses is V(rsa).
        type: str
        choices: [rsa, ecdsa]
        default: rsa
  replace:
    description:
      - When the task removes the certificate management policy (O(certificate_management_policy.enabled=false))
        of an agent ingress that has one, delete the agent ingress and create it again without the policy, with
        its description and metadata unless the task sets them.
      - The new agent ingress has a new id, and may have other RV(agent_ingress.ns_targets), so check the
        domain's C(NS) records. Agents cannot connect through the domain between the deletion and the creation.
      - When V(false), such a removal fails the task and changes nothing.
    type: bool
    default: false
notes:
  - "Replaces the Terraform resource C(ngrok_agent_ingress) of ngrok's provider."
seealso:
  - module: ngrok.ngrok.ngrok_agent_ingress_info
  - module: ngrok.ngrok.ngrok_credential
"""

EXAMPLES = r"""
# ngrok's Terraform provider:
#   resource "ngrok_agent_ingress" "devices" {
#     domain      = "connect.example.com"
#     description = "device fleet"
#     metadata    = jsonencode({ environment = "production" })
#   }
- name: A custom connect URL for the device fleet
  ngrok.ngrok.ngrok_agent_ingress:
    domain: connect.example.com
    description: device fleet
    metadata: '{"environment": "production"}'
  register: ingress

# ngrok names the NS targets when it creates the agent ingress: a check-mode prediction of a new one has none.
- name: Delegate the domain to ngrok
  ansible.builtin.debug:
    msg: "Create NS records for {{ ingress.agent_ingress.domain }}: {{ ingress.agent_ingress.ns_targets | join(', ') }}"
  when: ingress.agent_ingress.ns_targets is not none

- name: Point the agents at it
  ansible.builtin.copy:
    dest: /etc/ngrok/connect.yml
    mode: "0644"
    content: |
      version: 3
      agent:
        connect_url: {{ ingress.agent_ingress.domain }}:443

- name: Use a Let's Encrypt certificate with an ECDSA key instead of ngrok's certificate authority
  ngrok.ngrok.ngrok_agent_ingress:
    domain: connect.example.com
    certificate_management_policy:
      authority: letsencrypt
      private_key_type: ecdsa

- name: Back to ngrok's certificate authority (the API can only do it by creating the agent ingress again)
  ngrok.ngrok.ngrok_agent_ingress:
    domain: connect.example.com
    certificate_management_policy:
      enabled: false
    replace: true

- name: Delete the agent ingress
  ngrok.ngrok.ngrok_agent_ingress:
    domain: connect.example.com
    state: absent
"""

RETURN = r"""
agent_ingress:
  description:
    - The agent ingress as the API returned it; in check mode, the predicted object. It has every key a real answer
      has; values that only the API can know (C(id), C(uri), C(created_at), C(ns_targets), C(region_domains), the
      times of the certificate status) are null in a prediction.
    - After O(state=absent), the object that was deleted, or an empty dict when there was none.
  returned: always
  type: dict
  contains:
    id:
      description: Unique ID of the agent ingress.
      type: str
      sample: agin_2Zx8example3RcLhDdPp4TtEFq9W
    uri:
      description: URI of the agent ingress in the API.
      type: str
      sample: https://api.ngrok.com/agent_ingresses/agin_2Zx8example3RcLhDdPp4TtEFq9W
    created_at:
      description: When the agent ingress was created, RFC 3339 in UTC.
      type: str
      sample: "2026-11-27T10:11:14Z"
    domain:
      description: The domain agents connect to.
      type: str
      sample: connect.example.com
    description:
      description: Description of the agent ingress.
      type: str
      sample: device fleet
    metadata:
      description: Metadata of the agent ingress.
      type: str
      sample: '{"environment": "production"}'
    ns_targets:
      description: The name servers the domain's C(NS) records must point to, delegating it to ngrok.
      type: list
      elements: str
      sample: ["ns1.example-ngrok-dns.com", "ns2.example-ngrok-dns.com", "ns3.example-ngrok-dns.com", "ns4.example-ngrok-dns.com"]
    region_domains:
      description: The regional domains ngrok serves under the domain; more may appear as ngrok adds regions.
      type: list
      elements: str
      sample: ["tunnel.us.connect.example.com"]
    certificate_management_policy:
      description: The certificate management policy (C(authority), C(private_key_type)), or null when ngrok's own
        certificate authority issues the certificate.
      type: dict
      sample: {"authority": "letsencrypt", "private_key_type": "rsa"}
    certificate_management_status:
      description:
        - Status of the managed certificate, or null without a policy. C(renews_at) is set once the certificate
          is issued; C(provisioning_job) (C(error_code), C(msg), C(started_at), C(retries_at)) while ngrok obtains it.
      type: dict
      sample: {"renews_at": null, "provisioning_job": {"error_code": null, "msg": "Managed certificate provisioning in progress.",
               "started_at": "2026-11-27T10:11:14Z", "retries_at": null}}
"""

from ansible_collections.ngrok.ngrok.plugins.module_utils._module import resource_module
from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.agent_ingresses import AGENT_INGRESS


def main():
    resource_module(AGENT_INGRESS)


if __name__ == "__main__":
    main()
