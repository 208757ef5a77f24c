"""Traffic policy documents of cloud endpoints: structure, phases, action types and their configuration.

The data below is ngrok-docs' traffic policy reference:

- phases and their availability per protocol: ``traffic-policy/how-it-works.mdx``
  ("Phases available by protocol"); ``on_event_stream_message`` (HTTP only) from
  ``traffic-policy/actions/sse-find-replace.mdx`` and ``snippets/ActionHub.jsx``;
- rule fields (``name``, ``expressions``, ``actions``; an action has ``type`` and an
  optional ``config``): ``traffic-policy/how-it-works.mdx`` ("Rule fields");
- action types, the phases each supports and its configuration fields: the "Type",
  "Supported phases" and "Configuration fields" of each page ``traffic-policy/actions/<page>.mdx``
  (the page ``oidc.mdx`` documents the type ``openid-connect``), united with the phases of the
  list of available actions, ``snippets/ActionHub.jsx``, where the two disagree;
- the ``ai-gateway`` action of the endpoint-based AI Gateway: ngrok moved the AI Gateway to
  ngrok.ai, and the endpoints API "only allows managing existing legacy gateways"
  (``errors/err_ngrok_18024.mdx``, ``ai-gateway/guides/migrating-from-endpoints.mdx``): a
  policy may keep the action only on an endpoint that already has it.

A field is required when its page marks it required and gives it no default: ``restrict-ips`` ``enforce``
("Default true"), ``circuit-breaker`` ``error_threshold`` (default 0.5) and the OWASP actions' ``on_error``
(default "halt") are marked required and have defaults, and about a fifth of the docs' ``restrict-ips``
examples leave ``enforce`` out: they may be omitted.

Configuration errors answer the codes of ngrok's traffic policy error pages (ERR 2203-2258): a
config that does not decode (not a mapping, an unknown field, a value of the wrong type) is 2203,
a missing required field 2234, an empty one 2223, a value outside a documented set 2222, outside a
documented range 2215, a list longer than documented 2218, shorter 2237, a string longer than
documented 2221, duplicates 2231, a duration that does not parse 2228, an action on a protocol its
page excludes 2205, a field required by another 2240; the action-specific ones are named where
they are used.
"""

import ipaddress
import json
import re

import yaml

from .errors import ApiError, bad_request, code_name

REQUEST, RESPONSE, CONNECT, STREAM = "on_http_request", "on_http_response", "on_tcp_connect", "on_event_stream_message"
PHASES = (REQUEST, RESPONSE, CONNECT, STREAM)
HTTP_PHASES = (CONNECT, REQUEST, RESPONSE, STREAM)
PHASES_BY_SCHEME = {"http": HTTP_PHASES, "https": HTTP_PHASES, "tls": (CONNECT,), "tcp": (CONNECT,)}
RULE_FIELDS = ("name", "expressions", "actions")
ACTION_FIELDS = ("type", "config")


# -- configuration schema ----------------------------------------------------------------------

class Spec:
    """One configuration field.

    ``kind``: string, bool, int, float, duration, map (string keys), list, object (``fields``) or any.
    ``item``: the Spec of a list's elements or a map's values. ``values``: the documented set of values.
    ``low``/``high``: a documented numeric range (durations in seconds); for lists and strings their length.
    ``cel``: the field takes CEL interpolation (``${...}``), so a string there is not checked further.
    ``phases``: the phases in which the field exists (default: every phase of the action).
    """

    def __init__(self, kind, required=False, item=None, fields=None, values=None, low=None, high=None, cel=False,
                 phases=None, unique=False, check=None):
        self.kind = kind
        self.required = required
        self.item = item
        self.fields = fields or {}
        self.values = values
        self.low = low
        self.high = high
        self.cel = cel
        self.phases = phases
        self.unique = unique
        self.check = check


def _s(**kw):
    return Spec("string", **kw)


def _list(item, **kw):
    return Spec("list", item=item, **kw)


def _obj(fields, **kw):
    return Spec("object", fields=fields, **kw)


