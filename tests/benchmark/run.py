#!/usr/bin/env python
# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The benchmark behind ``make bench``: wall time and API requests of five ways to converge an ngrok account.

For each scenario (reserved domains; rules of one IP policy; cloud endpoints on a wildcard domain; a mixed
account) and size N, each method runs four phases against a fresh local simulator: create from empty, the same
again (no-op), a check-mode plan of a change (new metadata on every object), delete. The methods:

  (a)  modules  the per-resource modules, one task with ``loop:`` per type
  (a1) policy   rules scenario only: one ngrok_ip_policy task with the rules inline
  (b)  apply    one ngrok_apply task
  (c)  sdk      a script on ngrok's official Python client (ngrok-api): list once, then only the writes needed
  (d)  uri      ansible.builtin.uri tasks: a lookup GET per object, then a POST or DELETE (no check mode)
  (e)  ping     Ansible's floor: an ansible.builtin.ping loop as long as (a)'s loops
  (f)  export   ngrok_account_info exporting the scenario's types once they exist (made by ngrok_apply, not measured),
                in one phase of its own, "export"

Requests are the simulator's ``/_sim/stats`` delta of each run. Every run is checked before its numbers are kept:
no failed task, what the run reported (changed items, ngrok_apply's and the script's plan), no change by a
no-op or a plan, and the account's content afterwards. Results are merged into tests/benchmark/results.json
(a run replaces the cells it measured); ``make docs`` renders them into the performance guide
(docs/docsite/rst/performance.rst), and ``--render-only`` prints them.

    .venv/bin/python tests/benchmark/run.py --sizes 10,100 --scenarios domains,rules --methods apply,sdk
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import argparse
import datetime
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
import traceback


HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.join(REPO, "tests", "support"))

from collection_under_test import SimulatorApi, SimulatorProcess  # noqa: E402 pylint: disable=wrong-import-position
import scenarios  # noqa: E402 pylint: disable=wrong-import-position
import report  # noqa: E402 pylint: disable=wrong-import-position

PHASES = ["create", "noop", "check", "delete"]
METHODS = ["modules", "policy", "apply", "sdk", "uri", "ping", "export"]
LOOP_METHODS = ("modules", "uri", "ping")
RESULTS = os.path.join(HERE, "results.json")


class BenchError(Exception):
    """A run failed or left the account other than expected: its numbers are not kept."""


# -- the simulator ---------------------------------------------------------------------------------

def start_simulator(python, rate_limit=0, rate_window=60):
    """A simulator (its log discarded) with ``api``, the client of the setup, checks and counters."""
    sim = SimulatorProcess(os.devnull, "--rate-limit", rate_limit, "--rate-window", rate_window, python=python)
    sim.api = SimulatorApi(sim.url, sim.key, error=BenchError)
    return sim


# -- one run ---------------------------------------------------------------------------------------

