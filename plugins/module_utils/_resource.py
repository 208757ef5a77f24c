# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The resource engine shared by every ``ngrok_<resource>`` and ``ngrok_<resource>_info`` module.

A resource is declared once as data (:class:`Resource` with its :class:`Field` list). The engine
turns "this should exist like this" into the fewest correct API calls:

* lookup: ``id`` wins; otherwise the resource's identity fields, through a CEL filter where the list
  endpoint accepts one, else by reading every page; more than one match fails with the ids;
* ``state: present``: create, or PATCH only the options the user set whose value differs from the
  API's, compared the way the API normalises them; a change to a create-only field fails (or, where
  the module offers ``replace``, deletes and re-creates);
* ``state: absent``: delete when found;
* check mode sends no mutating request and returns the predicted object; ``--diff`` shows the object
  before and after, with write-only and shown-once values left out.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy

from ansible.module_utils.basic import AnsibleModule, env_fallback, missing_required_lib

from ansible_collections.ngrok.ngrok.plugins.module_utils._client import (
    DEFAULT_API_URL,
    HAS_REQUESTS,
    REQUESTS_IMPORT_ERROR,
    NgrokAPIError,
    NgrokClient,
    cel_and,
    cel_equals,
)

REDACTED = "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER"


def connection_argument_spec():
    """Options every module takes; documented by the ``ngrok.ngrok.connection`` doc fragment."""
    return dict(
        api_key=dict(type="str", no_log=True, fallback=(env_fallback, ["NGROK_API_KEY"])),
        api_url=dict(type="str", default=DEFAULT_API_URL, fallback=(env_fallback, ["NGROK_API_URL"])),
        timeout=dict(type="float", default=30),
        retries=dict(type="int", default=5),
        validate_certs=dict(type="bool", default=True),
    )


class Field(object):
    """One option of a resource module and the API field behind it.

    :param name: option name, also the key in the create/update request body (unless ``api_name``).
    :param create: sent when the object is created.
    :param update: can be changed with PATCH. ``create and not update`` is a create-only field.
    :param read: ``f(obj)`` returning the API's current value in request form; default ``obj.get(name)``
        with ``empty`` for a missing key (the API omits empty strings).
    :param normalize: ``f(value)`` applied to both sides before comparing (and to what is sent).
    :param to_api: ``f(option value)`` giving the value to send; may return :data:`CLEAR`.
    :param clear_path: sub-path (e.g. ``/certificate``) whose DELETE clears the field; used when
        ``to_api`` returns :data:`CLEAR`.
    :param predict: ``f(api value, current obj)`` giving the response keys the value produces, for
        the object predicted in check mode; default ``{name: value}``.
    :param compare: False for a field the API accepts but does not echo (never compared).
    :param write_only: the API never returns the value (secret values, private keys): sent on create,
        never compared, never shown.
    :param identity: part of the resource's natural key used for lookup when ``id`` is not given.
    :param filter_field: CEL field used to look the identity up (default ``name``).
    """

    def __init__(self, name, create=True, update=True, read=None, normalize=None, to_api=None, clear_path=None,
                 predict=None, compare=True, write_only=False, identity=False, filter_field=None, api_name=None,
                 empty=""):
        self.name = name
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

    @property
    def create_only(self):
        return self.create and not self.update

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

    def predict(self, value, current):
        if self._predict is not None:
            return self._predict(value, current)
        return {self.api_name: value}


class _Clear(object):
    def __repr__(self):
        return "CLEAR"


CLEAR = _Clear()


