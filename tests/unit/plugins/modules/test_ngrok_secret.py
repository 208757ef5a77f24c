# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.vaults import SECRET
from ansible_collections.ngrok.ngrok.plugins.modules import ngrok_secret, ngrok_secret_info
from ansible_collections.ngrok.ngrok.tests.unit.plugins.fake_api import API, Call
from ansible_collections.ngrok.ngrok.tests.unit.plugins.module_runner import run_module

BY_NAME = {"filter": 'obj.name == "db-password"'}
VALUE = "s3cr3t-Value-that-must-never-show"


def secret(secret_id="secret_1", name="db-password", vault_id="vault_1", vault_name="prod-vault", description=None,
           metadata=None):
    obj = {"id": secret_id, "uri": API + "/vault_secrets/" + secret_id, "created_at": "2026-11-27T10:00:00Z",
           "updated_at": "2026-11-27T10:00:00Z", "name": name, "created_by": {"id": "usr_1", "uri": ""},
           "last_updated_by": {"id": "usr_1", "uri": ""}, "vault": {"id": vault_id, "uri": API + "/vaults/" + vault_id},
           "vault_name": vault_name}
    if description:
        obj["description"] = description
    if metadata:
        obj["metadata"] = metadata
    return obj


def listing(*items):
    return {"secrets": list(items), "uri": API + "/vault_secrets", "next_page_uri": None}


def shows_no_value(result, session=None):
    text = json.dumps(result)
    if session is not None:
        text += json.dumps([dict((k, v) for k, v in r.items() if k != "body") for r in session.requests])
    return VALUE not in text


def test_create_in_a_vault_named_by_name(monkeypatch):
    args = {"vault_name": "prod-vault", "name": "db-password", "value": VALUE, "description": "db"}
    result, session = run_module(monkeypatch, ngrok_secret, args, [
        Call("GET", "/vault_secrets", query=BY_NAME, body=listing()),
        Call("POST", "/vault_secrets", status=201,
             sent={"vault_name": "prod-vault", "name": "db-password", "value": VALUE, "description": "db"},
             body=secret(description="db")),
    ], diff=True)
    assert result["changed"] and result["secret"]["id"] == "secret_1"
    assert "value" not in result["secret"] and shows_no_value(result)


def test_create_in_a_vault_named_by_id(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_secret, {"vault_id": "vault_1", "name": "db-password", "value": VALUE}, [
        Call("GET", "/vault_secrets", query=BY_NAME, body=listing()),
        Call("POST", "/vault_secrets", status=201, sent={"vault_id": "vault_1", "name": "db-password", "value": VALUE},
             body=secret()),
    ])
    assert result["changed"] and result["secret"]["vault"]["id"] == "vault_1"


def test_rerun_with_update_value_on_create_is_one_request_and_sends_no_value(monkeypatch):
    args = {"vault_name": "prod-vault", "name": "db-password", "value": "another value", "description": "db"}
    result, session = run_module(monkeypatch, ngrok_secret, args, [
        Call("GET", "/vault_secrets", query=BY_NAME, body=listing(secret(description="db"))),
    ])
    assert result["changed"] is False and len(session.requests) == 1


def test_update_value_always_sends_the_value_every_time_and_reports_it(monkeypatch):
    args = {"vault_id": "vault_1", "name": "db-password", "value": VALUE, "update_value": "always"}
    result, session = run_module(monkeypatch, ngrok_secret, args, [
        Call("GET", "/vault_secrets", query=BY_NAME, body=listing(secret())),
        Call("PATCH", "/vault_secrets/secret_1", sent={"value": VALUE}, body=secret()),
    ], diff=True)
    assert result["changed"] is True and shows_no_value(result)


