"""Endpoints (``/endpoints``): cloud endpoints are managed through the API; agent endpoints
are read-only and can be seeded with ``POST /_sim/agent_endpoints`` (with ``tunnel_session_id``, as
an endpoint of a session seeded with ``POST /_sim/tunnel_sessions``: it then goes away when that
session is stopped and follows it when it restarts).

Responses leave out null references and empty strings, as ngrok's recorded endpoint
responses do (EX ``_endpoints_*_response.mdx``): a cloud endpoint has no ``region``,
``name``, ``upstream_url``, ``upstream_protocol``, ``principal``, ``tunnel``, ``edge`` or
``tunnel_session`` key.
"""

import re

from .. import traffic_policy
from ..errors import ApiError, bad_request, code_name
from ..helpers import normalize_domain
from ..ids import new_id
from ..resource import BOOLEAN, COMMON_FILTERS, STRING, STRINGS, Resource, Route

SCHEMES = ("http", "https", "tcp", "tls")
DEFAULT_PORTS = {"http": 80, "https": 443, "tls": 443}
BINDINGS = ("public", "internal", "kubernetes")
# snippets/gateway/shared/internal-endpoints-source.mdx: "may contain up to 5 subdomains" (ERR 9031)
INTERNAL_MAX_LABELS = 5
# snippets/gateway/shared/kubernetes-endpoints-source.mdx: "[http|tcp]://name.namespace[:port]"
KUBERNETES_SCHEMES = ("http", "tcp")
_K8S_LABEL = re.compile(r"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")
_URL = re.compile(r"^(?:(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*)://)?(?P<host>[^/:?#]*)(?::(?P<port>[^/?#]*))?(?P<rest>.*)$")


def parse_url(url):
    """Validate and normalise an endpoint URL.  Returns (url, scheme, host, port)."""
    match = _URL.match(url.strip())
    if not match:
        raise bad_request(18001, "The provided cloud endpoint configuration is invalid: url is invalid.")
    scheme = (match.group("scheme") or "").lower()
    if not scheme:
        raise bad_request(18022, "The provided cloud endpoint configuration is invalid: scheme is invalid or not present.")
    if scheme not in SCHEMES:
        raise bad_request(9036, "Invalid scheme %s, allowed schemes: %s." % (scheme, ", ".join(SCHEMES)))
    host = normalize_domain(match.group("host"))
    if not host or ".." in host or not re.match(r"^[a-z0-9*][a-z0-9.*-]*$", host):
        raise bad_request(18001, "The provided cloud endpoint configuration is invalid: url is invalid.")
    rest = match.group("rest")
    if rest == "/":
        raise bad_request(9038, "Invalid URL, trailing '/' is not allowed. Did you mean %s?" % url.strip().rstrip("/"))
    if rest:
        raise bad_request(9037, "Invalid URL %s, path %s is not allowed." % (url, rest))
    port_text = match.group("port")
    if port_text is None or port_text == "":
        if scheme not in DEFAULT_PORTS:
            raise bad_request(18003, "The provided cloud endpoint configuration is invalid: port is invalid or missing and cannot "
                              "be inferred from scheme")
        port = DEFAULT_PORTS[scheme]
    else:
        if not port_text.isdigit() or not 1 <= int(port_text) <= 65535:
            raise bad_request(9030, "Failed to start endpoint with URL '%s', invalid port. Port must be in range range 1-65535."
                              % url)
        port = int(port_text)
    if host.endswith(".internal"):
        normalized = "%s://%s" % (scheme, host) if DEFAULT_PORTS.get(scheme) == port else "%s://%s:%d" % (scheme, host, port)
    elif DEFAULT_PORTS.get(scheme) == port:
        normalized = "%s://%s" % (scheme, host)
    else:
        normalized = "%s://%s:%d" % (scheme, host, port)
    return normalized, scheme, host, port


def check_public_port(scheme, host, port, code):
    """Public http URLs live on port 80, https and tls on 443 (ERR_NGROK_18023; 9035 is the agent's twin)."""
    if host.endswith(".internal") or scheme not in DEFAULT_PORTS or port == DEFAULT_PORTS[scheme]:
        return
    raise bad_request(code, "Invalid port for URL with scheme %s, allowed ports are %d." % (scheme, DEFAULT_PORTS[scheme]))


def check_internal_depth(url, host):
    """A ``.internal`` host name has at most five labels before ``.internal`` (ERR_NGROK_9031)."""
    if not host.endswith(".internal"):
        return
    depth = len(host[:-len(".internal")].split("."))
    if depth > INTERNAL_MAX_LABELS:
        raise bad_request(9031, "Failed to start endpoint with URL '%s'. Endpoints must have at most %d parts, but had '%d'."
                          % (url, INTERNAL_MAX_LABELS, depth))


