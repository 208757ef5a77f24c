# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""What an option of a resource module is: the vocabulary of fields (private to this collection).

A :class:`Field` is both a module option and an API field: how it is read from an object, normalised, compared,
sent, predicted and checked. A :class:`Refers` says which other objects its value designates, and a
:class:`Reference` is an option that names another object by its natural key instead of by id. ``_declaration.py``
builds resources from them; nothing here talks to the API.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

from ansible_collections.ngrok.ngrok.plugins.module_utils._data import has_path, without_paths


def ref_id(key):
    """Read the id of a ``{id, uri}`` reference the API returns under ``key``."""
    def read(obj):
        return (obj.get(key) or {}).get("id") or ""
    return read


# The sizes ngrok documents for the description and metadata of every resource, in bytes of UTF-8.
DESCRIPTION_MAX_BYTES = 255
METADATA_MAX_BYTES = 4096


def description_field(identity=False):
    return Field("description", identity=identity, max_bytes=DESCRIPTION_MAX_BYTES)


def owner_field():
    """The user or service user who owns a credential or key (a service user by name: ``owner_reference``)."""
    return Field("owner_id", update=False, owner=True)


def metadata_to_api(value):
    """Metadata as the API keeps it, text: a mapping or a list (anything but text) is sent as compact JSON."""
    if isinstance(value, str):
        return value
    return json.dumps(value, sort_keys=True, separators=(",", ":"))


def metadata_field():
    return Field("metadata", spec={"type": "raw"}, to_api=metadata_to_api, max_bytes=METADATA_MAX_BYTES)


class _Clear(object):
    """The value a field's ``to_api`` returns to ask for the field to be removed (DELETE of a sub-path)."""

    def __repr__(self):
        return "CLEAR"


CLEAR = _Clear()


class _NoDefault(object):
    """What a field's ``api_default`` is when the API's default is not declared."""

    def __repr__(self):
        return "NO_DEFAULT"


NO_DEFAULT = _NoDefault()


def same(have, want, as_set=False):
    """Compare two values in request form. Lists compare in order unless ``as_set``; dicts compare exactly."""
    if as_set and isinstance(have, list) and isinstance(want, list):
        return set_key(have) == set_key(want)
    if isinstance(want, dict) and isinstance(have, dict):
        return set(want) == set(have) and all(same(have[k], v) for k, v in want.items())
    if isinstance(want, list) and isinstance(have, list):
        return len(want) == len(have) and all(same(h, w) for h, w in zip(have, want))
    return have == want


def set_key(values):
    """A key equal for two lists that hold the same values, in any order, any number of times."""
    return sorted(set(repr(v) for v in values))


def _as_list(value):
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


