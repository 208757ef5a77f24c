#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ngrok_account_info
short_description: Export an ngrok account as the resources of ngrok_apply
version_added: 0.2.0
description:
  - Reads every manageable type of the account, or the O(types) given, with one paged listing per type, and returns
    RV(resources) in exactly the shape M(ngrok.ngrok.ngrok_apply) takes, with RV(prune) naming the types exported.
    Converging the same account with both changes nothing; the playbook C(ngrok.ngrok.export_account) writes them
    as a YAML vars file to keep in git.
  - Each object has only the options its module takes, without read-only or server-assigned values and without
    values equal to the API's defaults. Objects are sorted by natural key, then id, so that the same account gives
    the same result, byte for byte in RV(vars_file).
  - An object is found by its natural key (a domain, a URL, a description, a vault and a name, ...). When that key is
    empty, or shared by several objects of the type (two IP policies with the same description), the object is
    designated by C(id) as well, which only this account has.
  - A reference to another object names it by its natural key when no other object of its type has that key
    (V(ip_policy_descriptions), V(vault_name), V(destination_descriptions), V(ssh_certificate_authority_description)),
    by id otherwise. RV(references) says which, for each reference.
  - The rules of an IP policy are given inline, under the policy's C(rules), with C(purge_rules=true), when both
    V(ip_policies) and V(ip_policy_rules) are exported; V(ip_policy_rules) alone are exported as items of their own
    type. RV(inline) says so.
  - Values the API never returns (secret values, private keys, the secrets of event destination targets) are never
    read or invented. Each is a placeholder, C({{ vault_ngrok_... | default(omit, true\) }}), naming a variable of the
    vault template RV(vault_template); RV(placeholders) lists them. Tokens are never read or returned.
  - What another account cannot hold as it is is listed in RV(not_portable) with the reasons, and marked by a
    comment in RV(vars_file) (addresses and DNS targets ngrok assigns, subdomains of ngrok's, objects designated or
    named by id, objects of other users, the certificates ngrok manages, legacy AI gateways).
  - An owner is written only when it is a service user (C(owner_name)). An object owned by a user has no owner in
    RV(resources), since it belongs to whoever creates it; it is flagged when that user is not the owner of the API
    key the export runs with (when the account does not list that key, the user who owns the most objects).
author:
  - ngrok.ngrok contributors (@ngrok)
extends_documentation_fragment:
  - ngrok.ngrok.connection
  - ngrok.ngrok.attributes
  - ngrok.ngrok.attributes.INFO
options:
  types:
    description:
      - The API's plural names of the types to export. Default, every type that has a resource module and can be
        created by a task; types whose objects only ngrok or agents create (tunnel sessions, application users, ...)
        cannot be exported.
      - Types that the exported ones refer to are read too (one listing each), to tell whether their natural keys are
        unique, but not exported.
    type: list
    elements: str
    choices: [api_keys, credentials, service_users, reserved_domains, reserved_addrs, endpoints, ip_policies,
              ip_policy_rules, ip_restrictions, vaults, secrets, event_destinations, event_subscriptions,
              ai_gateway_api_keys, tls_certificates, certificate_authorities, agent_ingresses,
              ssh_certificate_authorities, ssh_credentials, ssh_host_certificates, ssh_user_certificates]
  variable:
    description:
      - The name of the variable that RV(vars_file) defines with the resources; it defines C(<variable>_prune) with the
        types to prune too.
    type: str
    default: ngrok_account
