"""The ``filter`` query parameter: a subset of CEL evaluated over ``obj``.

What a resource may filter on is data: its ``filterable_fields`` (ngrok's table
"Filterable resources and fields", api/api-filtering.mdx), turned into a
:class:`FilterSpec`.  An expression is checked against that spec before it is
evaluated, following the same page:

- only the listed fields; a reference is filtered through its ``id``
  (``obj.principal.id``), any other sub-field is refused;
- no index access, arithmetic, ternary, type checks, regular expressions or
  list macros; only the helpers ``size``, ``timestamp``, ``startsWith``,
  ``endsWith``, ``contains`` and a timestamp's ``subtract``/``add``;
- no substring functions on high-entropy fields (``id``, ``owner_id``,
  ``certificate.id``, ...: ``id`` or a name ending in ``_id`` or ``.id``);
- no list-wise checks (``obj.bindings in [...]``).

Every refusal is HTTP 400 ``ERR_NGROK_250`` with a message starting with
``Invalid CEL query:``.

Values are exposed as the JSON response, with three adjustments: omitted empty
strings (``description``, ``metadata``, ...) are put back as ``""``; empty,
missing and null scalars and empty lists all count as empty, so both
``== ""`` and ``== null`` match them (the docs' own idiom
``obj.acl == null || obj.acl == ""`` is meant for credentials whose ``acl`` is
``[]``); timestamp fields become CEL timestamps, so
``obj.created_at > timestamp(time.now).subtract("7d")`` works.
"""

import datetime
import re

import celpy
from celpy import celtypes
from lark import Token, Tree

from .errors import bad_request

_DURATION_RE = re.compile(r"(\d+)(d|h|m|s)")
_UNITS = {"d": 86400, "h": 3600, "m": 60, "s": 1}

GLOBAL_FUNCTIONS = ("size", "timestamp")
SUBSTRING_FUNCTIONS = ("startsWith", "endsWith", "contains")
METHODS = SUBSTRING_FUNCTIONS + ("size", "subtract", "add")
TYPE_FUNCTIONS = ("type", "dyn", "int", "uint", "double", "string", "bytes", "bool", "duration")
MACROS = ("all", "exists", "exists_one", "map", "filter", "has")
ARITHMETIC = ("addition_add", "addition_sub", "multiplication_mul", "multiplication_div", "multiplication_mod",
              "unary_neg")


def invalid(detail):
    """ERR_NGROK_250 for a filter that cannot be used."""
    return bad_request(250, "Invalid CEL query: %s" % detail)


class FilterSpec:
    """What one resource's filters may reference.

    ``fields``: the filterable field paths, in documentation order (``principal.id``
    for a reference).  ``aliases``: other accepted names for a field
    (``{"binding": "bindings"}``).  ``timestamps``: fields compared as CEL
    timestamps.  ``lists``: fields holding lists.
    """

    def __init__(self, fields, aliases=None, timestamps=(), lists=()):
        self.fields = tuple(fields)
        self.aliases = dict(aliases or {})
        self.timestamps = frozenset(timestamps)
        self.lists = frozenset(lists)
        self.references = frozenset(path.split(".", 1)[0] for path in self.fields if "." in path)

    def resolve(self, path):
        """The field a (possibly aliased) path names."""
        return self.aliases.get(path, path)

    def knows(self, path):
        """True when ``path`` may be used in a filter."""
        return self.resolve(path) in self.fields

    @staticmethod
    def high_entropy(path):
        """Generated identifiers: ``id`` and names ending in ``_id`` or ``.id``."""
        return path == "id" or path.endswith("_id") or path.endswith(".id")

    def describe(self):
        """``obj.a, obj.b, or obj.c`` for error messages."""
        names = ["obj." + name for name in self.fields + tuple(self.aliases)]
        return names[0] if len(names) == 1 else "%s, or %s" % (", ".join(names[:-1]), names[-1])


# -- static checks ---------------------------------------------------------------
def _name(node):
    return str(node) if isinstance(node, Token) else None


