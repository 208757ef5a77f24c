"""Fixtures of the reliability suite: simulators started per scenario, ansible-playbook runs of the installed
collection, and the summary table printed at the end of the run.

`make reliability` builds the collection tarball, installs it and points ANSIBLE_COLLECTIONS_PATH at it. Run directly
with pytest, the `collections_path` fixture builds and installs the collection itself.
"""

import json
import os
import secrets
import subprocess
import sys
import threading
import time

import pytest
import requests

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "support"))
from collection_under_test import RECAP_LINE, SimulatorProcess, installed_collection, tool  # noqa: E402

import results  # noqa: E402  pylint: disable=wrong-import-position

PLAYBOOKS = os.path.join(HERE, "playbooks")
TABLE_KEY = "reliability"
_tool = tool


@pytest.fixture(scope="session")
def collections_path(tmp_path_factory):
    """A collections path holding ngrok.ngrok installed from its built tarball."""
    return installed_collection(tmp_path_factory)


# -- the simulator -------------------------------------------------------------------------------------------------

class Simulator(SimulatorProcess):
    """A simulator process for one scenario, with the test controls and reads the scenarios use."""

    def __init__(self, workdir, *flags, ca_file=None, log_level="INFO"):
        log_path = os.path.join(str(workdir), "simulator-%s.log" % secrets.token_hex(3))
        super().__init__(log_path, "--log-level", log_level, *flags)
        self.verify = ca_file or True
        self.session = requests.Session()
        self.session.headers.update({"Authorization": "Bearer " + self.key, "Ngrok-Version": "2"})

    # test controls (never counted, faulted or rate limited)
    def control(self, method, path, body=None):
        response = self.session.request(method, self.url + path, json=body, timeout=30, verify=self.verify)
        assert response.status_code < 300, (method, path, response.status_code, response.text)
        return response.json() if response.content else None

    def stats(self):
        return self.control("GET", "/_sim/stats")

    def faults(self, *faults, seed=7):
        return self.control("POST", "/_sim/faults", {"seed": seed, "faults": list(faults)})

    def clear_faults(self):
        return self.control("POST", "/_sim/faults", {"faults": []})

    def request_log(self, limit=1000):
        return self.control("GET", "/_sim/requests?limit=%d" % limit)["requests"]

    # reading the account back (these are API requests: read them before or after the counters you compare)
    def objects(self, path, list_key=None):
        """Every object of a collection, following next_page_uri."""
        items, url = [], self.url + path
        while url:
            response = self.session.get(url, timeout=30, verify=self.verify)
            if response.status_code == 429:
                # A simulator with a rate limit: wait for the window as any client must.
                time.sleep(float(response.headers.get("Retry-After", "1")))
                continue
            assert response.status_code == 200, response.text
            body = response.json()
            key = list_key or next(k for k, v in body.items() if isinstance(v, list))
            items.extend(body[key])
            url = body.get("next_page_uri")
        return items


@pytest.fixture
def start_simulator(tmp_path):
    """Start simulators with the given flags (``start_simulator("--rate-limit", 20)``); all are stopped after the test."""
    started = []

    def start(*flags, ca_file=None, log_level="INFO"):
        sim = Simulator(tmp_path, *flags, ca_file=ca_file, log_level=log_level)
        started.append(sim)
        return sim

    yield start
    for sim in started:
        sim.stop()


# -- ansible-playbook ----------------------------------------------------------------------------------------------

class PlaybookRun:
    """The outcome of one ansible-playbook run: exit code, text output, seconds, per-task events, recap."""

    def __init__(self, returncode, output, seconds, events_path):
        self.returncode = returncode
        self.output = output
        self.seconds = seconds
        self.events = []
        if os.path.exists(events_path):
            with open(events_path, encoding="utf-8") as handle:
                self.events = [json.loads(line) for line in handle if line.strip()]
        self.recap = {}
        for match in RECAP_LINE.finditer(output):
            counts = dict(item.split("=") for item in match.group("counts").split())
            self.recap[match.group("host")] = dict((k, int(v)) for k, v in counts.items())

    def tasks(self, prefix="", items=False):
        """Task results (not loop items unless asked) whose task name starts with ``prefix``."""
        return [e for e in self.events if e["task"].startswith(prefix) and e["item"] == items]

    def task(self, name, host=None):
        found = [e for e in self.events if e["task"] == name and not e["item"] and (host is None or e["host"] == host)]
        assert len(found) == 1, "%d results for task %r" % (len(found), name)
        return found[0]

    def warnings(self):
        """Every warning the tasks returned (loop items' warnings are in their task's result)."""
        found = []
        for event in self.events:
            if not event["item"]:
                found.extend(event["result"].get("warnings") or [])
        return found

    def failed(self):
        return [e for e in self.events if e["status"] == "failed" and not e["item"]]

    def assert_ok(self):
        assert self.returncode == 0, self.output[-6000:]
        assert self.recap, self.output[-3000:]
        for host, counts in self.recap.items():
            assert counts.get("failed", 0) == 0 and counts.get("unreachable", 0) == 0, (host, self.output[-6000:])
        return self


