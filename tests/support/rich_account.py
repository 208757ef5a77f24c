"""An ngrok account with something of every kind, built on a simulator through the API (and the ``/_sim/`` controls for
what only ngrok or agents create): the material of the export round-trip tests.

``seed(api)`` builds it and returns what a test needs to know about it. What it holds:

- every type ngrok.ngrok.ngrok_account_info exports, with references between them (restrictions and rules naming
  IP policies, secrets their vault, subscriptions their destinations, SSH certificates their authority, a domain its
  uploaded certificate, keys and credentials their service user, an AI Gateway key its endpoint);
- more than 100 objects of one type (``CREDENTIALS`` tunnel credentials, so their listing has two pages);
- natural keys that several objects share (descriptions of IP policies, credentials, reserved addresses, API keys;
  the URL of pooled endpoints) and an API key with no description;
- what another account cannot take as it is: a subdomain of ngrok's, reserved addresses and an endpoint on one, a
  legacy AI gateway, a certificate ngrok manages, an SSH authority's key pair, tokens;
- text Ansible would template (``{{ }}`` in a traffic policy and in metadata), YAML policy text with a comment,
  secrets in event targets, a private key, secret values;
- what the export must leave out: agent endpoints, a running agent (tunnel session).
"""

import datetime
import json

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from cryptography.x509.oid import NameOID

CREDENTIALS = 105

YAML_POLICY = """# answered by the edge, never by an upstream
on_http_request:
  - actions:
      - type: custom-response
        config:
          status_code: 503
          body: down for maintenance
"""


def _now():
    return datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)


def _pem(cert):
    return cert.public_bytes(serialization.Encoding.PEM).decode("ascii")


def _self_signed(common_name, names=(), ca=False):
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    builder = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
               .serial_number(x509.random_serial_number()).not_valid_before(_now() - datetime.timedelta(days=1))
               .not_valid_after(_now() + datetime.timedelta(days=365)))
    if ca:
        builder = builder.add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
    if names:
        builder = builder.add_extension(x509.SubjectAlternativeName([x509.DNSName(n) for n in names]), critical=False)
    cert = builder.sign(key, hashes.SHA256())
    key_pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption()).decode("ascii")
    return _pem(cert), key_pem


def ssh_public_key(comment):
    key = ed25519.Ed25519PrivateKey.generate().public_key()
    line = key.public_bytes(serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH).decode("ascii")
    return "{0} {1}".format(line, comment)


def custom_response(body):
    return json.dumps({"on_http_request": [{"actions": [{"type": "custom-response",
                                                         "config": {"status_code": 200, "body": body}}]}]})


