# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

import pytest

from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.endpoints import ENDPOINT
from ansible_collections.ngrok.ngrok.plugins.modules import ngrok_endpoint, ngrok_endpoint_info
from ansible_collections.ngrok.ngrok.tests.unit.plugins.fake_api import API, Call
from ansible_collections.ngrok.ngrok.tests.unit.plugins.module_runner import run_module

URL = "https://app.example.com"
BY_URL = {"filter": '(obj.type == "cloud") && (obj.url == "https://app.example.com")'}
POLICY = {"on_http_request": [{"actions": [{"type": "custom-response", "config": {"status_code": 200, "body": "hello"}}]}]}
POLICY_TEXT = json.dumps(POLICY)
POLICY_YAML = """
on_http_request:
  - actions:
      - config:
          body: hello
          status_code: 200
        type: custom-response
"""
POLICY_JSON_COMPACT = '{"on_http_request":[{"actions":[{"config":{"body":"hello","status_code":200},"type":"custom-response"}]}]}'
DENY = {"on_http_request": [{"actions": [{"type": "deny", "config": {"status_code": 404}}]}]}


def endpoint(endpoint_id="ep_1", url=URL, policy=POLICY_TEXT, bindings=None, kind="cloud", **extra):
    host = url.split("://", 1)[1]
    obj = {"id": endpoint_id, "uri": API + "/endpoints/" + endpoint_id, "created_at": "2026-11-27T10:00:00Z",
           "updated_at": "2026-11-27T10:00:00Z", "url": url, "public_url": url, "proto": "https", "scheme": "https",
           "host": host, "port": 443, "hostport": host + ":443", "type": kind, "bindings": bindings or ["public"],
           "pooling_enabled": False, "traffic_policy": policy, "region": "",
           "domain": {"id": "rd_1", "uri": API + "/reserved_domains/rd_1"},
           "principal": {"id": "usr_1", "uri": ""}}
    obj.update(extra)
    return obj


def listing(*items):
    return {"endpoints": list(items), "uri": API + "/endpoints", "next_page_uri": None}


def api_error(code, status=400, msg="refused", operation_id="op_1"):
    return {"error_code": code, "status_code": status, "msg": msg, "details": {"operation_id": operation_id}}


def test_create_sends_a_mapping_policy_as_json_and_the_url_as_stored(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_endpoint, {
        "url": "HTTPS://App.Example.com:443", "traffic_policy": POLICY, "description": "portal", "metadata": "{}",
        "bindings": ["public"]}, [
        Call("GET", "/endpoints", query=BY_URL, body=listing()),
        Call("POST", "/endpoints", status=201, body=endpoint(description="portal", metadata="{}")),
    ])
    assert result["changed"] and result["endpoint"]["id"] == "ep_1"
    sent = session.requests[1]["body"]
    assert sent == {"url": URL, "traffic_policy": POLICY_TEXT, "description": "portal", "metadata": "{}",
                    "bindings": ["public"]}
    assert json.loads(sent["traffic_policy"]) == POLICY


def test_create_sends_yaml_text_as_written(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_endpoint, {"url": URL, "traffic_policy": POLICY_YAML}, [
        Call("GET", "/endpoints", query=BY_URL, body=listing()),
        Call("POST", "/endpoints", status=201, sent={"url": URL, "traffic_policy": POLICY_YAML},
             body=endpoint(policy=POLICY_YAML)),
    ])
    assert result["changed"] and result["endpoint"]["traffic_policy"] == POLICY_YAML


@pytest.mark.parametrize("policy", [POLICY, POLICY_YAML, POLICY_JSON_COMPACT], ids=["mapping", "yaml", "json"])
def test_unchanged_rerun_compares_the_policy_as_data_and_bindings_as_a_set(monkeypatch, policy):
    current = endpoint(bindings=["public", "kubernetes"], description="portal")
    result, session = run_module(monkeypatch, ngrok_endpoint, {
        "url": "https://APP.example.com.", "traffic_policy": policy, "bindings": ["kubernetes", "public"],
        "description": "portal", "pooling_enabled": False}, [
        Call("GET", "/endpoints", query=BY_URL, body=listing(current)),
    ])
    assert result["changed"] is False and len(session.requests) == 1
    # Every documented key, null where the API leaves it out, as in a check-mode prediction.
    assert result["endpoint"] == dict(dict.fromkeys(ENDPOINT.response_keys), **current)
    assert "upstream_url" not in current and result["endpoint"]["upstream_url"] is None


