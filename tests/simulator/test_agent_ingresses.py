"""Agent ingresses."""

from conftest import assert_error, listing


def test_agent_ingress_crud(client, sim):
    ingress = client.ok("POST", "/agent_ingresses", {"domain": "Connect.Example.COM.", "description": "devices"})
    assert ingress["id"].startswith("agin_") and ingress["domain"] == "connect.example.com"
    assert ingress["uri"] == "/agent_ingresses/" + ingress["id"]       # relative, as recorded (EX _agent_ingresses_*)
    assert ingress["certificate_management_policy"] is None and ingress["certificate_management_status"] is None
    assert ingress["ns_targets"] and ingress["region_domains"] == ["tunnel.us.connect.example.com"]
    assert "metadata" not in ingress
    listed = listing(client, "/agent_ingresses", filter='obj.domain == "connect.example.com"')
    assert [i["id"] for i in listed["ingresses"]] == [ingress["id"]]
    assert listing(client, "/agent_ingresses", filter='obj.domain == "nope.example.com"')["ingresses"] == []
    updated = client.ok("PATCH", "/agent_ingresses/" + ingress["id"],
                        {"certificate_management_policy": {"authority": "letsencrypt"}})
    assert updated["certificate_management_policy"] == {"authority": "letsencrypt", "private_key_type": "rsa"}
    assert updated["description"] == "devices"
    status = updated["certificate_management_status"]
    assert status["renews_at"] is None and list(status["provisioning_job"]) == ["error_code", "msg", "started_at", "retries_at"]
    assert status["provisioning_job"]["error_code"] is None and status["provisioning_job"]["retries_at"] is None
    assert_error(client.patch("/agent_ingresses/" + ingress["id"], {"domain": "x.example.com"}), 400, 214)
    client.ok("DELETE", "/agent_ingresses/" + ingress["id"])
    assert_error(client.get("/agent_ingresses/" + ingress["id"]), 404, None)


def test_agent_ingress_rules(client):
    client.ok("POST", "/agent_ingresses", {"domain": "a.example.com"})
    assert_error(client.post("/agent_ingresses", {"domain": "A.example.com"}), 409, 6706)
    assert_error(client.post("/agent_ingresses", {"domain": "bad_domain!.com"}), 400, 6704)
    assert_error(client.post("/agent_ingresses", {"domain": "nodots"}), 400, 6704)
    assert_error(client.post("/agent_ingresses", {}), 400, 6704)
    assert_error(client.post("/agent_ingresses", {"domain": "mine.ngrok.app"}), 400, 6705)
    assert_error(client.post("/agent_ingresses", {"domain": "b.example.com",
                                                  "certificate_management_policy": {"authority": "zerossl"}}), 400, 1908)
    assert_error(client.post("/agent_ingresses", {"domain": "b.example.com",
                                                  "certificate_management_policy": {"private_key_type": "dsa"}}), 400, 1909)
    assert_error(client.post("/agent_ingresses", {"domain": "b.example.com", "description": "d" * 256}), 400, 6700)
    assert_error(client.post("/agent_ingresses", {"domain": "b.example.com", "metadata": "m" * 4097}), 400, 6701)
    made = client.ok("POST", "/agent_ingresses", {"domain": "b.example.com",
                                                  "certificate_management_policy": {"private_key_type": "ecdsa"}})
    assert made["certificate_management_policy"] == {"authority": "letsencrypt", "private_key_type": "ecdsa"}
