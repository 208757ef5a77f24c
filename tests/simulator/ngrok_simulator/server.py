"""The HTTP front: authentication, headers, rate limiting, faults, routing."""

import datetime
import hashlib
import json
import logging
import re
import socket
import ssl
import threading
import time
import traceback
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

from . import ids
from .errors import CHECK_CLIENT, CONTENT_TYPES, FAULT_ERROR_CODE, ApiError, bad_request, code_name, not_found
from .faults import FaultInjector
from .ratelimit import SlidingWindow
from .resources import load_resources
from .stats import Stats, redact
from .store import Store

LOG = logging.getLogger("ngrok_sim")
API_VERSION = "2"
MUTATING = ("POST", "PATCH", "DELETE", "PUT")
# What "looks like" a credential: FIRSTPART_SECONDPART (ERR_NGROK_208's words), as API keys, authtokens and ids are.
_TOKEN_FORM = re.compile(r"^[A-Za-z0-9]+_[A-Za-z0-9_]+$")
DASHBOARD_KEYS = "https://dashboard.ngrok.com/api-keys"
FAULT_MESSAGES = {
    500: "An internal server error occurred (simulated fault).",
    502: "Bad gateway (simulated fault).",
    503: "The service is temporarily unavailable (simulated fault).",
    504: "Gateway timeout (simulated fault).",
}


def token_digest(token):
    """The stored form of a bearer token (tokens themselves are never stored)."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def utc_now():
    """Current time as RFC 3339 UTC with second precision."""
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


class Context:
    """What a handler needs: the store, the request's base URL, the time, the simulator."""

    def __init__(self, sim, base):
        self.sim = sim
        self.store = sim.store
        self.base = base
        self.now = utc_now()

    @property
    def owner_id(self):
        """The user that owns everything in the simulated account."""
        return self.sim.owner_id

    def url(self, path):
        """Absolute URL on the simulator for a path."""
        return self.base + path

    def ref(self, collection_path, ident):
        """A Ref object ``{id, uri}``."""
        return {"id": ident, "uri": self.url("%s/%s" % (collection_path, ident))}

    def resource(self, name):
        """A loaded resource by singular name."""
        return self.sim.resources[name]


