"""Kubernetes operators (``/kubernetes_operators``): the record each running ngrok Kubernetes operator keeps of
itself in the account, and the endpoints bound to it (``/kubernetes_operators/{id}/bound_endpoints``).

The shape is ngrok-api-go v8's (``kubernetes_operators/client.go``, ``KubernetesOperator*`` in ``datatypes.go``)
with the recorded bodies of ngrok-docs (EX ``_kubernetes_operators_*``). The API lets anyone create one, but
ngrok's docs say these paths are meant for the operator, which registers itself when it starts
(ngrok-operator ``internal/controller/ngrok/kubernetesoperator_controller.go``); ``POST /_sim/kubernetes_operators``
seeds one the way the operator does, making the CSR of the bindings feature itself.
"""

import datetime

import celpy
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from ..errors import bad_request, not_found
from ..helpers import InputError, api_error, reject_unknown, rfc3339, utc_now
from ..paging import page
from ..resource import OBJECT, STRING, STRINGS, Resource, Route, check_type

FEATURES = ("bindings", "ingress", "gateway")
# The regions of the KubernetesOperator custom resource (ngrok-docs k8s/crds/kubernetesoperator.mdx).
REGIONS = ("global", "au", "eu", "ap", "us", "jp", "in", "sa")
DEPLOYMENT_CREATE = ("name", "namespace", "version", "cluster_name")
DEPLOYMENT_UPDATE = ("name", "version")
BINDING_FIELDS = ("endpoint_selectors", "csr", "ingress_endpoint")
# Filled in when no ingress endpoint is given (EX _kubernetes_operators_update_response.mdx).
DEFAULT_INGRESS_ENDPOINT = "connect.ngrok-endpoints.com:443"
ZERO_TIME = "0001-01-01T00:00:00Z"
CERT_VALIDITY = datetime.timedelta(days=365)
_ISSUER = {}


def _invalid(reason):
    return bad_request(19002, "Failed to validate Kubernetes Operator! Reason: %s" % reason)


def _issuer():
    """(name, key) of the simulator's authority for bindings certificates, made once per process."""
    if not _ISSUER:
        name = x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME, "ngrok (simulated)"),
                          x509.NameAttribute(NameOID.COMMON_NAME, "Kubernetes operator bindings CA (simulated)")])
        _ISSUER["ca"] = (name, ec.generate_private_key(ec.SECP256R1()))
    return _ISSUER["ca"]


def sign_csr(text, operator_id):
    """A client certificate for the CSR (PEM), as ngrok issues it when the bindings feature is enabled.

    Returns ``{cert, not_before, not_after}``; an unreadable or badly signed CSR is ERR_NGROK_19001.
    """
    try:
        csr = x509.load_pem_x509_csr(text.encode("utf-8"))
        good = csr.is_signature_valid
    except (ValueError, TypeError) as exc:
        raise bad_request(19001, "Certificate Signing Requests Failed! Reason: %s" % (str(exc) or "unreadable CSR")) from None
    if not good:
        raise bad_request(19001, "Certificate Signing Requests Failed! Reason: the CSR's signature is invalid")
    name, key = _issuer()
    now = utc_now()
    cert = (x509.CertificateBuilder()
            .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, operator_id)]))
            .issuer_name(name).public_key(csr.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now).not_valid_after(now + CERT_VALIDITY)
            .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.CLIENT_AUTH]), critical=False)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    return {"cert": cert.public_bytes(serialization.Encoding.PEM).decode("ascii"), "not_before": rfc3339(now),
            "not_after": rfc3339(now + CERT_VALIDITY)}


def make_csr():
    """A PEM CSR with a fresh ECDSA P-256 key, as the operator makes one (the key is not kept)."""
    key = ec.generate_private_key(ec.SECP256R1())
    csr = x509.CertificateSigningRequestBuilder().subject_name(x509.Name([])).sign(key, hashes.SHA512())
    return csr.public_bytes(serialization.Encoding.PEM).decode("ascii")


