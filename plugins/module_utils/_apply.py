# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Converging many resources of many types in one task (``ngrok.ngrok.ngrok_apply``), on the same engine.

The cost is what the API's limits make physical: one paged listing per type (100 objects a request), then
only the writes that differ. Each desired object runs through the same :class:`~._engine.ResourceEngine` as
its own module, on a :class:`ListingCache` that answers every lookup from the type's listing and keeps the
listing current with the writes, so references between objects (an IP restriction naming its policies by
description, a secret naming its vault) resolve without more requests, even to objects created earlier in
the same task, and in check mode to the objects the plan would create.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
from collections import OrderedDict

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible.module_utils.errors import UnsupportedError

from ansible_collections.ngrok.ngrok.plugins.module_utils._client import NgrokAPIError
from ansible_collections.ngrok.ngrok.plugins.module_utils._engine import (
    EngineError,
    Plan,
    ResourceEngine,
    hashable,
    match_key,
    oldest_of,
)
from ansible_collections.ngrok.ngrok.plugins.module_utils._resources import ALL_RESOURCES, by_plural, convergeable_types
from ansible_collections.ngrok.ngrok.plugins.module_utils._data import unique

# What the plan counts per type, keyed by what happened to the objects; "kept" counts the objects of a pruned type that
# no item lists but that prune keeps (something that stays refers to them, or a failed item designates them).
ACTIONS = {"create": "created", "update": "updated", "replace": "replaced", "delete": "deleted", "none": "unchanged",
           "keep": "kept"}


def _type_hint(name):
    """What to say of a type name that is not one of ``convergeable_types()``."""
    for resource in ALL_RESOURCES:
        if name in (resource.plural, resource.name, resource.path.strip("/"), resource.list_key):
            if not resource.convergeable:
                if resource.list_key is None:
                    return "{0} (the API cannot list them, so they cannot be converged or pruned)".format(name)
                return "{0} (no module manages them; read them with ngrok.ngrok.ngrok_{1}_info)".format(name, resource.name)
            return "{0} (did you mean {1}?)".format(name, resource.plural)
    return "{0} (no such type)".format(name)


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