def test_update_sends_only_what_differs(monkeypatch):
    current = endpoint(description="old", metadata="m")
    result, session = run_module(monkeypatch, ngrok_endpoint, {
        "url": URL, "traffic_policy": POLICY_YAML, "description": "new", "metadata": "m", "bindings": ["public"]}, [
        Call("GET", "/endpoints", query=BY_URL, body=listing(current)),
        Call("PATCH", "/endpoints/ep_1", sent={"description": "new"}, body=endpoint(description="new", metadata="m")),
    ], diff=True)
    assert result["changed"] and result["endpoint"]["description"] == "new"
    assert result["diff"]["before"]["description"] == "old" and result["diff"]["after"]["description"] == "new"


def test_a_new_policy_is_sent_as_written_and_the_diff_shows_data(monkeypatch):
    deny_yaml = "on_http_request:\n  - actions:\n      - type: deny\n        config: {status_code: 404}\n"
    result, session = run_module(monkeypatch, ngrok_endpoint, {"url": URL, "traffic_policy": deny_yaml}, [
        Call("GET", "/endpoints", query=BY_URL, body=listing(endpoint())),
        Call("PATCH", "/endpoints/ep_1", sent={"traffic_policy": deny_yaml}, body=endpoint(policy=deny_yaml)),
    ], diff=True)
    assert result["changed"]
    assert result["diff"]["before"]["traffic_policy"] == POLICY
    assert result["diff"]["after"]["traffic_policy"] == DENY


def test_bindings_and_pooling_are_patched(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_endpoint, {
        "url": URL, "bindings": ["public", "kubernetes"], "pooling_enabled": True}, [
        Call("GET", "/endpoints", query=BY_URL, body=listing(endpoint())),
        Call("PATCH", "/endpoints/ep_1", sent={"bindings": ["public", "kubernetes"], "pooling_enabled": True},
             body=endpoint(bindings=["public", "kubernetes"], pooling_enabled=True)),
    ])
    assert result["changed"] and result["endpoint"]["pooling_enabled"] is True


def test_results_have_scheme_host_and_port_when_the_answer_leaves_them_out(monkeypatch):
    # ngrok's recorded endpoint answers have none of them; results take them from the URL.
    answer = dict((k, v) for k, v in endpoint().items() if k not in ("scheme", "host", "port"))
    result, _session = run_module(monkeypatch, ngrok_endpoint, {"url": URL, "traffic_policy": POLICY}, [
        Call("GET", "/endpoints", query=BY_URL, body=listing(answer)),
    ])
    assert not result["changed"]
    assert (result["endpoint"]["scheme"], result["endpoint"]["host"], result["endpoint"]["port"]) == ("https", "app.example.com", 443)


def test_a_refused_pooling_change_says_what_to_do(monkeypatch):
    # ngrok's pooling guide says pooling is set at creation; should the API refuse the update, the task says so.
    refused = api_error("ERR_NGROK_18014", msg="The provided cloud endpoint has invalid value for field `pooling_enabled`.")
    result, _session = run_module(monkeypatch, ngrok_endpoint, {"url": URL, "pooling_enabled": True}, [
        Call("GET", "/endpoints", query=BY_URL, body=listing(endpoint())),
        Call("PATCH", "/endpoints/ep_1", sent={"pooling_enabled": True}, status=400, body=refused),
    ])
    assert result["failed"] and result["error_code"] == "ERR_NGROK_18014" and result["status_code"] == 400
    assert "invalid value for field `pooling_enabled`" in result["msg"]
    assert "delete the endpoint (state=absent) and create it again" in result["msg"]


def test_other_refused_updates_carry_no_pooling_advice(monkeypatch):
    refused = api_error("ERR_NGROK_18012", msg="The description field cannot be longer than 255 characters.")
    result, _session = run_module(monkeypatch, ngrok_endpoint, {"url": URL, "description": "d"}, [
        Call("GET", "/endpoints", query=BY_URL, body=listing(endpoint())),
        Call("PATCH", "/endpoints/ep_1", sent={"description": "d"}, status=400, body=refused),
    ])
    assert result["failed"] and "pooling_enabled" not in result["msg"]


