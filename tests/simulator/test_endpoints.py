"""Cloud endpoints: ports per scheme, traffic policy documents, pooling, and the keys responses carry."""

import json

import pytest

from conftest import assert_error

HTTP_POLICY = '{"on_http_request": [{"actions": [{"type": "custom-response", "config": {"status_code": 200}}]}]}'
TCP_POLICY = '{"on_tcp_connect": [{"actions": [{"type": "deny"}]}]}'
# The keys of the recorded responses (EX _endpoints_create_response.mdx; the agent endpoint of
# _endpoints_list_response.mdx): no scheme, host or port, although the OpenAPI `Endpoint` documents them.
CLOUD_KEYS = {"bindings", "created_at", "description", "domain", "hostport", "id", "metadata", "pooling_enabled", "proto", "public_url",
              "traffic_policy", "type", "updated_at", "uri", "url"}
AGENT_KEYS = {"bindings", "created_at", "hostport", "id", "name", "pooling_enabled", "principal", "proto", "public_url", "tunnel",
              "tunnel_session", "type", "updated_at", "upstream_url", "url"}


def policy(phase, *types):
    """A one-rule policy document running ``types`` in ``phase``."""
    return json.dumps({phase: [{"actions": [{"type": kind} for kind in types]}]})


def rules(phase, *actions):
    """A one-rule policy document running ``actions`` (``(type, config or None)``) in ``phase``."""
    listed = [dict({"type": kind}, **({"config": config} if config is not None else {})) for kind, config in actions]
    return json.dumps({phase: [{"actions": listed}]})


def test_response_keys_match_the_recorded_examples(client):
    client.ok("POST", "/reserved_domains", {"domain": "endpoint-example2.com"})
    body = {"bindings": ["public"], "description": "sample cloud endpoint", "metadata": '{"environment": "staging"}',
            "traffic_policy": policy("on_http_request", "deny"), "type": "cloud", "url": "https://endpoint-example2.com:443"}
    cloud = client.ok("POST", "/endpoints", body)
    assert set(cloud) == CLOUD_KEYS
    assert (cloud["proto"], cloud["hostport"]) == ("https", "endpoint-example2.com:443")
    # filters still read the scheme, host and port the answers leave out
    found = client.ok("GET", "/endpoints?filter=" + 'obj.scheme == "https"')["endpoints"]
    assert [e["id"] for e in found] == [cloud["id"]]
    assert set(client.ok("GET", "/endpoints/" + cloud["id"])) == set(cloud)
    plain = client.ok("PATCH", "/endpoints/" + cloud["id"], {"description": "", "metadata": ""})
    assert set(plain) == set(cloud) - {"description", "metadata"}
    agent = client.ok("POST", "/_sim/agent_endpoints", {"url": "https://e3983d8a80a8.ngrok.app", "name": "command_line"})
    assert set(agent) == AGENT_KEYS
    assert agent["principal"]["uri"] == "" and agent["principal"]["id"].startswith("usr_")
    listed = {e["id"]: e for e in client.ok("GET", "/endpoints")["endpoints"]}
    assert listed == {cloud["id"]: plain, agent["id"]: agent}


@pytest.mark.parametrize("url, allowed", [
    ("http://web.example.com:8080", "80"), ("http://web.example.com:443", "80"), ("https://web.example.com:8443", "443"),
    ("https://web.example.com:80", "443"), ("tls://web.example.com:444", "443"),
])
def test_public_urls_live_on_their_schemes_port(client, url, allowed):
    client.ok("POST", "/reserved_domains", {"domain": "web.example.com"})
    scheme = url.split(":", 1)[0]
    doc = TCP_POLICY if scheme == "tls" else HTTP_POLICY
    body = assert_error(client.post("/endpoints", {"url": url, "traffic_policy": doc}), 400, 18023)
    assert body["msg"] == "Invalid port for URL with scheme %s, allowed ports are %s." % (scheme, allowed)
    assert_error(client.post("/_sim/agent_endpoints", {"url": url}), 400, 9035)


