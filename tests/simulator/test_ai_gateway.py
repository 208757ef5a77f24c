"""AI Gateway API keys: keys of a legacy (endpoint-based) AI gateway, their token shown once, the 27xxx errors."""

import json
import re

from conftest import assert_error, listing

GATEWAY_POLICY = json.dumps({"on_http_request": [{"actions": [{"type": "ai-gateway"}]}]})
PLAIN_POLICY = json.dumps({"on_http_request": [{"actions": [{"type": "deny"}]}]})
KEYS = {"id", "uri", "created_at", "updated_at", "description", "metadata", "created_by", "last_updated_by", "endpoint", "token",
        "display_name", "last_used"}


def legacy_gateway(client, url="https://legacy-gw.ngrok.app", policy=GATEWAY_POLICY):
    """A gateway made before the AI Gateway moved to ngrok.ai (the API refuses new ones)."""
    return client.ok("POST", "/_sim/agent_endpoints", {"url": url, "type": "cloud", "traffic_policy": policy}, status=201)


def test_create_shows_the_token_once(client, sim):
    gateway = legacy_gateway(client)
    key = client.ok("POST", "/ai_gateway_api_keys", {"endpoint_id": gateway["id"], "description": "app", "metadata": "m"})
    assert set(key) == KEYS
    assert re.match(r"^aigk_[0-9A-Za-z]{27}$", key["id"]) and key["uri"] == sim.url + "/ai_gateway_api_keys/" + key["id"]
    assert re.match(r"^ng-[a-z0-9]{8}-g1-[A-Za-z0-9]{40}$", key["token"])
    assert key["display_name"] == key["token"][:10] + "***" + key["token"][-4:]
    assert key["endpoint"] == {"id": gateway["id"], "uri": sim.url + "/endpoints/" + gateway["id"]}
    assert key["created_by"]["id"].startswith("usr_") and key["created_by"] == key["last_updated_by"]
    assert key["created_by"]["uri"] == "" and key["last_used"] is None and key["updated_at"] == key["created_at"]
    read = client.ok("GET", "/ai_gateway_api_keys/" + key["id"])
    assert read["token"] is None and read == dict(key, token=None)
    listed = client.ok("GET", "/ai_gateway_api_keys")
    assert listed == {"ai_gateway_api_keys": [read], "uri": sim.url + "/ai_gateway_api_keys", "next_page_uri": None}
    logged = client.ok("GET", "/_sim/requests?limit=3")["requests"]
    assert key["token"] not in json.dumps(logged)


def test_update_and_delete(client):
    gateway = legacy_gateway(client)
    other = legacy_gateway(client, "https://other-gw.ngrok.app")
    key = client.ok("POST", "/ai_gateway_api_keys", {"endpoint_id": gateway["id"], "description": "app"})
    same = client.ok("PATCH", "/ai_gateway_api_keys/" + key["id"], {"description": "app"})
    assert same["updated_at"] == key["created_at"] and same["token"] is None
    moved = client.ok("PATCH", "/ai_gateway_api_keys/" + key["id"], {"endpoint_id": other["id"], "metadata": "x", "id": key["id"]})
    assert moved["endpoint"]["id"] == other["id"] and moved["metadata"] == "x" and moved["description"] == "app"
    cleared = client.ok("PATCH", "/ai_gateway_api_keys/" + key["id"], {"description": "", "metadata": ""})
    assert "description" not in cleared and "metadata" not in cleared
    client.ok("DELETE", "/ai_gateway_api_keys/" + key["id"])
    assert_error(client.get("/ai_gateway_api_keys/" + key["id"]), 404, None)
    assert_error(client.delete("/ai_gateway_api_keys/" + key["id"]), 404, None)


def test_errors(client):
    gateway = legacy_gateway(client)
    plain = legacy_gateway(client, "https://plain.ngrok.app", PLAIN_POLICY)
    body = assert_error(client.post("/ai_gateway_api_keys", {"description": "app"}), 422, 27006)
    assert body["msg"] == "The `endpoint_id` field is required."
    missing = "ep_2ZzzzzzzzzzzzzzzzzzzzzzzzzZ"
    body = assert_error(client.post("/ai_gateway_api_keys", {"endpoint_id": missing}), 404, 27002)
    assert body["msg"] == "The specified endpoint, %s, was not found." % missing
    assert_error(client.post("/ai_gateway_api_keys", {"endpoint_id": plain["id"]}), 422, 27003)
    assert_error(client.post("/ai_gateway_api_keys", {"endpoint_id": gateway["id"], "description": "x" * 256}), 422, 27004)
    assert_error(client.post("/ai_gateway_api_keys", {"endpoint_id": gateway["id"], "metadata": "x" * 4097}), 422, 27005)
    assert_error(client.post("/ai_gateway_api_keys", {"endpoint_id": gateway["id"], "provider_keys": []}), 400, 214)
    assert_error(client.post("/ai_gateway_api_keys", {"endpoint_id": gateway["id"], "description": 1}), 400, 215)
    key = client.ok("POST", "/ai_gateway_api_keys", {"endpoint_id": gateway["id"]})
    assert "description" not in key and "metadata" not in key
    assert_error(client.patch("/ai_gateway_api_keys/" + key["id"], {"endpoint_id": plain["id"]}), 422, 27003)
    assert_error(client.patch("/ai_gateway_api_keys/" + key["id"], {"endpoint_id": ""}), 422, 27006)
    assert_error(client.patch("/ai_gateway_api_keys/" + key["id"], {"token": "x"}), 400, 214)
    assert_error(client.get("/ai_gateway_api_keys", params={"filter": "true"}), 400, 231)


def test_paging(client, sim):
    gateway = legacy_gateway(client)
    made = [client.ok("POST", "/ai_gateway_api_keys", {"endpoint_id": gateway["id"], "description": str(i)})["id"] for i in range(3)]
    first = listing(client, "/ai_gateway_api_keys", limit="2")
    assert [k["id"] for k in first["ai_gateway_api_keys"]] == made[::-1][:2]
    assert first["next_page_uri"] == "%s/ai_gateway_api_keys?before_id=%s&limit=2" % (sim.url, made[1])
    second = client.ok("GET", first["next_page_uri"])
    assert [k["id"] for k in second["ai_gateway_api_keys"]] == [made[0]] and second["next_page_uri"] is None
