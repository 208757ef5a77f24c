"""playbooks/demo.yml run by ansible-runner, the engine AWX runs jobs with, the way an AWX job with an ngrok
credential runs it: the key reaches the job only through the environment the credential type injects
(`env/envvars` of the runner's private data directory), and must appear nowhere in what the run leaves behind.
"""

import json
import os
import shutil

import ansible_runner
import yaml

from collection_under_test import REPO_ROOT
from test_credential_type import render_injectors

CENSORED = "the output has been hidden due to the fact that 'no_log: true' was specified for this result"


def private_data_dir(tmp_path, envvars, extravars=None):
    """A runner private data directory: the demo as the project, localhost as the inventory, the environment."""
    pdd = tmp_path / 'runner'
    (pdd / 'project').mkdir(parents=True)
    (pdd / 'inventory').mkdir()
    (pdd / 'env').mkdir()
    shutil.copy(os.path.join(REPO_ROOT, 'playbooks', 'demo.yml'), str(pdd / 'project' / 'demo.yml'))
    (pdd / 'inventory' / 'hosts').write_text(
        'localhost ansible_connection=local ansible_python_interpreter="{{ ansible_playbook_python }}"\n')
    (pdd / 'env' / 'envvars').write_text(yaml.safe_dump(envvars))
    if extravars:
        (pdd / 'env' / 'extravars').write_text(yaml.safe_dump(extravars))
    return pdd


def run_demo(pdd, ident):
    # As AWX does: no environment files in the artifacts.
    return ansible_runner.run(private_data_dir=str(pdd), playbook='demo.yml', ident=ident, quiet=True,
                              suppress_env_files=True)


def artifact_files(pdd):
    for root, _dirs, files in os.walk(str(pdd / 'artifacts')):
        for name in files:
            yield os.path.join(root, name)


def holding(pdd, secret):
    """The artifact files (relative paths) whose bytes contain ``secret``."""
    found = []
    for path in artifact_files(pdd):
        with open(path, 'rb') as handle:
            if secret.encode() in handle.read():
                found.append(os.path.relpath(path, str(pdd / 'artifacts')))
    return sorted(found)


def test_the_demo_runs_in_ansible_runner_with_the_key_from_the_credential_environment(
        tmp_path, monkeypatch, simulator, collections_path, credential_type):
    for name in ('NGROK_API_KEY', 'NGROK_API_URL'):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv('ANSIBLE_COLLECTIONS_PATH', collections_path)
    envvars = render_injectors(credential_type, {'api_key': simulator.key, 'api_url': simulator.url})
    pdd = private_data_dir(tmp_path, envvars)

    created = run_demo(pdd, 'create')
    assert (created.status, created.rc) == ('successful', 0), created.stdout.read()
    assert created.stats['changed'] == {'localhost': 2} and not created.stats['failures']
    # The API got the domain and the key.
    stats = simulator.get('/_sim/stats')
    assert stats['mutations'] == 2 and stats['by_method']['POST'] == 2
    domains = simulator.get('/reserved_domains')['reserved_domains']
    keys = simulator.get('/api_keys')['keys']
    assert [d['domain'] for d in domains] == ['demo.example.com']
    assert [k['description'] for k in keys] == ['demo deploy pipeline']

    events = list(created.events)
    ok = {e['event_data']['task']: e['event_data']['res'] for e in events if e['event'] == 'runner_on_ok'}
    assert ok['Reserve the domain, with a certificate that ngrok obtains and renews']['reserved_domain']['id'] == domains[0]['id']
    # The task that receives the new key's token keeps it out of the events.
    assert ok['Create an API key for the deploy pipeline'] == {'censored': CENSORED}
    assert any(e['event'] == 'playbook_on_stats' for e in events)

    teardown_pdd = pdd
    (teardown_pdd / 'env' / 'extravars').write_text(yaml.safe_dump({'ngrok_demo_state': 'absent'}))
    removed = run_demo(teardown_pdd, 'teardown')
    assert (removed.status, removed.rc) == ('successful', 0), removed.stdout.read()
    assert removed.stats['changed'] == {'localhost': 2}
    assert simulator.get('/reserved_domains')['reserved_domains'] == [] and simulator.get('/api_keys')['keys'] == []

    # What the runs produced never holds the key: stdout, stderr, every job event, the status and the facts.
    names = {os.path.relpath(p, str(pdd / 'artifacts')) for p in artifact_files(pdd)}
    assert {'create/stdout', 'create/stderr', 'create/status', 'teardown/stdout'} <= names
    assert len([n for n in names if n.startswith('create/job_events/')]) >= 8
    # ansible-runner itself records the environment it started the job with in `command` (readable by its owner
    # only), as it does for every credential AWX injects; that record is the only place the key is.
    assert holding(pdd, simulator.key) == ['create/command', 'teardown/command']
    for ident in ('create', 'teardown'):
        path = pdd / 'artifacts' / ident / 'command'
        assert oct(path.stat().st_mode & 0o777) == '0o600'
        with open(str(path)) as handle:
            record = json.load(handle)
        assert record['env']['NGROK_API_KEY'] == simulator.key
        assert simulator.key not in json.dumps(dict(record, env=None))
