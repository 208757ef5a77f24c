"""Event destinations, event subscriptions and their sources.

- ``/event_destinations``: where events go.  ``target`` holds exactly one of the
  target kinds; the others come back ``null``.  Secrets inside a target (AWS secret
  access key, Datadog API key, Azure client secret) are write-only: they are not
  stored and come back as ``""``.
- ``/event_subscriptions``: which event types go to which destinations.
- ``/event_subscriptions/{subscription_id}/sources[/{type}]``: the subscription's
  event types one by one; not paginated, keyed by type.

A source's type is one of the event types ngrok lists (``EVENT_TYPES``, from ngrok-docs
``snippets/obs/_event-types-tables.mdx``); anything else is ERR_NGROK_238.
"""

import re

from ..errors import ApiError, bad_request, invalid_value, invalid_value_message, unknown_field
from ..resource import ANY, COMMON_FILTERS, STRING, STRINGS, Resource, Route
from ..helpers import InputError, api_error, reject_unknown

TARGET_KINDS = ("firehose", "kinesis", "cloudwatch_logs", "datadog", "azure_logs_ingestion")
AWS_ARN_FIELD = {"firehose": "delivery_stream_arn", "kinesis": "stream_arn", "cloudwatch_logs": "log_group_arn"}
DATADOG_FIELDS = ("api_key", "ddtags", "service", "ddsite")
DATADOG_SITES = ("datadoghq.com", "us3.datadoghq.com", "us5.datadoghq.com", "datadoghq.eu", "ddog-gov.com", "ap1.datadoghq.com")
AZURE_FIELDS = ("tenant_id", "client_id", "client_secret", "logs_ingestion_uri", "data_collection_rule_id",
                "data_collection_stream_name")
FORMATS = ("json",)
_ARN_RE = re.compile(r"^arn:[a-z0-9-]+:[a-z0-9-]+:[a-z0-9-]*:[0-9]*:.+$")
# The event types ngrok documents (snippets/obs/_event-types-tables.mdx), in the order of that page.
EVENT_TYPES = (
    "api_key_created.v0", "api_key_deleted.v0", "api_key_updated.v0",
    "agent_session_start.v0", "agent_session_stop.v0",
    "certificate_authority_created.v0", "certificate_authority_deleted.v0", "certificate_authority_updated.v0",
    "tunnel_credential_created.v0", "tunnel_credential_deleted.v0", "tunnel_credential_updated.v0",
    "event_destination_created.v0", "event_destination_deleted.v0", "event_destination_updated.v0",
    "event_subscription_created.v0", "event_subscription_deleted.v0", "event_subscription_updated.v0",
    "http_request_complete.v0",
    "ip_policy_created.v0", "ip_policy_deleted.v0", "ip_policy_updated.v0",
    "ip_policy_rule_created.v0", "ip_policy_rule_deleted.v0", "ip_policy_rule_updated.v0",
    "ip_restriction_created.v0", "ip_restriction_deleted.v0", "ip_restriction_updated.v0",
    "tcp_address_created.v0", "tcp_address_deleted.v0", "tcp_address_updated.v0",
    "domain_created.v0", "domain_deleted.v0", "domain_updated.v0",
    "ssh_certificate_authority_created.v0", "ssh_certificate_authority_deleted.v0", "ssh_certificate_authority_updated.v0",
    "ssh_public_key_created.v0", "ssh_public_key_deleted.v0", "ssh_public_key_updated.v0",
    "ssh_host_certificate_created.v0", "ssh_host_certificate_deleted.v0", "ssh_host_certificate_updated.v0",
    "ssh_user_certificate_created.v0", "ssh_user_certificate_deleted.v0", "ssh_user_certificate_updated.v0",
    "secret_created.v0", "secret_deleted.v0", "secret_updated.v0",
    "tcp_connection_closed.v0",
    "tls_certificate_created.v0", "tls_certificate_deleted.v0", "tls_certificate_updated.v0",
    "vault_created.v0", "vault_deleted.v0", "vault_updated.v0",
)


def _string(name, value):
    if not isinstance(value, str):
        raise InputError(215, invalid_value_message(name))
    return value