def _map(item=None, **kw):
    return Spec("map", item=item or _s(), **kw)


class Action:
    """An action type: its phases, the protocols it is limited to (None: all) and its configuration fields."""

    def __init__(self, phases, fields=None, schemes=None, check=None):
        self.phases = tuple(phases)
        self.fields = fields or {}
        self.schemes = schemes
        self.check = check


_ON_ERROR = ("halt", "continue")
_HTTP_METHODS = ("GET", "PUT", "POST", "PATCH", "DELETE", "OPTIONS")
_COMPRESSION = ("br", "compress", "deflate", "gzip")
_TLS_VERSIONS = ("1.2", "1.3")
_MTLS_STRATEGIES = ("require-and-verify", "require-any", "request")
_JWT_TOKEN_TYPES = ("id_token", "access_token", "at+jwt", "it+jwt", "plain", "jwt")
_JWT_TOKEN_METHODS = ("header", "body")
# traffic-policy/actions/oauth.mdx ("Supported providers")
OAUTH_PROVIDERS = ("amazon", "facebook", "github", "gitlab", "google", "linkedin", "microsoft", "twitch")
# traffic-policy/actions/verify-webhook.mdx ("Supported providers")
WEBHOOK_PROVIDERS = (
    "aftership", "airship", "alchemy", "sns", "autodesk", "bitbucket", "bolt", "box", "brex", "buildkite", "calendly",
    "castle", "chargify", "circleci", "clearbit", "clerk", "coinbase", "contentful", "docusign", "dropbox",
    "facebook_graph_api", "facebook_messenger", "frameio", "github", "gitlab", "go1", "heroku", "hostedhooks", "hubspot",
    "graphcms", "instagram", "intercom", "jira", "launch_darkly", "linear", "mailchimp", "mailgun", "microsoft_teams",
    "modern_treasury", "mongodb", "mux", "orb", "orbit", "pagerduty", "pinwheel", "plivo", "pusher", "sendgrid", "sentry",
    "shopify", "signal_sciences", "slack", "sonatype", "square", "stripe", "svix", "terraform", "tiktok",
    "trendmicro_conformity", "twilio", "twitter", "typeform", "vmware", "webex", "whatsapp", "worldline", "xero",
    "zendesk", "zoom")
_OAUTH_FIELDS = {
    "auth_id": _s(), "client_id": _s(cel=True), "client_secret": _s(cel=True), "scopes": _list(_s()),
    "authz_url_params": _map(), "max_session_duration": Spec("duration"), "userinfo_refresh_interval": Spec("duration"),
    "allow_cors_preflight": Spec("bool"), "auth_cookie_domain": _s(),
}
_REPLACEMENT = {"from": _s(required=True, cel=True), "to": _s(cel=True)}
_MAX_HEADERS = 10


def _check_basic_auth(name, config, fail):
    """``username:password`` pairs; passwords of 8 to 128 characters (traffic-policy/actions/basic-auth.mdx)."""
    for index, credential in enumerate(config.get("credentials") or []):
        if "${" in credential:
            continue
        user, sep, password = credential.partition(":")
        where = "credentials[%d]" % index
        if not sep or not user:
            raise fail(2257, "Invalid basic auth credential. Username '%s' fails to meet requirements of RFC 7617 #2.1: "
                             "a credential is 'username:password'" % user)
        if len(password) < 8:
            raise fail(2237, "Invalid configuration for '%s': '%s' length of '%d' does not satisfy minimum length of '8'."
                       % (name, where, len(password)))
        if len(password) > 128:
            raise fail(2221, "Invalid configuration for '%s': '%s' length of '%d' exceeded limit of '128'."
                       % (name, where, len(password)))


def _check_set_vars(name, config, fail):
    """Each entry of ``vars`` is a map of exactly one variable (ERR 2252)."""
    if any(len(entry) != 1 for entry in config.get("vars") or []):
        raise fail(2252, "Invalid format for set-vars: vars must be a list of maps of exactly size 1")


