"""What the fidelity suites share: the simulator, the tables and the tally of agreeing cases."""

import datetime
import http.client
import json
import os
import re
import subprocess
import sys
import threading
import warnings
from urllib.parse import urlsplit

import pytest
import requests
import yaml
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import dsa, ec, rsa
from cryptography.x509.oid import NameOID

HERE = os.path.dirname(os.path.abspath(__file__))
CLI = os.path.join(HERE, "..", "simulator", "ngrok_sim.py")
KEY = "fidelity-bootstrap-key"
CORPORA = ("traffic policy actions", "recorded requests and answers", "error catalog", "event types", "region codes",
           "id prefixes", "tables match the docs")
RESULTS = {name: {"cases": 0, "agreeing": 0, "documented": 0, "skipped": 0} for name in CORPORA}


def corpus(name):
    """Mark a test as a case of the corpus ``name``."""
    assert name in RESULTS, name
    return pytest.mark.corpus(name)


def load(name):
    """A table or corpus file of ``data/``."""
    with open(os.path.join(HERE, "data", name), encoding="utf-8") as handle:
        return yaml.safe_load(handle)


class Simulator:
    """The simulator CLI on a free port (rate limit off), with a requests session that speaks the API."""

    def __init__(self):
        self.proc = subprocess.Popen(  # pylint: disable=consider-using-with
            [sys.executable, CLI, "--host", "127.0.0.1", "--port", "0", "--api-key", KEY, "--rate-limit", "0"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        if not line.startswith("listening on "):
            self.proc.kill()
            raise RuntimeError("simulator did not start: %r %s" % (line, self.proc.stderr.read()))
        self.url = line.split("listening on ", 1)[1].strip()
        self._drain = threading.Thread(target=lambda: [None for _line in self.proc.stderr], daemon=True)
        self._drain.start()
        self.session = requests.Session()
        self.session.headers.update({"Authorization": "Bearer " + KEY, "Ngrok-Version": "2"})

    def request(self, method, path, body=None, params=None, headers=None):
        """Send one request; ``path`` is relative to the simulator; ``headers`` override the session's (None: left out)."""
        kwargs = {"params": params, "timeout": 10}
        if body is not None:
            kwargs["json"] = body
        if headers:
            kwargs["headers"] = headers
        return self.session.request(method, self.url + path, **kwargs)

    def raw(self, method, path, headers, body=b""):
        """Send exactly these headers (no defaults added but Host and Content-Length); an object like a response."""
        parts = urlsplit(self.url)
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
        try:
            connection.putrequest(method, path, skip_accept_encoding=True)
            for key, value in headers.items():
                connection.putheader(key, value)
            if body or "Content-Length" not in headers:
                connection.putheader("Content-Length", str(len(body)))
            connection.endheaders(body or None)
            answer = connection.getresponse()
            return RawAnswer(answer.status, answer.read())
        finally:
            connection.close()

    def reset(self):
        """Empty the simulator."""
        assert self.request("POST", "/_sim/reset").status_code == 200

    def stop(self):
        """Stop the simulator."""
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.proc.stdout.close()


class RawAnswer:
    """The parts of a response the suites read."""

    def __init__(self, status, content):
        self.status_code = status
        self.content = content
        self.text = content.decode("utf-8", "replace")

    def json(self):
        """The body as JSON."""
        return json.loads(self.text)


# -- generated values the corpora refer to (@pem.cert, @ssh.ecdsa, @later, ...) -----------------------------------

def certificate(common_name, key, ca=False):
    """A self-signed certificate without subject alternative names (as the recorded one), PEM."""
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = datetime.datetime.now(datetime.timezone.utc)
    builder = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
               .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
               .not_valid_after(now + datetime.timedelta(days=90)))
    if ca:
        builder = builder.add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
    return builder.sign(key, hashes.SHA256()).public_bytes(serialization.Encoding.PEM).decode()


def make_variables():
    """Keys, certificates and times, made afresh (nothing secret is committed)."""
    leaf = ec.generate_private_key(ec.SECP256R1())
    other = ec.generate_private_key(ec.SECP256R1())
    key_pem = leaf.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                 serialization.NoEncryption()).decode()
    encrypted = leaf.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                   serialization.BestAvailableEncryption(b"passphrase")).decode()
    ca_pem = certificate("Devices Root CA", ec.generate_private_key(ec.SECP256R1()), ca=True)
    later = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=30)
    with warnings.catch_warnings():
        # An SSH DSA key: a key type ngrok cannot certify (ERR_NGROK_1950); cryptography deprecates DSA.
        warnings.simplefilter("ignore")
        dsa_key = dsa.generate_private_key(1024)
        dsa_line = dsa_key.public_key().public_bytes(serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH)
    ssh = {name: key.public_key().public_bytes(serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH).decode()
           + " fidelity@example.com" for name, key in (("ecdsa", ec.generate_private_key(ec.SECP256R1())),
                                                       ("rsa", rsa.generate_private_key(public_exponent=65537, key_size=2048)))}
    ssh["dsa"] = dsa_line.decode() + " fidelity@example.com"
    csr = (x509.CertificateSigningRequestBuilder().subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "op")]))
           .sign(ec.generate_private_key(ec.SECP256R1()), hashes.SHA256()).public_bytes(serialization.Encoding.PEM).decode())
    long_password = json.dumps({"on_http_request": [{"actions": [{"type": "basic-auth",
                                                                  "config": {"credentials": ["ops:" + "p" * 129]}}]}]})
    return {
        "pem": {"cert": certificate("pos.example.com", leaf).rstrip("\n"), "key": key_pem.rstrip("\n"),
                "ca": ca_pem.rstrip("\n"), "leaf_as_ca": certificate("pos.example.com", leaf).rstrip("\n"),
                "two_cas": ca_pem + ca_pem, "other_key": other.private_bytes(
                    serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()).decode(),
                "encrypted_key": encrypted},
        "ssh": ssh,
        "csr": csr,
        "bootstrap": KEY,
        "policy": {"long_password": long_password},
        "long": {"description": "d" * 256, "metadata": "m" * 4097, "name": "n" * 64, "secret": "s" * 16385,
                 "label_domain": "l" * 64 + ".example.com", "domain": ".".join(["abcdefghi"] * 26) + ".com"},
        "later": later.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "earlier": (later - datetime.timedelta(days=60)).strftime("%Y-%m-%dT%H:%M:%SZ"),
    }


