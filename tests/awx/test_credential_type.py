"""The ngrok credential type (extensions/awx/credential_types/ngrok.yml) and the playbook that registers it.

The file is checked against the rules AWX applies to a custom credential type (its inputs and injectors schemas,
the fields an injector may use, the variables it may set); its injectors are rendered the way AWX renders them and
must give what the collection reads. The playbook is run against a stand-in for the AWX API with the real awx.awx
collection: what it sends, and that a second run changes nothing.
"""

import json
import os
import re
import subprocess

import jsonschema
from jinja2 import StrictUndefined, Undefined
from jinja2.sandbox import ImmutableSandboxedEnvironment

from collection_under_test import REPO_ROOT, recap, tool

PLAYBOOK = os.path.join(REPO_ROOT, 'playbooks', 'awx_credential_type.yml')
NAME = re.compile(r'^[a-zA-Z_]+[a-zA-Z0-9_]*$')

# The shape AWX accepts for a custom credential type (its API validates `inputs` and `injectors` this way).
INPUTS_SCHEMA = {
    'type': 'object',
    'additionalProperties': False,
    'properties': {
        'required': {'type': 'array', 'items': {'type': 'string'}},
        'fields': {
            'type': 'array',
            'items': {
                'type': 'object',
                'additionalProperties': False,
                'required': ['id', 'label'],
                'properties': {
                    'id': {'type': 'string', 'pattern': NAME.pattern},
                    'label': {'type': 'string'},
                    'help_text': {'type': 'string'},
                    'type': {'enum': ['string', 'boolean']},
                    'format': {'enum': ['ssh_private_key', 'url']},
                    'choices': {'type': 'array', 'minItems': 1, 'items': {'type': 'string'}, 'uniqueItems': True},
                    'multiline': {'type': 'boolean'},
                    'secret': {'type': 'boolean'},
                    'ask_at_runtime': {'type': 'boolean'},
                    'default': {},
                },
            },
        },
    },
}
INJECTORS_SCHEMA = {
    'type': 'object',
    'additionalProperties': False,
    'properties': {
        'file': {'type': 'object', 'additionalProperties': False,
                 'patternProperties': {r'^template(\.[a-zA-Z_]+[a-zA-Z0-9_]*)?$': {'type': 'string'}}},
        'env': {'type': 'object', 'additionalProperties': False,
                'patternProperties': {NAME.pattern: {'type': 'string', 'pattern': '^[\x00-\x7f]*$'}}},
        'extra_vars': {'type': 'object', 'additionalProperties': False,
                       'patternProperties': {NAME.pattern: {'type': 'string'}}},
    },
}


def render_injectors(credential_type, inputs, undefined=Undefined):
    """The environment a job gets from a credential with these inputs, rendered as AWX renders injectors."""
    env = ImmutableSandboxedEnvironment(undefined=undefined)
    return {name: env.from_string(template).render(**inputs)
            for name, template in credential_type['injectors'].get('env', {}).items()}


def test_the_credential_type_is_one_awx_accepts(credential_type):
    assert set(credential_type) == {'name', 'description', 'kind', 'inputs', 'injectors'}
    # Custom credential types can only be of these kinds.
    assert credential_type['kind'] in ('cloud', 'net')
    jsonschema.validate(credential_type['inputs'], INPUTS_SCHEMA)
    jsonschema.validate(credential_type['injectors'], INJECTORS_SCHEMA)
    fields = {f['id']: f for f in credential_type['inputs']['fields']}
    assert len(fields) == len(credential_type['inputs']['fields']) and 'tower' not in fields
    assert set(credential_type['inputs']['required']) <= set(fields)
    for field in fields.values():
        if 'default' in field:
            assert isinstance(field['default'], str if field.get('type', 'string') == 'string' else bool)
    # An injector may only use the fields, and may not set Ansible's own variables.
    render_injectors(credential_type, {name: 'EXAMPLE' for name in fields}, undefined=StrictUndefined)
    assert not [name for name in credential_type['injectors']['env'] if name.startswith('ANSIBLE_')]


def test_the_key_is_a_required_secret_and_the_url_optional(credential_type):
    fields = {f['id']: f for f in credential_type['inputs']['fields']}
    assert fields['api_key'].get('secret') is True and credential_type['inputs']['required'] == ['api_key']
    assert not fields['api_url'].get('secret') and fields['api_url']['default'] == 'https://api.ngrok.com'


