# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""CRUD, uniqueness, validation and delete refusals of the core resources, through the official client."""

from __future__ import annotations

import re
import types

import pytest

import ngrok
from .contract_support import expect_error, make_tls_certificate, parse_timestamp

CONFLICT = (400, 409)  # the real status of uniqueness errors is not documented; clients key on error_code
TRAFFIC_POLICY = '{"on_http_request":[{"actions":[{"type":"custom-response","config":{"status_code":200,"body":"ok"}}]}]}'
TCP_POLICY = '{"on_tcp_connect":[{"actions":[{"type":"deny"}]}]}'
# Endpoints leave out empty strings, as the recorded responses do (ngrok-docs
# snippets/api/resources/examples/_endpoints_*_response.mdx): a cloud endpoint has no region, name or
# upstream; an agent endpoint no uri ("URI of the Cloud Endpoint API resource") and no traffic policy
# unless its agent set one.  The client fills absent references with None itself.  None of the recorded
# endpoints has scheme, host or port, although the description documents them.
EMPTY_ENDPOINT_FIELDS = ("region", "name", "upstream_url", "upstream_protocol", "traffic_policy", "uri", "scheme", "host",
                         "port")


def props(obj):
    return obj._props if hasattr(obj, "_props") else obj


def ref_of(sim, collection, obj_id):
    return {"id": obj_id, "uri": "%s%s/%s" % (sim.url, collection, obj_id)}


def plain(value):
    """A holder the client's extract_props() accepts, whose props stay plain JSON."""
    return types.SimpleNamespace(_props=value)


def assert_object(sim, obj, prefix, collection):
    assert re.match(r"^%s_[0-9A-Za-z]{27}$" % prefix, obj.id), obj.id
    assert obj.uri == "%s%s/%s" % (sim.url, collection, obj.id)
    parse_timestamp(props(obj)["created_at"])


# -- api keys ----------------------------------------------------------------

def test_api_key_crud(sim, client, complete):
    key = client.api_keys.create(description="ci deploy", metadata='{"team":"ops"}')
    assert_object(sim, key, "ak", "/api_keys")
    complete(key, "APIKey")
    assert key.token and key.owner_id
    got = client.api_keys.get(key.id)
    assert got.token is None
    assert (got.description, got.metadata, got.owner_id, got.created_at) == ("ci deploy", '{"team":"ops"}', key.owner_id, key.created_at)
    assert all(k.token is None for k in client.api_keys.list())
    updated = client.api_keys.update(key.id, description="ci deploy v2")
    assert (updated.description, updated.metadata, updated.token) == ("ci deploy v2", '{"team":"ops"}', None)
    assert client.api_keys.get(key.id).description == "ci deploy v2"
    assert [k.id for k in client.api_keys.list(filter='obj.description == "ci deploy v2"')] == [key.id]
    client.api_keys.delete(key.id)
    with pytest.raises(ngrok.NotFoundError):
        client.api_keys.get(key.id)
    with pytest.raises(ngrok.NotFoundError):
        client.api_keys.delete(key.id)


def test_empty_description_and_metadata_are_omitted(client, raw):
    key = client.api_keys.create()
    assert "description" not in key._props and "metadata" not in key._props
    body = raw.get("/api_keys/" + key.id).json()
    assert "description" not in body and "metadata" not in body
    # client quirk: its datatypes index _props directly, so reading an omitted field raises
    with pytest.raises(KeyError):
        client.api_keys.get(key.id).description  # pylint: disable=expression-not-assigned
    cleared = client.api_keys.update(client.api_keys.create(description="x").id, description="")
    assert "description" not in cleared._props


def test_description_and_metadata_limits_are_bytes(client):
    client.api_keys.create(description="d" * 255, metadata="m" * 4096)
    err = expect_error(lambda: client.api_keys.create(description="d" * 256), "*")
    assert err.error_code.startswith("ERR_NGROK_")
    expect_error(lambda: client.api_keys.create(description="\u00e9" * 128), "*")  # 256 bytes, 128 characters
    expect_error(lambda: client.api_keys.create(metadata="m" * 4097), "*")
    key = client.api_keys.create(description="ok")
    expect_error(lambda: client.api_keys.update(key.id, metadata="m" * 4097), "*")


