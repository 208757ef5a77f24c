# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.domains import RESERVED_ADDR
from ansible_collections.ngrok.ngrok.plugins.modules import ngrok_reserved_addr, ngrok_reserved_addr_info
from ansible_collections.ngrok.ngrok.tests.unit.plugins.fake_api import API, Call
from ansible_collections.ngrok.ngrok.tests.unit.plugins.module_runner import run_module

BY_DESCRIPTION = {"filter": 'obj.description == "ssh"'}


def addr(addr_id="ra_1", region="us", address="1.tcp.ngrok.io:20000", description="ssh", **extra):
    obj = {"id": addr_id, "uri": API + "/reserved_addrs/" + addr_id, "created_at": "2026-11-27T10:00:00Z",
           "addr": address, "region": region, "description": description}
    obj.update(extra)
    return obj


def listing(*items):
    return {"reserved_addrs": list(items), "uri": API + "/reserved_addrs", "next_page_uri": None}


def test_create_returns_the_address_ngrok_assigned(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_reserved_addr, {"description": "ssh", "region": "eu", "metadata": "m"}, [
        Call("GET", "/reserved_addrs", query=BY_DESCRIPTION, body=listing()),
        Call("POST", "/reserved_addrs", status=201, sent={"description": "ssh", "region": "eu", "metadata": "m"},
             body=addr(region="eu", address="1.tcp.eu.ngrok.io:20001", metadata="m")),
        Call("GET", "/reserved_addrs", query=BY_DESCRIPTION, body=listing(addr(region="eu", address="1.tcp.eu.ngrok.io:20001"))),
    ])
    assert result["changed"] and result["reserved_addr"]["addr"] == "1.tcp.eu.ngrok.io:20001"


def test_unchanged_rerun_costs_one_request(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_reserved_addr, {"description": "ssh", "region": "us"}, [
        Call("GET", "/reserved_addrs", query=BY_DESCRIPTION, body=listing(addr())),
    ])
    assert result["changed"] is False and len(session.requests) == 1 and result["reserved_addr"]["id"] == "ra_1"


def test_the_region_of_an_existing_address_is_not_compared_when_not_given(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_reserved_addr, {"description": "ssh"}, [
        Call("GET", "/reserved_addrs", query=BY_DESCRIPTION, body=listing(addr(region="eu"))),
    ])
    assert result["changed"] is False


def test_update_sends_only_what_differs(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_reserved_addr, {
        "description": "ssh", "region": "us", "metadata": "new"}, [
        Call("GET", "/reserved_addrs", query=BY_DESCRIPTION, body=listing(addr(metadata="old"))),
        Call("PATCH", "/reserved_addrs/ra_1", sent={"metadata": "new"}, body=addr(metadata="new")),
    ], diff=True)
    assert result["changed"] and result["reserved_addr"]["metadata"] == "new"
    assert result["diff"]["before"]["metadata"] == "old"


def test_the_description_changes_through_the_id(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_reserved_addr, {"id": "ra_1", "description": "ssh, rack 2"}, [
        Call("GET", "/reserved_addrs/ra_1", body=addr()),
        Call("PATCH", "/reserved_addrs/ra_1", sent={"description": "ssh, rack 2"}, body=addr(description="ssh, rack 2")),
    ])
    assert result["changed"] and result["reserved_addr"]["description"] == "ssh, rack 2"


def test_a_region_change_is_refused_without_replace(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_reserved_addr, {"description": "ssh", "region": "eu"}, [
        Call("GET", "/reserved_addrs", query=BY_DESCRIPTION, body=listing(addr())),
    ])
    assert result["failed"] and result["changed"] is False
    assert "cannot change region of reserved address ra_1" in result["msg"] and "replace=true" in result["msg"]
    assert result["reserved_addr"]["id"] == "ra_1"


def test_replace_reserves_the_new_address_before_releasing_the_old_one(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_reserved_addr, {"description": "ssh", "region": "eu", "replace": True}, [
        Call("GET", "/reserved_addrs", query=BY_DESCRIPTION, body=listing(addr(metadata="keep"))),
        Call("POST", "/reserved_addrs", status=201, sent={"description": "ssh", "metadata": "keep", "region": "eu"},
             body=addr("ra_2", region="eu", address="1.tcp.eu.ngrok.io:20002", metadata="keep")),
        Call("DELETE", "/reserved_addrs/ra_1", status=204),
    ])
    assert result["changed"] and result["reserved_addr"]["id"] == "ra_2"
    assert result["reserved_addr"]["addr"] == "1.tcp.eu.ngrok.io:20002"


def test_a_refused_replacement_keeps_the_old_address(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_reserved_addr, {"description": "ssh", "region": "eu", "replace": True}, [
        Call("GET", "/reserved_addrs", query=BY_DESCRIPTION, body=listing(addr())),
        Call("POST", "/reserved_addrs", status=400, body={
            "error_code": "ERR_NGROK_502", "status_code": 400, "msg": "Your account is limited to 1 reserved addresses.",
            "details": {"operation_id": "op_502"}}),
    ])
    assert result["failed"] and result["error_code"] == "ERR_NGROK_502" and result["operation_id"] == "op_502"
    assert "DELETE" not in session.methods


