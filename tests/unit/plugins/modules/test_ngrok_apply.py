# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.ngrok.ngrok.plugins.modules import ngrok_apply
from ansible_collections.ngrok.ngrok.tests.unit.plugins.fake_api import API, Call
from ansible_collections.ngrok.ngrok.tests.unit.plugins.module_runner import run_module


def page(key, items, next_uri=None):
    return {key: items, "uri": API + "/x", "next_page_uri": next_uri}


def domain(i, name, **extra):
    obj = {"id": "rd_%d" % i, "uri": API + "/reserved_domains/rd_%d" % i, "created_at": "2026-11-27T10:00:00Z",
           "domain": name, "region": "", "cname_target": None, "certificate": None,
           "certificate_management_policy": None, "certificate_management_status": None,
           "acme_challenge_cname_target": None, "resolves_to": []}
    obj.update(extra)
    return obj


def policy(i, description):
    return {"id": "ipp_%d" % i, "uri": API + "/ip_policies/ipp_%d" % i, "created_at": "2026-11-27T10:00:00Z",
            "description": description}


def rule(i, policy_id, cidr, action="allow"):
    return {"id": "ipr_%d" % i, "uri": API + "/ip_policy_rules/ipr_%d" % i, "created_at": "2026-11-27T10:00:00Z",
            "cidr": cidr, "action": action, "ip_policy": {"id": policy_id, "uri": API + "/ip_policies/" + policy_id}}


def names(n):
    return ["d%03d.ngrok.app" % i for i in range(n)]


def test_a_converged_account_costs_one_listing_per_type_page(monkeypatch):
    domains = [domain(i, name) for i, name in enumerate(names(150))]
    wanted = {
        "reserved_domains": [{"domain": name} for name in names(150)],
        "ip_policies": [{"description": "office", "rules": [{"cidr": "10.0.%d.0/24" % i, "action": "allow"} for i in range(120)]}],
    }
    rules = [rule(i, "ipp_1", "10.0.%d.0/24" % i) for i in range(120)]
    result, session = run_module(monkeypatch, ngrok_apply, {"resources": wanted}, [
        Call("GET", "/reserved_domains", body=page("reserved_domains", domains[:100], API + "/reserved_domains?before_id=rd_99")),
        Call("GET", "/reserved_domains", body=page("reserved_domains", domains[100:])),
        Call("GET", "/ip_policies", body=page("ip_policies", [policy(1, "office")])),
        Call("GET", "/ip_policy_rules", body=page("ip_policy_rules", rules[:100], API + "/ip_policy_rules?before_id=ipr_99")),
        Call("GET", "/ip_policy_rules", body=page("ip_policy_rules", rules[100:])),
    ])
    assert result["changed"] is False, result
    assert result["plan"]["reserved_domains"]["unchanged"] == 150
    assert result["plan"]["ip_policy_rules"]["unchanged"] == 120
    assert len(session.requests) == 5


def test_create_from_empty_is_one_listing_per_type_and_one_post_per_object(monkeypatch):
    """Plus, for a type whose key the API does not keep unique, one listing after its creates."""
    wanted = {"reserved_domains": [{"domain": "a.ngrok.app"}, {"domain": "b.ngrok.app"}],
              "ip_policies": [{"description": "office", "rules": [{"cidr": "10.0.0.0/8", "action": "allow"}]}],
              "ip_restrictions": [{"type": "dashboard", "ip_policy_descriptions": ["office"]}]}
    restriction = {"id": "ipx_1", "uri": API + "/ip_restrictions/ipx_1", "created_at": "2026-11-27T10:00:00Z",
                   "type": "dashboard", "enforced": False, "ip_policies": [{"id": "ipp_1", "uri": ""}]}
    result, session = run_module(monkeypatch, ngrok_apply, {"resources": wanted}, [
        # What every item designates is looked up before any write.
        Call("GET", "/reserved_domains", body=page("reserved_domains", [])),
        Call("GET", "/ip_policies", body=page("ip_policies", [])),
        Call("GET", "/ip_restrictions", body=page("ip_restrictions", [])),
        Call("POST", "/reserved_domains", status=201, sent={"domain": "a.ngrok.app"}, body=domain(1, "a.ngrok.app")),
        Call("POST", "/reserved_domains", status=201, sent={"domain": "b.ngrok.app"}, body=domain(2, "b.ngrok.app")),
        Call("POST", "/ip_policies", status=201, sent={"description": "office"}, body=policy(1, "office")),
        # A new policy has no rules to list.
        Call("POST", "/ip_policy_rules", status=201, body=rule(1, "ipp_1", "10.0.0.0/8")),
        # IP policies have no unique key: once the type is done, one more listing looks for twins.
        Call("GET", "/ip_policies", body=page("ip_policies", [policy(1, "office")])),
        Call("POST", "/ip_restrictions", status=201, sent={"type": "dashboard", "ip_policy_ids": ["ipp_1"]}, body=restriction),
    ])
    assert result["changed"] is True
    assert result["plan"]["reserved_domains"]["created"] == 2 and result["plan"]["ip_restrictions"]["created"] == 1
    assert result["plan"]["ip_policy_rules"]["created"] == 1
    assert [d["domain"] for d in result["resources"]["reserved_domains"]] == ["a.ngrok.app", "b.ngrok.app"]