# -- reserved domains ------------------------------------------------------------

def test_reserved_domain_crud_and_normalisation(sim, client, complete):
    domain = client.reserved_domains.create(domain="App.Example.COM.", description="site", region="us")
    assert_object(sim, domain, "rd", "/reserved_domains")
    complete(domain, "ReservedDomain")
    assert domain.domain == "app.example.com"
    assert isinstance(domain.cname_target, str) and domain.cname_target
    assert domain.region == ""  # deprecated: the API answers "" even when a region was sent
    # a custom domain reserved without a certificate gets ngrok's managed one (ngrok-docs domains/tls-certificates.mdx),
    # provisioning until issued; every documented status key is there (EX _reserved_domains_list_response.mdx)
    assert domain.certificate is None
    assert props(domain.certificate_management_policy) == {"authority": "letsencrypt", "private_key_type": "ecdsa"}
    status = props(domain.certificate_management_status)
    assert status["renews_at"] is None and set(props(status["provisioning_job"])) == {"error_code", "msg", "started_at", "retries_at"}
    assert domain._props["acme_challenge_cname_target"] is None
    assert client.reserved_domains.get(domain.id).domain == "app.example.com"
    listed = client.reserved_domains.list(filter='obj.domain == "app.example.com"')
    assert [d.id for d in listed] == [domain.id]
    updated = client.reserved_domains.update(domain.id, description="site v2", metadata="m")
    assert (updated.description, updated.metadata, updated.domain) == ("site v2", "m", "app.example.com")
    client.reserved_domains.delete(domain.id)
    with pytest.raises(ngrok.NotFoundError):
        client.reserved_domains.get(domain.id)


def test_reserved_domain_ngrok_subdomain_has_no_cname(client):
    domain = client.reserved_domains.create(domain="contract-test.ngrok.app")
    assert domain.cname_target is None


def test_reserved_domain_duplicate_is_413(client):
    client.reserved_domains.create(domain="dup.example.com")
    expect_error(lambda: client.reserved_domains.create(domain="DUP.example.com."), 413, CONFLICT)


@pytest.mark.parametrize("name, code", [
    ("exa mple.example.com", 406),
    ("-bad.example.com", 407),
    ("bad-.example.com", 408),
    ("a..example.com", 409),
    ("ab--cd.example.com", 410),
    ("under_score.example.com", 438),
])
def test_reserved_domain_invalid_names(client, name, code):
    expect_error(lambda: client.reserved_domains.create(domain=name), code)


def test_reserved_domain_legacy_name_field(raw):
    created = raw.post("/reserved_domains", {"name": "legacy.example.com"})
    assert created.status_code == 201, created.text
    assert created.json()["domain"] == "legacy.example.com"
    both = raw.post("/reserved_domains", {"name": "a.example.com", "domain": "a.example.com"})
    assert both.status_code == 400 and both.json()["error_code"] == "ERR_NGROK_449"


def test_reserved_domain_empty_update_is_422(client, raw, recorder):
    domain = client.reserved_domains.create(domain="empty.example.com")
    resp = raw.patch("/reserved_domains/" + domain.id, {})
    assert resp.status_code == 400 and resp.json()["error_code"] == "ERR_NGROK_422"
    # client quirk: update() always sends resolves_to=[] (it maps None to []), so it never sends an empty PATCH
    # and every client update resets resolves_to
    updated = client.reserved_domains.update(domain.id)
    assert [e["body"] for e in recorder.sent if e["method"] == "PATCH"][-1] == '{"resolves_to": []}'
    assert updated.resolves_to == []


def test_reserved_domain_region_is_create_only(raw, client):
    domain = client.reserved_domains.create(domain="region.example.com")
    resp = raw.patch("/reserved_domains/" + domain.id, {"region": "eu"})
    assert resp.status_code == 400 and resp.json()["error_code"] == "ERR_NGROK_214"