class Resource(object):
    """Declaration of one API resource.

    :param name: singular snake name (``reserved_domain``): the result key of the module.
    :param plural: plural name (``reserved_domains``): the result key of the ``_info`` module.
    :param path: collection path (``/reserved_domains``).
    :param list_key: key of the list in the API's list answer.
    :param fields: the :class:`Field` list.
    :param filterable: the list endpoint accepts a CEL ``filter``.
    :param shown_once: response keys the API fills only in the create answer (tokens).
    :param human: how messages name the resource ("reserved domain").
    :param required_for_create: options that must be set to create one (beyond the API's own checks).
    """

    def __init__(self, name, plural, path, list_key, fields, filterable=True, shown_once=(), human=None,
                 required_for_create=()):
        self.name = name
        self.plural = plural
        self.path = path
        self.list_key = list_key
        self.fields = list(fields)
        self.filterable = filterable
        self.shown_once = tuple(shown_once)
        self.human = human or name.replace("_", " ")
        self.required_for_create = tuple(required_for_create)

    def field(self, name):
        for field in self.fields:
            if field.name == name:
                return field
        raise KeyError(name)

    @property
    def identity_fields(self):
        return [f for f in self.fields if f.identity]

    def item_path(self, object_id):
        return "{0}/{1}".format(self.path, object_id)

    def public_view(self, obj):
        """The object as modules return it and show it in diffs."""
        if obj is None:
            return None
        view = copy.deepcopy(obj)
        for field in self.fields:
            if field.write_only:
                view.pop(field.api_name, None)
        return view

    def diff_view(self, obj):
        """The object as ``--diff`` shows it: shown-once values redacted."""
        if not obj:
            return {}
        view = self.public_view(obj)
        for key in self.shown_once:
            if view.get(key):
                view[key] = REDACTED
        return view


class NgrokModule(object):
    """An AnsibleModule wired to the ngrok client, with failures turned into clean results."""

    def __init__(self, argument_spec, **kwargs):
        spec = connection_argument_spec()
        spec.update(argument_spec)
        self.module = AnsibleModule(argument_spec=spec, **kwargs)
        if not HAS_REQUESTS:
            self.module.fail_json(msg=missing_required_lib("requests"), exception=REQUESTS_IMPORT_ERROR)
        params = self.module.params
        if not params.get("api_key"):
            self.module.fail_json(msg="api_key is required: set the api_key option or the NGROK_API_KEY environment variable")
        if params["timeout"] <= 0:
            self.module.fail_json(msg="timeout must be greater than 0, got {0}".format(params["timeout"]))
        if params["retries"] < 0:
            self.module.fail_json(msg="retries must be 0 or more, got {0}".format(params["retries"]))
        api_url = params["api_url"] or DEFAULT_API_URL
        if not (api_url.startswith("https://") or api_url.startswith("http://")):
            self.module.fail_json(msg="api_url must start with https:// or http://, got {0!r}".format(api_url))
        self.client = NgrokClient(
            api_key=params["api_key"],
            api_url=api_url,
            timeout=params["timeout"],
            retries=params["retries"],
            validate_certs=params["validate_certs"],
        )

    @property
    def params(self):
        return self.module.params

    def fail_api(self, exc, **result):
        result.update(exc.as_result())
        self.module.fail_json(msg=str(exc), **result)


class AmbiguousLookup(Exception):
    """More than one object matches the identity options."""


