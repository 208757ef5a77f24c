# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The export of an account (ngrok_account_info) as pure functions of listings: options, order, references,
placeholders, what is flagged, and the YAML text."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import random

import pytest
import yaml

from ansible_collections.ngrok.ngrok.plugins.module_utils import _yaml_text
from ansible_collections.ngrok.ngrok.plugins.module_utils._client import api_key_id
from ansible_collections.ngrok.ngrok.plugins.module_utils._export import (
    export_account,
    exportable_resources,
    exportable_types,
    resources_to_read,
)
from ansible_collections.ngrok.ngrok.plugins.module_utils._yaml_text import Placeholder, dump_yaml
from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.registry import by_plural
from ansible_collections.ngrok.ngrok.plugins.modules import ngrok_account_info

MODULES = os.path.join(os.path.dirname(os.path.abspath(ngrok_account_info.__file__)))
POLICY = {"authority": "letsencrypt", "private_key_type": "ecdsa"}


def export(listings, types=None, own_key_id=None):
    chosen = [by_plural(t) for t in (types or sorted(listings))]
    return export_account(listings, [r for r in exportable_resources() if r in chosen], own_key_id=own_key_id)


def domain(name, object_id, **extra):
    obj = {"id": object_id, "domain": name, "region": "", "cname_target": None, "certificate": None,
           "certificate_management_policy": None if name.endswith(".ngrok.app") else POLICY, "resolves_to": []}
    obj.update(extra)
    return obj


def policy(description, object_id, **extra):
    return dict({"id": object_id, "description": description, "created_at": "2026-01-01T00:00:00Z"}, **extra)


def rule(object_id, policy_id, cidr, action="allow", **extra):
    return dict({"id": object_id, "ip_policy": {"id": policy_id, "uri": "x"}, "cidr": cidr, "action": action}, **extra)


class _Loader(yaml.SafeLoader):  # pylint: disable=too-many-ancestors
    """YAML as Ansible reads it: ``!unsafe`` text is text (the integration target loads the file with Ansible)."""


_Loader.add_constructor("!unsafe", lambda loader, node: loader.construct_scalar(node))


def loaded(text):
    return yaml.load(text, Loader=_Loader)  # nosec - SafeLoader with one more tag


# -- which types --------------------------------------------------------------------------------------------------

def test_the_exported_types_are_those_with_a_module_that_creates():
    types = exportable_types()
    for plural in types:
        assert os.path.exists(os.path.join(MODULES, "ngrok_{0}.py".format(by_plural(plural).name))), plural
    # Objects that only ngrok or agents create are not exported.
    for plural in ("tunnel_sessions", "tunnels", "application_users", "application_sessions", "bot_users",
                   "kubernetes_operators", "abuse_reports"):
        assert plural not in types
    documented = yaml.safe_load(ngrok_account_info.DOCUMENTATION)["options"]["types"]["choices"]
    assert documented == types


def test_the_listings_read_are_the_types_and_what_they_name():
    read = [r.plural for r in resources_to_read([by_plural("ip_restrictions")])]
    assert read == ["ip_policies", "ip_restrictions"]
    read = [r.plural for r in resources_to_read([by_plural("credentials")])]
    # The owner of a credential may be a service user (named by name) or a user (the API key's owner).
    assert read == ["api_keys", "credentials", "service_users"]
    read = [r.plural for r in resources_to_read([by_plural("tls_certificates")])]
    # Reserved domains say which certificates ngrok manages.
    assert read == ["reserved_domains", "tls_certificates"]


def test_the_id_of_the_api_key_in_use():
    assert api_key_id("2Zx8abc_secretpart") == "ak_2Zx8abc"
    assert api_key_id("nounderscore") is None
    assert api_key_id(None) is None


# -- options, defaults, order ----------------------------------------------------------------------------------

