"""Traffic policy actions, as ngrok's action pages document them (data/actions.yaml), with our own configurations
(data/policies.yaml): every action in every phase it supports is accepted, with every documented field and with the
required ones only; every other phase, a missing required field, an unknown field, a value of the wrong type, a
value outside a documented set and each documented invalid shape is refused with the code ngrok documents."""

import copy
import json

import pytest

from support import corpus, load

ACTIONS = load("actions.yaml")["actions"]
POLICIES = load("policies.yaml")
PHASES = ("on_tcp_connect", "on_http_request", "on_http_response", "on_event_stream_message")
HTTP_ONLY = ("on_http_request", "on_http_response", "on_event_stream_message")
CASE = corpus("traffic policy actions")
WRONG = {"string": 42, "enum": 42, "duration": 42, "boolean": "yes", "integer": "many", "float": "many", "int": "many"}


def url_for(phase, kind, scheme=None):
    """An endpoint URL that runs ``phase``: internal URLs need no reservation."""
    if scheme is None:
        if phase in HTTP_ONLY:
            scheme = "https"
        else:
            scheme = (ACTIONS[kind].get("schemes") or ["tcp"])[-1]
    return {"https": "https://fidelity.internal", "http": "http://fidelity.internal", "tls": "tls://fidelity.internal",
            "tcp": "tcp://fidelity.internal:5432"}[scheme]


def post(sim, kind, phase, config, scheme=None):
    """Create a cloud endpoint whose policy runs one action; the answer."""
    action = {"type": kind}
    if config is not None:
        action["config"] = config
    policy = json.dumps({phase: [{"name": "corpus", "actions": [action]}]})
    return sim.request("POST", "/endpoints", {"url": url_for(phase, kind, scheme), "traffic_policy": policy})


def refused(resp, code):
    body = resp.json()
    assert (resp.status_code, body.get("error_code")) == (400, "ERR_NGROK_%d" % code), body


def accepted(resp):
    assert resp.status_code == 201, resp.text


# -- configurations built from the example --------------------------------------------------------------

def _steps(path):
    return path.replace("[*]", ".[*]").split(".")


def locate(config, path):
    """(container, key) of the field ``path`` in ``config`` (``[*]`` is the first element), or None."""
    node = config
    steps = _steps(path)
    for step in steps[:-1]:
        if step == "[*]":
            if not isinstance(node, list) or not node:
                return None
            node = node[0]
        else:
            if not isinstance(node, dict) or step not in node:
                return None
            node = node[step]
    return (node, steps[-1]) if isinstance(node, dict) else None


def in_phase(kind, phase, config):
    """The example without the fields of other phases."""
    config = copy.deepcopy(config)
    for path, field in ACTIONS[kind]["fields"].items():
        if field.get("phases") and phase not in field["phases"]:
            spot = locate(config, path)
            if spot:
                spot[0].pop(spot[1], None)
    return config


def minimal(kind):
    """The example with only the required fields (and the objects that hold them)."""
    fields = ACTIONS[kind]["fields"]
    config = copy.deepcopy(POLICIES["actions"][kind]["example"])

    def keep(node, prefix):
        if isinstance(node, list):
            for item in node[:1]:
                keep(item, prefix + "[*]")
            del node[1:]
            return
        if not isinstance(node, dict):
            return
        for key in list(node):
            path = "%s.%s" % (prefix, key) if prefix else key
            if path not in fields:
                continue            # a map's own keys (headers, metadata)
            if not fields[path]["required"] or fields[path].get("default"):
                del node[key]
            else:
                keep(node[key], path)
    keep(config, "")
    return config


def example_paths(config, prefix=""):
    """The field paths an example sets."""
    out = set()
    if isinstance(config, dict):
        for key, value in config.items():
            path = "%s.%s" % (prefix, key) if prefix else key
            out.add(path)
            out |= example_paths(value, path)
    elif isinstance(config, list):
        for item in config:
            out |= example_paths(item, prefix + "[*]")
    return out


# -- the cases ------------------------------------------------------------------------------------------

