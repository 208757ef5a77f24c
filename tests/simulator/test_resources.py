"""Per-resource rules: fields, normalisation, uniqueness, validation, delete refusals."""

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519

from certs import make_cert
from conftest import assert_error

POLICY = '{"on_http_request": [{"actions": [{"type": "custom-response", "config": {"status_code": 200}}]}]}'
TCP_POLICY = '{"on_tcp_connect": [{"actions": [{"type": "deny"}]}]}'


# -- reserved domains ---------------------------------------------------------
def test_reserved_domain_create_and_normalise(client):
    rd = client.ok("POST", "/reserved_domains", {"domain": " My-App.ngrok.app. ", "description": ""})
    assert rd["id"].startswith("rd_") and rd["domain"] == "my-app.ngrok.app"
    assert list(rd) == ["id", "uri", "created_at", "domain", "region", "cname_target", "certificate", "certificate_management_policy",
                        "certificate_management_status", "acme_challenge_cname_target", "resolves_to",
                        "http_endpoint_configuration", "https_endpoint_configuration", "error_redirect_url", "is_dev"]
    # the legacy keys of every recorded answer (EX _reserved_domains_*_response.mdx)
    assert (rd["http_endpoint_configuration"], rd["https_endpoint_configuration"], rd["error_redirect_url"], rd["is_dev"]) \
        == (None, None, None, False)
    assert rd["cname_target"] is None and rd["certificate"] is None and rd["resolves_to"] == [] and rd["region"] == ""
    custom = client.ok("POST", "/reserved_domains", {"domain": "api.example.com", "region": "eu"})
    assert custom["cname_target"].endswith(".ngrok-cname.com") and custom["acme_challenge_cname_target"] is None
    wild = client.ok("POST", "/reserved_domains", {"name": "*.example.org"})
    assert wild["acme_challenge_cname_target"]
    assert_error(client.post("/reserved_domains", {"domain": "MY-APP.ngrok.app"}), 409, 413)
    assert_error(client.post("/reserved_domains", {"domain": "a.example.net", "name": "a.example.net"}), 400, 449)
    assert_error(client.patch("/reserved_domains/" + rd["id"], {"domain": "x.example.com"}), 400, 214)
    assert_error(client.patch("/reserved_domains/" + rd["id"], {}), 400, 422)
    assert_error(client.post("/reserved_domains", {"domain": "a.example.com", "region": "mars"}), 400, 400)


def test_reserved_domain_validation(client):
    for domain, code in (("bad!.example.com", 406), ("-a.example.com", 407), ("a-.example.com", 408), ("a..example.com", 409),
                         ("ab--cd.example.com", 410), ("under_score.example.com", 438), ("localhost", 448),
                         ("a.*.example.com", 402), ("*a.example.com", 403), ("x.ngrok.com", 404)):
        assert_error(client.post("/reserved_domains", {"domain": domain}), 400, code)
    assert client.post("/reserved_domains", {"domain": "xn--bcher-kva.example.com"}).status_code == 201


def test_reserved_domain_certificates(client):
    cert_pem, key_pem = make_cert("shop.example.com")[:2]
    cert = client.ok("POST", "/tls_certificates", {"certificate_pem": cert_pem, "private_key_pem": key_pem})
    policy = {"authority": "letsencrypt"}
    assert_error(client.post("/reserved_domains", {"domain": "shop.example.com", "certificate_id": cert["id"],
                                                   "certificate_management_policy": policy}), 400, 434)
    assert_error(client.post("/reserved_domains", {"domain": "x.ngrok.app", "certificate_id": cert["id"]}), 400, 440)
    assert_error(client.post("/reserved_domains", {"domain": "x.ngrok.app", "certificate_management_policy": policy}), 400, 439)
    assert_error(client.post("/reserved_domains", {"domain": "shop.example.com",
                                                   "certificate_management_policy": {"authority": "zerossl"}}), 400, 435)
    rd = client.ok("POST", "/reserved_domains", {"domain": "shop.example.com", "certificate_id": cert["id"]})
    assert rd["certificate"] == {"id": cert["id"], "uri": client.url + "/tls_certificates/" + cert["id"]}
    managed = client.ok("PATCH", "/reserved_domains/" + rd["id"], {"certificate_management_policy": policy})
    assert managed["certificate"] is None
    assert managed["certificate_management_policy"] == {"authority": "letsencrypt", "private_key_type": "ecdsa"}
    assert managed["certificate_management_status"] is not None
    assert_error(client.delete("/reserved_domains/%s/certificate" % rd["id"]), 400, 436)
    assert client.delete("/reserved_domains/%s/certificate_management_policy" % rd["id"]).status_code == 204
    got = client.ok("GET", "/reserved_domains/" + rd["id"])
    assert got["certificate_management_policy"] is None and got["certificate_management_status"] is None
    client.ok("PATCH", "/reserved_domains/" + rd["id"], {"certificate_id": cert["id"]})
    assert client.delete("/reserved_domains/%s/certificate" % rd["id"]).status_code == 204
    assert client.ok("GET", "/reserved_domains/" + rd["id"])["certificate"] is None