def _check_terminate_tls(name, config, fail):
    """A custom server certificate comes with its key, and the reverse (traffic-policy/actions/terminate-tls.mdx)."""
    for one, other in (("server_certificate", "server_private_key"), ("server_private_key", "server_certificate")):
        if config.get(one) and not config.get(other):
            raise fail(2240, "Invalid configuration for '%s': '%s' is required when '%s' is specified" % (name, other, one))


def _check_restrict_ips(ctx_lookup):
    def check(name, config, fail):
        bad = []
        for key in ("allow", "deny"):
            for cidr in config.get(key) or []:
                if "${" in cidr:
                    continue
                try:
                    ipaddress.ip_network(cidr, strict=False)
                except ValueError:
                    bad.append(cidr)
        if bad:
            raise fail(2217, "Invalid CIDR(s): '%s'." % ", ".join(bad))
        missing = [ref for ref in config.get("ip_policies") or [] if not ctx_lookup(ref)]
        if missing:
            raise fail(2216, "Invalid IP Policy Reference(s): '%s'." % ", ".join(missing))
    return check


def _ip_policy_exists(_ref):
    return True


ACTIONS = {
    "add-headers": Action((REQUEST, RESPONSE), {"headers": _map(_s(cel=True), low=1, high=_MAX_HEADERS)}),
    "basic-auth": Action((REQUEST,), {
        "credentials": _list(_s(cel=True), required=True, high=10), "realm": _s(), "enforce": Spec("bool"),
    }, check=_check_basic_auth),
    "circuit-breaker": Action((REQUEST,), {
        "error_threshold": Spec("float", low=0.0, high=1.0),          # required, with a default of 0.5: optional
        "volume_threshold": Spec("int", low=1, high=2000000000),
        "window_duration": Spec("duration", low=1, high=120), "tripped_duration": Spec("duration", low=1, high=120),
        "num_buckets": Spec("int", values=(10,)), "enforce": Spec("bool"),
    }),
    "close-connection": Action((CONNECT, REQUEST)),
    "compress-response": Action((REQUEST, RESPONSE), {"algorithms": _list(_s(values=_COMPRESSION), unique=True)}),
    "custom-response": Action((REQUEST, RESPONSE), {
        "status_code": Spec("int", low=100, high=599), "body": _s(cel=True), "headers": _map(_s(cel=True), high=_MAX_HEADERS),
    }),
    "deny": Action((CONNECT, REQUEST), {"status_code": Spec("int", low=100, high=599, phases=(REQUEST,))}),
    "forward-internal": Action((CONNECT, REQUEST), {"url": _s(required=True, cel=True), "on_error": _s(values=_ON_ERROR)}),
    "http-request": Action((REQUEST, RESPONSE), {
        "url": _s(required=True, cel=True), "method": _s(values=_HTTP_METHODS),
        "query_params": _list(_obj({"key": _s(required=True, cel=True, high=128), "value": _s(cel=True, high=8192)}), high=32),
        "headers": _map(_s(cel=True), high=_MAX_HEADERS), "body": _s(cel=True), "max_redirects": Spec("int", low=0, high=100),
        "timeout": Spec("duration", low=1, high=30), "retry_condition": _s(cel=True), "on_error": _s(values=_ON_ERROR),
    }),
    "jwt-validation": Action((REQUEST,), {
        "issuer": _obj({"allow_list": _list(_obj({"value": _s(required=True, cel=True)}), required=True, low=1)},
                       required=True),
        "audience": _obj({"allow_list": _list(_obj({"value": _s()}), low=1)}),
        "http": _obj({"tokens": _list(_obj({
            "type": _s(required=True, values=_JWT_TOKEN_TYPES), "method": _s(required=True, values=_JWT_TOKEN_METHODS),
            "name": _s(required=True, cel=True), "prefix": _s(cel=True),
        }), required=True, low=1)}, required=True),
        "jws": _obj({
            "allowed_algorithms": _list(_s(check=lambda v: v != "none"), required=True, low=1),
            "keys": _list(_obj({
                "identification": _list(_obj({"token_claims": _list(_s(values=("kid",)))})),
                "sources": _list(_obj({"additional_jkus": _list(_s(cel=True), required=True)}), required=True),
            }), required=True),
        }, required=True),
    }),
    "log": Action((CONNECT, REQUEST, RESPONSE), {"metadata": _map(Spec("any"), required=True)}),
    "oauth": Action((REQUEST,), dict(_OAUTH_FIELDS, provider=_s(required=True, values=OAUTH_PROVIDERS),
                                     idle_session_timeout=Spec("duration"))),
    "openid-connect": Action((REQUEST,), dict(_OAUTH_FIELDS, issuer_url=_s(required=True),
                                              idle_session_duration=Spec("duration"))),
    "owasp-crs-request": Action((REQUEST,), {
        "on_error": _s(values=("continue", "halt")), "process_body": Spec("bool"),      # required, default "halt"
        "exclude_rule_ids": _list(Spec("int", low=900000, high=999999)),
    }),
    "owasp-crs-response": Action((RESPONSE,), {
        "on_error": _s(values=("continue", "halt")), "process_body": Spec("bool"),      # required, default "halt"
        "exclude_rule_ids": _list(Spec("int", low=900000, high=999999)),
    }),
    "rate-limit": Action((REQUEST,), {
        "name": _s(required=True, high=1023), "enforce": Spec("bool"), "algorithm": _s(required=True, values=("sliding_window",)),
        "capacity": Spec("int", required=True, low=1, high=2000000000),
        "rate": Spec("duration", required=True, low=60, high=86400, check=lambda seconds: seconds % 10 == 0),
        "bucket_key": _list(_s(), required=True, high=10),
    }),
    "redirect": Action((REQUEST,), {
        "from": _s(cel=True), "to": _s(required=True, cel=True), "status_code": Spec("int", low=300, high=399),
        "headers": _map(_s(cel=True), high=_MAX_HEADERS),
    }),
    "remove-headers": Action((REQUEST, RESPONSE), {"headers": _list(_s(), required=True, low=1, high=_MAX_HEADERS)}),
    "request-body-find-replace": Action((REQUEST,), {"replacements": _list(_obj(_REPLACEMENT), required=True, low=1)}),
    "response-body-find-replace": Action((RESPONSE,), {"replacements": _list(_obj(_REPLACEMENT), required=True, low=1)}),
    "restrict-ips": Action((CONNECT, REQUEST, RESPONSE), {
        "enforce": Spec("bool"), "allow": _list(_s(cel=True)), "deny": _list(_s(cel=True)),  # required, "Default true"
        "ip_policies": _list(_s()),
    }),
    "set-vars": Action((CONNECT, REQUEST, RESPONSE), {"vars": _list(_map(Spec("any")), required=True)},
                       check=_check_set_vars),
    "sse-find-replace": Action((STREAM,), {
        "replacements": _list(_obj(dict(_REPLACEMENT, field=_s(values=("data", "retry")))), required=True, low=1),
    }),
    "terminate-tls": Action((CONNECT,), {
        "min_version": _s(values=_TLS_VERSIONS), "max_version": _s(values=_TLS_VERSIONS),
        "server_private_key": _s(cel=True), "server_certificate": _s(cel=True),
        "mutual_tls_certificate_authorities": _list(_s(cel=True)),
        "mutual_tls_verification_strategy": _s(values=_MTLS_STRATEGIES),
    }, schemes=("https", "tls"), check=_check_terminate_tls),
    "url-rewrite": Action((REQUEST,), {"from": _s(cel=True), "to": _s(required=True, cel=True)}),
    "verify-webhook": Action((REQUEST,), {
        "provider": _s(required=True, values=WEBHOOK_PROVIDERS), "secret": _s(required=True, cel=True), "enforce": Spec("bool"),
    }),
}
# The phases of each action type (the ActionHub's list united with the pages' "Supported phases").
ACTION_PHASES = {kind: action.phases for kind, action in ACTIONS.items()}
# Where the action hub lists more phases than the action's page (compress-response, restrict-ips), both are accepted.
_EXTRA_HUB_PHASES = {"compress-response": (REQUEST,)}
for _kind, _phases in _EXTRA_HUB_PHASES.items():
    ACTIONS[_kind].phases = tuple(p for p in PHASES if p in set(ACTIONS[_kind].phases) | set(_phases))
    ACTION_PHASES[_kind] = ACTIONS[_kind].phases
