# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The remaining resources: abuse reports, agent ingresses, application users/sessions, bot users,
certificate authorities, event destinations/subscriptions/sources, SSH resources, tunnel sessions and tunnels."""

from __future__ import annotations

import datetime
import json
import re
import types

import pytest

import ngrok
from .contract_support import (expect_error, load_ssh_certificate, load_ssh_public_key, make_ssh_public_key,
                               make_tls_certificate, parse_timestamp)

CONFLICT = (400, 409)
ROLE_ARN = "arn:aws:iam::123456789012:role/ngrok-events"
STREAM_ARN = "arn:aws:kinesis:us-east-1:123456789012:stream/ngrok-events"
TARGET_KINDS = ("firehose", "kinesis", "cloudwatch_logs", "datadog", "azure_logs_ingestion")


def props(obj):
    return obj._props if hasattr(obj, "_props") else obj


def plain(value):
    """A holder the client's extract_props() accepts, whose props stay plain JSON."""
    return types.SimpleNamespace(_props=value)


def ref_of(sim, collection, obj_id):
    return {"id": obj_id, "uri": "%s%s/%s" % (sim.url, collection, obj_id)}


def assert_object(sim, obj, prefix, collection):
    assert re.match(r"^%s_[0-9A-Za-z]{27}$" % prefix, obj.id), obj.id
    assert obj.uri == "%s%s/%s" % (sim.url, collection, obj.id)
    parse_timestamp(props(obj)["created_at"])


def kinesis_target():
    return {"kinesis": {"auth": {"role": {"role_arn": ROLE_ARN}}, "stream_arn": STREAM_ARN}}


# -- abuse reports -------------------------------------------------------------

def test_abuse_report_create_and_get(sim, client, complete):
    report = client.abuse_reports.create(urls=["https://phish.example.net/login", "https://phish.example.net/other"], metadata="ticket 7")
    assert_object(sim, report, "abrp", "/abuse_reports")
    complete(report, "AbuseReport")
    assert report.status == "PENDING" and report.metadata == "ticket 7"
    assert report.urls == ["https://phish.example.net/login", "https://phish.example.net/other"]
    assert [(h.hostname, h.status) for h in report.hostnames] == [("phish.example.net", "PENDING")]
    got = client.abuse_reports.get(report.id)
    assert got.urls == report.urls and got.status == "PENDING"


# -- agent ingresses ---------------------------------------------------------------

def test_agent_ingress_crud(sim, client, complete):
    ingress = client.agent_ingresses.create(domain="Agents.Example.com", description="fleet")
    assert re.match(r"^agin_[0-9A-Za-z]{27}$", ingress.id)
    complete(ingress, "AgentIngress")
    assert ingress.domain == "agents.example.com"
    assert ingress.ns_targets and all(isinstance(t, str) for t in ingress.ns_targets)
    assert ingress.region_domains and all(d.endswith(".agents.example.com") for d in ingress.region_domains)
    assert ingress.certificate_management_policy is None
    managed = client.agent_ingresses.update(ingress.id, certificate_management_policy=plain({"authority": "letsencrypt"}))
    assert managed.certificate_management_policy.private_key_type == "rsa"
    assert managed.description == "fleet"
    assert client.agent_ingresses.get(ingress.id).domain == "agents.example.com"
    assert [i.id for i in client.agent_ingresses.list(filter='obj.domain == "agents.example.com"')] == [ingress.id]
    client.agent_ingresses.delete(ingress.id)
    with pytest.raises(ngrok.NotFoundError):
        client.agent_ingresses.get(ingress.id)
    del sim


def test_agent_ingress_rules(client, raw):
    made = client.agent_ingresses.create(domain="ingress.example.com")
    expect_error(lambda: client.agent_ingresses.create(domain="ingress.example.com"), 6706, CONFLICT)
    expect_error(lambda: client.agent_ingresses.create(domain="not a domain"), 6704)
    expect_error(lambda: client.agent_ingresses.create(domain="mine.ngrok.app"), 6705)
    resp = raw.patch("/agent_ingresses/" + made.id, {"domain": "other.example.com"})
    assert resp.status_code == 400 and resp.json()["error_code"] == "ERR_NGROK_214"