def test_check_mode_plans_references_to_objects_it_would_create(monkeypatch):
    wanted = {"ip_policies": [{"description": "office"}],
              "ip_restrictions": [{"type": "api", "ip_policy_descriptions": ["office"]}]}
    result, session = run_module(monkeypatch, ngrok_apply, {"resources": wanted}, [
        Call("GET", "/ip_policies", body=page("ip_policies", [])),
        Call("GET", "/ip_restrictions", body=page("ip_restrictions", [])),
    ], check_mode=True)
    assert result["changed"] and session.methods == ["GET", "GET"]
    planned = result["resources"]["ip_restrictions"][0]
    assert planned["ip_policies"][0]["id"] == "(new IP policy office)"
    assert result["plan"]["ip_policies"]["created"] == 1


def test_prune_deletes_what_is_not_listed_in_reverse_order(monkeypatch):
    wanted = {"reserved_domains": [{"domain": "keep.ngrok.app"}]}
    result, session = run_module(monkeypatch, ngrok_apply, {"resources": wanted, "prune": ["reserved_domains"]}, [
        Call("GET", "/reserved_domains", body=page("reserved_domains", [domain(1, "keep.ngrok.app"), domain(2, "old.ngrok.app")])),
        # What stays and may use a domain (an endpoint on it) is read before a domain is pruned.
        Call("GET", "/endpoints", body=page("endpoints", [])),
        Call("DELETE", "/reserved_domains/rd_2", status=204),
    ], diff=True)
    assert result["changed"] and result["plan"]["reserved_domains"] == {
        "created": 0, "updated": 0, "replaced": 0, "deleted": 1, "unchanged": 1, "kept": 0}
    assert any("pruned" in d["before_header"] for d in result["diff"])


def test_prune_with_nothing_listed_is_refused_unless_allowed(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_apply, {"resources": {"reserved_domains": []}, "prune": ["reserved_domains"]}, [])
    assert result["failed"] and "prune_allow_empty" in result["msg"] and session.requests == []


def test_bad_items_are_refused_before_any_request(monkeypatch):
    for resources, text in [
        ({"widgets": []}, "resources names types that ngrok_apply does not take: widgets (no such type)"),
        ({"vault_secrets": []}, "vault_secrets (did you mean secrets?)"),
        ({"secret": []}, "secret (did you mean secrets?)"),
        ({"kubernetes_operators": []}, "kubernetes_operators (no module manages them; read them with "
                                       "ngrok.ngrok.ngrok_kubernetes_operator_info)"),
        ({"abuse_reports": []}, "abuse_reports (the API cannot list them"),
        ({"reserved_domains": [{"domain": "a.ngrok.app", "colour": "red"}]}, "resources.reserved_domains[0]"),
        ({"ip_policies": [{"description": " "}]}, "description must not be empty"),
        ({"secrets": [{"vault_name": "v", "vault_id": "vault_1", "name": "n", "value": "x"}]}, "mutually exclusive"),
    ]:
        result, session = run_module(monkeypatch, ngrok_apply, {"resources": resources}, [])
        assert result["failed"] and text in result["msg"] and session.requests == [], (resources, result["msg"])


def test_an_empty_parent_id_is_refused_in_check_mode_too(monkeypatch):
    # The per-resource modules take it, in check mode, for the prediction of an earlier task; one task that
    # converges many objects names the objects it creates by their keys instead.
    result, session = run_module(monkeypatch, ngrok_apply, {"resources": {
        "secrets": [{"vault_id": "", "name": "n", "value": "x"}]}}, [], check_mode=True)
    assert result["failed"] and "vault_id must not be empty" in result["msg"] and session.requests == []


