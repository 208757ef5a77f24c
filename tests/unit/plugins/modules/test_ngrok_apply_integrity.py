# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""ngrok_apply never breaks what the task itself names, and its check-mode plan is the run.

Each test scripts the API's answers call by call: what prune keeps and why, what an absent item may delete, which
types and designations are refused before any request or write, and what check mode predicts."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

from ansible_collections.ngrok.ngrok.plugins.modules import ngrok_api, ngrok_apply
from ansible_collections.ngrok.ngrok.tests.unit.plugins.fake_api import API, Call
from ansible_collections.ngrok.ngrok.tests.unit.plugins.module_runner import module_args, run_module


def page(key, items):
    return {key: items, "uri": API + "/x", "next_page_uri": None}


def obj(prefix, number, **fields):
    kind = {"ipp": "ip_policies", "ipx": "ip_restrictions", "ipr": "ip_policy_rules", "rd": "reserved_domains",
            "cert": "tls_certificates", "ep": "endpoints", "vault": "vaults", "secret": "vault_secrets"}[prefix]
    found = {"id": "%s_%d" % (prefix, number), "uri": "%s/%s/%s_%d" % (API, kind, prefix, number),
             "created_at": "2026-11-27T10:00:0%dZ" % (number % 10)}
    found.update(fields)
    return found


def policy(number, description):
    return obj("ipp", number, description=description)


def restriction(number, *policy_ids):
    return obj("ipx", number, type="api", enforced=False, ip_policies=[{"id": i, "uri": ""} for i in policy_ids])


def endpoint(number, url, traffic_policy, kind="cloud"):
    return obj("ep", number, type=kind, url=url, traffic_policy=traffic_policy, bindings=["public"], pooling_enabled=False)


def restrict_ips(*policy_ids):
    return json.dumps({"on_http_request": [{"actions": [
        {"type": "restrict-ips", "config": {"ip_policies": list(policy_ids)}},
        {"type": "custom-response", "config": {"status_code": 200}}]}]})


NO_ENDPOINTS = Call("GET", "/endpoints", body=page("endpoints", []))
NO_RESTRICTIONS = Call("GET", "/ip_restrictions", body=page("ip_restrictions", []))


# -- references are part of the desired state -------------------------------------------------------------------

def test_prune_keeps_the_policy_a_rule_item_names_by_description(monkeypatch):
    """The rule the task creates would go with its policy: the policy is kept, with the reason."""
    resources = {"ip_policies": [{"description": "lab"}],
                 "ip_policy_rules": [{"ip_policy_description": "office", "cidr": "10.0.0.0/8", "action": "allow"}]}
    for check_mode in (True, False):
        calls = [
            Call("GET", "/ip_policies", body=page("ip_policies", [policy(1, "office"), policy(2, "lab"), policy(3, "old")])),
            Call("GET", "/ip_policy_rules", body=page("ip_policy_rules", [])),
        ]
        if not check_mode:
            calls.append(Call("POST", "/ip_policy_rules", status=201, body=obj(
                "ipr", 1, cidr="10.0.0.0/8", action="allow", ip_policy={"id": "ipp_1", "uri": ""})))
        calls += [NO_ENDPOINTS, NO_RESTRICTIONS]
        if not check_mode:
            calls.append(Call("DELETE", "/ip_policies/ipp_3", status=204))
        result, session = run_module(monkeypatch, ngrok_apply, {"resources": resources, "prune": ["ip_policies"]}, calls,
                                     check_mode=check_mode)
        assert not result.get("failed"), result
        assert result["plan"]["ip_policies"] == {"created": 0, "updated": 0, "replaced": 0, "deleted": 1, "unchanged": 1,
                                                 "kept": 1}
        assert result["kept"] == [{"type": "ip_policies", "id": "ipp_1",
                                   "reason": "resources.ip_policy_rules[0] refers to it (ip_policy_description)"}]