def _chain(node):
    """``(root identifier, [field, ...])`` for ``a.b.c``; None for anything else."""
    segments = []
    while isinstance(node, Tree):
        if node.data in ("member", "primary", "unary", "multiplication", "addition", "relation", "conditionaland",
                         "conditionalor", "expr") and len(node.children) == 1:
            node = node.children[0]
        elif node.data == "member_dot":
            segments.append(_name(node.children[1]))
            node = node.children[0]
        elif node.data == "ident":
            return _name(node.children[0]), segments[::-1]
        else:
            return None
    return None


class _Checker:
    """Walks the parse tree and refuses what the documented subset leaves out."""

    def __init__(self, spec):
        self.spec = spec

    def field(self, segments):
        """Validate ``obj.<segments>``; return the resolved field path."""
        if not segments:
            raise invalid("obj must be followed by a field, e.g. obj.id")
        path = ".".join(segments)
        if self.spec.knows(path):
            return self.spec.resolve(path)
        if path in self.spec.references:
            raise invalid("obj.%s is a reference; compare its id: obj.%s.id" % (path, path))
        raise invalid("unsupported field: obj.%s (must be %s)" % (path, self.spec.describe()))

    def chain(self, node):
        """Validate an identifier chain; return the field path for ``obj`` chains (None for ``time.now``)."""
        found = _chain(node)
        if found is None:
            return None
        root, segments = found
        if root == "obj":
            return self.field(segments)
        if root == "time":
            if segments == ["now"]:
                return None
            raise invalid("unsupported identifier: %s (only time.now is available)" % ".".join(["time"] + segments))
        raise invalid("unsupported identifier: %s (expressions are evaluated against obj)" % root)

    def visit(self, node):
        """Check ``node`` and everything below it."""
        if not isinstance(node, Tree):
            return
        kind = node.data
        if kind == "member_index":
            raise invalid("index access is not supported")
        if kind in ARITHMETIC:
            raise invalid("arithmetic is not supported")
        if kind == "expr" and len(node.children) == 3:
            raise invalid("the ternary operator is not supported")
        if kind in ("member_object", "map_lit", "dot_ident", "dot_ident_arg"):
            raise invalid("this construct is not supported")
        if kind in ("member_dot", "ident"):
            if _chain(node) is None:
                raise invalid("field access on an expression is not supported")
            self.chain(node)
            return
        if kind == "ident_arg":
            self.function(_name(node.children[0]))
        elif kind == "member_dot_arg":
            self.method(node)
            for child in node.children[2:]:
                self.visit(child)
            return
        elif kind == "relation_in":
            self.membership(node.children[0])
        for child in node.children:
            self.visit(child)

    @staticmethod
    def function(name):
        if name in GLOBAL_FUNCTIONS:
            return
        if name in TYPE_FUNCTIONS:
            raise invalid("type checks and conversions are not supported: %s()" % name)
        if name == "matches":
            raise invalid("regular expressions are not supported")
        if name in MACROS:
            raise invalid("macros are not supported: %s(); compare fields of obj instead" % name)
        raise invalid("unsupported function: %s()" % name)

    def method(self, node):
        receiver, name = node.children[0], _name(node.children[1])
        if name == "matches":
            raise invalid("regular expressions are not supported")
        if name in MACROS:
            raise invalid("list comprehensions are not supported: %s(); test one instance, e.g. \"public\" in obj.bindings"
                          % name)
        if name not in METHODS:
            raise invalid("unsupported function: %s()" % name)
        path = self.chain(receiver)
        if path is None:
            self.visit(receiver)
        elif name in SUBSTRING_FUNCTIONS and self.spec.high_entropy(path):
            raise invalid("%s() is not allowed on the high-entropy field obj.%s; compare it with == instead" % (name, path))

    def membership(self, left):
        """``x in y``: a list field on the left is a list-wise check, which is not supported."""
        found = _chain(left)
        if found and found[0] == "obj" and self.spec.resolve(".".join(found[1])) in self.spec.lists:
            raise invalid("list-wise checks are not supported: test one value, e.g. \"public\" in obj.%s"
                          % ".".join(found[1]))


