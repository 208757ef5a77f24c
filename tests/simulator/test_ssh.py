"""SSH certificate authorities, credentials, host and user certificates."""

import datetime

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from cryptography.hazmat.primitives.serialization import ssh

from conftest import SimProcess, assert_error, listing


def public_key(kind="ed25519", comment="me@laptop"):
    """A fresh OpenSSH public key line."""
    key = ed25519.Ed25519PrivateKey.generate() if kind == "ed25519" else ec.generate_private_key(ec.SECP256R1())
    line = key.public_key().public_bytes(serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH).decode()
    return line + " " + comment


def test_ssh_certificate_authority_crud(client, sim):
    ca = client.ok("POST", "/ssh_certificate_authorities", {"description": "hosts"})
    assert ca["id"].startswith("sshca_") and ca["key_type"] == "ed25519"
    assert ca["public_key"].startswith("ssh-ed25519 ")
    assert set(ca) == {"id", "uri", "created_at", "description", "public_key", "key_type"}
    ecdsa = client.ok("POST", "/ssh_certificate_authorities", {"private_key_type": "ecdsa", "elliptic_curve": "p384"})
    assert ecdsa["key_type"] == "ecdsa" and ecdsa["public_key"].startswith("ecdsa-sha2-nistp384 ")
    defaults = client.ok("POST", "/ssh_certificate_authorities", {"private_key_type": "", "elliptic_curve": "", "key_size": 0})
    assert defaults["key_type"] == "ed25519"
    client.ok("DELETE", "/ssh_certificate_authorities/" + defaults["id"])
    found = listing(client, "/ssh_certificate_authorities", filter='obj.description == "hosts"')
    assert [c["id"] for c in found["ssh_certificate_authorities"]] == [ca["id"]]
    assert [c["id"] for c in listing(client, "/ssh_certificate_authorities")["ssh_certificate_authorities"]] == [ecdsa["id"], ca["id"]]
    updated = client.ok("PATCH", "/ssh_certificate_authorities/" + ca["id"], {"metadata": "m"})
    assert updated["public_key"] == ca["public_key"] and updated["metadata"] == "m"
    assert_error(client.patch("/ssh_certificate_authorities/" + ca["id"], {"private_key_type": "rsa"}), 400, 214)
    client.ok("DELETE", "/ssh_certificate_authorities/" + ca["id"])
    assert_error(client.get("/ssh_certificate_authorities/" + ca["id"]), 404, None)


def test_ssh_certificate_authority_validation(client):
    assert_error(client.post("/ssh_certificate_authorities", {"private_key_type": "dsa"}), 400, 1936)
    assert_error(client.post("/ssh_certificate_authorities", {"private_key_type": "rsa", "key_size": 1024}), 400, 1939)
    assert_error(client.post("/ssh_certificate_authorities", {"private_key_type": "ed25519", "key_size": 2048}), 400, 1940)
    assert_error(client.post("/ssh_certificate_authorities", {"private_key_type": "ecdsa", "elliptic_curve": "p999"}), 400, 1941)
    assert_error(client.post("/ssh_certificate_authorities", {"private_key_type": "rsa", "elliptic_curve": "p256"}), 400, 1942)
    assert_error(client.post("/ssh_certificate_authorities", {"description": "d" * 256}), 400, 1937)


def test_ssh_credential_crud_and_uniqueness(client, sim):
    key = public_key()
    cred = client.ok("POST", "/ssh_credentials", {"public_key": key, "acl": ["bind:x.example.com"], "description": "dev"})
    assert cred["id"].startswith("sshcr_") and cred["public_key"] == key
    assert cred["owner_id"].startswith("usr_") and cred["acl"] == ["bind:x.example.com"]
    assert set(cred) == {"id", "uri", "created_at", "description", "public_key", "acl", "owner_id"}
    same_material = key.rsplit(" ", 1)[0] + " other-comment"
    assert_error(client.post("/ssh_credentials", {"public_key": same_material}), 409, 609)
    plain = client.ok("POST", "/ssh_credentials", {"public_key": public_key("ecdsa")})
    assert plain["acl"] == [] and "description" not in plain
    found = listing(client, "/ssh_credentials", filter='"bind:x.example.com" in obj.acl')
    assert [c["id"] for c in found["ssh_credentials"]] == [cred["id"]]
    updated = client.ok("PATCH", "/ssh_credentials/" + cred["id"], {"acl": []})
    assert updated["acl"] == [] and updated["description"] == "dev"
    assert_error(client.patch("/ssh_credentials/" + cred["id"], {"public_key": public_key()}), 400, 214)
    client.ok("DELETE", "/ssh_credentials/" + cred["id"])
    assert_error(client.get("/ssh_credentials/" + cred["id"]), 404, None)
    client.ok("POST", "/ssh_credentials", {"public_key": key})