def test_check_mode_create_predicts_every_key(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_reserved_addr, {"description": "ssh"}, [
        Call("GET", "/reserved_addrs", query=BY_DESCRIPTION, body=listing()),
    ], check_mode=True, diff=True)
    predicted = result["reserved_addr"]
    assert result["changed"] and session.methods == ["GET"]
    assert set(predicted) == set(RESERVED_ADDR.response_keys)
    assert predicted["addr"] is None and predicted["id"] is None
    assert predicted["region"] == "us" and predicted["description"] == "ssh"
    assert result["diff"]["before"] == {}


def test_check_mode_replace_sends_only_the_lookup(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_reserved_addr, {"description": "ssh", "region": "jp", "replace": True}, [
        Call("GET", "/reserved_addrs", query=BY_DESCRIPTION, body=listing(addr())),
    ], check_mode=True)
    assert result["changed"] and session.methods == ["GET"]
    assert result["reserved_addr"]["region"] == "jp" and result["reserved_addr"]["addr"] is None


def test_delete_check_mode_delete_and_delete_again(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_reserved_addr, {"description": "ssh", "state": "absent"}, [
        Call("GET", "/reserved_addrs", query=BY_DESCRIPTION, body=listing(addr())),
    ], check_mode=True)
    assert result["changed"] and session.methods == ["GET"]
    result, session = run_module(monkeypatch, ngrok_reserved_addr, {"description": "ssh", "state": "absent"}, [
        Call("GET", "/reserved_addrs", query=BY_DESCRIPTION, body=listing(addr())),
        Call("DELETE", "/reserved_addrs/ra_1", status=204),
    ])
    assert result["changed"] and result["reserved_addr"]["addr"] == "1.tcp.ngrok.io:20000"
    result, session = run_module(monkeypatch, ngrok_reserved_addr, {"description": "ssh", "state": "absent"}, [
        Call("GET", "/reserved_addrs", query=BY_DESCRIPTION, body=listing()),
    ])
    assert result["changed"] is False and result["reserved_addr"] == {}


def test_two_addresses_with_the_description_fail_with_their_ids(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_reserved_addr, {"description": "ssh", "state": "absent"}, [
        Call("GET", "/reserved_addrs", query=BY_DESCRIPTION, body=listing(addr("ra_2"), addr("ra_1"))),
    ])
    assert result["failed"] and "ra_1, ra_2" in result["msg"] and session.methods == ["GET"]


def test_bad_input_is_refused_before_any_request(monkeypatch):
    for args, words in [
        ({"description": " ", "state": "absent"}, "description must not be empty"),
        ({"metadata": "x"}, "set description (or set id)"),
        ({"id": "rd_1"}, "ra_..."),
        ({"description": "ssh", "region": "mars"}, "region"),
    ]:
        result, session = run_module(monkeypatch, ngrok_reserved_addr, args, [])
        assert result["failed"] and words in result["msg"] and session.requests == []


def test_api_errors_carry_the_error_code_and_operation_id(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_reserved_addr, {"description": "ssh", "metadata": "x"}, [
        Call("GET", "/reserved_addrs", query=BY_DESCRIPTION, body=listing()),
        Call("POST", "/reserved_addrs", status=400, body={
            "error_code": "ERR_NGROK_502", "status_code": 400, "msg": "Your account is limited to 2 reserved addresses.",
            "details": {"operation_id": "op_502"}}),
    ])
    assert result["failed"] and result["error_code"] == "ERR_NGROK_502" and result["operation_id"] == "op_502"
    assert result["changed"] is False


# -- ngrok_reserved_addr_info ------------------------------------------------------------------------

def test_info_narrows_by_description_region_and_addr(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_reserved_addr_info, {
        "description": "ssh", "region": "eu", "addr": " 1.TCP.eu.ngrok.io:20001 "}, [
        Call("GET", "/reserved_addrs", body=listing(addr(region="eu", address="1.tcp.eu.ngrok.io:20001")), query={
            "filter": '(obj.description == "ssh") && (obj.region == "eu") && (obj.addr == "1.tcp.eu.ngrok.io:20001")'}),
    ])
    assert result["changed"] is False and [a["id"] for a in result["reserved_addrs"]] == ["ra_1"]


def test_info_by_id_and_with_a_filter(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_reserved_addr_info, {"id": "ra_1"}, [
        Call("GET", "/reserved_addrs/ra_1", body=addr()),
    ])
    assert [a["id"] for a in result["reserved_addrs"]] == ["ra_1"]
    result, session = run_module(monkeypatch, ngrok_reserved_addr_info, {"filter": 'obj.metadata == "fleet"'}, [
        Call("GET", "/reserved_addrs", query={"filter": 'obj.metadata == "fleet"'}, body=listing()),
    ], check_mode=True)
    assert result["reserved_addrs"] == []