def test_reserved_domain_managed_certificate(client, raw):
    policy = plain({"authority": "letsencrypt"})
    domain = client.reserved_domains.create(domain="managed.example.com", certificate_management_policy=policy)
    assert domain.certificate_management_policy.authority == "letsencrypt"
    assert domain.certificate_management_policy.private_key_type == "ecdsa"
    assert domain.certificate is None
    assert domain.certificate_management_status is not None
    expect_error(lambda: client.reserved_domains.delete_certificate(domain.id), 436)
    client.reserved_domains.delete_certificate_management_policy(domain.id)
    got = client.reserved_domains.get(domain.id)
    assert got.certificate_management_policy is None and got.certificate_management_status is None
    rsa = client.reserved_domains.update(domain.id, certificate_management_policy=plain({"authority": "letsencrypt", "private_key_type": "rsa"}))
    assert rsa.certificate_management_policy.private_key_type == "rsa"
    expect_error(lambda: client.reserved_domains.create(domain="ca.example.com", certificate_management_policy=plain({"authority": "zerossl"})), 435)
    bad_type = raw.post("/reserved_domains", {"domain": "kt.example.com",
                                              "certificate_management_policy": {"authority": "letsencrypt", "private_key_type": "dsa"}})
    assert bad_type.status_code == 400


def test_reserved_domain_uploaded_certificate(sim, client):
    cert_pem, key_pem, _cert = make_tls_certificate("upload.example.com", dns_names=("upload.example.com",), ips=())
    cert = client.tls_certificates.create(certificate_pem=cert_pem, private_key_pem=key_pem)
    domain = client.reserved_domains.create(domain="upload.example.com", certificate_id=cert.id)
    assert props(domain.certificate) == ref_of(sim, "/tls_certificates", cert.id)
    assert domain.certificate_management_policy is None
    expect_error(lambda: client.reserved_domains.update(domain.id, certificate_id=cert.id,
                                                        certificate_management_policy=plain({"authority": "letsencrypt"})), 434)
    expect_error(lambda: client.reserved_domains.create(domain="both.example.com", certificate_id=cert.id,
                                                        certificate_management_policy=plain({"authority": "letsencrypt"})), 434)
    client.reserved_domains.delete_certificate(domain.id)
    assert client.reserved_domains.get(domain.id).certificate is None
    managed = client.reserved_domains.update(domain.id, certificate_management_policy=plain({"authority": "letsencrypt"}))
    assert managed.certificate is None and managed.certificate_management_policy.authority == "letsencrypt"


def test_reserved_domain_delete_refused_while_endpoint_uses_it(client):
    domain = client.reserved_domains.create(domain="busy.example.com")
    endpoint = client.endpoints.create(url="https://busy.example.com", type="cloud", traffic_policy=TRAFFIC_POLICY)
    expect_error(lambda: client.reserved_domains.delete(domain.id), 446)
    client.endpoints.delete(endpoint.id)
    client.reserved_domains.delete(domain.id)


# -- reserved addrs ------------------------------------------------------------------

def test_reserved_addr_crud(sim, client, complete):
    addr = client.reserved_addrs.create(description="ssh")  # the client sends region ""
    assert_object(sim, addr, "ra", "/reserved_addrs")
    complete(addr, "ReservedAddr")
    assert addr.region == "us"
    assert re.match(r"^[0-9]+\.tcp\.([a-z]+\.)?ngrok\.io:[0-9]{1,5}$", addr.addr), addr.addr
    other = client.reserved_addrs.create(region="eu")
    assert other.region == "eu" and other.addr != addr.addr
    assert client.reserved_addrs.get(addr.id).addr == addr.addr
    assert [a.id for a in client.reserved_addrs.list(filter='obj.region == "eu"')] == [other.id]
    assert client.reserved_addrs.update(addr.id, metadata="m").metadata == "m"
    expect_error(lambda: client.reserved_addrs.update(addr.id), 506)
    expect_error(lambda: client.reserved_addrs.create(region="mars"), 500)
    client.reserved_addrs.delete(addr.id)
    with pytest.raises(ngrok.NotFoundError):
        client.reserved_addrs.get(addr.id)


def test_reserved_addr_region_is_create_only(raw, client):
    addr = client.reserved_addrs.create()
    resp = raw.patch("/reserved_addrs/" + addr.id, {"region": "eu"})
    assert resp.status_code == 400 and resp.json()["error_code"] == "ERR_NGROK_214"


