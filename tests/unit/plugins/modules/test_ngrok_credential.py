# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.access import CREDENTIAL
from ansible_collections.ngrok.ngrok.plugins.modules import ngrok_credential, ngrok_credential_info
from ansible_collections.ngrok.ngrok.tests.unit.plugins.fake_api import API, Call
from ansible_collections.ngrok.ngrok.tests.unit.plugins.module_runner import run_module

BY_DESCRIPTION = {"filter": 'obj.description == "web-1"'}
TOKEN = "2Zx8cred_5aBcDeFgHiJkLmNoPqRsTuVwXy"
ACL = ["bind:app.example.com", "bind:*.example.com", "bind:1.tcp.ngrok.io:20002", "bind:env=prod"]


def credential(cred_id="cr_1", description="web-1", acl=None, metadata=None, owner_id="usr_1", token=None):
    obj = {"id": cred_id, "uri": API + "/credentials/" + cred_id, "created_at": "2026-11-27T10:00:00Z",
           "description": description, "acl": list(acl or []), "owner_id": owner_id, "token": token}
    if metadata:
        obj["metadata"] = metadata
    return obj


def listing(*items):
    return {"credentials": list(items), "uri": API + "/credentials", "next_page_uri": None}


def test_create_sends_the_rules_and_returns_the_token_once(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_credential, {"description": "web-1", "acl": ACL, "metadata": "m"}, [
        Call("GET", "/credentials", query=BY_DESCRIPTION, body=listing()),
        Call("POST", "/credentials", status=201, sent={"description": "web-1", "acl": ACL, "metadata": "m"},
             body=credential(acl=ACL, metadata="m", token=TOKEN)),
        Call("GET", "/credentials", query=BY_DESCRIPTION, body=listing(credential(acl=ACL, metadata="m"))),
    ], diff=True)
    assert result["changed"] is True
    assert result["credential"]["token"] == TOKEN and result["credential"]["id"] == "cr_1"
    assert TOKEN not in repr(result["diff"])
    assert result["diff"]["after"]["token"] != TOKEN and result["diff"]["before"] == {}


def test_unchanged_rerun_with_rules_reordered_is_one_request_and_shows_no_token(monkeypatch):
    wanted = list(reversed(ACL)) + [ACL[0]]
    result, session = run_module(monkeypatch, ngrok_credential, {"description": "web-1", "acl": wanted, "metadata": "m"}, [
        Call("GET", "/credentials", query=BY_DESCRIPTION, body=listing(credential(acl=ACL, metadata="m"))),
    ])
    assert result["changed"] is False and len(session.requests) == 1
    assert result["credential"]["token"] is None


def test_a_token_in_a_later_answer_is_never_echoed(monkeypatch):
    # Should the API ever show a token outside the create answer, the module does not pass it on.
    result, _session = run_module(monkeypatch, ngrok_credential, {"description": "web-1"}, [
        Call("GET", "/credentials", query=BY_DESCRIPTION, body=listing(credential(token=TOKEN))),
    ], diff=True)
    assert TOKEN not in repr(result)


def test_update_sends_only_the_rules_that_differ_as_a_whole_set(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_credential, {"description": "web-1", "acl": ACL[:2], "metadata": "m"}, [
        Call("GET", "/credentials", query=BY_DESCRIPTION, body=listing(credential(acl=ACL, metadata="m"))),
        Call("PATCH", "/credentials/cr_1", sent={"acl": ACL[:2]}, body=credential(acl=ACL[:2], metadata="m")),
    ], diff=True)
    assert result["changed"] and result["credential"]["acl"] == ACL[:2]
    assert result["diff"]["before"]["acl"] == ACL and result["diff"]["after"]["acl"] == ACL[:2]
    assert result["credential"]["token"] is None


def test_an_empty_acl_lifts_every_rule_and_is_then_unchanged(monkeypatch):
    result, _session = run_module(monkeypatch, ngrok_credential, {"description": "web-1", "acl": []}, [
        Call("GET", "/credentials", query=BY_DESCRIPTION, body=listing(credential(acl=ACL))),
        Call("PATCH", "/credentials/cr_1", sent={"acl": []}, body=credential()),
    ])
    assert result["changed"] and result["credential"]["acl"] == []
    result, session = run_module(monkeypatch, ngrok_credential, {"description": "web-1", "acl": []}, [
        Call("GET", "/credentials", query=BY_DESCRIPTION, body=listing(credential())),
    ])
    assert result["changed"] is False


