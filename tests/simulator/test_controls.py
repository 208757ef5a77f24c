"""Paging, filters, rate limiting, faults, persistence, shutdown and concurrency."""

import concurrent.futures
import json
import os
import signal
import time
from urllib.parse import parse_qs, urlsplit

import requests

from conftest import SimProcess, assert_error


def test_paging_250(client):
    made = [client.ok("POST", "/ip_policies", {"description": "p%03d" % i})["id"] for i in range(250)]
    assert made == sorted(made), "ids must sort in creation order"
    first = client.ok("GET", "/ip_policies")
    assert len(first["ip_policies"]) == 100 and first["uri"] == client.url + "/ip_policies"
    assert [p["id"] for p in first["ip_policies"]] == made[::-1][:100]
    seen = []
    url = "/ip_policies?limit=100"
    pages = 0
    while url:
        body = client.ok("GET", url)
        seen.extend(p["id"] for p in body["ip_policies"])
        url = body["next_page_uri"]
        pages += 1
        if url:
            assert url.startswith(client.url + "/ip_policies?")
            query = parse_qs(urlsplit(url).query)
            assert query["before_id"] == [body["ip_policies"][-1]["id"]] and query["limit"] == ["100"]
    assert pages == 3 and seen == made[::-1]
    exact = client.ok("GET", "/ip_policies?limit=50&before_id=" + made[50])
    assert [p["id"] for p in exact["ip_policies"]] == made[:50][::-1] and exact["next_page_uri"] is None
    for bad, code in (("0", 233), ("101", 233), ("x", 244)):
        assert_error(client.get("/ip_policies?limit=" + bad), 400, code)


def test_filter_then_page(client):
    for i in range(30):
        client.ok("POST", "/api_keys", {"description": "even" if i % 2 == 0 else "odd", "metadata": "n=%d" % i})
    expr = 'obj.description == "even"'
    body = client.get("/api_keys", params={"filter": expr, "limit": "10"}).json()
    assert len(body["keys"]) == 10 and all(k["description"] == "even" for k in body["keys"])
    nxt = parse_qs(urlsplit(body["next_page_uri"]).query)
    assert nxt["filter"] == [expr] and nxt["limit"] == ["10"]
    second = client.ok("GET", body["next_page_uri"])
    assert len(second["keys"]) == 5 and second["next_page_uri"] is None
    none = client.get("/api_keys", params={"filter": 'obj.description == "nothing"'}).json()
    assert none["keys"] == [] and none["next_page_uri"] is None
    both = client.get("/api_keys", params={"filter": 'obj.metadata.startsWith("n=1") && obj.description in ["odd", "x"]'}).json()
    assert sorted(k["metadata"] for k in both["keys"]) == ["n=1", "n=11", "n=13", "n=15", "n=17", "n=19"]
    recent = client.get("/api_keys", params={"filter": 'obj.created_at > timestamp(time.now).subtract("1h")'}).json()
    assert len(recent["keys"]) == 30
    old = client.get("/api_keys", params={"filter": 'obj.created_at < timestamp("2020-01-01Z")'}).json()
    assert old["keys"] == []
    body = assert_error(client.get("/api_keys", params={"filter": "obj.description =="}), 400, 250)
    assert body["msg"].startswith("Invalid CEL query: ")
    assert_error(client.get("/api_keys", params={"filter": 'obj.color == "red"'}), 400, 250)
    assert_error(client.get("/api_keys", params={"filter": 'obj.id.startsWith("ak_")'}), 400, 250)
    assert_error(client.get("/vaults/vault_x/secrets", params={"filter": "true"}), 400, 231)


def test_rate_limit():
    proc = SimProcess("--rate-limit", "5", "--rate-window", "2")
    try:
        client = proc.client()
        codes = [client.get("/api_keys").status_code for _idx in range(7)]
        assert codes == [200] * 5 + [429] * 2
        resp = client.get("/api_keys")
        body = assert_error(resp, 429, 226)
        assert body["msg"] == "Your account is rate limited to 5 API requests per 2 seconds."
        assert 1 <= int(resp.headers["Retry-After"]) <= 2
        stats = client.get("/_sim/stats").json()
        assert stats["requests"] == 5 and stats["rate_limited"] == 3 and stats["by_method"]["GET"] == 5
        time.sleep(2.1)
        assert client.get("/api_keys").status_code == 200
    finally:
        assert proc.stop() == 0


def test_stats_and_request_log(client):
    client.post("/api_keys", {"description": "a"})
    key = client.post("/api_keys", {"description": "b"}).json()
    client.patch("/api_keys/" + key["id"], {"description": "c"})
    client.patch("/api_keys/" + key["id"], {"description": "c"})
    client.get("/api_keys")
    client.delete("/api_keys/" + key["id"])
    client.delete("/api_keys/" + key["id"])
    requests.get(client.url + "/api_keys", timeout=5)
    stats = client.get("/_sim/stats").json()
    assert stats["requests"] == 8 and stats["mutations"] == 4 and stats["rate_limited"] == 0
    assert stats["by_method"] == {"GET": 2, "POST": 2, "PATCH": 2, "DELETE": 2}
    log = client.get("/_sim/requests", params={"limit": "3"}).json()["requests"]
    assert [(e["method"], e["status"]) for e in log] == [("DELETE", 204), ("DELETE", 404), ("GET", 401)]
    first = client.get("/_sim/requests").json()["requests"][0]
    assert first["body"] == {"description": "a"} and first["path"] == "/api_keys"
    assert "token" not in json.dumps(client.get("/_sim/requests").json()).replace('"token": null', "")


