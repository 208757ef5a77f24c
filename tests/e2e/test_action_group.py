"""The `ngrok` action group in meta/runtime.yml must hold exactly the collection's modules."""

import os

import yaml

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _modules_on_disk():
    modules_dir = os.path.join(REPO_ROOT, 'plugins', 'modules')
    return sorted(
        name[:-3] for name in os.listdir(modules_dir)
        if name.endswith('.py') and not name.startswith('_') and name != '__init__.py'
    )


def _action_group():
    with open(os.path.join(REPO_ROOT, 'meta', 'runtime.yml')) as handle:
        runtime = yaml.safe_load(handle)
    return runtime.get('action_groups', {}).get('ngrok', [])


def test_there_are_modules():
    assert _modules_on_disk(), 'plugins/modules holds no module'


def test_action_group_lists_every_module():
    missing = sorted(set(_modules_on_disk()) - set(_action_group()))
    assert not missing, 'add these modules to action_groups.ngrok in meta/runtime.yml: %s' % ', '.join(missing)


def test_action_group_lists_only_existing_modules():
    group = _action_group()
    unknown = sorted(set(group) - set(_modules_on_disk()))
    assert not unknown, 'action_groups.ngrok in meta/runtime.yml names modules that do not exist: %s' % ', '.join(unknown)
    assert len(group) == len(set(group)), 'action_groups.ngrok lists a module twice'


def test_requires_ansible_is_set():
    with open(os.path.join(REPO_ROOT, 'meta', 'runtime.yml')) as handle:
        runtime = yaml.safe_load(handle)
    assert runtime.get('requires_ansible', '').startswith('>=2.16')
