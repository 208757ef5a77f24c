# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""What the engine and the module layer guarantee for every module, tried through two of them."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest
import requests

from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.domains import RESERVED_DOMAIN
from ansible_collections.ngrok.ngrok.plugins.modules import ngrok_api_key, ngrok_api_key_info, ngrok_reserved_domain
from ansible_collections.ngrok.ngrok.tests.unit.plugins.fake_api import API, Call
from ansible_collections.ngrok.ngrok.tests.unit.plugins.module_runner import run_module

KEY = "k3y-that-must-never-show"
POLICY = {"authority": "letsencrypt", "private_key_type": "ecdsa"}


def domain(**extra):
    obj = {"id": "rd_1", "uri": API + "/reserved_domains/rd_1", "created_at": "2026-11-27T10:00:00Z",
           "domain": "app.example.com", "region": "", "cname_target": "x.ngrok-cname.com", "certificate": None,
           "certificate_management_policy": POLICY, "certificate_management_status": None,
           "acme_challenge_cname_target": None, "resolves_to": []}
    obj.update(extra)
    return obj


def listing(key, *items):
    return {key: list(items), "uri": API + "/x", "next_page_uri": None}


# -- an identity that is empty never designates anything ---------------------------------------

@pytest.mark.parametrize("value", ["", "   ", "\t"])
def test_an_empty_description_never_deletes_anything(monkeypatch, value):
    result, session = run_module(monkeypatch, ngrok_api_key, {"description": value, "state": "absent"}, [])
    assert result["failed"] and "description must not be empty" in result["msg"]
    assert result["changed"] is False and session.requests == []


def test_a_domain_that_normalises_to_nothing_is_refused(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_reserved_domain, {"domain": " . ", "state": "absent"}, [])
    assert result["failed"] and "domain must not be empty" in result["msg"] and session.requests == []


def test_without_id_or_identity_the_task_says_what_to_set(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_api_key, {"metadata": "m"}, [])
    assert result["failed"] and "set description (or set id)" in result["msg"] and session.requests == []


# -- ids ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("bad_id", ["", "rd_1", "ak_../../reserved_domains", "ak_1 2", "ak_1?x=1", "AK_1"])
def test_an_id_of_the_wrong_form_is_refused_before_any_request(monkeypatch, bad_id):
    result, session = run_module(monkeypatch, ngrok_api_key, {"id": bad_id, "state": "absent"}, [])
    assert result["failed"] and "id must be the id of an API key (ak_..." in result["msg"]
    assert session.requests == []


def test_ids_are_escaped_in_paths():
    assert RESERVED_DOMAIN.item_path("rd_1/x") == "/reserved_domains/rd_1%2Fx"


# -- credentials are checked before any request ---------------------------------------------------

@pytest.mark.parametrize("bad_key", ["key with space", "key\nX-Injected: 1", "kéy", "key\x00", "key-from-echo\n"])
def test_an_unusable_api_key_is_refused_without_being_shown(monkeypatch, bad_key):
    result, session = run_module(monkeypatch, ngrok_api_key_info, {"api_key": bad_key}, [])
    assert result["failed"] and "api_key must be an ngrok API key token" in result["msg"]
    assert bad_key not in repr(result) and session.requests == []


def test_an_exception_quoting_a_header_is_not_retried_and_not_shown(monkeypatch):
    refused = requests.exceptions.InvalidHeader("Invalid return character or leading space in header: Authorization: Bearer " + KEY)
    result, session = run_module(monkeypatch, ngrok_api_key_info, {"api_key": KEY}, [
        Call("GET", "/api_keys", raises=refused),
    ])
    assert result["failed"] and KEY not in repr(result) and len(session.requests) == 1
    assert "a header value is not valid" in result["msg"]


def test_an_unexpected_error_becomes_a_clean_failure_without_the_key(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_api_key_info, {"api_key": KEY}, [
        Call("GET", "/api_keys", raises=RuntimeError("odd state near Bearer " + KEY)),
    ])
    assert result["failed"] and KEY not in repr(result) and "********" in result["msg"]
    assert len(session.requests) == 1


def test_tls_verification_failure_is_not_retried(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_api_key_info, {}, [
        Call("GET", "/api_keys", raises=requests.exceptions.SSLError("certificate verify failed")),
    ])
    assert result["failed"] and "validate_certs" in result["msg"] and len(session.requests) == 1


