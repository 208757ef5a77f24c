# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.ssh import SSH_CERTIFICATE_AUTHORITY
from ansible_collections.ngrok.ngrok.plugins.modules import ngrok_ssh_certificate_authority, ngrok_ssh_certificate_authority_info
from ansible_collections.ngrok.ngrok.tests.unit.plugins.fake_api import API, Call
from ansible_collections.ngrok.ngrok.tests.unit.plugins.module_runner import run_module
from ansible_collections.ngrok.ngrok.tests.unit.plugins.ssh_keys import public_key

MODULE = ngrok_ssh_certificate_authority
BY_DESCRIPTION = {"filter": 'obj.description == "hosts"'}
P384 = public_key("ecdsa", curve="p384")
ED25519 = public_key("ed25519")
RSA_4096 = public_key("rsa", bits=4096)
IN_USE = {"error_code": "ERR_NGROK_1964", "status_code": 400, "details": {"operation_id": "op_1964"},
          "msg": "Can't delete SSH CA sshca_1 because an SSH certificate signed by it exists."}


def ca(ca_id="sshca_1", key=P384, key_type="ecdsa", description="hosts", metadata=None):
    obj = {"id": ca_id, "uri": API + "/ssh_certificate_authorities/" + ca_id, "created_at": "2026-11-27T10:00:00Z",
           "description": description, "public_key": key, "key_type": key_type}
    if metadata:
        obj["metadata"] = metadata
    return obj


def listing(*items):
    return {"ssh_certificate_authorities": list(items), "uri": API + "/ssh_certificate_authorities", "next_page_uri": None}


def test_create_sends_the_key_parameters_and_returns_the_public_key(monkeypatch):
    args = {"description": "hosts", "metadata": "m", "private_key_type": "ecdsa", "elliptic_curve": "p384"}
    result, session = run_module(monkeypatch, MODULE, args, [
        Call("GET", "/ssh_certificate_authorities", query=BY_DESCRIPTION, body=listing()),
        Call("POST", "/ssh_certificate_authorities", status=201,
             sent={"description": "hosts", "metadata": "m", "private_key_type": "ecdsa", "elliptic_curve": "p384"},
             body=ca(metadata="m")),
        # Descriptions are not unique: the new CA is looked up for a twin a run at the same time created.
        Call("GET", "/ssh_certificate_authorities", query=BY_DESCRIPTION, body=listing(ca(metadata="m"))),
    ], diff=True)
    assert result["changed"] is True
    assert result["ssh_certificate_authority"]["public_key"] == P384
    assert result["diff"]["before"] == {} and result["diff"]["after"]["id"] == "sshca_1"


def test_unchanged_rerun_reads_the_key_parameters_back_from_the_public_key(monkeypatch):
    args = {"description": "hosts", "metadata": "m", "private_key_type": "ecdsa", "elliptic_curve": "p384"}
    result, session = run_module(monkeypatch, MODULE, args, [
        Call("GET", "/ssh_certificate_authorities", query=BY_DESCRIPTION, body=listing(ca(metadata="m"))),
    ])
    assert result["changed"] is False and len(session.requests) == 1


@pytest.mark.parametrize("bits", [2048, 4096])
def test_the_rsa_key_size_is_compared_with_the_modulus_of_the_public_key(monkeypatch, bits):
    existing = ca(key=RSA_4096, key_type="rsa")
    args = {"description": "hosts", "private_key_type": "rsa", "key_size": bits}
    result, session = run_module(monkeypatch, MODULE, args, [
        Call("GET", "/ssh_certificate_authorities", query=BY_DESCRIPTION, body=listing(existing)),
    ])
    if bits == 4096:
        assert result["changed"] is False
    else:
        assert result["failed"] and "cannot change key_size of SSH certificate authority sshca_1" in result["msg"]
        assert "key_size is 4096, the task asks for 2048" in result["msg"] and "replace=true" in result["msg"]
    assert session.methods == ["GET"]


