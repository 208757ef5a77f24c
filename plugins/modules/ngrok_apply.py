#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ngrok_apply
short_description: Converge many ngrok resources of many types in one task
version_added: 0.2.0
description:
  - Takes the desired state of a whole account, or of part of it, as one structure, and converges it with the fewest
    requests the API allows, with no state file. A plan (check mode) costs one paged listing per type; applying it
    adds only the writes that differ.
  - Every object takes the same options as its own module (M(ngrok.ngrok.ngrok_reserved_domain),
    M(ngrok.ngrok.ngrok_ip_policy), ...), including C(state), C(id) and C(replace), and is found the same way,
    by id or by its natural key.
  - Types are converged in the order their references need (IP policies before the restrictions and rules that
    name them, vaults before their secrets, domains before the endpoints on them), and objects are deleted in the
    reverse order.
  - References by natural key (C(ip_policy_descriptions) of an IP restriction, C(vault_name) of a secret, ...) may
    name objects the same task creates; in check mode they resolve to the objects the plan would create.
author:
  - ngrok.ngrok contributors (@ngrok)
extends_documentation_fragment:
  - ngrok.ngrok.connection
  - ngrok.ngrok.attributes
attributes:
  check_mode:
    description: Check mode is the plan, sending only listings; RV(plan) and RV(resources) hold the predicted result.
    support: full
  diff_mode:
    description: Shows each object that changes, before and after, headed by its type and key.
    support: full
  idempotent:
    description: A second run with the same input reports no change and sends one listing per type.
    support: full
options:
  resources:
    description:
      - A mapping from the API's plural type names (V(reserved_domains), V(reserved_addrs), V(endpoints),
        V(ip_policies), V(ip_policy_rules), V(ip_restrictions), V(credentials), V(service_users), V(api_keys),
        V(vaults), V(secrets), ...) to lists of desired objects.
      - Each object has the options of the type's module, except the connection options.
      - A type that is not named is not read or changed.
    type: dict
    default: {}
  prune:
    description:
      - Plural type names whose objects that O(resources) does not list are deleted. Never a type it does not name.
      - Cloud endpoints are the only endpoints pruned; the API key the task runs with is never pruned.
      - Inline children (the rules of an IP policy) are pruned with the C(purge_rules) option of their parent, which
        keeps the rules that items of V(ip_policy_rules) list for that policy too.
      - An object that an item designates is never pruned, whether or not converging the item succeeded. When an item
        fails, every object its C(id) or natural key matches is kept (all of them when several match), with the
        children of the objects a failed parent item designates when it lists children (the rules of an IP policy),
        and what the task created. When what a failed item designates cannot be known (its natural key names another
        object by a key that matches none, such as V(ip_policy_description) with a typo), no object of its type is
        pruned, and RV(failures) says so (C(prune of <type> skipped)); in check mode a warning says so.
    type: list
    elements: str
    default: []
  prune_allow_empty:
    description:
      - A type in O(prune) with no object listed in O(resources) would delete every object of that type, so it is
        refused unless this is V(true). Objects listed with C(state=absent) do not count, as they keep nothing.
    type: bool
    default: false
notes:
  - When some objects fail, the others are still converged, the task fails listing the failures in RV(failures),
    and RV(plan) and RV(resources) say what was done, as does the diff in diff mode. A re-run finishes the work.
  - Objects whose natural key is not unique in the API (descriptions) are matched by it as in their modules. More than
    one match is a failure of that object, with the ids.
  - Two items that designate the same object (the same C(id), or the same natural key once normalised, such as
    V(DUP.example.com.) and V(dup.example.com)), and a rule listed both under its IP policy's C(rules) and under
    V(ip_policy_rules), are refused before any request, as they would overwrite each other on every run.
seealso:
  - module: ngrok.ngrok.ngrok_reserved_domain
  - module: ngrok.ngrok.ngrok_ip_policy
  - module: ngrok.ngrok.ngrok_endpoint