def test_prune_keeps_the_certificate_a_domain_item_names_by_id(monkeypatch):
    """Else the domain would be left with no certificate."""
    cert = obj("cert", 1, certificate_pem="x")
    domain = obj("rd", 1, domain="app.example.com", certificate={"id": "cert_1", "uri": ""})
    result, session = run_module(monkeypatch, ngrok_apply, {"resources": {
        "reserved_domains": [{"domain": "app.example.com", "certificate_id": "cert_1"}]},
        "prune": ["tls_certificates"], "prune_allow_empty": True}, [
        Call("GET", "/reserved_domains", body=page("reserved_domains", [domain])),
        Call("GET", "/tls_certificates", body=page("tls_certificates", [cert, obj("cert", 2)])),
        Call("DELETE", "/tls_certificates/cert_2", status=204),
    ])
    assert not result.get("failed"), result
    assert [(k["id"], k["reason"]) for k in result["kept"]] == [
        ("cert_1", "resources.reserved_domains[0] refers to it (certificate_id)")]


def test_prune_keeps_a_policy_that_an_endpoint_item_restricts_traffic_with(monkeypatch):
    policy_text = restrict_ips("ipp_1")
    result, session = run_module(monkeypatch, ngrok_apply, {"resources": {
        "endpoints": [{"url": "https://app.ngrok.app", "traffic_policy": policy_text}]},
        "prune": ["ip_policies"], "prune_allow_empty": True}, [
        Call("GET", "/endpoints", body=page("endpoints", [endpoint(1, "https://app.ngrok.app", policy_text)])),
        Call("GET", "/ip_policies", body=page("ip_policies", [policy(1, "office"), policy(2, "old")])),
        NO_RESTRICTIONS,
        Call("DELETE", "/ip_policies/ipp_2", status=204),
    ])
    assert not result.get("failed"), result
    assert result["kept"][0]["id"] == "ipp_1" and "traffic_policy" in result["kept"][0]["reason"]


def test_prune_keeps_what_the_objects_that_stay_use(monkeypatch):
    """A policy in a restriction the task does not name, a vault that holds secrets, a domain an endpoint lives on:
    the API refuses to delete them (or what uses them breaks), so the plan keeps them instead of planning a deletion
    every real run fails on."""
    cases = [
        (["ip_policies"], [
            Call("GET", "/ip_policies", body=page("ip_policies", [policy(1, "used"), policy(2, "old")])),
            NO_ENDPOINTS,
            Call("GET", "/ip_restrictions", body=page("ip_restrictions", [restriction(1, "ipp_1")])),
        ], "ipp_1", "IP restriction ipx_1 uses it (ip_policy_ids)", "/ip_policies/ipp_2"),
        (["vaults"], [
            Call("GET", "/vaults", body=page("vaults", [obj("vault", 1, name="full"), obj("vault", 2, name="empty")])),
            NO_ENDPOINTS,
            Call("GET", "/vault_secrets", body=page("secrets", [
                obj("secret", 1, name="s", vault={"id": "vault_1", "uri": ""}, vault_name="full")])),
        ], "vault_1", "secret secret_1 uses it (vault_id)", "/vaults/vault_2"),
        (["reserved_domains"], [
            Call("GET", "/reserved_domains", body=page("reserved_domains", [
                obj("rd", 1, domain="app.example.com"), obj("rd", 2, domain="*.example.org"), obj("rd", 3, domain="x.io")])),
            Call("GET", "/endpoints", body=page("endpoints", [
                endpoint(1, "https://app.example.com", "{}"), endpoint(2, "https://a.b.example.org", None, kind="agent")])),
        ], "rd_1", "cloud endpoint ep_1 uses it (url)", "/reserved_domains/rd_3"),
    ]
    for prune, calls, kept_id, reason, deleted in cases:
        calls = calls + [Call("DELETE", deleted, status=204)]
        result, session = run_module(monkeypatch, ngrok_apply, {"resources": {}, "prune": prune, "prune_allow_empty": True},
                                     calls)
        assert not result.get("failed"), result
        assert {"type": prune[0], "id": kept_id, "reason": reason} in result["kept"], result["kept"]
    # The wildcard domain an agent endpoint lives on is kept too.
    assert [k["id"] for k in result["kept"]] == ["rd_1", "rd_2"]


def test_an_object_that_goes_too_does_not_keep_what_it_uses(monkeypatch):
    """A restriction pruned first (the reverse of the order of references) no longer keeps its policy."""
    result, session = run_module(monkeypatch, ngrok_apply, {"resources": {}, "prune": ["ip_policies", "ip_restrictions"],
                                                            "prune_allow_empty": True}, [
        Call("GET", "/ip_restrictions", body=page("ip_restrictions", [restriction(1, "ipp_1")])),
        Call("DELETE", "/ip_restrictions/ipx_1", status=204),
        Call("GET", "/ip_policies", body=page("ip_policies", [policy(1, "used")])),
        NO_ENDPOINTS,
        Call("DELETE", "/ip_policies/ipp_1", status=204),
    ])
    assert not result.get("failed") and result["kept"] == [], result