def test_reserved_domain_delete_refused_while_endpoint_uses_it(client):
    rd = client.ok("POST", "/reserved_domains", {"domain": "svc.ngrok.app"})
    ep = client.ok("POST", "/endpoints", {"url": "https://svc.ngrok.app", "type": "cloud", "traffic_policy": POLICY})
    assert_error(client.delete("/reserved_domains/" + rd["id"]), 400, 446)
    client.ok("DELETE", "/endpoints/" + ep["id"])
    client.ok("DELETE", "/reserved_domains/" + rd["id"])
    assert_error(client.get("/reserved_domains/" + rd["id"]), 404, None)


# -- reserved addrs -------------------------------------------------------------
def test_reserved_addr(client):
    ra = client.ok("POST", "/reserved_addrs", {"description": "db", "region": ""})
    assert ra["region"] == "us" and ra["addr"].startswith("1.tcp.ngrok.io:")
    assert list(ra) == ["id", "uri", "created_at", "description", "addr", "region", "endpoint_configuration"]
    assert ra["endpoint_configuration"] is None                 # as recorded (EX _reserved_addrs_*_response.mdx)
    eu = client.ok("POST", "/reserved_addrs", {"region": "eu"})
    assert eu["addr"].startswith("1.tcp.eu.ngrok.io:") and eu["addr"] != ra["addr"]
    assert_error(client.post("/reserved_addrs", {"region": "xx"}), 400, 500)
    assert_error(client.patch("/reserved_addrs/" + ra["id"], {}), 400, 506)
    assert_error(client.patch("/reserved_addrs/" + ra["id"], {"region": "eu"}), 400, 214)
    assert_error(client.post("/reserved_addrs", {"description": "é" * 128}), 400, 504)
    found = client.ok("GET", "/reserved_addrs?filter=" + 'obj.addr == "%s"' % ra["addr"])
    assert [x["id"] for x in found["reserved_addrs"]] == [ra["id"]]


# -- ip policies, rules, restrictions ------------------------------------------
def test_ip_policy_rules(client):
    pol = client.ok("POST", "/ip_policies", {"description": "office"})
    assert list(pol) == ["id", "uri", "created_at", "description"]
    assert_error(client.patch("/ip_policies/" + pol["id"], {}), 400, 1400)
    rule = client.ok("POST", "/ip_policy_rules", {"ip_policy_id": pol["id"], "cidr": "2001:DB8::/32", "action": "allow"})
    assert rule["cidr"] == "2001:db8::/32"
    assert rule["ip_policy"] == {"id": pol["id"], "uri": client.url + "/ip_policies/" + pol["id"]}
    assert_error(client.post("/ip_policy_rules", {"ip_policy_id": pol["id"], "cidr": "2001:db8::/32", "action": "deny"}), 409, 1408)
    assert_error(client.post("/ip_policy_rules", {"ip_policy_id": pol["id"], "cidr": "10.0.0.1/8", "action": "deny"}), 400, 1409)
    assert_error(client.post("/ip_policy_rules", {"ip_policy_id": pol["id"], "cidr": "10.0.0.1", "action": "deny"}), 400, 1413)
    assert_error(client.post("/ip_policy_rules", {"ip_policy_id": pol["id"], "cidr": "nonsense/8", "action": "deny"}), 400, 1406)
    assert_error(client.post("/ip_policy_rules", {"ip_policy_id": pol["id"], "cidr": "10.0.0.0/8", "action": "maybe"}), 400, 1422)
    assert_error(client.post("/ip_policy_rules", {"ip_policy_id": pol["id"], "cidr": "10.0.0.0/8"}), 400, 1405)
    assert_error(client.post("/ip_policy_rules", {"ip_policy_id": "ipp_nope", "cidr": "10.0.0.0/8", "action": "deny"}), 400, 1414)
    assert_error(client.patch("/ip_policy_rules/" + rule["id"], {"action": "deny"}), 400, 214)
    assert_error(client.patch("/ip_policy_rules/" + rule["id"], {}), 400, 1401)
    other = client.ok("POST", "/ip_policies", {})
    client.ok("POST", "/ip_policy_rules", {"ip_policy_id": other["id"], "cidr": "2001:db8::/32", "action": "deny"})
    listed = client.ok("GET", '/ip_policy_rules?filter=obj.ip_policy.id == "%s"' % pol["id"])
    assert [r["id"] for r in listed["ip_policy_rules"]] == [rule["id"]]
    client.ok("DELETE", "/ip_policies/" + pol["id"])
    assert_error(client.get("/ip_policy_rules/" + rule["id"]), 404, None)


