"""Framework behaviour: auth, headers, errors, paging, filters, controls."""

import requests

from conftest import KEY, SimProcess, assert_error


def test_auth_errors(sim):
    url = sim.url + "/api_keys"
    assert_error(requests.get(url, headers={"Ngrok-Version": "2"}, timeout=5), 401, 200)
    assert_error(requests.get(url, headers={"Ngrok-Version": "2", "Authorization": "Token abc"}, timeout=5), 401, 201)
    assert_error(requests.get(url, headers={"Ngrok-Version": "2", "Authorization": "Bearer"}, timeout=5), 401, 201)
    assert_error(requests.get(url, headers={"Ngrok-Version": "2", "Authorization": "Bearer nope_nope"}, timeout=5), 403, 203)
    # A real answer (ngrok-operator commit d06d2fdb): a key that is not FIRSTPART_SECONDPART is 403 ERR_NGROK_202.
    body = assert_error(requests.get(url, headers={"Ngrok-Version": "2", "Authorization": "Bearer BROKEN"}, timeout=5), 403, 202)
    assert body["msg"] == ("The API authentication you specified does not look like a valid credential. Your credential: 'BROKEN'. "
                           "API keys and instructions are available on your dashboard: https://dashboard.ngrok.com/api-keys")


def test_created_key_authenticates_until_deleted(client, sim):
    key = client.ok("POST", "/api_keys", {"description": "ci"})
    token = key["token"]
    ksuid = key["id"].split("_", 1)[1]
    assert token.startswith(ksuid + "_") and len(ksuid) == 27
    other = sim.client(token)
    assert other.get("/api_keys").status_code == 200
    assert_error(sim.client(key["id"]).get("/api_keys"), 403, 208)
    client.ok("DELETE", "/api_keys/" + key["id"])
    assert_error(other.get("/api_keys"), 403, 203)


def test_version_header(sim):
    url = sim.url + "/api_keys"
    auth = {"Authorization": "Bearer " + KEY}
    assert_error(requests.get(url, headers=auth, timeout=5), 400, 218)
    assert_error(requests.get(url, headers=dict(auth, **{"Ngrok-Version": "3"}), timeout=5), 400, 217)


def test_content_type_and_body_rules(client):
    url = client.url + "/api_keys"
    assert_error(client.session.post(url, data=b'{"description": "x"}', timeout=5), 400, 216)
    assert_error(client.session.post(url, data=b'{"description": "x"}', headers={"Content-Type": "text/plain"}, timeout=5), 400, 210)
    assert_error(client.session.post(url, data=b'{"description": ', headers={"Content-Type": "application/json"}, timeout=5), 400, 213)
    assert_error(client.session.get(url, data=b'{}', timeout=5), 400, 211)
    assert_error(client.post("/api_keys", {"bogus": 1}), 400, 214)
    assert_error(client.post("/api_keys", {"description": 5}), 400, 215)
    assert_error(client.get("/api_keys?color=red"), 400, 231)
    assert_error(client.get("/api_keys?limit=1&limit=2"), 400, 232)
    resp = client.session.post(url, headers={"Content-Type": "application/json; charset=utf-8"}, data=b'{"description": "x"}', timeout=5)
    assert resp.status_code == 201


def test_not_found_shape(client):
    assert_error(client.get("/api_keys/ak_2fNzZyf0Q1yQfo3WxtHl6fbsgfM"), 404, None)
    body = assert_error(client.get("/no_such_thing"), 404, None)
    assert body["msg"] == "Resource not found"


def test_api_key_fields_and_update(client):
    key = client.ok("POST", "/api_keys", {"description": "a", "metadata": "m"})
    assert list(key) == ["id", "uri", "description", "metadata", "created_at", "token", "owner_id"]
    assert key["uri"] == client.url + "/api_keys/" + key["id"]
    assert key["created_at"].endswith("Z") and len(key["created_at"]) == 20
    assert key["owner_id"].startswith("usr_")
    got = client.ok("GET", "/api_keys/" + key["id"])
    assert got["token"] is None
    upd = client.ok("PATCH", "/api_keys/" + key["id"], {"metadata": ""})
    assert "metadata" not in upd and upd["description"] == "a"
    assert_error(client.patch("/api_keys/" + key["id"], {"owner_id": "usr_x"}), 400, 214)
    assert_error(client.post("/api_keys", {"description": "x" * 256}), 400, 604)
    assert_error(client.post("/api_keys", {"metadata": "x" * 4097}), 400, 605)


def test_verbose_logging_never_stalls_the_server():
    """A chatty log must not fill the stderr pipe and block the server."""
    proc = SimProcess("--rate-limit", "0", "--log-level", "INFO")
    try:
        client = proc.client()
        for attempt in range(800):
            assert client.get("/bot_users").status_code == 200, attempt
    finally:
        assert proc.stop() == 0
    assert proc.stderr_text.count("GET /bot_users") >= 800
