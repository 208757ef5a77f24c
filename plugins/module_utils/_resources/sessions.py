# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Declarations of what agents and end users bring into an account, and that the API can only read, act on or
delete: tunnel sessions (running agents) and their tunnels, application users and sessions (end users signed in
through the OAuth, OIDC and SAML traffic policy actions); and bot users, which ngrok deprecated in favour of service
users and which the collection only reads.

Their fields are read-only (``create=False, update=False``): they are the options that select objects, never values
that are sent.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.ngrok.ngrok.plugins.module_utils._declaration import Resource
from ansible_collections.ngrok.ngrok.plugins.module_utils._fields import Field, ref_id
from ansible_collections.ngrok.ngrok.plugins.module_utils._normalize import normalize_url


def _selector(name, **kwargs):
    """A read-only field: an option that selects objects by a value the API shows."""
    return Field(name, create=False, update=False, **kwargs)


def _nested(key, name):
    """Read ``obj[key][name]`` (a value inside an object the API nests), or ""."""
    def read(obj):
        return (obj.get(key) or {}).get(name) or ""
    return read


def _lower(value):
    return (value or "").strip().lower()


def normalize_public_url(value):
    """A URL compared as the API writes URLs (see ``normalize_url``), without the trailing ``/`` that pasted URLs often
    have: ``HTTPS://App.Example.com:443/`` is ``https://app.example.com``."""
    return normalize_url(value).rstrip("/")


_provider_url = normalize_public_url


# -- Tunnel sessions and tunnels ----------------------------------------------------------------

TUNNEL_SESSION = Resource(
    name="tunnel_session",
    module_states=(),
    plural="tunnel_sessions",
    path="/tunnel_sessions",
    list_key="tunnel_sessions",
    id_prefix="ts",
    human="tunnel session",
    response_keys=("agent_version", "credential", "id", "ip", "metadata", "os", "region", "started_at", "transport",
                   "uri"),
    # The filtering docs list the reference "credential": it is filtered through its id (obj.credential.id).
    filterable_fields=("id", "metadata", "agent_version", "ip", "os", "region", "started_at", "credential"),
    fields=[
        _selector("credential_id", read=ref_id("credential"), filter_field="credential.id"),
        _selector("metadata"),
        _selector("region"),
        _selector("ip"),
        _selector("os"),
        _selector("agent_version"),
    ],
)

# The actions the API offers on a running agent session: POST /tunnel_sessions/{id}/<action>, answered 204.
TUNNEL_SESSION_ACTIONS = {"restarted": "restart", "stopped": "stop", "updated": "update"}

TUNNEL = Resource(
    name="tunnel",
    module_states=(),
    plural="tunnels",
    path="/tunnels",
    list_key="tunnels",
    id_prefix="tn",
    response_keys=("id", "public_url", "started_at", "metadata", "proto", "region", "tunnel_session", "endpoint",
                   "labels", "backends", "forwards_to"),
    fields=[
        _selector("tunnel_session_id", read=ref_id("tunnel_session"), filter_field="tunnel_session.id"),
        _selector("public_url", normalize=normalize_public_url),
        _selector("proto"),
        _selector("region"),
    ],
)

TUNNEL_DEPRECATION = ("ngrok deprecated the Tunnels API in favour of endpoints: use ngrok.ngrok.ngrok_endpoint_info "
                      "(type=agent lists the endpoints of running agents) instead of ngrok.ngrok.ngrok_tunnel_info.")


# -- Application users and sessions --------------------------------------------------------------

APPLICATION_SESSION = Resource(
    name="application_session",
    module_states=("absent",),
    plural="application_sessions",
    path="/app/sessions",
    list_key="application_sessions",
    human="application session",
    response_keys=("id", "uri", "public_url", "browser_session", "application_user", "created_at", "last_active",
                   "expires_at", "endpoint", "edge", "route"),
    # Only its id designates a session; the list takes no filter.
    fields=[],
)

APPLICATION_USER = Resource(
    name="application_user",
    module_states=("absent",),
    plural="application_users",
    path="/app/users",
    list_key="application_users",
    human="application user",
    response_keys=("id", "uri", "identity_provider", "provider_user_id", "username", "email", "name", "created_at",
                   "last_active", "last_login"),
    # The list takes no filter: a lookup by email reads every page and matches locally.
    # An id designates the user alone: it excludes the options that would designate one otherwise.
    mutually_exclusive=[("id", name) for name in ("email", "provider_user_id", "identity_provider_name",
                                                  "identity_provider_url")],
    fields=[
        # Who the user is at the identity provider: the email address, or the provider's own id of the user.
        _selector("email", identity="user", normalize=_lower),
        _selector("provider_user_id", identity="user"),
        # Which identity provider: by name or by URL.
        _selector("identity_provider_name", identity="identity_provider", read=_nested("identity_provider", "name"),
                  filter_field="identity_provider.name", normalize=_lower),
        _selector("identity_provider_url", identity="identity_provider", read=_nested("identity_provider", "url"),
                  filter_field="identity_provider.url", normalize=_provider_url),
    ],
)


# -- Bot users (deprecated) ----------------------------------------------------------------------

BOT_USER = Resource(
    name="bot_user",
    module_states=(),
    plural="bot_users",
    path="/bot_users",
    list_key="bot_users",
    id_prefix="bot",
    human="bot user",
    response_keys=("id", "uri", "name", "active", "created_at"),
    # The API could still create and update them; the collection only reads them (ngrok_service_user replaces them).
    fields=[
        Field("name"),
        Field("active", spec={"type": "bool"}, empty=False),
    ],
)

BOT_USER_DEPRECATION = ("ngrok deprecated bot users in favour of service users: use ngrok.ngrok.ngrok_service_user and "
                        "ngrok.ngrok.ngrok_service_user_info instead of ngrok.ngrok.ngrok_bot_user_info.")