def _check_auth(kind, auth):
    """AWS auth: exactly one of role or creds.  Returns the stored form (secret dropped)."""
    name = "target.%s.auth" % kind
    if not isinstance(auth, dict):
        raise InputError(5106, "Event Destination target is missing the auth field.")
    reject_unknown(name, auth, ("role", "creds"))
    role, creds = auth.get("role"), auth.get("creds")
    if role is not None and creds is not None:
        raise InputError(5116, "An event destination may not specify more than one type of authentication.")
    if role is None and creds is None:
        raise InputError(5107, "Event Destination auth is missing a role or credentials to send events to the destination target.")
    if role is not None:
        if not isinstance(role, dict):
            raise InputError(240, "The provided event destination auth is invalid.")
        reject_unknown(name + ".role", role, ("role_arn",))
        arn = _string(name + ".role.role_arn", role.get("role_arn", ""))
        if not _ARN_RE.match(arn) or ":iam:" not in arn or ":role/" not in arn:
            raise InputError(5104, 'Event Destination role ARN "%s" is not a valid ARN for an aws IAM role. Error: '
                                   '"an IAM role ARN is arn:aws:iam::<account>:role/<name>".' % arn)
        return {"role": {"role_arn": arn}, "creds": None}
    if not isinstance(creds, dict):
        raise InputError(240, "The provided event destination auth is invalid.")
    reject_unknown(name + ".creds", creds, ("aws_access_key_id", "aws_secret_access_key"))
    key_id = _string(name + ".creds.aws_access_key_id", creds.get("aws_access_key_id", ""))
    secret = _string(name + ".creds.aws_secret_access_key", creds.get("aws_secret_access_key", ""))
    if not key_id or not secret:
        raise InputError(240, "The provided event destination auth is invalid.")
    return {"role": None, "creds": {"aws_access_key_id": key_id, "aws_secret_access_key": ""}}


def check_target(target):
    """Validate a target; return (kind, stored target with every kind present and secrets blanked)."""
    if not isinstance(target, dict):
        raise InputError(5100, "An event destination must specify a destination target. Valid targets include: %s."
                         % ", ".join(TARGET_KINDS))
    for key in target:
        if key not in TARGET_KINDS:
            raise InputError(236, "The destination target is invalid. Expected fields include one of the following: %s"
                             % ", ".join(TARGET_KINDS))
    given = [kind for kind in TARGET_KINDS if target.get(kind) is not None]
    if not given:
        raise InputError(5100, "An event destination must specify a destination target. Valid targets include: %s."
                         % ", ".join(TARGET_KINDS))
    if len(given) > 1:
        raise InputError(5115, "An event destination may not specify more than one destination target.")
    kind = given[0]
    conf = target[kind]
    name = "target." + kind
    if not isinstance(conf, dict):
        raise InputError(236, "The destination target is invalid. Expected fields include one of the following: %s"
                         % ", ".join(TARGET_KINDS))
    if kind in AWS_ARN_FIELD:
        arn_field = AWS_ARN_FIELD[kind]
        reject_unknown(name, conf, ("auth", arn_field))
        arn = _string("%s.%s" % (name, arn_field), conf.get(arn_field, ""))
        if not _ARN_RE.match(arn):
            raise InputError(5120, "The provided %s (%s) is invalid. Make sure it matches the ARN you obtained from Amazon exactly."
                             % (arn_field, arn))
        stored = {"auth": _check_auth(kind, conf.get("auth")), arn_field: arn}
    elif kind == "datadog":
        reject_unknown(name, conf, DATADOG_FIELDS)
        values = {key: _string("%s.%s" % (name, key), conf.get(key) or "") for key in DATADOG_FIELDS}
        if not values["api_key"]:
            raise InputError(5133, "Event Destination target is missing API Key.")
        if values["ddsite"] and values["ddsite"] not in DATADOG_SITES:
            raise InputError(5134, 'The Datadog site provided (%s) is not valid, please see the "SITE" column from '
                                   'https://docs.datadoghq.com/getting_started/site/#access-the-datadog-site' % values["ddsite"])
        values["api_key"] = ""
        stored = values
    else:
        reject_unknown(name, conf, AZURE_FIELDS)
        values = {key: _string("%s.%s" % (name, key), conf.get(key) or "") for key in AZURE_FIELDS}
        missing = [key for key in AZURE_FIELDS if not values[key]]
        if missing:
            raise InputError(5139, "The provided azure configuration is invalid: missing %s" % ", ".join(missing))
        values["client_secret"] = ""
        stored = values
    out = {key: None for key in TARGET_KINDS}
    out[kind] = stored
    return kind, out