def test_ip_restrictions(client):
    pol = client.ok("POST", "/ip_policies", {"description": "p"})
    client.ok("POST", "/ip_policy_rules", {"ip_policy_id": pol["id"], "cidr": "10.0.0.0/8", "action": "allow"})
    ipx = client.ok("POST", "/ip_restrictions", {"type": "api", "ip_policy_ids": [pol["id"]]})
    assert ipx["enforced"] is False and ipx["ip_policies"] == [{"id": pol["id"], "uri": client.url + "/ip_policies/" + pol["id"]}]
    assert_error(client.post("/ip_restrictions", {"type": "api", "ip_policy_ids": [pol["id"]]}), 409, 1802)
    assert_error(client.post("/ip_restrictions", {"type": "ssh", "ip_policy_ids": [pol["id"]]}), 400, 1803)
    assert_error(client.post("/ip_restrictions", {"type": "agent", "ip_policy_ids": []}), 400, 1804)
    assert_error(client.post("/ip_restrictions", {"type": "agent", "ip_policy_ids": ["ipp_missing"]}), 400, 1801)
    assert_error(client.patch("/ip_restrictions/" + ipx["id"], {"type": "agent"}), 400, 214)
    assert_error(client.delete("/ip_policies/" + pol["id"]), 400, 1420)
    upd = client.ok("PATCH", "/ip_restrictions/" + ipx["id"], {"enforced": True})
    assert upd["enforced"] is True
    client.ok("DELETE", "/ip_restrictions/" + ipx["id"])
    client.ok("DELETE", "/ip_policies/" + pol["id"])


# -- endpoints --------------------------------------------------------------------
def test_cloud_endpoints(client):
    client.ok("POST", "/reserved_domains", {"domain": "web.example.com"})
    ep = client.ok("POST", "/endpoints", {"url": "HTTPS://Web.Example.com:443", "type": "cloud", "traffic_policy": POLICY,
                                          "description": "front"})
    assert ep["url"] == "https://web.example.com" and ep["hostport"] == "web.example.com:443" and "port" not in ep
    assert ep["type"] == "cloud" and ep["bindings"] == ["public"] and ep["pooling_enabled"] is False
    assert ep["traffic_policy"] == POLICY and ep["domain"]["id"].startswith("rd_")
    assert_error(client.post("/endpoints", {"url": "https://other.example.com", "traffic_policy": POLICY}), 400, 18006)
    assert_error(client.post("/endpoints", {"url": "https://web.example.com", "traffic_policy": POLICY, "type": "agent"}), 400, 248)
    assert_error(client.post("/endpoints", {"url": "https://web.example.com", "traffic_policy": ""}), 400, 18002)
    assert_error(client.post("/endpoints", {"url": "https://web.example.com"}), 400, 18015)
    assert_error(client.post("/endpoints", {"url": "https://web.example.com/", "traffic_policy": POLICY}), 400, 9038)
    assert_error(client.post("/endpoints", {"url": "ftp://web.example.com", "traffic_policy": POLICY}), 400, 9036)
    assert_error(client.patch("/endpoints/" + ep["id"], {"type": "cloud"}), 400, 214)
    assert_error(client.patch("/endpoints/" + ep["id"], {}), 400, 18004)
    assert_error(client.patch("/endpoints/" + ep["id"], {"url": "tls://web.example.com"}), 400, 18005)
    yaml_policy = "on_http_request:\n  - actions:\n      - type: deny\n"
    upd = client.ok("PATCH", "/endpoints/" + ep["id"], {"traffic_policy": yaml_policy})
    assert upd["traffic_policy"] == yaml_policy and upd["description"] == "front"
    internal = client.ok("POST", "/endpoints", {"url": "https://api.internal", "traffic_policy": POLICY})
    assert internal["bindings"] == ["internal"] and "domain" not in internal
    assert_error(client.post("/endpoints", {"url": "https://web2.internal", "traffic_policy": POLICY, "bindings": ["public"]}),
                 400, 15005)
    ra = client.ok("POST", "/reserved_addrs", {})
    tcp = client.ok("POST", "/endpoints", {"url": "tcp://" + ra["addr"], "traffic_policy": TCP_POLICY})
    assert tcp["tcp_addr"]["id"] == ra["id"] and tcp["url"] == "tcp://" + ra["addr"] and "domain" not in tcp
    assert_error(client.post("/endpoints", {"url": "tcp://1.tcp.ngrok.io", "traffic_policy": TCP_POLICY}), 400, 18003)


