# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The ngrok inventory plugin against a scripted API: which requests it sends, which hosts and variables it makes."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

import pytest
import requests
import yaml
from urllib3.exceptions import MaxRetryError, NewConnectionError

from ansible.errors import AnsibleParserError
from ansible.inventory.data import InventoryData
from ansible.parsing.dataloader import DataLoader
from ansible.plugins.loader import inventory_loader
from ansible.template import Templar

from ansible_collections.ngrok.ngrok.plugins.inventory.ngrok import InventoryModule
from ansible_collections.ngrok.ngrok.plugins.module_utils import _client
from ansible_collections.ngrok.ngrok.plugins.module_utils._client import NgrokClient
from ansible_collections.ngrok.ngrok.plugins.plugin_utils._agents import parse_metadata, safe_host_name, upstream_port
from ansible_collections.ngrok.ngrok.tests.unit.plugins.fake_api import API, Call, ScriptedSession

KEY = "secret-inventory-key"
WEB_SESSION = "ts_2aWebSessionaaaaaaaaaaaaaa"
DB_SESSION = "ts_2bDbSessionbbbbbbbbbbbbbbbb"


def session(ident, started_at, **fields):
    obj = {"id": ident, "uri": API + "/tunnel_sessions/" + ident, "agent_version": "3.19.0", "credential": None,
           "ip": "203.0.113.10", "os": "linux", "region": "us", "started_at": started_at, "transport": "ngrok/2"}
    obj.update(fields)
    return obj


def endpoint(ident, url, session_id=None, created_at="2026-01-01T00:00:00Z", kind="ephemeral", **fields):
    scheme, rest = url.split("://")
    host, _sep, port = rest.partition(":")
    obj = {"id": ident, "type": kind, "url": url, "public_url": url, "proto": scheme, "scheme": scheme, "host": host,
           "port": int(port) if port else {"https": 443, "http": 80}[scheme], "created_at": created_at,
           "bindings": ["public"], "upstream_url": "http://localhost:80"}
    if session_id:
        obj["tunnel_session"] = {"id": session_id, "uri": API + "/tunnel_sessions/" + session_id}
    obj.update(fields)
    return obj


FLEET_SESSIONS = [
    session(DB_SESSION, "2026-01-02T00:00:00Z", metadata='{"hostname": "db-1", "role": "db"}', os="windows",
            region="eu", agent_version="3.18.0", credential={"id": "cr_2xyz", "uri": API + "/credentials/cr_2xyz"}),
    session(WEB_SESSION, "2026-01-01T00:00:00Z", metadata='{"hostname": "web-1", "role": "web"}'),
]
FLEET_ENDPOINTS = [
    endpoint("ep_2web3", "https://web-1.ngrok.app", WEB_SESSION, "2026-01-01T00:00:03Z",
             metadata='{"hostname": "not-used"}', upstream_url="http://localhost:8080"),
    endpoint("ep_2web2", "tcp://1.tcp.ngrok.io:20022", WEB_SESSION, "2026-01-01T00:00:02Z", kind="agent",
             upstream_url="tcp://localhost:22", metadata="ssh"),
    endpoint("ep_2db1", "tcp://2.tcp.eu.ngrok.io:21433", DB_SESSION, "2026-01-02T00:00:01Z", upstream_url="1433"),
    endpoint("ep_2cloud", "https://api.example.com", None, kind="cloud", traffic_policy="{}"),
]


def listing(key, items):
    return {key: items, "uri": API + "/" + key, "next_page_uri": None}


def fleet_calls(sessions=None, endpoints=None, session_query=None, endpoint_query=None):
    return [
        Call("GET", "/tunnel_sessions", body=listing("tunnel_sessions", FLEET_SESSIONS if sessions is None else sessions),
             query=session_query),
        Call("GET", "/endpoints", body=listing("endpoints", FLEET_ENDPOINTS if endpoints is None else endpoints),
             query=endpoint_query),
    ]


