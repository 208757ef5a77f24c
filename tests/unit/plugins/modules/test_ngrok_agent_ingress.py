# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.agent_ingresses import AGENT_INGRESS
from ansible_collections.ngrok.ngrok.plugins.modules import ngrok_agent_ingress, ngrok_agent_ingress_info
from ansible_collections.ngrok.ngrok.tests.unit.plugins.fake_api import API, Call
from ansible_collections.ngrok.ngrok.tests.unit.plugins.module_runner import run_module

BY_DOMAIN = {"filter": 'obj.domain == "connect.example.com"'}
RSA = {"authority": "letsencrypt", "private_key_type": "rsa"}
ECDSA = {"authority": "letsencrypt", "private_key_type": "ecdsa"}
JOB = {"error_code": None, "msg": "Managed certificate provisioning in progress.", "started_at": "2026-11-27T10:00:00Z",
       "retries_at": None}
PROVISIONING = {"renews_at": None, "provisioning_job": JOB}


def ingress(ingress_id="agin_1", policy=None, **extra):
    obj = {"id": ingress_id, "uri": API + "/agent_ingresses/" + ingress_id, "created_at": "2026-11-27T10:00:00Z",
           "description": "devices", "domain": "connect.example.com",
           "ns_targets": ["ns1.agent-ingress.ngrok-dns.com", "ns2.agent-ingress.ngrok-dns.com"],
           "region_domains": ["tunnel.us.connect.example.com"], "certificate_management_policy": policy,
           "certificate_management_status": PROVISIONING if policy else None}
    obj.update(extra)
    return obj


def listing(*items):
    return {"ingresses": list(items), "uri": API + "/agent_ingresses", "next_page_uri": None}


def test_create_returns_the_name_servers(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_agent_ingress, {"domain": "connect.example.com", "description": "devices"}, [
        Call("GET", "/agent_ingresses", query=BY_DOMAIN, body=listing()),
        Call("POST", "/agent_ingresses", status=201, sent={"domain": "connect.example.com", "description": "devices"},
             body=ingress()),
    ])
    assert result["changed"] and result["agent_ingress"]["ns_targets"][0] == "ns1.agent-ingress.ngrok-dns.com"
    assert result["agent_ingress"]["certificate_management_policy"] is None


def test_a_policy_gets_the_apis_defaults_letsencrypt_and_rsa(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_agent_ingress, {
        "domain": "connect.example.com", "certificate_management_policy": {}}, [
        Call("GET", "/agent_ingresses", query=BY_DOMAIN, body=listing()),
        Call("POST", "/agent_ingresses", status=201, sent={"domain": "connect.example.com", "certificate_management_policy": RSA},
             body=ingress(policy=RSA)),
    ])
    assert result["changed"] and result["agent_ingress"]["certificate_management_policy"] == RSA


def test_without_a_policy_none_is_sent(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_agent_ingress, {
        "domain": "connect.example.com", "certificate_management_policy": {"enabled": False}}, [
        Call("GET", "/agent_ingresses", query=BY_DOMAIN, body=listing()),
        Call("POST", "/agent_ingresses", status=201, sent={"domain": "connect.example.com"}, body=ingress()),
    ])
    assert result["changed"]


def test_unchanged_rerun_costs_one_request_with_the_domain_written_another_way(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_agent_ingress, {
        "domain": " Connect.Example.COM. ", "description": "devices", "certificate_management_policy": {"enabled": True}}, [
        Call("GET", "/agent_ingresses", query=BY_DOMAIN, body=listing(ingress(policy=RSA))),
    ])
    assert result["changed"] is False and len(session.requests) == 1


def test_update_sends_only_what_differs(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_agent_ingress, {
        "domain": "connect.example.com", "description": "devices", "metadata": "fleet",
        "certificate_management_policy": {"private_key_type": "ecdsa"}}, [
        Call("GET", "/agent_ingresses", query=BY_DOMAIN, body=listing(ingress(policy=RSA))),
        Call("PATCH", "/agent_ingresses/agin_1", sent={"metadata": "fleet", "certificate_management_policy": ECDSA},
             body=ingress(policy=ECDSA, metadata="fleet")),
    ], diff=True)
    assert result["changed"] and result["agent_ingress"]["certificate_management_policy"] == ECDSA
    assert result["diff"]["before"]["certificate_management_policy"] == RSA


def test_check_mode_create_predicts_every_key_and_the_provisioning(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_agent_ingress, {
        "domain": "Connect.example.com", "certificate_management_policy": {}}, [
        Call("GET", "/agent_ingresses", query=BY_DOMAIN, body=listing()),
    ], check_mode=True, diff=True)
    predicted = result["agent_ingress"]
    assert result["changed"] and session.methods == ["GET"]
    assert set(predicted) == set(AGENT_INGRESS.response_keys)
    assert predicted["domain"] == "connect.example.com" and predicted["certificate_management_policy"] == RSA
    assert predicted["certificate_management_status"]["provisioning_job"]["started_at"] is None
    assert predicted["id"] is None and predicted["ns_targets"] is None and result["diff"]["before"] == {}


def test_check_mode_create_without_policy_predicts_none(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_agent_ingress, {"domain": "connect.example.com"}, [
        Call("GET", "/agent_ingresses", query=BY_DOMAIN, body=listing()),
    ], check_mode=True)
    predicted = result["agent_ingress"]
    assert predicted["certificate_management_policy"] is None and predicted["certificate_management_status"] is None


