# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""What a task converging many objects designates and refers to (private to this collection).

``ngrok_apply`` must never break what it names itself. From the task's listings (a ``_listing.ListingLookup``),
:class:`TaskReferences` answers:

* which existing objects each item designates, by ``id`` or natural key (:meth:`TaskReferences.survey`, before any
  write: two items that designate one object are refused, as they would overwrite each other on every run);
* which objects prune and ``state=absent`` must keep because something that stays refers to them
  (:meth:`TaskReferences.keepers`), the references being those the declarations name (``Field.refers`` and
  ``Reference``);
* which objects the items that failed designate, so that prune keeps them too (:meth:`TaskReferences.designated_by_failed`);
* whether an option names an object the API requires to exist (:meth:`TaskReferences.check_targets`).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from collections import OrderedDict

from ansible_collections.ngrok.ngrok.plugins.module_utils._data import unique
from ansible_collections.ngrok.ngrok.plugins.module_utils._errors import EngineError
from ansible_collections.ngrok.ngrok.plugins.module_utils._plan import hashable, identity_complete, identity_of, match_key
from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.registry import (
    ALL_RESOURCES,
    by_plural,
    convergeable_types,
    dependency_order,
)


class Unknown(Exception):
    """What an item designates cannot be known: its type is not pruned. ``failed``: the item failed (else it is a
    plan's item naming an object that does not exist)."""

    def __init__(self, msg, failed=True):
        super(Unknown, self).__init__(msg)
        self.failed = failed


def where(resource, index):
    """How a message names an item of a task: ``resources.<type>[<index>]``."""
    return "resources.{0}[{1}]".format(resource.plural, index)