def test_the_url_changes_through_the_id(monkeypatch):
    moved = "https://www.example.com"
    result, session = run_module(monkeypatch, ngrok_endpoint, {"id": "ep_1", "url": "https://WWW.example.com:443"}, [
        Call("GET", "/endpoints/ep_1", body=endpoint()),
        Call("PATCH", "/endpoints/ep_1", sent={"url": moved}, body=endpoint(url=moved)),
    ])
    assert result["changed"] and result["endpoint"]["url"] == moved


def test_check_mode_create_predicts_every_key_and_sends_one_read(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_endpoint, {
        "url": "HTTPS://App.Example.com:443", "traffic_policy": POLICY, "description": "portal"}, [
        Call("GET", "/endpoints", query=BY_URL, body=listing()),
    ], check_mode=True, diff=True)
    predicted = result["endpoint"]
    assert result["changed"] and session.methods == ["GET"]
    assert set(predicted) == set(ENDPOINT.response_keys)
    assert predicted["id"] is None and predicted["created_at"] is None and predicted["domain"] is None
    assert predicted["url"] == URL and predicted["public_url"] == URL
    assert (predicted["scheme"], predicted["proto"], predicted["host"], predicted["port"], predicted["hostport"]) == (
        "https", "https", "app.example.com", 443, "app.example.com:443")
    assert predicted["type"] == "cloud" and predicted["bindings"] == ["public"] and predicted["pooling_enabled"] is False
    assert json.loads(predicted["traffic_policy"]) == POLICY
    assert result["diff"]["before"] == {} and result["diff"]["after"]["traffic_policy"] == POLICY


def test_check_mode_predicts_the_internal_binding_of_an_internal_url(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_endpoint, {"url": "https://api.internal", "traffic_policy": POLICY}, [
        Call("GET", "/endpoints", query={"filter": '(obj.type == "cloud") && (obj.url == "https://api.internal")'},
             body=listing()),
    ], check_mode=True)
    assert result["endpoint"]["bindings"] == ["internal"] and result["endpoint"]["host"] == "api.internal"


def test_check_mode_update_predicts_the_change(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_endpoint, {"url": URL, "traffic_policy": DENY, "metadata": "x"}, [
        Call("GET", "/endpoints", query=BY_URL, body=listing(endpoint())),
    ], check_mode=True)
    assert result["changed"] and session.methods == ["GET"]
    assert json.loads(result["endpoint"]["traffic_policy"]) == DENY and result["endpoint"]["metadata"] == "x"
    assert result["endpoint"]["id"] == "ep_1"


def test_delete_and_delete_again(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_endpoint, {"url": URL, "state": "absent"}, [
        Call("GET", "/endpoints", query=BY_URL, body=listing(endpoint())),
        Call("DELETE", "/endpoints/ep_1", status=204),
    ])
    assert result["changed"] and result["endpoint"]["id"] == "ep_1"
    result, session = run_module(monkeypatch, ngrok_endpoint, {"url": URL, "state": "absent"}, [
        Call("GET", "/endpoints", query=BY_URL, body=listing()),
    ])
    assert result["changed"] is False and result["endpoint"] == {}


def test_check_mode_delete_sends_only_the_lookup(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_endpoint, {"url": URL, "state": "absent"}, [
        Call("GET", "/endpoints", query=BY_URL, body=listing(endpoint())),
    ], check_mode=True)
    assert result["changed"] and session.methods == ["GET"]


def test_an_agent_endpoint_on_the_same_url_is_left_alone(monkeypatch):
    agent = endpoint("ep_9", kind="agent", traffic_policy="", upstream_url="http://localhost:80")
    result, session = run_module(monkeypatch, ngrok_endpoint, {"url": URL, "state": "absent"}, [
        Call("GET", "/endpoints", query=BY_URL, body=listing(agent)),
    ])
    assert result["changed"] is False and session.methods == ["GET"]


