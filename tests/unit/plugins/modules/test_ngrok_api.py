# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.ngrok.ngrok.plugins.modules import ngrok_api
from ansible_collections.ngrok.ngrok.tests.unit.plugins.fake_api import API, Call
from ansible_collections.ngrok.ngrok.tests.unit.plugins.module_runner import run_module


def test_get_is_not_a_change_and_returns_the_answer(monkeypatch):
    result, _session = run_module(monkeypatch, ngrok_api, {"path": "/ip_policies/ipp_1"}, [
        Call("GET", "/ip_policies/ipp_1", body={"id": "ipp_1"}),
    ])
    assert result["changed"] is False and result["status"] == 200 and result["json"] == {"id": "ipp_1"}


def test_paginate_follows_every_page_and_finds_the_list_key(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_api, {"path": "/tunnels", "paginate": True, "query": {"limit": 1}}, [
        Call("GET", "/tunnels", query={"limit": "1"},
             body={"tunnels": [{"id": "tn_2"}], "uri": API + "/tunnels", "next_page_uri": API + "/tunnels?before_id=tn_2&limit=1"}),
        Call("GET", "/tunnels", query={"before_id": "tn_2", "limit": "1"},
             body={"tunnels": [{"id": "tn_1"}], "uri": API + "/tunnels", "next_page_uri": None}),
    ])
    assert [i["id"] for i in result["objects"]] == ["tn_2", "tn_1"] and len(session.requests) == 2


def test_check_mode_sends_no_change(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_api, {"path": "/ip_policies", "method": "POST", "body": {"description": "x"}}, [],
                                 check_mode=True)
    assert result["changed"] is True and result["status"] is None and session.requests == []


def test_a_post_is_a_change_and_sends_the_body(monkeypatch):
    result, _session = run_module(monkeypatch, ngrok_api, {"path": "/ip_policies", "method": "POST", "body": {"description": "x"}}, [
        Call("POST", "/ip_policies", status=201, sent={"description": "x"}, body={"id": "ipp_1"}),
    ])
    assert result["changed"] is True and result["status"] == 201


def test_a_post_whose_answer_is_lost_is_not_sent_again(monkeypatch):
    boom = {"status_code": 502, "msg": "bad gateway", "details": {"operation_id": "op_1"}}
    result, session = run_module(monkeypatch, ngrok_api, {"path": "/ip_policies", "method": "POST", "body": {}}, [
        Call("POST", "/ip_policies", status=502, body=boom),
    ])
    assert result["failed"] and result["changed"] is True and "not sent again" in result["msg"]
    assert len(session.requests) == 1


@pytest.mark.parametrize("path", ["ip_policies", "/ip_policies?filter=x", "/../x", "https://evil.example/x", "//x"])
def test_only_api_paths_are_accepted(monkeypatch, path):
    result, session = run_module(monkeypatch, ngrok_api, {"path": path}, [])
    assert result["failed"] and "path must be an API path" in result["msg"] and session.requests == []


def test_an_ambiguous_list_answer_needs_list_key(monkeypatch):
    body = {"a": [1], "b": [2], "next_page_uri": None}
    result, _session = run_module(monkeypatch, ngrok_api, {"path": "/x", "paginate": True}, [Call("GET", "/x", body=body)])
    assert result["failed"] and "list keys: a, b" in result["msg"]
    result, _session = run_module(monkeypatch, ngrok_api, {"path": "/x", "paginate": True, "list_key": "b"}, [Call("GET", "/x", body=body)])
    assert result["objects"] == [2]


def test_a_body_given_as_json_text_is_sent_as_the_object(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_api, {"path": "/ip_policies", "method": "POST", "body": '{"description": "x"}'}, [
        Call("POST", "/ip_policies", status=201, sent={"description": "x"}, body={"id": "ipp_1", "description": "x"}),
    ])
    assert result["changed"] and result["json"]["id"] == "ipp_1"


@pytest.mark.parametrize("body,message", [
    ('{"description": ', "body: text that is not JSON"),
    ([1, 2], "body: the API takes a JSON object, not list"),
    ('"just text"', "body: the API takes a JSON object, not str"),
])
def test_a_body_that_is_not_a_json_object_fails_before_any_request(monkeypatch, body, message):
    result, session = run_module(monkeypatch, ngrok_api, {"path": "/ip_policies", "method": "POST", "body": body}, [])
    assert result["failed"] and session.requests == [] and message in result["msg"]
