# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy

import pytest

from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.events import EVENT_DESTINATION
from ansible_collections.ngrok.ngrok.plugins.modules import ngrok_event_destination, ngrok_event_destination_info
from ansible_collections.ngrok.ngrok.tests.unit.plugins.fake_api import API, Call
from ansible_collections.ngrok.ngrok.tests.unit.plugins.module_runner import run_module

ROLE = "arn:aws:iam::123456789012:role/ngrok-events"
STREAM = "arn:aws:kinesis:us-east-2:123456789012:stream/ngrok-events"
SECRET = "wJalrXUtnFEMI-never-shown"
DD_KEY = "dd-api-key-never-shown"
BY_DESCRIPTION = {"filter": 'obj.description == "events"'}
NOT_FOUND = {"status_code": 404, "msg": "Resource not found", "details": {"operation_id": "op_404"}}
KINDS = ("firehose", "kinesis", "cloudwatch_logs", "datadog", "azure_logs_ingestion")


def answered(kind, conf):
    """A target as the API answers it: every kind, null but one; secrets blanked."""
    target = dict.fromkeys(KINDS)
    target[kind] = conf
    return target


def kinesis_role(stream=STREAM):
    return answered("kinesis", {"auth": {"creds": None, "role": {"role_arn": ROLE}}, "stream_arn": stream})


def datadog(ddsite="datadoghq.com", ddtags=""):
    return answered("datadog", {"api_key": "", "ddsite": ddsite, "ddtags": ddtags, "service": ""})


def destination(target=None, ed_id="ed_1", description="events", **extra):
    obj = {"id": ed_id, "uri": API + "/event_destinations/" + ed_id, "created_at": "2026-11-27T10:00:00Z",
           "description": description, "format": "json", "target": target or kinesis_role()}
    obj.update(extra)
    return obj


def listing(*items):
    return {"event_destinations": list(items), "uri": API + "/event_destinations", "next_page_uri": None}


KINESIS_OPTION = {"kinesis": {"stream_arn": STREAM, "auth": {"role": {"role_arn": ROLE}}}}
KINESIS_SENT = {"kinesis": {"stream_arn": STREAM, "auth": {"role": {"role_arn": ROLE}}}}


def test_create_sends_the_target_without_the_options_left_out(monkeypatch):
    args = {"description": "events", "metadata": '{"env": "dev"}', "target": KINESIS_OPTION}
    result, session = run_module(monkeypatch, ngrok_event_destination, args, [
        Call("GET", "/event_destinations", query=BY_DESCRIPTION, body=listing()),
        Call("POST", "/event_destinations", status=201,
             sent={"description": "events", "metadata": '{"env": "dev"}', "format": "json", "target": KINESIS_SENT},
             body=destination(metadata='{"env": "dev"}')),
        Call("GET", "/event_destinations", query=BY_DESCRIPTION, body=listing(destination(metadata='{"env": "dev"}'))),
    ])
    assert result["changed"] and result["event_destination"]["id"] == "ed_1"


def test_unchanged_rerun_is_one_request_and_shows_no_secret(monkeypatch):
    args = {"description": "events", "target": {"datadog": {"api_key": DD_KEY, "ddsite": "datadoghq.com", "ddtags": ""}}}
    result, session = run_module(monkeypatch, ngrok_event_destination, args, [
        Call("GET", "/event_destinations", query=BY_DESCRIPTION, body=listing(destination(datadog()))),
    ], diff=True)
    assert result["changed"] is False and len(session.requests) == 1
    assert result["event_destination"]["target"]["datadog"] == {"ddsite": "datadoghq.com", "ddtags": "", "service": ""}
    assert DD_KEY not in repr(result)


def test_an_update_of_the_description_alone_does_not_send_the_target(monkeypatch):
    args = {"id": "ed_1", "description": "renamed", "target": KINESIS_OPTION}
    result, session = run_module(monkeypatch, ngrok_event_destination, args, [
        Call("GET", "/event_destinations/ed_1", body=destination()),
        Call("PATCH", "/event_destinations/ed_1", sent={"description": "renamed"}, body=destination(description="renamed")),
    ])
    assert result["changed"] and result["event_destination"]["description"] == "renamed"


