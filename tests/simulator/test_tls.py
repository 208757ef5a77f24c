"""HTTPS: --tls-cert and --tls-key serve the API over TLS with the given certificate."""

import datetime
import ipaddress

import pytest
import requests
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from conftest import KEY, SimProcess


def _self_signed(directory):
    """A self-signed certificate for 127.0.0.1 and localhost; returns (certificate file, key file)."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "ngrok simulator test")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(minutes=5)).not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost"),
                                                        x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    cert_file = directory / "cert.pem"
    key_file = directory / "key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return str(cert_file), str(key_file)


@pytest.fixture(scope="module")
def tls_sim(tmp_path_factory):
    cert_file, key_file = _self_signed(tmp_path_factory.mktemp("tls"))
    proc = SimProcess("--rate-limit", "0", "--tls-cert", cert_file, "--tls-key", key_file)
    yield proc, cert_file
    assert proc.stop() == 0
    assert "Traceback" not in proc.stderr_text, proc.stderr_text


def _headers():
    return {"Authorization": "Bearer " + KEY, "Ngrok-Version": "2"}


def test_https_with_the_certificate_trusted(tls_sim):
    proc, cert_file = tls_sim
    assert proc.url.startswith("https://127.0.0.1:")
    for i in range(3):
        resp = requests.post(proc.url + "/ip_policies", json={"description": "p%d" % i}, headers=_headers(),
                             verify=cert_file, timeout=10)
        assert resp.status_code == 201, resp.text
        assert resp.json()["uri"].startswith("https://127.0.0.1:")
    # Links in answers use the scheme the API is served with, so clients can follow them.
    first = requests.get(proc.url + "/ip_policies?limit=2", headers=_headers(), verify=cert_file, timeout=10).json()
    assert first["uri"] == proc.url + "/ip_policies"
    assert first["next_page_uri"].startswith(proc.url + "/ip_policies?")
    second = requests.get(first["next_page_uri"], headers=_headers(), verify=cert_file, timeout=10).json()
    assert len(second["ip_policies"]) == 1 and second["next_page_uri"] is None
    stats = requests.get(proc.url + "/_sim/stats", headers=_headers(), verify=cert_file, timeout=10).json()
    assert stats["requests"] == 5 and stats["mutations"] == 3


def test_https_refused_without_trust_and_plain_http_refused(tls_sim):
    proc, cert_file = tls_sim
    with pytest.raises(requests.exceptions.SSLError):
        requests.get(proc.url + "/ip_policies", headers=_headers(), timeout=10)
    with pytest.raises(requests.exceptions.ConnectionError):
        requests.get(proc.url.replace("https://", "http://") + "/ip_policies", headers=_headers(), timeout=10)
    # Failed handshakes neither stop the server nor fill its log with tracebacks.
    resp = requests.get(proc.url + "/ip_policies", headers=_headers(), verify=cert_file, timeout=10)
    assert resp.status_code == 200


def test_tls_options_go_together(tmp_path):
    cert_file, _key_file = _self_signed(tmp_path)
    with pytest.raises(RuntimeError, match="go together"):
        SimProcess("--tls-cert", cert_file)