# -- ip policies, rules, restrictions --------------------------------------------------

def test_ip_policy_crud(sim, client, complete):
    policy = client.ip_policies.create(description="office", metadata="m")
    assert_object(sim, policy, "ipp", "/ip_policies")
    complete(policy, "IPPolicy")
    assert client.ip_policies.get(policy.id).description == "office"
    assert client.ip_policies.update(policy.id, description="office v2").description == "office v2"
    expect_error(lambda: client.ip_policies.update(policy.id), 1400)
    assert [p.id for p in client.ip_policies.list()] == [policy.id]
    client.ip_policies.delete(policy.id)
    with pytest.raises(ngrok.NotFoundError):
        client.ip_policies.get(policy.id)


def test_ip_policy_rule_crud(sim, client, complete):
    policy = client.ip_policies.create(description="p")
    rule = client.ip_policy_rules.create(cidr="10.1.0.0/16", ip_policy_id=policy.id, action="allow", description="lan")
    assert_object(sim, rule, "ipr", "/ip_policy_rules")
    complete(rule, "IPPolicyRule")
    assert (rule.cidr, rule.action) == ("10.1.0.0/16", "allow")
    assert props(rule.ip_policy) == ref_of(sim, "/ip_policies", policy.id)
    deny = client.ip_policy_rules.create(cidr="2001:DB8::/32", ip_policy_id=policy.id, action="deny")
    assert deny.cidr == "2001:db8::/32" and deny.action == "deny"
    found = client.ip_policy_rules.list(filter='obj.ip_policy.id == "%s" && obj.action == "deny"' % policy.id)
    assert [r.id for r in found] == [deny.id]
    moved = client.ip_policy_rules.update(rule.id, cidr="10.2.0.0/16")
    assert (moved.cidr, moved.action, moved.description) == ("10.2.0.0/16", "allow", "lan")
    expect_error(lambda: client.ip_policy_rules.update(rule.id), 1401)
    client.ip_policy_rules.delete(rule.id)
    with pytest.raises(ngrok.NotFoundError):
        client.ip_policy_rules.get(rule.id)


@pytest.mark.parametrize("cidr, code", [("not-a-cidr", 1406), ("10.0.0.0/33", 1406), ("10.0.0.1", 1413), ("10.1.2.3/16", 1409)])
def test_ip_policy_rule_cidr_validation(client, cidr, code):
    policy = client.ip_policies.create()
    expect_error(lambda: client.ip_policy_rules.create(cidr=cidr, ip_policy_id=policy.id, action="allow"), code)


def test_ip_policy_rule_rules(client):
    policy = client.ip_policies.create()
    other = client.ip_policies.create()
    client.ip_policy_rules.create(cidr="192.168.0.0/24", ip_policy_id=policy.id, action="allow")
    expect_error(lambda: client.ip_policy_rules.create(cidr="192.168.0.0/24", ip_policy_id=policy.id, action="deny"), 1408, CONFLICT)
    client.ip_policy_rules.create(cidr="192.168.0.0/24", ip_policy_id=other.id, action="allow")
    expect_error(lambda: client.ip_policy_rules.create(cidr="192.168.1.0/24", ip_policy_id=policy.id, action="maybe"), 1422)


def test_ip_restriction_crud(sim, client, complete):
    first = client.ip_policies.create(description="a")
    second = client.ip_policies.create(description="b")
    restriction = client.ip_restrictions.create(type="dashboard", ip_policy_ids=[first.id], description="dash")
    assert_object(sim, restriction, "ipx", "/ip_restrictions")
    complete(restriction, "IPRestriction")
    assert restriction.type == "dashboard" and restriction.enforced is False
    assert [props(r) for r in restriction.ip_policies] == [ref_of(sim, "/ip_policies", first.id)]
    updated = client.ip_restrictions.update(restriction.id, enforced=True, ip_policy_ids=[first.id, second.id])
    assert updated.enforced is True
    assert sorted(r.id for r in updated.ip_policies) == sorted([first.id, second.id])
    assert client.ip_restrictions.get(restriction.id).enforced is True
    expect_error(lambda: client.ip_policies.delete(first.id), 1420)
    client.ip_restrictions.delete(restriction.id)
    client.ip_policies.delete(first.id)
    with pytest.raises(ngrok.NotFoundError):
        client.ip_restrictions.get(restriction.id)