class TaskReferences(object):
    """The designations and references of one task's ``items`` ({plural: [validated options]}), from ``lookup``.

    ``designated``: {plural: {object id: (item path, state)}}, filled by :meth:`survey`."""

    def __init__(self, lookup, items, prune, check_mode=False):
        self.lookup = lookup
        self.items = items
        self.prune = list(prune)
        self.check_mode = check_mode
        self.designated = {}
        # {plural: {id: reason}} of the objects something that stays refers to, computed once per type when its
        # deletions begin (what refers to it is then done: the types that refer come later in dependency order).
        self.referenced = {}

    # -- what the items designate ------------------------------------------------------------------------

    def survey(self):
        """Before any write: find the existing objects each item designates, from the listings converging reads anyway
        (one paged listing per type), and refuse two items that designate the same object by any mix of id and natural
        key (inline children included): they would overwrite each other on every run."""
        claims = {}

        def claim(resource, object_id, path, state):
            first = claims.setdefault((resource.plural, object_id), path)
            if first != path:
                raise EngineError("{0} designates the same {1} ({2}) as {3}: list each object once".format(
                    path, resource.human, object_id, first))
            self.designated.setdefault(resource.plural, {})[object_id] = (path, state)

        for resource in dependency_order(convergeable_types()):
            for index, params in enumerate(self.items.get(resource.plural, [])):
                path = where(resource, index)
                try:
                    ids = self.designated_ids(resource, params, path, failed=False)
                except Unknown:
                    # It names an object that does not exist (yet): it designates nothing that exists.
                    ids = []
                state = params.get("state")
                for object_id in unique(ids):
                    claim(resource, object_id, path, state)
                children = resource.children
                if children is None or not params.get(children.option) or not ids:
                    continue
                by_key = {}
                for object_id in unique(ids):
                    for child in self.lookup.children_of(children, object_id):
                        by_key.setdefault(children.key.normalize(children.key.read(child)), []).append(child)
                for number, item in enumerate(params[children.option]):
                    for child in by_key.get(children.key.normalize(item.get(children.key.name)), []):
                        claim(children.resource, child.get("id"), "{0}.{1}[{2}]".format(path, children.option, number),
                              state)

    def designated_ids(self, resource, params, path, failed=True):
        """The ids of every object the item designates (its twins too), from the listings, or raises Unknown."""
        if params.get("id"):
            return [params["id"]]
        if not resource.identity_groups:
            # Only an id designates an object of this type: the item names no existing one.
            return []
        unknown = "{0} {1}, and which {2} it designates is not known".format(
            path, "failed" if failed else "names an object that does not exist", resource.human)
        identities = [identity_of(resource, params)]
        for ref in resource.references:
            field = resource.field(ref.field)
            if not field.identity or params.get(field.name) is not None or params.get(ref.option) is None:
                continue
            if ref.many:
                raise Unknown(unknown, failed)
            key_field = ref.target.field(ref.key)
            key = key_field.normalize(params[ref.option])
            targets = self.lookup.find_by_key(ref.target, key_field, [key]).get(key) or []
            if not targets:
                raise Unknown("{0}: no {1} has {2} {3!r}".format(unknown, ref.target.human, ref.key, key), failed)
            # Under each object the reference matches (twins included).
            identities = [_with(identity, field, target.get("id")) for identity in identities for target in targets]
        ids = []
        for identity in identities:
            if not identity_complete(resource, identity):
                raise Unknown(unknown, failed)
            ids.extend(obj.get("id") for obj in self.lookup.find_by(resource, identity))
        return ids

    def designated_by_failed(self, resource, unknown):
        """{id: item path} of the objects of ``resource`` that the items which failed designate (``unknown``:
        {plural: [(index, options, failed)]}), the children of failed parent items included. Raises Unknown when
        that cannot be known."""
        found = OrderedDict()
        for index, params, failed in unknown.get(resource.plural, []):
            path = where(resource, index)
            for object_id in self.designated_ids(resource, params, path, failed):
                found.setdefault(object_id, path)
        for parent in dependency_order():
            children = parent.children
            if children is None or children.resource is not resource:
                continue
            for index, params, failed in unknown.get(parent.plural, []):
                if params.get(children.option) is None:
                    continue
                path = where(parent, index)
                for parent_id in self.designated_ids(parent, params, path, failed):
                    for child in self.lookup.children_of(children, parent_id):
                        found.setdefault(child.get("id"), path)
        return found

    def listed_children(self, parent, parent_obj):
        """The keys (CIDRs) of the children of ``parent_obj`` that items of the children's own type list: by the
        parent's id or natural key (``ip_policy_id``, ``ip_policy_description``), or by their own id."""
        children = parent.children
        child = children.resource
        parent_id = parent_obj.get("id")
        ref = child.reference_for(children.parent_field)
        key_field = parent_key = None
        if ref is not None and ref.target is parent:
            key_field = parent.field(ref.key)
            parent_key = hashable(key_field.normalize(key_field.read(parent_obj)))
        keys = set()
        for params in self.items.get(child.plural, []):
            if params.get("state") == "absent":
                continue
            if params.get("id"):
                # The rule's listing is read: it is what the parent's children were planned from.
                obj = self.lookup.get(child, params["id"])
                if obj is not None and children.parent_field.read(obj) == parent_id:
                    keys.add(children.key.normalize(children.key.read(obj)))
                continue
            if params.get(children.key.name) is None:
                continue
            if params.get(children.parent_field.name) == parent_id or (
                    key_field is not None and params.get(ref.option) is not None
                    and hashable(key_field.normalize(params[ref.option])) == parent_key):
                keys.add(children.key.normalize(params[children.key.name]))
        return keys

    # -- what refers to what -----------------------------------------------------------------------------

    def targets(self, resource, refers, keys):
        """The objects of ``resource`` (from its listing) whose key, as ``refers`` matches it, is one of ``keys``."""
        if not keys:
            return []
        name = ("refers", refers.key if isinstance(refers.key, str) else id(refers.key))
        index = self.lookup.index(resource, name, lambda obj: hashable(refers.key_of(resource, obj)))
        found = []
        for key in keys:
            found.extend(index.get(hashable(refers.normalize(resource, key))))
        return found

    def keepers(self, resource, kept=None):
        """{id: reason} of the objects of ``resource`` that something staying refers to, which are neither pruned nor
        deleted: what an item of the task names (by id or by natural key, in any option that refers, a traffic policy
        included), and what the objects that stay in the account refer to (a restriction's policies, the domain an
        endpoint lives on, a vault's secrets), except references whose holder goes with the target (a rule and its
        policy). Computed once per type, when its deletions begin: the types that refer to it are done by then.

        ``kept``: {plural: ids} the task keeps besides what the items designate (objects failed items designate)."""
        if resource.plural in self.referenced:
            return self.referenced[resource.plural]
        found = OrderedDict()
        # What the items of the task name, converged or not.
        for holder in dependency_order(convergeable_types()):
            for index, params in enumerate(self.items.get(holder.plural, [])):
                if params.get("state") == "absent":
                    continue
                for option, refers in holder.refers():
                    if refers.target != resource.plural or params.get(option) is None:
                        continue
                    for obj in self.targets(resource, refers, refers.values(params[option])):
                        found.setdefault(obj.get("id"), "{0} refers to it ({1})".format(where(holder, index), option))
        # What the objects that stay refer to: every object left in the listing of a type that can refer to it (a
        # listing more for a type the task does not name), but those that go too (by an item, or pruned).
        going = self.going(resource, kept or {})
        for holder in ALL_RESOURCES:
            for option, refers in holder.refers():
                if refers.target != resource.plural or refers.cascade or option not in [f.name for f in holder.fields]:
                    continue
                field = holder.field(option)
                for obj in self.lookup.listing(holder):
                    if holder is resource and obj.get("id") in going:
                        continue
                    for target in self.targets(resource, refers, refers.values(field.read(obj))):
                        if target.get("id") != obj.get("id"):
                            found.setdefault(target.get("id"), "{0} {1} uses it ({2})".format(
                                holder.human, obj.get("id"), option))
        self.referenced[resource.plural] = found
        return found

    def going(self, resource, kept):
        """The ids of the objects of ``resource`` that this task deletes: by an item with ``state=absent``, or, for a
        pruned type, every object that no item designates."""
        designated = self.designated.get(resource.plural, {})
        going = set(i for i, (_path, state) in designated.items() if state == "absent")
        if resource.plural in self.prune:
            listed = set(i for i, (_path, state) in designated.items() if state != "absent")
            listed |= kept.get(resource.plural, set()) | self.lookup.created_ids.get(resource.path, set())
            going |= set(o.get("id") for o in self.lookup.listing(resource) if o.get("id") not in listed)
        return going

    def check_targets(self, resource, params, warnings):
        """Fail an item whose option designates no object where the API requires one (a secret's vault by name or
        id, a domain's certificate by id), from the listings, which hold what the task created (or in check mode,
        would create). In check mode a missing target may be one an earlier task of the play would create: a warning
        says so, as for a reference by natural key."""
        for option, refers in resource.refers():
            if not refers.required or params.get(option) is None or option not in [f.name for f in resource.fields]:
                continue
            target = by_plural(refers.target)
            for key in refers.values(params[option]):
                if self.targets(target, refers, [key]):
                    continue
                named = "{0} {1}".format(target.human, key) if refers.key == "id" else "{0} has {1} {2!r}".format(
                    target.human, refers.key, key)
                if not self.check_mode:
                    raise EngineError("{0}: no {1}".format(option, named))
                warnings.append("{0}: no {1} yet; check mode cannot tell whether an earlier task would create "
                                "it.".format(option, named))


