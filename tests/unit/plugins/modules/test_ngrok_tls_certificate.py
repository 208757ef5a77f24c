# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.certificates import TLS_CERTIFICATE
from ansible_collections.ngrok.ngrok.plugins.module_utils._normalize import normalize_pem
from ansible_collections.ngrok.ngrok.plugins.modules import ngrok_tls_certificate, ngrok_tls_certificate_info
from ansible_collections.ngrok.ngrok.tests.unit.plugins.certificates import Authority
from ansible_collections.ngrok.ngrok.tests.unit.plugins.fake_api import API, Call
from ansible_collections.ngrok.ngrok.tests.unit.plugins.module_runner import run_module

BY_DESCRIPTION = {"filter": 'obj.description == "portal"'}
USED_BY_CERT_1 = {"filter": 'obj.certificate.id == "cert_1"'}


@pytest.fixture(scope="module")
def pems():
    authority = Authority()
    cert, key = authority.leaf("portal.example.com")
    other_cert, other_key = authority.leaf("portal.example.com")
    return {"cert": cert, "key": key, "other_cert": other_cert, "other_key": other_key}


def certificate(cert_pem, cert_id="cert_1", description="portal", **extra):
    # The API answers the chain as it stores it, with the details it read from the leaf.
    obj = {"id": cert_id, "uri": API + "/tls_certificates/" + cert_id, "created_at": "2026-11-27T10:00:00Z",
           "description": description, "certificate_pem": cert_pem, "subject_common_name": "portal.example.com",
           "subject_alternative_names": {"dns_names": ["portal.example.com"], "ips": []}, "issued_at": None,
           "not_before": "2026-01-01T00:00:00Z", "not_after": "2026-04-01T00:00:00Z", "key_usages": [],
           "extended_key_usages": ["server_auth"], "private_key_type": "ecdsa", "issuer_common_name": "Test Root CA",
           "serial_number": "0a1b2c", "subject_organization": "", "subject_organizational_unit": "", "subject_locality": "",
           "subject_province": "", "subject_country": ""}
    obj.update(extra)
    return obj


def listing(*items):
    return {"tls_certificates": list(items), "uri": API + "/tls_certificates", "next_page_uri": None}


def test_create_from_pem_text_sends_the_key_and_never_returns_it(monkeypatch, pems):
    result, session = run_module(monkeypatch, ngrok_tls_certificate, {
        "description": "portal", "metadata": "m", "certificate_pem": pems["cert"], "private_key_pem": pems["key"]}, [
        Call("GET", "/tls_certificates", query=BY_DESCRIPTION, body=listing()),
        Call("POST", "/tls_certificates", status=201, body=certificate(pems["cert"], metadata="m"), sent={
            "description": "portal", "metadata": "m", "certificate_pem": normalize_pem(pems["cert"]),
            "private_key_pem": pems["key"]}),
        Call("GET", "/tls_certificates", query=BY_DESCRIPTION, body=listing(certificate(pems["cert"], metadata="m"))),
    ], diff=True)
    assert result["changed"] and result["tls_certificate"]["id"] == "cert_1"
    assert result["tls_certificate"]["subject_common_name"] == "portal.example.com"
    assert set(result["tls_certificate"]) == set(TLS_CERTIFICATE.response_keys)
    assert "PRIVATE KEY" not in repr(result)


def test_create_from_files(monkeypatch, pems, tmp_path):
    # A file written on Windows, with blank lines around the PEM.
    cert_file, key_file = tmp_path / "fullchain.pem", tmp_path / "privkey.pem"
    cert_file.write_bytes(("\r\n" + pems["cert"].replace("\n", "\r\n") + "\r\n\r\n").encode("ascii"))
    key_file.write_text(pems["key"])
    result, session = run_module(monkeypatch, ngrok_tls_certificate, {
        "description": "portal", "certificate_pem": str(cert_file), "private_key_pem": str(key_file)}, [
        Call("GET", "/tls_certificates", query=BY_DESCRIPTION, body=listing()),
        Call("POST", "/tls_certificates", status=201, body=certificate(pems["cert"]), sent={
            "description": "portal", "certificate_pem": normalize_pem(pems["cert"]), "private_key_pem": pems["key"]}),
        Call("GET", "/tls_certificates", query=BY_DESCRIPTION, body=listing(certificate(pems["cert"]))),
    ])
    assert result["changed"] and "PRIVATE KEY" not in repr(result)