class Ansible:
    """Runs playbooks of tests/reliability/playbooks against a simulator with the installed collection."""

    def __init__(self, collections_path, workdir):
        self.collections_path = collections_path
        self.workdir = str(workdir)
        self.count = 0

    def inventory(self, hosts):
        path = os.path.join(self.workdir, "inventory-%d.ini" % len(hosts))
        with open(path, "w", encoding="utf-8") as handle:
            handle.write("[ngrok]\n" + "".join("%s\n" % h for h in hosts))
            handle.write("[ngrok:vars]\nansible_connection=local\nansible_python_interpreter=%s\n" % sys.executable)
        return path

    def start(self, playbook, sim, hosts=("localhost",), extra_vars=None, args=(), env=None, forks=None):
        """Start ansible-playbook; returns a handle whose ``wait()`` gives the PlaybookRun."""
        self.count += 1
        events = os.path.join(self.workdir, "events-%d.jsonl" % self.count)
        output = os.path.join(self.workdir, "output-%d.txt" % self.count)
        run_env = dict(os.environ)
        for name in [n for n in run_env if n.startswith("NGROK_")]:
            del run_env[name]
        run_env.update({
            "ANSIBLE_COLLECTIONS_PATH": self.collections_path,
            "ANSIBLE_NOCOLOR": "1",
            "ANSIBLE_FORCE_COLOR": "0",
            "ANSIBLE_PIPELINING": "1",
            "ANSIBLE_RETRY_FILES_ENABLED": "0",
            "ANSIBLE_CALLBACK_PLUGINS": os.path.join(HERE, "callback_plugins"),
            "ANSIBLE_CALLBACKS_ENABLED": "task_events",
            "ANSIBLE_LOCAL_TEMP": os.path.join(self.workdir, "ansible-tmp"),
            "RELIABILITY_EVENTS": events,
            "NGROK_API_URL": sim.url,
            "NGROK_API_KEY": sim.key,
        })
        run_env.update(env or {})
        command = [_tool("ansible-playbook"), "-i", self.inventory(list(hosts)), os.path.join(PLAYBOOKS, playbook)]
        if forks:
            command += ["--forks", str(forks)]
        if extra_vars:
            command += ["-e", json.dumps(extra_vars)]
        command += list(args)
        handle = open(output, "w+", encoding="utf-8")  # pylint: disable=consider-using-with
        started = time.monotonic()
        process = subprocess.Popen(command, cwd=self.workdir, env=run_env, stdout=handle,  # pylint: disable=consider-using-with
                                   stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, universal_newlines=True)
        return _Running(process, handle, started, events)

    def run(self, playbook, sim, timeout=600, **kwargs):
        return self.start(playbook, sim, **kwargs).wait(timeout)


class _Running:
    def __init__(self, process, handle, started, events):
        self.process = process
        self.handle = handle
        self.started = started
        self.events = events

    def wait(self, timeout=600):
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            raise
        finally:
            seconds = time.monotonic() - self.started
            self.handle.seek(0)
            output = self.handle.read()
            self.handle.close()
        return PlaybookRun(self.process.returncode, output, seconds, self.events)


@pytest.fixture
def ansible(collections_path, tmp_path):
    return Ansible(collections_path, tmp_path)


def run_together(*starts):
    """Wait for ansible-playbook runs started at the same time; returns their PlaybookRuns in order."""
    results = [None] * len(starts)

    def wait(index, running):
        results[index] = running.wait()

    threads = [threading.Thread(target=wait, args=(i, r)) for i, r in enumerate(starts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


# -- the summary table ---------------------------------------------------------------------------------------------

@pytest.fixture
def report(record_property):
    """Record a row of the summary table: ``report("rate limit", sim_stats, "60 created", seconds)``: the simulator's
    requests, injected faults (``faults_injected``) and 429s of its rate limit (``rate_limited``), what happened, and
    the scenario's wall time."""

    def record(scenario, stats, outcome, seconds):
        record_property(TABLE_KEY, json.dumps({
            "scenario": scenario,
            "requests": stats.get("requests", 0),
            "faults": stats.get("faults_injected", 0),
            "rate_limited": stats.get("rate_limited", 0),
            "outcome": outcome,
            "seconds": round(seconds, 1),
        }))

    return record


def pytest_terminal_summary(terminalreporter):
    rows = []
    for reports in terminalreporter.stats.values():
        for rep in reports:
            if getattr(rep, "when", None) != "call":
                continue
            for key, value in getattr(rep, "user_properties", ()):
                if key == TABLE_KEY:
                    row = json.loads(value)
                    row["passed"] = rep.passed
                    rows.append(row)
    if not rows:
        return
    rows.sort(key=lambda r: r["scenario"])
    path = os.environ.get("RELIABILITY_RESULTS")
    if path:
        # The figures the reliability guide of the documentation shows (make docs renders them).
        results.record(path, rows, workers=terminalreporter.config.getoption("numprocesses", None))
    terminalreporter.section("reliability scenarios")
    terminalreporter.write_line("| scenario | requests | faults injected | 429s | outcome | seconds |")
    terminalreporter.write_line("|---|---:|---:|---:|---|---:|")
    for row in rows:
        outcome = row["outcome"] if row["passed"] else "FAILED: " + row["outcome"]
        terminalreporter.write_line("| {scenario} | {requests} | {faults} | {rate_limited} | {outcome} | {seconds} |".format(
            **dict(row, outcome=outcome)))
