"""Event destinations, subscriptions and sources."""

from conftest import assert_error, listing

KINESIS = {"kinesis": {"auth": {"role": {"role_arn": "arn:aws:iam::123456789012:role/example"}},
                       "stream_arn": "arn:aws:kinesis:us-east-2:123456789012:stream/mystream"}}
FIREHOSE_CREDS = {"firehose": {"auth": {"creds": {"aws_access_key_id": "AKIAEXAMPLE", "aws_secret_access_key": "s3cr3t-aws"}},
                               "delivery_stream_arn": "arn:aws:firehose:us-east-1:123456789012:deliverystream/x"}}


def destination(client, target=None, **extra):
    """Create a destination and return it."""
    body = {"format": "json", "target": target or KINESIS}
    body.update(extra)
    return client.ok("POST", "/event_destinations", body)


def test_event_destination_crud(client, sim):
    dest = destination(client, description="kinesis dev", metadata='{"env":"dev"}')
    assert dest["id"].startswith("ed_") and dest["uri"] == sim.url + "/event_destinations/" + dest["id"]
    assert dest["format"] == "json"
    assert dest["target"] == {"firehose": None, "cloudwatch_logs": None, "datadog": None, "azure_logs_ingestion": None,
                              "kinesis": {"auth": {"role": {"role_arn": "arn:aws:iam::123456789012:role/example"}, "creds": None},
                                          "stream_arn": "arn:aws:kinesis:us-east-2:123456789012:stream/mystream"}}
    assert set(dest) == {"id", "metadata", "created_at", "description", "format", "target", "uri"}
    # verify_with_test_event was removed from the API in 2021 (ngrok-api-go 0c9865f): an unknown field now
    body = assert_error(client.post("/event_destinations", {"format": "json", "target": KINESIS, "verify_with_test_event": True}),
                        400, 214)
    assert "'verify_with_test_event'" in body["msg"]
    assert_error(client.patch("/event_destinations/" + dest["id"], {"verify_with_test_event": False}), 400, 214)
    other = destination(client)
    assert "description" not in other
    listed = listing(client, "/event_destinations")
    assert [d["id"] for d in listed["event_destinations"]] == [other["id"], dest["id"]]
    found = listing(client, "/event_destinations", filter='obj.description == "kinesis dev"')
    assert [d["id"] for d in found["event_destinations"]] == [dest["id"]]
    assert_error(client.get("/event_destinations", params={"filter": "obj.format == "}), 400, 250)
    updated = client.ok("PATCH", "/event_destinations/" + dest["id"], {"description": "renamed"})
    assert updated["description"] == "renamed" and updated["target"] == dest["target"]
    new_target = {"kinesis": dict(KINESIS["kinesis"], stream_arn="arn:aws:kinesis:us-east-2:123456789012:stream/other")}
    updated = client.ok("PATCH", "/event_destinations/" + dest["id"], {"target": new_target})
    assert updated["target"]["kinesis"]["stream_arn"].endswith("/other")
    assert_error(client.patch("/event_destinations/" + dest["id"], {"target": FIREHOSE_CREDS}), 400, 5108)
    client.ok("DELETE", "/event_destinations/" + dest["id"])
    assert_error(client.get("/event_destinations/" + dest["id"]), 404, None)


def test_event_destination_secrets_are_redacted(client, sim):
    dest = destination(client, FIREHOSE_CREDS)
    creds = dest["target"]["firehose"]["auth"]["creds"]
    assert creds == {"aws_access_key_id": "AKIAEXAMPLE", "aws_secret_access_key": ""}
    datadog = destination(client, {"datadog": {"api_key": "dd-secret-key", "ddsite": "datadoghq.eu"}})
    assert datadog["target"]["datadog"] == {"api_key": "", "ddtags": "", "service": "", "ddsite": "datadoghq.eu"}
    for item in listing(client, "/event_destinations")["event_destinations"]:
        assert "s3cr3t-aws" not in str(item) and "dd-secret-key" not in str(item)
    logged = client.ok("GET", "/_sim/requests?limit=10")
    assert "s3cr3t-aws" not in str(logged) and "dd-secret-key" not in str(logged)


