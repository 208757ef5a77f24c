"""Every module is complete: documented attributes, in the action group, a row in the modules guide, an integration
target;
and every redirect of meta/runtime.yml lands on a module that exists.

The documentation is read with ansible-doc from the installed collection, so doc fragments are applied exactly as
users see them.
"""

import json
import os
import subprocess

import pytest
import yaml

from .conftest import REPO_ROOT, _tool
from .test_action_group import LOCAL_AGENT_MODULES, _action_group, _api_modules, _modules_on_disk

ATTRIBUTES = {"check_mode", "diff_mode", "idempotent", "action_group"}


@pytest.fixture(scope="module")
def documentation(collections_path):
    """{module: ansible-doc's JSON of it}: its ``doc``, ``examples`` and ``return``."""
    env = dict(os.environ, ANSIBLE_COLLECTIONS_PATH=collections_path, ANSIBLE_NOCOLOR="1")
    names = ["ngrok.ngrok." + m for m in _modules_on_disk()]
    out = subprocess.run([_tool("ansible-doc"), "--json", "-t", "module"] + names, check=True, env=env,
                         stdout=subprocess.PIPE).stdout
    return dict((name.split(".")[-1], data) for name, data in json.loads(out).items())


@pytest.fixture(scope="module")
def docs(documentation):
    return dict((name, data["doc"]) for name, data in documentation.items())


def test_every_module_documents_its_attributes(docs):
    for name, doc in docs.items():
        missing = ATTRIBUTES - set(doc.get("attributes") or {})
        assert not missing, "%s documents no %s attribute" % (name, ", ".join(sorted(missing)))
        if name in LOCAL_AGENT_MODULES:
            # Documented as outside the group (see test_action_group.py for why).
            assert doc["attributes"]["action_group"]["support"] == "none", name
            assert "ngrok.ngrok.ngrok" not in doc["attributes"]["action_group"].get("membership", []), name
        else:
            assert "ngrok.ngrok.ngrok" in doc["attributes"]["action_group"].get("membership", []), name


def test_every_module_has_examples_and_return_docs(documentation):
    """EXAMPLES that are YAML tasks, each naming the module (they run as tests in the examples leg), and RETURN
    values each with a description and a type, beside the version and short description."""
    for name, data in documentation.items():
        doc = data["doc"]
        assert doc.get("version_added"), name
        assert doc.get("short_description"), name
        examples = yaml.safe_load(data.get("examples") or "")
        assert isinstance(examples, list) and examples, "%s has no EXAMPLES" % name
        assert all(isinstance(task, dict) and task.get("name") for task in examples), "%s: an example has no name" % name
        assert any("ngrok.ngrok." + name in task for task in examples), "%s: no example runs the module" % name
        returned = data.get("return") or {}
        assert returned, "%s has no RETURN" % name
        for key, value in returned.items():
            assert value.get("description") and value.get("type"), "%s: RETURN %s needs a description and a type" % (
                name, key)


def test_redirects_land_on_modules():
    with open(os.path.join(REPO_ROOT, "meta", "runtime.yml")) as handle:
        routing = (yaml.safe_load(handle).get("plugin_routing") or {}).get("modules") or {}
    modules = set(_modules_on_disk())
    for name, route in routing.items():
        target = route["redirect"]
        assert target.startswith("ngrok.ngrok."), (name, target)
        assert target.split(".")[-1] in modules, "%s redirects to %s, which does not exist" % (name, target)
        assert name not in modules, "%s is both a module and a redirect" % name


def test_every_module_has_a_row_in_the_modules_guide_and_an_integration_target():
    guide = os.path.join(REPO_ROOT, "docs", "docsite", "rst", "resources.rst")
    with open(guide) as handle:
        rows = handle.read()
    for name in _modules_on_disk():
        row = ":ref:`ngrok.ngrok.{0} <ansible_collections.ngrok.ngrok.{0}_module>`".format(name)
        assert row in rows, "the modules guide (docs/docsite/rst/resources.rst) has no row for %s" % name
        target = os.path.join(REPO_ROOT, "tests", "integration", "targets", name, "tasks", "main.yml")
        assert os.path.isfile(target), "%s has no integration target" % name
    assert set(_action_group()) == set(_api_modules())