def test_an_absent_item_fails_rather_than_delete_what_stays_uses(monkeypatch):
    """In check mode and for real alike, before any DELETE."""
    for check_mode in (True, False):
        result, session = run_module(monkeypatch, ngrok_apply, {"resources": {
            "ip_policies": [{"description": "used", "state": "absent"}]}}, [
            Call("GET", "/ip_policies", body=page("ip_policies", [policy(1, "used")])),
            NO_ENDPOINTS,
            Call("GET", "/ip_restrictions", body=page("ip_restrictions", [restriction(1, "ipp_1")])),
        ], check_mode=check_mode)
        assert result["failed"] and "DELETE" not in session.methods, result
        assert result["failures"][0]["msg"] == ("IP policy ipp_1 was not deleted: IP restriction ipx_1 uses it "
                                                "(ip_policy_ids); delete or change that first"), result["failures"]
        assert result["changed"] is False


# -- only manageable types, one object one item -----------------------------------------------------------------

def test_prune_of_a_type_without_a_module_is_refused_before_any_request(monkeypatch):
    for prune, text in [(["kubernetes_operators"], "kubernetes_operators (no module manages them"),
                        (["tunnel_sessions"], "tunnel_sessions (no module manages them"),
                        (["vault_secrets"], "vault_secrets (did you mean secrets?)")]:
        result, session = run_module(monkeypatch, ngrok_apply, {"resources": {}, "prune": prune, "prune_allow_empty": True}, [])
        assert result["failed"] and text in result["msg"] and session.requests == []
        assert result["msg"].startswith("prune names types that ngrok_apply does not take: ")
        assert "ip_policies" in result["msg"] and "bot_users" not in result["msg"]


def test_one_object_named_by_id_and_by_its_key_is_refused_before_any_write(monkeypatch):
    """Else the two items overwrite each other on every run."""
    resources = {"ip_policies": [{"id": "ipp_1", "metadata": "a"}, {"description": "office", "metadata": "b"}]}
    result, session = run_module(monkeypatch, ngrok_apply, {"resources": resources}, [
        Call("GET", "/ip_policies", body=page("ip_policies", [policy(1, "office")])),
    ])
    assert result["failed"] and session.methods == ["GET"]
    assert result["msg"] == ("resources.ip_policies[1] designates the same IP policy (ipp_1) as resources.ip_policies[0]: "
                             "list each object once")
    # A rule by id beside the same rule inline under its policy.
    resources = {"ip_policies": [{"description": "office", "rules": [{"cidr": "10.0.0.0/8", "action": "allow"}]}],
                 "ip_policy_rules": [{"id": "ipr_1", "description": "x"}]}
    result, session = run_module(monkeypatch, ngrok_apply, {"resources": resources}, [
        Call("GET", "/ip_policies", body=page("ip_policies", [policy(1, "office")])),
        Call("GET", "/ip_policy_rules", body=page("ip_policy_rules", [
            obj("ipr", 1, cidr="10.0.0.0/8", action="allow", ip_policy={"id": "ipp_1", "uri": ""})])),
    ])
    assert result["failed"] and "POST" not in session.methods and "PATCH" not in session.methods
    assert "resources.ip_policy_rules[0] designates the same IP policy rule (ipr_1) as resources.ip_policies[0].rules[0]" \
        in result["msg"]