def _cases():
    cases = []
    for kind, action in ACTIONS.items():
        supported = action["phases"]
        hub_only = [p for p in action["hub_phases"] if p not in supported]
        for phase in supported:
            cases.append(pytest.param(kind, phase, "example", None, id="%s-%s-every-field" % (kind, phase)))
        cases.append(pytest.param(kind, supported[0], "minimal", None, id="%s-required-fields-only" % kind))
        for phase in hub_only:
            cases.append(pytest.param(kind, phase, "example", None, id="%s-%s-listed-by-the-action-hub" % (kind, phase)))
        for phase in PHASES:
            if phase not in supported and phase not in hub_only:
                cases.append(pytest.param(kind, phase, "unsupported phase", 2202, id="%s-%s-unsupported" % (kind, phase)))
        cases.append(pytest.param(kind, supported[0], "unknown field", 2203, id="%s-unknown-field" % kind))
        for path, field in action["fields"].items():
            phase = (field.get("phases") or supported)[0]
            if field["required"] and not field.get("default"):
                cases.append(pytest.param(kind, phase, ("without", path), 2234, id="%s-without-%s" % (kind, path)))
            elif field["required"]:
                # Marked required with a default ("Default true"): it may be left out.
                cases.append(pytest.param(kind, phase, ("defaulted", path), None, id="%s-without-%s-defaulted" % (kind, path)))
            cases.append(pytest.param(kind, phase, ("wrong type", path), 2203, id="%s-%s-wrong-type" % (kind, path)))
        for index, bad in enumerate(POLICIES["actions"][kind]["invalid"]):
            phase = bad.get("phase") or supported[0]
            name = "%s-invalid-%d-%s" % (kind, index, bad["code"])
            cases.append(pytest.param(kind, phase, ("invalid", index), bad["code"], id=name))
    return cases


def test_every_documented_action_has_configurations():
    """The corpus covers every action the pages document, and its examples set every documented field."""
    assert sorted(POLICIES["actions"]) == sorted(ACTIONS)
    for kind, action in ACTIONS.items():
        wanted = {path for path, field in action["fields"].items()}
        assert wanted <= example_paths(POLICIES["actions"][kind]["example"]), kind


@CASE
@pytest.mark.parametrize("kind, phase, variant, code", _cases())
def test_action(sim, record_property, kind, phase, variant, code):
    example = in_phase(kind, phase, POLICIES["actions"][kind]["example"])
    if variant == "example":
        accepted(post(sim, kind, phase, example))
    elif variant == "minimal":
        accepted(post(sim, kind, phase, minimal(kind) or None))
    elif variant == "unsupported phase":
        refused(post(sim, kind, phase, None), code)
    elif variant == "unknown field":
        refused(post(sim, kind, phase, dict(example, undocumented_field=True)), code)
    elif variant[0] == "defaulted":
        config = copy.deepcopy(example)
        container, key = locate(config, variant[1])
        del container[key]
        accepted(post(sim, kind, phase, config))
        record_property("documented", 1)          # the page marks it required and names a default
    elif variant[0] == "without":
        config = copy.deepcopy(example)
        container, key = locate(config, variant[1])
        del container[key]
        refused(post(sim, kind, phase, config), code)
    elif variant[0] == "wrong type":
        config = copy.deepcopy(example)
        container, key = locate(config, variant[1])
        documented = ACTIONS[kind]["fields"][variant[1]]["type"]
        container[key] = WRONG.get(documented, "not-a-collection" if documented.startswith(("array", "list")) else ["x"])
        refused(post(sim, kind, phase, config), code)
    else:
        bad = POLICIES["actions"][kind]["invalid"][variant[1]]
        refused(post(sim, kind, phase, bad["config"], bad.get("scheme")), code)


@CASE
@pytest.mark.parametrize("entry", POLICIES["unknown_types"], ids=lambda e: e["type"])
def test_types_that_are_not_actions(sim, entry):
    refused(post(sim, entry["type"], "on_http_request", None), entry["code"])