class ResourceEngine(object):
    """Does lookup, create, minimal update, delete, check mode, diff and result shaping."""

    def __init__(self, ngrok_module, resource, replace_option=False):
        self.nm = ngrok_module
        self.module = ngrok_module.module
        self.client = ngrok_module.client
        self.resource = resource
        self.params = ngrok_module.params
        self.replace_option = replace_option
        self.warnings = []

    # -- lookup ----------------------------------------------------------------------------------

    def identity_values(self):
        values = {}
        for field in self.resource.identity_fields:
            value = self.params.get(field.name)
            if value is not None:
                values[field] = field.normalize(value)
        return values

    def lookup(self):
        """The object the options designate, or None. Raises AmbiguousLookup on ambiguity."""
        object_id = self.params.get("id")
        if object_id:
            return self.client.get_or_none(self.resource.item_path(object_id))
        identity = self.identity_values()
        if not identity:
            return None
        matches = self.find_by(identity)
        if len(matches) > 1:
            raise AmbiguousLookup(
                "{0} {1} match {2}: {3}. Give the id option to choose one.".format(
                    len(matches), self.resource.plural.replace("_", " "), self._describe_identity(identity),
                    ", ".join(sorted(m.get("id", "?") for m in matches))))
        return matches[0] if matches else None

    def find_by(self, identity):
        """Objects whose identity fields equal ``identity`` ({Field: normalised value})."""
        cel = None
        if self.resource.filterable:
            cel = cel_and(*[cel_equals(f.filter_field, v) for f, v in identity.items()])
        items = self.client.list(self.resource.path, self.resource.list_key, cel_filter=cel)
        # Check again locally: the filter narrows, the normalised comparison decides.
        return [obj for obj in items if all(f.normalize(f.read(obj)) == v for f, v in identity.items())]

    @staticmethod
    def _describe_identity(identity):
        return " and ".join("{0}={1!r}".format(f.name, v) for f, v in identity.items())

    # -- desired state ---------------------------------------------------------------------------

    def desired(self):
        """{Field: api value} for every option the user set."""
        wanted = {}
        for field in self.resource.fields:
            value = self.params.get(field.name)
            if value is None:
                continue
            wanted[field] = field.to_api(value)
        return wanted

    def create_body(self, wanted):
        body = {}
        for field, value in wanted.items():
            if field.create and value is not CLEAR:
                body[field.api_name] = value
        return body

    def plan_update(self, current, wanted):
        """Return (patch body, fields to clear, create-only fields that differ)."""
        patch, clears, blocked = {}, [], []
        for field, value in wanted.items():
            if field.write_only or not field.compare:
                continue
            have = field.normalize(field.read(current))
            if value is CLEAR:
                if have not in (None, "", {}, []):
                    clears.append(field)
                continue
            if _same(have, value):
                continue
            if field.create_only:
                blocked.append((field, have, value))
            elif field.update:
                patch[field.api_name] = value
        return patch, clears, blocked

    def predict_created(self, body):
        obj = {"id": None, "uri": None, "created_at": None}
        for field in self.resource.fields:
            if field.api_name in body:
                obj.update(field.predict(body[field.api_name], obj))
        return obj

    def predict_updated(self, current, patch, clears):
        obj = copy.deepcopy(current)
        for field in self.resource.fields:
            if field in clears:
                obj.update(field.predict(None, obj))
            elif field.api_name in patch:
                obj.update(field.predict(patch[field.api_name], obj))
        return obj

    # -- actions ---------------------------------------------------------------------------------

    def _create(self, body):
        recover = None
        identity = self.identity_values()
        if identity:
            def recover():
                found = self.find_by(identity)
                if len(found) == 1:
                    warning = "The API's answer to the create request was lost; the {0} was found by its {1} and is used as the result.".format(
                        self.resource.human, " and ".join(f.name for f in identity))
                    if self.resource.shown_once:
                        warning += (" The API shows its {0} only in that lost answer, so it cannot be returned: delete the {1} and"
                                    " create it again if you need it.".format(" and ".join(self.resource.shown_once), self.resource.human))
                    self.warnings.append(warning)
                    return 201, found[0]
                return None
        return self.client.post(self.resource.path, body, on_unknown_outcome=recover)

    def _delete(self, obj):
        self.client.delete(self.resource.item_path(obj["id"]))

    def run_present(self):
        wanted = self.desired()
        try:
            current = self.lookup()
        except AmbiguousLookup as exc:
            self.module.fail_json(msg=str(exc))
        if current is None and self.params.get("id"):
            self.module.fail_json(msg="no {0} with id {1!r} exists; remove the id option to create one".format(
                self.resource.human, self.params["id"]))

        if current is None:
            body = self.create_body(wanted)
            missing = [name for name in self.resource.required_for_create if self.resource.field(name).api_name not in body]
            if missing:
                self.module.fail_json(msg="to create a {0}, set {1}".format(self.resource.human, " and ".join(missing)))
            if self.module.check_mode:
                return self.result(True, None, self.predict_created(body))
            created = self._create(body)
            return self.result(True, None, created, created=True)

        patch, clears, blocked = self.plan_update(current, wanted)
        if blocked:
            if self.replace_option and self.params.get("replace"):
                body = self.create_body(wanted)
                if self.module.check_mode:
                    return self.result(True, current, self.predict_created(body))
                self._delete(current)
                created = self._create(body)
                return self.result(True, current, created, created=True)
            self.module.fail_json(
                msg="cannot change {0} of {1} {2}: it can only be set when the {1} is created ({3}){4}".format(
                    " and ".join(f.name for f, _h, _w in blocked), self.resource.human, current.get("id"),
                    "; ".join("{0} is {1!r}, the task asks for {2!r}".format(f.name, have, want) for f, have, want in blocked),
                    "; set replace=true to delete and re-create it" if self.replace_option else ""),
                **{self.resource.name: self.resource.public_view(current)})
        if not patch and not clears:
            return self.result(False, current, current)
        if self.module.check_mode:
            return self.result(True, current, self.predict_updated(current, patch, clears))
        item = self.resource.item_path(current["id"])
        after = None
        for field in clears:
            self.client.delete(item + field.clear_path)
        if patch:
            after = self.client.patch(item, patch)
        if after is None:
            after = self.client.get(item)
        return self.result(True, current, after)

    def run_absent(self):
        try:
            current = self.lookup()
        except AmbiguousLookup as exc:
            self.module.fail_json(msg=str(exc))
        if current is None:
            return self.result(False, None, None)
        if not self.module.check_mode:
            self._delete(current)
        return self.result(True, current, None)

    def run(self):
        """Entry point of a resource module: converge, then exit_json/fail_json."""
        try:
            if self.params.get("state", "present") == "absent":
                result = self.run_absent()
            else:
                result = self.run_present()
        except NgrokAPIError as exc:
            self.nm.fail_api(exc, changed=False)
        for warning in self.warnings:
            self.module.warn(warning)
        self.module.exit_json(**result)

    def result(self, changed, before, after, created=False):
        res = self.resource
        returned = after if after is not None else before if self.params.get("state") == "absent" else None
        result = {"changed": changed, res.name: res.public_view(returned) or {}}
        if not created:
            # Values the API shows only once are never echoed from a later read.
            for key in res.shown_once:
                if key in result[res.name]:
                    result[res.name][key] = None
        if self.module._diff:
            result["diff"] = {"before": res.diff_view(before), "after": res.diff_view(after)}
        return result


