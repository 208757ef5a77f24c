"""Fixtures for the AWX / Ansible Automation Platform tests (`make awx`).

They run in their own virtualenv (tests/awx/requirements.txt: ansible-runner, ansible-builder and the `ansible`
package for awx.awx), never the collection's. `tools/awx.sh` builds and installs the collection from its tarball and
points ANSIBLE_COLLECTIONS_PATH at it; NGROK_SIMULATOR_PYTHON names an interpreter with the simulator's requirements.
"""

import json
import os
import re
import secrets
import sys
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import yaml

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), 'support'))
from collection_under_test import REPO_ROOT, SimulatorProcess, installed_collection  # noqa: E402

CREDENTIAL_TYPE_FILE = os.path.join(REPO_ROOT, 'extensions', 'awx', 'credential_types', 'ngrok.yml')


def galaxy_version():
    with open(os.path.join(REPO_ROOT, 'galaxy.yml')) as handle:
        return yaml.safe_load(handle)['version']


@pytest.fixture(scope='session')
def credential_type():
    with open(CREDENTIAL_TYPE_FILE) as handle:
        return yaml.safe_load(handle)


@pytest.fixture(scope='session')
def collections_path(tmp_path_factory):
    """A collections path holding ngrok.ngrok installed from its tarball (tools/awx.sh provides one)."""
    return installed_collection(tmp_path_factory)


@pytest.fixture
def simulator(tmp_path):
    """A fresh simulator (run by NGROK_SIMULATOR_PYTHON: an interpreter with its requirements) and a random key."""
    sim = SimulatorProcess(tmp_path / 'simulator.log', python=os.environ.get('NGROK_SIMULATOR_PYTHON'))
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