# The endpoint-based AI Gateway's action (legacy: accepted only where an endpoint already has it).
AI_GATEWAY = "ai-gateway"
AI_GATEWAY_PHASES = (REQUEST,)

_DURATION_PART = re.compile(r"(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)")
_DURATION_UNITS = {"ns": 1e-9, "us": 1e-6, "µs": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0, "h": 3600.0}


def parse_duration(text):
    """Seconds of a Go duration string (``90s``, ``1h30m``, ``250ms``); ValueError when it is not one."""
    if not isinstance(text, str) or not text:
        raise ValueError("invalid duration %r" % (text,))
    if text == "0":
        return 0.0
    pos, total = 0, 0.0
    while pos < len(text):
        match = _DURATION_PART.match(text, pos)
        if not match:
            raise ValueError("invalid duration %r" % text)
        total += float(match.group(1)) * _DURATION_UNITS[match.group(2)]
        pos = match.end()
    return total


def _invalid(reason):
    return bad_request(18002, "The provided cloud endpoint traffic policy configuration is invalid: %s" % reason)


def _fail(code, msg):
    return ApiError(400, code_name(code), msg)


class _Config:
    """Validation of one action's ``config`` against its Spec tree."""

    def __init__(self, kind, phase):
        self.kind = kind
        self.phase = phase

    def parse_error(self):
        return _fail(2203, "Failed to parse the configuration for policy action type '%s'." % self.kind)

    def check_fields(self, fields, value, path):
        if not isinstance(value, dict):
            raise self.parse_error()
        present = {name: spec for name, spec in fields.items() if spec.phases is None or self.phase in spec.phases}
        for key in value:
            if key not in present:
                raise self.parse_error()
        for name, spec in present.items():
            where = "%s.%s" % (path, name) if path else name
            if value.get(name) is None:
                if spec.required:
                    raise _fail(2234, "Invalid configuration for '%s': '%s' is missing required element '%s'."
                                % (self.kind, path or "config", name))
                continue
            self.check_value(spec, value[name], where)

    def check_size(self, spec, value, where):
        """The entries of a list or map within the bounds of its spec."""
        if spec.high is not None and len(value) > spec.high:
            raise _fail(2218, "Too many entries for '%s'. You provided '%d' entries, but the limit is '%d'."
                        % (where, len(value), spec.high))
        if spec.low is not None and len(value) < spec.low:
            raise _fail(2237, "Invalid configuration for '%s': '%s' length of '%d' does not satisfy minimum length of "
                              "'%d'." % (self.kind, where, len(value), spec.low))

    def check_value(self, spec, value, where):
        kind = spec.kind
        if kind == "any":
            return
        if kind == "string":
            if not isinstance(value, str):
                raise self.parse_error()
            if spec.required and not value.strip():
                raise _fail(2223, "Invalid configuration for '%s': '%s' cannot be empty." % (self.kind, where))
            if spec.cel and "${" in value:
                return
            if spec.high is not None and len(value) > spec.high:
                raise _fail(2221, "Invalid configuration for '%s': '%s' length of '%d' exceeded limit of '%d'."
                            % (self.kind, where, len(value), spec.high))
        elif kind == "bool":
            if not isinstance(value, bool):
                raise self.parse_error()
        elif kind in ("int", "float"):
            good = (int, float) if kind == "float" else (int,)
            if isinstance(value, bool) or not isinstance(value, good):
                raise self.parse_error()
            if (spec.low is not None and value < spec.low) or (spec.high is not None and value > spec.high):
                raise _fail(2215, "Failed to parse configuration for '%s': '%s' must be between '%s' and '%s' inclusive, "
                                  "was '%s'." % (self.kind, where, spec.low, spec.high, value))
        elif kind == "duration":
            if not isinstance(value, str):
                raise self.parse_error()
            try:
                seconds = parse_duration(value)
            except ValueError as exc:
                raise _fail(2228, "Invalid configuration for '%s': Failed to parse '%s': '%s'." % (self.kind, where, exc)) \
                    from None
            if (spec.low is not None and seconds < spec.low) or (spec.high is not None and seconds > spec.high):
                raise _fail(2215, "Failed to parse configuration for '%s': '%s' must be between '%ds' and '%ds' inclusive, "
                                  "was '%s'." % (self.kind, where, spec.low, spec.high, value))
            if spec.check is not None and not spec.check(seconds):
                raise _fail(2222, "Invalid configuration for '%s': '%s' must be 'a multiple of 10s', was '%s'."
                            % (self.kind, where, value))
            return
        elif kind == "list":
            if not isinstance(value, list):
                raise self.parse_error()
            self.check_size(spec, value, where)
            for index, item in enumerate(value):
                self.check_value(spec.item, item, "%s[%d]" % (where, index))
            if spec.unique:
                seen = [json.dumps(item, sort_keys=True) for item in value]
                dupes = sorted({item for item in seen if seen.count(item) > 1})
                if dupes:
                    raise _fail(2231, "Invalid configuration for '%s': '%s' contains duplicate values: '%s'."
                                % (self.kind, where, ", ".join(json.loads(d) if d.startswith('"') else d for d in dupes)))
            return
        elif kind == "map":
            if not isinstance(value, dict) or not all(isinstance(key, str) for key in value):
                raise self.parse_error()
            self.check_size(spec, value, where)
            for key, item in value.items():
                self.check_value(spec.item, item, "%s.%s" % (where, key))
            return
        elif kind == "object":
            self.check_fields(spec.fields, value, where)
            return
        if spec.values is not None and value not in spec.values:
            if self.kind == "compress-response":
                raise _fail(2214, "Failed to parse configuration for compress: contained an invalid algorithm: '%s'." % value)
            raise _fail(2222, "Invalid configuration for '%s': '%s' must be 'one of %s', was '%s'."
                        % (self.kind, where, ", ".join(str(v) for v in spec.values), value))
        if spec.check is not None and not spec.check(value):
            raise _fail(2222, "Invalid configuration for '%s': '%s' must be 'a supported value', was '%s'."
                        % (self.kind, where, value))


