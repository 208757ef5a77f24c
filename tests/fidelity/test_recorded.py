"""Recorded requests and answers (data/recorded.yaml, from ngrok-docs snippets/api/resources/examples/), replayed
with our own requests (data/replays.yaml): each request we send has the recorded request's method, path, query
parameters and body keys, and the simulator's answer has the recorded answer's keys, the same omitted keys and the
same value forms."""

import datetime
import json
import re

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import NameOID

import distill
from shapes import differences, shape
from support import corpus, load

RECORDED = load("recorded.yaml")["examples"]
REPLAYS = load("replays.yaml")
CASE = corpus("recorded requests and answers")
_REF = re.compile(r"@([a-z_]+(?:\.[A-Za-z0-9_]+)*)")


def _split(name):
    """(resource, operation, side) of an example name, or (prefix, None, side) for one that is not replayed."""
    base, side = name.rsplit("_", 1)
    for resource in sorted(REPLAYS["resources"], key=len, reverse=True):
        if base.startswith(resource + "_") and base[len(resource) + 1:] in REPLAYS["resources"][resource]["examples"]:
            return resource, base[len(resource) + 1:], side
    for prefix in REPLAYS["not_replayed"]:
        if base.startswith(prefix):
            return prefix, None, side
    return base, None, side


def _certificate(common_name, key, issuer_key=None, ca=False):
    """A self-signed certificate (no subject alternative names, as the recorded one)."""
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = datetime.datetime.now(datetime.timezone.utc)
    builder = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
               .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
               .not_valid_after(now + datetime.timedelta(days=90)))
    if ca:
        builder = builder.add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
    cert = builder.sign(issuer_key or key, hashes.SHA256())
    return cert.public_bytes(serialization.Encoding.PEM).decode()


@pytest.fixture(scope="module")
def variables():
    """The generated values replays refer to (@pem.cert, @ssh.ecdsa, @later, ...)."""
    leaf = ec.generate_private_key(ec.SECP256R1())
    ca_key = ec.generate_private_key(ec.SECP256R1())
    rsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    key_pem = leaf.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                 serialization.NoEncryption()).decode()
    later = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=30)
    return {
        "pem": {"cert": _certificate("pos.example.com", leaf).rstrip("\n"), "key": key_pem.rstrip("\n"),
                "ca": _certificate("Devices Root CA", ca_key, ca=True).rstrip("\n")},
        "ssh": {name: key.public_key().public_bytes(serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH)
                .decode() + " fidelity@example.com" for name, key in (("ecdsa", ec.generate_private_key(ec.SECP256R1())),
                                                                     ("rsa", rsa_key))},
        "later": later.strftime("%Y-%m-%dT%H:%M:%SZ"),
    }


def _lookup(scope, dotted):
    value = scope
    for part in dotted.split("."):
        value = value[int(part)] if isinstance(value, list) else value[part]
    return value


def _fill(value, scope):
    if isinstance(value, dict):
        return {k: _fill(v, scope) for k, v in value.items()}
    if isinstance(value, list):
        return [_fill(v, scope) for v in value]
    if isinstance(value, str) and value.startswith("@") and _REF.fullmatch(value):
        return _lookup(scope, value[1:])
    return value


class Replay:
    """The requests of one example, sent in turn; the last one is the example's."""

    def __init__(self, sim, resource, operation, variables):  # pylint: disable=redefined-outer-name
        spec = REPLAYS["resources"][resource]
        entry = spec["examples"][operation]
        if isinstance(entry, list):
            entry = {"steps": entry}
        self.entry = entry
        self.scope = dict(variables)
        self.request = self.response = None
        for step in entry["steps"]:
            name = step if isinstance(step, str) else None
            method, path, body, params = (list(spec["steps"][step] if name else step) + [None, None])[:4]
            path = _REF.sub(lambda m: str(_lookup(self.scope, m.group(1))), path)
            body = _fill(body, self.scope)
            resp = sim.request(method, path, body, params)
            if resp.status_code >= 400 and step is not entry["steps"][-1]:
                pytest.fail("setup request %s %s answered %s: %s" % (method, path, resp.status_code, resp.text))
            self.request = {"method": method, "path": path, "body": body, "query": sorted(params or {})}
            self.response = resp
            if name and resp.content:
                self.scope[name] = resp.json()


def _cases():
    out = []
    for name, entry in RECORDED.items():
        out.append(pytest.param(name, id=name))
    return out


def test_every_recorded_example_is_replayed_or_says_why():
    for name, entry in RECORDED.items():
        resource, operation, _side = _split(name)
        assert operation is not None or resource in REPLAYS["not_replayed"], "%s: no replay and no reason" % name
        del entry


@CASE
@pytest.mark.parametrize("name", _cases())
def test_recorded(sim, variables, record_property, name):  # pylint: disable=redefined-outer-name
    recorded = RECORDED[name]
    resource, operation, side = _split(name)
    if operation is None:
        pytest.skip(REPLAYS["not_replayed"][resource])
    entry = REPLAYS["resources"][resource]["examples"][operation]
    if isinstance(entry, dict) and "skip" in entry:
        pytest.skip(entry["skip"])
    replay = Replay(sim, resource, operation, variables)
    answer = replay.response
    mate = RECORDED.get(name[:-len(side)] + ("response" if side == "request" else "request"), {})
    if side == "request":
        omit = replay.entry.get("omit") or {}
        wanted = {"method": recorded["method"], "path": recorded["path"], "query": recorded["query"],
                  "body": ({k: v for k, v in recorded["body"].items() if k not in omit}
                           if isinstance(recorded["body"], dict) else recorded["body"])}
        sent = {"method": replay.request["method"], "path": distill.template(replay.request["path"]),
                "query": replay.request["query"],
                "body": shape(replay.request["body"]) if replay.request["body"] is not None else None}
        assert sent == wanted, "our request differs from the recorded one"
        if omit:
            record_property("documented", len(omit))
        recorded_error = isinstance((mate.get("shape") or {}), dict) and "status_code" in (mate.get("shape") or {})
        assert recorded_error or answer.status_code < 400, "the simulator refused a recorded request: %s" % answer.text
        return
    if recorded["shape"] is None:
        assert (answer.status_code, answer.content) == (204, b""), answer.text
        return
    got = shape(answer.json(), base=replay_base(sim))
    allow = replay.entry.get("allow") or {}
    newer = REPLAYS["newer_than_recordings"].get(resource, {})

    def explained(line):
        if any(line.startswith(p + ":") or line.startswith(p + ".") for p in allow):
            return True
        found = re.match(r"^\$(?:\.\w+\[\d+\])?\.(\w+): answered, not recorded$", line)
        return bool(found and found.group(1) in newer)

    diffs = [line for line in differences(recorded["shape"], got) if not explained(line)]
    assert not diffs, "the answer differs from the recorded one:\n  " + "\n  ".join(diffs) + \
        "\nanswered: " + json.dumps(answer.json())[:1500]
    if len(differences(recorded["shape"], got)) != len(diffs):
        record_property("documented", 1)


def replay_base(sim):
    return sim.url