def test_the_id_of_an_agent_endpoint_is_refused(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_endpoint, {"id": "ep_9", "state": "absent"}, [
        Call("GET", "/endpoints/ep_9", body=endpoint("ep_9", kind="agent")),
    ])
    assert result["failed"] and "not a cloud endpoint this module manages" in result["msg"] and "type='agent'" in result["msg"]
    assert result["changed"] is False


def test_a_pool_of_cloud_endpoints_needs_the_id(monkeypatch):
    pool = [endpoint("ep_2", pooling_enabled=True), endpoint("ep_1", pooling_enabled=True)]
    result, session = run_module(monkeypatch, ngrok_endpoint, {"url": URL, "description": "x"}, [
        Call("GET", "/endpoints", query=BY_URL, body=listing(*pool)),
    ])
    assert result["failed"] and "ep_1, ep_2" in result["msg"] and "id" in result["msg"]


@pytest.mark.parametrize("policy, message", [
    ("- just\n- a list\n", "it must describe a mapping"),
    ("on_http_request: [\n", "neither JSON nor YAML"),
    ({}, "must not be empty"),
    ("plain text", "it must describe a mapping"),
])
def test_an_unusable_policy_is_refused_before_any_request(monkeypatch, policy, message):
    result, session = run_module(monkeypatch, ngrok_endpoint, {"url": URL, "traffic_policy": policy}, [])
    assert result["failed"] and result["msg"].startswith("traffic_policy: ") and message in result["msg"]
    assert session.requests == []


def test_an_empty_url_never_designates_an_endpoint(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_endpoint, {"url": "  ", "state": "absent"}, [])
    assert result["failed"] and "url must not be empty" in result["msg"] and session.requests == []


def test_an_unknown_binding_is_refused_by_the_argument_spec(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_endpoint, {"url": URL, "bindings": ["private"]}, [])
    assert result["failed"] and "bindings" in result["msg"] and session.requests == []


def test_creating_without_a_policy_names_it(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_endpoint, {"url": URL, "description": "x"}, [
        Call("GET", "/endpoints", query=BY_URL, body=listing()),
    ])
    assert result["failed"] and result["msg"] == "to create a cloud endpoint, set traffic_policy"
    assert session.methods == ["GET"]


def test_api_errors_carry_the_error_code_and_operation_id(monkeypatch):
    refused = api_error("ERR_NGROK_18006", msg="This account does not have any domains or addresses reserved that "
                        "match the provided URL.", operation_id="op_18006")
    result, session = run_module(monkeypatch, ngrok_endpoint, {"url": URL, "traffic_policy": POLICY}, [
        Call("GET", "/endpoints", query=BY_URL, body=listing()),
        Call("POST", "/endpoints", status=400, body=refused),
    ])
    assert result["failed"] and result["error_code"] == "ERR_NGROK_18006"
    assert result["operation_id"] == "op_18006" and result["status_code"] == 400
    assert "reserved" in result["msg"] and result["changed"] is False


def test_a_scheme_change_is_refused_by_the_api(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_endpoint, {"id": "ep_1", "url": "tls://app.example.com"}, [
        Call("GET", "/endpoints/ep_1", body=endpoint()),
        Call("PATCH", "/endpoints/ep_1", status=400, sent={"url": "tls://app.example.com"},
             body=api_error("ERR_NGROK_18005", operation_id="op_2")),
    ])
    assert result["failed"] and result["error_code"] == "ERR_NGROK_18005" and result["operation_id"] == "op_2"


# -- ngrok_endpoint_info -----------------------------------------------------------------------------

def test_info_narrows_by_type_url_and_binding_in_one_filter(monkeypatch):
    internal = endpoint("ep_2", url="https://api.internal", bindings=["internal"])
    result, session = run_module(monkeypatch, ngrok_endpoint_info, {
        "type": "Cloud", "url": "HTTPS://api.internal:443", "binding": "internal"}, [
        Call("GET", "/endpoints", body=listing(internal), query={
            "filter": '(obj.type == "cloud") && (obj.url == "https://api.internal") && ("internal" in obj.bindings)'}),
    ])
    assert result["changed"] is False and [e["id"] for e in result["endpoints"]] == ["ep_2"]


