"""Tunnel sessions (seeded through /_sim/tunnel_sessions) and tunnels."""

from conftest import assert_error, listing


def seed(client, **body):
    """Seed a tunnel session; return (session, tunnels)."""
    made = client.ok("POST", "/_sim/tunnel_sessions", body)
    return made["tunnel_session"], made["tunnels"]


def test_tunnel_sessions_list_get_filter(client, sim):
    first = seed(client, metadata="edge-1", os="darwin")[0]
    second, tunnels = seed(client, credential_id="cr_2cSjxfcZYbRh0337bsfe4llBq1H",
                           tunnels=[{"forwards_to": "http://localhost:8080"}, {"labels": {"app": "web"}}])
    assert second["id"].startswith("ts_") and second["uri"] == sim.url + "/tunnel_sessions/" + second["id"]
    assert second["credential"] == {"id": "cr_2cSjxfcZYbRh0337bsfe4llBq1H",
                                    "uri": sim.url + "/credentials/cr_2cSjxfcZYbRh0337bsfe4llBq1H"}
    assert second["transport"] == "ngrok/2" and "metadata" not in second
    assert set(first) == {"agent_version", "credential", "id", "ip", "metadata", "os", "region", "started_at", "transport", "uri"}
    assert first["credential"] is None
    listed = listing(client, "/tunnel_sessions")
    assert [s["id"] for s in listed["tunnel_sessions"]] == [second["id"], first["id"]]
    assert listing(client, "/tunnel_sessions", limit="1")["next_page_uri"].startswith(sim.url + "/tunnel_sessions?before_id=")
    found = listing(client, "/tunnel_sessions", filter='obj.os == "darwin"')
    assert [s["id"] for s in found["tunnel_sessions"]] == [first["id"]]
    found = listing(client, "/tunnel_sessions", filter='obj.started_at > timestamp("2020-01-01T00:00:00Z")')
    assert len(found["tunnel_sessions"]) == 2
    assert client.ok("GET", "/tunnel_sessions/" + first["id"]) == first
    assert client.post("/tunnel_sessions", {}).status_code == 405
    assert client.delete("/tunnel_sessions/" + first["id"]).status_code == 405

    agent, labeled = tunnels
    assert agent["id"].startswith("tn_") and agent["public_url"].startswith("https://") and agent["proto"] == "https"
    assert agent["tunnel_session"] == {"id": second["id"], "uri": second["uri"]}
    assert "labels" not in agent and "uri" not in agent
    assert labeled["labels"] == {"app": "web"} and "public_url" not in labeled
    assert [t["id"] for t in listing(client, "/tunnels")["tunnels"]] == [labeled["id"], agent["id"]]
    assert client.ok("GET", "/tunnels/" + agent["id"]) == agent
    assert_error(client.get("/tunnels", params={"filter": "true"}), 400, 231)


def test_tunnel_session_actions(client):
    session, tunnels = seed(client, tunnels=[{}])
    base = "/tunnel_sessions/" + session["id"]
    resp = client.post(base + "/update", {})
    assert resp.status_code == 204 and resp.content == b""
    assert client.ok("GET", base) == session
    resp = client.post(base + "/restart", {"id": session["id"]})
    assert resp.status_code == 204 and resp.content == b""
    assert_error(client.get(base), 404, None)
    (restarted,) = listing(client, "/tunnel_sessions")["tunnel_sessions"]
    assert restarted["id"] != session["id"] and restarted["os"] == session["os"]
    assert (session["agent_version"], restarted["agent_version"]) == ("3.19.0", "3.39.10")   # the update took effect
    assert client.ok("GET", "/tunnels/" + tunnels[0]["id"])["tunnel_session"]["id"] == restarted["id"]
    assert_error(client.post("/tunnel_sessions/%s/stop" % restarted["id"], {"force": True}), 400, 214)
    resp = client.request("POST", "/tunnel_sessions/%s/stop" % restarted["id"])
    assert resp.status_code == 204
    assert listing(client, "/tunnel_sessions")["tunnel_sessions"] == []
    assert listing(client, "/tunnels")["tunnels"] == []
    assert_error(client.post("/tunnel_sessions/%s/stop" % restarted["id"], {}), 404, None)