def test_a_failed_object_does_not_stop_the_others(monkeypatch):
    refused = {"error_code": "ERR_NGROK_438", "status_code": 400, "msg": "bad name", "details": {"operation_id": "op_1"}}
    result, session = run_module(monkeypatch, ngrok_apply, {"resources": {
        "reserved_domains": [{"domain": "bad_name.example.com"}, {"domain": "ok.ngrok.app"}]}}, [
        Call("GET", "/reserved_domains", body=page("reserved_domains", [])),
        Call("POST", "/reserved_domains", status=400, body=refused),
        Call("POST", "/reserved_domains", status=201, body=domain(1, "ok.ngrok.app")),
    ])
    assert result["failed"] and result["changed"] is True
    assert result["failures"][0]["error_code"] == "ERR_NGROK_438" and result["failures"][0]["object"] == "bad_name.example.com"
    assert result["plan"]["reserved_domains"]["created"] == 1


def test_secret_values_never_come_back(monkeypatch):
    vault = {"id": "vault_1", "uri": API + "/vaults/vault_1", "name": "prod", "created_at": "x"}
    secret = {"id": "secret_1", "uri": API + "/vault_secrets/secret_1", "name": "token", "vault": {"id": "vault_1", "uri": ""},
              "vault_name": "prod"}
    result, session = run_module(monkeypatch, ngrok_apply, {"resources": {
        "vaults": [{"name": "prod"}], "secrets": [{"vault_name": "prod", "name": "token", "value": "hunter2-secret"}]}}, [
        Call("GET", "/vaults", body=page("vaults", [vault])),
        Call("GET", "/vault_secrets", body=page("secrets", [])),
        Call("POST", "/vault_secrets", status=201, sent={"vault_name": "prod", "name": "token", "value": "hunter2-secret"}, body=secret),
    ], diff=True)
    assert result["changed"] and "hunter2-secret" not in repr(result)


def test_a_lost_create_answer_is_looked_up_on_the_api_not_in_the_listing(monkeypatch):
    lost = {"error_code": "ERR_NGROK_999", "status_code": 502, "msg": "bad gateway", "details": {"operation_id": "op_1"}}
    result, session = run_module(monkeypatch, ngrok_apply, {"resources": {"reserved_domains": [{"domain": "a.ngrok.app"}]}}, [
        Call("GET", "/reserved_domains", body=page("reserved_domains", [])),
        Call("POST", "/reserved_domains", status=502, body=lost),
        # The listing is read again: the create did happen, so nothing is sent twice.
        Call("GET", "/reserved_domains", body=page("reserved_domains", [domain(1, "a.ngrok.app")])),
    ])
    assert result["changed"] and result["resources"]["reserved_domains"][0]["id"] == "rd_1"
    assert any("answer to the create request was lost" in w for w in result["warnings"])


POOL_POLICY = '{"on_http_request": [{"actions": [{"type": "deny"}]}]}'


def test_pooled_endpoints_created_at_the_same_time_end_as_one_and_agent_endpoints_are_no_twins(monkeypatch):
    def cloud(number, created_at, kind="cloud"):
        return {"id": "ep_%d" % number, "type": kind, "url": "https://pool.internal", "pooling_enabled": True,
                "bindings": ["internal"], "created_at": created_at, "traffic_policy": POOL_POLICY}
    agent, older, mine = cloud(0, "2026-11-27T09:00:00Z", kind="agent"), cloud(1, "2026-11-27T10:00:00Z"), \
        cloud(2, "2026-11-27T10:00:05Z")
    wanted = {"endpoints": [{"url": "https://pool.internal", "pooling_enabled": True, "traffic_policy": POOL_POLICY}]}
    result, session = run_module(monkeypatch, ngrok_apply, {"resources": wanted}, [
        Call("GET", "/endpoints", body=page("endpoints", [agent])),
        Call("POST", "/endpoints", status=201, body=mine),
        Call("GET", "/endpoints", body=page("endpoints", [mine, older, agent])),
        Call("DELETE", "/endpoints/ep_2", status=204),
    ])
    assert result["resources"]["endpoints"][0]["id"] == "ep_1"
    assert any("twin" in w for w in result["warnings"])


def test_twins_created_at_the_same_time_end_as_one(monkeypatch):
    older = policy(1, "office")
    mine = dict(policy(2, "office"), created_at="2026-11-27T10:00:05Z")
    result, session = run_module(monkeypatch, ngrok_apply, {"resources": {"ip_policies": [{"description": "office"}]}}, [
        Call("GET", "/ip_policies", body=page("ip_policies", [])),
        Call("POST", "/ip_policies", status=201, body=mine),
        Call("GET", "/ip_policies", body=page("ip_policies", [mine, older])),
        Call("DELETE", "/ip_policies/ipp_2", status=204),
    ])
    assert result["resources"]["ip_policies"][0]["id"] == "ipp_1"
    assert any("twin" in w for w in result["warnings"])


