# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""What each benchmark scenario converges, and what the account must hold afterwards.

A scenario of size N describes N API objects. ``variables`` gives the desired state that every method
receives, as one mapping ``bench`` (written to a JSON file and passed with ``-e @file`` to the playbooks and
to the SDK script): lists per type with the options of the collection's modules, the same lists as
``ngrok_apply``'s ``resources``, and ``state``. ``expected`` says what the account must hold after a run,
``check`` compares it with what the API lists.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import math

import yaml

DESCRIPTION = "bench"
# Every object carries a metadata value; the plan phase asks for another one, an update of every object.
METADATA = "v1"
CHANGED_METADATA = "v2"
WILDCARD = "*.bench.example.com"
POLICY = "bench-policy"


def custom_response(index):
    """A small valid traffic policy: answer every request with a fixed body."""
    return {"on_http_request": [{"actions": [{"type": "custom-response",
                                              "config": {"status_code": 200, "body": "endpoint e{0}".format(index)}}]}]}


def pages(count):
    """Pages of a listing of ``count`` objects (at least one)."""
    return max(1, int(math.ceil(count / 100.0)))


def cidr(index):
    return "10.{0}.{1}.0/24".format(index // 256, index % 256)


class Scenario(object):
    """One kind of account. Subclasses say which objects, and how to read them back."""

    name = ""
    title = ""
    # The objects, as a phrase after a number ("1,000 reserved domains").
    noun = ""
    # Items of method (a)'s loops per object (the floor (e) loops as many times).
    item_share = 1.0

    def setup(self, api):
        """Objects that exist before every method runs (not counted); returns values the variables need."""
        return {}

    def objects(self, n, metadata, setup):
        """{type: [options of the type's module]} for N objects, each with ``metadata``."""
        raise NotImplementedError

    def resources(self, objects, state):
        """ngrok_apply's ``resources`` for these objects."""
        return dict((kind, [dict(item, state=state) for item in items]) for kind, items in objects.items())

    def variables(self, n, metadata, state, setup):
        objects = self.objects(n, metadata, setup)
        found = dict(objects)
        found.update(state=state, setup=setup, resources=self.resources(objects, state))
        return found

    def loop_items(self, n):
        """How many items the per-resource loops of method (a) have."""
        return int(round(n * self.item_share))

    def deleted_objects(self, n):
        """Objects a delete removes by request (the rules of a deleted IP policy go with it)."""
        return n

    def create_listings(self, n):
        """Listing requests of ngrok_apply creating the scenario from empty: one per type it reads, plus, for types
        whose natural key the API does not keep unique, the pages of one more listing after the creates."""
        return 1

    def noop_listings(self, n):
        """Listing requests of a converged ngrok_apply run: the pages of each type (100 objects a page)."""
        return pages(n)

    def expected(self, n, metadata, setup, present):
        """{type: sorted [[natural key, what is compared]]} the account must hold (the objects of the scenario)."""
        if not present:
            return dict((kind, []) for kind in self.kinds())
        return self.expected_from(self.objects(n, metadata, setup))

    def kinds(self):
        raise NotImplementedError

    def export_types(self):
        """The types ngrok_account_info exports for this scenario (IP policies hold their rules inline)."""
        kinds = self.kinds()
        if "ip_policy_rules" in kinds and "ip_policies" not in kinds:
            kinds = ["ip_policies"] + kinds
        return kinds

    def expected_from(self, objects):
        raise NotImplementedError

    def listing(self, api, setup):
        """{type: sorted [[natural key, what is compared]]} of what the API lists now (twins show twice)."""
        raise NotImplementedError


def _pairs(items):
    return sorted([key, value] for key, value in items)


def _canonical(policy):
    """A traffic policy as sorted JSON, from the mapping, or the JSON or YAML text the API keeps."""
    if isinstance(policy, str):
        policy = yaml.safe_load(policy)
    return json.dumps(policy, sort_keys=True)


class Domains(Scenario):
    name = "domains"
    title = "reserved domains"
    noun = "reserved domains"

    def objects(self, n, metadata, setup):
        return {"reserved_domains": [{"domain": "d{0}.bench.example.com".format(i), "description": DESCRIPTION,
                                      "metadata": metadata} for i in range(n)]}

    def kinds(self):
        return ["reserved_domains"]

    def expected_from(self, objects):
        return {"reserved_domains": _pairs((o["domain"], o["metadata"]) for o in objects["reserved_domains"])}

    def listing(self, api, setup):
        return {"reserved_domains": _pairs((o["domain"], o.get("metadata", ""))
                                           for o in api.list("/reserved_domains", "reserved_domains"))}


class Rules(Scenario):
    name = "rules"
    title = "rules of one IP policy"
    noun = "rules of one IP policy"

    def setup(self, api):
        policy = api.post("/ip_policies", {"description": POLICY})
        return {"policy_id": policy["id"], "policy_description": POLICY}

    def objects(self, n, metadata, setup):
        return {"ip_policy_rules": [{"ip_policy_id": setup["policy_id"], "cidr": cidr(i), "action": "allow",
                                     "description": DESCRIPTION, "metadata": metadata} for i in range(n)]}

    def resources(self, objects, state):
        # ngrok_apply keeps a policy's rules inline, as ngrok_ip_policy does; deleting them all is an empty list
        # with purge_rules.
        if state == "absent":
            return {"ip_policies": [{"description": POLICY, "rules": [], "purge_rules": True}]}
        rules = [dict((k, v) for k, v in rule.items() if k != "ip_policy_id") for rule in objects["ip_policy_rules"]]
        return {"ip_policies": [{"description": POLICY, "rules": rules}]}

    def variables(self, n, metadata, state, setup):
        found = super(Rules, self).variables(n, metadata, state, setup)
        # One ngrok_ip_policy task with the rules inline (method a1) takes the same options.
        found["ip_policy"] = found["resources"]["ip_policies"][0]
        return found

    def kinds(self):
        return ["ip_policy_rules"]

    def create_listings(self, n):
        # The policy, then its rules (none yet).
        return 2

    def noop_listings(self, n):
        return 1 + pages(n)

    def expected_from(self, objects):
        return {"ip_policy_rules": _pairs((o["cidr"], o["metadata"]) for o in objects["ip_policy_rules"])}

    def listing(self, api, setup):
        rules = [r for r in api.list("/ip_policy_rules", "ip_policy_rules") if r["ip_policy"]["id"] == setup["policy_id"]]
        return {"ip_policy_rules": _pairs((r["cidr"], r.get("metadata", "")) for r in rules)}


class Endpoints(Scenario):
    name = "endpoints"
    title = "cloud endpoints"
    noun = "cloud endpoints"

    def setup(self, api):
        domain = api.post("/reserved_domains", {"domain": WILDCARD, "description": "bench wildcard"})
        return {"domain_id": domain["id"]}

    def objects(self, n, metadata, setup):
        return {"endpoints": [{"url": "https://e{0}.bench.example.com".format(i), "description": DESCRIPTION,
                               "metadata": metadata, "traffic_policy": custom_response(i)} for i in range(n)]}

    def kinds(self):
        return ["endpoints"]

    def expected_from(self, objects):
        return {"endpoints": _pairs((o["url"], [o["metadata"], _canonical(o["traffic_policy"])]) for o in objects["endpoints"])}

    def listing(self, api, setup):
        return {"endpoints": _pairs((e["url"], [e.get("metadata", ""), _canonical(e.get("traffic_policy"))])
                                    for e in api.list("/endpoints", "endpoints") if e.get("type") == "cloud")}


class Mixed(Scenario):
    """Per 10 objects: 2 reserved domains, 2 IP policies with one rule each, 2 credentials, a vault with a secret."""

    name = "mixed"
    title = "a mixed account"
    noun = "objects of a mixed account"
    # Rules are inline in their policy's task: (a) loops over 8 items per 10 objects.
    item_share = 0.8

    def objects(self, n, metadata, setup):
        domains, policies, credentials, vaults, secrets = [], [], [], [], []
        for g in range(max(1, n // 10)):
            for j in (2 * g, 2 * g + 1):
                domains.append({"domain": "m{0}.bench.example.com".format(j), "description": DESCRIPTION,
                                "metadata": metadata})
                policies.append({"description": "bench policy {0}".format(j), "metadata": metadata,
                                 "rules": [{"cidr": cidr(j), "action": "allow", "description": DESCRIPTION,
                                            "metadata": metadata}]})
                credentials.append({"description": "bench credential {0}".format(j), "metadata": metadata,
                                    "acl": ["bind:m{0}.bench.example.com".format(j)]})
            vaults.append({"name": "bench-vault-{0}".format(g), "description": DESCRIPTION, "metadata": metadata})
            secrets.append({"vault_name": "bench-vault-{0}".format(g), "name": "bench-secret",
                            "value": "bench-value-{0}".format(g), "description": DESCRIPTION, "metadata": metadata})
        return {"reserved_domains": domains, "ip_policies": policies, "credentials": credentials, "vaults": vaults,
                "secrets": secrets}

    def kinds(self):
        return ["reserved_domains", "ip_policies", "ip_policy_rules", "credentials", "vaults", "secrets"]

    def deleted_objects(self, n):
        return self.loop_items(n)

    def create_listings(self, n):
        # Domains, IP policies (their new policies have no rules to list), credentials, vaults and secrets; then
        # the twins of IP policies and credentials, whose descriptions the API does not keep unique.
        groups = max(1, n // 10)
        return 5 + 2 * pages(2 * groups)

    def noop_listings(self, n):
        groups = max(1, n // 10)
        return 4 * pages(2 * groups) + 2 * pages(groups)

    def expected_from(self, objects):
        return {
            "reserved_domains": _pairs((o["domain"], o["metadata"]) for o in objects["reserved_domains"]),
            "ip_policies": _pairs((o["description"], o["metadata"]) for o in objects["ip_policies"]),
            "ip_policy_rules": _pairs((o["rules"][0]["cidr"], [o["description"], o["rules"][0]["metadata"]])
                                      for o in objects["ip_policies"]),
            "credentials": _pairs((o["description"], [o["metadata"], sorted(o["acl"])]) for o in objects["credentials"]),
            "vaults": _pairs((o["name"], o["metadata"]) for o in objects["vaults"]),
            "secrets": _pairs(("{0}/{1}".format(o["vault_name"], o["name"]), o["metadata"]) for o in objects["secrets"]),
        }

    def listing(self, api, setup):
        policies = dict((p["id"], p) for p in api.list("/ip_policies", "ip_policies"))
        vault_list = api.list("/vaults", "vaults")
        vaults = dict((v["id"], v["name"]) for v in vault_list)
        return {
            "reserved_domains": _pairs((o["domain"], o.get("metadata", ""))
                                       for o in api.list("/reserved_domains", "reserved_domains")),
            "ip_policies": _pairs((p.get("description", ""), p.get("metadata", "")) for p in policies.values()),
            "ip_policy_rules": _pairs((r["cidr"], [policies.get(r["ip_policy"]["id"], {}).get("description"), r.get("metadata", "")])
                                      for r in api.list("/ip_policy_rules", "ip_policy_rules")),
            "credentials": _pairs((c.get("description", ""), [c.get("metadata", ""), sorted(c.get("acl") or [])])
                                  for c in api.list("/credentials", "credentials")),
            "vaults": _pairs((v["name"], v.get("metadata", "")) for v in vault_list),
            "secrets": _pairs(("{0}/{1}".format(vaults.get(s["vault"]["id"], "?"), s["name"]), s.get("metadata", ""))
                              for s in api.list("/vault_secrets", "secrets")),
        }


SCENARIOS = [Domains(), Rules(), Endpoints(), Mixed()]


def by_name(name):
    for scenario in SCENARIOS:
        if scenario.name == name:
            return scenario
    raise KeyError(name)