def test_ssh_tunnel_session_refuses_restart_and_update(client, sim):
    session = seed(client, transport="ssh", credential_id="sshcr_2cSjyydertQFE3OLV3NIEJIp6Kh")[0]
    assert session["credential"]["uri"] == sim.url + "/ssh_credentials/sshcr_2cSjyydertQFE3OLV3NIEJIp6Kh"
    assert_error(client.post("/tunnel_sessions/%s/restart" % session["id"], {}), 400, 1122)
    assert_error(client.post("/tunnel_sessions/%s/update" % session["id"], {}), 400, 1121)
    assert client.post("/tunnel_sessions/%s/stop" % session["id"], {}).status_code == 204


def test_update_and_restart_refused_as_the_api_documents(client):
    """OpenAPI TunnelSessionsUpdate/TunnelSessionsRestart: update fails when no update is available, update checks
    are disabled, or an update is in progress or waits for a restart; restart is not supported on Windows."""
    def update(session):
        return client.post("/tunnel_sessions/%s/update" % session["id"], {})

    current = seed(client, agent_version="3.39.10")[0]                          # agent/changelog.mdx: the newest 3.x
    body = assert_error(update(current), 400, 809)
    assert body["msg"] == "The remote ngrok agent failed to update because of an error: 'no update available'"
    assert_error(update(seed(client, agent_version="2.3.41")[0]), 400, 809)      # never a new major version
    body = assert_error(update(seed(client, update_checks=False)[0]), 400, 806)
    assert body["msg"].startswith("This ngrok agent does not support remote updating: ")
    assert_error(update(seed(client, update_state="in_progress")[0]), 400, 809)
    old = seed(client, agent_version="3.20.1")[0]
    assert update(old).status_code == 204
    body = assert_error(update(old), 400, 809)                                    # updated, not yet restarted
    assert "restarted" in body["msg"]
    windows = seed(client, os="windows")[0]
    body = assert_error(client.post("/tunnel_sessions/%s/restart" % windows["id"], {}), 400, 804)
    assert body["msg"].startswith("This ngrok agent does not support remote restarting: ")
    assert update(windows).status_code == 204
    assert client.post("/tunnel_sessions/%s/stop" % windows["id"], {}).status_code == 204
    assert_error(client.post("/_sim/tunnel_sessions", {"update_state": "later"}), 400, 215)


def test_seed_validation(client):
    assert_error(client.post("/_sim/tunnel_sessions", {"bogus": 1}), 400, 214)
    assert_error(client.post("/_sim/tunnel_sessions", {"tunnels": [{"proto": 5}]}), 400, 215)


