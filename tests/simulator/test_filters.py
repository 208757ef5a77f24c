"""CEL filters: the documented fields per resource, the documented subset of CEL, the documented idioms.

Source: ngrok-docs api/api-filtering.mdx.  The table below is that page's "Filterable resources
and fields", written out again here so that the test does not read the simulator's own data.
"""

import pytest

from certs import make_cert
from conftest import assert_error, listing

POLICY = '{"on_http_request": [{"actions": [{"type": "custom-response", "config": {"status_code": 200}}]}]}'
COMMON = ("id", "created_at", "description", "metadata")
DOCUMENTED = {
    "/endpoints": COMMON + ("principal.id", "type", "binding", "bindings", "url", "pooling_enabled", "scheme", "region", "name"),
    "/reserved_addrs": COMMON + ("addr", "region"),
    "/reserved_domains": COMMON + ("domain", "region", "cname_target", "certificate.id", "acme_challenge_cname_target"),
    "/tls_certificates": COMMON + ("subject_common_name", "not_after", "not_before", "serial_number"),
    "/certificate_authorities": COMMON + ("subject_common_name", "not_before", "not_after"),
    "/ip_policies": COMMON,
    "/ip_policy_rules": COMMON + ("ip_policy.id", "cidr", "action"),
    "/agent_ingresses": COMMON + ("domain",),
    "/tunnel_sessions": ("id", "metadata", "agent_version", "ip", "os", "region", "started_at", "credential.id"),
    "/event_destinations": COMMON,
    "/event_subscriptions": COMMON,
    "/ip_restrictions": COMMON,
    "/api_keys": COMMON + ("owner_id",),
    "/ssh_credentials": COMMON + ("owner_id", "acl"),
    "/credentials": COMMON + ("owner_id", "acl"),
    "/service_users": ("id", "created_at"),
    "/ssh_certificate_authorities": COMMON,
    "/vaults": COMMON + ("name",),
    "/vault_secrets": COMMON + ("name",),
}
TIMESTAMPS = ("created_at", "not_after", "not_before", "started_at")
# Response fields the table leaves out, one or two per resource.
NOT_FILTERABLE = {
    "/endpoints": ("hostport", "public_url", "traffic_policy", "principal.uri", "domain.id"),
    "/reserved_addrs": ("uri",),
    "/reserved_domains": ("certificate_management_policy", "resolves_to", "certificate.uri"),
    "/tls_certificates": ("issuer_common_name", "private_key_type"),
    "/certificate_authorities": ("ca_pem",),
    "/ip_policies": ("uri",),
    "/ip_policy_rules": ("ip_policy.uri",),
    "/agent_ingresses": ("ns_targets",),
    "/tunnel_sessions": ("created_at", "transport", "credential.uri"),
    "/event_destinations": ("format",),
    "/event_subscriptions": ("sources",),
    "/ip_restrictions": ("type", "enforced"),
    "/api_keys": ("token",),
    "/ssh_credentials": ("public_key",),
    "/credentials": ("token",),
    "/service_users": ("name", "active", "description"),
    "/ssh_certificate_authorities": ("key_type",),
    "/vaults": ("created_by",),
    "/vault_secrets": ("vault_name", "vault.id"),
}


def expression_for(field):
    """An expression that uses ``field`` the way its type allows."""
    if field in TIMESTAMPS:
        return 'obj.%s > timestamp("2000-01-01T00:00:00Z")' % field
    if field == "pooling_enabled":
        return "obj.pooling_enabled == false"
    if field in ("acl", "bindings", "binding"):
        return '"x" in obj.%s || size(obj.%s) == 0' % (field, field)
    return 'obj.%s == "x"' % field


@pytest.mark.parametrize("path", sorted(DOCUMENTED))
def test_documented_fields_are_filterable_and_others_are_refused(client, path):
    for field in DOCUMENTED[path]:
        resp = client.get(path, params={"filter": expression_for(field)})
        assert resp.status_code == 200, (path, field, resp.text)
    for field in NOT_FILTERABLE[path]:
        body = assert_error(client.get(path, params={"filter": 'obj.%s == "x"' % field}), 400, 250)
        assert body["msg"].startswith("Invalid CEL query: ")
        assert "obj." + field.split(".")[0] in body["msg"]