class ListingCache(object):
    """An API client for the engine whose lists come from one full listing per collection.

    Lookups are answered from the listing through indexes by identity, key or parent, built once per type (the
    engine matches with the same comparisons as its filters), so a task converging a thousand objects does not
    read a thousand objects a thousand times. Every write that goes through it updates the listing and its
    indexes, so later lookups see created, changed and deleted objects without another request.
    """

    def __init__(self, client):
        self.client = client
        self.listings = {}
        self.indexes = {}
        self.list_requests = 0
        # {collection path: ids of the objects this task created}
        self.created = {}
        # In check mode, {collection path: {id: predicted object, or None when gone}} for listings not read yet: what
        # the plan wrote, put into the listing when it is read.
        self.predicted = {}

    # -- reading ---------------------------------------------------------------------------------

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

    def load(self, path, list_key):
        """Read the listing of ``path`` now, if this task has not read it yet."""
        self._load(path, list_key)

    def list(self, path, list_key=None, cel_filter=None, limit=None, params=None, fresh=False):
        return [copy.deepcopy(obj) for obj in self._load(path, list_key, fresh).values()]

    def index(self, path, list_key, name, key_of):
        """The listing of ``path`` indexed by ``key_of`` (an :class:`Index`), built on first use under ``name``."""
        listing = self._load(path, list_key)
        indexes = self.indexes.setdefault(path, {})
        if name not in indexes:
            indexes[name] = Index(key_of, listing.values())
        return indexes[name]

    def get(self, path, params=None):
        obj = self.client.get(path, params=params)
        self._remember(path, obj)
        return obj

    def get_or_none(self, path):
        collection, object_id = _split(path)
        listing = self.listings.get(collection)
        if listing is not None:
            # The listing is the account's content at the start of the task plus what this task wrote.
            obj = listing.get(object_id)
            return copy.deepcopy(obj) if obj is not None else None
        return self.client.get_or_none(path)

    # -- writing ---------------------------------------------------------------------------------

    def post(self, path, body, on_unknown_outcome=None, duplicate_refused=False):
        recover = None
        if on_unknown_outcome is not None:
            def recover():
                # The answer was lost: only the API can say whether the object exists now, so the listing is
                # read again before the engine looks the object up.
                self.listings.pop(path, None)
                self.indexes.pop(path, None)
                return on_unknown_outcome()
        obj = self.client.post(path, body, on_unknown_outcome=recover, duplicate_refused=duplicate_refused)
        if isinstance(obj, dict):
            self.created.setdefault(path, set()).add(obj.get("id"))
            self._add(path, obj)
        return obj

    def patch(self, path, body):
        obj = self.client.patch(path, body)
        self._remember(path, obj)
        return obj

    def delete(self, path):
        self.client.delete(path)
        self.forget(path)

    def forget(self, path):
        """An object deleted: gone from the listing and its indexes."""
        collection, object_id = _split(path)
        self.forget_object(collection, object_id)

    def forget_object(self, collection, object_id, predicted=False):
        """An object gone from the listing of ``collection`` and its indexes; ``predicted``: one a check-mode plan
        deletes, which stays gone from a listing read later."""
        if predicted:
            self.predicted.setdefault(collection, OrderedDict())[object_id] = None
        if collection in self.listings:
            self.listings[collection].pop(object_id, None)
            for index in self.indexes.get(collection, {}).values():
                index.remove(object_id)

    def request(self, *args, **kwargs):
        return self.client.request(*args, **kwargs)

    def remember_predicted(self, path, obj):
        """In check mode, an object the plan would create or change, so that later lookups and references see it as
        the real run would leave it."""
        self.predicted.setdefault(path, OrderedDict())[obj.get("id")] = obj
        listing = self.listings.get(path)
        if listing is not None and obj.get("id") in listing:
            self._put(path, obj)
        else:
            self._add(path, obj)

    def _add(self, path, obj):
        """A new object, first in its listing (the API lists the newest first)."""
        listing = self.listings.get(path)
        if listing is None:
            return
        object_id = obj.get("id")
        listing[object_id] = obj
        if hasattr(listing, "move_to_end"):
            listing.move_to_end(object_id, last=False)
        else:  # pragma: no cover - Python 2's OrderedDict
            self.listings[path] = listing = OrderedDict([(object_id, obj)] + [(k, v) for k, v in listing.items() if k != object_id])
        for index in self.indexes.get(path, {}).values():
            index.remove(object_id)
            index.add(obj)

    def _remember(self, path, obj):
        collection, object_id = _split(path)
        if isinstance(obj, dict) and obj.get("id") == object_id:
            self._put(collection, obj)

    def _put(self, collection, obj):
        """``obj`` in place of the listed object with its id, in the listing and its indexes."""
        if collection in self.listings:
            object_id = obj.get("id")
            self.listings[collection][object_id] = obj
            for index in self.indexes.get(collection, {}).values():
                index.remove(object_id)
                index.add(obj)

    # -- what the module layer reads from a client -------------------------------------------------

    @property
    def may_have_changed(self):
        return self.client.may_have_changed

    def redact(self, text):
        return self.client.redact(text)


def _split(path):
    collection, _sep, object_id = path.rpartition("/")
    return collection, object_id


def dependency_order(resources=ALL_RESOURCES):
    """The resources, each after the ones its references and declared dependencies name."""
    ordered = []
    visiting = set()

    def visit(resource):
        if resource in ordered:
            return
        if resource.name in visiting:
            raise ValueError("dependency cycle through {0}".format(resource.name))
        visiting.add(resource.name)
        for dependency in resource_dependencies(resource):
            visit(dependency)
        visiting.discard(resource.name)
        ordered.append(resource)

    for resource in resources:
        visit(resource)
    return ordered


def resource_dependencies(resource):
    found = [ref.target for ref in resource.references]
    found.extend(by_plural(name) for name in resource.depends_on)
    found.extend(by_plural(refers.target) for _option, refers in resource.refers())
    if resource.children is not None:
        found.extend(resource_dependencies(resource.children.resource))
    return [r for r in found if r is not None and r is not resource]


def item_argument_spec(resource):
    """The options of one desired object: the resource module's, without the connection options."""
    states = resource.module_states
    spec = dict(
        state=dict(type="str", default=states[0], choices=list(states)),
        id=dict(type="str"),
    )
    if resource.offers_replace:
        spec["replace"] = dict(type="bool", default=False)
    spec.update(resource.argument_spec())
    return spec