@pytest.fixture
def api(monkeypatch):
    """The scripted API: put the expected calls in ``api.calls``; each client the plugin makes is in ``api.clients``."""

    class Api(object):
        calls = []
        clients = []
        sessions = []

    def make_client(plugin, api_key, api_url):
        session_ = ScriptedSession([])
        session_.calls = Api.calls  # one queue of expected calls for every client of the test
        Api.sessions.append(session_)
        client = NgrokClient(api_key, api_url=api_url, session=session_, sleep=lambda seconds: None,
                             retries=plugin.get_option("retries"), timeout=plugin.get_option("timeout"))
        Api.clients.append(dict(api_key=api_key, api_url=api_url))
        return client

    monkeypatch.setattr(InventoryModule, "_make_client", make_client)
    monkeypatch.setenv("NGROK_API_KEY", KEY)
    monkeypatch.setenv("NGROK_API_URL", API)
    Api.calls = []
    Api.clients = []
    Api.sessions = []
    yield Api
    for session_ in Api.sessions:
        session_.assert_done()


def parse(tmp_path, config, cache=True, name="fleet.ngrok.yml"):
    """Run the plugin on a configuration file as ansible-inventory does; returns the inventory data."""
    path = tmp_path / name
    path.write_text(yaml.safe_dump(dict({"plugin": "ngrok.ngrok.ngrok"}, **config)))
    plugin = inventory_loader.get("ngrok.ngrok.ngrok")
    inventory = InventoryData()
    plugin.parse(inventory, DataLoader(), str(path), cache=cache)
    # What the inventory manager does after each source (a plugin without a cache has nothing to update).
    try:
        plugin.update_cache_if_changed()
    except AttributeError:
        pass
    inventory.reconcile_inventory()
    return inventory


def host_vars(inventory, name):
    return inventory.get_host(name).get_vars()


def group_names(inventory, name):
    return sorted(g.name for g in inventory.get_host(name).get_groups())


def without_address(obj):
    """An endpoint as ngrok's recorded answers have them: no scheme, host or port."""
    return dict((k, v) for k, v in obj.items() if k not in ("scheme", "host", "port"))


# -- files -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("name, accepted", [
    ("fleet.ngrok.yml", True), ("prod.ngrok.yaml", True), ("ngrok.yml", True), ("ngrok.yaml", True),
    ("fleet.yml", False), ("myngrok.yml", False), ("ngrok.yml.bak", False), ("fleet.ngrok.json", False),
])
def test_verify_file_accepts_only_ngrok_configurations(tmp_path, name, accepted):
    path = tmp_path / name
    path.write_text("plugin: ngrok.ngrok.ngrok\n")
    assert inventory_loader.get("ngrok.ngrok.ngrok").verify_file(str(path)) is accepted


class Shown(object):
    """Stands for the plugin's display: keeps the warnings."""

    def __init__(self):
        self.warnings = []

    def warning(self, text):
        self.warnings.append(text)

    def __getattr__(self, name):
        return lambda *args, **kwargs: None


@pytest.mark.parametrize("name, content, hint", [
    ("fleet.yml", "plugin: ngrok.ngrok.ngrok\n", True),
    ("fleet.yaml", "# the fleet\nplugin: 'ngrok.ngrok.ngrok'  # agents\nconnectable_only: true\n", True),
    ("hosts.yml", "all:\n  hosts:\n    web-1:\n", False),
    ("aws_ec2.yml", "plugin: amazon.aws.aws_ec2\n", False),
    ("fleet.ngrok.yml", "plugin: ngrok.ngrok.ngrok\n", False),
])
def test_a_configuration_of_this_plugin_under_another_name_gets_a_hint(tmp_path, monkeypatch, name, content, hint):
    path = tmp_path / name
    path.write_text(content)
    plugin = inventory_loader.get("ngrok.ngrok.ngrok")
    shown = Shown()
    monkeypatch.setattr(plugin, "display", shown)
    plugin.verify_file(str(path))
    if hint:
        assert len(shown.warnings) == 1, shown.warnings
        assert str(path) in shown.warnings[0] and "must" not in shown.warnings[0]
        assert "rename it, for example to fleet.ngrok.yml" in shown.warnings[0], shown.warnings
    else:
        assert shown.warnings == []


