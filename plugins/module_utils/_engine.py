# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The resource engine: from "this object should exist like this" to the fewest correct API calls.

It works from a :class:`~._resource.Resource` declaration, the task's options and an API client, and
knows nothing of AnsibleModule (``_module.py`` wires it to modules), so that every module, and a task
converging many resources at once, share it.

* Checks first: an identity value that is empty never designates anything; ids must have the resource's
  form. Nothing is sent before the options make sense.
* Lookup: ``id`` wins; otherwise the identity fields, through a CEL filter on the fields ngrok documents
  as filterable for the resource (if the API refuses the filter, by listing), else by reading every page;
  the listed objects are always matched again locally after normalising. More than one match fails with
  the ids.
* ``state: present``: create, or one PATCH of only the options the user set whose value differs; fields
  that can only be cleared by a DELETE of a sub-path get that DELETE. A change to a create-only field
  (or one the API refuses to make by update), or the removal of a value the API has no way to remove, fails,
  or replaces the object where the module offers ``replace``: never leaving neither the old nor the new
  object. Inline children (the rules of an IP policy) are reconciled from one listing.
* ``state: absent``: delete when found.
* Check mode sends no request that changes anything and returns the predicted object with every key a
  real answer has; ``--diff`` shows the object before and after, with write-only and shown-once values
  left out.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import json

from ansible_collections.ngrok.ngrok.plugins.module_utils._client import NgrokAPIError, cel_and, cel_equals, cel_in
from ansible_collections.ngrok.ngrok.plugins.module_utils._errors import EngineError
from ansible_collections.ngrok.ngrok.plugins.module_utils._declaration import item_path
from ansible_collections.ngrok.ngrok.plugins.module_utils._fields import CLEAR, set_key
from ansible_collections.ngrok.ngrok.plugins.module_utils._resources import by_plural
from ansible_collections.ngrok.ngrok.plugins.module_utils._data import unique


def _is_empty(value):
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    return False


def oldest_of(objects):
    """The object created first (by creation time, then by id, which the API orders by time), or None."""
    if len(objects) < 2:
        return None
    return min(objects, key=lambda o: (o.get("created_at") or "", o.get("id") or ""))


def hashable(value):
    """A key for ``value`` that is equal for equal values (a mapping or a list as sorted JSON)."""
    if isinstance(value, (dict, list)):
        return ("json", json.dumps(value, sort_keys=True, default=repr))
    return value


def match_key(field, value):
    """A key for a value of ``field`` in compared form, equal for two values that ``field.same`` finds equal."""
    value = field.compare_as(value)
    if field.as_set and isinstance(value, list):
        return ("set", tuple(_set_key(value)))
    return hashable(value)


def _identity_key(resource, fields, obj):
    """The key an object of ``resource`` has in an index by ``fields`` (None: outside the resource's scope)."""
    if any(obj.get(k) != v for k, v in resource.scope.items()):
        return None
    return tuple(match_key(f, f.normalize(f.read(obj))) for f in fields)


# Values longer than this (certificates, keys of a PEM chain) are not quoted in messages.
_QUOTABLE = 120


def _difference(field, have, want=CLEAR):
    """How a message says what the object holds and what the task asks for."""
    if len(repr(have)) > _QUOTABLE or (want is not CLEAR and len(repr(want)) > _QUOTABLE):
        if want is CLEAR:
            return "{0} is set".format(field.name)
        return "{0} differs from the task's".format(field.name)
    if want is CLEAR:
        return "{0} is {1!r}".format(field.name, have)
    return "{0} is {1!r}, the task asks for {2!r}".format(field.name, have, want)


class Plan(object):
    """What converging one object needs. ``action``: create, update, replace, delete or none."""

    def __init__(self, action, current=None, body=None, patch=None, clears=(), blocked=(), predicted=None):
        self.action = action
        self.current = current
        self.body = body or {}
        self.patch = patch or {}
        self.clears = list(clears)
        self.blocked = list(blocked)
        self.predicted = predicted

    @property
    def changes(self):
        return self.action not in ("none", "keep")