class ItemEngine(ResourceEngine):
    """The engine of the task's items, which knows what the other items list.

    The task names by key the objects it creates, so an empty parent id is an error in check mode too (see
    ``ResourceEngine.accept_predicted_ids``).

    A parent whose unlisted children are purged (``purge_rules``) keeps the children that items of the children's
    own type list (``ip_policy_rules`` naming the policy): else each run would delete them, and the items would
    create them again. ``listed_children(parent resource, parent object)`` gives their keys.

    ``keepers(resource)`` gives ``{id: reason}`` of the objects that something staying refers to: an item with
    ``state=absent`` fails rather than delete one of them (the API would refuse, or what refers to it would break).
    """

    def __init__(self, client, resource, params, check_mode=False, listed_children=None, keepers=None):
        super(ItemEngine, self).__init__(client, resource, params, check_mode=check_mode)
        self.accept_predicted_ids = False
        self.listed_children = listed_children
        self.keepers = keepers
        self.current = None
        self.child_plans = []

    def lookup(self):
        self.current = super(ItemEngine, self).lookup()
        return self.current

    def plan_children(self, parent_id, existing):
        plans = super(ItemEngine, self).plan_children(parent_id, existing)
        if self.listed_children is not None and self.current is not None and any(p.action == "delete" for p, _k in plans):
            listed = self.listed_children(self.resource, self.current)
            plans = [(Plan("keep", current=plan.current, predicted=plan.current), key)
                     if plan.action == "delete" and key in listed else (plan, key) for plan, key in plans]
        self.child_plans = plans
        return plans

    def check_delete(self, current):
        reason = self.keepers(self.resource).get(current.get("id")) if self.keepers is not None else None
        if reason:
            raise EngineError("{0} {1} was not deleted: {2}; delete or change that first".format(
                self.resource.human, current.get("id"), reason))


