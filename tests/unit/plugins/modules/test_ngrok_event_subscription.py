# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.events import EVENT_SUBSCRIPTION
from ansible_collections.ngrok.ngrok.plugins.modules import ngrok_event_subscription, ngrok_event_subscription_info
from ansible_collections.ngrok.ngrok.tests.unit.plugins.fake_api import API, Call
from ansible_collections.ngrok.ngrok.tests.unit.plugins.module_runner import run_module

BY_DESCRIPTION = {"filter": 'obj.description == "audit"'}
CREATED = "ip_policy_created.v0"
DELETED = "ip_policy_deleted.v0"
HTTP = "http_request_complete.v0"


def subscription(types=(CREATED,), destinations=("ed_1",), esb_id="esb_1", description="audit", **extra):
    uri = API + "/event_subscriptions/" + esb_id
    obj = {"id": esb_id, "uri": uri, "created_at": "2026-11-27T10:00:00Z", "description": description,
           "sources": [{"type": t, "uri": uri + "/sources/" + t} for t in types],
           "destinations": [{"id": d, "uri": API + "/event_destinations/" + d} for d in destinations]}
    obj.update(extra)
    return obj


def destination(ed_id, description):
    return {"id": ed_id, "uri": API + "/event_destinations/" + ed_id, "created_at": "2026-11-27T10:00:00Z",
            "description": description, "format": "json", "target": {}}


def subscriptions(*items):
    return {"event_subscriptions": list(items), "uri": API + "/event_subscriptions", "next_page_uri": None}


def destinations(*items):
    return {"event_destinations": list(items), "uri": API + "/event_destinations", "next_page_uri": None}


def test_create_with_destinations_named_by_description(monkeypatch):
    args = {"description": "audit", "sources": [CREATED, DELETED], "destination_descriptions": ["to s3", "to datadog"]}
    result, session = run_module(monkeypatch, ngrok_event_subscription, args, [
        Call("GET", "/event_destinations", query={"filter": 'obj.description in ["to s3", "to datadog"]'},
             body=destinations(destination("ed_2", "to datadog"), destination("ed_1", "to s3"))),
        Call("GET", "/event_subscriptions", query=BY_DESCRIPTION, body=subscriptions()),
        Call("POST", "/event_subscriptions", status=201,
             sent={"description": "audit", "sources": [{"type": CREATED}, {"type": DELETED}], "destination_ids": ["ed_1", "ed_2"]},
             body=subscription((CREATED, DELETED), ("ed_1", "ed_2"))),
        Call("GET", "/event_subscriptions", query=BY_DESCRIPTION, body=subscriptions(subscription((CREATED, DELETED), ("ed_1", "ed_2")))),
    ])
    assert result["changed"] and result["event_subscription"]["id"] == "esb_1"


def test_unchanged_rerun_with_types_and_ids_reordered_and_repeated_is_one_request(monkeypatch):
    args = {"description": "audit", "sources": [DELETED, CREATED, DELETED], "destination_ids": ["ed_2", "ed_1", "ed_2"]}
    result, session = run_module(monkeypatch, ngrok_event_subscription, args, [
        Call("GET", "/event_subscriptions", query=BY_DESCRIPTION, body=subscriptions(subscription((CREATED, DELETED), ("ed_1", "ed_2")))),
    ])
    assert result["changed"] is False and len(session.requests) == 1