def test_ssh_credential_validation(client):
    assert_error(client.post("/ssh_credentials", {}), 400, 611)
    assert_error(client.post("/ssh_credentials", {"public_key": "ssh-rsa notbase64!"}), 400, 612)
    assert_error(client.post("/ssh_credentials", {"public_key": "-----BEGIN PUBLIC KEY-----"}), 400, 612)
    assert_error(client.post("/ssh_credentials", {"public_key": public_key(), "acl": ["allow:all"]}), 400, 600)


def test_ssh_host_certificate(client, sim):
    ca = client.ok("POST", "/ssh_certificate_authorities", {})
    key = public_key("ecdsa", "host.example.com")
    cert = client.ok("POST", "/ssh_host_certificates", {"ssh_certificate_authority_id": ca["id"], "public_key": key,
                                                        "principals": ["host.example.com", "10.2.42.9"], "description": "srv"})
    assert cert["id"].startswith("shcrt_") and cert["key_type"] == "ecdsa"
    assert cert["ssh_certificate_authority_id"] == ca["id"] and cert["public_key"] == key
    start = datetime.datetime.strptime(cert["valid_after"], "%Y-%m-%dT%H:%M:%SZ")
    end = datetime.datetime.strptime(cert["valid_until"], "%Y-%m-%dT%H:%M:%SZ")
    assert end - start == datetime.timedelta(days=365)
    assert cert["certificate"].endswith(" " + cert["id"])
    parsed = ssh.load_ssh_public_identity(cert["certificate"].encode())
    assert parsed.type == ssh.SSHCertificateType.HOST
    assert parsed.valid_principals == [b"host.example.com", b"10.2.42.9"]
    assert parsed.signature_key().public_bytes(serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH).decode() \
        == ca["public_key"]
    parsed.verify_cert_signature()
    assert set(cert) == {"id", "uri", "created_at", "description", "public_key", "key_type", "ssh_certificate_authority_id",
                         "principals", "valid_after", "valid_until", "certificate"}
    assert [c["id"] for c in listing(client, "/ssh_host_certificates")["ssh_host_certificates"]] == [cert["id"]]
    assert_error(client.get("/ssh_host_certificates", params={"filter": "true"}), 400, 231)
    updated = client.ok("PATCH", "/ssh_host_certificates/" + cert["id"], {"description": "renamed"})
    assert updated["certificate"] == cert["certificate"] and updated["description"] == "renamed"
    assert_error(client.patch("/ssh_host_certificates/" + cert["id"], {"principals": []}), 400, 214)
    assert_error(client.delete("/ssh_certificate_authorities/" + ca["id"]), 400, 1964)
    client.ok("DELETE", "/ssh_host_certificates/" + cert["id"])
    assert_error(client.get("/ssh_host_certificates/" + cert["id"]), 404, None)
    client.ok("DELETE", "/ssh_certificate_authorities/" + ca["id"])


