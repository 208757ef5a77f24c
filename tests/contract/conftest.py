# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Fixtures of the contract suite.

The suite drives the local simulator with ngrok's official Python client
(``ngrok-api``).  Every response ``requests`` receives from the simulator is
checked: error bodies against ngrok's error shape, 204s for an empty body and,
when ``NGROK_OPENAPI_SPEC`` names ngrok's OpenAPI description, every JSON body
against the response schema of its operation.  Answers of operations newer than
that description are checked against ``go_client_facts.yaml`` (ngrok-api-go's
facts) instead, always.
"""

from __future__ import annotations

import os
import queue
import secrets
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
import requests

import ngrok
from .contract_support import ContractViolation, OpenApiChecker, Recorder
from .go_facts import GoFacts

REPO_ROOT = Path(__file__).resolve().parents[2]
SIM_SCRIPT = Path("tests") / "simulator" / "ngrok_sim.py"
SPEC_ENV = "NGROK_OPENAPI_SPEC"
START_TIMEOUT = 20
# the suite sends far more than the real 120 requests/minute; rate limiting is
# tested against a dedicated simulator started with a small limit
SUITE_RATE_LIMIT = "1000000"

RECORDER = Recorder()
_UNSET = object()


def _load_checker():
    path = os.environ.get(SPEC_ENV)
    if not path:
        return None, "%s is not set: OpenAPI response schema checks are skipped" % SPEC_ENV
    if not os.path.isfile(path) or not os.access(path, os.R_OK):
        return None, "%s=%s is not a readable file: OpenAPI response schema checks are skipped" % (SPEC_ENV, path)
    return OpenApiChecker.from_file(path), None


CHECKER, CHECKER_SKIP_REASON = _load_checker()
RECORDER.checker = CHECKER
# Operations newer than the OpenAPI description are checked against ngrok-api-go's facts instead.
RECORDER.facts = GoFacts.load()


def pytest_configure(config):
    config.addinivalue_line("markers", "no_sim: the test does not talk to the simulator")
    for name in (SPEC_ENV, "NGROK_API_RESOURCES"):
        path = os.environ.get(name)
        if path and not (os.path.isfile(path) and os.access(path, os.R_OK)):
            # Named but not there: the checks against ngrok's own description would silently not run.
            raise pytest.UsageError("{0}={1} is not a readable file; unset it to run without it".format(name, path))
    if CHECKER_SKIP_REASON:
        config.issue_config_time_warning(pytest.PytestWarning(CHECKER_SKIP_REASON), stacklevel=2)


def pytest_report_header(config):
    del config
    if CHECKER is None:
        return "contract: %s" % CHECKER_SKIP_REASON
    return "contract: every response is validated against %s" % os.environ[SPEC_ENV]


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item):
    """Fail a test whose requests broke the contract, even if it swallowed the error."""
    outcome = yield
    del item
    violations = list(RECORDER.violations)
    if violations and outcome.excinfo is None:
        outcome.force_exception(ContractViolation("contract violations:\n  " + "\n  ".join(violations)))


_ORIGINAL_SEND = requests.Session.send


def _observing_send(self, request, **kwargs):
    response = _ORIGINAL_SEND(self, request, **kwargs)
    RECORDER.observe(request, response)
    return response


@pytest.fixture(scope="session", autouse=True)
def _intercept_requests():
    """Every call of ``requests`` (the ngrok client uses requests.request) passes through the recorder."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(requests.Session, "send", _observing_send)
        yield RECORDER


class Simulator:
    """A running simulator process."""

    def __init__(self, proc, url, api_key, stderr_path):
        self.proc = proc
        self.url = url
        self.api_key = api_key
        self.stderr_path = stderr_path

    def headers(self, **extra):
        headers = {"Authorization": "Bearer " + self.api_key, "Ngrok-Version": "2"}
        headers.update(extra)
        return headers

    def control(self, method, path, body=None):
        """Call a /_sim/ test control and return its JSON (or None)."""
        kwargs = {"headers": self.headers(), "timeout": 10}
        if body is not None:
            kwargs["json"] = body
        resp = requests.request(method, self.url + path, **kwargs)
        assert resp.status_code < 300, "%s %s -> %s %s" % (method, path, resp.status_code, resp.text)
        return resp.json() if resp.content else None

    def stats(self):
        return self.control("GET", "/_sim/stats")

    def reset(self):
        self.control("POST", "/_sim/reset")

    def logged_requests(self, limit=50):
        data = self.control("GET", "/_sim/requests?limit=%d" % limit)
        return data.get("requests", data) if isinstance(data, dict) else data

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            return "killed after SIGTERM timeout"