def test_removing_a_policy_is_refused_without_replace(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_agent_ingress, {
        "domain": "connect.example.com", "certificate_management_policy": {"enabled": False}}, [
        Call("GET", "/agent_ingresses", query=BY_DOMAIN, body=listing(ingress(policy=RSA))),
    ])
    assert result["failed"] and result["changed"] is False and session.methods == ["GET"]
    assert "cannot remove certificate_management_policy of agent ingress agin_1" in result["msg"]
    assert "set replace=true to delete it and create it again" in result["msg"]
    assert result["agent_ingress"]["id"] == "agin_1"


def test_removing_a_policy_that_is_not_there_changes_nothing(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_agent_ingress, {
        "domain": "connect.example.com", "certificate_management_policy": {"enabled": False}}, [
        Call("GET", "/agent_ingresses", query=BY_DOMAIN, body=listing(ingress())),
    ])
    assert result["changed"] is False


def test_replace_creates_the_agent_ingress_again_without_the_policy(monkeypatch):
    args = {"domain": "connect.example.com", "certificate_management_policy": {"enabled": False}, "replace": True}
    result, session = run_module(monkeypatch, ngrok_agent_ingress, args, [
        Call("GET", "/agent_ingresses", query=BY_DOMAIN, body=listing(ingress(policy=RSA, metadata="keep"))),
    ], check_mode=True)
    assert result["changed"] and session.methods == ["GET"]
    assert result["agent_ingress"]["certificate_management_policy"] is None and result["agent_ingress"]["id"] is None
    assert result["agent_ingress"]["metadata"] == "keep"
    result, session = run_module(monkeypatch, ngrok_agent_ingress, args, [
        Call("GET", "/agent_ingresses", query=BY_DOMAIN, body=listing(ingress(policy=RSA, metadata="keep"))),
        Call("DELETE", "/agent_ingresses/agin_1", status=204),
        Call("POST", "/agent_ingresses", status=201,
             sent={"domain": "connect.example.com", "description": "devices", "metadata": "keep"},
             body=ingress("agin_2", metadata="keep")),
    ])
    assert result["changed"] and result["agent_ingress"]["id"] == "agin_2"
    assert result["agent_ingress"]["certificate_management_policy"] is None


def test_delete_check_mode_delete_and_delete_again(monkeypatch):
    args = {"domain": "connect.example.com", "state": "absent"}
    result, session = run_module(monkeypatch, ngrok_agent_ingress, args, [
        Call("GET", "/agent_ingresses", query=BY_DOMAIN, body=listing(ingress())),
    ], check_mode=True)
    assert result["changed"] and session.methods == ["GET"]
    result, session = run_module(monkeypatch, ngrok_agent_ingress, args, [
        Call("GET", "/agent_ingresses", query=BY_DOMAIN, body=listing(ingress())),
        Call("DELETE", "/agent_ingresses/agin_1", status=204),
    ])
    assert result["changed"] and result["agent_ingress"]["id"] == "agin_1"
    result, session = run_module(monkeypatch, ngrok_agent_ingress, args, [
        Call("GET", "/agent_ingresses", query=BY_DOMAIN, body=listing()),
    ])
    assert result["changed"] is False and result["agent_ingress"] == {}


def test_bad_input_is_refused_before_any_request(monkeypatch):
    for args, words in [
        ({"domain": " . ", "state": "absent"}, "domain must not be empty"),
        ({"description": "devices"}, "set domain (or set id)"),
        ({"id": "rd_1", "state": "absent"}, "agin_..."),
        ({"domain": "connect.example.com", "certificate_management_policy": {"private_key_type": "dsa"}}, "private_key_type"),
        ({"domain": "connect.example.com", "certificate_management_policy": {"authority": "zerossl"}}, "authority"),
    ]:
        result, session = run_module(monkeypatch, ngrok_agent_ingress, args, [])
        assert result["failed"] and words in result["msg"] and session.requests == []


def test_api_errors_carry_the_error_code_and_operation_id(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_agent_ingress, {"domain": "devices.ngrok.app"}, [
        Call("GET", "/agent_ingresses", query={"filter": 'obj.domain == "devices.ngrok.app"'}, body=listing()),
        Call("POST", "/agent_ingresses", status=400, body={
            "error_code": "ERR_NGROK_6705", "status_code": 400, "msg": "The agent ingress domain must be a third party domain.",
            "details": {"operation_id": "op_6705"}}),
    ])
    assert result["failed"] and result["error_code"] == "ERR_NGROK_6705" and result["operation_id"] == "op_6705"
    assert result["changed"] is False


# -- ngrok_agent_ingress_info -------------------------------------------------------------------------

def test_info_by_domain_written_another_way(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_agent_ingress_info, {"domain": "CONNECT.example.com."}, [
        Call("GET", "/agent_ingresses", query=BY_DOMAIN, body=listing(ingress())),
    ])
    assert result["changed"] is False and [i["id"] for i in result["agent_ingresses"]] == ["agin_1"]


def test_info_by_id_and_with_a_filter(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_agent_ingress_info, {"id": "agin_1"}, [
        Call("GET", "/agent_ingresses/agin_1", body=ingress()),
    ])
    assert [i["id"] for i in result["agent_ingresses"]] == ["agin_1"]
    result, session = run_module(monkeypatch, ngrok_agent_ingress_info, {"filter": 'obj.description.startsWith("dev")'}, [
        Call("GET", "/agent_ingresses", query={"filter": 'obj.description.startsWith("dev")'}, body=listing(ingress())),
    ], check_mode=True)
    assert len(result["agent_ingresses"]) == 1
