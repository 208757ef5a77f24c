# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Helpers for plain data (private to this collection): lists without repetitions, the texts of the scalars of a
structure, paths of keys inside mappings, and a field check made from a reader that raises ValueError."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type


def unique(values):
    """``values`` without repetitions, in their order (values need not be hashable)."""
    seen = []
    for value in values:
        if value not in seen:
            seen.append(value)
    return seen


def scalar_texts(value):
    """The text of every scalar in ``value`` (booleans and nulls are not secrets)."""
    if isinstance(value, dict):
        return [leaf for v in value.values() for leaf in scalar_texts(v)]
    if isinstance(value, (list, tuple)):
        return [leaf for v in value for leaf in scalar_texts(v)]
    if isinstance(value, bool) or value is None:
        return []
    text = str(value)
    return [text] if text.strip() else []


def checker(read):
    """A field's ``check``: the message of the ValueError that ``read(value)`` raises, or None."""
    def check(value):
        try:
            read(value)
        except ValueError as exc:
            return str(exc)
        return None
    return check


def without_paths(value, paths):
    """A deep copy of the mapping ``value`` without the nested keys ``paths`` (tuples of keys)."""
    if not isinstance(value, dict):
        return value
    result = dict(value)
    for path in paths:
        head = path[0]
        if head not in result:
            continue
        if len(path) == 1:
            del result[head]
        else:
            result[head] = without_paths(result[head], [path[1:]])
    return result


def has_path(value, path):
    for key in path:
        if not isinstance(value, dict) or value.get(key) in (None, ""):
            return False
        value = value[key]
    return True
