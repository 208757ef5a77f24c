# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Support code for the contract suite.

* ``OpenApiChecker`` turns ngrok's OpenAPI 3.0 description into JSON Schema
  validators, one per response of every operation, and checks a response
  against the operation that matches its method, path template and status.
* ``check_error_body`` checks the error shape (error bodies are not part of
  the OpenAPI description).
* ``Recorder`` is what the ``requests`` interception feeds: it counts what was
  sent to the simulator and collects every contract violation seen.
* small generators for certificates and SSH keys used as test data.

Interpretation rules applied to the OpenAPI document (documented here because
the document itself is terse):

1. Every object schema that declares ``properties`` rejects properties it does
   not declare (``additionalProperties: false``) unless it declares
   ``additionalProperties`` itself.
2. An object schema WITHOUT ``properties`` is a string map in ngrok's generator
   (labels, SSH extensions, critical options, headers): any key, string values.
3. ``nullable: true`` (OpenAPI 3.0) allows null.  ngrok's generator never emits
   ``nullable``; it documents nullability in the description instead
   ("..., or null if ...").  A property whose description mentions null, and a
   property that is an object reference (``$ref``: unset objects are null in
   ngrok responses), also allow null.
4. ``required`` is honoured, except for ``description`` and ``metadata``: the
   real API omits those keys when they are empty strings.
5. A few properties are answered ``null`` by the real API although their
   description does not say so: ``NULL_IN_RECORDED_RESPONSES`` lists them, each
   with the recorded response that shows it (ngrok-docs
   ``snippets/api/resources/examples/``); ngrok-api-go ``datatypes.go`` types
   them as pointers.
6. A few properties are answered by the real API although the description
   does not list them (the keys of endpoint configurations, which left the
   API in 2022): ``RECORDED_EXTRA_PROPERTIES`` lists them with their JSON
   Schema and the recorded responses that show them.
