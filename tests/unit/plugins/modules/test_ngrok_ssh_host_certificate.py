# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.ssh import SSH_HOST_CERTIFICATE
from ansible_collections.ngrok.ngrok.plugins.modules import ngrok_ssh_host_certificate, ngrok_ssh_host_certificate_info
from ansible_collections.ngrok.ngrok.tests.unit.plugins.fake_api import API, Call
from ansible_collections.ngrok.ngrok.tests.unit.plugins.module_runner import run_module
from ansible_collections.ngrok.ngrok.tests.unit.plugins.ssh_keys import public_key

MODULE = ngrok_ssh_host_certificate
KEY = public_key("ecdsa", comment="root@web-1")
OTHER_KEY = public_key("ed25519", comment="root@web-2")
PRINCIPALS = ["web-1.example.com", "203.0.113.10"]
CA_BY_DESCRIPTION = {"filter": 'obj.description == "hosts"'}


def certificate(cert_id="shcrt_1", key=KEY, ca_id="sshca_1", principals=None, description="web-1", metadata=None,
                valid_after="2026-11-27T10:00:00Z", valid_until="2027-11-27T10:00:00Z"):
    obj = {"id": cert_id, "uri": API + "/ssh_host_certificates/" + cert_id, "created_at": "2026-11-27T10:00:00Z",
           "description": description, "public_key": key, "key_type": "ecdsa", "ssh_certificate_authority_id": ca_id,
           "principals": list(PRINCIPALS if principals is None else principals), "valid_after": valid_after,
           "valid_until": valid_until, "certificate": "ecdsa-sha2-nistp256-cert-v01@openssh.com AAAAexample " + cert_id}
    if metadata:
        obj["metadata"] = metadata
    return obj


def listing(*items):
    return {"ssh_host_certificates": list(items), "uri": API + "/ssh_host_certificates", "next_page_uri": None}


def cas(*items):
    return {"ssh_certificate_authorities": [{"id": i, "description": "hosts"} for i in items], "next_page_uri": None}


def test_create_with_the_ca_named_by_description(monkeypatch):
    args = {"ssh_certificate_authority_description": "hosts", "public_key": KEY, "principals": PRINCIPALS,
            "valid_until": "2027-11-27T11:00:00+01:00", "description": "web-1"}
    result, session = run_module(monkeypatch, MODULE, args, [
        Call("GET", "/ssh_certificate_authorities", query=CA_BY_DESCRIPTION, body=cas("sshca_1")),
        Call("GET", "/ssh_host_certificates", query={}, body=listing(certificate("shcrt_0", key=OTHER_KEY))),
        Call("POST", "/ssh_host_certificates", status=201,
             sent={"ssh_certificate_authority_id": "sshca_1", "public_key": KEY, "principals": PRINCIPALS,
                   "valid_until": "2027-11-27T10:00:00Z", "description": "web-1"},
             body=certificate()),
        # The CA and key are no unique key for the API: the new certificate is looked up for a twin.
        Call("GET", "/ssh_host_certificates", query={}, body=listing(certificate("shcrt_0", key=OTHER_KEY), certificate())),
    ], diff=True)
    assert result["changed"] and result["ssh_host_certificate"]["certificate"].endswith(" shcrt_1")
    assert result["diff"]["before"] == {}


def test_unchanged_with_principals_reordered_the_time_written_otherwise_and_another_comment(monkeypatch):
    args = {"ssh_certificate_authority_id": "sshca_1", "public_key": " ".join(KEY.split()[:2]) + " root@elsewhere",
            "principals": list(reversed(PRINCIPALS)) + [PRINCIPALS[0]], "valid_after": "2026-11-27T05:00:00.4-05:00",
            "valid_until": "2027-11-27t10:00:00z", "description": "web-1"}
    result, session = run_module(monkeypatch, MODULE, args, [
        Call("GET", "/ssh_host_certificates", query={}, body=listing(certificate())),
    ])
    assert result["changed"] is False and len(session.requests) == 1
    assert result["ssh_host_certificate"]["id"] == "shcrt_1"