def test_ports_that_are_allowed(client):
    client.ok("POST", "/reserved_domains", {"domain": "web.example.com"})
    assert client.ok("POST", "/endpoints", {"url": "http://web.example.com:80", "traffic_policy": HTTP_POLICY})["url"] \
        == "http://web.example.com"
    made = client.ok("POST", "/endpoints", {"url": "tls://web.example.com:443", "traffic_policy": TCP_POLICY})
    assert made["hostport"] == "web.example.com:443"
    for url in ("https://api.internal:8443", "http://api.internal:81", "tcp://db.internal:5432"):
        doc = TCP_POLICY if url.startswith("tcp") else HTTP_POLICY
        assert client.ok("POST", "/endpoints", {"url": url, "traffic_policy": doc})["url"] == url
    first = client.ok("POST", "/reserved_addrs", {})
    second = client.ok("POST", "/reserved_addrs", {})
    host, port = first["addr"].rsplit(":", 1)
    made = client.ok("POST", "/endpoints", {"url": "tcp://" + first["addr"], "traffic_policy": TCP_POLICY})
    assert made["hostport"] == "%s:%s" % (host, port)
    ports = sorted(int(a["addr"].rsplit(":", 1)[1]) for a in (first, second))
    wrong = next(p for p in range(10000, 30001) if p not in ports)
    body = assert_error(client.post("/endpoints", {"url": "tcp://%s:%d" % (host, wrong), "traffic_policy": TCP_POLICY}), 400, 18023)
    assert body["msg"].endswith("allowed ports are %s." % ", ".join(str(p) for p in ports))
    assert_error(client.post("/endpoints", {"url": "tcp://9.tcp.example.com:1234", "traffic_policy": TCP_POLICY}), 400, 18006)
    assert_error(client.patch("/endpoints/" + made["id"], {"url": "tcp://%s:%d" % (host, wrong)}), 400, 18023)


@pytest.mark.parametrize("doc, code", [
    ("", 18002), ("   ", 18002), ("[1, 2]", 18002), ("on_http_request: [", 18002),
    ("{}", 2206), ('{"on_http_request": []}', 2206), ('{"on_http_request": null}', 2206),
    ('{"on_http_request": [{"actions": []}]}', 2206),
    ('{"on_request": [{"actions": [{"type": "deny"}]}]}', 18002),                          # unknown phase
    ('{"on_http_request": {"actions": [{"type": "deny"}]}}', 18002),                        # a phase is a list of rules
    ('{"on_http_request": ["deny"]}', 18002),
    ('{"on_http_request": [{"action": [{"type": "deny"}]}]}', 18002),                       # rule fields: name, expressions, actions
    ('{"on_http_request": [{"name": "x"}]}', 18002),
    ('{"on_http_request": [{"expressions": "true", "actions": [{"type": "deny"}]}]}', 18002),
    ('{"on_http_request": [{"actions": [{"config": {}}]}]}', 18002),                        # an action needs a type
    ('{"on_http_request": [{"actions": [{"type": "deny", "cfg": {}}]}]}', 18002),
    ('{"on_http_request": [{"actions": [{"type": "deny", "config": "x"}]}]}', 2203),         # a config is a mapping
    ('{"on_http_request": [{"actions": [{"type": "banana"}]}]}', 2201),                     # unknown action type
    ('{"on_http_request": [{"actions": [{"type": "saml"}]}]}', 2201),
    ('{"on_http_request": [{"actions": [{"type": "oidc", "config": {"issuer_url": "https://idp.example.com"}}]}]}', 2201),
    ('{"on_http_request": [{"actions": [{"type": "terminate-tls"}]}]}', 2202),              # action in a phase it does not support
    ('{"on_tcp_connect": [{"actions": [{"type": "custom-response"}]}]}', 2202),
    ('{"on_http_response": [{"actions": [{"type": "redirect"}]}]}', 2202),
])
def test_traffic_policy_documents(client, doc, code):
    client.ok("POST", "/reserved_domains", {"domain": "tp.example.com"})
    assert_error(client.post("/endpoints", {"url": "https://tp.example.com", "traffic_policy": doc}), 400, code)


