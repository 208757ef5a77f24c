"""Fixtures for the end-to-end tests: the installed collection, a fresh simulator, ansible-playbook runs.

`make e2e` builds the collection tarball, installs it and points ANSIBLE_COLLECTIONS_PATH at it.
Run directly with pytest, these fixtures build and install the collection themselves.
"""

import json
import os
import re
import secrets
import subprocess
import sys
import urllib.request

import pytest

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN_DIR = os.path.dirname(sys.executable)
SIMULATOR = os.path.join(REPO_ROOT, 'tests', 'simulator', 'ngrok_sim.py')
RECAP_LINE = re.compile(r'^(?P<host>\S+)\s+:\s+(?P<counts>(?:\w+=\d+\s*)+)$', re.MULTILINE)


def _tool(name):
    """Path of an Ansible command line tool next to the running interpreter, else its bare name."""
    candidate = os.path.join(BIN_DIR, name)
    return candidate if os.path.exists(candidate) else name


def _installed(path):
    return os.path.isfile(os.path.join(path, 'ansible_collections', 'ngrok', 'ngrok', 'MANIFEST.json'))


@pytest.fixture(scope='session')
def collections_path(tmp_path_factory):
    """A collections path holding ngrok.ngrok installed from its built tarball."""
    given = os.environ.get('ANSIBLE_COLLECTIONS_PATH', '')
    for path in given.split(os.pathsep):
        if path and _installed(path):
            return given
    build_dir = tmp_path_factory.mktemp('build')
    install_dir = tmp_path_factory.mktemp('collections')
    subprocess.run([_tool('ansible-galaxy'), 'collection', 'build', '--output-path', str(build_dir), REPO_ROOT],
                   check=True, stdout=subprocess.PIPE)
    tarball = next(build_dir.glob('ngrok-ngrok-*.tar.gz'))
    subprocess.run([_tool('ansible-galaxy'), 'collection', 'install', str(tarball), '-p', str(install_dir)],
                   check=True, stdout=subprocess.PIPE)
    assert _installed(str(install_dir))
    return str(install_dir)


class Simulator:
    """A simulator process started for one test."""

    def __init__(self, tmp_path):
        self.key = 'sim_' + secrets.token_hex(16)
        self.log_path = tmp_path / 'simulator.log'
        env = dict(os.environ, PYTHONUNBUFFERED='1')
        with open(self.log_path, 'wb') as log:
            self.process = subprocess.Popen(  # pylint: disable=consider-using-with
                [sys.executable, SIMULATOR, '--host', '127.0.0.1', '--port', '0', '--api-key', self.key],
                stdout=subprocess.PIPE, stderr=log, stdin=subprocess.DEVNULL, env=env, cwd=REPO_ROOT)
        first_line = self.process.stdout.readline().decode().strip()
        if not first_line.startswith('listening on '):
            self.stop()
            raise RuntimeError('simulator did not start: %r; log: %s' % (first_line, self.log_path.read_text()))
        self.url = first_line[len('listening on '):]

    def stats(self):
        """The simulator's request counters."""
        request = urllib.request.Request(self.url + '/_sim/stats', headers={'Authorization': 'Bearer ' + self.key})
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.load(response)

    def stop(self):
        """Stop the process."""
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
    """A fresh simulator with empty state and a random key."""
    sim = Simulator(tmp_path)
    yield sim
    sim.stop()


class PlaybookRun:
    """Outcome of one ansible-playbook run."""

    def __init__(self, completed):
        self.returncode = completed.returncode
        self.output = completed.stdout
        self.recap = {}
        for match in RECAP_LINE.finditer(self.output):
            counts = dict(item.split('=') for item in match.group('counts').split())
            self.recap[match.group('host')] = {name: int(value) for name, value in counts.items()}


@pytest.fixture
def run_playbook(collections_path, simulator):
    """Run a playbook against the simulator with the installed collection; returns a PlaybookRun."""

    def run(playbook, *args):
        env = dict(os.environ)
        env.update({
            'ANSIBLE_COLLECTIONS_PATH': collections_path,
            'ANSIBLE_NOCOLOR': '1',
            'NGROK_API_URL': simulator.url,
            'NGROK_API_KEY': simulator.key,
        })
        command = [_tool('ansible-playbook'), '-i', 'localhost,', '-e', 'ansible_connection=local',
                   '-e', 'ansible_python_interpreter={{ ansible_playbook_python }}', playbook] + list(args)
        completed = subprocess.run(command, cwd=REPO_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                   universal_newlines=True, check=False)
        return PlaybookRun(completed)

    return run
