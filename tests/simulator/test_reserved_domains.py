"""Reserved domains: managed certificates and their lifecycle, non-public TLDs, resolves_to."""

import datetime

import pytest

from certs import make_cert
from conftest import SimProcess, assert_error

PROVISIONING = {"renews_at": None,
                "provisioning_job": {"error_code": None, "msg": "Managed certificate provisioning in progress.",
                                     "started_at": None, "retries_at": None}}


def provisioning(status):
    """True when ``status`` is a running job carrying every documented key (started_at set)."""
    job = dict(status["provisioning_job"] or {})
    assert job.get("started_at", "").endswith("Z")
    return dict(status, provisioning_job=dict(job, started_at=None)) == PROVISIONING


def stamp(text):
    return datetime.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ")


def test_custom_domains_get_a_managed_certificate_by_default(client):
    custom = client.ok("POST", "/reserved_domains", {"domain": "app.example.com"})
    assert custom["certificate_management_policy"] == {"authority": "letsencrypt", "private_key_type": "ecdsa"}
    assert custom["certificate"] is None and provisioning(custom["certificate_management_status"])
    assert list(custom["certificate_management_status"]) == ["renews_at", "provisioning_job"]
    assert list(custom["certificate_management_status"]["provisioning_job"]) == ["error_code", "msg", "started_at", "retries_at"]
    # still provisioning on the next read: the default never issues on its own
    assert provisioning(client.ok("GET", "/reserved_domains/" + custom["id"])["certificate_management_status"])
    rsa = client.ok("POST", "/reserved_domains", {"domain": "rsa.example.com",
                                                  "certificate_management_policy": {"authority": "letsencrypt", "private_key_type": "rsa"}})
    assert rsa["certificate_management_policy"]["private_key_type"] == "rsa" and provisioning(rsa["certificate_management_status"])
    for ngrok_domain in ("mine.ngrok.app", "mine.ngrok-free.dev", "mine.ngrok.pizza"):
        owned = client.ok("POST", "/reserved_domains", {"domain": ngrok_domain})
        assert owned["certificate_management_policy"] is None and owned["certificate_management_status"] is None
        assert_error(client.patch("/reserved_domains/" + owned["id"], {"certificate_management_policy": {"authority": "letsencrypt"}}),
                     400, 439)
    cert_pem, key_pem = make_cert("upload.example.com")[:2]
    cert = client.ok("POST", "/tls_certificates", {"certificate_pem": cert_pem, "private_key_pem": key_pem})
    uploaded = client.ok("POST", "/reserved_domains", {"domain": "upload.example.com", "certificate_id": cert["id"]})
    assert uploaded["certificate"]["id"] == cert["id"]
    assert uploaded["certificate_management_policy"] is None and uploaded["certificate_management_status"] is None
    wildcard = client.ok("POST", "/reserved_domains", {"domain": "*.apps.example.com"})
    assert wildcard["acme_challenge_cname_target"].endswith(".acme-challenge.ngrok-dns.com")
    assert wildcard["certificate_management_policy"] is not None


def test_managed_certificate_lifecycle(client, sim):
    domain = client.ok("POST", "/reserved_domains", {"domain": "shop.example.com"})
    issued = client.ok("POST", "/_sim/reserved_domains/%s/issue_certificate" % domain["id"], {}, status=200)
    cert_ref = issued["certificate"]
    assert cert_ref["id"].startswith("cert_") and cert_ref["uri"] == sim.url + "/tls_certificates/" + cert_ref["id"]
    cert = client.ok("GET", "/tls_certificates/" + cert_ref["id"])
    assert cert["subject_common_name"] == "shop.example.com" and cert["private_key_type"] == "ecdsa"
    assert cert["subject_alternative_names"] == {"dns_names": ["shop.example.com"], "ips": []}
    assert cert["issued_at"] == cert["created_at"] and cert["issuer_common_name"] == "E5"
    assert stamp(cert["not_after"]) - stamp(cert["not_before"]) == datetime.timedelta(days=90)
    status = issued["certificate_management_status"]
    assert status == {"renews_at": status["renews_at"], "provisioning_job": None}
    assert stamp(cert["not_after"]) - stamp(status["renews_at"]) == datetime.timedelta(days=30)
    assert client.ok("GET", "/reserved_domains/" + domain["id"]) == issued
    assert [c["id"] for c in client.ok("GET", "/tls_certificates")["tls_certificates"]] == [cert["id"]]
    # nothing to issue any more; the managed certificate cannot be detached or deleted on its own
    assert_error(client.post("/_sim/reserved_domains/%s/issue_certificate" % domain["id"], {}), 400, 215)
    assert_error(client.post("/_sim/reserved_domains/rd_2cSjz4ZrmvU7wz5ukkIquN2NOId/issue_certificate", {}), 404, None)
    assert_error(client.delete("/reserved_domains/%s/certificate" % domain["id"]), 400, 436)
    assert_error(client.delete("/tls_certificates/" + cert["id"]), 400, 1966)
    # an unchanged policy changes nothing; a new key type provisions again, keeping the current certificate meanwhile
    same = client.ok("PATCH", "/reserved_domains/" + domain["id"], {"certificate_management_policy": {"authority": "letsencrypt"}})
    assert same == issued
    rsa = client.ok("PATCH", "/reserved_domains/" + domain["id"],
                    {"certificate_management_policy": {"authority": "letsencrypt", "private_key_type": "rsa"}})
    assert rsa["certificate"] == cert_ref and rsa["certificate_management_status"]["renews_at"] == status["renews_at"]
    assert rsa["certificate_management_status"]["provisioning_job"]["msg"] == "Managed certificate provisioning in progress."
    reissued = client.ok("POST", "/_sim/reserved_domains/%s/issue_certificate" % domain["id"], {}, status=200)
    assert reissued["certificate"]["id"] != cert["id"]
    assert client.ok("GET", "/tls_certificates/" + reissued["certificate"]["id"])["private_key_type"] == "rsa"
    assert_error(client.get("/tls_certificates/" + cert["id"]), 404, None)
    # removing the policy removes the managed certificate with it
    assert client.delete("/reserved_domains/%s/certificate_management_policy" % domain["id"]).status_code == 204
    bare = client.ok("GET", "/reserved_domains/" + domain["id"])
    assert (bare["certificate"], bare["certificate_management_policy"], bare["certificate_management_status"]) == (None, None, None)
    assert client.ok("GET", "/tls_certificates")["tls_certificates"] == []
    # so does releasing the domain
    other = client.ok("POST", "/reserved_domains", {"domain": "other.example.com"})
    other = client.ok("POST", "/_sim/reserved_domains/%s/issue_certificate" % other["id"], {}, status=200)
    client.ok("DELETE", "/reserved_domains/" + other["id"])
    assert_error(client.get("/tls_certificates/" + other["certificate"]["id"]), 404, None)
    log = client.ok("GET", "/_sim/requests?limit=100")["requests"]
    assert "PRIVATE KEY" not in str(log)


