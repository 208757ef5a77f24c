# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Finding objects: by id, by natural key, by listing (private to this collection).

One interface, two ways of answering it:

* :class:`ApiLookup` asks the API each time: a GET by id, or a listing narrowed by a CEL filter on the fields ngrok
  documents as filterable (by reading every page where it documents none, or when the API refuses the filter), the
  listed objects matched again locally after normalising. A resource module uses it: one object costs one request.
* :class:`~._listing.ListingLookup` answers from one full listing per collection, indexed, and keeps the listings
  current with the task's writes. A task converging many objects (``ngrok_apply``) uses it.

Both take the resource they look in as an argument, and are told of every write (:meth:`Lookup.created`,
:meth:`Lookup.updated`, :meth:`Lookup.deleted`), which only the listing one needs.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.ngrok.ngrok.plugins.module_utils._cel import cel_and, cel_equals, cel_in
from ansible_collections.ngrok.ngrok.plugins.module_utils._errors import NgrokAPIError
from ansible_collections.ngrok.ngrok.plugins.module_utils._plan import in_scope


class Lookup(object):
    """What the engine asks of a way to find objects. ``warnings`` collects what the task should say."""

    def __init__(self, client, warnings=None):
        self.client = client
        self.warnings = [] if warnings is None else warnings

    def get(self, resource, object_id):
        """The object of ``resource`` with the id, or None."""
        raise NotImplementedError

    def find_by(self, resource, identity, fresh=False):
        """Objects of ``resource`` whose identity fields equal ``identity`` ({Field: normalised value}), within its
        scope. ``fresh``: what the API holds now, never an earlier listing."""
        raise NotImplementedError

    def find_by_key(self, resource, key_field, keys):
        """{key: [objects]} of ``resource`` whose ``key_field`` (normalised) is one of ``keys``."""
        raise NotImplementedError

    def children_of(self, children, parent_id):
        """The children (a :class:`~._declaration.Children`'s resource) of the parent with ``parent_id``."""
        raise NotImplementedError

    def users_of(self, used_by, object_id):
        """The objects a :class:`~._declaration.UsedBy` declares that refer to ``object_id``, as the API has them now."""
        return self.client.list(used_by.path, used_by.list_key, cel_filter=cel_equals(used_by.filter_field, object_id))

    # What the task wrote: a lookup that keeps listings keeps them current.
    def created(self, path, obj):
        """An object created in the collection at ``path``."""

    def updated(self, path, obj):
        """An object of the collection at ``path`` as the API answered a change of it."""

    def deleted(self, path, object_id):
        """An object of the collection at ``path`` deleted."""


class ApiLookup(Lookup):
    """Finds objects by asking the API, one request (or one paged listing) per question."""

    def get(self, resource, object_id):
        return self.client.get_or_none(resource.item_path(object_id))

    def list_objects(self, resource, conditions=None):
        """Every object of ``resource`` matching ``conditions`` ({filter field: value}) as far as the API can
        filter; the caller matches again locally. A filter the API refuses falls back to listing everything."""
        usable = dict((k, v) for k, v in (conditions or {}).items() if resource.can_filter(k))
        cel = None
        if usable:
            cel = cel_and(*[cel_in(k, v) if isinstance(v, (list, tuple)) else cel_equals(k, v)
                            for k, v in sorted(usable.items())])
        try:
            return self.client.list(resource.path, resource.list_key, cel_filter=cel)
        except NgrokAPIError as exc:
            if not (cel and exc.is_filter_error):
                raise
            self.warnings.append("The API refused the filter {0!r} on {1} ({2}); all of them were listed instead.".format(
                cel, resource.path, exc.msg))
            return self.client.list(resource.path, resource.list_key)

    def find_by(self, resource, identity, fresh=False):
        conditions = dict(resource.scope)
        for field, value in identity.items():
            if not field.compared_in_own_form:
                conditions[field.filter_field] = value
        return [obj for obj in self.list_objects(resource, conditions)
                if in_scope(resource, obj) and all(field.same(field.read(obj), value) for field, value in identity.items())]

    def find_by_key(self, resource, key_field, keys):
        found = dict((k, []) for k in keys)
        if not keys:
            return found
        conditions = dict(resource.scope)
        conditions[key_field.filter_field] = keys if len(keys) > 1 else keys[0]
        for obj in self.list_objects(resource, conditions):
            key = key_field.normalize(key_field.read(obj))
            if key in found and in_scope(resource, obj):
                found[key].append(obj)
        return found

    def children_of(self, children, parent_id):
        conditions = {}
        condition = children.list_filter(parent_id)
        if condition:
            conditions[condition[0]] = condition[1]
        return [c for c in self.list_objects(children.resource, conditions) if children.parent_field.read(c) == parent_id]
