"""Adopting an account: ngrok.ngrok.export_account writes it as code, and ngrok_apply converges it, round trip proven.

On a simulator seeded with something of every exported type (tests/support/rich_account.py: references between
objects, natural keys several objects share, more than 100 credentials, what another account cannot hold):

- the export is the same bytes every time, and a second export rewrites nothing;
- ngrok_apply with the export and a prune of every exported type plans no change (--check --diff) and, run for
  real, sends no write;
- applied to an empty account, the export builds the same configuration there: a re-export of that account equals
  the first export but for exactly the objects the first one flagged as not portable, and only those fail.
"""

import json
import os
import subprocess

import pytest
import yaml

from collection_under_test import SimulatorApi, SimulatorProcess, recap, tool  # noqa: E402 (tests/support is on sys.path)
import rich_account  # noqa: E402

EXPORT = "ngrok.ngrok.export_account"
EXPORTED_TYPES = 21

RESULT_PLAYBOOK = """
- hosts: localhost
  gather_facts: false
  tasks:
    - ngrok.ngrok.ngrok_account_info:
      register: export
    - ansible.builtin.copy:
        content: "{{ export | to_json }}"
        dest: "{{ result_file }}"
        mode: "0600"
"""

APPLY_PLAYBOOK = """
- hosts: localhost
  gather_facts: false
  vars_files:
    - "{{ export_file }}"
    - "{{ vault_file }}"
  tasks:
    - ngrok.ngrok.ngrok_apply:
        resources: "{{ ngrok_account }}"
        prune: "{{ ngrok_account_prune }}"
      register: applied
      ignore_errors: "{{ tolerate_failures | default(false) | bool }}"
    - ansible.builtin.copy:
        content: "{{ applied | to_json }}"
        dest: "{{ result_file }}"
        mode: "0600"
      check_mode: false
"""


class _Loader(yaml.SafeLoader):
    """Reads the export as Ansible does: ``!unsafe`` text is text."""


_Loader.add_constructor("!unsafe", lambda loader, node: loader.construct_scalar(node))


def load(path):
    with open(path, encoding="utf-8") as handle:
        return yaml.load(handle, Loader=_Loader)  # nosec - our own loader, SafeLoader with one more tag


class Account(object):
    """A simulator and the ansible-playbook runs against it."""

    def __init__(self, collections, workdir, name):
        self.collections = collections
        self.workdir = workdir
        # No rate limit: the seeding alone sends more than the API allows in a minute.
        self.sim = SimulatorProcess(os.path.join(workdir, name + ".log"), "--rate-limit", "0")
        self.api = SimulatorApi(self.sim.url, self.sim.key)

    def playbook(self, playbook, *args):
        env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=self.collections, ANSIBLE_NOCOLOR="1",
                   NGROK_API_URL=self.sim.url, NGROK_API_KEY=self.sim.key, PWD=self.workdir)
        if not playbook.startswith("ngrok.") and not os.path.isabs(playbook):
            path = os.path.join(self.workdir, playbook)
            with open(path, "w", encoding="utf-8") as handle:
                handle.write({"result.yml": RESULT_PLAYBOOK, "apply.yml": APPLY_PLAYBOOK}[playbook])
            playbook = path
        before = self.sim.stats()
        done = subprocess.run([tool("ansible-playbook"), "-i", "localhost,", "-c", "local",
                               "-e", "ansible_python_interpreter={{ ansible_playbook_python }}", playbook] + list(args),
                              cwd=self.workdir, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              universal_newlines=True, check=False)
        after = self.sim.stats()
        counted = {"requests": after["requests"] - before["requests"],
                   "mutations": after["mutations"] - before["mutations"],
                   "by_method": dict((m, after["by_method"][m] - before["by_method"][m]) for m in after["by_method"])}
        return done.returncode, done.stdout, counted

    def export(self, directory):
        code, output, counted = self.playbook(EXPORT, "-e", "export_account_dir=" + directory)
        assert code == 0, output
        return output, counted

    def result(self):
        path = os.path.join(self.workdir, "export-result.json")
        code, output, _counted = self.playbook("result.yml", "-e", "result_file=" + path)
        assert code == 0, output
        with open(path, encoding="utf-8") as handle:
            return json.load(handle)

    def apply(self, export_file, vault_file, *args, **extra):
        path = os.path.join(self.workdir, "apply-result.json")
        variables = dict(export_file=export_file, vault_file=vault_file, result_file=path, **extra)
        code, output, counted = self.playbook("apply.yml", "-e", json.dumps(variables), *args)
        with open(path, encoding="utf-8") as handle:
            return code, output, counted, json.load(handle)

    def stop(self):
        self.sim.stop()