def test_update_sends_only_what_differs(monkeypatch):
    result, session = run_module(monkeypatch, MODULE, {"description": "hosts", "metadata": "new", "private_key_type": "ecdsa"}, [
        Call("GET", "/ssh_certificate_authorities", query=BY_DESCRIPTION, body=listing(ca(metadata="old"))),
        Call("PATCH", "/ssh_certificate_authorities/sshca_1", sent={"metadata": "new"}, body=ca(metadata="new")),
    ], diff=True)
    assert result["changed"] and result["ssh_certificate_authority"]["metadata"] == "new"
    assert result["diff"]["before"]["metadata"] == "old" and result["diff"]["after"]["metadata"] == "new"


def test_check_mode_create_predicts_every_key_and_sends_one_read(monkeypatch):
    result, session = run_module(monkeypatch, MODULE, {"description": "hosts", "private_key_type": "rsa", "key_size": 4096}, [
        Call("GET", "/ssh_certificate_authorities", query=BY_DESCRIPTION, body=listing()),
    ], check_mode=True, diff=True)
    predicted = result["ssh_certificate_authority"]
    assert result["changed"] and session.methods == ["GET"]
    assert set(predicted) == set(SSH_CERTIFICATE_AUTHORITY.response_keys)
    assert predicted["key_type"] == "rsa" and predicted["description"] == "hosts"
    assert predicted["id"] is None and predicted["public_key"] is None


def test_check_mode_leaves_the_key_type_to_the_api_when_not_given(monkeypatch):
    result, _session = run_module(monkeypatch, MODULE, {"description": "hosts"}, [
        Call("GET", "/ssh_certificate_authorities", query=BY_DESCRIPTION, body=listing()),
    ], check_mode=True)
    assert result["changed"] and result["ssh_certificate_authority"]["key_type"] is None


@pytest.mark.parametrize("args,problem", [
    ({"key_size": 4096}, "key_size applies to rsa keys only: set private_key_type=rsa"),
    ({"key_size": 2048, "private_key_type": "ed25519"}, "key_size applies to rsa keys only"),
    ({"elliptic_curve": "p256", "private_key_type": "rsa"}, "elliptic_curve applies to ecdsa keys only"),
    ({"key_size": 1024, "private_key_type": "rsa"}, "key_size must be one of: 2048, 4096"),
    ({"private_key_type": "dsa"}, "private_key_type must be one of"),
])
def test_key_parameters_that_do_not_fit_are_refused_before_any_request(monkeypatch, args, problem):
    result, session = run_module(monkeypatch, MODULE, dict(args, description="hosts"), [])
    assert result["failed"] and problem in result["msg"] and session.requests == []


def test_a_new_key_type_is_refused_without_replace(monkeypatch):
    result, session = run_module(monkeypatch, MODULE, {"description": "hosts", "private_key_type": "ed25519"}, [
        Call("GET", "/ssh_certificate_authorities", query=BY_DESCRIPTION, body=listing(ca())),
    ])
    assert result["failed"] and result["changed"] is False and session.methods == ["GET"]
    assert "private_key_type is 'ecdsa', the task asks for 'ed25519'" in result["msg"]
    assert "create a new one and then delete this one" in result["msg"]


def test_replace_creates_the_new_ca_first_without_the_old_curve(monkeypatch):
    new = ca("sshca_2", key=ED25519, key_type="ed25519", metadata="m")
    result, session = run_module(monkeypatch, MODULE, {"description": "hosts", "private_key_type": "ed25519", "replace": True}, [
        Call("GET", "/ssh_certificate_authorities", query=BY_DESCRIPTION, body=listing(ca(metadata="m"))),
        Call("POST", "/ssh_certificate_authorities", status=201,
             sent={"description": "hosts", "metadata": "m", "private_key_type": "ed25519"}, body=new),
        Call("DELETE", "/ssh_certificate_authorities/sshca_1", status=204),
    ], diff=True)
    assert result["changed"] and result["ssh_certificate_authority"]["id"] == "sshca_2"
    assert result["diff"]["before"]["id"] == "sshca_1"