def seed(api):
    """Build the account; returns {name: value} of what the tests check (ids, counts, the private key...)."""
    found = {}
    # -- owners: service users
    bot = api.post("/service_users", {"name": "deploy-bot"})
    api.post("/service_users", {"name": "retired-bot", "active": False})

    # -- API keys: one a service user owns, two with the same description, one without any
    api.post("/api_keys", {"description": "ci", "metadata": '{"team": "platform"}'})
    api.post("/api_keys", {"description": "deployer", "owner_id": bot["id"]})
    api.post("/api_keys", {"description": "shared key"})
    api.post("/api_keys", {"description": "shared key", "metadata": "second"})
    api.post("/api_keys", {})

    # -- more than 100 tunnel credentials (two pages), two with one description, one a service user owns
    for index in range(CREDENTIALS - 3):
        body = {"description": "agent {0:03d}".format(index)}
        if index % 10 == 0:
            body["acl"] = ["bind:agent{0}.example.com".format(index), "bind:*.agents.example.com"]
        if index % 7 == 0:
            body["metadata"] = "rack {0}".format(index // 7)
        api.post("/credentials", body)
    api.post("/credentials", {"description": "edge agent"})
    api.post("/credentials", {"description": "edge agent", "acl": ["bind:edge.example.com"]})
    api.post("/credentials", {"description": "bot agent", "owner_id": bot["id"]})

    # -- TLS: an uploaded certificate for a domain, a certificate authority for mutual TLS
    static_pem, static_key = _self_signed("static.example.com", ["static.example.com"])
    static_cert = api.post("/tls_certificates", {"description": "static site", "certificate_pem": static_pem,
                                                 "private_key_pem": static_key})
    ca_pem, _ca_key = _self_signed("clients", ca=True)
    api.post("/certificate_authorities", {"description": "client ca", "ca_pem": ca_pem})

    # -- reserved domains
    api.post("/reserved_domains", {"domain": "app.example.com", "description": "customer portal",
                                   "metadata": "Hello {{ name }}"})
    api.post("/reserved_domains", {"domain": "api.example.com", "description": "public API",
                                   "certificate_management_policy": {"authority": "letsencrypt",
                                                                     "private_key_type": "rsa"},
                                   "resolves_to": [{"value": "us"}, {"value": "eu"}]})
    api.post("/reserved_domains", {"domain": "static.example.com", "certificate_id": static_cert["id"]})
    bare = api.post("/reserved_domains", {"domain": "bare.example.com", "description": "no certificate"})
    api.delete("/reserved_domains/{0}/certificate_management_policy".format(bare["id"]))
    managed = api.post("/reserved_domains", {"domain": "managed.example.com", "description": "issued"})
    api.post("/_sim/reserved_domains/{0}/issue_certificate".format(managed["id"]))
    api.post("/reserved_domains", {"domain": "*.wild.example.com", "description": "wildcard"})
    api.post("/reserved_domains", {"domain": "team-export.ngrok.app", "description": "demos"})

    # -- reserved TCP addresses, two with one description
    bastion = api.post("/reserved_addrs", {"description": "ssh bastion", "region": "eu"})
    api.post("/reserved_addrs", {"description": "pool addr"})
    api.post("/reserved_addrs", {"description": "pool addr", "metadata": "second"})
    found["bastion_addr"] = bastion["addr"]

    # -- cloud endpoints (and what the export leaves out: an agent endpoint, a running agent)
    api.post("/endpoints", {"url": "https://app.example.com", "traffic_policy": custom_response("portal"),
                            "description": "portal", "metadata": '{"tier": "gold"}'})
    api.post("/endpoints", {"url": "https://api.example.com", "traffic_policy": YAML_POLICY})
    api.post("/endpoints", {"url": "https://greeting.wild.example.com",
                            "traffic_policy": custom_response("Hi {{ user }}, {% raw %}")})
    api.post("/endpoints", {"url": "https://svc.internal", "traffic_policy": custom_response("internal")})
    # A kubernetes-bound endpoint: http:// (or tcp://) and name.namespace, no reservation needed.
    api.post("/endpoints", {"url": "http://kube.default", "traffic_policy": custom_response("kube"),
                            "bindings": ["kubernetes"]})
    for body in ("pool one", "pool two"):
        api.post("/endpoints", {"url": "https://pool.wild.example.com", "traffic_policy": custom_response(body),
                                "pooling_enabled": True, "description": body})
    api.post("/endpoints", {"url": "tcp://" + bastion["addr"],
                            "traffic_policy": json.dumps({"on_tcp_connect": [{"actions": [{"type": "deny"}]}]})})
    api.post("/endpoints", {"url": "https://team-export.ngrok.app", "traffic_policy": custom_response("demo")})
    gateway = api.post("/_sim/agent_endpoints", {
        "url": "https://gateway.wild.example.com", "type": "cloud", "description": "legacy gateway",
        "traffic_policy": json.dumps({"on_http_request": [{"actions": [{"type": "ai-gateway", "config": {}}]}]})})
    api.post("/_sim/agent_endpoints", {"url": "https://agent.wild.example.com", "description": "agent"})
    api.post("/_sim/tunnel_sessions", {"metadata": "laptop"})
    api.post("/ai_gateway_api_keys", {"description": "gateway client", "endpoint_id": gateway["id"]})

    # -- IP policies, their rules (inline in the export), restrictions naming them
    policies = {}
    for description, rules in (("office", ["203.0.113.0/24", "2001:db8:100::/48"]), ("vpn", ["198.51.100.0/24"]),
                               ("empty", []), ("shared", ["192.0.2.0/28"]), ("shared", ["192.0.2.16/28"])):
        policy = api.post("/ip_policies", {"description": description})
        policies.setdefault(description, []).append(policy)
        for cidr in rules:
            api.post("/ip_policy_rules", {"ip_policy_id": policy["id"], "cidr": cidr, "action": "allow",
                                          "description": "{0} {1}".format(description, cidr)})
    api.post("/ip_policy_rules", {"ip_policy_id": policies["office"][0]["id"], "cidr": "10.0.0.0/8", "action": "deny"})
    api.post("/ip_restrictions", {"type": "dashboard", "ip_policy_ids": [policies["office"][0]["id"],
                                                                         policies["vpn"][0]["id"]]})
    api.post("/ip_restrictions", {"type": "api", "ip_policy_ids": [policies["shared"][0]["id"]], "enforced": True})

    # -- vaults and secrets
    for vault_name, names in (("prod", ["db-password", "upstream-token"]), ("staging", ["db-password"])):
        vault = api.post("/vaults", {"name": vault_name, "description": vault_name + " secrets"})
        for name in names:
            api.post("/vault_secrets", {"vault_id": vault["id"], "name": name, "value": "s3cret-" + name})

    # -- events: destinations with secrets in their targets, and without; a subscription naming two
    kinesis = api.post("/event_destinations", {"description": "stream", "format": "json", "target": {"kinesis": {
        "stream_arn": "arn:aws:kinesis:us-east-1:123456789012:stream/logs",
        "auth": {"creds": {"aws_access_key_id": "AKIAEXAMPLE", "aws_secret_access_key": "aws-secret-value"}}}}})
    datadog = api.post("/event_destinations", {"description": "datadog", "format": "JSON", "target": {"datadog": {
        "api_key": "dd-secret-value", "ddsite": "datadoghq.eu"}}})
    api.post("/event_destinations", {"description": "role stream", "format": "json", "target": {"firehose": {
        "delivery_stream_arn": "arn:aws:firehose:us-east-1:123456789012:deliverystream/x",
        "auth": {"role": {"role_arn": "arn:aws:iam::123456789012:role/ngrok"}}}}})
    api.post("/event_subscriptions", {"description": "requests", "sources": [{"type": "http_request_complete.v0"}],
                                      "destination_ids": [kinesis["id"], datadog["id"]]})

    # -- agent ingresses
    api.post("/agent_ingresses", {"domain": "connect.example.com", "description": "agents"})
    api.post("/agent_ingresses", {"domain": "tunnel.example.com",
                                  "certificate_management_policy": {"authority": "letsencrypt",
                                                                    "private_key_type": "rsa"}})

    # -- SSH: an authority, credentials, certificates it signed
    authority = api.post("/ssh_certificate_authorities", {"description": "ssh ca", "private_key_type": "ecdsa",
                                                          "elliptic_curve": "p384"})
    api.post("/ssh_credentials", {"public_key": ssh_public_key("ops@laptop"), "acl": ["bind:ssh.example.com"],
                                  "description": "ops"})
    api.post("/ssh_credentials", {"public_key": ssh_public_key("bot@ci"), "owner_id": bot["id"]})
    api.post("/ssh_host_certificates", {"ssh_certificate_authority_id": authority["id"],
                                        "public_key": ssh_public_key("host"), "principals": ["bastion.example.com"],
                                        "description": "bastion"})
    api.post("/ssh_user_certificates", {"ssh_certificate_authority_id": authority["id"],
                                        "public_key": ssh_public_key("alice"), "principals": ["alice"],
                                        "critical_options": {"force-command": "/bin/true"},
                                        "extensions": {"permit-pty": ""}, "description": "alice"})
    # The values the API never returns, by what an export's placeholders name: (type, object, option).
    found["secret_values"] = {
        ("secrets", "prod/db-password", "value"): "s3cret-db-password",
        ("secrets", "prod/upstream-token", "value"): "s3cret-upstream-token",
        ("secrets", "staging/db-password", "value"): "s3cret-db-password",
        ("event_destinations", "stream", "target.kinesis.auth.creds.aws_secret_access_key"): "aws-secret-value",
        ("event_destinations", "datadog", "target.datadog.api_key"): "dd-secret-value",
        ("tls_certificates", "static site", "private_key_pem"): static_key,
    }
    return found
