"""The `ngrok` action group in meta/runtime.yml must hold exactly the collection's modules that talk to the ngrok API.

The group exists so that `module_defaults: {group/ngrok.ngrok.ngrok: {api_key: ..., api_url: ...}}` sets the API's
connection options once. A module that talks to a running agent's local API instead takes none of those options:
in the group, those defaults would reach it as unsupported parameters and fail it. Such modules are listed here and
must stay out of the group.
"""

import os

import yaml

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _modules_on_disk():
    modules_dir = os.path.join(REPO_ROOT, 'plugins', 'modules')
    return sorted(
        name[:-3] for name in os.listdir(modules_dir)
        if name.endswith('.py') and not name.startswith('_') and name != '__init__.py'
    )


# Modules of the agent's local API (ngrok-docs agent/api.mdx), not of the REST API.
LOCAL_AGENT_MODULES = ('ngrok_agent_tunnel',)


def _api_modules():
    return [name for name in _modules_on_disk() if name not in LOCAL_AGENT_MODULES]


def _action_group():
    with open(os.path.join(REPO_ROOT, 'meta', 'runtime.yml')) as handle:
        runtime = yaml.safe_load(handle)
    return runtime.get('action_groups', {}).get('ngrok', [])


def test_there_are_modules():
    assert _modules_on_disk(), 'plugins/modules holds no module'


def test_action_group_lists_every_module():
    missing = sorted(set(_api_modules()) - set(_action_group()))
    assert not missing, 'add these modules to action_groups.ngrok in meta/runtime.yml: %s' % ', '.join(missing)


def test_action_group_lists_only_existing_modules():
    group = _action_group()
    unknown = sorted(set(group) - set(_api_modules()))
    assert not unknown, 'action_groups.ngrok in meta/runtime.yml names modules that do not exist: %s' % ', '.join(unknown)
    assert len(group) == len(set(group)), 'action_groups.ngrok lists a module twice'


def test_local_agent_modules_exist_and_stay_out_of_the_group():
    on_disk = set(_modules_on_disk())
    for name in LOCAL_AGENT_MODULES:
        assert name in on_disk, '%s is listed as a module of the agent API but does not exist' % name
        assert name not in _action_group(), (
            '%s talks to the agent, not the ngrok API: the group\'s connection defaults would fail it' % name)


def test_requires_ansible_is_set():
    with open(os.path.join(REPO_ROOT, 'meta', 'runtime.yml')) as handle:
        runtime = yaml.safe_load(handle)
    assert runtime.get('requires_ansible', '').startswith('>=2.16')
