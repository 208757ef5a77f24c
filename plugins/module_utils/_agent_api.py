# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The ngrok agent's local API (private to this collection).

A running agent serves an HTTP API without authentication on its ``web_addr`` (``127.0.0.1:4040`` by default),
described in ngrok-docs ``agent/api.mdx``: ``GET /api/endpoints``, ``POST /api/endpoints`` (start one),
``GET``, ``PUT`` (update or start) and ``DELETE`` (stop) ``/api/endpoints/NAME``, ``GET /api/status``. This file
holds the client (``ansible.module_utils.urls``, so the host needs no third-party library) and the comparison of
a wanted endpoint with the one the agent runs. It has nothing to do with the ngrok REST API of the other modules.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import re

from ansible.module_utils.common.text.converters import to_native, to_text
from urllib.error import HTTPError, URLError
from urllib.parse import quote
from ansible.module_utils.urls import open_url

try:
    import yaml

    HAS_YAML = True
except ImportError:  # pragma: no cover - JSON answers still work without it
    HAS_YAML = False

DEFAULT_WEB_ADDR = "127.0.0.1:4040"
_DEFAULT_PORTS = {"http": 80, "https": 443, "tls": 443}
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*)://(.*)$")


class AgentAPIError(Exception):
    """A request the agent refused or could not answer: ``status`` (None when it was not reached) and the agent's
    message."""

    def __init__(self, msg, status=None, body=None):
        super(AgentAPIError, self).__init__(msg)
        self.msg = msg
        self.status = status
        self.body = body


def base_url(web_addr):
    """``http://HOST:PORT`` from the agent's ``web_addr`` (``HOST:PORT``) or a URL; ValueError otherwise."""
    text = (web_addr or "").strip().rstrip("/")
    if not text:
        raise ValueError("web_addr must not be empty")
    if "://" in text:
        if not text.startswith(("http://", "https://")):
            raise ValueError("web_addr must be HOST:PORT or an http:// URL, got {0!r}".format(web_addr))
        return text
    if not re.match(r"^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+):\d+$", text):
        raise ValueError("web_addr must be HOST:PORT (such as 127.0.0.1:4040), got {0!r}".format(web_addr))
    return "http://" + text


class AgentAPI(object):
    """Requests to one agent's local API."""

    def __init__(self, web_addr, timeout):
        self.url = base_url(web_addr)
        self.timeout = timeout

    def request(self, method, path, body=None):
        """``(status, data)``; data is the decoded JSON answer, or None for an empty one. Raises AgentAPIError."""
        data = json.dumps(body).encode("utf-8") if body is not None else None
        headers = {"Accept": "application/json"}
        if data is not None:
            headers["Content-Type"] = "application/json"
        try:
            response = open_url(self.url + path, data=data, method=method, headers=headers, timeout=self.timeout,
                                follow_redirects="none")
            return response.getcode(), _decode(response.read())
        except HTTPError as exc:
            try:
                answer = _decode(exc.read())
            except Exception:  # pylint: disable=broad-except
                answer = None
            raise AgentAPIError(_error_text(method, path, exc.code, answer), status=exc.code, body=answer)
        except (URLError, OSError, ValueError) as exc:
            raise AgentAPIError(
                "cannot reach the ngrok agent's local API at {0} ({1}); is the agent running, with web_addr set to "
                "this address?".format(self.url, to_native(getattr(exc, "reason", exc))))

    def endpoint_path(self, name):
        return "/api/endpoints/" + quote(name, safe="")

    def get_endpoint(self, name):
        """The running endpoint of that name, or None."""
        try:
            return self.request("GET", self.endpoint_path(name))[1]
        except AgentAPIError as exc:
            if exc.status == 404:
                return None
            raise

    def start_endpoint(self, body):
        return self.request("POST", "/api/endpoints", body)[1]

    def update_endpoint(self, name, body):
        return self.request("PUT", self.endpoint_path(name), body)[1]

    def stop_endpoint(self, name):
        """True when an endpoint was stopped, False when none of that name ran."""
        try:
            self.request("DELETE", self.endpoint_path(name))
        except AgentAPIError as exc:
            if exc.status == 404:
                return False
            raise
        return True


def _decode(raw):
    text = to_text(raw or b"", errors="surrogate_or_strict").strip()
    return json.loads(text) if text else None


def _error_text(method, path, status, answer):
    text = "the agent answered {0} {1} with HTTP {2}".format(method, path, status)
    if isinstance(answer, dict):
        msg = answer.get("msg")
        details = answer.get("details") if isinstance(answer.get("details"), dict) else {}
        err = details.get("err")
        if msg:
            text += ": {0}".format(msg)
        if err and err != msg:
            text += " ({0})".format(err)
    return text


# -- comparing what is wanted with what runs ----------------------------------------------------------------------


def endpoint_scheme(url):
    """An endpoint URL's scheme in any of its documented forms; an empty URL and a bare domain are ``https``."""
    match = _SCHEME.match((url or "").strip())
    return match.group(1).lower() if match else "https"