# -- application users and sessions (seeded: there is no create API) --------------------

def test_application_users_and_sessions(sim, client, complete):
    user = sim.control("POST", "/_sim/app_users", {"username": "alice", "email": "alice@example.com", "name": "Alice"})
    session = sim.control("POST", "/_sim/app_sessions", {"application_user_id": user["id"], "public_url": "https://app.example.com"})
    got_user = client.application_users.get(user["id"])
    complete(got_user, "ApplicationUser")
    assert got_user.uri == "%s/app/users/%s" % (sim.url, user["id"])
    assert (got_user.username, got_user.email, got_user.name) == ("alice", "alice@example.com", "Alice")
    got_session = client.application_sessions.get(session["id"])
    complete(got_session, "ApplicationSession")
    assert got_session.uri == "%s/app/sessions/%s" % (sim.url, session["id"])
    assert props(got_session.application_user) == ref_of(sim, "/app/users", user["id"])
    assert [u.id for u in client.application_users.list()] == [user["id"]]
    assert [s.id for s in client.application_sessions.list()] == [session["id"]]
    client.application_sessions.delete(session["id"])
    with pytest.raises(ngrok.NotFoundError):
        client.application_sessions.get(session["id"])
    client.application_users.delete(user["id"])
    with pytest.raises(ngrok.NotFoundError):
        client.application_users.get(user["id"])


# -- bot users ------------------------------------------------------------------

def test_bot_user_crud(sim, client, complete):
    bot = client.bot_users.create(name="ci-bot")
    assert_object(sim, bot, "bot", "/bot_users")
    complete(bot, "BotUser")
    assert bot.active is True
    renamed = client.bot_users.update(bot.id, name="ci-bot-2", active=False)
    assert (renamed.name, renamed.active) == ("ci-bot-2", False)
    assert client.bot_users.get(bot.id).name == "ci-bot-2"
    assert [b.id for b in client.bot_users.list()] == [bot.id]
    client.bot_users.delete(bot.id)
    with pytest.raises(ngrok.NotFoundError):
        client.bot_users.get(bot.id)


# -- certificate authorities ----------------------------------------------------------

def test_certificate_authority_crud(sim, client, raw, complete):
    ca_pem, _key, cert = make_tls_certificate("Contract Root CA", is_ca=True)
    ca = client.certificate_authorities.create(ca_pem=ca_pem, description="mtls")
    assert_object(sim, ca, "ca", "/certificate_authorities")
    complete(ca, "CertificateAuthority")
    assert ca.subject_common_name == "Contract Root CA"
    assert ca.ca_pem.strip() == ca_pem.strip()
    assert parse_timestamp(ca.not_before) == cert.not_valid_before_utc
    assert parse_timestamp(ca.not_after) == cert.not_valid_after_utc
    assert ca.key_usages and all(isinstance(u, str) for u in ca.key_usages)
    assert ca.extended_key_usages and all(isinstance(u, str) for u in ca.extended_key_usages)
    assert client.certificate_authorities.get(ca.id).subject_common_name == "Contract Root CA"
    assert client.certificate_authorities.update(ca.id, metadata="m").metadata == "m"
    assert [c.id for c in client.certificate_authorities.list(filter='obj.subject_common_name == "Contract Root CA"')] == [ca.id]
    resp = raw.patch("/certificate_authorities/" + ca.id, {"ca_pem": ca_pem})
    assert resp.status_code == 400 and resp.json()["error_code"] == "ERR_NGROK_214"
    client.certificate_authorities.delete(ca.id)
    with pytest.raises(ngrok.NotFoundError):
        client.certificate_authorities.get(ca.id)


def test_certificate_authority_invalid_pem(client):
    expect_error(lambda: client.certificate_authorities.create(ca_pem="not a pem"), "*")
    leaf_pem, _key, _cert = make_tls_certificate("leaf.example.com")
    expect_error(lambda: client.certificate_authorities.create(ca_pem=leaf_pem), 1913)


