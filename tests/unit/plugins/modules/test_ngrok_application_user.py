# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Application users and application sessions: created by end users signing in, only read and deleted here."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.ngrok.ngrok.plugins.modules import (
    ngrok_application_session,
    ngrok_application_session_info,
    ngrok_application_user,
    ngrok_application_user_info,
)
from ansible_collections.ngrok.ngrok.tests.unit.plugins.fake_api import API, Call
from ansible_collections.ngrok.ngrok.tests.unit.plugins.module_runner import run_module

NOT_FOUND = {"status_code": 404, "msg": "Resource not found", "details": {"operation_id": "op_404"}}
# The API cannot filter application users or sessions: every lookup lists them.
NO_FILTER = {}
GOOGLE = {"name": "Google", "url": "https://accounts.google.com"}
GITHUB = {"name": "GitHub", "url": "https://github.com"}


def user(user_id="appusr_1", email="alice@example.com", provider=None, provider_user_id="1098"):
    return {"id": user_id, "uri": API + "/app/users/" + user_id, "identity_provider": provider or GOOGLE,
            "provider_user_id": provider_user_id, "username": "alice", "email": email, "name": "Alice Example",
            "created_at": "2026-11-27T10:00:00Z", "last_active": "2026-11-28T08:00:00Z", "last_login": "2026-11-28T07:59:12Z"}


def users(*items, **kwargs):
    return {"application_users": list(items), "uri": API + "/app/users", "next_page_uri": kwargs.get("next_page")}


def app_session(session_id="appsess_1", user_id="appusr_1", public_url="https://admin.example.com"):
    return {"id": session_id, "uri": API + "/app/sessions/" + session_id, "public_url": public_url,
            "browser_session": {"ip_address": "203.0.113.7"},
            "application_user": {"id": user_id, "uri": API + "/app/users/" + user_id},
            "created_at": "2026-11-27T10:00:00Z", "last_active": "2026-11-28T08:00:00Z",
            "expires_at": "2026-12-04T10:00:00Z", "endpoint": {"id": "ep_1", "uri": API + "/endpoints/ep_1"},
            "edge": None, "route": None}


def sessions(*items):
    return {"application_sessions": list(items), "uri": API + "/app/sessions", "next_page_uri": None}


# -- ngrok_application_user ----------------------------------------------------------------------------

def test_delete_by_email_and_provider_name_written_another_way(monkeypatch):
    args = {"email": " Alice@Example.COM", "identity_provider_name": "google"}
    listed = users(user("appusr_2", provider=GITHUB, provider_user_id="77"), user())
    result, session = run_module(monkeypatch, ngrok_application_user, args, [
        Call("GET", "/app/users", query=NO_FILTER, body=listed),
        Call("DELETE", "/app/users/appusr_1", status=204),
    ], diff=True)
    assert result["changed"] is True and result["application_user"]["id"] == "appusr_1"
    assert result["diff"]["before"]["email"] == "alice@example.com" and result["diff"]["after"] == {}


def test_the_provider_url_is_compared_as_the_api_writes_urls(monkeypatch):
    args = {"provider_user_id": "77", "identity_provider_url": "HTTPS://GitHub.com:443/"}
    result, session = run_module(monkeypatch, ngrok_application_user, args, [
        Call("GET", "/app/users", query=NO_FILTER, body=users(user("appusr_2", provider=GITHUB, provider_user_id="77"), user())),
        Call("DELETE", "/app/users/appusr_2", status=204),
    ])
    assert result["changed"] is True and result["application_user"]["id"] == "appusr_2"