def url_address(url):
    """``(scheme, host, port)`` of an endpoint URL, the port filled in from the scheme; ``(scheme, None, None)``
    for a URL that asks for a random address (empty, or a bare scheme)."""
    text = (url or "").strip()
    scheme = endpoint_scheme(text)
    match = _SCHEME.match(text)
    rest = (match.group(2) if match else text).rstrip("/")
    if not rest:
        return scheme, None, None
    host, sep, port = rest.rpartition(":") if ":" in rest else (rest, "", "")
    port = int(port) if sep and port.isdigit() else _DEFAULT_PORTS.get(scheme)
    return scheme, host.lower(), port


def upstream_address(value, scheme):
    """``(upstream scheme or None, host, port)`` of an upstream in any documented form: a port (``8080``),
    ``host:port``, a domain, or a URL; the host defaults to ``localhost`` and the port to the scheme's."""
    text = to_text(value).strip()
    default_scheme = "tcp" if scheme in ("tcp", "tls") else "http"
    if text.isdigit():
        return None, "localhost", int(text)
    match = _SCHEME.match(text)
    up_scheme = match.group(1).lower() if match else None
    rest = (match.group(2) if match else text).split("/", 1)[0]
    if not rest:
        rest = "localhost"
    host, sep, port = rest.rpartition(":") if ":" in rest else (rest, "", "")
    if sep and port.isdigit():
        port = int(port)
    else:
        port = {"http": 80, "https": 443}.get(up_scheme or default_scheme)
    if host in ("127.0.0.1", "::1", "[::1]"):
        host = "localhost"
    return up_scheme, host.lower(), port


def policy_data(value):
    """A traffic policy as data: a mapping as it is, YAML or JSON text parsed; None for none (empty)."""
    if value is None:
        return None
    if isinstance(value, dict):
        return value or None
    text = to_text(value).strip()
    if not text:
        return None
    try:
        data = json.loads(text)
    except ValueError:
        if not HAS_YAML:
            raise ValueError("traffic_policy is YAML text and PyYAML is missing on the host: give it as a mapping "
                             "or as JSON")
        data = yaml.safe_load(text)
    if data is not None and not isinstance(data, dict):
        raise ValueError("traffic_policy must be a mapping of phases to rules")
    return data or None


def compared(wanted, current):
    """The fields in which the running endpoint ``current`` (as the agent answers it) differs from ``wanted`` (the
    task's options that are set). Only what the agent answers is compared: the URL, the upstream's address (and
    its protocol when the agent names one), the traffic policy and pooling."""
    differ = []
    scheme = endpoint_scheme(wanted.get("url") if wanted.get("url") is not None else current.get("url"))
    if wanted.get("url") is not None:
        want = url_address(wanted["url"])
        have = url_address(current.get("url"))
        if want[1] is None:
            if want[0] != have[0]:
                differ.append("url")
        elif want != have:
            differ.append("url")
    upstream = wanted.get("upstream") or {}
    have_upstream = current.get("upstream") or {}
    if upstream.get("url") is not None:
        want = upstream_address(upstream["url"], scheme)
        have = upstream_address(have_upstream.get("url") or "", scheme)
        if want[1:] != have[1:] or (want[0] is not None and have[0] is not None and want[0] != have[0]):
            differ.append("upstream.url")
    if upstream.get("protocol") and have_upstream.get("protocol") in ("http1", "http2"):
        if upstream["protocol"] != have_upstream["protocol"]:
            differ.append("upstream.protocol")
    if "traffic_policy" in wanted and policy_data(wanted["traffic_policy"]) != policy_data(current.get("traffic_policy")):
        differ.append("traffic_policy")
    if wanted.get("pooling_enabled") is not None and bool(wanted["pooling_enabled"]) != bool(current.get("pooling_enabled")):
        differ.append("pooling_enabled")
    return differ


def request_body(wanted, current=None):
    """The definition to send: the running endpoint's (when there is one) with the task's options over it. The
    traffic policy goes as JSON text (valid YAML), as the agent answers it as text."""
    body = {}
    if current:
        body["url"] = current.get("url")
        body["upstream"] = dict((k, v) for k, v in (current.get("upstream") or {}).items() if k in ("url", "protocol"))
        if current.get("traffic_policy"):
            body["traffic_policy"] = json.dumps(policy_data(current["traffic_policy"]), sort_keys=True)
        if current.get("pooling_enabled") is not None:
            body["pooling_enabled"] = bool(current["pooling_enabled"])
    body["name"] = wanted["name"]
    for key in ("url", "description", "metadata", "bindings", "pooling_enabled"):
        if wanted.get(key) is not None:
            body[key] = wanted[key]
    if wanted.get("upstream"):
        upstream = dict(body.get("upstream") or {})
        upstream.update((k, to_text(v)) for k, v in wanted["upstream"].items() if v is not None)
        body["upstream"] = upstream
    if "traffic_policy" in wanted:
        data = policy_data(wanted["traffic_policy"])
        if data:
            body["traffic_policy"] = json.dumps(data, sort_keys=True)
        else:
            body.pop("traffic_policy", None)
    return dict((k, v) for k, v in body.items() if v is not None)


def view(endpoint):
    """What the module returns and diffs of an endpoint: the agent's answer without its metrics, the traffic policy
    as data."""
    out = dict((k, v) for k, v in (endpoint or {}).items() if k != "metrics")
    if "traffic_policy" in out:
        try:
            out["traffic_policy"] = policy_data(out["traffic_policy"])
        except ValueError:
            pass
    return out