def test_repeated_destinations_are_sent_once_each_like_the_types(monkeypatch):
    args = {"description": "audit", "sources": [CREATED, CREATED], "destination_ids": ["ed_2", "ed_1", "ed_2"]}
    result, session = run_module(monkeypatch, ngrok_event_subscription, args, [
        Call("GET", "/event_subscriptions", query=BY_DESCRIPTION, body=subscriptions()),
        Call("POST", "/event_subscriptions", status=201,
             sent={"description": "audit", "sources": [{"type": CREATED}], "destination_ids": ["ed_2", "ed_1"]},
             body=subscription((CREATED,), ("ed_2", "ed_1"))),
        Call("GET", "/event_subscriptions", query=BY_DESCRIPTION, body=subscriptions(subscription((CREATED,), ("ed_2", "ed_1")))),
    ])
    assert result["changed"]
    # A change of destinations, one of them given twice by its description.
    args = {"description": "audit", "destination_descriptions": ["to s3", "to datadog", "to s3"]}
    result, session = run_module(monkeypatch, ngrok_event_subscription, args, [
        Call("GET", "/event_destinations", query={"filter": 'obj.description in ["to s3", "to datadog"]'},
             body=destinations(destination("ed_2", "to datadog"), destination("ed_1", "to s3"))),
        Call("GET", "/event_subscriptions", query=BY_DESCRIPTION, body=subscriptions(subscription())),
        Call("PATCH", "/event_subscriptions/esb_1", sent={"destination_ids": ["ed_1", "ed_2"]},
             body=subscription(destinations=("ed_1", "ed_2"))),
    ])
    assert result["changed"]
    result, session = run_module(monkeypatch, ngrok_event_subscription, {"description": "audit", "destination_ids": ["ed_3", "ed_3"]}, [
        Call("GET", "/event_subscriptions", query=BY_DESCRIPTION, body=subscriptions(subscription())),
    ], check_mode=True)
    assert [d["id"] for d in result["event_subscription"]["destinations"]] == ["ed_3"]


def test_changed_types_are_one_patch_of_the_subscription_with_only_them(monkeypatch):
    args = {"description": "audit", "sources": [HTTP, CREATED, CREATED], "destination_ids": ["ed_1"]}
    result, session = run_module(monkeypatch, ngrok_event_subscription, args, [
        Call("GET", "/event_subscriptions", query=BY_DESCRIPTION, body=subscriptions(subscription())),
        Call("PATCH", "/event_subscriptions/esb_1", sent={"sources": [{"type": HTTP}, {"type": CREATED}]},
             body=subscription((HTTP, CREATED))),
    ], diff=True)
    assert result["changed"] and session.methods == ["GET", "PATCH"]
    assert [s["type"] for s in result["diff"]["before"]["sources"]] == [CREATED]
    assert [s["type"] for s in result["diff"]["after"]["sources"]] == [HTTP, CREATED]


def test_options_not_given_are_not_compared(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_event_subscription, {"description": "audit", "metadata": "m"}, [
        Call("GET", "/event_subscriptions", query=BY_DESCRIPTION, body=subscriptions(subscription())),
        Call("PATCH", "/event_subscriptions/esb_1", sent={"metadata": "m"}, body=subscription(metadata="m")),
    ])
    assert result["changed"]


def test_empty_lists_remove_every_type_and_destination(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_event_subscription, {"id": "esb_1", "sources": [], "destination_ids": []}, [
        Call("GET", "/event_subscriptions/esb_1", body=subscription()),
        Call("PATCH", "/event_subscriptions/esb_1", sent={"sources": [], "destination_ids": []}, body=subscription((), ())),
    ])
    assert result["changed"] and result["event_subscription"]["sources"] == []


def test_check_mode_create_predicts_every_key(monkeypatch):
    args = {"description": "audit", "sources": [CREATED], "destination_ids": ["ed_1"]}
    result, session = run_module(monkeypatch, ngrok_event_subscription, args, [
        Call("GET", "/event_subscriptions", query=BY_DESCRIPTION, body=subscriptions()),
    ], check_mode=True, diff=True)
    predicted = result["event_subscription"]
    assert result["changed"] and session.methods == ["GET"]
    assert set(predicted) == set(EVENT_SUBSCRIPTION.response_keys)
    assert predicted["id"] is None and predicted["description"] == "audit"
    assert predicted["sources"] == [{"type": CREATED, "uri": None}]
    assert predicted["destinations"] == [{"id": "ed_1", "uri": None}]


