# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Planning: from what the API holds and what a task asks for, what to do (private to this collection).

Pure functions of a :class:`~._declaration.Resource`, the current object (None when there is none) and the wanted
values: they send nothing. :func:`plan_object` gives the :class:`Plan` (create, update, replace, blocked or none)
with the request bodies and the object the API would answer; the ``predict_*`` functions give that object the way the
API derives it; :func:`plan_children` does the same for inline children (the rules of an IP policy).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import json

from ansible_collections.ngrok.ngrok.plugins.module_utils._errors import EngineError
from ansible_collections.ngrok.ngrok.plugins.module_utils._fields import CLEAR, set_key


class Plan(object):
    """What converging one object needs. ``action``: create, update, replace, blocked, delete, keep or none."""

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


# -- keys and values ------------------------------------------------------------------------------

def is_empty(value):
    """True for a value that designates nothing: None, or text of blanks only."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    return False


def hashable(value):
    """A key for ``value`` that is equal for equal values (a mapping or a list as sorted JSON)."""
    if isinstance(value, (dict, list)):
        return ("json", json.dumps(value, sort_keys=True, default=repr))
    return value


def match_key(field, value):
    """A key for a value of ``field`` in compared form, equal for two values that ``field.same`` finds equal."""
    value = field.compare_as(value)
    if field.as_set and isinstance(value, list):
        return ("set", tuple(set_key(value)))
    return hashable(value)


def in_scope(resource, obj):
    """True when ``obj`` has every value of the resource's scope (a managed endpoint is a cloud endpoint)."""
    return all(obj.get(k) == v for k, v in resource.scope.items())


def identity_key(resource, fields, obj):
    """The key an object of ``resource`` has in an index by ``fields`` (None: outside the resource's scope)."""
    if not in_scope(resource, obj):
        return None
    return tuple(match_key(f, f.normalize(f.read(obj))) for f in fields)


def identity_of(resource, params):
    """{Field: normalised value} of the identity fields the options set."""
    values = {}
    for field in resource.identity_fields:
        value = params.get(field.name)
        if value is not None:
            values[field] = field.normalize(value)
    return values


def identity_complete(resource, identity):
    """True when ``identity`` has a value for every identity group of ``resource``."""
    groups = set(f.identity_group for f in identity)
    return all(name in groups for name, _fields in resource.identity_groups)


def oldest_of(objects):
    """The object created first (by creation time, then by id, which the API orders by time), or None."""
    if len(objects) < 2:
        return None
    return min(objects, key=lambda o: (o.get("created_at") or "", o.get("id") or ""))


# -- one object -----------------------------------------------------------------------------------

def desired(resource, params):
    """{Field: api value} for every option the user set."""
    wanted = {}
    for field in resource.fields:
        value = params.get(field.name)
        if value is None:
            continue
        wanted[field] = field.to_api(value)
    return wanted


def create_body(wanted):
    body = {}
    for field, value in wanted.items():
        if field.create and value is not CLEAR:
            body[field.api_name] = value
    return body


def plan_object(resource, current, wanted, replace_allowed=False, resend_write_only=False):
    """The Plan that takes ``current`` (None: absent) to ``wanted``.

    ``resend_write_only``: the resource's write-only policy option says ``always``: updatable write-only values (a
    secret's value), and nested secrets the API never returns, are sent again."""
    res = resource
    if current is None:
        body = create_body(wanted)
        missing = [name for name in res.required_for_create if res.field(name).api_name not in body]
        if missing:
            raise EngineError("to create {0}, set {1}".format(res.a_human, " and ".join(missing)))
        predicted = predict_created(res, body)
        # What the API derives at creation (a default policy a custom domain gets) may differ from what the
        # task asks (no policy): predict the update that follows the create.
        after = followup(res, predicted, wanted)
        if after is not None:
            predicted = after.predicted
        return Plan("create", body=body, predicted=predicted)
    patch, clears, blocked = {}, [], []
    for field, value in wanted.items():
        if field.write_only:
            if field.update and resend_write_only and value is not CLEAR:
                patch[field.api_name] = value
            continue
        if not field.compare:
            continue
        have = field.read(current)
        if resend_write_only and field.update and field.has_secrets(value) and not field.refused_change(have, value):
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
        if not replace_allowed:
            return Plan("blocked", current=current, blocked=blocked)
        body = replacement_body(res, current, wanted)
        missing = [name for name in res.required_for_create if res.field(name).api_name not in body]
        if missing:
            raise EngineError("to replace {0} {1}, set {2}: a replacement is created like a new one".format(
                res.a_human, current.get("id"), " and ".join(missing)))
        return Plan("replace", current=current, body=body, blocked=blocked, predicted=predict_created(res, body))
    if not patch and not clears:
        return Plan("none", current=current, predicted=current)
    return Plan("update", current=current, patch=patch, clears=clears,
                predicted=predict_updated(res, current, patch, clears))