# -- event destinations, subscriptions and sources --------------------------------------

def test_event_destination_crud(sim, client, complete):
    dest = client.event_destinations.create(description="stream", format="json", target=plain(kinesis_target()))
    assert_object(sim, dest, "ed", "/event_destinations")
    complete(dest, "EventDestination")
    assert dest.format == "json"
    target = dest._props["target"]._props
    assert set(target) == set(TARGET_KINDS)
    assert [kind for kind in TARGET_KINDS if target[kind] is not None] == ["kinesis"]
    kinesis = target["kinesis"]._props
    assert kinesis["stream_arn"] == STREAM_ARN
    assert kinesis["auth"].role.role_arn == ROLE_ARN
    assert client.event_destinations.get(dest.id).target.kinesis.stream_arn == STREAM_ARN
    updated = client.event_destinations.update(dest.id, description="stream v2")
    assert updated.description == "stream v2" and updated.target.kinesis.stream_arn == STREAM_ARN
    assert [d.id for d in client.event_destinations.list(filter='obj.description == "stream v2"')] == [dest.id]
    client.event_destinations.delete(dest.id)
    with pytest.raises(ngrok.NotFoundError):
        client.event_destinations.get(dest.id)


def test_event_destination_secrets_are_redacted(client, raw):
    target = {"firehose": {"auth": {"creds": {"aws_access_key_id": "AKIAEXAMPLEKEY", "aws_secret_access_key": "very-secret-aws-key"}},
                           "delivery_stream_arn": "arn:aws:firehose:us-east-1:123456789012:deliverystream/ngrok"}}
    dest = client.event_destinations.create(format="json", target=plain(target))
    for text in (json.dumps(dest._props, default=lambda o: o._props), raw.get("/event_destinations/" + dest.id).text,
                 raw.get("/event_destinations").text):
        assert "very-secret-aws-key" not in text
    datadog = client.event_destinations.create(format="json", target=plain({"datadog": {"api_key": "dd-secret-key", "ddsite": "datadoghq.com"}}))
    assert "dd-secret-key" not in raw.get("/event_destinations/" + datadog.id).text


def test_event_destination_needs_exactly_one_target(client):
    two = dict(kinesis_target(), datadog={"api_key": "k"})
    expect_error(lambda: client.event_destinations.create(format="json", target=plain(two)), 5115)
    expect_error(lambda: client.event_destinations.create(format="json", target=plain({})), "*")


def test_client_cannot_send_its_own_target_objects(client, recorder):
    """Client quirk: datatypes wrap nested dicts into objects, so extract_props() yields JSON-unfriendly values."""
    target = ngrok.datatypes.EventTarget(None, kinesis_target())
    with pytest.raises(TypeError):
        client.event_destinations.create(format="json", target=target)
    assert recorder.sent == []