def test_the_identity_is_the_ca_and_the_key(monkeypatch):
    # The same key signed by another CA, and another key signed by the same CA, are other certificates.
    result, session = run_module(monkeypatch, MODULE, {"ssh_certificate_authority_id": "sshca_1", "public_key": KEY}, [
        Call("GET", "/ssh_host_certificates", query={},
             body=listing(certificate("shcrt_2", ca_id="sshca_2"), certificate("shcrt_3", key=OTHER_KEY))),
        Call("POST", "/ssh_host_certificates", status=201, sent={"ssh_certificate_authority_id": "sshca_1", "public_key": KEY},
             body=certificate()),
        Call("GET", "/ssh_host_certificates", query={}, body=listing(certificate())),
    ])
    assert result["changed"] and result["ssh_host_certificate"]["id"] == "shcrt_1"


def test_update_sends_only_the_description(monkeypatch):
    args = {"ssh_certificate_authority_id": "sshca_1", "public_key": KEY, "principals": PRINCIPALS, "description": "web-one"}
    result, session = run_module(monkeypatch, MODULE, args, [
        Call("GET", "/ssh_host_certificates", query={}, body=listing(certificate())),
        Call("PATCH", "/ssh_host_certificates/shcrt_1", sent={"description": "web-one"},
             body=certificate(description="web-one")),
    ], diff=True)
    assert result["changed"] and result["diff"]["after"]["description"] == "web-one"


@pytest.mark.parametrize("args,named", [
    ({"principals": ["web-1.example.com"]}, "principals"),
    ({"valid_until": "2028-01-01T00:00:00Z"}, "valid_until"),
    ({"valid_after": "2026-11-27T10:00:01Z"}, "valid_after"),
])
def test_create_only_differences_are_refused_without_replace(monkeypatch, args, named):
    result, session = run_module(monkeypatch, MODULE, dict(args, ssh_certificate_authority_id="sshca_1", public_key=KEY), [
        Call("GET", "/ssh_host_certificates", query={}, body=listing(certificate())),
    ])
    assert result["failed"] and result["changed"] is False and session.methods == ["GET"]
    assert "cannot change {0} of SSH host certificate shcrt_1".format(named) in result["msg"]
    assert "set replace=true to create a new one and then delete this one" in result["msg"]


def test_replace_issues_the_new_certificate_first_with_fresh_validity(monkeypatch):
    args = {"ssh_certificate_authority_id": "sshca_1", "public_key": KEY, "principals": ["web-1.example.com"], "replace": True}
    result, session = run_module(monkeypatch, MODULE, args, [
        Call("GET", "/ssh_host_certificates", query={}, body=listing(certificate(metadata="m"))),
        Call("POST", "/ssh_host_certificates", status=201,
             sent={"ssh_certificate_authority_id": "sshca_1", "public_key": KEY, "principals": ["web-1.example.com"],
                   "description": "web-1", "metadata": "m"},
             body=certificate("shcrt_2", principals=["web-1.example.com"], metadata="m")),
        Call("DELETE", "/ssh_host_certificates/shcrt_1", status=204),
    ], diff=True)
    assert result["changed"] and result["ssh_host_certificate"]["id"] == "shcrt_2"
    assert result["diff"]["before"]["id"] == "shcrt_1"


