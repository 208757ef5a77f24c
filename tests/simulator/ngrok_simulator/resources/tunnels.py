"""Tunnel sessions and tunnels: ``/tunnel_sessions`` and ``/tunnels`` (read-only).

Both exist only while an agent is connected, so the simulator seeds them with the
test control ``POST /_sim/tunnel_sessions`` (a session and its tunnels).  The
session actions behave like the agent would:

- ``POST /tunnel_sessions/{id}/stop`` -> 204; the agent exits, so the session, its
  tunnels and its agent endpoints (seeded with this ``tunnel_session_id``) disappear.
- ``POST /tunnel_sessions/{id}/restart`` -> 204; the agent reconnects with a new
  session id (its tunnels and agent endpoints move to the new session), running the version
  an update installed.  SSH sessions refuse it (ERR_NGROK_1122), agents on Windows too
  (ERR_NGROK_804: "This operation is notably not supported on Windows", OpenAPI).
- ``POST /tunnel_sessions/{id}/update`` -> 204; the agent installs the newest version of its
  major version and waits for a restart.  Refused, as the OpenAPI description of the operation
  lists, when no update is available (the agent runs ``LATEST_AGENT_VERSIONS`` of its major
  version), when its configuration disables update checks (ERR_NGROK_806), while an update is in
  progress or done but not restarted (ERR_NGROK_809).  SSH sessions refuse it (ERR_NGROK_1121).

The agent's state is seeded with ``POST /_sim/tunnel_sessions``: ``os`` (``windows``),
``update_checks`` (false: disabled) and ``update_state`` (``in_progress`` or ``updated``).

An agent program under test (the collection's stand-in ``ngrok``) goes online and
offline through the same controls: it seeds its session with its ``authtoken``
(the session then names that token's credential, as ngrok does; a token no live
credential has is refused with ERR_NGROK_107, as the agent is), its endpoints with
``POST /_sim/agent_endpoints``, stops one endpoint with
``DELETE /_sim/tunnel_sessions/{id}/endpoints/{endpoint_id}`` and disconnects with
``DELETE /_sim/tunnel_sessions/{id}`` (the session, its tunnels and its agent
endpoints go away, like ``stop`` but without an API request in the counters).
"""

import copy

from .. import ids
from ..errors import bad_request, invalid_value, not_found, unknown_field
from ..helpers import check_seed
from ..resource import Resource, Route
from ..server import token_digest

_SESSION_SEED = {"agent_version": str, "authtoken": str, "credential_id": str, "ip": str, "metadata": str, "os": str, "region": str,
                 "transport": str, "tunnels": list, "update_checks": bool, "update_state": str}
# The newest agent of each major version (ngrok-docs agent/changelog.mdx, "ngrok Agent 3.39.10"); an update never
# crosses a major version (OpenAPI, TunnelSessionsUpdate). Version 2 lists no release to update to ("2.3.x").
LATEST_AGENT_VERSIONS = {3: "3.39.10"}
UPDATE_STATES = ("in_progress", "updated")


def _version_key(text):
    parts = []
    for part in (text or "").split("."):
        digits = "".join(ch for ch in part if ch.isdigit())
        parts.append(int(digits) if digits else 0)
    return tuple(parts)


def available_update(version):
    """The version an agent running ``version`` would update to, or None when it runs the newest of its major."""
    major = _version_key(version)[0] if version else 0
    latest = LATEST_AGENT_VERSIONS.get(major)
    if latest is None or _version_key(version) >= _version_key(latest):
        return None
    return latest


_TUNNEL_SEED = {"public_url": str, "metadata": str, "proto": str, "region": str, "endpoint_id": str, "labels": dict,
                "forwards_to": str}


