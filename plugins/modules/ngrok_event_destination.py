#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ngrok_event_destination
short_description: Manage where ngrok sends events
version_added: 0.2.0
description:
  - Create, update and delete event destinations, the places ngrok delivers events to - an Amazon Kinesis Data
    Firehose delivery stream, a Kinesis stream, a CloudWatch Logs group, Datadog, or Azure Monitor logs ingestion.
  - A destination receives nothing until an event subscription sends events to it; see
    M(ngrok.ngrok.ngrok_event_subscription).
  - The API has no unique name for destinations, so the O(description) identifies a destination when O(id) is not
    given. More than one destination with the same description is an error that lists their ids.
  - The API never returns the secrets of a target (an AWS secret access key, a Datadog API key, an Azure client
    secret), so the module cannot compare them. O(update_secrets) chooses when they are sent again; see there.
author:
  - ngrok.ngrok contributors (@ngrok)
extends_documentation_fragment:
  - ngrok.ngrok.connection
  - ngrok.ngrok.attributes
  - ngrok.ngrok.attributes.RESOURCE
attributes:
  idempotent:
    support: partial
    details:
      - With O(update_secrets=always), every run sends the target again and reports a change.
options:
  state:
    description:
      - V(present) creates the destination when none has the description and updates what differs.
      - V(absent) deletes the destination. The API refuses to delete a destination that an event subscription
        still sends events to (C(ERR_NGROK_5112)); the task then fails with that error code. Remove the destination
        from the subscriptions first.
    type: str
    choices: [present, absent]
    default: present
  id:
    description:
      - ID of the destination (C(ed_...)). Takes precedence over O(description) for finding the destination; with
        it, the description can be changed.
      - With O(state=present), a destination with this id must exist.
    type: str
  description:
    description:
      - Human-readable description of the destination, at most 255 bytes.
      - Identifies the destination when O(id) is not given, so keep descriptions unique. Required to create a
        destination.
    type: str
  metadata:
    description:
      - Arbitrary machine-readable data of the destination, at most 4096 bytes.
      - Text, or a mapping or list, which is sent as JSON text (compact, keys sorted).
    type: raw
  format:
    description:
      - How events are serialized when they are sent to the target. V(json) is the only format the API offers; it
        may be written in any case (V(JSON)), and is compared without regard to case. Another value fails the task
        before any request.
    type: str
    default: json
  target:
    description:
      - Where and how events are sent. Give exactly one of O(target.firehose), O(target.kinesis),
        O(target.cloudwatch_logs), O(target.datadog) or O(target.azure_logs_ingestion). Required to create a
        destination.
      - Compared as a whole, without the secrets (which the API never returns). An option the task leaves out
        counts as empty, as do the kinds, roles and credentials the API answers null; so leaving out, say,
        O(target.datadog.ddtags) removes the tags the destination has. When anything differs, the whole target is
        sent, secrets included.
      - The settings of the target can change, but not its kind - the API refuses to turn, say, a Kinesis
        destination into a Datadog one (C(ERR_NGROK_5108)). Such a task fails before any change; create another
        destination (with another description) for the new kind, point the subscriptions at it, then delete this
        one.
    type: dict
    suboptions:
      firehose:
        description:
          - Send events to an Amazon Kinesis Data Firehose delivery stream.
        type: dict
        suboptions:
          delivery_stream_arn:
            description:
              - ARN of the Firehose delivery stream that receives the events.
            type: str
            required: true
          auth: &aws_auth
            description:
              - How ngrok signs in to the AWS account. Give exactly one of O(target.firehose.auth.role) or
                O(target.firehose.auth.creds) (the same for the other AWS targets).
            type: dict
            required: true
            suboptions:
              role:
                description:
                  - An IAM role ngrok assumes to deliver the events. Preferred over long-term credentials.
                type: dict
                suboptions:
                  role_arn:
                    description:
                      - ARN of the IAM role, for example V(arn:aws:iam::123456789012:role/ngrok-events).
                    type: str
                    required: true
              creds:
                description:
                  - A long-term AWS access key ngrok signs in with.
                type: dict
                suboptions:
                  aws_access_key_id:
                    description:
                      - The ID part of the access key.
                    type: str
                    required: true
                  aws_secret_access_key:
                    description:
                      - The secret part of the access key. Write-only; never returned or shown, and sent to an
                        existing destination as O(update_secrets) says.
                    type: str
                    required: true
      kinesis:
        description:
          - Send events to an Amazon Kinesis data stream.
        type: dict
        suboptions:
          stream_arn:
            description:
              - ARN of the Kinesis stream that receives the events.
            type: str
            required: true
          auth: *aws_auth
      cloudwatch_logs:
        description:
          - Send events to an Amazon CloudWatch Logs group.
        type: dict
        suboptions:
          log_group_arn:
            description:
              - ARN of the CloudWatch Logs group that receives the events.
            type: str
            required: true
          auth: *aws_auth
      datadog:
        description:
          - Send events to Datadog.
        type: dict
        suboptions:
          api_key:
            description:
              - The Datadog API key. Write-only; never returned or shown, and sent to an existing destination as
                O(update_secrets) says.
            type: str
            required: true
          ddsite:
            description:
              - The Datadog site to send to, such as V(datadoghq.com) or V(datadoghq.eu).
            type: str
          ddtags:
            description:
              - Tags sent with each event, comma-separated C(key:value) pairs.
            type: str
          service:
            description:
              - The service name sent with each event.
            type: str
      azure_logs_ingestion:
        description:
          - Send events to Azure Monitor through the Logs Ingestion API.
        type: dict
        suboptions:
          tenant_id:
            description:
              - ID of the Azure tenant.
            type: str
            required: true
          client_id:
            description:
              - Client ID of the application that sends the logs.
            type: str
            required: true
          client_secret:
            description:
              - Client secret of that application. Write-only; never returned or shown, and sent to an existing
                destination as O(update_secrets) says.
            type: str
            required: true
          logs_ingestion_uri:
            description:
              - Logs ingestion URI of the data collection endpoint.
            type: str
            required: true
          data_collection_rule_id:
            description:
              - Immutable ID of the data collection rule.
            type: str
            required: true
          data_collection_stream_name:
            description:
              - Name of the stream, defined in the data collection rule, that receives the events.
            type: str
            required: true
  update_secrets:
    description:
      - When the module sends the secrets of O(target) to a destination that already exists. The API never returns
        them, so the module cannot compare them; this works like the C(update_password) option of
        M(ansible.builtin.user).
      - V(on_create) sends them when the destination is created, and again only when another setting of the target
        differs (the whole target is then sent). A changed secret alone is not noticed and reports no change.
      - V(always) sends the target, secrets included, on every run, so the destination always holds the task's
        secrets; every run reports a change, and check mode predicts one.
    type: str
    choices: [always, on_create]
    default: on_create