def test_event_destination_validation(client):
    assert_error(client.post("/event_destinations", {"target": KINESIS}), 400, 235)
    assert_error(client.post("/event_destinations", {"format": "xml", "target": KINESIS}), 400, 235)
    assert_error(client.post("/event_destinations", {"format": "json"}), 400, 5100)
    assert_error(client.post("/event_destinations", {"format": "json", "target": {}}), 400, 5100)
    assert_error(client.post("/event_destinations", {"format": "json", "target": {"s3": {}}}), 400, 236)
    both = dict(KINESIS, **FIREHOSE_CREDS)
    assert_error(client.post("/event_destinations", {"format": "json", "target": both}), 400, 5115)
    no_auth = {"kinesis": {"stream_arn": KINESIS["kinesis"]["stream_arn"]}}
    assert_error(client.post("/event_destinations", {"format": "json", "target": no_auth}), 400, 5106)
    empty_auth = {"kinesis": {"stream_arn": KINESIS["kinesis"]["stream_arn"], "auth": {}}}
    assert_error(client.post("/event_destinations", {"format": "json", "target": empty_auth}), 400, 5107)
    two_auth = {"kinesis": {"stream_arn": KINESIS["kinesis"]["stream_arn"],
                            "auth": dict(KINESIS["kinesis"]["auth"], **FIREHOSE_CREDS["firehose"]["auth"])}}
    assert_error(client.post("/event_destinations", {"format": "json", "target": two_auth}), 400, 5116)
    bad_arn = {"kinesis": {"stream_arn": "not-an-arn", "auth": KINESIS["kinesis"]["auth"]}}
    assert_error(client.post("/event_destinations", {"format": "json", "target": bad_arn}), 400, 5120)
    bad_role = {"kinesis": {"stream_arn": KINESIS["kinesis"]["stream_arn"], "auth": {"role": {"role_arn": "arn:x"}}}}
    assert_error(client.post("/event_destinations", {"format": "json", "target": bad_role}), 400, 5104)
    assert_error(client.post("/event_destinations", {"format": "json", "target": {"datadog": {"ddsite": "datadoghq.com"}}}), 400, 5133)
    assert_error(client.post("/event_destinations", {"format": "json", "target": {"datadog": {"api_key": "k", "ddsite": "x.com"}}}),
                 400, 5134)
    assert_error(client.post("/event_destinations", {"format": "json", "target": {"azure_logs_ingestion": {"tenant_id": "t"}}}),
                 400, 5139)


def test_event_subscription_crud_and_delete_refusal(client, sim):
    dest = destination(client)
    sub = client.ok("POST", "/event_subscriptions", {"description": "ip policies", "destination_ids": [dest["id"]],
                                                     "sources": [{"type": "ip_policy_created.v0"}]})
    assert sub["id"].startswith("esb_")
    sub_uri = sim.url + "/event_subscriptions/" + sub["id"]
    assert sub["uri"] == sub_uri
    assert sub["destinations"] == [{"id": dest["id"], "uri": dest["uri"]}]
    assert sub["sources"] == [{"type": "ip_policy_created.v0", "uri": sub_uri + "/sources/ip_policy_created.v0"}]
    assert set(sub) == {"id", "uri", "created_at", "description", "sources", "destinations"}
    assert_error(client.delete("/event_destinations/" + dest["id"]), 400, 5112)
    found = listing(client, "/event_subscriptions", filter='obj.description == "ip policies"')
    assert [s["id"] for s in found["event_subscriptions"]] == [sub["id"]]
    updated = client.ok("PATCH", "/event_subscriptions/" + sub["id"], {"destination_ids": []})
    assert updated["destinations"] == [] and len(updated["sources"]) == 1
    client.ok("DELETE", "/event_destinations/" + dest["id"])
    updated = client.ok("PATCH", "/event_subscriptions/" + sub["id"], {"sources": [{"type": "ip_policy_deleted.v0"}]})
    assert [s["type"] for s in updated["sources"]] == ["ip_policy_deleted.v0"]
    client.ok("DELETE", "/event_subscriptions/" + sub["id"])
    assert_error(client.get("/event_subscriptions/" + sub["id"]), 404, None)


