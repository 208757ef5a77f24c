# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
name: ngrok
short_description: Read ngrok API resources in templates
version_added: 0.2.0
description:
  - Lists the objects of one or more collections of the ngrok API (reserved domains, endpoints, IP policies, ...) or
    reads one object by id, on the controller, through the same client as the collection's modules (authentication,
    retries, every page of a list).
  - Returns a list of objects. Use C(query()) or C(wantlist=true) to always get a list.
  - The answers are marked unsafe, so text in them is never templated.
  - C(module_defaults) does not reach lookups (an Ansible rule). Set the connection options as keyword arguments, or
    through the E(NGROK_API_KEY), E(NGROK_API_URL), E(NGROK_TIMEOUT), E(NGROK_RETRIES), E(NGROK_VALIDATE_CERTS) and
    E(NGROK_CA_PATH) environment variables, which the modules read too.
author:
  - ngrok.ngrok contributors (@ngrok)
extends_documentation_fragment:
  - ngrok.ngrok.connection.plugin
options:
  _terms:
    description:
      - The API's plural name of each collection to read, for example V(reserved_domains), V(endpoints),
        V(ip_policies), V(api_keys), V(credentials), V(secrets), V(tunnels), V(app/users).
    required: true
    type: list
    elements: str
  id:
    description:
      - Read the object with this id instead of listing. An id that does not exist gives an empty list.
      - Only with a single term.
    type: str
  filter:
    description:
      - A CEL expression over C(obj) that the API evaluates to narrow the list, for example
        V(obj.domain.endsWith(".example.com")).
      - See U(https://ngrok.com/docs/api/api-filtering/) for the collections and fields that accept one.
    type: str
  api_key:
    description:
      - An ngrok API key. May be a templated or vaulted value.
    type: str
    env:
      - name: NGROK_API_KEY
  api_url:
    description:
      - Base URL of the ngrok API.
    type: str
    default: https://api.ngrok.com
    env:
      - name: NGROK_API_URL
seealso:
  - module: ngrok.ngrok.ngrok_api
"""

EXAMPLES = r"""
- name: Every reserved domain under example.com
  ansible.builtin.debug:
    msg: "{{ query('ngrok.ngrok.ngrok', 'reserved_domains', filter='obj.domain.endsWith(\".example.com\")') | map(attribute='domain') }}"

- name: The id of the office IP policy, for a traffic policy
  ansible.builtin.set_fact:
    office_policy_id: "{{ (query('ngrok.ngrok.ngrok', 'ip_policies', filter='obj.description == \"office\"') | first).id }}"

- name: One endpoint by id, with an API key from a vault
  ansible.builtin.debug:
    msg: "{{ lookup('ngrok.ngrok.ngrok', 'endpoints', id='ep_2Zx8example3RcLhDdPp4TtEFq9W', api_key=vaulted_ngrok_key) }}"
"""

RETURN = r"""
_raw:
  description: The objects read, each as the API returns it.
  type: list
  elements: dict
"""

import re

from ansible.errors import AnsibleLookupError
from ansible.plugins.lookup import LookupBase
from ansible.utils.display import Display
from ansible.utils.unsafe_proxy import wrap_var

from ansible_collections.ngrok.ngrok.plugins.module_utils._client import HAS_REQUESTS, NgrokClient, insecure_url_warning
from ansible_collections.ngrok.ngrok.plugins.module_utils._errors import NgrokAPIError, NgrokConfigError
from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.registry import by_plural

display = Display()


def _warn(text):
    display.warning("ngrok lookup: {0}".format(text))


_COLLECTION = re.compile(r"^[a-z_]+(/[a-z_]+)?$")


def collection_of(term):
    """(path, list key or None, Resource or None) of a plural collection name."""
    resource = by_plural(term)
    if resource is not None:
        return resource.path, resource.list_key, resource
    return "/" + term, None, None


class LookupModule(LookupBase):

    def run(self, terms, variables=None, **kwargs):
        self.set_options(var_options=variables, direct=kwargs)
        if not HAS_REQUESTS:
            raise AnsibleLookupError("the ngrok lookup needs the Python library requests on the controller")
        if not terms:
            raise AnsibleLookupError("name at least one collection, for example 'reserved_domains'")
        object_id = self.get_option("id")
        if object_id is not None and len(terms) != 1:
            raise AnsibleLookupError("id reads one object: give exactly one collection with it")
        api_url = self.get_option("api_url")
        warning = insecure_url_warning(api_url)
        if warning:
            display.warning(warning)
        try:
            client = NgrokClient(api_key=self.get_option("api_key"), api_url=api_url, timeout=self.get_option("timeout"),
                                 retries=self.get_option("retries"), validate_certs=self.get_option("validate_certs"),
                                 ca_path=self.get_option("ca_path"), notify=_warn)
        except NgrokConfigError as exc:
            raise AnsibleLookupError(str(exc))
        try:
            return wrap_var(self._read(client, terms, object_id))
        finally:
            warning = client.wait_warning()
            if warning:
                _warn(warning)

    def _read(self, client, terms, object_id):
        results = []
        for term in terms:
            if not isinstance(term, str) or not _COLLECTION.match(term):
                raise AnsibleLookupError("{0!r} is not a collection name of the ngrok API, such as 'reserved_domains'".format(term))
            path, list_key, resource = collection_of(term)
            try:
                if object_id is not None:
                    if resource is not None and resource.check_id(object_id):
                        raise AnsibleLookupError(resource.check_id(object_id))
                    if resource is None and not re.match(r"^[A-Za-z0-9_]+$", object_id):
                        raise AnsibleLookupError("id must be an ngrok id (letters, digits and _), got {0!r}".format(object_id))
                    obj = client.get_or_none("{0}/{1}".format(path, object_id))
                    results.extend([obj] if obj is not None else [])
                elif resource is not None and resource.list_key is None:
                    raise AnsibleLookupError("the API cannot list {0}: read one with the id option".format(term))
                else:
                    results.extend(client.list(path, list_key, cel_filter=self.get_option("filter")))
            except NgrokAPIError as exc:
                raise AnsibleLookupError(client.redact(str(exc)))
        return results
