# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.vaults import VAULT
from ansible_collections.ngrok.ngrok.plugins.modules import ngrok_vault, ngrok_vault_info
from ansible_collections.ngrok.ngrok.tests.unit.plugins.fake_api import API, Call
from ansible_collections.ngrok.ngrok.tests.unit.plugins.module_runner import run_module

BY_NAME = {"filter": 'obj.name == "prod-vault"'}


def vault(vault_id="vault_1", name="prod-vault", description=None, metadata=None):
    obj = {"id": vault_id, "uri": API + "/vaults/" + vault_id, "created_at": "2026-11-27T10:00:00Z",
           "updated_at": "2026-11-27T10:00:00Z", "name": name, "created_by": "usr_1", "last_updated_by": "usr_1"}
    if description:
        obj["description"] = description
    if metadata:
        obj["metadata"] = metadata
    return obj


def listing(*items):
    return {"vaults": list(items), "uri": API + "/vaults", "next_page_uri": None}


def test_create(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_vault, {"name": "prod-vault", "description": "prod", "metadata": "m"}, [
        Call("GET", "/vaults", query=BY_NAME, body=listing()),
        Call("POST", "/vaults", status=201, sent={"name": "prod-vault", "description": "prod", "metadata": "m"},
             body=vault(description="prod", metadata="m")),
    ])
    assert result["changed"] and result["vault"]["id"] == "vault_1"


def test_unchanged_rerun_is_one_request(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_vault, {"name": "prod-vault", "description": "prod"}, [
        Call("GET", "/vaults", query=BY_NAME, body=listing(vault(description="prod", metadata="m"))),
    ])
    assert result["changed"] is False and len(session.requests) == 1


def test_lookup_by_name_is_exact(monkeypatch):
    # A name that differs in case is another vault: the listed one is not taken for it.
    result, session = run_module(monkeypatch, ngrok_vault, {"name": "prod-vault"}, [
        Call("GET", "/vaults", query=BY_NAME, body=listing(vault(name="Prod-Vault"))),
        Call("POST", "/vaults", status=201, sent={"name": "prod-vault"}, body=vault("vault_2")),
    ])
    assert result["changed"] and result["vault"]["id"] == "vault_2"


def test_update_sends_only_what_differs(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_vault, {"name": "prod-vault", "description": "new", "metadata": "m"}, [
        Call("GET", "/vaults", query=BY_NAME, body=listing(vault(description="old", metadata="m"))),
        Call("PATCH", "/vaults/vault_1", sent={"description": "new"}, body=vault(description="new", metadata="m")),
    ], diff=True)
    assert result["changed"] and result["diff"]["before"]["description"] == "old"
    assert result["diff"]["after"]["description"] == "new"


def test_rename_by_id(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_vault, {"id": "vault_1", "name": "production"}, [
        Call("GET", "/vaults/vault_1", body=vault()),
        Call("PATCH", "/vaults/vault_1", sent={"name": "production"}, body=vault(name="production")),
    ])
    assert result["changed"] and result["vault"]["name"] == "production"


def test_check_mode_create_predicts_every_key(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_vault, {"name": "prod-vault", "metadata": "m"}, [
        Call("GET", "/vaults", query=BY_NAME, body=listing()),
    ], check_mode=True, diff=True)
    assert result["changed"] and session.methods == ["GET"]
    assert set(result["vault"]) == set(VAULT.response_keys)
    assert result["vault"]["name"] == "prod-vault" and result["vault"]["id"] is None
    assert result["diff"]["before"] == {} and result["diff"]["after"]["metadata"] == "m"


def test_check_mode_update_sends_no_patch(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_vault, {"name": "prod-vault", "description": "new"}, [
        Call("GET", "/vaults", query=BY_NAME, body=listing(vault())),
    ], check_mode=True)
    assert result["changed"] and result["vault"]["description"] == "new" and session.methods == ["GET"]