def test_traffic_policy_messages_and_protocols(client):
    client.ok("POST", "/reserved_domains", {"domain": "tp.example.com"})
    body = assert_error(client.post("/endpoints", {"url": "https://tp.example.com", "traffic_policy": policy("on_http_request", "banana")}),
                        400, 2201)
    assert body["msg"] == "Invalid policy action type 'banana'."
    body = assert_error(client.post("/endpoints", {"url": "https://tp.example.com",
                                                   "traffic_policy": policy("on_http_request", "terminate-tls")}), 400, 2202)
    assert body["msg"] == "Action type 'terminate-tls' is not supported for 'on_http_request' traffic policy rule."
    body = assert_error(client.post("/endpoints", {"url": "https://tp.example.com", "traffic_policy": "{}"}), 400, 2206)
    assert body["msg"] == "A policy must define at least one action."
    addr = client.ok("POST", "/reserved_addrs", {})["addr"]
    body = assert_error(client.post("/endpoints", {"url": "tcp://" + addr, "traffic_policy": HTTP_POLICY}), 400, 2230)
    assert body["msg"] == "Invalid Traffic Policy phase 'on_http_request' for protocol 'tcp'."
    assert_error(client.post("/endpoints", {"url": "tls://tp.example.com", "traffic_policy": HTTP_POLICY}), 400, 2230)
    # every phase and a documented action of each, with its required configuration; YAML as well as JSON
    documents = [
        rules("on_tcp_connect", ("restrict-ips", {"enforce": True, "allow": ["10.0.0.0/8"]}),
              ("set-vars", {"vars": [{"tier": "gold"}]}), ("log", {"metadata": {"where": "edge"}}), ("close-connection", None)),
        rules("on_http_request", ("add-headers", {"headers": {"x-tier": "gold"}}),
              ("basic-auth", {"credentials": ["ops:correct-horse"]}),
              ("rate-limit", {"name": "per-ip", "algorithm": "sliding_window", "capacity": 10, "rate": "60s",
                              "bucket_key": ["conn.client_ip"]}),
              ("url-rewrite", {"to": "/v2"}), ("verify-webhook", {"provider": "github", "secret": "hunter22"}),
              ("openid-connect", {"issuer_url": "https://idp.example.com"}),
              ("forward-internal", {"url": "https://api.internal"})),
        rules("on_http_response", ("add-headers", {"headers": {"x-served": "edge"}}), ("compress-response", None),
              ("owasp-crs-response", {"on_error": "halt"}), ("custom-response", {"status_code": 503})),
        rules("on_event_stream_message", ("sse-find-replace", {"replacements": [{"from": "secret", "to": "***"}]})),
        "on_http_request:\n  - name: block bots\n    expressions:\n      - \"req.user_agent.is_bot\"\n    actions:\n      - type: deny\n"
        "        config:\n          status_code: 403\n",
    ]
    endpoint = client.ok("POST", "/endpoints", {"url": "https://tp.example.com", "traffic_policy": documents[0]})
    for doc in documents[1:]:
        assert client.ok("PATCH", "/endpoints/" + endpoint["id"], {"traffic_policy": doc})["traffic_policy"] == doc
    assert_error(client.patch("/endpoints/" + endpoint["id"], {"traffic_policy": policy("on_http_request", "nope")}), 400, 2201)
    assert client.ok("POST", "/endpoints", {"url": "tls://tp.example.com", "traffic_policy": policy("on_tcp_connect", "terminate-tls", "deny")})
    body = assert_error(client.post("/endpoints", {"url": "tcp://" + addr, "traffic_policy": policy("on_tcp_connect", "terminate-tls")}),
                        400, 2205)
    assert body["msg"] == "Policy action type 'terminate-tls' does not support the 'tcp' protocol."


@pytest.mark.parametrize("action, code", [
    (("forward-internal", None), 2234),                                                   # a required field is missing
    (("forward-internal", {"url": ""}), 2223),                                            # ... or empty
    (("forward-internal", {"url": "https://a.internal", "retries": 3}), 2203),            # a field the page does not list
    (("redirect", {"to": "/new", "status_code": "301"}), 2203),                           # a value of the wrong type
    (("redirect", {"to": "/new", "status_code": 200}), 2215),                             # "A 3xx status code"
    (("forward-internal", {"url": "https://a.internal", "on_error": "retry"}), 2222),     # outside the documented values
    (("add-headers", {"headers": {"h%d" % i: "v" for i in range(11)}}), 2218),            # "Maximum 10"
    (("remove-headers", {"headers": []}), 2237),                                          # "Minimum 1"
    (("compress-response", {"algorithms": ["zstd"]}), 2214),
    (("compress-response", {"algorithms": ["gzip", "gzip"]}), 2231),                      # "Each element must be unique"
    (("set-vars", {"vars": [{"a": 1, "b": 2}]}), 2252),                                   # "exactly size 1"
    (("basic-auth", {"credentials": ["ops:short"]}), 2237),                               # passwords of 8 to 128 characters
    (("basic-auth", {"credentials": ["no-separator"]}), 2257),
    (("restrict-ips", {"enforce": True, "allow": ["10.0.0.0/33"]}), 2217),
    (("restrict-ips", {"enforce": True, "ip_policies": ["ipp_2cSjxfcZYbRh0337bsfe4llBq1H"]}), 2216),
    (("rate-limit", {"name": "n", "algorithm": "sliding_window", "capacity": 1, "rate": "65s", "bucket_key": []}), 2222),
    (("rate-limit", {"name": "n", "algorithm": "sliding_window", "capacity": 1, "rate": "10s", "bucket_key": []}), 2215),
    (("http-request", {"url": "https://hook.example.com", "timeout": "soon"}), 2228),
    (("oauth", {"provider": "myspace"}), 2222),
    (("jwt-validation", {"issuer": {"allow_list": [{"value": "https://idp.example.com"}]}}), 2234),
])
def test_action_configuration(client, action, code):
    client.ok("POST", "/reserved_domains", {"domain": "tp.example.com"})
    assert_error(client.post("/endpoints", {"url": "https://tp.example.com", "traffic_policy": rules("on_http_request", action)}),
                 400, code)