def test_prune_refusal_counts_rules_listed_inline(monkeypatch):
    """Rules listed under their policy are rules to keep: prune is not refused as if none were listed. The rules of a
    policy listed with its rules follow its purge_rules; those of other policies are pruned."""
    resources = {"ip_policies": [{"description": "office", "rules": [{"cidr": "10.0.0.0/8", "action": "allow"}]}]}
    result, session = run_module(monkeypatch, ngrok_apply, {"resources": resources, "prune": ["ip_policy_rules"]}, [
        Call("GET", "/ip_policies", body=page("ip_policies", [policy(1, "office"), policy(2, "lab")])),
        Call("GET", "/ip_policy_rules", body=page("ip_policy_rules", [
            obj("ipr", 1, cidr="10.0.0.0/8", action="allow", ip_policy={"id": "ipp_1", "uri": ""}),
            obj("ipr", 2, cidr="192.0.2.0/24", action="allow", ip_policy={"id": "ipp_1", "uri": ""}),
            obj("ipr", 3, cidr="192.0.2.0/24", action="allow", ip_policy={"id": "ipp_2", "uri": ""})])),
        Call("DELETE", "/ip_policy_rules/ipr_3", status=204),
    ])
    assert not result.get("failed"), result
    assert result["plan"]["ip_policy_rules"]["deleted"] == 1 and result["plan"]["ip_policy_rules"]["unchanged"] == 1


# -- the plan is the run ----------------------------------------------------------------------------------------

def test_check_mode_follows_a_rename_that_later_items_name(monkeypatch):
    """The policy ipp_1 is renamed by id; the restriction names it by its new description."""
    resources = {"ip_policies": [{"id": "ipp_1", "description": "office-new"}],
                 "ip_restrictions": [{"type": "api", "ip_policy_descriptions": ["office-new"]}]}
    renamed = policy(1, "office-new")
    plans = {}
    for check_mode in (True, False):
        calls = [
            Call("GET", "/ip_restrictions", body=page("ip_restrictions", [restriction(1, "ipp_2")])),
            Call("GET", "/ip_policies/ipp_1", body=policy(1, "office")),
        ]
        if not check_mode:
            calls.append(Call("PATCH", "/ip_policies/ipp_1", sent={"description": "office-new"}, body=renamed))
        # The listing the reference is resolved from, read after the rename (the plan puts its rename into it).
        calls.append(Call("GET", "/ip_policies", body=page("ip_policies", [policy(1, "office") if check_mode else renamed])))
        if not check_mode:
            calls.append(Call("PATCH", "/ip_restrictions/ipx_1", sent={"ip_policy_ids": ["ipp_1"]},
                              body=restriction(1, "ipp_1")))
        result, session = run_module(monkeypatch, ngrok_apply, {"resources": resources}, calls, check_mode=check_mode)
        assert not result.get("failed"), result
        plans[check_mode] = result["plan"]
        assert result["resources"]["ip_restrictions"][0]["ip_policies"][0]["id"] == "ipp_1"
    assert plans[True] == plans[False]


def test_check_mode_replaces_and_deletes_in_the_view_of_later_items(monkeypatch):
    """A rule whose action changes is replaced: the plan then counts it once, as the run does."""
    resources = {"ip_policies": [{"description": "office", "rules": [{"cidr": "10.0.0.0/8", "action": "deny"}]}],
                 "ip_policy_rules": [{"ip_policy_description": "office", "cidr": "192.0.2.0/24", "action": "allow"}]}
    old = obj("ipr", 1, cidr="10.0.0.0/8", action="allow", ip_policy={"id": "ipp_1", "uri": ""})
    result, session = run_module(monkeypatch, ngrok_apply, {"resources": resources}, [
        Call("GET", "/ip_policies", body=page("ip_policies", [policy(1, "office")])),
        Call("GET", "/ip_policy_rules", body=page("ip_policy_rules", [old])),
    ], check_mode=True)
    assert not result.get("failed"), result
    assert result["plan"]["ip_policy_rules"]["replaced"] == 1 and result["plan"]["ip_policy_rules"]["created"] == 1


def test_a_failing_check_mode_run_reports_the_change_the_run_would_make(monkeypatch):
    refused = {"vaults": [{"name": "prod"}],
               "ip_policies": [{"description": "two"}]}
    result, session = run_module(monkeypatch, ngrok_apply, {"resources": refused}, [
        Call("GET", "/ip_policies", body=page("ip_policies", [policy(1, "two"), policy(2, "two")])),
        Call("GET", "/vaults", body=page("vaults", [])),
    ], check_mode=True)
    assert result["failed"] and "2 ip policies match" in result["msg"]
    assert result["changed"] is True and result["plan"]["vaults"]["created"] == 1
    assert "changed, or may have changed" not in result["msg"]


# -- secrets, whatever the input ---------------------------------------------------------------------------------

