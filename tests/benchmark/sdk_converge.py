#!/usr/bin/env python
# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Method (c) of the benchmark: the same desired state, converged with ngrok's official Python client.

Written the way a careful programmer would, with the fewest requests: each type is listed once (every page),
then only the objects that are missing are created, only those whose metadata differs are updated (the one
field the benchmark changes), and only those that exist are deleted. ``--check`` lists and prints the plan without changing anything.

    NGROK_API_URL=... NGROK_API_KEY=... python sdk_converge.py VARS.json [--check]

VARS.json is the benchmark's variables file: ``{"bench": {"state": "present", "reserved_domains": [...], ...}}``.
Prints one JSON line: per type, how many objects were (or would be) created, updated, deleted and left as
they were.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import argparse
import json
import os

import ngrok


class Converger(object):
    """Converges the benchmark's types; each type's listing is read once and kept current with the writes."""

    def __init__(self, client, check):
        self.client = client
        self.check = check
        self.counts = {}
        self.listings = {}

    def count(self, kind, action):
        counts = self.counts.setdefault(kind, {"created": 0, "updated": 0, "deleted": 0, "unchanged": 0})
        counts[action] += 1

    def listed(self, kind):
        """Every object of one type, read once (the client follows next_page_uri)."""
        if kind not in self.listings:
            self.listings[kind] = list(getattr(self.client, kind).list())
        return self.listings[kind]

    def converge(self, kind, wanted, present, have_key, want_key, create, existing=None):
        """Match ``wanted`` (dicts) with the listed objects by key; create, update the metadata, or delete.

        Returns {key: object or None (to be created, in check mode)}."""
        api = getattr(self.client, kind)
        found = dict((have_key(obj), obj) for obj in (self.listed(kind) if existing is None else existing))
        results = {}
        for item in wanted:
            key = want_key(item)
            obj = found.get(key)
            if not present:
                if obj is not None:
                    if not self.check:
                        api.delete(obj.id)
                    self.count(kind, "deleted")
            elif obj is None:
                results[key] = None if self.check else create(api, item)
                self.count(kind, "created")
            elif (obj.metadata or "") != (item.get("metadata") or ""):
                results[key] = obj if self.check else api.update(id=obj.id, metadata=item["metadata"])
                self.count(kind, "updated")
            else:
                results[key] = obj
                self.count(kind, "unchanged")
        return results

    # -- types -------------------------------------------------------------------------------------

    def reserved_domains(self, items, present):
        self.converge("reserved_domains", items, present, lambda o: o.domain, lambda i: i["domain"],
                      lambda api, i: api.create(domain=i["domain"], description=i["description"], metadata=i["metadata"]))

    def endpoints(self, items, present):
        cloud = [e for e in self.listed("endpoints") if e.type == "cloud"]
        self.converge("endpoints", items, present, lambda o: o.url, lambda i: i["url"],
                      lambda api, i: api.create(url=i["url"], type="cloud", traffic_policy=json.dumps(i["traffic_policy"]),
                                                description=i["description"], metadata=i["metadata"]),
                      existing=cloud)

    def ip_policy_rules(self, items, present):
        """Rules, each with the id of its policy in ``ip_policy_id``."""
        self.converge("ip_policy_rules", items, present, lambda o: (o.ip_policy.id, o.cidr),
                      lambda i: (i["ip_policy_id"], i["cidr"]),
                      lambda api, i: api.create(cidr=i["cidr"], ip_policy_id=i["ip_policy_id"], action=i["action"],
                                                description=i["description"], metadata=i["metadata"]))

    def ip_policies(self, items, present):
        """Policies with their rules inline (matched by description); deleting a policy deletes its rules."""
        existed = set(p.id for p in self.listed("ip_policies"))
        policies = self.converge("ip_policies", items, present, lambda o: o.description, lambda i: i["description"],
                                 lambda api, i: api.create(description=i["description"], metadata=i["metadata"]))
        if not present:
            return
        old_rules, new_rules = [], []
        for item in items:
            policy = policies[item["description"]]
            for rule in item.get("rules") or []:
                if policy is not None and policy.id in existed:
                    old_rules.append(dict(rule, ip_policy_id=policy.id))
                else:
                    new_rules.append(dict(rule, ip_policy_id=policy.id if policy is not None else None))
        if old_rules:
            self.ip_policy_rules(old_rules, present)
        # A policy created just now has no rules to list.
        for rule in new_rules:
            self.count("ip_policy_rules", "created")
            if not self.check:
                self.client.ip_policy_rules.create(cidr=rule["cidr"], ip_policy_id=rule["ip_policy_id"], action=rule["action"],
                                                   description=rule["description"], metadata=rule["metadata"])

    def credentials(self, items, present):
        self.converge("credentials", items, present, lambda o: o.description, lambda i: i["description"],
                      lambda api, i: api.create(description=i["description"], metadata=i["metadata"],
                                                acl=i.get("acl") or []))

    def vaults(self, items, present):
        created = self.converge("vaults", items, present, lambda o: o.name, lambda i: i["name"],
                                lambda api, i: api.create(name=i["name"], description=i["description"], metadata=i["metadata"]))
        self.new_vaults = dict((name, obj.id) for name, obj in created.items() if obj is not None)

    def secrets(self, items, present):
        vault_ids = dict((v.name, v.id) for v in self.listed("vaults"))
        vault_ids.update(getattr(self, "new_vaults", {}))
        self.converge("secrets", items, present, lambda o: (o.vault.id, o.name),
                      lambda i: (vault_ids.get(i["vault_name"]), i["name"]),
                      lambda api, i: api.create(name=i["name"], value=i["value"], vault_id=vault_ids[i["vault_name"]],
                                                description=i["description"], metadata=i["metadata"]))


# Types in the order their references need; deleted in the reverse order.
ORDER = ["reserved_domains", "endpoints", "ip_policies", "ip_policy_rules", "credentials", "vaults", "secrets"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("variables")
    parser.add_argument("--check", action="store_true", help="list and print the plan; change nothing")
    args = parser.parse_args()
    with open(args.variables) as handle:
        bench = json.load(handle)["bench"]
    client = ngrok.Client(os.environ["NGROK_API_KEY"], base_url=os.environ["NGROK_API_URL"])
    run = Converger(client, args.check)
    present = bench["state"] == "present"
    kinds = [k for k in ORDER if k in bench]
    for kind in kinds if present else reversed(kinds):
        getattr(run, kind)(bench[kind], present)
    print(json.dumps({"plan": run.counts}))


if __name__ == "__main__":
    main()
