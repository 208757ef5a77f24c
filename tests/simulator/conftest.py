"""Fixtures: start the simulator CLI on a free port and talk to it over HTTP."""

import os
import subprocess
import sys
import threading

import pytest
import requests

HERE = os.path.dirname(os.path.abspath(__file__))
CLI = os.path.join(HERE, "ngrok_sim.py")
KEY = "test-bootstrap-key"


class SimProcess:
    """A running simulator process.

    Its stderr is drained by a background thread, so no amount of logging can fill
    the pipe and stall the server; ``stop()`` leaves the whole log in ``stderr_text``.
    """

    def __init__(self, *extra, key=KEY):
        self.key = key
        self.proc = subprocess.Popen(  # pylint: disable=consider-using-with
            [sys.executable, CLI, "--host", "127.0.0.1", "--port", "0", "--api-key", key] + list(extra),
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        line = self.proc.stdout.readline()
        if not line.startswith("listening on "):
            self.proc.kill()
            raise RuntimeError("simulator did not start: %r %s" % (line, self.proc.stderr.read()))
        self.url = line.split("listening on ", 1)[1].strip()
        self.stderr_text = None
        self._stderr_lines = []
        self._reader = threading.Thread(target=self._drain_stderr, daemon=True)
        self._reader.start()

    def _drain_stderr(self):
        for line in self.proc.stderr:
            self._stderr_lines.append(line)

    def client(self, key=None):
        """A Client authenticated with the bootstrap key (or another one)."""
        return Client(self.url, key or self.key)

    def stop(self, timeout=10):
        """SIGTERM and wait; return the exit code."""
        if self.proc.poll() is None:
            self.proc.terminate()
        try:
            code = self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            code = self.proc.wait()
        self._reader.join(5)
        self.stderr_text = "".join(self._stderr_lines)
        self.proc.stdout.close()
        self.proc.stderr.close()
        return code


class Client:
    """Thin requests wrapper that sends the API headers."""

    def __init__(self, url, key):
        self.url = url
        self.session = requests.Session()
        self.session.headers.update({"Authorization": "Bearer %s" % key, "Ngrok-Version": "2"})

    def request(self, method, path, json=None, **kwargs):  # pylint: disable=redefined-outer-name
        """Send a request; ``path`` may be relative or an absolute URL."""
        url = path if path.startswith("http") else self.url + path
        return self.session.request(method, url, json=json, timeout=10, **kwargs)

    def get(self, path, **kwargs):
        """GET."""
        return self.request("GET", path, **kwargs)

    def post(self, path, json=None, **kwargs):  # pylint: disable=redefined-outer-name
        """POST with a JSON body."""
        return self.request("POST", path, json=json if json is not None else {}, **kwargs)

    def patch(self, path, json=None, **kwargs):  # pylint: disable=redefined-outer-name
        """PATCH with a JSON body."""
        return self.request("PATCH", path, json=json if json is not None else {}, **kwargs)

    def delete(self, path, **kwargs):
        """DELETE."""
        return self.request("DELETE", path, **kwargs)

    def ok(self, method, path, json=None, status=None):  # pylint: disable=redefined-outer-name
        """Send and assert success; return the JSON body (or None for 204)."""
        resp = self.request(method, path, json=json)
        expected = status or {"POST": 201, "DELETE": 204}.get(method, 200)
        assert resp.status_code == expected, (resp.status_code, resp.text)
        return resp.json() if resp.content else None


def assert_error(resp, status, code):
    """Assert the ngrok error shape with the given status and error code (None: no code)."""
    assert resp.status_code == status, (resp.status_code, resp.text)
    body = resp.json()
    if code is None:
        assert "error_code" not in body, body
    else:
        assert body["error_code"] == "ERR_NGROK_%s" % code, body
    assert body["status_code"] == status
    assert isinstance(body["msg"], str) and body["msg"]
    assert body["details"]["operation_id"].startswith("op_")
    assert resp.headers["Ngrok-Operation-Id"] == body["details"]["operation_id"]
    return body


def listing(client, path, **params):
    """GET a list (with query parameters) and assert 200."""
    resp = client.get(path, params=params)
    assert resp.status_code == 200, resp.text
    return resp.json()


@pytest.fixture(scope="session")
def sim_process():
    """One simulator for the session (rate limit off so tests do not interfere)."""
    proc = SimProcess("--rate-limit", "0")
    yield proc
    assert proc.stop() == 0


@pytest.fixture
def sim(sim_process):  # pylint: disable=redefined-outer-name
    """The session simulator, reset before each test."""
    resp = requests.post(sim_process.url + "/_sim/reset", headers={"Authorization": "Bearer " + KEY}, timeout=10)
    assert resp.status_code == 200
    return sim_process


@pytest.fixture
def client(sim):  # pylint: disable=redefined-outer-name
    """A client on the freshly reset session simulator."""
    return sim.client()
