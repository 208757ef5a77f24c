# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

import pytest

__metaclass__ = type

from ansible_collections.ngrok.ngrok.plugins.modules import ngrok_reserved_domain, ngrok_reserved_domain_info
from ansible_collections.ngrok.ngrok.tests.unit.plugins.fake_api import API, Call
from ansible_collections.ngrok.ngrok.tests.unit.plugins.module_runner import run_module

FILTER = {"filter": 'obj.domain == "app.example.com"'}
POLICY = {"authority": "letsencrypt", "private_key_type": "ecdsa"}


def domain(policy=None, certificate=None, **extra):
    obj = {"id": "rd_1", "uri": API + "/reserved_domains/rd_1", "created_at": "2026-11-27T10:00:00Z",
           "domain": "app.example.com", "region": "", "cname_target": "x.ngrok-cname.com",
           "certificate": certificate, "certificate_management_policy": policy,
           "certificate_management_status": {"renews_at": None, "provisioning_job": None} if policy else None,
           "acme_challenge_cname_target": None, "resolves_to": []}
    obj.update(extra)
    return obj


def listing(*items):
    return {"reserved_domains": list(items), "uri": API + "/reserved_domains", "next_page_uri": None}


def test_create_with_managed_certificate(monkeypatch):
    result, _session = run_module(monkeypatch, ngrok_reserved_domain, {
        "name": "App.Example.com.", "region": "us",
        "certificate_management_policy": {"authority": "letsencrypt", "private_key_type": "ecdsa"}}, [
        Call("GET", "/reserved_domains", query=FILTER, body=listing()),
        Call("POST", "/reserved_domains", status=201,
             sent={"domain": "app.example.com", "region": "us", "certificate_management_policy": POLICY},
             body=domain(policy=POLICY)),
    ])
    assert result["changed"] and result["reserved_domain"]["id"] == "rd_1"
    assert result["reserved_domain"]["certificate_management_policy"] == POLICY
    assert any("region" in d["msg"] for d in result.get("deprecations", []))


def test_normalised_domain_matches_and_region_is_not_compared(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_reserved_domain, {
        "domain": "APP.example.com.", "region": "us", "certificate_management_policy": {}}, [
        Call("GET", "/reserved_domains", query=FILTER, body=listing(domain(policy=POLICY))),
    ])
    assert result["changed"] is False and len(session.requests) == 1


def test_policy_key_type_change_is_a_patch(monkeypatch):
    rsa = {"authority": "letsencrypt", "private_key_type": "rsa"}
    result, _session = run_module(monkeypatch, ngrok_reserved_domain, {
        "domain": "app.example.com", "certificate_management_policy": {"private_key_type": "rsa"}}, [
        Call("GET", "/reserved_domains", query=FILTER, body=listing(domain(policy=POLICY))),
        Call("PATCH", "/reserved_domains/rd_1", sent={"certificate_management_policy": rsa}, body=domain(policy=rsa)),
    ])
    assert result["changed"] and result["reserved_domain"]["certificate_management_policy"] == rsa


def test_removing_the_policy_deletes_the_sub_resource(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_reserved_domain, {
        "domain": "app.example.com", "certificate_management_policy": {"enabled": False}}, [
        Call("GET", "/reserved_domains", query=FILTER, body=listing(domain(policy=POLICY))),
        Call("DELETE", "/reserved_domains/rd_1/certificate_management_policy", status=204),
        Call("GET", "/reserved_domains/rd_1", body=domain()),
    ], diff=True)
    assert result["changed"] and result["reserved_domain"]["certificate_management_policy"] is None
    assert result["diff"]["before"]["certificate_management_policy"] == POLICY


def test_removing_a_policy_that_is_not_there_changes_nothing(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_reserved_domain, {
        "domain": "app.example.com", "certificate_management_policy": {"enabled": False}}, [
        Call("GET", "/reserved_domains", query=FILTER, body=listing(domain())),
    ])
    assert result["changed"] is False


def test_switch_to_uploaded_certificate_clears_policy_then_patches(monkeypatch):
    cert = {"id": "cert_1", "uri": API + "/tls_certificates/cert_1"}
    result, session = run_module(monkeypatch, ngrok_reserved_domain, {
        "domain": "app.example.com", "certificate_id": "cert_1", "certificate_management_policy": {"enabled": False}}, [
        Call("GET", "/reserved_domains", query=FILTER, body=listing(domain(policy=POLICY, certificate={"id": "cert_auto", "uri": ""}))),
        Call("GET", "/tls_certificates/cert_1", body=dict(cert, description="uploaded")),
        Call("DELETE", "/reserved_domains/rd_1/certificate_management_policy", status=204),
        Call("PATCH", "/reserved_domains/rd_1", sent={"certificate_id": "cert_1"}, body=domain(certificate=cert)),
    ])
    assert result["reserved_domain"]["certificate"]["id"] == "cert_1"