def test_ip_restriction_rules(client, raw):
    policy = client.ip_policies.create()
    made = client.ip_restrictions.create(type="api", ip_policy_ids=[policy.id])
    expect_error(lambda: client.ip_restrictions.create(type="api", ip_policy_ids=[policy.id]), 1802, CONFLICT)
    expect_error(lambda: client.ip_restrictions.create(type="everything", ip_policy_ids=[policy.id]), 1803)
    expect_error(lambda: client.ip_restrictions.create(type="agent", ip_policy_ids=[]), 1804)
    expect_error(lambda: client.ip_restrictions.create(type="agent", ip_policy_ids=["ipp_" + "0" * 27]), 1801)
    resp = raw.patch("/ip_restrictions/" + made.id, {"type": "agent"})
    assert resp.status_code == 400 and resp.json()["error_code"] == "ERR_NGROK_214"


def test_ip_restriction_client_update_sends_empty_policy_list(client, recorder):
    """Client quirk: update() defaults ip_policy_ids=[] and sends it; the API must not silently drop the policies."""
    policy = client.ip_policies.create()
    restriction = client.ip_restrictions.create(type="endpoints", ip_policy_ids=[policy.id])
    try:
        result = client.ip_restrictions.update(restriction.id, description="only the description")
    except ngrok.Error as err:
        assert err.error_code == "ERR_NGROK_1804"
    else:
        assert [r.id for r in result.ip_policies] == [policy.id]
    patch = [e for e in recorder.sent if e["method"] == "PATCH"][-1]
    assert '"ip_policy_ids": []' in patch["body"]
    assert [r.id for r in client.ip_restrictions.get(restriction.id).ip_policies] == [policy.id]


# -- endpoints ---------------------------------------------------------------------

def test_cloud_endpoint_crud(sim, client, complete):
    domain = client.reserved_domains.create(domain="api.example.com")
    endpoint = client.endpoints.create(url="HTTPS://API.example.com:443", type="cloud", traffic_policy=TRAFFIC_POLICY,
                                       description="edge", bindings=["public"])
    assert_object(sim, endpoint, "ep", "/endpoints")
    complete(endpoint, "Endpoint", omitted=EMPTY_ENDPOINT_FIELDS)
    assert endpoint.url == "https://api.example.com"
    assert endpoint.type == "cloud" and endpoint.pooling_enabled is False
    assert endpoint.traffic_policy == TRAFFIC_POLICY
    assert endpoint.bindings == ["public"]
    assert props(endpoint.domain) == ref_of(sim, "/reserved_domains", domain.id)
    assert (endpoint.proto, endpoint.hostport) == ("https", "api.example.com:443")
    assert not {"scheme", "host", "port"} & set(props(endpoint))       # as recorded; filters still read them
    assert [e.id for e in client.endpoints.list(filter='obj.scheme == "https"')] == [endpoint.id]
    assert client.endpoints.get(endpoint.id).url == "https://api.example.com"
    assert [e.id for e in client.endpoints.list(filter='obj.url == "https://api.example.com"')] == [endpoint.id]
    # filter forms from ngrok's filtering guide: membership in a list field, alternatives
    assert [e.id for e in client.endpoints.list(filter='"public" in obj.bindings')] == [endpoint.id]
    assert [e.id for e in client.endpoints.list(filter='obj.type == "cloud" || obj.type == "agent"')] == [endpoint.id]
    new_policy = TRAFFIC_POLICY.replace('"ok"', '"changed"')
    updated = client.endpoints.update(endpoint.id, traffic_policy=new_policy, metadata="m")
    assert (updated.traffic_policy, updated.metadata, updated.description, updated.url) == (new_policy, "m", "edge", "https://api.example.com")
    expect_error(lambda: client.endpoints.update(endpoint.id), 18004)
    client.endpoints.delete(endpoint.id)
    with pytest.raises(ngrok.NotFoundError):
        client.endpoints.get(endpoint.id)