def test_connection_options_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("NGROK_API_KEY", KEY)
    monkeypatch.setenv("NGROK_API_URL", API)
    monkeypatch.setenv("NGROK_TIMEOUT", "6")
    monkeypatch.setenv("NGROK_RETRIES", "0")
    monkeypatch.setenv("NGROK_VALIDATE_CERTS", "no")
    monkeypatch.delenv("NGROK_CA_PATH", raising=False)
    fake = ScriptedSession([Call("GET", "/tunnel_sessions", status=503, body={
        "status_code": 503, "msg": "unavailable", "details": {"operation_id": "op_5"}})])
    monkeypatch.setattr(_client.requests, "Session", lambda: fake)
    with pytest.raises(AnsibleParserError, match="HTTP 503"):
        parse(tmp_path, {}, cache=False)
    fake.assert_done()
    assert len(fake.requests) == 1, "NGROK_RETRIES=0 retried"
    assert fake.requests[0]["timeout"] == 6 and fake.requests[0]["verify"] is False


def test_long_waits_and_an_unreachable_api_are_told_in_warnings(tmp_path, monkeypatch):
    monkeypatch.setenv("NGROK_API_KEY", KEY)
    monkeypatch.setenv("NGROK_API_URL", API)
    for name in ("NGROK_TIMEOUT", "NGROK_RETRIES", "NGROK_VALIDATE_CERTS", "NGROK_CA_PATH"):
        monkeypatch.delenv(name, raising=False)
    reason = NewConnectionError(None, "Failed to establish a new connection: [Errno 111] Connection refused")
    fake = ScriptedSession([
        Call("GET", "/tunnel_sessions", raises=requests.exceptions.ConnectionError(MaxRetryError(None, "/", reason=reason))),
        Call("GET", "/tunnel_sessions", status=429, body={"status_code": 429, "msg": "slow down"},
             headers={"Retry-After": "8"}),
    ] + fleet_calls())
    monkeypatch.setattr(_client.requests, "Session", lambda: fake)
    monkeypatch.setattr(_client.time, "sleep", lambda seconds: None)
    plugin = inventory_loader.get("ngrok.ngrok.ngrok")
    shown = Shown()
    monkeypatch.setattr(plugin, "display", shown)
    path = tmp_path / "fleet.ngrok.yml"
    path.write_text("plugin: ngrok.ngrok.ngrok\n")
    plugin.parse(InventoryData(), DataLoader(), str(path), cache=False)
    fake.assert_done()
    assert len(shown.warnings) == 2, shown.warnings
    assert shown.warnings[0].startswith("ngrok inventory: could not reach the ngrok API") and "retrying up to 5 times" in shown.warnings[0]
    assert "waited" in shown.warnings[1] and "1 answer HTTP 429" in shown.warnings[1] and "1 failed connection" in shown.warnings[1]


# -- hosts -----------------------------------------------------------------------------------------

def test_the_connect_endpoint_has_host_and_port_when_the_answer_leaves_them_out(tmp_path, api):
    api.calls = fleet_calls(endpoints=[without_address(e) for e in FLEET_ENDPOINTS], session_query={}, endpoint_query={})
    web = host_vars(parse(tmp_path, {}), "web-1")
    assert (web["ansible_host"], web["ansible_port"]) == ("1.tcp.ngrok.io", 20022)
    connect = web["ngrok_connect_endpoint"]
    assert (connect["id"], connect["host"], connect["port"]) == ("ep_2web2", "1.tcp.ngrok.io", 20022)
    assert all("host" not in e for e in web["ngrok_endpoints"])        # the others as the API answers them


