# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Every module's EXAMPLES, run against the simulator: an example that fails as pasted fails this leg.

`make examples` builds and installs the collection, starts a simulator and runs this script with NGROK_API_URL,
NGROK_API_KEY and ANSIBLE_COLLECTIONS_PATH set. It reads the EXAMPLES block of every module in plugins/modules,
and writes one playbook with one play per module, each on its own inventory host (so a failure in one module's
examples never hides another's), run by one ansible-playbook:

1. the simulator is emptied, then the module's fixture (tests/examples/fixtures.yml) prepares what the examples
   take as given: objects that exist already (a vault, a running agent, ...), variables such as a value from
   Ansible Vault, and the objects that stand for the example ids (``ak_2Zx8example...``);
2. the examples run as documented (an option given by an alias, or a deprecation warning, fails them too), with two
   substitutions only: each example id by the object that stands for it,
   and absolute paths under /etc and /srv by the same paths under a scratch directory (the examples write agent
   configurations and SSH files; this leg must not write them on the machine that runs it);
3. a last task marks that every example of the module ran.

A fixture may run a module's examples in check mode when they need what only a real account has; it says why.
The files the examples read (certificates, keys, a traffic policy file) are made fresh by material.py.

usage: run.py --workdir DIR [--modules ngrok_vault,ngrok_api]
"""

import argparse
import ast
import contextlib
import json
import os
import re
import subprocess
import sys
import time

import yaml

from material import write_material

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "support"))
from collection_under_test import StandinAgent  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
MODULES = os.path.join(REPO, "plugins", "modules")
FIXTURES = os.path.join(HERE, "fixtures.yml")

# The ids the examples use: an ngrok id prefix, then the same made-up part.
EXAMPLE_ID = re.compile(r"\b[a-z]+_2Zx8example3RcLhDdPp4TtEFq9W\b")
# Absolute paths on the managed host that examples read or write.
HOST_PATH = re.compile(r"(?<![\w./~-])/(etc|srv)/")
SETUP_PREFIX = "fixture: "
DONE_TASK = "fixture: every example ran"


def module_text(path, name):
    """The text of the DOCUMENTATION or EXAMPLES string of a module file (None when it has none)."""
    with open(path, encoding="utf-8") as handle:
        tree = ast.parse(handle.read(), path)
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == name for t in node.targets):
            return node.value.value
    return None


def examples_of(path):
    return module_text(path, "EXAMPLES")


def aliases_of(module):
    """The documented aliases of a module's options: alias -> option."""
    documentation = yaml.safe_load(module_text(os.path.join(MODULES, module + ".py"), "DOCUMENTATION") or "{}")
    found = {}
    for option, spec in (documentation.get("options") or {}).items():
        for alias in (spec or {}).get("aliases") or []:
            found[alias] = option
    return found


def alias_uses(tasks):
    """``(task name, module, alias, option)`` for every option of a collection module given by an alias."""
    found = []
    for task in tasks or []:
        for key in ("block", "rescue", "always"):
            found.extend(alias_uses(task.get(key)))
        for action, options in task.items():
            if action.startswith("ngrok.ngrok.") and isinstance(options, dict):
                module = action[len("ngrok.ngrok."):]
                if os.path.exists(os.path.join(MODULES, module + ".py")):
                    aliases = aliases_of(module)
                    found.extend((task.get("name"), module, k, aliases[k]) for k in options if k in aliases)
    return found


def substitute(value, ids, root):
    """``value`` (parsed YAML) with example ids and host paths replaced in every string."""
    if isinstance(value, dict):
        return dict((substitute(k, ids, root), substitute(v, ids, root)) for k, v in value.items())
    if isinstance(value, list):
        return [substitute(v, ids, root) for v in value]
    if isinstance(value, str):
        value = EXAMPLE_ID.sub(lambda m: ids[m.group(0)], value)
        return HOST_PATH.sub(lambda m: root + "/" + m.group(1) + "/", value)
    return value


def seed_task(item):
    """A fixture's ``seed: PATH`` item as a task that POSTs ``body`` to the simulator's /_sim/PATH control."""
    task = {
        "name": SETUP_PREFIX + item.get("name", "seed " + item["seed"]),
        "ansible.builtin.uri": {
            "url": "{{ examples_api_url }}/_sim/" + item["seed"],
            "method": "POST",
            "headers": {"Authorization": "Bearer {{ examples_api_key }}"},
            "body_format": "json",
            "body": item.get("body", {}),
            "status_code": [200, 201],
        },
        "no_log": False,
    }
    for key in ("register", "loop", "loop_control"):
        if key in item:
            task[key] = item[key]
    return task


def setup_tasks(fixture):
    tasks = []
    for item in fixture.get("setup") or []:
        if "seed" in item:
            tasks.append(seed_task(item))
        else:
            item = dict(item)
            item["name"] = SETUP_PREFIX + item.get("name", "setup")
            tasks.append(item)
    return tasks


def play_for(module, fixture, tasks_file):
    include = {"file": tasks_file}
    if fixture.get("check_mode"):
        include["apply"] = {"check_mode": True}
    tasks = [{
        "name": SETUP_PREFIX + "empty the simulator",
        "ansible.builtin.uri": {"url": "{{ examples_api_url }}/_sim/reset", "method": "POST",
                                "headers": {"Authorization": "Bearer {{ examples_api_key }}"}},
    }]
    tasks.extend(setup_tasks(fixture))
    tasks.append({"name": "examples of ngrok.ngrok." + module, "ansible.builtin.include_tasks": include})
    tasks.append({"name": DONE_TASK, "ansible.builtin.debug": {"msg": "every example of %s ran" % module}})
    # A play whose every host failed ends the whole playbook: the rescue keeps the other modules' plays going (the
    # failure is still in the task events, and the last task above does not run).
    tasks = [{"name": SETUP_PREFIX + "the examples of " + module, "block": tasks, "rescue": [
        {"name": SETUP_PREFIX + "an example failed", "ansible.builtin.debug": {"msg": "see the failed task above"}}]}]
    return {
        "name": "Examples of ngrok.ngrok." + module,
        "hosts": module,
        "gather_facts": False,
        "vars": dict(fixture.get("vars") or {}),
        "tasks": tasks,
    }


def load_fixtures(modules):
    with open(FIXTURES, encoding="utf-8") as handle:
        fixtures = yaml.safe_load(handle) or {}
    unknown = sorted(set(fixtures) - set(modules))
    if unknown:
        raise SystemExit("fixtures.yml has fixtures for modules that do not exist: %s" % ", ".join(unknown))
    for name, fixture in fixtures.items():
        extra = set(fixture or {}) - {"vars", "setup", "ids", "check_mode", "agents"}
        if extra:
            raise SystemExit("fixture %s: unknown keys %s" % (name, ", ".join(sorted(extra))))
        reason = (fixture or {}).get("check_mode")
        if reason is not None and not (isinstance(reason, str) and reason.strip()):
            raise SystemExit("fixture %s: check_mode must say why the examples cannot run for real" % name)
    return fixtures


def write_playbook(workdir, selected, fixtures, root):
    plays = []
    for module in selected:
        text = examples_of(os.path.join(MODULES, module + ".py"))
        if not text or not text.strip():
            raise SystemExit("%s has no EXAMPLES" % module)
        fixture = fixtures.get(module) or {}
        ids = dict(fixture.get("ids") or {})
        missing = sorted(set(EXAMPLE_ID.findall(text)) - set(ids))
        if missing:
            raise SystemExit("%s: the examples use ids that its fixture does not provide: %s" % (module, ", ".join(missing)))
        tasks = yaml.safe_load(text)
        for name, user, alias, option in alias_uses(tasks):
            raise SystemExit("%s: the example %r gives %s the option %s by its alias %s: use the option's name"
                             % (module, name, user, option, alias))
        tasks = substitute(tasks, ids, root)
        tasks_file = module + ".yml"
        with open(os.path.join(workdir, tasks_file), "w", encoding="utf-8") as handle:
            handle.write("---\n# The EXAMPLES of plugins/modules/%s.py (example ids and host paths replaced)\n" % module)
            yaml.safe_dump(tasks, handle, sort_keys=False, width=120)
        plays.append(play_for(module, fixture, tasks_file))
    with open(os.path.join(workdir, "examples.yml"), "w", encoding="utf-8") as handle:
        yaml.safe_dump(plays, handle, sort_keys=False, width=120)
    inventory = {"all": {"hosts": dict((m, None) for m in selected), "vars": {
        "ansible_connection": "local",
        "ansible_python_interpreter": "{{ ansible_playbook_python }}",
        "examples_api_url": "{{ lookup('ansible.builtin.env', 'NGROK_API_URL') }}",
        "examples_api_key": "{{ lookup('ansible.builtin.env', 'NGROK_API_KEY') }}",
        "examples_dir": workdir,
    }}}
    with open(os.path.join(workdir, "inventory.yml"), "w", encoding="utf-8") as handle:
        yaml.safe_dump(inventory, handle, sort_keys=False)


def read_events(path):
    """The task results the task_events callback wrote (one JSON object per task result and loop item)."""
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def report(events, selected, fixtures):
    """Print a line per module; return the modules whose examples failed or did not all run."""
    per_host = dict((m, {"tasks": 0, "changed": 0, "failures": [], "done": False}) for m in selected)
    for event in events:
        row = per_host.get(event["host"])
        if row is None:
            continue
        name, result = event["task"], event["result"]
        if event["status"] in ("failed", "unreachable"):
            where = "%s (item %s)" % (name, result.get("_ansible_item_label", result.get("item"))) if event["item"] else name
            row["failures"].append("%s: %s" % (where, result.get("msg") or result.get("stderr") or "failed"))
        is_example = not name.startswith(SETUP_PREFIX) and not name.startswith("examples of ") and name != DONE_TASK
        if is_example:
            for deprecation in result.get("deprecations") or []:
                row["failures"].append("%s uses what is deprecated: %s" % (name, deprecation.get("msg", deprecation)))
        if event["item"]:
            continue
        if name == DONE_TASK:
            row["done"] = True
        elif is_example:
            row["tasks"] += 1
            row["changed"] += 1 if result.get("changed") else 0
    failed = []
    width = max(len(m) for m in selected)
    for module in selected:
        row = per_host[module]
        ok = row["done"] and not row["failures"]
        reason = (fixtures.get(module) or {}).get("check_mode")
        note = " (check mode: %s)" % reason if reason else ""
        outcome = "ok" if ok else "FAILED"
        print("{0}  {1:<6} {2:>3} example tasks, {3:>3} changed{4}".format(
            module.ljust(width), outcome, row["tasks"], row["changed"], note))
        for message in row["failures"]:
            print("{0}  !!! {1}".format(" " * width, message))
        if not ok:
            if not row["failures"]:
                print("{0}  !!! the examples did not all run".format(" " * width))
            failed.append(module)
    return failed


@contextlib.contextmanager
def running_agents(workdir, fixtures, selected):
    """The stand-in agents (tests/agent_standin) the selected modules' examples talk to, each serving its local API on
    an address a fixture's ``agents`` names, offline; stopped when the examples are done."""
    agents = []
    try:
        for module in selected:
            for address in (fixtures.get(module) or {}).get("agents") or []:
                agents.append(StandinAgent(workdir, address))
        yield
    finally:
        for agent in agents:
            agent.stop()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workdir", required=True, help="scratch directory for the playbook, its files and the root")
    parser.add_argument("--modules", default="", help="comma-separated module names (default: every module)")
    args = parser.parse_args()
    for name in ("NGROK_API_URL", "NGROK_API_KEY"):
        if not os.environ.get(name):
            raise SystemExit("%s is not set: run this through `make examples`, which starts the simulator" % name)

    modules = sorted(f[:-3] for f in os.listdir(MODULES) if f.endswith(".py") and not f.startswith("_"))
    selected = [m.strip() for m in args.modules.split(",") if m.strip()] or modules
    unknown = sorted(set(selected) - set(modules))
    if unknown:
        raise SystemExit("no such module: %s" % ", ".join(unknown))
    fixtures = load_fixtures(modules)

    workdir = os.path.abspath(args.workdir)
    root = os.path.join(workdir, "root")
    os.makedirs(root, exist_ok=True)
    write_material(workdir, root)
    write_playbook(workdir, selected, fixtures, root)

    events = os.path.join(workdir, "events.jsonl")
    log = os.path.join(workdir, "ansible-playbook.log")
    env = dict(os.environ, ANSIBLE_NOCOLOR="1", ANSIBLE_RETRY_FILES_ENABLED="0", ANSIBLE_PIPELINING="1",
               ANSIBLE_LOCAL_TEMP=os.path.join(workdir, "tmp"),
               # The reliability suite's callback: one JSON line per task result, beside the usual output.
               ANSIBLE_CALLBACK_PLUGINS=os.path.join(REPO, "tests", "reliability", "callback_plugins"),
               ANSIBLE_CALLBACKS_ENABLED="task_events", RELIABILITY_EVENTS=events)
    playbook = os.path.join(os.path.dirname(sys.executable), "ansible-playbook")
    command = [playbook if os.path.exists(playbook) else "ansible-playbook", "-i", "inventory.yml", "examples.yml"]
    print(">>> %s: the examples of %d modules (in %s)" % (" ".join(command), len(selected), workdir))
    started = time.monotonic()
    with running_agents(workdir, fixtures, selected), open(log, "w", encoding="utf-8") as handle:
        completed = subprocess.run(command, cwd=workdir, env=env, stdout=handle, stderr=subprocess.STDOUT,
                                   universal_newlines=True, check=False)
    seconds = time.monotonic() - started
    failed = report(read_events(events), selected, fixtures)
    checked = sorted(m for m in selected if (fixtures.get(m) or {}).get("check_mode"))
    print(">>> examples: %d modules, %d failed, %d in check mode, %.0f s"
          % (len(selected), len(failed), len(checked), seconds))
    if failed or completed.returncode != 0:
        with open(log, encoding="utf-8") as handle:
            print("--- ansible-playbook output (last 150 lines)")
            print("".join(handle.readlines()[-150:]))
        summary = ", ".join(failed) or "none, but ansible-playbook exited with %d" % completed.returncode
        print("!!! examples that fail as documented: %s" % summary)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
