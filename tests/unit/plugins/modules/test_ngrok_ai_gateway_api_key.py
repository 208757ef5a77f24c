# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.ai_gateway import AI_GATEWAY_API_KEY
from ansible_collections.ngrok.ngrok.plugins.modules import ngrok_ai_gateway_api_key, ngrok_ai_gateway_api_key_info
from ansible_collections.ngrok.ngrok.tests.unit.plugins.fake_api import API, Call
from ansible_collections.ngrok.ngrok.tests.unit.plugins.module_runner import run_module

# The API takes no filter on these keys: every lookup lists them, without a query.
NO_FILTER = {}
TOKEN = "ng-k2m9x4pa-g1-7fQe2Rk0WmZt5yHc8NvB1sLd3GuJx6AoPi9TnMbE"
USER = {"id": "usr_1", "uri": ""}


def key(key_id="aigk_1", description="bot", metadata=None, endpoint_id="ep_1", token=None):
    obj = {"id": key_id, "uri": API + "/ai_gateway_api_keys/" + key_id, "created_at": "2026-11-27T10:00:00Z",
           "updated_at": "2026-11-27T10:00:00Z", "description": description, "created_by": USER, "last_updated_by": USER,
           "endpoint": {"id": endpoint_id, "uri": API + "/endpoints/" + endpoint_id}, "token": token,
           "display_name": TOKEN[:10] + "***" + TOKEN[-4:], "last_used": None}
    if metadata:
        obj["metadata"] = metadata
    return obj


def listing(*items, **kwargs):
    return {"ai_gateway_api_keys": list(items), "uri": API + "/ai_gateway_api_keys", "next_page_uri": kwargs.get("next_page")}


def api_error(status, code, msg):
    return {"error_code": code, "status_code": status, "msg": msg, "details": {"operation_id": "op_" + code[-5:]}}


def test_create_returns_the_token_once_and_never_in_the_diff(monkeypatch):
    args = {"description": "bot", "metadata": "m", "endpoint_id": "ep_1"}
    result, session = run_module(monkeypatch, ngrok_ai_gateway_api_key, args, [
        Call("GET", "/ai_gateway_api_keys", query=NO_FILTER, body=listing(key("aigk_2", "other"))),
        Call("POST", "/ai_gateway_api_keys", status=201, sent=args, body=key(metadata="m", token=TOKEN)),
        # Descriptions are not unique: the new key is looked up for a twin a run at the same time created.
        Call("GET", "/ai_gateway_api_keys", query=NO_FILTER, body=listing(key("aigk_2", "other"), key(metadata="m"))),
    ], diff=True)
    assert result["changed"] and result["ai_gateway_api_key"]["token"] == TOKEN
    assert result["ai_gateway_api_key"]["id"] == "aigk_1"
    assert TOKEN not in repr(result["diff"]) and result["diff"]["after"]["token"] == "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER"


def test_unchanged_rerun_is_one_listing_without_the_token(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_ai_gateway_api_key, {"description": "bot", "endpoint_id": "ep_1"}, [
        Call("GET", "/ai_gateway_api_keys", query=NO_FILTER, body=listing(key("aigk_2", "other"), key())),
    ])
    assert result["changed"] is False and len(session.requests) == 1
    assert result["ai_gateway_api_key"]["id"] == "aigk_1" and result["ai_gateway_api_key"]["token"] is None


def test_the_lookup_reads_every_page(monkeypatch):
    page_2 = API + "/ai_gateway_api_keys?before_id=aigk_2&limit=1"
    result, session = run_module(monkeypatch, ngrok_ai_gateway_api_key, {"description": "bot"}, [
        Call("GET", "/ai_gateway_api_keys", query=NO_FILTER, body=listing(key("aigk_2", "other"), next_page=page_2)),
        Call("GET", "/ai_gateway_api_keys", query={"before_id": "aigk_2", "limit": "1"}, body=listing(key())),
    ])
    assert result["changed"] is False and len(session.requests) == 2


def test_update_sends_only_what_differs(monkeypatch):
    args = {"description": "bot", "metadata": "new", "endpoint_id": "ep_1"}
    result, session = run_module(monkeypatch, ngrok_ai_gateway_api_key, args, [
        Call("GET", "/ai_gateway_api_keys", query=NO_FILTER, body=listing(key(metadata="old"))),
        Call("PATCH", "/ai_gateway_api_keys/aigk_1", sent={"metadata": "new"}, body=key(metadata="new")),
    ], diff=True)
    assert result["changed"] and result["ai_gateway_api_key"]["metadata"] == "new"
    assert result["diff"]["before"]["metadata"] == "old" and result["diff"]["after"]["metadata"] == "new"


def test_the_gateway_can_be_changed(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_ai_gateway_api_key, {"description": "bot", "endpoint_id": "ep_2"}, [
        Call("GET", "/ai_gateway_api_keys", query=NO_FILTER, body=listing(key())),
        Call("PATCH", "/ai_gateway_api_keys/aigk_1", sent={"endpoint_id": "ep_2"}, body=key(endpoint_id="ep_2")),
    ])
    assert result["changed"] and result["ai_gateway_api_key"]["endpoint"]["id"] == "ep_2"


def test_rename_by_id(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_ai_gateway_api_key, {"id": "aigk_1", "description": "bot-v2"}, [
        Call("GET", "/ai_gateway_api_keys/aigk_1", body=key()),
        Call("PATCH", "/ai_gateway_api_keys/aigk_1", sent={"description": "bot-v2"}, body=key(description="bot-v2")),
    ])
    assert result["changed"] and result["ai_gateway_api_key"]["description"] == "bot-v2"


