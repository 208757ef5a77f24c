# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.ngrok.ngrok.plugins.modules import ngrok_api_key, ngrok_api_key_info
from ansible_collections.ngrok.ngrok.tests.unit.plugins.fake_api import API, Call
from ansible_collections.ngrok.ngrok.tests.unit.plugins.module_runner import run_module

FILTER_CI = {"filter": 'obj.description == "ci"'}


def key(key_id="ak_1", description="ci", metadata=None, token=None):
    obj = {"id": key_id, "uri": API + "/api_keys/" + key_id, "description": description,
           "created_at": "2026-11-27T10:00:00Z", "owner_id": "usr_1", "token": token}
    if metadata:
        obj["metadata"] = metadata
    return obj


def listing(*items):
    return {"keys": list(items), "uri": API + "/api_keys", "next_page_uri": None}


def test_create_returns_the_token_once(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_api_key, {"description": "ci", "metadata": "m"}, [
        Call("GET", "/api_keys", query=FILTER_CI, body=listing()),
        Call("POST", "/api_keys", status=201, sent={"description": "ci", "metadata": "m"},
             body=key(metadata="m", token="tok_secret")),
        Call("GET", "/api_keys", query=FILTER_CI, body=listing(key(metadata="m"))),
    ])
    assert result["changed"] is True
    assert result["api_key"]["token"] == "tok_secret"
    assert result["api_key"]["id"] == "ak_1"


def test_second_run_is_one_request_and_unchanged(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_api_key, {"description": "ci", "metadata": "m"}, [
        Call("GET", "/api_keys", query=FILTER_CI, body=listing(key(metadata="m"))),
    ])
    assert result["changed"] is False
    assert result["api_key"]["token"] is None
    assert len(session.requests) == 1


def test_update_patches_only_what_differs(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_api_key, {"description": "ci", "metadata": "new"}, [
        Call("GET", "/api_keys", query=FILTER_CI, body=listing(key(metadata="old"))),
        Call("PATCH", "/api_keys/ak_1", sent={"metadata": "new"}, body=key(metadata="new")),
    ], diff=True)
    assert result["changed"] is True
    assert result["api_key"]["metadata"] == "new"
    assert result["diff"]["before"]["metadata"] == "old"
    assert result["diff"]["after"]["metadata"] == "new"


def test_unset_options_are_not_managed(monkeypatch):
    # metadata is not given: the key's metadata stays as it is
    result, _session = run_module(monkeypatch, ngrok_api_key, {"description": "ci"}, [
        Call("GET", "/api_keys", query=FILTER_CI, body=listing(key(metadata="keep"))),
    ])
    assert result["changed"] is False


def test_check_mode_create_sends_no_mutation_and_predicts(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_api_key, {"description": "ci", "metadata": "m"}, [
        Call("GET", "/api_keys", query=FILTER_CI, body=listing()),
    ], check_mode=True, diff=True)
    assert result["changed"] is True
    assert result["api_key"]["description"] == "ci" and result["api_key"]["id"] is None
    assert result["diff"]["before"] == {}
    assert result["diff"]["after"]["metadata"] == "m"
    assert session.methods == ["GET"]


def test_check_mode_update_sends_no_patch(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_api_key, {"description": "ci", "metadata": "new"}, [
        Call("GET", "/api_keys", query=FILTER_CI, body=listing(key(metadata="old"))),
    ], check_mode=True)
    assert result["changed"] is True and result["api_key"]["metadata"] == "new"
    assert session.methods == ["GET"]


def test_token_is_redacted_in_diff(monkeypatch):
    result, _session = run_module(monkeypatch, ngrok_api_key, {"description": "ci"}, [
        Call("GET", "/api_keys", query=FILTER_CI, body=listing()),
        Call("POST", "/api_keys", status=201, body=key(token="tok_secret")),
        # Descriptions are not unique: the created key is looked up for a twin a run at the same time created.
        Call("GET", "/api_keys", query=FILTER_CI, body=listing(key())),
    ], diff=True)
    assert "tok_secret" not in repr(result["diff"])
    assert result["api_key"]["token"] == "tok_secret"


def test_ambiguous_description_fails_listing_the_ids(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_api_key, {"description": "ci", "metadata": "x"}, [
        Call("GET", "/api_keys", query=FILTER_CI, body=listing(key("ak_2"), key("ak_1"))),
    ])
    assert result["failed"]
    assert "ak_1, ak_2" in result["msg"] and "id option" in result["msg"]
    assert session.methods == ["GET"]


def test_id_wins_over_description(monkeypatch):
    result, _session = run_module(monkeypatch, ngrok_api_key, {"id": "ak_1", "description": "renamed"}, [
        Call("GET", "/api_keys/ak_1", body=key()),
        Call("PATCH", "/api_keys/ak_1", sent={"description": "renamed"}, body=key(description="renamed")),
    ])
    assert result["changed"] and result["api_key"]["description"] == "renamed"


