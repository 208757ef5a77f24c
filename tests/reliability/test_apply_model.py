"""A model-based test of ngrok_apply: Hypothesis builds random accounts and random desired states, and looks for a
run that breaks one of the module's promises.

Each example starts from an empty simulator. Its steps either add to the account through the API, as a person in the
dashboard would (reserved domains, IP policies with rules, IP restrictions, vaults and secrets, cloud endpoints whose
traffic policies use policies and secrets, descriptions shared by several objects, and more than a page of 100 objects
of one type), or converge a random desired state with random prune types: a check-mode run, the real run, and a run
again. After each, the invariants:

* the check-mode run writes nothing, and its plan, ``changed``, ``kept`` objects and failures are the real run's;
* nothing that the desired state, or what stays in the account, refers to is deleted: no reference in the account
  dangles that did not before;
* a run again with the same input (after a run without failures) changes nothing and sends only listings;
* no secret value of the input is in any output (the module's JSON, which is what ``-vvv`` shows).

The module runs in this process (its own ``main()`` and exit path, masking included) against the simulator over
HTTP, so an example costs milliseconds, not an ansible-playbook start. ``MODEL_PROFILE`` chooses the budget: ``ci``
(``make test``: a fixed seed, a few dozen examples) or ``long`` (``make reliability`` run by hand: hundreds).
Every counterexample found becomes a regular test (tests/unit/plugins/modules/test_ngrok_apply_integrity.py).
"""

import contextlib
import io
import json
import os
import sys
import time

import requests
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule, run_state_machine_as_test

settings.register_profile("ci", max_examples=30, stateful_step_count=10, derandomize=True, deadline=None, database=None,
                          suppress_health_check=list(HealthCheck), print_blob=True)
settings.register_profile("long", max_examples=400, stateful_step_count=15, deadline=None, database=None,
                          suppress_health_check=list(HealthCheck), print_blob=True)
PROFILE = os.environ.get("MODEL_PROFILE", "ci")

DOMAINS = ["app.example.com", "api.example.com", "docs.example.com"]
POLICIES = ["office", "lab", "vpn"]
CIDRS = ["10.0.0.0/8", "192.0.2.0/24", "198.51.100.0/24"]
VAULTS = ["prod", "stage"]
SECRET_NAMES = ["token", "key"]
# Not the dashboard: the API refuses to delete the only rule of a policy a dashboard restriction uses (ERR_NGROK_1419),
# a rule of its own that a plan cannot know (see the closing remark of the module's notes).
RESTRICTION_TYPES = ["api", "agent", "endpoints"]
TYPES = ["reserved_domains", "ip_policies", "ip_policy_rules", "ip_restrictions", "vaults", "secrets", "endpoints"]
SECRET = "model-secret-7f3c9a"


# -- the module, in this process -------------------------------------------------------------------------------------

def _module_args_context(args):
    from ansible.module_utils import basic
    try:
        from ansible.module_utils.testing import patch_module_args
    except ImportError:  # ansible-core < 2.19
        patch_module_args = None
    if patch_module_args is not None:
        return patch_module_args(args)

    @contextlib.contextmanager
    def legacy():
        saved = basic._ANSIBLE_ARGS
        basic._ANSIBLE_ARGS = json.dumps({"ANSIBLE_MODULE_ARGS": args}).encode("utf-8")
        try:
            yield
        finally:
            basic._ANSIBLE_ARGS = saved
    return legacy()


def run_apply(sim, args, check_mode=False):
    """ngrok_apply's result as it prints it (its JSON, at any verbosity), and that text."""
    from ansible.module_utils.common import warnings as ansible_warnings
    from ansible_collections.ngrok.ngrok.plugins.modules import ngrok_apply

    ansible_warnings._global_warnings = type(ansible_warnings._global_warnings)()
    ansible_warnings._global_deprecations = type(ansible_warnings._global_deprecations)()
    args = dict(args, api_url=sim.url, api_key=sim.key, retries=0, _ansible_check_mode=check_mode, _ansible_diff=True)
    out = io.StringIO()
    with _module_args_context(args), contextlib.redirect_stdout(out):
        try:
            ngrok_apply.main()
        except SystemExit:
            pass
    text = out.getvalue()
    return json.loads(text), text


# -- the account, through the API --------------------------------------------------------------------------------------