def test_lookups_read_the_listing_once_not_once_per_object(monkeypatch):
    """A converged run of N objects copies O(N) objects, not N listings of N: 1,000 objects stay quick."""
    from ansible_collections.ngrok.ngrok.plugins.module_utils import _listing
    copies = []
    deepcopy = _listing.copy.deepcopy
    monkeypatch.setattr(_listing.copy, "deepcopy", lambda value: copies.append(1) or deepcopy(value))
    domains = [domain(i, name) for i, name in enumerate(names(300))]
    calls = [Call("GET", "/reserved_domains", body=page("reserved_domains", domains[k:k + 100],
                                                        API + "/reserved_domains?before_id=rd_%d" % (k + 99) if k < 200 else None))
             for k in (0, 100, 200)]
    result, session = run_module(monkeypatch, ngrok_apply, {"resources": {"reserved_domains": [{"domain": n} for n in names(300)]}},
                                 calls)
    assert result["changed"] is False and result["plan"]["reserved_domains"]["unchanged"] == 300
    assert len(session.requests) == 3
    # Copies of nested values count too; a listing copied for each lookup would make 300 x 300 x 4.
    assert len(copies) <= 10 * 300


def test_the_listing_follows_the_writes_of_the_run(monkeypatch):
    """A reference resolves to an object the run created, updated or left; a deleted one is gone for lookups."""
    wanted = {"ip_policies": [{"description": "new"}, {"description": "old", "state": "absent"}, {"description": "kept", "metadata": "m2"}],
              "ip_restrictions": [{"type": "api", "ip_policy_descriptions": ["new", "kept"]}]}
    kept = policy(3, "kept")
    restriction = {"id": "ipx_1", "uri": API + "/ip_restrictions/ipx_1", "created_at": "2026-11-27T10:00:00Z", "type": "api",
                   "enforced": False, "ip_policies": [{"id": "ipp_9", "uri": ""}, {"id": "ipp_3", "uri": ""}]}
    result, session = run_module(monkeypatch, ngrok_apply, {"resources": wanted}, [
        Call("GET", "/ip_policies", body=page("ip_policies", [policy(2, "old"), kept])),
        Call("GET", "/ip_restrictions", body=page("ip_restrictions", [])),
        Call("POST", "/ip_policies", status=201, sent={"description": "new"}, body=policy(9, "new")),
        Call("PATCH", "/ip_policies/ipp_3", sent={"metadata": "m2"}, body=dict(kept, metadata="m2")),
        Call("GET", "/ip_policies", body=page("ip_policies", [policy(9, "new"), policy(2, "old"), dict(kept, metadata="m2")])),
        Call("POST", "/ip_restrictions", status=201, sent={"type": "api", "ip_policy_ids": ["ipp_9", "ipp_3"]}, body=restriction),
        # Before a policy is deleted: what stays and may use it (an endpoint's traffic policy).
        Call("GET", "/endpoints", body=page("endpoints", [])),
        Call("DELETE", "/ip_policies/ipp_2", status=204),
    ])
    assert result["changed"] and not result["failures"], result
    assert result["plan"]["ip_policies"] == {"created": 1, "updated": 1, "replaced": 0, "deleted": 1, "unchanged": 0,
                                             "kept": 0}


def test_prune_with_only_absent_items_listed_is_refused_like_an_empty_list(monkeypatch):
    """Items with state=absent keep nothing: pruning beside them alone would delete every object of the type."""
    resources = {"reserved_domains": [{"domain": "old.example.com", "state": "absent"}]}
    result, session = run_module(monkeypatch, ngrok_apply, {"resources": resources, "prune": ["reserved_domains"]}, [])
    assert result["failed"] and "prune_allow_empty" in result["msg"] and "state=absent" in result["msg"], result["msg"]
    assert session.requests == []


def test_check_mode_counts_an_absent_object_of_a_pruned_type_once(monkeypatch):
    """The plan deletes it for its item; prune must not find it again (a real run counts it once too)."""
    resources = {"reserved_domains": [{"domain": "app.example.com"}, {"domain": "api.example.com", "state": "absent"}]}
    result, session = run_module(monkeypatch, ngrok_apply, {"resources": resources, "prune": ["reserved_domains"]}, [
        Call("GET", "/reserved_domains", body=page("reserved_domains", [domain(1, "app.example.com"), domain(2, "api.example.com")])),
        Call("GET", "/endpoints", body=page("endpoints", [])),
    ], check_mode=True, diff=True)
    assert result["changed"] and session.methods == ["GET", "GET"]
    assert result["plan"]["reserved_domains"] == {"created": 0, "updated": 0, "replaced": 0, "deleted": 1, "unchanged": 1,
                                                  "kept": 0}
    assert [d["before_header"] for d in result["diff"]] == ["reserved_domains: api.example.com"]