"""

from __future__ import annotations

import datetime
import ipaddress
import json
import re
import threading
from urllib.parse import urlsplit

import jsonschema
import ngrok
import yaml

OPTIONAL_WHEN_EMPTY = frozenset(("description", "metadata"))
ERROR_KEYS = frozenset(("error_code", "status_code", "msg", "details"))
OPERATION_ID_RE = re.compile(r"^op_[0-9A-Za-z]{27}$")
ERROR_CODE_RE = re.compile(r"^ERR_NGROK_[0-9]+$")
HTTP_METHODS = ("get", "post", "put", "patch", "delete")
# (component, property) -> the recorded response in which the real API answers null
NULL_IN_RECORDED_RESPONSES = {
    ("ReservedDomainCertStatus", "renews_at"): "_reserved_domains_list_response.mdx",
    ("ReservedDomainCertJob", "error_code"): "_reserved_domains_list_response.mdx",
    ("ReservedDomainCertJob", "retries_at"): "_reserved_domains_list_response.mdx",
    # No recorded agent ingress has a policy; its status has the same shape as a reserved domain's, and the
    # simulator answers it the same way (null until known).
    ("AgentIngressCertStatus", "renews_at"): "_reserved_domains_list_response.mdx (same status shape)",
    ("AgentIngressCertJob", "error_code"): "_reserved_domains_list_response.mdx (same status shape)",
    ("AgentIngressCertJob", "retries_at"): "_reserved_domains_list_response.mdx (same status shape)",
}


_NULL_OR_REF = {"anyOf": [{"type": "null"}, {"$ref": "#/definitions/Ref"}]}
# component -> {property: (JSON Schema, the recorded responses that have it)}
RECORDED_EXTRA_PROPERTIES = {
    "ReservedDomain": {
        "http_endpoint_configuration": (_NULL_OR_REF, "_reserved_domains_*_response.mdx"),
        "https_endpoint_configuration": (_NULL_OR_REF, "_reserved_domains_*_response.mdx"),
        "error_redirect_url": ({"type": ["null", "string"]}, "_reserved_domains_*_response.mdx"),
        "is_dev": ({"type": "boolean"}, "_reserved_domains_*_response.mdx"),
    },
    "ReservedAddr": {
        "endpoint_configuration": (_NULL_OR_REF, "_reserved_addrs_*_response.mdx"),
    },
}


class ContractViolation(AssertionError):
    """A response that breaks the API contract."""


def _ref_name(ref):
    return ref.rsplit("/", 1)[-1]


def _mentions_null(schema):
    return "null" in (schema.get("description") or "").lower()


def _nullable(converted):
    return {"anyOf": [{"type": "null"}, converted]}


class OpenApiChecker:
    """Validate responses against the OpenAPI description of the API."""

    def __init__(self, document):
        self.document = document
        self.components = document.get("components", {}).get("schemas", {})
        self.definitions = {name: self._convert(schema, name) for name, schema in self.components.items()}
        self._validators = {}
        self._lock = threading.Lock()
        self.operations = []
        for template, item in document.get("paths", {}).items():
            regex = re.compile("^" + re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(template)) + "$")
            literal_segments = sum(1 for part in template.split("/") if part and not part.startswith("{"))
            for method in HTTP_METHODS:
                if method in item:
                    self.operations.append((literal_segments, template, regex, method.upper(), item[method]))
        # templates with more literal segments win ("/a/{id}/b" before "/a/{id}")
        self.operations.sort(key=lambda op: -op[0])

    @classmethod
    def from_file(cls, path):
        with open(path, encoding="utf-8") as handle:
            return cls(yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))

    # -- conversion --------------------------------------------------------
    def _convert(self, schema, component=None):
        if "$ref" in schema:
            return {"$ref": "#/definitions/" + _ref_name(schema["$ref"])}
        out = {}
        for combinator in ("allOf", "anyOf", "oneOf"):
            if combinator in schema:
                out[combinator] = [self._convert(sub) for sub in schema[combinator]]
        kind = schema.get("type")
        if kind == "object" or "properties" in schema:
            out["type"] = "object"
            if "properties" in schema:
                out["properties"] = {name: self._convert_property(sub, (component, name) in NULL_IN_RECORDED_RESPONSES)
                                     for name, sub in schema["properties"].items()}
                for name, (extra, _recorded) in RECORDED_EXTRA_PROPERTIES.get(component, {}).items():
                    out["properties"].setdefault(name, extra)
                additional = schema.get("additionalProperties", False)
                out["additionalProperties"] = additional if isinstance(additional, bool) else self._convert(additional)
            elif "additionalProperties" in schema:
                additional = schema["additionalProperties"]
                out["additionalProperties"] = additional if isinstance(additional, bool) else self._convert(additional)
            else:
                out["additionalProperties"] = {"type": "string"}
            required = [name for name in schema.get("required", []) if name not in OPTIONAL_WHEN_EMPTY]
            if required:
                out["required"] = required
        elif kind == "array":
            out["type"] = "array"
            out["items"] = self._convert(schema.get("items", {}))
        elif kind:
            out["type"] = kind
        if "enum" in schema:
            out["enum"] = list(schema["enum"])
        if schema.get("nullable"):
            out = _nullable(out)
        return out

    def _convert_property(self, schema, null_recorded=False):
        converted = self._convert(schema)
        if schema.get("nullable"):
            return converted
        if "$ref" in schema or _mentions_null(schema) or null_recorded:
            return _nullable(converted)
        return converted

    def validator_for(self, component):
        with self._lock:
            if component not in self._validators:
                root = {"$ref": "#/definitions/" + component, "definitions": self.definitions}
                self._validators[component] = jsonschema.Draft7Validator(root)
            return self._validators[component]

    # -- matching ----------------------------------------------------------
    def match(self, method, path):
        for _literal, template, regex, op_method, operation in self.operations:
            if op_method == method.upper() and regex.match(path):
                return template, operation
        return None, None

    def component_properties(self, component):
        return set(self.components.get(component, {}).get("properties", {}))

    def response_component(self, method, template, status):
        """Name of the component schema documented for a response, or None."""
        for op_template, op_method, operation in ((t, m, o) for _l, t, _r, m, o in self.operations):
            if op_template == template and op_method == method.upper():
                response = operation.get("responses", {}).get(status) or operation.get("responses", {}).get(str(status))
                if not response:
                    return None
                schema = (response.get("content") or {}).get("application/json", {}).get("schema", {})
                return _ref_name(schema["$ref"]) if "$ref" in schema else None
        return None

    def check(self, method, path, status, body):
        """Return a list of problems for one successful (< 400) response."""
        template, operation = self.match(method, path)
        if operation is None:
            return ["%s %s is not an operation of the API description" % (method, path)]
        responses = operation.get("responses", {})
        documented = responses.get(status) or responses.get(str(status))
        if documented is None:
            return ["%s %s answered %s, the API description documents only %s"
                    % (method, path, status, sorted(str(code) for code in responses))]
        content = (documented.get("content") or {}).get("application/json")
        if content is None:
            if body not in (None, b"", ""):
                return ["%s %s answered %s with a body, the API description documents none" % (method, path, status)]
            return []
        schema = content.get("schema", {})
        if isinstance(body, (bytes, str)):
            try:
                body = json.loads(body)
            except ValueError as exc:
                return ["%s %s answered %s with a body that is not JSON: %s" % (method, path, status, exc)]
        if "$ref" in schema:
            validator = self.validator_for(_ref_name(schema["$ref"]))
        else:
            validator = jsonschema.Draft7Validator(dict(self._convert(schema), definitions=self.definitions))
        problems = []
        for error in sorted(validator.iter_errors(body), key=lambda err: list(err.absolute_path)):
            for leaf in _leaves(error):
                problems.append("%s %s (%s, %s): field %s: %s" % (
                    method, path, status, template, _json_path(leaf.absolute_path), leaf.message))
        return problems


def _leaves(error):
    """For anyOf (nullable) failures, the failures of the branch that got deepest name the fields."""
    if not error.context:
        return [error]
    branches = {}
    for sub in error.context:
        branches.setdefault(sub.schema_path[0] if sub.schema_path else 0, []).append(sub)
    best = max(branches.values(), key=lambda subs: max(len(sub.absolute_path) for sub in subs))
    return [leaf for sub in best for leaf in _leaves(sub)]


def _json_path(parts):
    out = "$"
    for part in parts:
        out += "[%d]" % part if isinstance(part, int) else "." + str(part)
    return out


def check_error_body(status, body, headers=None):
    """Problems with an error response (HTTP >= 400) against ngrok's error shape."""
    problems = []
    try:
        data = json.loads(body) if isinstance(body, (bytes, str)) else body
    except ValueError:
        return ["error body is not JSON: %r" % (body[:200],)]
    if not isinstance(data, dict):
        return ["error body is not an object: %r" % (data,)]
    extra = sorted(set(data) - ERROR_KEYS)
    if extra:
        problems.append("error body has unexpected fields %s" % extra)
    for key in ("status_code", "msg", "details"):
        if key not in data:
            problems.append("error body lacks %r" % key)
    if "status_code" in data and (not isinstance(data["status_code"], int) or data["status_code"] != status):
        problems.append("error status_code %r differs from the HTTP status %s" % (data["status_code"], status))
    if "msg" in data and (not isinstance(data["msg"], str) or not data["msg"]):
        problems.append("error msg must be a non-empty string: %r" % (data["msg"],))
    if "error_code" in data:
        if not isinstance(data["error_code"], str) or not ERROR_CODE_RE.match(data["error_code"]):
            problems.append("error_code %r is not ERR_NGROK_<n>" % (data["error_code"],))
    elif status != 404:
        problems.append("error body without error_code (only a plain 404 may omit it)")
    details = data.get("details")
    if "details" in data:
        if not isinstance(details, dict) or not all(isinstance(v, str) for v in details.values()):
            problems.append("error details must be a string map: %r" % (details,))
        elif not OPERATION_ID_RE.match(details.get("operation_id", "")):
            problems.append("error details.operation_id %r is not op_<27 base62>" % (details.get("operation_id"),))
    if headers is not None and isinstance(details, dict):
        header = headers.get("Ngrok-Operation-Id")
        if header is not None and header != details.get("operation_id"):
            problems.append("Ngrok-Operation-Id header %r differs from details.operation_id %r" % (header, details.get("operation_id")))
    return problems