def write_vault(path, placeholders, values):
    """The vault template filled in: ``values`` by (type, object, option), else an empty value (left out)."""
    filled = dict((p["variable"], values.get((p["type"], p["object"], p["option"]), "")) for p in placeholders)
    with open(path, "w", encoding="utf-8") as handle:
        yaml.safe_dump(filled, handle)
    return path


@pytest.fixture(scope="module")
def source(tmp_path_factory, collections_path):
    """The rich account, exported twice into two directories, and the module's result."""
    workdir = str(tmp_path_factory.mktemp("export-source"))
    account = Account(collections_path, workdir, "source")
    try:
        account.seeded = rich_account.seed(account.api)
        account.first_output, account.first_requests = account.export("first")
        account.second_output, _counted = account.export("second")
        account.found = account.result()
        yield account
    finally:
        account.stop()


def _file(account, directory, name="ngrok_account.yml"):
    return os.path.join(account.workdir, directory, name)


def _read(path):
    with open(path, "rb") as handle:
        return handle.read()


def test_the_export_is_the_same_bytes_every_time(source):
    for name in ("ngrok_account.yml", "ngrok_account.vault-template.yml"):
        assert _read(_file(source, "first", name)) == _read(_file(source, "second", name))
    code, output, counted = source.playbook(EXPORT, "-e", "export_account_dir=first")
    assert code == 0, output
    assert recap(output)["localhost"]["changed"] == 0, output
    assert counted["mutations"] == 0


def test_the_export_reads_one_listing_per_page_of_each_type(source):
    # 21 types, credentials on two pages; nothing is written.
    assert source.first_requests["mutations"] == 0
    assert source.first_requests["by_method"]["GET"] == source.first_requests["requests"] == EXPORTED_TYPES + 1


def test_the_export_holds_every_type_in_the_shape_ngrok_apply_takes(source):
    document = load(_file(source, "first"))
    resources, found = document["ngrok_account"], source.found
    assert resources == found["resources"]
    assert document["ngrok_account_prune"] == found["prune"] == list(resources)
    assert len(found["counts"]) == EXPORTED_TYPES and all(found["counts"].values()), found["counts"]
    assert found["counts"]["credentials"] == rich_account.CREDENTIALS
    # Rules inline, under their policy, with the purge option; not a type of their own.
    assert found["inline"] == [{"type": "ip_policy_rules", "parent": "ip_policies", "option": "rules",
                                "purge_option": "purge_rules"}]
    assert "ip_policy_rules" not in resources
    office = [p for p in resources["ip_policies"] if p["description"] == "office"][0]
    assert [r["cidr"] for r in office["rules"]] == ["10.0.0.0/8", "2001:db8:100::/48", "203.0.113.0/24"]
    assert office["purge_rules"] is True
    # Only cloud endpoints; no read-only field, no value equal to the API's default.
    urls = [e["url"] for e in resources["endpoints"]]
    assert "https://agent.wild.example.com" not in urls and urls == sorted(urls)
    assert all(set(e) <= {"id", "url", "traffic_policy", "description", "metadata", "bindings", "pooling_enabled"}
               for e in resources["endpoints"])
    internal = [e for e in resources["endpoints"] if e["url"] == "https://svc.internal"][0]
    assert "bindings" not in internal and "pooling_enabled" not in internal
    domains = dict((d["domain"], d) for d in resources["reserved_domains"])
    assert "certificate_management_policy" not in domains["app.example.com"]
    assert domains["api.example.com"]["certificate_management_policy"] == {"private_key_type": "rsa"}
    assert domains["bare.example.com"]["certificate_management_policy"] == {"enabled": False}
    assert domains["static.example.com"]["certificate_description"] == "static site"
    assert "certificate_id" not in domains["managed.example.com"]
    # Text Ansible would template stays text: marked unsafe in the file.
    text = _read(_file(source, "first")).decode("utf-8")
    assert 'metadata: !unsafe "Hello {{ name }}"' in text
    assert "body: !unsafe" in text


