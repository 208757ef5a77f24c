"""What the suites that run the installed collection share (tests/e2e, tests/reliability, tests/awx).

- ``installed_collection``: a collections path holding ngrok.ngrok installed from its built tarball (the one the
  Makefile leg installed when ANSIBLE_COLLECTIONS_PATH names it, else built and installed here);
- ``SimulatorProcess``: the local ngrok API simulator started on a free port with a random bootstrap key;
- ``SimulatorApi``: requests to a simulator (API paths and ``/_sim/`` controls) that must succeed;
- ``recap``: the PLAY RECAP counts of an ansible-playbook output;
- ``StandinAgent``: the stand-in ngrok agent (tests/agent_standin) serving its local API on an address, offline.

The suites' conftest.py files (and the benchmark) put this folder on sys.path and build on these.
"""

import json
import os
import re
import secrets
import subprocess
import sys
import time
import urllib.request

import requests

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SIMULATOR = os.path.join(REPO_ROOT, "tests", "simulator", "ngrok_sim.py")
BIN_DIR = os.path.dirname(sys.executable)
RECAP_LINE = re.compile(r"^(?P<host>\S+)\s+:\s+(?P<counts>(?:\w+=\d+\s*)+)$", re.MULTILINE)


def tool(name):
    """Path of a command line tool next to the running interpreter (its virtualenv), else its bare name."""
    candidate = os.path.join(BIN_DIR, name)
    return candidate if os.path.exists(candidate) else name


def is_installed(path):
    return os.path.isfile(os.path.join(path, "ansible_collections", "ngrok", "ngrok", "MANIFEST.json"))


def installed_collection(tmp_path_factory):
    """A collections path holding ngrok.ngrok installed from its built tarball."""
    for path in os.environ.get("ANSIBLE_COLLECTIONS_PATH", "").split(os.pathsep):
        if path and is_installed(path):
            return path
    build_dir = tmp_path_factory.mktemp("build")
    install_dir = tmp_path_factory.mktemp("collections")
    subprocess.run([tool("ansible-galaxy"), "collection", "build", "--output-path", str(build_dir), REPO_ROOT],
                   check=True, stdout=subprocess.PIPE)
    tarball = next(build_dir.glob("ngrok-ngrok-*.tar.gz"))
    subprocess.run([tool("ansible-galaxy"), "collection", "install", str(tarball), "-p", str(install_dir)],
                   check=True, stdout=subprocess.PIPE)
    assert is_installed(str(install_dir))
    return str(install_dir)


def recap(output):
    """The PLAY RECAP counts of an ansible-playbook output, per host."""
    counts = {}
    for match in RECAP_LINE.finditer(output):
        counts[match.group("host")] = dict((k, int(v)) for k, v in (i.split("=") for i in match.group("counts").split()))
    return counts


def _stop(process):
    """Terminate a process started here (killed when it does not end within 10 s)."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)


class SimulatorProcess:
    """The simulator started on a free port with a random bootstrap key; its stderr log kept in ``log_path``.

    ``flags`` are more command-line options (``--rate-limit``, ``--tls-cert``, ...); ``python`` the interpreter
    with the simulator's requirements (default: the running one).
    """

    def __init__(self, log_path, *flags, python=None):
        self.key = "sim_" + secrets.token_hex(16)
        self.log_path = str(log_path)
        self._log = open(self.log_path, "wb")  # pylint: disable=consider-using-with
        self.process = subprocess.Popen(  # pylint: disable=consider-using-with
            [python or sys.executable, SIMULATOR, "--host", "127.0.0.1", "--port", "0", "--api-key", self.key]
            + [str(f) for f in flags],
            stdout=subprocess.PIPE, stderr=self._log, stdin=subprocess.DEVNULL, cwd=REPO_ROOT,
            env=dict(os.environ, PYTHONUNBUFFERED="1"))
        first_line = self.process.stdout.readline().decode().strip()
        if not first_line.startswith("listening on "):
            self.stop()
            raise RuntimeError("simulator did not start: %r; log: %s" % (first_line, self.log_text()))
        self.url = first_line[len("listening on "):]

    def get(self, path):
        """GET a path of the simulator (an API path or a /_sim/ control) with its key; the decoded answer."""
        request = urllib.request.Request(self.url + path, headers={"Authorization": "Bearer " + self.key,
                                                                   "Ngrok-Version": "2"})
        with urllib.request.urlopen(request, timeout=10) as response:  # nosec - the local simulator
            return json.load(response)

    def stats(self):
        """The simulator's request counters."""
        return self.get("/_sim/stats")

    def log_text(self):
        self._log.flush()
        with open(self.log_path, "r", encoding="utf-8", errors="replace") as handle:
            return handle.read()

    def stop(self):
        _stop(self.process)
        self.process.stdout.close()
        self._log.close()


