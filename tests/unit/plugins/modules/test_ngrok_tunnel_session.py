# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.ngrok.ngrok.plugins.modules import ngrok_tunnel_session, ngrok_tunnel_session_info
from ansible_collections.ngrok.ngrok.tests.unit.plugins.fake_api import API, Call
from ansible_collections.ngrok.ngrok.tests.unit.plugins.module_runner import run_module

NOT_FOUND = {"status_code": 404, "msg": "Resource not found", "details": {"operation_id": "op_404"}}
BY_CREDENTIAL = {"filter": 'obj.credential.id == "cr_1"'}


def session(session_id="ts_1", credential="cr_1", transport="ngrok/2", **extra):
    obj = {"id": session_id, "uri": API + "/tunnel_sessions/" + session_id, "agent_version": "3.19.0",
           "credential": {"id": credential, "uri": API + "/credentials/" + credential}, "ip": "203.0.113.10",
           "os": "linux", "region": "us", "started_at": "2026-11-27T10:11:27Z", "transport": transport}
    obj.update(extra)
    return obj


def listing(*items):
    return {"tunnel_sessions": list(items), "uri": API + "/tunnel_sessions", "next_page_uri": None}


def refusal(code, msg, status=400):
    return {"error_code": code, "status_code": status, "msg": msg, "details": {"operation_id": "op_" + code[-4:]}}


def test_restart_every_session_of_a_credential_answered_204_without_a_body(monkeypatch):
    # ngrok's Python client raises on these empty 204 answers; the collection's client takes them as success.
    result, session_ = run_module(monkeypatch, ngrok_tunnel_session, {"credential_id": "cr_1", "state": "restarted"}, [
        Call("GET", "/tunnel_sessions", query=BY_CREDENTIAL, body=listing(session("ts_2"), session("ts_1"))),
        Call("POST", "/tunnel_sessions/ts_2/restart", status=204, sent={}),
        Call("POST", "/tunnel_sessions/ts_1/restart", status=204, sent={}),
    ])
    assert result["changed"] is True and not result.get("failed")
    assert result["ids"] == ["ts_2", "ts_1"] and result["count"] == 2
    assert [s["id"] for s in result["tunnel_sessions"]] == ["ts_2", "ts_1"]
    assert result["tunnel_sessions"][0]["credential"]["id"] == "cr_1"


@pytest.mark.parametrize("state,action", [("restarted", "restart"), ("updated", "update"), ("stopped", "stop")])
def test_each_state_sends_its_command_to_a_session_given_by_id(monkeypatch, state, action):
    result, session_ = run_module(monkeypatch, ngrok_tunnel_session, {"id": "ts_1", "state": state}, [
        Call("GET", "/tunnel_sessions/ts_1", body=session()),
        Call("POST", "/tunnel_sessions/ts_1/" + action, status=204, sent={}),
    ])
    assert result["changed"] is True and result["ids"] == ["ts_1"] and result["count"] == 1


def test_restarted_and_updated_report_a_change_on_every_run(monkeypatch):
    for _run in range(2):
        result, session_ = run_module(monkeypatch, ngrok_tunnel_session, {"id": "ts_1", "state": "updated"}, [
            Call("GET", "/tunnel_sessions/ts_1", body=session()),
            Call("POST", "/tunnel_sessions/ts_1/update", status=204, sent={}),
        ])
        assert result["changed"] is True


@pytest.mark.parametrize("state", ["restarted", "stopped", "updated"])
def test_check_mode_sends_only_reads_and_lists_what_it_would_act_on(monkeypatch, state):
    result, session_ = run_module(monkeypatch, ngrok_tunnel_session, {"credential_id": "cr_1", "state": state}, [
        Call("GET", "/tunnel_sessions", query=BY_CREDENTIAL, body=listing(session("ts_2"), session("ts_1"))),
    ], check_mode=True)
    assert result["changed"] is True and session_.methods == ["GET"]
    assert result["ids"] == ["ts_2", "ts_1"] and result["count"] == 2 and len(result["tunnel_sessions"]) == 2


def test_stopping_a_session_that_no_longer_exists_changes_nothing(monkeypatch):
    for check_mode in (False, True):
        result, session_ = run_module(monkeypatch, ngrok_tunnel_session, {"id": "ts_9", "state": "stopped"}, [
            Call("GET", "/tunnel_sessions/ts_9", status=404, body=NOT_FOUND),
        ], check_mode=check_mode)
        assert result["changed"] is False and not result.get("failed")
        assert result["ids"] == [] and result["count"] == 0 and result["tunnel_sessions"] == []


@pytest.mark.parametrize("state", ["restarted", "updated"])
def test_restarting_or_updating_a_session_that_does_not_exist_fails(monkeypatch, state):
    result, session_ = run_module(monkeypatch, ngrok_tunnel_session, {"id": "ts_9", "state": state}, [
        Call("GET", "/tunnel_sessions/ts_9", status=404, body=NOT_FOUND),
    ])
    assert result["failed"] and "no tunnel session with id 'ts_9'" in result["msg"] and result["changed"] is False