def test_certificate_issue_seconds_option():
    proc = SimProcess("--rate-limit", "0", "--certificate-issue-seconds", "0")
    try:
        client = proc.client()
        made = client.ok("POST", "/reserved_domains", {"domain": "fast.example.com"})
        assert made["certificate_management_status"]["provisioning_job"] is not None
        got = client.ok("GET", "/reserved_domains/" + made["id"])
        assert got["certificate"]["id"].startswith("cert_") and got["certificate_management_status"]["provisioning_job"] is None
        assert client.ok("GET", "/_sim/stats")["mutations"] == 1
    finally:
        assert proc.stop() == 0


@pytest.mark.parametrize("domain, suffix", [
    ("app.test", "test"), ("app.localhost", "localhost"), ("app.invalid", "invalid"), ("app.example", "example"),
    ("printer.local", "local"), ("svc.internal", "internal"), ("app.lan", "lan"), ("nas.home", "home"), ("x.corp", "corp"),
    ("x.intranet", "intranet"), ("x.private", "private"), ("x.mail", "mail"), ("x.onion", "onion"), ("x.alt", "alt"),
    ("router.home.arpa", "home.arpa"), ("*.dev.internal", "internal"),
])
def test_non_public_tlds_are_refused(client, domain, suffix):
    body = assert_error(client.post("/reserved_domains", {"domain": domain}), 400, 411)
    assert body["msg"] == ("You may not reserve a name on the TLD '.%s'. This TLD is not reachable over the public internet. "
                           "Failed to reserve '%s'." % (suffix, domain))


def test_public_names_that_look_private_are_accepted(client):
    for domain in ("home.example.com", "local.example.org", "test.ngrok.app", "internal.example.net", "example.com.au"):
        assert client.post("/reserved_domains", {"domain": domain}).status_code == 201, domain
    assert_error(client.post("/reserved_domains", {"domain": "localhost"}), 400, 448)


def test_resolves_to_takes_documented_points_of_presence(client):
    values = [{"value": v} for v in ("us", "us-cal-1", "eu", "ap", "au", "in", "jp", "sa", "global")]
    made = client.ok("POST", "/reserved_domains", {"domain": "pinned.example.com", "resolves_to": values})
    assert made["resolves_to"] == values
    assert client.ok("PATCH", "/reserved_domains/" + made["id"], {"resolves_to": [{"value": "eu"}]})["resolves_to"] == [{"value": "eu"}]
    assert client.ok("PATCH", "/reserved_domains/" + made["id"], {"resolves_to": []})["resolves_to"] == []
    dedicated = [{"value": "us-cal-1"}, {"value": "192.0.2.1:1234"}, {"value": "192.0.2.2"}]
    assert client.ok("PATCH", "/reserved_domains/" + made["id"], {"resolves_to": dedicated})["resolves_to"] == dedicated
    for bad in ("banana", "EU", "european-union", "united-states", "192.0.2.1:99999", "300.1.1.1", ""):
        body = assert_error(client.patch("/reserved_domains/" + made["id"], {"resolves_to": [{"value": bad}]}), 400, 400)
        assert body["msg"] == ("The region you specified, '%s' is invalid. Use one of the following acceptable values: "
                               "us,us-cal-1,eu,ap,au,in,jp,sa,global" % bad)
    assert_error(client.post("/reserved_domains", {"domain": "p2.example.com", "resolves_to": [{"value": "xx"}]}), 400, 400)
    body = assert_error(client.patch("/reserved_domains/" + made["id"], {"resolves_to": [{"value": "eu"}, {"value": "eu"}]}), 400, 456)
    assert "Region eu was specified multiple times" in body["msg"]
    assert_error(client.patch("/reserved_domains/" + made["id"], {"resolves_to": [{"region": "eu"}]}), 400, 215)
