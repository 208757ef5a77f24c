# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Actions: the API calls that carry out a plan (private to this collection).

:class:`Actions` creates, adopts, updates, replaces and deletes objects of the resource each call names, the way that
is safe under lost answers and runs at the same time:

* a POST whose outcome is unknown is never sent again blindly: the object is looked up first;
* a create the API refuses because the object exists now (a run at the same time) adopts that object;
* where the API keeps no natural key unique, the object is looked up after its create, and of twins the oldest stays;
* a replacement never leaves neither the old nor the new object.

Every write is told to the lookup, which keeps its listings current (``_lookup.py``).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.ngrok.ngrok.plugins.module_utils._errors import NgrokAPIError
from ansible_collections.ngrok.ngrok.plugins.module_utils._declaration import item_path
from ansible_collections.ngrok.ngrok.plugins.module_utils._errors import EngineError
from ansible_collections.ngrok.ngrok.plugins.module_utils._fields import CLEAR
from ansible_collections.ngrok.ngrok.plugins.module_utils._plan import (
    blocked_message,
    desired,
    identity_complete,
    oldest_of,
    plan_object,
    replacement_body,
)
from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.registry import by_plural


class Actions(object):
    """The API calls of one task, through ``client``, looking objects up with ``lookup`` (a ``_lookup.Lookup``).

    ``deduplicate``: after creating an object whose natural key the API does not keep unique, look for a twin a run at
    the same time created (a task converging many objects does it once per type instead)."""

    def __init__(self, client, lookup, warnings, deduplicate=True):
        self.client = client
        self.lookup = lookup
        self.warnings = warnings
        self.deduplicate = deduplicate

    # -- create ----------------------------------------------------------------------------------------

    def create(self, resource, body, identity):
        """POST, recovering from a lost answer by looking the object up again (never a blind re-send)."""
        recover = None
        if identity and identity_complete(resource, identity):
            def recover():
                found = self.lookup.find_by(resource, identity, fresh=True)
                if len(found) == 1:
                    warning = ("The API's answer to the create request was lost; the {0} was found by its {1} and is used "
                               "as the result.".format(resource.human, " and ".join(f.name for f in identity)))
                    if resource.shown_once:
                        warning += (" The API shows its {0} only in that lost answer, so it cannot be returned: delete the"
                                    " {1} and create it again if you need it.".format(" and ".join(resource.shown_once),
                                                                                      resource.human))
                    self.warnings.append(warning)
                    return 201, found[0]
                return None
        # Where the API refuses a second object with this identity, a create sent again cannot make a duplicate.
        refused = bool(recover) and resource.identity_is_unique and not resource.may_have_twin(body)
        created = self.client.post(resource.path, body, on_unknown_outcome=recover, duplicate_refused=refused)
        if isinstance(created, dict):
            self.lookup.created(resource.path, created)
        return created

    def create_or_adopt(self, resource, body, wanted, identity, resend_write_only=False):
        """Create the object; when a run at the same time created it first, adopt that one. Returns
        ``(object, created)``.

        Where the API keeps the natural key unique, its refusal of the create is answered by looking the object up
        again: found, it is converged to ``wanted`` instead. Where it does not (descriptions, pooled endpoints' URLs:
        ``Resource.may_have_twin``), the object is looked up after the create: should a twin exist, both runs keep the
        oldest and the newer one is deleted, so two runs end with one object."""
        complete = bool(identity) and identity_complete(resource, identity)
        try:
            created = self.create(resource, body, identity)
        except NgrokAPIError as exc:
            conflict = exc.status_code == 409 or exc.error_code in resource.conflict_codes
            if not (complete and resource.identity_is_unique and conflict):
                raise
            found = self.lookup.find_by(resource, identity, fresh=True)
            if len(found) != 1:
                raise
            self.warnings.append("The API refused to create the {0} ({1}) because it exists now: a run at the same "
                                 "time created it. It was adopted.".format(resource.human, exc.error_code or exc.status_code))
            return self.adopt(resource, found[0], wanted, resend_write_only), False
        if complete and resource.may_have_twin(created) and self.deduplicate:
            found = self.lookup.find_by(resource, identity, fresh=True)
            oldest = oldest_of(found)
            if oldest is not None and oldest.get("id") != created.get("id"):
                self.delete(resource, created)
                self.warnings.append("Another {0} with the same {1} was created at the same time ({2}); it was kept, and "
                                     "the one this task created was deleted.".format(
                                         resource.human, " and ".join(f.name for f in identity), oldest.get("id")))
                return self.adopt(resource, oldest, wanted, resend_write_only), False
        return created, True

    def adopt(self, resource, obj, wanted, resend_write_only=False):
        """Converge an object another run created to ``wanted``."""
        plan = plan_object(resource, obj, wanted, resend_write_only=resend_write_only)
        if plan.action == "blocked":
            raise EngineError(blocked_message(resource, plan))
        if plan.action == "update":
            return self.update(resource, obj, plan)
        return obj

    # -- update and delete ---------------------------------------------------------------------------------

    def verify_targets(self, resource, plan):
        """Before an update that clears something and then sets an id of another object, check that the object
        exists: a refused id must fail the task before the clear has changed anything."""
        if not (plan.clears and plan.patch):
            return
        for field in resource.fields:
            value = plan.patch.get(field.api_name)
            if field.refers_by_id is None or not value or value is CLEAR:
                continue
            target = by_plural(field.refers_by_id)
            if self.lookup.get(target, value) is None:
                raise EngineError("{0}: no {1} {2} exists; nothing was changed".format(field.name, target.human, value))

    def update(self, resource, current, plan):
        item = resource.item_path(current["id"])
        after = None
        self.verify_targets(resource, plan)
        for field in plan.clears:
            self.client.delete(item + field.clear_path)
        if plan.patch:
            try:
                after = self.client.patch(item, plan.patch)
            except NgrokAPIError as exc:
                hints = [f.if_refused for f in resource.fields if f.if_refused and f.api_name in plan.patch]
                if hints and exc.status_code and 400 <= exc.status_code < 500 and exc.status_code not in (404, 429):
                    exc.msg = "{0}. {1}".format(exc.msg.rstrip("."), " ".join(hints))
                raise
        if after is None:
            after = self.client.get(item)
        self.lookup.updated(resource.path, after)
        return after

    def delete(self, resource, obj):
        self.client.delete(resource.item_path(obj["id"]))
        self.lookup.deleted(resource.path, obj["id"])

    # -- replace -----------------------------------------------------------------------------------------

    def move_users(self, resource, old, new):
        """Point what refers to ``old`` (the domains serving a certificate) at its replacement ``new``."""
        for users in resource.used_by:
            for user in self.lookup.users_of(users, old["id"]):
                try:
                    moved = self.client.patch(item_path(users.path, user["id"]), {users.patch_field: new["id"]})
                except NgrokAPIError as exc:
                    raise EngineError("the new {0} {1} was created, but {2} {3}, which uses the old one ({4}), could not "
                                      "be pointed at it: {5}. Both remain.".format(
                                          resource.human, new.get("id"), users.list_key.replace("_", " ")[:-1],
                                          user["id"], old["id"], exc), **{resource.name: resource.public_view(new)})
                self.lookup.updated(users.path, moved)
                self.warnings.append("{0} {1} now uses {2} {3} instead of {4}.".format(
                    users.list_key.replace("_", " ")[:-1], user.get("domain") or user["id"], resource.human, new.get("id"),
                    old["id"]))

    def replace(self, resource, plan, identity):
        """Create the new object and delete the old one, in the order that never leaves neither."""
        old = plan.current
        if not resource.identity_is_unique:
            return self._replace_creating_first(resource, plan, old)
        # The API refuses two objects with the same identity: the old one must go first. Should the new one
        # be refused, the old one is re-created as it was.
        self.delete(resource, old)
        try:
            return self.create(resource, plan.body, identity)
        except NgrokAPIError as exc:
            restore = replacement_body(resource, old, {})
            try:
                restored = self.create(resource, restore, identity)
            except NgrokAPIError as again:
                raise EngineError("the {0} {1} was deleted to be replaced, the new one was refused ({2}), and re-creating "
                                  "the old one failed too ({3})".format(resource.human, old["id"], exc, again))
            raise EngineError("the new {0} was refused ({1}); the old one was re-created as it was, with the new id "
                              "{2}".format(resource.human, exc, restored.get("id")),
                              **{resource.name: resource.public_view(restored)})

    def _replace_creating_first(self, resource, plan, old):
        created = self.create(resource, plan.body, {})
        self.move_users(resource, old, created)
        try:
            self.delete(resource, old)
        except NgrokAPIError as exc:
            if exc.api_not_found:
                # Deleted meanwhile: the replacement is all that is left, as asked.
                return created
            refused = exc.as_result()
            if not (exc.status_code and 400 <= exc.status_code < 500 and exc.status_code != 404):
                # The old object may be gone (no answer, a server error): the new one must stay.
                refused[resource.name] = resource.public_view(created)
                raise EngineError("the new {0} {1} was created, but the old one ({2}) could not be deleted: {3}. "
                                  "Delete it by id.".format(resource.human, created.get("id"), old["id"], exc), **refused)
            # The API refused (the old object is in use, say) and keeps it: take the new one back, so that one is
            # left, with what was pointed at the new one pointed back.
            try:
                self.move_users(resource, created, old)
                self.delete(resource, created)
            except NgrokAPIError as again:
                refused[resource.name] = resource.public_view(created)
                raise EngineError("the new {0} {1} was created, but the old one ({2}) could not be deleted: {3}; "
                                  "deleting the new one again failed too ({4}). Delete one of them by id.".format(
                                      resource.human, created.get("id"), old["id"], exc, again), **refused)
            refused[resource.name] = resource.public_view(old)
            raise EngineError("the {0} {1} could not be deleted to be replaced: {2}. The new one ({3}) was deleted "
                              "again: the {0} is as it was.".format(resource.human, old["id"], exc, created.get("id")),
                              **refused)
        return created

    # -- children ----------------------------------------------------------------------------------------

    def apply_children(self, children, plans):
        """Run the children's plans: creations first, then updates, replacements, deletions. Returns the objects
        after, in the order of the plans."""
        child = children.resource
        results = {}
        for action in ("create", "update", "replace", "delete", "none", "keep"):
            for plan, key in plans:
                if plan.action != action:
                    continue
                identity = {children.key: key, children.parent_field: plan.body.get(children.parent_field.api_name)}
                if action == "create":
                    results[key] = self.create_or_adopt(child, plan.body, desired(child, plan.body), identity)[0]
                elif action == "update":
                    results[key] = self.update(child, plan.current, plan)
                elif action == "replace":
                    results[key] = self.replace(child, plan, identity)
                elif action == "delete":
                    self.delete(child, plan.current)
                else:
                    results[key] = plan.current
        return [results[key] for _plan, key in plans if key in results]