def test_narrowing_that_selects_no_session_changes_nothing(monkeypatch):
    result, session_ = run_module(monkeypatch, ngrok_tunnel_session, {"credential_id": "cr_1", "state": "restarted"}, [
        Call("GET", "/tunnel_sessions", query=BY_CREDENTIAL, body=listing()),
    ])
    assert result["changed"] is False and result["count"] == 0 and not result.get("failed")


def test_narrowing_options_and_filter_make_one_cel_filter_and_are_checked_again(monkeypatch):
    cel = '(obj.metadata == "edge-1") && (obj.region == "eu") && (obj.agent_version != "3.19.0")'
    result, session_ = run_module(monkeypatch, ngrok_tunnel_session, {
        "metadata": "edge-1", "region": "eu", "filter": 'obj.agent_version != "3.19.0"', "state": "updated"}, [
        Call("GET", "/tunnel_sessions", query={"filter": cel}, body=listing(
            session("ts_3", metadata="edge-1", region="us"), session("ts_2", metadata="edge-1", region="eu"))),
        Call("POST", "/tunnel_sessions/ts_2/update", status=204, sent={}),
    ])
    assert result["ids"] == ["ts_2"]


def test_an_ssh_session_refuses_a_restart_with_its_error_code(monkeypatch):
    result, session_ = run_module(monkeypatch, ngrok_tunnel_session, {"id": "ts_1", "state": "restarted"}, [
        Call("GET", "/tunnel_sessions/ts_1", body=session(credential="sshcr_1", transport="ssh")),
        Call("POST", "/tunnel_sessions/ts_1/restart", status=400,
             body=refusal("ERR_NGROK_1122", "SSH sessions do not support restart.")),
    ])
    assert result["failed"] and result["changed"] is False
    assert result["error_code"] == "ERR_NGROK_1122" and result["operation_id"] == "op_1122" and result["status_code"] == 400
    assert "ERR_NGROK_1122" in result["msg"] and "SSH sessions do not support restart" in result["msg"]
    assert result["ids"] == [] and result["count"] == 0


def test_an_ssh_session_refuses_an_update_with_its_error_code(monkeypatch):
    result, session_ = run_module(monkeypatch, ngrok_tunnel_session, {"id": "ts_1", "state": "updated"}, [
        Call("GET", "/tunnel_sessions/ts_1", body=session(credential="sshcr_1", transport="ssh")),
        Call("POST", "/tunnel_sessions/ts_1/update", status=400,
             body=refusal("ERR_NGROK_1121", "SSH sessions do not support update.")),
    ])
    assert result["failed"] and result["error_code"] == "ERR_NGROK_1121"


def test_a_refusal_after_other_sessions_stops_there_and_lists_them(monkeypatch):
    result, session_ = run_module(monkeypatch, ngrok_tunnel_session, {"region": "us", "state": "restarted"}, [
        Call("GET", "/tunnel_sessions", query={"filter": 'obj.region == "us"'},
             body=listing(session("ts_3"), session("ts_2", transport="ssh"), session("ts_1"))),
        Call("POST", "/tunnel_sessions/ts_3/restart", status=204, sent={}),
        Call("POST", "/tunnel_sessions/ts_2/restart", status=400,
             body=refusal("ERR_NGROK_1122", "SSH sessions do not support restart.")),
    ])
    assert result["failed"] and result["changed"] is True
    assert result["ids"] == ["ts_3"] and result["count"] == 1 and result["error_code"] == "ERR_NGROK_1122"
    assert "ts_3" in result["msg"] and "may have changed" in result["msg"]


def test_a_session_that_ends_before_its_stop_is_skipped(monkeypatch):
    result, session_ = run_module(monkeypatch, ngrok_tunnel_session, {"metadata": "edge", "state": "stopped"}, [
        Call("GET", "/tunnel_sessions", query={"filter": 'obj.metadata == "edge"'},
             body=listing(session("ts_2", metadata="edge"), session("ts_1", metadata="edge"))),
        Call("POST", "/tunnel_sessions/ts_2/stop", status=404, body=NOT_FOUND),
        Call("POST", "/tunnel_sessions/ts_1/stop", status=204, sent={}),
    ])
    assert result["changed"] is True and result["ids"] == ["ts_1"]


def test_a_session_that_ends_before_its_restart_is_an_error(monkeypatch):
    result, session_ = run_module(monkeypatch, ngrok_tunnel_session, {"id": "ts_1", "state": "restarted"}, [
        Call("GET", "/tunnel_sessions/ts_1", body=session()),
        Call("POST", "/tunnel_sessions/ts_1/restart", status=404, body=NOT_FOUND),
    ])
    assert result["failed"] and "no longer exists" in result["msg"] and result["operation_id"] == "op_404"


