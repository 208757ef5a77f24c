# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Finding objects in listings: one full listing per collection, indexed (private to this collection).

:class:`ListingLookup` answers the engine's questions (see ``_lookup.py``) from one paged listing per collection,
read on first use, through indexes by identity, key or parent built once per type with the same comparisons as the
API's filters, so a task converging a thousand objects does not read a thousand objects a thousand times. The task's
writes (and, in check mode, the writes its plan predicts) keep the listings current, so later lookups see created,
changed and deleted objects without another request.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
from collections import OrderedDict

from ansible_collections.ngrok.ngrok.plugins.module_utils._lookup import Lookup
from ansible_collections.ngrok.ngrok.plugins.module_utils._plan import hashable, identity_key, in_scope, match_key


class Index(object):
    """The objects of one listing grouped by a key (``key_of(obj)``; None leaves the object out)."""

    def __init__(self, key_of, objects):
        self.key_of = key_of
        self.groups = {}
        self.keys = {}
        for obj in objects:
            self.add(obj)

    def add(self, obj):
        key = self.key_of(obj)
        if key is not None:
            self.groups.setdefault(key, OrderedDict())[obj.get("id")] = obj
            self.keys[obj.get("id")] = key

    def remove(self, object_id):
        key = self.keys.pop(object_id, None)
        if key is not None:
            self.groups[key].pop(object_id, None)

    def get(self, key):
        """Copies of the objects whose key is ``key``, in listing order."""
        return [copy.deepcopy(obj) for obj in (self.groups.get(key) or {}).values()]


class ListingLookup(Lookup):
    """Answers lookups from one full listing per collection, and keeps the listings current with the task's writes.

    ``created_ids``: {collection path: ids of the objects this task created}."""

    def __init__(self, client, warnings=None):
        super(ListingLookup, self).__init__(client, warnings)
        self.listings = {}
        self.indexes = {}
        self.created_ids = {}
        # In check mode, {collection path: {id: predicted object, or None when gone}}: what the plan wrote, put into a
        # listing read later too.
        self.predicted = {}

    # -- the listings --------------------------------------------------------------------------------

    def _load(self, path, list_key, fresh=False):
        if fresh or path not in self.listings:
            objects = self.client.list(path, list_key)
            self.listings[path] = OrderedDict((obj.get("id"), obj) for obj in objects)
            self.indexes.pop(path, None)
            for object_id, obj in self.predicted.get(path, {}).items():
                if obj is None:
                    self.listings[path].pop(object_id, None)
                else:
                    self._add(path, obj)
        return self.listings[path]

    def listing(self, resource):
        """Copies of every object of ``resource`` (its listing, read on first use)."""
        return [copy.deepcopy(obj) for obj in self._load(resource.path, resource.list_key).values()]

    def index(self, resource, name, key_of):
        """The listing of ``resource`` indexed by ``key_of`` (an :class:`Index`), built on first use under ``name``."""
        listing = self._load(resource.path, resource.list_key)
        indexes = self.indexes.setdefault(resource.path, {})
        if name not in indexes:
            indexes[name] = Index(key_of, listing.values())
        return indexes[name]

    def has_listing(self, resource):
        return resource.path in self.listings

    # -- the lookup interface ------------------------------------------------------------------------

    def get(self, resource, object_id):
        listing = self.listings.get(resource.path)
        if listing is not None:
            # The listing is the account's content at the start of the task plus what this task wrote.
            obj = listing.get(object_id)
            return copy.deepcopy(obj) if obj is not None else None
        return self.client.get_or_none(resource.item_path(object_id))

    def find_by(self, resource, identity, fresh=False):
        if fresh:
            # What the API holds now (after a create whose answer was lost, or to find a twin): read the listing again.
            self._load(resource.path, resource.list_key, fresh=True)
        if not identity:
            return [o for o in self.listing(resource) if in_scope(resource, o)]
        fields = sorted(identity, key=lambda f: f.name)
        by_identity = self.index(resource, ("identity", resource.name) + tuple(f.name for f in fields),
                                 lambda obj: identity_key(resource, fields, obj))
        return by_identity.get(tuple(match_key(f, identity[f]) for f in fields))

    def find_by_key(self, resource, key_field, keys):
        def key_of(obj):
            if not in_scope(resource, obj):
                return None
            return hashable(key_field.normalize(key_field.read(obj)))
        by_key = self.index(resource, ("key", resource.name, key_field.name), key_of)
        return dict((k, by_key.get(hashable(k))) for k in keys)

    def children_of(self, children, parent_id):
        child = children.resource
        by_parent = self.index(child, ("parent", child.name), lambda c: hashable(children.parent_field.read(c)))
        return by_parent.get(parent_id)

    # -- the task's writes ----------------------------------------------------------------------------

    def created(self, path, obj):
        self.created_ids.setdefault(path, set()).add(obj.get("id"))
        self._add(path, obj)

    def updated(self, path, obj):
        if isinstance(obj, dict):
            self._put(path, obj)

    def deleted(self, path, object_id):
        if path in self.listings:
            self.listings[path].pop(object_id, None)
            for index in self.indexes.get(path, {}).values():
                index.remove(object_id)

    # -- what a check-mode plan writes ------------------------------------------------------------------

    def predicted_write(self, resource, obj):
        """An object the plan would create or change, as the real run would leave it for later lookups."""
        self.predicted.setdefault(resource.path, OrderedDict())[obj.get("id")] = obj
        listing = self.listings.get(resource.path)
        if listing is not None and obj.get("id") in listing:
            self._put(resource.path, obj)
        else:
            self._add(resource.path, obj)

    def predicted_delete(self, resource, object_id):
        """An object the plan would delete: gone from its listing, read now or later."""
        self.predicted.setdefault(resource.path, OrderedDict())[object_id] = None
        self.deleted(resource.path, object_id)

    # -- keeping listings and indexes together ----------------------------------------------------------

    def _add(self, path, obj):
        """A new object, first in its listing (the API lists the newest first)."""
        listing = self.listings.get(path)
        if listing is None:
            return
        object_id = obj.get("id")
        listing[object_id] = obj
        listing.move_to_end(object_id, last=False)
        for index in self.indexes.get(path, {}).values():
            index.remove(object_id)
            index.add(obj)

    def _put(self, path, obj):
        """``obj`` in place of the listed object with its id, in the listing and its indexes."""
        listing = self.listings.get(path)
        object_id = obj.get("id")
        if listing is None or object_id not in listing:
            return
        listing[object_id] = obj
        for index in self.indexes.get(path, {}).values():
            index.remove(object_id)
            index.add(obj)
