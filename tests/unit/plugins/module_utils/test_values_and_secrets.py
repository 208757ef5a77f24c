# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Values given as PEM text or a file, secrets nested in a mapping, resources only an id designates."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import random

import pytest

from ansible_collections.ngrok.ngrok.plugins.module_utils._client import NgrokClient
from ansible_collections.ngrok.ngrok.plugins.module_utils._engine import ResourceEngine
from ansible_collections.ngrok.ngrok.plugins.module_utils._module import info_module, resource_module
from ansible_collections.ngrok.ngrok.plugins.module_utils._declaration import Resource
from ansible_collections.ngrok.ngrok.plugins.module_utils._fields import Field
from ansible_collections.ngrok.ngrok.plugins.module_utils._normalize import (
    check_pem,
    normalize_pem,
    pem_blocks,
    read_pem,
)
from ansible_collections.ngrok.ngrok.tests.unit.plugins.fake_api import API, Call, ScriptedSession
from ansible_collections.ngrok.ngrok.tests.unit.plugins.module_runner import run_module

PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----"

TARGET = Field("target", spec={"type": "dict"}, secret_paths=[("datadog", "api_key")])
DESTINATION = Resource(
    name="widget", plural="widgets", path="/widgets", list_key="widgets", id_prefix="wd",
    response_keys=("id", "description", "target"), filterable_fields=("id", "description"),
    write_only_option="update_secrets",
    fields=[Field("description", identity=True), TARGET],
)
REPORT = Resource(name="report", plural="reports", path="/reports", list_key=None, id_prefix="rp",
                  response_keys=("id", "urls"), fields=[Field("urls", spec={"type": "list"})],
                  module_states=("present",), create_without_id=True)
# The same resource, where a task must give the id.
REPORT_BY_ID = Resource(name="report", plural="reports", path="/reports", list_key=None, id_prefix="rp",
                        response_keys=("id", "urls"), fields=[Field("urls", spec={"type": "list"})])


def engine(resource, params, calls, check_mode=False):
    session = ScriptedSession(calls)
    client = NgrokClient("k", api_url=API, session=session, sleep=lambda s: None, rng=random.Random(1))
    return ResourceEngine(client, resource, params, check_mode=check_mode), session


def test_pem_text_or_a_file(tmp_path):
    path = tmp_path / "cert.pem"
    path.write_text("\n" + PEM + "\r\n")
    assert read_pem(PEM) == PEM + "\n"
    assert read_pem(str(path)) == PEM + "\n"
    assert normalize_pem(PEM.replace("\n", "\r\n") + "\n\n") == normalize_pem(PEM)
    assert "not a readable file" in check_pem(str(tmp_path / "missing.pem"))
    (tmp_path / "plain.txt").write_text("hello")
    assert "holds no PEM block" in check_pem(str(tmp_path / "plain.txt"))
    assert check_pem("") is not None


def test_text_that_holds_pem_blocks_is_text_and_only_its_blocks_are_kept(tmp_path):
    # What "openssl pkcs12 -nodes" and "openssl x509 -text" write: lines before and between the blocks.
    other = PEM.replace("MIIB", "MIIC")
    text = "Bag Attributes\n    localKeyID: 01\n" + PEM + "\nCertificate:\n    Data: ...\n" + other.replace("\n", "\r\n") + "\n"
    assert check_pem(text) is None
    assert read_pem(text) == PEM + "\n" + other + "\n"
    assert pem_blocks(text) == [("CERTIFICATE", PEM), ("CERTIFICATE", other)]
    path = tmp_path / "bundle.pem"
    path.write_text(text)
    assert read_pem(str(path)) == read_pem(text)
    # A block cut short is no block; the message never quotes the value.
    assert check_pem("-----BEGIN CERTIFICATE-----\nMIIB\n") == (
        "the text holds no complete PEM block (a -----BEGIN ...----- line, then its -----END ...----- line)")
    (tmp_path / "cut.pem").write_text("x\n-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE")
    assert "cut.pem holds no complete PEM block" in check_pem(str(tmp_path / "cut.pem"))


def destination(**target):
    return {"id": "wd_1", "description": "d", "target": target}


@pytest.mark.parametrize("policy,sent", [("on_create", False), ("always", True)])
def test_a_secret_in_a_mapping_is_never_compared_and_sent_again_only_when_asked(policy, sent):
    wanted = {"datadog": {"api_key": "s3cret", "ddsite": "datadoghq.com"}}
    current = destination(datadog={"api_key": "", "ddsite": "datadoghq.com"})
    calls = [Call("GET", "/widgets", body={"widgets": [current], "next_page_uri": None})]
    if sent:
        calls.append(Call("PATCH", "/widgets/wd_1", sent={"target": wanted}, body=current))
    eng, session = engine(DESTINATION, {"description": "d", "target": wanted, "update_secrets": policy}, calls)
    result = eng.run()
    assert result["changed"] is sent
    assert "s3cret" not in repr(result)
    session.assert_done()