class Apply(object):
    """One ``ngrok_apply`` run: validate every item, converge them in dependency order, prune, report."""

    def __init__(self, client, resources, prune=(), prune_allow_empty=False, check_mode=False):
        self.client = client
        self.cache = ListingCache(client)
        self.wanted = resources or {}
        self.prune = list(prune or [])
        self.prune_allow_empty = prune_allow_empty
        self.check_mode = check_mode
        self.warnings = []
        self.plan = {}
        self.results = {}
        self.diffs = []
        self.failures = []
        self.kept = {}
        # [{type, id, reason}] of the objects of pruned types that no item lists and prune keeps, and why.
        self.kept_report = []
        self.created = {}
        self.changed = False
        # The validated items; per type, the (index, params, failed) of the items whose object is not known: they
        # failed, or in check mode their natural key names an object that does not exist (yet).
        self.items = {}
        self.unknown = {}
        # {plural: {object id: (item path, state)}}: the existing objects the items designate, before any write.
        self.designated = {}
        # {plural: {id: reason}} of the objects something that stays refers to, computed once per type when its
        # deletions begin (what refers to it is then done: the types that refer come later in dependency order).
        self.referenced = {}

    # -- checks before any request -----------------------------------------------------------------

    def validate(self):
        """{plural: [validated params]}; raises EngineError naming the item and option of any mistake."""
        valid = set(r.plural for r in convergeable_types())
        unknown = [name for name in sorted(set(self.wanted) | set(self.prune), key=str) if name not in valid]
        if unknown:
            where = " and ".join(option for option, names in (("resources", self.wanted), ("prune", self.prune))
                                 if set(unknown) & set(names))
            raise EngineError("{0} names types that ngrok_apply does not take: {1}. The types are the API's plural names "
                              "of the resources that have a module: {2}".format(
                                  where, ", ".join(_type_hint(name) for name in unknown), ", ".join(sorted(valid))))
        items = {}
        for name, entries in self.wanted.items():
            resource = by_plural(name)
            if not isinstance(entries, list):
                raise EngineError("resources.{0} must be a list of objects".format(name))
            spec = item_argument_spec(resource)
            validator = ArgumentSpecValidator(spec, mutually_exclusive=resource.mutually_exclusive)
            checked = []
            for index, entry in enumerate(entries):
                where = "resources.{0}[{1}]".format(name, index)
                if not isinstance(entry, dict):
                    raise EngineError("{0} must be a mapping of options".format(where))
                result = validator.validate(entry)
                if result.error_messages:
                    raise EngineError(_validation_message(where, result.errors.errors))
                params = result.validated_parameters
                engine = ItemEngine(self.cache, resource, params, check_mode=self.check_mode)
                try:
                    engine.validate()
                    if resource.check is not None:
                        resource.check(params)
                except EngineError as exc:
                    raise EngineError("{0}: {1}".format(where, exc.msg))
                checked.append(params)
            items[name] = checked
        self.refuse_duplicates(items)
        for name in self.prune:
            # Items with state=absent keep nothing: with only them, every object of the type would go. Children listed
            # under their parents (the rules of an IP policy) are kept like items of their own type.
            listed = [p for p in items.get(name, []) if p.get("state") != "absent"] + _inline_children(items, name)
            if not self.prune_allow_empty and not listed:
                raise EngineError("prune names {0}, but resources lists no {0} to keep{1}: that would delete every one of "
                                  "them. List them, or set prune_allow_empty=true if that is meant".format(
                                      name, " (only ones with state=absent)" if items.get(name) else ""))
        return items

    def survey(self, items):
        """Before any write: find the existing objects each item designates, from the listings converging reads anyway
        (one paged listing per type), and refuse two items that designate the same object by any mix of id and natural
        key (inline children included): they would overwrite each other on every run."""
        claims = {}

        def claim(resource, object_id, where, state):
            first = claims.setdefault((resource.plural, object_id), where)
            if first != where:
                raise EngineError("{0} designates the same {1} ({2}) as {3}: list each object once".format(
                    where, resource.human, object_id, first))
            self.designated.setdefault(resource.plural, {})[object_id] = (where, state)

        for resource in dependency_order(convergeable_types()):
            for index, params in enumerate(items.get(resource.plural, [])):
                where = "resources.{0}[{1}]".format(resource.plural, index)
                try:
                    ids = self.designated_ids(resource, params, where, failed=False)
                except _Unknown:
                    # It names an object that does not exist (yet): it designates nothing that exists.
                    ids = []
                state = params.get("state")
                for object_id in unique(ids):
                    claim(resource, object_id, where, state)
                children = resource.children
                if children is None or not params.get(children.option) or not ids:
                    continue
                by_key = {}
                for object_id in unique(ids):
                    for child in self.children_of(resource, object_id):
                        by_key.setdefault(children.key.normalize(children.key.read(child)), []).append(child)
                for number, item in enumerate(params[children.option]):
                    for child in by_key.get(children.key.normalize(item.get(children.key.name)), []):
                        claim(children.resource, child.get("id"), "{0}.{1}[{2}]".format(where, children.option, number),
                              state)

    @staticmethod
    def refuse_duplicates(items):
        """Two items designating the same object (the same id, or the same natural key once normalised) would
        overwrite each other on every run: refused, naming both. So is a rule listed both inline under its IP
        policy and as an item of its own type."""
        seen = {}
        for resource in dependency_order():
            for index, params in enumerate(items.get(resource.plural, [])):
                where = "resources.{0}[{1}]".format(resource.plural, index)
                found = [(resource, where, _designation(resource, params))]
                children = resource.children
                if children is not None:
                    for number, child in enumerate(params.get(children.option) or []):
                        found.append((children.resource, "{0}.{1}[{2}]".format(where, children.option, number),
                                      _child_designation(resource, params, child)))
                for res, path, (key, text) in found:
                    if key is None:
                        continue
                    first = seen.setdefault((res.plural, key), path)
                    if first != path:
                        raise EngineError("{0} designates the same {1} as {2} ({3}): list each object once".format(
                            path, res.human, first, text))

    # -- the run ---------------------------------------------------------------------------------

    def run(self):
        self.items = items = self.validate()
        self.survey(items)
        order = [r for r in dependency_order() if r.plural in items or r.plural in self.prune]
        # Objects to keep are converged in dependency order; objects to delete go last, in the reverse order
        # (a secret before its vault), with the objects pruned.
        for resource in order:
            self.plan.setdefault(resource.plural, dict((a, 0) for a in ACTIONS.values()))
            self.results.setdefault(resource.plural, [])
            for index, params in enumerate(items.get(resource.plural, [])):
                if params.get("state") != "absent":
                    self.converge(resource, index, params)
            self.deduplicate(resource)
        for resource in reversed(order):
            for index, params in enumerate(items.get(resource.plural, [])):
                if params.get("state") == "absent":
                    self.converge(resource, index, params)
            if resource.plural in self.prune:
                self.prune_type(resource)
        return self.report()

    # -- what stays refers to ----------------------------------------------------------------------

    def keepers(self, resource):
        """{id: reason} of the objects of ``resource`` that something staying refers to, which are neither pruned nor
        deleted: what an item of the task names (by id or by natural key, in any option that refers, a traffic policy
        included), and what the objects that stay in the account refer to (a restriction's policies, the domain an
        endpoint lives on, a vault's secrets), except references whose holder goes with the target (a rule and its
        policy). Computed once per type, when its deletions begin: the types that refer to it are done by then."""
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
                    where = "resources.{0}[{1}]".format(holder.plural, index)
                    for obj in self.targets(resource, refers, refers.values(params[option])):
                        found.setdefault(obj.get("id"), "{0} refers to it ({1})".format(where, option))
        # What the objects that stay refer to: every object left in the listing of a type that can refer to it (a
        # listing more for a type the task does not name), but those that go too (by an item, or pruned).
        going = self.going(resource)
        for holder in ALL_RESOURCES:
            for option, refers in holder.refers():
                if refers.target != resource.plural or refers.cascade or option not in [f.name for f in holder.fields]:
                    continue
                field = holder.field(option)
                for obj in self.cache.list(holder.path, holder.list_key):
                    if holder is resource and obj.get("id") in going:
                        continue
                    for target in self.targets(resource, refers, refers.values(field.read(obj))):
                        if target.get("id") != obj.get("id"):
                            found.setdefault(target.get("id"), "{0} {1} uses it ({2})".format(
                                holder.human, obj.get("id"), option))
        self.referenced[resource.plural] = found
        return found

    def going(self, resource):
        """The ids of the objects of ``resource`` that this task deletes: by an item with ``state=absent``, or, for a
        pruned type, every object that no item designates."""
        designated = self.designated.get(resource.plural, {})
        going = set(i for i, (_where, state) in designated.items() if state == "absent")
        if resource.plural in self.prune:
            listed = set(i for i, (_where, state) in designated.items() if state != "absent")
            listed |= self.kept.get(resource.plural, set()) | self.cache.created.get(resource.path, set())
            going |= set(o.get("id") for o in self.cache.list(resource.path, resource.list_key)
                         if o.get("id") not in listed)
        return going

    def targets(self, resource, refers, keys):
        """The objects of ``resource`` (from its listing) whose key, as ``refers`` matches it, is one of ``keys``."""
        if not keys:
            return []
        name = ("refers", refers.key if isinstance(refers.key, str) else id(refers.key))
        index = self.cache.index(resource.path, resource.list_key, name,
                                 lambda obj: hashable(refers.key_of(resource, obj)))
        found = []
        for key in keys:
            found.extend(index.get(hashable(refers.normalize(resource, key))))
        return found

    def converge(self, resource, index, params):
        # The engine resolves references into its params: the item itself stays as the task gave it.
        params, given = dict(params), params
        engine = ItemEngine(self.cache, resource, params, check_mode=self.check_mode, listed_children=self.listed_children,
                            keepers=self.keepers)
        # Twins created by a run at the same time are looked for once per type (deduplicate), not per object.
        engine.deduplicate = False
        label = _label(resource, params, index)
        try:
            if params.get("state") != "absent":
                self.check_targets(resource, params, engine)
            result = engine.run()
        except (EngineError, NgrokAPIError) as exc:
            self.failures.append(_failure(resource, label, exc, self.client))
            # What the item designates is never pruned, converged or not.
            self.unknown.setdefault(resource.plural, []).append((index, given, True))
            return
        finally:
            self.warnings.extend("{0}: {1}".format(label, w) for w in engine.warnings)
        obj = result[resource.name]
        action = engine.action or "none"
        if action in ("create", "replace") and not self.check_mode:
            self.created.setdefault(resource.plural, []).append((obj.get("id"), params, obj))
        self.count(resource, action)
        if self.check_mode:
            # What the real run would write, in the listings that the next items and prune read.
            obj = self.predict_writes(resource, engine, action, obj, label)
        children = resource.children
        if children is not None:
            for child_action in engine.child_actions:
                self.count(children.resource, child_action)
            self.keep(children.resource, [c.get("id") for c in obj.get(children.option) or []])
        self.changed = self.changed or result["changed"]
        if self.check_mode and params.get("state") != "absent" and any(
                resource.field(ref.field).identity and params.get(ref.option) is not None and params.get(ref.field) is None
                for ref in resource.references):
            # The plan cannot tell a typo from an object to come: a real run would fail the item.
            self.unknown.setdefault(resource.plural, []).append((index, given, False))
        diff = result.get("diff") or {}
        if params.get("state") != "absent":
            if self.check_mode and action in ("create", "replace"):
                predicted = self.predicted_references(resource, params, obj)
                obj = dict(obj, id=obj.get("id") or _placeholder_id(resource, label), **predicted)
                if predicted and isinstance(diff.get("after"), dict):
                    diff = dict(diff, after=dict(diff["after"], **predicted))
                self.cache.remember_predicted(resource.path, resource.public_view(obj))
            self.results[resource.plural].append(obj)
            self.keep(resource, [obj.get("id")])
        if result["changed"]:
            self.diffs.append({"before_header": "{0}: {1}".format(resource.plural, label), "before": diff.get("before"),
                               "after_header": "{0}: {1}".format(resource.plural, label), "after": diff.get("after")})

    def check_targets(self, resource, params, engine):
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
                engine.warnings.append("{0}: no {1} yet; check mode cannot tell whether an earlier task would create "
                                       "it.".format(option, named))

    def predict_writes(self, resource, engine, action, obj, label):
        """In check mode, put into the listings what the real run would write: a changed object as predicted (a new
        description is found by it from now on), a replaced or deleted one gone, and the children the parent's plan
        creates, changes or deletes, each new one with a placeholder id under its parent's, as in the returned
        ``obj`` (returned). Created objects are added once their placeholder id is known (``converge``)."""
        current = engine.current
        if action == "update" and obj.get("id"):
            self.cache.remember_predicted(resource.path, resource.public_view(obj))
        elif action in ("replace", "delete") and current is not None:
            self.cache.forget_object(resource.path, current["id"], predicted=True)
        children = resource.children
        if children is None or not engine.child_plans:
            return obj
        child = children.resource
        parent_id = obj.get("id") or _placeholder_id(resource, label)
        written = {}
        for plan, key in engine.child_plans:
            if plan.action in ("replace", "delete") and plan.current is not None:
                self.cache.forget_object(child.path, plan.current["id"], predicted=True)
            if plan.action in ("create", "replace", "update"):
                written[key] = plan.action
        predicted_children = []
        for predicted in obj.get(children.option) or []:
            key = children.key.normalize(children.key.read(predicted))
            if key in written:
                predicted = dict(predicted)
                if written[key] != "update":
                    predicted.update(children.parent_field.predict(parent_id, predicted))
                    predicted["id"] = _placeholder_id(child, "{0}/{1}".format(label, key))
                self.cache.remember_predicted(child.path, child.public_view(predicted))
            predicted_children.append(predicted)
        return dict(obj, **{children.option: predicted_children}) if children.option in obj else obj

    def predicted_references(self, resource, params, obj):
        """The response keys a predicted object gets for an object it names by natural key in a field the API takes as
        it is (a secret's ``vault_name``): what the field of the same identity that holds the target's id predicts
        (``vault_id`` gives ``vault: {id, uri}``), from listings already read (never a request more), when exactly
        one object matches: a placeholder for an object the plan creates, as a rule gets its policy's."""
        predicted = {}
        for field in resource.fields:
            for refers in field.refers:
                if refers.key == "id" or not refers.required or params.get(field.name) is None:
                    continue
                target = by_plural(refers.target)
                holder = next((f for f in resource.fields if f.refers_by_id == refers.target
                               and f.identity_group == field.identity_group), None)
                if holder is None or target.path not in self.cache.listings:
                    continue
                matches = self.targets(target, refers, refers.values(params[field.name]))
                if len(matches) == 1:
                    found = holder.predict(matches[0].get("id"), obj)
                    for key, value in found.items():
                        if isinstance(value, dict) and "uri" in value:
                            value = dict(value, uri=matches[0].get("uri"))
                        if not obj.get(key):
                            predicted[key] = value
        return predicted

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
                obj = self.cache.get_or_none(child.item_path(params["id"]))
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

    def deduplicate(self, resource):
        """After creating objects whose natural key the API does not keep unique, read the type once more: an
        object a run at the same time created with the same key is kept if it is the older one, and the one this
        task created is deleted (both runs decide alike, so they end with one object)."""
        created = [(object_id, params) for object_id, params, obj in self.created.get(resource.plural, [])
                   if resource.may_have_twin(obj)]
        if not created or not resource.identity_groups:
            return
        objects = self.cache.list(resource.path, resource.list_key, fresh=True)
        fields = resource.identity_fields
        by_identity = {}
        for obj in objects:
            by_identity.setdefault(tuple(hashable(f.normalize(f.read(obj))) for f in fields), []).append(obj)
        for object_id, params in created:
            engine = ItemEngine(self.cache, resource, params, check_mode=False)
            identity = engine.identity_values()
            if set(identity) == set(fields):
                twins = by_identity.get(tuple(hashable(identity[f]) for f in fields), [])
            else:
                twins = [o for o in objects if all(f.normalize(f.read(o)) == v for f, v in identity.items())]
            # Only objects in the resource's scope are twins (an agent endpoint in a pool is not).
            twins = [o for o in twins if all(o.get(k) == v for k, v in resource.scope.items())]
            oldest = oldest_of(twins)
            if oldest is None or oldest.get("id") == object_id:
                continue
            try:
                self.cache.delete(resource.item_path(object_id))
            except NgrokAPIError as exc:
                self.failures.append(_failure(resource, object_id, exc, self.client))
                self.keep(resource, [oldest.get("id")])
                continue
            self.warnings.append("{0}: {1} has a twin a run at the same time created ({2}); the older one was kept and "
                                 "{1} deleted".format(resource.plural, object_id, oldest.get("id")))
            self.results[resource.plural] = [oldest if o.get("id") == object_id else o for o in self.results[resource.plural]]
            self.keep(resource, [oldest.get("id")])

    def count(self, resource, action):
        counts = self.plan.setdefault(resource.plural, dict((a, 0) for a in ACTIONS.values()))
        counts[ACTIONS[action]] += 1

    def keep(self, resource, ids):
        self.kept.setdefault(resource.plural, set()).update(i for i in ids if i)

    def prune_type(self, resource):
        """Delete the objects of a pruned type that no item designates (never the API key making the requests).

        An object an item designates is kept even when converging the item failed: every object its id or natural
        key matches (all of them when several do), and the children of the objects a failed parent item designates.
        When what a failed item designates cannot be known, the type is not pruned, and the failures say so."""
        try:
            designated = self.designated_by_failed(resource)
            listing = self.cache.list(resource.path, resource.list_key)
        except _Unknown as exc:
            if exc.failed:
                self.failures.append({"type": resource.plural, "object": "(prune)",
                                      "msg": "prune of {0} skipped: {1}".format(resource.plural, exc)})
            else:
                self.warnings.append("prune of {0} would be skipped: {1}".format(resource.plural, exc))
            return
        except NgrokAPIError as exc:
            failure = _failure(resource, "(prune)", exc, self.client)
            failure["msg"] = "prune of {0} skipped: {1}".format(resource.plural, failure["msg"])
            self.failures.append(failure)
            return
        own_key = self.own_api_key_id()
        # What the task created is listed by some item too (a create that failed afterwards, a child of it).
        kept = self.kept.get(resource.plural, set()) | self.cache.created.get(resource.path, set())
        referenced = self.keepers(resource)
        for obj in listing:
            if obj.get("id") in kept or any(obj.get(k) != v for k, v in resource.scope.items()):
                continue
            reason = None
            if obj.get("id") in designated:
                reason = "{0} designates it, and converging that item failed".format(designated[obj.get("id")])
            elif obj.get("id") == own_key:
                reason = "it is the API key this task runs with"
            elif obj.get("id") in referenced:
                reason = referenced[obj.get("id")]
            if reason is not None:
                self.warnings.append("{0}: {1} was not pruned: {2}".format(resource.plural, obj.get("id"), reason))
                self.kept_report.append({"type": resource.plural, "id": obj.get("id"), "reason": reason})
                self.count(resource, "keep")
                continue
            label = obj.get("id")
            try:
                if self.check_mode:
                    self.cache.forget_object(resource.path, obj["id"], predicted=True)
                else:
                    self.cache.delete(resource.item_path(obj["id"]))
            except NgrokAPIError as exc:
                self.failures.append(_failure(resource, label, exc, self.client))
                continue
            self.count(resource, "delete")
            self.changed = True
            self.diffs.append({"before_header": "{0}: {1} (pruned)".format(resource.plural, label),
                               "before": resource.diff_view(obj), "after_header": "{0}: {1}".format(resource.plural, label),
                               "after": {}})

    def designated_by_failed(self, resource):
        """{id: item path} of the objects of ``resource`` that the items which failed designate, the children of
        failed parent items included. Raises _Unknown when that cannot be known."""
        found = OrderedDict()
        for index, params, failed in self.unknown.get(resource.plural, []):
            where = "resources.{0}[{1}]".format(resource.plural, index)
            for object_id in self.designated_ids(resource, params, where, failed):
                found.setdefault(object_id, where)
        for parent in dependency_order():
            children = parent.children
            if children is None or children.resource is not resource:
                continue
            for index, params, failed in self.unknown.get(parent.plural, []):
                if params.get(children.option) is None:
                    continue
                where = "resources.{0}[{1}]".format(parent.plural, index)
                for parent_id in self.designated_ids(parent, params, where, failed):
                    for child in self.children_of(parent, parent_id):
                        found.setdefault(child.get("id"), where)
        return found

    def children_of(self, parent, parent_id):
        """The listed children of a parent object, through the index the engine uses for them."""
        children = parent.children
        child = children.resource
        by_parent = self.cache.index(child.path, child.list_key, ("parent", child.name),
                                     lambda c: hashable(children.parent_field.read(c)))
        return by_parent.get(parent_id)

    def designated_ids(self, resource, params, where, failed=True):
        """The ids of every object the item designates (its twins too), from the listings, or _Unknown."""
        if params.get("id"):
            return [params["id"]]
        if not resource.identity_groups:
            # Only an id designates an object of this type: the item names no existing one.
            return []
        unknown = "{0} {1}, and which {2} it designates is not known".format(
            where, "failed" if failed else "names an object that does not exist", resource.human)
        engine = ItemEngine(self.cache, resource, dict(params))
        identities = [engine.identity_values()]
        for ref in resource.references:
            field = resource.field(ref.field)
            if not field.identity or params.get(field.name) is not None or params.get(ref.option) is None:
                continue
            if ref.many:
                raise _Unknown(unknown, failed)
            key_field = ref.target.field(ref.key)
            key = key_field.normalize(params[ref.option])
            targets = engine.find_by_key(ref.target, key_field, [key]).get(key) or []
            if not targets:
                raise _Unknown("{0}: no {1} has {2} {3!r}".format(unknown, ref.target.human, ref.key, key), failed)
            # Under each object the reference matches (twins included).
            identities = [_with(identity, field, target.get("id")) for identity in identities for target in targets]
        ids = []
        for identity in identities:
            if not engine.identity_complete(identity, resource):
                raise _Unknown(unknown, failed)
            ids.extend(obj.get("id") for obj in engine.find_by(identity))
        return ids

    def own_api_key_id(self):
        """The id of the API key whose token the client sends: ``ak_`` and the token's part before ``_``."""
        token = getattr(self.client, "_api_key", "") or ""
        head = token.split("_", 1)[0]
        return "ak_" + head if head and "_" in token else None

    def report(self):
        return {
            "changed": self.changed,
            "plan": self.plan,
            "resources": self.results,
            "kept": self.kept_report,
            "failures": self.failures,
            "diff": self.diffs,
        }