def resource_module(resource, options, mutually_exclusive=None, required_one_of=None, check=None, replace=False):
    """Run a resource module: ``state`` and ``id`` plus ``options`` (argument specs of the resource's fields).

    ``check`` is an optional ``f(ngrok_module)`` for cross-option rules the argument spec cannot express.
    ``replace=True`` adds the ``replace`` option: delete and re-create when a create-only field differs.
    """
    spec = dict(
        state=dict(type="str", default="present", choices=["present", "absent"]),
        id=dict(type="str"),
    )
    if replace:
        spec["replace"] = dict(type="bool", default=False)
    spec.update(options)
    module = NgrokModule(argument_spec=spec, mutually_exclusive=mutually_exclusive or [],
                         required_one_of=required_one_of or [], supports_check_mode=True)
    if check is not None:
        check(module)
    ResourceEngine(module, resource, replace_option=replace).run()


def info_module(resource, identity_options):
    """Run an ``_info`` module: ``id``, ``filter`` (doc fragment ``ngrok.ngrok.info``) and identity options."""
    spec = dict(id=dict(type="str"), filter=dict(type="str"))
    spec.update(identity_options)
    module = NgrokModule(argument_spec=spec,
                         mutually_exclusive=[("id", name) for name in sorted(identity_options)] + [("id", "filter")],
                         supports_check_mode=True)
    run_info(module, resource, identity_options=tuple(sorted(identity_options)))


def run_info(ngrok_module, resource, identity_options=()):
    """Entry point of an ``_info`` module: by ``id``, or every object matching identity options and ``filter``."""
    params = ngrok_module.params
    client = ngrok_module.client
    try:
        if params.get("id"):
            obj = client.get_or_none(resource.item_path(params["id"]))
            items = [obj] if obj is not None else []
        else:
            identity = {}
            for name in identity_options:
                if params.get(name) is not None:
                    field = resource.field(name)
                    identity[field] = field.normalize(params[name])
            user_filter = params.get("filter")
            if user_filter and not resource.filterable:
                ngrok_module.module.fail_json(msg="the {0} list does not accept a filter".format(resource.human))
            cel = None
            if resource.filterable:
                cel = cel_and(*([cel_equals(f.filter_field, v) for f, v in identity.items()] + [user_filter]))
            items = client.list(resource.path, resource.list_key, cel_filter=cel)
            items = [o for o in items if all(f.normalize(f.read(o)) == v for f, v in identity.items())]
    except NgrokAPIError as exc:
        ngrok_module.fail_api(exc, changed=False)
    ngrok_module.module.exit_json(changed=False, **{resource.plural: [resource.public_view(o) for o in items]})


def _same(have, want):
    if isinstance(want, dict) and isinstance(have, dict):
        return all(_same(have.get(k), v) for k, v in want.items())
    if isinstance(want, list) and isinstance(have, list):
        return len(want) == len(have) and all(_same(h, w) for h, w in zip(have, want))
    return have == want