def test_agent_endpoints_are_read_only(client):
    resp = client.post("/_sim/agent_endpoints", {"url": "https://dev.ngrok.app", "description": "laptop"})
    assert resp.status_code == 201, resp.text
    agent = resp.json()
    assert agent["type"] == "agent" and agent["tunnel"]["id"].startswith("tn_")
    listed = client.ok("GET", '/endpoints?filter=obj.type == "agent"')
    assert [e["id"] for e in listed["endpoints"]] == [agent["id"]]
    assert_error(client.patch("/endpoints/" + agent["id"], {"description": "x"}), 400, 18014)
    assert_error(client.delete("/endpoints/" + agent["id"]), 400, 18014)


# -- vaults and secrets ----------------------------------------------------------
def test_vaults_and_secrets(client, sim):
    vault = client.ok("POST", "/vaults", {"name": "prod/app"})
    assert list(vault) == ["id", "uri", "created_at", "updated_at", "name", "created_by", "last_updated_by"]
    for name, code in (("", 23001), ("bad name", 23000), ("a+b", 23000), ("x" * 64, 23002)):
        assert_error(client.post("/vaults", {"name": name}), 400, code)
    assert_error(client.post("/vaults", {"name": "prod/app"}), 409, 23004)
    secret = client.ok("POST", "/vault_secrets", {"vault_id": vault["id"], "name": "db_password", "value": "hunter2-top-secret"})
    assert "value" not in secret and secret["vault"]["id"] == vault["id"] and secret["vault_name"] == "prod/app"
    assert secret["created_by"]["uri"] == ""
    assert_error(client.post("/vault_secrets", {"vault_name": "prod/app", "name": "db_password", "value": "x"}), 409, 24005)
    assert_error(client.post("/vault_secrets", {"name": "a", "value": "x"}), 400, 24008)
    assert_error(client.post("/vault_secrets", {"vault_name": "nope", "name": "a", "value": "x"}), 400, 24009)
    assert_error(client.post("/vault_secrets", {"vault_id": vault["id"], "name": "a", "value": ""}), 400, 24003)
    assert_error(client.patch("/vault_secrets/" + secret["id"], {"vault_id": vault["id"]}), 400, 214)
    upd = client.ok("PATCH", "/vault_secrets/" + secret["id"], {"value": "new-value-123"})
    assert "value" not in upd
    by_vault = client.ok("GET", "/vaults/%s/secrets?limit=1" % vault["id"])
    assert [s["id"] for s in by_vault["secrets"]] == [secret["id"]] and by_vault["next_page_uri"] is None
    assert by_vault["uri"] == client.url + "/vaults/%s/secrets" % vault["id"]
    assert_error(client.get("/vaults/%s/secrets?filter=true" % vault["id"]), 400, 231)
    assert_error(client.delete("/vaults/" + vault["id"]), 400, 23003)
    client.ok("DELETE", "/vault_secrets/" + secret["id"])
    client.ok("DELETE", "/vaults/" + vault["id"])
    log = client.ok("GET", "/_sim/requests?limit=50")["requests"]
    assert "hunter2-top-secret" not in str(log) and "new-value-123" not in str(log)
    del sim


def test_vault_and_secret_names_take_hyphens(client):
    """EX _vaults_create_request.mdx reserves "prod-vault", _secrets_create_request.mdx "db-password"."""
    vault = client.ok("POST", "/vaults", {"name": "prod-vault"})
    secret = client.ok("POST", "/vault_secrets", {"vault_id": vault["id"], "name": "db-password", "value": "x"})
    assert (vault["name"], secret["name"], secret["vault_name"]) == ("prod-vault", "db-password", "prod-vault")
    client.ok("PATCH", "/vaults/" + vault["id"], {"name": "prod-vault-2"})
    for name in ("db password", "db+password", "db:password"):
        body = assert_error(client.post("/vault_secrets", {"vault_id": vault["id"], "name": name, "value": "x"}), 400, 24000)
        assert "a-zA-Z0-9_/.-" in body["msg"]
    assert_error(client.post("/vaults", {"name": "prod vault"}), 400, 23000)


