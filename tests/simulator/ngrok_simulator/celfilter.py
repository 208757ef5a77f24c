"""The ``filter`` query parameter: a CEL expression evaluated over ``obj``.

Each object is exposed as its JSON response, with omitted empty strings
(``description``, ``metadata``) put back as ``""`` so that ``obj.description == ""``
works, and with timestamp fields turned into CEL timestamps so that
``obj.created_at < timestamp("2025-05-10Z")`` and
``obj.created_at > timestamp(time.now).subtract("7d")`` work.
"""

import datetime
import re

import celpy
from celpy import celtypes

from .errors import bad_request

_FIELD_RE = re.compile(r"\bobj\s*\.\s*([A-Za-z_][A-Za-z0-9_]*)")
_ID_SUBSTRING_RE = re.compile(r"\bobj\s*\.\s*id\s*\.\s*(startsWith|endsWith|contains|matches)\s*\(")
_DURATION_RE = re.compile(r"(\d+)(d|h|m|s)")
_UNITS = {"d": 86400, "h": 3600, "m": 60, "s": 1}


def invalid(detail):
    """ERR_NGROK_250 for a filter that cannot be used."""
    return bad_request(250, "Invalid CEL query: %s" % detail)


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


def _to_cel_time(text):
    try:
        return celtypes.TimestampType(text)
    except Exception:  # pylint: disable=broad-except
        return celtypes.StringType(text)


class Filter:
    """A compiled filter for one resource kind."""

    def __init__(self, expression, known_fields, timestamp_fields=("created_at",), empty_fields=("description", "metadata")):
        self.expression = expression
        self.timestamp_fields = tuple(timestamp_fields)
        self.empty_fields = tuple(empty_fields)
        if not expression.strip():
            raise invalid("the expression is empty")
        for name in _FIELD_RE.findall(expression):
            if name not in known_fields:
                raise invalid("unsupported field: obj.%s" % name)
        if _ID_SUBSTRING_RE.search(expression):
            raise invalid("substring functions are not allowed on the high-entropy field obj.id; use ==")
        env = celpy.Environment()
        try:
            ast = env.compile(expression)
            self.program = env.program(ast, functions=FUNCTIONS)
        except Exception as exc:  # celpy raises several parser error types
            raise invalid(str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__) from exc
        now = datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)
        self.now = celtypes.TimestampType(now)

    def _activation(self, obj):
        data = dict(obj)
        for name in self.empty_fields:
            data.setdefault(name, "")
        cel_obj = celpy.json_to_cel(data)
        for name in self.timestamp_fields:
            value = data.get(name)
            if isinstance(value, str) and value:
                cel_obj[celtypes.StringType(name)] = _to_cel_time(value)
        return {"obj": cel_obj,
                "time": celtypes.MapType({celtypes.StringType("now"): self.now})}

    def matches(self, obj):
        """True when the expression evaluates to true for this object.

        An evaluation error on one object (for example a field access on a
        null reference) makes that object not match.
        """
        try:
            result = self.program.evaluate(self._activation(obj))
        except Exception:  # pylint: disable=broad-except
            return False
        return isinstance(result, celtypes.BoolType) and bool(result)