def test_unchanged_rerun_costs_one_request_whatever_the_line_endings(monkeypatch, pems):
    stored = pems["cert"]
    given = "\n" + stored.replace("\n", "\r\n") + "\n\n"
    result, session = run_module(monkeypatch, ngrok_tls_certificate, {
        "description": "portal", "certificate_pem": given, "private_key_pem": pems["key"]}, [
        Call("GET", "/tls_certificates", query=BY_DESCRIPTION, body=listing(certificate(stored))),
    ])
    assert result["changed"] is False and len(session.requests) == 1
    assert result["tls_certificate"]["id"] == "cert_1" and "PRIVATE KEY" not in repr(result)


def test_update_sends_only_what_differs(monkeypatch, pems):
    result, session = run_module(monkeypatch, ngrok_tls_certificate, {
        "description": "portal", "metadata": "new", "certificate_pem": pems["cert"], "private_key_pem": pems["key"]}, [
        Call("GET", "/tls_certificates", query=BY_DESCRIPTION, body=listing(certificate(pems["cert"], metadata="old"))),
        Call("PATCH", "/tls_certificates/cert_1", sent={"metadata": "new"}, body=certificate(pems["cert"], metadata="new")),
    ], diff=True)
    assert result["changed"] and result["tls_certificate"]["metadata"] == "new"
    assert result["diff"]["before"]["metadata"] == "old" and result["diff"]["after"]["metadata"] == "new"
    assert "PRIVATE KEY" not in repr(result["diff"])


def test_the_description_changes_through_the_id(monkeypatch, pems):
    result, session = run_module(monkeypatch, ngrok_tls_certificate, {"id": "cert_1", "description": "portal 2026"}, [
        Call("GET", "/tls_certificates/cert_1", body=certificate(pems["cert"])),
        Call("PATCH", "/tls_certificates/cert_1", sent={"description": "portal 2026"},
             body=certificate(pems["cert"], description="portal 2026")),
    ])
    assert result["changed"] and result["tls_certificate"]["description"] == "portal 2026"


def test_another_certificate_is_refused_without_replace_and_without_quoting_it(monkeypatch, pems):
    result, session = run_module(monkeypatch, ngrok_tls_certificate, {
        "description": "portal", "certificate_pem": pems["other_cert"], "private_key_pem": pems["other_key"]}, [
        Call("GET", "/tls_certificates", query=BY_DESCRIPTION, body=listing(certificate(pems["cert"]))),
    ])
    assert result["failed"] and result["changed"] is False and session.methods == ["GET"]
    assert "cannot change certificate_pem of TLS certificate cert_1" in result["msg"]
    assert "certificate_pem differs from the task's" in result["msg"] and "replace=true" in result["msg"]
    assert "BEGIN" not in result["msg"] and "PRIVATE KEY" not in repr(result)


def test_replace_uploads_the_new_certificate_before_deleting_the_old_one(monkeypatch, pems):
    result, session = run_module(monkeypatch, ngrok_tls_certificate, {
        "description": "portal", "certificate_pem": pems["other_cert"], "private_key_pem": pems["other_key"],
        "replace": True}, [
        Call("GET", "/tls_certificates", query=BY_DESCRIPTION, body=listing(certificate(pems["cert"], metadata="keep"))),
        Call("POST", "/tls_certificates", status=201, body=certificate(pems["other_cert"], "cert_2", metadata="keep"), sent={
            "description": "portal", "metadata": "keep", "certificate_pem": normalize_pem(pems["other_cert"]),
            "private_key_pem": pems["other_key"]}),
        Call("GET", "/reserved_domains", query=USED_BY_CERT_1, body={"reserved_domains": [], "next_page_uri": None}),
        Call("DELETE", "/tls_certificates/cert_1", status=204),
    ], diff=True)
    assert result["changed"] and result["tls_certificate"]["id"] == "cert_2"
    assert result["diff"]["before"]["id"] == "cert_1" and "PRIVATE KEY" not in repr(result)


