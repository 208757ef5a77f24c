# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""YAML text of plain data that diffs well and reads back the same (private to this collection).

:func:`dump_yaml` writes mappings and lists in block style, one entry per line, text quoted only where YAML would read
it otherwise, with comments beside entries; the same data gives the same bytes. Text Ansible would template is marked
``!unsafe``, but for a :class:`Placeholder`, the one kind of value meant to be templated (a variable of a vault).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import math
import re


class Placeholder(str):
    """Text that names a variable of the vault template: the one value of an export Ansible must template."""


# Text written without quotes: it starts with a letter, "_" or "/", and holds nothing YAML could read otherwise.
_PLAIN = re.compile(r"^[A-Za-z_/](?:[A-Za-z0-9_./@+()=*, -]|:(?=[^ ]))*\Z")
_NOT_PLAIN = frozenset(["y", "n", "yes", "no", "true", "false", "on", "off", "null"])
_TEMPLATE_MARKERS = ("{{", "{%", "{#")


def _yaml_printable(char):
    code = ord(char)
    return (code in (0x09, 0x0A) or 0x20 <= code <= 0x7E or 0xA0 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD
            or code >= 0x10000) and code not in (0x2028, 0x2029, 0xFEFF)


def _quoted(text):
    """Text in double quotes: JSON's escapes, which YAML reads alike, and every character YAML would not print
    as it is escaped too."""
    return "".join(c if _yaml_printable(c) or c in "\\\"" else (
        "\\u{0:04x}".format(ord(c)) if ord(c) <= 0xFFFF else "\\U{0:08x}".format(ord(c)))
        for c in json.dumps(text, ensure_ascii=False))


def _literal_lines(text):
    """The lines of a literal block (``|`` or ``|-``) for ``text``, or None when one cannot hold it exactly."""
    if "\n" not in text.rstrip("\n") or text.endswith("\n\n") or text[:1] in (" ", "\t", "\n"):
        return None
    if not all(_yaml_printable(c) for c in text) or "\r" in text:
        return None
    lines = text[:-1].split("\n") if text.endswith("\n") else text.split("\n")
    if any(line and not line.strip() for line in lines) or any(line.endswith((" ", "\t")) or line.startswith("\t")
                                                               for line in lines):
        return None
    return ("|" if text.endswith("\n") else "|-"), lines


def _scalar(value):
    """A value that fits on one line, or None."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return ".nan"
        if math.isinf(value):
            return ".inf" if value > 0 else "-.inf"
        text = repr(value)
        if "e" in text and "." not in text:
            text = text.replace("e", ".0e")
        return text
    if isinstance(value, list) and not value:
        return "[]"
    if isinstance(value, dict) and not value:
        return "{}"
    if isinstance(value, str):
        mark = "" if isinstance(value, Placeholder) or not any(m in value for m in _TEMPLATE_MARKERS) else "!unsafe "
        if _PLAIN.match(value) and not value.endswith(" ") and value.lower() not in _NOT_PLAIN:
            return mark + value
        if _literal_lines(value) is None:
            return mark + _quoted(value)
        return None
    raise TypeError("cannot write a {0} as YAML".format(type(value).__name__))


def _key_text(key):
    text = _scalar(key if isinstance(key, (str, int, bool, float)) or key is None else str(key))
    if text is None or text.startswith("!unsafe "):
        # A key is never templated: plain quotes are enough, and a block cannot be a key.
        text = _quoted(str(key))
    return text


def _emit(value, indent, lines, comments, opening):
    """Append the lines of ``value`` to ``lines``; ``opening`` is what starts its first line (``key:`` or ``-``)."""
    pad = " " * indent
    scalar = _scalar(value) if not isinstance(value, (dict, list)) or not value else None
    if scalar is not None:
        lines.append("{0}{1} {2}".format(pad, opening, scalar) if opening else pad + scalar)
        return
    if isinstance(value, str):
        mark = "" if isinstance(value, Placeholder) or not any(m in value for m in _TEMPLATE_MARKERS) else "!unsafe "
        style, text_lines = _literal_lines(value)
        lines.append("{0}{1} {2}{3}".format(pad, opening, mark, style))
        lines.extend(("{0}  {1}".format(pad, line) if line else "") for line in text_lines)
        return
    if opening:
        lines.append(pad + opening)
        indent += 2
        pad = " " * indent
    if isinstance(value, dict):
        for key, item in value.items():
            for comment in comments.get(key, []) if not opening and indent == 0 else []:
                lines.append("{0}# {1}".format(pad, _one_line(comment)))
            _emit_in(item, indent, lines, comments, _key_text(key) + ":")
        return
    for item in value:
        for comment in comments.get(id(item), []):
            lines.append("{0}# {1}".format(pad, _one_line(comment)))
        if isinstance(item, dict) and item:
            first = True
            for key, sub in item.items():
                _emit_in(sub, indent + 2, lines, comments, _key_text(key) + ":", dash=first)
                first = False
        else:
            _emit_in(item, indent, lines, comments, "-")


def _emit_in(value, indent, lines, comments, opening, dash=False):
    """``_emit`` for a mapping entry; with ``dash``, the entry opens a list item (``- key: value``)."""
    start = len(lines)
    _emit(value, indent, lines, comments, opening)
    if dash:
        line = lines[start]
        lines[start] = line[:indent - 2] + "- " + line[indent:]


def _one_line(text):
    return " ".join(str(text).split())


def dump_yaml(document, header=(), comments=None):
    """``document`` (a mapping) as YAML text: block style, keys in their order, a comment line before the list
    items and top-level keys that ``comments`` names (by ``id()`` of the item, or by key), ``header`` on top."""
    lines = ["---"] + ["# {0}".format(" " * (len(h) - len(h.lstrip())) + _one_line(h)) if h.strip() else "#"
                       for h in header]
    body = []
    _emit(document, 0, body, comments or {}, "")
    if document:
        lines.extend(body)
    else:
        lines.append("{}")
    return "\n".join(lines) + "\n"