@pytest.mark.parametrize("check_mode", [False, True])
def test_a_certificate_id_that_does_not_exist_fails_before_the_managed_certificate_is_removed(monkeypatch, check_mode):
    result, session = run_module(monkeypatch, ngrok_reserved_domain, {
        "domain": "app.example.com", "certificate_id": "cert_typo", "certificate_management_policy": {"enabled": False}}, [
        Call("GET", "/reserved_domains", query=FILTER, body=listing(domain(policy=POLICY, certificate={"id": "cert_auto", "uri": ""}))),
        Call("GET", "/tls_certificates/cert_typo", status=404, body={
            "error_code": "ERR_NGROK_223", "status_code": 404, "msg": "Resource not found", "details": {"operation_id": "op_1"}}),
    ], check_mode=check_mode)
    assert result["failed"] and result["changed"] is False and session.methods == ["GET", "GET"]
    assert "certificate_id: no TLS certificate cert_typo exists; nothing was changed" in result["msg"]


def test_a_policy_on_a_domain_of_ngrok_is_refused_before_any_request(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_reserved_domain, {
        "domain": "myapp.ngrok.app", "certificate_management_policy": {}}, [], check_mode=True)
    assert result["failed"] and session.requests == []
    assert "myapp.ngrok.app is a domain of ngrok's" in result["msg"]


def test_check_mode_predicts_policy_removal(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_reserved_domain, {
        "domain": "app.example.com", "certificate_management_policy": {"enabled": False}, "description": "d"}, [
        Call("GET", "/reserved_domains", query=FILTER, body=listing(domain(policy=POLICY))),
    ], check_mode=True, diff=True)
    assert result["changed"]
    predicted = result["reserved_domain"]
    assert predicted["certificate_management_policy"] is None and predicted["description"] == "d"
    assert result["diff"]["after"]["description"] == "d"
    assert session.methods == ["GET"]


def test_certificate_id_and_policy_are_exclusive(monkeypatch):
    result, _session = run_module(monkeypatch, ngrok_reserved_domain, {
        "domain": "app.example.com", "certificate_id": "cert_1", "certificate_management_policy": {}}, [])
    assert result["failed"] and "mutually exclusive" in result["msg"]


def test_domain_or_id_is_required(monkeypatch):
    result, _session = run_module(monkeypatch, ngrok_reserved_domain, {"description": "x"}, [])
    assert result["failed"] and "id" in result["msg"] and "domain" in result["msg"]


def test_changing_the_domain_of_an_id_fails(monkeypatch):
    result, _session = run_module(monkeypatch, ngrok_reserved_domain, {"id": "rd_1", "domain": "other.example.com"}, [
        Call("GET", "/reserved_domains/rd_1", body=domain()),
    ])
    assert result["failed"] and "cannot change domain of reserved domain rd_1: it can only be set when the reserved domain is created" in result["msg"]


def test_duplicate_domain_error_from_api(monkeypatch):
    result, _session = run_module(monkeypatch, ngrok_reserved_domain, {"domain": "app.example.com"}, [
        Call("GET", "/reserved_domains", query=FILTER, body=listing()),
        Call("POST", "/reserved_domains", status=409, body={
            "error_code": "ERR_NGROK_414", "status_code": 409, "msg": "This domain is already reserved for another account.",
            "details": {"operation_id": "op_x"}}),
        # A conflict: looked up again in case a run at the same time reserved it; not found, the error stands.
        Call("GET", "/reserved_domains", query=FILTER, body=listing()),
    ])
    assert result["failed"] and result["error_code"] == "ERR_NGROK_414" and result["operation_id"] == "op_x"


def test_info_by_domain(monkeypatch):
    result, _session = run_module(monkeypatch, ngrok_reserved_domain_info, {"domain": "App.example.com"}, [
        Call("GET", "/reserved_domains", query=FILTER, body=listing(domain())),
    ])
    assert [d["id"] for d in result["reserved_domains"]] == ["rd_1"]


# -- the uploaded certificate named by description ---------------------------------------------------------------

CERTIFICATES = {"filter": 'obj.description == "static site"'}


def certificates(*items):
    return {"tls_certificates": list(items), "uri": API + "/tls_certificates", "next_page_uri": None}


def test_the_certificate_named_by_description_is_the_one_the_domain_serves(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_reserved_domain,
                                 {"domain": "app.example.com", "certificate_description": "static site"}, [
                                     Call("GET", "/tls_certificates", query=CERTIFICATES,
                                          body=certificates({"id": "cert_1", "description": "static site"})),
                                     Call("GET", "/reserved_domains", query=FILTER,
                                          body=listing(domain(certificate={"id": "cert_1", "uri": ""}))),
                                 ])
    assert result["changed"] is False and len(session.requests) == 2


def test_a_certificate_description_two_certificates_share_fails_with_their_ids(monkeypatch):
    result, _session = run_module(monkeypatch, ngrok_reserved_domain,
                                  {"domain": "app.example.com", "certificate_description": "static site"}, [
                                      Call("GET", "/tls_certificates", query=CERTIFICATES, body=certificates(
                                          {"id": "cert_1", "description": "static site"},
                                          {"id": "cert_2", "description": "static site"})),
                                  ])
    assert result["failed"] and "cert_1, cert_2" in result["msg"] and "certificate_id" in result["msg"]


def test_a_certificate_description_with_a_management_policy_is_refused_before_any_request(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_reserved_domain, {
        "domain": "app.example.com", "certificate_description": "static site",
        "certificate_management_policy": {"private_key_type": "rsa"}}, [])
    assert result["failed"] and "certificate_description and certificate_management_policy" in result["msg"]
    assert not session.requests