def target_kind(target):
    """The kind of a stored target."""
    return next((kind for kind in TARGET_KINDS if (target or {}).get(kind) is not None), None)


def check_format(value):
    """``format``: required, only JSON (answered lower case, as the API does)."""
    if not isinstance(value, str) or value.lower() not in FORMATS:
        raise bad_request(235, "The Format '%s' is missing or is not a valid Event Destination Format. Supported formats are: json."
                          % ("" if value is None else value))
    return value.lower()


class EventDestinations(Resource):
    """Where events are delivered."""

    name = "event_destination"
    path = "/event_destinations"
    list_key = "event_destinations"
    id_prefix = "ed"
    filterable_fields = COMMON_FILTERS
    fields = ("id", "metadata", "created_at", "description", "format", "target", "uri")
    # verify_with_test_event left the API in 2021 (ngrok-api-go 0c9865f): it is an unknown field (214) now.
    create_fields = {"metadata": STRING, "description": STRING, "format": STRING, "target": ANY}
    update_fields = {"metadata": STRING, "description": STRING, "format": STRING, "target": ANY}
    # Target secrets: never stored or answered, redacted in the request log.
    write_only = ("aws_secret_access_key", "api_key", "client_secret")

    def validate_create(self, ctx, body):
        body["format"] = check_format(body.get("format"))
        try:
            body["target"] = check_target(body.get("target"))[1]
        except InputError as exc:
            raise api_error(exc) from None

    def validate_update(self, ctx, record, body):
        if "format" in body:
            body["format"] = check_format(body["format"])
        if "target" in body:
            try:
                kind, body["target"] = check_target(body["target"])
            except InputError as exc:
                raise api_error(exc) from None
            if kind != target_kind(record.get("target")):
                raise bad_request(5108, "Update to target type not allowed. Create a new destination if you would like to send "
                                  "to a new target.")

    def check_delete(self, ctx, record):
        for sub in ctx.store.records("event_subscriptions"):
            if record["id"] in (sub.get("destination_ids") or []):
                raise bad_request(5112, 'Event Destination "%s" cannot be deleted because it is still in use by at least one '
                                  'Event Stream' % record["id"])


def check_source_type(value):
    """One of the event types ngrok lists (ERR_NGROK_238)."""
    if not isinstance(value, str) or value not in EVENT_TYPES:
        raise bad_request(238, "The provided event type: '%s' is not valid. Valid event types are '%s'"
                          % (value, ", ".join(EVENT_TYPES)))
    return value


def check_sources(value):
    """``sources``: a list of ``{"type": ...}`` objects with distinct types; returns the type names."""
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise invalid_value("sources")
    types = []
    for item in value:
        for key in item:
            if key != "type":
                raise unknown_field("sources." + key, ["type"])
        kind = check_source_type(item.get("type"))
        if kind in types:
            raise bad_request(5127, "The event type for each source must be unique within a subscription.")
        types.append(kind)
    return types


def subscription_not_found(ident):
    """The 404 of the sources endpoints for an unknown subscription."""
    return ApiError(404, "ERR_NGROK_5123", "Event Subscription %s not found." % ident)