REF = re.compile(r"@([a-z_]+(?:\.[A-Za-z0-9_]+)*)")


def lookup(scope, dotted):
    """``scope["a"]["b"][0]`` for ``a.b.0``."""
    value = scope
    for part in dotted.split("."):
        value = value[int(part)] if isinstance(value, list) else value[part]
    return value


def fill(value, scope):
    """``value`` with every string that is exactly ``@name.field`` replaced by what it names."""
    if isinstance(value, dict):
        return {k: fill(v, scope) for k, v in value.items()}
    if isinstance(value, list):
        return [fill(v, scope) for v in value]
    if isinstance(value, str) and value.startswith("@") and REF.fullmatch(value):
        return lookup(scope, value[1:])
    return value


class Steps:
    """Requests sent in turn; named ones keep their answers for later steps (``@name.field``).

    A step is ``[method, path, body, query]`` (body and query optional), the name of a step of ``named``, or a
    mapping: ``{send: [...], save: name}``, ``{send: [...], headers: {name: value or null}}`` (null: the header is
    not sent), or ``{raw: {method, path, headers, body}}`` (sent as given).
    """

    def __init__(self, sim, variables, named=None):
        self.sim = sim
        self.scope = dict(variables)
        self.named = named or {}
        self.request = self.response = None

    def text(self, value):
        """``value`` with each ``@name.field`` in it replaced."""
        return REF.sub(lambda m: str(lookup(self.scope, m.group(1))), value)

    def run(self, steps, check_setup=True):
        for index, step in enumerate(steps):
            last = index == len(steps) - 1
            self.one(step)
            if check_setup and not last and self.response.status_code >= 400:
                pytest.fail("setup step %r answered %s: %s" % (step, self.response.status_code, self.response.text))
        return self.response

    def one(self, step):
        name = None
        headers = None
        if isinstance(step, str):
            name, send = step, self.named[step]
        elif isinstance(step, dict) and "raw" in step:
            raw = step["raw"]
            path = self.text(raw["path"])
            body = raw.get("body", "")
            headers = {key: self.text(value) for key, value in (raw.get("headers") or {}).items()}
            self.request = {"method": raw["method"], "path": path, "body": None, "query": []}
            self.response = self.sim.raw(raw["method"], path, headers, body.encode("utf-8"))
            return
        elif isinstance(step, dict):
            name, send, headers = step.get("save"), step["send"], step.get("headers")
        else:
            send = step
        method, path, body, params = (list(send) + [None, None])[:4]
        path = self.text(path)
        if headers:
            headers = {key: None if value is None else self.text(value) for key, value in headers.items()}
        body = fill(body, self.scope)
        self.request = {"method": method, "path": path, "body": body, "query": sorted(params or {})}
        self.response = self.sim.request(method, path, body, params, headers)
        if name and self.response.content:
            self.scope[name] = self.response.json()
