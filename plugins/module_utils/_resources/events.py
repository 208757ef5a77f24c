# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Declarations of event destinations (where ngrok sends events) and event subscriptions (which events go there)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy

from ansible_collections.ngrok.ngrok.plugins.module_utils._declaration import COMMON_FILTER_FIELDS, Resource
from ansible_collections.ngrok.ngrok.plugins.module_utils._fields import (
    Field,
    Reference,
    description_field,
    metadata_field,
)
from ansible_collections.ngrok.ngrok.plugins.module_utils._data import unique


# -- Event destinations -------------------------------------------------------------------------

# The kinds of target, as the OpenAPI EventTarget names them; a destination has exactly one.
AWS_TARGETS = {"firehose": "delivery_stream_arn", "kinesis": "stream_arn", "cloudwatch_logs": "log_group_arn"}
TARGET_KINDS = ("firehose", "kinesis", "cloudwatch_logs", "datadog", "azure_logs_ingestion")
DATADOG_FIELDS = ("ddtags", "service", "ddsite")
AZURE_FIELDS = ("tenant_id", "client_id", "logs_ingestion_uri", "data_collection_rule_id", "data_collection_stream_name")

# Secrets the API answers redacted: never compared, returned or shown.
TARGET_SECRETS = [(kind, "auth", "creds", "aws_secret_access_key") for kind in AWS_TARGETS] + [
    ("datadog", "api_key"), ("azure_logs_ingestion", "client_secret")]


def _aws_target_spec(arn_field):
    return {"type": "dict", "options": {
        arn_field: {"type": "str", "required": True},
        "auth": {"type": "dict", "required": True, "options": {
            "role": {"type": "dict", "options": {"role_arn": {"type": "str", "required": True}}},
            "creds": {"type": "dict", "options": {
                "aws_access_key_id": {"type": "str", "required": True, "no_log": False},
                "aws_secret_access_key": {"type": "str", "required": True, "no_log": True}}},
        }, "mutually_exclusive": [["role", "creds"]], "required_one_of": [["role", "creds"]]},
    }}


TARGET_SPEC = {"type": "dict", "options": {
    "firehose": _aws_target_spec("delivery_stream_arn"),
    "kinesis": _aws_target_spec("stream_arn"),
    "cloudwatch_logs": _aws_target_spec("log_group_arn"),
    "datadog": {"type": "dict", "options": {
        "api_key": {"type": "str", "required": True, "no_log": True},
        "ddtags": {"type": "str"},
        "service": {"type": "str"},
        "ddsite": {"type": "str"}}},
    "azure_logs_ingestion": {"type": "dict", "options": dict(
        [(name, {"type": "str", "required": True}) for name in AZURE_FIELDS]
        + [("client_secret", {"type": "str", "required": True, "no_log": True})])},
}, "mutually_exclusive": [list(TARGET_KINDS)], "required_one_of": [list(TARGET_KINDS)]}


def pruned(value):
    """A target without its null and empty values: the options a task leaves out and the kinds, roles or
    credentials the API answers null or empty compare alike."""
    if isinstance(value, dict):
        return dict((k, pruned(v)) for k, v in value.items() if v is not None and v != "")
    return value


def target_kind(target):
    """The kind of a target (``kinesis``...): its one non-null member."""
    kinds = [kind for kind in TARGET_KINDS if (target or {}).get(kind) is not None]
    return kinds[0] if len(kinds) == 1 else None


def _refuse_other_kind(have, want):
    before, after = target_kind(have), target_kind(want)
    if before and after and before != after:
        return ("ngrok cannot change the kind of a destination's target ({0} to {1}, ERR_NGROK_5108); create another "
                "destination for {1} and point the subscriptions at it".format(before, after))
    return None


def _predict_target(value, obj):
    """The target as the API answers it: every kind, null but the one given; AWS auth with role and creds."""
    target = dict.fromkeys(TARGET_KINDS)
    kind = target_kind(value)
    if kind is not None:
        conf = copy.deepcopy(value[kind])
        if kind in AWS_TARGETS:
            auth = conf.get("auth") or {}
            conf["auth"] = {"role": auth.get("role"), "creds": auth.get("creds")}
        elif kind == "datadog":
            for name in DATADOG_FIELDS:
                conf.setdefault(name, "")
        target[kind] = conf
    return {"target": target}


def _normalize_format(value):
    return (value or "").strip().lower()


def _check_format(value):
    if _normalize_format(value) != "json":
        return "the API offers only the format json (in any case), got {0!r}".format(value)
    return None


EVENT_DESTINATION = Resource(
    name="event_destination",
    plural="event_destinations",
    path="/event_destinations",
    list_key="event_destinations",
    id_prefix="ed",
    human="event destination",
    response_keys=("id", "uri", "created_at", "description", "metadata", "format", "target"),
    filterable_fields=COMMON_FILTER_FIELDS,
    required_for_create=("format", "target"),
    identity_is_unique=False,
    write_only_option="update_secrets",
    fields=[
        description_field(identity=True),
        metadata_field(),
        # Not "choices": those would refuse JSON, which the API takes.
        Field("format", spec={"type": "str", "default": "json"}, normalize=_normalize_format, check=_check_format,
              api_default="json"),
        Field("target", spec=TARGET_SPEC, normalize=pruned, secret_paths=TARGET_SECRETS, refuse_change=_refuse_other_kind,
              predict=_predict_target, empty={}),
    ],
)


# -- Event subscriptions ------------------------------------------------------------------------

def _read_destination_ids(obj):
    return [ref.get("id") for ref in obj.get("destinations") or []]


def _destination_ids_to_api(ids):
    """Destination ids each once, in the order given (as the sources are)."""
    return unique(ids)


def _sources_to_api(types):
    """Event types as the API's source objects, each once (the API refuses a type twice, ERR_NGROK_5127)."""
    sources = []
    for kind in types:
        source = {"type": kind.strip()}
        if source not in sources:
            sources.append(source)
    return sources


def _read_sources(obj):
    return [{"type": source.get("type")} for source in obj.get("sources") or []]


def _sources_option(sources):
    return [source.get("type") for source in sources or []]


def _predict_sources(value, obj):
    base = obj.get("uri")
    return {"sources": [{"type": s["type"], "uri": "{0}/sources/{1}".format(base, s["type"]) if base else None}
                        for s in value]}


EVENT_SUBSCRIPTION = Resource(
    name="event_subscription",
    plural="event_subscriptions",
    path="/event_subscriptions",
    list_key="event_subscriptions",
    id_prefix="esb",
    human="event subscription",
    response_keys=("id", "uri", "created_at", "description", "metadata", "sources", "destinations"),
    filterable_fields=COMMON_FILTER_FIELDS,
    required_for_create=("description",),
    identity_is_unique=False,
    references=[Reference("destination_descriptions", "destination_ids", EVENT_DESTINATION, "description", many=True)],
    fields=[
        description_field(identity=True),
        metadata_field(),
        Field("sources", spec={"type": "list", "elements": "str"}, to_api=_sources_to_api, read=_read_sources,
              compare="set", empty=[], predict=_predict_sources, to_option=_sources_option),
        Field("destination_ids", spec={"type": "list", "elements": "str"}, to_api=_destination_ids_to_api,
              read=_read_destination_ids, compare="set", empty=[],
              predict=lambda value, obj: {"destinations": [{"id": i, "uri": None} for i in value]}),
    ],
)