def test_renewal_with_a_later_end_keeps_the_principals(monkeypatch):
    args = {"ssh_certificate_authority_id": "sshca_1", "public_key": KEY, "valid_until": "2028-11-27T10:00:00Z", "replace": True}
    result, session = run_module(monkeypatch, MODULE, args, [
        Call("GET", "/ssh_host_certificates", query={}, body=listing(certificate())),
        Call("POST", "/ssh_host_certificates", status=201,
             sent={"ssh_certificate_authority_id": "sshca_1", "public_key": KEY, "principals": PRINCIPALS,
                   "valid_until": "2028-11-27T10:00:00Z", "description": "web-1"},
             body=certificate("shcrt_2", valid_until="2028-11-27T10:00:00Z")),
        Call("DELETE", "/ssh_host_certificates/shcrt_1", status=204),
    ])
    assert result["changed"] and result["ssh_host_certificate"]["valid_until"] == "2028-11-27T10:00:00Z"


def test_check_mode_create_predicts_every_key(monkeypatch):
    args = {"ssh_certificate_authority_id": "sshca_1", "public_key": KEY, "valid_after": "2030-01-01T01:00:00+01:00"}
    result, session = run_module(monkeypatch, MODULE, args, [
        Call("GET", "/ssh_host_certificates", query={}, body=listing()),
    ], check_mode=True, diff=True)
    predicted = result["ssh_host_certificate"]
    assert result["changed"] and session.methods == ["GET"]
    assert set(predicted) == set(SSH_HOST_CERTIFICATE.response_keys)
    assert predicted["key_type"] == "ecdsa" and predicted["principals"] == [] and predicted["public_key"] == KEY
    assert predicted["valid_after"] == "2030-01-01T00:00:00Z" and predicted["valid_until"] is None
    assert predicted["certificate"] is None and predicted["id"] is None


def test_check_mode_with_a_ca_not_created_yet_warns_and_predicts(monkeypatch):
    args = {"ssh_certificate_authority_description": "hosts", "public_key": KEY}
    result, session = run_module(monkeypatch, MODULE, args, [
        Call("GET", "/ssh_certificate_authorities", query=CA_BY_DESCRIPTION, body=cas()),
    ], check_mode=True)
    assert result["changed"] and result["ssh_host_certificate"]["ssh_certificate_authority_id"] is None
    assert any("check mode cannot predict its id" in w for w in result["warnings"])


def test_a_ca_that_does_not_exist_fails_outside_check_mode(monkeypatch):
    result, session = run_module(monkeypatch, MODULE, {"ssh_certificate_authority_description": "hosts", "public_key": KEY}, [
        Call("GET", "/ssh_certificate_authorities", query=CA_BY_DESCRIPTION, body=cas()),
    ])
    assert result["failed"] and "no SSH certificate authority has description 'hosts'" in result["msg"]


def test_two_cas_with_the_description_fail_listing_their_ids(monkeypatch):
    result, session = run_module(monkeypatch, MODULE, {"ssh_certificate_authority_description": "hosts", "public_key": KEY}, [
        Call("GET", "/ssh_certificate_authorities", query=CA_BY_DESCRIPTION, body=cas("sshca_2", "sshca_1")),
    ])
    assert result["failed"] and "sshca_1, sshca_2" in result["msg"] and session.methods == ["GET"]


def test_two_certificates_of_the_key_and_ca_fail_listing_their_ids(monkeypatch):
    result, session = run_module(monkeypatch, MODULE, {"ssh_certificate_authority_id": "sshca_1", "public_key": KEY}, [
        Call("GET", "/ssh_host_certificates", query={}, body=listing(certificate("shcrt_2"), certificate())),
    ])
    assert result["failed"] and "shcrt_1, shcrt_2" in result["msg"] and "Give the id option" in result["msg"]


@pytest.mark.parametrize("args,problem", [
    ({"valid_until": "2027-11-27"}, "valid_until: expected an RFC 3339 timestamp with a time zone"),
    ({"valid_after": "2027-11-27T10:00:00"}, "valid_after: expected an RFC 3339 timestamp with a time zone"),
    ({"public_key": "ssh-ed25519"}, "public_key: expected an OpenSSH public key line"),
    ({"ssh_certificate_authority_description": "hosts"}, "mutually exclusive"),
])
def test_bad_input_is_refused_before_any_request(monkeypatch, args, problem):
    base = {"ssh_certificate_authority_id": "sshca_1", "public_key": KEY}
    result, session = run_module(monkeypatch, MODULE, dict(base, **args), [])
    assert result["failed"] and problem in result["msg"] and session.requests == []