def check_config(kind, phase, config, ip_policy_exists=_ip_policy_exists):
    """Validate the ``config`` of an action of type ``kind`` in ``phase`` (ERR 2203-2258)."""
    action = ACTIONS[kind]
    validator = _Config(kind, phase)
    validator.check_fields(action.fields, {} if config is None else config, "")
    checks = [action.check] if action.check else []
    if kind == "restrict-ips":
        checks.append(_check_restrict_ips(ip_policy_exists))
    for check in checks:
        check(kind, config or {}, _fail)


# -- documents ----------------------------------------------------------------------------------

def parse(text):
    """The policy document (JSON or YAML) as a mapping; ERR_NGROK_18002 when it is empty or not one."""
    if not text.strip():
        raise _invalid("the policy is empty")
    try:
        doc = json.loads(text)
    except ValueError:
        try:
            doc = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            raise _invalid(str(exc).splitlines()[0]) from None
    if not isinstance(doc, dict):
        raise _invalid("expected a mapping of phases to rules")
    return doc


class _Checker:
    def __init__(self, scheme, legacy_gateway, ip_policy_exists):
        self.scheme = scheme
        self.legacy_gateway = legacy_gateway
        self.ip_policy_exists = ip_policy_exists

    def action(self, action, phase, where):
        if not isinstance(action, dict):
            raise _invalid("%s must be a mapping with a 'type'" % where)
        for key in action:
            if key not in ACTION_FIELDS:
                raise _invalid("%s has the unknown field '%s'; an action has: %s" % (where, key, ", ".join(ACTION_FIELDS)))
        kind = action.get("type")
        if not isinstance(kind, str) or not kind:
            raise _invalid("%s has no 'type'" % where)
        if kind == AI_GATEWAY:
            if not self.legacy_gateway:
                raise bad_request(18024, "AI Gateway has moved to https://app.ngrok.ai. This API only allows managing "
                                  "existing legacy gateways.")
            if phase not in AI_GATEWAY_PHASES:
                raise bad_request(2202, "Action type '%s' is not supported for '%s' traffic policy rule." % (kind, phase))
            return
        spec = ACTIONS.get(kind)
        if spec is None:
            raise bad_request(2201, "Invalid policy action type '%s'." % kind)
        if phase not in spec.phases:
            raise bad_request(2202, "Action type '%s' is not supported for '%s' traffic policy rule." % (kind, phase))
        if spec.schemes is not None and self.scheme in PHASES_BY_SCHEME and self.scheme not in spec.schemes:
            raise bad_request(2205, "Policy action type '%s' does not support the '%s' protocol." % (kind, self.scheme))
        check_config(kind, phase, action.get("config"), self.ip_policy_exists)

    def rule(self, rule, phase, where):
        if not isinstance(rule, dict):
            raise _invalid("%s must be a mapping" % where)
        for key in rule:
            if key not in RULE_FIELDS:
                raise _invalid("%s has the unknown field '%s'; a rule has: %s" % (where, key, ", ".join(RULE_FIELDS)))
        if rule.get("name") is not None and not isinstance(rule["name"], str):
            raise _invalid("the name of %s must be a string" % where)
        expressions = rule.get("expressions")
        if expressions is not None and (not isinstance(expressions, list) or not all(isinstance(e, str) for e in expressions)):
            raise _invalid("the expressions of %s must be a list of strings" % where)
        actions = rule.get("actions")
        if not isinstance(actions, list):
            raise _invalid("%s needs a list of actions" % where)
        for index, action in enumerate(actions):
            self.action(action, phase, "action %d of %s" % (index, where))
        return len(actions)