def test_a_stop_whose_answer_is_lost_is_checked_by_reading_the_session(monkeypatch):
    unavailable = refusal("ERR_NGROK_9999", "unavailable", status=503)
    result, session_ = run_module(monkeypatch, ngrok_tunnel_session, {"id": "ts_1", "state": "stopped"}, [
        Call("GET", "/tunnel_sessions/ts_1", body=session()),
        Call("POST", "/tunnel_sessions/ts_1/stop", status=503, body=unavailable),
        Call("GET", "/tunnel_sessions/ts_1", status=404, body=NOT_FOUND),
    ])
    assert result["changed"] is True and result["ids"] == ["ts_1"] and not result.get("failed")


def test_a_restart_whose_answer_is_lost_is_not_sent_again(monkeypatch):
    unavailable = refusal("ERR_NGROK_9999", "unavailable", status=502)
    result, session_ = run_module(monkeypatch, ngrok_tunnel_session, {"id": "ts_1", "state": "restarted"}, [
        Call("GET", "/tunnel_sessions/ts_1", body=session()),
        Call("POST", "/tunnel_sessions/ts_1/restart", status=502, body=unavailable),
    ])
    assert result["failed"] and result["changed"] is True and "not sent again" in result["msg"]


@pytest.mark.parametrize("args,words", [
    ({"state": "restarted"}, "one of the following is required"),
    ({"id": "ts_1", "metadata": "edge", "state": "stopped"}, "mutually exclusive"),
    ({"id": "ts_1", "filter": "true", "state": "stopped"}, "mutually exclusive"),
    ({"id": "session 1", "state": "stopped"}, "must be the id of a tunnel session"),
    ({"metadata": " ", "state": "stopped"}, "metadata must not be empty"),
    ({"filter": "", "state": "stopped"}, "filter must not be empty"),
    ({"id": "ts_1"}, "state"),
    ({"id": "ts_1", "state": "started"}, "state"),
])
def test_bad_input_is_refused_before_any_request(monkeypatch, args, words):
    result, session_ = run_module(monkeypatch, ngrok_tunnel_session, args, [])
    assert result["failed"] and words in result["msg"] and session_.requests == []


# -- ngrok_tunnel_session_info -----------------------------------------------------------------------

def test_info_by_credential_and_os(monkeypatch):
    result, session_ = run_module(monkeypatch, ngrok_tunnel_session_info, {"credential_id": "cr_1", "os": "darwin"}, [
        Call("GET", "/tunnel_sessions", query={"filter": '(obj.credential.id == "cr_1") && (obj.os == "darwin")'},
             body=listing(session("ts_2", os="darwin"))),
    ], check_mode=True)
    assert result["changed"] is False and [s["id"] for s in result["tunnel_sessions"]] == ["ts_2"]


def test_info_by_id_that_does_not_exist(monkeypatch):
    result, session_ = run_module(monkeypatch, ngrok_tunnel_session_info, {"id": "ts_9"}, [
        Call("GET", "/tunnel_sessions/ts_9", status=404, body=NOT_FOUND),
    ])
    assert result["tunnel_sessions"] == []


def test_info_falls_back_to_listing_when_the_api_refuses_the_credential_filter(monkeypatch):
    refused = refusal("ERR_NGROK_250", "Invalid CEL query: unknown field")
    result, session_ = run_module(monkeypatch, ngrok_tunnel_session_info, {"credential_id": "cr_1"}, [
        Call("GET", "/tunnel_sessions", query=BY_CREDENTIAL, status=400, body=refused),
        Call("GET", "/tunnel_sessions", query={}, body=listing(session("ts_2", credential="cr_2"), session("ts_1"))),
    ])
    assert [s["id"] for s in result["tunnel_sessions"]] == ["ts_1"]
    assert any("every tunnel session was listed instead" in w for w in result["warnings"])


def test_check_mode_warns_of_the_ssh_sessions_the_api_would_refuse(monkeypatch):
    result, session_ = run_module(monkeypatch, ngrok_tunnel_session, {"region": "us", "state": "restarted"}, [
        Call("GET", "/tunnel_sessions", query={"filter": 'obj.region == "us"'},
             body=listing(session("ts_2", transport="ssh"), session("ts_1"))),
    ], check_mode=True)
    assert result["changed"] is True and result["ids"] == ["ts_2", "ts_1"]
    assert [w for w in result["warnings"] if "ERR_NGROK_1122" in w and "ts_2" in w and "ts_1" not in w]
    result, session_ = run_module(monkeypatch, ngrok_tunnel_session, {"region": "us", "state": "stopped"}, [
        Call("GET", "/tunnel_sessions", query={"filter": 'obj.region == "us"'}, body=listing(session("ts_2", transport="ssh"))),
    ], check_mode=True)
    assert result["warnings"] == []
