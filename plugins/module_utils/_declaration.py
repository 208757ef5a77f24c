# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""What an ngrok API resource is, declared as data for the engine (private to this collection).

A :class:`Resource` names the API's paths and list key, the :class:`~._fields.Field` list (each field is both a
module option and an API field), the fields that identify an object when no ``id`` is given, which of them the API
can filter on, and the pieces that need more than a field: :class:`~._fields.Reference` options (another object
named by its natural key), :class:`Children` (sub-resources reconciled from one listing, such as the rules of an IP
policy), :class:`SubListing` lists the API keeps under each object, and :class:`UsedBy` objects that refer to one by
id. The declarations of ngrok's resources are in the ``_resources`` package; nothing here talks to the API.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import re
from urllib.parse import quote

REDACTED = "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER"


COMMON_FILTER_FIELDS = ("id", "created_at", "description", "metadata")


def with_article(human):
    """A human name with its article: "an IP policy", "a reserved domain"."""
    article = "an" if human[:1].lower() in "aeio" or human.startswith(("IP", "API", "SSH")) else "a"
    return "{0} {1}".format(article, human)


def item_path(collection_path, object_id):
    """The path of one object of a collection, its id escaped."""
    return "{0}/{1}".format(collection_path, quote(str(object_id), safe=""))


class UsedBy(object):
    """Objects of another collection that refer to an object by its id.

    ``UsedBy("/reserved_domains", "reserved_domains", "certificate.id", "certificate_id")``: the reserved domains
    whose ``certificate.id`` (a field the list can filter on) is the object's id, re-pointed with a PATCH of
    ``certificate_id``.
    """

    def __init__(self, path, list_key, filter_field, patch_field):
        self.path = path
        self.list_key = list_key
        self.filter_field = filter_field
        self.patch_field = patch_field


class Children(object):
    """Sub-resources given inline (the rules of an IP policy) and reconciled from one listing of them.

    :param option: the parent module's option holding the list of desired children.
    :param resource: the children's :class:`Resource`.
    :param parent_field: the child field that holds the parent's id (``ip_policy_id``).
    :param key: the child field that identifies a child within its parent (``cidr``).
    :param purge_option: the parent module's bool option: delete the children that are not listed.
    """

    def __init__(self, option, resource, parent_field, key, purge_option):
        self.option = option
        self.resource = resource
        self.parent_field = resource.field(parent_field)
        self.key = resource.field(key)
        self.purge_option = purge_option

    @property
    def fields(self):
        """The child fields a list item may set (every field but the parent reference)."""
        return [f for f in self.resource.fields if f is not self.parent_field]

    def spec(self):
        options = dict((f.name, dict(f.spec)) for f in self.fields)
        options[self.key.name]["required"] = True
        return {
            self.option: {"type": "list", "elements": "dict", "options": options},
            self.purge_option: {"type": "bool", "default": False},
        }

    def list_filter(self, parent_id):
        """The condition selecting this parent's children, or None when the API cannot filter on the parent."""
        if self.resource.can_filter(self.parent_field.filter_field):
            return (self.parent_field.filter_field, parent_id)
        return None


class SubListing(object):
    """A list the API keeps under each object (``/kubernetes_operators/{id}/bound_endpoints``).

    ``_info`` modules offer a bool option named ``key`` that adds the list to each object under ``key``, read page by
    page from ``<item path><path>``, whose answer holds the list under ``list_key``.
    """

    def __init__(self, key, path, list_key):
        self.key = key
        self.path = path
        self.list_key = list_key