def test_check_mode_create_predicts_every_key_and_sends_only_the_listing(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_ai_gateway_api_key, {"description": "bot", "endpoint_id": "ep_1"}, [
        Call("GET", "/ai_gateway_api_keys", query=NO_FILTER, body=listing()),
    ], check_mode=True, diff=True)
    predicted = result["ai_gateway_api_key"]
    assert result["changed"] and session.methods == ["GET"]
    assert set(predicted) == set(AI_GATEWAY_API_KEY.response_keys)
    assert predicted["description"] == "bot" and predicted["endpoint"] == {"id": "ep_1", "uri": None}
    assert predicted["id"] is None and predicted["token"] is None and predicted["display_name"] is None
    assert result["diff"]["before"] == {}


def test_check_mode_update_predicts_without_patching(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_ai_gateway_api_key, {"description": "bot", "metadata": "new"}, [
        Call("GET", "/ai_gateway_api_keys", query=NO_FILTER, body=listing(key(metadata="old"))),
    ], check_mode=True)
    assert result["changed"] and result["ai_gateway_api_key"]["metadata"] == "new" and session.methods == ["GET"]


def test_delete_check_mode_delete_and_delete_again(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_ai_gateway_api_key, {"description": "bot", "state": "absent"}, [
        Call("GET", "/ai_gateway_api_keys", query=NO_FILTER, body=listing(key())),
    ], check_mode=True)
    assert result["changed"] and session.methods == ["GET"]
    result, session = run_module(monkeypatch, ngrok_ai_gateway_api_key, {"description": "bot", "state": "absent"}, [
        Call("GET", "/ai_gateway_api_keys", query=NO_FILTER, body=listing(key())),
        Call("DELETE", "/ai_gateway_api_keys/aigk_1", status=204),
    ])
    assert result["changed"] and result["ai_gateway_api_key"]["id"] == "aigk_1"
    result, session = run_module(monkeypatch, ngrok_ai_gateway_api_key, {"description": "bot", "state": "absent"}, [
        Call("GET", "/ai_gateway_api_keys", query=NO_FILTER, body=listing()),
    ])
    assert result["changed"] is False and result["ai_gateway_api_key"] == {}


def test_two_keys_with_the_description_are_an_error_naming_them(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_ai_gateway_api_key, {"description": "bot", "state": "absent"}, [
        Call("GET", "/ai_gateway_api_keys", query=NO_FILTER, body=listing(key("aigk_2"), key())),
    ])
    assert result["failed"] and "aigk_1" in result["msg"] and "aigk_2" in result["msg"] and session.methods == ["GET"]


def test_bad_input_is_refused_before_any_request(monkeypatch):
    for args, words in [
        ({"metadata": "m"}, "set description (or set id)"),
        ({"description": " ", "state": "absent"}, "description must not be empty"),
        ({"id": "ak_1"}, "must be the id of an AI Gateway API key (aigk_..."),
        ({"description": "bot", "state": "gone"}, "state"),
    ]:
        result, session = run_module(monkeypatch, ngrok_ai_gateway_api_key, args, [])
        assert result["failed"] and words in result["msg"] and session.requests == []


def test_a_key_needs_its_gateway_to_be_created(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_ai_gateway_api_key, {"description": "bot"}, [
        Call("GET", "/ai_gateway_api_keys", query=NO_FILTER, body=listing()),
    ])
    assert result["failed"] and "to create an AI Gateway API key, set endpoint_id" in result["msg"] and session.methods == ["GET"]


def test_the_apis_refusals_carry_their_code_and_operation(monkeypatch):
    for status, code, msg in [
        (404, "ERR_NGROK_27002", "The specified endpoint, ep_9, was not found."),
        (422, "ERR_NGROK_27003", "The specified endpoint, ep_9, does not have AI Gateway action enabled."),
    ]:
        result, session = run_module(monkeypatch, ngrok_ai_gateway_api_key, {"description": "bot", "endpoint_id": "ep_9"}, [
            Call("GET", "/ai_gateway_api_keys", query=NO_FILTER, body=listing()),
            Call("POST", "/ai_gateway_api_keys", status=status, body=api_error(status, code, msg)),
        ])
        assert result["failed"] and result["error_code"] == code and result["status_code"] == status
        assert result["operation_id"] == "op_" + code[-5:] and result["changed"] is False


# -- ngrok_ai_gateway_api_key_info -------------------------------------------------------------------

def test_info_narrows_the_listing_locally(monkeypatch):
    keys = listing(key("aigk_3", "bot", endpoint_id="ep_2"), key("aigk_2", "other"), key())
    result, session = run_module(monkeypatch, ngrok_ai_gateway_api_key_info, {"description": "bot", "endpoint_id": "ep_1"}, [
        Call("GET", "/ai_gateway_api_keys", query=NO_FILTER, body=keys),
    ])
    assert result["changed"] is False and [k["id"] for k in result["ai_gateway_api_keys"]] == ["aigk_1"]
    result, session = run_module(monkeypatch, ngrok_ai_gateway_api_key_info, {"endpoint_id": "ep_1"}, [
        Call("GET", "/ai_gateway_api_keys", query=NO_FILTER, body=keys),
    ], check_mode=True)
    assert [k["id"] for k in result["ai_gateway_api_keys"]] == ["aigk_2", "aigk_1"]


def test_info_by_id_never_shows_a_token_and_offers_no_filter(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_ai_gateway_api_key_info, {"id": "aigk_1"}, [
        Call("GET", "/ai_gateway_api_keys/aigk_1", body=key(token=TOKEN)),
    ])
    assert result["ai_gateway_api_keys"][0]["token"] is None
    result, session = run_module(monkeypatch, ngrok_ai_gateway_api_key_info, {"filter": "true"}, [])
    assert result["failed"] and "filter" in result["msg"]