def test_values_equal_to_the_api_defaults_are_left_out():
    found = export({"reserved_domains": [
        domain("b.example.com", "rd_2"),
        domain("a.example.com", "rd_1", description="portal", metadata="m",
               certificate_management_policy={"authority": "letsencrypt", "private_key_type": "rsa"},
               resolves_to=[{"value": "us"}, {"value": "eu"}]),
        domain("c.example.com", "rd_3", certificate_management_policy=None),
        domain("team.ngrok.app", "rd_4"),
    ]})
    assert found["resources"]["reserved_domains"] == [
        {"domain": "a.example.com", "description": "portal", "metadata": "m",
         # the sub-option equal to its documented default is left out too
         "certificate_management_policy": {"private_key_type": "rsa"}, "resolves_to": ["eu", "us"]},
        {"domain": "b.example.com"},
        # the API would give it a policy: asking for none is a value
        {"domain": "c.example.com", "certificate_management_policy": {"enabled": False}},
        {"domain": "team.ngrok.app"},
    ]
    assert found["prune"] == ["reserved_domains"]
    flagged = dict((n["object"], n["reasons"]) for n in found["not_portable"])
    assert list(flagged) == ["team.ngrok.app"]
    assert "subdomain of ngrok's" in flagged["team.ngrok.app"][0]


def test_endpoint_defaults_and_policies():
    found = export({"endpoints": [
        {"id": "ep_1", "type": "cloud", "url": "https://a.example.com", "bindings": ["public"], "pooling_enabled": False,
         "traffic_policy": '{"on_http_request": [{"actions": [{"type": "deny"}]}]}'},
        {"id": "ep_2", "type": "cloud", "url": "https://b.internal", "bindings": ["internal"], "pooling_enabled": True,
         "traffic_policy": "# a comment\non_http_request: []\n"},
        {"id": "ep_3", "type": "agent", "url": "https://agent.example.com"},
    ]})
    assert found["resources"]["endpoints"] == [
        {"url": "https://a.example.com", "traffic_policy": {"on_http_request": [{"actions": [{"type": "deny"}]}]}},
        {"url": "https://b.internal", "traffic_policy": "# a comment\non_http_request: []\n", "pooling_enabled": True},
    ]


def test_items_are_sorted_by_natural_key_then_id_and_shared_keys_are_designated_by_id():
    found = export({"ip_policies": [policy("b", "ipp_3"), policy("a", "ipp_9"), policy("a", "ipp_1"),
                                    policy("", "ipp_5")], "ip_policy_rules": []})
    items = found["resources"]["ip_policies"]
    assert [(i.get("id"), i.get("description")) for i in items] == [
        ("ipp_5", None), ("ipp_1", "a"), ("ipp_9", "a"), (None, "b")]
    reasons = dict((n["id"], n["reasons"]) for n in found["not_portable"])
    assert sorted(reasons) == ["ipp_1", "ipp_5", "ipp_9"]
    assert "2 ip policies share its natural key" in reasons["ipp_1"][0]
    assert "has no description" in reasons["ipp_5"][0]


def test_rules_are_inline_under_their_policy_when_both_types_are_exported():
    listings = {"ip_policies": [policy("office", "ipp_1")],
                "ip_policy_rules": [rule("ipr_2", "ipp_1", "10.0.0.0/8", "deny"),
                                    rule("ipr_1", "ipp_1", "192.0.2.0/24", description="lab")]}
    found = export(listings)
    assert found["resources"] == {"ip_policies": [{"description": "office", "rules": [
        {"cidr": "10.0.0.0/8", "action": "deny"}, {"cidr": "192.0.2.0/24", "action": "allow", "description": "lab"}],
        "purge_rules": True}]}
    assert found["prune"] == ["ip_policies"]
    assert found["counts"] == {"ip_policies": 1, "ip_policy_rules": 2}
    assert found["inline"][0]["type"] == "ip_policy_rules"
    # Alone, rules are items of their own type, naming their policy by key.
    alone = export(listings, types=["ip_policy_rules"])
    assert alone["resources"] == {"ip_policy_rules": [
        {"ip_policy_description": "office", "cidr": "10.0.0.0/8", "action": "deny"},
        {"ip_policy_description": "office", "cidr": "192.0.2.0/24", "action": "allow", "description": "lab"}]}
    assert alone["prune"] == ["ip_policy_rules"]