class Account:
    """The simulator's account, written and read as a person or another tool would, with the bootstrap key."""

    def __init__(self, sim):
        self.sim = sim
        self.session = requests.Session()
        self.session.headers.update({"Authorization": "Bearer " + sim.key, "Ngrok-Version": "2"})

    def call(self, method, path, body=None):
        response = self.session.request(method, self.sim.url + path, json=body, timeout=30)
        assert response.status_code < 300, (method, path, body, response.status_code, response.text)
        return response.json() if response.content else None

    def objects(self, path, list_key):
        return self.sim.objects(path, list_key)

    def stats(self):
        return self.call("GET", "/_sim/stats")

    def references(self):
        """Every reference an object of the account holds, and whether its target exists: {(holder, what): ok}."""
        policies = set(p["id"] for p in self.objects("/ip_policies", "ip_policies"))
        vaults = dict((v["id"], v["name"]) for v in self.objects("/vaults", "vaults"))
        secrets = set((s.get("vault_name"), s["name"]) for s in self.objects("/vault_secrets", "secrets"))
        domains = set(d["domain"] for d in self.objects("/reserved_domains", "reserved_domains"))
        found = {}
        for rule in self.objects("/ip_policy_rules", "ip_policy_rules"):
            found[(rule["id"], rule["ip_policy"]["id"])] = rule["ip_policy"]["id"] in policies
        for restriction in self.objects("/ip_restrictions", "ip_restrictions"):
            for ref in restriction["ip_policies"]:
                found[(restriction["id"], ref["id"])] = ref["id"] in policies
        for secret in self.objects("/vault_secrets", "secrets"):
            found[(secret["id"], secret["vault"]["id"])] = secret["vault"]["id"] in vaults
        for endpoint in self.objects("/endpoints", "endpoints"):
            host = endpoint["url"].split("://", 1)[1].split("/")[0].split(":")[0]
            if not host.endswith(".internal"):
                found[(endpoint["id"], host)] = host in domains
            policy = json.loads(endpoint.get("traffic_policy") or "{}")
            for phase in policy.values():
                for item in phase:
                    for action in item.get("actions", []):
                        for policy_id in (action.get("config") or {}).get("ip_policies", []):
                            found[(endpoint["id"], policy_id)] = policy_id in policies
            for vault, name in _secret_references(endpoint.get("traffic_policy") or ""):
                found[(endpoint["id"], vault + "/" + name)] = (vault, name) in secrets
        return found


def _secret_references(text):
    import re
    return re.findall(r"secrets\.get\('([^']+)', '([^']+)'\)", text)


def _policy(policy_ids=(), secret=None):
    actions = []
    if policy_ids:
        actions.append({"type": "restrict-ips", "config": {"ip_policies": list(policy_ids)}})
    body = "ok" if secret is None else "${secrets.get('%s', '%s')}" % secret
    actions.append({"type": "custom-response", "config": {"status_code": 200, "body": body}})
    return {"on_http_request": [{"actions": actions}]}


# -- the machine ---------------------------------------------------------------------------------------------------------