def test_restrict_ips_names_the_accounts_ip_policies(client):
    client.ok("POST", "/reserved_domains", {"domain": "tp.example.com"})
    ipp = client.ok("POST", "/ip_policies", {"description": "office"})["id"]
    doc = rules("on_tcp_connect", ("restrict-ips", {"enforce": True, "ip_policies": [ipp]}))
    assert client.ok("POST", "/endpoints", {"url": "https://tp.example.com", "traffic_policy": doc})["traffic_policy"] == doc


@pytest.mark.parametrize("url, code", [
    ("http://app.example", None), ("http://app.example:12345", None), ("tcp://app.example:443", None),
    ("tcp://app.example:12345", None), ("HTTP://App.Example:80", None),
    ("https://app.example", 18018), ("tls://app.example:12345", 18018),       # "invalid scheme"
    ("http://app.foo.bar", 18001), ("http://*.example", 18001),               # "must have only two parts", no wildcard
    ("tcp://app.example", 18003),                                             # "tcp endpoint must specify port number"
])
def test_kubernetes_bound_urls(client, url, code):
    """snippets/gateway/shared/kubernetes-endpoints-source.mdx ("URL examples"): no reservation is needed."""
    policy_doc = TCP_POLICY if url.lower().startswith(("tcp", "tls")) else HTTP_POLICY
    resp = client.post("/endpoints", {"url": url, "traffic_policy": policy_doc, "bindings": ["kubernetes"]})
    if code is None:
        made = resp.json()
        assert resp.status_code == 201, made
        assert made["bindings"] == ["kubernetes"] and "domain" not in made and "tcp_addr" not in made
        assert made["url"] == url.lower().replace(":80", "")
    else:
        body = assert_error(resp, 400, code)
        if code == 18018:
            assert body["msg"] == ("Supported protocols for kubernetes-bound endpoints are http, tls, and tcp. You provided '%s'."
                                   % url.split(":")[0])
    agent = client.post("/_sim/agent_endpoints", {"url": url.replace("pp.", "gent."), "bindings": ["kubernetes"]})
    assert agent.status_code == (201 if code is None else 400), agent.text


def test_kubernetes_binding_added_later_checks_the_url(client):
    client.ok("POST", "/reserved_domains", {"domain": "web.example.com"})
    made = client.ok("POST", "/endpoints", {"url": "https://web.example.com", "traffic_policy": HTTP_POLICY})
    assert_error(client.patch("/endpoints/" + made["id"], {"bindings": ["kubernetes"]}), 400, 18018)
    k8s = client.ok("POST", "/endpoints", {"url": "http://web.prod", "traffic_policy": HTTP_POLICY, "bindings": ["kubernetes"]})
    assert_error(client.patch("/endpoints/" + k8s["id"], {"url": "http://web.prod.cluster"}), 400, 18001)
    assert_error(client.patch("/endpoints/" + k8s["id"], {"bindings": ["public"]}), 400, 18006)


@pytest.mark.parametrize("host, depth", [
    ("a.internal", None), ("a.b.c.d.e.internal", None), ("a.b.c.d.e.f.internal", 6), ("*.b.c.d.e.f.g.internal", 7),
])
def test_internal_host_names_have_at_most_five_labels(client, host, depth):
    """snippets/gateway/shared/internal-endpoints-source.mdx: "up to 5 subdomains" (ERR_NGROK_9031)."""
    url = "https://" + host
    resp = client.post("/endpoints", {"url": url, "traffic_policy": HTTP_POLICY})
    if depth is None:
        assert resp.status_code == 201, resp.text
        return
    body = assert_error(resp, 400, 9031)
    assert body["msg"] == "Failed to start endpoint with URL '%s'. Endpoints must have at most 5 parts, but had '%d'." % (url, depth)
    assert_error(client.post("/_sim/agent_endpoints", {"url": url}), 400, 9031)