def test_one_host_per_agent_named_from_metadata_with_the_ssh_endpoint_as_ansible_host(tmp_path, api):
    api.calls = fleet_calls(session_query={}, endpoint_query={})
    inventory = parse(tmp_path, {})

    assert sorted(inventory.hosts) == ["db-1", "web-1"]
    assert api.clients == [{"api_key": KEY, "api_url": API}]
    assert [r["headers"]["Authorization"] for r in api.sessions[0].requests] == ["Bearer " + KEY] * 2

    web = host_vars(inventory, "web-1")
    assert web["ansible_host"] == "1.tcp.ngrok.io" and web["ansible_port"] == 20022
    assert web["ngrok_connect_endpoint"]["id"] == "ep_2web2"
    # Both endpoints of the session (an "ephemeral" and an "agent" one), oldest first; the cloud endpoint is not there.
    assert [e["id"] for e in web["ngrok_endpoints"]] == ["ep_2web2", "ep_2web3"]
    assert web["ngrok_urls"] == ["tcp://1.tcp.ngrok.io:20022", "https://web-1.ngrok.app"]
    assert web["ngrok_endpoints"][1]["metadata"] == {"hostname": "not-used"}
    assert web["ngrok_endpoints"][0]["metadata"] == "ssh"
    assert web["ngrok_metadata"] == {"hostname": "web-1", "role": "web"}
    assert web["ngrok_session_id"] == WEB_SESSION and web["ngrok_session_ids"] == [WEB_SESSION]
    assert (web["ngrok_region"], web["ngrok_os"], web["ngrok_agent_version"]) == ("us", "linux", "3.19.0")
    assert (web["ngrok_ip"], web["ngrok_transport"], web["ngrok_credential_id"]) == ("203.0.113.10", "ngrok/2", None)

    db = host_vars(inventory, "db-1")
    # The only TCP endpoint is used even though it does not forward to port 22.
    assert (db["ansible_host"], db["ansible_port"]) == ("2.tcp.eu.ngrok.io", 21433)
    assert (db["ngrok_region"], db["ngrok_os"], db["ngrok_credential_id"]) == ("eu", "windows", "cr_2xyz")
    assert group_names(inventory, "web-1") == ["all", "ngrok"]


def test_filters_are_sent_to_the_api_and_narrow_the_hosts_to_the_listed_sessions(tmp_path, api):
    api.calls = fleet_calls(sessions=[FLEET_SESSIONS[1]], session_query={"filter": 'obj.metadata.contains("web")'},
                            endpoint_query={"filter": 'obj.scheme == "tcp"'})
    inventory = parse(tmp_path, {"sessions_filter": 'obj.metadata.contains("web")', "endpoints_filter": 'obj.scheme == "tcp"'})
    # The db endpoint is listed, but its session is not: it is left out.
    assert sorted(inventory.hosts) == ["web-1"]


