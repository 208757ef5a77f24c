"""Certificate authorities (uploaded CA certificates)."""

from certs import make_ca_cert
from conftest import assert_error, listing


def test_certificate_authority_crud(client, sim):
    pem = make_ca_cert("Test Root CA")
    ca = client.ok("POST", "/certificate_authorities", {"ca_pem": pem, "description": "root"})
    assert ca["id"].startswith("ca_") and ca["ca_pem"] == pem
    assert ca["subject_common_name"] == "Test Root CA"
    assert ca["not_before"] == "2024-01-02T03:04:05Z" and ca["not_after"] == "2025-01-01T03:04:05Z"
    assert ca["key_usages"] == ["digital_signature", "cert_sign", "crl_sign"]
    assert ca["extended_key_usages"] == ["client_auth"]
    assert set(ca) == {"id", "uri", "created_at", "description", "ca_pem", "subject_common_name", "not_before", "not_after",
                       "key_usages", "extended_key_usages"}
    plain = client.ok("POST", "/certificate_authorities", {"ca_pem": make_ca_cert("Other CA", key_usage=False)})
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
    pem = make_ca_cert("x")
    assert_error(client.post("/certificate_authorities", {}), 400, 1919)
    assert_error(client.post("/certificate_authorities", {"ca_pem": "not a pem"}), 400, 1920)
    assert_error(client.post("/certificate_authorities", {"ca_pem": pem + pem}), 400, 1912)
    assert_error(client.post("/certificate_authorities", {"ca_pem": pem.replace("CERTIFICATE", "PUBLIC KEY")}), 400, 1911)
    broken = "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"
    assert_error(client.post("/certificate_authorities", {"ca_pem": broken}), 400, 1900)
    assert_error(client.post("/certificate_authorities", {"ca_pem": make_ca_cert("leaf", ca=False)}), 400, 1913)
    assert_error(client.post("/certificate_authorities", {"ca_pem": pem, "description": "d" * 256}), 400, 1916)
