#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ngrok_event_subscription_info
short_description: List the event subscriptions of an ngrok account
version_added: 0.2.0
description:
  - Read one event subscription by id, or every subscription of the account, optionally narrowed by description
    or a CEL filter. Reads every page of the list.
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
      - ID of one subscription (C(esb_...)). An id that does not exist gives an empty list.
    type: str
  description:
    description:
      - Only the subscriptions with exactly this description.
    type: str
seealso:
  - module: ngrok.ngrok.ngrok_event_subscription
  - module: ngrok.ngrok.ngrok_event_destination_info
"""

EXAMPLES = r"""
- name: Every event subscription
  ngrok.ngrok.ngrok_event_subscription_info:
  register: subscriptions

- name: The event types each subscription sends
  ansible.builtin.debug:
    msg: "{{ item.description | default('') }}: {{ item.sources | map(attribute='type') | join(', ') }}"
  loop: "{{ subscriptions.event_subscriptions }}"

- name: The subscription described as "IP policy audit"
  ngrok.ngrok.ngrok_event_subscription_info:
    description: IP policy audit
"""

RETURN = r"""
event_subscriptions:
  description:
    - The subscriptions found, newest first. Each has the keys of the
      RV(ngrok.ngrok.ngrok_event_subscription#module:event_subscription) result of
      M(ngrok.ngrok.ngrok_event_subscription).
  returned: always
  type: list
  elements: dict
  sample:
    - id: esb_2Zx8example3RcLhDdPp4TtEFq9W
      uri: https://api.ngrok.com/event_subscriptions/esb_2Zx8example3RcLhDdPp4TtEFq9W
      created_at: "2026-11-27T10:11:14Z"
      description: IP policy audit
      sources:
        - type: ip_policy_created.v0
          uri: https://api.ngrok.com/event_subscriptions/esb_2Zx8example3RcLhDdPp4TtEFq9W/sources/ip_policy_created.v0
      destinations: [{"id": "ed_2Zx8example3RcLhDdPp4TtEFq9W", "uri": "https://api.ngrok.com/event_destinations/ed_2Zx8example3RcLhDdPp4TtEFq9W"}]
"""

from ansible_collections.ngrok.ngrok.plugins.module_utils._module import info_module
from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.events import EVENT_SUBSCRIPTION


def main():
    info_module(EVENT_SUBSCRIPTION, ["description"])


if __name__ == "__main__":
    main()