class ApplyModel(RuleBasedStateMachine):
    """Random accounts, random desired states, and ngrok_apply's promises checked after every run."""

    sim = None

    def __init__(self):
        super().__init__()
        self.account = Account(self.sim)
        self.outputs = []
        self.bulk = False

    @initialize()
    def empty_account(self):
        self.account.call("POST", "/_sim/reset")
        self.dangling_before = set()

    # -- what a person adds in the dashboard ----------------------------------------------------------------------

    @rule(domain=st.sampled_from(DOMAINS), description=st.sampled_from(["", "portal"]))
    def reserve_a_domain(self, domain, description):
        if any(d["domain"] == domain for d in self.account.objects("/reserved_domains", "reserved_domains")):
            return
        body = {"domain": domain}
        if description:
            body["description"] = description
        self.account.call("POST", "/reserved_domains", body)

    @precondition(lambda self: not self.bulk)
    @rule(count=st.integers(101, 130))
    def reserve_more_than_a_page(self, count):
        self.bulk = True
        for number in range(count):
            self.account.call("POST", "/reserved_domains", {"domain": "bulk-%03d.example.com" % number})

    @rule(description=st.sampled_from(POLICIES), cidrs=st.sets(st.sampled_from(CIDRS), max_size=2))
    def add_a_policy(self, description, cidrs):
        # The same description twice makes a duplicate, which ngrok allows.
        policy = self.account.call("POST", "/ip_policies", {"description": description})
        for cidr in sorted(cidrs):
            self.account.call("POST", "/ip_policy_rules", {"ip_policy_id": policy["id"], "cidr": cidr, "action": "allow"})

    @rule(data=st.data(), kind=st.sampled_from(RESTRICTION_TYPES))
    def add_a_restriction(self, data, kind):
        policies = self.account.objects("/ip_policies", "ip_policies")
        restrictions = self.account.objects("/ip_restrictions", "ip_restrictions")
        if not policies or any(r["type"] == kind for r in restrictions):
            return
        chosen = data.draw(st.lists(st.sampled_from([p["id"] for p in policies]), min_size=1, max_size=2, unique=True))
        self.account.call("POST", "/ip_restrictions", {"type": kind, "ip_policy_ids": chosen})

    @rule(vault=st.sampled_from(VAULTS), name=st.sampled_from(SECRET_NAMES))
    def add_a_secret(self, vault, name):
        vaults = dict((v["name"], v["id"]) for v in self.account.objects("/vaults", "vaults"))
        if vault not in vaults:
            vaults[vault] = self.account.call("POST", "/vaults", {"name": vault})["id"]
        secrets = self.account.objects("/vault_secrets", "secrets")
        if not any(s["name"] == name and s["vault"]["id"] == vaults[vault] for s in secrets):
            self.account.call("POST", "/vault_secrets", {"vault_id": vaults[vault], "name": name, "value": SECRET + "-x"})

    @rule(data=st.data())
    def add_an_endpoint(self, data):
        domains = [d["domain"] for d in self.account.objects("/reserved_domains", "reserved_domains")
                   if not d["domain"].startswith("bulk-")]
        endpoints = self.account.objects("/endpoints", "endpoints")
        urls = ["https://%s" % d for d in domains] + ["https://svc.internal"]
        url = data.draw(st.sampled_from(urls))
        if any(e["url"] == url for e in endpoints):
            return
        policies = [p["id"] for p in self.account.objects("/ip_policies", "ip_policies")]
        chosen = data.draw(st.lists(st.sampled_from(policies), max_size=2, unique=True)) if policies else []
        secrets = [(s["vault_name"], s["name"]) for s in self.account.objects("/vault_secrets", "secrets")]
        secret = data.draw(st.none() | st.sampled_from(secrets)) if secrets else None
        self.account.call("POST", "/endpoints", {"url": url, "traffic_policy": json.dumps(_policy(chosen, secret))})

    # -- a desired state, converged ----------------------------------------------------------------------------------

    @rule(data=st.data())
    def converge(self, data):
        resources, prune = self.desired_state(data)
        self.check_a_run(data, resources, prune)

    @rule(data=st.data(), used=st.sets(st.sampled_from(["ip_policies", "reserved_domains", "vaults", "secrets"]), min_size=1))
    def converge_pruning_what_others_use(self, data, used):
        """The types other objects refer to, pruned: where a broken reference would show."""
        resources, prune = self.desired_state(data)
        self.check_a_run(data, resources, sorted(set(prune) | used))

    def check_a_run(self, data, resources, prune):
        # Mostly allowed: a prune with nothing listed is refused before any request, which proves little each time.
        args = {"resources": resources, "prune": prune, "prune_allow_empty": data.draw(st.integers(0, 4)) > 0}
        dangling_before = self.dangling()
        before = self.account.stats()
        plan, plan_text = run_apply(self.sim, args, check_mode=True)
        after_plan = self.account.stats()
        run, run_text = run_apply(self.sim, args)
        after_run = self.account.stats()
        self.outputs += [plan_text, run_text]
        note = "input: %s\nplan: %s\nrun: %s" % (json.dumps(args), plan_text, run_text)

        assert after_plan["mutations"] == before["mutations"], "the plan wrote: " + note
        assert bool(plan.get("failed")) == bool(run.get("failed")), note
        if "plan" in run:
            assert plan["plan"] == run["plan"], note
            assert plan["changed"] == run["changed"], note
            assert _failed_objects(plan) == _failed_objects(run), note
            assert sorted(k["id"] for k in plan["kept"]) == sorted(k["id"] for k in run["kept"]), note
        else:
            # Refused before any write (some refusals need the listings): the same refusal, and nothing written.
            assert plan["msg"] == run["msg"] and after_run["mutations"] == before["mutations"], note
        assert self.dangling() <= dangling_before, "a reference dangles: %s\n%s" % (self.dangling() - dangling_before, note)

        if "plan" in run and not run.get("failed"):
            again, again_text = run_apply(self.sim, args)
            after_again = self.account.stats()
            self.outputs.append(again_text)
            assert again["changed"] is False, "the run again changed: %s\n%s" % (again_text, note)
            sent = dict((m, after_again["by_method"][m] - after_run["by_method"][m]) for m in ("POST", "PATCH", "DELETE"))
            assert sent == {"POST": 0, "PATCH": 0, "DELETE": 0}, "the run again wrote %s\n%s" % (sent, note)

    def desired_state(self, data):
        types = data.draw(st.sets(st.sampled_from(TYPES), min_size=1, max_size=4))
        resources = {}
        present_domains = []
        if "reserved_domains" in types:
            chosen = data.draw(st.lists(st.sampled_from(DOMAINS), max_size=3, unique=True))
            items = []
            for domain in chosen:
                item = {"domain": domain}
                if data.draw(st.booleans()):
                    item["description"] = data.draw(st.sampled_from(["portal", "api"]))
                if data.draw(st.integers(0, 4)) == 0:
                    item["state"] = "absent"
                else:
                    present_domains.append(domain)
                items.append(item)
            resources["reserved_domains"] = items
        policies = self.account.objects("/ip_policies", "ip_policies")
        if "ip_policies" in types:
            items = []
            for description in data.draw(st.lists(st.sampled_from(POLICIES), max_size=3, unique=True)):
                item = {"description": description}
                if data.draw(st.booleans()):
                    item["metadata"] = data.draw(st.sampled_from(["a", "b"]))
                if data.draw(st.booleans()):
                    item["rules"] = [{"cidr": c, "action": data.draw(st.sampled_from(["allow", "deny"]))}
                                     for c in data.draw(st.lists(st.sampled_from(CIDRS), max_size=2, unique=True))]
                    item["purge_rules"] = data.draw(st.booleans())
                if data.draw(st.integers(0, 5)) == 0:
                    item = {"description": description, "state": "absent"}
                items.append(item)
            if policies and data.draw(st.booleans()):
                # One by id, which may be an object another item names by its description.
                items.append({"id": data.draw(st.sampled_from([p["id"] for p in policies])), "metadata": "by-id"})
            resources["ip_policies"] = items
        # References by description name policies that exist or that the desired state creates (a name that is
        # neither may be one an earlier task would create: check mode warns where the run fails, as documented).
        known = sorted(set(p["description"] for p in policies if p.get("description")) |
                       set(i["description"] for i in resources.get("ip_policies", [])
                           if i.get("description") and i.get("state") != "absent"))
        if "ip_policy_rules" in types and known:
            pairs = data.draw(st.lists(st.tuples(st.sampled_from(known), st.sampled_from(CIDRS)), max_size=2,
                                       unique=True))
            resources["ip_policy_rules"] = [{"ip_policy_description": p, "cidr": c, "action": "allow"} for p, c in pairs]
        if "ip_restrictions" in types and known:
            kinds = data.draw(st.lists(st.sampled_from(RESTRICTION_TYPES), max_size=2, unique=True))
            resources["ip_restrictions"] = [
                {"type": kind,
                 "ip_policy_descriptions": data.draw(st.lists(st.sampled_from(known), min_size=1, max_size=2, unique=True))}
                for kind in kinds]
        if "vaults" in types:
            names = data.draw(st.lists(st.sampled_from(VAULTS), max_size=2, unique=True))
            resources["vaults"] = [{"name": v} for v in names]
        if "secrets" in types:
            vault_names = [v["name"] for v in resources.get("vaults", [])] or \
                [v["name"] for v in self.account.objects("/vaults", "vaults")]
            if vault_names:
                pairs = data.draw(st.lists(st.tuples(st.sampled_from(vault_names), st.sampled_from(SECRET_NAMES)),
                                           max_size=2, unique=True))
                resources["secrets"] = [{"vault_name": v, "name": n, "value": SECRET} for v, n in pairs]
        if "endpoints" in types:
            urls = ["https://%s" % d for d in present_domains] + ["https://svc.internal"]
            items = []
            for url in data.draw(st.lists(st.sampled_from(urls), max_size=2, unique=True)):
                ids = [p["id"] for p in policies]
                chosen = data.draw(st.lists(st.sampled_from(ids), max_size=1)) if ids else []
                items.append({"url": url, "traffic_policy": _policy(chosen)})
            resources["endpoints"] = items
        prune = sorted(data.draw(st.sets(st.sampled_from(TYPES), max_size=3)))
        return resources, prune

    def dangling(self):
        return set(ref for ref, ok in self.account.references().items() if not ok)

    @invariant()
    def no_secret_in_any_output(self):
        for text in self.outputs:
            assert SECRET not in text, text


def _failed_objects(result):
    return sorted((f["type"], f["object"]) for f in result.get("failures") or [])


def test_apply_keeps_its_promises_on_random_accounts(start_simulator, collections_path, report):
    sim = start_simulator("--rate-limit", 0)
    if collections_path not in sys.path:
        sys.path.insert(0, collections_path)
    ApplyModel.sim = sim
    started = time.monotonic()
    run_state_machine_as_test(ApplyModel, settings=settings.get_profile(PROFILE))
    stats = sim.stats()
    report("ngrok_apply model (%s profile): %d examples" % (PROFILE, settings.get_profile(PROFILE).max_examples), stats,
           "no counterexample", time.monotonic() - started)