class Runner(object):
    def __init__(self, venv, collections, workdir, log):
        self.python = os.path.join(venv, "bin", "python")
        self.playbook_cmd = os.path.join(venv, "bin", "ansible-playbook")
        self.collections = collections
        self.workdir = workdir
        self.log = log
        self.counter = 0

    def env(self, sim, summary):
        env = dict(os.environ)
        env.update({
            "ANSIBLE_COLLECTIONS_PATH": self.collections,
            "ANSIBLE_CALLBACK_PLUGINS": os.path.join(HERE, "callback_plugins"),
            "ANSIBLE_CALLBACKS_ENABLED": "bench_summary",
            "ANSIBLE_NOCOLOR": "1",
            "ANSIBLE_LOCALHOST_WARNING": "0",
            "ANSIBLE_INVENTORY_UNPARSED_WARNING": "0",
            "ANSIBLE_RETRY_FILES_ENABLED": "0",
            "BENCH_SUMMARY_FILE": summary,
            "NGROK_API_URL": sim.url,
            "NGROK_API_KEY": sim.key,
        })
        for name in ("ANSIBLE_CONFIG", "ANSIBLE_STDOUT_CALLBACK"):
            env.pop(name, None)
        return env

    def run(self, sim, method, scenario, variables, check):
        """Run one method once; returns (seconds, report of the run: ansible tasks or the script's plan)."""
        self.counter += 1
        base = os.path.join(self.workdir, "run{0}".format(self.counter))
        vars_file, summary, output = base + "-vars.json", base + "-summary.json", base + ".log"
        with open(vars_file, "w") as handle:
            json.dump({"bench": variables}, handle)
        if method == "sdk":
            command = [self.python, os.path.join(HERE, "sdk_converge.py"), vars_file] + (["--check"] if check else [])
        else:
            name = {"apply": "apply.yml", "ping": "ping.yml", "export": "export.yml"}.get(method) or "{0}-{1}.yml".format(
                scenario.name, "policy" if method == "policy" else method)
            command = [self.playbook_cmd, "-i", "localhost,", "-c", "local", "-e", "ansible_python_interpreter=" + self.python,
                       "-e", "@" + vars_file, os.path.join(HERE, "playbooks", name)] + (["--check"] if check else [])
        with open(output, "w") as out:
            started = time.monotonic()
            done = subprocess.run(command, env=self.env(sim, summary), stdout=out, stderr=subprocess.STDOUT,
                                  stdin=subprocess.DEVNULL, cwd=self.workdir, check=False)
            seconds = time.monotonic() - started
        with open(output) as handle:
            text = handle.read()
        os.remove(vars_file)
        if done.returncode != 0:
            failed = []
            if os.path.exists(summary):
                with open(summary) as handle:
                    failed = [t for t in json.load(handle)["tasks"] if t["failed"]]
            if failed:
                raise BenchError("task {0!r} failed: {1}".format(failed[0]["task"], failed[0].get("msg", "")[:1500]))
            raise BenchError("exit code {0}; the last lines of its output:\n{1}".format(done.returncode, text[-3000:]))
        if method == "sdk":
            found = json.loads(text.strip().splitlines()[-1])
        else:
            with open(summary) as handle:
                found = json.load(handle)
            os.remove(summary)
        os.remove(output)
        return seconds, found


# -- checks ------------------------------------------------------------------------------------------

def changed_items(found):
    return sum(task["changed"] for task in found["tasks"])


def plan_totals(plan):
    totals = {"created": 0, "updated": 0, "deleted": 0, "replaced": 0}
    for counts in plan.values():
        for action in totals:
            totals[action] += counts.get(action, 0)
    return totals


def check_report(method, scenario, phase, n, found, setup=None):
    """What the run said it did must be what the phase asks for."""
    if method == "export":
        failed = [t for t in found["tasks"] if t["failed"]]
        if failed:
            raise BenchError("failed task: {0}".format(failed[0].get("msg")))
        counts = found["tasks"][0].get("counts") or {}
        wanted = dict((kind, len(items)) for kind, items in
                      scenario.expected(n, scenarios.METADATA, setup or {}, True).items())
        if dict((k, counts.get(k)) for k in wanted) != wanted:
            raise BenchError("the export counted {0}, the account holds {1}".format(counts, wanted))
        return
    if method == "sdk" or method == "apply":
        if method == "apply":
            failed = [t for t in found["tasks"] if t["failed"]]
            if failed:
                raise BenchError("failed task: {0}".format(failed[0].get("msg")))
            plan = found["tasks"][0].get("plan") or {}
        else:
            plan = found["plan"]
        totals = plan_totals(plan)
        wanted = {"create": {"created": n}, "noop": {}, "check": {"updated": n},
                  "delete": {"deleted": scenario.deleted_objects(n)}}[phase]
        got = dict((k, v) for k, v in totals.items() if v)
        if got != wanted:
            raise BenchError("the plan was {0}, the phase expects {1}".format(plan, wanted))
        return
    failed = [t for t in found["tasks"] if t["failed"]]
    if failed:
        raise BenchError("failed task {0!r}: {1}".format(failed[0]["task"], failed[0].get("msg")))
    if method == "ping":
        done = sum(t["ok"] for t in found["tasks"])
        if done != scenario.loop_items(n):
            raise BenchError("{0} pings, the floor needs {1}".format(done, scenario.loop_items(n)))
        return
    if method == "uri":
        return
    items = 1 if method == "policy" else scenario.loop_items(n)
    wanted = 0 if phase == "noop" else items
    if changed_items(found) != wanted:
        raise BenchError("{0} items changed, the phase expects {1}".format(changed_items(found), wanted))


