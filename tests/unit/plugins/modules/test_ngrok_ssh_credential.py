# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.ssh import SSH_CREDENTIAL
from ansible_collections.ngrok.ngrok.plugins.modules import ngrok_ssh_credential, ngrok_ssh_credential_info
from ansible_collections.ngrok.ngrok.tests.unit.plugins.fake_api import API, Call
from ansible_collections.ngrok.ngrok.tests.unit.plugins.module_runner import run_module
from ansible_collections.ngrok.ngrok.tests.unit.plugins.ssh_keys import public_key

MODULE = ngrok_ssh_credential
KEY = public_key("ed25519", comment="deploy@ci")
OTHER_KEY = public_key("ecdsa", comment="deploy@ci")
ACL = ["bind:app.example.com", "bind:*.example.com", "bind:1.tcp.ngrok.io:20002"]


def credential(cred_id="sshcr_1", key=KEY, acl=None, description="deploy", metadata=None, owner_id="usr_1"):
    obj = {"id": cred_id, "uri": API + "/ssh_credentials/" + cred_id, "created_at": "2026-11-27T10:00:00Z",
           "description": description, "public_key": key, "acl": list(acl or []), "owner_id": owner_id}
    if metadata:
        obj["metadata"] = metadata
    return obj


def listing(*items, **kwargs):
    return {"ssh_credentials": list(items), "uri": API + "/ssh_credentials", "next_page_uri": kwargs.get("next_page")}


def test_create_sends_the_key_as_written_with_its_comment(monkeypatch):
    result, session = run_module(monkeypatch, MODULE, {"public_key": "  " + KEY + "\n", "acl": ACL, "description": "deploy"}, [
        Call("GET", "/ssh_credentials", query={}, body=listing(credential("sshcr_0", key=OTHER_KEY))),
        Call("POST", "/ssh_credentials", status=201, sent={"public_key": KEY, "acl": ACL, "description": "deploy"},
             body=credential(acl=ACL)),
    ], diff=True)
    assert result["changed"] is True and result["ssh_credential"]["id"] == "sshcr_1"
    assert result["diff"]["before"] == {} and result["diff"]["after"]["public_key"] == KEY


def test_the_same_key_with_another_comment_and_rules_reordered_is_unchanged_in_one_read(monkeypatch):
    written = " ".join(KEY.split()[:2]) + "   someone@laptop"
    args = {"public_key": written, "acl": list(reversed(ACL)) + [ACL[0]], "description": "deploy"}
    result, session = run_module(monkeypatch, MODULE, args, [
        Call("GET", "/ssh_credentials", query={}, body=listing(credential("sshcr_0", key=OTHER_KEY), credential(acl=ACL))),
    ])
    assert result["changed"] is False and len(session.requests) == 1
    assert result["ssh_credential"]["id"] == "sshcr_1" and result["ssh_credential"]["public_key"] == KEY


def test_the_lookup_reads_every_page_since_the_key_cannot_be_filtered(monkeypatch):
    result, session = run_module(monkeypatch, MODULE, {"public_key": KEY, "description": "deploy"}, [
        Call("GET", "/ssh_credentials", query={},
             body=listing(credential("sshcr_0", key=OTHER_KEY), next_page=API + "/ssh_credentials?before_id=sshcr_0")),
        Call("GET", "/ssh_credentials", query={"before_id": "sshcr_0"}, body=listing(credential())),
    ])
    assert result["changed"] is False and session.methods == ["GET", "GET"]


def test_update_sends_only_the_rules_that_differ_as_a_whole_set(monkeypatch):
    result, session = run_module(monkeypatch, MODULE, {"public_key": KEY, "acl": ACL[:1], "description": "deploy"}, [
        Call("GET", "/ssh_credentials", query={}, body=listing(credential(acl=ACL))),
        Call("PATCH", "/ssh_credentials/sshcr_1", sent={"acl": ACL[:1]}, body=credential(acl=ACL[:1])),
    ], diff=True)
    assert result["changed"] and result["ssh_credential"]["acl"] == ACL[:1]
    assert result["diff"]["before"]["acl"] == ACL and result["diff"]["after"]["acl"] == ACL[:1]


