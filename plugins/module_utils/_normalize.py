# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""How the API writes values, for comparing what a task asks for with what the API holds (private to this
collection): domains, endpoint URLs, CIDRs, RFC 3339 times, PEM text, traffic policies, and the objects a URL or a
traffic policy refers to."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime
import ipaddress
import json
import os
import re

try:
    import yaml
except ImportError:  # pragma: no cover - YAML text is then refused with a clear message
    yaml = None

from ansible_collections.ngrok.ngrok.plugins.module_utils._data import checker, unique

# Subdomains of these are owned by ngrok: they never carry an uploaded certificate or a certificate policy.
NGROK_DOMAINS = ("ngrok.app", "ngrok.dev", "ngrok-free.app", "ngrok-free.dev", "ngrok.io", "ngrok.pizza", "ngrok.pro",
                 "ngrok.live", "ngrok-free.pizza")


def normalize_domain(value):
    """Domains as the API stores them: trimmed, lower case, without a trailing dot."""
    return (value or "").strip().lower().rstrip(".")


def is_ngrok_domain(domain):
    return any(domain.endswith("." + base) for base in NGROK_DOMAINS)


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


def url_parts(url):
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


def check_traffic_policy(value):
    try:
        data = parse_traffic_policy(value)
    except ValueError as exc:
        return "not a usable traffic policy: {0}".format(exc)
    if not data:
        return "a traffic policy must not be empty"
    return None


def traffic_policy_to_api(value):
    # The API takes the policy as text and answers the text it was given: send YAML or JSON text as written.
    return value if isinstance(value, str) else json.dumps(value)


def traffic_policy_data(value):
    try:
        return parse_traffic_policy(value)
    except ValueError:
        return value


def domains_of_url(url):
    """The reserved domains an endpoint URL can live on: its host, and the wildcard domains above it
    (``https://a.b.example.com`` lives on ``a.b.example.com``, ``*.b.example.com`` or ``*.example.com``)."""
    parts = url_parts(normalize_url(url))
    host = parts.get("host") or ""
    if not host or parts.get("scheme") == "tcp":
        return []
    labels = host.split(".")
    return [host] + ["*." + ".".join(labels[i:]) for i in range(1, len(labels) - 1)]


def addrs_of_url(url):
    """The reserved TCP address a ``tcp://`` endpoint URL lives on (``host:port``), as a list."""
    parts = url_parts(normalize_url(url))
    if parts.get("scheme") != "tcp" or not parts.get("host") or not parts.get("port"):
        return []
    return ["{0}:{1}".format(parts["host"], parts["port"])]


def policy_actions(value):
    """Every action (a mapping with ``type`` and ``config``) of a traffic policy, in every phase; none when the value is
    not a traffic policy."""
    try:
        data = parse_traffic_policy(value)
    except ValueError:
        return []
    actions = []
    for rules in data.values():
        for rule in rules if isinstance(rules, list) else []:
            for action in (rule.get("actions") if isinstance(rule, dict) else None) or []:
                if isinstance(action, dict):
                    actions.append(action)
    return actions


def _action_config(action, kind):
    config = action.get("config") if action.get("type") == kind else None
    return config if isinstance(config, dict) else {}


def ip_policy_ids_in_policy(value):
    """The IP policy ids that the ``restrict-ips`` actions of a traffic policy check (``config.ip_policies``)."""
    found = []
    for action in policy_actions(value):
        ids = _action_config(action, "restrict-ips").get("ip_policies")
        found.extend(i for i in ids or [] if isinstance(i, str))
    return unique(found)


def forward_urls_in_policy(value):
    """The internal endpoint URLs that the ``forward-internal`` actions of a traffic policy forward to (without the
    ones built by an expression at request time)."""
    found = []
    for action in policy_actions(value):
        url = _action_config(action, "forward-internal").get("url")
        if isinstance(url, str) and "${" not in url and "://" in url:
            found.append(normalize_url(url))
    return unique(found)


# ${secrets.get('vault', 'name')} in a traffic policy: the secret of that name in the vault of that name.
_SECRET_REFERENCE = re.compile(r"""secrets\.get\(\s*(['"])([^'"]+)\1\s*,\s*(['"])([^'"]+)\3\s*\)""")


def secrets_in_policy(value):
    """``[(vault name, secret name)]`` of the ``secrets.get()`` expressions of a traffic policy."""
    text = value if isinstance(value, str) else json.dumps(value)
    return unique((m.group(2), m.group(4)) for m in _SECRET_REFERENCE.finditer(text or ""))


def vaults_in_policy(value):
    """The names of the vaults whose secrets a traffic policy reads."""
    return unique(vault for vault, _name in secrets_in_policy(value))


def normalize_endpoint_type(value):
    """An endpoint type in the form ngrok's filter documentation uses: agent endpoints are ``agent`` there,
    while the API's recorded answers call them ``ephemeral``; both designate the same endpoints."""
    text = (value or "").strip().lower()
    return "agent" if text == "ephemeral" else text


def normalize_cidr(value):
    """A CIDR as the API stores it (IPv6 in lower case, compressed); anything else is left for the API to judge."""
    text = (value or "").strip()
    if "/" not in text:
        return text
    try:
        return str(ipaddress.ip_network(str(text), strict=True))
    except ValueError:
        return text