def test_endpoints_without_a_listed_session_and_sessions_without_endpoints(tmp_path, api):
    orphan_session = "ts_2orphanooooooooooooooooooo"
    api.calls = fleet_calls(
        sessions=[session("ts_2idleiiiiiiiiiiiiiiiiiiiii", "2026-01-03T00:00:00Z")],
        endpoints=[endpoint("ep_2o1", "tcp://3.tcp.ngrok.io:22000", orphan_session, upstream_url="22"),
                   endpoint("ep_2o2", "https://o.ngrok.app", orphan_session, created_at="2026-01-04T00:00:00Z"),
                   endpoint("ep_2alone", "https://alone.ngrok.app", metadata='{"hostname": "kiosk 7"}'),
                   endpoint("ep_2bare", "https://bare.ngrok.app", created_at="2026-01-05T00:00:00Z")])
    inventory = parse(tmp_path, {})
    assert sorted(inventory.hosts) == sorted(["ep_2bare", "kiosk_7", orphan_session, "ts_2idleiiiiiiiiiiiiiiiiiiiii"])
    orphan = host_vars(inventory, orphan_session)
    assert orphan["ngrok_session_id"] == orphan_session and orphan["ngrok_os"] is None
    assert [e["id"] for e in orphan["ngrok_endpoints"]] == ["ep_2o1", "ep_2o2"]
    assert orphan["ansible_host"] == "3.tcp.ngrok.io"
    idle = host_vars(inventory, "ts_2idleiiiiiiiiiiiiiiiiiiiii")
    assert idle["ngrok_endpoints"] == [] and idle["ngrok_connect_endpoint"] is None and "ansible_host" not in idle
    assert host_vars(inventory, "ep_2bare")["ngrok_session_id"] is None


def test_connectable_only_keeps_the_agents_with_a_tcp_endpoint(tmp_path, api):
    api.calls = fleet_calls(endpoints=FLEET_ENDPOINTS[:2])
    assert sorted(parse(tmp_path, {"connectable_only": True}).hosts) == ["web-1"]


@pytest.mark.parametrize("upstreams, port, expected", [
    (["tcp://localhost:3389", "tcp://localhost:22"], 22, "ep_2t2"),
    (["tcp://localhost:3389", "22"], 22, "ep_2t2"),
    (["tcp://localhost:3389", "tcp://localhost:22"], 3389, "ep_2t1"),
    (["tcp://localhost:3389", "tcp://localhost:5432"], 22, None),
])
def test_the_endpoint_to_connect_to_among_several_tcp_endpoints(tmp_path, api, upstreams, port, expected):
    api.calls = fleet_calls(sessions=[FLEET_SESSIONS[1]], endpoints=[
        endpoint("ep_2t%d" % (i + 1), "tcp://1.tcp.ngrok.io:2000%d" % i, WEB_SESSION, "2026-01-01T00:00:0%dZ" % i,
                 upstream_url=upstream) for i, upstream in enumerate(upstreams)])
    web = host_vars(parse(tmp_path, {"connect_upstream_port": port}), "web-1")
    assert (web["ngrok_connect_endpoint"] or {}).get("id") == expected
    assert ("ansible_host" in web) is (expected is not None)


def test_sessions_with_the_same_name_are_one_host_with_every_endpoint(tmp_path, api):
    newer = session("ts_2newernnnnnnnnnnnnnnnnnnnnn", "2026-02-01T00:00:00Z", metadata='{"hostname": "web-1"}',
                    agent_version="3.20.0")
    api.calls = fleet_calls(sessions=FLEET_SESSIONS + [newer], endpoints=FLEET_ENDPOINTS + [
        endpoint("ep_2newer", "https://metrics.ngrok.app", newer["id"], "2026-02-01T00:00:01Z")])
    inventory = parse(tmp_path, {})
    assert sorted(inventory.hosts) == ["db-1", "web-1"]
    web = host_vars(inventory, "web-1")
    assert web["ngrok_session_ids"] == [WEB_SESSION, newer["id"]] and web["ngrok_session_id"] == newer["id"]
    assert web["ngrok_agent_version"] == "3.20.0"
    assert [e["id"] for e in web["ngrok_endpoints"]] == ["ep_2web2", "ep_2web3", "ep_2newer"]
    assert web["ansible_port"] == 20022


def test_hostname_template_with_a_fallback_and_safe_characters(tmp_path, api):
    api.calls = fleet_calls()
    inventory = parse(tmp_path, {"hostname": "{{ ngrok_metadata.role }} {{ ngrok_region }}"})
    assert sorted(inventory.hosts) == ["db_eu", "web_us"]


