#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ngrok_event_destination_info
short_description: List the event destinations of an ngrok account
version_added: 0.2.0
description:
  - Read one event destination by id, or every destination of the account, optionally narrowed by description or
    a CEL filter. Reads every page of the list.
  - The secrets of the targets are never returned.
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
      - ID of one destination (C(ed_...)). An id that does not exist gives an empty list.
    type: str
  description:
    description:
      - Only the destinations with exactly this description.
    type: str
seealso:
  - module: ngrok.ngrok.ngrok_event_destination
  - module: ngrok.ngrok.ngrok_event_subscription_info
"""

EXAMPLES = r"""
- name: Every event destination
  ngrok.ngrok.ngrok_event_destination_info:
  register: destinations

- name: The destination described as "traffic events to Firehose"
  ngrok.ngrok.ngrok_event_destination_info:
    description: traffic events to Firehose
  register: firehose

- name: Destinations whose metadata names the platform team
  ngrok.ngrok.ngrok_event_destination_info:
    filter: obj.metadata.contains("platform")
"""

RETURN = r"""
event_destinations:
  description:
    - The destinations found, newest first. Each has the keys of the
      RV(ngrok.ngrok.ngrok_event_destination#module:event_destination) result of
      M(ngrok.ngrok.ngrok_event_destination), without the secrets of its target.
  returned: always
  type: list
  elements: dict
  sample:
    - id: ed_2Zx8example3RcLhDdPp4TtEFq9W
      uri: https://api.ngrok.com/event_destinations/ed_2Zx8example3RcLhDdPp4TtEFq9W
      created_at: "2026-11-27T10:11:14Z"
      description: traffic events to Firehose
      format: json
      target:
        firehose:
          delivery_stream_arn: arn:aws:firehose:us-east-1:123456789012:deliverystream/ngrok-events
          auth: {"role": {"role_arn": "arn:aws:iam::123456789012:role/ngrok-firehose"}, "creds": null}
        kinesis: null
        cloudwatch_logs: null
        datadog: null
        azure_logs_ingestion: null
"""

from ansible_collections.ngrok.ngrok.plugins.module_utils._module import info_module
from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.events import EVENT_DESTINATION


def main():
    info_module(EVENT_DESTINATION, ["description"])


if __name__ == "__main__":
    main()
