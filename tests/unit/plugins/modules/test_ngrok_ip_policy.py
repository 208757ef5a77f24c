# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.ngrok.ngrok.plugins.modules import ngrok_ip_policy, ngrok_ip_policy_rule
from ansible_collections.ngrok.ngrok.tests.unit.plugins.fake_api import API, Call
from ansible_collections.ngrok.ngrok.tests.unit.plugins.module_runner import run_module

BY_DESCRIPTION = {"filter": 'obj.description == "office"'}
RULES_OF_1 = {"filter": 'obj.ip_policy.id == "ipp_1"'}


def policy(policy_id="ipp_1", description="office"):
    return {"id": policy_id, "uri": API + "/ip_policies/" + policy_id, "created_at": "2026-11-27T10:00:00Z",
            "description": description}


def rule(rule_id, cidr, action="allow", description=None, policy_id="ipp_1"):
    obj = {"id": rule_id, "uri": API + "/ip_policy_rules/" + rule_id, "created_at": "2026-11-27T10:00:00Z",
           "cidr": cidr, "action": action, "ip_policy": {"id": policy_id, "uri": API + "/ip_policies/" + policy_id}}
    if description:
        obj["description"] = description
    return obj


def policies(*items):
    return {"ip_policies": list(items), "uri": API + "/ip_policies", "next_page_uri": None}


def rules(*items):
    return {"ip_policy_rules": list(items), "uri": API + "/ip_policy_rules", "next_page_uri": None}


RULES = [{"cidr": "203.0.113.0/24", "action": "allow", "description": "hq"}, {"cidr": "2001:DB8::/32", "action": "deny"}]


def test_create_with_rules(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_ip_policy, {"description": "office", "rules": RULES}, [
        Call("GET", "/ip_policies", query=BY_DESCRIPTION, body=policies()),
        Call("POST", "/ip_policies", status=201, sent={"description": "office"}, body=policy()),
        Call("GET", "/ip_policies", query=BY_DESCRIPTION, body=policies(policy())),
        Call("POST", "/ip_policy_rules", status=201,
             sent={"ip_policy_id": "ipp_1", "cidr": "203.0.113.0/24", "action": "allow", "description": "hq"},
             body=rule("ipr_1", "203.0.113.0/24", description="hq")),
        Call("POST", "/ip_policy_rules", status=201, sent={"ip_policy_id": "ipp_1", "cidr": "2001:db8::/32", "action": "deny"},
             body=rule("ipr_2", "2001:db8::/32", "deny")),
    ])
    assert result["changed"] and result["ip_policy"]["id"] == "ipp_1"
    assert [r["id"] for r in result["ip_policy"]["rules"]] == ["ipr_1", "ipr_2"]


def test_converged_policy_with_rules_costs_two_requests(monkeypatch):
    many = [rule("ipr_%d" % i, "10.0.%d.0/24" % i) for i in range(100)]
    wanted = [{"cidr": "10.0.%d.0/24" % i, "action": "allow"} for i in reversed(range(100))]
    result, session = run_module(monkeypatch, ngrok_ip_policy, {"description": "office", "rules": wanted}, [
        Call("GET", "/ip_policies", query=BY_DESCRIPTION, body=policies(policy())),
        Call("GET", "/ip_policy_rules", query=RULES_OF_1, body=rules(*many)),
    ])
    assert result["changed"] is False and len(session.requests) == 2
    assert len(result["ip_policy"]["rules"]) == 100


def test_only_the_rules_that_differ_are_touched(monkeypatch):
    existing = [rule("ipr_1", "203.0.113.0/24", description="old"), rule("ipr_2", "2001:db8::/32", "allow"),
                rule("ipr_3", "198.51.100.0/24")]
    result, session = run_module(monkeypatch, ngrok_ip_policy, {"description": "office", "rules": RULES}, [
        Call("GET", "/ip_policies", query=BY_DESCRIPTION, body=policies(policy())),
        Call("GET", "/ip_policy_rules", query=RULES_OF_1, body=rules(*existing)),
        Call("PATCH", "/ip_policy_rules/ipr_1", sent={"description": "hq"}, body=rule("ipr_1", "203.0.113.0/24", description="hq")),
        # The action cannot change: the rule is deleted, then created again.
        Call("DELETE", "/ip_policy_rules/ipr_2", status=204),
        Call("POST", "/ip_policy_rules", status=201, sent={"ip_policy_id": "ipp_1", "cidr": "2001:db8::/32", "action": "deny"},
             body=rule("ipr_4", "2001:db8::/32", "deny")),
    ], diff=True)
    assert result["changed"]
    assert [r["id"] for r in result["ip_policy"]["rules"]] == ["ipr_1", "ipr_4", "ipr_3"]
    assert len(result["diff"]["before"]["rules"]) == 3


