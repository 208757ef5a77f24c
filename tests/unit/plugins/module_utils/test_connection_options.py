# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The connection options every module shares: their environment variables, and what a task says about its waits."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest
import requests
from urllib3.exceptions import MaxRetryError, NewConnectionError

from ansible_collections.ngrok.ngrok.plugins.modules import ngrok_vault_info
from ansible_collections.ngrok.ngrok.tests.unit.plugins.fake_api import API, Call
from ansible_collections.ngrok.ngrok.tests.unit.plugins.module_runner import run_module

LISTING = {"vaults": [], "uri": API + "/vaults", "next_page_uri": None}
ENV = ("NGROK_TIMEOUT", "NGROK_RETRIES", "NGROK_VALIDATE_CERTS", "NGROK_CA_PATH")


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch):
    for name in ENV:
        monkeypatch.delenv(name, raising=False)


def err(status):
    return {"status_code": status, "msg": "boom", "details": {"operation_id": "op_1"}}


def refused():
    reason = NewConnectionError(None, "Failed to establish a new connection: [Errno 111] Connection refused")
    return requests.exceptions.ConnectionError(MaxRetryError(None, "/vaults", reason=reason))


def test_defaults_without_environment(monkeypatch):
    _result, session = run_module(monkeypatch, ngrok_vault_info, {}, [Call("GET", "/vaults", body=LISTING)])
    assert session.requests[0]["timeout"] == 30 and session.requests[0]["verify"] is True


def test_timeout_and_validate_certs_from_the_environment(monkeypatch):
    monkeypatch.setenv("NGROK_TIMEOUT", "7.5")
    monkeypatch.setenv("NGROK_VALIDATE_CERTS", "false")
    result, session = run_module(monkeypatch, ngrok_vault_info, {}, [Call("GET", "/vaults", body=LISTING)])
    assert not result.get("failed"), result
    assert session.requests[0]["timeout"] == 7.5
    assert session.requests[0]["verify"] is False


def test_retries_from_the_environment(monkeypatch):
    monkeypatch.setenv("NGROK_RETRIES", "0")
    result, session = run_module(monkeypatch, ngrok_vault_info, {}, [Call("GET", "/vaults", status=503, body=err(503))])
    assert result["failed"] and "HTTP 503" in result["msg"]
    assert len(session.requests) == 1


def test_options_win_over_the_environment(monkeypatch):
    monkeypatch.setenv("NGROK_TIMEOUT", "7.5")
    monkeypatch.setenv("NGROK_RETRIES", "0")
    monkeypatch.setenv("NGROK_VALIDATE_CERTS", "false")
    result, session = run_module(monkeypatch, ngrok_vault_info, {"timeout": 3, "retries": 1, "validate_certs": True}, [
        Call("GET", "/vaults", status=503, body=err(503)),
        Call("GET", "/vaults", body=LISTING),
    ])
    assert not result.get("failed"), result
    assert [r["timeout"] for r in session.requests] == [3, 3]
    assert session.requests[0]["verify"] is True


@pytest.mark.parametrize("name, value", [("NGROK_TIMEOUT", "soon"), ("NGROK_RETRIES", "many"),
                                         ("NGROK_VALIDATE_CERTS", "perhaps")])
def test_a_value_of_the_wrong_type_in_the_environment_fails_before_any_request(monkeypatch, name, value):
    monkeypatch.setenv(name, value)
    result, session = run_module(monkeypatch, ngrok_vault_info, {}, [])
    assert result["failed"] and session.requests == []
    assert name.replace("NGROK_", "").lower() in result["msg"], result["msg"]


def test_a_task_that_waited_on_the_rate_limit_says_how_long(monkeypatch):
    result, _session = run_module(monkeypatch, ngrok_vault_info, {}, [
        Call("GET", "/vaults", status=429, body=err(429), headers={"Retry-After": "6"}),
        Call("GET", "/vaults", body=LISTING),
    ])
    assert not result.get("failed"), result
    assert any("waited 6.0 s in all" in w and "1 answer HTTP 429" in w for w in result["warnings"]), result["warnings"]


def test_a_task_that_did_not_wait_long_has_no_warning(monkeypatch):
    result, _session = run_module(monkeypatch, ngrok_vault_info, {}, [
        Call("GET", "/vaults", status=429, body=err(429), headers={"Retry-After": "1"}),
        Call("GET", "/vaults", body=LISTING),
    ])
    assert result["warnings"] == []


def test_an_unreachable_api_is_reported_with_the_retries_and_their_longest_wait(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_vault_info, {"retries": 2}, [
        Call("GET", "/vaults", raises=refused()),
        Call("GET", "/vaults", raises=refused()),
        Call("GET", "/vaults", raises=refused()),
    ])
    assert result["failed"] and len(session.requests) == 3
    assert "could not reach the ngrok API at api_url " + API in result["msg"]
    assert "gave up after 3 attempts" in result["msg"]
    notices = [w for w in result["warnings"] if "retrying up to 2 times" in w]
    assert len(notices) == 1 and "at most 3 s in all" in notices[0], result["warnings"]


def test_a_task_that_reached_the_api_after_a_failed_connection_says_why_it_was_slow(monkeypatch):
    result, _session = run_module(monkeypatch, ngrok_vault_info, {}, [
        Call("GET", "/vaults", raises=refused()),
        Call("GET", "/vaults", body=LISTING),
    ])
    assert not result.get("failed"), result
    assert any("retrying up to 5 times, waiting at most 31 s" in w for w in result["warnings"]), result["warnings"]
