# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.access import SERVICE_USER
from ansible_collections.ngrok.ngrok.plugins.modules import ngrok_service_user, ngrok_service_user_info
from ansible_collections.ngrok.ngrok.tests.unit.plugins.fake_api import API, Call
from ansible_collections.ngrok.ngrok.tests.unit.plugins.module_runner import run_module

# ngrok documents only id and created_at as filterable for service users: a lookup by name lists them all.
NO_FILTER = {}


def user(user_id="service_1", name="ci", active=True):
    return {"id": user_id, "uri": API + "/service_users/" + user_id, "created_at": "2026-11-27T10:00:00Z",
            "name": name, "active": active}


def listing(*items, **kwargs):
    return {"service_users": list(items), "uri": API + "/service_users", "next_page_uri": kwargs.get("next_page")}


def test_create_after_listing_without_a_filter(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_service_user, {"name": "ci"}, [
        Call("GET", "/service_users", query=NO_FILTER, body=listing(user("service_2", "other"))),
        Call("POST", "/service_users", status=201, sent={"name": "ci"}, body=user()),
    ])
    assert result["changed"] and result["service_user"]["id"] == "service_1"


def test_unchanged_rerun_costs_one_listing(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_service_user, {"name": "ci", "active": True}, [
        Call("GET", "/service_users", query=NO_FILTER, body=listing(user("service_2", "other"), user())),
    ])
    assert result["changed"] is False and len(session.requests) == 1 and result["service_user"]["id"] == "service_1"


def test_the_lookup_reads_every_page(monkeypatch):
    page_2 = API + "/service_users?before_id=service_2&limit=1"
    result, session = run_module(monkeypatch, ngrok_service_user, {"name": "ci"}, [
        Call("GET", "/service_users", query=NO_FILTER, body=listing(user("service_2", "other"), next_page=page_2)),
        Call("GET", "/service_users", query={"before_id": "service_2", "limit": "1"}, body=listing(user())),
    ])
    assert result["changed"] is False and len(session.requests) == 2


def test_names_are_compared_exactly(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_service_user, {"name": "CI"}, [
        Call("GET", "/service_users", query=NO_FILTER, body=listing(user())),
        Call("POST", "/service_users", status=201, sent={"name": "CI"}, body=user("service_3", "CI")),
    ])
    assert result["changed"] and result["service_user"]["name"] == "CI"


def test_update_sends_only_what_differs(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_service_user, {"name": "ci", "active": False}, [
        Call("GET", "/service_users", query=NO_FILTER, body=listing(user())),
        Call("PATCH", "/service_users/service_1", sent={"active": False}, body=user(active=False)),
    ], diff=True)
    assert result["changed"] and result["service_user"]["active"] is False
    assert result["diff"]["before"]["active"] is True and result["diff"]["after"]["active"] is False


def test_rename_through_the_id(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_service_user, {"id": "service_1", "name": "deployer", "active": True}, [
        Call("GET", "/service_users/service_1", body=user()),
        Call("PATCH", "/service_users/service_1", sent={"name": "deployer"}, body=user(name="deployer")),
    ])
    assert result["changed"] and result["service_user"]["name"] == "deployer"


def test_a_name_taken_by_another_service_user_is_the_apis_error(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_service_user, {"id": "service_1", "name": "other"}, [
        Call("GET", "/service_users/service_1", body=user()),
        Call("PATCH", "/service_users/service_1", status=409, body={
            "error_code": "ERR_NGROK_4112", "status_code": 409, "msg": "Service User names must be unique within an account.",
            "details": {"operation_id": "op_4112"}}),
    ])
    assert result["failed"] and result["error_code"] == "ERR_NGROK_4112" and result["operation_id"] == "op_4112"
    assert result["changed"] is False