def test_purge_deletes_unlisted_rules(monkeypatch):
    existing = [rule("ipr_1", "203.0.113.0/24", description="hq"), rule("ipr_3", "198.51.100.0/24")]
    result, session = run_module(monkeypatch, ngrok_ip_policy, {"description": "office", "rules": RULES[:1], "purge_rules": True}, [
        Call("GET", "/ip_policies", query=BY_DESCRIPTION, body=policies(policy())),
        Call("GET", "/ip_policy_rules", query=RULES_OF_1, body=rules(*existing)),
        Call("DELETE", "/ip_policy_rules/ipr_3", status=204),
    ])
    assert result["changed"] and [r["id"] for r in result["ip_policy"]["rules"]] == ["ipr_1"]


def test_check_mode_predicts_the_rules_and_sends_only_reads(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_ip_policy, {"description": "office", "rules": RULES}, [
        Call("GET", "/ip_policies", query=BY_DESCRIPTION, body=policies()),
    ], check_mode=True)
    assert result["changed"] and result["ip_policy"]["id"] is None
    assert [r["cidr"] for r in result["ip_policy"]["rules"]] == ["203.0.113.0/24", "2001:db8::/32"]
    assert set(result["ip_policy"]["rules"][0]) >= {"id", "uri", "created_at", "cidr", "action", "ip_policy"}
    assert session.methods == ["GET"]


def test_a_rule_listed_twice_is_refused_before_any_request(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_ip_policy, {
        "description": "office", "rules": [{"cidr": "2001:db8::/32"}, {"cidr": "2001:DB8::/32"}]}, [])
    assert result["failed"] and "twice" in result["msg"] and session.requests == []


def test_a_rule_by_policy_description_and_cidr(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_ip_policy_rule, {
        "ip_policy_description": "office", "cidr": "203.0.113.0/24", "action": "allow"}, [
        Call("GET", "/ip_policies", query=BY_DESCRIPTION, body=policies(policy())),
        Call("GET", "/ip_policy_rules", query={"filter": '(obj.cidr == "203.0.113.0/24") && (obj.ip_policy.id == "ipp_1")'},
             body=rules()),
        Call("POST", "/ip_policy_rules", status=201, sent={"ip_policy_id": "ipp_1", "cidr": "203.0.113.0/24", "action": "allow"},
             body=rule("ipr_1", "203.0.113.0/24")),
    ])
    assert result["changed"] and result["ip_policy_rule"]["id"] == "ipr_1"


def test_a_rule_whose_action_differs_fails_unless_replace(monkeypatch):
    existing = rules(rule("ipr_1", "203.0.113.0/24"))
    result, session = run_module(monkeypatch, ngrok_ip_policy_rule, {
        "ip_policy_id": "ipp_1", "cidr": "203.0.113.0/24", "action": "deny"}, [
        Call("GET", "/ip_policy_rules", body=existing),
    ])
    assert result["failed"] and "cannot change action" in result["msg"] and "replace=true" in result["msg"]
    result, session = run_module(monkeypatch, ngrok_ip_policy_rule, {
        "ip_policy_id": "ipp_1", "cidr": "203.0.113.0/24", "action": "deny", "replace": True}, [
        Call("GET", "/ip_policy_rules", body=existing),
        Call("DELETE", "/ip_policy_rules/ipr_1", status=204),
        Call("POST", "/ip_policy_rules", status=201, sent={"ip_policy_id": "ipp_1", "cidr": "203.0.113.0/24", "action": "deny"},
             body=rule("ipr_2", "203.0.113.0/24", "deny")),
    ])
    assert result["changed"] and result["ip_policy_rule"]["action"] == "deny"


def test_a_refused_replacement_rule_restores_the_old_one(monkeypatch):
    existing = rules(rule("ipr_1", "203.0.113.0/24", description="hq"))
    refused = {"error_code": "ERR_NGROK_1406", "status_code": 400, "msg": "no", "details": {"operation_id": "op_1"}}
    result, session = run_module(monkeypatch, ngrok_ip_policy_rule, {
        "ip_policy_id": "ipp_1", "cidr": "203.0.113.0/24", "action": "deny", "replace": True}, [
        Call("GET", "/ip_policy_rules", body=existing),
        Call("DELETE", "/ip_policy_rules/ipr_1", status=204),
        Call("POST", "/ip_policy_rules", status=400, body=refused),
        Call("POST", "/ip_policy_rules", status=201,
             sent={"ip_policy_id": "ipp_1", "cidr": "203.0.113.0/24", "action": "allow", "description": "hq"},
             body=rule("ipr_3", "203.0.113.0/24", description="hq")),
    ])
    assert result["failed"] and result["changed"] is True
    assert "re-created" in result["msg"] and result["ip_policy_rule"]["id"] == "ipr_3"