def followup(resource, created, wanted):
    """The update a just-created object still needs to be what the task asks, or None.

    Only what can change by update counts: a create-only value the API filled differently is its answer."""
    try:
        plan = plan_object(resource, created, wanted)
    except EngineError:
        return None
    return plan if plan.action == "update" else None


def replacement_body(resource, current, wanted):
    """The create body of a replacement: what the old object has, overridden by what the task sets."""
    body = {}
    for field in resource.fields:
        if not field.create or field.write_only or not field.compare or not field.replace_keeps:
            continue
        value = field.read(current)
        if value not in (None, "", [], {}):
            body[field.api_name] = value
    body.update(create_body(wanted))
    for field, value in wanted.items():
        if value is CLEAR:
            body.pop(field.api_name, None)
    return body


def predict_created(resource, body):
    obj = resource.empty_object()
    for field in resource.fields:
        if field.api_name in body and not field.write_only:
            obj.update(field.predict(body[field.api_name], obj))
    if resource.derive is not None:
        resource.derive(obj, body, None)
    return obj


def predict_updated(resource, current, patch, clears):
    obj = copy.deepcopy(current)
    for field in resource.fields:
        if field in clears:
            obj.update(field.predict(None, obj))
        elif field.api_name in patch and not field.write_only:
            obj.update(field.predict(patch[field.api_name], obj))
    if resource.derive is not None:
        resource.derive(obj, patch, current)
    return obj


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


def replace_hint(resource):
    """How a message says that the module's ``replace`` option makes a blocked change."""
    if resource.identity_is_unique:
        return "; set replace=true to delete it and create it again"
    return "; set replace=true to create a new one and then delete this one"


def blocked_message(resource, plan, hint=""):
    """Why the ``blocked`` plan cannot be made by update; ``hint`` is added (see :func:`replace_hint`)."""
    changes = [(f, have, want) for f, have, want in plan.blocked if want is not CLEAR and f.create_only]
    refused = [(f, have, want) for f, have, want in plan.blocked if want is not CLEAR and not f.create_only]
    removals = [(f, have) for f, have, want in plan.blocked if want is CLEAR]
    object_id = plan.current.get("id")
    parts = []
    if changes:
        parts.append("cannot change {0} of {1} {2}: it can only be set when the {1} is created ({3})".format(
            " and ".join(f.name for f, _h, _w in changes), resource.human, object_id,
            "; ".join(_difference(f, have, want) for f, have, want in changes)))
    for field, have, want in refused:
        # The reason names what differs; the values themselves may hold secrets.
        parts.append("cannot change {0} of {1} {2}: {3}".format(
            field.name, resource.human, object_id, field.refused_change(have, want)))
    if removals:
        parts.append("cannot remove {0} of {1} {2}: the API can set and change it but not remove it ({3})".format(
            " and ".join(f.name for f, _h in removals), resource.human, object_id,
            "; ".join(_difference(f, have) for f, have in removals)))
    return "; ".join(parts) + hint


# -- inline children --------------------------------------------------------------------------------

def plan_children(children, parent_id, existing, items, purge):
    """[(Plan, child key)] reconciling the listed children of a parent with the wanted ones (``items``, the parent
    option's list). A listed child the items do not name is deleted with ``purge``, else kept. A child whose
    create-only value differs is replaced: children have no other identity."""
    child = children.resource
    by_key = {}
    for obj in existing:
        by_key.setdefault(children.key.normalize(children.key.read(obj)), obj)
    plans = []
    wanted_keys = set()
    for item in items:
        wanted = desired(child, item)
        key = wanted[children.key]
        wanted_keys.add(key)
        wanted[children.parent_field] = parent_id
        try:
            plan = plan_object(child, by_key.get(key), wanted, replace_allowed=True)
        except EngineError as exc:
            raise EngineError("{0}: {1} {2}: {3}".format(children.option, children.key.name, key, exc.msg))
        plans.append((plan, key))
    for key, obj in by_key.items():
        if key not in wanted_keys:
            plans.append((Plan("delete" if purge else "keep", current=obj, predicted=obj), key))
    return plans