def test_cloud_endpoint_rules(client):
    client.reserved_domains.create(domain="web.example.com")
    addr = client.reserved_addrs.create()
    expect_error(lambda: client.endpoints.create(url="https://unreserved.example.com", type="cloud", traffic_policy=TRAFFIC_POLICY), 18006)
    web = client.endpoints.create(url="https://web.example.com", type="cloud", traffic_policy=TRAFFIC_POLICY)
    # a second endpoint on a URL without pooling on both (ngrok-docs endpoints/endpoint-pooling.mdx, "Conflicts")
    expect_error(lambda: client.endpoints.create(url="https://web.example.com", type="cloud", traffic_policy=TRAFFIC_POLICY), 18017)
    expect_error(lambda: client.endpoints.create(url="https://web2.example.com", type="agent", traffic_policy=TRAFFIC_POLICY), 248)
    expect_error(lambda: client.endpoints.create(url="https://web.example.com", type="cloud", traffic_policy=""), "*")
    expect_error(lambda: client.endpoints.update(web.id, url="tcp://" + addr.addr), 18005)
    tcp = client.endpoints.create(url="tcp://" + addr.addr, type="cloud", traffic_policy=TCP_POLICY)
    assert tcp.tcp_addr.id == addr.id and tcp.domain is None and tcp.proto == "tcp"


def test_internal_endpoint_needs_no_reservation(client):
    endpoint = client.endpoints.create(url="https://billing.internal", type="cloud", traffic_policy=TRAFFIC_POLICY, bindings=["internal"])
    assert endpoint.url == "https://billing.internal" and endpoint.domain is None
    assert endpoint.bindings == ["internal"]


def test_endpoint_type_is_create_only(client, raw):
    client.reserved_domains.create(domain="t.example.com")
    endpoint = client.endpoints.create(url="https://t.example.com", type="cloud", traffic_policy=TRAFFIC_POLICY)
    resp = raw.patch("/endpoints/" + endpoint.id, {"type": "agent"})
    assert resp.status_code == 400 and resp.json()["error_code"] == "ERR_NGROK_214"


def test_agent_endpoints_are_listed_read_only(sim, client, complete):
    seeded = sim.control("POST", "/_sim/agent_endpoints", {"url": "https://agent-one.ngrok.app", "description": "laptop"})
    client.reserved_domains.create(domain="c.example.com")
    cloud = client.endpoints.create(url="https://c.example.com", type="cloud", traffic_policy=TRAFFIC_POLICY)
    listed = {e.id: e for e in client.endpoints.list()}
    assert set(listed) == {seeded["id"], cloud.id}
    agent = client.endpoints.get(seeded["id"])
    complete(agent, "Endpoint", omitted=EMPTY_ENDPOINT_FIELDS)
    assert agent.type != "cloud" and agent.url == "https://agent-one.ngrok.app"
    assert [e.id for e in client.endpoints.list(filter='obj.type == "cloud"')] == [cloud.id]


# -- vaults and secrets ----------------------------------------------------------

def test_vault_crud(sim, client, complete):
    vault = client.vaults.create(name="prod_vault", description="production")
    assert_object(sim, vault, "vault", "/vaults")
    complete(vault, "Vault")
    assert vault.name == "prod_vault"
    assert isinstance(vault.created_by, str)
    parse_timestamp(vault.updated_at)
    assert client.vaults.get(vault.id).name == "prod_vault"
    assert [v.id for v in client.vaults.list(filter='obj.name == "prod_vault"')] == [vault.id]
    renamed = client.vaults.update(vault.id, name="prod/vault.2")
    assert (renamed.name, renamed.description) == ("prod/vault.2", "production")
    client.vaults.delete(vault.id)
    with pytest.raises(ngrok.NotFoundError):
        client.vaults.get(vault.id)


def test_vault_rules(client):
    vault = client.vaults.create(name="v1")
    expect_error(lambda: client.vaults.create(name="v1"), 23004, CONFLICT)
    expect_error(lambda: client.vaults.create(name="bad name!"), 23000)
    expect_error(lambda: client.vaults.create(name=""), 23001)
    other = client.vaults.create(name="v2")
    expect_error(lambda: client.vaults.update(other.id, name="v1"), 23004, CONFLICT)
    secret = client.secrets.create(name="token", value="hunter2", vault_id=vault.id)
    expect_error(lambda: client.vaults.delete(vault.id), 23003)
    client.secrets.delete(secret.id)
    client.vaults.delete(vault.id)