def test_hostname_template_that_fails_uses_the_default_unless_strict(tmp_path, api):
    api.calls = fleet_calls()
    assert sorted(parse(tmp_path, {"hostname": "{{ ngrok_metadata.nothing_here }}"}).hosts) == ["db-1", "web-1"]
    api.calls.extend(fleet_calls())
    with pytest.raises(AnsibleParserError, match="hostname template failed"):
        parse(tmp_path, {"hostname": "{{ ngrok_metadata.nothing_here }}", "strict": True})


def test_constructed_groups_and_variables(tmp_path, api):
    api.calls = fleet_calls()
    inventory = parse(tmp_path, {
        "group": "fleet",
        "keyed_groups": [{"key": "ngrok_region", "prefix": "region"}, {"key": "ngrok_os", "prefix": "os"},
                         {"key": "ngrok_agent_version", "prefix": "agent"}, {"key": "ngrok_metadata.role", "prefix": "role"}],
        "groups": {"outdated": "ngrok_agent_version is version('3.19.0', '<')"},
        "compose": {"ansible_user": "ngrok_metadata.role ~ '-admin'"},
    })
    assert group_names(inventory, "db-1") == ["agent_3_18_0", "all", "fleet", "os_windows", "outdated", "region_eu", "role_db"]
    assert group_names(inventory, "web-1") == ["agent_3_19_0", "all", "fleet", "os_linux", "region_us", "role_web"]
    assert host_vars(inventory, "web-1")["ansible_user"] == "web-admin"


def test_api_text_is_never_templated(tmp_path, api):
    template_text = "{{ 7 * 6 }}"
    api.calls = fleet_calls(sessions=[session(WEB_SESSION, "2026-01-01T00:00:00Z", metadata=template_text, os=template_text)],
                            endpoints=[endpoint("ep_2w", "https://x.ngrok.app", WEB_SESSION,
                                                metadata=json.dumps({"hostname": template_text}))])
    inventory = parse(tmp_path, {})
    # The host name from the endpoint's metadata keeps only harmless characters.
    assert list(inventory.hosts) == ["___7___6___"]
    name = "___7___6___"
    web = host_vars(inventory, name)
    templar = Templar(loader=DataLoader())
    for value in (web["ngrok_metadata"], web["ngrok_os"], web["ngrok_endpoints"][0]["metadata"]["hostname"]):
        assert templar.template(value) == template_text


# -- options, errors and the cache -------------------------------------------------------------------

def test_a_templated_api_key_and_an_empty_api_url(tmp_path, api, monkeypatch):
    monkeypatch.setenv("NGROK_TEST_KEY_SOURCE", "templated-key")
    monkeypatch.setenv("NGROK_API_URL", "")
    api.calls = fleet_calls()
    parse(tmp_path, {"api_key": "{{ lookup('ansible.builtin.env', 'NGROK_TEST_KEY_SOURCE') }}"})
    assert api.clients == [{"api_key": "templated-key", "api_url": "https://api.ngrok.com"}]


def test_api_errors_name_the_request_and_never_the_key(tmp_path, api):
    api.calls = [Call("GET", "/tunnel_sessions", status=403, body={
        "error_code": "ERR_NGROK_203", "status_code": 403, "msg": "invalid key " + KEY, "details": {"operation_id": "op_9"}})]
    with pytest.raises(AnsibleParserError) as failure:
        parse(tmp_path, {})
    message = str(failure.value)
    assert "GET /tunnel_sessions HTTP 403 ERR_NGROK_203" in message and "op_9" in message
    assert KEY not in message


def test_a_missing_key_or_a_bad_url_fails_before_any_request(tmp_path, api, monkeypatch):
    monkeypatch.delenv("NGROK_API_KEY")
    with pytest.raises(AnsibleParserError, match="api_key is required"):
        parse(tmp_path, {})
    with pytest.raises(AnsibleParserError, match="must start with https://"):
        parse(tmp_path, {"api_key": KEY, "api_url": "api.ngrok.com"})