def test_agent_endpoints_of_a_session_follow_it(client):
    """Agent endpoints seeded with a tunnel_session_id belong to that session: they move when it restarts and go
    away when it stops; other endpoints stay."""
    session = seed(client, metadata='{"hostname": "web-1"}', region="eu")[0]
    ssh = client.ok("POST", "/_sim/agent_endpoints", {"url": "tcp://1.tcp.eu.ngrok.io:20022", "type": "ephemeral",
                                                      "upstream_url": "tcp://localhost:22",
                                                      "tunnel_session_id": session["id"]}, status=201)
    web = client.ok("POST", "/_sim/agent_endpoints", {"url": "https://web-1.ngrok.app", "tunnel_session_id": session["id"]},
                    status=201)
    other = client.ok("POST", "/_sim/agent_endpoints", {"url": "https://other.ngrok.app"}, status=201)
    assert ssh["type"] == "ephemeral" and ssh["hostport"] == "1.tcp.eu.ngrok.io:20022"
    assert ssh["tunnel_session"] == {"id": session["id"], "uri": session["uri"]}
    assert web["tunnel_session"]["id"] == session["id"] and other["tunnel_session"]["id"] != session["id"]
    assert_error(client.post("/_sim/agent_endpoints", {"url": "https://x.ngrok.app",
                                                       "tunnel_session_id": "ts_2ZzzzzzzzzzzzzzzzzzzzzzzzzZ"}), 400, 18015)

    assert client.post("/tunnel_sessions/%s/restart" % session["id"], {}).status_code == 204
    (restarted,) = listing(client, "/tunnel_sessions")["tunnel_sessions"]
    by_id = {e["id"]: e for e in listing(client, "/endpoints")["endpoints"]}
    assert by_id[ssh["id"]]["tunnel_session"]["id"] == restarted["id"]
    assert by_id[web["id"]]["tunnel_session"]["id"] == restarted["id"]

    assert client.post("/tunnel_sessions/%s/stop" % restarted["id"], {}).status_code == 204
    assert [e["id"] for e in listing(client, "/endpoints")["endpoints"]] == [other["id"]]


def test_an_agent_goes_online_with_its_authtoken_and_offline_through_the_controls(client):
    """What an agent program under test does: its session names the credential of its authtoken (an unknown token is
    refused as the agent is refused), it stops one endpoint, then disconnects, and none of it counts as API traffic."""
    credential = client.ok("POST", "/credentials", {"description": "edge-1"}, status=201)
    before = client.ok("GET", "/_sim/stats")
    session = seed(client, authtoken=credential["token"], metadata='{"hostname": "edge-1"}')[0]
    assert session["credential"]["id"] == credential["id"]
    web = client.ok("POST", "/_sim/agent_endpoints", {"url": "https://edge-1.ngrok.app", "tunnel_session_id": session["id"]},
                    status=201)
    api = client.ok("POST", "/_sim/agent_endpoints", {"url": "https://api-1.ngrok.app", "tunnel_session_id": session["id"]},
                    status=201)
    other = seed(client)[0]
    foreign = client.ok("POST", "/_sim/agent_endpoints", {"url": "https://other.ngrok.app", "tunnel_session_id": other["id"]},
                        status=201)

    base = "/_sim/tunnel_sessions/" + session["id"]
    assert_error(client.delete(base + "/endpoints/" + foreign["id"]), 404, None)
    assert client.delete(base + "/endpoints/" + web["id"]).status_code == 204
    assert [e["id"] for e in listing(client, "/endpoints")["endpoints"]] == [foreign["id"], api["id"]]
    assert_error(client.delete(base + "/endpoints/" + web["id"]), 404, None)

    assert client.delete(base).status_code == 204
    assert [s["id"] for s in listing(client, "/tunnel_sessions")["tunnel_sessions"]] == [other["id"]]
    assert [e["id"] for e in listing(client, "/endpoints")["endpoints"]] == [foreign["id"]]
    assert_error(client.delete(base), 404, None)
    after = client.ok("GET", "/_sim/stats")
    # The controls are no API traffic: nothing above changed the counters but the listings (GET requests).
    assert after["mutations"] == before["mutations"]
    assert after["by_method"]["DELETE"] == before["by_method"]["DELETE"]

    # A token that no credential has (any more) is refused as the agent is: ERR_NGROK_107.
    assert client.delete("/credentials/" + credential["id"]).status_code == 204
    assert_error(client.post("/_sim/tunnel_sessions", {"authtoken": credential["token"]}), 400, 107)
    assert_error(client.post("/_sim/tunnel_sessions", {"authtoken": "2abc_not-a-token"}), 400, 107)
    assert_error(client.post("/_sim/tunnel_sessions", {"authtoken": credential["token"],
                                                       "credential_id": credential["id"]}), 400, 400)