def test_secret_crud_and_value_never_returned(sim, client, raw, complete):
    vault = client.vaults.create(name="app")
    secret = client.secrets.create(name="db_password", value="hunter2-secret", vault_id=vault.id, description="db")
    assert_object(sim, secret, "secret", "/vault_secrets")
    complete(secret, "Secret")
    assert "value" not in secret._props
    assert props(secret.vault) == ref_of(sim, "/vaults", vault.id)
    assert secret.vault_name == "app" and secret.name == "db_password"
    assert set(props(secret.created_by)) == {"id", "uri"}
    by_name = client.secrets.create(name="api_token", value="v", vault_name="app")
    assert by_name.vault.id == vault.id
    updated = client.secrets.update(secret.id, value="rotated-secret", description="db v2")
    assert "value" not in updated._props and updated.description == "db v2"
    assert [s.id for s in client.secrets.list(filter='obj.name == "db_password"')] == [secret.id]
    for resp in (raw.get("/vault_secrets/" + secret.id), raw.get("/vault_secrets"), raw.get("/vaults/%s/secrets" % vault.id)):
        assert "hunter2-secret" not in resp.text and "rotated-secret" not in resp.text
    client.secrets.delete(secret.id)
    with pytest.raises(ngrok.NotFoundError):
        client.secrets.get(secret.id)


def test_secret_rules(client, raw):
    vault = client.vaults.create(name="a")
    other = client.vaults.create(name="b")
    secret = client.secrets.create(name="same", value="x", vault_id=vault.id)
    expect_error(lambda: client.secrets.create(name="same", value="y", vault_id=vault.id), 24005, CONFLICT)
    client.secrets.create(name="same", value="y", vault_id=other.id)
    expect_error(lambda: client.secrets.create(name="bad name!", value="y", vault_id=vault.id), 24000)
    expect_error(lambda: client.secrets.create(name="", value="y", vault_id=vault.id), 24001)
    expect_error(lambda: client.secrets.create(name="empty", value="", vault_id=vault.id), 24003)
    expect_error(lambda: client.secrets.create(name="nowhere", value="y"), 24008)
    expect_error(lambda: client.secrets.create(name="nowhere", value="y", vault_id="vault_" + "0" * 27), 24006, (400, 404))
    expect_error(lambda: client.secrets.create(name="nowhere", value="y", vault_name="no_such_vault"), 24009, (400, 404))
    resp = raw.patch("/vault_secrets/" + secret.id, {"vault_id": other.id})
    assert resp.status_code == 400 and resp.json()["error_code"] == "ERR_NGROK_214"


def test_secrets_by_vault_paged_without_filter(client, raw):
    vault = client.vaults.create(name="many")
    other = client.vaults.create(name="other")
    made = [client.secrets.create(name="s%d" % i, value="v", vault_id=vault.id).id for i in range(7)]
    client.secrets.create(name="elsewhere", value="v", vault_id=other.id)
    page = client.vaults.get_secrets_by_vault(vault.id, limit="3")
    assert [s.id for s in page] == made[::-1]
    assert page.uri.endswith("/vaults/%s/secrets" % vault.id)
    resp = raw.get("/vaults/%s/secrets" % vault.id, params={"filter": 'obj.name == "s1"'})
    assert resp.status_code == 400 and resp.json()["error_code"] == "ERR_NGROK_231"


# -- TLS certificates ----------------------------------------------------------------

