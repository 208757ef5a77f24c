# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""How an ngrok API resource is declared as data for the engine (private to this collection).

A :class:`Resource` names the API's paths and list key, the :class:`Field` list (each field is both a
module option and an API field), the fields that identify an object when no ``id`` is given, which of
them the API can filter on, and the pieces that need more than a field: :class:`Reference` options
(another object named by its natural key) and :class:`Children` (sub-resources reconciled from one
listing, such as the rules of an IP policy).

Nothing here talks to the API; ``_engine.py`` does, from these declarations.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import json
import re

from ansible_collections.ngrok.ngrok.plugins.module_utils._values import has_path, without_paths

try:
    from urllib.parse import quote
except ImportError:  # pragma: no cover - Python 2 fallback for the sanity compile test
    from urllib import quote  # type: ignore

REDACTED = "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER"


COMMON_FILTER_FIELDS = ("id", "created_at", "description", "metadata")


def with_article(human):
    """A human name with its article: "an IP policy", "a reserved domain"."""
    article = "an" if human[:1].lower() in "aeio" or human.startswith(("IP", "API", "SSH")) else "a"
    return "{0} {1}".format(article, human)


def item_path(collection_path, object_id):
    """The path of one object of a collection, its id escaped."""
    return "{0}/{1}".format(collection_path, quote(u"{0}".format(object_id), safe=""))


def ref_id(key):
    """Read the id of a ``{id, uri}`` reference the API returns under ``key``."""
    def read(obj):
        return (obj.get(key) or {}).get("id") or ""
    return read


def description_field(identity=False):
    return Field("description", identity=identity)


def metadata_to_api(value):
    """Metadata as the API keeps it, text: a mapping or a list (anything but text) is sent as compact JSON."""
    if isinstance(value, (str, type(u""))):
        return value
    return json.dumps(value, sort_keys=True, separators=(",", ":"))


def metadata_field():
    return Field("metadata", spec={"type": "raw"}, to_api=metadata_to_api)


class _Clear(object):
    """The value a field's ``to_api`` returns to ask for the field to be removed (DELETE of a sub-path)."""

    def __repr__(self):
        return "CLEAR"


CLEAR = _Clear()


def same(have, want, as_set=False):
    """Compare two values in request form. Lists compare in order unless ``as_set``; dicts compare exactly."""
    if as_set and isinstance(have, list) and isinstance(want, list):
        return _set_key(have) == _set_key(want)
    if isinstance(want, dict) and isinstance(have, dict):
        return set(want) == set(have) and all(same(have[k], v) for k, v in want.items())
    if isinstance(want, list) and isinstance(have, list):
        return len(want) == len(have) and all(same(h, w) for h, w in zip(have, want))
    return have == want


def _set_key(values):
    return sorted(set(repr(v) for v in values))


