# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The simulator's AI Gateway API keys and Kubernetes operators against ngrok-api-go's facts.

The official Python client (0.19.0) and the OpenAPI description predate these resources, so the requests are
plain ``requests`` calls, and every answer is held against ``go_client_facts.yaml``: the status, exactly the
answer fields (nested objects too), the request fields each operation takes, the id prefix and paging.
"""

from __future__ import annotations

import json
import re

import pytest
import requests

from .go_facts import GoFacts

FACTS = GoFacts.load()
GATEWAY_POLICY = json.dumps({"on_http_request": [{"actions": [{"type": "ai-gateway"}]}]})


class Api:
    """Plain requests to the simulator; every answer is checked against the facts here (and by the recorder)."""

    def __init__(self, sim):
        self.sim = sim
        self.seen = set()

    def call(self, method, path, body=None, params=None, status=None):
        kwargs = {"headers": self.sim.headers(), "timeout": 10, "params": params}
        if body is not None:
            kwargs["json"] = body
        url = path if path.startswith("http") else self.sim.url + path
        resp = requests.request(method, url, **kwargs)
        payload = resp.json() if resp.content else None
        if status is not None:
            assert resp.status_code == status, (method, path, resp.status_code, resp.text)
        if resp.status_code < 400:
            path_only = requests.utils.urlparse(url).path
            assert FACTS.check(method, path_only, resp.status_code, payload) == []
            found = FACTS.match(method, path_only)
            self.seen.add((found[0], found[1]))
        return resp.status_code, payload

    def ok(self, method, path, body=None, params=None):
        resource, _op_name, op = FACTS.match(method, requests.utils.urlparse(self.sim.url + path).path)
        del resource
        return self.call(method, path, body, params, status=op["status"])[1]


@pytest.fixture
def api(sim):
    return Api(sim)


def legacy_gateway(sim, url="https://contract-gw.ngrok.app"):
    """An endpoint of the legacy AI Gateway (the API makes no new ones: ERR_NGROK_18024), seeded."""
    return sim.control("POST", "/_sim/agent_endpoints", {"url": url, "type": "cloud", "traffic_policy": GATEWAY_POLICY})


def _form(resource):
    return re.compile(r"^%s_[0-9A-Za-z]{27}$" % FACTS.resources[resource]["id_prefix"])


def _values(fields):
    """A request body giving every field of the facts (objects with all their sub-fields)."""
    body = {}
    for key, kind in fields.items():
        if isinstance(kind, dict):
            body[key] = _values(kind)
        elif kind == "strings":
            body[key] = []
        else:
            body[key] = "x"
    return body


def test_ai_gateway_api_keys_through_every_path(api, sim):
    gateway = legacy_gateway(sim)
    other = legacy_gateway(sim, "https://contract-gw2.ngrok.app")
    made = api.ok("POST", "/ai_gateway_api_keys", {"endpoint_id": gateway["id"], "description": "contract", "metadata": "m"})
    assert _form("ai_gateway_api_key").match(made["id"]) and made["token"]
    for index in range(2):
        api.ok("POST", "/ai_gateway_api_keys", {"endpoint_id": gateway["id"], "description": "more %d" % index})
    read = api.ok("GET", "/ai_gateway_api_keys/" + made["id"])
    assert read["token"] is None and read["endpoint"]["id"] == gateway["id"]
    page = api.ok("GET", "/ai_gateway_api_keys", params={"limit": "2"})
    assert len(page["ai_gateway_api_keys"]) == 2 and page["next_page_uri"]
    rest = api.ok("GET", page["next_page_uri"].replace(sim.url, ""))
    assert [k["id"] for k in rest["ai_gateway_api_keys"]] == [made["id"]] and rest["next_page_uri"] is None
    change = {"description": "renamed", "metadata": "", "endpoint_id": other["id"]}
    updated = api.ok("PATCH", "/ai_gateway_api_keys/" + made["id"], change)
    assert updated["description"] == "renamed" and "metadata" not in updated and updated["token"] is None
    assert api.ok("DELETE", "/ai_gateway_api_keys/" + made["id"]) is None
    assert api.call("GET", "/ai_gateway_api_keys/" + made["id"])[0] == 404
    assert {op for res, op in api.seen if res == "ai_gateway_api_key"} == set(FACTS.resources["ai_gateway_api_key"]["operations"])


def test_kubernetes_operators_through_every_path(api, sim):
    created = api.ok("POST", "/kubernetes_operators", {"description": "contract", "enabled_features": ["ingress"],
                                                       "deployment": {"name": "ngrok-operator", "namespace": "ngrok-operator"}})
    assert _form("kubernetes_operator").match(created["id"])
    seeded = sim.control("POST", "/_sim/kubernetes_operators", {
        "enabled_features": ["bindings"], "binding": {"endpoint_selectors": ["true"]},
        "deployment": {"name": "ngrok-operator", "namespace": "bindings", "version": "0.19.0", "cluster_name": "prod"}})
    assert FACTS.check("GET", "/kubernetes_operators/" + seeded["id"], 200, seeded) == []
    sim.control("POST", "/_sim/agent_endpoints", {"url": "http://svc.staging", "bindings": ["kubernetes"]})
    read = api.ok("GET", "/kubernetes_operators/" + seeded["id"])
    assert read["binding"]["cert"]["cert"].startswith("-----BEGIN CERTIFICATE-----")
    page = api.ok("GET", "/kubernetes_operators", params={"limit": "1"})
    assert [o["id"] for o in page["operators"]] == [seeded["id"]] and page["next_page_uri"]
    assert [o["id"] for o in api.ok("GET", page["next_page_uri"].replace(sim.url, ""))["operators"]] == [created["id"]]
    bound = api.ok("GET", "/kubernetes_operators/%s/bound_endpoints" % seeded["id"], params={"limit": "1"})
    assert [e["url"] for e in bound["endpoints"]] == ["http://svc.staging"]
    assert api.ok("GET", "/kubernetes_operators/%s/bound_endpoints" % created["id"])["endpoints"] == []
    updated = api.ok("PATCH", "/kubernetes_operators/" + created["id"], {"metadata": '{"environment": "production"}',
                                                                         "deployment": {"version": "0.20.0"}})
    assert updated["deployment"]["version"] == "0.20.0" and updated["binding"]["ingress_endpoint"]
    assert api.ok("DELETE", "/kubernetes_operators/" + created["id"]) is None
    assert {op for res, op in api.seen if res == "kubernetes_operator"} == set(FACTS.resources["kubernetes_operator"]["operations"])


@pytest.mark.parametrize("resource", sorted(FACTS.resources))
def test_the_request_fields_are_the_facts(api, sim, resource):
    """Every create and update field of the facts is taken; a field the facts do not list is refused (214)."""
    facts = FACTS.resources[resource]
    gateway = legacy_gateway(sim)
    create = _values(facts["create"]["fields"])
    update = _values(facts["update"]["fields"])
    if resource == "ai_gateway_api_key":
        create["endpoint_id"] = update["endpoint_id"] = gateway["id"]
    else:
        # the values the operator's API checks: a known feature and region; a binding needs the bindings feature
        create.update(enabled_features=["bindings"], region="global")
        update.update(enabled_features=["bindings"], region="eu")
        for body in (create, update):
            body["binding"] = {"endpoint_selectors": ["true"], "ingress_endpoint": "in.example.com:443"}
    made = api.ok("POST", facts["path"], create)
    api.ok("PATCH", "%s/%s" % (facts["path"], made["id"]), update)
    status, error = api.call("POST", facts["path"], dict(create, not_a_field="x"))
    assert (status, error["error_code"]) == (400, "ERR_NGROK_214")
    status, error = api.call("PATCH", "%s/%s" % (facts["path"], made["id"]), {"not_a_field": "x"})
    assert (status, error["error_code"]) == (400, "ERR_NGROK_214")
    for key, kind in facts["create"]["fields"].items():
        if isinstance(kind, dict):
            status, error = api.call("POST", facts["path"], dict(create, **{key: dict(create[key], not_a_field="x")}))
            assert (status, error["error_code"]) == (400, "ERR_NGROK_214"), key
            allowed_update = set(facts["update"]["fields"].get(key) or {})
            for sub in set(kind) - allowed_update:
                status, error = api.call("PATCH", "%s/%s" % (facts["path"], made["id"]), {key: {sub: "x"}})
                assert (status, error["error_code"]) == (400, "ERR_NGROK_214"), (key, sub)


@pytest.mark.parametrize("resource", sorted(FACTS.resources))
def test_lists_take_no_filter(api, resource):
    """The Go client passes only before_id and limit: a filter is an unknown query parameter (231)."""
    facts = FACTS.resources[resource]
    assert facts["list"]["filter"] is False
    status, error = api.call("GET", facts["path"], params={"filter": "true"})
    assert (status, error["error_code"]) == (400, "ERR_NGROK_231")


def test_the_facts_checker_refuses_what_differs():
    """The checker itself: a missing field, an extra one and a wrong type are problems; left-out fields are not."""
    good = {"id": "aigk_1", "uri": "u", "created_at": "t", "updated_at": "t", "created_by": {"id": "usr_1", "uri": ""},
            "last_updated_by": {"id": "usr_1", "uri": ""}, "endpoint": {"id": "ep_1", "uri": "u"}, "token": None,
            "display_name": "ng-***", "last_used": None}
    assert FACTS.check("GET", "/ai_gateway_api_keys/aigk_1", 200, good) == []
    assert FACTS.check("GET", "/ai_gateway_api_keys/aigk_1", 201, good)
    assert FACTS.check("GET", "/ai_gateway_api_keys/aigk_1", 200, dict(good, extra=1))
    assert FACTS.check("GET", "/ai_gateway_api_keys/aigk_1", 200, dict(good, endpoint={"id": "ep_1"}))
    assert FACTS.check("GET", "/ai_gateway_api_keys/aigk_1", 200, dict(good, display_name=None))
    assert FACTS.check("GET", "/ai_gateway_api_keys/aigk_1", 200, {k: v for k, v in good.items() if k != "last_used"})
    assert FACTS.match("GET", "/api_keys") is None
