#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ngrok_tunnel_session
short_description: Restart, stop or update running ngrok agents
version_added: 0.2.0
description:
  - Sends a command to running ngrok agents through their tunnel sessions (the connection each running agent, or SSH
    reverse tunnel, keeps with ngrok), to restart the agent, stop it, or have it update itself.
  - Tunnel sessions are not created or deleted through the API; they exist while an agent runs. This module acts on
    the sessions it selects, like C(ansible.builtin.service) acts on a service.
  - A session is selected by O(id), or by the narrowing options (O(credential_id), O(metadata), O(region), O(ip),
    O(os), O(agent_version)) and O(filter), which select every session they match. Every selected session is acted
    on, newest first; for example all the agents that connect with one authtoken (O(credential_id)). Without O(id),
    at least one narrowing option or O(filter) is required, so that a task never acts on every agent of the account
    by omission. The sessions a task would act on can be seen first in check mode or with
    M(ngrok.ngrok.ngrok_tunnel_session_info) and the same options.
author:
  - ngrok.ngrok contributors (@ngrok)
extends_documentation_fragment:
  - ngrok.ngrok.connection
  - ngrok.ngrok.tunnel_session
  - ngrok.ngrok.attributes
attributes:
  check_mode:
    description:
      - In check mode only V(GET) requests are sent; the result lists the sessions that would be acted on.
      - A warning names the SSH reverse tunnel sessions among them that the API would refuse to restart or update.
    support: full
  diff_mode:
    description: Returns no diff.
    support: none
  idempotent:
    description:
      - V(stopped) is idempotent (a session that no longer exists is already stopped).
      - V(restarted) and V(updated) are actions, sent on every run, like C(state=restarted) of
        C(ansible.builtin.service).
    support: partial