def test_an_empty_acl_lifts_every_rule(monkeypatch):
    result, _session = run_module(monkeypatch, MODULE, {"public_key": KEY, "acl": []}, [
        Call("GET", "/ssh_credentials", query={}, body=listing(credential(acl=ACL))),
        Call("PATCH", "/ssh_credentials/sshcr_1", sent={"acl": []}, body=credential()),
    ])
    assert result["changed"] and result["ssh_credential"]["acl"] == []


def test_check_mode_create_predicts_every_key_and_sends_one_read(monkeypatch):
    result, session = run_module(monkeypatch, MODULE, {"public_key": KEY, "description": "deploy"}, [
        Call("GET", "/ssh_credentials", query={}, body=listing()),
    ], check_mode=True, diff=True)
    predicted = result["ssh_credential"]
    assert result["changed"] and session.methods == ["GET"]
    assert set(predicted) == set(SSH_CREDENTIAL.response_keys)
    assert predicted["public_key"] == KEY and predicted["acl"] == [] and predicted["description"] == "deploy"
    assert predicted["id"] is None and predicted["owner_id"] is None


def test_check_mode_update_sends_no_patch(monkeypatch):
    result, session = run_module(monkeypatch, MODULE, {"public_key": KEY, "metadata": "m"}, [
        Call("GET", "/ssh_credentials", query={}, body=listing(credential())),
    ], check_mode=True)
    assert result["changed"] and result["ssh_credential"]["metadata"] == "m" and session.methods == ["GET"]


@pytest.mark.parametrize("key,problem", [
    ("-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEAexample\n-----END PUBLIC KEY-----", "OpenSSH format, as in a .pub file, not PEM"),
    ("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAexample\n-----END OPENSSH PRIVATE KEY-----\n",
     "public_key: this is a private key; give the public key (the .pub file"),
    ("AAAAC3NzaC1lZDI1NTE5AAAAIExample", "expected an OpenSSH public key line"),
    ("ssh-rsa " + KEY.split()[1], "is not a ssh-rsa key"),
], ids=["pem", "private-key", "no-type", "other-type"])  # the same ids in every pytest-xdist worker, whatever the key
def test_what_is_not_an_openssh_public_key_is_refused_before_any_request(monkeypatch, key, problem):
    result, session = run_module(monkeypatch, MODULE, {"public_key": key}, [])
    assert result["failed"] and "public_key: " in result["msg"] and problem in result["msg"]
    assert session.requests == [] and "example" not in result["msg"]


def test_without_public_key_or_id_nothing_is_sent(monkeypatch):
    result, session = run_module(monkeypatch, MODULE, {"description": "deploy"}, [])
    assert result["failed"] and "set public_key (or set id)" in result["msg"] and session.requests == []


def test_owner_change_is_refused_without_replace(monkeypatch):
    result, session = run_module(monkeypatch, MODULE, {"public_key": KEY, "owner_id": "bot_2"}, [
        Call("GET", "/ssh_credentials", query={}, body=listing(credential())),
    ])
    assert result["failed"] and result["changed"] is False and session.methods == ["GET"]
    assert "cannot change owner_id of SSH credential sshcr_1" in result["msg"]
    assert "set replace=true to delete it and create it again" in result["msg"]


def test_replace_deletes_first_since_a_key_is_unique_and_keeps_the_rules(monkeypatch):
    result, session = run_module(monkeypatch, MODULE, {"public_key": KEY, "owner_id": "bot_2", "replace": True}, [
        Call("GET", "/ssh_credentials", query={}, body=listing(credential(acl=ACL, metadata="m"))),
        Call("DELETE", "/ssh_credentials/sshcr_1", status=204),
        Call("POST", "/ssh_credentials", status=201,
             sent={"public_key": KEY, "description": "deploy", "metadata": "m", "acl": ACL, "owner_id": "bot_2"},
             body=credential("sshcr_2", acl=ACL, metadata="m", owner_id="bot_2")),
    ], diff=True)
    assert result["changed"] and result["ssh_credential"]["id"] == "sshcr_2"
    assert result["diff"]["before"]["owner_id"] == "usr_1" and result["diff"]["after"]["owner_id"] == "bot_2"