def test_without_the_ca_nothing_is_sent(monkeypatch):
    result, session = run_module(monkeypatch, MODULE, {"public_key": KEY}, [])
    assert result["failed"] and "set ssh_certificate_authority_id or ssh_certificate_authority_description (or set id)" \
        in result["msg"] and session.requests == []


def test_an_api_refusal_carries_its_code(monkeypatch):
    refused = {"error_code": "ERR_NGROK_1963", "status_code": 400, "details": {"operation_id": "op_1963"},
               "msg": "SSH Host Certificate duration must be greater than zero."}
    args = {"ssh_certificate_authority_id": "sshca_1", "public_key": KEY, "valid_after": "2030-01-02T00:00:00Z",
            "valid_until": "2030-01-01T00:00:00Z"}
    result, _session = run_module(monkeypatch, MODULE, args, [
        Call("GET", "/ssh_host_certificates", query={}, body=listing()),
        Call("POST", "/ssh_host_certificates", status=400, body=refused),
    ])
    assert result["failed"] and result["changed"] is False
    assert (result["error_code"], result["operation_id"]) == ("ERR_NGROK_1963", "op_1963")


def test_absent_deletes_and_check_mode_sends_no_delete(monkeypatch):
    args = {"ssh_certificate_authority_id": "sshca_1", "public_key": KEY, "state": "absent"}
    result, session = run_module(monkeypatch, MODULE, args, [
        Call("GET", "/ssh_host_certificates", query={}, body=listing(certificate())),
    ], check_mode=True)
    assert result["changed"] and session.methods == ["GET"]
    result, session = run_module(monkeypatch, MODULE, args, [
        Call("GET", "/ssh_host_certificates", query={}, body=listing(certificate())),
        Call("DELETE", "/ssh_host_certificates/shcrt_1", status=204),
    ])
    assert result["changed"] and result["ssh_host_certificate"]["id"] == "shcrt_1"
    result, session = run_module(monkeypatch, MODULE, args, [
        Call("GET", "/ssh_host_certificates", query={}, body=listing()),
    ])
    assert result["changed"] is False and result["ssh_host_certificate"] == {}


def test_info_narrows_locally_since_the_list_takes_no_filter(monkeypatch):
    args = {"ssh_certificate_authority_id": "sshca_1", "principal": "203.0.113.10",
            "public_key": " ".join(KEY.split()[:2])}
    result, _session = run_module(monkeypatch, ngrok_ssh_host_certificate_info, args, [
        Call("GET", "/ssh_host_certificates", query={}, body=listing(
            certificate(), certificate("shcrt_2", ca_id="sshca_2"), certificate("shcrt_3", principals=["web-1.example.com"]),
            certificate("shcrt_4", key=OTHER_KEY))),
    ])
    assert [c["id"] for c in result["ssh_host_certificates"]] == ["shcrt_1"] and result["changed"] is False
    assert result["ssh_host_certificates"][0]["certificate"].startswith("ecdsa-sha2-nistp256-cert-v01@openssh.com ")


def test_info_has_no_filter_option_and_an_unknown_id_is_empty(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_ssh_host_certificate_info, {"filter": "true"}, [])
    assert result["failed"] and "filter" in result["msg"] and session.requests == []
    result, _session = run_module(monkeypatch, ngrok_ssh_host_certificate_info, {"id": "shcrt_9"}, [
        Call("GET", "/ssh_host_certificates/shcrt_9", status=404,
             body={"status_code": 404, "msg": "Resource not found", "details": {"operation_id": "op_404"}}),
    ])
    assert result["ssh_host_certificates"] == []
