"""Fixtures for the AWX / Ansible Automation Platform tests (`make awx`).

They run in their own virtualenv (tests/awx/requirements.txt: ansible-runner, ansible-builder and the `ansible`
package for awx.awx), never the collection's. `tools/awx.sh` builds and installs the collection from its tarball and
points ANSIBLE_COLLECTIONS_PATH at it; NGROK_SIMULATOR_PYTHON names an interpreter with the simulator's requirements.
"""

import json
import os
import re
import secrets
import subprocess
import sys
import threading
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import yaml

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN_DIR = os.path.dirname(sys.executable)
SIMULATOR = os.path.join(REPO_ROOT, 'tests', 'simulator', 'ngrok_sim.py')
CREDENTIAL_TYPE_FILE = os.path.join(REPO_ROOT, 'extensions', 'awx', 'credential_types', 'ngrok.yml')
RECAP_LINE = re.compile(r'^(?P<host>\S+)\s+:\s+(?P<counts>(?:\w+=\d+\s*)+)$', re.MULTILINE)


def tool(name):
    """Path of a command line tool of this virtualenv, else its bare name."""
    candidate = os.path.join(BIN_DIR, name)
    return candidate if os.path.exists(candidate) else name


def galaxy_version():
    with open(os.path.join(REPO_ROOT, 'galaxy.yml')) as handle:
        return yaml.safe_load(handle)['version']


def recap(output):
    """The PLAY RECAP counts of an ansible-playbook output, per host."""
    counts = {}
    for match in RECAP_LINE.finditer(output):
        counts[match.group('host')] = {k: int(v) for k, v in (i.split('=') for i in match.group('counts').split())}
    return counts


@pytest.fixture(scope='session')
def credential_type():
    with open(CREDENTIAL_TYPE_FILE) as handle:
        return yaml.safe_load(handle)


def _installed(path):
    return os.path.isfile(os.path.join(path, 'ansible_collections', 'ngrok', 'ngrok', 'MANIFEST.json'))


@pytest.fixture(scope='session')
def collections_path(tmp_path_factory):
    """A collections path holding ngrok.ngrok installed from its tarball (tools/awx.sh provides one)."""
    for path in os.environ.get('ANSIBLE_COLLECTIONS_PATH', '').split(os.pathsep):
        if path and _installed(path):
            return path
    build_dir = tmp_path_factory.mktemp('build')
    install_dir = tmp_path_factory.mktemp('collections')
    subprocess.run([tool('ansible-galaxy'), 'collection', 'build', '--output-path', str(build_dir), REPO_ROOT],
                   check=True, stdout=subprocess.PIPE)
    tarball = next(build_dir.glob('ngrok-ngrok-*.tar.gz'))
    subprocess.run([tool('ansible-galaxy'), 'collection', 'install', str(tarball), '-p', str(install_dir)],
                   check=True, stdout=subprocess.PIPE)
    return str(install_dir)


class Simulator:
    """The ngrok API simulator, started for one test with a random key."""

    def __init__(self, tmp_path):
        self.key = 'sim_' + secrets.token_hex(16)
        python = os.environ.get('NGROK_SIMULATOR_PYTHON') or sys.executable
        self.log_path = tmp_path / 'simulator.log'
        with open(self.log_path, 'wb') as log:
            self.process = subprocess.Popen(  # pylint: disable=consider-using-with
                [python, SIMULATOR, '--host', '127.0.0.1', '--port', '0', '--api-key', self.key],
                stdout=subprocess.PIPE, stderr=log, stdin=subprocess.DEVNULL, cwd=REPO_ROOT,
                env=dict(os.environ, PYTHONUNBUFFERED='1'))
        first_line = self.process.stdout.readline().decode().strip()
        if not first_line.startswith('listening on '):
            self.stop()
            raise RuntimeError('simulator did not start: %r; log: %s' % (first_line, self.log_path.read_text()))
        self.url = first_line[len('listening on '):]

    def get(self, path):
        request = urllib.request.Request(self.url + path, headers={'Authorization': 'Bearer ' + self.key, 'Ngrok-Version': '2'})
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.load(response)

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        self.process.stdout.close()


@pytest.fixture
def simulator(tmp_path):
    sim = Simulator(tmp_path)
    yield sim
    sim.stop()


class FakeController:
    """Just enough of the AWX API for awx.awx.credential_type: list credential types by name, create, update.

    Every request is kept in ``requests`` (method, path, query, body, authorization)."""

    def __init__(self, token):
        self.token = token
        self.credential_types = {}
        self.requests = []
        controller = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # pylint: disable=arguments-differ
                pass

            def _answer(self, status, body):
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header('Content-Type', 'application/json')
                self.send_header('Content-Length', str(len(data)))
                self.send_header('X-API-Product-Name', 'AWX')
                self.send_header('X-API-Product-Version', '24.6.1')
                self.end_headers()
                self.wfile.write(data)

            def _handle(self, method):
                parts = urllib.parse.urlsplit(self.path)
                length = int(self.headers.get('Content-Length') or 0)
                body = json.loads(self.rfile.read(length)) if length else None
                query = dict(urllib.parse.parse_qsl(parts.query))
                controller.requests.append(dict(method=method, path=parts.path, query=query, body=body,
                                                authorization=self.headers.get('Authorization')))
                if self.headers.get('Authorization') != 'Bearer ' + controller.token:
                    return self._answer(401, {'detail': 'Authentication credentials were not provided.'})
                status, answer = controller.route(method, parts.path, query, body)
                return self._answer(status, answer)

            def do_GET(self):  # pylint: disable=invalid-name
                self._handle('GET')

            def do_POST(self):  # pylint: disable=invalid-name
                self._handle('POST')

            def do_PATCH(self):  # pylint: disable=invalid-name
                self._handle('PATCH')

        self.server = ThreadingHTTPServer(('127.0.0.1', 0), Handler)
        self.url = 'http://127.0.0.1:%d' % self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def route(self, method, path, query, body):
        base = '/api/v2/credential_types/'
        if method == 'GET' and path == base:
            found = [t for t in self.credential_types.values()
                     if all(str(t.get(k)) == v for k, v in query.items() if not k.startswith(('page', 'or__')))]
            return 200, {'count': len(found), 'next': None, 'previous': None, 'results': found}
        if method == 'POST' and path == base:
            ident = len(self.credential_types) + 1
            obj = dict(body, id=ident, url='%s%d/' % (base, ident), type='credential_type', managed=False)
            self.credential_types[ident] = obj
            return 201, obj
        match = re.match(r'^%s(\d+)/$' % base, path)
        if match and int(match.group(1)) in self.credential_types:
            obj = self.credential_types[int(match.group(1))]
            if method == 'PATCH':
                obj.update(body)
            return 200, obj
        return 404, {'detail': 'Not found.'}

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def controller():
    fake = FakeController(token=secrets.token_hex(12))
    yield fake
    fake.stop()