class Simulator:
    """The simulated API, independent of the HTTP server that carries it."""

    def __init__(self, api_key, rate_limit=120, rate_window=60.0, state_file=None, certificate_issue_seconds=None,
                 scheme="http", abuse_report_decision_seconds=None):
        self.api_key = api_key
        # The scheme of the URLs the answers carry (uri, next_page_uri): https when served over TLS.
        self.scheme = scheme
        # Managed certificates are issued this many seconds after provisioning starts; None: only on request.
        self.certificate_issue_seconds = certificate_issue_seconds
        # Every host name of an abuse report is banned this many seconds after it is filed; None: only on request.
        self.abuse_report_decision_seconds = abuse_report_decision_seconds
        self.store = Store(state_file)
        self.store.load()
        self.limiter = SlidingWindow(rate_limit, rate_window)
        self.faults = FaultInjector()
        self.stats = Stats()
        self.resources = {}
        self.routes = []
        self.sim_routes = []
        self.secret_keys = set()
        for res in load_resources():
            self.resources[res.name] = res
            self.routes.extend(res.routes())
            self.sim_routes.extend(res.sim_routes() if hasattr(res, "sim_routes") else [])
            self.secret_keys.update(res.write_only)
            self.secret_keys.update(res.secret_on_create)
        self.owner_id = self.store.meta.get("owner_id")
        if not self.owner_id:
            self.owner_id = ids.new_id("usr")
            self.store.meta["owner_id"] = self.owner_id
        # The account user's other names, which credential owner_id accepts (OpenAPI CredentialCreate.owner_id).
        self.store.meta.setdefault("owner_email", "owner-%s@example.com" % self.owner_id[-8:].lower())
        self.store.meta.setdefault("owner_scim_id", str(uuid.UUID(hashlib.sha256(self.owner_id.encode()).hexdigest()[:32])))
        self.owner_names = {key: self.store.meta[key] for key in ("owner_email", "owner_scim_id")}

    # -- authentication ---------------------------------------------------
    def authenticate(self, headers):
        """Raise the API's auth errors unless the bearer token is valid."""
        header = headers.get("authorization")
        if header is None:
            raise ApiError(401, code_name(200), "The ngrok API requires that you set the Authorization header for "
                           "authentication. Your API keys and instructions are available on your dashboard: " + DASHBOARD_KEYS)
        parts = header.strip().split()
        if len(parts) != 2 or parts[0].lower() != "bearer":
            raise ApiError(401, code_name(201), "The ngrok API requires that you use Basic or Bearer authentication via the "
                           "Authorization header. It could not parse the header in this request. Authorization Header: '%s'. "
                           "API keys and instructions are available on your dashboard: %s" % (header.strip(), DASHBOARD_KEYS))
        token = parts[1]
        if token == self.api_key:
            return
        if not _TOKEN_FORM.match(token):
            # Recorded: "HTTP 403: The API authentication you specified does not look like a valid credential. Your
            # credential: 'BROKEN'. ... [ERR_NGROK_202]" (ngrok-operator, commit d06d2fdb).
            raise ApiError(403, code_name(202), "The API authentication you specified does not look like a valid credential. "
                           "Your credential: '%s'. API keys and instructions are available on your dashboard: %s"
                           % (token, DASHBOARD_KEYS))
        digest = token_digest(token)
        with self.store.lock:
            if any(rec.get("_token_hash") == digest for rec in self.store.table("api_keys").values()):
                return
            if self.store.get("api_keys", token) is not None or token.startswith("ak_"):
                raise ApiError(403, code_name(208), "The authentication you specified is actually an API key ID, not an API key "
                               "token. Your credential: '%s'. Check your records for an API key with the form "
                               "FIRSTPART_SECONDPART. API keys and instructions are available on your dashboard: %s"
                               % (token, DASHBOARD_KEYS))
            if any(rec.get("_token_hash") == digest for rec in self.store.table("credentials").values()):
                raise ApiError(403, code_name(206), "The authentication you specified is actually an authtoken. Your credential: "
                               "'%s'. Check your records for an API key. API keys and instructions are available on your "
                               "dashboard: %s" % (token, DASHBOARD_KEYS))
        raise ApiError(403, code_name(203), "The API authentication you specified is properly formed, but it is invalid. Your "
                       "authentication: '%s'. API keys and instructions are available on your dashboard: %s"
                       % (token, DASHBOARD_KEYS))

    # -- request parsing --------------------------------------------------
    @staticmethod
    def check_version(headers):
        """Ngrok-Version must be present and "2"."""
        version = headers.get("ngrok-version")
        if version is None:
            raise bad_request(218, "Your request has not specified an API version. Include the version you wish to use in "
                              "the Ngrok-Version header. Supported versions: '2'.")
        if version.strip() != API_VERSION:
            raise bad_request(217, "The provided API version '%s' is invalid or unsupported. Supported versions: '2'. Check your "
                              "API client implementation." % version)

    @staticmethod
    def match(routes, method, path):
        """Find the route for a request: 404 for unknown paths, 405 for a known path with another method."""
        allowed = []
        for route in routes:
            found = route.regex.match(path)
            if found:
                if route.method == method:
                    return route, found.groupdict()
                allowed.append(route.method)
        if allowed:
            raise ApiError(405, None, "The %s method is not allowed on this path." % method, {"Allow": ", ".join(sorted(set(allowed)))})
        raise not_found()

    @staticmethod
    def parse_query(raw, accepted, multi=()):
        """Query string -> dict; unknown (231) and repeated (232) parameters are errors."""
        query = {}
        for key, value in parse_qsl(raw, keep_blank_values=True):
            if key.endswith("[]") and key[:-2] in multi:
                key = key[:-2]
            if key in multi:
                query.setdefault(key, []).append(value)
                continue
            if key not in accepted:
                raise bad_request(231, "The query part of the requested URI includes unknown parameters: '%s'. The supported "
                                  "parameters are: '%s'. %s" % (key, ", ".join(accepted) or "(none)", CHECK_CLIENT))
            if key in query:
                values = [v for k, v in parse_qsl(raw, keep_blank_values=True) if k == key]
                raise bad_request(232, "The request must specify only a single value for the '%s' parameter but got '%d': '%s'. %s"
                                  % (key, len(values), ", ".join(values), CHECK_CLIENT))
            query[key] = value
        return query

    @staticmethod
    def parse_body(method, headers, raw, takes_body):
        """Apply the content-type and body rules; return the JSON object (or None)."""
        if not takes_body:
            if raw:
                raise bad_request(211, "The '%s' request you made does not expect a body, but you provided one. %s"
                                  % (method, CHECK_CLIENT))
            return None
        if not raw.strip():
            return {}
        ctype = headers.get("content-type")
        if ctype is None:
            raise bad_request(216, "You did not provide a Content-Type with your request. Check your API client implementation "
                              "and use one of the supported content types: " + CONTENT_TYPES)
        media = ctype.split(";")[0].strip().lower()
        if media != "application/json":
            raise bad_request(210, "The content type you specified '%s' is not supported by the API. Check your API client "
                              "implementation and see the list of supported content types: %s" % (ctype, CONTENT_TYPES))
        try:
            body = json.loads(raw.decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            raise bad_request(213, "The 'application/json' request body could not be parsed. " + CHECK_CLIENT) from None
        if not isinstance(body, dict):
            raise bad_request(213, "The 'application/json' request body could not be parsed. " + CHECK_CLIENT)
        return body

    # -- dispatch --------------------------------------------------------
    def handle(self, method, target, headers, raw, host):
        """Serve one request.  ``headers`` has lower-case keys.  Returns (status, headers, body dict or None)."""
        op_id = "op_" + ids.GENERATOR.ksuid()
        parts = urlsplit(target)
        path = parts.path
        base = "%s://%s" % (self.scheme, host)
        is_sim = path == "/_sim" or path.startswith("/_sim/")
        extra = {"Ngrok-Operation-Id": op_id}
        body = None
        fault = None
        try:
            try:
                self.authenticate(headers)
            except ApiError:
                if not is_sim:
                    self.stats.count(method)
                raise
            if is_sim:
                return self.handle_sim(method, path, parts.query, headers, raw, base, extra)
            allowed, wait = self.limiter.acquire()
            if not allowed:
                self.stats.count_rate_limited()
                raise ApiError(429, code_name(226), self.limiter.message(), {"Retry-After": str(wait)})
            self.stats.count(method)
            self.check_version(headers)
            route, params = self.match(self.routes, method, path)
            query = self.parse_query(parts.query, route.query, route.multi)
            body = self.parse_body(method, headers, raw, route.body)
            fault = self.faults.pick(method)
            if fault is not None:
                if fault.latency_ms:
                    time.sleep(fault.latency_ms / 1000.0)
                if fault.status and not fault.after_commit:
                    raise self.fault_error(fault)
            with self.store.lock:
                ctx = Context(self, base)
                initial = self.store.version
                self.advance(ctx)
                before = self.store.version
                status, payload = route.handler(ctx, params, body, query)
                changed = self.store.version != before
                if self.store.version != initial:
                    self.store.save()
            if changed and method in MUTATING:
                self.stats.count_mutation()
            if fault is not None and fault.status:
                raise self.fault_error(fault)
        except ApiError as err:
            extra.update(err.headers)
            status, payload = err.status, err.body(op_id)
        except Exception:  # pylint: disable=broad-except
            LOG.error("internal error for %s %s (%s):\n%s", method, path, op_id, traceback.format_exc())
            status, payload = 500, ApiError(500, FAULT_ERROR_CODE, "Internal simulator error.").body(op_id)
        if not is_sim:
            self.log_request(method, path, parts.query, status, body, op_id)
        return status, extra, payload

    def advance(self, ctx):
        """Let time-driven changes happen (resources' ``advance`` hooks); never counted as mutations."""
        for res in self.resources.values():
            res.advance(ctx)

    def fault_error(self, fault):
        """The error answered for an injected fault."""
        self.stats.count_fault()
        if fault.status == 429:
            return ApiError(429, code_name(226), self.limiter.message(), {"Retry-After": "1"})
        return ApiError(fault.status, FAULT_ERROR_CODE, FAULT_MESSAGES[fault.status])

    def log_request(self, method, path, query, status, body, op_id):
        """Add to the /_sim/requests log and write the access log line."""
        self.stats.record({
            "method": method, "path": path, "query": dict(parse_qsl(query, keep_blank_values=True)),
            "status": status, "body": redact(body, self.secret_keys | _ALWAYS_SECRET), "operation_id": op_id,
        })
        LOG.info("%s %s -> %d %s", method, path, status, op_id)

    # -- test controls ---------------------------------------------------
    def handle_sim(self, method, path, query_string, headers, raw, base, extra):
        """The /_sim/ controls: never rate limited, faulted or counted."""
        if raw.strip():
            try:
                body = json.loads(raw.decode("utf-8"))
            except (ValueError, UnicodeDecodeError):
                raise bad_request(213, "The request body could not be parsed as JSON.") from None
        else:
            body = {}
        query = dict(parse_qsl(query_string, keep_blank_values=True))
        if path == "/_sim/stats" and method == "GET":
            return 200, extra, self.stats.as_dict()
        if path == "/_sim/reset" and method == "POST":
            with self.store.lock:
                owner = self.owner_id
                self.store.reset()
                self.store.meta["owner_id"] = owner
                self.store.meta.update(self.owner_names)
                self.store.save()
            self.stats.reset()
            self.limiter.reset()
            self.faults.clear()
            return 200, extra, {"reset": True}
        if path == "/_sim/faults" and method == "POST":
            self.faults.configure(body)
            return 200, extra, self.faults.describe()
        if path == "/_sim/faults" and method == "GET":
            return 200, extra, self.faults.describe()
        if path == "/_sim/requests" and method == "GET":
            try:
                limit = int(query.get("limit", "100"))
            except ValueError:
                raise bad_request(244, "limit must be a number") from None
            return 200, extra, {"requests": self.stats.recent(max(limit, 0))}
        route, params = self.match(self.sim_routes, method, path)
        if not isinstance(body, dict):
            raise bad_request(213, "A JSON object is expected.")
        with self.store.lock:
            ctx = Context(self, base)
            self.advance(ctx)
            status, payload = route.handler(ctx, params, body, query)
            self.store.save()
        del headers
        return status, extra, payload

    def save(self):
        """Persist the state (used on shutdown)."""
        self.store.save()


_ALWAYS_SECRET = frozenset(("token", "value", "private_key_pem"))


class Handler(BaseHTTPRequestHandler):
    """Adapts http.server requests to Simulator.handle."""

    protocol_version = "HTTP/1.1"
    server_version = "ngrok-simulator"
    sys_version = ""

    def setup(self):
        if isinstance(self.request, ssl.SSLSocket):
            # The handshake runs here, in the request's thread, so a slow or refusing client never holds up the
            # accepting loop; a failed one ends the connection (SimulatorServer.handle_error logs it quietly).
            self.request.do_handshake()
        super().setup()
        # Headers and body go out in separate writes: without TCP_NODELAY, Nagle plus
        # delayed ACKs add ~40 ms to every keep-alive request.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def _serve(self):
        length = self.headers.get("Content-Length")
        try:
            size = int(length) if length else 0
        except ValueError:
            size = -1
        if size < 0:
            op_id = "op_" + ids.GENERATOR.ksuid()
            self._send(400, {"Ngrok-Operation-Id": op_id},
                       bad_request(212, "The server was unable to read the complete request body. " + CHECK_CLIENT).body(op_id))
            return
        raw = self.rfile.read(size) if size else b""
        headers = {k.lower(): v for k, v in self.headers.items()}
        host = headers.get("host") or "%s:%d" % self.server.server_address[:2]
        status, extra, payload = self.server.simulator.handle(self.command, self.path, headers, raw, host)
        self._send(status, extra, payload)

    def _send(self, status, extra, payload):
        data = b"" if payload is None or status == 204 else json.dumps(payload).encode("utf-8")
        self.send_response(status)
        for key, value in extra.items():
            self.send_header(key, value)
        origin = self.headers.get("Origin")
        if origin:
            self.send_header("Access-Control-Allow-Origin", origin)
            self.send_header("Access-Control-Allow-Credentials", "true")
        if data:
            self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if data:
            self.wfile.write(data)

    do_GET = _serve
    do_POST = _serve
    do_PATCH = _serve
    do_DELETE = _serve
    do_PUT = _serve

    def log_message(self, format, *args):  # pylint: disable=redefined-builtin
        """Silence the default access log (Simulator.handle logs without secrets)."""


class SimulatorServer(ThreadingHTTPServer):
    """A threaded HTTP server carrying a Simulator; HTTPS when ``ssl_context`` is given."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address, simulator, ssl_context=None):
        super().__init__(address, Handler)
        self.simulator = simulator
        if ssl_context is not None:
            self.socket = ssl_context.wrap_socket(self.socket, server_side=True, do_handshake_on_connect=False)

    def handle_error(self, request, client_address):
        """A connection that fails before a request (a TLS handshake the client refused, a reset) is logged, not
        printed as a traceback."""
        LOG.debug("connection from %s failed:\n%s", client_address[0], traceback.format_exc())


def tls_context(cert_file, key_file):
    """A server-side TLS context from a PEM certificate (chain) file and its key file."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_file, key_file)
    return context


def serve_in_thread(server):
    """Run serve_forever in a background thread and return it."""
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, name="ngrok-sim", daemon=True)
    thread.start()
    return thread
