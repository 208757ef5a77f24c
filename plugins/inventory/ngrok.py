# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
name: ngrok
short_description: The machines behind ngrok agents as an inventory
version_added: 0.2.0
description:
  - Makes one host of each online ngrok agent of the account, from its tunnel session (C(GET /tunnel_sessions)) and
    its agent endpoints (C(GET /endpoints)), so a fleet of machines behind NAT that each run an agent with a TCP
    endpoint for SSH becomes an inventory.
  - For the agent's TCP endpoint, C(ansible_host) and C(ansible_port) are the endpoint's public host and port
    (C(tcp://1.tcp.ngrok.io:12345) gives V(1.tcp.ngrok.io) and V(12345)). When the agent has several TCP endpoints,
    the one that forwards to O(connect_upstream_port) on the machine is used; when none does, none is guessed.
  - 'B(Host names): the O(hostname) template when it is set and gives a name; else the C(hostname) key of the
    session''s metadata, when that metadata is a JSON object (the agent''s C(metadata) setting,
    C({"hostname": "web-1"})); else the C(hostname) key of the metadata of its first endpoint that has one; else
    the tunnel session id (C(ts_...)), and for an endpoint without a session, the endpoint id (C(ep_...)).
    Characters other than letters, digits, C(.), C(_) and C(-) become C(_).'
  - 'B(One host per agent): every endpoint of one tunnel session belongs to the same host. Sessions that get the
    same name (two agents on one machine, both with C({"hostname": "web-1"})) are one host with the endpoints of
    both; its session variables come from the newest session.'
  - 'Every host has these variables: C(ngrok_session_id), C(ngrok_session_ids) (all sessions of the host, oldest
    first), C(ngrok_region), C(ngrok_os), C(ngrok_agent_version), C(ngrok_ip) (the address the agent connects from),
    C(ngrok_transport), C(ngrok_started_at), C(ngrok_credential_id), C(ngrok_metadata) (the session''s metadata,
    as data when it is a JSON object or array, else as text), C(ngrok_endpoints) (the agent endpoints as the API
    answers them, oldest first, with their C(metadata) read the same way), C(ngrok_urls) and
    C(ngrok_connect_endpoint) (the endpoint C(ansible_host) comes from, with the C(host) and C(port) they are, or
    null). Session variables are null for
    endpoints whose session the API did not list.'
  - Everything that comes from the API is marked unsafe, so text an agent sets is never templated.
  - Each refresh reads two lists, every page of each, so a few hundred agents cost a handful of the 120 requests
    per minute the API allows. Use O(cache) to read them once for several runs. The cache is kept apart per API URL,
    API key (by a digest of it, never the key itself) and filters, so a run with another key reads its own account.
  - The configuration file name must end in C(.ngrok.yml) or C(.ngrok.yaml) (or be C(ngrok.yml)). A file that names
    this plugin under another name gets a warning that says so, before Ansible's own message that no plugin could
    read it.
  - C(module_defaults) does not reach inventory plugins (an Ansible rule). The key and the other connection options
    come from this file or from the E(NGROK_API_KEY), E(NGROK_API_URL), E(NGROK_TIMEOUT), E(NGROK_RETRIES),
    E(NGROK_VALIDATE_CERTS) and E(NGROK_CA_PATH) environment variables, which the modules read too.
author:
  - ngrok.ngrok contributors (@ngrok)
extends_documentation_fragment:
  - ansible.builtin.constructed
  - ansible.builtin.inventory_cache
  - ngrok.ngrok.connection.plugin
options:
  plugin:
    description: Marks this file as a configuration of this plugin.
    required: true
    type: str
    choices: [ngrok.ngrok.ngrok]
  api_key:
    description:
      - An ngrok API key. May be a template (V({{ vault_ngrok_api_key }}) with C(-e) or C(--extra-vars), or a lookup)
        or a vaulted value.
    type: str
    env:
      - name: NGROK_API_KEY
  api_url:
    description:
      - Base URL of the ngrok API. An empty value means the default. May be a template.
    type: str
    default: https://api.ngrok.com
    env:
      - name: NGROK_API_URL
  hostname:
    description:
      - A template for the host name, over the host's C(ngrok_*) variables, for example
        V({{ ngrok_metadata.name }}-{{ ngrok_region }}).
      - When it fails or gives an empty name, the default name is used (with O(strict), a failure is an error).
    type: str
  connect_upstream_port:
    description:
      - When an agent has several TCP endpoints, C(ansible_host) and C(ansible_port) come from the one that forwards
        to this port on the machine (its C(upstream_url), such as V(tcp://localhost:22) or V(22)).
    type: int
    default: 22
  connectable_only:
    description:
      - Only agents with a TCP endpoint to connect to (a C(ngrok_connect_endpoint)) become hosts.
    type: bool
    default: false
  group:
    description:
      - Every host is added to this group. An empty value adds them to no group of their own.
    type: str
    default: ngrok
  sessions_filter:
    description:
      - A CEL expression the API evaluates to narrow the tunnel sessions, for example
        V(obj.metadata.contains("prod")) or V(obj.region == "eu"). When it is set, only the listed sessions become
        hosts, and endpoints of other sessions are left out.
      - See U(https://ngrok.com/docs/api/api-filtering/) for the fields a filter may use.
    type: str
  endpoints_filter:
    description:
      - A CEL expression the API evaluates to narrow the endpoints, for example V(obj.scheme == "tcp").
    type: str
notes:
  - An execution environment that includes this collection gets C(requests) from the collection's
    C(meta/execution-environment.yml).
  - In AWX or Ansible Automation Platform, a credential of the collection's ngrok credential type gives the plugin its
    key through E(NGROK_API_KEY).
seealso:
  - module: ngrok.ngrok.ngrok_endpoint_info
  - module: ngrok.ngrok.ngrok_api
"""

EXAMPLES = r"""
# fleet.ngrok.yml: every machine whose agent runs an SSH endpoint, reached through it (the key comes from
# NGROK_API_KEY). Each agent runs with metadata '{"hostname": "web-1", "role": "web"}' and an endpoint such as
# tcp://1.tcp.ngrok.io:12345 that forwards to port 22.
plugin: ngrok.ngrok.ngrok
connectable_only: true
keyed_groups:
  - key: ngrok_region
    prefix: region
  - key: ngrok_os
    prefix: os
  - key: ngrok_agent_version
    prefix: agent
  - key: ngrok_metadata.role
    prefix: role
groups:
  outdated_agents: ngrok_agent_version is version('3.19.0', '<')
compose:
  ansible_user: ngrok_metadata.user | default('ansible')

# prod.ngrok.yml, another file: a key from Ansible Vault, names made of metadata, the lists kept for an hour.
# Run with: ansible-inventory -i prod.ngrok.yml -e @vault.yml --ask-vault-pass --graph
#
#   plugin: ngrok.ngrok.ngrok
#   api_key: "{{ vault_ngrok_api_key }}"
#   sessions_filter: obj.region == "eu" && obj.metadata.contains("prod")
#   hostname: "{{ ngrok_metadata.name }}.{{ ngrok_region }}"
#   cache: true
#   cache_plugin: ansible.builtin.jsonfile
#   cache_connection: ~/.cache/ngrok-inventory
#   cache_timeout: 3600
"""

import hashlib
import json
import re

from ansible.errors import AnsibleParserError
from ansible.module_utils.common.text.converters import to_native
from ansible.plugins.inventory import BaseInventoryPlugin, Cacheable, Constructable
from ansible.utils.unsafe_proxy import wrap_var

from ansible_collections.ngrok.ngrok.plugins.module_utils._client import (
    DEFAULT_API_URL,
    HAS_REQUESTS,
    NgrokClient,
    insecure_url_warning,
)
from ansible_collections.ngrok.ngrok.plugins.module_utils._errors import NgrokAPIError, NgrokConfigError
from ansible_collections.ngrok.ngrok.plugins.plugin_utils._agents import (
    agents,
    connect_endpoint,
    endpoint_address,
    metadata_host_name,
    parse_metadata,
    safe_host_name,
)

_SESSION_VARS = ("region", "os", "agent_version", "ip", "transport", "started_at")
# A configuration of this plugin, in a file that may have another name: "plugin: ngrok.ngrok.ngrok" on a line.
_PLUGIN_LINE = re.compile(r"^plugin:\s*[\"']?ngrok\.ngrok\.ngrok[\"']?\s*(#.*)?$", re.MULTILINE)


def _names_this_plugin(path):
    """True when the YAML file at ``path`` says it is a configuration of this plugin (read from its first 64 KiB)."""
    if not to_native(path).endswith((".yml", ".yaml")):
        return False
    try:
        with open(path, "rb") as handle:
            head = handle.read(65536).decode("utf-8", "replace")
    except (IOError, OSError):
        return False
    return bool(_PLUGIN_LINE.search(head))


class InventoryModule(BaseInventoryPlugin, Constructable, Cacheable):

    NAME = "ngrok.ngrok.ngrok"

    def verify_file(self, path):
        if not super(InventoryModule, self).verify_file(path):
            return False
        name = to_native(path).replace("\\", "/").rsplit("/", 1)[-1]
        if name in ("ngrok.yml", "ngrok.yaml") or name.endswith((".ngrok.yml", ".ngrok.yaml")):
            return True
        if _names_this_plugin(path):
            # Ansible's own message for this case only says that no plugin could read the file.
            stem = name.rsplit(".", 1)[0] if name.endswith((".yml", ".yaml")) else name
            self.display.warning(
                "ngrok inventory: {0} names the plugin ngrok.ngrok.ngrok, but the plugin only reads files whose name "
                "ends in .ngrok.yml or .ngrok.yaml (or is ngrok.yml): rename it, for example to {1}.ngrok.yml".format(
                    path, stem))
        else:
            self.display.debug("ngrok inventory: {0} does not end in .ngrok.yml or .ngrok.yaml".format(path))
        return False

    # -- options -------------------------------------------------------------------------------------

    def _templated(self, name):
        """An option's value with templates rendered (extra vars are available) and vaulted text decrypted."""
        value = self.get_option(name)
        if value is None:
            return None
        if self.templar.is_template(value):
            value = self.templar.template(value)
        return to_native(value) if value is not None else None

    def _make_client(self, api_key, api_url):
        return NgrokClient(api_key=api_key, api_url=api_url, timeout=self.get_option("timeout"),
                           retries=self.get_option("retries"), validate_certs=self.get_option("validate_certs"),
                           ca_path=self.get_option("ca_path"), notify=self._warn)

    def _warn(self, text):
        self.display.warning("ngrok inventory: {0}".format(text))

    # -- the API -------------------------------------------------------------------------------------

    def _read_api(self, client, sessions_filter, endpoints_filter):
        try:
            return {
                "sessions": client.list("/tunnel_sessions", "tunnel_sessions", cel_filter=sessions_filter),
                "endpoints": client.list("/endpoints", "endpoints", cel_filter=endpoints_filter),
            }
        except NgrokAPIError as exc:
            raise AnsibleParserError("ngrok inventory: {0}".format(client.redact(str(exc))))

    # -- hosts ---------------------------------------------------------------------------------------

    def _host_vars(self, group):
        """The variables of one host made of one or more agents (``group``, oldest session first)."""
        sessions = [a["session"] for a in group if a["session"]]
        session = sessions[-1] if sessions else {}
        endpoints = sorted((e for a in group for e in a["endpoints"]),
                           key=lambda e: (e.get("created_at") or "", e.get("id") or ""))
        session_ids = []
        for agent in group:
            ref = agent["session"] or next((e.get("tunnel_session") for e in agent["endpoints"]), None) or {}
            if isinstance(ref, dict) and ref.get("id") and ref["id"] not in session_ids:
                session_ids.append(ref["id"])
        connect = connect_endpoint(endpoints, self.get_option("connect_upstream_port"))
        credential = session.get("credential")
        host_vars = {
            "ngrok_session_id": session_ids[-1] if session_ids else None,
            "ngrok_session_ids": session_ids,
            "ngrok_credential_id": credential.get("id") if isinstance(credential, dict) else None,
            "ngrok_metadata": parse_metadata(session.get("metadata")),
            "ngrok_endpoints": [dict(e, metadata=parse_metadata(e.get("metadata"))) for e in endpoints],
            "ngrok_urls": [e.get("url") or e.get("public_url") for e in endpoints if e.get("url") or e.get("public_url")],
            "ngrok_connect_endpoint": None,
        }
        for key in _SESSION_VARS:
            host_vars["ngrok_" + key] = session.get(key) or None
        if not host_vars["ngrok_region"]:
            host_vars["ngrok_region"] = next((e["region"] for e in endpoints if e.get("region")), None)
        if connect is not None:
            address = endpoint_address(connect)
            # ngrok's recorded endpoint answers have no host or port: the ones ansible_host/port come from stand in.
            host_vars["ngrok_connect_endpoint"] = dict(connect, metadata=parse_metadata(connect.get("metadata")),
                                                       host=connect.get("host") or address[0],
                                                       port=connect.get("port") or address[1])
            host_vars["ansible_host"], host_vars["ansible_port"] = address
        return wrap_var(host_vars)

    def _host_name(self, agent):
        template = self.get_option("hostname")
        if template:
            self.templar.available_variables = dict(self._vars, **self._host_vars([agent]))
            try:
                name = safe_host_name(to_native(self.templar.template(template)))
            except Exception as exc:  # pylint: disable=broad-except
                if self.get_option("strict"):
                    raise AnsibleParserError("ngrok inventory: the hostname template failed for {0}: {1}".format(
                        agent["key"], to_native(exc)))
                self.display.vv("ngrok inventory: the hostname template failed for {0}, using the default name: {1}".format(
                    agent["key"], to_native(exc)))
                name = ""
            if name:
                return name
        return safe_host_name(metadata_host_name(agent) or agent["key"])

    def _populate(self, data, only_listed_sessions):
        group = self.get_option("group")
        if group:
            group = self.inventory.add_group(group)
        hosts = {}
        order = []
        for agent in agents(data["sessions"], data["endpoints"], sessions_only=only_listed_sessions):
            name = self._host_name(agent)
            if name not in hosts:
                hosts[name] = []
                order.append(name)
            hosts[name].append(agent)
        strict = self.get_option("strict")
        for name in order:
            host_vars = self._host_vars(hosts[name])
            if self.get_option("connectable_only") and host_vars["ngrok_connect_endpoint"] is None:
                continue
            self.inventory.add_host(name, group=group or None)
            for key, value in host_vars.items():
                self.inventory.set_variable(name, key, value)
            self._set_composite_vars(self.get_option("compose"), self.inventory.get_host(name).get_vars(), name,
                                     strict=strict)
            self._add_host_to_composed_groups(self.get_option("groups"), {}, name, strict=strict)
            self._add_host_to_keyed_groups(self.get_option("keyed_groups"), {}, name, strict=strict)

    def parse(self, inventory, loader, path, cache=True):
        super(InventoryModule, self).parse(inventory, loader, path, cache)
        if not HAS_REQUESTS:
            raise AnsibleParserError("the ngrok inventory plugin needs the Python library requests on the controller")
        self._read_config_data(path)
        self.templar.available_variables = self._vars

        api_url = self._templated("api_url") or DEFAULT_API_URL
        if not api_url.startswith(("https://", "http://")):
            raise AnsibleParserError("ngrok inventory: api_url must start with https:// or http://, got {0!r}".format(api_url))
        warning = insecure_url_warning(api_url)
        if warning:
            self.display.warning(warning)
        sessions_filter = self._templated("sessions_filter") or None
        endpoints_filter = self._templated("endpoints_filter") or None

        api_key = self._templated("api_key")

        # The lists depend on where they come from (the account the key belongs to) and how they were narrowed, not
        # only on this file. The cache key holds a digest of the API key, never the key.
        key_digest = hashlib.sha256((api_key or "").encode("utf-8")).hexdigest()[:16]
        scope = json.dumps([api_url, key_digest, sessions_filter, endpoints_filter]).encode("utf-8")
        cache_key = "{0}_{1}".format(self.get_cache_key(path), hashlib.sha1(scope).hexdigest()[:12])
        use_cache = self.get_option("cache")
        data = None
        if use_cache and cache:
            try:
                data = self._cache[cache_key]
            except KeyError:
                data = None
        if data is None:
            try:
                client = self._make_client(api_key, api_url)
            except NgrokConfigError as exc:
                raise AnsibleParserError("ngrok inventory: {0}".format(exc))
            try:
                data = self._read_api(client, sessions_filter, endpoints_filter)
            finally:
                warning = client.wait_warning()
                if warning:
                    self._warn(warning)
            if use_cache:
                self._cache[cache_key] = data
        self._populate(data, only_listed_sessions=bool(sessions_filter))
