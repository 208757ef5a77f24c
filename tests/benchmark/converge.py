#!/usr/bin/env python
# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Benchmark: API requests and wall time to converge N reserved domains and N API keys.

Starts the local simulator, installs the collection from the working tree into a temporary
collections path, and runs one playbook four times: create, converged re-run, a check-mode plan
of a change, and teardown. Prints one row per run with the requests the API received (by method),
the requests that were rate limited, and the wall time.

    python tests/benchmark/converge.py --count 50
    python tests/benchmark/converge.py --count 100 --rate-limit 120 --rate-window 60

Run it from the repository root with the project's virtualenv (ansible-core, requests and the
simulator's requirements installed).
"""

from __future__ import absolute_import, division, print_function

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

try:
    from urllib.request import Request, urlopen
except ImportError:  # pragma: no cover
    sys.exit("Python 3 is required")

PLAYBOOK = """
- name: Benchmark - converge reserved domains and API keys
  hosts: localhost
  gather_facts: false
  vars:
    bench_state: present
    bench_description: benchmark
  tasks:
    - name: Reserved domains
      ngrok.ngrok.ngrok_reserved_domain:
        domain: "d{{ item }}.bench.example.com"
        description: "{{ bench_description }}"
        certificate_management_policy:
          private_key_type: ecdsa
        state: "{{ bench_state }}"
      loop: "{{ range(bench_count | int) | list }}"
    - name: API keys
      ngrok.ngrok.ngrok_api_key:
        description: "bench key {{ item }}"
        metadata: "{{ bench_description }}"
        state: "{{ bench_state }}"
      loop: "{{ range(bench_count | int) | list }}"
      no_log: true
"""


def copy_collection(repo, dest):
    target = os.path.join(dest, "ansible_collections", "ngrok", "ngrok")
    files = subprocess.check_output(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=repo).decode().split("\0")
    for name in files:
        if not name or not os.path.isfile(os.path.join(repo, name)):
            continue
        path = os.path.join(target, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        shutil.copy2(os.path.join(repo, name), path)
    return dest


def sim_call(url, key, path, method="GET"):
    request = Request(url + path, method=method, headers={"Authorization": "Bearer " + key})
    with urlopen(request, timeout=10) as response:
        body = response.read()
    return json.loads(body) if body else None


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--count", type=int, default=25, help="domains and keys to manage (each)")
    parser.add_argument("--rate-limit", type=int, default=0, help="simulator rate limit (0: off)")
    parser.add_argument("--rate-window", type=int, default=60)
    parser.add_argument("--forks", type=int, default=5)
    args = parser.parse_args()

    repo = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
    work = tempfile.mkdtemp(prefix="ngrok-bench-")
    key = "bench-" + os.urandom(8).hex()
    sim = None
    try:
        copy_collection(repo, work)
        playbook = os.path.join(work, "bench.yml")
        with open(playbook, "w") as handle:
            handle.write(PLAYBOOK)
        sim = subprocess.Popen(
            [sys.executable, os.path.join(repo, "tests", "simulator", "ngrok_sim.py"), "--host", "127.0.0.1", "--port", "0",
             "--api-key", key, "--rate-limit", str(args.rate_limit), "--rate-window", str(args.rate_window)],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        first = sim.stdout.readline().decode().strip()
        if not first.startswith("listening on "):
            sys.exit("the simulator did not start: {0!r}".format(first))
        url = first[len("listening on "):]
        env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=work, NGROK_API_URL=url, NGROK_API_KEY=key, ANSIBLE_NOCOLOR="1",
                   ANSIBLE_FORKS=str(args.forks))
        runs = [
            ("create", []),
            ("converged re-run", []),
            ("check-mode plan of a change", ["--check", "--diff", "-e", "bench_description=changed"]),
            ("teardown", ["-e", "bench_state=absent"]),
        ]
        print("| run | requests | GET | POST | PATCH | DELETE | rate limited | wall time (s) |")
        print("|---|---|---|---|---|---|---|---|")
        for title, extra in runs:
            before = sim_call(url, key, "/_sim/stats")
            started = time.time()
            done = subprocess.run(
                [os.path.join(os.path.dirname(sys.executable), "ansible-playbook"), "-i", "localhost,", "-c", "local",
                 "-e", "ansible_python_interpreter=" + sys.executable, "-e", "bench_count={0}".format(args.count), playbook] + extra,
                env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, check=False)
            elapsed = time.time() - started
            if done.returncode != 0:
                sys.stdout.write(done.stdout.decode()[-3000:])
                sys.exit("run '{0}' failed".format(title))
            after = sim_call(url, key, "/_sim/stats")
            delta = dict((m, after["by_method"][m] - before["by_method"][m]) for m in ("GET", "POST", "PATCH", "DELETE"))
            print("| {0} | {1} | {2} | {3} | {4} | {5} | {6} | {7:.1f} |".format(
                title, after["requests"] - before["requests"], delta["GET"], delta["POST"], delta["PATCH"], delta["DELETE"],
                after["rate_limited"] - before["rate_limited"], elapsed))
    finally:
        if sim is not None:
            sim.terminate()
            sim.wait()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