def test_replace_points_the_domains_serving_the_old_certificate_at_the_new_one_before_deleting_it(monkeypatch, pems):
    serving = {"id": "rd_1", "domain": "portal.example.com", "certificate": {"id": "cert_1", "uri": ""}}
    result, session = run_module(monkeypatch, ngrok_tls_certificate, {
        "description": "portal", "certificate_pem": pems["other_cert"], "private_key_pem": pems["other_key"],
        "replace": True}, [
        Call("GET", "/tls_certificates", query=BY_DESCRIPTION, body=listing(certificate(pems["cert"]))),
        Call("POST", "/tls_certificates", status=201, body=certificate(pems["other_cert"], "cert_2")),
        Call("GET", "/reserved_domains", query=USED_BY_CERT_1, body={"reserved_domains": [serving], "next_page_uri": None}),
        Call("PATCH", "/reserved_domains/rd_1", sent={"certificate_id": "cert_2"},
             body=dict(serving, certificate={"id": "cert_2", "uri": ""})),
        Call("DELETE", "/tls_certificates/cert_1", status=204),
    ])
    assert result["changed"] and result["tls_certificate"]["id"] == "cert_2"
    assert any("portal.example.com now uses TLS certificate cert_2" in w for w in result["warnings"])


def test_replace_needs_the_private_key(monkeypatch, pems):
    result, session = run_module(monkeypatch, ngrok_tls_certificate, {
        "description": "portal", "certificate_pem": pems["other_cert"], "replace": True}, [
        Call("GET", "/tls_certificates", query=BY_DESCRIPTION, body=listing(certificate(pems["cert"]))),
    ])
    assert result["failed"] and "to replace a TLS certificate cert_1, set private_key_pem" in result["msg"]
    assert session.methods == ["GET"]


def test_an_old_certificate_the_api_will_not_delete_stays_and_the_new_one_is_taken_back(monkeypatch, pems):
    result, session = run_module(monkeypatch, ngrok_tls_certificate, {
        "description": "portal", "certificate_pem": pems["other_cert"], "private_key_pem": pems["other_key"],
        "replace": True}, [
        Call("GET", "/tls_certificates", query=BY_DESCRIPTION, body=listing(certificate(pems["cert"]))),
        Call("POST", "/tls_certificates", status=201, body=certificate(pems["other_cert"], "cert_2")),
        Call("GET", "/reserved_domains", query=USED_BY_CERT_1, body={"reserved_domains": [
            {"id": "rd_1", "domain": "portal.example.com", "certificate": {"id": "cert_1", "uri": ""}}], "next_page_uri": None}),
        Call("PATCH", "/reserved_domains/rd_1", sent={"certificate_id": "cert_2"}, body={"id": "rd_1"}),
        Call("DELETE", "/tls_certificates/cert_1", status=400, body={
            "error_code": "ERR_NGROK_1966", "status_code": 400, "msg": "The certificate could not be deleted.",
            "details": {"operation_id": "op_1966"}}),
        # Taken back: the domain serves the old certificate again before the new one is deleted.
        Call("GET", "/reserved_domains", query={"filter": 'obj.certificate.id == "cert_2"'}, body={"reserved_domains": [
            {"id": "rd_1", "domain": "portal.example.com", "certificate": {"id": "cert_2", "uri": ""}}], "next_page_uri": None}),
        Call("PATCH", "/reserved_domains/rd_1", sent={"certificate_id": "cert_1"}, body={"id": "rd_1"}),
        Call("DELETE", "/tls_certificates/cert_2", status=204),
    ])
    assert result["failed"] and result["error_code"] == "ERR_NGROK_1966" and result["operation_id"] == "op_1966"
    assert "cert_1 could not be deleted" in result["msg"] and "cert_2" in result["msg"]
    assert result["tls_certificate"]["id"] == "cert_1"


def test_check_mode_create_predicts_every_key_and_holds_no_key(monkeypatch, pems):
    result, session = run_module(monkeypatch, ngrok_tls_certificate, {
        "description": "portal", "certificate_pem": pems["cert"], "private_key_pem": pems["key"]}, [
        Call("GET", "/tls_certificates", query=BY_DESCRIPTION, body=listing()),
    ], check_mode=True, diff=True)
    predicted = result["tls_certificate"]
    assert result["changed"] and session.methods == ["GET"]
    assert set(predicted) == set(TLS_CERTIFICATE.response_keys)
    assert predicted["certificate_pem"] == normalize_pem(pems["cert"]) and predicted["description"] == "portal"
    assert predicted["id"] is None and predicted["subject_common_name"] is None and predicted["not_after"] is None
    assert result["diff"]["before"] == {} and "PRIVATE KEY" not in repr(result)


