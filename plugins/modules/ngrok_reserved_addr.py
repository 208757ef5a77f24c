#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ngrok_reserved_addr
short_description: Manage ngrok reserved TCP addresses
version_added: 0.2.0
description:
  - Reserve, update and release TCP addresses (C(host:port)) on which TCP endpoints listen, such as
    C(tcp://1.tcp.ngrok.io:20000).
  - ngrok chooses the host and port when the address is reserved; the module returns them in
    RV(reserved_addr.addr). They cannot be chosen or changed.
  - The API has no unique name for reserved addresses, so the O(description) identifies an address when O(id) is
    not given. More than one address with the same description is an error that lists their ids.
author:
  - ngrok.ngrok contributors (@ngrok)
extends_documentation_fragment:
  - ngrok.ngrok.connection
  - ngrok.ngrok.attributes
  - ngrok.ngrok.attributes.RESOURCE
options:
  state:
    description:
      - V(present) reserves an address when none has the description and updates what differs.
      - V(absent) releases the address; ngrok may give it to another account afterwards.
    type: str
    choices: [present, absent]
    default: present
  id:
    description:
      - ID of the reserved address (C(ra_...)). Takes precedence over O(description) for finding it; with it, the
        description can be changed.
      - With O(state=present), a reserved address with this id must exist.
    type: str
  description:
    description:
      - Human-readable description of what the address is used for, at most 255 bytes.
      - Identifies the address when O(id) is not given, so keep descriptions unique. Required to reserve an
        address.
    type: str
  metadata:
    description:
      - Arbitrary machine-readable data of the address, at most 4096 bytes.
      - Text, or a mapping or list, which is sent as JSON text (compact, keys sorted).
    type: raw
  region:
    description:
      - The ngrok region to reserve the address in. The API reserves it in V(us) when not given.
      - Can only be set when the address is reserved; see O(replace). When not given, the region of an existing
        address is not compared.
    type: str
    choices: [us, eu, ap, au, sa, jp, in]
  replace:
    description:
      - When O(region) differs from the existing address's region, reserve a new address in the new region, with
        the old one's description and metadata unless the task sets them, then release the old address.
      - The new address has another host and port, chosen by ngrok; update whatever uses the old one.
      - The new address is reserved first, so a refused reservation leaves the old address as it was.
      - When V(false), such a difference fails the task and changes nothing.
    type: bool
    default: false
notes:
  - "Replaces the Terraform resource C(ngrok_tcp_address) of ngrok's provider."
seealso:
  - module: ngrok.ngrok.ngrok_reserved_addr_info
  - module: ngrok.ngrok.ngrok_endpoint
"""

EXAMPLES = r"""
# ngrok's Terraform provider:
#   resource "ngrok_tcp_address" "ssh" {
#     description = "SSH for device #001"
#     region      = "eu"
#   }
- name: Reserve a TCP address in Europe
  ngrok.ngrok.ngrok_reserved_addr:
    description: "SSH for device #001"
    region: eu
  register: ssh

- name: Show the address ngrok assigned
  ansible.builtin.debug:
    msg: "ssh -p {{ ssh.reserved_addr.addr.split(':')[1] }} user@{{ ssh.reserved_addr.addr.split(':')[0] }}"

- name: A cloud endpoint on the address
  ngrok.ngrok.ngrok_endpoint:
    url: "tcp://{{ ssh.reserved_addr.addr }}"
    traffic_policy:
      on_tcp_connect:
        - actions:
            - type: forward-internal
              config:
                url: tcp://device-001.internal:22

- name: Move the address to the US (ngrok assigns a new host and port)
  ngrok.ngrok.ngrok_reserved_addr:
    description: "SSH for device #001"
    region: us
    replace: true

- name: Release the address
  ngrok.ngrok.ngrok_reserved_addr:
    description: "SSH for device #001"
    state: absent
"""

RETURN = r"""
reserved_addr:
  description:
    - The reserved address as the API returned it; in check mode, the predicted object, with C(id), C(uri),
      C(created_at) and C(addr) null for an address not yet reserved (ngrok chooses the address).
    - After O(state=absent), the address that was released, or an empty dict when there was none.
  returned: always
  type: dict
  contains:
    id:
      description: Unique ID of the reserved address.
      type: str
      sample: ra_2Zx8example3RcLhDdPp4TtEFq9W
    uri:
      description: URI of the reserved address in the API.
      type: str
      sample: https://api.ngrok.com/reserved_addrs/ra_2Zx8example3RcLhDdPp4TtEFq9W
    created_at:
      description: When the address was reserved, RFC 3339 in UTC.
      type: str
      sample: "2026-11-27T10:11:14Z"
    addr:
      description: The address, C(host:port), that ngrok assigned when it was reserved.
      type: str
      sample: 1.tcp.eu.ngrok.io:20000
    region:
      description: The ngrok region of the address.
      type: str
      sample: eu
    description:
      description: Description of the address.
      type: str
      sample: "SSH for device #001"
    metadata:
      description: Metadata of the address.
      type: str
      sample: '{"device": "001"}'
"""

from ansible_collections.ngrok.ngrok.plugins.module_utils._module import resource_module
from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.domains import RESERVED_ADDR


def main():
    resource_module(RESERVED_ADDR)


if __name__ == "__main__":
    main()