def test_check_mode_create_predicts_an_active_user(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_service_user, {"name": "ci"}, [
        Call("GET", "/service_users", query=NO_FILTER, body=listing()),
    ], check_mode=True, diff=True)
    predicted = result["service_user"]
    assert result["changed"] and session.methods == ["GET"]
    assert set(predicted) == set(SERVICE_USER.response_keys)
    assert predicted == {"id": None, "uri": None, "created_at": None, "name": "ci", "active": True}
    assert result["diff"]["before"] == {} and result["diff"]["after"]["name"] == "ci"


def test_check_mode_create_inactive(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_service_user, {"name": "ci", "active": False}, [
        Call("GET", "/service_users", query=NO_FILTER, body=listing()),
    ], check_mode=True)
    assert result["service_user"]["active"] is False


def test_delete_check_mode_delete_and_delete_again(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_service_user, {"name": "ci", "state": "absent"}, [
        Call("GET", "/service_users", query=NO_FILTER, body=listing(user())),
    ], check_mode=True)
    assert result["changed"] and session.methods == ["GET"]
    result, session = run_module(monkeypatch, ngrok_service_user, {"name": "ci", "state": "absent"}, [
        Call("GET", "/service_users", query=NO_FILTER, body=listing(user())),
        Call("DELETE", "/service_users/service_1", status=204),
    ])
    assert result["changed"] and result["service_user"]["id"] == "service_1"
    result, session = run_module(monkeypatch, ngrok_service_user, {"name": "ci", "state": "absent"}, [
        Call("GET", "/service_users", query=NO_FILTER, body=listing()),
    ])
    assert result["changed"] is False and result["service_user"] == {}


def test_bad_input_is_refused_before_any_request(monkeypatch):
    for args, words in [
        ({"name": "", "state": "absent"}, "name must not be empty"),
        ({"active": True}, "set name (or set id)"),
        ({"id": "service 1"}, "must be the id of a service user"),
        ({"name": "ci", "active": "maybe"}, "active"),
    ]:
        result, session = run_module(monkeypatch, ngrok_service_user, args, [])
        assert result["failed"] and words in result["msg"] and session.requests == []


def test_an_api_refusal_on_create_carries_the_error_code(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_service_user, {"name": "x" * 300}, [
        Call("GET", "/service_users", query=NO_FILTER, body=listing()),
        Call("POST", "/service_users", status=400, body={
            "error_code": "ERR_NGROK_4110", "status_code": 400, "msg": "Service User name exceeds max length.",
            "details": {"operation_id": "op_4110"}}),
    ])
    assert result["failed"] and result["error_code"] == "ERR_NGROK_4110" and result["operation_id"] == "op_4110"


# -- ngrok_service_user_info -------------------------------------------------------------------------

def test_info_by_name_and_active_lists_without_a_filter(monkeypatch):
    users = listing(user("service_3", "ci", active=False), user("service_2", "other"), user())
    result, session = run_module(monkeypatch, ngrok_service_user_info, {"name": "ci", "active": True}, [
        Call("GET", "/service_users", query=NO_FILTER, body=users),
    ])
    assert result["changed"] is False and [u["id"] for u in result["service_users"]] == ["service_1"]


def test_info_inactive_only(monkeypatch):
    users = listing(user("service_3", "ci", active=False), user())
    result, session = run_module(monkeypatch, ngrok_service_user_info, {"active": False}, [
        Call("GET", "/service_users", query=NO_FILTER, body=users),
    ])
    assert [u["id"] for u in result["service_users"]] == ["service_3"]


def test_info_by_id_and_with_a_filter(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_service_user_info, {"id": "service_1"}, [
        Call("GET", "/service_users/service_1", body=user()),
    ])
    assert [u["id"] for u in result["service_users"]] == ["service_1"]
    result, session = run_module(monkeypatch, ngrok_service_user_info, {"name": "ci", "filter": 'obj.id == "service_1"'}, [
        Call("GET", "/service_users", query={"filter": 'obj.id == "service_1"'}, body=listing(user())),
    ], check_mode=True)
    assert [u["id"] for u in result["service_users"]] == ["service_1"]