def test_delete_check_mode_delete_and_delete_again(monkeypatch, pems):
    args = {"description": "portal", "state": "absent"}
    result, session = run_module(monkeypatch, ngrok_tls_certificate, args, [
        Call("GET", "/tls_certificates", query=BY_DESCRIPTION, body=listing(certificate(pems["cert"]))),
    ], check_mode=True)
    assert result["changed"] and session.methods == ["GET"]
    result, session = run_module(monkeypatch, ngrok_tls_certificate, args, [
        Call("GET", "/tls_certificates", query=BY_DESCRIPTION, body=listing(certificate(pems["cert"]))),
        Call("DELETE", "/tls_certificates/cert_1", status=204),
    ])
    assert result["changed"] and result["tls_certificate"]["id"] == "cert_1"
    result, session = run_module(monkeypatch, ngrok_tls_certificate, args, [
        Call("GET", "/tls_certificates", query=BY_DESCRIPTION, body=listing()),
    ])
    assert result["changed"] is False and result["tls_certificate"] == {}


def test_two_certificates_with_the_description_fail_with_their_ids(monkeypatch, pems):
    result, session = run_module(monkeypatch, ngrok_tls_certificate, {"description": "portal", "state": "absent"}, [
        Call("GET", "/tls_certificates", query=BY_DESCRIPTION,
             body=listing(certificate(pems["cert"], "cert_2"), certificate(pems["cert"], "cert_1"))),
    ])
    assert result["failed"] and "cert_1, cert_2" in result["msg"] and session.methods == ["GET"]


def test_bad_input_is_refused_before_any_request(monkeypatch, pems, tmp_path):
    (tmp_path / "notes.txt").write_text("not a certificate")
    missing = str(tmp_path / "missing.pem")
    for args, words in [
        ({"metadata": "x"}, "set description (or set id)"),
        ({"id": "ca_1", "metadata": "x"}, "cert_..."),
        ({"description": "portal", "certificate_pem": missing, "private_key_pem": pems["key"]},
         "certificate_pem: not PEM text, and not a readable file"),
        ({"description": "portal", "certificate_pem": str(tmp_path / "notes.txt"), "private_key_pem": pems["key"]},
         "holds no PEM block"),
        ({"description": "portal", "certificate_pem": pems["cert"], "private_key_pem": missing},
         "private_key_pem: not PEM text, and not a readable file"),
    ]:
        result, session = run_module(monkeypatch, ngrok_tls_certificate, args, [])
        assert result["failed"] and words in result["msg"] and session.requests == []
        assert "PRIVATE KEY" not in repr(result)


def test_an_upload_needs_the_certificate_and_its_key(monkeypatch, pems):
    result, session = run_module(monkeypatch, ngrok_tls_certificate, {"description": "portal", "certificate_pem": pems["cert"]}, [
        Call("GET", "/tls_certificates", query=BY_DESCRIPTION, body=listing()),
    ])
    assert result["failed"] and "to create a TLS certificate, set private_key_pem" in result["msg"]


def test_api_errors_carry_the_error_code_and_operation_id(monkeypatch, pems):
    result, session = run_module(monkeypatch, ngrok_tls_certificate, {
        "description": "portal", "certificate_pem": pems["cert"], "private_key_pem": pems["other_key"]}, [
        Call("GET", "/tls_certificates", query=BY_DESCRIPTION, body=listing()),
        Call("POST", "/tls_certificates", status=400, body={
            "error_code": "ERR_NGROK_1923", "status_code": 400,
            "msg": "The provided certificate and private key do not match each other.",
            "details": {"operation_id": "op_1923"}}),
    ])
    assert result["failed"] and result["error_code"] == "ERR_NGROK_1923" and result["operation_id"] == "op_1923"
    assert result["changed"] is False and "PRIVATE KEY" not in repr(result)


