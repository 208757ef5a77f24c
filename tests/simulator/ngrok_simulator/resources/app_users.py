"""Application users and sessions: ``/app/users`` and ``/app/sessions``.

The API can only list, get and delete them (they come from end users signing in
through OAuth/OIDC/SAML), so the simulator seeds them through test controls:
``POST /_sim/app_users`` and ``POST /_sim/app_sessions``.  The real id prefixes
are not documented; ``appusr_`` and ``appsess_`` are simulator choices.
"""

import datetime
import secrets

from .. import ids
from ..errors import bad_request
from ..helpers import check_seed, rfc3339, utc_now
from ..resource import Resource, Route

_USER_SEED = {
    "identity_provider": dict, "provider_user_id": str, "username": str, "email": str, "name": str,
    "last_active": str, "last_login": str,
}
_SESSION_SEED = {
    "application_user_id": str, "public_url": str, "browser_session": dict, "endpoint_id": str,
    "last_active": str, "expires_at": str,
}


class ApplicationUsers(Resource):
    """A user who signed in to an endpoint protected by an identity provider."""

    name = "application_user"
    path = "/app/users"
    collection = "application_users"
    list_key = "application_users"
    id_prefix = "appusr"
    ops = ("list", "get", "delete")
    fields = ("id", "uri", "identity_provider", "provider_user_id", "username", "email", "name",
              "created_at", "last_active", "last_login")

    def seed(self, ctx, body):
        """Store a user from a /_sim/ body; return the record."""
        check_seed(body, _USER_SEED)
        now = ctx.now
        record = {
            "id": ids.new_id(self.id_prefix), "created_at": now,
            "identity_provider": {"name": "Google", "url": "https://accounts.google.com"},
            "provider_user_id": str(secrets.randbelow(10 ** 20)),
            "username": "", "email": "", "name": "", "last_active": now, "last_login": now,
        }
        record.update({k: v for k, v in body.items() if v is not None})
        ctx.store.put(self.collection, record)
        return record

    def sim_routes(self):
        """``POST /_sim/app_users`` seeds an application user."""
        return [Route("POST", "/_sim/app_users", lambda c, p, b, q: (201, self.render(c, self.seed(c, b))))]

    def on_delete(self, ctx, record):
        for session in ctx.store.find("application_sessions", application_user_id=record["id"]):
            ctx.store.delete("application_sessions", session["id"])


class ApplicationSessions(Resource):
    """A browser session of an application user."""

    name = "application_session"
    path = "/app/sessions"
    collection = "application_sessions"
    list_key = "application_sessions"
    id_prefix = "appsess"
    ops = ("list", "get", "delete")
    fields = ("id", "uri", "public_url", "browser_session", "application_user", "created_at", "last_active",
              "expires_at", "endpoint", "edge", "route")
    # edge and route stay null: sessions on (deprecated) edges are not simulated.
    refs = {"application_user": ("application_user_id", "/app/users"), "endpoint": ("endpoint_id", "/endpoints")}

    def seed(self, ctx, body):
        """Store a session from a /_sim/ body (creating its user when none is named)."""
        check_seed(body, _SESSION_SEED)
        user_id = body.get("application_user_id")
        if user_id is None:
            user_id = ctx.resource("application_user").seed(ctx, {})["id"]
        elif ctx.store.get("application_users", user_id) is None:
            raise bad_request(215, "The application user '%s' does not exist." % user_id)
        now = ctx.now
        record = {
            "id": ids.new_id(self.id_prefix), "created_at": now, "application_user_id": user_id,
            "public_url": "https://app.example.com",
            "browser_session": {
                "user_agent": {"raw": "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0", "browser_name": "Firefox",
                               "browser_version": "128", "device_type": "Desktop", "os_name": "Linux", "os_version": ""},
                "ip_address": "203.0.113.7",
                "location": {"country_code": "US", "latitude": 37.7749, "longitude": -122.4194, "lat_long_radius_km": 20},
            },
            "last_active": now,
            "expires_at": rfc3339(utc_now() + datetime.timedelta(days=7)),
        }
        record.update({k: v for k, v in body.items() if v is not None})
        ctx.store.put(self.collection, record)
        return record

    def sim_routes(self):
        """``POST /_sim/app_sessions`` seeds an application session."""
        return [Route("POST", "/_sim/app_sessions", lambda c, p, b, q: (201, self.render(c, self.seed(c, b))))]


RESOURCES = [ApplicationUsers(), ApplicationSessions()]