def test_items_designating_the_same_object_are_refused_before_any_request(monkeypatch):
    """They would overwrite each other on every run; the message names both items."""
    for resources, text in [
        ({"reserved_domains": [{"domain": "dup.example.com", "description": "first"},
                               {"domain": "DUP.example.com.", "description": "second"}]},
         "resources.reserved_domains[1] designates the same reserved domain as resources.reserved_domains[0] "
         "(domain dup.example.com)"),
        ({"ip_policies": [{"description": "office"}, {"description": "twin", "metadata": "a"},
                          {"description": "twin", "metadata": "b"}]},
         "resources.ip_policies[2] designates the same IP policy as resources.ip_policies[1] (description twin)"),
        ({"vaults": [{"id": "vault_1", "description": "a"}, {"name": "prod"}, {"id": "vault_1", "state": "absent"}]},
         "resources.vaults[2] designates the same vault as resources.vaults[0] (id vault_1)"),
        ({"secrets": [{"vault_name": "prod", "name": "token", "value": "a"},
                      {"vault_name": "prod", "name": "token", "state": "absent"}]},
         "resources.secrets[1] designates the same secret as resources.secrets[0] (vault_name prod, name token)"),
        ({"ip_policy_rules": [{"ip_policy_description": "office", "cidr": "10.0.0.0/8", "action": "allow"},
                              {"ip_policy_description": "office", "cidr": "10.0.0.0/8", "action": "deny"}]},
         "resources.ip_policy_rules[1] designates the same IP policy rule as resources.ip_policy_rules[0]"),
        # a rule listed inline under its policy and as an item of its own type
        ({"ip_policies": [{"description": "office", "rules": [{"cidr": "10.0.0.0/8", "action": "allow"}]}],
          "ip_policy_rules": [{"ip_policy_description": "office", "cidr": "10.0.0.0/8", "action": "deny"}]},
         "resources.ip_policy_rules[0] designates the same IP policy rule as resources.ip_policies[0].rules[0] "
         "(ip_policy_description office, cidr 10.0.0.0/8)"),
        ({"ip_policies": [{"id": "ipp_1", "rules": [{"cidr": "10.0.0.0/8", "action": "allow"}]}],
          "ip_policy_rules": [{"ip_policy_id": "ipp_1", "cidr": "10.0.0.0/8", "action": "allow"}]},
         "resources.ip_policy_rules[0] designates the same IP policy rule as resources.ip_policies[0].rules[0]"),
    ]:
        result, session = run_module(monkeypatch, ngrok_apply, {"resources": resources}, [])
        assert result["failed"] and text in result["msg"] and session.requests == [], (resources, result["msg"])


def test_items_that_may_designate_different_objects_are_accepted(monkeypatch):
    """The same key in another type, a rule's CIDR under two policies, a vault by id beside one by name."""
    resources = {"ip_policies": [{"description": "office", "rules": [{"cidr": "10.0.0.0/8", "action": "allow"}]},
                                 {"description": "lab"}],
                 "ip_policy_rules": [{"ip_policy_description": "lab", "cidr": "10.0.0.0/8", "action": "allow"}],
                 "vaults": [{"name": "office"}, {"id": "vault_1"}]}
    result, session = run_module(monkeypatch, ngrok_apply, {"resources": resources}, [
        Call("GET", "/ip_policies", body=page("ip_policies", [policy(1, "office"), policy(2, "lab")])),
        Call("GET", "/ip_policy_rules", body=page("ip_policy_rules", [rule(1, "ipp_1", "10.0.0.0/8"), rule(2, "ipp_2", "10.0.0.0/8")])),
        Call("GET", "/vaults", body=page("vaults", [{"id": "vault_1", "name": "other"}, {"id": "vault_2", "name": "office"}])),
    ], check_mode=True)
    assert not result.get("failed") and result["changed"] is False, result


FAULT = {"error_code": "ERR_NGROK_999", "status_code": 500, "msg": "internal error", "details": {"operation_id": "op_1"}}