def test_the_cache_is_read_until_it_is_flushed(tmp_path, api):
    config = {"cache": True, "cache_plugin": "ansible.builtin.jsonfile", "cache_connection": str(tmp_path / "cache")}
    api.calls = fleet_calls()
    assert sorted(parse(tmp_path, config).hosts) == ["db-1", "web-1"]
    assert len(api.clients) == 1

    # Another run reads the cache: no client, no request, the same hosts and variables.
    cached = parse(tmp_path, config)
    assert len(api.clients) == 1
    assert sorted(cached.hosts) == ["db-1", "web-1"] and host_vars(cached, "web-1")["ansible_port"] == 20022

    # --flush-cache (cache=False): the API is read again and the cache is replaced.
    api.calls.extend(fleet_calls(sessions=FLEET_SESSIONS[1:], endpoints=FLEET_ENDPOINTS[:2]))
    assert sorted(parse(tmp_path, config, cache=False).hosts) == ["web-1"]
    assert sorted(parse(tmp_path, config).hosts) == ["web-1"]
    assert len(api.clients) == 2


def test_the_cache_is_kept_apart_per_api_and_filter(tmp_path, api):
    config = {"cache": True, "cache_plugin": "ansible.builtin.jsonfile", "cache_connection": str(tmp_path / "cache")}
    api.calls = fleet_calls() + fleet_calls(sessions=[], endpoints=[], session_query={"filter": "obj.os == \"plan9\""})
    assert len(parse(tmp_path, config).hosts) == 2
    assert len(parse(tmp_path, dict(config, sessions_filter='obj.os == "plan9"')).hosts) == 0
    assert len(api.clients) == 2


def test_the_cache_is_kept_apart_per_api_key_and_never_holds_the_key(tmp_path, api, monkeypatch):
    cache_dir = tmp_path / "cache"
    config = {"cache": True, "cache_plugin": "ansible.builtin.jsonfile", "cache_connection": str(cache_dir)}
    api.calls = fleet_calls() + fleet_calls(sessions=FLEET_SESSIONS[1:], endpoints=FLEET_ENDPOINTS[:2])
    assert sorted(parse(tmp_path, config).hosts) == ["db-1", "web-1"]
    # Another account's key: its own hosts, never those the first key's run cached.
    monkeypatch.setenv("NGROK_API_KEY", "another-account-key")
    assert sorted(parse(tmp_path, config).hosts) == ["web-1"]
    assert [c["api_key"] for c in api.clients] == [KEY, "another-account-key"]
    # Each key reads its own cache from now on: no more requests.
    assert sorted(parse(tmp_path, config).hosts) == ["web-1"]
    monkeypatch.setenv("NGROK_API_KEY", KEY)
    assert sorted(parse(tmp_path, config).hosts) == ["db-1", "web-1"]
    assert len(api.clients) == 2
    cached = "".join(path.name + path.read_text() for path in cache_dir.iterdir())
    assert KEY not in cached and "another-account-key" not in cached


# -- the pieces ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, port", [
    ("22", 22), ("localhost:22", 22), ("tcp://localhost:22", 22), ("tcp://[::1]:2222", 2222),
    ("http://localhost", 80), ("https://10.0.0.5", 443), ("tcp://localhost", None), ("", None), (None, None),
])
def test_upstream_port(text, port):
    assert upstream_port(text) == port


@pytest.mark.parametrize("text, data", [
    ('{"a": 1}', {"a": 1}), ("[1, 2]", [1, 2]), ("42", "42"), ("plain", "plain"), ("{not json", "{not json"),
    ("", ""), (None, ""),
])
def test_metadata_is_data_when_it_is_a_json_object_or_array(text, data):
    assert parse_metadata(text) == data


def test_safe_host_name():
    assert safe_host_name(" web 1.example.com ") == "web_1.example.com"
    assert safe_host_name("a:22{{x}}") == "a_22__x__"
