# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The facts of ``go_client_facts.yaml`` (resources newer than ngrok's OpenAPI description) as a checker.

:class:`GoFacts` matches a request to one operation of the facts and checks its answer: the status, and that
every object has exactly the answer fields the facts list (no other key; every field except those the facts
say may be left out), each of the right JSON type, nested objects included.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

FACTS_FILE = Path(__file__).resolve().parent / "go_client_facts.yaml"
SCALARS = {
    "string": lambda v: isinstance(v, str),
    "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
    "boolean": lambda v: isinstance(v, bool),
    "strings": lambda v: isinstance(v, list) and all(isinstance(i, str) for i in v),
}


class GoFacts:
    """The facts file, with the operations it describes and a check of their answers."""

    def __init__(self, data):
        self.data = data
        self.types = data["types"]
        self.resources = data["resources"]
        self._operations = []
        for name, resource in self.resources.items():
            for op_name, op in resource["operations"].items():
                pattern = re.sub(r"\{\w+\}", "[^/]+", op["path"])
                self._operations.append((re.compile("^%s$" % pattern), name, op_name, op))

    @classmethod
    def load(cls, path=FACTS_FILE):
        with open(path, encoding="utf-8") as handle:
            return cls(yaml.safe_load(handle))

    def operations(self):
        """[(resource name, operation name, operation)] of every operation the facts describe."""
        return [(name, op_name, op) for _regex, name, op_name, op in self._operations]

    def match(self, method, path):
        """(resource name, operation name, operation) of a request, or None when the facts do not describe it."""
        for regex, name, op_name, op in self._operations:
            if op["method"] == method.upper() and regex.match(path):
                return name, op_name, op
        return None

    def describes_path(self, path):
        return any(regex.match(path) for regex, _n, _o, _op in self._operations)

    # -- checks ----------------------------------------------------------------
    def check(self, method, path, status, body):
        """Problems with a successful answer (status < 400) to a request the facts describe."""
        found = self.match(method, path)
        if found is None:
            return ["%s %s is not an operation of %s" % (method, path, self.data["go_client"])]
        name, op_name, op = found
        where = "%s %s (%s.%s)" % (method, path, name, op_name)
        if status != op["status"]:
            return ["%s answered %s, the facts say %s" % (where, status, op["status"])]
        if op["answer"] == "none":
            return [] if body in (None, b"", "") else ["%s answered a body" % where]
        if not isinstance(body, dict):
            return ["%s answered %r, not an object" % (where, body)]
        resource = self.resources[name]
        if op["answer"] == "object":
            return self.check_answer(resource, body, where)
        listing = resource["list"] if op["answer"] == "list" else resource[op["answer"]]
        problems = self._keys(body, set(listing["envelope"]), set(listing["envelope"]), where)
        if not isinstance(body.get("uri"), str):
            problems.append("%s: uri is not a string" % where)
        if body.get("next_page_uri") is not None and not isinstance(body["next_page_uri"], str):
            problems.append("%s: next_page_uri is neither a string nor null" % where)
        items = body.get(listing["key"])
        if not isinstance(items, list):
            return problems + ["%s: %s is not a list" % (where, listing["key"])]
        for index, item in enumerate(items):
            item_where = "%s: %s[%d]" % (where, listing["key"], index)
            if "element" in listing:
                problems.extend(self.check_value(item, listing["element"], item_where))
            else:
                problems.extend(self.check_answer(resource, item, item_where))
        return problems

    def check_answer(self, resource, obj, where):
        """Problems with one object of a resource against the facts' answer fields."""
        answer = resource["answer"]
        fields = answer["fields"]
        required = set(fields) - set(answer.get("may_be_left_out", ()))
        problems = self._keys(obj, set(fields), required, where)
        for key, value in obj.items():
            if key not in fields or (value is None and key in answer.get("nullable", ())):
                continue
            problems.extend(self.check_value(value, fields[key], "%s.%s" % (where, key)))
        return problems

    def check_value(self, value, kind, where):
        """Problems with one value of the kind the facts give (a scalar kind or a type name)."""
        if kind in SCALARS:
            return [] if SCALARS[kind](value) else ["%s: %r is not %s" % (where, value, kind)]
        spec = self.types[kind]
        if not isinstance(value, dict):
            return ["%s: %r is not a %s object" % (where, value, kind)]
        fields = spec["fields"]
        if "always" in spec:
            required = set(spec["always"])
        else:
            required = set(fields) - set(spec.get("may_be_left_out", ()))
        problems = self._keys(value, set(fields), required, where)
        for key, item in value.items():
            if key not in fields or (item is None and key in spec.get("nullable", ())):
                continue
            problems.extend(self.check_value(item, fields[key], "%s.%s" % (where, key)))
        return problems

    @staticmethod
    def _keys(obj, allowed, required, where):
        problems = []
        extra = sorted(set(obj) - allowed)
        if extra:
            problems.append("%s has keys the facts do not list: %s" % (where, extra))
        missing = sorted(required - set(obj))
        if missing:
            problems.append("%s lacks %s" % (where, missing))
        return problems
