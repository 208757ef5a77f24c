# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest
from cryptography.hazmat.primitives import serialization

from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.certificates import CERTIFICATE_AUTHORITY
from ansible_collections.ngrok.ngrok.plugins.module_utils._normalize import normalize_pem
from ansible_collections.ngrok.ngrok.plugins.modules import ngrok_certificate_authority, ngrok_certificate_authority_info
from ansible_collections.ngrok.ngrok.tests.unit.plugins.certificates import Authority
from ansible_collections.ngrok.ngrok.tests.unit.plugins.fake_api import API, Call
from ansible_collections.ngrok.ngrok.tests.unit.plugins.module_runner import run_module

BY_DESCRIPTION = {"filter": 'obj.description == "fleet"'}


@pytest.fixture(scope="module")
def pems():
    fleet = Authority("Fleet Root CA")
    key = fleet.key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL,
                                  serialization.NoEncryption()).decode("ascii")
    return {"ca": fleet.pem, "key": key, "other": Authority("Fleet Root CA 2027").pem}


def authority(ca_pem, ca_id="ca_1", description="fleet", **extra):
    obj = {"id": ca_id, "uri": API + "/certificate_authorities/" + ca_id, "created_at": "2026-11-27T10:00:00Z",
           "description": description, "ca_pem": ca_pem, "subject_common_name": "Fleet Root CA",
           "not_before": "2026-01-01T00:00:00Z", "not_after": "2036-01-01T00:00:00Z", "key_usages": ["cert_sign", "crl_sign"],
           "extended_key_usages": []}
    obj.update(extra)
    return obj


def listing(*items):
    return {"certificate_authorities": list(items), "uri": API + "/certificate_authorities", "next_page_uri": None}


def test_create_from_a_file(monkeypatch, pems, tmp_path):
    path = tmp_path / "ca.pem"
    path.write_text(pems["ca"])
    result, session = run_module(monkeypatch, ngrok_certificate_authority, {
        "description": "fleet", "ca_pem": str(path), "metadata": "m"}, [
        Call("GET", "/certificate_authorities", query=BY_DESCRIPTION, body=listing()),
        Call("POST", "/certificate_authorities", status=201, body=authority(pems["ca"], metadata="m"),
             sent={"description": "fleet", "metadata": "m", "ca_pem": normalize_pem(pems["ca"])}),
        # Descriptions are not unique: the new CA is looked up for a twin a run at the same time created.
        Call("GET", "/certificate_authorities", query=BY_DESCRIPTION, body=listing(authority(pems["ca"], metadata="m"))),
    ])
    assert result["changed"] and result["certificate_authority"]["subject_common_name"] == "Fleet Root CA"


def test_unchanged_rerun_costs_one_request_whatever_the_line_endings(monkeypatch, pems):
    result, session = run_module(monkeypatch, ngrok_certificate_authority, {
        "description": "fleet", "ca_pem": "  " + pems["ca"].replace("\n", "\r\n") + "\n"}, [
        Call("GET", "/certificate_authorities", query=BY_DESCRIPTION, body=listing(authority(pems["ca"]))),
    ])
    assert result["changed"] is False and len(session.requests) == 1


def test_update_sends_only_what_differs(monkeypatch, pems):
    result, session = run_module(monkeypatch, ngrok_certificate_authority, {
        "description": "fleet", "ca_pem": pems["ca"], "metadata": "new"}, [
        Call("GET", "/certificate_authorities", query=BY_DESCRIPTION, body=listing(authority(pems["ca"], metadata="old"))),
        Call("PATCH", "/certificate_authorities/ca_1", sent={"metadata": "new"}, body=authority(pems["ca"], metadata="new")),
    ], diff=True)
    assert result["changed"] and result["diff"]["before"]["metadata"] == "old"


def test_another_certificate_is_refused_without_replace(monkeypatch, pems):
    result, session = run_module(monkeypatch, ngrok_certificate_authority, {"description": "fleet", "ca_pem": pems["other"]}, [
        Call("GET", "/certificate_authorities", query=BY_DESCRIPTION, body=listing(authority(pems["ca"]))),
    ])
    assert result["failed"] and result["changed"] is False and session.methods == ["GET"]
    assert "cannot change ca_pem of certificate authority ca_1" in result["msg"] and "replace=true" in result["msg"]
    assert "BEGIN" not in result["msg"]


def test_replace_uploads_the_new_one_before_deleting_the_old_one(monkeypatch, pems):
    result, session = run_module(monkeypatch, ngrok_certificate_authority, {
        "description": "fleet", "ca_pem": pems["other"], "replace": True}, [
        Call("GET", "/certificate_authorities", query=BY_DESCRIPTION, body=listing(authority(pems["ca"], metadata="keep"))),
        Call("POST", "/certificate_authorities", status=201, body=authority(pems["other"], "ca_2", metadata="keep"),
             sent={"description": "fleet", "metadata": "keep", "ca_pem": normalize_pem(pems["other"])}),
        Call("DELETE", "/certificate_authorities/ca_1", status=204),
    ])
    assert result["changed"] and result["certificate_authority"]["id"] == "ca_2"


def test_check_mode_create_predicts_every_key(monkeypatch, pems):
    result, session = run_module(monkeypatch, ngrok_certificate_authority, {"description": "fleet", "ca_pem": pems["ca"]}, [
        Call("GET", "/certificate_authorities", query=BY_DESCRIPTION, body=listing()),
    ], check_mode=True)
    predicted = result["certificate_authority"]
    assert result["changed"] and session.methods == ["GET"]
    assert set(predicted) == set(CERTIFICATE_AUTHORITY.response_keys)
    assert predicted["ca_pem"] == normalize_pem(pems["ca"]) and predicted["subject_common_name"] is None