def test_event_subscription_and_sources(sim, client, recorder, complete):
    dest = client.event_destinations.create(format="json", target=plain(kinesis_target()))
    sub = client.event_subscriptions.create(description="audit", destination_ids=[dest.id],
                                            sources=[plain({"type": "ip_policy_created.v0"})])
    assert_object(sim, sub, "esb", "/event_subscriptions")
    complete(sub, "EventSubscription")
    assert [props(d) for d in sub.destinations] == [ref_of(sim, "/event_destinations", dest.id)]
    assert [props(s) for s in sub.sources] == [{"type": "ip_policy_created.v0", "uri": sub.uri + "/sources/ip_policy_created.v0"}]
    assert client.event_subscriptions.get(sub.id).description == "audit"
    expect_error(lambda: client.event_destinations.delete(dest.id), 5112)

    added = client.event_sources.create(sub.id, type="ip_policy_deleted.v0")
    assert props(added) == {"type": "ip_policy_deleted.v0", "uri": sub.uri + "/sources/ip_policy_deleted.v0"}
    expect_error(lambda: client.event_sources.create(sub.id, type="ip_policy_deleted.v0"), 5127, CONFLICT)
    listing = client.event_sources.list(sub.id)
    assert set(listing._props) == {"sources", "uri"}, "the sources list is not paginated"
    assert listing.uri == sub.uri + "/sources"
    assert sorted(s.type for s in listing.sources) == ["ip_policy_created.v0", "ip_policy_deleted.v0"]
    assert client.event_sources.get(sub.id, "ip_policy_deleted.v0").uri == added.uri
    assert client.event_sources.update(sub.id, "ip_policy_deleted.v0").type == "ip_policy_deleted.v0"
    client.event_sources.delete(sub.id, "ip_policy_deleted.v0")
    expect_error(lambda: client.event_sources.get(sub.id, "ip_policy_deleted.v0"), 5125, (400, 404))

    # client quirk: update() always sends sources (None becomes []), so changing the description
    # through the client also replaces the sources with none
    recorder.reset()
    updated = client.event_subscriptions.update(sub.id, description="audit v2", destination_ids=[])
    assert json.loads(recorder.sent[-1]["body"])["sources"] == []
    assert updated.description == "audit v2" and updated.destinations == [] and updated.sources == []
    kept = client.event_subscriptions.update(sub.id, sources=[plain({"type": "ip_policy_created.v0"})], metadata="m")
    assert [s.type for s in kept.sources] == ["ip_policy_created.v0"] and kept.description == "audit v2"
    assert [s.id for s in client.event_subscriptions.list(filter='obj.description == "audit v2"')] == [sub.id]
    client.event_destinations.delete(dest.id)
    client.event_subscriptions.delete(sub.id)
    with pytest.raises(ngrok.NotFoundError):
        client.event_subscriptions.get(sub.id)


# -- SSH -------------------------------------------------------------------------

def test_ssh_certificate_authority_crud(sim, client, recorder, raw, complete):
    ca = client.ssh_certificate_authorities.create(description="hosts", private_key_type="ed25519")
    # client quirk: it always sends key_size 0 and elliptic_curve "", which the API must read as unset
    body = json.loads([e for e in recorder.sent if e["method"] == "POST"][-1]["body"])
    assert body["key_size"] == 0 and body["elliptic_curve"] == ""
    assert_object(sim, ca, "sshca", "/ssh_certificate_authorities")
    complete(ca, "SSHCertificateAuthority")
    assert ca.key_type == "ed25519"
    assert ca.public_key.startswith("ssh-ed25519 ")
    load_ssh_public_key(ca.public_key)
    assert "PRIVATE KEY" not in raw.get("/ssh_certificate_authorities/" + ca.id).text
    ecdsa = client.ssh_certificate_authorities.create(private_key_type="ecdsa", elliptic_curve="p384")
    assert ecdsa.key_type == "ecdsa" and ecdsa.public_key.startswith("ecdsa-sha2-nistp384 ")
    expect_error(lambda: client.ssh_certificate_authorities.create(private_key_type="dsa"), 1936)
    expect_error(lambda: client.ssh_certificate_authorities.create(private_key_type="ed25519", key_size=4096), 1940)
    assert client.ssh_certificate_authorities.get(ca.id).public_key == ca.public_key
    assert client.ssh_certificate_authorities.update(ca.id, metadata="m").metadata == "m"
    assert [c.id for c in client.ssh_certificate_authorities.list(filter='obj.description == "hosts"')] == [ca.id]
    client.ssh_certificate_authorities.delete(ca.id)
    with pytest.raises(ngrok.NotFoundError):
        client.ssh_certificate_authorities.get(ca.id)