def check_cidr(value):
    """Why ``value`` is not a CIDR the API takes (an address block with its prefix length, no host bits), or None."""
    text = (value or "").strip()
    if "/" not in text:
        try:
            whole = ipaddress.ip_address(str(text)).max_prefixlen
        except ValueError:
            return "{0!r} is not a CIDR (an address block such as 203.0.113.0/24)".format(text)
        return "{0!r} is not a CIDR: give the prefix length too, as in {0}/{1}".format(text, whole)
    try:
        ipaddress.ip_network(str(text), strict=True)
    except ValueError as exc:
        try:
            network = ipaddress.ip_network(str(text), strict=False)
        except ValueError:
            return "{0!r} is not a CIDR ({1})".format(text, exc)
        return "{0!r} has host bits set; the block it lies in is {1}".format(text, network)
    return None


# RFC 3339 date and time with a time zone, as in "2030-01-01T00:00:00Z" or "2030-01-01 01:00:00.5+01:00" (RFC 3339
# allows a space between date and time; the API is sent the form with T).
_RFC3339 = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|([+-])(\d{2}):(\d{2}))$")


def parse_rfc3339(value):
    """The UTC datetime (naive, whole seconds) of an RFC 3339 timestamp. Raises ValueError."""
    match = _RFC3339.match(value.strip()) if isinstance(value, str) else None
    if not match:
        raise ValueError("not an RFC 3339 timestamp")
    year, month, day, hour, minute, second = [int(g) for g in match.groups()[:6]]
    moment = datetime.datetime(year, month, day, hour, minute, second)
    if match.group(7):
        hours, minutes = int(match.group(8)), int(match.group(9))
        if hours > 23 or minutes > 59:
            raise ValueError("the time zone offset is out of range")
        offset = datetime.timedelta(hours=hours, minutes=minutes)
        moment = moment - offset if match.group(7) == "+" else moment + offset
    return moment


def normalize_rfc3339(value):
    """A timestamp as the instant it names, written in UTC with whole seconds (``2030-01-01T00:00:00Z``), the way
    the API answers; a value that is not RFC 3339 is left for the check to report."""
    try:
        moment = parse_rfc3339(value)
    except (ValueError, OverflowError):
        return value.strip() if isinstance(value, str) else value
    return "{0:04d}-{1:02d}-{2:02d}T{3:02d}:{4:02d}:{5:02d}Z".format(
        moment.year, moment.month, moment.day, moment.hour, moment.minute, moment.second)


def check_rfc3339(value):
    try:
        parse_rfc3339(value)
    except (ValueError, OverflowError) as exc:
        return "expected an RFC 3339 timestamp with a time zone, such as 2030-01-01T00:00:00Z, got {0!r} ({1})".format(
            value, exc)
    return None


_PEM_BEGIN = "-----BEGIN "
# A PEM block (RFC 7468): its label, then everything up to the END line with the same label.
_PEM_BLOCK = re.compile(r"-----BEGIN ([^\r\n]*?)-----.*?-----END \1-----", re.S)


def pem_blocks(value):
    """``[(label, block)]``: the PEM blocks of PEM text, or of the file ``value`` names (on the host that runs the
    module), in order, each from its BEGIN line to its END line with Unix line endings.

    A value that holds ``-----BEGIN `` anywhere is text: what lies around and between the blocks (the ``Bag
    Attributes`` lines ``openssl pkcs12`` writes, the decoded text ``openssl x509 -text`` writes) is left out.
    Raises ValueError when neither gives a PEM block; the message never quotes the value, which may be a key.
    """
    text = value or ""
    where = "the text"
    if _PEM_BEGIN not in text:
        path = os.path.expanduser(text.strip())
        if not path:
            raise ValueError("expected PEM text or the path of a PEM file, got an empty value")
        try:
            with open(path) as handle:
                text = handle.read()
        except (IOError, OSError) as exc:
            raise ValueError("not PEM text, and not a readable file: {0}".format(exc.strerror or exc))
        except UnicodeDecodeError:
            raise ValueError("the file {0} is not text (a DER file must be converted to PEM first)".format(path))
        if _PEM_BEGIN not in text:
            raise ValueError("the file {0} holds no PEM block (-----BEGIN ...)".format(path))
        where = "the file {0}".format(path)
    blocks = [(match.group(1), match.group(0).replace("\r\n", "\n")) for match in _PEM_BLOCK.finditer(text)]
    if not blocks:
        raise ValueError("{0} holds no complete PEM block (a -----BEGIN ...----- line, then its -----END ...----- "
                         "line)".format(where))
    return blocks


def read_pem(value):
    """The PEM blocks of PEM text, or of the file ``value`` names, one after the other, without anything around
    them (see :func:`pem_blocks`). Raises ValueError when neither gives a PEM block.
    """
    return "\n".join(block for _label, block in pem_blocks(value)) + "\n"


check_pem = checker(read_pem)


def normalize_pem(value):
    """PEM text compared without the line endings and surrounding blank space that differ between writers."""
    if not value:
        return ""
    return "\n".join(line.strip() for line in value.strip().splitlines() if line.strip())