def test_unknown_field_message_names_the_filterable_fields(client):
    body = assert_error(client.get("/endpoints", params={"filter": 'obj.idk == "x"'}), 400, 250)
    assert body["msg"].startswith("Invalid CEL query: unsupported field: obj.idk (must be obj.id, obj.created_at, ")
    assert "obj.principal.id" in body["msg"] and "obj.binding" in body["msg"]


@pytest.mark.parametrize("path, expr", [
    ("/api_keys", 'obj.description[0] == "x"'),                                 # index access
    ("/credentials", 'obj.acl[0] == "bind:x.example.com"'),
    ("/api_keys", "size(obj.description) + 1 > 2"),                           # arithmetic
    ("/api_keys", "size(obj.description) * 2 > 2"),
    ("/api_keys", "-size(obj.description) < 0"),
    ("/api_keys", 'obj.description == "a" ? true : false'),                     # ternary
    ("/api_keys", "type(obj.description) == string"),                          # type checks
    ("/api_keys", 'string(obj.created_at) == "x"'),
    ("/api_keys", 'obj.description.matches("^a.*")'),                           # regexes
    ("/api_keys", 'matches(obj.description, "^a")'),
    ("/api_keys", 'obj.id.startsWith("ak_")'),                                  # substring on high entropy
    ("/api_keys", 'obj.id.contains("2")'),
    ("/api_keys", 'obj.owner_id.endsWith("x")'),
    ("/reserved_domains", 'obj.certificate.id.startsWith("cert_")'),
    ("/endpoints", 'obj.principal.id.contains("usr")'),
    ("/ip_policy_rules", 'obj.ip_policy.id.startsWith("ipp_")'),
    ("/tunnel_sessions", 'obj.credential.id.endsWith("x")'),
    ("/endpoints", 'obj.bindings in ["public", "internal"]'),                  # list-wise checks
    ("/endpoints", '["agent", "cloud"] in obj.types'),
    ("/endpoints", 'obj.bindings.exists(b, b == "public")'),                    # list comprehension
    ("/api_keys", "has(obj.description)"),
    ("/reserved_domains", 'obj.certificate.uri == ""'),                        # unknown sub-field of a reference
    ("/reserved_domains", "obj.certificate == null"),                          # a reference is filtered by its id
    ("/api_keys", 'obj.description.foo == "x"'),                               # sub-field of a scalar
    ("/api_keys", 'other.description == "x"'),                                 # identifiers other than obj
    ("/api_keys", "obj == null"),
    ("/api_keys", 'obj.created_at > timestamp(time.later)'),
    ("/api_keys", 'obj.description == "x" &&'),                                # syntax
    ("/api_keys", "   "),
])
def test_unsupported_cel_is_refused(client, path, expr):
    body = assert_error(client.get(path, params={"filter": expr}), 400, 250)
    assert body["msg"].startswith("Invalid CEL query: ")