class SimulatorApi:
    """Requests to a simulator with its bootstrap key, for setting up an account and reading it back.

    Every answer must be a success: a refusal raises ``error`` (AssertionError in tests). A 429 of a simulator with a
    rate limit is waited out as its Retry-After says, as any careful client does.
    """

    def __init__(self, url, key, error=AssertionError):
        self.url = url.rstrip("/")
        self.error = error
        self.session = requests.Session()
        self.session.headers.update({"Authorization": "Bearer " + key, "Ngrok-Version": "2"})

    def request(self, method, path, body=None):
        url = path if path.startswith("http") else self.url + path
        for _attempt in range(30):
            response = self.session.request(method, url, json=body, timeout=60)
            if response.status_code != 429:
                break
            time.sleep(float(response.headers.get("Retry-After") or 1))
        if response.status_code >= 400:
            raise self.error("{0} {1} {2}: {3} {4}".format(method, path, json.dumps(body)[:300],
                                                           response.status_code, response.text[:500]))
        return response.json() if response.content else None

    def post(self, path, body=None):
        return self.request("POST", path, body)

    def delete(self, path):
        return self.request("DELETE", path)

    def list(self, path, key):
        """Every object of a collection, following next_page_uri."""
        found, page = [], path
        while page:
            answer = self.request("GET", page)
            found.extend(answer[key])
            page = answer.get("next_page_uri")
        return found

    def stats(self):
        return self.request("GET", "/_sim/stats")

    def reset(self):
        self.request("POST", "/_sim/reset")


STANDIN = os.path.join(REPO_ROOT, "tests", "agent_standin", "ngrok")


class StandinAgent:
    """The stand-in agent of tests/agent_standin, offline (no API to register with), serving its local API on
    ``web_addr`` (``host:port``) until :meth:`stop`; its files under ``workdir``."""

    def __init__(self, workdir, web_addr, python=None):
        self.web_addr = web_addr
        os.makedirs(str(workdir), exist_ok=True)
        tag = web_addr.replace(":", "-")
        config = os.path.join(str(workdir), "agent-%s.yml" % tag)
        with open(config, "w", encoding="utf-8") as handle:
            handle.write('version: "3"\nagent:\n  authtoken: offline\n  web_addr: "%s"\n' % web_addr)
        env = dict(os.environ, NGROK_STANDIN_API_URL="", NGROK_STANDIN_API_KEY="",
                   NGROK_STANDIN_ROOT=os.path.join(str(workdir), "agent-root-%s" % tag))
        self.log_path = os.path.join(str(workdir), "agent-%s.log" % tag)
        self._log = open(self.log_path, "w", encoding="utf-8")  # pylint: disable=consider-using-with
        self.process = subprocess.Popen(  # pylint: disable=consider-using-with
            [python or sys.executable, STANDIN, "start", "--none", "--config", config], env=env, stdout=self._log,
            stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + 20
        while True:
            try:
                with urllib.request.urlopen("http://%s/api/status" % web_addr, timeout=2):  # nosec - a local stand-in
                    return
            except OSError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    self.stop()
                    raise RuntimeError("the stand-in agent did not serve its local API on %s (see %s)" % (
                        web_addr, self.log_path))
                time.sleep(0.2)

    def stop(self):
        _stop(self.process)
        self._log.close()