# -- a certificate and its key in one file, or in each other's option ------------------------------

# What "openssl pkcs12 -nodes" writes: each block after lines of attributes.
def bagged(pem):
    return "Bag Attributes\n    localKeyID: 01 02 03\nsubject=CN = portal.example.com\n" + pem


@pytest.mark.parametrize("check_mode", [False, True])
def test_a_file_with_the_chain_and_its_key_sends_each_only_in_its_option(monkeypatch, pems, tmp_path, check_mode):
    combined = tmp_path / "portal.pem"
    ec_parameters = "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n"
    combined.write_text(bagged(pems["cert"]) + bagged(ec_parameters + pems["key"]))
    calls = [Call("GET", "/tls_certificates", query=BY_DESCRIPTION, body=listing())]
    if not check_mode:
        calls += [
            Call("POST", "/tls_certificates", status=201, body=certificate(pems["cert"]), sent={
                "description": "portal", "certificate_pem": normalize_pem(pems["cert"]), "private_key_pem": pems["key"]}),
            Call("GET", "/tls_certificates", query=BY_DESCRIPTION, body=listing(certificate(pems["cert"]))),
        ]
    result, session = run_module(monkeypatch, ngrok_tls_certificate, {
        "description": "portal", "certificate_pem": str(combined), "private_key_pem": str(combined)}, calls,
        check_mode=check_mode, diff=True)
    assert result["changed"] and "failed" not in result
    assert "PRIVATE KEY" not in repr(result) and "Bag Attributes" not in repr(result)
    if check_mode:
        assert result["tls_certificate"]["certificate_pem"] == normalize_pem(pems["cert"])
        assert result["diff"]["after"]["certificate_pem"] == normalize_pem(pems["cert"])


def test_pem_text_after_other_lines_is_text(monkeypatch, pems):
    result, session = run_module(monkeypatch, ngrok_tls_certificate, {
        "description": "portal", "certificate_pem": bagged(pems["cert"]), "private_key_pem": bagged(pems["key"])}, [
        Call("GET", "/tls_certificates", query=BY_DESCRIPTION, body=listing(certificate(pems["cert"]))),
    ])
    assert result["changed"] is False and "failed" not in result


def test_swapped_options_fail_before_any_request_without_quoting_the_key(monkeypatch, pems, tmp_path):
    cert_file, key_file = tmp_path / "portal.crt", tmp_path / "portal.key"
    cert_file.write_text(pems["cert"])
    key_file.write_text(pems["key"])
    two_keys = tmp_path / "two.key"
    two_keys.write_text(pems["key"] + pems["other_key"])
    for args, words in [
        ({"certificate_pem": str(key_file), "private_key_pem": str(key_file)},
         "certificate_pem: holds a private key and no certificate (-----BEGIN CERTIFICATE-----); give the key in "
         "private_key_pem, and the certificate here"),
        ({"certificate_pem": pems["key"], "private_key_pem": pems["key"]},
         "certificate_pem: holds a private key and no certificate"),
        ({"certificate_pem": str(cert_file), "private_key_pem": str(cert_file)},
         "private_key_pem: holds no private key (a PEM block of a PKCS#8, PKCS#1 or SEC 1 key); it holds a "
         "certificate, which goes in certificate_pem"),
        ({"certificate_pem": str(cert_file), "private_key_pem": str(two_keys)},
         "private_key_pem: holds 2 private keys; give only the key of the certificate in certificate_pem"),
    ]:
        result, session = run_module(monkeypatch, ngrok_tls_certificate, dict(args, description="portal"), [])
        assert result["failed"] and words in result["msg"] and session.requests == []
        assert "PRIVATE KEY" not in repr(result) and pems["key"].splitlines()[1] not in repr(result)