def has_ai_gateway(text):
    """True when a stored policy has an ``ai-gateway`` action: the endpoint is a legacy AI gateway."""
    try:
        doc = parse(text or "")
    except Exception:  # pylint: disable=broad-except
        return False
    for rules in doc.values():
        for rule in rules if isinstance(rules, list) else []:
            for action in (rule.get("actions") if isinstance(rule, dict) else None) or []:
                if isinstance(action, dict) and action.get("type") == AI_GATEWAY:
                    return True
    return False


def check(text, scheme, legacy_gateway=False, ip_policy_exists=_ip_policy_exists):
    """Validate a cloud endpoint's traffic policy for an endpoint of ``scheme``.

    ``legacy_gateway``: the endpoint already is an AI gateway, so its policy may keep the ``ai-gateway`` action.
    ``ip_policy_exists``: ``f(id)`` telling whether an IP policy a ``restrict-ips`` action names exists.
    """
    doc = parse(text)
    checker = _Checker(scheme, legacy_gateway, ip_policy_exists)
    count = 0
    for phase, rules in doc.items():
        if phase not in PHASES:
            raise _invalid("unknown phase '%s'; the phases are: %s" % (phase, ", ".join(PHASES)))
        if phase not in PHASES_BY_SCHEME.get(scheme, PHASES):
            raise bad_request(2230, "Invalid Traffic Policy phase '%s' for protocol '%s'." % (phase, scheme))
        if rules is None:
            continue
        if not isinstance(rules, list):
            raise _invalid("the phase %s must be a list of rules" % phase)
        for index, rule in enumerate(rules):
            count += checker.rule(rule, phase, "rule %d of %s" % (index, phase))
    if not count:
        raise bad_request(2206, "A policy must define at least one action.")