def test_check_mode_update_predicts_the_uris_of_the_sources(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_event_subscription, {"description": "audit", "sources": [HTTP]}, [
        Call("GET", "/event_subscriptions", query=BY_DESCRIPTION, body=subscriptions(subscription())),
    ], check_mode=True)
    assert result["changed"] and session.methods == ["GET"]
    assert result["event_subscription"]["sources"] == [{"type": HTTP, "uri": API + "/event_subscriptions/esb_1/sources/" + HTTP}]


def test_check_mode_with_a_destination_not_created_yet_warns(monkeypatch):
    args = {"description": "audit", "destination_descriptions": ["to s3"]}
    result, session = run_module(monkeypatch, ngrok_event_subscription, args, [
        Call("GET", "/event_destinations", query={"filter": 'obj.description == "to s3"'}, body=destinations()),
        Call("GET", "/event_subscriptions", query=BY_DESCRIPTION, body=subscriptions()),
    ], check_mode=True)
    assert result["changed"] and result["event_subscription"]["destinations"] == [{"id": None, "uri": None}]
    assert any("to s3" in w for w in result["warnings"])


def test_a_destination_description_nobody_has_fails_without_a_change(monkeypatch):
    args = {"description": "audit", "destination_descriptions": ["to s3"]}
    result, session = run_module(monkeypatch, ngrok_event_subscription, args, [
        Call("GET", "/event_destinations", query={"filter": 'obj.description == "to s3"'}, body=destinations()),
    ])
    assert result["failed"] and result["msg"] == "destination_descriptions: no event destination has description 'to s3'"


def test_ids_and_descriptions_of_destinations_are_mutually_exclusive(monkeypatch):
    args = {"description": "audit", "destination_ids": ["ed_1"], "destination_descriptions": ["to s3"]}
    result, session = run_module(monkeypatch, ngrok_event_subscription, args, [])
    assert result["failed"] and "mutually exclusive" in result["msg"] and session.requests == []


def test_an_event_type_the_api_does_not_know_reports_its_error(monkeypatch):
    refused = {"error_code": "ERR_NGROK_238", "status_code": 400, "details": {"operation_id": "op_238"},
               "msg": "The provided event type: bogus is not valid."}
    result, session = run_module(monkeypatch, ngrok_event_subscription, {"description": "audit", "sources": ["bogus"]}, [
        Call("GET", "/event_subscriptions", query=BY_DESCRIPTION, body=subscriptions()),
        Call("POST", "/event_subscriptions", status=400, sent={"description": "audit", "sources": [{"type": "bogus"}]}, body=refused),
    ])
    assert result["failed"] and (result["error_code"], result["operation_id"]) == ("ERR_NGROK_238", "op_238")


def test_absent_deletes_then_is_unchanged(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_event_subscription, {"description": "audit", "state": "absent"}, [
        Call("GET", "/event_subscriptions", query=BY_DESCRIPTION, body=subscriptions(subscription())),
        Call("DELETE", "/event_subscriptions/esb_1", status=204),
    ])
    assert result["changed"] and result["event_subscription"]["id"] == "esb_1"
    result, session = run_module(monkeypatch, ngrok_event_subscription, {"description": "audit", "state": "absent"}, [
        Call("GET", "/event_subscriptions", query=BY_DESCRIPTION, body=subscriptions()),
    ])
    assert result["changed"] is False and result["event_subscription"] == {}


def test_info_by_id_and_by_description(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_event_subscription_info, {"id": "esb_1"}, [
        Call("GET", "/event_subscriptions/esb_1", body=subscription()),
    ])
    assert [s["id"] for s in result["event_subscriptions"]] == ["esb_1"]
    result, session = run_module(monkeypatch, ngrok_event_subscription_info, {"description": "audit"}, [
        Call("GET", "/event_subscriptions", query=BY_DESCRIPTION,
             body=subscriptions(subscription(esb_id="esb_2"), subscription(description="Audit"))),
    ])
    assert [s["id"] for s in result["event_subscriptions"]] == ["esb_2"]