def compile_selectors(selectors):
    """The CEL programs of endpoint selectors; ERR_NGROK_19003 for one that does not compile."""
    env = celpy.Environment()
    programs = []
    for selector in selectors:
        try:
            programs.append(env.program(env.compile(selector)))
        except Exception as exc:  # pylint: disable=broad-except  # celpy raises several parser error types
            raise bad_request(19003, "Failed to validate  endpoint selectors! Reason: %r is not a CEL expression (%s)"
                              % (selector, exc.__class__.__name__)) from None
    return programs


def selected(programs, endpoint):
    """True when one of the selectors is true for the endpoint (``endpoint.url``, ``endpoint.metadata``, ...)."""
    activation = {"endpoint": celpy.json_to_cel(endpoint)}
    for program in programs:
        try:
            result = program.evaluate(activation)
        except Exception:  # pylint: disable=broad-except  # an evaluation error selects nothing
            continue
        if isinstance(result, celpy.celtypes.BoolType) and bool(result):
            return True
    return False


class KubernetesOperators(Resource):
    """A Kubernetes operator; its deployment and its bindings configuration are sub-objects."""

    name = "kubernetes_operator"
    path = "/kubernetes_operators"
    list_key = "operators"
    id_prefix = "k8sop"
    fields = ("id", "uri", "created_at", "updated_at", "description", "metadata", "principal", "enabled_features", "region",
              "deployment", "binding")
    create_fields = {"description": STRING, "metadata": STRING, "enabled_features": STRINGS, "region": STRING,
                     "deployment": OBJECT, "binding": OBJECT}
    update_fields = {"description": STRING, "metadata": STRING, "enabled_features": STRINGS, "region": STRING,
                     "binding": OBJECT, "deployment": OBJECT}
    description_code = 19002
    metadata_code = 19002

    def extra_routes(self):
        return [Route("GET", self.path + "/{id}/bound_endpoints", lambda c, p, b, q: self.bound_endpoints(c, p["id"], q),
                      query=("before_id", "limit"))]

    def sim_routes(self):
        """``POST /_sim/kubernetes_operators`` registers an operator as the ngrok operator does."""
        return [Route("POST", "/_sim/kubernetes_operators", self.seed)]

    # -- validation ---------------------------------------------------------
    @staticmethod
    def _object(name, value, allowed, lists=()):
        try:
            reject_unknown(name, value, allowed)
        except InputError as exc:
            raise api_error(exc) from None
        clean = {}
        for key, item in value.items():
            if item is None:
                continue
            check_type("%s.%s" % (name, key), item, STRINGS if key in lists else STRING)
            clean[key] = item
        return clean

    def _features(self, body):
        if "enabled_features" not in body:
            return
        features = []
        for feature in body["enabled_features"]:
            value = feature.strip().lower()     # EX: "Ingress" is answered "ingress"
            if value not in FEATURES:
                raise _invalid("unknown feature %r; the features are %s" % (feature, ", ".join(FEATURES)))
            if value not in features:
                features.append(value)
        body["enabled_features"] = features

    def _check(self, body, deployment_fields):
        self._features(body)
        if "region" in body and body["region"] not in REGIONS:
            raise _invalid("unknown region %r; the regions are %s" % (body["region"], ", ".join(REGIONS)))
        if "deployment" in body:
            body["deployment"] = self._object("deployment", body["deployment"], deployment_fields)
        if "binding" in body:
            body["binding"] = self._object("binding", body["binding"], BINDING_FIELDS, lists=("endpoint_selectors",))
            compile_selectors(body["binding"].get("endpoint_selectors") or [])

    def validate_create(self, ctx, body):
        self._check(body, DEPLOYMENT_CREATE)

    def validate_update(self, ctx, record, body):
        self._check(body, DEPLOYMENT_UPDATE)

    @staticmethod
    def _bindings_rules(record, body):
        """The binding is configured exactly when the bindings feature is enabled (GO KubernetesOperatorCreate.binding)."""
        enabled = "bindings" in (record.get("enabled_features") or [])
        if "binding" in body and not enabled:
            raise _invalid("binding is set only when enabling the \"bindings\" feature")
        if enabled and not (record.get("binding") or {}).get("endpoint_selectors"):
            raise _invalid("the \"bindings\" feature needs binding.endpoint_selectors")

    def _apply_binding(self, record, body, default_ingress):
        binding = dict(record.get("binding") or {})
        given = body.get("binding") or {}
        for key in ("endpoint_selectors", "ingress_endpoint"):
            if key in given:
                binding[key] = given[key]
        csr = given.get("csr")
        if csr and csr != binding.get("_csr"):
            binding["cert"] = sign_csr(csr, record["id"])
            binding["_csr"] = csr
        if default_ingress and not binding.get("ingress_endpoint"):
            binding["ingress_endpoint"] = DEFAULT_INGRESS_ENDPOINT
        record["binding"] = binding

    def on_create(self, ctx, record, body):
        record.update({"updated_at": record["created_at"], "principal_id": ctx.owner_id,
                       "region": body.get("region") or "global", "deployment": body.get("deployment") or {}, "binding": {}})
        self._apply_binding(record, body, default_ingress="bindings" in (record.get("enabled_features") or []))
        self._bindings_rules(record, body)
        return {}

    def on_update(self, ctx, record, body, old):
        if "deployment" in body:
            record["deployment"] = dict(old.get("deployment") or {}, **body["deployment"])
        if "binding" in body:
            record["binding"] = old.get("binding")
        # An update fills in the default ingress endpoint (EX _kubernetes_operators_update_response.mdx).
        self._apply_binding(record, body, default_ingress=True)
        self._bindings_rules(record, body)
        if record != old:
            record["updated_at"] = ctx.now

    # -- answers ------------------------------------------------------------
    def render(self, ctx, record, once=None):
        out = super().render(ctx, record, once)
        out["principal"] = {"id": record.get("principal_id") or ctx.owner_id, "uri": ""}
        deployment = record.get("deployment") or {}
        out["deployment"] = dict((key, deployment.get(key, "")) for key in DEPLOYMENT_CREATE)
        binding = record.get("binding") or {}
        out["binding"] = {"cert": binding.get("cert") or {"cert": "", "not_after": ZERO_TIME, "not_before": ZERO_TIME},
                          "endpoint_selectors": binding.get("endpoint_selectors")}
        if binding.get("ingress_endpoint"):
            out["binding"]["ingress_endpoint"] = binding["ingress_endpoint"]
        return out

    def bound_endpoints(self, ctx, ident, query):
        """The kubernetes-bound endpoints one of the operator's selectors selects, when its bindings feature is on."""
        record = ctx.store.get(self.collection, ident)
        if record is None:
            raise not_found()
        endpoints = ctx.resource("endpoint")
        found = []
        if "bindings" in (record.get("enabled_features") or []):
            programs = compile_selectors((record.get("binding") or {}).get("endpoint_selectors") or [])
            for endpoint in endpoints.list_records(ctx):
                if "kubernetes" in (endpoint.get("bindings") or []) and selected(programs, endpoints.filter_view(ctx, endpoint)):
                    found.append(endpoints.render(ctx, endpoint))
        return 200, page(ctx, found, "endpoints", "%s/%s/bound_endpoints" % (self.path, ident), query)

    # -- test control ----------------------------------------------------------
    def seed(self, ctx, params, body, query):  # pylint: disable=unused-argument
        """Create an operator as the ngrok operator registers itself: with the bindings feature, it makes the CSR."""
        binding = body.get("binding")
        if isinstance(binding, dict) and "bindings" in [str(f).lower() for f in body.get("enabled_features") or []] \
                and not binding.get("csr"):
            body = dict(body, binding=dict(binding, csr=make_csr()))
        return self.create(ctx, body)


RESOURCES = [KubernetesOperators()]
