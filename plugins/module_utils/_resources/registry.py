# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Every ngrok API resource the collection declares, in one place (private to this collection).

The declarations live in files by area (``access.py``, ``domains.py``, ``endpoints.py``, ``ip.py``,
``vaults.py``, ...) beside this one; modules import the one they need. This registry is for what works across them all:
the lookup plugin, the contract tests, a task that converges many resources (which takes the types that have a resource
module, in the order their references need).

Facts come from ngrok's API reference: the request fields of create and update, the keys of the object,
the id prefix, and the fields its filtering documentation lists as filterable
(https://ngrok.com/docs/api/api-filtering/). ``tests/contract`` holds the declarations against ngrok's
OpenAPI description and that table.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.access import API_KEY, CREDENTIAL, SERVICE_USER
from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.domains import RESERVED_ADDR, RESERVED_DOMAIN
from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.endpoints import ENDPOINT
from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.ip import IP_POLICY, IP_POLICY_RULE, IP_RESTRICTION
from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.vaults import SECRET, VAULT
from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.events import EVENT_DESTINATION, EVENT_SUBSCRIPTION
from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.abuse_reports import ABUSE_REPORT
from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.ai_gateway import AI_GATEWAY_API_KEY
from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.kubernetes import KUBERNETES_OPERATOR
from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.certificates import (
    CERTIFICATE_AUTHORITY,
    TLS_CERTIFICATE,
)
from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.agent_ingresses import AGENT_INGRESS
from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.ssh import (
    SSH_CERTIFICATE_AUTHORITY,
    SSH_CREDENTIAL,
    SSH_HOST_CERTIFICATE,
    SSH_USER_CERTIFICATE,
)
from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.sessions import (
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


def dependency_order(resources=ALL_RESOURCES):
    """The resources, each after the ones its references and declared dependencies name."""
    ordered = []
    visiting = set()

    def visit(resource):
        if resource in ordered:
            return
        if resource.name in visiting:
            raise ValueError("dependency cycle through {0}".format(resource.name))
        visiting.add(resource.name)
        for dependency in resource_dependencies(resource):
            visit(dependency)
        visiting.discard(resource.name)
        ordered.append(resource)

    for resource in resources:
        visit(resource)
    return ordered


def resource_dependencies(resource):
    found = [ref.target for ref in resource.references]
    found.extend(by_plural(name) for name in resource.depends_on)
    found.extend(by_plural(refers.target) for _option, refers in resource.refers())
    if resource.children is not None:
        found.extend(resource_dependencies(resource.children.resource))
    return [r for r in found if r is not None and r is not resource]


def convergeable_types():
    """The types a task converging many resources takes: those with a resource module and a list."""
    return [r for r in ALL_RESOURCES if r.convergeable]


def by_plural(name):
    """The declared resource whose API plural name is ``name``, or None."""
    for resource in ALL_RESOURCES:
        if resource.plural == name:
            return resource
    return None


__all__ = ["ALL_RESOURCES", "by_plural", "convergeable_types", "dependency_order", "resource_dependencies"] + [r.name.upper() for r in ALL_RESOURCES]
