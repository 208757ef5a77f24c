# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The ngrok lookup's connection options from the environment, and the warnings it shows about waits."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest
import requests
from urllib3.exceptions import MaxRetryError, NewConnectionError

from ansible.errors import AnsibleLookupError
from ansible.plugins.loader import lookup_loader
from ansible.utils.display import Display

from ansible_collections.ngrok.ngrok.plugins.module_utils import _client
from ansible_collections.ngrok.ngrok.tests.unit.plugins.fake_api import API, Call, ScriptedSession

LISTING = {"vaults": [{"id": "vault_1", "name": "prod"}], "uri": API + "/vaults", "next_page_uri": None}


def err(status):
    return {"status_code": status, "msg": "boom", "details": {"operation_id": "op_1"}}


def refused():
    reason = NewConnectionError(None, "Failed to establish a new connection: [Errno 111] Connection refused")
    return requests.exceptions.ConnectionError(MaxRetryError(None, "/vaults", reason=reason))


@pytest.fixture
def api(monkeypatch):
    """Expected calls go in ``api.calls``; ``api.warnings`` collects what the lookup displays as warnings."""

    class Api(object):
        calls = []
        warnings = []
        session = None

    def make_session():
        Api.session = ScriptedSession(Api.calls)
        return Api.session

    monkeypatch.setattr(_client.requests, "Session", make_session)
    monkeypatch.setattr(_client.time, "sleep", lambda seconds: None)
    # The plugin loader may load its own copy of the plugin's module: catch warnings on the class they all use.
    monkeypatch.setattr(Display, "warning", lambda self, msg, *args, **kwargs: Api.warnings.append(msg))
    for name in ("NGROK_TIMEOUT", "NGROK_RETRIES", "NGROK_VALIDATE_CERTS", "NGROK_CA_PATH"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NGROK_API_KEY", "lookup-key")
    monkeypatch.setenv("NGROK_API_URL", API)
    Api.calls = []
    Api.warnings = []
    yield Api
    if Api.session is not None:
        Api.session.assert_done()


def run(*terms, **kwargs):
    return lookup_loader.get("ngrok.ngrok.ngrok").run(list(terms), variables={}, **kwargs)


def test_connection_options_from_the_environment(api, monkeypatch):
    monkeypatch.setenv("NGROK_TIMEOUT", "4.5")
    monkeypatch.setenv("NGROK_VALIDATE_CERTS", "false")
    api.calls.append(Call("GET", "/vaults", body=LISTING))
    assert [v["name"] for v in run("vaults")] == ["prod"]
    assert api.session.requests[0]["timeout"] == 4.5
    assert api.session.requests[0]["verify"] is False


def test_retries_from_the_environment(api, monkeypatch):
    monkeypatch.setenv("NGROK_RETRIES", "0")
    api.calls.append(Call("GET", "/vaults", status=503, body=err(503)))
    with pytest.raises(AnsibleLookupError) as info:
        run("vaults")
    assert "HTTP 503" in str(info.value)
    assert len(api.session.requests) == 1


def test_keyword_options_win_over_the_environment(api, monkeypatch):
    monkeypatch.setenv("NGROK_RETRIES", "0")
    monkeypatch.setenv("NGROK_TIMEOUT", "4.5")
    api.calls.extend([Call("GET", "/vaults", status=503, body=err(503)), Call("GET", "/vaults", body=LISTING)])
    run("vaults", retries=1, timeout=2)
    assert [r["timeout"] for r in api.session.requests] == [2, 2]


def test_an_unreachable_api_is_told_at_once_with_the_retries_and_their_longest_wait(api):
    api.calls.extend([Call("GET", "/vaults", raises=refused()), Call("GET", "/vaults", body=LISTING)])
    run("vaults")
    assert len(api.warnings) == 1, api.warnings
    assert api.warnings[0].startswith("ngrok lookup: could not reach the ngrok API at api_url " + API)
    assert "retrying up to 5 times, waiting at most 31 s" in api.warnings[0]


def test_long_waits_are_totalled_in_a_warning(api):
    api.calls.extend([
        Call("GET", "/vaults", status=429, body=err(429), headers={"Retry-After": "9"}),
        Call("GET", "/vaults", body=LISTING),
    ])
    run("vaults")
    assert len(api.warnings) == 1 and "waited 9.0 s in all" in api.warnings[0], api.warnings
