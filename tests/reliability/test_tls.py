"""TLS: certificates are verified by default; an API whose certificate the system does not trust fails clearly, and
works with a CA bundle (ca_path or NGROK_CA_PATH) or, for a test server, validate_certs: false."""

from material import tls_files


def test_tls_verified_by_default_and_trusted_with_a_ca_bundle(ansible, start_simulator, report, tmp_path):
    files = tls_files(tmp_path, "127.0.0.1", "localhost")
    sim = start_simulator("--rate-limit", 0, "--tls-cert", files["cert"], "--tls-key", files["key"], ca_file=files["ca"])
    assert sim.url.startswith("https://")

    untrusted = ansible.run("tls.yml", sim, extra_vars={"trust": "system", "ca_file": files["ca"]})
    refused = sim.stats()
    runs = dict((trust, ansible.run("tls.yml", sim, extra_vars={"trust": trust, "ca_file": files["ca"]}))
                for trust in ("ca_path", "env", "none"))
    stats = sim.stats()
    report("TLS: self-signed CA, default / ca_path / NGROK_CA_PATH / validate_certs false", stats,
           "refused without trust, ok with each way to trust", untrusted.seconds + sum(r.seconds for r in runs.values()))

    # Without trust: a clear failure, before any request reached the API.
    vault = untrusted.task("A vault")
    assert vault["status"] == "failed" and vault["result"]["changed"] is False
    msg = vault["result"]["msg"]
    assert "the TLS connection to the API failed" in msg and "certificate verify failed" in msg, msg
    assert "set ca_path" in msg and "validate_certs to false" in msg, msg
    lookup = untrusted.task("The vaults, through the lookup")
    assert lookup["status"] == "failed" and "certificate verify failed" in lookup["result"]["msg"]
    assert "Traceback" not in untrusted.output
    assert refused["requests"] == 0

    for trust, run in runs.items():
        run.assert_ok()
        assert run.task("A vault")["result"]["changed"] is True, trust
    assert [v["name"] for v in runs["ca_path"].task("The vaults, through the lookup")["result"]["ansible_facts"]["vaults"]] \
        == ["tls-ca_path"]
    assert sorted(v["name"] for v in sim.objects("/vaults")) == ["tls-ca_path", "tls-env", "tls-none"]