def test_ssh_credential_crud(sim, client, raw, complete):
    public_key = make_ssh_public_key("laptop")
    cred = client.ssh_credentials.create(public_key=public_key, description="laptop", acl=["bind:ssh.example.com"])
    assert_object(sim, cred, "sshcr", "/ssh_credentials")
    complete(cred, "SSHCredential")
    assert cred.public_key.split()[:2] == public_key.split()[:2]
    assert cred.acl == ["bind:ssh.example.com"] and cred.owner_id
    assert client.ssh_credentials.get(cred.id).public_key == cred.public_key
    assert [c.id for c in client.ssh_credentials.list(filter='obj.description == "laptop"')] == [cred.id]
    assert client.ssh_credentials.update(cred.id, acl=[]).acl == []
    expect_error(lambda: client.ssh_credentials.create(public_key=public_key), 609, CONFLICT)
    expect_error(lambda: client.ssh_credentials.create(public_key="ssh-ed25519 not-base64"), 612)
    resp = raw.patch("/ssh_credentials/" + cred.id, {"public_key": make_ssh_public_key()})
    assert resp.status_code == 400 and resp.json()["error_code"] == "ERR_NGROK_214"
    client.ssh_credentials.delete(cred.id)
    with pytest.raises(ngrok.NotFoundError):
        client.ssh_credentials.get(cred.id)


def test_ssh_certificate_client_default_dates_cannot_be_sent(client, recorder):
    """Client quirk: valid_after/valid_until default to datetime.min, which requests cannot JSON-encode."""
    ca = client.ssh_certificate_authorities.create(private_key_type="ed25519")
    recorder.reset()
    with pytest.raises(TypeError):
        client.ssh_host_certificates.create(ssh_certificate_authority_id=ca.id, public_key=make_ssh_public_key())
    assert recorder.sent == []


def test_ssh_host_certificate(sim, client, complete):
    ca = client.ssh_certificate_authorities.create(private_key_type="ed25519")
    host_key = make_ssh_public_key()
    before = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    cert = client.ssh_host_certificates.create(ssh_certificate_authority_id=ca.id, public_key=host_key,
                                               principals=["host.example.com"], valid_after=None, valid_until=None, description="web")
    assert_object(sim, cert, "shcrt", "/ssh_host_certificates")
    complete(cert, "SSHHostCertificate")
    assert cert.ssh_certificate_authority_id == ca.id and cert.key_type == "ed25519"
    assert cert.principals == ["host.example.com"]
    valid_after, valid_until = parse_timestamp(cert.valid_after), parse_timestamp(cert.valid_until)
    assert abs((valid_after - before).total_seconds()) < 60
    assert abs((valid_until - valid_after) - datetime.timedelta(days=365)) <= datetime.timedelta(days=1)
    parsed = load_ssh_certificate(cert.certificate)
    assert parsed.valid_principals == [b"host.example.com"]
    assert parsed.type.name == "HOST"
    parsed.verify_cert_signature()
    assert parsed.signature_key().public_bytes(*_openssh()) == load_ssh_public_key(ca.public_key).public_bytes(*_openssh())
    assert client.ssh_host_certificates.get(cert.id).certificate == cert.certificate
    assert client.ssh_host_certificates.update(cert.id, description="web v2").description == "web v2"
    assert [c.id for c in client.ssh_host_certificates.list()] == [cert.id]
    expect_error(lambda: client.ssh_certificate_authorities.delete(ca.id), 1964)
    client.ssh_host_certificates.delete(cert.id)
    client.ssh_certificate_authorities.delete(ca.id)