def test_a_cidr_with_host_bits_fails_before_any_request(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_ip_policy, {
        "description": "office", "rules": [{"cidr": "203.0.113.0/24", "action": "allow"}, {"cidr": "10.1.2.3/8", "action": "allow"}]}, [])
    assert result["failed"] and session.requests == []
    assert result["msg"] == "rules: cidr: '10.1.2.3/8' has host bits set; the block it lies in is 10.0.0.0/8"


def test_an_address_without_prefix_length_fails_before_any_request(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_ip_policy_rule, {
        "ip_policy_id": "ipp_1", "cidr": "2001:db8::1", "action": "allow"}, [])
    assert result["failed"] and session.requests == []
    assert "give the prefix length too, as in 2001:db8::1/128" in result["msg"]


def test_diff_lists_the_rules_of_both_sides_in_one_order(monkeypatch):
    wanted = [{"cidr": "10.0.0.0/8", "action": "allow"}, {"cidr": "11.0.0.0/8", "action": "allow"},
              {"cidr": "12.0.0.0/8", "action": "allow"}]
    result, session = run_module(monkeypatch, ngrok_ip_policy, {"description": "office", "rules": wanted}, [
        Call("GET", "/ip_policies", query=BY_DESCRIPTION, body=policies(policy())),
        # The API lists the newest first.
        Call("GET", "/ip_policy_rules", query=RULES_OF_1, body=rules(rule("ipr_2", "11.0.0.0/8"), rule("ipr_1", "10.0.0.0/8"))),
    ], check_mode=True, diff=True)
    before, after = result["diff"]["before"]["rules"], result["diff"]["after"]["rules"]
    assert [r["cidr"] for r in before] == ["10.0.0.0/8", "11.0.0.0/8"]
    assert [r["cidr"] for r in after] == ["10.0.0.0/8", "11.0.0.0/8", "12.0.0.0/8"]
    # The rules that stay are the same on both sides; the new one has no null keys.
    assert after[:2] == before and after[2] == {"cidr": "12.0.0.0/8", "action": "allow", "ip_policy": {"id": "ipp_1", "uri": None}}


def test_absent_rule_of_a_policy_that_does_not_exist_warns_without_speaking_of_check_mode(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_ip_policy_rule, {
        "ip_policy_description": "office", "cidr": "10.0.0.0/8", "state": "absent"}, [
        Call("GET", "/ip_policies", query=BY_DESCRIPTION, body=policies()),
    ])
    assert result["changed"] is False and session.methods == ["GET"]
    assert result["warnings"] == ["ip_policy_description: no IP policy has description 'office'."]


def test_check_mode_takes_an_empty_policy_id_for_a_policy_an_earlier_task_would_create(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_ip_policy_rule, {
        "ip_policy_id": "", "cidr": "10.0.0.0/8", "action": "allow"}, [], check_mode=True)
    assert result["changed"] and session.requests == []
    assert result["ip_policy_rule"]["cidr"] == "10.0.0.0/8" and result["ip_policy_rule"]["id"] is None
    assert "ip_policy_id is empty: check mode takes it for the id of an IP policy that an earlier task would create" in result["warnings"][0]


def test_outside_check_mode_an_empty_policy_id_still_fails(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_ip_policy_rule, {
        "ip_policy_id": " ", "cidr": "10.0.0.0/8", "action": "allow"}, [])
    assert result["failed"] and session.requests == []
    assert "ip_policy_id must not be empty" in result["msg"]


def test_a_policy_named_twice_is_looked_up_and_sent_once(monkeypatch):
    from ansible_collections.ngrok.ngrok.plugins.modules import ngrok_ip_restriction
    result, session = run_module(monkeypatch, ngrok_ip_restriction, {
        "type": "dashboard", "ip_policy_descriptions": ["office", "office"]}, [
        Call("GET", "/ip_policies", query=BY_DESCRIPTION, body=policies(policy())),
        Call("GET", "/ip_restrictions", body={"ip_restrictions": [], "next_page_uri": None}),
        Call("POST", "/ip_restrictions", status=201, sent={"type": "dashboard", "ip_policy_ids": ["ipp_1"]},
             body={"id": "ipx_1", "type": "dashboard", "enforced": False, "ip_policies": [{"id": "ipp_1", "uri": ""}]}),
    ])
    assert result["changed"] and result["ip_restriction"]["id"] == "ipx_1"