def test_missing_id_fails_on_present(monkeypatch):
    result, _session = run_module(monkeypatch, ngrok_api_key, {"id": "ak_nope", "metadata": "x"}, [
        Call("GET", "/api_keys/ak_nope", status=404, body={"status_code": 404, "msg": "Resource not found", "details": {"operation_id": "op_404"}}),
    ])
    assert result["failed"] and "no API key with id 'ak_nope'" in result["msg"]


def test_create_only_owner_change_fails_clearly(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_api_key, {"description": "ci", "owner_id": "bot_2"}, [
        Call("GET", "/api_keys", query=FILTER_CI, body=listing(key())),
    ])
    assert result["failed"]
    assert result["msg"] == ("cannot change owner_id of API key ak_1: it can only be set when the API key is created "
                             "(owner_id is 'usr_1', the task asks for 'bot_2'); set replace=true to create a new one and then delete this one")
    assert session.methods == ["GET"]


def test_absent_deletes_and_returns_the_old_object(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_api_key, {"description": "ci", "state": "absent"}, [
        Call("GET", "/api_keys", query=FILTER_CI, body=listing(key())),
        Call("DELETE", "/api_keys/ak_1", status=204),
    ], diff=True)
    assert result["changed"] and result["api_key"]["id"] == "ak_1"
    assert result["diff"]["after"] == {}


def test_absent_when_missing_is_unchanged(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_api_key, {"description": "ci", "state": "absent"}, [
        Call("GET", "/api_keys", query=FILTER_CI, body=listing()),
    ])
    assert result["changed"] is False and result["api_key"] == {}


def test_absent_in_check_mode_sends_no_delete(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_api_key, {"description": "ci", "state": "absent"}, [
        Call("GET", "/api_keys", query=FILTER_CI, body=listing(key())),
    ], check_mode=True)
    assert result["changed"] is True and session.methods == ["GET"]


def test_api_error_is_reported_with_its_code(monkeypatch):
    result, _session = run_module(monkeypatch, ngrok_api_key, {"description": "ci"}, [
        Call("GET", "/api_keys", query=FILTER_CI, body=listing()),
        Call("POST", "/api_keys", status=400, body={"error_code": "ERR_NGROK_603", "status_code": 400,
                                                    "msg": "Your account is limited to 5 API keys.",
                                                    "details": {"operation_id": "op_7"}}),
    ])
    assert result["failed"] and result["changed"] is False
    assert (result["error_code"], result["status_code"], result["operation_id"]) == ("ERR_NGROK_603", 400, "op_7")
    assert "ERR_NGROK_603" in result["msg"] and "op_7" in result["msg"]


def test_sizes_over_the_documented_limits_are_refused_before_any_request(monkeypatch):
    # ngrok documents 255 bytes of description and 4096 of metadata: bytes of UTF-8, not characters.
    for args, text in [
        ({"description": "x" * 256}, "description: is 256 bytes long; the API takes at most 255 bytes"),
        ({"description": "\u00e9" * 128}, "description: is 256 bytes long"),
        ({"description": "ci", "metadata": "m" * 4097}, "metadata: is 4097 bytes long; the API takes at most 4096"),
        ({"description": "ci", "metadata": {"k": "v" * 4090}}, "metadata: is 4098 bytes long"),
        ({"description": "x" * 70000, "state": "absent"}, "description: is 70000 bytes long"),
    ]:
        result, session = run_module(monkeypatch, ngrok_api_key, args, [])
        assert result["failed"] and text in result["msg"] and session.requests == [], (args, result["msg"])
    result, _session = run_module(monkeypatch, ngrok_api_key, {"description": "\u00e9" * 127 + "x"}, [
        Call("GET", "/api_keys", body=listing()),
        Call("POST", "/api_keys", status=201, body=key(description="\u00e9" * 127 + "x")),
        # Descriptions are not unique: a twin made at the same time is looked for.
        Call("GET", "/api_keys", body=listing(key(description="\u00e9" * 127 + "x"))),
    ])
    assert result["changed"] and not result.get("failed")


def test_lost_create_answer_is_recovered_by_lookup_not_resent(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_api_key, {"description": "ci"}, [
        Call("GET", "/api_keys", query=FILTER_CI, body=listing()),
        Call("POST", "/api_keys", status=503, body={"status_code": 503, "msg": "unavailable", "details": {}}),
        Call("GET", "/api_keys", query=FILTER_CI, body=listing(key())),
        Call("GET", "/api_keys", query=FILTER_CI, body=listing(key())),
    ])
    assert result["changed"] is True and result["api_key"]["id"] == "ak_1"
    assert session.methods.count("POST") == 1
    assert any("token" in w and "cannot be returned" in w for w in result["warnings"])