def test_a_refused_replacement_creates_the_old_credential_again(monkeypatch):
    refused = {"error_code": "ERR_NGROK_636", "status_code": 400, "msg": "The credential owner is inactive.",
               "details": {"operation_id": "op_636"}}
    result, _session = run_module(monkeypatch, MODULE, {"public_key": KEY, "owner_id": "bot_2", "replace": True}, [
        Call("GET", "/ssh_credentials", query={}, body=listing(credential(acl=ACL))),
        Call("DELETE", "/ssh_credentials/sshcr_1", status=204),
        Call("POST", "/ssh_credentials", status=400, body=refused),
        Call("POST", "/ssh_credentials", status=201,
             sent={"public_key": KEY, "description": "deploy", "acl": ACL, "owner_id": "usr_1"},
             body=credential("sshcr_3", acl=ACL)),
    ])
    assert result["failed"] and result["changed"] is True
    assert "ERR_NGROK_636" in result["msg"] and "re-created as it was, with the new id sshcr_3" in result["msg"]
    assert result["ssh_credential"]["id"] == "sshcr_3"


def test_a_key_of_another_account_reports_the_apis_error(monkeypatch):
    refused = {"error_code": "ERR_NGROK_610", "status_code": 400, "details": {"operation_id": "op_610"},
               "msg": "The public key is already used in a different account."}
    result, _session = run_module(monkeypatch, MODULE, {"public_key": KEY}, [
        Call("GET", "/ssh_credentials", query={}, body=listing()),
        Call("POST", "/ssh_credentials", status=400, body=refused),
    ])
    assert result["failed"] and result["changed"] is False
    assert (result["error_code"], result["status_code"], result["operation_id"]) == ("ERR_NGROK_610", 400, "op_610")


def test_absent_deletes_then_is_unchanged(monkeypatch):
    result, _session = run_module(monkeypatch, MODULE, {"public_key": KEY + " extra words", "state": "absent"}, [
        Call("GET", "/ssh_credentials", query={}, body=listing(credential())),
        Call("DELETE", "/ssh_credentials/sshcr_1", status=204),
    ])
    assert result["changed"] and result["ssh_credential"]["id"] == "sshcr_1"
    result, _session = run_module(monkeypatch, MODULE, {"public_key": KEY, "state": "absent"}, [
        Call("GET", "/ssh_credentials", query={}, body=listing()),
    ])
    assert result["changed"] is False and result["ssh_credential"] == {}


def test_absent_in_check_mode_sends_no_delete(monkeypatch):
    result, session = run_module(monkeypatch, MODULE, {"id": "sshcr_1", "state": "absent"}, [
        Call("GET", "/ssh_credentials/sshcr_1", body=credential()),
    ], check_mode=True)
    assert result["changed"] and session.methods == ["GET"]


def test_info_finds_a_key_whatever_its_comment_and_filters_the_owner(monkeypatch):
    written = " ".join(KEY.split()[:2]) + " another comment"
    result, _session = run_module(monkeypatch, ngrok_ssh_credential_info, {"public_key": written, "owner_id": "usr_1"}, [
        Call("GET", "/ssh_credentials", query={"filter": 'obj.owner_id == "usr_1"'},
             body=listing(credential("sshcr_0", key=OTHER_KEY), credential())),
    ])
    assert [c["id"] for c in result["ssh_credentials"]] == ["sshcr_1"] and result["changed"] is False


def test_info_by_unknown_id_is_empty(monkeypatch):
    result, _session = run_module(monkeypatch, ngrok_ssh_credential_info, {"id": "sshcr_9"}, [
        Call("GET", "/ssh_credentials/sshcr_9", status=404,
             body={"status_code": 404, "msg": "Resource not found", "details": {"operation_id": "op_404"}}),
    ])
    assert result["ssh_credentials"] == []