# -- a 404 means "absent" only when the API says so -------------------------------------------------

def test_the_apis_own_not_found_means_absent(monkeypatch):
    result, _session = run_module(monkeypatch, ngrok_api_key, {"id": "ak_1", "state": "absent"}, [
        Call("GET", "/api_keys/ak_1", status=404,
             body={"status_code": 404, "msg": "Resource not found", "details": {"operation_id": "op_1"}}),
    ])
    assert not result.get("failed") and result["changed"] is False


@pytest.mark.parametrize("answer", [
    dict(raw="<html>Not Found</html>"),
    dict(body={"message": "no route"}),
    dict(body={"status_code": 404, "msg": "Resource not found", "details": {}}),
])
def test_a_404_from_something_else_is_an_error_not_absent(monkeypatch, answer):
    result, _session = run_module(monkeypatch, ngrok_api_key, {"id": "ak_1", "state": "absent"}, [
        Call("GET", "/api_keys/ak_1", status=404, **answer),
    ])
    assert result["failed"] and "HTTP 404" in result["msg"]


def test_plain_http_to_another_host_warns(monkeypatch):
    result, _session = run_module(monkeypatch, ngrok_api_key_info, {"api_url": "http://api.example.net"}, [
        Call("GET", "/api_keys", body=listing("keys")),
    ])
    assert any("unencrypted" in w for w in result["warnings"])


def test_plain_http_to_this_machine_does_not_warn(monkeypatch):
    result, _session = run_module(monkeypatch, ngrok_api_key_info, {"api_url": "http://127.0.0.1:8080"}, [
        Call("GET", "/api_keys", body=listing("keys")),
    ])
    assert not result["warnings"]


# -- a failure after a change reports changed -------------------------------------------------------

def test_a_failure_after_a_change_reports_changed(monkeypatch):
    boom = {"error_code": "ERR_NGROK_999", "status_code": 400, "msg": "refused", "details": {"operation_id": "op_7"}}
    result, session = run_module(monkeypatch, ngrok_reserved_domain, {
        "domain": "app.example.com", "certificate_management_policy": {"enabled": False}, "description": "new"}, [
        Call("GET", "/reserved_domains", body=listing("reserved_domains", domain())),
        Call("DELETE", "/reserved_domains/rd_1/certificate_management_policy", status=204),
        Call("PATCH", "/reserved_domains/rd_1", status=400, body=boom),
    ])
    assert result["failed"] and result["changed"] is True and result["operation_id"] == "op_7"
    assert "may have changed" in result["msg"]


def test_a_refused_first_change_reports_unchanged(monkeypatch):
    boom = {"error_code": "ERR_NGROK_420", "status_code": 400, "msg": "too long", "details": {"operation_id": "op_7"}}
    result, _session = run_module(monkeypatch, ngrok_reserved_domain, {"domain": "app.example.com", "description": "x"}, [
        Call("GET", "/reserved_domains", body=listing("reserved_domains", domain())),
        Call("PATCH", "/reserved_domains/rd_1", status=400, body=boom),
    ])
    assert result["failed"] and result["changed"] is False and result["error_code"] == "ERR_NGROK_420"


def test_a_lost_answer_to_a_change_reports_changed(monkeypatch):
    result, _session = run_module(monkeypatch, ngrok_reserved_domain, {
        "domain": "app.example.com", "description": "x", "retries": 0}, [
        Call("GET", "/reserved_domains", body=listing("reserved_domains", domain())),
        Call("PATCH", "/reserved_domains/rd_1", raises=requests.exceptions.ReadTimeout("read timed out")),
    ])
    assert result["failed"] and result["changed"] is True


# -- lookups filter only where the API can ---------------------------------------------------------

def test_a_refused_filter_falls_back_to_listing(monkeypatch):
    refused = {"error_code": "ERR_NGROK_250", "status_code": 400, "msg": "Invalid CEL query: unsupported field",
               "details": {"operation_id": "op_3"}}
    result, session = run_module(monkeypatch, ngrok_reserved_domain, {"domain": "app.example.com"}, [
        Call("GET", "/reserved_domains", query={"filter": 'obj.domain == "app.example.com"'}, status=400, body=refused),
        Call("GET", "/reserved_domains", query={}, body=listing("reserved_domains", domain(domain="other.example.com"), domain())),
    ])
    assert result["changed"] is False and len(session.requests) == 2
    assert any("refused the filter" in w for w in result["warnings"])