class EventSubscriptions(Resource):
    """Which event types are sent to which destinations."""

    name = "event_subscription"
    path = "/event_subscriptions"
    list_key = "event_subscriptions"
    id_prefix = "esb"
    filterable_fields = COMMON_FILTERS
    fields = ("id", "uri", "created_at", "metadata", "description", "sources", "destinations")
    create_fields = {"metadata": STRING, "description": STRING, "sources": ANY, "destination_ids": STRINGS}
    update_fields = {"metadata": STRING, "description": STRING, "sources": ANY, "destination_ids": STRINGS}
    ref_lists = {"destinations": ("destination_ids", "/event_destinations")}
    defaults = {"source_types": [], "destination_ids": []}

    @staticmethod
    def _check(ctx, body):
        if "sources" in body:
            body["source_types"] = check_sources(body.pop("sources"))
        if "destination_ids" in body:
            seen = []
            for ident in body["destination_ids"]:
                if ctx.store.get("event_destinations", ident) is None:
                    raise bad_request(5103, "No event destinations with ID: %s associated with this account." % ident)
                if ident not in seen:
                    seen.append(ident)
            body["destination_ids"] = seen

    def validate_create(self, ctx, body):
        self._check(ctx, body)

    def validate_update(self, ctx, record, body):
        self._check(ctx, body)

    def render(self, ctx, record, once=None):
        out = super().render(ctx, record, once)
        out["sources"] = [self.source(ctx, record, kind) for kind in record.get("source_types") or []]
        return out

    def source(self, ctx, record, kind):
        """An EventSource object."""
        return {"type": kind, "uri": "%s/sources/%s" % (self.uri(ctx, record), kind)}

    # -- /event_subscriptions/{subscription_id}/sources -------------------
    def extra_routes(self):
        base = self.path + "/{subscription_id}/sources"
        return [
            Route("POST", base, self.create_source),
            Route("GET", base, self.list_sources),
            Route("GET", base + "/{type}", self.get_source),
            Route("PATCH", base + "/{type}", self.update_source),
            Route("DELETE", base + "/{type}", self.delete_source),
        ]

    def _subscription(self, ctx, ident):
        record = ctx.store.get(self.collection, ident)
        if record is None:
            raise subscription_not_found(ident)
        return record

    def _source_type(self, record, kind):
        if kind not in (record.get("source_types") or []):
            raise ApiError(404, "ERR_NGROK_5125", "Source %s not found on Event Subscription %s." % (kind, record["id"]))
        return kind

    @staticmethod
    def _source_body(body):
        body = {k: v for k, v in (body or {}).items() if v is not None}
        for key, value in body.items():
            if key not in ("subscription_id", "type"):
                raise unknown_field(key, ["subscription_id", "type"])
            if not isinstance(value, str):
                raise invalid_value(key)
        return body

    def create_source(self, ctx, params, body, query):
        """POST .../sources -> 201 EventSource."""
        record = self._subscription(ctx, params["subscription_id"])
        body = self._source_body(body)
        kind = check_source_type(body.get("type"))
        if kind in record["source_types"]:
            raise bad_request(5127, "The event type for each source must be unique within a subscription.")
        record = dict(record, source_types=record["source_types"] + [kind])
        ctx.store.put(self.collection, record)
        return 201, self.source(ctx, record, kind)

    def list_sources(self, ctx, params, body, query):
        """GET .../sources -> 200 {sources, uri} (not paginated)."""
        record = self._subscription(ctx, params["subscription_id"])
        return 200, {"sources": [self.source(ctx, record, kind) for kind in record["source_types"]],
                     "uri": self.uri(ctx, record) + "/sources"}

    def get_source(self, ctx, params, body, query):
        """GET .../sources/{type} -> 200 EventSource."""
        record = self._subscription(ctx, params["subscription_id"])
        return 200, self.source(ctx, record, self._source_type(record, params["type"]))

    def update_source(self, ctx, params, body, query):
        """PATCH .../sources/{type} -> 200: a source has nothing to change, so this answers it unchanged."""
        record = self._subscription(ctx, params["subscription_id"])
        self._source_body(body)
        return 200, self.source(ctx, record, self._source_type(record, params["type"]))

    def delete_source(self, ctx, params, body, query):
        """DELETE .../sources/{type} -> 204."""
        record = self._subscription(ctx, params["subscription_id"])
        kind = self._source_type(record, params["type"])
        record = dict(record, source_types=[k for k in record["source_types"] if k != kind])
        ctx.store.put(self.collection, record)
        return 204, None


RESOURCES = [EventDestinations(), EventSubscriptions()]