# -- TLS certificates ----------------------------------------------------------
def test_tls_certificates(client):
    # The recorded serial 054ba70d...: whole bytes in hex, so a first byte below 0x10 keeps its leading zero.
    cert_pem, key_pem, serial = make_cert("www.example.com", serial=0x054ba70dd03882382d11b640f30f4b8e1be5ddb1)
    cert = client.ok("POST", "/tls_certificates", {"certificate_pem": cert_pem, "private_key_pem": key_pem, "description": "web"})
    assert "private_key_pem" not in cert
    assert cert["subject_common_name"] == "www.example.com" and cert["serial_number"] == "%040x" % serial
    assert cert["subject_alternative_names"] == {"dns_names": ["www.example.com"], "ips": ["10.1.2.3"]}
    assert cert["not_before"] == "2025-01-01T00:00:00Z" and cert["issued_at"] is None
    assert cert["private_key_type"] == "ecdsa" and cert["subject_organization"] == "Example Org" and cert["subject_country"] == "DE"
    assert cert["extended_key_usages"] == ["server_auth"] and "digital_signature" in cert["key_usages"]
    other_pem, other_key = make_cert("other.example.com")[:2]
    assert_error(client.post("/tls_certificates", {"certificate_pem": cert_pem, "private_key_pem": other_key}), 400, 1923)
    assert_error(client.post("/tls_certificates", {"certificate_pem": "garbage", "private_key_pem": key_pem}), 400, 1922)
    assert_error(client.post("/tls_certificates", {"certificate_pem": other_pem}), 400, 1901)
    bad = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"
    assert_error(client.post("/tls_certificates", {"certificate_pem": bad, "private_key_pem": key_pem}), 400, 1900)
    assert_error(client.patch("/tls_certificates/" + cert["id"], {"certificate_pem": cert_pem}), 400, 214)
    found = client.ok("GET", '/tls_certificates?filter=obj.not_after > timestamp("2025-02-01T00:00:00Z")')
    assert [c["id"] for c in found["tls_certificates"]] == [cert["id"]]


# -- credentials and service users --------------------------------------------
def test_credentials_and_service_users(client, sim):
    cred = client.ok("POST", "/credentials", {"description": "agent", "acl": ["bind:*.example.com"]})
    assert cred["token"].startswith(cred["id"].split("_", 1)[1] + "_") and cred["acl"] == ["bind:*.example.com"]
    assert client.ok("GET", "/credentials/" + cred["id"])["token"] is None
    assert client.ok("POST", "/credentials", {})["acl"] == []
    assert_error(client.post("/credentials", {"acl": ["connect:x"]}), 400, 600)
    assert_error(client.patch("/credentials/" + cred["id"], {}), 400, 606)
    assert_error(client.patch("/credentials/" + cred["id"], {"owner_id": "usr_x"}), 400, 214)
    assert_error(sim.client(cred["token"]).get("/api_keys"), 403, 206)
    bot = client.ok("POST", "/service_users", {"name": "ci-bot"})
    assert bot["active"] is True and list(bot) == ["id", "uri", "name", "active", "created_at"]
    assert_error(client.post("/service_users", {"name": "ci-bot"}), 409, 4112)
    assert_error(client.post("/service_users", {"name": ""}), 400, 4109)
    key = client.ok("POST", "/api_keys", {"owner_id": bot["id"]})
    assert key["owner_id"] == bot["id"]
    assert_error(client.post("/api_keys", {"owner_id": "usr_unknown"}), 400, 634)
    assert_error(client.get('/service_users?filter=obj.name == "ci-bot"'), 400, 250)
    assert client.ok("PATCH", "/service_users/" + bot["id"], {"active": False})["active"] is False


