"""The guide docs/docsite/rst/export.rst runs as written: its converge.yml and its commands, in a fresh git
repository, against a simulator seeded with the rich account (tests/support/rich_account.py), with the installed
collection."""

import os
import re
import subprocess
import sys

import pytest

# tests/support is on sys.path (conftest.py)
from collection_under_test import REPO_ROOT, SimulatorApi, SimulatorProcess, recap  # noqa: E402
import rich_account  # noqa: E402

GUIDE = os.path.join(REPO_ROOT, "docs", "docsite", "rst", "export.rst")

# The editor the guide opens on the vault file: fills in what every run needs (the event targets' secrets), the way a
# user who does not have the other values at hand would.
EDITOR = """import sys, yaml
path = sys.argv[1]
values = yaml.safe_load(open(path)) or {}
for name in values:
    if "event_destination" in name:
        values[name] = "filled-in-" + name
yaml.safe_dump(values, open(path, "w"))
"""


def code_block(caption):
    """The text of the guide's code block with this caption."""
    with open(GUIDE, encoding="utf-8") as handle:
        lines = handle.read().splitlines()
    for index, line in enumerate(lines):
        if line.strip() == ":caption: " + caption and lines[index - 1].startswith(".. code-block::"):
            body = []
            for text in lines[index + 1:]:
                if text and not text.startswith("   "):
                    break
                body.append(text[3:])
            return "\n".join(body).strip("\n") + "\n"
    raise AssertionError("no code block with the caption {0!r} in {1}".format(caption, GUIDE))


def commands(caption):
    return [line[2:] for line in code_block(caption).splitlines() if line.startswith("$ ")]


@pytest.fixture
def account(tmp_path):
    sim = SimulatorProcess(tmp_path / "simulator.log", "--rate-limit", "0")
    try:
        rich_account.seed(SimulatorApi(sim.url, sim.key))
        yield sim
    finally:
        sim.stop()


def run(lines, repository, env):
    """The commands, in one shell, stopping at the first that fails; (exit code, output)."""
    script = "set -e\n" + "\n".join(lines) + "\n"
    done = subprocess.run(["bash", "-c", script], cwd=repository, env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, universal_newlines=True, check=False)
    return done.returncode, done.stdout


def test_the_guide_runs_as_written(account, collections_path, tmp_path):
    repository = tmp_path / "ngrok-account"
    repository.mkdir()
    (repository / "converge.yml").write_text(code_block("converge.yml"))
    editor = tmp_path / "editor.py"
    editor.write_text(EDITOR)
    password = tmp_path / "vault-password"
    password.write_text("a passphrase for the test\n")
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=collections_path, ANSIBLE_NOCOLOR="1", NGROK_API_URL=account.url,
               NGROK_API_KEY=account.key, ANSIBLE_VAULT_PASSWORD_FILE=str(password), PWD=str(repository),
               GIT_AUTHOR_NAME="test", GIT_AUTHOR_EMAIL="test@example.com",
               GIT_COMMITTER_NAME="test", GIT_COMMITTER_EMAIL="test@example.com",
               PATH=os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", ""))
    subprocess.run(["git", "init", "-q", str(repository)], check=True)

    # The guide's ${EDITOR:-vi} is one word in its command: the test's editor is a script run by a wrapper.
    wrapper = tmp_path / "edit"
    wrapper.write_text("#!/bin/sh\nexec {0} {1} \"$@\"\n".format(sys.executable, editor))
    wrapper.chmod(0o755)
    env["EDITOR"] = str(wrapper)

    before = account.stats()
    code, output = run(commands("Adopt the account"), str(repository), env)
    assert code == 0, output
    after = account.stats()
    assert after["mutations"] == before["mutations"], "adopting the account changed it"
    plans = [counts for host, counts in recap(output).items()]
    assert plans and all(counts["failed"] == 0 for counts in plans), output
    # The plan of converge.yml: nothing to change.
    assert re.search(r"TASK \[Converge the account.*?\n(ok|changed): \[localhost\]", output, re.S), output
    assert "changed: [localhost]" not in output.split("TASK [Converge the account")[1], output
    vault = (repository / "ngrok" / "ngrok_account.vault.yml").read_text()
    assert vault.startswith("$ANSIBLE_VAULT;"), "the vault file was not encrypted"
    tracked = subprocess.run(["git", "ls-files"], cwd=str(repository), stdout=subprocess.PIPE, universal_newlines=True,
                             check=True).stdout.split()
    assert sorted(tracked) == ["converge.yml", "ngrok/ngrok_account.vault.yml", "ngrok/ngrok_account.yml"]

    # No change by hand: the re-export is the same file.
    code, output = run(commands("Find changes made by hand"), str(repository), env)
    assert code == 0, output
    # A change by hand shows in the diff, and the last command fails on it.
    vault_id = [v for v in account.get("/vaults")["vaults"] if v["name"] == "prod"][0]["id"]
    SimulatorApi(account.url, account.key).request("PATCH", "/vaults/" + vault_id,
                                                   {"description": "changed in the dashboard"})
    code, output = run(commands("Find changes made by hand"), str(repository), env)
    assert code != 0, output
    assert "+      description: changed in the dashboard" in output, output
