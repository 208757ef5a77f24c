"""Recorded requests and answers (data/recorded.yaml, from ngrok-docs snippets/api/resources/examples/), replayed
with our own requests (data/replays.yaml): each request we send has the recorded request's method, path, query
parameters and body keys, and the simulator's answer has the recorded answer's keys, the same omitted keys and the
same value forms."""

import json
import re

import pytest

import distill
from shapes import differences, shape
from support import Steps, corpus, load, make_variables

RECORDED = load("recorded.yaml")["examples"]
REPLAYS = load("replays.yaml")
CASE = corpus("recorded requests and answers")


def _split(name):
    """(resource, operation, side) of an example name, or (prefix, None, side) for one that is not replayed."""
    base, side = name.rsplit("_", 1)
    for resource in sorted(REPLAYS["resources"], key=len, reverse=True):
        if base.startswith(resource + "_") and base[len(resource) + 1:] in REPLAYS["resources"][resource]["examples"]:
            return resource, base[len(resource) + 1:], side
    for prefix in REPLAYS["not_replayed"]:
        if base.startswith(prefix):
            return prefix, None, side
    return base, None, side


@pytest.fixture(scope="module")
def variables():
    """The generated values replays refer to (@pem.cert, @ssh.ecdsa, @later, ...)."""
    return make_variables()


class Replay(Steps):
    """The requests of one example, sent in turn; the last one is the example's."""

    def __init__(self, sim, resource, operation, variables):  # pylint: disable=redefined-outer-name
        spec = REPLAYS["resources"][resource]
        entry = spec["examples"][operation]
        self.entry = {"steps": entry} if isinstance(entry, list) else entry
        super().__init__(sim, variables, spec.get("steps"))
        self.run(self.entry["steps"])


def _cases():
    out = []
    for name, entry in RECORDED.items():
        out.append(pytest.param(name, id=name))
    return out


def test_every_recorded_example_is_replayed_or_says_why():
    for name, entry in RECORDED.items():
        resource, operation, _side = _split(name)
        assert operation is not None or resource in REPLAYS["not_replayed"], "%s: no replay and no reason" % name
        del entry


@CASE
@pytest.mark.parametrize("name", _cases())
def test_recorded(sim, variables, record_property, name):  # pylint: disable=redefined-outer-name
    recorded = RECORDED[name]
    resource, operation, side = _split(name)
    if operation is None:
        pytest.skip(REPLAYS["not_replayed"][resource])
    entry = REPLAYS["resources"][resource]["examples"][operation]
    if isinstance(entry, dict) and "skip" in entry:
        pytest.skip(entry["skip"])
    replay = Replay(sim, resource, operation, variables)
    answer = replay.response
    mate = RECORDED.get(name[:-len(side)] + ("response" if side == "request" else "request"), {})
    if side == "request":
        omit = replay.entry.get("omit") or {}
        wanted = {"method": recorded["method"], "path": recorded["path"], "query": recorded["query"],
                  "body": ({k: v for k, v in recorded["body"].items() if k not in omit}
                           if isinstance(recorded["body"], dict) else recorded["body"])}
        sent = {"method": replay.request["method"], "path": distill.template(replay.request["path"]),
                "query": replay.request["query"],
                "body": shape(replay.request["body"]) if replay.request["body"] is not None else None}
        assert sent == wanted, "our request differs from the recorded one"
        if omit:
            record_property("documented", len(omit))
        recorded_error = isinstance((mate.get("shape") or {}), dict) and "status_code" in (mate.get("shape") or {})
        assert recorded_error or answer.status_code < 400, "the simulator refused a recorded request: %s" % answer.text
        return
    if recorded["shape"] is None:
        assert (answer.status_code, answer.content) == (204, b""), answer.text
        return
    got = shape(answer.json(), base=replay_base(sim))
    allow = replay.entry.get("allow") or {}
    newer = REPLAYS["newer_than_recordings"].get(resource, {})

    def explained(line):
        if any(line.startswith(p + ":") or line.startswith(p + ".") for p in allow):
            return True
        found = re.match(r"^\$(?:\.\w+\[\d+\])?\.(\w+): answered, not recorded$", line)
        return bool(found and found.group(1) in newer)

    diffs = [line for line in differences(recorded["shape"], got) if not explained(line)]
    assert not diffs, "the answer differs from the recorded one:\n  " + "\n  ".join(diffs) + \
        "\nanswered: " + json.dumps(answer.json())[:1500]
    if len(differences(recorded["shape"], got)) != len(diffs):
        record_property("documented", 1)


def replay_base(sim):
    return sim.url
