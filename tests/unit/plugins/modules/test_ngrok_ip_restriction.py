# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.ip import IP_RESTRICTION
from ansible_collections.ngrok.ngrok.plugins.modules import ngrok_ip_restriction, ngrok_ip_restriction_info
from ansible_collections.ngrok.ngrok.tests.unit.plugins.fake_api import API, Call
from ansible_collections.ngrok.ngrok.tests.unit.plugins.module_runner import run_module

# The list of restrictions takes no filter on the type: the lookup lists them all.
ALL = {}


def restriction(ipx_id="ipx_1", kind="agent", policies=("ipp_1",), enforced=False, description=None):
    obj = {"id": ipx_id, "uri": API + "/ip_restrictions/" + ipx_id, "created_at": "2026-11-27T10:00:00Z", "type": kind,
           "enforced": enforced, "ip_policies": [{"id": p, "uri": API + "/ip_policies/" + p} for p in policies]}
    if description:
        obj["description"] = description
    return obj


def policy(policy_id, description):
    return {"id": policy_id, "uri": API + "/ip_policies/" + policy_id, "created_at": "2026-11-27T10:00:00Z",
            "description": description}


def restrictions(*items):
    return {"ip_restrictions": list(items), "uri": API + "/ip_restrictions", "next_page_uri": None}


def policies(*items):
    return {"ip_policies": list(items), "uri": API + "/ip_policies", "next_page_uri": None}


def test_create_with_policies_named_by_description(monkeypatch):
    args = {"type": "agent", "ip_policy_descriptions": ["office", "datacenter"], "description": "agents"}
    result, session = run_module(monkeypatch, ngrok_ip_restriction, args, [
        Call("GET", "/ip_policies", query={"filter": 'obj.description in ["office", "datacenter"]'},
             body=policies(policy("ipp_2", "datacenter"), policy("ipp_1", "office"))),
        Call("GET", "/ip_restrictions", query=ALL, body=restrictions(restriction("ipx_9", "api"))),
        Call("POST", "/ip_restrictions", status=201,
             sent={"type": "agent", "ip_policy_ids": ["ipp_1", "ipp_2"], "description": "agents"},
             body=restriction(policies=("ipp_1", "ipp_2"), description="agents")),
    ])
    assert result["changed"] and result["ip_restriction"]["id"] == "ipx_1"


def test_unchanged_rerun_with_policies_reordered_is_one_request(monkeypatch):
    args = {"type": "agent", "ip_policy_ids": ["ipp_2", "ipp_1", "ipp_2"], "enforced": False}
    result, session = run_module(monkeypatch, ngrok_ip_restriction, args, [
        Call("GET", "/ip_restrictions", query=ALL, body=restrictions(restriction(policies=("ipp_1", "ipp_2")))),
    ])
    assert result["changed"] is False and len(session.requests) == 1


def test_update_sends_only_what_differs(monkeypatch):
    args = {"type": "agent", "ip_policy_ids": ["ipp_1"], "enforced": True}
    result, session = run_module(monkeypatch, ngrok_ip_restriction, args, [
        Call("GET", "/ip_restrictions", query=ALL, body=restrictions(restriction())),
        Call("PATCH", "/ip_restrictions/ipx_1", sent={"enforced": True}, body=restriction(enforced=True)),
    ], diff=True)
    assert result["changed"] and result["ip_restriction"]["enforced"] is True
    assert result["diff"]["before"]["enforced"] is False and result["diff"]["after"]["enforced"] is True


def test_a_changed_policy_set_is_sent_whole(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_ip_restriction, {"type": "agent", "ip_policy_ids": ["ipp_3", "ipp_1"]}, [
        Call("GET", "/ip_restrictions", query=ALL, body=restrictions(restriction(policies=("ipp_1", "ipp_2")))),
        Call("PATCH", "/ip_restrictions/ipx_1", sent={"ip_policy_ids": ["ipp_3", "ipp_1"]},
             body=restriction(policies=("ipp_3", "ipp_1"))),
    ])
    assert result["changed"]


def test_check_mode_create_predicts_every_key(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_ip_restriction, {"type": "endpoints", "ip_policy_ids": ["ipp_1"]}, [
        Call("GET", "/ip_restrictions", query=ALL, body=restrictions()),
    ], check_mode=True, diff=True)
    predicted = result["ip_restriction"]
    assert result["changed"] and session.methods == ["GET"]
    assert set(predicted) == set(IP_RESTRICTION.response_keys)
    assert predicted["type"] == "endpoints" and predicted["enforced"] is False and predicted["id"] is None
    assert predicted["ip_policies"] == [{"id": "ipp_1", "uri": None}]