def test_references_by_key_where_unique_else_by_id_and_flagged_with_what_names_them():
    listings = {
        "ip_policies": [policy("office", "ipp_1"), policy("shared", "ipp_2"), policy("shared", "ipp_3")],
        "ip_restrictions": [
            {"id": "ipx_1", "type": "dashboard", "ip_policies": [{"id": "ipp_1"}], "enforced": False},
            {"id": "ipx_2", "type": "api", "ip_policies": [{"id": "ipp_1"}, {"id": "ipp_2"}], "enforced": True},
        ],
    }
    found = export(listings, types=["ip_restrictions"])
    assert found["resources"]["ip_restrictions"] == [
        {"type": "api", "ip_policy_ids": ["ipp_1", "ipp_2"], "enforced": True},
        {"type": "dashboard", "ip_policy_descriptions": ["office"]},
    ]
    assert [(r["object"], r["option"], r["target"], r["by"]) for r in found["references"]] == [
        ("api", "ip_policy_ids", "ip_policies", "id"), ("dashboard", "ip_policy_descriptions", "ip_policies", "key")]
    assert [n["object"] for n in found["not_portable"]] == ["api"]
    assert "2 ip policies have the description 'shared'" in found["not_portable"][0]["reasons"][0]
    # With the policies exported too, the restriction naming a flagged policy is flagged for it as well.
    both = export(listings, types=["ip_policies", "ip_restrictions"])
    api = [n for n in both["not_portable"] if n["object"] == "api"][0]
    assert any("it names IP policy ipp_2" in r for r in api["reasons"])


def test_secrets_name_their_vault_and_their_values_are_placeholders():
    found = export({
        "vaults": [{"id": "vault_1", "name": "prod"}],
        "secrets": [{"id": "secret_1", "name": "db", "vault": {"id": "vault_1"}, "vault_name": "prod"},
                    {"id": "secret_2", "name": "db pass", "vault": {"id": "vault_1"}, "vault_name": "prod"},
                    {"id": "secret_3", "name": "db-pass", "vault": {"id": "vault_1"}, "vault_name": "prod"}],
    })
    secrets = found["resources"]["secrets"]
    assert secrets[0] == {"vault_name": "prod", "name": "db",
                          "value": "{{ vault_ngrok_secret_prod_db_value | default(omit, true) }}"}
    assert isinstance(secrets[0]["value"], Placeholder)
    # Two objects whose names give one variable name: the second gets its id too.
    assert [p["variable"] for p in found["placeholders"]] == [
        "vault_ngrok_secret_prod_db_value", "vault_ngrok_secret_prod_db_pass_value",
        "vault_ngrok_secret_prod_db_pass_value_secret_3"]
    assert found["placeholders"][0] == {"variable": "vault_ngrok_secret_prod_db_value", "type": "secrets",
                                        "object": "prod/db", "option": "value"}
    assert ("secrets", "prod/db", "vault_name", "vaults", "key") in [
        (r["type"], r["object"], r["option"], r["target"], r["by"]) for r in found["references"]]
    template = loaded(found["vault_template"])
    assert template == dict((p["variable"], "") for p in found["placeholders"])
    assert "# secrets prod/db: value\nvault_ngrok_secret_prod_db_value: \"\"\n" in found["vault_template"]


def test_event_target_secrets_are_placeholders_where_the_target_has_them():
    found = export({"event_destinations": [
        {"id": "ed_1", "description": "stream", "format": "json", "target": {
            "kinesis": {"stream_arn": "arn:1", "auth": {"role": None, "creds": {
                "aws_access_key_id": "AKIA", "aws_secret_access_key": ""}}},
            "firehose": None, "cloudwatch_logs": None, "datadog": None, "azure_logs_ingestion": None}},
        {"id": "ed_2", "description": "role", "format": "json", "target": {
            "firehose": {"delivery_stream_arn": "arn:2", "auth": {"role": {"role_arn": "arn:r"}, "creds": None}}}},
    ]})
    items = dict((i["description"], i) for i in found["resources"]["event_destinations"])
    assert items["stream"]["target"] == {"kinesis": {"stream_arn": "arn:1", "auth": {"creds": {
        "aws_access_key_id": "AKIA",
        "aws_secret_access_key": "{{ vault_ngrok_event_destination_stream_aws_secret_access_key | default(omit, true) }}"}}}}
    assert items["role"]["target"] == {"firehose": {"delivery_stream_arn": "arn:2", "auth": {"role": {"role_arn": "arn:r"}}}}
    assert [p["option"] for p in found["placeholders"]] == ["target.kinesis.auth.creds.aws_secret_access_key"]