class Recorder:
    """What the suite sent to the simulator, and what broke the contract."""

    def __init__(self):
        self.bases = set()
        self.checker = None
        # Checks the answers of operations newer than the OpenAPI description (a go_facts.GoFacts), or None.
        self.facts = None
        self.lock = threading.Lock()
        self.sent = []
        self.violations = []
        self.checked = 0

    def reset(self):
        with self.lock:
            self.sent = []
            self.violations = []

    def owns(self, url):
        parts = urlsplit(url)
        return "%s://%s" % (parts.scheme, parts.netloc) in self.bases

    def observe(self, request, response):
        """Called for every response ``requests`` receives."""
        if not self.owns(request.url):
            return
        parts = urlsplit(request.url)
        if parts.path.startswith("/_sim/"):
            return
        body = request.body
        if isinstance(body, bytes):
            body = body.decode("utf-8", "replace")
        entry = {"method": request.method.upper(), "path": parts.path, "query": parts.query, "body": body,
                 "status": response.status_code, "headers": dict(request.headers)}
        problems = self.problems(request.method.upper(), parts.path, response)
        with self.lock:
            self.sent.append(entry)
            self.checked += 1 if self.checker is not None else 0
            self.violations.extend(problems)
        if problems:
            raise ContractViolation("; ".join(problems))

    def problems(self, method, path, response):
        status = response.status_code
        content = response.content
        problems = []
        if status >= 400:
            problems = ["%s %s -> %s: %s" % (method, path, status, p) for p in check_error_body(status, content, response.headers)]
        elif status == 204:
            if content:
                problems = ["%s %s -> 204 with a body %r" % (method, path, content[:200])]
        else:
            ctype = response.headers.get("Content-Type", "")
            if not ctype.startswith("application/json"):
                problems.append("%s %s -> %s with Content-Type %r, expected application/json" % (method, path, status, ctype))
        if status < 400 and self.facts is not None and self.facts.match(method, path) is not None:
            body = json.loads(content) if content else None
            problems.extend(self.facts.check(method, path, status, body))
        elif self.checker is not None and status < 400:
            problems.extend(self.checker.check(method, path, status, content))
        return problems

    def counts(self):
        with self.lock:
            by_method = {"GET": 0, "POST": 0, "PATCH": 0, "DELETE": 0}
            for entry in self.sent:
                by_method[entry["method"]] = by_method.get(entry["method"], 0) + 1
            return len(self.sent), by_method