# -- check mode predicts an object with every key ---------------------------------------------------

def test_check_mode_create_has_every_key_and_the_derived_policy(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_reserved_domain, {"domain": "New.Example.com"}, [
        Call("GET", "/reserved_domains", body=listing("reserved_domains")),
    ], check_mode=True)
    predicted = result["reserved_domain"]
    assert set(RESERVED_DOMAIN.response_keys) <= set(predicted)
    assert predicted["id"] is None and predicted["domain"] == "new.example.com"
    assert predicted["certificate_management_policy"] == POLICY
    assert predicted["certificate_management_status"]["provisioning_job"] is not None
    assert session.methods == ["GET"]


def test_check_mode_create_of_an_ngrok_subdomain_has_no_policy(monkeypatch):
    result, _session = run_module(monkeypatch, ngrok_reserved_domain, {"domain": "mine.ngrok.app"}, [
        Call("GET", "/reserved_domains", body=listing("reserved_domains")),
    ], check_mode=True)
    assert result["reserved_domain"]["certificate_management_policy"] is None


def test_check_mode_switch_to_an_uploaded_certificate_predicts_the_policy_gone(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_reserved_domain, {
        "domain": "app.example.com", "certificate_management_policy": {"enabled": False}, "certificate_id": "cert_1"}, [
        Call("GET", "/reserved_domains", body=listing("reserved_domains", domain())),
        # The certificate is read first: a plan with an id that does not exist would fail for real.
        Call("GET", "/tls_certificates/cert_1", body={"id": "cert_1"}),
    ], check_mode=True)
    predicted = result["reserved_domain"]
    assert predicted["certificate_management_policy"] is None and predicted["certificate"]["id"] == "cert_1"
    assert session.methods == ["GET", "GET"]


# -- resolves_to -----------------------------------------------------------------------------------

def test_resolves_to_is_compared_as_a_set_and_sent_as_entries(monkeypatch):
    current = domain(resolves_to=[{"value": "us"}, {"value": "eu"}])
    result, _session = run_module(monkeypatch, ngrok_reserved_domain, {"domain": "app.example.com", "resolves_to": ["eu", "us"]}, [
        Call("GET", "/reserved_domains", body=listing("reserved_domains", current)),
    ])
    assert result["changed"] is False
    result, _session = run_module(monkeypatch, ngrok_reserved_domain, {"domain": "app.example.com", "resolves_to": []}, [
        Call("GET", "/reserved_domains", body=listing("reserved_domains", current)),
        Call("PATCH", "/reserved_domains/rd_1", sent={"resolves_to": []}, body=domain()),
    ])
    assert result["changed"] is True and result["reserved_domain"]["resolves_to"] == []


# -- two runs at the same time end with one object -------------------------------------------------

def test_a_create_refused_because_a_concurrent_run_made_it_adopts_that_object(monkeypatch):
    conflict = {"error_code": "ERR_NGROK_413", "status_code": 400, "msg": "This domain is already reserved for your account.",
                "details": {"operation_id": "op_9"}}
    theirs = domain(description="theirs", certificate_management_policy=POLICY)
    result, session = run_module(monkeypatch, ngrok_reserved_domain, {"domain": "app.example.com", "description": "mine"}, [
        Call("GET", "/reserved_domains", body=listing("reserved_domains")),
        Call("POST", "/reserved_domains", status=400, body=conflict),
        Call("GET", "/reserved_domains", body=listing("reserved_domains", theirs)),
        Call("PATCH", "/reserved_domains/rd_1", sent={"description": "mine"}, body=dict(theirs, description="mine")),
    ])
    assert result["changed"] and result["reserved_domain"]["id"] == "rd_1" and result["reserved_domain"]["description"] == "mine"
    assert any("adopted" in w for w in result["warnings"])