def test_the_lookup_reads_every_page(monkeypatch):
    page_2 = API + "/app/users?before_id=appusr_3&limit=1"
    args = {"email": "alice@example.com", "identity_provider_name": "Google"}
    result, session = run_module(monkeypatch, ngrok_application_user, args, [
        Call("GET", "/app/users", query=NO_FILTER, body=users(user("appusr_3", email="bob@example.com"), next_page=page_2)),
        Call("GET", "/app/users", query={"before_id": "appusr_3", "limit": "1"}, body=users(user())),
        Call("DELETE", "/app/users/appusr_1", status=204),
    ])
    assert result["changed"] is True


def test_check_mode_delete_then_delete_then_delete_again(monkeypatch):
    args = {"email": "alice@example.com", "identity_provider_url": "https://accounts.google.com"}
    result, session = run_module(monkeypatch, ngrok_application_user, args, [
        Call("GET", "/app/users", query=NO_FILTER, body=users(user())),
    ], check_mode=True)
    assert result["changed"] is True and session.methods == ["GET"] and result["application_user"]["id"] == "appusr_1"
    result, session = run_module(monkeypatch, ngrok_application_user, dict(args, state="absent"), [
        Call("GET", "/app/users", query=NO_FILTER, body=users(user())),
        Call("DELETE", "/app/users/appusr_1", status=204),
    ])
    assert result["changed"] is True
    result, session = run_module(monkeypatch, ngrok_application_user, args, [
        Call("GET", "/app/users", query=NO_FILTER, body=users()),
    ])
    assert result["changed"] is False and result["application_user"] == {} and len(session.requests) == 1


def test_by_id(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_application_user, {"id": "appusr_1"}, [
        Call("GET", "/app/users/appusr_1", body=user()),
        Call("DELETE", "/app/users/appusr_1", status=204),
    ])
    assert result["changed"] is True
    result, session = run_module(monkeypatch, ngrok_application_user, {"id": "appusr_1"}, [
        Call("GET", "/app/users/appusr_1", status=404, body=NOT_FOUND),
    ])
    assert result["changed"] is False and result["application_user"] == {}


def test_two_users_of_one_provider_with_the_email_are_never_guessed_between(monkeypatch):
    listed = users(user("appusr_2", provider_user_id="2"), user("appusr_1", provider_user_id="1"))
    result, session = run_module(monkeypatch, ngrok_application_user, {"email": "alice@example.com", "identity_provider_name": "Google"}, [
        Call("GET", "/app/users", query=NO_FILTER, body=listed),
    ])
    assert result["failed"] and "appusr_1, appusr_2" in result["msg"] and "id" in result["msg"]
    assert session.methods == ["GET"]


def test_a_refused_delete_carries_the_error_code(monkeypatch):
    refused = {"error_code": "ERR_NGROK_218", "status_code": 400, "msg": "refused", "details": {"operation_id": "op_9"}}
    result, session = run_module(monkeypatch, ngrok_application_user, {"id": "appusr_1"}, [
        Call("GET", "/app/users/appusr_1", body=user()),
        Call("DELETE", "/app/users/appusr_1", status=400, body=refused),
    ])
    assert result["failed"] and result["error_code"] == "ERR_NGROK_218" and result["operation_id"] == "op_9"


@pytest.mark.parametrize("args,words", [
    ({}, "set email or provider_user_id (or set id)"),
    ({"email": "alice@example.com"}, "set identity_provider_name or identity_provider_url (or set id)"),
    ({"email": "  ", "identity_provider_name": "Google"}, "email must not be empty"),
    ({"id": "appusr_1", "email": "alice@example.com"}, "mutually exclusive"),
    ({"id": "user 1"}, "must be the id of an application user"),
    ({"id": "appusr_1", "state": "present"}, "state"),
])
def test_user_bad_input_is_refused_before_any_request(monkeypatch, args, words):
    result, session = run_module(monkeypatch, ngrok_application_user, args, [])
    assert result["failed"] and words in result["msg"] and session.requests == []


