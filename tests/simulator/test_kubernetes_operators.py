"""Kubernetes operators: the recorded bodies, the bindings feature (CSR, certificate, selectors), bound endpoints."""

import re

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec

from conftest import assert_error, listing

# EX _kubernetes_operators_create_request.mdx
RECORDED_CREATE = {"deployment": {"name": "ngrok-operator", "namespace": "ngrok-operator"}, "description": "Example Kubernetes Operator",
                   "enabled_features": ["Ingress"], "metadata": '{"environment": "staging"}', "region": "global"}
KEYS = {"id", "uri", "created_at", "updated_at", "description", "metadata", "principal", "enabled_features", "region", "deployment",
        "binding"}
ZERO = "0001-01-01T00:00:00Z"


def csr_pem():
    key = ec.generate_private_key(ec.SECP256R1())
    csr = x509.CertificateSigningRequestBuilder().subject_name(x509.Name([])).sign(key, hashes.SHA512())
    return csr.public_bytes(serialization.Encoding.PEM).decode("ascii"), key


def test_the_recorded_bodies(client, sim):
    made = client.ok("POST", "/kubernetes_operators", RECORDED_CREATE)
    assert set(made) == KEYS and re.match(r"^k8sop_[0-9A-Za-z]{27}$", made["id"])
    assert made["uri"] == sim.url + "/kubernetes_operators/" + made["id"]
    assert made["enabled_features"] == ["ingress"] and made["region"] == "global"
    assert made["deployment"] == {"cluster_name": "", "name": "ngrok-operator", "namespace": "ngrok-operator", "version": ""}
    assert made["binding"] == {"cert": {"cert": "", "not_after": ZERO, "not_before": ZERO}, "endpoint_selectors": None}
    assert made["principal"]["id"].startswith("usr_") and made["principal"]["uri"] == ""
    assert made["updated_at"] == made["created_at"]
    assert client.ok("GET", "/kubernetes_operators/" + made["id"]) == made
    assert client.ok("GET", "/kubernetes_operators") == {"operators": [made], "uri": sim.url + "/kubernetes_operators",
                                                         "next_page_uri": None}
    updated = client.ok("PATCH", "/kubernetes_operators/" + made["id"], {"metadata": '{"environment": "production"}'})
    assert updated["metadata"] == '{"environment": "production"}'
    assert updated["binding"]["ingress_endpoint"] == "connect.ngrok-endpoints.com:443"
    assert dict(updated, metadata=made["metadata"], binding=made["binding"], updated_at=made["updated_at"]) == made
    bound = client.ok("GET", "/kubernetes_operators/%s/bound_endpoints" % made["id"])
    assert bound == {"endpoints": [], "next_page_uri": None, "uri": sim.url + "/kubernetes_operators/%s/bound_endpoints" % made["id"]}
    client.ok("DELETE", "/kubernetes_operators/" + made["id"])
    assert_error(client.get("/kubernetes_operators/" + made["id"]), 404, None)
    assert_error(client.get("/kubernetes_operators/%s/bound_endpoints" % made["id"]), 404, None)


def test_bindings_sign_the_csr(client):
    csr, key = csr_pem()
    body = {"enabled_features": ["bindings"], "deployment": {"name": "ngrok-operator", "namespace": "ngrok-op", "version": "0.19.0",
                                                             "cluster_name": "prod"},
            "binding": {"endpoint_selectors": ["true"], "csr": csr}}
    made = client.ok("POST", "/kubernetes_operators", body)
    cert = x509.load_pem_x509_certificate(made["binding"]["cert"]["cert"].encode())
    assert cert.public_key().public_numbers() == key.public_key().public_numbers()
    assert made["binding"]["cert"]["not_before"] < made["binding"]["cert"]["not_after"]
    assert made["binding"]["endpoint_selectors"] == ["true"] and "csr" not in made["binding"]
    assert made["binding"]["ingress_endpoint"] == "connect.ngrok-endpoints.com:443" and made["region"] == "global"
    again = client.ok("PATCH", "/kubernetes_operators/" + made["id"], {"binding": {"csr": csr, "endpoint_selectors": ["true"]}})
    assert again["binding"] == made["binding"] and again["updated_at"] == made["updated_at"]
    renewed = client.ok("PATCH", "/kubernetes_operators/" + made["id"], {"binding": {"csr": csr_pem()[0]}})
    assert renewed["binding"]["cert"]["cert"] != made["binding"]["cert"]["cert"]
    change = {"deployment": {"version": "0.20.0"}, "region": "eu", "binding": {"ingress_endpoint": "in.example.com:443"}}
    moved = client.ok("PATCH", "/kubernetes_operators/" + made["id"], change)
    assert moved["deployment"] == dict(made["deployment"], version="0.20.0") and moved["region"] == "eu"
    assert moved["binding"]["ingress_endpoint"] == "in.example.com:443"