def run_for_real(capsys, module, args):
    """The module's JSON output as Ansible prints it at -vvv: its own exit path, masking included."""
    with module_args(dict(args, api_key="test-api-key", api_url=API)):
        try:
            module.main()
        except SystemExit:
            pass
    return capsys.readouterr().out


def test_secret_values_are_masked_whatever_the_input(capsys):
    secret = "s3cr3t-value-42"
    for resources in [
        {"vault_secrets": [{"vault_name": "v", "name": "n", "value": secret}]},
        {"secret": [{"vault_name": "v", "name": "n", "value": secret}]},
        {"secrets": {"vault_name": "v", "name": "n", "value": secret}},
        {"secrets": [{"vault_name": "v", "name": "n", "vaule": secret}]},
        {"secrets": [secret]},
        {"widgets": [{"private_key_pem": secret}]},
        {"event_destinations": [{"description": "d", "target": {"datadog": {"api_key": secret, "colour": 1}}}]},
        {"ip_policies": [{"description": "d", "rules": [{"cidr": "10.0.0.0/8", "secret": secret}]}]},
    ]:
        out = run_for_real(capsys, ngrok_apply, {"resources": resources})
        assert '"failed": true' in out and secret not in out, (resources, out)
        # ansible-core before 2.19 prints the module's arguments (its invocation) too, with the value masked.
        assert '"invocation"' not in out or "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER" in out


def test_ngrok_api_masks_secret_values_of_its_body(capsys):
    secret = "s3cr3t-value-43"
    out = run_for_real(capsys, ngrok_api, {"path": "/vault_secrets", "method": "GET", "body": {
        "name": "n", "vault_id": "vault_1", "value": secret}})
    assert '"failed": true' in out and "takes no body" in out and secret not in out, out
    out = run_for_real(capsys, ngrok_api, {"path": "/vault_secrets", "method": "GET", "body": json.dumps({
        "name": "n", "value": secret})})
    assert secret not in out, out


# -- counterexamples the model-based test found (tests/reliability/test_apply_model.py) ---------------------------

def test_check_mode_keeps_the_rules_listed_under_a_policy_it_creates_from_a_prune_of_rules(monkeypatch):
    """The plan's new rules had no id, so prune planned to delete them, where the run keeps them."""
    resources = {"ip_policies": [{"description": "vpn", "rules": [{"cidr": "10.0.0.0/8", "action": "allow"}],
                                  "purge_rules": True}],
                 "ip_policy_rules": [{"ip_policy_description": "vpn", "cidr": "192.0.2.0/24", "action": "allow"}]}
    result, session = run_module(monkeypatch, ngrok_apply, {"resources": resources, "prune": ["ip_policy_rules"]}, [
        Call("GET", "/ip_policies", body=page("ip_policies", [])),
        Call("GET", "/ip_policy_rules", body=page("ip_policy_rules", [])),
    ], check_mode=True)
    assert not result.get("failed"), result
    assert result["plan"]["ip_policy_rules"] == {"created": 2, "updated": 0, "replaced": 0, "deleted": 0, "unchanged": 0,
                                                 "kept": 0}
    rule = result["resources"]["ip_policies"][0]["rules"][0]
    assert rule["id"] == "(new IP policy rule vpn/10.0.0.0/8)" and rule["ip_policy"]["id"] == "(new IP policy vpn)"


def test_a_secret_naming_a_vault_that_does_not_exist_fails_before_its_create(monkeypatch):
    """The API refuses it; the run says which option names nothing, and the plan warns (an earlier task of the play
    may create the vault)."""
    resources = {"secrets": [{"vault_name": "nope", "name": "n", "value": "v"}]}
    calls = [Call("GET", "/vault_secrets", body=page("secrets", [])),
             Call("GET", "/vaults", body=page("vaults", [obj("vault", 1, name="prod")]))]
    result, session = run_module(monkeypatch, ngrok_apply, {"resources": resources}, calls)
    assert result["failed"] and result["failures"][0]["msg"] == "vault_name: no vault has name 'nope'", result
    assert "POST" not in session.methods
    result, session = run_module(monkeypatch, ngrok_apply, {"resources": resources}, calls, check_mode=True)
    assert not result.get("failed") and any("vault_name: no vault has name 'nope' yet" in w for w in result["warnings"])