def test_user_info_narrowing_is_checked_on_the_listed_users(monkeypatch):
    listed = users(user("appusr_2", provider=GITHUB, provider_user_id="77"), user())
    result, session = run_module(monkeypatch, ngrok_application_user_info, {"email": "ALICE@example.com"}, [
        Call("GET", "/app/users", query=NO_FILTER, body=listed),
    ])
    assert [u["id"] for u in result["application_users"]] == ["appusr_2", "appusr_1"]
    result, session = run_module(monkeypatch, ngrok_application_user_info, {"identity_provider_url": "https://github.com/"}, [
        Call("GET", "/app/users", query=NO_FILTER, body=listed),
    ], check_mode=True)
    assert [u["id"] for u in result["application_users"]] == ["appusr_2"] and result["changed"] is False
    assert "ngrok.ngrok.info" not in ngrok_application_user_info.DOCUMENTATION


def test_user_info_offers_no_filter_the_api_would_refuse(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_application_user_info, {"filter": "true"}, [])
    assert result["failed"] and "filter" in result["msg"] and session.requests == []


# -- ngrok_application_session -------------------------------------------------------------------------

def test_session_check_mode_delete_then_delete_then_delete_again(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_application_session, {"id": "appsess_1"}, [
        Call("GET", "/app/sessions/appsess_1", body=app_session()),
    ], check_mode=True, diff=True)
    assert result["changed"] is True and session.methods == ["GET"]
    assert result["application_session"]["application_user"]["id"] == "appusr_1" and result["diff"]["after"] == {}
    result, session = run_module(monkeypatch, ngrok_application_session, {"id": "appsess_1", "state": "absent"}, [
        Call("GET", "/app/sessions/appsess_1", body=app_session()),
        Call("DELETE", "/app/sessions/appsess_1", status=204),
    ])
    assert result["changed"] is True and result["application_session"]["id"] == "appsess_1"
    result, session = run_module(monkeypatch, ngrok_application_session, {"id": "appsess_1"}, [
        Call("GET", "/app/sessions/appsess_1", status=404, body=NOT_FOUND),
    ])
    assert result["changed"] is False and result["application_session"] == {}


@pytest.mark.parametrize("args,words", [
    ({}, "missing required arguments: id"),
    ({"id": "session 1"}, "must be the id of an application session"),
    ({"id": "appsess_1", "state": "present"}, "state"),
])
def test_session_bad_input_is_refused_before_any_request(monkeypatch, args, words):
    result, session = run_module(monkeypatch, ngrok_application_session, args, [])
    assert result["failed"] and words in result["msg"] and session.requests == []


def test_session_info_by_user_and_url(monkeypatch):
    listed = sessions(app_session("appsess_3", "appusr_2"), app_session("appsess_2", public_url="https://app.example.com"),
                      app_session())
    result, session = run_module(monkeypatch, ngrok_application_session_info, {"application_user_id": "appusr_1"}, [
        Call("GET", "/app/sessions", query=NO_FILTER, body=listed),
    ])
    assert [s["id"] for s in result["application_sessions"]] == ["appsess_2", "appsess_1"]
    result, session = run_module(monkeypatch, ngrok_application_session_info, {
        "application_user_id": "appusr_1", "public_url": "HTTPS://Admin.Example.com:443"}, [
        Call("GET", "/app/sessions", query=NO_FILTER, body=listed),
    ])
    assert [s["id"] for s in result["application_sessions"]] == ["appsess_1"]
    # A URL pasted with a trailing "/".
    result, session = run_module(monkeypatch, ngrok_application_session_info, {"public_url": "https://app.example.com/"}, [
        Call("GET", "/app/sessions", query=NO_FILTER, body=listed),
    ])
    assert [s["id"] for s in result["application_sessions"]] == ["appsess_2"]
    result, session = run_module(monkeypatch, ngrok_application_session_info, {"id": "appsess_9"}, [
        Call("GET", "/app/sessions/appsess_9", status=404, body=NOT_FOUND),
    ])
    assert result["application_sessions"] == []
