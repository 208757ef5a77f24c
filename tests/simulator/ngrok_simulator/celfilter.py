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


# -- a fast path for the usual filters ---------------------------------------
# celpy walks its parse tree for every object, and building the activation costs as much again: about
# 0.3 ms an object, so a lookup by key in an account of 1,000 objects would take 0.3 s here, where ngrok
# answers from an index. The filters clients send most (``obj.f == "value"``, ``obj.f in ["a", "b"]``,
# joined by ``&&`` and ``||``) are answered by plain Python instead, with the same results; any other
# expression, and any object whose value is not a string, an empty value or a missing one, goes through
# celpy as before. tests/simulator/test_filter_fast_path.py checks both give the same answers.
_WRAPPERS = ("expr", "conditionalor", "conditionaland", "relation", "addition", "multiplication", "unary", "member",
             "primary", "paren_expr")
_COMPARISONS = {"relation_eq": "==", "relation_ne": "!=", "relation_in": "in"}


def _unwrap(node):
    while isinstance(node, Tree) and node.data in _WRAPPERS and len(node.children) == 1:
        node = node.children[0]
    return node


def _string_literal(node):
    """The value of a plain double-quoted string literal, else None."""
    node = _unwrap(node)
    if not (isinstance(node, Tree) and node.data == "literal" and len(node.children) == 1):
        return None
    token = node.children[0]
    if not isinstance(token, Token) or token.type != "STRING_LIT":
        return None
    text = str(token)
    if len(text) < 2 or not (text[0] == '"' and text[-1] == '"') or "\\" in text or text.startswith('"""'):
        return None
    return text[1:-1]


def _string_list(node):
    """The values of a list literal of plain strings, else None."""
    node = _unwrap(node)
    if not (isinstance(node, Tree) and node.data == "list_lit"):
        return None
    items = []
    for exprlist in node.children:
        if not (isinstance(exprlist, Tree) and exprlist.data == "exprlist"):
            return None
        for item in exprlist.children:
            value = _string_literal(item)
            if value is None:
                return None
            items.append(value)
    return items


def _scalar(obj, path):
    """The string a filter sees for ``path`` of ``obj``: "" for empty, missing or null; None when not a string."""
    top, _sep, sub = path.partition(".")
    value = obj.get(top)
    if sub:
        if value is None:
            return ""
        if not isinstance(value, dict):
            return None
        value = value.get(sub)
    if value is None:
        return ""
    return value if isinstance(value, str) else None


class _FastPath:
    """Compiles the usual filters to a function ``obj -> True | False | None`` (None: ask celpy)."""

    def __init__(self, spec):
        self.spec = spec
        # Building celpy's activation fails on a reference that is not a mapping, and then nothing matches.
        self.references = sorted(set(path.partition(".")[0] for path in spec.fields if "." in path))

    def __call__(self, node):
        test = self.compile(node)
        if test is None:
            return None
        references = self.references

        def checked(obj):
            if any(not isinstance(obj.get(top) or {}, dict) for top in references):
                return None
            return test(obj)
        return checked

    def field(self, node):
        found = _chain(_unwrap(node))
        if found is None or found[0] != "obj" or not found[1]:
            return None
        path = self.spec.resolve(".".join(found[1]))
        if path not in self.spec.fields or path in self.spec.lists or path in self.spec.timestamps:
            return None
        return path

    def compile(self, node):
        node = _unwrap(node)
        if not isinstance(node, Tree):
            return None
        if node.data in ("conditionalor", "conditionaland") and len(node.children) == 2:
            left, right = self.compile(node.children[0]), self.compile(node.children[1])
            if left is None or right is None:
                return None
            return _either(left, right) if node.data == "conditionalor" else _both(left, right)
        if node.data == "relation" and len(node.children) == 2:
            operator = node.children[0]
            if not (isinstance(operator, Tree) and operator.data in _COMPARISONS and len(operator.children) == 1):
                return None
            return self.comparison(_COMPARISONS[operator.data], operator.children[0], node.children[1])
        return None

    def comparison(self, operator, left, right):
        if operator == "in":
            path, values = self.field(left), _string_list(right)
            if path is None or values is None:
                return None
            return _member(path, values)
        path, value = self.field(left), _string_literal(right)
        if path is None or value is None:
            path, value = self.field(right), _string_literal(left)
        if path is None or value is None:
            return None
        return _equal(path, value, operator == "!=")


def _equal(path, value, negate):
    def test(obj):
        have = _scalar(obj, path)
        return None if have is None else (have == value) != negate
    return test


def _member(path, values):
    values = frozenset(values)

    def test(obj):
        have = _scalar(obj, path)
        return None if have is None else have in values
    return test


def _both(left, right):
    def test(obj):
        a, b = left(obj), right(obj)
        return None if a is None or b is None else a and b
    return test


def _either(left, right):
    def test(obj):
        a, b = left(obj), right(obj)
        return None if a is None or b is None else a or b
    return test


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
        self.fast = _FastPath(spec)(ast)

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
        if self.fast is not None:
            known = self.fast(obj)
            if known is not None:
                return known
        try:
            result = self.program.evaluate(self._activation(obj))
        except Exception:  # pylint: disable=broad-except
            return False
        return isinstance(result, celtypes.BoolType) and bool(result)
