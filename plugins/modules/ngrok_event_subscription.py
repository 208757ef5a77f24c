#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ngrok_event_subscription
short_description: Manage which ngrok events are sent where
version_added: 0.2.0
description:
  - Create, update and delete event subscriptions. A subscription sends the events of the types it lists (its
    O(sources)) to its event destinations, which M(ngrok.ngrok.ngrok_event_destination) manages.
  - The API has no unique name for subscriptions, so the O(description) identifies a subscription when O(id) is
    not given. More than one subscription with the same description is an error that lists their ids.
  - The event types and the destinations are read from the subscription itself and changed in the same request
    as its other settings, so a run that changes nothing costs one request (two when the destinations are named by
    description), and a change one more.
author:
  - ngrok.ngrok contributors (@ngrok)
extends_documentation_fragment:
  - ngrok.ngrok.connection
  - ngrok.ngrok.attributes
  - ngrok.ngrok.attributes.RESOURCE
options:
  state:
    description:
      - V(present) creates the subscription when none has the description and updates what differs.
      - V(absent) deletes the subscription; its destinations are left as they are.
    type: str
    choices: [present, absent]
    default: present
  id:
    description:
      - ID of the subscription (C(esb_...)). Takes precedence over O(description) for finding the subscription;
        with it, the description can be changed.
      - With O(state=present), a subscription with this id must exist.
    type: str
  description:
    description:
      - Human-readable description of the subscription, at most 255 characters.
      - Identifies the subscription when O(id) is not given, so keep descriptions unique. Required to create a
        subscription.
    type: str
  metadata:
    description:
      - Arbitrary machine-readable data of the subscription, at most 4096 characters.
      - Text, or a mapping or list, which is sent as JSON text (compact, keys sorted).
    type: raw
  sources:
    description:
      - The types of the events to send, such as V(http_request_complete.v0), V(tcp_connection_closed.v0) or
        V(ip_policy_created.v0). See U(https://ngrok.com/docs/obs/events/reference/) for every type.
      - Compared as a set with the types the subscription has; order and repetitions do not matter. When they
        differ, the whole list is sent and replaces the subscription's types.
      - V([]) removes every type. When not given, the types are not compared or changed.
    type: list
    elements: str
  destination_ids:
    description:
      - IDs of the event destinations (C(ed_...)) the events are sent to.
      - Compared as a set; order and repetitions do not matter. Each id is sent once. V([]) removes every destination.
      - When not given (nor O(destination_descriptions)), the destinations are not compared or changed.
        Mutually exclusive with O(destination_descriptions).
    type: list
    elements: str
  destination_descriptions:
    description:
      - The event destinations named by description instead of id, resolved with one listing of the destinations.
      - Every description must belong to exactly one destination; none or more than one fails the task (more than
        one lists their ids). In check mode, a destination that does not exist yet is predicted with a null id and
        a warning.
      - Compared like O(destination_ids), once resolved.
    type: list
    elements: str
notes:
  - The API refuses to delete a destination that a subscription sends events to; remove it from the subscription
    (or delete the subscription) first.
  - An account that cannot use event subscriptions gets the API's error (C(ERR_NGROK_5124)).
  - "Replaces the Terraform resource C(ngrok_event_subscription) of ngrok's provider."
seealso:
  - module: ngrok.ngrok.ngrok_event_subscription_info
  - module: ngrok.ngrok.ngrok_event_destination
"""

EXAMPLES = r"""
# resource "ngrok_event_subscription" "traffic" {
#   description     = "HTTP traffic to Firehose"
#   destination_ids = [ngrok_event_destination.firehose.id]
#   sources = [
#     { type = "http_request_complete.v0" },
#   ]
# }
- name: Send completed HTTP requests to the Firehose destination
  ngrok.ngrok.ngrok_event_subscription:
    description: HTTP traffic to Firehose
    destination_descriptions: [traffic events to Firehose]
    sources:
      - http_request_complete.v0

- name: Audit IP policy changes in Datadog, by destination id
  ngrok.ngrok.ngrok_event_subscription:
    description: IP policy audit
    metadata: '{"ticket": "SEC-42"}'
    destination_ids: ["{{ datadog.event_destination.id }}"]
    sources:
      - ip_policy_created.v0
      - ip_policy_updated.v0
      - ip_policy_deleted.v0

- name: Stop sending anything while the destination is reworked (the subscription is kept)
  ngrok.ngrok.ngrok_event_subscription:
    description: IP policy audit
    destination_ids: []

- name: Delete the subscription
  ngrok.ngrok.ngrok_event_subscription:
    description: HTTP traffic to Firehose
    state: absent
"""

RETURN = r"""
event_subscription:
  description:
    - The subscription as the API returned it; in check mode, the predicted subscription (with C(id), C(uri) and
      C(created_at) null for a subscription not yet created, and the C(uri) of each source of a new subscription
      and of each destination null).
    - After O(state=absent), the subscription that was deleted, or an empty dict when there was none.
  returned: always
  type: dict
  contains:
    id:
      description: Unique ID of the subscription.
      type: str
      sample: esb_2Zx8example3RcLhDdPp4TtEFq9W
    uri:
      description: URI of the subscription in the API.
      type: str
      sample: https://api.ngrok.com/event_subscriptions/esb_2Zx8example3RcLhDdPp4TtEFq9W
    created_at:
      description: When the subscription was created, RFC 3339 in UTC.
      type: str
      sample: "2026-11-27T10:11:14Z"
    description:
      description: Description of the subscription.
      type: str
      sample: HTTP traffic to Firehose
    metadata:
      description: Metadata of the subscription.
      type: str
      sample: '{"ticket": "SEC-42"}'
    sources:
      description: The event types of the subscription, each with its C(type) and the C(uri) of the source in the API.
      type: list
      elements: dict
      sample:
        - type: http_request_complete.v0
          uri: https://api.ngrok.com/event_subscriptions/esb_2Zx8example3RcLhDdPp4TtEFq9W/sources/http_request_complete.v0
    destinations:
      description: References (C(id), C(uri)) to the event destinations the events are sent to.
      type: list
      elements: dict
      sample: [{"id": "ed_2Zx8example3RcLhDdPp4TtEFq9W", "uri": "https://api.ngrok.com/event_destinations/ed_2Zx8example3RcLhDdPp4TtEFq9W"}]
"""

from ansible_collections.ngrok.ngrok.plugins.module_utils._module import resource_module
from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.events import EVENT_SUBSCRIPTION


def main():
    resource_module(EVENT_SUBSCRIPTION)


if __name__ == "__main__":
    main()