def expect_error(call, code, statuses=(400,)):
    """Run ``call``; it must raise ngrok.Error with ``code`` (a number; ``"*"`` = any code, ``None`` = no
    error_code) and one of ``statuses``."""
    try:
        call()
    except ngrok.Error as err:
        if code == "*":
            assert ERROR_CODE_RE.match(err.error_code or ""), "expected an error_code, got %r: %s" % (err.error_code, err.args[-1])
        else:
            expected = None if code is None else "ERR_NGROK_%s" % code
            assert err.error_code == expected, "expected %s, got %s %s: %s" % (expected, err.http_status_code, err.error_code, err.args[-1])
        assert err.http_status_code in statuses, "status %s not in %s (%s)" % (err.http_status_code, statuses, err.error_code)
        assert OPERATION_ID_RE.match(err.operation_id or "")
        return err
    raise AssertionError("expected ERR_NGROK_%s, the call succeeded" % code)


# -- test data -------------------------------------------------------------

def _crypto():
    # imported lazily: only the tests that need certificates pay for it
    # pylint: disable=import-outside-toplevel
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec, ed25519, rsa
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
    return x509, hashes, serialization, ec, ed25519, rsa, ExtendedKeyUsageOID, NameOID


def make_tls_certificate(common_name="app.example.com", dns_names=("app.example.com", "www.example.com"), ips=("192.0.2.10",),
                         organization="Example Org", days=90, is_ca=False):
    """A self-signed certificate and its private key, both PEM text."""
    x509, hashes, serialization, ec, _ed, _rsa, eku, name_oid = _crypto()
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([
        x509.NameAttribute(name_oid.COMMON_NAME, common_name),
        x509.NameAttribute(name_oid.ORGANIZATION_NAME, organization),
        x509.NameAttribute(name_oid.COUNTRY_NAME, "US"),
    ])
    now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
    builder = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
               .serial_number(x509.random_serial_number())
               .not_valid_before(now - datetime.timedelta(hours=1)).not_valid_after(now + datetime.timedelta(days=days)))
    if is_ca:
        builder = builder.add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        builder = builder.add_extension(x509.KeyUsage(digital_signature=True, content_commitment=False, key_encipherment=False,
                                                      data_encipherment=False, key_agreement=False, key_cert_sign=True,
                                                      crl_sign=True, encipher_only=False, decipher_only=False), critical=True)
        builder = builder.add_extension(x509.ExtendedKeyUsage([eku.CLIENT_AUTH]), critical=False)
    else:
        sans = [x509.DNSName(name) for name in dns_names] + [x509.IPAddress(ipaddress.ip_address(ip)) for ip in ips]
        if sans:
            builder = builder.add_extension(x509.SubjectAlternativeName(sans), critical=False)
        builder = builder.add_extension(x509.ExtendedKeyUsage([eku.SERVER_AUTH]), critical=False)
    cert = builder.sign(key, hashes.SHA256())
    cert_pem = cert.public_bytes(serialization.Encoding.PEM).decode()
    key_pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption()).decode()
    return cert_pem, key_pem, cert


def make_ssh_public_key(comment=""):
    """A fresh ed25519 public key in OpenSSH authorized_keys form."""
    _x509, _hashes, serialization, _ec, ed25519, _rsa, _eku, _oid = _crypto()
    key = ed25519.Ed25519PrivateKey.generate()
    text = key.public_key().public_bytes(serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH).decode()
    return (text + " " + comment).strip()


def load_ssh_certificate(text):
    """Parse an OpenSSH certificate (``ssh-...-cert-v01@openssh.com AAAA...``)."""
    _x509, _hashes, serialization, _ec, _ed, _rsa, _eku, _oid = _crypto()
    return serialization.load_ssh_public_identity(text.encode())


def load_ssh_public_key(text):
    _x509, _hashes, serialization, _ec, _ed, _rsa, _eku, _oid = _crypto()
    return serialization.load_ssh_public_key(text.encode())


def parse_timestamp(text):
    """RFC 3339 UTC with Z and second precision, as the API writes them."""
    assert re.match(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", text), "not an RFC 3339 UTC second-precision timestamp: %r" % text
    return datetime.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.timezone.utc)