def test_pooling(client):
    client.ok("POST", "/reserved_domains", {"domain": "pool.example.com"})
    url = "https://pool.example.com"
    first = client.ok("POST", "/endpoints", {"url": url, "traffic_policy": HTTP_POLICY, "pooling_enabled": True})
    second = client.ok("POST", "/endpoints", {"url": url, "traffic_policy": HTTP_POLICY, "pooling_enabled": True})
    body = assert_error(client.post("/endpoints", {"url": url, "traffic_policy": HTTP_POLICY}), 400, 18017)
    assert body["msg"] == ("The provided cloud endpoint was invalid because pooling was set to disabled when another endpoint "
                           "exists for this url.")
    assert_error(client.patch("/endpoints/" + second["id"], {"pooling_enabled": False}), 400, 18017)
    # kubernetes-bound endpoints pool among themselves, under the same rules
    k8s = {"url": "http://web.prod", "traffic_policy": HTTP_POLICY, "bindings": ["kubernetes"]}
    client.ok("POST", "/endpoints", k8s)
    assert_error(client.post("/endpoints", k8s), 400, 18017)
    client.ok("DELETE", "/endpoints/" + first["id"])
    client.ok("DELETE", "/endpoints/" + second["id"])
    alone = client.ok("POST", "/endpoints", {"url": url, "traffic_policy": HTTP_POLICY})
    body = assert_error(client.post("/endpoints", {"url": url, "traffic_policy": HTTP_POLICY, "pooling_enabled": True}), 400, 18016)
    assert body["msg"] == ("The provided cloud endpoint was invalid because pooling was set to enabled when another endpoint exists "
                           "for this url that has pooling disabled.")
    assert_error(client.post("/endpoints", {"url": url, "traffic_policy": HTTP_POLICY}), 400, 18017)
    assert client.ok("PATCH", "/endpoints/" + alone["id"], {"pooling_enabled": True})["pooling_enabled"] is True
    # agent and cloud endpoints pool with each other under the same rules
    client.ok("POST", "/_sim/agent_endpoints", {"url": "https://dev.ngrok.app"})
    client.ok("POST", "/reserved_domains", {"domain": "dev.ngrok.app"})
    assert_error(client.post("/endpoints", {"url": "https://dev.ngrok.app", "traffic_policy": HTTP_POLICY, "pooling_enabled": True}),
                 400, 18016)
    assert_error(client.post("/endpoints", {"url": "https://dev.ngrok.app", "traffic_policy": HTTP_POLICY}), 400, 18017)
    assert_error(client.post("/_sim/agent_endpoints", {"url": url}), 400, 18017)
    assert client.post("/_sim/agent_endpoints", {"url": url, "pooling_enabled": True}).status_code == 201


def test_new_ai_gateways_are_refused_existing_ones_stay_manageable(client):
    """The AI Gateway moved to ngrok.ai (ERR_NGROK_18024): no endpoint may become a gateway, a legacy one may keep it."""
    gateway = policy("on_http_request", "ai-gateway")
    client.ok("POST", "/reserved_domains", {"domain": "gw.example.com"})
    body = assert_error(client.post("/endpoints", {"url": "https://gw.example.com", "traffic_policy": gateway}), 400, 18024)
    assert body["msg"] == ("AI Gateway has moved to https://app.ngrok.ai. This API only allows managing existing legacy "
                           "gateways.")
    plain = client.ok("POST", "/endpoints", {"url": "https://gw.example.com", "traffic_policy": HTTP_POLICY})
    assert_error(client.patch("/endpoints/" + plain["id"], {"traffic_policy": gateway}), 400, 18024)
    # a gateway made before the move (seeded): its policy may keep the action, and drop it
    seed = {"url": "https://legacy-gw.ngrok.app", "type": "cloud", "traffic_policy": gateway}
    legacy = client.ok("POST", "/_sim/agent_endpoints", seed)
    kept = policy("on_http_request", "add-headers", "ai-gateway")
    assert client.ok("PATCH", "/endpoints/" + legacy["id"], {"traffic_policy": kept})["traffic_policy"] == kept
    assert_error(client.patch("/endpoints/" + legacy["id"], {"traffic_policy": policy("on_http_response", "ai-gateway")}),
                 400, 2202)
    client.ok("PATCH", "/endpoints/" + legacy["id"], {"traffic_policy": HTTP_POLICY})
    assert_error(client.patch("/endpoints/" + legacy["id"], {"traffic_policy": gateway}), 400, 18024)