def test_replace_of_a_ca_that_signed_certificates_takes_the_new_one_back_and_reports_the_code(monkeypatch):
    result, session = run_module(monkeypatch, MODULE, {"description": "hosts", "private_key_type": "ed25519", "replace": True}, [
        Call("GET", "/ssh_certificate_authorities", query=BY_DESCRIPTION, body=listing(ca())),
        Call("POST", "/ssh_certificate_authorities", status=201, body=ca("sshca_2", key=ED25519, key_type="ed25519")),
        Call("DELETE", "/ssh_certificate_authorities/sshca_1", status=400, body=IN_USE),
        Call("DELETE", "/ssh_certificate_authorities/sshca_2", status=204),
    ])
    assert result["failed"] and result["error_code"] == "ERR_NGROK_1964" and result["operation_id"] == "op_1964"
    assert "sshca_1 could not be deleted to be replaced" in result["msg"] and "(sshca_2) was deleted again" in result["msg"]
    assert result["ssh_certificate_authority"]["id"] == "sshca_1"


def test_deleting_a_ca_that_signed_certificates_fails_with_the_apis_code(monkeypatch):
    result, _session = run_module(monkeypatch, MODULE, {"description": "hosts", "state": "absent"}, [
        Call("GET", "/ssh_certificate_authorities", query=BY_DESCRIPTION, body=listing(ca())),
        Call("DELETE", "/ssh_certificate_authorities/sshca_1", status=400, body=IN_USE),
    ])
    assert result["failed"] and result["changed"] is False
    assert (result["error_code"], result["status_code"], result["operation_id"]) == ("ERR_NGROK_1964", 400, "op_1964")
    assert "DELETE /ssh_certificate_authorities/sshca_1" in result["msg"]


def test_two_cas_with_the_description_fail_listing_their_ids(monkeypatch):
    result, session = run_module(monkeypatch, MODULE, {"description": "hosts", "metadata": "m"}, [
        Call("GET", "/ssh_certificate_authorities", query=BY_DESCRIPTION, body=listing(ca("sshca_2"), ca())),
    ])
    assert result["failed"] and "sshca_1, sshca_2" in result["msg"] and session.methods == ["GET"]


def test_absent_deletes_then_is_unchanged_and_check_mode_sends_no_delete(monkeypatch):
    result, session = run_module(monkeypatch, MODULE, {"id": "sshca_1", "state": "absent"}, [
        Call("GET", "/ssh_certificate_authorities/sshca_1", body=ca()),
    ], check_mode=True)
    assert result["changed"] and session.methods == ["GET"]
    result, _session = run_module(monkeypatch, MODULE, {"id": "sshca_1", "state": "absent"}, [
        Call("GET", "/ssh_certificate_authorities/sshca_1", body=ca()),
        Call("DELETE", "/ssh_certificate_authorities/sshca_1", status=204),
    ])
    assert result["changed"] and result["ssh_certificate_authority"]["id"] == "sshca_1"
    result, _session = run_module(monkeypatch, MODULE, {"description": "hosts", "state": "absent"}, [
        Call("GET", "/ssh_certificate_authorities", query=BY_DESCRIPTION, body=listing()),
    ])
    assert result["changed"] is False and result["ssh_certificate_authority"] == {}


def test_info_narrows_by_description_through_the_filter_and_by_key_type_locally(monkeypatch):
    result, _session = run_module(monkeypatch, ngrok_ssh_certificate_authority_info, {"description": "hosts", "key_type": "ecdsa"}, [
        Call("GET", "/ssh_certificate_authorities", query=BY_DESCRIPTION,
             body=listing(ca(), ca("sshca_2", key=ED25519, key_type="ed25519"))),
    ])
    assert [c["id"] for c in result["ssh_certificate_authorities"]] == ["sshca_1"] and result["changed"] is False


def test_info_by_unknown_id_is_empty(monkeypatch):
    result, _session = run_module(monkeypatch, ngrok_ssh_certificate_authority_info, {"id": "sshca_9"}, [
        Call("GET", "/ssh_certificate_authorities/sshca_9", status=404,
             body={"status_code": 404, "msg": "Resource not found", "details": {"operation_id": "op_404"}}),
    ])
    assert result["ssh_certificate_authorities"] == []