def test_rules_not_given_are_left_alone(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_credential, {"description": "web-1", "metadata": "new"}, [
        Call("GET", "/credentials", query=BY_DESCRIPTION, body=listing(credential(acl=ACL))),
        Call("PATCH", "/credentials/cr_1", sent={"metadata": "new"}, body=credential(acl=ACL, metadata="new")),
    ])
    assert result["changed"] and result["credential"]["acl"] == ACL


def test_check_mode_create_predicts_every_key_and_sends_one_read(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_credential, {"description": "web-1"}, [
        Call("GET", "/credentials", query=BY_DESCRIPTION, body=listing()),
    ], check_mode=True, diff=True)
    predicted = result["credential"]
    assert result["changed"] and session.methods == ["GET"]
    assert set(predicted) == set(CREDENTIAL.response_keys)
    assert predicted["description"] == "web-1" and predicted["acl"] == []
    assert predicted["id"] is None and predicted["token"] is None and predicted["owner_id"] is None


def test_check_mode_update_sends_no_patch(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_credential, {"description": "web-1", "acl": ["*"]}, [
        Call("GET", "/credentials", query=BY_DESCRIPTION, body=listing(credential(acl=ACL))),
    ], check_mode=True)
    assert result["changed"] and result["credential"]["acl"] == ["*"] and session.methods == ["GET"]


def test_owner_change_is_refused_without_replace(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_credential, {"description": "web-1", "owner_id": "svc_2"}, [
        Call("GET", "/credentials", query=BY_DESCRIPTION, body=listing(credential())),
    ])
    assert result["failed"] and result["changed"] is False and session.methods == ["GET"]
    assert "cannot change owner_id of tunnel credential cr_1" in result["msg"] and "replace=true" in result["msg"]


def test_replace_creates_the_new_credential_first_with_the_old_rules(monkeypatch):
    new = credential("cr_2", acl=ACL, metadata="m", owner_id="svc_2", token=TOKEN)
    result, session = run_module(monkeypatch, ngrok_credential, {"description": "web-1", "owner_id": "svc_2", "replace": True}, [
        Call("GET", "/credentials", query=BY_DESCRIPTION, body=listing(credential(acl=ACL, metadata="m"))),
        Call("POST", "/credentials", status=201,
             sent={"description": "web-1", "metadata": "m", "acl": ACL, "owner_id": "svc_2"}, body=new),
        Call("DELETE", "/credentials/cr_1", status=204),
    ], diff=True)
    assert result["changed"] and result["credential"]["id"] == "cr_2" and result["credential"]["token"] == TOKEN
    assert result["diff"]["before"]["id"] == "cr_1" and TOKEN not in repr(result["diff"])


def test_replace_in_check_mode_sends_nothing(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_credential, {"description": "web-1", "owner_id": "svc_2", "replace": True}, [
        Call("GET", "/credentials", query=BY_DESCRIPTION, body=listing(credential(acl=ACL))),
    ], check_mode=True)
    assert result["changed"] and result["credential"]["id"] is None
    assert result["credential"]["owner_id"] == "svc_2" and result["credential"]["acl"] == ACL
    assert session.methods == ["GET"]


def test_an_invalid_rule_reports_the_apis_error(monkeypatch):
    refused = {"error_code": "ERR_NGROK_600", "status_code": 400, "msg": "Invalid ACL rule.", "details": {"operation_id": "op_600"}}
    result, _session = run_module(monkeypatch, ngrok_credential, {"description": "web-1", "acl": ["allow:all"]}, [
        Call("GET", "/credentials", query=BY_DESCRIPTION, body=listing()),
        Call("POST", "/credentials", status=400, body=refused),
    ])
    assert result["failed"] and result["changed"] is False
    assert (result["error_code"], result["status_code"], result["operation_id"]) == ("ERR_NGROK_600", 400, "op_600")


def test_two_credentials_with_the_description_fail_listing_their_ids(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_credential, {"description": "web-1", "state": "absent"}, [
        Call("GET", "/credentials", query=BY_DESCRIPTION, body=listing(credential("cr_2"), credential("cr_1"))),
    ])
    assert result["failed"] and "cr_1, cr_2" in result["msg"] and session.methods == ["GET"]


def test_without_description_or_id_nothing_is_sent(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_credential, {"acl": ["*"]}, [])
    assert result["failed"] and "set description (or set id)" in result["msg"]


