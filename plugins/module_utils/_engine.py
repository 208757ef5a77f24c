# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The resource engine: one task's run, from "this object should exist like this" to the fewest correct API calls.

:class:`ResourceEngine` converges one object of a :class:`~._declaration.Resource` to what the task's options ask, and
knows nothing of AnsibleModule (``_module.py`` wires it to modules). It runs the other parts in order:

* checks first (here): an identity value that is empty never designates anything; ids must have the resource's
  form; values the API would refuse for their form or size. Nothing is sent before the options make sense;
* lookup (``_lookup.py``): ``id`` wins; otherwise the identity fields, the way the lookup finds objects (a filtered
  listing, or a task's listings); more than one match fails with the ids. References by natural key (an IP policy
  named by its description) are resolved to ids the same way;
* planning (``_plan.py``): the create, or one PATCH of only the options the user set whose value differs, a
  blocked change (a create-only field, a value the API cannot remove) or a replacement where the module offers
  ``replace``; inline children (the rules of an IP policy) from one listing;
* actions (``_actions.py``): the API calls of the plan, or in check mode none: the result is the predicted object,
  with every key a real answer has; ``--diff`` shows the object before and after, without write-only and shown-once
  values.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.ngrok.ngrok.plugins.module_utils._actions import Actions
from ansible_collections.ngrok.ngrok.plugins.module_utils._data import unique
from ansible_collections.ngrok.ngrok.plugins.module_utils._errors import EngineError
from ansible_collections.ngrok.ngrok.plugins.module_utils._lookup import ApiLookup
from ansible_collections.ngrok.ngrok.plugins.module_utils._plan import (
    blocked_message,
    desired,
    followup,
    identity_complete,
    identity_of,
    in_scope,
    is_empty,
    plan_children,
    plan_object,
    replace_hint,
)
from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.registry import by_plural