def test_check_mode_with_a_policy_not_created_yet_warns(monkeypatch):
    args = {"type": "agent", "ip_policy_descriptions": ["office"]}
    result, session = run_module(monkeypatch, ngrok_ip_restriction, args, [
        Call("GET", "/ip_policies", query={"filter": 'obj.description == "office"'}, body=policies()),
        Call("GET", "/ip_restrictions", query=ALL, body=restrictions()),
    ], check_mode=True)
    assert result["changed"] and result["ip_restriction"]["ip_policies"] == [{"id": None, "uri": None}]
    assert any("office" in w for w in result["warnings"])


def test_a_policy_description_nobody_has_fails_without_a_change(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_ip_restriction, {"type": "agent", "ip_policy_descriptions": ["office"]}, [
        Call("GET", "/ip_policies", query={"filter": 'obj.description == "office"'}, body=policies()),
    ])
    assert result["failed"] and result["msg"] == "ip_policy_descriptions: no IP policy has description 'office'"


def test_a_policy_description_two_policies_have_fails_listing_them(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_ip_restriction, {"type": "agent", "ip_policy_descriptions": ["office"]}, [
        Call("GET", "/ip_policies", query={"filter": 'obj.description == "office"'},
             body=policies(policy("ipp_2", "office"), policy("ipp_1", "office"))),
    ])
    assert result["failed"] and "ipp_1, ipp_2" in result["msg"] and session.methods == ["GET"]


def test_ids_and_descriptions_are_mutually_exclusive(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_ip_restriction, {
        "type": "agent", "ip_policy_ids": ["ipp_1"], "ip_policy_descriptions": ["office"]}, [])
    assert result["failed"] and "mutually exclusive" in result["msg"]


def test_the_type_cannot_change(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_ip_restriction, {"id": "ipx_1", "type": "api"}, [
        Call("GET", "/ip_restrictions/ipx_1", body=restriction()),
    ])
    assert result["failed"] and result["changed"] is False and session.methods == ["GET"]
    assert "cannot change type of IP restriction ipx_1" in result["msg"]


def test_policies_are_required_to_create(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_ip_restriction, {"type": "agent", "enforced": True}, [
        Call("GET", "/ip_restrictions", query=ALL, body=restrictions()),
    ])
    assert result["failed"] and result["msg"] == "to create an IP restriction, set ip_policy_ids"


def test_an_empty_policy_list_is_refused_before_any_request(monkeypatch):
    # The API refuses a restriction without a policy (ERR_NGROK_1804); an empty list of descriptions once crashed.
    for args in ({"type": "agent", "ip_policy_ids": []}, {"type": "agent", "ip_policy_descriptions": []}):
        result, session = run_module(monkeypatch, ngrok_ip_restriction, args, [])
        option = "ip_policy_ids" if "ip_policy_ids" in args else "ip_policy_descriptions"
        assert result["failed"] and result["msg"] == option + ": must list at least 1 item", result
        assert session.requests == [] and "Traceback" not in str(result)


def test_absent_deletes_then_is_unchanged(monkeypatch):
    result, _session = run_module(monkeypatch, ngrok_ip_restriction, {"type": "agent", "state": "absent"}, [
        Call("GET", "/ip_restrictions", query=ALL, body=restrictions(restriction("ipx_2", "api"), restriction())),
        Call("DELETE", "/ip_restrictions/ipx_1", status=204),
    ])
    assert result["changed"] and result["ip_restriction"]["id"] == "ipx_1"
    result, _session = run_module(monkeypatch, ngrok_ip_restriction, {"type": "agent", "state": "absent"}, [
        Call("GET", "/ip_restrictions", query=ALL, body=restrictions(restriction("ipx_2", "api"))),
    ])
    assert result["changed"] is False and result["ip_restriction"] == {}


def test_absent_in_check_mode_sends_no_delete(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_ip_restriction, {"type": "agent", "state": "absent"}, [
        Call("GET", "/ip_restrictions", query=ALL, body=restrictions(restriction())),
    ], check_mode=True)
    assert result["changed"] and session.methods == ["GET"]


def test_info_by_type_lists_and_narrows(monkeypatch):
    result, _session = run_module(monkeypatch, ngrok_ip_restriction_info, {"type": "api"}, [
        Call("GET", "/ip_restrictions", query=ALL, body=restrictions(restriction("ipx_2", "api"), restriction())),
    ])
    assert [r["id"] for r in result["ip_restrictions"]] == ["ipx_2"]


def test_info_with_type_and_filter_sends_only_the_filter(monkeypatch):
    result, _session = run_module(monkeypatch, ngrok_ip_restriction_info, {"type": "agent", "filter": 'obj.metadata == "x"'}, [
        Call("GET", "/ip_restrictions", query={"filter": 'obj.metadata == "x"'}, body=restrictions(restriction("ipx_2", "api"))),
    ])
    assert result["ip_restrictions"] == []
