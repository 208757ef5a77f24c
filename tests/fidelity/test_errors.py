"""The error catalog: every ngrok error code the simulator can answer is one ngrok documents (errors/, data/errors.yaml),
and for each one a request of ours (data/error_cases.yaml) makes the simulator answer it with ngrok's error body, the
status ngrok documents (else the one the simulator's README names for it) and a message of the shape of ngrok's."""

import os
import re

import pytest

import distill
from support import Steps, corpus, load, make_variables

CATALOG = load("errors.yaml")
CASES = load("error_cases.yaml")
README = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "simulator", "README.md")
CASE = corpus("error catalog")
_PLACEHOLDER = re.compile(r"\$?`+([A-Z][A-Z0-9_]*)`+")


def message_pattern(template):
    """A regular expression for messages of the shape of ngrok's ``template``: its words as written (any case, any
    spacing), each placeholder (```NAME```) filled with some text."""
    text = _PLACEHOLDER.sub("\0", template).replace("`", "").strip()
    if text.endswith(":"):
        text += "\0"            # a message that names its detail after the colon (ERR 18014 "Reason:")
    parts = [re.sub(r"\\\s+|\\ ", r"\\s+", re.escape(part.strip() if i else part.lstrip())) for i, part in
             enumerate(text.split("\0"))]
    return re.compile(r"^\s*" + r"\s*.+?\s*".join(parts) + r"\s*$", re.I | re.S)


def readme_codes():
    """``{code: status}`` of the README's table "Error codes"."""
    with open(README, encoding="utf-8") as handle:
        text = handle.read()
    section = text.split("## Error codes", 1)[1].split("\n## ", 1)[0] if "## Error codes" in text else ""
    out = {}
    for match in re.finditer(r"^\|\s*`?(?:ERR_NGROK_)?(\d+)`?\s*\|\s*(\d{3})\s*\|", section, re.M):
        out[int(match.group(1))] = int(match.group(2))
    return out


@pytest.fixture(scope="module")
def variables():
    return make_variables()


def test_the_table_lists_the_codes_the_source_answers():
    """data/errors.yaml holds exactly the codes the simulator's source can answer (distill.py makes it)."""
    assert sorted(CATALOG["codes"]) == sorted(distill.emitted_codes()), \
        "the simulator answers other codes than data/errors.yaml lists: run tests/fidelity/distill.py"


def test_every_code_has_a_case():
    covered = {case["code"] for case in CASES["cases"]}
    assert sorted(set(distill.emitted_codes()) - covered) == []


def test_the_readme_maps_every_code_to_its_rule():
    listed = readme_codes()
    assert sorted(set(distill.emitted_codes()) - set(listed)) == [], "codes without a row in the README's 'Error codes'"
    assert sorted(set(listed) - set(distill.emitted_codes())) == [], "README rows for codes the simulator never answers"


@CASE
@pytest.mark.parametrize("code", sorted(distill.emitted_codes()))
def test_code_is_ngroks(code):
    """The code is one ngrok documents (an error page and an entry of its error list)."""
    entry = CATALOG["codes"].get(code) or {}
    if code in CASES["simulator_only"]:
        assert entry.get("page") is None, "%d is documented by ngrok now: it is no longer the simulator's own" % code
        pytest.skip(CASES["simulator_only"][code])
    assert entry.get("page") and entry.get("message"), "ERR_NGROK_%d has no page in ngrok's error catalog" % code


@CASE
@pytest.mark.parametrize("case", CASES["cases"], ids=lambda case: "ERR_NGROK_%d" % case["code"])
def test_code_is_answered_as_ngrok_documents(sim, variables, record_property, case):  # pylint: disable=redefined-outer-name
    code = case["code"]
    answer = Steps(sim, variables).run(case["steps"])
    body = answer.json()
    assert body.get("error_code") == "ERR_NGROK_%d" % code, (answer.status_code, body)
    assert set(body) == {"error_code", "status_code", "msg", "details"} and body["status_code"] == answer.status_code
    assert re.match(r"^op_[0-9A-Za-z]{27}$", body["details"]["operation_id"])
    if code not in CASES["simulator_only"]:
        template = CATALOG["codes"][code]["message"]
        if code in CASES["message_differs"]:
            record_property("documented", 1)
        else:
            assert message_pattern(template).match(body["msg"]), \
                "message %r does not have the shape of ngrok's %r" % (body["msg"], template)
    documented = CASES["statuses"].get(code, {}).get("status")
    expected = documented or readme_codes().get(code)
    source = "documented %s" % documented if documented else "the README names %s" % expected
    assert answer.status_code == expected, "status %s, %s" % (answer.status_code, source)