def test_ssh_user_certificate(sim, client, raw, complete):
    ca = client.ssh_certificate_authorities.create(private_key_type="ed25519")
    resp = raw.post("/ssh_user_certificates", {"ssh_certificate_authority_id": ca.id, "public_key": make_ssh_public_key(),
                                               "principals": ["alice"]})
    assert resp.status_code == 201, resp.text
    default = resp.json()
    assert default["extensions"] == {"permit-pty": "", "permit-user-rc": ""}
    assert default["critical_options"] == {}
    window = parse_timestamp(default["valid_until"]) - parse_timestamp(default["valid_after"])
    assert abs(window - datetime.timedelta(hours=24)) <= datetime.timedelta(minutes=1)
    cert = client.ssh_user_certificates.create(ssh_certificate_authority_id=ca.id, public_key=make_ssh_public_key(),
                                               principals=["bob"], critical_options={"force-command": "/bin/date"},
                                               extensions={"permit-pty": ""}, valid_after="2030-01-01T00:00:00Z",
                                               valid_until="2030-01-02T00:00:00Z")
    assert_object(sim, cert, "sucrt", "/ssh_user_certificates")
    complete(cert, "SSHUserCertificate")
    assert (cert.valid_after, cert.valid_until) == ("2030-01-01T00:00:00Z", "2030-01-02T00:00:00Z")
    assert cert.critical_options == {"force-command": "/bin/date"} and cert.extensions == {"permit-pty": ""}
    parsed = load_ssh_certificate(cert.certificate)
    assert parsed.type.name == "USER" and parsed.valid_principals == [b"bob"]
    assert parsed.critical_options == {b"force-command": b"/bin/date"}
    assert parsed.valid_after == int(datetime.datetime(2030, 1, 1, tzinfo=datetime.timezone.utc).timestamp())
    parsed.verify_cert_signature()
    assert client.ssh_user_certificates.get(cert.id).certificate == cert.certificate
    assert sorted(c.id for c in client.ssh_user_certificates.list()) == sorted([cert.id, default["id"]])
    assert client.ssh_user_certificates.update(cert.id, metadata="m").metadata == "m"
    resp = raw.patch("/ssh_user_certificates/" + cert.id, {"principals": ["eve"]})
    assert resp.status_code == 400 and resp.json()["error_code"] == "ERR_NGROK_214"
    client.ssh_user_certificates.delete(cert.id)
    with pytest.raises(ngrok.NotFoundError):
        client.ssh_user_certificates.get(cert.id)


def _openssh():
    # pylint: disable=import-outside-toplevel
    from cryptography.hazmat.primitives import serialization
    return serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH


# -- tunnel sessions and tunnels (seeded: they exist while an agent is connected) ------------

def test_tunnel_sessions_and_tunnels(sim, client, raw, recorder, complete):
    seeded = sim.control("POST", "/_sim/tunnel_sessions", {"region": "eu", "tunnels": [{"public_url": "https://t1.ngrok.app", "proto": "https"}]})
    session_id = seeded["tunnel_session"]["id"]
    tunnel_id = seeded["tunnels"][0]["id"]
    session = client.tunnel_sessions.get(session_id)
    complete(session, "TunnelSession")
    assert re.match(r"^ts_[0-9A-Za-z]{27}$", session.id) and session.region == "eu"
    assert session.uri == "%s/tunnel_sessions/%s" % (sim.url, session.id)
    assert [s.id for s in client.tunnel_sessions.list(filter='obj.region == "eu"')] == [session_id]
    tunnel = client.tunnels.get(tunnel_id)
    assert re.match(r"^tn_[0-9A-Za-z]{27}$", tunnel.id) and tunnel.public_url == "https://t1.ngrok.app"
    assert props(tunnel.tunnel_session) == ref_of(sim, "/tunnel_sessions", session_id)
    assert [t.id for t in client.tunnels.list()] == [tunnel_id]

    # client quirk: the actions answer 204, which the client's post() turns into RuntimeError
    recorder.reset()
    with pytest.raises(RuntimeError, match="unexpected 204"):
        client.tunnel_sessions.update(session_id)
    assert [(e["method"], e["status"]) for e in recorder.sent] == [("POST", 204)]
    with pytest.raises(RuntimeError, match="unexpected 204"):
        client.tunnel_sessions.restart(session_id)
    resp = raw.post("/tunnel_sessions/%s/stop" % client.tunnel_sessions.list().tunnel_sessions[0].id, {})
    assert resp.status_code == 204 and resp.content == b""
    assert client.tunnel_sessions.list().tunnel_sessions == []
    ssh = sim.control("POST", "/_sim/tunnel_sessions", {"transport": "ssh"})["tunnel_session"]
    expect_error(lambda: client.tunnel_sessions.restart(ssh["id"]), 1122)
    expect_error(lambda: client.tunnel_sessions.update(ssh["id"]), 1121)
    missing = raw.post("/tunnel_sessions/ts_%s/restart" % ("0" * 27), {})
    assert missing.status_code == 404 and "error_code" not in missing.json()