def test_faults_before_and_after_commit(client):
    resp = client.post("/_sim/faults", {"seed": 1, "faults": [{"status": 503, "count": 1, "methods": ["POST"]}]})
    assert resp.status_code == 200
    assert_error(client.post("/ip_policies", {"description": "lost"}), 503, 999)
    assert client.get("/ip_policies").json()["ip_policies"] == []
    client.post("/_sim/faults", {"faults": [{"status": 502, "count": 1, "methods": ["POST"], "after_commit": True}]})
    assert_error(client.post("/ip_policies", {"description": "committed"}), 502, 999)
    listed = client.get("/ip_policies").json()["ip_policies"]
    assert [p["description"] for p in listed] == ["committed"]
    client.post("/_sim/faults", {"faults": [{"status": 429, "count": 2}]})
    assert_error(client.get("/ip_policies"), 429, 226)
    assert client.get("/_sim/stats").status_code == 200
    assert_error(client.get("/ip_policies"), 429, 226)
    assert client.get("/ip_policies").status_code == 200
    client.post("/_sim/faults", {"seed": 7, "faults": [{"status": 500, "rate": 0.5}]})
    pattern = [client.get("/ip_policies").status_code for _idx in range(20)]
    client.post("/_sim/faults", {"seed": 7, "faults": [{"status": 500, "rate": 0.5}]})
    assert pattern == [client.get("/ip_policies").status_code for _idx in range(20)]
    assert set(pattern) == {200, 500}
    client.post("/_sim/faults", {"faults": [{"latency_ms": 300, "count": 1}]})
    start = time.monotonic()
    assert client.get("/ip_policies").status_code == 200
    assert time.monotonic() - start >= 0.3
    assert client.post("/_sim/faults", {"faults": []}).json()["faults"] == []
    assert_error(client.post("/_sim/faults", {"faults": [{"status": 404, "count": 1}]}), 400, 215)
    stats = client.get("/_sim/stats").json()
    assert stats["mutations"] == 1


def test_state_file_round_trip_and_sigterm(tmp_path):
    state = str(tmp_path / "state.json")
    proc = SimProcess("--state-file", state)
    client = proc.client()
    key = client.ok("POST", "/api_keys", {"description": "persisted"})
    pol = client.ok("POST", "/ip_policies", {"description": "kept"})
    vault = client.ok("POST", "/vaults", {"name": "v"})
    client.ok("POST", "/vault_secrets", {"vault_id": vault["id"], "name": "s", "value": "very-secret-value"})
    assert os.path.exists(state)
    proc.proc.send_signal(signal.SIGTERM)
    assert proc.stop() == 0
    with open(state, encoding="utf-8") as handle:
        text = handle.read()
    assert "very-secret-value" not in text and key["token"] not in text
    again = SimProcess("--state-file", state)
    try:
        client = again.client()
        assert client.ok("GET", "/ip_policies/" + pol["id"])["description"] == "kept"
        assert client.ok("GET", "/api_keys/" + key["id"])["token"] is None
        assert again.client(key["token"]).get("/api_keys").status_code == 200
        newer = client.ok("POST", "/ip_policies", {})
        assert newer["id"] > pol["id"]
    finally:
        assert again.stop() == 0


def test_sigint_clean_exit():
    proc = SimProcess()
    proc.proc.send_signal(signal.SIGINT)
    assert proc.stop() == 0


def test_concurrent_creates(client):
    def create(i):
        return client.session.post(client.url + "/ip_policies", json={"description": "c%d" % i}, timeout=10)

    with concurrent.futures.ThreadPoolExecutor(20) as pool:
        results = list(pool.map(create, range(100)))
    assert all(r.status_code == 201 for r in results)
    ids = {r.json()["id"] for r in results}
    assert len(ids) == 100
    listed = client.get("/ip_policies").json()["ip_policies"]
    assert {p["id"] for p in listed} == ids
    assert client.get("/_sim/stats").json()["mutations"] == 100


def test_logs_never_contain_secrets():
    proc = SimProcess("--log-level", "DEBUG")
    client = proc.client()
    key = client.ok("POST", "/api_keys", {"description": "k"})
    cred = client.ok("POST", "/credentials", {})
    vault = client.ok("POST", "/vaults", {"name": "v"})
    client.ok("POST", "/vault_secrets", {"vault_id": vault["id"], "name": "s", "value": "plaintext-secret-xyz"})
    proc.client(key["token"]).get("/api_keys")
    proc.client("wrong-key-abc").get("/api_keys")
    assert proc.stop() == 0
    err = proc.stderr_text
    assert "POST /api_keys -> 201" in err
    for secret in (proc.key, key["token"], cred["token"], "plaintext-secret-xyz", "wrong-key-abc"):
        assert secret not in err