def test_info_matches_the_listed_endpoints_again(monkeypatch):
    public = endpoint("ep_1")
    internal = endpoint("ep_2", url="https://api.internal", bindings=["internal"])
    result, session = run_module(monkeypatch, ngrok_endpoint_info, {"binding": "internal"}, [
        Call("GET", "/endpoints", query={"filter": '"internal" in obj.bindings'}, body=listing(public, internal)),
    ])
    assert [e["id"] for e in result["endpoints"]] == ["ep_2"]


def test_info_lists_agent_endpoints_with_either_name_of_their_type(monkeypatch):
    agent = endpoint("ep_3", url="https://x.ngrok.app", kind="ephemeral", upstream_url="http://localhost:80")
    result, session = run_module(monkeypatch, ngrok_endpoint_info, {"type": "ephemeral"}, [
        Call("GET", "/endpoints", query={"filter": 'obj.type == "agent"'}, body=listing(agent, endpoint("ep_1"))),
    ])
    assert [e["id"] for e in result["endpoints"]] == ["ep_3"]


def test_info_by_id_and_unknown_id(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_endpoint_info, {"id": "ep_1"}, [
        Call("GET", "/endpoints/ep_1", body=endpoint()),
    ])
    assert [e["id"] for e in result["endpoints"]] == ["ep_1"]
    result, session = run_module(monkeypatch, ngrok_endpoint_info, {"id": "ep_404"}, [
        Call("GET", "/endpoints/ep_404", status=404,
             body={"status_code": 404, "msg": "Resource not found", "details": {"operation_id": "op_3"}}),
    ])
    assert result["endpoints"] == []


def test_info_with_a_user_filter(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_endpoint_info, {"type": "cloud", "filter": 'obj.metadata == "x"'}, [
        Call("GET", "/endpoints", query={"filter": '(obj.type == "cloud") && (obj.metadata == "x")'},
             body=listing(endpoint(metadata="x"))),
    ], check_mode=True)
    assert len(result["endpoints"]) == 1


# -- pooled endpoints share their URL: two runs at once can both create one --------------------------

def test_a_pooled_endpoint_created_at_the_same_time_as_another_keeps_the_oldest(monkeypatch):
    older = endpoint("ep_1", pooling_enabled=True, created_at="2026-11-27T10:00:00Z")
    mine = endpoint("ep_2", pooling_enabled=True, created_at="2026-11-27T10:00:01Z")
    result, session = run_module(monkeypatch, ngrok_endpoint, {"url": URL, "traffic_policy": POLICY, "pooling_enabled": True}, [
        Call("GET", "/endpoints", query=BY_URL, body=listing()),
        Call("POST", "/endpoints", status=201, body=mine),
        Call("GET", "/endpoints", query=BY_URL, body=listing(mine, older)),
        Call("DELETE", "/endpoints/ep_2", status=204),
    ])
    assert result["changed"] and result["endpoint"]["id"] == "ep_1"
    assert any("was kept" in w for w in result["warnings"])


def test_a_pooled_endpoint_without_a_twin_costs_one_more_lookup(monkeypatch):
    mine = endpoint("ep_2", pooling_enabled=True)
    agent = endpoint("ep_0", kind="agent", pooling_enabled=True, created_at="2026-11-26T10:00:00Z")
    result, session = run_module(monkeypatch, ngrok_endpoint, {"url": URL, "traffic_policy": POLICY, "pooling_enabled": True}, [
        Call("GET", "/endpoints", query=BY_URL, body=listing()),
        Call("POST", "/endpoints", status=201, body=mine),
        # An agent endpoint in the same pool is not a twin: only cloud endpoints are managed.
        Call("GET", "/endpoints", query=BY_URL, body=listing(mine, agent)),
    ])
    assert result["changed"] and result["endpoint"]["id"] == "ep_2" and session.methods == ["GET", "POST", "GET"]


def test_an_endpoint_without_pooling_has_no_twin_to_look_for(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_endpoint, {"url": URL, "traffic_policy": POLICY}, [
        Call("GET", "/endpoints", query=BY_URL, body=listing()),
        Call("POST", "/endpoints", status=201, body=endpoint("ep_2")),
    ])
    assert result["changed"] and session.methods == ["GET", "POST"]
