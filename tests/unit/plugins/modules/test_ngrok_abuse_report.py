# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import pytest

from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.abuse_reports import ABUSE_REPORT, report_hostname
from ansible_collections.ngrok.ngrok.plugins.modules import ngrok_abuse_report, ngrok_abuse_report_info
from ansible_collections.ngrok.ngrok.tests.unit.plugins.fake_api import API, Call
from ansible_collections.ngrok.ngrok.tests.unit.plugins.module_runner import run_module

URLS = ["https://bad.ngrok.app/login", "https://BAD.ngrok.app/pay", "http://other.ngrok.io"]
NOT_FOUND = {"status_code": 404, "msg": "Resource not found", "details": {"operation_id": "op_404"}}


def report(status="PENDING", abrp_id="abrp_1", hosts=(("bad.ngrok.app", "PENDING"), ("other.ngrok.io", "PENDING")), **extra):
    obj = {"id": abrp_id, "uri": API + "/abuse_reports/" + abrp_id, "created_at": "2026-11-27T10:00:00Z", "urls": URLS,
           "status": status, "hostnames": [{"hostname": h, "status": s} for h, s in hosts]}
    obj.update(extra)
    return obj


def test_every_run_without_id_files_a_new_report(monkeypatch):
    args = {"urls": URLS, "metadata": '{"incident": 1}'}
    for abrp_id in ("abrp_1", "abrp_2"):
        result, session = run_module(monkeypatch, ngrok_abuse_report, args, [
            Call("POST", "/abuse_reports", status=201, sent={"urls": URLS, "metadata": '{"incident": 1}'},
                 body=report(abrp_id=abrp_id, metadata='{"incident": 1}')),
        ])
        assert result["changed"] and result["abuse_report"]["id"] == abrp_id
        assert session.methods == ["POST"]


def test_check_mode_says_it_would_file_one_and_sends_nothing(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_abuse_report, {"urls": URLS}, [], check_mode=True, diff=True)
    predicted = result["abuse_report"]
    assert result["changed"] and session.requests == []
    assert set(predicted) == set(ABUSE_REPORT.response_keys)
    assert predicted["id"] is None and predicted["status"] == "PENDING" and predicted["urls"] == URLS
    assert predicted["hostnames"] == [{"hostname": "bad.ngrok.app", "status": "PENDING"},
                                      {"hostname": "other.ngrok.io", "status": "PENDING"}]
    assert result["diff"]["before"] == {}


@pytest.mark.parametrize("check_mode", [False, True])
def test_with_id_the_report_is_only_read(monkeypatch, check_mode):
    processed = report("PARTIALLY_PROCESSED", hosts=(("bad.ngrok.app", "BANNED"), ("other.ngrok.io", "PENDING")))
    result, session = run_module(monkeypatch, ngrok_abuse_report, {"id": "abrp_1"}, [
        Call("GET", "/abuse_reports/abrp_1", body=processed),
    ], check_mode=check_mode)
    assert result["changed"] is False and session.methods == ["GET"]
    assert result["abuse_report"] == dict(dict.fromkeys(ABUSE_REPORT.response_keys), **processed)


def test_an_id_no_report_has_fails(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_abuse_report, {"id": "abrp_9"}, [
        Call("GET", "/abuse_reports/abrp_9", status=404, body=NOT_FOUND),
    ])
    assert result["failed"] and "no abuse report with id 'abrp_9' exists" in result["msg"]


@pytest.mark.parametrize("args", [{"id": "abrp_1", "urls": URLS}, {"id": "abrp_1", "metadata": "m"}])
def test_id_and_what_files_a_report_are_mutually_exclusive(monkeypatch, args):
    result, session = run_module(monkeypatch, ngrok_abuse_report, args, [])
    assert result["failed"] and "mutually exclusive" in result["msg"] and session.requests == []


@pytest.mark.parametrize("url,host", [
    ("https://Bad.ngrok.app/login", "bad.ngrok.app"), ("bad.ngrok.app", "bad.ngrok.app"), ("http://203.0.113.7:8080/", "203.0.113.7"),
    ("https://[2001:db8::1]/x", "2001:db8::1"), ("https://bücher.example/", "bücher.example"), ("https://host.example./", "host.example."),
    ("not a url", None), ("http://", None),
])
def test_the_host_name_of_a_reported_url(url, host):
    assert report_hostname(url) == host


@pytest.mark.parametrize("urls,message", [
    ([], "urls: give at least one URL to report"),
    (["https://ok.ngrok.app", "http://", "  "], "urls: not a URL with a host name: 'http://', '  '"),
    (["not a url", "https://bad host.ngrok.app/x", "https://a..b/", "https://ok.ngrok.app"],
     "urls: not a URL with a host name: 'not a url', 'https://bad host.ngrok.app/x', 'https://a..b/'"),
])
def test_unusable_urls_fail_before_any_request(monkeypatch, urls, message):
    result, session = run_module(monkeypatch, ngrok_abuse_report, {"urls": urls}, [])
    assert result["failed"] and result["msg"] == message and session.requests == []


def test_without_id_or_urls_the_task_says_what_to_set(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_abuse_report, {"metadata": "m"}, [])
    assert result["failed"] and result["msg"] == "to create an abuse report, set urls" and session.requests == []


def test_an_account_not_authorized_gets_the_apis_error(monkeypatch):
    refused = {"error_code": "ERR_NGROK_221", "status_code": 403, "details": {"operation_id": "op_221"},
               "msg": "This is a valid API token, but the account is not authorized to submit or view abuse reports."}
    result, session = run_module(monkeypatch, ngrok_abuse_report, {"urls": URLS}, [
        Call("POST", "/abuse_reports", status=403, body=refused),
    ])
    assert result["failed"] and (result["error_code"], result["operation_id"]) == ("ERR_NGROK_221", "op_221")


def test_a_report_cannot_be_deleted(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_abuse_report, {"id": "abrp_1", "state": "absent"}, [])
    assert result["failed"] and "state" in result["msg"] and "present" in result["msg"] and session.requests == []


def test_info_reads_by_id_and_requires_it(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_abuse_report_info, {}, [])
    assert result["failed"] and "id" in result["msg"] and session.requests == []
    result, session = run_module(monkeypatch, ngrok_abuse_report_info, {"id": "abrp_1"}, [
        Call("GET", "/abuse_reports/abrp_1", body=report()),
    ])
    assert result["changed"] is False and [r["id"] for r in result["abuse_reports"]] == ["abrp_1"]
    result, session = run_module(monkeypatch, ngrok_abuse_report_info, {"id": "abrp_9"}, [
        Call("GET", "/abuse_reports/abrp_9", status=404, body=NOT_FOUND),
    ])
    assert result["abuse_reports"] == []