def test_a_changed_target_setting_sends_the_whole_target_secrets_included(monkeypatch):
    current = answered("firehose", {"auth": {"creds": {"aws_access_key_id": "AKIA1", "aws_secret_access_key": ""}, "role": None},
                                    "delivery_stream_arn": "arn:aws:firehose:us-east-1:123456789012:deliverystream/a"})
    wanted = {"firehose": {"delivery_stream_arn": "arn:aws:firehose:us-east-1:123456789012:deliverystream/b",
                           "auth": {"creds": {"aws_access_key_id": "AKIA1", "aws_secret_access_key": SECRET}}}}
    after = copy.deepcopy(current)
    after["firehose"]["delivery_stream_arn"] = wanted["firehose"]["delivery_stream_arn"]
    result, session = run_module(monkeypatch, ngrok_event_destination, {"description": "events", "target": wanted}, [
        Call("GET", "/event_destinations", query=BY_DESCRIPTION, body=listing(destination(current))),
        Call("PATCH", "/event_destinations/ed_1", sent={"target": wanted}, body=destination(after)),
    ], diff=True)
    assert result["changed"]
    assert result["event_destination"]["target"]["firehose"]["auth"]["creds"] == {"aws_access_key_id": "AKIA1"}
    assert SECRET not in repr(result)


@pytest.mark.parametrize("policy,sent", [("on_create", False), ("always", True)])
def test_secrets_are_sent_again_only_with_update_secrets_always(monkeypatch, policy, sent):
    target = {"datadog": {"api_key": DD_KEY, "ddsite": "datadoghq.com"}}
    calls = [Call("GET", "/event_destinations", query=BY_DESCRIPTION, body=listing(destination(datadog())))]
    if sent:
        calls.append(Call("PATCH", "/event_destinations/ed_1", sent={"target": target}, body=destination(datadog())))
    args = {"description": "events", "target": target, "update_secrets": policy}
    result, session = run_module(monkeypatch, ngrok_event_destination, args, calls)
    assert result["changed"] is sent and DD_KEY not in repr(result)


def test_a_change_of_target_kind_fails_before_any_change(monkeypatch):
    args = {"description": "events", "target": {"datadog": {"api_key": DD_KEY}}, "update_secrets": "always"}
    result, session = run_module(monkeypatch, ngrok_event_destination, args, [
        Call("GET", "/event_destinations", query=BY_DESCRIPTION, body=listing(destination())),
    ])
    assert result["failed"] and result["changed"] is False and session.methods == ["GET"]
    assert result["msg"].startswith("cannot change target of event destination ed_1: ngrok cannot change the kind of a "
                                    "destination's target (kinesis to datadog, ERR_NGROK_5108)")
    assert DD_KEY not in repr(result)


def test_check_mode_create_predicts_every_key_and_the_shape_of_the_target(monkeypatch):
    args = {"description": "events", "target": {"datadog": {"api_key": DD_KEY, "ddsite": "datadoghq.eu"}}}
    result, session = run_module(monkeypatch, ngrok_event_destination, args, [
        Call("GET", "/event_destinations", query=BY_DESCRIPTION, body=listing()),
    ], check_mode=True, diff=True)
    predicted = result["event_destination"]
    assert result["changed"] and session.methods == ["GET"]
    assert set(predicted) == set(EVENT_DESTINATION.response_keys)
    assert predicted["id"] is None and predicted["format"] == "json"
    assert predicted["target"] == answered("datadog", {"ddsite": "datadoghq.eu", "ddtags": "", "service": ""})
    assert DD_KEY not in repr(result)


def test_check_mode_predicts_aws_auth_as_the_api_answers_it(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_event_destination, {"description": "events", "target": KINESIS_OPTION}, [
        Call("GET", "/event_destinations", query=BY_DESCRIPTION, body=listing()),
    ], check_mode=True)
    assert result["event_destination"]["target"] == kinesis_role()


def test_two_destinations_with_the_description_fail_with_their_ids(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_event_destination, {"description": "events", "state": "absent"}, [
        Call("GET", "/event_destinations", query=BY_DESCRIPTION, body=listing(destination(ed_id="ed_2"), destination())),
    ])
    assert result["failed"] and "ed_1, ed_2" in result["msg"] and session.methods == ["GET"]


def test_the_format_is_json_in_any_case(monkeypatch):
    args = {"description": "events", "format": " JSON ", "target": KINESIS_OPTION}
    result, session = run_module(monkeypatch, ngrok_event_destination, args, [
        Call("GET", "/event_destinations", query=BY_DESCRIPTION, body=listing(destination())),
    ])
    assert result["changed"] is False and "failed" not in result
    result, session = run_module(monkeypatch, ngrok_event_destination, dict(args, format="xml"), [])
    assert result["failed"] and session.requests == []
    assert result["msg"] == "format: the API offers only the format json (in any case), got 'xml'"