def test_owners_service_users_by_name_users_left_out_other_users_flagged():
    found = export({
        "service_users": [{"id": "bot_1", "name": "deployer", "active": True},
                          {"id": "bot_2", "name": "old", "active": False}],
        "api_keys": [{"id": "ak_me", "description": "mine", "owner_id": "usr_me"},
                     {"id": "ak_2", "description": "bot", "owner_id": "bot_1"},
                     {"id": "ak_3", "description": "theirs", "owner_id": "usr_other"}],
    }, own_key_id="ak_me")
    assert found["resources"]["api_keys"] == [{"description": "bot", "owner_name": "deployer"},
                                              {"description": "mine"}, {"description": "theirs"}]
    assert found["resources"]["service_users"] == [{"name": "deployer"}, {"name": "old", "active": False}]
    assert [(n["object"], n["reasons"][0][:21]) for n in found["not_portable"]] == [("theirs", "it belongs to user us")]


def test_certificates_ngrok_manages_are_kept_by_id_and_domains_name_uploaded_ones_by_description():
    found = export({
        "reserved_domains": [domain("managed.example.com", "rd_1", certificate={"id": "cert_m"}),
                             domain("static.example.com", "rd_2", certificate={"id": "cert_u"},
                                    certificate_management_policy=None)],
        "tls_certificates": [{"id": "cert_m", "description": "", "certificate_pem": "x"},
                             {"id": "cert_u", "description": "static", "certificate_pem": "-----BEGIN X-----\n"}],
    })
    assert found["resources"]["reserved_domains"] == [
        {"domain": "managed.example.com"}, {"domain": "static.example.com", "certificate_description": "static"}]
    certificates = found["resources"]["tls_certificates"]
    assert certificates[0] == {"id": "cert_m"}
    assert certificates[1]["description"] == "static" and isinstance(certificates[1]["private_key_pem"], Placeholder)
    assert "ngrok made it for reserved domain managed.example.com" in found["not_portable"][0]["reasons"][0]


def test_what_ngrok_assigns_is_flagged_with_short_values_shown():
    found = export({"reserved_addrs": [{"id": "ra_1", "description": "db", "region": "us", "addr": "1.tcp.ngrok.io:1"},
                                       {"id": "ra_2", "description": "eu", "region": "eu", "addr": "1.tcp.eu.ngrok.io:2"}]})
    assert found["resources"]["reserved_addrs"] == [{"description": "db"}, {"description": "eu", "region": "eu"}]
    assert found["not_portable"][0]["reasons"] == ["ngrok assigned its addr (1.tcp.ngrok.io:1): another account gets another"]


def test_a_type_without_objects_is_exported_empty_and_not_pruned():
    found = export({"vaults": [], "secrets": [], "ip_policies": [policy("a", "ipp_1")], "ip_policy_rules": []})
    assert found["resources"] == {"ip_policies": [{"description": "a", "rules": [], "purge_rules": True}],
                                  "vaults": [], "secrets": []}
    assert found["prune"] == ["ip_policies"]


def test_the_same_listings_give_the_same_text_whatever_their_order():
    listings = {"ip_policies": [policy("b", "ipp_2"), policy("a", "ipp_1"), policy("a", "ipp_3")],
                "ip_policy_rules": [rule("ipr_1", "ipp_2", "10.0.0.0/8"), rule("ipr_2", "ipp_2", "10.1.0.0/16")]}
    first = export(listings)["vars_file"]
    shuffled = dict((k, list(reversed(v))) for k, v in listings.items())
    assert export(shuffled)["vars_file"] == first
    document = loaded(first)
    assert document["ngrok_account"] == json.loads(json.dumps(export(listings)["resources"]))
    assert document["ngrok_account_prune"] == ["ip_policies"]


# -- YAML ------------------------------------------------------------------------------------------------------

TRICKY = ["", " ", "yes", "No", "on", "null", "~", "true", "1", "0x1F", "1e3", "1_000", "12:30", ".inf", "-", "- a",
          "a: b", "a:b", "https://x.example.com:8443/p?q=1#f", "#x", "a #b", "*", "&a", "!tag", "%x", "@x", "`x`",
          "'q'", '"q"', "{{ x }}", "{% if %}", "{# c #}", "a\nb", "a\nb\n", "a\n\nb\n", "a\nb\n\n", " leading\nx",
          "trail \nx", "x\n  indented\n", "tab\there", "\ttab", "nul\x00", "bell\x07", "del\x7f", "nel\x85x",
          "ls\u2028x", "bom\ufeff", "emoji \U0001F600", "accents é", "=", "<<", "?", ":", "a,b", "[x]", "{x}",
          "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n", "x\r\ny", "line\n   \nx"]


