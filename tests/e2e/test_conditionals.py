"""Every conditional in the collection's YAML is text.

A condition holding ': ' outside quotes is a mapping to YAML; ansible-core before 2.19 takes any mapping as true, so
such an assertion can never fail there, and 2.19 refuses it ("Conditional expressions must be strings"). The roles,
the molecule scenarios, the playbooks and the integration targets are read here as YAML, each conditional checked.
"""

import glob
import os

import yaml

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
CONDITIONS = ("when", "changed_when", "failed_when", "until")


class _Loader(yaml.SafeLoader):
    """Reads Ansible's tags as the text they hold."""


for _tag in ("!unsafe", "!vault"):
    _Loader.add_constructor(_tag, lambda loader, node: loader.construct_scalar(node))


def _not_text(value, path, found):
    if isinstance(value, dict):
        for name in ("ansible.builtin.assert", "assert"):
            that = (value.get(name) or {}).get("that") if isinstance(value.get(name), dict) else None
            for condition in that if isinstance(that, list) else ([that] if that is not None else []):
                if not isinstance(condition, str):
                    found.append((path, "assert", condition))
        for name in CONDITIONS:
            if name in value:
                conditions = value[name] if isinstance(value[name], list) else [value[name]]
                found.extend((path, name, c) for c in conditions if not isinstance(c, (str, bool)))
        for nested in value.values():
            _not_text(nested, path, found)
    elif isinstance(value, list):
        for nested in value:
            _not_text(nested, path, found)


def test_every_conditional_is_text():
    patterns = ["roles/*/tasks/*.yml", "roles/*/handlers/*.yml", "playbooks/*.yml", "extensions/molecule/*/*.yml",
                "extensions/molecule/*/tasks/*.yml", "tests/integration/targets/*/tasks/*.yml"]
    files = sorted(f for p in patterns for f in glob.glob(os.path.join(REPO_ROOT, p)))
    assert len(files) > 80
    found = []
    for path in files:
        with open(path, encoding="utf-8") as handle:
            _not_text(yaml.load(handle, Loader=_Loader), os.path.relpath(path, REPO_ROOT), found)
    assert not found, "conditionals that YAML reads as mappings (quote them): {0}".format(found)