def test_a_target_needs_exactly_one_kind(monkeypatch):
    both = dict(KINESIS_OPTION, datadog={"api_key": DD_KEY})
    result, session = run_module(monkeypatch, ngrok_event_destination, {"description": "events", "target": both}, [])
    assert result["failed"] and "mutually exclusive" in result["msg"] and session.requests == []
    result, session = run_module(monkeypatch, ngrok_event_destination, {"description": "events", "target": {}}, [])
    assert result["failed"] and "one of the following is required" in result["msg"] and session.requests == []


def test_aws_auth_needs_a_role_or_credentials(monkeypatch):
    target = {"kinesis": {"stream_arn": STREAM, "auth": {}}}
    result, session = run_module(monkeypatch, ngrok_event_destination, {"description": "events", "target": target}, [])
    assert result["failed"] and "role, creds" in result["msg"] and session.requests == []


def test_the_target_is_required_to_create(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_event_destination, {"description": "events"}, [
        Call("GET", "/event_destinations", query=BY_DESCRIPTION, body=listing()),
    ])
    assert result["failed"] and result["msg"] == "to create an event destination, set target"


def test_delete_refused_while_a_subscription_uses_it_reports_the_apis_error(monkeypatch):
    refused = {"error_code": "ERR_NGROK_5112", "status_code": 400, "details": {"operation_id": "op_5112"},
               "msg": 'Event Destination "ed_1" cannot be deleted because it is still in use by at least one Event Stream'}
    result, session = run_module(monkeypatch, ngrok_event_destination, {"description": "events", "state": "absent"}, [
        Call("GET", "/event_destinations", query=BY_DESCRIPTION, body=listing(destination())),
        Call("DELETE", "/event_destinations/ed_1", status=400, body=refused),
    ])
    assert result["failed"] and (result["error_code"], result["operation_id"]) == ("ERR_NGROK_5112", "op_5112")
    assert result["changed"] is False


def test_absent_deletes_then_is_unchanged(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_event_destination, {"id": "ed_1", "state": "absent"}, [
        Call("GET", "/event_destinations/ed_1", body=destination()),
        Call("DELETE", "/event_destinations/ed_1", status=204),
    ])
    assert result["changed"] and result["event_destination"]["id"] == "ed_1"
    result, session = run_module(monkeypatch, ngrok_event_destination, {"id": "ed_1", "state": "absent"}, [
        Call("GET", "/event_destinations/ed_1", status=404, body=NOT_FOUND),
    ])
    assert result["changed"] is False and result["event_destination"] == {}


def test_the_secrets_of_a_target_are_no_log():
    options = EVENT_DESTINATION.argument_spec()["target"]["options"]
    for kind in ("firehose", "kinesis", "cloudwatch_logs"):
        creds = options[kind]["options"]["auth"]["options"]["creds"]["options"]
        assert creds["aws_secret_access_key"]["no_log"] is True and creds["aws_access_key_id"]["no_log"] is False
    assert options["datadog"]["options"]["api_key"]["no_log"] is True
    assert options["azure_logs_ingestion"]["options"]["client_secret"]["no_log"] is True


def test_info_by_description_filters_and_leaves_out_secrets(monkeypatch):
    creds = answered("cloudwatch_logs", {"auth": {"creds": {"aws_access_key_id": "AKIA1", "aws_secret_access_key": ""},
                                                  "role": None}, "log_group_arn": "arn:aws:logs:eu-west-1:1:log-group:x"})
    result, session = run_module(monkeypatch, ngrok_event_destination_info, {"description": "events"}, [
        Call("GET", "/event_destinations", query=BY_DESCRIPTION, body=listing(destination(creds))),
    ])
    found = result["event_destinations"]
    assert [d["id"] for d in found] == ["ed_1"]
    assert found[0]["target"]["cloudwatch_logs"]["auth"]["creds"] == {"aws_access_key_id": "AKIA1"}


def test_an_option_left_out_of_the_target_counts_as_empty(monkeypatch):
    target = {"datadog": {"api_key": DD_KEY, "ddsite": "datadoghq.com"}}
    result, session = run_module(monkeypatch, ngrok_event_destination, {"description": "events", "target": target}, [
        Call("GET", "/event_destinations", query=BY_DESCRIPTION, body=listing(destination(datadog(ddtags="env:prod")))),
        Call("PATCH", "/event_destinations/ed_1", sent={"target": target}, body=destination(datadog())),
    ])
    assert result["changed"] and result["event_destination"]["target"]["datadog"]["ddtags"] == ""