def test_a_predicted_object_holds_no_secret():
    wanted = {"datadog": {"api_key": "s3cret", "ddsite": "datadoghq.com"}}
    eng, _session = engine(DESTINATION, {"description": "d", "target": wanted},
                           [Call("GET", "/widgets", body={"widgets": [], "next_page_uri": None})], check_mode=True)
    result = eng.run()
    assert result["changed"] and result["widget"]["target"] == {"datadog": {"ddsite": "datadoghq.com"}}
    assert "s3cret" not in repr(result)


def test_a_change_beside_a_secret_is_sent_with_it():
    wanted = {"datadog": {"api_key": "s3cret", "ddsite": "datadoghq.eu"}}
    current = destination(datadog={"api_key": "", "ddsite": "datadoghq.com"})
    eng, session = engine(DESTINATION, {"description": "d", "target": wanted, "update_secrets": "on_create"}, [
        Call("GET", "/widgets", body={"widgets": [current], "next_page_uri": None}),
        Call("PATCH", "/widgets/wd_1", sent={"target": wanted}, body=destination(datadog={"ddsite": "datadoghq.eu"})),
    ])
    assert eng.run()["changed"] is True
    session.assert_done()


def test_without_identity_fields_only_an_id_designates_an_object():
    eng, session = engine(REPORT, {"urls": ["https://x.example"]}, [
        Call("POST", "/reports", status=201, body={"id": "rp_1", "urls": ["https://x.example"]}),
    ])
    assert eng.run()["changed"] is True
    session.assert_done()


def test_results_and_diffs_leave_out_the_redacted_secrets_the_api_answers():
    current = destination(datadog={"api_key": "", "ddsite": "datadoghq.com"})
    eng, session = engine(DESTINATION, {"description": "d"}, [
        Call("GET", "/widgets", body={"widgets": [current], "next_page_uri": None}),
    ])
    result = eng.run()
    assert result["widget"]["target"] == {"datadog": {"ddsite": "datadoghq.com"}}
    assert result["diff"]["after"]["target"] == {"datadog": {"ddsite": "datadoghq.com"}}
    assert current["target"]["datadog"]["api_key"] == ""


def test_the_write_only_policy_option_is_not_a_secret():
    assert DESTINATION.argument_spec()["update_secrets"]["no_log"] is False


class _Module(object):
    """A module whose main() is the given function, for run_module."""

    def __init__(self, main):
        self.main = main


def test_a_module_of_a_resource_only_an_id_designates_needs_the_id(monkeypatch):
    module = _Module(lambda: resource_module(REPORT_BY_ID))
    result, session = run_module(monkeypatch, module, {"urls": ["https://x.example"]}, [])
    assert result["failed"] and "id" in result["msg"] and session.requests == []


def test_a_module_that_creates_without_id_creates_on_every_run_and_reads_by_id(monkeypatch):
    module = _Module(lambda: resource_module(REPORT))
    created = {"id": "rp_1", "urls": ["https://x.example"]}
    for _run in range(2):
        result, session = run_module(monkeypatch, module, {"urls": ["https://x.example"]}, [
            Call("POST", "/reports", status=201, sent={"urls": ["https://x.example"]}, body=created)])
        assert result["changed"] is True and result["report"] == created
    result, session = run_module(monkeypatch, module, {"urls": ["https://x.example"]}, [], check_mode=True)
    assert result["changed"] is True and result["report"] == {"id": None, "urls": ["https://x.example"]}
    result, session = run_module(monkeypatch, module, {"id": "rp_1"}, [Call("GET", "/reports/rp_1", body=created)])
    assert result["changed"] is False and result["report"] == created


def test_an_info_module_of_a_resource_the_api_cannot_list_reads_by_id_only(monkeypatch):
    module = _Module(lambda: info_module(REPORT))
    result, session = run_module(monkeypatch, module, {}, [])
    assert result["failed"] and "id" in result["msg"] and session.requests == []
    result, session = run_module(monkeypatch, module, {"id": "rp_1"}, [
        Call("GET", "/reports/rp_1", body={"id": "rp_1", "urls": []})])
    assert result["reports"] == [{"id": "rp_1", "urls": []}]


@pytest.mark.parametrize("object_id,valid", [
    ("rp_2Zx8example", True), ("app_user_2Zx8example", True), ("appusr_2Zx8", True),
    ("rp_", False), ("2Zx8example", False), ("rp 1", False), ("RP_1", False), ("rp__1", False), ("rp_1/..", False),
])
def test_ids_of_an_undocumented_prefix(object_id, valid):
    # Without a declared id prefix, any prefix of lower-case words joined by "_" is accepted, nothing else.
    unknown = Resource(name="visit", plural="visits", path="/visits", list_key="visits", fields=[])
    assert (unknown.check_id(object_id) is None) is valid