class Refers(object):
    """The objects of another collection that a field's value designates: the targets of a reference.

    ``Refers("ip_policies")`` on a field holding IP policy ids; ``Refers("reserved_domains", key="domain",
    values=hosts_of_url)`` on an endpoint's URL, which lives on a reserved domain. What a task converging many objects
    makes of it: an object that something refers to is never pruned, and is deleted only when nothing that stays refers
    to it. It also orders the types (targets before the objects that refer to them).

    :param target: the API's plural name of the objects designated.
    :param key: how a target object is matched: ``"id"``, the name of one of the target's fields (compared the way
        that field compares, normalised) or of a response key, or ``f(target object)``.
    :param values: ``f(value in request form)`` giving the keys the value designates; default: the value, or each item
        of a list. Applied alike to an option and to what the API holds (``Field.read``).
    :param cascade: deleting the target deletes the object that refers to it (the rules of an IP policy): such an
        object does not keep its target from a prune; an item of the task that names the target still does.
    :param required: the API refuses a value that designates no object (an id that does not exist, a vault name
        no vault has), so a task converging many objects checks it against the listings, check mode included.
    """

    def __init__(self, target, key="id", values=None, cascade=False, required=False):
        self.target = target
        self.key = key
        self._values = values or _as_list
        # The value is the key itself (or a list of keys), not something the keys are found in (a URL, a policy).
        self.direct = values is None
        self.cascade = cascade
        self.required = required

    def values(self, value):
        """The keys ``value`` designates (empty ones left out)."""
        if value is None or value is CLEAR:
            return []
        return [v for v in self._values(value) if v not in (None, "", (), [])]

    def key_of(self, target, obj):
        """The key of ``obj``, an object of the target resource ``target``, in the form :meth:`values` gives."""
        if callable(self.key):
            return self.key(obj)
        if self.key != "id":
            try:
                field = target.field(self.key)
            except KeyError:
                field = None
            if field is not None:
                return field.normalize(field.read(obj))
        return obj.get(self.key)

    def normalize(self, target, value):
        """A designated key in the form :meth:`key_of` gives."""
        if isinstance(self.key, str) and self.key != "id":
            try:
                return target.field(self.key).normalize(value)
            except KeyError:
                pass
        return value


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
    :param refers: :class:`Refers` declarations: the other objects the value designates (ids of IP policies, the
        domain a URL lives on, the policies inside a traffic policy). The ids a field holds whose objects a
        :class:`Reference` option can also name are declared by that Reference, not here.
    :param max_bytes: the most bytes (UTF-8) the API takes for the value, checked before any request.
    :param if_refused: text added to the API's error when it refuses an update that changes the field (4xx), for a
        field whose changeability ngrok's sources disagree on: it says what to do instead.
    :param min_items: for a list, the fewest items the API takes (an IP restriction needs a policy), checked before
        any request.

    What an export of the account (``ngrok_account_info``) needs to write the field as an option:

    :param api_default: the value (option form) the API gives the field when a create leaves it out, or
        ``f(obj)`` giving it for an object (a custom domain gets a managed certificate policy); an export leaves out
        a value equal to it. Unset: only empty values are left out.
    :param to_option: ``f(value)`` giving the option's form of what ``read`` gives, when they differ (``resolves_to``
        is read as ``[{"value": ...}]`` and given as a list of text).
    :param clear_option: the option value that asks for no value (``{"enabled": False}``), for an object whose field
        is empty where the API would fill it on create.
    :param derived_when: ``f(obj)`` true when the API, not the task, set the value (the certificate ngrok manages for
        a domain with a management policy): not exported, and the object it designates is ngrok's own.
    :param not_portable: ``f(option value)`` giving why another account cannot take the value as it is (a subdomain
        of ngrok's, which only one account can reserve), or None.
    :param owner: the value is the id of the user or service user that owns the object; the API makes the owner of
        the API key that creates the object its owner when none is sent.
    """

    def __init__(self, name, spec=None, create=True, update=True, api_name=None, read=None, normalize=None, to_api=None,
                 clear_path=None, predict=None, compare=True, write_only=False, identity=False, filter_field=None,
                 empty="", diff_view=None, compare_as=None, check=None, secret_paths=(), refuse_change=None,
                 replace_keeps=True, refers=(), max_bytes=None, min_items=None, api_default=NO_DEFAULT,
                 to_option=None, clear_option=None, derived_when=None, not_portable=None, owner=False, if_refused=None):
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
        self.refers = list(refers)
        self.max_bytes = max_bytes
        self.min_items = min_items
        self._api_default = api_default
        self._to_option = to_option
        self.clear_option = clear_option
        self.derived_when = derived_when
        self._not_portable = not_portable
        self.owner = owner
        self.if_refused = if_refused

    @property
    def refers_by_id(self):
        """The plural name of the objects whose id (or ids) the field holds as its value, or None."""
        for refers in self.refers:
            if refers.key == "id" and refers.direct:
                return refers.target
        return None

    def size_problem(self, value):
        """Why the API would refuse ``value`` (the option's value) for its size, or None."""
        if self.min_items is not None and isinstance(value, list) and len(value) < self.min_items:
            return "must list at least {0} item{1}".format(self.min_items, "" if self.min_items == 1 else "s")
        if self.max_bytes is None or value is None:
            return None
        sent = self.to_api(value)
        if sent is CLEAR or not isinstance(sent, str):
            return None
        size = len(sent.encode("utf-8"))
        if size > self.max_bytes:
            return "is {0} bytes long; the API takes at most {1} bytes".format(size, self.max_bytes)
        return None

    def api_default(self, obj):
        """The value the API gives the field of ``obj`` when a create leaves it out, or NO_DEFAULT."""
        if callable(self._api_default):
            return self._api_default(obj)
        return self._api_default

    def to_option(self, value):
        """What ``read`` gives, in the form the option takes."""
        return self._to_option(value) if self._to_option is not None else value

    def not_portable(self, value):
        """Why another account cannot take the option value as it is, or None."""
        return self._not_portable(value) if self._not_portable is not None else None

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

    def __init__(self, option, field, target, key, many=False, cascade=False, id_required=True):
        self.option = option
        self.field = field
        self.target = target
        self.key = key
        self.many = many
        # Deleting the target deletes the object that refers to it (see Refers.cascade).
        self.cascade = cascade
        # The id field takes only ids of the target (False: other ids too, as an owner may be a user).
        self.id_required = id_required

    @property
    def by_id(self):
        """The :class:`Refers` of the id field: the target's objects by id (the API refuses an id of none, unless the
        field takes ids of other objects too)."""
        return Refers(self.target.plural, cascade=self.cascade, required=self.id_required)

    @property
    def by_key(self):
        """The :class:`Refers` of the option: the target's objects by their natural key."""
        return Refers(self.target.plural, key=self.key, cascade=self.cascade)

    @property
    def spec(self):
        if self.many:
            return {"type": "list", "elements": "str"}
        return {"type": "str"}