notes:
  - The secrets of the target are module options marked C(no_log), so Ansible hides them in the task's output and
    logs as well.
  - An account that cannot use event destinations gets the API's error (C(ERR_NGROK_5128)).
  - "Replaces the Terraform resource C(ngrok_event_destination) of ngrok's provider. Terraform notices a changed
    secret because it keeps the last value in its state; here O(update_secrets=always) sends it on every run
    instead."
seealso:
  - module: ngrok.ngrok.ngrok_event_destination_info
  - module: ngrok.ngrok.ngrok_event_subscription
"""

EXAMPLES = r"""
# resource "ngrok_event_destination" "firehose" {
#   description = "traffic events to Firehose"
#   format      = "json"
#   target = {
#     firehose = {
#       delivery_stream_arn = "arn:aws:firehose:us-east-1:123456789012:deliverystream/ngrok-events"
#       auth = { role = { role_arn = "arn:aws:iam::123456789012:role/ngrok-firehose" } }
#     }
#   }
# }
- name: Send events to a Firehose delivery stream, ngrok assuming an IAM role
  ngrok.ngrok.ngrok_event_destination:
    description: traffic events to Firehose
    metadata: '{"team": "platform"}'
    target:
      firehose:
        delivery_stream_arn: arn:aws:firehose:us-east-1:123456789012:deliverystream/ngrok-events
        auth:
          role:
            role_arn: arn:aws:iam::123456789012:role/ngrok-firehose
  register: firehose

- name: Send events to Datadog (the API key is sent once, when the destination is created)
  ngrok.ngrok.ngrok_event_destination:
    description: audit events to Datadog
    target:
      datadog:
        api_key: "{{ vault_datadog_api_key }}"
        ddsite: datadoghq.eu
        service: ngrok
        ddtags: env:prod,team:platform

- name: Rotate the access key of a CloudWatch Logs destination on every run
  ngrok.ngrok.ngrok_event_destination:
    description: events to CloudWatch
    target:
      cloudwatch_logs:
        log_group_arn: arn:aws:logs:eu-west-1:123456789012:log-group:ngrok-events
        auth:
          creds:
            aws_access_key_id: AKIAIOSFODNN7EXAMPLE
            aws_secret_access_key: "{{ vault_aws_secret_access_key }}"
    update_secrets: always

- name: Delete a destination (remove it from every subscription first)
  ngrok.ngrok.ngrok_event_destination:
    description: audit events to Datadog
    state: absent
"""

RETURN = r"""
event_destination:
  description:
    - The destination as the API returned it, without the secrets of its target; in check mode, the predicted
      destination (with C(id), C(uri) and C(created_at) null for a destination not yet created).
    - After O(state=absent), the destination that was deleted, or an empty dict when there was none.
  returned: always
  type: dict
  contains:
    id:
      description: Unique ID of the destination.
      type: str
      sample: ed_2Zx8example3RcLhDdPp4TtEFq9W
    uri:
      description: URI of the destination in the API.
      type: str
      sample: https://api.ngrok.com/event_destinations/ed_2Zx8example3RcLhDdPp4TtEFq9W
    created_at:
      description: When the destination was created, RFC 3339 in UTC.
      type: str
      sample: "2026-11-27T10:11:14Z"
    description:
      description: Description of the destination.
      type: str
      sample: traffic events to Firehose
    metadata:
      description: Metadata of the destination.
      type: str
      sample: '{"team": "platform"}'
    format:
      description: How events are serialized.
      type: str
      sample: json
    target:
      description:
        - Where events are sent. Every kind of target is a key; all but the destination's own kind are null.
        - The secrets (C(aws_secret_access_key), C(api_key), C(client_secret)) are left out.
      type: dict
      sample:
        firehose:
          delivery_stream_arn: arn:aws:firehose:us-east-1:123456789012:deliverystream/ngrok-events
          auth:
            role: {"role_arn": "arn:aws:iam::123456789012:role/ngrok-firehose"}
            creds: null
        kinesis: null
        cloudwatch_logs: null
        datadog: null
        azure_logs_ingestion: null
"""

from ansible_collections.ngrok.ngrok.plugins.module_utils._module import resource_module
from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.events import EVENT_DESTINATION


def main():
    resource_module(EVENT_DESTINATION)


if __name__ == "__main__":
    main()
