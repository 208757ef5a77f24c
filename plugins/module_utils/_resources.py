# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Every ngrok API resource the collection declares, in one place (private to this collection).

The declarations live in files by area (``_access.py``, ``_domains.py``, ``_endpoints.py``, ``_ip.py``,
``_vaults.py``, ...); modules import the one they need. This registry is for what works across them all:
the lookup plugin, the contract tests, a task that converges many resources.

Facts come from ngrok's API reference: the request fields of create and update, the keys of the object,
the id prefix, and the fields its filtering documentation lists as filterable
(https://ngrok.com/docs/api/api-filtering/). ``tests/contract`` holds the declarations against ngrok's
OpenAPI description and that table.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.ngrok.ngrok.plugins.module_utils._access import API_KEY, CREDENTIAL, SERVICE_USER
from ansible_collections.ngrok.ngrok.plugins.module_utils._domains import RESERVED_ADDR, RESERVED_DOMAIN
from ansible_collections.ngrok.ngrok.plugins.module_utils._endpoints import ENDPOINT
from ansible_collections.ngrok.ngrok.plugins.module_utils._ip import IP_POLICY, IP_POLICY_RULE, IP_RESTRICTION
from ansible_collections.ngrok.ngrok.plugins.module_utils._vaults import SECRET, VAULT
from ansible_collections.ngrok.ngrok.plugins.module_utils._events import EVENT_DESTINATION, EVENT_SUBSCRIPTION
from ansible_collections.ngrok.ngrok.plugins.module_utils._abuse_reports import ABUSE_REPORT
from ansible_collections.ngrok.ngrok.plugins.module_utils._ai_gateway import AI_GATEWAY_API_KEY
from ansible_collections.ngrok.ngrok.plugins.module_utils._kubernetes import KUBERNETES_OPERATOR
from ansible_collections.ngrok.ngrok.plugins.module_utils._certificates import CERTIFICATE_AUTHORITY, TLS_CERTIFICATE
from ansible_collections.ngrok.ngrok.plugins.module_utils._agent_ingresses import AGENT_INGRESS
from ansible_collections.ngrok.ngrok.plugins.module_utils._ssh import (
    SSH_CERTIFICATE_AUTHORITY,
    SSH_CREDENTIAL,
    SSH_HOST_CERTIFICATE,
    SSH_USER_CERTIFICATE,
)
from ansible_collections.ngrok.ngrok.plugins.module_utils._sessions import (
    APPLICATION_SESSION,
    APPLICATION_USER,
    BOT_USER,
    TUNNEL,
    TUNNEL_SESSION,
)

ALL_RESOURCES = (
    API_KEY, CREDENTIAL, SERVICE_USER,
    RESERVED_DOMAIN, RESERVED_ADDR,
    ENDPOINT,
    IP_POLICY, IP_POLICY_RULE, IP_RESTRICTION,
    VAULT, SECRET,
    EVENT_DESTINATION, EVENT_SUBSCRIPTION,
    ABUSE_REPORT,
    AI_GATEWAY_API_KEY,
    KUBERNETES_OPERATOR,
    TLS_CERTIFICATE, CERTIFICATE_AUTHORITY,
    AGENT_INGRESS,
    SSH_CERTIFICATE_AUTHORITY, SSH_CREDENTIAL, SSH_HOST_CERTIFICATE, SSH_USER_CERTIFICATE,
    TUNNEL_SESSION, TUNNEL, APPLICATION_SESSION, APPLICATION_USER, BOT_USER,
)


def _spec_names(spec, secret):
    """The option names of an argument spec at any depth (suboptions included) that are (``secret``) or are not no_log."""
    names = set()
    for name, option in (spec or {}).items():
        if bool(option.get("no_log")) == secret:
            names.add(name)
        names |= _spec_names(option.get("options"), secret)
    return names


def secret_option_names():
    """Every option name whose value is secret in some declaration: the no_log options at any depth (a secret's value,
    a private key, an event target's secrets) and the values the API shows only once (tokens)."""
    names = set()
    for resource in ALL_RESOURCES:
        names |= _spec_names(resource.argument_spec(), True)
        names |= set(resource.shown_once)
    return names


def option_names():
    """Every option name of every declaration, at any depth, that is not secret in any of them."""
    names = set()
    for resource in ALL_RESOURCES:
        names |= _spec_names(resource.argument_spec(), False)
    return names - secret_option_names()


def scalar_texts(value):
    """The text of every scalar in ``value`` (booleans and nulls are not secrets)."""
    if isinstance(value, dict):
        return [leaf for v in value.values() for leaf in scalar_texts(v)]
    if isinstance(value, (list, tuple)):
        return [leaf for v in value for leaf in scalar_texts(v)]
    if isinstance(value, bool) or value is None:
        return []
    text = u"{0}".format(value)
    return [text] if text.strip() else []


def values_under_secret_keys(value, secret_names=None):
    """Every value under a key that is secret in some declaration (``value``, ``private_key_pem``, an event target's
    ``client_secret``, ``token``...), at any depth of ``value``."""
    secret_names = secret_option_names() if secret_names is None else secret_names
    found = []
    if isinstance(value, dict):
        for key, nested in value.items():
            found.extend(scalar_texts(nested) if key in secret_names else values_under_secret_keys(nested, secret_names))
    elif isinstance(value, (list, tuple)):
        for nested in value:
            found.extend(values_under_secret_keys(nested, secret_names))
    return found


def by_plural(name):
    """The declared resource whose API plural name is ``name``, or None."""
    for resource in ALL_RESOURCES:
        if resource.plural == name:
            return resource
    return None


__all__ = ["ALL_RESOURCES", "by_plural", "option_names", "scalar_texts", "secret_option_names",
           "values_under_secret_keys"] + [r.name.upper() for r in ALL_RESOURCES]
