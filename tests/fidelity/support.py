"""What the fidelity suites share: the simulator, the tables and the tally of agreeing cases."""

import os
import subprocess
import sys
import threading

import pytest
import requests
import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
CLI = os.path.join(HERE, "..", "simulator", "ngrok_sim.py")
KEY = "fidelity-bootstrap-key"
CORPORA = ("traffic policy actions", "recorded requests and answers", "error catalog", "event types", "region codes",
           "id prefixes", "tables match the docs")
RESULTS = {name: {"cases": 0, "agreeing": 0, "documented": 0, "skipped": 0} for name in CORPORA}


def corpus(name):
    """Mark a test as a case of the corpus ``name``."""
    assert name in RESULTS, name
    return pytest.mark.corpus(name)


def load(name):
    """A table or corpus file of ``data/``."""
    with open(os.path.join(HERE, "data", name), encoding="utf-8") as handle:
        return yaml.safe_load(handle)


class Simulator:
    """The simulator CLI on a free port (rate limit off), with a requests session that speaks the API."""

    def __init__(self):
        self.proc = subprocess.Popen(  # pylint: disable=consider-using-with
            [sys.executable, CLI, "--host", "127.0.0.1", "--port", "0", "--api-key", KEY, "--rate-limit", "0"],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        if not line.startswith("listening on "):
            self.proc.kill()
            raise RuntimeError("simulator did not start: %r %s" % (line, self.proc.stderr.read()))
        self.url = line.split("listening on ", 1)[1].strip()
        self._drain = threading.Thread(target=lambda: [None for _line in self.proc.stderr], daemon=True)
        self._drain.start()
        self.session = requests.Session()
        self.session.headers.update({"Authorization": "Bearer " + KEY, "Ngrok-Version": "2"})

    def request(self, method, path, body=None, params=None):
        """Send one request; ``path`` is relative to the simulator."""
        kwargs = {"params": params, "timeout": 10}
        if body is not None:
            kwargs["json"] = body
        return self.session.request(method, self.url + path, **kwargs)

    def reset(self):
        """Empty the simulator."""
        assert self.request("POST", "/_sim/reset").status_code == 200

    def stop(self):
        """Stop the simulator."""
        self.proc.terminate()
        try:
            self.proc.wait(10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.proc.stdout.close()