def start_simulator(tmp_dir, *extra_args):
    """Start ``tests/simulator/ngrok_sim.py`` from the repository root with the interpreter running pytest."""
    api_key = "contract_" + secrets.token_urlsafe(24)
    stderr_path = Path(tmp_dir) / ("simulator-%s.log" % secrets.token_hex(4))
    cmd = [sys.executable, str(SIM_SCRIPT), "--host", "127.0.0.1", "--port", "0", "--api-key", api_key] + list(extra_args)
    with open(stderr_path, "wb") as stderr:
        proc = subprocess.Popen(cmd, cwd=str(REPO_ROOT), stdout=subprocess.PIPE, stderr=stderr)  # pylint: disable=consider-using-with
    lines = queue.Queue()

    def pump():
        for raw_line in proc.stdout:
            lines.put(raw_line.decode("utf-8", "replace"))
        lines.put(None)

    threading.Thread(target=pump, daemon=True).start()
    try:
        first = lines.get(timeout=START_TIMEOUT)
    except queue.Empty:
        first = None
    prefix = "listening on "
    if not first or not first.startswith(prefix):
        proc.kill()
        proc.wait()
        pytest.fail("simulator did not announce itself (first line %r); stderr:\n%s"
                    % (first, stderr_path.read_text(errors="replace")[-3000:]))
    url = first[len(prefix):].strip().rstrip("/")
    RECORDER.bases.add(url)
    return Simulator(proc, url, api_key, stderr_path)


@pytest.fixture(scope="session")
def sim(tmp_path_factory):
    """The simulator shared by the whole suite; stopped with SIGTERM, which must exit 0."""
    simulator = start_simulator(tmp_path_factory.mktemp("sim"), "--rate-limit", SUITE_RATE_LIMIT, "--rate-window", "60")
    yield simulator
    code = simulator.stop()
    assert code == 0, "simulator exit status after SIGTERM: %r; stderr:\n%s" % (
        code, simulator.stderr_path.read_text(errors="replace")[-3000:])


@pytest.fixture
def start_sim(tmp_path):
    """Start extra simulators (other options); each must exit 0 on SIGTERM at teardown."""
    started = []

    def start(*extra_args):
        simulator = start_simulator(tmp_path, *extra_args)
        started.append(simulator)
        return simulator

    yield start
    codes = [simulator.stop() for simulator in started]
    assert codes == [0] * len(started), codes


@pytest.fixture(autouse=True)
def _fresh_state(request):
    """Every test starts from an empty simulator (POST /_sim/reset)."""
    if request.node.get_closest_marker("no_sim"):
        yield None
        return
    simulator = request.getfixturevalue("sim")
    simulator.reset()
    RECORDER.reset()
    yield simulator


@pytest.fixture
def client(sim):
    return ngrok.Client(sim.api_key, base_url=sim.url)


@pytest.fixture
def recorder():
    return RECORDER


@pytest.fixture
def checker():
    if CHECKER is None:
        pytest.skip(CHECKER_SKIP_REASON)
    return CHECKER


@pytest.fixture
def complete():
    """``complete(obj, "APIKey")``: the object has every field of its schema (description and
    metadata may be omitted when empty; ``omitted`` names further fields a resource leaves out
    when they are empty).  A no-op without the OpenAPI description."""

    def check(obj, component, omitted=()):
        if CHECKER is None:
            return
        props = obj._props if hasattr(obj, "_props") else obj
        missing = CHECKER.component_properties(component) - set(props) - {"description", "metadata"} - set(omitted)
        assert not missing, "%s lacks %s" % (component, sorted(missing))

    return check


class Raw:
    """Hand-made requests, for what the client cannot send (missing headers, odd bodies...)."""

    def __init__(self, simulator):
        self.sim = simulator

    def __call__(self, method, path, json=_UNSET, data=None, params=None, headers=None,
                 auth=True, version="2", base=None):
        """``auth``: True = the suite's key, a string = a bearer token, None = no header.
        ``version``: the Ngrok-Version header value, None = no header.
        ``headers``: extra headers; a None value removes a header."""
        sent = {}
        if auth is True:
            sent["Authorization"] = "Bearer " + self.sim.api_key
        elif auth is not None:
            sent["Authorization"] = "Bearer " + auth
        if version is not None:
            sent["Ngrok-Version"] = version
        kwargs = {"params": params}
        if json is not _UNSET:
            kwargs["json"] = json
        if data is not None:
            kwargs["data"] = data
        url = (base or self.sim.url) + path if path.startswith("/") else path
        session = requests.Session()
        prepared = session.prepare_request(requests.Request(method, url, headers=sent, **kwargs))
        for name, value in (headers or {}).items():
            if value is None:
                prepared.headers.pop(name, None)
            else:
                prepared.headers[name] = value
        try:
            return session.send(prepared, timeout=10)
        finally:
            session.close()

    def get(self, path, **kwargs):
        return self("GET", path, **kwargs)

    def post(self, path, body=None, **kwargs):
        return self("POST", path, json=body if body is not None else _UNSET, **kwargs)

    def patch(self, path, body=None, **kwargs):
        return self("PATCH", path, json=body if body is not None else _UNSET, **kwargs)

    def delete(self, path, **kwargs):
        return self("DELETE", path, **kwargs)


@pytest.fixture
def raw(sim):
    return Raw(sim)
