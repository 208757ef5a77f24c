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
  - Check mode is the plan of the run. It sends only listings, and every change it predicts (a creation, a new
    description, a replacement, a deletion) is in the view that the next objects and prune see, so the plan counts
    what the run would do, and reports C(changed) as the run would, when some objects would fail too.
  - References are part of the desired state. An object that something staying in the account refers to is never
    deleted, neither by prune nor by an object with C(state=absent). What refers to an object is what an item of
    the task names (by id or by natural key, in any option, such as C(ip_policy_id), C(ip_policy_description),
    C(ip_policy_ids), C(certificate_id), C(vault_id), C(vault_name), C(destination_ids),
    C(ssh_certificate_authority_id), C(endpoint_id), C(owner_id) of a service user), the reserved domain or TCP
    address an endpoint's URL lives on, and, inside a traffic policy, the IP policies of C(restrict-ips) actions,
    the vaults and secrets of C(secrets.get()) expressions and the internal endpoints of C(forward-internal)
    actions; and the same references held by the objects that stay in the account, whether the task names their
    type or not. The rules of an IP policy are the exception, as they go with their policy.
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
    description: A second run with the same input reports no change and sends only the listings the notes count.
    support: full
options:
  resources:
    description:
      - A mapping from the API's plural type names to lists of desired objects.
      - The types are those that have a resource module and that the API can list (V(agent_ingresses),
        V(ai_gateway_api_keys), V(api_keys), V(application_sessions), V(application_users),
        V(certificate_authorities), V(credentials), V(endpoints), V(event_destinations), V(event_subscriptions),
        V(ip_policies), V(ip_policy_rules), V(ip_restrictions), V(reserved_addrs), V(reserved_domains), V(secrets),
        V(service_users), V(ssh_certificate_authorities), V(ssh_credentials), V(ssh_host_certificates),
        V(ssh_user_certificates), V(tls_certificates), V(vaults)). Any other name (a type only an C(_info) module
        reads, such as V(kubernetes_operators) or V(tunnel_sessions), a singular name, or the API's path such as
        V(vault_secrets)) fails before any request, naming the valid types.
      - Each object has the options of the type's module, except the connection options, and the states that
        module offers (V(application_users) and V(application_sessions) take only V(absent)).
      - A type that is not named is not read or changed.
      - Values that the modules take as secret (a secret's C(value), private keys, event target secrets) are masked in
        everything the task returns, at any verbosity, and so is, when the input is not right, what could be one (the
        value of an option no module has, an item that is not a mapping).
    type: dict
    default: {}
  prune:
    description:
      - Plural type names whose objects that O(resources) does not list are deleted. Never a type it does not name.
        The valid names are those of O(resources).
      - Cloud endpoints are the only endpoints pruned; the API key the task runs with is never pruned.
      - An object that something refers to (an item of the task, or an object that stays, as the description says) is
        kept, and RV(kept) says which and why. Types are pruned in the reverse order of their references, so the
        objects that go together (a restriction and the policy it names, both pruned) do not keep each other.
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
  - 'Requests: one paged listing (100 objects a request) of each type that O(resources) names, of the children of the
    parents that list them (the rules of existing IP policies with C(rules)), and of each type that an item names by
    natural key; a pruned type adds its own listing, and one of each type whose objects can refer to it, when the
    task has not read it already (pruning IP policies reads IP restrictions and endpoints). A run that changes
    nothing sends only these listings; a change adds only its writes, plus one listing of a type whose natural key
    is not unique after objects of it were created (to find twins a run at the same time made).'
  - When some objects fail, the others are still converged, the task fails listing the failures in RV(failures),
    and RV(plan) and RV(resources) say what was done, as does the diff in diff mode. A re-run finishes the work.
  - Objects whose natural key is not unique in the API (descriptions) are matched by it as in their modules. More than
    one match is a failure of that object, with the ids.
  - Two items that designate the same object (the same C(id), or the same natural key once normalised, such as
    V(DUP.example.com.) and V(dup.example.com)), and a rule listed both under its IP policy's C(rules) and under
    V(ip_policy_rules), are refused before any request, as they would overwrite each other on every run. So are, once
    the listings are read and before any write, two items that designate one object by different means (one by
    C(id), the other by its natural key).
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
      left C(unchanged), and how many objects of a pruned type that no item lists were C(kept) (see RV(kept)).
      Inline children (IP policy rules) count under their own type, and a parent whose children alone changed counts
      as unchanged.
  returned: always
  type: dict
  sample: {"reserved_domains": {"created": 1, "updated": 0, "replaced": 0, "deleted": 2, "unchanged": 97, "kept": 1}}
kept:
  description:
    - The objects of pruned types that no item lists and that prune kept, each with its C(type), C(id) and the
      C(reason) it was kept (what refers to it, an item of the task or an object that stays; a failed item that
      designates it; or the API key the task runs with). A warning says the same.
  returned: always
  type: list
  elements: dict
  sample: [{"type": "ip_policies", "id": "ipp_2Zx8example3RcLhDdPp4TtEFq9W",
            "reason": "IP restriction ipx_2Zx8example3RcLhDdPp4TtEFq9W uses it (ip_policy_ids)"}]
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
from ansible_collections.ngrok.ngrok.plugins.module_utils._secrets import secret_values
from ansible_collections.ngrok.ngrok.plugins.module_utils._errors import EngineError
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
    # Secret values nested in the input (secret values, private keys, event target secrets, and what could be one in
    # input that is not right) are masked in everything the module returns, its invocation included, before anything
    # is checked, like the no_log options of their modules.
    module.mask(secret_values(params["resources"]))
    run = Apply(module.client, params["resources"], prune=params["prune"], prune_allow_empty=params["prune_allow_empty"],
                check_mode=module.check_mode)

    def work():
        try:
            result = run.run()
        finally:
            module.warn_all(run.warnings)
        if not module.diff_mode:
            result.pop("diff", None)
        if result["failures"]:
            # What was done before and beside the failures is returned too, its diff included.
            # In check mode, changed is what the real run would report.
            done = dict((k, result[k]) for k in ("changed", "plan", "resources", "kept", "failures", "diff") if k in result)
            raise EngineError("{0} of the objects could not be converged: {1}".format(
                len(result["failures"]), "; ".join("{type} {object}: {msg}".format(**f) for f in result["failures"])),
                **done)
        return result

    module.run(work)


if __name__ == "__main__":
    main()
