# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""``go_client_facts.yaml`` against the Go client it restates, when ``NGROK_API_GO`` names a checkout of
github.com/ngrok/ngrok-api-go (v8): the JSON names of the structs in ``datatypes.go``, and the paths, methods and
paging type of each service's ``client.go``. Skipped without it.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from .go_facts import GoFacts

pytestmark = pytest.mark.no_sim

SOURCE_ENV = "NGROK_API_GO"
FACTS = GoFacts.load()
_STRUCT = re.compile(r"^type (\w+) struct \{\n(.*?)^\}", re.S | re.M)
_FIELD = re.compile(r"^\s*\w+\s+([\w.*\[\]]+)\s+`json:\"(\w+)[,\"]", re.M)
_METHOD = re.compile(r"^func \(c \*Client\) (\w+)\((.*?)\) .*?^\}", re.S | re.M)


@pytest.fixture(scope="module")
def go_source():
    path = os.environ.get(SOURCE_ENV)
    if not path or not (Path(path) / "datatypes.go").is_file():
        pytest.skip("%s does not name a checkout of ngrok-api-go (with datatypes.go): the facts are not re-read from "
                    "the Go client" % SOURCE_ENV)
    return Path(path)


@pytest.fixture(scope="module")
def structs(go_source):
    """{struct name: {json name: Go type}} of datatypes.go (``*string``, ``[]string``, ``Ref``...)."""
    text = (go_source / "datatypes.go").read_text(encoding="utf-8")
    return dict((name, dict((json, kind.replace("ngrok.", "")) for kind, json in _FIELD.findall(body)))
                for name, body in _STRUCT.findall(text))


def _kind(go_type):
    """The facts' kind of a Go type: string, integer, boolean, strings, or a struct name."""
    bare = go_type.lstrip("*")
    if bare == "[]string":
        return "strings"
    return {"string": "string", "int64": "integer", "int32": "integer", "bool": "boolean"}.get(bare, bare)


def _same_fields(facts_fields, struct, structs, where, skip=()):
    go_fields = dict((k, v) for k, v in structs[struct].items() if k not in skip)
    assert set(facts_fields) == set(go_fields), "%s: the facts list %s, %s has %s" % (
        where, sorted(facts_fields), struct, sorted(go_fields))
    for key, kind in facts_fields.items():
        go_kind = _kind(go_fields[key])
        if isinstance(kind, dict):
            _same_fields(kind, go_kind, structs, "%s.%s" % (where, key))
        else:
            assert kind == go_kind, "%s.%s: the facts say %s, Go says %s" % (where, key, kind, go_fields[key])


def test_types(structs):
    for name, spec in FACTS.types.items():
        _same_fields(spec["fields"], name, structs, "types.%s" % name)


@pytest.mark.parametrize("resource", sorted(FACTS.resources))
def test_request_and_answer_fields(structs, resource):
    facts = FACTS.resources[resource]
    obj = facts["object"]
    _same_fields(facts["answer"]["fields"], obj, structs, "%s.answer" % resource)
    _same_fields(facts["create"]["fields"], obj + "Create", structs, "%s.create" % resource)
    _same_fields(facts["update"]["fields"], obj + "Update", structs, "%s.update" % resource, skip=("id",))
    listing = structs[obj + "List"]
    assert set(facts["list"]["envelope"]) == set(listing), (resource, sorted(listing))
    assert listing[facts["list"]["key"]] == "[]" + obj
    if "bound_endpoints" in facts:
        envelope = structs[facts["bound_endpoints"]["element"] + "List"]
        assert set(facts["bound_endpoints"]["envelope"]) == set(envelope)


@pytest.mark.parametrize("resource", sorted(FACTS.resources))
def test_paths_methods_and_paging(go_source, resource):
    facts = FACTS.resources[resource]
    text = (go_source / facts["go_package"] / "client.go").read_text(encoding="utf-8")
    methods = {}
    for name, args, body in ((m.group(1), m.group(2), m.group(0)) for m in _METHOD.finditer(text)):
        path = re.search(r'Parse\("([^"]+)"\)', body).group(1).replace("{{ .ID }}", "{id}")
        # List methods return an iterator that reads each page with GET.
        verb = re.search(r'Do\(ctx, "(\w+)"', body)
        methods[name] = (verb.group(1) if verb else "GET", path, args)
    expected = dict((op["source"].split("(")[1].rstrip(")"), (op["method"], op["path"])) for op in facts["operations"].values())
    assert dict((k, v[:2]) for k, v in methods.items()) == expected
    for name, (_verb, _path, args) in methods.items():
        if "Paging" in args:
            filtered = "FilteredPaging" in args
            listing = facts["list"] if name == "List" else facts["bound_endpoints"]
            assert listing["filter"] is filtered, (resource, name, args)