class ResourceEngine(object):
    """Converges one object of ``resource`` to what ``params`` (the module's options) ask for.

    :param client: an :class:`~._client.NgrokClient`.
    :param params: the task's options (``state``, ``id``, the fields, references, children...).
    :param check_mode: send nothing that changes anything; predict instead.

    A module that offers the ``replace`` option lets a task delete and re-create an object whose create-only
    field differs; children (IP policy rules) are always replaced that way, as they have no other identity.
    """

    def __init__(self, client, resource, params, check_mode=False):
        self.client = client
        self.resource = resource
        self.params = params
        self.check_mode = check_mode
        self.offers_replace = "replace" in params
        self.replace_allowed = bool(params.get("replace"))
        self.warnings = []
        # After creating an object whose natural key the API does not keep unique, look for a twin that a run at
        # the same time created, and keep the oldest (a task converging many objects does it once per type).
        self.deduplicate = True
        # In check mode, take an empty id of another object for one an earlier task would create (see
        # ids_not_predicted). A task converging many objects resolves its own references and turns this off.
        self.accept_predicted_ids = True
        # What the last run did (create, update, replace, delete or none), and to the children, for reports.
        self.action = None
        self.child_actions = []

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
                if _is_empty(value) or _is_empty(normalized):
                    raise EngineError("{0} must not be empty: an empty value cannot designate {1}".format(name, res.a_human))
        for ref in res.references:
            value = self.params.get(ref.option)
            values = value if ref.many and isinstance(value, list) else [value]
            if value is not None and any(_is_empty(v) for v in values):
                raise EngineError("{0} must not hold an empty value".format(ref.option))
        children = res.children
        if children is not None and self.params.get(children.option) is not None:
            seen = {}
            for item in self.params[children.option]:
                key = children.key.normalize(item.get(children.key.name))
                if _is_empty(key):
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
                if not any(_is_empty(v) for v in value):
                    continue
                self.params[name] = [None if _is_empty(v) else v for v in value]
            elif value is None or _is_empty(value):
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

    def list_objects(self, resource, conditions=None, fresh=False):
        """Every object of ``resource`` matching ``conditions`` ({filter field: value}) as far as the API can
        filter; the caller matches again locally. A filter the API refuses falls back to listing everything."""
        usable = dict((k, v) for k, v in (conditions or {}).items() if resource.can_filter(k))
        cel = None
        if usable:
            cel = cel_and(*[cel_in(k, v) if isinstance(v, (list, tuple)) else cel_equals(k, v)
                            for k, v in sorted(usable.items())])
        try:
            return self.client.list(resource.path, resource.list_key, cel_filter=cel, fresh=fresh)
        except NgrokAPIError as exc:
            if not (cel and exc.is_filter_error):
                raise
            self.warnings.append("The API refused the filter {0!r} on {1} ({2}); all of them were listed instead.".format(
                cel, resource.path, exc.msg))
            return self.client.list(resource.path, resource.list_key, fresh=fresh)

    def find_by(self, identity, resource=None, fresh=False):
        """Objects whose identity fields equal ``identity`` ({Field: normalised value}) within the resource's scope.

        ``fresh``: what the API holds now, never an earlier listing."""
        res = resource or self.resource
        index = getattr(self.client, "index", None)
        if index is not None and identity and not fresh:
            # A task converging many objects (ngrok_apply) looks them up in its listing, indexed once per type.
            fields = sorted(identity, key=lambda f: f.name)
            by_identity = index(res.path, res.list_key, ("identity", res.name) + tuple(f.name for f in fields),
                                lambda obj: _identity_key(res, fields, obj))
            return by_identity.get(tuple(match_key(f, identity[f]) for f in fields))
        conditions = dict(res.scope)
        for field, value in identity.items():
            if not field.compared_in_own_form:
                conditions[field.filter_field] = value
        items = self.list_objects(res, conditions, fresh=fresh)
        return [obj for obj in items
                if all(obj.get(k) == v for k, v in res.scope.items())
                and all(field.same(field.read(obj), value) for field, value in identity.items())]

    def identity_values(self):
        values = {}
        for field in self.resource.identity_fields:
            value = self.params.get(field.name)
            if value is not None:
                values[field] = field.normalize(value)
        return values

    @staticmethod
    def identity_complete(identity, resource):
        """True when ``identity`` has a value for every identity group of ``resource``."""
        groups = set(f.identity_group for f in identity)
        return all(name in groups for name, _fields in resource.identity_groups)

    def lookup(self):
        """The object the options designate, or None."""
        res = self.resource
        object_id = self.params.get("id")
        if object_id is not None:
            obj = self.client.get_or_none(res.item_path(object_id))
            if obj is not None and any(obj.get(k) != v for k, v in res.scope.items()):
                raise EngineError("{0} is not a {1} this module manages (it has {2})".format(
                    object_id, res.human, ", ".join("{0}={1!r}".format(k, obj.get(k)) for k in sorted(res.scope))))
            return obj
        if not res.identity_groups:
            # Nothing but an id designates an object of this resource.
            return None
        identity = self.identity_values()
        if not self.identity_complete(identity, res):
            # A referenced object (the IP policy of a rule) that does not exist: nothing can be found in it.
            return None
        matches = self.find_by(identity)
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
            found = self.find_by_key(ref.target, key_field, wanted)
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

    def find_by_key(self, resource, key_field, keys):
        """{key: [objects]} for the given keys, from one listing."""
        index = getattr(self.client, "index", None)
        if index is not None:
            def key_of(obj):
                if any(obj.get(k) != v for k, v in resource.scope.items()):
                    return None
                return hashable(key_field.normalize(key_field.read(obj)))
            by_key = index(resource.path, resource.list_key, ("key", resource.name, key_field.name), key_of)
            return dict((k, by_key.get(hashable(k))) for k in keys)
        found = dict((k, []) for k in keys)
        if not keys:
            return found
        conditions = dict(resource.scope)
        conditions[key_field.filter_field] = keys if len(keys) > 1 else keys[0]
        for obj in self.list_objects(resource, conditions):
            key = key_field.normalize(key_field.read(obj))
            if key in found and all(obj.get(k) == v for k, v in resource.scope.items()):
                found[key].append(obj)
        return found

    # -- planning (no requests) ------------------------------------------------------------------

    def desired(self, params=None, resource=None):
        """{Field: api value} for every option the user set."""
        params = self.params if params is None else params
        res = resource or self.resource
        wanted = {}
        for field in res.fields:
            value = params.get(field.name)
            if value is None:
                continue
            wanted[field] = field.to_api(value)
        return wanted

    @staticmethod
    def create_body(wanted):
        body = {}
        for field, value in wanted.items():
            if field.create and value is not CLEAR:
                body[field.api_name] = value
        return body

    def plan(self, current, wanted, resource=None, replace_allowed=None, resend_secrets=True):
        """The Plan that takes ``current`` (None: absent) to ``wanted``. Pure: sends nothing.

        ``resend_secrets=False`` leaves out what the write-only policy would send again (after a create)."""
        res = resource or self.resource
        if current is None:
            body = self.create_body(wanted)
            missing = [name for name in res.required_for_create if res.field(name).api_name not in body]
            if missing:
                raise EngineError("to create {0}, set {1}".format(res.a_human, " and ".join(missing)))
            predicted = self.predict_created(body, res)
            # What the API derives at creation (a default policy a custom domain gets) may differ from what the
            # task asks (no policy): predict the update that follows the create.
            followup = self.followup(predicted, wanted, res)
            if followup is not None:
                predicted = followup.predicted
            return Plan("create", body=body, predicted=predicted)
        patch, clears, blocked = {}, [], []
        always = resend_secrets and bool(res.write_only_option) and self.params.get(res.write_only_option) == "always"
        for field, value in wanted.items():
            if field.write_only:
                if field.update and always and value is not CLEAR:
                    patch[field.api_name] = value
                continue
            if not field.compare:
                continue
            have = field.read(current)
            if always and field.update and field.has_secrets(value) and not field.refused_change(have, value):
                # Values the API never returns cannot be compared: with the policy "always" they are sent again.
                patch[field.api_name] = value
                continue
            if value is CLEAR:
                if have not in (None, "", {}, []):
                    if field.clear_path:
                        clears.append(field)
                    else:
                        # The API can set and change the value but has no way to remove it: only a new object lacks it.
                        blocked.append((field, field.normalize(have), CLEAR))
                continue
            if field.same(have, value):
                continue
            if field.create_only or field.refused_change(have, value):
                blocked.append((field, field.normalize(have), value))
            elif field.update:
                patch[field.api_name] = value
        if blocked:
            allowed = self.replace_allowed if replace_allowed is None else replace_allowed
            if not allowed:
                return Plan("blocked", current=current, blocked=blocked)
            body = self.replacement_body(current, wanted, res)
            missing = [name for name in res.required_for_create if res.field(name).api_name not in body]
            if missing:
                raise EngineError("to replace {0} {1}, set {2}: a replacement is created like a new one".format(
                    res.a_human, current.get("id"), " and ".join(missing)))
            return Plan("replace", current=current, body=body, blocked=blocked, predicted=self.predict_created(body, res))
        if not patch and not clears:
            return Plan("none", current=current, predicted=current)
        return Plan("update", current=current, patch=patch, clears=clears,
                    predicted=self.predict_updated(current, patch, clears, res))

    def followup(self, created, wanted, resource=None):
        """The update a just-created object still needs to be what the task asks, or None.

        Only what can change by update counts: a create-only value the API filled differently is its answer."""
        res = resource or self.resource
        try:
            plan = self.plan(created, wanted, res, replace_allowed=False, resend_secrets=False)
        except EngineError:
            return None
        return plan if plan.action == "update" else None

    def replacement_body(self, current, wanted, resource=None):
        """The create body of a replacement: what the old object has, overridden by what the task sets."""
        res = resource or self.resource
        body = {}
        for field in res.fields:
            if not field.create or field.write_only or not field.compare or not field.replace_keeps:
                continue
            value = field.read(current)
            if value not in (None, "", [], {}):
                body[field.api_name] = value
        body.update(self.create_body(wanted))
        for field, value in wanted.items():
            if value is CLEAR:
                body.pop(field.api_name, None)
        return body

    def predict_created(self, body, resource=None):
        res = resource or self.resource
        obj = res.empty_object()
        for field in res.fields:
            if field.api_name in body and not field.write_only:
                obj.update(field.predict(body[field.api_name], obj))
        if res.derive is not None:
            res.derive(obj, body, None)
        return obj

    def predict_updated(self, current, patch, clears, resource=None):
        res = resource or self.resource
        obj = copy.deepcopy(current)
        for field in res.fields:
            if field in clears:
                obj.update(field.predict(None, obj))
            elif field.api_name in patch and not field.write_only:
                obj.update(field.predict(patch[field.api_name], obj))
        if res.derive is not None:
            res.derive(obj, patch, current)
        return obj

    def blocked_message(self, plan, resource=None):
        res = resource or self.resource
        changes = [(f, have, want) for f, have, want in plan.blocked if want is not CLEAR and f.create_only]
        refused = [(f, have, want) for f, have, want in plan.blocked if want is not CLEAR and not f.create_only]
        removals = [(f, have) for f, have, want in plan.blocked if want is CLEAR]
        parts = []
        if changes:
            parts.append("cannot change {0} of {1} {2}: it can only be set when the {1} is created ({3})".format(
                " and ".join(f.name for f, _h, _w in changes), res.human, plan.current.get("id"),
                "; ".join(_difference(f, have, want) for f, have, want in changes)))
        for field, have, want in refused:
            # The reason names what differs; the values themselves may hold secrets.
            parts.append("cannot change {0} of {1} {2}: {3}".format(
                field.name, res.human, plan.current.get("id"), field.refused_change(have, want)))
        if removals:
            parts.append("cannot remove {0} of {1} {2}: the API can set and change it but not remove it ({3})".format(
                " and ".join(f.name for f, _h in removals), res.human, plan.current.get("id"),
                "; ".join(_difference(f, have) for f, have in removals)))
        return "; ".join(parts) + self.replace_hint(res)

    def replace_hint(self, resource):
        if not (self.offers_replace and resource is self.resource):
            return ""
        if resource.identity_is_unique:
            return "; set replace=true to delete it and create it again"
        return "; set replace=true to create a new one and then delete this one"

    # -- actions ---------------------------------------------------------------------------------

    def create(self, body, resource=None, identity=None):
        """POST, recovering from a lost answer by looking the object up again (never a blind re-send)."""
        res = resource or self.resource
        identity = self.identity_values() if identity is None else identity
        recover = None
        if identity and self.identity_complete(identity, res):
            def recover():
                found = self.find_by(identity, res, fresh=True)
                if len(found) == 1:
                    warning = ("The API's answer to the create request was lost; the {0} was found by its {1} and is used "
                               "as the result.".format(res.human, " and ".join(f.name for f in identity)))
                    if res.shown_once:
                        warning += (" The API shows its {0} only in that lost answer, so it cannot be returned: delete the"
                                    " {1} and create it again if you need it.".format(" and ".join(res.shown_once), res.human))
                    self.warnings.append(warning)
                    return 201, found[0]
                return None
        # Where the API refuses a second object with this identity, a create sent again cannot make a duplicate.
        refused = bool(recover) and res.identity_is_unique and not res.may_have_twin(body)
        return self.client.post(res.path, body, on_unknown_outcome=recover, duplicate_refused=refused)

    def create_or_adopt(self, plan, wanted, resource=None, identity=None):
        """Create the object of ``plan``; when a run at the same time created it first, adopt that one.

        Returns ``(object, created)``. Where the API keeps the natural key unique, its refusal of the create is
        answered by looking the object up again: found, it is converged to ``wanted`` instead. Where it does not
        (descriptions, pooled endpoints' URLs: ``Resource.may_have_twin``), the object is looked up after the create:
        should a twin exist, both runs keep the oldest and the newer one is deleted, so two runs end with one object.
        """
        res = resource or self.resource
        identity = self.identity_values() if identity is None else identity
        complete = bool(identity) and self.identity_complete(identity, res)
        try:
            created = self.create(plan.body, res, identity=identity)
        except NgrokAPIError as exc:
            if not (complete and res.identity_is_unique and (exc.status_code == 409 or exc.error_code in res.conflict_codes)):
                raise
            found = self.find_by(identity, res, fresh=True)
            if len(found) != 1:
                raise
            self.warnings.append("The API refused to create the {0} ({1}) because it exists now: a run at the same "
                                 "time created it. It was adopted.".format(res.human, exc.error_code or exc.status_code))
            return self.adopt(found[0], wanted, res), False
        if complete and res.may_have_twin(created) and self.deduplicate:
            found = self.find_by(identity, res, fresh=True)
            oldest = oldest_of(found)
            if oldest is not None and oldest.get("id") != created.get("id"):
                self.delete(created, res)
                self.warnings.append("Another {0} with the same {1} was created at the same time ({2}); it was kept, and "
                                     "the one this task created was deleted.".format(
                                         res.human, " and ".join(f.name for f in identity), oldest.get("id")))
                return self.adopt(oldest, wanted, res), False
        return created, True

    def adopt(self, obj, wanted, resource=None):
        """Converge an object another run created to ``wanted``."""
        res = resource or self.resource
        plan = self.plan(obj, wanted, res, replace_allowed=False)
        if plan.action == "blocked":
            raise EngineError(self.blocked_message(plan, res))
        if plan.action == "update":
            return self.update(obj, plan, res)
        return obj

    def verify_targets(self, plan, resource=None):
        """Before an update that clears something and then sets an id of another object, check that the object
        exists: a refused id must fail the task before the clear has changed anything."""
        res = resource or self.resource
        if not (plan.clears and plan.patch):
            return
        for field in res.fields:
            value = plan.patch.get(field.api_name)
            if field.refers_by_id is None or not value or value is CLEAR:
                continue
            target = by_plural(field.refers_by_id)
            if self.client.get_or_none(target.item_path(value)) is None:
                raise EngineError("{0}: no {1} {2} exists; nothing was changed".format(field.name, target.human, value))

    def update(self, current, plan, resource=None):
        res = resource or self.resource
        item = res.item_path(current["id"])
        after = None
        self.verify_targets(plan, res)
        for field in plan.clears:
            self.client.delete(item + field.clear_path)
        if plan.patch:
            try:
                after = self.client.patch(item, plan.patch)
            except NgrokAPIError as exc:
                hints = [f.if_refused for f in res.fields if f.if_refused and f.api_name in plan.patch]
                if hints and exc.status_code and 400 <= exc.status_code < 500 and exc.status_code not in (404, 429):
                    exc.msg = "{0}. {1}".format(exc.msg.rstrip("."), " ".join(hints))
                raise
        if after is None:
            after = self.client.get(item)
        return after

    def delete(self, obj, resource=None):
        res = resource or self.resource
        self.client.delete(res.item_path(obj["id"]))

    def move_users(self, old, new, resource=None):
        """Point what refers to ``old`` (the domains serving a certificate) at its replacement ``new``."""
        res = resource or self.resource
        for users in res.used_by:
            for user in self.client.list(users.path, users.list_key, cel_filter=cel_equals(users.filter_field, old["id"]),
                                         fresh=True):
                try:
                    self.client.patch(item_path(users.path, user["id"]), {users.patch_field: new["id"]})
                except NgrokAPIError as exc:
                    raise EngineError("the new {0} {1} was created, but {2} {3}, which uses the old one ({4}), could not "
                                      "be pointed at it: {5}. Both remain.".format(
                                          res.human, new.get("id"), users.list_key.replace("_", " ")[:-1],
                                          user["id"], old["id"], exc), **{res.name: res.public_view(new)})
                self.warnings.append("{0} {1} now uses {2} {3} instead of {4}.".format(
                    users.list_key.replace("_", " ")[:-1], user.get("domain") or user["id"], res.human, new.get("id"),
                    old["id"]))

    def replace(self, plan, resource=None, identity=None):
        """Create the new object and delete the old one, in the order that never leaves neither."""
        res = resource or self.resource
        old = plan.current
        if not res.identity_is_unique:
            created = self.create(plan.body, res, identity={})
            self.move_users(old, created, res)
            try:
                self.delete(old, res)
            except NgrokAPIError as exc:
                if exc.api_not_found:
                    # Deleted meanwhile: the replacement is all that is left, as asked.
                    return created
                refused = exc.as_result()
                if not (exc.status_code and 400 <= exc.status_code < 500 and exc.status_code != 404):
                    # The old object may be gone (no answer, a server error): the new one must stay.
                    refused[res.name] = res.public_view(created)
                    raise EngineError("the new {0} {1} was created, but the old one ({2}) could not be deleted: {3}. "
                                      "Delete it by id.".format(res.human, created.get("id"), old["id"], exc), **refused)
                # The API refused (the old object is in use, say) and keeps it: take the new one back, so that one is
                # left, with what was pointed at the new one pointed back.
                try:
                    self.move_users(created, old, res)
                    self.delete(created, res)
                except NgrokAPIError as again:
                    refused[res.name] = res.public_view(created)
                    raise EngineError("the new {0} {1} was created, but the old one ({2}) could not be deleted: {3}; "
                                      "deleting the new one again failed too ({4}). Delete one of them by id.".format(
                                          res.human, created.get("id"), old["id"], exc, again), **refused)
                refused[res.name] = res.public_view(old)
                raise EngineError("the {0} {1} could not be deleted to be replaced: {2}. The new one ({3}) was deleted "
                                  "again: the {0} is as it was.".format(res.human, old["id"], exc, created.get("id")),
                                  **refused)
            return created
        # The API refuses two objects with the same identity: the old one must go first. Should the new one
        # be refused, the old one is re-created as it was.
        self.delete(old, res)
        try:
            return self.create(plan.body, res, identity=identity)
        except NgrokAPIError as exc:
            restore = self.replacement_body(old, {}, res)
            try:
                restored = self.create(restore, res, identity=identity)
            except NgrokAPIError as again:
                raise EngineError("the {0} {1} was deleted to be replaced, the new one was refused ({2}), and re-creating "
                                  "the old one failed too ({3})".format(res.human, old["id"], exc, again))
            raise EngineError("the new {0} was refused ({1}); the old one was re-created as it was, with the new id "
                              "{2}".format(res.human, exc, restored.get("id")), **{res.name: res.public_view(restored)})

    # -- children --------------------------------------------------------------------------------

    def list_children(self, parent_id):
        children = self.resource.children
        index = getattr(self.client, "index", None)
        if index is not None:
            by_parent = index(children.resource.path, children.resource.list_key, ("parent", children.resource.name),
                              lambda c: hashable(children.parent_field.read(c)))
            return by_parent.get(parent_id)
        conditions = {}
        condition = children.list_filter(parent_id)
        if condition:
            conditions[condition[0]] = condition[1]
        items = self.list_objects(children.resource, conditions)
        return [c for c in items if children.parent_field.read(c) == parent_id]

    def plan_children(self, parent_id, existing):
        """[(Plan, item key)] reconciling the listed children with the wanted ones."""
        children = self.resource.children
        child = children.resource
        by_key = {}
        for obj in existing:
            by_key.setdefault(children.key.normalize(children.key.read(obj)), obj)
        plans = []
        wanted_keys = set()
        for item in self.params[children.option]:
            wanted = self.desired(item, child)
            key = wanted[children.key]
            wanted_keys.add(key)
            wanted[children.parent_field] = parent_id
            current = by_key.get(key)
            try:
                plan = self.plan(current, wanted, child, replace_allowed=True)
            except EngineError as exc:
                raise EngineError("{0}: {1} {2}: {3}".format(children.option, children.key.name, key, exc.msg))
            plans.append((plan, key))
        purge = self.params.get(children.purge_option)
        for key, obj in by_key.items():
            if key not in wanted_keys:
                # A child the task does not list: deleted with the purge option, else kept as it is.
                plans.append((Plan("delete" if purge else "keep", current=obj, predicted=obj), key))
        return plans

    def apply_children(self, plans):
        """Run the children's plans: creations first, then updates, replacements, deletions. Returns the objects after."""
        child = self.resource.children.resource
        key_field = self.resource.children.key
        results = {}
        for action in ("create", "update", "replace", "delete", "none", "keep"):
            for plan, key in plans:
                if plan.action != action:
                    continue
                identity = {key_field: key, self.resource.children.parent_field:
                            plan.body.get(self.resource.children.parent_field.api_name)}
                if action == "create":
                    results[key] = self.create_or_adopt(plan, self.desired(plan.body, child), child, identity=identity)[0]
                elif action == "update":
                    results[key] = self.update(plan.current, plan, child)
                elif action == "replace":
                    results[key] = self.replace(plan, child, identity=identity)
                elif action == "delete":
                    self.delete(plan.current, child)
                else:
                    results[key] = plan.current
        return [results[key] for _plan, key in plans if key in results]

    # -- the task --------------------------------------------------------------------------------

    def run(self):
        """Converge and return the module result. Raises EngineError or NgrokAPIError."""
        self.validate()
        if self.params.get("state", "present") == "absent":
            return self.run_absent()
        return self.run_present()

    def run_present(self):
        res = self.resource
        self.resolve_references()
        current = self.lookup()
        if current is None and self.params.get("id") is not None:
            raise EngineError("no {0} with id {1!r} exists; remove the id option to create one".format(
                res.human, self.params["id"]))
        wanted = self.desired()
        plan = self.plan(current, wanted)
        if plan.action == "blocked":
            raise EngineError(self.blocked_message(plan), **{res.name: res.public_view(current)})

        children = res.children
        child_plans = None
        before = current
        if children is not None and self.params.get(children.option) is not None:
            existing = self.list_children(current["id"]) if current is not None else []
            if current is not None:
                before = dict(current, **{children.option: existing})
            child_plans = self.plan_children(current["id"] if current is not None else None, existing)

        changed = plan.changes or bool(child_plans and any(p.changes for p, _k in child_plans))
        self.action = plan.action
        self.child_actions = [p.action for p, _k in child_plans or [] if p.action != "keep"]
        if self.check_mode:
            if plan.action == "update":
                self.verify_targets(plan)
            after = plan.predicted
            if child_plans is not None:
                after = dict(after, **{children.option: [p.predicted for p, _k in child_plans if p.action != "delete"]})
            return self.result(changed, before, after)

        created = False
        if plan.action == "create":
            after, created = self.create_or_adopt(plan, wanted)
            followup = self.followup(after, wanted)
            if followup is not None:
                after = self.update(after, followup)
        elif plan.action == "replace":
            after = self.replace(plan)
            created = True
        elif plan.action == "update":
            after = self.update(current, plan)
        else:
            after = current
        if child_plans is not None:
            parent_id = after["id"]
            for child_plan, _key in child_plans:
                if child_plan.action in ("create", "replace"):
                    child_plan.body[children.parent_field.api_name] = parent_id
            after = dict(after, **{children.option: self.apply_children(child_plans)})
        return self.result(changed, before, after, created=created)

    def run_absent(self):
        self.resolve_references()
        current = self.lookup()
        if current is None:
            self.action = "none"
            return self.result(False, None, None)
        self.check_delete(current)
        self.action = "delete"
        if not self.check_mode:
            self.delete(current)
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
