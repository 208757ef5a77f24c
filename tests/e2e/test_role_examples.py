"""The Example of each role README that runs on the controller, as pasted, against a fresh simulator.

Each runs with ``ansible-playbook -i localhost, FILE`` and nothing more than the API's URL and key in the environment
(and the interpreter of this test's virtualenv): twice (the second run changes nothing), and where the example offers
a state, twice more with ``absent`` (the second run changes nothing again).
"""

import os
import re
import subprocess

import pytest

from collection_under_test import REPO_ROOT, recap, tool as _tool

EXAMPLE = re.compile(r"^## Example\n+```yaml\n(?P<play>.*?)^```", re.MULTILINE | re.DOTALL)


def role_example(role):
    with open(os.path.join(REPO_ROOT, "roles", role, "README.md"), encoding="utf-8") as handle:
        return EXAMPLE.search(handle.read()).group("play")


def run_as_pasted(collections_path, simulator, path, *extra):
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=collections_path, ANSIBLE_NOCOLOR="1",
               NGROK_API_URL=simulator.url, NGROK_API_KEY=simulator.key)
    command = [_tool("ansible-playbook"), "-i", "localhost,", path,
               "-e", "ansible_python_interpreter={{ ansible_playbook_python }}"] + list(extra)
    completed = subprocess.run(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               universal_newlines=True, check=False)
    assert completed.returncode == 0, completed.stdout
    counts = recap(completed.stdout)["localhost"]
    assert counts["failed"] == 0 and counts["unreachable"] == 0, completed.stdout
    return counts, completed.stdout


@pytest.mark.parametrize("role, states, extra", [
    ("cloud_endpoint", ("present", "absent"), ()),
    ("reserved_domains", ("present",), ()),
    # The report goes where the test may write; the rest of the example is as pasted.
    ("account_audit", ("present",), ("-e", "account_audit_report_path={report}")),
])
def test_role_examples_run_as_pasted_and_converge(role, states, extra, collections_path, simulator, tmp_path):
    path = tmp_path / ("%s.yml" % role)
    path.write_text(role_example(role))
    extra = [e.format(report=tmp_path / "audit" / "report.json") for e in extra]
    for state in states:
        state_args = ["-e", "cloud_endpoint_state=%s" % state] if role == "cloud_endpoint" else []
        first, output = run_as_pasted(collections_path, simulator, str(path), *(extra + state_args))
        before = simulator.stats()
        second, output = run_as_pasted(collections_path, simulator, str(path), *(extra + state_args))
        after = simulator.stats()
        assert second["changed"] == 0 and after["mutations"] == before["mutations"], output
        if role != "account_audit":
            assert first["changed"] > 0, output