def test_prune_keeps_a_listed_object_whose_update_failed(monkeypatch):
    """A failed PATCH must not turn into the release of the domain the task lists."""
    resources = {"reserved_domains": [{"domain": "app.example.com"}, {"domain": "api.example.com", "description": "changed"}]}
    result, session = run_module(monkeypatch, ngrok_apply, {"resources": resources, "prune": ["reserved_domains"]}, [
        Call("GET", "/reserved_domains", body=page("reserved_domains", [
            domain(1, "app.example.com"), domain(2, "api.example.com"), domain(3, "old.example.com")])),
        Call("PATCH", "/reserved_domains/rd_2", status=500, body=FAULT),
        Call("GET", "/endpoints", body=page("endpoints", [])),
        Call("DELETE", "/reserved_domains/rd_3", status=204),
    ])
    assert result["failed"] and result["failures"][0]["object"] == "api.example.com"
    assert ("DELETE", "/reserved_domains/rd_2") not in [(r["method"], r["path"]) for r in session.requests]
    assert result["plan"]["reserved_domains"]["deleted"] == 1


def test_prune_keeps_every_twin_an_ambiguous_item_matches(monkeypatch):
    """Two policies match the item: it fails, and neither is pruned; an unlisted one is."""
    resources = {"ip_policies": [{"description": "shared"}, {"description": "office"}]}
    result, session = run_module(monkeypatch, ngrok_apply, {"resources": resources, "prune": ["ip_policies"]}, [
        Call("GET", "/ip_policies", body=page("ip_policies", [policy(1, "shared"), policy(2, "shared"), policy(3, "office"),
                                                              policy(4, "other")])),
        Call("GET", "/endpoints", body=page("endpoints", [])),
        Call("GET", "/ip_restrictions", body=page("ip_restrictions", [])),
        Call("DELETE", "/ip_policies/ipp_4", status=204),
    ], check_mode=False)
    assert result["failed"] and "2 ip policies match" in result["failures"][0]["msg"]
    assert result["plan"]["ip_policies"]["deleted"] == 1 and session.methods == ["GET", "GET", "GET", "DELETE"]
    assert result["plan"]["ip_policies"]["kept"] == 2


def test_prune_keeps_the_object_of_an_item_whose_reference_fails(monkeypatch):
    """A typo in a referenced description fails the item; the dashboard restriction it designates stays."""
    restriction = {"id": "ipx_1", "uri": API + "/ip_restrictions/ipx_1", "created_at": "2026-11-27T10:00:00Z",
                   "type": "dashboard", "enforced": True, "ip_policies": [{"id": "ipp_1", "uri": ""}]}
    resources = {"ip_policies": [{"description": "office"}],
                 "ip_restrictions": [{"type": "dashboard", "ip_policy_descriptions": ["ofice"]}]}
    result, session = run_module(monkeypatch, ngrok_apply, {"resources": resources, "prune": ["ip_restrictions"]}, [
        Call("GET", "/ip_policies", body=page("ip_policies", [policy(1, "office")])),
        Call("GET", "/ip_restrictions", body=page("ip_restrictions", [restriction])),
    ])
    assert result["failed"] and "no IP policy has description 'ofice'" in result["failures"][0]["msg"], result
    assert result["plan"]["ip_restrictions"]["deleted"] == 0 and session.methods == ["GET", "GET"]


def test_prune_of_a_type_is_skipped_when_what_a_failed_item_designates_is_unknown(monkeypatch):
    """A rule naming a policy that does not exist (a typo?) could designate any rule: no rule is pruned."""
    resources = {"ip_policies": [{"description": "office"}],
                 "ip_policy_rules": [{"ip_policy_description": "ofice", "cidr": "10.0.0.0/8", "action": "allow"}]}
    result, session = run_module(monkeypatch, ngrok_apply, {"resources": resources, "prune": ["ip_policy_rules"]}, [
        Call("GET", "/ip_policies", body=page("ip_policies", [policy(1, "office")])),
    ])
    assert result["failed"] and session.methods == ["GET"], result
    assert result["plan"]["ip_policy_rules"]["deleted"] == 0
    skipped = [f for f in result["failures"] if f["object"] == "(prune)"]
    assert skipped and skipped[0]["type"] == "ip_policy_rules", result["failures"]
    assert skipped[0]["msg"].startswith("prune of ip_policy_rules skipped: resources.ip_policy_rules[0] failed")
    assert "no IP policy has description 'ofice'" in skipped[0]["msg"] and "prune of ip_policy_rules skipped" in result["msg"]
    # The plan does not fail the item (check mode cannot tell a typo from a policy to come), and warns that the
    # prune would be skipped instead of planning to delete every rule.
    result, session = run_module(monkeypatch, ngrok_apply, {"resources": resources, "prune": ["ip_policy_rules"]}, [
        Call("GET", "/ip_policies", body=page("ip_policies", [policy(1, "office")])),
    ], check_mode=True)
    assert not result.get("failed") and result["plan"]["ip_policy_rules"]["deleted"] == 0, result
    assert any(w.startswith("prune of ip_policy_rules would be skipped: resources.ip_policy_rules[0]") for w in result["warnings"])