class TunnelSessions(Resource):
    """A connected ngrok agent (or SSH reverse tunnel)."""

    name = "tunnel_session"
    path = "/tunnel_sessions"
    list_key = "tunnel_sessions"
    id_prefix = "ts"
    ops = ("list", "get")
    # The filtering table lists the reference "credential": filtered through its id (obj.credential.id).
    filterable_fields = ("id", "metadata", "agent_version", "ip", "os", "region", "started_at", "credential.id")
    fields = ("agent_version", "credential", "id", "ip", "metadata", "os", "region", "started_at", "transport", "uri")
    refs = {"credential": ("credential_id", "/credentials")}
    timestamp_fields = ("started_at",)

    def render(self, ctx, record, once=None):
        out = super().render(ctx, record, once)
        ident = record.get("credential_id")
        if ident and ident.startswith("sshcr_"):
            out["credential"] = ctx.ref("/ssh_credentials", ident)
        return out

    def extra_routes(self):
        return [Route("POST", self.path + "/{id}/" + action, getattr(self, "do_" + action)) for action in ("restart", "stop", "update")]

    def sim_routes(self):
        """``POST /_sim/tunnel_sessions`` seeds a session with its tunnels; the two ``DELETE`` controls end one of
        its endpoints, or the whole session, as a running agent does."""
        return [Route("POST", "/_sim/tunnel_sessions", self.seed),
                Route("DELETE", "/_sim/tunnel_sessions/{id}", self.disconnect),
                Route("DELETE", "/_sim/tunnel_sessions/{id}/endpoints/{endpoint_id}", self.stop_endpoint)]

    @staticmethod
    def _action_body(body):
        for key, value in (body or {}).items():
            if key != "id":
                raise unknown_field(key, ["id"])
            if value is not None and not isinstance(value, str):
                raise invalid_value("id")

    def _tunnels(self, ctx, session_id):
        return ctx.store.find("tunnels", tunnel_session_id=session_id)

    @staticmethod
    def _agent_endpoints(ctx, session_id):
        return [e for e in ctx.store.find("endpoints", tunnel_session_id=session_id) if e.get("type") != "cloud"]

    def _end(self, ctx, record):
        """The session, its tunnels and its agent endpoints go away."""
        for tunnel in self._tunnels(ctx, record["id"]):
            ctx.store.delete("tunnels", tunnel["id"])
        for endpoint in self._agent_endpoints(ctx, record["id"]):
            ctx.store.delete("endpoints", endpoint["id"])
        ctx.store.delete(self.collection, record["id"])

    def do_stop(self, ctx, params, body, query):
        """The agent exits: the session and its tunnels go away."""
        record = self.lookup(ctx, params["id"])
        self._action_body(body)
        self._end(ctx, record)
        return 204, None

    def disconnect(self, ctx, params, body, query):  # pylint: disable=unused-argument
        """``DELETE /_sim/tunnel_sessions/{id}``: the agent went offline (it stopped, or lost its connection)."""
        self._end(ctx, self.lookup(ctx, params["id"]))
        return 204, None

    def stop_endpoint(self, ctx, params, body, query):  # pylint: disable=unused-argument
        """``DELETE /_sim/tunnel_sessions/{id}/endpoints/{endpoint_id}``: the agent stopped one of its endpoints."""
        record = self.lookup(ctx, params["id"])
        mine = [e for e in self._agent_endpoints(ctx, record["id"]) if e["id"] == params["endpoint_id"]]
        if not mine:
            raise not_found()
        ctx.store.delete("endpoints", mine[0]["id"])
        return 204, None

    @staticmethod
    def _credential_of(ctx, authtoken):
        """The id of the live credential whose token this is; ERR_NGROK_107 as the agent shows it otherwise."""
        digest = token_digest(authtoken)
        for record in ctx.store.table("credentials").values():
            if record.get("_token_hash") == digest:
                return record["id"]
        raise bad_request(107, "The authtoken you specified is properly formed, but it is invalid.")

    def do_restart(self, ctx, params, body, query):
        """The agent re-executes itself and reconnects under a new session id."""
        record = self.lookup(ctx, params["id"])
        self._action_body(body)
        if record.get("transport") == "ssh":
            raise bad_request(1122, "SSH sessions do not support restart.")
        if (record.get("os") or "").lower() == "windows":
            raise bad_request(804, "This ngrok agent does not support remote restarting: 'restarting is not supported on "
                              "Windows'.")
        new = dict(copy.deepcopy(record), id=ids.new_id(self.id_prefix), started_at=ctx.now, created_at=ctx.now)
        if new.pop("_update_state", None) == "updated" and new.get("_updated_to"):
            new["agent_version"] = new["_updated_to"]
        new.pop("_updated_to", None)
        ctx.store.put(self.collection, new)
        for tunnel in self._tunnels(ctx, record["id"]):
            ctx.store.put("tunnels", dict(tunnel, tunnel_session_id=new["id"]))
        for endpoint in self._agent_endpoints(ctx, record["id"]):
            ctx.store.put("endpoints", dict(endpoint, tunnel_session_id=new["id"]))
        ctx.store.delete(self.collection, record["id"])
        return 204, None

    def do_update(self, ctx, params, body, query):
        """The agent is asked to update itself; nothing the API shows changes."""
        record = self.lookup(ctx, params["id"])
        self._action_body(body)
        if record.get("transport") == "ssh":
            raise bad_request(1121, "SSH sessions do not support update.")
        if record.get("_update_checks") is False:
            raise bad_request(806, "This ngrok agent does not support remote updating: 'update checks are disabled in its "
                              "configuration'.")
        state = record.get("_update_state")
        if state == "in_progress":
            raise bad_request(809, "The remote ngrok agent failed to update because of an error: 'an update is already in "
                              "progress'")
        if state == "updated":
            raise bad_request(809, "The remote ngrok agent failed to update because of an error: 'the agent has already "
                              "updated and waits to be restarted'")
        target = available_update(record.get("agent_version"))
        if target is None:
            raise bad_request(809, "The remote ngrok agent failed to update because of an error: 'no update available'")
        ctx.store.put(self.collection, dict(record, _update_state="updated", _updated_to=target))
        return 204, None

    def seed(self, ctx, params, body, query):
        """Create a session (and tunnels) from a /_sim/ body; answers both."""
        check_seed(body, _SESSION_SEED)
        if body.get("update_state") is not None and body["update_state"] not in UPDATE_STATES:
            raise bad_request(215, "update_state is one of: %s." % ", ".join(UPDATE_STATES))
        tunnels = body.get("tunnels") or []
        for spec in tunnels:
            if not isinstance(spec, dict):
                raise bad_request(215, "Each tunnel must be an object.")
            check_seed(spec, _TUNNEL_SEED)
        if body.get("authtoken") is not None and body.get("credential_id") is not None:
            raise bad_request(400, "Seed a session with either authtoken or credential_id, not both.")
        credential_id = self._credential_of(ctx, body["authtoken"]) if body.get("authtoken") is not None else None
        record = {"id": ids.new_id(self.id_prefix), "created_at": ctx.now, "started_at": ctx.now,
                  "agent_version": "3.19.0", "ip": "203.0.113.10", "metadata": "", "os": "linux", "region": "us",
                  "transport": "ngrok/2", "credential_id": credential_id}
        record.update({k: v for k, v in body.items()
                       if v is not None and k not in ("tunnels", "authtoken", "update_checks", "update_state")})
        # What only the agent knows (never answered): whether it checks for updates and where an update stands.
        record["_update_checks"] = body.get("update_checks", True) is not False
        if body.get("update_state"):
            record["_update_state"] = body["update_state"]
        ctx.store.put(self.collection, record)
        tunnel_res = ctx.resource("tunnel")
        made = [tunnel_res.seed(ctx, record, spec) for spec in tunnels]
        return 201, {"tunnel_session": self.render(ctx, record), "tunnels": [tunnel_res.render(ctx, t) for t in made]}


