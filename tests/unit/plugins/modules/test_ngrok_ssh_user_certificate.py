# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""What user certificates add to host certificates (tested in test_ngrok_ssh_host_certificate.py): critical options
and extensions, with the API's default extensions."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.ssh import SSH_USER_CERTIFICATE
from ansible_collections.ngrok.ngrok.plugins.modules import ngrok_ssh_user_certificate, ngrok_ssh_user_certificate_info
from ansible_collections.ngrok.ngrok.tests.unit.plugins.fake_api import API, Call
from ansible_collections.ngrok.ngrok.tests.unit.plugins.module_runner import run_module
from ansible_collections.ngrok.ngrok.tests.unit.plugins.ssh_keys import public_key

MODULE = ngrok_ssh_user_certificate
KEY = public_key("ed25519", comment="alice@laptop")
DEFAULTS = {"permit-pty": "", "permit-user-rc": ""}
OPTIONS = {"source-address": "203.0.113.0/24"}


def certificate(cert_id="sucrt_1", principals=("ec2-user",), critical_options=None, extensions=None, description=None):
    obj = {"id": cert_id, "uri": API + "/ssh_user_certificates/" + cert_id, "created_at": "2026-11-27T10:00:00Z",
           "public_key": KEY, "key_type": "ed25519", "ssh_certificate_authority_id": "sshca_1",
           "principals": list(principals), "critical_options": dict(critical_options or {}),
           "extensions": dict(DEFAULTS if extensions is None else extensions), "valid_after": "2026-11-27T10:00:00Z",
           "valid_until": "2026-11-28T10:00:00Z", "certificate": "ssh-ed25519-cert-v01@openssh.com AAAAexample " + cert_id}
    if description:
        obj["description"] = description
    return obj


def listing(*items):
    return {"ssh_user_certificates": list(items), "uri": API + "/ssh_user_certificates", "next_page_uri": None}


BASE = {"ssh_certificate_authority_id": "sshca_1", "public_key": KEY, "principals": ["ec2-user"]}


def test_create_sends_options_and_extensions_with_null_values_as_empty_text(monkeypatch):
    args = dict(BASE, critical_options=OPTIONS, extensions={"permit-pty": None, "permit-port-forwarding": ""})
    result, session = run_module(monkeypatch, MODULE, args, [
        Call("GET", "/ssh_user_certificates", query={}, body=listing()),
        Call("POST", "/ssh_user_certificates", status=201,
             sent=dict(BASE, critical_options=OPTIONS, extensions={"permit-pty": "", "permit-port-forwarding": ""}),
             body=certificate(critical_options=OPTIONS, extensions={"permit-pty": "", "permit-port-forwarding": ""})),
        Call("GET", "/ssh_user_certificates", query={}, body=listing(certificate(critical_options=OPTIONS))),
    ])
    assert result["changed"] and result["ssh_user_certificate"]["critical_options"] == OPTIONS


def test_unchanged_when_the_same_extensions_are_written_with_null_values(monkeypatch):
    args = dict(BASE, critical_options=OPTIONS, extensions={"permit-pty": None, "permit-user-rc": ""})
    result, session = run_module(monkeypatch, MODULE, args, [
        Call("GET", "/ssh_user_certificates", query={}, body=listing(certificate(critical_options=OPTIONS))),
    ])
    assert result["changed"] is False and len(session.requests) == 1


def test_extensions_not_given_are_not_compared_with_the_apis_defaults(monkeypatch):
    result, session = run_module(monkeypatch, MODULE, dict(BASE, description="alice"), [
        Call("GET", "/ssh_user_certificates", query={}, body=listing(certificate(extensions={"permit-X11-forwarding": ""},
                                                                                 description="alice"))),
    ])
    assert result["changed"] is False


def test_check_mode_create_predicts_the_apis_default_extensions(monkeypatch):
    result, session = run_module(monkeypatch, MODULE, BASE, [
        Call("GET", "/ssh_user_certificates", query={}, body=listing()),
    ], check_mode=True)
    predicted = result["ssh_user_certificate"]
    assert result["changed"] and session.methods == ["GET"]
    assert set(predicted) == set(SSH_USER_CERTIFICATE.response_keys)
    assert predicted["extensions"] == DEFAULTS and predicted["critical_options"] == {} and predicted["key_type"] == "ed25519"
    assert predicted["principals"] == ["ec2-user"] and predicted["certificate"] is None


@pytest.mark.parametrize("args,named", [
    ({"extensions": {"permit-pty": ""}}, "extensions"),
    ({"critical_options": {"force-command": "uptime"}}, "critical_options"),
    ({"principals": ["ec2-user", "root"]}, "principals"),
])
def test_changes_to_what_the_certificate_says_are_refused_without_replace(monkeypatch, args, named):
    result, session = run_module(monkeypatch, MODULE, dict(BASE, **args), [
        Call("GET", "/ssh_user_certificates", query={}, body=listing(certificate())),
    ])
    assert result["failed"] and "cannot change {0} of SSH user certificate sucrt_1".format(named) in result["msg"]
    assert session.methods == ["GET"]


def test_replace_carries_the_options_and_extensions_over_but_not_the_validity(monkeypatch):
    args = dict(BASE, principals=["ec2-user", "root"], replace=True)
    old = certificate(critical_options=OPTIONS, extensions={"permit-pty": ""})
    result, session = run_module(monkeypatch, MODULE, args, [
        Call("GET", "/ssh_user_certificates", query={}, body=listing(old)),
        Call("POST", "/ssh_user_certificates", status=201,
             sent=dict(BASE, principals=["ec2-user", "root"], critical_options=OPTIONS, extensions={"permit-pty": ""}),
             body=certificate("sucrt_2", principals=["ec2-user", "root"], critical_options=OPTIONS,
                              extensions={"permit-pty": ""})),
        Call("DELETE", "/ssh_user_certificates/sucrt_1", status=204),
    ])
    assert result["changed"] and result["ssh_user_certificate"]["id"] == "sucrt_2"


@pytest.mark.parametrize("args,problem", [
    ({"extensions": {}}, "extensions: an empty mapping cannot be sent"),
    ({"extensions": {"permit-pty": True}}, "extensions: the value of 'permit-pty' must be text"),
    ({"critical_options": {"force-command": ["uptime"]}}, "critical_options: the value of 'force-command' must be text"),
])
def test_options_the_api_cannot_take_as_meant_are_refused_before_any_request(monkeypatch, args, problem):
    result, session = run_module(monkeypatch, MODULE, dict(BASE, **args), [])
    assert result["failed"] and problem in result["msg"] and session.requests == []


def test_info_by_principal(monkeypatch):
    result, _session = run_module(monkeypatch, ngrok_ssh_user_certificate_info, {"principal": "root"}, [
        Call("GET", "/ssh_user_certificates", query={}, body=listing(certificate(), certificate("sucrt_2", principals=["root"]))),
    ])
    assert [c["id"] for c in result["ssh_user_certificates"]] == ["sucrt_2"]
    assert result["ssh_user_certificates"][0]["extensions"] == DEFAULTS
