"""Traffic policy documents of cloud endpoints: structure, phases and action types.

The data below is ngrok-docs' traffic policy reference:

- phases and their availability per protocol: ``traffic-policy/how-it-works.mdx``
  ("Phases available by protocol"); ``on_event_stream_message`` (HTTP only) from
  ``traffic-policy/actions/sse-find-replace.mdx`` and ``snippets/ActionHub.jsx``;
- rule fields (``name``, ``expressions``, ``actions``; an action has ``type`` and an
  optional ``config``): ``traffic-policy/how-it-works.mdx`` ("Rule fields");
- action types and the phases each supports: the list of available actions,
  ``snippets/ActionHub.jsx``, united with the "Supported phases" of each page
  ``traffic-policy/actions/<type>.mdx`` where the two disagree;
- the ``ai-gateway`` action of the endpoint-based AI Gateway: ngrok moved the AI Gateway to
  ngrok.ai, and the endpoints API "only allows managing existing legacy gateways"
  (``errors/err_ngrok_18024.mdx``, ``ai-gateway/guides/migrating-from-endpoints.mdx``): a
  policy may keep the action only on an endpoint that already has it.
"""

import json

import yaml

from .errors import bad_request

REQUEST, RESPONSE, CONNECT, STREAM = "on_http_request", "on_http_response", "on_tcp_connect", "on_event_stream_message"
PHASES = (REQUEST, RESPONSE, CONNECT, STREAM)
HTTP_PHASES = (CONNECT, REQUEST, RESPONSE, STREAM)
PHASES_BY_SCHEME = {"http": HTTP_PHASES, "https": HTTP_PHASES, "tls": (CONNECT,), "tcp": (CONNECT,)}
RULE_FIELDS = ("name", "expressions", "actions")
ACTION_FIELDS = ("type", "config")
ACTION_PHASES = {
    "add-headers": (REQUEST, RESPONSE),
    "basic-auth": (REQUEST,),
    "circuit-breaker": (REQUEST,),
    "close-connection": (CONNECT, REQUEST),
    "compress-response": (REQUEST, RESPONSE),
    "custom-response": (REQUEST, RESPONSE),
    "deny": (CONNECT, REQUEST),
    "forward-internal": (CONNECT, REQUEST),
    "http-request": (REQUEST, RESPONSE),
    "jwt-validation": (REQUEST,),
    "log": (CONNECT, REQUEST, RESPONSE),
    "oauth": (REQUEST,),
    "oidc": (REQUEST,),
    "owasp-crs-request": (REQUEST,),
    "owasp-crs-response": (RESPONSE,),
    "rate-limit": (REQUEST,),
    "redirect": (REQUEST,),
    "remove-headers": (REQUEST, RESPONSE),
    "request-body-find-replace": (REQUEST,),
    "response-body-find-replace": (RESPONSE,),
    "restrict-ips": (CONNECT, REQUEST, RESPONSE),
    "set-vars": (CONNECT, REQUEST, RESPONSE),
    "sse-find-replace": (STREAM,),
    "terminate-tls": (CONNECT,),
    "url-rewrite": (REQUEST,),
    "verify-webhook": (REQUEST,),
}
# The endpoint-based AI Gateway's action (legacy: accepted only where an endpoint already has it).
AI_GATEWAY = "ai-gateway"
AI_GATEWAY_PHASES = (REQUEST,)


def _invalid(reason):
    return bad_request(18002, "The provided cloud endpoint traffic policy configuration is invalid: %s" % reason)


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


def _check_action(action, phase, where, legacy_gateway=False):
    if not isinstance(action, dict):
        raise _invalid("%s must be a mapping with a 'type'" % where)
    for key in action:
        if key not in ACTION_FIELDS:
            raise _invalid("%s has the unknown field '%s'; an action has: %s" % (where, key, ", ".join(ACTION_FIELDS)))
    kind = action.get("type")
    if not isinstance(kind, str) or not kind:
        raise _invalid("%s has no 'type'" % where)
    if kind == AI_GATEWAY and not legacy_gateway:
        raise bad_request(18024, "AI Gateway has moved to https://app.ngrok.ai. This API only allows managing existing "
                          "legacy gateways.")
    phases = AI_GATEWAY_PHASES if kind == AI_GATEWAY else ACTION_PHASES.get(kind)
    if phases is None:
        raise bad_request(2201, "Invalid policy action type %s." % kind)
    if phase not in phases:
        raise bad_request(2202, "Action type %s is not supported for %s traffic policy rule." % (kind, phase))
    if action.get("config") is not None and not isinstance(action["config"], dict):
        raise _invalid("the config of %s must be a mapping" % where)


def _check_rule(rule, phase, where, legacy_gateway=False):
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
        _check_action(action, phase, "action %d of %s" % (index, where), legacy_gateway)
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


def check(text, scheme, legacy_gateway=False):
    """Validate a cloud endpoint's traffic policy for an endpoint of ``scheme``.

    ``legacy_gateway``: the endpoint already is an AI gateway, so its policy may keep the ``ai-gateway`` action.
    """
    doc = parse(text)
    count = 0
    for phase, rules in doc.items():
        if phase not in PHASES:
            raise _invalid("unknown phase '%s'; the phases are: %s" % (phase, ", ".join(PHASES)))
        if phase not in PHASES_BY_SCHEME.get(scheme, PHASES):
            raise bad_request(2230, "Invalid Traffic Policy phase %s for protocol %s." % (phase, scheme))
        if rules is None:
            continue
        if not isinstance(rules, list):
            raise _invalid("the phase %s must be a list of rules" % phase)
        for index, rule in enumerate(rules):
            count += _check_rule(rule, phase, "rule %d of %s" % (index, phase), legacy_gateway)
    if not count:
        raise bad_request(2206, "A policy must define at least one action.")