def check_account(scenario, api, setup, n, phase):
    present = phase != "delete"
    want = scenario.expected(n, scenarios.METADATA, setup, present)
    have = scenario.listing(api, setup)
    for kind in want:
        if have.get(kind) != want[kind]:
            missing = [p for p in want[kind] if p not in have.get(kind, [])][:3]
            extra = [p for p in have.get(kind, []) if p not in want[kind]][:3]
            raise BenchError("after {0}, {1}: {2} listed, {3} expected; missing {4}; not expected {5}".format(
                phase, kind, len(have.get(kind, [])), len(want[kind]), missing, extra))


def delta(before, after):
    by_method = dict((m, after["by_method"].get(m, 0) - before["by_method"].get(m, 0))
                     for m in ("GET", "POST", "PATCH", "DELETE"))
    return {"requests": after["requests"] - before["requests"], "by_method": by_method,
            "mutations": after["mutations"] - before["mutations"],
            "rate_limited": after["rate_limited"] - before["rate_limited"]}


# -- the benchmark -----------------------------------------------------------------------------------

def phases_of(method):
    if method == "ping":
        return ["floor"]
    if method == "uri":
        return ["create", "noop", "delete"]
    if method == "export":
        return ["export"]
    return PHASES


def measure(runner, sim, scenario, n, method, stamp):
    """Every phase of one method at one size, on an emptied simulator. Returns result rows."""
    api = sim.api
    api.reset()
    setup = scenario.setup(api)
    rows = []
    if method == "export":
        # The account to export, made the fastest way the collection has (not measured).
        runner.run(sim, "apply", scenario, scenario.variables(n, scenarios.METADATA, "present", setup), False)
    for phase in phases_of(method):
        if method == "ping":
            variables, check = {"loop_items": scenario.loop_items(n)}, False
        elif method == "export":
            variables, check = {"export_types": scenario.export_types()}, False
        else:
            metadata = scenarios.CHANGED_METADATA if phase == "check" else scenarios.METADATA
            variables = scenario.variables(n, metadata, "absent" if phase == "delete" else "present", setup)
            check = phase == "check"
        before = api.stats()
        seconds, found = runner.run(sim, method, scenario, variables, check)
        counted = delta(before, api.stats())
        check_report(method, scenario, phase, n, found, setup)
        if method != "ping":
            if phase in ("noop", "check", "export") and counted["mutations"]:
                raise BenchError("the {0} phase changed the account ({1} mutations)".format(phase, counted["mutations"]))
            if phase in ("create", "delete") and not counted["mutations"]:
                raise BenchError("the {0} phase changed nothing".format(phase))
            check_account(scenario, api, setup, n, phase)
        row = {"scenario": scenario.name, "n": n, "method": method, "phase": phase, "seconds": round(seconds, 2),
               "measured": stamp, "load": round(os.getloadavg()[0], 1)}
        row.update(counted)
        rows.append(row)
        runner.log("  {0:<9} {1:>5} {2:<8} {3:<6} {4:>8.1f} s {5:>6} requests {6}".format(
            scenario.name, n, method, phase, seconds, counted["requests"], report.by_method(counted["by_method"])))
    return rows