def test_tls_certificate_crud_and_parsing(sim, client, raw, complete):
    cert_pem, key_pem, cert = make_tls_certificate()
    made = client.tls_certificates.create(certificate_pem=cert_pem, private_key_pem=key_pem, description="site")
    assert_object(sim, made, "cert", "/tls_certificates")
    complete(made, "TLSCertificate")
    assert "private_key_pem" not in made._props
    assert made.certificate_pem.strip() == cert_pem.strip()
    assert made.subject_common_name == "app.example.com"
    assert made.issuer_common_name == "app.example.com"
    assert made.subject_organization == "Example Org" and made.subject_country == "US"
    assert sorted(made.subject_alternative_names.dns_names) == ["app.example.com", "www.example.com"]
    assert made.subject_alternative_names.ips == ["192.0.2.10"]
    assert made.private_key_type == "ecdsa"
    assert made.issued_at is None
    assert parse_timestamp(made.not_before) == cert.not_valid_before_utc
    assert parse_timestamp(made.not_after) == cert.not_valid_after_utc
    assert int(made.serial_number.replace(":", ""), 16) == cert.serial_number
    assert "BEGIN PRIVATE KEY" not in raw.get("/tls_certificates/" + made.id).text
    assert client.tls_certificates.update(made.id, metadata="m").metadata == "m"
    assert [c.id for c in client.tls_certificates.list(filter='obj.subject_common_name == "app.example.com"')] == [made.id]
    client.tls_certificates.delete(made.id)
    with pytest.raises(ngrok.NotFoundError):
        client.tls_certificates.get(made.id)


def test_tls_certificate_invalid_inputs(client, raw):
    cert_pem, key_pem, _cert = make_tls_certificate()
    _other_cert, other_key, _other = make_tls_certificate("other.example.com")
    expect_error(lambda: client.tls_certificates.create(certificate_pem="not a pem", private_key_pem=key_pem), "*")
    expect_error(lambda: client.tls_certificates.create(certificate_pem=cert_pem, private_key_pem="not a key"), "*")
    expect_error(lambda: client.tls_certificates.create(certificate_pem=cert_pem, private_key_pem=other_key), 1923)
    made = client.tls_certificates.create(certificate_pem=cert_pem, private_key_pem=key_pem)
    resp = raw.patch("/tls_certificates/" + made.id, {"certificate_pem": cert_pem})
    assert resp.status_code == 400 and resp.json()["error_code"] == "ERR_NGROK_214"


# -- credentials and service users -----------------------------------------------------

def test_credential_crud(sim, client, complete):
    cred = client.credentials.create(description="agent", acl=["bind:app.example.com", "bind:*.example.com"])
    assert_object(sim, cred, "cr", "/credentials")
    complete(cred, "Credential")
    assert re.match(r"^[0-9A-Za-z]{27}_[0-9A-Za-z]+$", cred.token)
    assert cred.token.split("_", 1)[0] == cred.id[len("cr_"):]
    assert cred.acl == ["bind:app.example.com", "bind:*.example.com"] and cred.owner_id
    got = client.credentials.get(cred.id)
    assert got.token is None and got.acl == cred.acl
    assert client.credentials.update(cred.id, acl=[]).acl == []
    expect_error(lambda: client.credentials.update(cred.id), 606)
    assert client.credentials.create().acl == []
    expect_error(lambda: client.credentials.create(acl=["nonsense"]), 600)
    assert [c.id for c in client.credentials.list(filter='obj.description == "agent"')] == [cred.id]
    assert len(list(client.credentials.list(filter="size(obj.acl) == 0"))) == 2
    assert [c.id for c in client.credentials.list(filter='obj.owner_id == "%s" && obj.description == "agent"' % cred.owner_id)] == [cred.id]
    client.credentials.delete(cred.id)
    with pytest.raises(ngrok.NotFoundError):
        client.credentials.get(cred.id)


def test_service_user_crud(sim, client, complete):
    user = client.service_users.create(name="deployer")
    assert_object(sim, user, "service", "/service_users")
    complete(user, "ServiceUser")
    assert user.active is True
    assert client.service_users.update(user.id, active=False).active is False
    assert client.service_users.get(user.id).name == "deployer"
    expect_error(lambda: client.service_users.create(name="deployer"), 4112, CONFLICT)
    expect_error(lambda: client.service_users.create(name=""), 4109)
    assert [u.id for u in client.service_users.list(filter='obj.id == "%s"' % user.id)] == [user.id]
    client.service_users.delete(user.id)
    with pytest.raises(ngrok.NotFoundError):
        client.service_users.get(user.id)