def test_delete_check_mode_delete_and_delete_again(monkeypatch, pems):
    args = {"description": "fleet", "state": "absent"}
    result, session = run_module(monkeypatch, ngrok_certificate_authority, args, [
        Call("GET", "/certificate_authorities", query=BY_DESCRIPTION, body=listing(authority(pems["ca"]))),
    ], check_mode=True)
    assert result["changed"] and session.methods == ["GET"]
    result, session = run_module(monkeypatch, ngrok_certificate_authority, args, [
        Call("GET", "/certificate_authorities", query=BY_DESCRIPTION, body=listing(authority(pems["ca"]))),
        Call("DELETE", "/certificate_authorities/ca_1", status=204),
    ])
    assert result["changed"] and result["certificate_authority"]["id"] == "ca_1"
    result, session = run_module(monkeypatch, ngrok_certificate_authority, args, [
        Call("GET", "/certificate_authorities", query=BY_DESCRIPTION, body=listing()),
    ])
    assert result["changed"] is False and result["certificate_authority"] == {}


def test_bad_input_is_refused_before_any_request(monkeypatch, tmp_path):
    for args, words in [
        ({"metadata": "x"}, "set description (or set id)"),
        ({"description": " ", "state": "absent"}, "description must not be empty"),
        ({"id": "cert_1", "state": "absent"}, "ca_..."),
        ({"description": "fleet", "ca_pem": str(tmp_path / "nowhere.pem")}, "ca_pem: not PEM text, and not a readable file"),
    ]:
        result, session = run_module(monkeypatch, ngrok_certificate_authority, args, [])
        assert result["failed"] and words in result["msg"] and session.requests == []


@pytest.mark.parametrize("check_mode", [False, True])
def test_a_file_with_the_certificate_and_its_key_uploads_the_certificate_only(monkeypatch, pems, tmp_path, check_mode):
    combined = tmp_path / "fleet.pem"
    combined.write_text(pems["ca"] + pems["key"])
    calls = [Call("GET", "/certificate_authorities", query=BY_DESCRIPTION, body=listing())]
    if not check_mode:
        calls += [
            Call("POST", "/certificate_authorities", status=201, body=authority(pems["ca"]),
                 sent={"description": "fleet", "ca_pem": normalize_pem(pems["ca"])}),
            Call("GET", "/certificate_authorities", query=BY_DESCRIPTION, body=listing(authority(pems["ca"]))),
        ]
    result, session = run_module(monkeypatch, ngrok_certificate_authority, {"description": "fleet", "ca_pem": str(combined)},
                                 calls, check_mode=check_mode, diff=True)
    assert result["changed"] and "failed" not in result
    assert "PRIVATE KEY" not in repr(result) and pems["key"].splitlines()[1] not in repr(result)
    assert normalize_pem(result["diff"]["after"]["ca_pem"]) == normalize_pem(pems["ca"])


def test_a_key_alone_is_refused_before_any_request_without_quoting_it(monkeypatch, pems, tmp_path):
    key_file = tmp_path / "fleet.key"
    key_file.write_text(pems["key"])
    for value in (str(key_file), pems["key"]):
        result, session = run_module(monkeypatch, ngrok_certificate_authority, {"description": "fleet", "ca_pem": value}, [])
        assert result["failed"] and session.requests == []
        assert result["msg"] == ("ca_pem: holds a private key and no certificate (-----BEGIN CERTIFICATE-----); give the "
                                 "certificate here, never its key")
        assert "PRIVATE KEY" not in repr(result)


def test_a_key_the_api_holds_in_the_certificate_data_is_never_shown(monkeypatch, pems):
    result, session = run_module(monkeypatch, ngrok_certificate_authority_info, {"description": "fleet"}, [
        Call("GET", "/certificate_authorities", query=BY_DESCRIPTION, body=listing(authority(pems["ca"] + pems["key"]))),
    ])
    assert result["certificate_authorities"][0]["ca_pem"].startswith(pems["ca"].strip())
    assert "PRIVATE KEY" not in repr(result) and pems["key"].splitlines()[1] not in repr(result)


def test_api_errors_carry_the_error_code_and_operation_id(monkeypatch, pems):
    result, session = run_module(monkeypatch, ngrok_certificate_authority, {"description": "fleet", "ca_pem": pems["ca"]}, [
        Call("GET", "/certificate_authorities", query=BY_DESCRIPTION, body=listing()),
        Call("POST", "/certificate_authorities", status=400, body={
            "error_code": "ERR_NGROK_1913", "status_code": 400, "msg": "The uploaded certificate is not a CA.",
            "details": {"operation_id": "op_1913"}}),
    ])
    assert result["failed"] and result["error_code"] == "ERR_NGROK_1913" and result["operation_id"] == "op_1913"


# -- ngrok_certificate_authority_info -----------------------------------------------------------------

def test_info_narrows_by_description_and_subject_common_name(monkeypatch, pems):
    result, session = run_module(monkeypatch, ngrok_certificate_authority_info, {
        "description": "fleet", "subject_common_name": "Fleet Root CA"}, [
        Call("GET", "/certificate_authorities", body=listing(authority(pems["ca"])), query={
            "filter": '(obj.description == "fleet") && (obj.subject_common_name == "Fleet Root CA")'}),
    ])
    assert [c["id"] for c in result["certificate_authorities"]] == ["ca_1"]


def test_info_by_id(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_certificate_authority_info, {"id": "ca_404"}, [
        Call("GET", "/certificate_authorities/ca_404", status=404, body={"status_code": 404, "msg": "Resource not found", "details": {"operation_id": "op_1"}}),
    ], check_mode=True)
    assert result["certificate_authorities"] == [] and result["changed"] is False
