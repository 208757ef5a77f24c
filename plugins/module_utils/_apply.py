# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Converging many resources of many types in one task (``ngrok.ngrok.ngrok_apply``), on the same engine.

The cost is what the API's limits make physical: one paged listing per type (100 objects a request), then
only the writes that differ. Each desired object runs through the same :class:`~._engine.ResourceEngine` as
its own module, with a :class:`~._listing.ListingLookup` that answers every lookup from the type's listing and keeps
the listing current with the writes, so references between objects (an IP restriction naming its policies by
description, a secret naming its vault) resolve without more requests, even to objects created earlier in
the same task, and in check mode to the objects the plan would create. What the items designate and what stays
refers to (``_integrity.py``) decides what prune and ``state=absent`` may delete.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.module_utils.common.arg_spec import ArgumentSpecValidator
from ansible.module_utils.errors import UnsupportedError

from ansible_collections.ngrok.ngrok.plugins.module_utils._errors import NgrokAPIError
from ansible_collections.ngrok.ngrok.plugins.module_utils._engine import ResourceEngine
from ansible_collections.ngrok.ngrok.plugins.module_utils._errors import EngineError
from ansible_collections.ngrok.ngrok.plugins.module_utils._integrity import TaskReferences, Unknown, refuse_duplicates, where
from ansible_collections.ngrok.ngrok.plugins.module_utils._listing import ListingLookup
from ansible_collections.ngrok.ngrok.plugins.module_utils._plan import Plan, hashable, identity_of, in_scope, oldest_of
from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.registry import (
    ALL_RESOURCES,
    by_plural,
    convergeable_types,
    dependency_order,
)

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

    def __init__(self, client, resource, params, check_mode=False, lookup=None, listed_children=None, keepers=None):
        super(ItemEngine, self).__init__(client, resource, params, check_mode=check_mode, lookup=lookup)
        self.accept_predicted_ids = False
        self.listed_children = listed_children
        self.keepers = keepers
        self.current = None
        self.child_plans = []

    def find_object(self):
        self.current = super(ItemEngine, self).find_object()
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
        self.warnings = []
        self.lookup = ListingLookup(client)
        self.wanted = resources or {}
        self.prune = list(prune or [])
        self.prune_allow_empty = prune_allow_empty
        self.check_mode = check_mode
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
        self.references = None

    # -- checks before any request -----------------------------------------------------------------

    def validate(self):
        """{plural: [validated params]}; raises EngineError naming the item and option of any mistake."""
        valid = set(r.plural for r in convergeable_types())
        unknown = [name for name in sorted(set(self.wanted) | set(self.prune), key=str) if name not in valid]
        if unknown:
            given = " and ".join(option for option, names in (("resources", self.wanted), ("prune", self.prune))
                                 if set(unknown) & set(names))
            raise EngineError("{0} names types that ngrok_apply does not take: {1}. The types are the API's plural names "
                              "of the resources that have a module: {2}".format(
                                  given, ", ".join(_type_hint(name) for name in unknown), ", ".join(sorted(valid))))
        items = {}
        for name, entries in self.wanted.items():
            resource = by_plural(name)
            if not isinstance(entries, list):
                raise EngineError("resources.{0} must be a list of objects".format(name))
            spec = item_argument_spec(resource)
            validator = ArgumentSpecValidator(spec, mutually_exclusive=resource.mutually_exclusive)
            checked = []
            for index, entry in enumerate(entries):
                path = where(resource, index)
                if not isinstance(entry, dict):
                    raise EngineError("{0} must be a mapping of options".format(path))
                result = validator.validate(entry)
                if result.error_messages:
                    raise EngineError(_validation_message(path, result.errors.errors))
                params = result.validated_parameters
                engine = ItemEngine(self.client, resource, params, check_mode=self.check_mode, lookup=self.lookup)
                try:
                    engine.validate()
                    if resource.check is not None:
                        resource.check(params)
                except EngineError as exc:
                    raise EngineError("{0}: {1}".format(path, exc.msg))
                checked.append(params)
            items[name] = checked
        refuse_duplicates(items)
        for name in self.prune:
            # Items with state=absent keep nothing: with only them, every object of the type would go. Children listed
            # under their parents (the rules of an IP policy) are kept like items of their own type.
            listed = [p for p in items.get(name, []) if p.get("state") != "absent"] + _inline_children(items, name)
            if not self.prune_allow_empty and not listed:
                raise EngineError("prune names {0}, but resources lists no {0} to keep{1}: that would delete every one of "
                                  "them. List them, or set prune_allow_empty=true if that is meant".format(
                                      name, " (only ones with state=absent)" if items.get(name) else ""))
        return items

    # -- the run ---------------------------------------------------------------------------------

    def run(self):
        self.items = items = self.validate()
        self.references = TaskReferences(self.lookup, items, self.prune, check_mode=self.check_mode)
        self.references.survey()
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

    def keepers(self, resource):
        """{id: reason} of the objects of ``resource`` that prune and ``state=absent`` must keep (``_integrity.py``)."""
        return self.references.keepers(resource, self.kept)

    def converge(self, resource, index, params):
        # The engine resolves references into its params: the item itself stays as the task gave it.
        params, given = dict(params), params
        engine = ItemEngine(self.client, resource, params, check_mode=self.check_mode, lookup=self.lookup,
                            listed_children=self.references.listed_children, keepers=self.keepers)
        # Twins created by a run at the same time are looked for once per type (deduplicate), not per object.
        engine.actions.deduplicate = False
        label = _label(resource, params, index)
        try:
            if params.get("state") != "absent":
                self.references.check_targets(resource, params, engine.warnings)
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
                self.lookup.predicted_write(resource, resource.public_view(obj))
            self.results[resource.plural].append(obj)
            self.keep(resource, [obj.get("id")])
        if result["changed"]:
            self.diffs.append({"before_header": "{0}: {1}".format(resource.plural, label), "before": diff.get("before"),
                               "after_header": "{0}: {1}".format(resource.plural, label), "after": diff.get("after")})

    def predict_writes(self, resource, engine, action, obj, label):
        """In check mode, put into the listings what the real run would write: a changed object as predicted (a new
        description is found by it from now on), a replaced or deleted one gone, and the children the parent's plan
        creates, changes or deletes, each new one with a placeholder id under its parent's, as in the returned
        ``obj`` (returned). Created objects are added once their placeholder id is known (``converge``)."""
        current = engine.current
        if action == "update" and obj.get("id"):
            self.lookup.predicted_write(resource, resource.public_view(obj))
        elif action in ("replace", "delete") and current is not None:
            self.lookup.predicted_delete(resource, current["id"])
        children = resource.children
        if children is None or not engine.child_plans:
            return obj
        child = children.resource
        parent_id = obj.get("id") or _placeholder_id(resource, label)
        written = {}
        for plan, key in engine.child_plans:
            if plan.action in ("replace", "delete") and plan.current is not None:
                self.lookup.predicted_delete(child, plan.current["id"])
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
                self.lookup.predicted_write(child, child.public_view(predicted))
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
                if holder is None or not self.lookup.has_listing(target):
                    continue
                matches = self.references.targets(target, refers, refers.values(params[field.name]))
                if len(matches) == 1:
                    found = holder.predict(matches[0].get("id"), obj)
                    for key, value in found.items():
                        if isinstance(value, dict) and "uri" in value:
                            value = dict(value, uri=matches[0].get("uri"))
                        if not obj.get(key):
                            predicted[key] = value
        return predicted

    def deduplicate(self, resource):
        """After creating objects whose natural key the API does not keep unique, read the type once more: an
        object a run at the same time created with the same key is kept if it is the older one, and the one this
        task created is deleted (both runs decide alike, so they end with one object)."""
        created = [(object_id, params) for object_id, params, obj in self.created.get(resource.plural, [])
                   if resource.may_have_twin(obj)]
        if not created or not resource.identity_groups:
            return
        objects = self.lookup.find_by(resource, {}, fresh=True)
        fields = resource.identity_fields
        by_identity = {}
        for obj in objects:
            by_identity.setdefault(tuple(hashable(f.normalize(f.read(obj))) for f in fields), []).append(obj)
        for object_id, params in created:
            identity = identity_of(resource, params)
            if set(identity) == set(fields):
                twins = by_identity.get(tuple(hashable(identity[f]) for f in fields), [])
            else:
                twins = [o for o in objects if all(f.normalize(f.read(o)) == v for f, v in identity.items())]
            oldest = oldest_of(twins)
            if oldest is None or oldest.get("id") == object_id:
                continue
            try:
                self.client.delete(resource.item_path(object_id))
                self.lookup.deleted(resource.path, object_id)
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
            designated = self.references.designated_by_failed(resource, self.unknown)
            listing = self.lookup.listing(resource)
        except Unknown as exc:
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
        own_key = self.client.api_key_id
        # What the task created is listed by some item too (a create that failed afterwards, a child of it).
        kept = self.kept.get(resource.plural, set()) | self.lookup.created_ids.get(resource.path, set())
        referenced = self.keepers(resource)
        for obj in listing:
            if obj.get("id") in kept or not in_scope(resource, obj):
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
                    self.lookup.predicted_delete(resource, obj["id"])
                else:
                    self.client.delete(resource.item_path(obj["id"]))
                    self.lookup.deleted(resource.path, obj["id"])
            except NgrokAPIError as exc:
                self.failures.append(_failure(resource, label, exc, self.client))
                continue
            self.count(resource, "delete")
            self.changed = True
            self.diffs.append({"before_header": "{0}: {1} (pruned)".format(resource.plural, label),
                               "before": resource.diff_view(obj), "after_header": "{0}: {1}".format(resource.plural, label),
                               "after": {}})

    def report(self):
        return {
            "changed": self.changed,
            "plan": self.plan,
            "resources": self.results,
            "kept": self.kept_report,
            "failures": self.failures,
            "diff": self.diffs,
        }


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


def _validation_message(path, errors):
    """The item's validation errors, unknown options first and said as AnsibleModule says them."""
    unsupported = [e.msg for e in errors if isinstance(e, UnsupportedError)]
    others = [e.msg for e in errors if not isinstance(e, UnsupportedError)]
    if unsupported:
        return "; ".join(["Unsupported parameters for {0}: {1}".format(path, "; ".join(unsupported))] + others)
    return "{0}: {1}".format(path, "; ".join(others))


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
