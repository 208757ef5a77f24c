"""The README's quick start, run exactly as written: by hand in `make sandbox`, and against an account (here the
simulator standing for one) with the playbook saved as quickstart.yml."""

import os
import re
import shlex
import subprocess

import pytest

from collection_under_test import REPO_ROOT, recap, tool

README = os.path.join(REPO_ROOT, 'README.md')
QUICKSTART = os.path.join(REPO_ROOT, 'playbooks', 'quickstart.yml')
BLOCK = re.compile(r'^```(\w*)\n(.*?)^```', re.MULTILINE | re.DOTALL)


def quick_start():
    """The blocks of the README's Quick start section: [(language, text), ...]."""
    with open(README, encoding='utf-8') as handle:
        text = handle.read()
    section = text.split('\n## Quick start\n', 1)[1].split('\n## ', 1)[0]
    return BLOCK.findall(section)


def commands(block):
    """The command lines of a shell block, without their comments."""
    lines = []
    for line in block.splitlines():
        words = shlex.split(line, comments=True)
        if words:
            lines.append(words)
    return lines


def playbook_block():
    blocks = [text for language, text in quick_start() if language == 'yaml']
    assert len(blocks) == 1, 'the quick start has one playbook'
    return blocks[0]


def shell_block(*first_words):
    """The shell block of the quick start whose first command starts with ``first_words``."""
    for language, text in quick_start():
        if language == 'sh' and commands(text) and tuple(commands(text)[0][:len(first_words)]) == first_words:
            return text
    raise AssertionError('no shell block of the quick start starts with %s' % ' '.join(first_words))


def test_the_quick_start_playbook_is_playbooks_quickstart_yml():
    with open(QUICKSTART, encoding='utf-8') as handle:
        assert playbook_block() == handle.read()


def test_make_demo_is_one_command():
    assert commands(shell_block('make', 'demo')) == [['make', 'demo']]


def test_the_quick_start_play_runs_on_the_controller():
    text = playbook_block()
    assert 'connection: local' in text and 'api_key' not in text


def account_env(collections_path, simulator):
    """What a user's shell has after `export NGROK_API_KEY=...`: the key (and here the simulator's URL), nothing of
    this repository's tooling but the installed collection and the virtualenv's ansible-playbook on PATH."""
    env = dict((k, v) for k, v in os.environ.items() if not k.startswith(('NGROK_', 'ANSIBLE_')))
    env.update({
        'ANSIBLE_COLLECTIONS_PATH': collections_path,
        'ANSIBLE_NOCOLOR': '1',
        'NGROK_API_URL': simulator.url,
        'NGROK_API_KEY': simulator.key,
        'PATH': os.path.dirname(tool('ansible-playbook')) + os.pathsep + os.environ.get('PATH', ''),
    })
    return env


def test_with_an_account_the_plan_then_the_run_as_written(collections_path, simulator, tmp_path):
    lines = commands(shell_block('export'))
    assert lines[0][0] == 'export' and lines[0][1].startswith('NGROK_API_KEY='), lines
    runs = lines[1:]
    assert [words[:3] for words in runs] == [['ansible-playbook', '-i', 'localhost,']] * 2, runs
    assert runs[0][3:] == ['quickstart.yml', '--check', '--diff'] and runs[1][3:] == ['quickstart.yml'], runs
    (tmp_path / 'quickstart.yml').write_text(playbook_block())
    env = account_env(collections_path, simulator)

    outcomes = []
    for words in runs + [runs[1]]:
        before = simulator.stats()
        done = subprocess.run(words, cwd=str(tmp_path), env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              universal_newlines=True, check=False)
        after = simulator.stats()
        assert done.returncode == 0, done.stdout
        counts = recap(done.stdout)['localhost']
        assert counts['failed'] == 0, done.stdout
        outcomes.append((counts['changed'], after['mutations'] - before['mutations']))
    plan, apply, again = outcomes
    assert plan[0] > 0 and plan[1] == 0, 'the plan must show changes and make none: %r' % (plan,)
    assert apply[0] == 3 and apply[1] > 0, apply
    assert again == (0, 0), 'the second run must change nothing: %r' % (again,)


@pytest.mark.skipif(not os.path.exists(os.path.join(REPO_ROOT, 'Makefile')), reason='needs the clone')
def test_by_hand_in_the_sandbox_as_written():
    lines = commands(shell_block('make', 'sandbox'))
    assert lines[0] == ['make', 'sandbox'], lines
    typed = ''.join(' '.join(shlex.quote(w) for w in words) + '\n' for words in lines[1:])
    env = dict((k, v) for k, v in os.environ.items() if not k.startswith(('NGROK_', 'ANSIBLE_', 'MAKE')))
    env.update({'ANSIBLE_NOCOLOR': '1', 'SHELL': '/bin/bash'})
    done = subprocess.run(['make', '--no-print-directory', 'sandbox'], cwd=REPO_ROOT, env=env, input=typed,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True, check=False,
                          timeout=600)
    assert done.returncode == 0, done.stdout[-6000:]
    recaps = re.findall(r'^localhost\s+:\s+ok=\d+\s+changed=(\d+)\s+unreachable=0\s+failed=(\d+)', done.stdout,
                        re.MULTILINE)
    assert len(recaps) == len(lines) - 1, done.stdout[-6000:]
    assert all(failed == '0' for _changed, failed in recaps), done.stdout[-6000:]
    assert [int(changed) > 0 for changed, _failed in recaps] == [True, True], done.stdout[-6000:]