class ResourceEngine(object):
    """Converges one object of ``resource`` to what ``params`` (the module's options) ask for.

    :param client: an :class:`~._client.NgrokClient`.
    :param params: the task's options (``state``, ``id``, the fields, references, children...).
    :param check_mode: send nothing that changes anything; predict instead.
    :param lookup: how objects are found (a ``_lookup.Lookup``); default: by asking the API (``ApiLookup``).

    A module that offers the ``replace`` option lets a task delete and re-create an object whose create-only
    field differs; children (IP policy rules) are always replaced that way, as they have no other identity.
    """

    def __init__(self, client, resource, params, check_mode=False, lookup=None):
        self.client = client
        self.resource = resource
        self.params = params
        self.check_mode = check_mode
        self.offers_replace = "replace" in params
        self.replace_allowed = bool(params.get("replace"))
        self.warnings = [] if lookup is None else lookup.warnings
        self.lookup = lookup if lookup is not None else ApiLookup(client, self.warnings)
        self.actions = Actions(client, self.lookup, self.warnings)
        # In check mode, take an empty id of another object for one an earlier task would create (see
        # ids_not_predicted). A task converging many objects resolves its own references and turns this off.
        self.accept_predicted_ids = True
        # What the last run did (create, update, replace, delete or none), and to the children, for reports.
        self.action = None
        self.child_actions = []

    @property
    def resend_write_only(self):
        """The resource's write-only policy option says ``always``: write-only values are sent on every run."""
        option = self.resource.write_only_option
        return bool(option) and self.params.get(option) == "always"

    # -- checks before any request ---------------------------------------------------------------

    def validate(self):
        """Raise EngineError when the options cannot designate or describe an object."""
        res = self.resource
        self.check_values(self.params, res)
        object_id = self.params.get("id")
        if object_id is not None:
            problem = res.check_id(object_id)
            if problem:
                raise EngineError(problem)
            return
        pending = self.ids_not_predicted() if self.check_mode and self.accept_predicted_ids else set()
        for group, fields in res.identity_groups:
            if group in pending:
                continue
            names = []
            for field in fields:
                names.append(field.name)
                ref = res.reference_for(field)
                if ref is not None:
                    names.append(ref.option)
            given = [name for name in names if self.params.get(name) is not None]
            if not given:
                raise EngineError("to find the {0} without its id, set {1} (or set id)".format(res.human, " or ".join(names)))
            for name in given:
                value = self.params[name]
                field = next((f for f in fields if f.name == name), None)
                normalized = field.normalize(value) if field is not None else value
                if is_empty(value) or is_empty(normalized):
                    raise EngineError("{0} must not be empty: an empty value cannot designate {1}".format(name, res.a_human))
        for ref in res.references:
            value = self.params.get(ref.option)
            values = value if ref.many and isinstance(value, list) else [value]
            if value is not None and any(is_empty(v) for v in values):
                raise EngineError("{0} must not hold an empty value".format(ref.option))
        children = res.children
        if children is not None and self.params.get(children.option) is not None:
            seen = {}
            for item in self.params[children.option]:
                key = children.key.normalize(item.get(children.key.name))
                if is_empty(key):
                    raise EngineError("every item of {0} needs a non-empty {1}".format(children.option, children.key.name))
                if key in seen:
                    raise EngineError("{0} lists {1} {2!r} twice".format(children.option, children.key.name, key))
                seen[key] = item
                self.check_values(item, children.resource, prefix=children.option + ": ")

    def ids_not_predicted(self):
        """In check mode, take an empty or null id of another object (a secret's ``vault_id``) as an object that does
        not exist yet: it is what an earlier task's prediction gives for an object that task would create (its ``id``
        is null, templated as "" or None). The task then predicts as for a reference by natural key that finds
        nothing. Returns the identity groups that such an id leaves without a value."""
        res = self.resource
        holders = dict((ref.field, (ref.target.a_human, ref.option)) for ref in res.references)
        for field in res.fields:
            if field.refers_by_id is not None and field.name not in holders:
                holders[field.name] = (by_plural(field.refers_by_id).a_human, None)
        pending = set()
        for name, (human, by_key) in sorted(holders.items()):
            value = self.params.get(name)
            field = res.field(name)
            if isinstance(value, list):
                if not any(is_empty(v) for v in value):
                    continue
                self.params[name] = [None if is_empty(v) else v for v in value]
            elif value is None or is_empty(value):
                group = field.identity_group
                if group is None or any(self.params.get(f.name) is not None for f in res.identity_fields
                                        if f.identity_group == group and f.name != name) \
                        or (by_key is not None and self.params.get(by_key) is not None):
                    # Not part of the identity, or the group has another value: nothing to take for a prediction.
                    if value is None:
                        continue
                self.params[name] = None
                if group is not None:
                    pending.add(group)
            else:
                continue
            self.warnings.append("{0} is empty: check mode takes it for the id of {1} that an earlier task would create "
                                 "(a prediction has no id).".format(name, human))
        return pending

    @staticmethod
    def check_values(params, resource, prefix=""):
        """Raise EngineError for a value the API would refuse, found without a request: a field's own check, a size
        over what ngrok documents, a list with fewer items than the API takes (given by id or by natural key)."""
        for field in resource.fields:
            value = params.get(field.name)
            if value is None:
                continue
            problem = field.check(value) if field.check is not None else None
            problem = problem or field.size_problem(value)
            if problem:
                raise EngineError("{0}{1}: {2}".format(prefix, field.name, problem))
        for ref in resource.references:
            value = params.get(ref.option)
            if value is None:
                continue
            problem = resource.field(ref.field).size_problem(value)
            if problem:
                raise EngineError("{0}{1}: {2}".format(prefix, ref.option, problem))

    # -- lookup ----------------------------------------------------------------------------------

    def identity_values(self):
        return identity_of(self.resource, self.params)

    def find_object(self):
        """The object the options designate, or None."""
        res = self.resource
        object_id = self.params.get("id")
        if object_id is not None:
            obj = self.lookup.get(res, object_id)
            if obj is not None and not in_scope(res, obj):
                raise EngineError("{0} is not a {1} this module manages (it has {2})".format(
                    object_id, res.human, ", ".join("{0}={1!r}".format(k, obj.get(k)) for k in sorted(res.scope))))
            return obj
        if not res.identity_groups:
            # Nothing but an id designates an object of this resource.
            return None
        identity = self.identity_values()
        if not identity_complete(res, identity):
            # A referenced object (the IP policy of a rule) that does not exist: nothing can be found in it.
            return None
        matches = self.lookup.find_by(res, identity)
        if len(matches) > 1:
            raise EngineError("{0} {1} match {2}: {3}. Give the id option to choose one.".format(
                len(matches), res.plural.replace("_", " "),
                " and ".join("{0}={1!r}".format(f.name, v) for f, v in identity.items()),
                ", ".join(sorted(m.get("id", "?") for m in matches))))
        return matches[0] if matches else None

    # -- references ------------------------------------------------------------------------------

    def resolve_references(self):
        """Turn reference options (an IP policy named by description) into the ids the API takes."""
        for ref in self.resource.references:
            value = self.params.get(ref.option)
            if value is None:
                continue
            if self.params.get(ref.field) is not None:
                raise EngineError("{0} and {1} are mutually exclusive".format(ref.field, ref.option))
            keys = list(value) if ref.many else [value]
            key_field = ref.target.field(ref.key)
            wanted = unique([key_field.normalize(k) for k in keys])
            found = self.lookup.find_by_key(ref.target, key_field, wanted)
            ids = []
            for key in wanted:
                matches = found.get(key, [])
                if len(matches) > 1:
                    raise EngineError("{0}: {1} {2} have {3} {4!r}: {5}; name the one to use by id ({6})".format(
                        ref.option, len(matches), ref.target.plural.replace("_", " "), ref.key, key,
                        ", ".join(sorted(m["id"] for m in matches)), ref.field))
                if not matches:
                    if self.params.get("state") == "absent":
                        self.warnings.append("{0}: no {1} has {2} {3!r}.".format(
                            ref.option, ref.target.human, ref.key, key))
                        ids.append(None)
                        continue
                    if self.check_mode:
                        self.warnings.append("{0}: no {1} has {2} {3!r} yet; check mode cannot predict its id.".format(
                            ref.option, ref.target.human, ref.key, key))
                        ids.append(None)
                        continue
                    raise EngineError("{0}: no {1} has {2} {3!r}".format(ref.option, ref.target.human, ref.key, key))
                ids.append(matches[0]["id"])
            if ref.many:
                self.params[ref.field] = ids
            elif ids[0] is not None:
                self.params[ref.field] = ids[0]

    # -- the task --------------------------------------------------------------------------------

    def run(self):
        """Converge and return the module result. Raises EngineError or NgrokAPIError."""
        self.validate()
        if self.params.get("state", "present") == "absent":
            return self.run_absent()
        return self.run_present()

    def plan_children(self, parent_id, existing):
        """[(Plan, child key)] of the inline children the options list (see ``_plan.plan_children``)."""
        children = self.resource.children
        return plan_children(children, parent_id, existing, self.params[children.option],
                             self.params.get(children.purge_option))

    def run_present(self):
        res = self.resource
        self.resolve_references()
        current = self.find_object()
        if current is None and self.params.get("id") is not None:
            raise EngineError("no {0} with id {1!r} exists; remove the id option to create one".format(
                res.human, self.params["id"]))
        wanted = desired(res, self.params)
        plan = plan_object(res, current, wanted, replace_allowed=self.replace_allowed,
                           resend_write_only=self.resend_write_only)
        if plan.action == "blocked":
            hint = replace_hint(res) if self.offers_replace else ""
            raise EngineError(blocked_message(res, plan, hint), **{res.name: res.public_view(current)})

        children = res.children
        child_plans = None
        before = current
        if children is not None and self.params.get(children.option) is not None:
            existing = self.lookup.children_of(children, current["id"]) if current is not None else []
            if current is not None:
                before = dict(current, **{children.option: existing})
            child_plans = self.plan_children(current["id"] if current is not None else None, existing)

        changed = plan.changes or bool(child_plans and any(p.changes for p, _k in child_plans))
        self.action = plan.action
        self.child_actions = [p.action for p, _k in child_plans or [] if p.action != "keep"]
        if self.check_mode:
            if plan.action == "update":
                self.actions.verify_targets(res, plan)
            after = plan.predicted
            if child_plans is not None:
                after = dict(after, **{children.option: [p.predicted for p, _k in child_plans if p.action != "delete"]})
            return self.result(changed, before, after)

        created = False
        identity = self.identity_values()
        if plan.action == "create":
            after, created = self.actions.create_or_adopt(res, plan.body, wanted, identity, self.resend_write_only)
            later = followup(res, after, wanted)
            if later is not None:
                after = self.actions.update(res, after, later)
        elif plan.action == "replace":
            after = self.actions.replace(res, plan, identity)
            created = True
        elif plan.action == "update":
            after = self.actions.update(res, current, plan)
        else:
            after = current
        if child_plans is not None:
            parent_id = after["id"]
            for child_plan, _key in child_plans:
                if child_plan.action in ("create", "replace"):
                    child_plan.body[children.parent_field.api_name] = parent_id
            after = dict(after, **{children.option: self.actions.apply_children(children, child_plans)})
        return self.result(changed, before, after, created=created)

    def run_absent(self):
        self.resolve_references()
        current = self.find_object()
        if current is None:
            self.action = "none"
            return self.result(False, None, None)
        self.check_delete(current)
        self.action = "delete"
        if not self.check_mode:
            self.actions.delete(self.resource, current)
        return self.result(True, current, None)

    def check_delete(self, current):
        """Raise EngineError when ``current`` must not be deleted; nothing stops a module's own ``state=absent``."""

    def result(self, changed, before, after, created=False):
        res = self.resource
        absent = self.params.get("state") == "absent"
        returned = before if absent else after
        obj = res.public_view(returned) or {}
        if not created:
            # Values the API shows only once are never echoed from a later read.
            for key in res.shown_once:
                if key in obj:
                    obj[key] = None
        result = {"changed": changed, res.name: obj}
        result["diff"] = {"before": res.diff_view(before), "after": res.diff_view(None if absent else after)}
        return result
