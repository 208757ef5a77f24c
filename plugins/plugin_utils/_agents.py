# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The machines behind ngrok agents, from the API's tunnel sessions and agent endpoints (private to this
collection; the inventory plugin turns them into hosts).

An agent is one tunnel session (``GET /tunnel_sessions``) with the agent endpoints that name it in their
``tunnel_session`` reference (``GET /endpoints``). An agent endpoint whose session is not listed still makes an
agent, keyed by that session id; one without any session reference makes an agent of its own.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import re

from ansible_collections.ngrok.ngrok.plugins.module_utils._normalize import normalize_endpoint_type, url_parts

# Characters kept in a host name; any other becomes "_", so that text from the API (metadata an agent chose)
# can never be read as a template, a host pattern or a port.
_HOST_NAME_UNSAFE = re.compile(r"[^A-Za-z0-9._-]")
_UPSTREAM = re.compile(r"^(?:(?P<scheme>[A-Za-z][A-Za-z0-9+.-]*)://)?(?P<host>\[[^\]]*\]|[^/:]*)(?::(?P<port>\d+))?")
_UPSTREAM_DEFAULT_PORTS = {"http": 80, "https": 443}


def parse_metadata(text):
    """Metadata as data when it is a JSON object or array, else the text as it is ("" when there is none)."""
    if text is None:
        return ""
    if isinstance(text, str) and text.strip()[:1] in ("{", "["):
        try:
            return json.loads(text)
        except ValueError:
            pass
    return text


def is_agent_endpoint(endpoint):
    """Agent endpoints are ``agent`` in ngrok's filter documentation and ``ephemeral`` in its answers."""
    return normalize_endpoint_type(endpoint.get("type")) == "agent"


def upstream_port(upstream_url):
    """The port an agent forwards to, from ``22``, ``localhost:22``, ``tcp://localhost:22`` or
    ``http://localhost`` (the scheme's port); None when it cannot be told."""
    text = (upstream_url or "").strip()
    if text.isdigit():
        return int(text)
    match = _UPSTREAM.match(text)
    if not match:
        return None
    if match.group("port"):
        return int(match.group("port"))
    return _UPSTREAM_DEFAULT_PORTS.get((match.group("scheme") or "").lower())


def endpoint_address(endpoint):
    """``(host, port)`` a client connects to for this endpoint, from its ``host`` and ``port`` or its URL."""
    host, port = endpoint.get("host"), endpoint.get("port")
    if not host or not port:
        parts = url_parts(endpoint.get("url") or endpoint.get("public_url") or "")
        if not parts and endpoint.get("hostport"):
            parts = url_parts("tcp://" + endpoint["hostport"])
        host, port = host or parts.get("host"), port or parts.get("port")
    try:
        port = int(port) if port is not None else None
    except (TypeError, ValueError):
        port = None
    return host or None, port


def endpoint_scheme(endpoint):
    scheme = endpoint.get("scheme") or endpoint.get("proto")
    if not scheme:
        scheme = url_parts(endpoint.get("url") or endpoint.get("public_url") or "").get("scheme")
    return (scheme or "").lower()


def connect_endpoint(endpoints, port):
    """The TCP endpoint to connect to: the one that forwards to ``port`` on the machine (22, for SSH), else the
    only TCP endpoint; None when there is none, or several and none forwards to ``port`` (then nothing is guessed).
    """
    tcp = [e for e in endpoints if endpoint_scheme(e) == "tcp" and all(endpoint_address(e))]
    to_port = [e for e in tcp if port is not None and upstream_port(e.get("upstream_url")) == port]
    if to_port:
        return to_port[0]
    if len(tcp) == 1:
        return tcp[0]
    return None


def _sort_key(obj, *fields):
    return tuple(obj.get(f) or "" for f in fields) + (obj.get("id") or "",)


def agents(sessions, endpoints, sessions_only=False):
    """The agents, oldest first: dicts ``{"key", "session", "endpoints"}``.

    ``key`` is the session id, or the endpoint id for an endpoint without a session. ``session`` is the tunnel
    session as listed (None when it was not). ``endpoints`` are its agent endpoints, oldest first; cloud and edge
    endpoints are left out. With ``sessions_only``, endpoints whose session was not listed are dropped.
    """
    by_key = {}
    order = []
    for session in sorted(sessions, key=lambda s: _sort_key(s, "started_at")):
        if session.get("id") and session["id"] not in by_key:
            by_key[session["id"]] = {"key": session["id"], "session": session, "endpoints": []}
            order.append(session["id"])
    for endpoint in sorted((e for e in endpoints if is_agent_endpoint(e)), key=lambda e: _sort_key(e, "created_at")):
        ref = endpoint.get("tunnel_session") or {}
        key = ref.get("id") if isinstance(ref, dict) else None
        if key not in by_key:
            if sessions_only:
                continue
            key = key or endpoint.get("id")
            if not key:
                continue
            if key not in by_key:
                by_key[key] = {"key": key, "session": None, "endpoints": []}
                order.append(key)
        by_key[key]["endpoints"].append(endpoint)
    return [by_key[key] for key in order]


def metadata_host_name(agent):
    """The ``hostname`` of the session's metadata, else of its first endpoint's that has one; None otherwise."""
    sources = [agent["session"]] if agent["session"] else []
    sources.extend(agent["endpoints"])
    for source in sources:
        data = parse_metadata(source.get("metadata"))
        if isinstance(data, dict) and isinstance(data.get("hostname"), str) and data["hostname"].strip():
            return data["hostname"].strip()
    return None


def safe_host_name(name):
    """``name`` with every character other than letters, digits, ``.``, ``_`` and ``-`` replaced by ``_``."""
    return _HOST_NAME_UNSAFE.sub("_", (name or "").strip())
