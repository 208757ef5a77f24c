# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The ngrok API resources the modules manage, declared as data for the engine.

Facts come from ngrok's API reference: the request fields of create and update, the keys of the
object, the id prefix, and the fields its filtering documentation lists as filterable
(https://ngrok.com/docs/api/api-filtering/). ``tests/contract`` holds these declarations against
ngrok's OpenAPI description and that table.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import ipaddress
import json
import re

try:
    import yaml
except ImportError:  # pragma: no cover - YAML text is then refused with a clear message
    yaml = None

from ansible_collections.ngrok.ngrok.plugins.module_utils._resource import CLEAR, Children, Field, Reference, Resource

# Subdomains of these are owned by ngrok: they never carry an uploaded certificate or a certificate policy.
NGROK_DOMAINS = ("ngrok.app", "ngrok.dev", "ngrok-free.app", "ngrok-free.dev", "ngrok.io", "ngrok.pizza", "ngrok.pro",
                 "ngrok.live", "ngrok-free.pizza")
COMMON_FILTER_FIELDS = ("id", "created_at", "description", "metadata")


def normalize_domain(value):
    """Domains as the API stores them: trimmed, lower case, without a trailing dot."""
    return (value or "").strip().lower().rstrip(".")


def is_ngrok_domain(domain):
    return any(domain.endswith("." + base) for base in NGROK_DOMAINS)


def ref_id(key):
    """Read the id of a ``{id, uri}`` reference the API returns under ``key``."""
    def read(obj):
        return (obj.get(key) or {}).get("id") or ""
    return read


def description_field(identity=False):
    return Field("description", identity=identity)


def metadata_field():
    return Field("metadata")


# -- API keys -----------------------------------------------------------------------------------

API_KEY = Resource(
    name="api_key",
    plural="api_keys",
    path="/api_keys",
    list_key="keys",
    id_prefix="ak",
    human="API key",
    response_keys=("id", "uri", "description", "metadata", "created_at", "token", "owner_id"),
    filterable_fields=COMMON_FILTER_FIELDS + ("owner_id",),
    shown_once=("token",),
    required_for_create=("description",),
    identity_is_unique=False,
    fields=[
        description_field(identity=True),
        metadata_field(),
        Field("owner_id", update=False),
    ],
)


# -- Reserved domains ---------------------------------------------------------------------------

MANAGED_POLICY = {"authority": "letsencrypt", "private_key_type": "ecdsa"}


def _certificate_id_to_api(value):
    return CLEAR if value == "" else value


def _predict_certificate(value, obj):
    return {"certificate": {"id": value, "uri": None} if value else None}


def _policy_to_api(value):
    if not value.get("enabled", True):
        return CLEAR
    return {"authority": value.get("authority") or "letsencrypt",
            "private_key_type": value.get("private_key_type") or "ecdsa"}


def _predict_policy(value, obj):
    if value is None:
        return {"certificate_management_policy": None, "certificate_management_status": None}
    return {"certificate_management_policy": value}


def _provisioning_status():
    """A managed certificate's status while ngrok obtains it; only the API knows the times."""
    return {"renews_at": None, "provisioning_job": {"error_code": None, "msg": None, "started_at": None, "retries_at": None}}


def _derive_reserved_domain(obj, body, current):
    """What the API derives from the inputs: the managed policy of a custom domain, and the certificate a
    policy replaces."""
    if current is None:
        obj["region"] = ""
        if obj.get("resolves_to") is None:
            obj["resolves_to"] = []
        if "certificate_id" not in body and "certificate_management_policy" not in body \
                and not is_ngrok_domain(obj.get("domain") or ""):
            # A custom domain reserved with neither gets a certificate managed by ngrok.
            obj["certificate_management_policy"] = dict(MANAGED_POLICY)
            obj["certificate_management_status"] = _provisioning_status()
    if body.get("certificate_management_policy"):
        obj["certificate"] = None
        obj["certificate_management_status"] = _provisioning_status()


def _resolves_to_to_api(values):
    return [{"value": v.strip()} for v in values]


RESERVED_DOMAIN = Resource(
    name="reserved_domain",
    plural="reserved_domains",
    path="/reserved_domains",
    list_key="reserved_domains",
    id_prefix="rd",
    response_keys=("id", "uri", "created_at", "description", "metadata", "domain", "region", "cname_target", "certificate",
                   "certificate_management_policy", "certificate_management_status", "acme_challenge_cname_target",
                   "resolves_to"),
    filterable_fields=COMMON_FILTER_FIELDS + ("domain", "region", "cname_target", "certificate.id", "acme_challenge_cname_target"),
    required_for_create=("domain",),
    derive=_derive_reserved_domain,
    fields=[
        Field("domain", spec={"type": "str", "aliases": ["name"]}, update=False, identity=True, normalize=normalize_domain),
        # Deprecated by the API: accepted on create, answered as "", so never compared.
        Field("region", update=False, compare=False),
        description_field(),
        metadata_field(),
        Field("certificate_id", read=ref_id("certificate"), to_api=_certificate_id_to_api,
              clear_path="/certificate", predict=_predict_certificate),
        Field("certificate_management_policy",
              spec={"type": "dict", "options": {
                  "enabled": {"type": "bool", "default": True},
                  "authority": {"type": "str", "default": "letsencrypt", "choices": ["letsencrypt"]},
                  "private_key_type": {"type": "str", "default": "ecdsa", "choices": ["ecdsa", "rsa"]}}},
              read=lambda obj: obj.get("certificate_management_policy"), to_api=_policy_to_api,
              clear_path="/certificate_management_policy", predict=_predict_policy),
        Field("resolves_to", spec={"type": "list", "elements": "str"}, to_api=_resolves_to_to_api, compare="set",
              empty=[]),
    ],
)


# -- Reserved TCP addresses ---------------------------------------------------------------------

REGIONS = ["us", "eu", "ap", "au", "sa", "jp", "in"]

RESERVED_ADDR = Resource(
    name="reserved_addr",
    plural="reserved_addrs",
    path="/reserved_addrs",
    list_key="reserved_addrs",
    id_prefix="ra",
    human="reserved address",
    response_keys=("id", "uri", "created_at", "description", "metadata", "addr", "region"),
    filterable_fields=COMMON_FILTER_FIELDS + ("addr", "region"),
    required_for_create=("description",),
    identity_is_unique=False,
    derive=lambda obj, body, current: obj.update(region=obj.get("region") or "us") if current is None else None,
    fields=[
        description_field(identity=True),
        metadata_field(),
        Field("region", spec={"type": "str", "choices": REGIONS}, update=False),
    ],
)


# -- Cloud endpoints ----------------------------------------------------------------------------

DEFAULT_PORTS = {"http": 80, "https": 443, "tls": 443}
_URL = re.compile(r"^(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*)://(?P<host>[^/:?#]*)(?::(?P<port>\d+))?(?P<rest>.*)$")


def normalize_url(value):
    """An endpoint URL as the API stores it: lower-case scheme and host, no default port."""
    text = (value or "").strip()
    match = _URL.match(text)
    if not match:
        return text
    scheme = match.group("scheme").lower()
    host = match.group("host").lower().rstrip(".")
    port = match.group("port")
    if port is not None and DEFAULT_PORTS.get(scheme) == int(port):
        port = None
    return "{0}://{1}{2}{3}".format(scheme, host, ":" + port if port else "", match.group("rest"))


def _url_parts(url):
    match = _URL.match(url or "")
    if not match:
        return {}
    scheme, host = match.group("scheme"), match.group("host")
    port = int(match.group("port")) if match.group("port") else DEFAULT_PORTS.get(scheme)
    return {"scheme": scheme, "proto": scheme, "host": host, "port": port, "public_url": url,
            "hostport": "{0}:{1}".format(host, port) if port else None}


def parse_traffic_policy(value):
    """A traffic policy as data, from a dict or from YAML or JSON text. Raises ValueError."""
    if isinstance(value, dict):
        return value
    if not isinstance(value, str):
        raise ValueError("expected a mapping, or YAML or JSON text of one")
    try:
        data = json.loads(value)
    except ValueError:
        if yaml is None:
            raise ValueError("it is not JSON, and reading YAML text needs the PyYAML library; give a mapping or JSON")
        try:
            data = yaml.safe_load(value)
        except yaml.YAMLError as exc:
            raise ValueError("it is neither JSON nor YAML ({0})".format(str(exc).splitlines()[0]))
    if not isinstance(data, dict):
        raise ValueError("it must describe a mapping of phases (on_http_request, ...) to rules")
    return data


def _check_traffic_policy(value):
    try:
        data = parse_traffic_policy(value)
    except ValueError as exc:
        return "not a usable traffic policy: {0}".format(exc)
    if not data:
        return "a traffic policy must not be empty"
    return None


def _traffic_policy_to_api(value):
    # The API takes the policy as text and answers the text it was given: send YAML or JSON text as written.
    return value if isinstance(value, str) else json.dumps(value)


def _traffic_policy_data(value):
    try:
        return parse_traffic_policy(value)
    except ValueError:
        return value


def normalize_endpoint_type(value):
    """An endpoint type in the form ngrok's filter documentation uses: agent endpoints are ``agent`` there,
    while the API's recorded answers call them ``ephemeral``; both designate the same endpoints."""
    text = (value or "").strip().lower()
    return "agent" if text == "ephemeral" else text


def _derive_endpoint(obj, body, current):
    if current is None:
        obj["type"] = "cloud"
        obj["pooling_enabled"] = bool(body.get("pooling_enabled", False))
        if not body.get("bindings"):
            obj["bindings"] = ["internal"] if (_url_parts(obj.get("url")).get("host") or "").endswith(".internal") else ["public"]
    if "url" in body:
        obj.update(_url_parts(obj.get("url")))


ENDPOINT = Resource(
    name="endpoint",
    plural="endpoints",
    path="/endpoints",
    list_key="endpoints",
    id_prefix="ep",
    human="cloud endpoint",
    response_keys=("id", "region", "created_at", "updated_at", "public_url", "proto", "scheme", "hostport", "host", "port",
                   "type", "metadata", "description", "domain", "tcp_addr", "tunnel", "edge", "upstream_url",
                   "upstream_protocol", "url", "principal", "traffic_policy", "bindings", "tunnel_session", "uri", "name",
                   "pooling_enabled"),
    filterable_fields=COMMON_FILTER_FIELDS + ("principal.id", "type", "binding", "url", "pooling_enabled", "scheme", "region",
                                              "name"),
    scope={"type": "cloud"},
    required_for_create=("url", "traffic_policy"),
    derive=_derive_endpoint,
    fields=[
        Field("url", identity=True, normalize=normalize_url),
        Field("traffic_policy", spec={"type": "raw"}, to_api=_traffic_policy_to_api, compare_as=_traffic_policy_data,
              diff_view=_traffic_policy_data, check=_check_traffic_policy),
        description_field(),
        metadata_field(),
        Field("bindings", spec={"type": "list", "elements": "str", "choices": ["public", "internal", "kubernetes"]},
              compare="set", empty=[]),
        Field("pooling_enabled", spec={"type": "bool"}, empty=False),
    ],
)


# -- IP policies, their rules, IP restrictions --------------------------------------------------

def normalize_cidr(value):
    """A CIDR as the API stores it (IPv6 in lower case, compressed); anything else is left for the API to judge."""
    text = (value or "").strip()
    if "/" not in text:
        return text
    try:
        return str(ipaddress.ip_network(u"{0}".format(text), strict=True))
    except ValueError:
        return text


IP_POLICY_RULE = Resource(
    name="ip_policy_rule",
    plural="ip_policy_rules",
    path="/ip_policy_rules",
    list_key="ip_policy_rules",
    id_prefix="ipr",
    human="IP policy rule",
    response_keys=("id", "uri", "created_at", "description", "metadata", "cidr", "ip_policy", "action"),
    filterable_fields=COMMON_FILTER_FIELDS + ("ip_policy", "cidr", "action"),
    required_for_create=("cidr", "action"),
    fields=[
        Field("ip_policy_id", update=False, identity=True, read=ref_id("ip_policy"), filter_field="ip_policy.id",
              predict=lambda value, obj: {"ip_policy": {"id": value, "uri": None}}),
        Field("cidr", identity=True, normalize=normalize_cidr),
        Field("action", spec={"type": "str", "choices": ["allow", "deny"]}, update=False),
        description_field(),
        metadata_field(),
    ],
)

IP_POLICY = Resource(
    name="ip_policy",
    plural="ip_policies",
    path="/ip_policies",
    list_key="ip_policies",
    id_prefix="ipp",
    human="IP policy",
    response_keys=("id", "uri", "created_at", "description", "metadata"),
    filterable_fields=COMMON_FILTER_FIELDS,
    required_for_create=("description",),
    identity_is_unique=False,
    fields=[
        description_field(identity=True),
        metadata_field(),
    ],
)
IP_POLICY.children = Children("rules", IP_POLICY_RULE, parent_field="ip_policy_id", key="cidr", purge_option="purge_rules")
IP_POLICY_RULE.references.append(Reference("ip_policy_description", "ip_policy_id", IP_POLICY, "description"))


def _read_policy_ids(obj):
    return [ref.get("id") for ref in obj.get("ip_policies") or []]


IP_RESTRICTION = Resource(
    name="ip_restriction",
    plural="ip_restrictions",
    path="/ip_restrictions",
    list_key="ip_restrictions",
    id_prefix="ipx",
    human="IP restriction",
    response_keys=("id", "uri", "created_at", "description", "metadata", "enforced", "type", "ip_policies"),
    filterable_fields=COMMON_FILTER_FIELDS,
    required_for_create=("type", "ip_policy_ids"),
    derive=lambda obj, body, current: obj.update(enforced=bool(obj.get("enforced"))) if current is None else None,
    references=[Reference("ip_policy_descriptions", "ip_policy_ids", IP_POLICY, "description", many=True)],
    fields=[
        Field("type", spec={"type": "str", "choices": ["dashboard", "api", "agent", "endpoints"]}, update=False,
              identity=True),
        Field("ip_policy_ids", spec={"type": "list", "elements": "str"}, read=_read_policy_ids, compare="set", empty=[],
              predict=lambda value, obj: {"ip_policies": [{"id": i, "uri": None} for i in value]}),
        Field("enforced", spec={"type": "bool"}, empty=False),
        description_field(),
        metadata_field(),
    ],
)


# -- Tunnel credentials and service users --------------------------------------------------------

CREDENTIAL = Resource(
    name="credential",
    plural="credentials",
    path="/credentials",
    list_key="credentials",
    id_prefix="cr",
    human="tunnel credential",
    response_keys=("id", "uri", "created_at", "description", "metadata", "token", "acl", "owner_id"),
    filterable_fields=COMMON_FILTER_FIELDS + ("owner_id", "acl"),
    shown_once=("token",),
    required_for_create=("description",),
    identity_is_unique=False,
    derive=lambda obj, body, current: obj.update(acl=obj.get("acl") or []) if current is None else None,
    fields=[
        description_field(identity=True),
        metadata_field(),
        Field("acl", spec={"type": "list", "elements": "str"}, compare="set", empty=[]),
        Field("owner_id", update=False),
    ],
)

SERVICE_USER = Resource(
    name="service_user",
    plural="service_users",
    path="/service_users",
    list_key="service_users",
    human="service user",
    response_keys=("id", "uri", "name", "active", "created_at"),
    # ngrok documents only id and created_at as filterable, so a lookup by name reads every page.
    filterable_fields=("id", "created_at"),
    required_for_create=("name",),
    derive=lambda obj, body, current: obj.update(active=body.get("active", True)) if current is None else None,
    fields=[
        Field("name", identity=True),
        Field("active", spec={"type": "bool"}, empty=False),
    ],
)


# -- Vaults and secrets -------------------------------------------------------------------------

VAULT = Resource(
    name="vault",
    plural="vaults",
    path="/vaults",
    list_key="vaults",
    id_prefix="vault",
    response_keys=("id", "uri", "created_at", "updated_at", "name", "description", "metadata", "created_by",
                   "last_updated_by"),
    filterable_fields=COMMON_FILTER_FIELDS + ("name",),
    required_for_create=("name",),
    fields=[
        Field("name", identity=True),
        description_field(),
        metadata_field(),
    ],
)

SECRET = Resource(
    name="secret",
    plural="secrets",
    path="/vault_secrets",
    list_key="secrets",
    id_prefix="secret",
    response_keys=("id", "uri", "created_at", "updated_at", "name", "description", "metadata", "created_by",
                   "last_updated_by", "vault", "vault_name"),
    filterable_fields=COMMON_FILTER_FIELDS + ("name",),
    required_for_create=("name", "value"),
    write_only_option="update_value",
    fields=[
        Field("vault_id", update=False, identity="vault", read=ref_id("vault"), filter_field="vault.id",
              predict=lambda value, obj: {"vault": {"id": value, "uri": None}}),
        Field("vault_name", update=False, identity="vault"),
        Field("name", identity=True),
        Field("value", spec={"type": "str", "no_log": True}, write_only=True),
        description_field(),
        metadata_field(),
    ],
)