def test_prune_keeps_the_rules_of_a_policy_whose_item_failed(monkeypatch):
    """The policy's update fails before its rules are converged: none of its rules is pruned."""
    resources = {"ip_policies": [{"description": "office", "metadata": "m2", "rules": [{"cidr": "10.0.0.0/8", "action": "allow"}]},
                                 {"description": "lab", "rules": [{"cidr": "192.0.2.0/24", "action": "allow"}]}]}
    result, session = run_module(monkeypatch, ngrok_apply, {"resources": resources, "prune": ["ip_policy_rules"],
                                                            "prune_allow_empty": True}, [
        Call("GET", "/ip_policies", body=page("ip_policies", [policy(1, "office"), policy(2, "lab"), policy(3, "other")])),
        Call("GET", "/ip_policy_rules", body=page("ip_policy_rules", [
            rule(1, "ipp_1", "10.0.0.0/8"), rule(2, "ipp_1", "198.51.100.0/24"), rule(3, "ipp_2", "192.0.2.0/24"),
            rule(4, "ipp_3", "203.0.113.0/24")])),
        Call("PATCH", "/ip_policies/ipp_1", status=500, body=FAULT),
        # Only the rule of the policy no item lists goes.
        Call("DELETE", "/ip_policy_rules/ipr_4", status=204),
    ])
    assert result["failed"] and result["failures"][0]["object"] == "office", result
    assert result["plan"]["ip_policy_rules"]["deleted"] == 1


def test_prune_keeps_an_object_the_task_created_before_its_item_failed(monkeypatch):
    """The policy is created, its rule refused: the item failed, and the new policy stays."""
    refused = {"error_code": "ERR_NGROK_1400", "status_code": 400, "msg": "bad cidr", "details": {"operation_id": "op_2"}}
    resources = {"ip_policies": [{"description": "new", "rules": [{"cidr": "10.0.0.0/8", "action": "allow"}]}]}
    result, session = run_module(monkeypatch, ngrok_apply, {"resources": resources, "prune": ["ip_policies"]}, [
        Call("GET", "/ip_policies", body=page("ip_policies", [policy(1, "old")])),
        Call("POST", "/ip_policies", status=201, body=policy(9, "new")),
        Call("POST", "/ip_policy_rules", status=400, body=refused),
        Call("GET", "/endpoints", body=page("endpoints", [])),
        Call("GET", "/ip_restrictions", body=page("ip_restrictions", [])),
        Call("DELETE", "/ip_policies/ipp_1", status=204),
    ])
    assert result["failed"] and result["failures"][0]["object"] == "new", result
    assert result["plan"]["ip_policies"]["deleted"] == 1


def test_prune_keeps_a_failed_rule_under_every_policy_its_reference_matches(monkeypatch):
    resources = {"ip_policy_rules": [{"ip_policy_description": "shared", "cidr": "10.0.0.0/8", "action": "allow"}]}
    result, session = run_module(monkeypatch, ngrok_apply, {"resources": resources, "prune": ["ip_policy_rules"]}, [
        Call("GET", "/ip_policies", body=page("ip_policies", [policy(1, "shared"), policy(2, "shared")])),
        Call("GET", "/ip_policy_rules", body=page("ip_policy_rules", [
            rule(1, "ipp_1", "10.0.0.0/8"), rule(2, "ipp_2", "10.0.0.0/8"), rule(3, "ipp_1", "192.0.2.0/24")])),
        Call("DELETE", "/ip_policy_rules/ipr_3", status=204),
    ])
    assert result["failed"] and "2 ip policies have description 'shared'" in result["failures"][0]["msg"], result
    assert result["plan"]["ip_policy_rules"]["deleted"] == 1