class Field(object):
    """One option of a resource module and the API field behind it.

    :param name: option name; also the key in request bodies unless ``api_name`` is given.
    :param spec: the option's Ansible argument spec (default ``{"type": "str"}``).
    :param create: sent when the object is created.
    :param update: can be changed with PATCH. ``create and not update`` is a create-only field.
    :param read: ``f(obj)`` giving the API's current value in request form; default ``obj.get(api_name)``
        with ``empty`` for a missing or null key (the API leaves out empty strings).
    :param normalize: ``f(value)`` applied to both sides before comparing, and to what is sent.
    :param to_api: ``f(option value)`` giving the value to send; may return :data:`CLEAR`.
    :param clear_path: sub-path (``/certificate``) whose DELETE removes the field, for :data:`CLEAR`. Without one,
        the API has no way to remove a value once set: asking for its removal is a change only a new object can
        make (it fails, or replaces the object where the module offers ``replace``).
    :param predict: ``f(api value, obj)`` giving the response keys the value produces in a predicted object;
        default ``{api_name: value}``.
    :param compare: ``True``; ``"set"`` for lists whose order has no meaning; ``False`` for a value the API
        accepts but does not echo (never compared).
    :param write_only: the API never returns the value (secret values, private keys): sent, never compared or
        shown; when updatable, sent on update only as the resource's write-only policy option says.
    :param identity: part of the natural key used to find the object when ``id`` is not given: True, or the name
        of a group of fields of which one is enough (a secret's vault is given by ``vault_id`` or ``vault_name``).
    :param compare_as: ``f(value)`` giving the form both sides are compared in, when it differs from the form
        that is sent (a traffic policy is sent as text and compared as data). An identity field with such a form is
        matched in it, and so never through a CEL filter (which could only test the form that is sent).
    :param filter_field: the CEL field (``obj.<it>``) that holds the identity value; default ``api_name``.
    :param diff_view: ``f(api value)`` giving how ``--diff`` shows the field (a traffic policy as data).
    :param check: ``f(option value)`` returning an error message when the value cannot be used, checked before any
        request (a traffic policy that is not YAML or JSON).
    :param secret_paths: paths (tuples of keys) of values inside a mapping that the API never returns (a secret in
        an event target): left out of comparisons, results and diffs; sent again on update only as the resource's
        write-only policy option says.
    :param refuse_change: ``f(current api value, wanted api value)`` giving why the API refuses to make that change
        by update (a different kind of event target), or None when it can. A refused change is handled like a
        change to a create-only field: the task fails before any change, or replaces the object where the module
        offers ``replace``.
    :param replace_keeps: a replacement (``replace``) is created with the old object's value when the task does not
        set it. False for values the API fills from the moment of creation (a certificate's validity period), which a
        replacement gets afresh, and for inputs that only fit with the old object's other values.
    :param if_refused: text added to the API's error when it refuses an update that changes the field (4xx), for a
        field whose changeability ngrok's sources disagree on: it says what to do instead.
    :param refers_to: ``(collection path, human name)`` of the objects whose id the field holds (a domain's uploaded
        certificate). An update that must clear something before it can set the field (the managed certificate
        policy before an uploaded certificate) reads the object first, so that an id that does not exist fails the
        task before anything is cleared.
    """

    def __init__(self, name, spec=None, create=True, update=True, api_name=None, read=None, normalize=None, to_api=None,
                 clear_path=None, predict=None, compare=True, write_only=False, identity=False, filter_field=None,
                 empty="", diff_view=None, compare_as=None, check=None, secret_paths=(), refuse_change=None,
                 replace_keeps=True, refers_to=None, if_refused=None):
        self.name = name
        self.spec = dict(spec or {"type": "str"})
        self.api_name = api_name or name
        self.create = create
        self.update = update
        self._read = read
        self.normalize = normalize or (lambda v: v)
        self._to_api = to_api
        self.clear_path = clear_path
        self._predict = predict
        self.compare = compare
        self.write_only = write_only
        self.identity = identity
        self.filter_field = filter_field or self.api_name
        self.empty = empty
        self.diff_view = diff_view
        self.secret_paths = tuple(tuple(p) for p in secret_paths)
        self._compare_as = compare_as or (lambda v: v)
        # True when the compared form differs from the sent one: a CEL filter cannot test it.
        self.compared_in_own_form = compare_as is not None
        self.check = check
        self._refuse_change = refuse_change
        self.replace_keeps = replace_keeps
        self.refers_to = refers_to
        self.if_refused = if_refused

    def refused_change(self, have, want):
        """Why the API refuses to change the value from ``have`` to ``want`` by update, or None."""
        if self._refuse_change is None:
            return None
        return self._refuse_change(have, want)

    def compare_as(self, value):
        return self._compare_as(self.without_secrets(value))

    def without_secrets(self, value):
        """``value`` without the nested values the API never returns."""
        if not self.secret_paths:
            return value
        return without_paths(value, self.secret_paths)

    def has_secrets(self, value):
        return any(has_path(value, path) for path in self.secret_paths)

    @property
    def identity_group(self):
        """The name of the identity group the field belongs to (its own name when it is alone), or None."""
        if not self.identity:
            return None
        return self.identity if isinstance(self.identity, str) else self.name

    @property
    def create_only(self):
        return self.create and not self.update

    @property
    def as_set(self):
        return self.compare == "set"

    def read(self, obj):
        if self._read is not None:
            return self._read(obj)
        value = obj.get(self.api_name)
        return self.empty if value is None else value

    def to_api(self, value):
        value = self._to_api(value) if self._to_api else value
        if value is CLEAR:
            return value
        return self.normalize(value)

    def predict(self, value, obj):
        value = self.without_secrets(value)
        if self._predict is not None:
            return self._predict(value, obj)
        return {self.api_name: value}

    def same(self, have, want):
        return same(self.compare_as(self.normalize(have)), self.compare_as(want), as_set=self.as_set)


class Reference(object):
    """An option that names another object by its natural key instead of by id.

    ``ip_policy_description: office`` on an IP policy rule is resolved to ``ip_policy_id`` by looking the IP
    policy up by description. ``many=True`` takes a list of keys for a list-of-ids field.
    """

    def __init__(self, option, field, target, key, many=False):
        self.option = option
        self.field = field
        self.target = target
        self.key = key
        self.many = many

    @property
    def spec(self):
        if self.many:
            return {"type": "list", "elements": "str"}
        return {"type": "str"}


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
    """

    def __init__(self, name, plural, path, list_key, fields, id_prefix=None, response_keys=(), filterable_fields=(),
                 scope=None, shown_once=(), human=None, required_for_create=(), identity_is_unique=True, references=(),
                 children=None, derive=None, write_only_option=None, offers_replace=False, mutually_exclusive=(),
                 check=None, depends_on=(), conflict_codes=(), sub_listings=(), twins_possible=None, used_by=()):
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
            view[self.children.option] = sorted(views, key=lambda c: u"{0}".format(key.normalize(key.read(c)) or ""))
        return view