def rate_limited_run(runner, python, n, stamp, limit=120, window=60):
    """ngrok_apply creating N reserved domains under the API's rate limit: no failure, close to the minimum time."""
    scenario = scenarios.by_name("domains")
    sim = start_simulator(python, rate_limit=limit, rate_window=window)
    try:
        variables = scenario.variables(n, scenarios.METADATA, "present", {})
        before = sim.api.stats()
        seconds, found = runner.run(sim, "apply", scenario, variables, False)
        counted = delta(before, sim.api.stats())
        check_report("apply", scenario, "create", n, found)
        check_account(scenario, sim.api, {}, n, "create")
    finally:
        sim.stop()
    row = {"scenario": "rate-limited", "n": n, "method": "apply", "phase": "create", "seconds": round(seconds, 2),
           "measured": stamp, "load": round(os.getloadavg()[0], 1), "limit": limit, "window": window}
    row.update(counted)
    runner.log("  rate-limited {0} objects: {1:.1f} s, {2} requests, {3} answered 429".format(
        n, seconds, counted["requests"], counted["rate_limited"]))
    return row


def build(venv, workdir):
    """Build the collection tarball and install it, as tools/build.sh does for the demo and e2e tests."""
    collections = os.path.join(workdir, "collections")
    done = subprocess.run([os.path.join(REPO, "tools", "build.sh"), venv, "--install-to", collections], cwd=REPO,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, check=False)
    if done.returncode != 0:
        sys.stdout.write(done.stdout.decode()[-3000:])
        raise BenchError("could not build and install the collection")
    return collections


def machine(venv):
    cpu = platform.processor() or "unknown CPU"
    try:
        with open("/proc/cpuinfo") as handle:
            for line in handle:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    core = subprocess.run([os.path.join(venv, "bin", "python"), "-c", "import ansible; print(ansible.__version__)"],
                          stdout=subprocess.PIPE, check=False).stdout.decode().strip()
    return {"cpu": cpu, "cores": os.cpu_count(), "system": "{0} {1}".format(platform.system(), platform.machine()),
            "python": platform.python_version(), "ansible_core": core}


def load_results(path):
    if not os.path.exists(path):
        return {"rows": [], "machine": {}}
    with open(path) as handle:
        return json.load(handle)


def merge(old_rows, new_rows):
    """The rows of both, a new row replacing the old one of the same scenario, size, method and phase."""
    def key(row):
        return (row["scenario"], row["n"], row["method"], row["phase"])

    def order(k):
        return (k[0], k[1], METHODS.index(k[2]) if k[2] in METHODS else 99, (PHASES + ["floor", "export"]).index(k[3]))

    merged = dict((key(r), r) for r in old_rows)
    merged.update((key(r), r) for r in new_rows)
    return [merged[k] for k in sorted(merged, key=order)]


def describe(exc):
    if isinstance(exc, BenchError):
        return str(exc)
    return "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))