def test_a_create_without_an_answer_is_not_sent_again_where_the_api_allows_twins(monkeypatch):
    # The API may make the key after the lookup: a second create could leave two keys with this description.
    result, session = run_module(monkeypatch, ngrok_api_key, {"description": "ci"}, [
        Call("GET", "/api_keys", body=listing("keys")),
        Call("POST", "/api_keys", raises=requests.exceptions.ReadTimeout("read timed out")),
        Call("GET", "/api_keys", body=listing("keys")),
    ])
    assert result["failed"] and result["changed"] is True and session.methods == ["GET", "POST", "GET"]
    assert "was not sent again" in result["msg"] and "Run the task again" in result["msg"]


def test_a_create_without_an_answer_is_sent_again_where_the_api_refuses_a_duplicate(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_reserved_domain, {"domain": "app.example.com"}, [
        Call("GET", "/reserved_domains", body=listing("reserved_domains")),
        Call("POST", "/reserved_domains", raises=requests.exceptions.ReadTimeout("read timed out")),
        Call("GET", "/reserved_domains", body=listing("reserved_domains")),
        Call("POST", "/reserved_domains", status=201, body=domain()),
    ])
    assert result["changed"] is True and result["reserved_domain"]["id"] == "rd_1"
    assert session.methods == ["GET", "POST", "GET", "POST"]


def test_twins_by_description_keep_the_oldest_and_delete_the_newer(monkeypatch):
    older = {"id": "ak_1", "description": "ci", "created_at": "2026-11-27T10:00:00Z", "owner_id": "usr_1", "token": None}
    mine = {"id": "ak_2", "description": "ci", "created_at": "2026-11-27T10:00:01Z", "owner_id": "usr_1", "token": "tok_mine"}
    result, session = run_module(monkeypatch, ngrok_api_key, {"description": "ci"}, [
        Call("GET", "/api_keys", body=listing("keys")),
        Call("POST", "/api_keys", status=201, body=mine),
        Call("GET", "/api_keys", body=listing("keys", dict(mine, token=None), older)),
        Call("DELETE", "/api_keys/ak_2", status=204),
    ])
    assert result["changed"] and result["api_key"]["id"] == "ak_1" and result["api_key"]["token"] is None
    assert any("was kept" in w for w in result["warnings"])


def test_the_oldest_twin_keeps_itself(monkeypatch):
    mine = {"id": "ak_1", "description": "ci", "created_at": "2026-11-27T10:00:00Z", "owner_id": "usr_1", "token": "tok_mine"}
    newer = {"id": "ak_2", "description": "ci", "created_at": "2026-11-27T10:00:01Z", "owner_id": "usr_1", "token": None}
    result, session = run_module(monkeypatch, ngrok_api_key, {"description": "ci"}, [
        Call("GET", "/api_keys", body=listing("keys")),
        Call("POST", "/api_keys", status=201, body=mine),
        Call("GET", "/api_keys", body=listing("keys", newer, dict(mine, token=None))),
    ])
    assert result["api_key"]["id"] == "ak_1" and result["api_key"]["token"] == "tok_mine"


# -- what the API derives at creation is converged in the same run ---------------------------------

def test_a_custom_domain_reserved_without_a_policy_loses_the_default_one_in_the_same_run(monkeypatch):
    defaulted = domain(domain="new.example.com", certificate_management_policy=POLICY)
    result, session = run_module(monkeypatch, ngrok_reserved_domain, {
        "domain": "new.example.com", "certificate_management_policy": {"enabled": False}}, [
        Call("GET", "/reserved_domains", body=listing("reserved_domains")),
        Call("POST", "/reserved_domains", status=201, sent={"domain": "new.example.com"}, body=defaulted),
        Call("DELETE", "/reserved_domains/rd_1/certificate_management_policy", status=204),
        Call("GET", "/reserved_domains/rd_1", body=dict(defaulted, certificate_management_policy=None)),
    ])
    assert result["changed"] and result["reserved_domain"]["certificate_management_policy"] is None


def test_check_mode_predicts_the_default_policy_removed(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_reserved_domain, {
        "domain": "new.example.com", "certificate_management_policy": {"enabled": False}}, [
        Call("GET", "/reserved_domains", body=listing("reserved_domains")),
    ], check_mode=True)
    assert result["changed"] and result["reserved_domain"]["certificate_management_policy"] is None
