# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The comparison of a wanted endpoint with the one an agent runs, and the definition sent to it (_agent_api)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

import pytest

from ansible_collections.ngrok.ngrok.plugins.module_utils._agent_api import (
    base_url,
    compared,
    policy_data,
    request_body,
    upstream_address,
    url_address,
)

RUNNING = {
    "name": "app", "uri": "/api/endpoints/app", "url": "https://app.example.com",
    "upstream": {"url": "http://localhost:3000", "protocol": "http1"}, "inspect": True,
    "traffic_policy": "on_http_request:\n- actions:\n  - type: deny\n", "pooling_enabled": False,
}


@pytest.mark.parametrize("web_addr, url", [
    ("127.0.0.1:4040", "http://127.0.0.1:4040"),
    ("localhost:4041", "http://localhost:4041"),
    ("[::1]:4040", "http://[::1]:4040"),
    ("http://127.0.0.1:4040/", "http://127.0.0.1:4040"),
])
def test_base_url(web_addr, url):
    assert base_url(web_addr) == url


@pytest.mark.parametrize("web_addr", ["", "localhost", "4040", "ftp://127.0.0.1:21", "127.0.0.1:http"])
def test_base_url_refuses(web_addr):
    with pytest.raises(ValueError):
        base_url(web_addr)


@pytest.mark.parametrize("url, address", [
    ("https://App.Example.com", ("https", "app.example.com", 443)),
    ("https://app.example.com:443/", ("https", "app.example.com", 443)),
    ("app.example.com", ("https", "app.example.com", 443)),
    ("http://app.example.com", ("http", "app.example.com", 80)),
    ("tcp://1.tcp.ngrok.io:20000", ("tcp", "1.tcp.ngrok.io", 20000)),
    ("https://", ("https", None, None)),
    ("tcp://", ("tcp", None, None)),
    ("", ("https", None, None)),
])
def test_url_address(url, address):
    assert url_address(url) == address


@pytest.mark.parametrize("upstream, scheme, address", [
    ("8080", "https", (None, "localhost", 8080)),
    ("localhost:8080", "https", (None, "localhost", 8080)),
    ("http://127.0.0.1:8080", "https", ("http", "localhost", 8080)),
    ("https://", "https", ("https", "localhost", 443)),
    ("example.org", "https", (None, "example.org", 80)),
    ("tcp://10.0.0.5:22", "tcp", ("tcp", "10.0.0.5", 22)),
    ("22", "tcp", (None, "localhost", 22)),
])
def test_upstream_address(upstream, scheme, address):
    assert upstream_address(upstream, scheme) == address


def test_policy_data_reads_mappings_yaml_and_json_alike():
    wanted = {"on_http_request": [{"actions": [{"type": "deny"}]}]}
    assert policy_data(wanted) == wanted
    assert policy_data(json.dumps(wanted)) == wanted
    assert policy_data(RUNNING["traffic_policy"]) == wanted
    assert policy_data("") is None and policy_data({}) is None and policy_data(None) is None
    with pytest.raises(ValueError):
        policy_data("- a list")


def test_the_same_endpoint_written_another_way_is_no_change():
    wanted = {"name": "app", "url": "app.example.com", "upstream": {"url": "127.0.0.1:3000"},
              "traffic_policy": {"on_http_request": [{"actions": [{"type": "deny"}]}]}, "pooling_enabled": False}
    assert compared(wanted, RUNNING) == []


def test_each_difference_is_named():
    wanted = {"name": "app", "url": "https://other.example.com", "upstream": {"url": "3001", "protocol": "http2"},
              "traffic_policy": None, "pooling_enabled": True}
    assert compared(wanted, RUNNING) == ["url", "upstream.url", "upstream.protocol", "traffic_policy", "pooling_enabled"]


def test_a_random_address_compares_by_scheme_only():
    running = dict(RUNNING, url="https://1a2b3c.ngrok-free.app")
    assert compared({"name": "app", "url": "https://"}, running) == []
    assert compared({"name": "app", "url": "tls://"}, running) == ["url"]


def test_what_the_agent_does_not_answer_is_not_compared():
    wanted = {"name": "app", "description": "new", "metadata": "x", "bindings": ["internal"],
              "upstream": {"proxy_protocol": "2"}}
    assert compared(wanted, RUNNING) == []
    # An upstream protocol the agent does not name as http1/http2 cannot be compared either.
    assert compared({"name": "app", "upstream": {"protocol": "http2"}},
                    dict(RUNNING, upstream={"url": "http://localhost:3000", "protocol": "https"})) == []


def test_an_update_keeps_what_runs_and_overrides_what_the_task_sets():
    body = request_body({"name": "app", "upstream": {"url": "3001"}, "pooling_enabled": True}, RUNNING)
    assert body["url"] == "https://app.example.com"
    assert body["upstream"] == {"url": "3001", "protocol": "http1"}
    assert json.loads(body["traffic_policy"]) == {"on_http_request": [{"actions": [{"type": "deny"}]}]}
    assert body["pooling_enabled"] is True
    # An empty policy removes it.
    assert "traffic_policy" not in request_body({"name": "app", "traffic_policy": None}, RUNNING)


def test_a_start_sends_only_what_the_task_sets():
    assert request_body({"name": "app", "upstream": {"url": "3000"}}) == {"name": "app", "upstream": {"url": "3000"}}
