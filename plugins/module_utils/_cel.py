# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""CEL filter expressions for the API's list operations (private to this collection).

ngrok's lists take a ``filter``: an expression over ``obj`` in a subset of CEL. These build one from field names and
values, quoting user text so that it can never end a literal or change the expression around it.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re

# A plain field name, dotted for a field of a reference (obj.ip_policy.id).
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$")


def cel_string(value):
    """Quote ``value`` as a CEL string literal.

    Backslashes, double quotes and control characters are escaped so that user input can never end
    the literal or change the expression around it.
    """
    if not isinstance(value, str):
        value = str(value)
    out = ['"']
    for char in value:
        code = ord(char)
        if char == "\\":
            out.append("\\\\")
        elif char == '"':
            out.append('\\"')
        elif char == "\n":
            out.append("\\n")
        elif char == "\r":
            out.append("\\r")
        elif char == "\t":
            out.append("\\t")
        elif code < 0x20 or code == 0x7f:
            out.append("\\u{0:04x}".format(code))
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


def cel_equals(field, value):
    """``obj.<field> == "<value>"`` with ``field`` checked to be a plain (dotted) identifier."""
    if not _IDENTIFIER.match(field):
        raise ValueError("not a filterable field name: {0!r}".format(field))
    if isinstance(value, bool):
        literal = "true" if value else "false"
    elif isinstance(value, int):
        literal = str(value)
    else:
        literal = cel_string(value)
    return "obj.{0} == {1}".format(field, literal)


def cel_in(field, values):
    """``obj.<field> in ["a", "b"]``: one of the values (the API documents ``in`` against a literal list)."""
    if not _IDENTIFIER.match(field):
        raise ValueError("not a filterable field name: {0!r}".format(field))
    return "obj.{0} in [{1}]".format(field, ", ".join(cel_string(v) for v in values))


def cel_and(*expressions):
    """Join expressions with ``&&``; each part is parenthesised, empty parts are dropped."""
    parts = [e for e in expressions if e]
    if not parts:
        return None
    if len(parts) == 1:
        return parts[0]
    return " && ".join("({0})".format(p) for p in parts)