"""

EXAMPLES = r"""
- name: The whole edge of the account, in one task
  ngrok.ngrok.ngrok_apply:
    resources:
      reserved_domains:
        - domain: app.example.com
        - domain: api.example.com
          certificate_management_policy:
            private_key_type: rsa
      ip_policies:
        - description: office
          rules:
            - {cidr: 203.0.113.0/24, action: allow}
          purge_rules: true
      ip_restrictions:
        - type: dashboard
          ip_policy_descriptions: [office]
      vaults:
        - name: prod
      secrets:
        # The value comes from Ansible Vault (ansible-playbook -e @vault.yml); the module hides it in its result,
        # so the task needs no no_log, which would hide its errors too.
        - vault_name: prod
          name: upstream-token
          value: "{{ vault_upstream_token }}"
      endpoints:
        - url: https://app.example.com
          traffic_policy:
            on_http_request:
              - actions:
                  - type: forward-internal
                    config: {url: https://app.internal}
    prune: [reserved_domains, endpoints]
  register: account

- name: Show the endpoints' URLs and ids
  ansible.builtin.debug:
    msg: "{{ account.resources.endpoints | items2dict(key_name='url', value_name='id') }}"

- name: Plan a change without making it (www.example.com would be reserved, api.example.com released)
  ngrok.ngrok.ngrok_apply:
    resources:
      reserved_domains:
        - domain: app.example.com
        - domain: www.example.com
    prune: [reserved_domains]
  check_mode: true
  register: plan

- name: Print what would change, per type and action
  ansible.builtin.debug:
    var: plan.plan
"""

RETURN = r"""
plan:
  description:
    - Per type, how many objects were (in check mode, would be) C(created), C(updated), C(replaced), C(deleted) and
      left C(unchanged). Inline children (IP policy rules) count under their own type, and a parent whose children
      alone changed counts as unchanged.
  returned: always
  type: dict
  sample: {"reserved_domains": {"created": 1, "updated": 0, "replaced": 0, "deleted": 2, "unchanged": 97}}
resources:
  description:
    - Per type, the objects after the run, in the order of O(resources); in check mode, the predicted objects (an
      object to be created has a placeholder C(id) naming it). Each has the keys of its module's result.
  returned: always
  type: dict
  sample: {"vaults": [{"id": "vault_2Zx8example3RcLhDdPp4TtEFq9W", "name": "prod"}]}
failures:
  description:
    - The objects that could not be converged, with the reason and, from the API, its error_code and operation_id.
    - A type of O(prune) that was not pruned because what a failed object designates is not known has an entry too,
      with C(object) V((prune\)) and a C(msg) starting with C(prune of <type> skipped).
  returned: always
  type: list
  elements: dict
  sample: [{"type": "ip_restrictions", "object": "dashboard", "msg": "ip_policy_descriptions: no IP policy has description 'lab'"}]
"""

from ansible_collections.ngrok.ngrok.plugins.module_utils._apply import Apply
from ansible_collections.ngrok.ngrok.plugins.module_utils._engine import EngineError
from ansible_collections.ngrok.ngrok.plugins.module_utils._module import NgrokModule


def main():
    module = NgrokModule(
        argument_spec=dict(
            resources=dict(type="dict", default={}),
            prune=dict(type="list", elements="str", default=[]),
            prune_allow_empty=dict(type="bool", default=False),
        ),
        supports_check_mode=True,
    )
    params = module.params
    run = Apply(module.client, params["resources"], prune=params["prune"], prune_allow_empty=params["prune_allow_empty"],
                check_mode=module.check_mode)

    def work():
        # Secret values nested in the input (secret values, private keys, event target secrets) are masked in
        # everything the module returns, its invocation included, like the no_log options of their modules.
        module.module.no_log_values.update(run.secret_values())
        try:
            result = run.run()
        finally:
            for warning in run.warnings:
                module.module.warn(warning)
        if not module.module._diff:
            result.pop("diff", None)
        if result["failures"]:
            # What was done before and beside the failures is returned too, its diff included.
            done = dict((k, result[k]) for k in ("plan", "resources", "failures", "diff") if k in result)
            raise EngineError("{0} of the objects could not be converged: {1}".format(
                len(result["failures"]), "; ".join("{type} {object}: {msg}".format(**f) for f in result["failures"])),
                **done)
        return result

    module.run(work)


if __name__ == "__main__":
    main()
