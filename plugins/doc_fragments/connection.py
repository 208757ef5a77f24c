# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    """Connection options shared by every module of the collection."""

    DOCUMENTATION = r"""
options:
  api_key:
    description:
      - An ngrok API key (the token shown once when the key was created, not its C(ak_) id).
      - If not set, the value of the E(NGROK_API_KEY) environment variable is used.
      - Set it once for all modules with C(module_defaults) and the action group C(ngrok.ngrok.ngrok).
    type: str
  api_url:
    description:
      - Base URL of the ngrok API.
      - If not set, the value of the E(NGROK_API_URL) environment variable is used, else V(https://api.ngrok.com).
      - Point it at another server, such as the collection's local simulator, to try playbooks without an account.
    type: str
    default: https://api.ngrok.com
  timeout:
    description:
      - Seconds to wait for the API to connect and to answer each request.
      - If not set, the value of the E(NGROK_TIMEOUT) environment variable is used, else V(30).
    type: float
    default: 30
  retries:
    description:
      - How many times a request is repeated when the API answers HTTP 429, 502, 503 or 504, or cannot be reached.
      - If not set, the value of the E(NGROK_RETRIES) environment variable is used, else V(5).
      - Waits grow exponentially with jitter and follow the C(Retry-After) header when the API sends one.
      - When the API cannot be reached on the first attempt, the task's result warns that it retried and for how long
        at most; when the task waited more than a few seconds in all (a rate limit, an overloaded API), a warning
        gives the total.
      - A create request whose outcome is unknown is never repeated before the object has been looked up again,
        so a retry never creates a duplicate. Without any answer (a timeout), the API may still make the object
        after that lookup, so the create is repeated only for objects the API keeps unique (a domain, a vault name);
        for the others the task fails, and its next run finds the object if the API made it.
    type: int
    default: 5
  validate_certs:
    description:
      - Whether to verify the API's TLS certificate. Only turn this off for a test server.
      - If not set, the value of the E(NGROK_VALIDATE_CERTS) environment variable is used, else V(true).
    type: bool
    default: true
  ca_path:
    description:
      - A PEM file of CA certificates (or an OpenSSL hashed directory of them) to verify the API's TLS certificate
        with, instead of the system's trust store; for an API behind a proxy that re-signs TLS with its own CA.
      - If not set, the value of the E(NGROK_CA_PATH) environment variable is used.
      - Ignored when O(validate_certs=false).
    type: path
    version_added: 0.2.0
requirements:
  - requests
notes:
  - The ngrok API allows 120 requests per rolling minute per account. A task that finds nothing to change costs
    one request per object (its lookup); a change adds one request per create, update or delete.
  - C(module_defaults) for the action group C(group/ngrok.ngrok.ngrok) reaches modules only. The lookup and the
    inventory plugin of this collection read the same environment variables (E(NGROK_API_KEY), E(NGROK_API_URL),
    E(NGROK_TIMEOUT), E(NGROK_RETRIES), E(NGROK_VALIDATE_CERTS), E(NGROK_CA_PATH)) or their own options.
"""

    # Options of the lookup and inventory plugins that every module also has (each plugin documents its own
    # api_key and api_url, which it templates differently).
    PLUGIN = r"""
options:
  timeout:
    description:
      - Seconds to wait for the API to connect and to answer each request.
    type: float
    default: 30
    env:
      - name: NGROK_TIMEOUT
  retries:
    description:
      - How many times a request is repeated after HTTP 429, 502, 503, 504 or a failed connection.
      - When the API cannot be reached on the first attempt, a warning says that the plugin retries and for how long
        at most; when the plugin waited more than a few seconds in all, a warning gives the total.
    type: int
    default: 5
    env:
      - name: NGROK_RETRIES
  validate_certs:
    description:
      - Whether to verify the API's TLS certificate. Only turn this off for a test server.
    type: bool
    default: true
    env:
      - name: NGROK_VALIDATE_CERTS
  ca_path:
    description:
      - A PEM file of CA certificates (or an OpenSSL hashed directory of them) to verify the API's TLS certificate
        with, instead of the system's trust store.
      - Ignored when O(validate_certs=false).
    type: path
    env:
      - name: NGROK_CA_PATH
requirements:
  - requests
"""