def csv(text, allowed=None, kind=str):
    values = [kind(v.strip().replace(",", "").replace("_", "")) if kind is int else v.strip()
              for v in text.replace(" ", ",").split(",") if v.strip()]
    if allowed is not None:
        unknown = [v for v in values if v not in allowed]
        if unknown:
            raise SystemExit("unknown value(s) {0}; choose from {1}".format(", ".join(unknown), ", ".join(allowed)))
    return values


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--sizes", default="10,100,1000", help="sizes N, comma-separated (default: %(default)s)")
    parser.add_argument("--scenarios", default=",".join(s.name for s in scenarios.SCENARIOS),
                        help="scenarios (default: %(default)s)")
    parser.add_argument("--methods", default=",".join(METHODS), help="methods (default: %(default)s)")
    parser.add_argument("--loop-max", default="100",
                        help="largest N at which the loops of tasks (modules, uri, ping) run: a default, then "
                             "scenario=N exceptions (default: %(default)s)")
    parser.add_argument("--rate-limited", type=int, default=500,
                        help="objects ngrok_apply creates under the 120 requests / 60 s limit (0: skip; "
                             "default: %(default)s)")
    parser.add_argument("--venv", default=os.path.join(REPO, ".venv"), help="the virtualenv (default: .venv)")
    parser.add_argument("--collections", help="an installed collections path (default: build and install the tarball)")
    parser.add_argument("--results", default=RESULTS, help="results file to merge into (default: %(default)s)")
    parser.add_argument("--fresh", action="store_true", help="forget earlier results instead of merging")
    parser.add_argument("--render-only", action="store_true",
                        help="measure nothing: print the tables of the results file (as reStructuredText with --rst)")
    parser.add_argument("--rst", action="store_true", help="with --render-only: reStructuredText, as the docs include it")
    args = parser.parse_args(argv)
    args.sizes = csv(args.sizes, kind=int)
    args.scenarios = csv(args.scenarios, [s.name for s in scenarios.SCENARIOS])
    args.methods = csv(args.methods, METHODS)
    limits = {}
    for part in csv(args.loop_max):
        name, _sep, value = part.rpartition("=")
        limits[name or "*"] = int(value)
    args.loop_max = limits
    return args


def loop_max(args, scenario):
    return args.loop_max.get(scenario.name, args.loop_max.get("*", 100))


def main(argv=None):
    args = parse_args(argv)
    if args.render_only:
        results = load_results(args.results)
        print(report.render_rst(results) if args.rst else report.render(results))
        return 0
    venv = os.path.abspath(args.venv)
    python = os.path.join(venv, "bin", "python")
    workdir = tempfile.mkdtemp(prefix="ngrok-bench-")
    stamp = datetime.date.today().isoformat()
    started = time.monotonic()

    def log(text):
        print(text)
        sys.stdout.flush()

    rows, failures = [], []
    try:
        collections = args.collections or build(venv, workdir)
        runner = Runner(venv, os.path.abspath(collections), workdir, log)
        for name in args.scenarios:
            scenario = scenarios.by_name(name)
            sim = start_simulator(python)
            try:
                for n in args.sizes:
                    for method in args.methods:
                        if method == "policy" and scenario.name != "rules":
                            continue
                        if method in LOOP_METHODS and n > loop_max(args, scenario):
                            continue
                        try:
                            rows.extend(measure(runner, sim, scenario, n, method, stamp))
                        except Exception as exc:  # pylint: disable=broad-except
                            # A broken method never reports a time; the others go on.
                            failures.append("{0} N={1} {2}: {3}".format(scenario.name, n, method, describe(exc)))
                            log("!!! {0}".format(failures[-1]))
            finally:
                sim.stop()
        if args.rate_limited and "apply" in args.methods:
            try:
                rows.append(rate_limited_run(runner, python, args.rate_limited, stamp))
            except Exception as exc:  # pylint: disable=broad-except
                failures.append("rate-limited run: {0}".format(describe(exc)))
                log("!!! {0}".format(failures[-1]))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)

    results = {"rows": [], "machine": {}} if args.fresh else load_results(args.results)
    results["rows"] = merge(results["rows"], rows)
    results["machine"] = machine(venv)
    with open(args.results, "w") as handle:
        json.dump(results, handle, indent=1, sort_keys=True)
        handle.write("\n")
    print()
    print(report.render(results))
    log("(the measurements are in {0}; `make docs` renders them into the performance guide)".format(
        os.path.relpath(args.results, REPO)))
    log("benchmark took {0:.0f} s".format(time.monotonic() - started))
    if failures:
        log("!!! {0} run(s) failed; their numbers were not kept:".format(len(failures)))
        for failure in failures:
            log("!!!   " + failure.splitlines()[0])
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