options:
  state:
    description:
      - V(restarted) asks each selected agent to restart; it runs itself again (C(exec)) and reconnects under a
        B(new) tunnel session id. Not supported by agents on Windows. Reports C(changed) whenever a session is
        selected.
      - V(stopped) asks each selected agent to exit; its session and tunnels disappear. A session that no longer
        exists is not an error and reports no change.
      - V(updated) asks each selected agent to update itself to the newest version of its major version (never to
        a new major version). The agent runs the new version only once restarted; wait at least 10 seconds before
        asking it to. The API refuses when no update is available, the agent's configuration disables updates, or an
        update is in progress or waits for a restart. Reports C(changed) whenever a session is selected.
      - With O(id), a session that does not exist fails the task for V(restarted) and V(updated). With the
        narrowing options, selecting no session is not an error and reports no change.
    type: str
    choices: [restarted, stopped, updated]
    required: true
  id:
    description:
      - ID of one tunnel session (C(ts_...)). Cannot be used with the narrowing options or O(filter).
    type: str
  filter:
    description:
      - A CEL expression over C(obj) that the API evaluates to select sessions, for example
        V(obj.agent_version != "3.19.0") or V(obj.started_at < timestamp("2026-11-01T00:00:00Z")).
      - Combined with C(&&) with the narrowing options. Cannot be used with O(id).
      - ngrok can filter tunnel sessions on C(id), C(metadata), C(agent_version), C(ip), C(os), C(region),
        C(started_at) and C(credential); see U(https://ngrok.com/docs/api/api-filtering/).
    type: str
notes:
  - The API answers these commands with an empty HTTP 204 once the agent was told; it does not wait for the agent to
    restart, exit or update.
  - SSH reverse tunnel sessions (C(transport=ssh)) cannot be restarted or updated; the API refuses with
    C(ERR_NGROK_1122) or C(ERR_NGROK_1121) and the task fails with that C(error_code). Agents that cannot be
    commanded remotely, and accounts whose plan does not allow it, are refused with their own error codes.
  - When several sessions are selected, they are commanded one after the other and the task stops at the first one
    the API refuses; the failure result then lists in RV(ids) the sessions already commanded.
  - A command whose outcome is unknown (no answer, HTTP 5xx) is not sent again blindly. A stop is checked by reading
    the session again (gone means it stopped); a restart or an update fails and says it may have been applied.
  - The narrowing options are sent to the API as one CEL filter and checked again on the sessions listed. If the API
    refuses that filter, every session is listed and matched locally, with a warning.
  - ngrok's Terraform provider has no equivalent.
seealso:
  - module: ngrok.ngrok.ngrok_tunnel_session_info
  - module: ngrok.ngrok.ngrok_credential
  - name: Tunnel Sessions API
    description: The restart, stop and update commands of ngrok's API.
    link: https://ngrok.com/docs/api-reference/tunnelsessions/restart
"""

EXAMPLES = r"""
- name: Restart every agent that connects with the authtoken of web-1 (after its configuration changed)
  ngrok.ngrok.ngrok_tunnel_session:
    credential_id: "{{ web_credential.credential.id }}"
    state: restarted
  register: restarted

- name: Report how many agents were told to restart
  ansible.builtin.debug:
    msg: "{{ restarted.count }} agents restart: {{ restarted.ids | join(', ') }}"

- name: See which agents an update would reach, without sending it
  ngrok.ngrok.ngrok_tunnel_session:
    filter: obj.agent_version != "3.19.0" && obj.os == "linux"
    state: updated
  check_mode: true
  register: would_update

- name: Update the agents of the eu region tagged edge-1 in their configuration
  ngrok.ngrok.ngrok_tunnel_session:
    metadata: edge-1
    region: eu
    state: updated

- name: Stop one agent by its session id (no change when it has already stopped)
  ngrok.ngrok.ngrok_tunnel_session:
    id: ts_2Zx8example3RcLhDdPp4TtEFq9W
    state: stopped
"""

RETURN = r"""
tunnel_sessions:
  description:
    - The sessions that were commanded (in check mode, that would be), as the API showed them before the command.
    - After V(restarted), the agents reconnect under new session ids, which the module does not wait for; find them
      with M(ngrok.ngrok.ngrok_tunnel_session_info) and the same narrowing options.
    - The API leaves out an empty C(metadata).
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: Unique ID of the tunnel session.
      type: str
      sample: ts_2Zx8example3RcLhDdPp4TtEFq9W
    uri:
      description: URI of the tunnel session in the API.
      type: str
      sample: https://api.ngrok.com/tunnel_sessions/ts_2Zx8example3RcLhDdPp4TtEFq9W
    agent_version:
      description: Version of the agent that started the session.
      type: str
      sample: 3.19.0
    credential:
      description: The tunnel credential (C(cr_...)) or SSH credential (C(sshcr_...)) the agent connected with.
      type: dict
      contains:
        id:
          description: ID of the credential.
          type: str
          sample: cr_2Zx8example3RcLhDdPp4TtEFq9W
        uri:
          description: URI of the credential in the API.
          type: str
          sample: https://api.ngrok.com/credentials/cr_2Zx8example3RcLhDdPp4TtEFq9W
    ip:
      description: Source IP address of the agent's connection.
      type: str
      sample: 203.0.113.10
    metadata:
      description: The C(metadata) of the agent's configuration.
      type: str
      sample: edge-1
    os:
      description: Operating system the agent runs on.
      type: str
      sample: linux
    region:
      description: The ngrok region the session was started in.
      type: str
      sample: us
    started_at:
      description: When the session first connected, RFC 3339 in UTC.
      type: str
      sample: "2026-11-27T10:11:27Z"
    transport:
      description: How the session connects; C(ngrok/2) for agents (documented as C(ngrok/v2)), C(ssh) for SSH reverse
        tunnels.
      type: str
      sample: ngrok/2
ids:
  description:
    - The ids of RV(tunnel_sessions), in the order they were commanded.
    - On a failure after some sessions were commanded, the failure result lists those.
  returned: always
  type: list
  elements: str
  sample: [ts_2Zx8example3RcLhDdPp4TtEFq9W]
count:
  description: How many sessions were (in check mode, would be) commanded.
  returned: always
  type: int
  sample: 1
"""

from ansible_collections.ngrok.ngrok.plugins.module_utils._errors import NgrokAPIError
from ansible_collections.ngrok.ngrok.plugins.module_utils._errors import EngineError
from ansible_collections.ngrok.ngrok.plugins.module_utils._module import NgrokModule
from ansible_collections.ngrok.ngrok.plugins.module_utils._select import narrowing_of, select_objects
from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.sessions import (
    TUNNEL_SESSION,
    TUNNEL_SESSION_ACTIONS,
)

RES = TUNNEL_SESSION
# SSH reverse tunnel sessions refuse these commands, with these error codes.
SSH_REFUSES = {"restarted": "ERR_NGROK_1122", "updated": "ERR_NGROK_1121"}


def command(module, session, state, done):
    """Send the command of ``state`` to one session. Returns False when a stop finds the session already gone."""
    action = TUNNEL_SESSION_ACTIONS[state]
    item = RES.item_path(session["id"])
    recover = None
    if state == "stopped":
        def recover():
            # Gone means the agent exited; still there means the stop can be sent again without harm.
            return (204, None) if module.client.get_or_none(item) is None else None
    try:
        module.client.post("{0}/{1}".format(item, action), {}, on_unknown_outcome=recover)
    except NgrokAPIError as exc:
        if exc.api_not_found and state == "stopped":
            return False
        msg = str(exc)
        if exc.api_not_found:
            msg = "{0}: the tunnel session {1} no longer exists (its agent stopped or restarted)".format(msg, session["id"])
        if done:
            msg = "{0}; the tunnel sessions before it were sent the {1} command: {2}".format(
                msg, action, ", ".join(s["id"] for s in done))
        raise EngineError(msg, ids=[s["id"] for s in done], count=len(done), **exc.as_result())
    return True


def main():
    narrowing = narrowing_of(RES, [f.name for f in RES.fields])
    selectors = [n.option for n in narrowing] + ["filter"]
    spec = dict(
        state=dict(type="str", required=True, choices=sorted(TUNNEL_SESSION_ACTIONS)),
        id=dict(type="str"),
        filter=dict(type="str"),
    )
    spec.update(RES.argument_spec())
    module = NgrokModule(argument_spec=spec, mutually_exclusive=[("id", option) for option in selectors],
                         required_one_of=[["id"] + selectors], supports_check_mode=True)
    params = module.params
    state = params["state"]

    def work():
        warnings = []
        try:
            sessions = select_objects(module.client, RES, narrowing, params, warnings)
        finally:
            module.warn_all(warnings)
        if not sessions and params.get("id") is not None and state != "stopped":
            raise EngineError("no tunnel session with id {0!r} exists (its agent stopped, or restarted under a new id); "
                              "nothing to {1}".format(params["id"], TUNNEL_SESSION_ACTIONS[state]))
        if module.check_mode:
            done = sessions
            refused = [s["id"] for s in sessions if s.get("transport") == "ssh" and state in SSH_REFUSES]
            if refused:
                module.warn("The API refuses to {0} SSH reverse tunnel sessions ({1}), so the task will fail at {2}.".format(
                    TUNNEL_SESSION_ACTIONS[state], SSH_REFUSES[state], ", ".join(refused)))
        else:
            done = []
            for session in sessions:
                if command(module, session, state, done):
                    done.append(session)
        return {"changed": bool(done), "tunnel_sessions": [RES.public_view(s) for s in done],
                "ids": [s["id"] for s in done], "count": len(done)}

    module.run(work)


if __name__ == "__main__":
    main()
