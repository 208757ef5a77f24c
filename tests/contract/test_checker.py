# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The checks themselves: prove the validator rejects what it must reject."""

from __future__ import annotations

import json
import os

import pytest

from .contract_support import OpenApiChecker, check_error_body

pytestmark = pytest.mark.no_sim

MINI_SPEC = {
    "openapi": "3.0.0",
    "paths": {
        "/things": {
            "get": {"responses": {200: {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/ThingList"}}}}}},
            "post": {"responses": {201: {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}}}},
        },
        "/things/{id}": {
            "delete": {"responses": {204: {"description": "gone"}}},
        },
        "/things/{id}/parts": {
            "get": {"responses": {200: {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Ref"}}}}}},
        },
    },
    "components": {"schemas": {
        "Ref": {"type": "object", "properties": {"id": {"type": "string"}, "uri": {"type": "string"}}},
        "Thing": {"type": "object", "required": ["id", "description"], "properties": {
            "id": {"type": "string"},
            "description": {"type": "string"},
            "token": {"type": "string", "description": "only on create, otherwise it is null"},
            "owner": {"$ref": "#/components/schemas/Ref"},
            "count": {"type": "integer"},
            "labels": {"type": "object"},
            "tags": {"type": "array", "items": {"type": "string"}},
            "plain": {"type": "string"},
            "maybe": {"type": "string", "nullable": True},
        }},
        "ThingList": {"type": "object", "properties": {
            "things": {"type": "array", "items": {"$ref": "#/components/schemas/Thing"}},
            "uri": {"type": "string"},
            "next_page_uri": {"type": "string", "description": "URI of the next page, or null if there is no next page"},
        }},
    }},
}


@pytest.fixture(name="mini")
def fixture_mini():
    return OpenApiChecker(MINI_SPEC)


def good_thing(**extra):
    thing = {"id": "th_1", "token": None, "owner": {"id": "u_1", "uri": "http://x/u/u_1"}, "count": 2,
             "labels": {"a": "b"}, "tags": ["x"], "plain": "p", "maybe": None}
    thing.update(extra)
    return thing


def test_valid_object_passes(mini):
    assert not mini.check("POST", "/things", 201, json.dumps(good_thing()))


def test_extra_field_rejected_with_its_name(mini):
    problems = mini.check("POST", "/things", 201, json.dumps(good_thing(surprise=1)))
    assert len(problems) == 1
    assert "surprise" in problems[0] and "/things" in problems[0]


def test_extra_field_in_nested_list_item_rejected(mini):
    body = {"things": [good_thing(), good_thing(owner={"id": "u", "uri": "u", "name": "n"})], "uri": "u", "next_page_uri": None}
    problems = mini.check("GET", "/things", 200, json.dumps(body))
    assert len(problems) == 1
    assert "$.things[1].owner" in problems[0] and "name" in problems[0]


def test_null_only_where_allowed(mini):
    assert not mini.check("POST", "/things", 201, json.dumps(good_thing(owner=None, token=None, maybe=None)))
    problems = mini.check("POST", "/things", 201, json.dumps(good_thing(plain=None)))
    assert len(problems) == 1 and "$.plain" in problems[0]


def test_wrong_types_rejected(mini):
    problems = mini.check("POST", "/things", 201, json.dumps(good_thing(count="2", tags="x", labels={"a": 1})))
    assert len(problems) == 3


def test_required_is_enforced_except_description(mini):
    thing = good_thing()
    assert not mini.check("POST", "/things", 201, json.dumps(thing))
    del thing["id"]
    problems = mini.check("POST", "/things", 201, json.dumps(thing))
    assert len(problems) == 1 and "'id' is a required property" in problems[0]


def test_status_and_template_matching(mini):
    assert not mini.check("DELETE", "/things/th_1", 204, b"")
    assert mini.check("DELETE", "/things/th_1", 204, b"{}")
    assert mini.check("DELETE", "/things/th_1", 200, b"{}")
    assert mini.check("GET", "/nowhere", 200, b"{}")
    assert not mini.check("GET", "/things/th_1/parts", 200, json.dumps({"id": "a", "uri": "b"}))
    assert mini.check("GET", "/things/th_1/parts", 200, json.dumps({"id": "a", "uri": "b", "x": 1}))


def test_error_shape():
    good = {"error_code": "ERR_NGROK_218", "status_code": 400, "msg": "m", "details": {"operation_id": "op_" + "a" * 27}}
    assert not check_error_body(400, json.dumps(good))
    plain_404 = {"status_code": 404, "msg": "Resource not found", "details": {"operation_id": "op_" + "b" * 27}}
    assert not check_error_body(404, json.dumps(plain_404))
    assert check_error_body(400, json.dumps(dict(good, extra=1)))
    assert check_error_body(401, json.dumps(good))
    assert check_error_body(400, json.dumps({k: v for k, v in good.items() if k != "error_code"}))
    assert check_error_body(400, json.dumps(dict(good, details={"operation_id": "nope"})))
    assert check_error_body(400, json.dumps(dict(good, error_code="218")))
    assert check_error_body(400, "not json")


def test_spec_file_is_used_when_configured():
    """Visible in the summary: schema checks are only active with NGROK_OPENAPI_SPEC."""
    path = os.environ.get("NGROK_OPENAPI_SPEC")
    if not path or not os.path.isfile(path):
        pytest.skip("NGROK_OPENAPI_SPEC is not set to a readable file: OpenAPI response schema checks are skipped")
    spec = OpenApiChecker.from_file(path)
    assert spec.match("GET", "/api_keys/ak_x")[0] == "/api_keys/{id}"
    assert spec.match("GET", "/vaults/vault_x/secrets")[0] == "/vaults/{id}/secrets"
    assert spec.match("POST", "/tunnel_sessions/ts_x/restart")[0] == "/tunnel_sessions/{id}/restart"
    assert spec.response_component("GET", "/api_keys", 200) == "APIKeyList"
