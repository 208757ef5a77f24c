"""Abuse reports, bot users, application users/sessions, agent ingresses, certificate authorities."""

import datetime

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from conftest import assert_error


def listing(client, path, **params):
    """GET a list (with query parameters) and assert 200."""
    resp = client.get(path, params=params)
    assert resp.status_code == 200, resp.text
    return resp.json()


def make_cert(common_name, ca=True, key_usage=True):
    """A self-signed certificate PEM."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    start = datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc)
    builder = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
               .serial_number(1234).not_valid_before(start).not_valid_after(start + datetime.timedelta(days=365)))
    builder = builder.add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
    if key_usage:
        builder = builder.add_extension(x509.KeyUsage(True, False, False, False, False, True, True, False, False), critical=True)
        builder = builder.add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.CLIENT_AUTH]), critical=False)
    return builder.sign(key, hashes.SHA256()).public_bytes(serialization.Encoding.PEM).decode()


# -- abuse reports ----------------------------------------------------------

def test_abuse_report_create_and_get(client, sim):
    body = {"urls": ["http://bad.ngrok.io/login", "https://bad.ngrok.io/x"], "metadata": '{"case": 1}'}
    report = client.ok("POST", "/abuse_reports", body)
    assert report["id"].startswith("abrp_")
    assert report["uri"] == sim.url + "/abuse_reports/" + report["id"]
    assert report["status"] == "PENDING"
    assert report["hostnames"] == [{"hostname": "bad.ngrok.io", "status": "PENDING"}]
    assert set(report) == {"id", "uri", "created_at", "urls", "metadata", "status", "hostnames"}
    assert client.ok("GET", "/abuse_reports/" + report["id"]) == report
    no_meta = client.ok("POST", "/abuse_reports", {"urls": ["http://x.ngrok.app"]})
    assert "metadata" not in no_meta


def test_abuse_report_validation_and_missing_ops(client):
    assert_error(client.post("/abuse_reports", {}), 400, 215)
    assert_error(client.post("/abuse_reports", {"urls": ["http://"]}), 400, 215)
    assert_error(client.post("/abuse_reports", {"urls": ["http://x.io"], "description": "d"}), 400, 214)
    assert_error(client.post("/abuse_reports", {"urls": ["http://x.io"], "metadata": "m" * 4097}), 400, 100)
    assert client.get("/abuse_reports").status_code == 405
    assert_error(client.get("/abuse_reports/abrp_2t7Q9nBcCyFt8EnlJJLa9M9Lg6A"), 404, None)


# -- bot users --------------------------------------------------------------

def test_bot_user_crud(client, sim):
    bot = client.ok("POST", "/bot_users", {"name": "ci-bot"})
    assert bot["id"].startswith("bot_") and bot["active"] is True
    assert set(bot) == {"id", "uri", "name", "active", "created_at"}
    second = client.ok("POST", "/bot_users", {"name": "other", "active": False})
    listed = client.ok("GET", "/bot_users")
    assert [b["id"] for b in listed["bot_users"]] == [second["id"], bot["id"]]
    assert listed["uri"] == sim.url + "/bot_users" and listed["next_page_uri"] is None
    assert_error(client.get("/bot_users", params={"filter": 'obj.name == "x"'}), 400, 231)
    updated = client.ok("PATCH", "/bot_users/" + bot["id"], {"active": False})
    assert updated["active"] is False and updated["name"] == "ci-bot"
    assert_error(client.patch("/bot_users/" + bot["id"], {"name": ""}), 400, 4109)
    assert_error(client.post("/bot_users", {}), 400, 4109)
    client.ok("DELETE", "/bot_users/" + bot["id"])
    assert_error(client.get("/bot_users/" + bot["id"]), 404, None)


# -- application users and sessions -----------------------------------------

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


# -- agent ingresses --------------------------------------------------------

def test_agent_ingress_crud(client, sim):
    ingress = client.ok("POST", "/agent_ingresses", {"domain": "Connect.Example.COM.", "description": "devices"})
    assert ingress["id"].startswith("agin_") and ingress["domain"] == "connect.example.com"
    assert ingress["uri"] == sim.url + "/agent_ingresses/" + ingress["id"]
    assert ingress["certificate_management_policy"] is None and ingress["certificate_management_status"] is None
    assert ingress["ns_targets"] and ingress["region_domains"] == ["tunnel.us.connect.example.com"]
    assert "metadata" not in ingress
    listed = listing(client, "/agent_ingresses", filter='obj.domain == "connect.example.com"')
    assert [i["id"] for i in listed["ingresses"]] == [ingress["id"]]
    assert listing(client, "/agent_ingresses", filter='obj.domain == "nope.example.com"')["ingresses"] == []
    updated = client.ok("PATCH", "/agent_ingresses/" + ingress["id"],
                        {"certificate_management_policy": {"authority": "letsencrypt"}})
    assert updated["certificate_management_policy"] == {"authority": "letsencrypt", "private_key_type": "rsa"}
    assert updated["certificate_management_status"] is not None and updated["description"] == "devices"
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


# -- certificate authorities --------------------------------------------------

def test_certificate_authority_crud(client, sim):
    pem = make_cert("Test Root CA")
    ca = client.ok("POST", "/certificate_authorities", {"ca_pem": pem, "description": "root"})
    assert ca["id"].startswith("ca_") and ca["ca_pem"] == pem
    assert ca["subject_common_name"] == "Test Root CA"
    assert ca["not_before"] == "2024-01-02T03:04:05Z" and ca["not_after"] == "2025-01-01T03:04:05Z"
    assert ca["key_usages"] == ["digital_signature", "cert_sign", "crl_sign"]
    assert ca["extended_key_usages"] == ["client_auth"]
    assert set(ca) == {"id", "uri", "created_at", "description", "ca_pem", "subject_common_name", "not_before", "not_after",
                       "key_usages", "extended_key_usages"}
    plain = client.ok("POST", "/certificate_authorities", {"ca_pem": make_cert("Other CA", key_usage=False)})
    assert plain["key_usages"] == [] and plain["extended_key_usages"] == []
    found = listing(client, "/certificate_authorities", filter='obj.subject_common_name == "Test Root CA"')
    assert [c["id"] for c in found["certificate_authorities"]] == [ca["id"]]
    older = listing(client, "/certificate_authorities", filter='obj.not_after < timestamp("2026-01-01T00:00:00Z")')
    assert len(older["certificate_authorities"]) == 2
    updated = client.ok("PATCH", "/certificate_authorities/" + ca["id"], {"metadata": "m"})
    assert updated["metadata"] == "m" and updated["description"] == "root"
    assert_error(client.patch("/certificate_authorities/" + ca["id"], {"ca_pem": pem}), 400, 214)
    client.ok("DELETE", "/certificate_authorities/" + ca["id"])
    assert_error(client.get("/certificate_authorities/" + ca["id"]), 404, None)


def test_certificate_authority_invalid_pem(client):
    pem = make_cert("x")
    assert_error(client.post("/certificate_authorities", {}), 400, 1919)
    assert_error(client.post("/certificate_authorities", {"ca_pem": "not a pem"}), 400, 1920)
    assert_error(client.post("/certificate_authorities", {"ca_pem": pem + pem}), 400, 1912)
    assert_error(client.post("/certificate_authorities", {"ca_pem": pem.replace("CERTIFICATE", "PUBLIC KEY")}), 400, 1911)
    broken = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"
    assert_error(client.post("/certificate_authorities", {"ca_pem": broken}), 400, 1900)
    assert_error(client.post("/certificate_authorities", {"ca_pem": make_cert("leaf", ca=False)}), 400, 1913)
    assert_error(client.post("/certificate_authorities", {"ca_pem": pem, "description": "d" * 256}), 400, 1916)