def _with(mapping, key, value):
    mapping = dict(mapping)
    mapping[key] = value
    return mapping


# -- items that designate the same object without a request ----------------------------------------------------

def refuse_duplicates(items):
    """Two items designating the same object (the same id, or the same natural key once normalised) would overwrite
    each other on every run: refused, naming both. So is a rule listed both inline under its IP policy and as an item
    of its own type. Needs no request (:meth:`TaskReferences.survey` finds the rest from the listings)."""
    seen = {}
    for resource in dependency_order():
        for index, params in enumerate(items.get(resource.plural, [])):
            path = where(resource, index)
            found = [(resource, path, _designation(resource, params))]
            children = resource.children
            if children is not None:
                for number, child in enumerate(params.get(children.option) or []):
                    found.append((children.resource, "{0}.{1}[{2}]".format(path, children.option, number),
                                  _child_designation(resource, params, child)))
            for res, item_path, (key, text) in found:
                if key is None:
                    continue
                first = seen.setdefault((res.plural, key), item_path)
                if first != item_path:
                    raise EngineError("{0} designates the same {1} as {2} ({3}): list each object once".format(
                        item_path, res.human, first, text))


def _designation(resource, params):
    """``(key, text)``: a key equal for two items that designate the same object without a request (None when only
    the API could tell: an item of a type that only an id designates), and how a message names it."""
    if params.get("id"):
        return ("id", params["id"]), "id {0}".format(params["id"])
    parts = {}
    for group, fields in resource.identity_groups:
        for field in fields:
            value = params.get(field.name)
            key_field, option = field, field.name
            ref = resource.reference_for(field)
            if value is None and ref is not None and params.get(ref.option) is not None:
                # The object it names by its natural key (the IP policy of a rule, by description).
                value, key_field, option = params[ref.option], ref.target.field(ref.key), ref.option
            if value is not None:
                parts[group] = (option, key_field.normalize(value), key_field)
                break
    return _designation_key(resource, parts)


def _child_designation(parent, params, child):
    """``(key, text)`` as :func:`_designation` gives it for the same object listed as an item of its own type, for
    an inline child (a rule under its IP policy's ``rules``)."""
    children = parent.children
    resource = children.resource
    parts = {}
    ref = resource.reference_for(children.parent_field)
    if params.get("id"):
        parts[children.parent_field.identity_group] = (children.parent_field.name, params["id"], children.parent_field)
    elif ref is not None and ref.target is parent and params.get(ref.key) is not None:
        key_field = parent.field(ref.key)
        parts[children.parent_field.identity_group] = (ref.option, key_field.normalize(params[ref.key]), key_field)
    if child.get(children.key.name) is not None:
        parts[children.key.identity_group] = (children.key.name, children.key.normalize(child[children.key.name]), children.key)
    return _designation_key(resource, parts)


def _designation_key(resource, parts):
    if not resource.identity_groups or set(parts) != set(group for group, _fields in resource.identity_groups):
        return None, None
    ordered = [parts[group] for group, _fields in resource.identity_groups]
    key = tuple((option, match_key(field, value)) for option, value, field in ordered)
    return key, ", ".join("{0} {1}".format(option, value) for option, value, _field in ordered)