def test_documented_idioms(client, sim):
    # credentials by owner with an optional empty ACL: acl is a list, [] counts as null and ""
    open_cred = client.ok("POST", "/credentials", {"description": "open"})
    bound = client.ok("POST", "/credentials", {"description": "bound", "acl": ["bind:x.example.com"]})
    expr = 'obj.owner_id == "%s" && (obj.acl == null || obj.acl == "")' % open_cred["owner_id"]
    assert [c["id"] for c in listing(client, "/credentials", filter=expr)["credentials"]] == [open_cred["id"]]
    assert [c["id"] for c in listing(client, "/credentials", filter='obj.acl != null')["credentials"]] == [bound["id"]]
    assert [c["id"] for c in listing(client, "/credentials", filter="size(obj.acl) == 1")["credentials"]] == [bound["id"]]
    # omitted empty strings are "" and null at once
    assert [c["id"] for c in listing(client, "/credentials", filter='obj.metadata == null')["credentials"]] \
        == [bound["id"], open_cred["id"]]
    assert [c["id"] for c in listing(client, "/credentials", filter='obj.description.contains("ou")')["credentials"]] \
        == [bound["id"]]
    # reserved domains by prefix; reference ids
    cert_pem, key_pem = make_cert("shop.example.com")[:2]
    cert = client.ok("POST", "/tls_certificates", {"certificate_pem": cert_pem, "private_key_pem": key_pem})
    mine = client.ok("POST", "/reserved_domains", {"domain": "myapi.ngrok.app"})
    shop = client.ok("POST", "/reserved_domains", {"domain": "shop.example.com", "certificate_id": cert["id"]})
    found = listing(client, "/reserved_domains", filter='obj.domain.startsWith("myapi.ngrok")')
    assert [d["id"] for d in found["reserved_domains"]] == [mine["id"]]
    found = listing(client, "/reserved_domains", filter='obj.certificate.id == "%s"' % cert["id"])
    assert [d["id"] for d in found["reserved_domains"]] == [shop["id"]]
    found = listing(client, "/reserved_domains", filter="obj.certificate.id == null && obj.cname_target == null")
    assert [d["id"] for d in found["reserved_domains"]] == [mine["id"]]
    # endpoints: membership in a list field (under both names), type lists, principal ids, timestamps
    cloud = client.ok("POST", "/endpoints", {"url": "https://myapi.ngrok.app", "traffic_policy": POLICY})
    agent = client.ok("POST", "/_sim/agent_endpoints", {"url": "https://dev.ngrok.app"})
    internal = client.ok("POST", "/endpoints", {"url": "https://svc.internal", "traffic_policy": POLICY})
    both = [agent["id"], cloud["id"]]
    assert [e["id"] for e in listing(client, "/endpoints", filter='"public" in obj.bindings')["endpoints"]] == both
    assert [e["id"] for e in listing(client, "/endpoints", filter='"public" in obj.binding')["endpoints"]] == both
    assert [e["id"] for e in listing(client, "/endpoints", filter='obj.type in ["agent", "cloud"]')["endpoints"]] \
        == [internal["id"]] + both
    owner = agent["principal"]["id"]
    by_principal = listing(client, "/endpoints", filter='obj.principal.id == "%s"' % owner)["endpoints"]
    assert agent["id"] in [e["id"] for e in by_principal]
    assert by_principal == [e for e in listing(client, "/endpoints")["endpoints"] if (e.get("principal") or {}).get("id") == owner]
    recent = listing(client, "/endpoints", filter='obj.type == "cloud" && obj.created_at >= timestamp(time.now).subtract("6d")')
    assert [e["id"] for e in recent["endpoints"]] == [internal["id"], cloud["id"]]
    assert listing(client, "/endpoints", filter='obj.created_at > timestamp(time.now).add("24h")')["endpoints"] == []
    assert listing(client, "/endpoints", filter='obj.created_at < timestamp("2025-05-10Z")')["endpoints"] == []
    # ip policy rules by policy id, cidr and action; tunnel sessions by credential id
    policy = client.ok("POST", "/ip_policies", {})
    rule = client.ok("POST", "/ip_policy_rules", {"ip_policy_id": policy["id"], "cidr": "1.1.0.0/16", "action": "deny"})
    expr = 'obj.ip_policy.id == "%s" && obj.cidr.contains("1.1.0.0/16") && obj.action == "deny"' % policy["id"]
    assert [r["id"] for r in listing(client, "/ip_policy_rules", filter=expr)["ip_policy_rules"]] == [rule["id"]]
    session = client.ok("POST", "/_sim/tunnel_sessions", {"credential_id": bound["id"]})["tunnel_session"]
    client.ok("POST", "/_sim/tunnel_sessions", {})
    found = listing(client, "/tunnel_sessions", filter='obj.credential.id == "%s"' % bound["id"])
    assert [s["id"] for s in found["tunnel_sessions"]] == [session["id"]]
    del sim


@pytest.mark.parametrize("path", ["/bot_users", "/app/users", "/app/sessions", "/tunnels", "/ssh_host_certificates",
                                  "/ssh_user_certificates", "/vaults/vault_2cSjz4ZrmvU7wz5ukkIquN2NOId/secrets"])
def test_resources_without_filtering_refuse_the_parameter(client, path):
    assert_error(client.get(path, params={"filter": 'obj.id == "x"'}), 400, 231)