def test_api_key_option_is_required(monkeypatch):
    monkeypatch.delenv("NGROK_API_KEY", raising=False)
    result, _session = run_module(monkeypatch, ngrok_api_key, {"description": "ci", "api_key": None}, [])
    assert result["failed"] and "NGROK_API_KEY" in result["msg"]


def test_api_key_from_environment(monkeypatch):
    monkeypatch.setenv("NGROK_API_KEY", "from-env")
    args = {"description": "ci"}
    result, session = run_module(monkeypatch, ngrok_api_key, dict(args, api_key=None), [
        Call("GET", "/api_keys", query=FILTER_CI, body=listing(key())),
    ])
    assert session.requests[0]["headers"]["Authorization"] == "Bearer from-env"


def test_info_lists_every_page(monkeypatch):
    result, _session = run_module(monkeypatch, ngrok_api_key_info, {}, [
        Call("GET", "/api_keys", body={"keys": [key("ak_3")], "next_page_uri": API + "/api_keys?before_id=ak_3&limit=1"}),
        Call("GET", "/api_keys", query={"before_id": "ak_3", "limit": "1"}, body=listing(key("ak_2"))),
    ])
    assert [k["id"] for k in result["api_keys"]] == ["ak_3", "ak_2"]
    assert result["changed"] is False


def test_info_combines_description_and_filter(monkeypatch):
    result, _session = run_module(monkeypatch, ngrok_api_key_info, {"description": 'a "b"', "filter": 'obj.metadata == "x"'}, [
        Call("GET", "/api_keys", query={"filter": '(obj.description == "a \\"b\\"") && (obj.metadata == "x")'},
             body=listing(key(description='a "b"', metadata="x"))),
    ])
    assert len(result["api_keys"]) == 1


def test_info_by_missing_id_is_empty(monkeypatch):
    result, _session = run_module(monkeypatch, ngrok_api_key_info, {"id": "ak_9"}, [
        Call("GET", "/api_keys/ak_9", status=404, body={"status_code": 404, "msg": "Resource not found", "details": {"operation_id": "op_404"}}),
    ])
    assert result["api_keys"] == []


def test_replace_creates_the_new_key_before_deleting_the_old_one_and_keeps_its_metadata(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_api_key, {"description": "ci", "owner_id": "bot_2", "replace": True}, [
        Call("GET", "/api_keys", query=FILTER_CI, body=listing(key(metadata="team=web"))),
        Call("POST", "/api_keys", status=201, sent={"description": "ci", "metadata": "team=web", "owner_id": "bot_2"},
             body=dict(key("ak_2", metadata="team=web", token="tok_new"), owner_id="bot_2")),
        Call("DELETE", "/api_keys/ak_1", status=204),
    ], diff=True)
    assert result["changed"] and result["api_key"]["id"] == "ak_2" and result["api_key"]["token"] == "tok_new"
    assert result["diff"]["before"]["id"] == "ak_1" and result["diff"]["after"]["owner_id"] == "bot_2"
    assert "tok_new" not in repr(result["diff"])


def test_replace_whose_create_is_refused_keeps_the_old_key(monkeypatch):
    refused = {"error_code": "ERR_NGROK_634", "status_code": 400, "msg": "No such owner", "details": {"operation_id": "op_9"}}
    result, session = run_module(monkeypatch, ngrok_api_key, {"description": "ci", "owner_id": "bot_2", "replace": True}, [
        Call("GET", "/api_keys", query=FILTER_CI, body=listing(key())),
        Call("POST", "/api_keys", status=400, body=refused),
    ])
    assert result["failed"] and result["changed"] is False
    assert result["error_code"] == "ERR_NGROK_634" and result["operation_id"] == "op_9"
    assert session.methods == ["GET", "POST"]


def test_replace_whose_old_key_cannot_be_deleted_reports_both_and_changed(monkeypatch):
    boom = {"error_code": "ERR_NGROK_999", "status_code": 500, "msg": "boom", "details": {"operation_id": "op_5"}}
    result, session = run_module(monkeypatch, ngrok_api_key, {"description": "ci", "owner_id": "bot_2", "replace": True,
                                                              "retries": 0}, [
        Call("GET", "/api_keys", query=FILTER_CI, body=listing(key())),
        Call("POST", "/api_keys", status=201, body=dict(key("ak_2", token="tok_new"), owner_id="bot_2")),
        Call("DELETE", "/api_keys/ak_1", status=500, body=boom),
    ])
    assert result["failed"] and result["changed"] is True
    assert "ak_2" in result["msg"] and "ak_1" in result["msg"]
    assert result["api_key"]["id"] == "ak_2"


def test_replace_in_check_mode_sends_nothing(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_api_key, {"description": "ci", "owner_id": "bot_2", "replace": True}, [
        Call("GET", "/api_keys", query=FILTER_CI, body=listing(key())),
    ], check_mode=True)
    assert result["changed"] and result["api_key"]["owner_id"] == "bot_2" and result["api_key"]["id"] is None
    assert session.methods == ["GET"]
