# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Selecting objects for ``_info`` modules and modules that act on many (private to this collection).

:func:`select_objects` gives the objects a task designates: the one whose ``id`` is given, else every object that the
task's narrowing options (:class:`Narrowing`) and CEL ``filter`` select.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.ngrok.ngrok.plugins.module_utils._cel import cel_and, cel_equals, cel_string
from ansible_collections.ngrok.ngrok.plugins.module_utils._errors import NgrokAPIError
from ansible_collections.ngrok.ngrok.plugins.module_utils._errors import EngineError


class Narrowing(object):
    """An ``_info`` option that narrows the list: the field equals the value, or (``member``) the list field
    holds it. Sent as a CEL filter where ngrok documents the field as filterable, and always checked again
    on the listed objects."""

    def __init__(self, option, filter_field, read=None, normalize=None, member=False, spec=None, documented_as=None):
        self.option = option
        self.filter_field = filter_field
        # The name ngrok's filtering docs give the field, when it differs from the one the expression uses.
        self.documented_as = documented_as or filter_field
        self.read = read or (lambda obj: obj.get(filter_field.split(".")[0]))
        self.normalize = normalize or (lambda v: v)
        self.member = member
        self.spec = spec or {"type": "str"}

    @classmethod
    def of(cls, field):
        return cls(field.name, field.filter_field, read=field.read, normalize=field.normalize, spec=dict(field.spec))

    def cel(self, value):
        if self.member:
            return "{0} in obj.{1}".format(cel_string(value), self.filter_field)
        return cel_equals(self.filter_field, value)

    def matches(self, obj, value):
        have = self.read(obj)
        if self.member:
            return value in [self.normalize(v) for v in (have or [])]
        return self.normalize(have) == value


def select_objects(client, resource, narrowing, params, warnings):
    """The objects the options designate: the one whose ``id`` is given (none when it does not exist), else every
    object the ``narrowing`` options (:class:`Narrowing`) and the CEL ``filter`` select.

    The narrowing options go into one CEL filter where ngrok documents their field as filterable, and are always
    checked again on the listed objects. If the API refuses that filter and the task wrote none itself, every object
    is listed instead and a warning is added to ``warnings``. Raises EngineError for an id of the wrong form or an
    empty value, before any request."""
    if params.get("id") is not None:
        problem = resource.check_id(params["id"])
        if problem:
            raise EngineError(problem)
        obj = client.get_or_none(resource.item_path(params["id"]))
        return [obj] if obj is not None else []
    given = [(n, n.normalize(params[n.option])) for n in narrowing if params.get(n.option) is not None]
    for narrow, value in given:
        if value is None or (isinstance(value, str) and not value.strip()):
            raise EngineError("{0} must not be empty".format(narrow.option))
    parts = [n.cel(v) for n, v in given if resource.can_filter(n.documented_as)]
    user_filter = params.get("filter")
    if user_filter is not None and not user_filter.strip():
        raise EngineError("filter must not be empty")
    cel = cel_and(*(parts + [user_filter]))
    try:
        items = client.list(resource.path, resource.list_key, cel_filter=cel)
    except NgrokAPIError as exc:
        if not (cel and exc.is_filter_error and not user_filter):
            raise
        warnings.append("The API refused the filter {0!r} ({1}); every {2} was listed instead.".format(
            cel, exc.msg, resource.human))
        items = client.list(resource.path, resource.list_key)
    return [o for o in items if all(n.matches(o, v) for n, v in given)]


def narrowing_of(resource, narrowing):
    """:class:`Narrowing` options from a list of them and of the resource's field names."""
    return [n if isinstance(n, Narrowing) else Narrowing.of(resource.field(n)) for n in narrowing]