def test_duplicates_and_references_are_designated_as_said(source):
    found = source.found
    resources = found["resources"]
    shared = [p for p in resources["ip_policies"] if p["description"] == "shared"]
    assert len(shared) == 2 and all(p.get("id", "").startswith("ipp_") for p in shared)
    assert sum(1 for k in resources["api_keys"] if "id" in k) == 3  # two "shared key", one without description
    by_key = dict(((r["type"], r["object"], r["option"]), r["by"]) for r in found["references"])
    assert by_key[("ip_restrictions", "dashboard", "ip_policy_descriptions")] == "key"
    assert by_key[("ip_restrictions", "api", "ip_policy_ids")] == "id"
    assert by_key[("secrets", "prod/db-password", "vault_name")] == "key"
    assert by_key[("event_subscriptions", "requests", "destination_descriptions")] == "key"
    by_option = dict(((r["type"], r["option"]), r["by"]) for r in found["references"])
    assert by_option[("ssh_user_certificates", "ssh_certificate_authority_description")] == "key"
    assert by_key[("credentials", "bot agent", "owner_name")] == "key"
    assert by_key[("ai_gateway_api_keys", "gateway client", "endpoint_id")] == "id"


def test_secrets_are_placeholders_and_never_written(source):
    found = source.found
    assert sorted((p["type"], p["object"], p["option"]) for p in found["placeholders"]) == \
        sorted(source.seeded["secret_values"])
    secret = [s for s in found["resources"]["secrets"] if s["name"] == "upstream-token"][0]
    assert secret["value"] == "{{ vault_ngrok_secret_prod_upstream_token_value | default(omit, true) }}"
    template = load(_file(source, "first", "ngrok_account.vault-template.yml"))
    assert sorted(template) == sorted(p["variable"] for p in found["placeholders"])
    written = b"".join(_read(_file(source, "first", n)) for n in ("ngrok_account.yml", "ngrok_account.vault-template.yml"))
    for value in source.seeded["secret_values"].values():
        line = value.strip().splitlines()[1 if "\n" in value.strip() else 0]
        assert line.encode() not in written
        assert line not in source.first_output and line not in json.dumps(found)
    # Tokens are never read: no object has one.
    assert all("token" not in item for items in found["resources"].values() for item in items)


def test_what_another_account_cannot_hold_is_flagged(source):
    flagged = dict(((n["type"], n["object"]), n["reasons"]) for n in source.found["not_portable"])
    assert any("subdomain of ngrok's" in r for r in flagged[("reserved_domains", "team-export.ngrok.app")])
    assert any("TCP address ngrok assigned" in r for r in flagged[("endpoints", "tcp://" + source.seeded["bastion_addr"])])
    assert any("legacy AI gateway" in r for r in flagged[("endpoints", "https://gateway.wild.example.com")])
    assert any("ngrok assigned its addr" in r for r in flagged[("reserved_addrs", "ssh bastion")])
    assert any("ngrok made it" in r for key, reasons in flagged.items() if key[0] == "tls_certificates" for r in reasons)
    assert ("vaults", "prod") not in flagged and ("credentials", "agent 001") not in flagged
    text = _read(_file(source, "first")).decode("utf-8")
    assert text.count("    # not portable:") == sum(len(r) for r in flagged.values())


