#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ngrok_reserved_addr_info
short_description: List ngrok reserved TCP addresses
version_added: 0.2.0
description:
  - Read one reserved address by id, or every reserved address of the account, optionally narrowed by description,
    region, address or a CEL filter. Reads every page of the list.
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
      - ID of one reserved address (C(ra_...)). An id that does not exist gives an empty list.
    type: str
  description:
    description:
      - Only addresses with exactly this description.
    type: str
  region:
    description:
      - Only addresses in this ngrok region.
    type: str
    choices: [us, eu, ap, au, sa, jp, in]
  addr:
    description:
      - Only the address C(host:port) given, for example V(1.tcp.ngrok.io:20000).
    type: str
seealso:
  - module: ngrok.ngrok.ngrok_reserved_addr
"""

EXAMPLES = r"""
- name: All reserved addresses
  ngrok.ngrok.ngrok_reserved_addr_info:
  register: addrs

- name: The addresses reserved in Europe
  ngrok.ngrok.ngrok_reserved_addr_info:
    region: eu

- name: Which reservation holds this address?
  ngrok.ngrok.ngrok_reserved_addr_info:
    addr: 1.tcp.eu.ngrok.io:20000
  register: holder

- name: Addresses of the device fleet
  ngrok.ngrok.ngrok_reserved_addr_info:
    filter: obj.metadata == "fleet"
"""

RETURN = r"""
reserved_addrs:
  description:
    - The reserved addresses found, newest first. Each has the keys described for the
      RV(ngrok.ngrok.ngrok_reserved_addr#module:reserved_addr) result of M(ngrok.ngrok.ngrok_reserved_addr)
      (C(id), C(uri), C(created_at), C(addr), C(region), C(description), C(metadata)).
  returned: always
  type: list
  elements: dict
  sample:
    - id: ra_2Zx8example3RcLhDdPp4TtEFq9W
      uri: https://api.ngrok.com/reserved_addrs/ra_2Zx8example3RcLhDdPp4TtEFq9W
      created_at: "2026-11-27T10:11:14Z"
      addr: 1.tcp.eu.ngrok.io:20000
      region: eu
      description: "SSH for device #001"
"""

from ansible_collections.ngrok.ngrok.plugins.module_utils._module import info_module
from ansible_collections.ngrok.ngrok.plugins.module_utils._select import Narrowing
from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.domains import RESERVED_ADDR


def main():
    info_module(RESERVED_ADDR, ["description", "region", Narrowing("addr", "addr", normalize=lambda v: (v or "").strip().lower())])


if __name__ == "__main__":
    main()