def test_a_vault_that_holds_secrets_is_not_deleted_and_the_apis_error_reaches_the_user(monkeypatch):
    refused = {"error_code": "ERR_NGROK_23003", "status_code": 400,
               "msg": "A Vault must be empty before it can be deleted. Remove all secrets from the vault and try again.",
               "details": {"operation_id": "op_23003"}}
    result, session = run_module(monkeypatch, ngrok_vault, {"name": "prod-vault", "state": "absent"}, [
        Call("GET", "/vaults", query=BY_NAME, body=listing(vault())),
        Call("DELETE", "/vaults/vault_1", status=400, body=refused),
    ])
    assert result["failed"] and result["changed"] is False
    assert (result["error_code"], result["status_code"], result["operation_id"]) == ("ERR_NGROK_23003", 400, "op_23003")
    assert "must be empty" in result["msg"] and "DELETE /vaults/vault_1" in result["msg"]


def test_absent_deletes_then_is_unchanged(monkeypatch):
    result, _session = run_module(monkeypatch, ngrok_vault, {"name": "prod-vault", "state": "absent"}, [
        Call("GET", "/vaults", query=BY_NAME, body=listing(vault())),
        Call("DELETE", "/vaults/vault_1", status=204),
    ], diff=True)
    assert result["changed"] and result["vault"]["id"] == "vault_1" and result["diff"]["after"] == {}
    result, _session = run_module(monkeypatch, ngrok_vault, {"name": "prod-vault", "state": "absent"}, [
        Call("GET", "/vaults", query=BY_NAME, body=listing()),
    ])
    assert result["changed"] is False and result["vault"] == {}


def test_absent_in_check_mode_sends_no_delete(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_vault, {"name": "prod-vault", "state": "absent"}, [
        Call("GET", "/vaults", query=BY_NAME, body=listing(vault())),
    ], check_mode=True)
    assert result["changed"] and session.methods == ["GET"]


def test_an_empty_name_is_refused_before_any_request(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_vault, {"name": " ", "state": "absent"}, [])
    assert result["failed"] and "name must not be empty" in result["msg"]


def test_a_taken_name_reports_the_conflict(monkeypatch):
    taken = {"error_code": "ERR_NGROK_23004", "status_code": 409, "msg": "Vault names must be unique within an account.",
             "details": {"operation_id": "op_23004"}}
    result, _session = run_module(monkeypatch, ngrok_vault, {"id": "vault_1", "name": "other"}, [
        Call("GET", "/vaults/vault_1", body=vault()),
        Call("PATCH", "/vaults/vault_1", status=409, body=taken),
    ])
    assert result["failed"] and result["error_code"] == "ERR_NGROK_23004"


def test_info_by_name(monkeypatch):
    result, _session = run_module(monkeypatch, ngrok_vault_info, {"name": "prod-vault"}, [
        Call("GET", "/vaults", query=BY_NAME, body=listing(vault())),
    ])
    assert [v["id"] for v in result["vaults"]] == ["vault_1"] and result["changed"] is False


def test_info_combines_name_and_filter(monkeypatch):
    result, _session = run_module(monkeypatch, ngrok_vault_info, {"name": "prod-vault", "filter": 'obj.metadata == "m"'}, [
        Call("GET", "/vaults", query={"filter": '(obj.name == "prod-vault") && (obj.metadata == "m")'}, body=listing()),
    ])
    assert result["vaults"] == []


def test_metadata_given_as_a_mapping_is_sent_and_compared_as_json(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_vault, {"name": "prod-vault", "metadata": {"team": ["b", "a"], "owner": "web"}}, [
        Call("GET", "/vaults", query=BY_NAME, body=listing()),
        Call("POST", "/vaults", status=201, sent={"name": "prod-vault", "metadata": '{"owner":"web","team":["b","a"]}'},
             body=vault(metadata='{"owner":"web","team":["b","a"]}')),
    ])
    assert result["changed"]
    result, session = run_module(monkeypatch, ngrok_vault, {"name": "prod-vault", "metadata": {"owner": "web", "team": ["b", "a"]}}, [
        Call("GET", "/vaults", query=BY_NAME, body=listing(vault(metadata='{"owner":"web","team":["b","a"]}'))),
    ])
    assert result["changed"] is False and len(session.requests) == 1