notes:
  - Before giving RV(resources) of another account to M(ngrok.ngrok.ngrok_apply), fill in the vault template, and
    remove or change what RV(not_portable) lists with a reason an account cannot take (an C(id) or a reference by id,
    which only the exported account has; a subdomain of ngrok's or a TCP address the exported account holds).
  - The placeholders are Jinja expressions, which Ansible renders when it reads them from a file. Write
    RV(vars_file) to a file and load it (C(vars_files), C(include_vars)) rather than passing RV(resources) of a
    registered result to M(ngrok.ngrok.ngrok_apply), where Ansible would leave them as text.
seealso:
  - module: ngrok.ngrok.ngrok_apply
"""

EXAMPLES = r"""
- name: Export the account
  ngrok.ngrok.ngrok_account_info:
  register: export

- name: A directory for it
  ansible.builtin.file:
    path: ngrok
    state: directory
    mode: "0700"

- name: Keep it in git, beside the vault template of the values the API never returns
  ansible.builtin.copy:
    content: "{{ item.content }}"
    dest: "{{ item.dest }}"
    mode: "0600"
  loop:
    - {content: "{{ export.vars_file }}", dest: ngrok/account.yml}
    - {content: "{{ export.vault_template }}", dest: ngrok/account.vault.yml}
  loop_control:
    label: "{{ item.dest }}"

- name: Only the edge of the account
  ngrok.ngrok.ngrok_account_info:
    types: [reserved_domains, endpoints, ip_policies, ip_policy_rules, ip_restrictions]
  register: edge

- name: What another account could not take as it is
  ansible.builtin.debug:
    msg: "{{ edge.not_portable | map(attribute='object') | list }}"
"""

RETURN = r"""
resources:
  description:
    - Per type, the objects as M(ngrok.ngrok.ngrok_apply) takes them, sorted by natural key, then id.
    - Values the API never returns are placeholders (see RV(placeholders)).
  returned: always
  type: dict
  sample:
    vaults: [{"name": "prod", "description": "production"}]
    secrets: [{"vault_name": "prod", "name": "db-password",
               "value": "{{ vault_ngrok_secret_prod_db_password_value | default(omit, true) }}"}]
    ip_policies: [{"description": "office", "rules": [{"cidr": "203.0.113.0/24", "action": "allow"}],
                   "purge_rules": true}]
prune:
  description:
    - The types of RV(resources) that hold objects, for the O(ngrok.ngrok.ngrok_apply#module:prune) option.
    - A type without any object is not pruned, as M(ngrok.ngrok.ngrok_apply) refuses to delete every object of a type
      unless told so (O(ngrok.ngrok.ngrok_apply#module:prune_allow_empty)); an object made there later by hand shows in
      the next export.
  returned: always
  type: list
  elements: str
  sample: [vaults, secrets, ip_policies]
counts:
  description: How many objects of each type were exported, the inline ones included.
  returned: always
  type: dict
  sample: {"vaults": 1, "secrets": 1, "ip_policies": 1, "ip_policy_rules": 1}
inline:
  description: The types exported inline, under the option of their parent, and the parent's purge option.
  returned: always
  type: list
  elements: dict
  sample: [{"type": "ip_policy_rules", "parent": "ip_policies", "option": "rules", "purge_option": "purge_rules"}]
references:
  description:
    - Each reference of an exported object to another object, and whether it names it by its natural key (C(key))
      or by id (C(id)).
  returned: always
  type: list
  elements: dict
  contains:
    type:
      description: The type of the object that refers.
      type: str
      sample: secrets
    object:
      description: The natural key of the object that refers (its id when only its id designates it).
      type: str
      sample: prod/db-password
    option:
      description: The option that holds the reference.
      type: str
      sample: vault_name
    target:
      description: The type of the object it names.
      type: str
      sample: vaults
    by:
      description: V(key), the target's natural key, unique in the account; or V(id).
      type: str
      sample: key
placeholders:
  description: The values the API never returns, which must be supplied from a vault to create their objects.
  returned: always
  type: list
  elements: dict
  contains:
    variable:
      description: The variable of the vault template that supplies the value.
      type: str
      sample: vault_ngrok_secret_prod_db_password_value
    type:
      description: The type of the object.
      type: str
      sample: secrets
    object:
      description: The natural key of the object.
      type: str
      sample: prod/db-password
    option:
      description: The option that takes the value, with the path inside it for a value nested in a mapping.
      type: str
      sample: value
not_portable:
  description:
    - The exported objects that another account cannot hold as they are, each with its reasons. The other objects
      can be converged into any account as they are.
  returned: always
  type: list
  elements: dict
  contains:
    type:
      description: The type of the object.
      type: str
      sample: reserved_addrs
    object:
      description: The natural key of the object (its id when only its id designates it).
      type: str
      sample: ssh bastion
    id:
      description: The id of the object in this account.
      type: str
      sample: ra_2Zx8example3RcLhDdPp4TtEFq9W
    reasons:
      description: Why, one sentence each.
      type: list
      elements: str
      sample: ["ngrok assigned its addr (1.tcp.ngrok.io:20002): another account gets another"]
vars_file:
  description:
    - RV(resources) and RV(prune) as the text of a YAML vars file defining O(variable) and C(<variable>_prune), in
      block style, one object per list entry, with a comment before each object of RV(not_portable), and text that
      Ansible would template marked C(!unsafe). The same account gives the same bytes.
  returned: always
  type: str
  sample: "---\n# The ngrok account as code ...\nngrok_account:\n  vaults:\n    - name: prod\n"
vault_template:
  description:
    - The text of a YAML vars file defining each variable of RV(placeholders) as an empty value, with a comment naming
      its object; fill it in and encrypt it with C(ansible-vault).
  returned: always
  type: str
  sample: "---\n# ...\n# secrets prod/db-password: value\nvault_ngrok_secret_prod_db_password_value: \"\"\n"
"""

import re

from ansible_collections.ngrok.ngrok.plugins.module_utils._export import (
    DEFAULT_VARIABLE,
    export_account,
    exportable_types,
    read_account,
    resources_to_read,
)
from ansible_collections.ngrok.ngrok.plugins.module_utils._module import NgrokModule
from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.registry import by_plural

_VARIABLE = r"^[A-Za-z_][A-Za-z0-9_]*$"


def main():
    module = NgrokModule(
        argument_spec=dict(
            types=dict(type="list", elements="str", choices=exportable_types()),
            variable=dict(type="str", default=DEFAULT_VARIABLE),
        ),
        supports_check_mode=True,
    )
    params = module.params
    if not re.match(_VARIABLE, params["variable"] or ""):
        module.fail_json(msg="variable must be a variable name (letters, digits and _, not starting with a "
                             "digit), got {0!r}".format(params["variable"]))
    wanted = params["types"] or exportable_types()
    chosen = [by_plural(name) for name in exportable_types() if name in wanted]

    def work():
        listings = read_account(module.client, resources_to_read(chosen))
        result = export_account(listings, chosen, own_key_id=module.client.api_key_id, variable=params["variable"])
        result["changed"] = False
        return result

    module.run(work)


if __name__ == "__main__":
    main()