def test_purged_inline_rules_keep_the_rules_listed_under_ip_policy_rules(monkeypatch):
    """purge_rules deletes the policy's rules that neither its rules nor the ip_policy_rules items list: the rules
    listed as items of their own type (by the policy's description or id, or by their id) are not deleted and
    created again on every run. A rule listed for another policy with the same CIDR does not count."""
    resources = {
        "ip_policies": [{"description": "office", "rules": [{"cidr": "203.0.113.0/24", "action": "allow"}], "purge_rules": True},
                        {"description": "lab"}],
        "ip_policy_rules": [{"ip_policy_description": "office", "cidr": "10.0.0.0/8", "action": "allow"},
                            {"ip_policy_id": "ipp_1", "cidr": "172.16.0.0/12", "action": "allow"},
                            {"id": "ipr_4"},
                            {"ip_policy_description": "lab", "cidr": "192.0.2.0/24", "action": "allow"}],
    }
    rules = [rule(1, "ipp_1", "203.0.113.0/24"), rule(2, "ipp_1", "10.0.0.0/8"), rule(3, "ipp_1", "172.16.0.0/12"),
             rule(4, "ipp_1", "198.51.100.0/24"), rule(5, "ipp_1", "192.0.2.0/24"), rule(6, "ipp_2", "192.0.2.0/24")]
    for check_mode in (True, False):
        calls = [
            Call("GET", "/ip_policies", body=page("ip_policies", [policy(1, "office"), policy(2, "lab")])),
            Call("GET", "/ip_policy_rules", body=page("ip_policy_rules", rules)),
        ]
        if not check_mode:
            calls.append(Call("DELETE", "/ip_policy_rules/ipr_5", status=204))
        result, session = run_module(monkeypatch, ngrok_apply, {"resources": resources}, calls, check_mode=check_mode)
        assert result["changed"] and not result.get("failed"), result
        planned = result["plan"]["ip_policy_rules"]
        assert planned == {"created": 0, "updated": 0, "replaced": 0, "deleted": 1, "unchanged": 5, "kept": 0}
        assert sorted(r["cidr"] for r in result["resources"]["ip_policies"][0]["rules"]) == [
            "10.0.0.0/8", "172.16.0.0/12", "198.51.100.0/24", "203.0.113.0/24"]


def test_an_unknown_item_option_is_said_as_ansible_says_it(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_apply, {"resources": {"reserved_domains": [
        {"domian": "a.example.com"}]}}, [])
    assert result["failed"] and session.requests == []
    assert result["msg"].startswith("Unsupported parameters for resources.reserved_domains[0]: domian. Supported parameters "
                                    "include: "), result["msg"]
    # Other mistakes of the item follow.
    result, session = run_module(monkeypatch, ngrok_apply, {"resources": {"ip_policies": [
        {"description": "office", "purge_rules": "maybe", "rules": [{"cidr": "10.0.0.0/8", "colour": "red"}]}]}}, [])
    assert result["msg"].startswith("Unsupported parameters for resources.ip_policies[0]: rules.colour.")
    assert "purge_rules" in result["msg"]


def test_a_partly_failed_run_returns_the_diff_of_what_it_did(monkeypatch):
    refused = {"error_code": "ERR_NGROK_438", "status_code": 400, "msg": "bad name", "details": {"operation_id": "op_1"}}
    result, session = run_module(monkeypatch, ngrok_apply, {"resources": {
        "reserved_domains": [{"domain": "bad_name.example.com"}, {"domain": "ok.ngrok.app"}]}}, [
        Call("GET", "/reserved_domains", body=page("reserved_domains", [])),
        Call("POST", "/reserved_domains", status=400, body=refused),
        Call("POST", "/reserved_domains", status=201, body=domain(1, "ok.ngrok.app")),
    ], diff=True)
    assert result["failed"] and result["changed"]
    assert [d["after_header"] for d in result["diff"]] == ["reserved_domains: ok.ngrok.app"]
    assert result["diff"][0]["after"]["id"] == "rd_1"


def test_check_mode_predicts_the_vault_of_a_secret(monkeypatch):
    """A secret names its vault by name, which the API takes as it is: the plan fills the vault reference from the
    vault listing, a placeholder for a vault the plan creates, as a rule gets its policy's."""
    resources = {"vaults": [{"name": "new"}, {"name": "prod"}],
                 "secrets": [{"vault_name": "new", "name": "a", "value": "x"}, {"vault_name": "prod", "name": "b", "value": "y"}]}
    vault = {"id": "vault_1", "uri": API + "/vaults/vault_1", "name": "prod", "created_at": "x"}
    result, session = run_module(monkeypatch, ngrok_apply, {"resources": resources}, [
        Call("GET", "/vaults", body=page("vaults", [vault])),
        Call("GET", "/vault_secrets", body=page("secrets", [])),
    ], check_mode=True, diff=True)
    assert result["changed"] and session.methods == ["GET", "GET"]
    secrets = result["resources"]["secrets"]
    assert secrets[0]["vault"] == {"id": "(new vault new)", "uri": None}
    assert secrets[1]["vault"] == {"id": "vault_1", "uri": API + "/vaults/vault_1"}
    assert [d["after"]["vault"]["id"] for d in result["diff"] if d["after_header"].startswith("secrets")] == [
        "(new vault new)", "vault_1"]