class Resource(object):
    """Declaration of one API resource.

    :param name: singular snake name (``reserved_domain``): the result key of the module.
    :param plural: the API's plural name (``reserved_domains``): the result key of the ``_info`` module.
    :param path: collection path (``/reserved_domains``).
    :param list_key: key of the list in the API's list answer; None when the API has no list (abuse reports).
    :param fields: the :class:`Field` list.
    :param id_prefix: the prefix of the resource's ids (``rd``), or None where ngrok documents none (then an id is
        any prefix of lower-case words and digits joined by ``_``, then ``_`` and letters and digits).
    :param response_keys: every key the API's object has; a predicted object has them all (null when only the
        API can know the value).
    :param filterable_fields: the fields ngrok documents as usable in a CEL ``filter`` of the list; empty when
        the list takes no filter.
    :param scope: ``{filter field: value}`` every managed object has (only cloud endpoints are managed).
    :param shown_once: response keys the API fills only in the create answer (tokens).
    :param human: how messages name the resource ("reserved domain").
    :param required_for_create: options that must be set to create one.
    :param identity_is_unique: the API refuses two objects with the same identity. When False (descriptions),
        ``replace`` creates the new object before deleting the old one, so there is never neither.
    :param references: :class:`Reference` options.
    :param children: a :class:`Children` declaration, or None.
    :param derive: ``f(predicted obj, body, current obj or None)`` adjusting a predicted object the way the API
        derives values from the inputs.
    :param write_only_option: name of the option saying when updatable write-only values are sent again.
    :param offers_replace: the module offers ``replace`` (delete and create again when a create-only field differs).
    :param mutually_exclusive: groups of options that cannot be set together.
    :param check: ``f(params)`` raising ``EngineError`` for a rule between options the argument spec cannot say.
    :param conflict_codes: the API's error codes for "an object with this natural key exists" (besides HTTP 409):
        a create refused with one is answered by adopting that object.
    :param twins_possible: whether the API may accept a second object with the same identity, so that two runs at
        the same time can both create one: True, False, or ``f(created object)`` (pooled cloud endpoints share their
        URL). After such a create the object is looked up again and twins keep the oldest. Default: where the
        identity is not unique.
    :param depends_on: plural names of resources that must exist first (an endpoint's domain), besides the
        targets of its references; a task converging many resources orders them by this.
    :param sub_listings: :class:`SubListing` lists the API keeps under each object, which ``_info`` modules can add.
    :param used_by: :class:`UsedBy` declarations of the objects that refer to one of this resource by id (the
        reserved domains that serve an uploaded certificate): ``replace`` points them at the new object before it
        deletes the old one.
    :param module_states: the states of the resource's module ``ngrok_<name>``, the first being the default; empty for a
        resource that has only an ``_info`` module. ``("absent",)`` for objects that only their users create (application
        sessions). A task converging many resources takes only the types that have a module and a list.
    :param create_without_id: for a resource that only an id designates: the module's ``id`` is optional, and a task
        without it creates a new object on every run, like a command (filing an abuse report); otherwise ``id`` is
        required for such a resource.
    :param assigned: response keys whose value ngrok makes when it creates the object (the address of a reserved
        address, the key pair of an SSH certificate authority): the same object created in another account has
        another value.
    """

    def __init__(self, name, plural, path, list_key, fields, id_prefix=None, response_keys=(), filterable_fields=(),
                 scope=None, shown_once=(), human=None, required_for_create=(), identity_is_unique=True, references=(),
                 children=None, derive=None, write_only_option=None, offers_replace=False, mutually_exclusive=(),
                 check=None, depends_on=(), conflict_codes=(), sub_listings=(), twins_possible=None, used_by=(),
                 module_states=("present", "absent"), create_without_id=False, assigned=()):
        self.name = name
        self.plural = plural
        self.path = path
        self.list_key = list_key
        self.fields = list(fields)
        self.id_prefix = id_prefix
        self.response_keys = tuple(response_keys)
        self.filterable_fields = frozenset(filterable_fields)
        self.scope = dict(scope or {})
        self.shown_once = tuple(shown_once)
        self.human = human or name.replace("_", " ")
        self.required_for_create = tuple(required_for_create)
        self.identity_is_unique = identity_is_unique
        self._twins_possible = (not identity_is_unique) if twins_possible is None else twins_possible
        self.references = list(references)
        self.children = children
        self.derive = derive
        self.write_only_option = write_only_option
        self.offers_replace = offers_replace
        self.mutually_exclusive = [list(group) for group in mutually_exclusive]
        self.check = check
        self.depends_on = tuple(depends_on)
        self.conflict_codes = frozenset("ERR_NGROK_{0}".format(c) for c in conflict_codes)
        self.sub_listings = list(sub_listings)
        self.used_by = list(used_by)
        self.module_states = tuple(module_states)
        self.create_without_id = create_without_id
        self.assigned = tuple(assigned)
        if id_prefix:
            self._id_form = re.compile(r"^{0}_[A-Za-z0-9]+$".format(re.escape(id_prefix)))
        else:
            # An undocumented prefix may have words of its own (app_user_...): any lower-case words joined by "_".
            self._id_form = re.compile(r"^[a-z0-9]+(_[a-z0-9]+)*_[A-Za-z0-9]+$")

    def may_have_twin(self, created):
        """True when a run at the same time may have created another object with the identity of ``created``."""
        if callable(self._twins_possible):
            return bool(self._twins_possible(created or {}))
        return bool(self._twins_possible)

    @property
    def a_human(self):
        """The resource's human name with its article: "an IP policy", "a reserved domain"."""
        return with_article(self.human)

    @property
    def filterable(self):
        return bool(self.filterable_fields)

    def field(self, name):
        for field in self.fields:
            if field.name == name:
                return field
        raise KeyError(name)

    @property
    def identity_fields(self):
        return [f for f in self.fields if f.identity]

    @property
    def identity_groups(self):
        """[(group name, [fields])] in declaration order; one field of each group designates the object."""
        groups = []
        for field in self.identity_fields:
            for name, members in groups:
                if name == field.identity_group:
                    members.append(field)
                    break
            else:
                groups.append((field.identity_group, [field]))
        return groups

    def can_filter(self, filter_field):
        """True when ngrok documents ``filter_field`` (or, for ``a.b``, the field ``a``) as filterable here."""
        return filter_field in self.filterable_fields or filter_field.split(".")[0] in self.filterable_fields

    @property
    def convergeable(self):
        """True when a task converging many resources takes this type: it has a resource module and can be listed."""
        return bool(self.module_states) and self.list_key is not None

    def refers(self):
        """``[(option name, Refers)]``: every option whose value designates other objects, by id or by natural key
        (the fields' :class:`Refers` and both sides of each :class:`Reference`)."""
        found = []
        for field in self.fields:
            found.extend((field.name, refers) for refers in field.refers)
        for ref in self.references:
            found.append((ref.field, ref.by_id))
            found.append((ref.option, ref.by_key))
        return found

    def reference_for(self, field):
        for ref in self.references:
            if ref.field == field.name:
                return ref
        return None

    def check_id(self, object_id, option="id"):
        """An error message when ``object_id`` is not an id of this resource, else None."""
        if self._id_form.match(object_id or ""):
            return None
        form = "{0}_...".format(self.id_prefix) if self.id_prefix else "prefix_..."
        return "{0} must be the id of {1} ({2}, letters and digits after the prefix), got {3!r}".format(
            option, self.a_human, form, object_id)

    def item_path(self, object_id):
        return item_path(self.path, object_id)

    def argument_spec(self):
        """The module options of the resource's fields, references and children."""
        spec = dict((f.name, dict(f.spec)) for f in self.fields)
        for ref in self.references:
            spec[ref.option] = ref.spec
        if self.children is not None:
            spec.update(self.children.spec())
        if self.write_only_option:
            spec[self.write_only_option] = {"type": "str", "default": "on_create", "choices": ["always", "on_create"],
                                            "no_log": False}
        return spec

    def empty_object(self):
        """A predicted object: every response key, null until something fills it."""
        return dict.fromkeys(self.response_keys)

    def public_view(self, obj):
        """The object as modules return it: write-only values, and the secrets nested in mappings, removed; every
        documented key there, null where the API leaves it out (an agent endpoint's fields on a cloud endpoint), so
        that templates read real results, lists and check-mode predictions alike."""
        if obj is None:
            return None
        view = copy.deepcopy(obj)
        if isinstance(view, dict) and view:
            for key in self.response_keys:
                view.setdefault(key, None)
        for field in self.fields:
            if field.write_only:
                view.pop(field.api_name, None)
            elif field.secret_paths and isinstance(view.get(field.api_name), dict):
                # The API answers them redacted (empty or null): nothing worth showing, and never a secret.
                view[field.api_name] = field.without_secrets(view[field.api_name])
        return view

    def diff_view(self, obj):
        """The object as ``--diff`` shows it: shown-once values redacted, fields in their readable form."""
        if not obj:
            return {}
        view = self.public_view(obj)
        for key in self.shown_once:
            if view.get(key):
                view[key] = REDACTED
        for field in self.fields:
            if field.diff_view is not None and view.get(field.api_name) not in (None, ""):
                view[field.api_name] = field.diff_view(view[field.api_name])
        if self.children is not None and isinstance(view.get(self.children.option), list):
            # Both sides in the same order (by the children's key), without the nulls a prediction has and the API
            # leaves out, so that the diff shows only the children that change.
            child, key = self.children.resource, self.children.key
            views = [dict((k, v) for k, v in child.diff_view(c).items() if v is not None)
                     for c in view[self.children.option]]
            view[self.children.option] = sorted(views, key=lambda c: str(key.normalize(key.read(c)) or ""))
        return view