class _Unknown(Exception):
    """What an item designates cannot be known: its type is not pruned. ``failed``: the item failed (else it is a
    plan's item naming an object that does not exist)."""

    def __init__(self, msg, failed=True):
        super(_Unknown, self).__init__(msg)
        self.failed = failed


def _placeholder_id(resource, label):
    """The id a check-mode plan gives an object it would create (the API gives the real one)."""
    return "(new {0} {1})".format(resource.human, label)


def _inline_children(items, plural):
    """The children of type ``plural`` that parent items list inline (the rules under an IP policy's ``rules``)."""
    found = []
    for parent in ALL_RESOURCES:
        children = parent.children
        if children is None or children.resource.plural != plural:
            continue
        for params in items.get(parent.plural, []):
            if params.get("state") != "absent":
                found.extend(params.get(children.option) or [])
    return found


def _with(mapping, key, value):
    mapping = dict(mapping)
    mapping[key] = value
    return mapping


def _validation_message(where, errors):
    """The item's validation errors, unknown options first and said as AnsibleModule says them."""
    unsupported = [e.msg for e in errors if isinstance(e, UnsupportedError)]
    others = [e.msg for e in errors if not isinstance(e, UnsupportedError)]
    if unsupported:
        return "; ".join(["Unsupported parameters for {0}: {1}".format(where, "; ".join(unsupported))] + others)
    return "{0}: {1}".format(where, "; ".join(others))


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


def _label(resource, params, index):
    if params.get("id"):
        return params["id"]
    parts = []
    for _group, fields in resource.identity_groups:
        for field in fields:
            if params.get(field.name) is not None:
                parts.append(str(params[field.name]))
                break
        else:
            for ref in resource.references:
                if ref.field in [f.name for f in fields] and params.get(ref.option) is not None:
                    parts.append(str(params[ref.option]))
    return "/".join(parts) if parts else "#{0}".format(index)


def _failure(resource, label, exc, client):
    failure = {"type": resource.plural, "object": label, "msg": client.redact(exc.msg if isinstance(exc, EngineError) else str(exc))}
    if isinstance(exc, NgrokAPIError):
        failure.update(exc.as_result())
    return failure
