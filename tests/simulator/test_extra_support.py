"""Fixtures for the test_extra_* modules.

Each module gets its own simulator whose stderr is read continuously, so a long
run of requests can never fill the log pipe and stall the server.  Importing
``sim`` and ``client`` from here shadows the conftest fixtures of the same name.
"""

import threading

import pytest
import requests

from conftest import KEY, SimProcess


class QuietSim(SimProcess):
    """A simulator process whose stderr is drained by a background thread."""

    def __init__(self, *extra):
        super().__init__(*extra)
        self.lines = []
        self.reader = threading.Thread(target=self._drain, daemon=True)
        self.reader.start()

    def _drain(self):
        for line in self.proc.stderr:
            self.lines.append(line)

    def stop(self, timeout=10):
        """SIGTERM and wait; return the exit code (stderr ends up in stderr_text)."""
        if self.proc.poll() is None:
            self.proc.terminate()
        try:
            code = self.proc.wait(timeout)
        except Exception:  # pylint: disable=broad-except
            self.proc.kill()
            code = self.proc.wait()
        self.reader.join(5)
        self.stderr_text = "".join(self.lines)
        self.proc.stdout.close()
        self.proc.stderr.close()
        return code


@pytest.fixture(scope="module")
def extra_process():
    """One simulator per test module (rate limit off)."""
    proc = QuietSim("--rate-limit", "0")
    yield proc
    assert proc.stop() == 0


@pytest.fixture
def sim(extra_process):  # pylint: disable=redefined-outer-name
    """The module's simulator, reset before each test."""
    resp = requests.post(extra_process.url + "/_sim/reset", headers={"Authorization": "Bearer " + KEY}, timeout=10)
    assert resp.status_code == 200
    return extra_process


@pytest.fixture
def client(sim):  # pylint: disable=redefined-outer-name
    """A client on the freshly reset simulator."""
    return sim.client()


def test_many_requests_do_not_stall(client):
    for attempt in range(800):
        assert client.get("/bot_users").status_code == 200, attempt
