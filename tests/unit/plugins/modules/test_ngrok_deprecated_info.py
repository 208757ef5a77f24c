# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""ngrok_tunnel_info and ngrok_bot_user_info: resources ngrok deprecated, read only, with a warning on every run."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.ngrok.ngrok.plugins.modules import ngrok_bot_user_info, ngrok_tunnel_info
from ansible_collections.ngrok.ngrok.tests.unit.plugins.fake_api import API, Call
from ansible_collections.ngrok.ngrok.tests.unit.plugins.module_runner import run_module

NOT_FOUND = {"status_code": 404, "msg": "Resource not found", "details": {"operation_id": "op_404"}}


def tunnel(tunnel_id, session_id="ts_1", public_url=None, proto="https", region="us"):
    obj = {"id": tunnel_id, "started_at": "2026-11-27T10:11:22Z", "proto": proto, "region": region,
           "tunnel_session": {"id": session_id, "uri": API + "/tunnel_sessions/" + session_id},
           "forwards_to": "http://localhost:80"}
    if public_url:
        obj["public_url"] = public_url
    return obj


def tunnels(*items):
    return {"tunnels": list(items), "uri": API + "/tunnels", "next_page_uri": None}


def bot(bot_id="bot_1", name="ci-bot", active=True):
    return {"id": bot_id, "uri": API + "/bot_users/" + bot_id, "name": name, "active": active,
            "created_at": "2026-11-27T10:11:43Z"}


def bots(*items):
    return {"bot_users": list(items), "uri": API + "/bot_users", "next_page_uri": None}


def test_tunnels_by_session_and_url_checked_on_the_listing(monkeypatch):
    listed = tunnels(tunnel("tn_3", "ts_2", "https://b.example.com"), tunnel("tn_2", "ts_1", "https://a.example.com"),
                     tunnel("tn_1", "ts_1", "tcp://1.tcp.ngrok.io:20000", proto="tcp"))
    result, session = run_module(monkeypatch, ngrok_tunnel_info, {"tunnel_session_id": "ts_1"}, [
        Call("GET", "/tunnels", query={}, body=listed),
    ])
    assert [t["id"] for t in result["tunnels"]] == ["tn_2", "tn_1"] and result["changed"] is False
    result, session = run_module(monkeypatch, ngrok_tunnel_info, {"public_url": "HTTPS://A.example.com:443", "proto": "https"}, [
        Call("GET", "/tunnels", query={}, body=listed),
    ], check_mode=True)
    assert [t["id"] for t in result["tunnels"]] == ["tn_2"]
    # A URL pasted with a trailing "/".
    result, session = run_module(monkeypatch, ngrok_tunnel_info, {"public_url": "https://b.example.com/"}, [
        Call("GET", "/tunnels", query={}, body=listed),
    ])
    assert [t["id"] for t in result["tunnels"]] == ["tn_3"]


def test_tunnels_by_id(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_tunnel_info, {"id": "tn_9"}, [
        Call("GET", "/tunnels/tn_9", status=404, body=NOT_FOUND),
    ])
    assert result["tunnels"] == []


def test_bot_users_by_name_and_active_state(monkeypatch):
    listed = bots(bot("bot_3", "ci-bot", active=False), bot("bot_2", "other"), bot())
    result, session = run_module(monkeypatch, ngrok_bot_user_info, {"name": "ci-bot", "active": True}, [
        Call("GET", "/bot_users", query={}, body=listed),
    ])
    assert [b["id"] for b in result["bot_users"]] == ["bot_1"]
    result, session = run_module(monkeypatch, ngrok_bot_user_info, {"id": "bot_1"}, [
        Call("GET", "/bot_users/bot_1", body=bot()),
    ])
    assert [b["id"] for b in result["bot_users"]] == ["bot_1"]


@pytest.mark.parametrize("module,args,calls,replacement", [
    (ngrok_tunnel_info, {}, [Call("GET", "/tunnels", query={}, body=tunnels())], "ngrok.ngrok.ngrok_endpoint_info"),
    (ngrok_bot_user_info, {}, [Call("GET", "/bot_users", query={}, body=bots())], "ngrok.ngrok.ngrok_service_user_info"),
    (ngrok_bot_user_info, {"id": "bot_9"}, [Call("GET", "/bot_users/bot_9", status=404, body=NOT_FOUND)],
     "ngrok.ngrok.ngrok_service_user"),
])
def test_every_run_warns_and_names_the_replacement(monkeypatch, module, args, calls, replacement):
    result, session = run_module(monkeypatch, module, args, calls)
    assert not result.get("failed")
    assert any("deprecated" in w and replacement in w for w in result["warnings"])


@pytest.mark.parametrize("module,args,words", [
    (ngrok_tunnel_info, {"id": "tunnel 1"}, "must be the id of a tunnel"),
    (ngrok_tunnel_info, {"filter": "true"}, "filter"),
    (ngrok_bot_user_info, {"id": "bot_1", "name": "ci-bot"}, "mutually exclusive"),
    (ngrok_bot_user_info, {"name": ""}, "name must not be empty"),
])
def test_bad_input_is_refused_before_any_request(monkeypatch, module, args, words):
    result, session = run_module(monkeypatch, module, args, [])
    assert result["failed"] and words in result["msg"] and session.requests == []