# -- evaluation ----------------------------------------------------------------
def _duration(value):
    text = str(value).strip()
    pos = 0
    seconds = 0
    for match in _DURATION_RE.finditer(text):
        if match.start() != pos:
            break
        seconds += int(match.group(1)) * _UNITS[match.group(2)]
        pos = match.end()
    if not text or pos != len(text):
        raise ValueError("invalid duration %r" % text)
    return celtypes.DurationType(seconds=seconds)


def _timestamp(value):
    if isinstance(value, celtypes.TimestampType):
        return value
    text = str(value).strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}Z?", text):
        text = text.rstrip("Z") + "T00:00:00Z"
    return celtypes.TimestampType(text)


def _subtract(stamp, duration):
    return _timestamp(stamp) - _duration(duration)


def _add(stamp, duration):
    return _timestamp(stamp) + _duration(duration)


FUNCTIONS = {"timestamp": _timestamp, "subtract": _subtract, "add": _add}


def _is_empty_check(other):
    return other is None or (isinstance(other, celtypes.StringType) and not other)


class EmptyString(celtypes.StringType):
    """An empty, omitted or null scalar: equal to both ``""`` and ``null``."""

    def __eq__(self, other):
        return celtypes.BoolType(True) if _is_empty_check(other) else super().__eq__(other)

    def __ne__(self, other):
        return celtypes.BoolType(False) if _is_empty_check(other) else super().__ne__(other)

    __hash__ = celtypes.StringType.__hash__


class FilterList(celtypes.ListType):
    """A list field: ``== null`` and ``== ""`` test whether it is empty."""

    def __eq__(self, other):
        return celtypes.BoolType(not self) if _is_empty_check(other) else super().__eq__(other)

    def __ne__(self, other):
        return celtypes.BoolType(bool(self)) if _is_empty_check(other) else super().__ne__(other)

    __hash__ = None


def _to_cel_time(text):
    try:
        return celtypes.TimestampType(text)
    except Exception:  # pylint: disable=broad-except
        return celtypes.StringType(text)


class Filter:
    """A checked, compiled filter for one resource kind."""

    def __init__(self, expression, spec):
        self.expression = expression
        self.spec = spec
        if not expression.strip():
            raise invalid("the expression is empty")
        env = celpy.Environment()
        try:
            ast = env.compile(expression)
        except Exception as exc:  # celpy raises several parser error types
            column = getattr(exc, "column", None)
            raise invalid("syntax error at column %s" % column if column else "syntax error") from exc
        _Checker(spec).visit(ast)
        try:
            self.program = env.program(ast, functions=FUNCTIONS)
        except Exception as exc:  # pylint: disable=broad-except
            raise invalid(str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__) from exc
        now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
        self.now = celtypes.TimestampType(now)

    def _value(self, field, value):
        if field in self.spec.lists:
            return FilterList([celpy.json_to_cel(item) for item in value or []])
        if field in self.spec.timestamps and isinstance(value, str) and value:
            return _to_cel_time(value)
        if value is None or value == "":
            return EmptyString("")
        return celpy.json_to_cel(value)

    def _activation(self, obj):
        data = {}
        for key, value in obj.items():
            data[celtypes.StringType(key)] = celpy.json_to_cel(value)
        for path in self.spec.fields:
            top, _sep, sub = path.partition(".")
            if sub:
                ref = obj.get(top) or {}
                data[celtypes.StringType(top)] = celtypes.MapType(
                    {celtypes.StringType(sub): self._value(path, ref.get(sub))})
            else:
                data[celtypes.StringType(top)] = self._value(path, obj.get(top))
        for alias, path in self.spec.aliases.items():
            data[celtypes.StringType(alias)] = data[celtypes.StringType(path)]
        return {"obj": celtypes.MapType(data),
                "time": celtypes.MapType({celtypes.StringType("now"): self.now})}

    def matches(self, obj):
        """True when the expression evaluates to true for this object.

        An evaluation error on one object (for example comparing a string with a
        number) makes that object not match.
        """
        try:
            result = self.program.evaluate(self._activation(obj))
        except Exception:  # pylint: disable=broad-except
            return False
        return isinstance(result, celtypes.BoolType) and bool(result)
