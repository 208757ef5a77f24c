"""The filter fast path answers exactly as celpy does, and only for the expressions it understands."""

import itertools

import pytest

from ngrok_simulator.celfilter import Filter, FilterSpec

SPEC = FilterSpec(("id", "created_at", "description", "metadata", "domain", "ip_policy.id", "acl"),
                  aliases={"hostname": "domain"}, timestamps=("created_at",), lists=("acl",))

VALUES = ["x.example.com", "", None, "X.example.com", 7, True, {"id": "ipp_1"}, ["a"]]
REFS = [{"id": "ipp_1", "uri": "u"}, {"id": ""}, {"id": None}, {}, None, "ipp_1", {"id": 3}]


def objects():
    for domain, ref in itertools.product(VALUES, REFS):
        obj = {"id": "rd_1", "created_at": "2026-01-01T00:00:00Z", "description": "bench", "acl": ["bind:x"],
               "ip_policy": ref}
        if domain is not None or ref is None:
            obj["domain"] = domain
        yield obj
    yield {"id": "rd_2"}


FAST = [
    'obj.domain == "x.example.com"',
    '"x.example.com" == obj.domain',
    'obj.domain != "x.example.com"',
    'obj.domain == ""',
    'obj.domain != ""',
    'obj.ip_policy.id == "ipp_1"',
    'obj.hostname == "x.example.com"',
    'obj.ip_policy.id == ""',
    'obj.domain in ["x.example.com", "y.example.com"]',
    'obj.domain in ["", "y"]',
    'obj.ip_policy.id == "ipp_1" && obj.domain == "x.example.com"',
    '(obj.domain == "a" || obj.domain == "x.example.com") && obj.description == "bench"',
    'obj.metadata == "" || obj.domain == "x.example.com"',
]
SLOW = [
    'obj.domain.endsWith(".example.com")',
    'obj.domain == "a\\"b"',
    'obj.acl == ""',
    '"bind:x" in obj.acl',
    'obj.created_at > timestamp("2025-01-01T00:00:00Z")',
    '!(obj.domain == "x.example.com")',
    'obj.domain == null',
    'size(obj.domain) > 3',
    "obj.domain == 'x.example.com'",
]


def celpy_only(expression):
    found = Filter(expression, SPEC)
    found.fast = None
    return found


@pytest.mark.parametrize("expression", FAST)
def test_the_fast_path_agrees_with_celpy(expression):
    fast, slow = Filter(expression, SPEC), celpy_only(expression)
    assert fast.fast is not None
    for obj in objects():
        assert fast.matches(obj) == slow.matches(obj), obj


@pytest.mark.parametrize("expression", SLOW)
def test_other_expressions_go_through_celpy(expression):
    assert Filter(expression, SPEC).fast is None


def test_values_that_are_not_strings_go_through_celpy():
    fast = Filter('obj.domain == "7"', SPEC)
    assert fast.fast({"domain": 7}) is None
    assert fast.fast({"domain": "7"}) is True
    assert fast.matches({"domain": 7}) is False