def test_credential_acl_rules(client):
    """ERR_NGROK_600; the forms come from the credential `acl` description (OpenAPI) and the authtoken ACL guide."""
    good = ["*", "bind:*", "bind:example.ngrok.io", "bind:*.example.com", "bind:x.internal", "bind:*.gateway1.internal",
            "bind:1.tcp.ngrok.io:20002", "bind:10.0.0.1:22", "bind:foo=bar", "bind:app=*", "bind:*=example", "bind:*=*",
            "bind:132.devices.company.com"]
    for path, extra in (("/credentials", {}), ("/ssh_credentials", None)):
        for rule in good:
            body = {"acl": [rule]}
            if extra is None:
                body["public_key"] = _ssh_key()
            assert client.post(path, body).status_code == 201, (path, rule)
    bad = ["", "connect:x", "bind:", "bind:a.*.example.com", "bind:*a.example.com", "bind:**.example.com", "bind:localhost",
           "bind:-x.example.com", "bind:x_y.example.com", "bind:1.tcp.ngrok.io:0", "bind:1.tcp.ngrok.io:70000",
           "bind:*.tcp.ngrok.io:1234", "bind:=x", "bind:app=", "bind:a=b=c", "bind: example.com", "BIND:example.com"]
    cred = client.ok("POST", "/credentials", {})
    for rule in bad:
        body = assert_error(client.post("/credentials", {"acl": ["*", rule]}), 400, 600)
        assert body["msg"].endswith("You specified: %s." % rule)
        assert_error(client.patch("/credentials/" + cred["id"], {"acl": [rule]}), 400, 600)
        assert_error(client.post("/ssh_credentials", {"public_key": _ssh_key(), "acl": [rule]}), 400, 600)


def test_credential_owner_must_be_an_active_user(client):
    """ERR_NGROK_634 (no such owner) and ERR_NGROK_636 (inactive owner)."""
    bot = client.ok("POST", "/service_users", {"name": "ci"})
    client.ok("PATCH", "/service_users/" + bot["id"], {"active": False})
    for path, base in (("/credentials", {}), ("/api_keys", {}), ("/ssh_credentials", {"public_key": _ssh_key()})):
        body = assert_error(client.post(path, dict(base, owner_id=bot["id"])), 400, 636)
        assert body["msg"] == "The credential owner is marked as inactive on the account."
        assert_error(client.post(path, dict(base, owner_id="usr_2cSjz4ZrmvU7wz5ukkIquN2NOId")), 400, 634)
    client.ok("PATCH", "/service_users/" + bot["id"], {"active": True})
    assert client.ok("POST", "/credentials", {"owner_id": bot["id"]})["owner_id"] == bot["id"]
    assert client.ok("POST", "/ssh_credentials", {"public_key": _ssh_key(), "owner_id": bot["id"]})["owner_id"] == bot["id"]


def test_credential_owner_by_email_or_scim_id(client):
    """OpenAPI CredentialCreate.owner_id: "Accepts one of: User ID, User email, or SCIM User ID"; API keys and SSH
    credentials name a User or Bot by id only."""
    user = client.ok("GET", "/_sim/account")["user"]
    assert user["id"].startswith("usr_") and "@" in user["email"] and user["scim_id"]
    for name in (user["id"], user["email"], user["email"].upper(), user["scim_id"]):
        assert client.ok("POST", "/credentials", {"owner_id": name})["owner_id"] == user["id"]
    assert_error(client.post("/credentials", {"owner_id": "someone-else@example.com"}), 400, 634)
    assert_error(client.post("/api_keys", {"owner_id": user["email"]}), 400, 634)
    assert_error(client.post("/ssh_credentials", {"public_key": _ssh_key(), "owner_id": user["scim_id"]}), 400, 634)
    # the fields of ngrok's CLI reference (agent/cli-api.mdx): owner_email and scim_user_id, one owner field at most
    for path, base in (("/credentials", {}), ("/ssh_credentials", {"public_key": _ssh_key()})):
        made = client.ok("POST", path, dict(base, owner_email=user["email"].upper()))
        assert made["owner_id"] == user["id"] and "owner_email" not in made
        base = {"public_key": _ssh_key()} if base else {}
        assert client.ok("POST", path, dict(base, scim_user_id=user["scim_id"]))["owner_id"] == user["id"]
        body = assert_error(client.post(path, dict(base, owner_id=user["id"], owner_email=user["email"])), 400, 631)
        assert body["msg"] == "You may specify only one of owner_id, owner_email, or scim_user_id."
        assert_error(client.post(path, dict(base, scim_user_id="not-the-users")), 400, 634)
    assert_error(client.post("/api_keys", {"owner_email": user["email"]}), 400, 214)
    client.ok("POST", "/_sim/reset", status=200)
    assert client.ok("GET", "/_sim/account")["user"] == user


def _ssh_key():
    key = ed25519.Ed25519PrivateKey.generate().public_key()
    return key.public_bytes(serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH).decode()
