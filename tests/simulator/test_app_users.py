"""Application users and sessions (seeded through /_sim/app_users and /_sim/app_sessions)."""

from conftest import assert_error


def test_app_users_and_sessions(client, sim):
    user = client.ok("POST", "/_sim/app_users", {"email": "ann@example.com", "name": "Ann"})
    assert user["uri"] == sim.url + "/app/users/" + user["id"]
    assert user["identity_provider"]["name"] and user["email"] == "ann@example.com"
    session = client.ok("POST", "/_sim/app_sessions", {"application_user_id": user["id"]})
    assert session["application_user"] == {"id": user["id"], "uri": user["uri"]}
    assert session["edge"] is None and session["route"] is None and session["endpoint"] is None
    assert set(session["browser_session"]) == {"user_agent", "ip_address", "location"}
    other = client.ok("POST", "/_sim/app_sessions", {})
    listed = client.ok("GET", "/app/sessions")
    assert [s["id"] for s in listed["application_sessions"]] == [other["id"], session["id"]]
    assert len(client.ok("GET", "/app/users")["application_users"]) == 2
    assert_error(client.get("/app/users", params={"filter": "true"}), 400, 231)
    assert client.ok("GET", "/app/sessions/" + session["id"]) == session
    assert client.patch("/app/users/" + user["id"], {"name": "x"}).status_code == 405
    client.ok("DELETE", "/app/users/" + user["id"])
    assert_error(client.get("/app/sessions/" + session["id"]), 404, None)
    client.ok("DELETE", "/app/sessions/" + other["id"])
    assert_error(client.delete("/app/sessions/" + other["id"]), 404, None)
    assert_error(client.post("/_sim/app_sessions", {"application_user_id": "nope"}), 400, 215)
