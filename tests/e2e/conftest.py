"""Fixtures for the end-to-end tests: the installed collection, a fresh simulator, ansible-playbook runs.

`make e2e` builds the collection tarball, installs it and points ANSIBLE_COLLECTIONS_PATH at it.
Run directly with pytest, these fixtures build and install the collection themselves.
"""

import os
import subprocess
import sys

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "support"))
from collection_under_test import REPO_ROOT, SimulatorProcess, installed_collection, recap, tool  # noqa: E402

_tool = tool


@pytest.fixture(scope='session')
def collections_path(tmp_path_factory):
    """A collections path holding ngrok.ngrok installed from its built tarball."""
    return installed_collection(tmp_path_factory)


@pytest.fixture
def simulator(tmp_path):
    """A fresh simulator with empty state and a random key."""
    sim = SimulatorProcess(tmp_path / 'simulator.log')
    yield sim
    sim.stop()


class PlaybookRun:
    """Outcome of one ansible-playbook run."""

    def __init__(self, completed):
        self.returncode = completed.returncode
        self.output = completed.stdout
        self.recap = recap(self.output)


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
