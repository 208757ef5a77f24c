# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.ngrok.ngrok.plugins.modules import ngrok_kubernetes_operator_info
from ansible_collections.ngrok.ngrok.tests.unit.plugins.fake_api import API, Call
from ansible_collections.ngrok.ngrok.tests.unit.plugins.module_runner import run_module

# The API takes no filter on operators: every listing is without a query, the narrowing is local.
NO_FILTER = {}
ZERO = {"cert": "", "not_after": "0001-01-01T00:00:00Z", "not_before": "0001-01-01T00:00:00Z"}


def operator(op_id="k8sop_1", name="ngrok-operator", namespace="ngrok-operator", cluster="prod", features=("ingress",),
             region="global", description="Created by the ngrok-operator"):
    return {"id": op_id, "uri": API + "/kubernetes_operators/" + op_id, "created_at": "2026-11-27T10:00:00Z",
            "updated_at": "2026-11-27T10:00:00Z", "description": description, "principal": {"id": "usr_1", "uri": ""},
            "enabled_features": list(features), "region": region,
            "deployment": {"name": name, "namespace": namespace, "version": "0.19.0", "cluster_name": cluster},
            "binding": {"cert": ZERO, "endpoint_selectors": None}}


def listing(*items):
    return {"operators": list(items), "uri": API + "/kubernetes_operators", "next_page_uri": None}


def bound(*urls):
    return {"endpoints": [{"id": "ep_%d" % i, "url": u, "type": "agent", "bindings": ["kubernetes"]} for i, u in enumerate(urls)],
            "uri": "x", "next_page_uri": None}


ALL = listing(operator("k8sop_3", cluster="staging", features=("bindings", "ingress")),
              operator("k8sop_2", namespace="edge", region="eu"), operator())


def ids(result):
    return [o["id"] for o in result["kubernetes_operators"]]


def test_every_operator_in_one_listing(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_kubernetes_operator_info, {}, [
        Call("GET", "/kubernetes_operators", query=NO_FILTER, body=ALL),
    ])
    assert result["changed"] is False and ids(result) == ["k8sop_3", "k8sop_2", "k8sop_1"]
    assert "bound_endpoints" not in result["kubernetes_operators"][0]


def test_narrowing_is_checked_on_the_listed_operators(monkeypatch):
    for args, expected in [
        ({"cluster_name": "prod"}, ["k8sop_2", "k8sop_1"]),
        ({"deployment_namespace": "edge"}, ["k8sop_2"]),
        ({"deployment_name": "ngrok-operator", "region": "global"}, ["k8sop_3", "k8sop_1"]),
        ({"enabled_feature": "bindings"}, ["k8sop_3"]),
        ({"description": "Created by the ngrok-operator", "cluster_name": "nowhere"}, []),
    ]:
        result, session = run_module(monkeypatch, ngrok_kubernetes_operator_info, args, [
            Call("GET", "/kubernetes_operators", query=NO_FILTER, body=ALL),
        ], check_mode=True)
        assert ids(result) == expected, args


def test_bound_endpoints_are_read_for_each_operator_found(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_kubernetes_operator_info, {"cluster_name": "prod", "bound_endpoints": True}, [
        Call("GET", "/kubernetes_operators", query=NO_FILTER, body=ALL),
        Call("GET", "/kubernetes_operators/k8sop_2/bound_endpoints", query=NO_FILTER, body=bound()),
        Call("GET", "/kubernetes_operators/k8sop_1/bound_endpoints", query=NO_FILTER, body=bound("http://web.staging")),
    ])
    found = result["kubernetes_operators"]
    assert [o["bound_endpoints"] for o in found][0] == []
    assert [e["url"] for e in found[1]["bound_endpoints"]] == ["http://web.staging"]


def test_by_id_and_an_unknown_id(monkeypatch):
    result, session = run_module(monkeypatch, ngrok_kubernetes_operator_info, {"id": "k8sop_1", "bound_endpoints": True}, [
        Call("GET", "/kubernetes_operators/k8sop_1", body=operator()),
        Call("GET", "/kubernetes_operators/k8sop_1/bound_endpoints", body=bound()),
    ])
    assert ids(result) == ["k8sop_1"] and result["kubernetes_operators"][0]["bound_endpoints"] == []
    not_found = {"status_code": 404, "msg": "Resource not found", "details": {"operation_id": "op_1"}}
    result, session = run_module(monkeypatch, ngrok_kubernetes_operator_info, {"id": "k8sop_9"}, [
        Call("GET", "/kubernetes_operators/k8sop_9", status=404, body=not_found),
    ])
    assert result["kubernetes_operators"] == []


def test_bad_input_is_refused_before_any_request(monkeypatch):
    for args, words in [
        ({"id": "ko_1"}, "must be the id of a Kubernetes operator (k8sop_..."),
        ({"id": "k8sop_1", "cluster_name": "prod"}, "mutually exclusive"),
        ({"filter": "true"}, "filter"),
        ({"enabled_feature": "mesh"}, "enabled_feature"),
        ({"deployment_name": " "}, "deployment_name must not be empty"),
    ]:
        result, session = run_module(monkeypatch, ngrok_kubernetes_operator_info, args, [])
        assert result["failed"] and words in result["msg"] and session.requests == [], args