def test_event_subscription_validation(client):
    assert_error(client.post("/event_subscriptions", {"destination_ids": ["ed_2t7Q9rGUJN5QVBrJgi4bIWqALNd"]}), 400, 5103)
    assert_error(client.post("/event_subscriptions", {"sources": [{"type": "bogus"}]}), 400, 238)
    dup = [{"type": "ip_policy_created.v0"}, {"type": "ip_policy_created.v0"}]
    assert_error(client.post("/event_subscriptions", {"sources": dup}), 400, 5127)
    assert_error(client.post("/event_subscriptions", {"sources": [{"type": "ip_policy_created.v0", "x": 1}]}), 400, 214)
    assert_error(client.post("/event_subscriptions", {"sources": "ip_policy_created.v0"}), 400, 215)
    empty = client.ok("POST", "/event_subscriptions", {})
    assert empty["sources"] == [] and empty["destinations"] == []


def test_event_types_are_the_ones_ngrok_lists(client):
    """snippets/obs/_event-types-tables.mdx: a typo or an unknown version is ERR_NGROK_238."""
    listed = ["api_key_created.v0", "agent_session_stop.v0", "tunnel_credential_updated.v0", "tcp_address_deleted.v0",
              "ssh_public_key_created.v0", "secret_updated.v0", "vault_deleted.v0", "tcp_connection_closed.v0"]
    made = client.ok("POST", "/event_subscriptions", {"sources": [{"type": kind} for kind in listed]})
    assert [s["type"] for s in made["sources"]] == listed
    for typo in ("ip_policy_create.v0", "ip_policy_created.v1", "IP_POLICY_CREATED.V0", "http_request_completed.v0"):
        body = assert_error(client.post("/event_subscriptions", {"sources": [{"type": typo}]}), 400, 238)
        assert body["msg"].startswith("The provided event type: '%s' is not valid. Valid event types are '" % typo)
        assert_error(client.post("/event_subscriptions/%s/sources" % made["id"], {"type": typo}), 400, 238)


def test_event_sources(client, sim):
    sub = client.ok("POST", "/event_subscriptions", {"sources": [{"type": "ip_policy_created.v0"}]})
    base = "/event_subscriptions/%s/sources" % sub["id"]
    made = client.ok("POST", base, {"type": "http_request_complete.v0"})
    assert made == {"type": "http_request_complete.v0", "uri": sub["uri"] + "/sources/http_request_complete.v0"}
    listed = client.ok("GET", base)
    assert listed == {"sources": [{"type": "ip_policy_created.v0", "uri": sub["uri"] + "/sources/ip_policy_created.v0"}, made],
                      "uri": sub["uri"] + "/sources"}
    assert_error(client.get(base, params={"limit": "1"}), 400, 231)
    assert client.ok("GET", base + "/http_request_complete.v0") == made
    assert client.ok("PATCH", base + "/http_request_complete.v0", {}) == made
    assert_error(client.post(base, {"type": "http_request_complete.v0"}), 400, 5127)
    assert_error(client.post(base, {"type": "nope"}), 400, 238)
    assert_error(client.post(base, {"type": "ip_policy_created.v0", "filter": "x"}), 400, 214)
    client.ok("DELETE", base + "/http_request_complete.v0")
    assert_error(client.get(base + "/http_request_complete.v0"), 404, 5125)
    assert_error(client.delete(base + "/http_request_complete.v0"), 404, 5125)
    assert [s["type"] for s in client.ok("GET", "/event_subscriptions/" + sub["id"])["sources"]] == ["ip_policy_created.v0"]
    missing = "/event_subscriptions/esb_2cSjz2LJRguF8l36qjVzaxfnlI5/sources"
    assert_error(client.get(missing), 404, 5123)
    assert_error(client.post(missing, {"type": "ip_policy_created.v0"}), 404, 5123)