def test_bound_endpoints_are_the_selected_kubernetes_bound_ones(client, sim):
    seeded = client.ok("POST", "/_sim/kubernetes_operators", {
        "enabled_features": ["bindings", "ingress"], "deployment": {"name": "ngrok-operator", "namespace": "ngrok-op"},
        "binding": {"endpoint_selectors": ['endpoint.url.contains(".staging")']}}, status=201)
    assert seeded["binding"]["cert"]["cert"].startswith("-----BEGIN CERTIFICATE-----")
    staged = [client.ok("POST", "/_sim/agent_endpoints", {"url": "http://svc%d.staging" % i, "bindings": ["kubernetes"]},
                        status=201) for i in range(3)]
    client.ok("POST", "/_sim/agent_endpoints", {"url": "http://svc.prod", "bindings": ["kubernetes"]}, status=201)
    client.ok("POST", "/_sim/agent_endpoints", {"url": "https://svc.staging.ngrok.app"}, status=201)
    path = "/kubernetes_operators/%s/bound_endpoints" % seeded["id"]
    first = listing(client, path, limit="2")
    assert [e["id"] for e in first["endpoints"]] == [staged[2]["id"], staged[1]["id"]]
    assert first["next_page_uri"] == "%s%s?before_id=%s&limit=2" % (sim.url, path, staged[1]["id"])
    rest = client.ok("GET", first["next_page_uri"])
    assert rest["endpoints"] == [client.ok("GET", "/endpoints/" + staged[0]["id"])] and rest["next_page_uri"] is None
    assert_error(client.get(path, params={"filter": "true"}), 400, 231)
    plain = client.ok("POST", "/_sim/kubernetes_operators", {"enabled_features": ["ingress"]}, status=201)
    assert client.ok("GET", "/kubernetes_operators/%s/bound_endpoints" % plain["id"])["endpoints"] == []


def test_errors(client):
    made = client.ok("POST", "/kubernetes_operators", {})
    assert made["enabled_features"] is None and made["deployment"]["name"] == "" and "description" not in made
    for body, status, code in [
        ({"enabled_features": ["mesh"]}, 400, 19002),
        ({"region": "mars"}, 400, 19002),
        ({"binding": {"endpoint_selectors": ["true"]}}, 400, 19002),
        ({"enabled_features": ["bindings"]}, 400, 19002),
        ({"enabled_features": ["bindings"], "binding": {"endpoint_selectors": ["endpoint.url.contains("]}}, 400, 19003),
        ({"enabled_features": ["bindings"], "binding": {"endpoint_selectors": ["true"], "csr": "not a csr"}}, 400, 19001),
        ({"deployment": {"name": "x", "replicas": "2"}}, 400, 214),
        ({"binding": {"endpoint_selectors": "true"}}, 400, 215),
        ({"description": "x" * 256}, 400, 19002),
        ({"principal": {}}, 400, 214),
    ]:
        assert_error(client.post("/kubernetes_operators", body), status, code)
    assert_error(client.patch("/kubernetes_operators/" + made["id"], {"deployment": {"namespace": "other"}}), 400, 214)
    assert_error(client.patch("/kubernetes_operators/" + made["id"], {"enabled_features": ["bindings"]}), 400, 19002)
    assert_error(client.get("/kubernetes_operators", params={"filter": "true"}), 400, 231)
    assert_error(client.delete("/kubernetes_operators/k8sop_2ZzzzzzzzzzzzzzzzzzzzzzzzzZ"), 404, None)