def test_a_key_the_api_holds_as_certificate_data_is_never_returned_or_shown(monkeypatch, pems):
    # Uploaded so by another tool: the certificate data the API answers holds a private key.
    stored = pems["cert"] + pems["key"]
    result, session = run_module(monkeypatch, ngrok_tls_certificate, {"id": "cert_1", "metadata": "new"}, [
        Call("GET", "/tls_certificates/cert_1", body=certificate(stored)),
        Call("PATCH", "/tls_certificates/cert_1", sent={"metadata": "new"}, body=certificate(stored, metadata="new")),
    ], diff=True)
    assert result["changed"] and result["tls_certificate"]["certificate_pem"].startswith(pems["cert"].strip())
    assert "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER" in result["tls_certificate"]["certificate_pem"]
    assert "PRIVATE KEY" not in repr(result) and pems["key"].splitlines()[1] not in repr(result)
    # The task's certificate differs from the stored data: refused, naming neither.
    result, session = run_module(monkeypatch, ngrok_tls_certificate, {
        "description": "portal", "certificate_pem": pems["cert"], "private_key_pem": pems["key"]}, [
        Call("GET", "/tls_certificates", query=BY_DESCRIPTION, body=listing(certificate(stored))),
    ])
    assert result["failed"] and "cannot change certificate_pem" in result["msg"]
    assert "PRIVATE KEY" not in repr(result)
    result, session = run_module(monkeypatch, ngrok_tls_certificate_info, {"id": "cert_1"}, [
        Call("GET", "/tls_certificates/cert_1", body=certificate(stored)),
    ])
    assert len(result["tls_certificates"]) == 1 and "PRIVATE KEY" not in repr(result)


# -- ngrok_tls_certificate_info -----------------------------------------------------------------------

def test_info_narrows_by_description_and_subject_common_name(monkeypatch, pems):
    result, session = run_module(monkeypatch, ngrok_tls_certificate_info, {
        "description": "portal", "subject_common_name": "portal.example.com"}, [
        Call("GET", "/tls_certificates", body=listing(certificate(pems["cert"])), query={
            "filter": '(obj.description == "portal") && (obj.subject_common_name == "portal.example.com")'}),
    ])
    assert result["changed"] is False and [c["id"] for c in result["tls_certificates"]] == ["cert_1"]


def test_info_by_id_and_with_a_filter(monkeypatch, pems):
    result, session = run_module(monkeypatch, ngrok_tls_certificate_info, {"id": "cert_1"}, [
        Call("GET", "/tls_certificates/cert_1", body=certificate(pems["cert"])),
    ])
    assert [c["id"] for c in result["tls_certificates"]] == ["cert_1"]
    soon = 'obj.not_after < timestamp(time.now).add("30d")'
    result, session = run_module(monkeypatch, ngrok_tls_certificate_info, {"filter": soon}, [
        Call("GET", "/tls_certificates", query={"filter": soon}, body=listing()),
    ], check_mode=True)
    assert result["tls_certificates"] == []


def test_ngrok_apply_replacing_a_certificate_moves_only_the_domains_that_serve_it(monkeypatch, pems):
    """ngrok_apply reads its objects from listings; the domains to move are asked of the API with the filter, not
    taken from a listing (which once moved every reserved domain of the account to the new certificate)."""
    from ansible_collections.ngrok.ngrok.plugins.modules import ngrok_apply

    serving = {"id": "rd_1", "domain": "portal.example.com", "certificate": {"id": "cert_1", "uri": ""}}
    result, session = run_module(monkeypatch, ngrok_apply, {"resources": {"tls_certificates": [{
        "description": "portal", "certificate_pem": pems["other_cert"], "private_key_pem": pems["other_key"],
        "replace": True}]}}, [
        Call("GET", "/tls_certificates", body=listing(certificate(pems["cert"]))),
        Call("POST", "/tls_certificates", status=201, body=certificate(pems["other_cert"], "cert_2")),
        Call("GET", "/reserved_domains", query=USED_BY_CERT_1, body={"reserved_domains": [serving], "next_page_uri": None}),
        Call("PATCH", "/reserved_domains/rd_1", sent={"certificate_id": "cert_2"},
             body=dict(serving, certificate={"id": "cert_2", "uri": ""})),
        Call("DELETE", "/tls_certificates/cert_1", status=204),
        # Descriptions are not unique: once the type is done, one more listing looks for twins.
        Call("GET", "/tls_certificates", body=listing(certificate(pems["other_cert"], "cert_2"))),
    ])
    assert not result.get("failed") and result["plan"]["tls_certificates"]["replaced"] == 1, result
    assert [r["path"] for r in session.requests if r["method"] == "PATCH"] == ["/reserved_domains/rd_1"]