def test_absent_deletes_then_is_unchanged(monkeypatch):
    result, _session = run_module(monkeypatch, ngrok_credential, {"description": "web-1", "state": "absent"}, [
        Call("GET", "/credentials", query=BY_DESCRIPTION, body=listing(credential())),
        Call("DELETE", "/credentials/cr_1", status=204),
    ])
    assert result["changed"] and result["credential"]["id"] == "cr_1"
    result, _session = run_module(monkeypatch, ngrok_credential, {"description": "web-1", "state": "absent"}, [
        Call("GET", "/credentials", query=BY_DESCRIPTION, body=listing()),
    ])
    assert result["changed"] is False and result["credential"] == {}


def test_absent_in_check_mode_sends_no_delete(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_credential, {"id": "cr_1", "state": "absent"}, [
        Call("GET", "/credentials/cr_1", body=credential()),
    ], check_mode=True)
    assert result["changed"] and session.methods == ["GET"]


def test_the_default_authtoken_cannot_be_deleted(monkeypatch):
    refused = {"error_code": "ERR_NGROK_601", "status_code": 400, "msg": "This credential is your tunnel token and cannot be deleted",
               "details": {"operation_id": "op_601"}}
    result, _session = run_module(monkeypatch, ngrok_credential, {"id": "cr_1", "state": "absent"}, [
        Call("GET", "/credentials/cr_1", body=credential()),
        Call("DELETE", "/credentials/cr_1", status=400, body=refused),
    ])
    assert result["failed"] and result["error_code"] == "ERR_NGROK_601" and result["operation_id"] == "op_601"


def test_info_narrows_by_description_and_owner_and_hides_tokens(monkeypatch):
    result, _session = run_module(monkeypatch, ngrok_credential_info, {"description": "web-1", "owner_id": "usr_1"}, [
        Call("GET", "/credentials", query={"filter": '(obj.description == "web-1") && (obj.owner_id == "usr_1")'},
             body=listing(credential(token=TOKEN), credential("cr_2", owner_id="usr_2"))),
    ])
    assert [c["id"] for c in result["credentials"]] == ["cr_1"]
    assert result["credentials"][0]["token"] is None and result["changed"] is False


def test_info_by_unknown_id_is_empty(monkeypatch):
    result, _session = run_module(monkeypatch, ngrok_credential_info, {"id": "cr_9"}, [
        Call("GET", "/credentials/cr_9", status=404, body={"status_code": 404, "msg": "Resource not found",
                                                           "details": {"operation_id": "op_404"}}),
    ])
    assert result["credentials"] == []


# -- the owner named by its service user's name -----------------------------------------------------------------

def service_users(*items):
    return {"service_users": list(items), "uri": API + "/service_users", "next_page_uri": None}


def test_the_owner_named_by_name_is_sent_as_its_id(monkeypatch):
    bot = {"id": "bot_1", "name": "deployer", "active": True}
    result, _session = run_module(monkeypatch, ngrok_credential, {"description": "web-1", "owner_name": "deployer"}, [
        # Service user names are not filterable: the listing is read and matched here.
        Call("GET", "/service_users", query={}, body=service_users({"id": "bot_0", "name": "other"}, bot)),
        Call("GET", "/credentials", query=BY_DESCRIPTION, body=listing()),
        Call("POST", "/credentials", status=201, sent={"description": "web-1", "owner_id": "bot_1"},
             body=credential(owner_id="bot_1", token=TOKEN)),
        Call("GET", "/credentials", query=BY_DESCRIPTION, body=listing(credential(owner_id="bot_1"))),
    ])
    assert result["changed"] is True and result["credential"]["owner_id"] == "bot_1"


def test_the_same_owner_by_name_changes_nothing_and_an_unknown_name_fails(monkeypatch):
    bot = {"id": "bot_1", "name": "deployer", "active": True}
    result, _session = run_module(monkeypatch, ngrok_credential, {"description": "web-1", "owner_name": "deployer"}, [
        Call("GET", "/service_users", query={}, body=service_users(bot)),
        Call("GET", "/credentials", query=BY_DESCRIPTION, body=listing(credential(owner_id="bot_1"))),
    ])
    assert result["changed"] is False
    result, _session = run_module(monkeypatch, ngrok_credential, {"description": "web-1", "owner_name": "nobody"}, [
        Call("GET", "/service_users", query={}, body=service_users(bot)),
    ])
    assert result["failed"] and "owner_name: no service user has name 'nobody'" in result["msg"]


def test_owner_id_and_owner_name_are_mutually_exclusive(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_credential,
                                 {"description": "web-1", "owner_name": "deployer", "owner_id": "bot_1"}, [])
    assert result["failed"] and "mutually exclusive" in result["msg"] and not session.requests