def check_kubernetes_url(url, scheme, host, agent=False):
    """Kubernetes-bound URLs: ``http://`` or ``tcp://`` (ERR_NGROK_18018, the agent's 9041), host ``name.namespace``
    without wildcard (18001, the agent's 9034)."""
    if scheme not in KUBERNETES_SCHEMES:
        raise bad_request(9041 if agent else 18018, "Supported protocols for kubernetes-bound endpoints are http, tls, and tcp. "
                          "You provided '%s'." % scheme)
    labels = host.split(".")
    if len(labels) != 2 or not all(_K8S_LABEL.match(label) for label in labels):
        if agent:
            raise bad_request(9034, "Malformed URL: '%s' is not of the form name.namespace." % url)
        raise bad_request(18001, "The provided cloud endpoint configuration is invalid: url is invalid.")


def bindings_overlap(one, other):
    """Two endpoints share a binding (public, internal, kubernetes)."""
    return bool(set(one.get("bindings") or []) & set(other.get("bindings") or []))


class Endpoints(Resource):
    """An endpoint; only type ``cloud`` can be created, updated or deleted."""

    name = "endpoint"
    path = "/endpoints"
    list_key = "endpoints"
    id_prefix = "ep"
    filterable_fields = COMMON_FILTERS + ("principal.id", "type", "bindings", "url", "pooling_enabled", "scheme", "region", "name")
    # The recorded answers (EX _endpoints_*_response.mdx) have no scheme, host or port: the API keeps them to filter on.
    fields = ("id", "region", "created_at", "updated_at", "public_url", "proto", "hostport", "type",
              "metadata", "description", "domain", "tcp_addr", "tunnel", "edge", "upstream_url", "upstream_protocol", "url",
              "principal", "traffic_policy", "bindings", "tunnel_session", "uri", "name", "pooling_enabled")
    FILTER_ONLY = ("scheme", "host", "port")
    create_fields = {"url": STRING, "type": STRING, "traffic_policy": STRING, "description": STRING, "metadata": STRING,
                     "bindings": STRINGS, "pooling_enabled": BOOLEAN}
    update_fields = {"url": STRING, "traffic_policy": STRING, "description": STRING, "metadata": STRING, "bindings": STRINGS,
                     "pooling_enabled": BOOLEAN}
    defaults = {"pooling_enabled": False}
    refs = {"domain": ("domain_id", "/reserved_domains"), "tcp_addr": ("tcp_addr_id", "/reserved_addrs"),
            "tunnel": ("tunnel_id", "/tunnels"), "edge": ("edge_id", "/edges"),
            "tunnel_session": ("tunnel_session_id", "/tunnel_sessions")}
    # The filtering table names "binding", its examples use obj.bindings (the response field): both work.
    filter_aliases = {"binding": "bindings"}
    timestamp_fields = ("created_at", "updated_at")
    description_code = 18012
    metadata_code = 18013
    empty_update_code = 18004
    empty_update_message = "The cloud endpoint update failed because no values were provided. Specify at least one value."
    missing_code = 18015

    def routes(self):
        out = []
        for route in super().routes():
            if route.method == "GET" and route.template == self.path:
                route = Route("GET", self.path, route.handler, query=("before_id", "limit", "filter"), multi=("id", "url"))
            out.append(route)
        return out

    def list_records(self, ctx):
        return ctx.store.records(self.collection)

    def list(self, ctx, query):
        ids = query.pop("id", None)
        urls = query.pop("url", None)
        status, body = super().list(ctx, query)
        if ids or urls:
            body[self.list_key] = [obj for obj in body[self.list_key]
                                   if (not ids or obj["id"] in ids) and (not urls or obj["url"] in urls)]
        return status, body

    # -- validation ---------------------------------------------------------
    @staticmethod
    def _bindings(bindings, host):
        seen = set()
        for binding in bindings:
            if binding not in BINDINGS:
                raise bad_request(15005, "The binding %s is invalid." % binding)
            if binding in seen:
                raise bad_request(15006, "The binding %s was specified multiple times, but duplicate bindings are not allowed." % binding)
            seen.add(binding)
        internal = host.endswith(".internal")
        if "internal" in seen and not internal:
            raise bad_request(9029, "Failed to start endpoint with %s. Endpoints with a \"internal\" binding must have a url that "
                              "ends in \".internal\"." % host)
        if internal and seen and "internal" not in seen:
            raise bad_request(15005, "The binding %s is invalid for a .internal url." % sorted(seen)[0])

    @staticmethod
    def _reservation(ctx, scheme, host, port, bindings=("public",)):
        """The (domain_id, tcp_addr_id) a public URL runs on, or ERR_NGROK_18006.

        Internal and kubernetes URLs are namespaced per account: they need no reservation."""
        if host.endswith(".internal") or "public" not in bindings:
            return None, None
        if scheme == "tcp":
            addr = "%s:%d" % (host, port)
            ports = []
            for rec in ctx.store.table("reserved_addrs").values():
                if rec.get("addr") == addr:
                    return None, rec["id"]
                if rec.get("addr", "").rpartition(":")[0] == host:
                    ports.append(int(rec["addr"].rpartition(":")[2]))
            if ports:
                # A public TCP URL lives on the port of its reserved address.
                raise bad_request(18023, "Invalid port for URL with scheme tcp, allowed ports are %s."
                                  % ", ".join(str(p) for p in sorted(ports)))
        else:
            wildcard = None
            for rec in ctx.store.table("reserved_domains").values():
                domain = rec.get("domain", "")
                if domain == host:
                    return rec["id"], None
                if domain.startswith("*.") and host.endswith(domain[1:]):
                    wildcard = rec["id"]
            if wildcard:
                return wildcard, None
        raise bad_request(18006, "This account does not have any domains or addresses reserved that match the provided URL.")

    @staticmethod
    def _ip_policy_exists(ctx):
        """What a ``restrict-ips`` action may name: the account's IP policies (ERR_NGROK_2216 otherwise)."""
        return lambda ident: isinstance(ident, str) and ctx.store.get("ip_policies", ident) is not None

    def check_pooling(self, ctx, record):
        """Endpoints on one URL and binding form a pool only if all enable pooling (ERR_NGROK_18017, 18016)."""
        for other in ctx.store.table(self.collection).values():
            if other["id"] == record["id"] or other.get("url") != record["url"] or not bindings_overlap(record, other):
                continue
            if not record.get("pooling_enabled"):
                raise bad_request(18017, "The provided cloud endpoint was invalid because pooling was set to disabled when another "
                                  "endpoint exists for this url.")
            if not other.get("pooling_enabled"):
                raise bad_request(18016, "The provided cloud endpoint was invalid because pooling was set to enabled when another "
                                  "endpoint exists for this url that has pooling disabled.")

    def _apply_url(self, ctx, record, url):
        normalized, scheme, host, port = parse_url(url)
        bindings = record.get("bindings") or []
        check_internal_depth(url.strip(), host)
        if "kubernetes" in bindings:
            check_kubernetes_url(url.strip(), scheme, host)
        else:
            check_public_port(scheme, host, port, 18023)
        domain_id, addr_id = self._reservation(ctx, scheme, host, port, bindings)
        record.update({
            "url": normalized, "public_url": normalized, "scheme": scheme, "proto": scheme, "host": host, "port": port,
            "hostport": "%s:%d" % (host, port), "domain_id": domain_id, "tcp_addr_id": addr_id,
        })

    def validate_create(self, ctx, body):
        kind = body.setdefault("type", "cloud")
        if kind != "cloud":
            raise bad_request(248, "The endpoint create request passed an invalid type of %s. Currently we only support creation of "
                              "cloud endpoints on this route." % kind)
        if "url" not in body or not body["url"].strip():
            raise bad_request(18015, "The provided cloud endpoint is missing the required field `url`.")
        if "traffic_policy" not in body:
            raise bad_request(18015, "The provided cloud endpoint is missing the required field `traffic_policy`.")
        traffic_policy.check(body["traffic_policy"], parse_url(body["url"])[1], ip_policy_exists=self._ip_policy_exists(ctx))

    def on_create(self, ctx, record, body):
        host = parse_url(body["url"])[2]
        bindings = body.get("bindings")
        if not bindings:
            bindings = ["internal"] if host.endswith(".internal") else ["public"]
        self._bindings(bindings, host)
        record["bindings"] = list(bindings)
        self._apply_url(ctx, record, body["url"])
        # Cloud endpoints have no region, name, upstream, principal, tunnel, edge or session (EX _endpoints_create_response.mdx).
        record.update({"region": "", "updated_at": record["created_at"], "principal_id": None,
                       "upstream_url": "", "upstream_protocol": "", "name": "", "tunnel_id": None, "edge_id": None,
                       "tunnel_session_id": None})
        self.check_pooling(ctx, record)

    def validate_update(self, ctx, record, body):
        if record.get("type") != "cloud":
            raise ApiError(400, code_name(18014), "The provided cloud endpoint has invalid value for field `type`. Reason: only "
                           "cloud endpoints can be modified through the API.")
        if "traffic_policy" in body:
            traffic_policy.check(body["traffic_policy"], record["scheme"],
                                 legacy_gateway=traffic_policy.has_ai_gateway(record.get("traffic_policy")),
                                 ip_policy_exists=self._ip_policy_exists(ctx))
        if "url" in body:
            scheme = parse_url(body["url"])[1]
            if scheme != record["scheme"]:
                raise bad_request(18005, "The cloud endpoint update failed because you are not allowed to change the protocol/URL "
                                  "scheme in-place.")

    def on_update(self, ctx, record, body, old):
        host = parse_url(body["url"])[2] if "url" in body else record["host"]
        self._bindings(record.get("bindings") or [], host)
        if "url" in body or "bindings" in body:
            self._apply_url(ctx, record, body.get("url", record["url"]))
        self.check_pooling(ctx, record)
        if record != old:
            record["updated_at"] = ctx.now

    def check_delete(self, ctx, record):
        if record.get("type") != "cloud":
            raise ApiError(400, code_name(18014), "The provided cloud endpoint has invalid value for field `type`. Reason: only "
                           "cloud endpoints can be deleted through the API.")

    def render(self, ctx, record, once=None):
        out = super().render(ctx, record, once)
        if record.get("principal_id"):
            out["principal"] = {"id": record["principal_id"], "uri": ""}
        if record.get("type") != "cloud":
            out["uri"] = ""     # "URI of the Cloud Endpoint API resource": agent endpoints have none (EX list response)
        return {key: value for key, value in out.items() if value not in (None, "")}

    def filter_view(self, ctx, record):
        """The answer plus what the API filters on without answering it (``obj.scheme``: api/api-filtering.mdx)."""
        out = self.render(ctx, record)
        out.update({key: record.get(key) for key in self.FILTER_ONLY if record.get(key) not in (None, "")})
        return out

    # -- test control --------------------------------------------------------
    def sim_routes(self):
        """``POST /_sim/agent_endpoints`` seeds an agent endpoint (as if an agent were online)."""
        return [Route("POST", "/_sim/agent_endpoints", self.seed_agent)]

    def seed_agent(self, ctx, params, body, query):  # pylint: disable=unused-argument
        """Create a read-only agent endpoint; its URL needs no reservation."""
        allowed = {"url": STRING, "description": STRING, "metadata": STRING, "bindings": STRINGS, "pooling_enabled": BOOLEAN,
                   "upstream_url": STRING, "upstream_protocol": STRING, "region": STRING, "type": STRING, "name": STRING,
                   "traffic_policy": STRING, "tunnel_session_id": STRING}
        body = self.check_body(body, allowed, creating=True)
        if "url" not in body:
            raise bad_request(18015, "The agent endpoint is missing the required field `url`.")
        normalized, scheme, host, port = parse_url(body["url"])
        bindings = body.get("bindings") or (["internal"] if host.endswith(".internal") else ["public"])
        check_internal_depth(body["url"].strip(), host)
        if "kubernetes" in bindings:
            check_kubernetes_url(body["url"].strip(), scheme, host, agent=True)
        else:
            check_public_port(scheme, host, port, 9035)
        session_id = body.get("tunnel_session_id")
        if session_id is not None and ctx.store.get("tunnel_sessions", session_id) is None:
            raise bad_request(18015, "The agent endpoint names the tunnel session %s, which is not seeded." % session_id)
        record = {
            "id": new_id(self.id_prefix), "created_at": ctx.now, "updated_at": ctx.now, "type": body.get("type", "agent"),
            "url": normalized, "public_url": normalized, "scheme": scheme, "proto": scheme, "host": host, "port": port,
            "hostport": "%s:%d" % (host, port), "description": body.get("description", ""), "metadata": body.get("metadata", ""),
            "bindings": bindings,
            "pooling_enabled": body.get("pooling_enabled", False), "region": body.get("region", ""),
            "upstream_url": body.get("upstream_url", "http://localhost:80"), "upstream_protocol": body.get("upstream_protocol", ""),
            "name": body.get("name", ""), "traffic_policy": body.get("traffic_policy", ""), "principal_id": ctx.owner_id,
            "domain_id": None, "tcp_addr_id": None, "edge_id": None,
            "tunnel_id": new_id("tn"), "tunnel_session_id": session_id or new_id("ts"),
        }
        self.check_pooling(ctx, record)
        ctx.store.put(self.collection, record)
        return 201, self.render(ctx, record)


RESOURCES = [Endpoints()]