@pytest.mark.parametrize("text", TRICKY)
def test_text_reads_back_as_written(text):
    document = {"value": text, "list": [text, {"key": text}], text or "k": 1}
    written = dump_yaml(document)
    assert loaded(written) == document, written
    assert yaml.safe_load(written.replace("!unsafe ", "")) == document


def test_text_that_ansible_would_template_is_unsafe_but_placeholders_are_not():
    written = dump_yaml({"a": "Hi {{ name }}", "b": Placeholder("{{ vault_x | default(omit, true) }}"),
                         "c": "multi\n{{ line }}\n"})
    assert 'a: !unsafe "Hi {{ name }}"' in written
    assert 'b: "{{ vault_x | default(omit, true) }}"' in written
    assert "c: !unsafe |\n  multi\n  {{ line }}\n" in written


def test_block_style_one_object_per_entry_and_comments():
    item = {"domain": "a.example.com", "tags": ["a", "b"], "policy": {"k": {"num": 1}}, "empty": [], "none": {}}
    written = dump_yaml({"top": {"kind": [item, {"domain": "b"}]}, "prune": ["kind"]}, header=["head", "  indented"],
                        comments={id(item): ["not portable: because"]})
    assert written == "\n".join([
        "---", "# head", "#   indented", "top:", "  kind:", "    # not portable: because", "    - domain: a.example.com",
        "      tags:", "        - a", "        - b", "      policy:", "        k:", "          num: 1", "      empty: []",
        "      none: {}", "    - domain: b", "prune:", "  - kind", ""])


def test_many_random_values_read_back_as_written():
    rng = random.Random(19)
    alphabet = "aZ09 _-.:/#@*&!%{}[]'\",?|>\n\t\\\u00e9\u2028\x00\x7f\ufeff\U0001F600"
    for _round in range(400):
        texts = ["".join(rng.choice(alphabet) for _i in range(rng.randint(0, 12))) for _j in range(5)]
        document = {"texts": texts, "nested": {t or "empty": {"v": [t, rng.randint(-5, 5), rng.random() * 1e20]}
                                               for t in texts}, "flags": [True, False, None]}
        assert loaded(dump_yaml(document)) == document


def test_the_module_refuses_what_is_not_a_variable_name(monkeypatch):
    from ansible_collections.ngrok.ngrok.tests.unit.plugins.module_runner import run_module
    result, _session = run_module(monkeypatch, ngrok_account_info, {"variable": "1bad-name"}, [])
    assert result.get("failed") and "variable must be a variable name" in result["msg"]


def test_the_module_reads_one_listing_per_type_and_returns_the_export(monkeypatch):
    from ansible_collections.ngrok.ngrok.tests.unit.plugins.fake_api import API, Call
    from ansible_collections.ngrok.ngrok.tests.unit.plugins.module_runner import run_module
    calls = [
        Call("GET", "/vaults", body={"vaults": [{"id": "vault_1", "name": "prod"}], "next_page_uri": None}),
        Call("GET", "/vault_secrets", body={"secrets": [{"id": "secret_1", "name": "db", "vault": {"id": "vault_1"},
                                                         "vault_name": "prod"}],
                                            "next_page_uri": API + "/vault_secrets?before_id=secret_1"}),
        Call("GET", "/vault_secrets", body={"secrets": [], "next_page_uri": None}),
    ]
    result, session = run_module(monkeypatch, ngrok_account_info, {"types": ["secrets", "vaults"]}, calls,
                                 check_mode=True)
    assert not result.get("failed"), result
    assert session.methods == ["GET", "GET", "GET"]
    assert result["changed"] is False
    assert result["prune"] == ["vaults", "secrets"]
    assert result["resources"]["secrets"][0]["vault_name"] == "prod"
    assert "ngrok_account:\n  vaults:\n    - name: prod\n" in result["vars_file"]


def test_floats_keep_a_dot_so_yaml_reads_them_as_numbers():
    assert _yaml_text._scalar(1e20) == "1.0e+20"
    assert loaded(dump_yaml({"f": 1e20}))["f"] == 1e20