def test_ssh_user_certificate(client):
    ca = client.ok("POST", "/ssh_certificate_authorities", {"private_key_type": "ecdsa"})
    body = {"ssh_certificate_authority_id": ca["id"], "public_key": public_key(), "principals": ["ec2-user", "root"],
            "valid_after": "2030-01-01T00:00:00Z", "valid_until": "2030-02-01T00:00:00+00:00"}
    cert = client.ok("POST", "/ssh_user_certificates", body)
    assert cert["id"].startswith("sucrt_") and cert["key_type"] == "ed25519"
    assert cert["extensions"] == {"permit-pty": "", "permit-user-rc": ""} and cert["critical_options"] == {}
    assert cert["valid_after"] == "2030-01-01T00:00:00Z" and cert["valid_until"] == "2030-02-01T00:00:00Z"
    parsed = ssh.load_ssh_public_identity(cert["certificate"].encode())
    assert parsed.type == ssh.SSHCertificateType.USER and parsed.key_id == cert["id"].encode()
    assert parsed.extensions == {b"permit-pty": b"", b"permit-user-rc": b""}
    assert parsed.valid_after == int(datetime.datetime(2030, 1, 1, tzinfo=datetime.timezone.utc).timestamp())
    parsed.verify_cert_signature()
    custom = client.ok("POST", "/ssh_user_certificates", {"ssh_certificate_authority_id": ca["id"], "public_key": public_key(),
                                                          "critical_options": {"force-command": "uptime"},
                                                          "extensions": {"permit-port-forwarding": ""}})
    start = datetime.datetime.strptime(custom["valid_after"], "%Y-%m-%dT%H:%M:%SZ")
    end = datetime.datetime.strptime(custom["valid_until"], "%Y-%m-%dT%H:%M:%SZ")
    assert end - start == datetime.timedelta(hours=24) and custom["principals"] == []
    parsed = ssh.load_ssh_public_identity(custom["certificate"].encode())
    assert parsed.critical_options == {b"force-command": b"uptime"} and parsed.extensions == {b"permit-port-forwarding": b""}
    assert_error(client.delete("/ssh_certificate_authorities/" + ca["id"]), 400, 1964)
    for item in (cert, custom):
        client.ok("DELETE", "/ssh_user_certificates/" + item["id"])
    client.ok("DELETE", "/ssh_certificate_authorities/" + ca["id"])


def test_ssh_certificate_validation(client):
    ca = client.ok("POST", "/ssh_certificate_authorities", {})
    key = public_key()
    missing_ca = "sshca_2cSjz4ZrmvU7wz5ukkIquN2NOId"
    assert_error(client.post("/ssh_host_certificates", {"ssh_certificate_authority_id": missing_ca, "public_key": key}), 400, 1949)
    assert_error(client.post("/ssh_user_certificates", {"ssh_certificate_authority_id": missing_ca, "public_key": key}), 400, 1951)
    assert_error(client.post("/ssh_host_certificates", {"ssh_certificate_authority_id": ca["id"]}), 400, 1952)
    assert_error(client.post("/ssh_host_certificates", {"ssh_certificate_authority_id": ca["id"], "public_key": "ssh-rsa !!"}), 400, 1934)
    bad_time = {"ssh_certificate_authority_id": ca["id"], "public_key": key, "valid_until": "tomorrow"}
    assert_error(client.post("/ssh_host_certificates", bad_time), 400, 241)
    backwards = {"ssh_certificate_authority_id": ca["id"], "public_key": key,
                 "valid_after": "2030-01-02T00:00:00Z", "valid_until": "2030-01-01T00:00:00Z"}
    assert_error(client.post("/ssh_host_certificates", backwards), 400, 1963)
    assert_error(client.post("/ssh_user_certificates", backwards), 400, 1962)
    bad_opts = {"ssh_certificate_authority_id": ca["id"], "public_key": key, "extensions": {"permit-pty": 1}}
    assert_error(client.post("/ssh_user_certificates", bad_opts), 400, 215)
    zero = {"ssh_certificate_authority_id": ca["id"], "public_key": key, "valid_after": "0001-01-01T00:00:00Z",
            "valid_until": "0001-01-01T00:00:00Z"}
    assert client.post("/ssh_host_certificates", zero).status_code == 201


def test_ssh_ca_key_survives_restart(tmp_path):
    state = str(tmp_path / "state.json")
    first = SimProcess("--rate-limit", "0", "--state-file", state)
    try:
        ca = first.client().ok("POST", "/ssh_certificate_authorities", {})
    finally:
        assert first.stop() == 0
    second = SimProcess("--rate-limit", "0", "--state-file", state)
    try:
        client = second.client()
        again = client.ok("GET", "/ssh_certificate_authorities/" + ca["id"])
        assert again == dict(ca, uri=second.url + "/ssh_certificate_authorities/" + ca["id"])
        cert = client.ok("POST", "/ssh_user_certificates", {"ssh_certificate_authority_id": ca["id"], "public_key": public_key()})
        parsed = ssh.load_ssh_public_identity(cert["certificate"].encode())
        assert parsed.signature_key().public_bytes(serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH).decode() \
            == ca["public_key"]
    finally:
        assert second.stop() == 0