def test_the_injected_variables_are_the_ones_the_collection_reads(credential_type):
    assert render_injectors(credential_type, {'api_key': 'k-1', 'api_url': 'https://api.example.test'}) == {
        'NGROK_API_KEY': 'k-1', 'NGROK_API_URL': 'https://api.example.test'}
    # A credential without a URL injects an empty one, which the collection takes as the default API.
    assert render_injectors(credential_type, {'api_key': 'k-1'}) == {'NGROK_API_KEY': 'k-1', 'NGROK_API_URL': ''}
    for path in ('plugins/inventory/ngrok.py', 'plugins/lookup/ngrok.py', 'plugins/module_utils/_module.py'):
        with open(os.path.join(REPO_ROOT, path)) as handle:
            source = handle.read()
        assert 'NGROK_API_KEY' in source and 'NGROK_API_URL' in source, path


# -- the playbook that registers it ------------------------------------------------------------------

def run(controller, collections_path, playbook='ngrok.ngrok.awx_credential_type', *args):
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=collections_path, ANSIBLE_NOCOLOR='1',
               CONTROLLER_HOST=controller.url, CONTROLLER_OAUTH_TOKEN=controller.token, CONTROLLER_VERIFY_SSL='false')
    completed = subprocess.run([tool('ansible-playbook'), playbook] + list(args), env=env, cwd=REPO_ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True, check=False)
    assert completed.returncode == 0, completed.stdout
    return completed.stdout


def test_the_playbook_passes_a_syntax_check_with_awx_awx():
    completed = subprocess.run([tool('ansible-playbook'), '--syntax-check', PLAYBOOK], cwd=REPO_ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True, check=False)
    assert completed.returncode == 0, completed.stdout


def test_the_playbook_uses_only_options_awx_awx_has(credential_type):
    doc = json.loads(subprocess.run([tool('ansible-doc'), '-j', 'awx.awx.credential_type'], stdout=subprocess.PIPE,
                                    check=True, universal_newlines=True).stdout)['awx.awx.credential_type']['doc']
    with open(PLAYBOOK) as handle:
        task = re.search(r'awx\.awx\.credential_type:\n((?:        .*\n)+)', handle.read()).group(1)
    used = set(re.findall(r'^        (\w+):', task, re.MULTILINE))
    assert used and used <= set(doc['options']), used - set(doc['options'])
    assert credential_type['kind'] in doc['options']['kind']['choices']


def test_the_playbook_registers_the_type_once_and_then_changes_nothing(controller, collections_path, credential_type):
    first = run(controller, collections_path)
    assert recap(first)['localhost']['changed'] == 1
    posts = [r for r in controller.requests if r['method'] == 'POST']
    assert len(posts) == 1 and posts[0]['path'] == '/api/v2/credential_types/'
    # The controller receives the file as it is: the injectors' templates are its own to render, never Ansible's.
    assert posts[0]['body'] == dict(credential_type, managed=False)
    assert posts[0]['body']['injectors']['env']['NGROK_API_KEY'] == '{{ api_key }}'
    assert {r['authorization'] for r in controller.requests} == {'Bearer ' + controller.token}
    assert "credential type 'ngrok API' has id 1" in first

    del controller.requests[:]
    second = run(controller, collections_path)
    assert recap(second)['localhost']['changed'] == 0
    assert [r['method'] for r in controller.requests] == ['GET']
    assert controller.requests[0]['query'] == {'name': 'ngrok API'}


def test_the_playbook_brings_a_changed_type_back(controller, collections_path, credential_type):
    run(controller, collections_path)
    controller.credential_types[1]['description'] = 'edited by hand'
    controller.credential_types[1]['injectors'] = {'env': {'NGROK_API_KEY': '{{ api_key }}'}}
    del controller.requests[:]
    output = run(controller, collections_path)
    assert recap(output)['localhost']['changed'] == 1
    (patch,) = [r for r in controller.requests if r['method'] != 'GET']
    assert patch['method'] == 'PATCH' and patch['path'] == '/api/v2/credential_types/1/'
    assert controller.credential_types[1]['description'] == credential_type['description']
    assert controller.credential_types[1]['injectors'] == credential_type['injectors']


def test_a_refused_token_fails_the_playbook(controller, collections_path):
    token = 'not-the-' + controller.token
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=collections_path, ANSIBLE_NOCOLOR='1',
               CONTROLLER_HOST=controller.url, CONTROLLER_OAUTH_TOKEN=token)
    completed = subprocess.run([tool('ansible-playbook'), 'ngrok.ngrok.awx_credential_type'], env=env, cwd=REPO_ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True, check=False)
    assert completed.returncode != 0 and 'HTTP 401' in completed.stdout
    assert token not in completed.stdout