def test_update_value_always_joins_the_other_changes_in_one_request(monkeypatch):
    args = {"vault_id": "vault_1", "name": "db-password", "value": VALUE, "update_value": "always", "metadata": "m"}
    result, session = run_module(monkeypatch, ngrok_secret, args, [
        Call("GET", "/vault_secrets", query=BY_NAME, body=listing(secret())),
        Call("PATCH", "/vault_secrets/secret_1", sent={"value": VALUE, "metadata": "m"}, body=secret(metadata="m")),
    ])
    assert result["changed"] and result["secret"]["metadata"] == "m"


def test_update_value_on_create_sends_only_what_differs(monkeypatch):
    args = {"vault_id": "vault_1", "name": "db-password", "value": VALUE, "description": "new", "metadata": "m"}
    result, session = run_module(monkeypatch, ngrok_secret, args, [
        Call("GET", "/vault_secrets", query=BY_NAME, body=listing(secret(description="old", metadata="m"))),
        Call("PATCH", "/vault_secrets/secret_1", sent={"description": "new"}, body=secret(description="new", metadata="m")),
    ])
    assert result["changed"] and result["secret"]["description"] == "new"


def test_update_value_always_in_check_mode_predicts_a_change_and_sends_nothing(monkeypatch):
    args = {"vault_id": "vault_1", "name": "db-password", "value": VALUE, "update_value": "always"}
    result, session = run_module(monkeypatch, ngrok_secret, args, [
        Call("GET", "/vault_secrets", query=BY_NAME, body=listing(secret())),
    ], check_mode=True, diff=True)
    assert result["changed"] and session.methods == ["GET"] and shows_no_value(result)


def test_the_secret_is_looked_for_in_its_own_vault(monkeypatch):
    # Names are unique per vault only: the listing by name holds the secrets of other vaults too.
    others = listing(secret("secret_2", vault_id="vault_2", vault_name="staging"), secret("secret_1"))
    result, session = run_module(monkeypatch, ngrok_secret, {"vault_name": "prod-vault", "name": "db-password"}, [
        Call("GET", "/vault_secrets", query=BY_NAME, body=others),
    ])
    assert result["changed"] is False and result["secret"]["id"] == "secret_1"
    result, session = run_module(monkeypatch, ngrok_secret, {"vault_id": "vault_2", "name": "db-password", "state": "absent"}, [
        Call("GET", "/vault_secrets", query=BY_NAME, body=others),
        Call("DELETE", "/vault_secrets/secret_2", status=204),
    ])
    assert result["changed"] and result["secret"]["id"] == "secret_2"


def test_a_secret_in_another_vault_is_not_taken_for_it(monkeypatch):
    args = {"vault_name": "prod-vault", "name": "db-password", "value": VALUE}
    result, session = run_module(monkeypatch, ngrok_secret, args, [
        Call("GET", "/vault_secrets", query=BY_NAME, body=listing(secret("secret_2", vault_id="vault_2", vault_name="staging"))),
        Call("POST", "/vault_secrets", status=201, sent={"vault_name": "prod-vault", "name": "db-password", "value": VALUE},
             body=secret()),
    ])
    assert result["changed"] and result["secret"]["id"] == "secret_1"


def test_check_mode_create_predicts_every_key_without_the_value(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_secret, {"vault_id": "vault_1", "name": "db-password", "value": VALUE}, [
        Call("GET", "/vault_secrets", query=BY_NAME, body=listing()),
    ], check_mode=True, diff=True)
    predicted = result["secret"]
    assert result["changed"] and session.methods == ["GET"]
    assert set(predicted) == set(SECRET.response_keys)
    assert predicted["vault"] == {"id": "vault_1", "uri": None} and predicted["vault_name"] is None
    assert predicted["name"] == "db-password" and predicted["id"] is None
    assert shows_no_value(result)


def test_the_value_is_required_to_create(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_secret, {"vault_name": "prod-vault", "name": "db-password"}, [
        Call("GET", "/vault_secrets", query=BY_NAME, body=listing()),
    ])
    assert result["failed"] and result["msg"] == "to create a secret, set value" and session.methods == ["GET"]