def test_ngrok_apply_with_the_export_changes_nothing(source):
    found = source.found
    # Adopting needs no secret value but the event targets' (their module requires them).
    values = dict((k, v) for k, v in source.seeded["secret_values"].items() if k[0] == "event_destinations")
    vault = write_vault(os.path.join(source.workdir, "adopt-vault.yml"), found["placeholders"], values)
    export_file = _file(source, "first")

    code, output, counted, plan = source.apply(export_file, vault, "--check", "--diff")
    assert code == 0, output
    assert counted["mutations"] == 0
    assert plan["changed"] is False, output
    assert set(plan["plan"]) == set(found["prune"]) | {"ip_policy_rules"}
    changes = dict((t, dict((a, n) for a, n in c.items() if n and a != "unchanged")) for t, c in plan["plan"].items())
    assert all(not c for c in changes.values()), changes
    assert sum(c["unchanged"] for c in plan["plan"].values()) == sum(found["counts"].values())

    code, output, counted, run = source.apply(export_file, vault)
    assert code == 0, output
    assert run["changed"] is False
    assert counted["mutations"] == 0 and counted["requests"] == counted["by_method"]["GET"], counted
    assert run["plan"] == plan["plan"]


def test_applied_to_an_empty_account_only_the_flagged_objects_differ(source, collections_path, tmp_path):
    target = Account(collections_path, str(tmp_path), "target")
    try:
        found = source.found
        vault = write_vault(str(tmp_path / "vault.yml"), found["placeholders"], source.seeded["secret_values"])
        code, output, counted, applied = target.apply(_file(source, "first"), vault, tolerate_failures=True)
        assert code == 0, output
        assert counted["mutations"] > 0
        flagged = dict(((n["type"], n["object"]), n) for n in found["not_portable"])
        failed = set((f["type"], f["object"]) for f in applied.get("failures", []))
        # Every failure is an object the export flagged: designated or named by id, or an address or a legacy gateway
        # the other account cannot have.
        assert failed and failed <= set(flagged), failed - set(flagged)
        assert ("endpoints", "https://gateway.wild.example.com") in failed

        target.export("export")
        mine = load(_file(source, "first"))["ngrok_account"]
        theirs = load(os.path.join(str(tmp_path), "export", "ngrok_account.yml"))["ngrok_account"]
        marked = flagged_items(_read(_file(source, "first")).decode("utf-8"))
        assert sum(len(m) for m in marked.values()) == len(flagged)
        for kind, items in mine.items():
            others = theirs.get(kind, [])
            for index, item in enumerate(items):
                if index not in marked.get(kind, ()):
                    # Every object the export does not flag is in the other account exactly as here.
                    assert item in others, (kind, item)
            unflagged = [item for index, item in enumerate(items) if index not in marked.get(kind, ())]
            for other in others:
                # The other account holds nothing else, but new versions of flagged objects (no id there).
                assert other in unflagged or any(_same_but_id(other, item) for item in items), (kind, other)
    finally:
        target.stop()


def flagged_items(text):
    """{type: {indexes of the items marked "# not portable"}}, read from the vars file as a reviewer reads it."""
    marked, kind, index, pending = {}, None, -1, False
    for line in text.splitlines():
        if line.startswith("  ") and not line.startswith("   ") and line.rstrip().endswith(":"):
            kind, index, pending = line.strip()[:-1], -1, False
        elif line.startswith("    # not portable:"):
            pending = True
        elif line.startswith("    - ") and kind is not None:
            index += 1
            if pending:
                marked.setdefault(kind, set()).add(index)
            pending = False
    return marked


def _same_but_id(one, other):
    return dict((k, v) for k, v in one.items() if k != "id") == dict((k, v) for k, v in other.items() if k != "id")