class Tunnels(Resource):
    """A tunnel of a connected agent (deprecated in favour of endpoints; no filter)."""

    name = "tunnel"
    path = "/tunnels"
    list_key = "tunnels"
    id_prefix = "tn"
    ops = ("list", "get")
    fields = ("id", "public_url", "started_at", "metadata", "proto", "region", "tunnel_session", "endpoint", "labels",
              "backends", "forwards_to")

    def seed(self, ctx, session, spec):
        """Store a tunnel of ``session``."""
        record = {"id": ids.new_id(self.id_prefix), "created_at": ctx.now, "started_at": ctx.now,
                  "region": session.get("region", "us"), "tunnel_session_id": session["id"], "forwards_to": "http://localhost:80"}
        if "labels" not in spec:
            record.update({"public_url": "https://%s.ngrok.app" % record["id"][-12:].lower(), "proto": "https"})
        record.update({k: v for k, v in spec.items() if v is not None})
        ctx.store.put(self.collection, record)
        return record

    def render(self, ctx, record, once=None):
        # Tunnels leave out what does not apply (labels on agent tunnels, public_url on labeled ones, ...).
        out = {"id": record["id"]}
        for key in ("public_url", "started_at", "metadata", "proto", "region"):
            if record.get(key):
                out[key] = record[key]
        out["tunnel_session"] = ctx.ref("/tunnel_sessions", record["tunnel_session_id"])
        if record.get("endpoint_id"):
            out["endpoint"] = ctx.ref("/endpoints", record["endpoint_id"])
        if record.get("labels"):
            out["labels"] = dict(record["labels"])
        out["forwards_to"] = record.get("forwards_to", "")
        return out


RESOURCES = [TunnelSessions(), Tunnels()]