def test_the_vault_is_required_without_id(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_secret, {"name": "db-password", "value": VALUE}, [])
    assert result["failed"] and "set vault_id or vault_name (or set id)" in result["msg"] and shows_no_value(result)


def test_vault_id_and_vault_name_are_mutually_exclusive(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_secret, {"vault_id": "vault_1", "vault_name": "prod-vault",
                                                             "name": "db-password", "value": VALUE}, [])
    assert result["failed"] and "mutually exclusive" in result["msg"]


def test_the_vault_cannot_change(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_secret, {"id": "secret_1", "vault_name": "staging", "value": VALUE}, [
        Call("GET", "/vault_secrets/secret_1", body=secret()),
    ])
    assert result["failed"] and result["changed"] is False and session.methods == ["GET"]
    assert "cannot change vault_name of secret secret_1" in result["msg"] and shows_no_value(result)


def test_rename_by_id(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_secret, {"id": "secret_1", "name": "db-pass"}, [
        Call("GET", "/vault_secrets/secret_1", body=secret()),
        Call("PATCH", "/vault_secrets/secret_1", sent={"name": "db-pass"}, body=secret(name="db-pass")),
    ])
    assert result["changed"] and result["secret"]["name"] == "db-pass"


def test_an_unknown_vault_name_reports_the_apis_error(monkeypatch):
    refused = {"error_code": "ERR_NGROK_24009", "status_code": 400, "msg": "Vault not found with name: nope",
               "details": {"operation_id": "op_24009"}}
    result, session = run_module(monkeypatch, ngrok_secret, {"vault_name": "nope", "name": "db-password", "value": VALUE}, [
        Call("GET", "/vault_secrets", query=BY_NAME, body=listing()),
        Call("POST", "/vault_secrets", status=400, body=refused),
    ])
    assert result["failed"] and result["error_code"] == "ERR_NGROK_24009" and result["operation_id"] == "op_24009"
    assert shows_no_value(result)


def test_absent_deletes_in_check_mode_only_reads(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_secret, {"vault_id": "vault_1", "name": "db-password", "state": "absent"}, [
        Call("GET", "/vault_secrets", query=BY_NAME, body=listing(secret())),
    ], check_mode=True)
    assert result["changed"] and session.methods == ["GET"]
    result, session = run_module(monkeypatch, ngrok_secret, {"vault_id": "vault_1", "name": "db-password", "state": "absent"}, [
        Call("GET", "/vault_secrets", query=BY_NAME, body=listing()),
    ])
    assert result["changed"] is False and result["secret"] == {}


def test_the_value_option_is_no_log(monkeypatch):
    spec = SECRET.argument_spec()
    assert spec["value"].get("no_log") is True
    assert spec["update_value"] == {"type": "str", "default": "on_create", "choices": ["always", "on_create"], "no_log": False}


def test_info_narrows_by_vault_locally(monkeypatch):
    both = listing(secret("secret_2", vault_id="vault_2", vault_name="staging"), secret("secret_1"))
    result, _session = run_module(monkeypatch, ngrok_secret_info, {"name": "db-password", "vault_name": "staging"}, [
        Call("GET", "/vault_secrets", query=BY_NAME, body=both),
    ])
    assert [s["id"] for s in result["secrets"]] == ["secret_2"]
    result, _session = run_module(monkeypatch, ngrok_secret_info, {"vault_id": "vault_1"}, [
        Call("GET", "/vault_secrets", query={}, body=both),
    ])
    assert [s["id"] for s in result["secrets"]] == ["secret_1"]


def test_check_mode_takes_an_empty_vault_id_for_a_vault_an_earlier_task_would_create(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_secret, {"vault_id": "", "name": "db-password", "value": VALUE},
                                 [], check_mode=True, diff=True)
    assert result["changed"] and session.requests == [] and shows_no_value(result)
    assert result["secret"]["name"] == "db-password" and result["secret"]["vault"] is None
    assert "vault_id is empty: check mode takes it for the id of a vault that an earlier task would create" in result["warnings"][0]
