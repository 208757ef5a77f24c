"""The shape of a JSON value: its keys, the keys of what it holds, and the form of each value.

A recorded answer and the simulator's answer agree when their shapes are equal: the same keys at
every level (so the same keys left out), and values of the same form. Forms of strings tell apart
what a client can notice: ``""`` (empty), RFC 3339 timestamps, ids (``id:<prefix>``), absolute and
relative links, PEM text with or without a final line break, and any other text.
"""

import json
import re

API_BASE = "https://api.ngrok.com"
_TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z$")
_ID = re.compile(r"^([a-z][a-z0-9]*(?:_[a-z0-9]+)*)_[0-9A-Za-z]{27}$")
_PEM = re.compile(r"^-----BEGIN [A-Z0-9 ]+-----\n")
# Mappings whose keys are data, not field names (a tunnel's labels): their keys are not compared.
DATA_MAPS = ("labels",)


def string_form(value, base=API_BASE):
    """The form of one string."""
    if value == "":
        return "empty"
    if _TIMESTAMP.match(value):
        return "timestamp"
    found = _ID.match(value)
    if found:
        return "id:" + found.group(1)
    if value.startswith(base + "/") or value == base:
        return "link:absolute"
    if _PEM.match(value):
        return "pem:line-break" if value.endswith("\n") else "pem:no-line-break"
    return "string"


def shape(value, base=API_BASE, key=None):
    """The shape of ``value`` (links on ``base`` count as absolute ones)."""
    if isinstance(value, dict) and key in DATA_MAPS:
        forms = sorted({json.dumps(shape(v, base)) for v in value.values()})
        return {"<data>": json.loads(forms[0]) if len(forms) == 1 else "mixed"} if value else {}
    if isinstance(value, dict):
        return {k: shape(v, base, k) for k, v in sorted(value.items())}
    if isinstance(value, list):
        items = []
        for item in value:
            item_shape = shape(item, base, key)
            if item_shape not in items:
                items.append(item_shape)
        return items
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    form = string_form(value, base)
    if form == "string" and key in ("uri", "next_page_uri") and value.startswith("/"):
        return "link:relative"
    return form


def differences(recorded, answered, path="$"):
    """Where ``answered`` (a shape) differs from ``recorded``: a list of readable lines.

    A list agrees when every shape of its answered items is one of the recorded item shapes (the
    recording may hold kinds of items a replay does not make, never the reverse), and when both are
    empty or both are not.
    """
    if isinstance(recorded, dict) and isinstance(answered, dict):
        out = []
        for key in sorted(set(recorded) - set(answered)):
            out.append("%s.%s: recorded, not answered" % (path, key))
        for key in sorted(set(answered) - set(recorded)):
            out.append("%s.%s: answered, not recorded" % (path, key))
        for key in sorted(set(recorded) & set(answered)):
            out.extend(differences(recorded[key], answered[key], "%s.%s" % (path, key)))
        return out
    if isinstance(recorded, list) and isinstance(answered, list):
        if bool(recorded) != bool(answered):
            return ["%s: recorded %s items, answered %s" % (path, len(recorded) or "no", len(answered) or "no")]
        out = []
        for index, item in enumerate(answered):
            if item in recorded:
                continue
            best = min((differences(candidate, item, "%s[%d]" % (path, index)) for candidate in recorded), key=len)
            out.extend(best)
        return out
    if recorded != answered:
        return ["%s: recorded %s, answered %s" % (path, _describe(recorded), _describe(answered))]
    return []


def _describe(form):
    if isinstance(form, dict):
        return "an object"
    if isinstance(form, list):
        return "a list"
    return form
