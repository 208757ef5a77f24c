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
    if isinstance(value, (str, type(u""))):
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
        return _set_key(have) == _set_key(want)
    if isinstance(want, dict) and isinstance(have, dict):
        return set(want) == set(have) and all(same(have[k], v) for k, v in want.items())
    if isinstance(want, list) and isinstance(have, list):
        return len(want) == len(have) and all(same(h, w) for h, w in zip(have, want))
    return have == want


def _set_key(values):
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
        if sent is CLEAR or not isinstance(sent, (str, type(u""))):
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
            view[self.children.option] = sorted(views, key=lambda c: u"{0}".format(key.normalize(key.read(c)) or ""))
        return view
