# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The Ansible side of the collection's modules (private to this collection).

:class:`NgrokModule` is an AnsibleModule with the connection options and an API client, whose :meth:`~NgrokModule.run`
turns every failure into a clean ``fail_json`` (the API's ``error_code``, HTTP status and ``operation_id`` when there
is one; never a traceback, never the API key). :func:`resource_module` and :func:`info_module` are the whole
``main()`` of a resource module and of an ``_info`` module: they build the argument spec from the resource's
declaration and run the engine (``_engine.py``) or the selection (``_select.py``).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible.module_utils.basic import AnsibleModule, env_fallback, missing_required_lib

from ansible_collections.ngrok.ngrok.plugins.module_utils._client import (
    DEFAULT_API_URL,
    HAS_REQUESTS,
    NgrokClient,
    REQUESTS_IMPORT_ERROR,
    insecure_url_warning,
)
from ansible_collections.ngrok.ngrok.plugins.module_utils._errors import NgrokAPIError, NgrokConfigError
from ansible_collections.ngrok.ngrok.plugins.module_utils._engine import ResourceEngine
from ansible_collections.ngrok.ngrok.plugins.module_utils._errors import EngineError
from ansible_collections.ngrok.ngrok.plugins.module_utils._select import narrowing_of, select_objects


def connection_argument_spec():
    """Options every module takes; documented by the ``ngrok.ngrok.connection`` doc fragment."""
    return dict(
        api_key=dict(type="str", no_log=True, fallback=(env_fallback, ["NGROK_API_KEY"])),
        api_url=dict(type="str", default=DEFAULT_API_URL, fallback=(env_fallback, ["NGROK_API_URL"])),
        timeout=dict(type="float", default=30, fallback=(env_fallback, ["NGROK_TIMEOUT"])),
        retries=dict(type="int", default=5, fallback=(env_fallback, ["NGROK_RETRIES"])),
        validate_certs=dict(type="bool", default=True, fallback=(env_fallback, ["NGROK_VALIDATE_CERTS"])),
        ca_path=dict(type="path", fallback=(env_fallback, ["NGROK_CA_PATH"])),
    )


class NgrokModule(AnsibleModule):
    """An AnsibleModule with the connection options and an API client (``client``), whose failures are clean
    results."""

    def __init__(self, argument_spec, **kwargs):
        spec = connection_argument_spec()
        spec.update(argument_spec)
        super(NgrokModule, self).__init__(argument_spec=spec, **kwargs)
        if not HAS_REQUESTS:
            self.fail_json(msg=missing_required_lib("requests"), exception=REQUESTS_IMPORT_ERROR)
        params = self.params
        if params["timeout"] <= 0:
            self.fail_json(msg="timeout must be greater than 0, got {0}".format(params["timeout"]))
        if params["retries"] < 0:
            self.fail_json(msg="retries must be 0 or more, got {0}".format(params["retries"]))
        api_url = params["api_url"] or DEFAULT_API_URL
        if not (api_url.startswith("https://") or api_url.startswith("http://")):
            self.fail_json(msg="api_url must start with https:// or http://, got {0!r}".format(api_url))
        warning = insecure_url_warning(api_url)
        if warning:
            self.warn(warning)
        try:
            self.client = NgrokClient(
                api_key=params["api_key"],
                api_url=api_url,
                timeout=params["timeout"],
                retries=params["retries"],
                validate_certs=params["validate_certs"],
                ca_path=params["ca_path"],
                notify=self.warn,
            )
        except NgrokConfigError as exc:
            self.fail_json(msg=str(exc))

    @property
    def diff_mode(self):
        """True when the task runs with ``--diff`` (or ``diff: true``)."""
        return self._diff

    def mask(self, values):
        """Mask ``values`` (secret values found in the input) in everything the module returns, invocation included."""
        self.no_log_values.update(v for v in values if v)

    def warn_all(self, warnings):
        for warning in warnings:
            self.warn(warning)

    def run(self, work):
        """Call ``work()`` and exit with its result dict; every failure becomes a clean fail_json.

        A failure after a request that changed, or may have changed, something reports ``changed: true``.
        """
        try:
            result = work()
        except EngineError as exc:
            self.fail_cleanly(exc.msg, **exc.result)
        except NgrokAPIError as exc:
            extra = exc.as_result()
            self.fail_cleanly(self.client.redact(str(exc)), **extra)
        except Exception as exc:  # pylint: disable=broad-except
            # Never a traceback: its text could quote request headers.
            self.fail_cleanly(self.client.redact("unexpected error ({0}): {1}".format(type(exc).__name__, exc)))
        self._warn_about_waits()
        self.exit_json(**result)

    def _warn_about_waits(self):
        warning = self.client.wait_warning()
        if warning:
            self.warn(warning)

    def fail_cleanly(self, msg, **result):
        """fail_json, saying whether the account changed (or, for a check-mode plan, would change)."""
        self._warn_about_waits()
        # A check-mode plan says whether the real run would change something (the failure's own ``changed``).
        planned = bool(result.pop("changed", False)) and self.check_mode
        result["changed"] = self.client.may_have_changed or planned
        if self.client.may_have_changed:
            msg += " (an earlier request of this task changed, or may have changed, the account)"
        self.fail_json(msg=msg, **result)


def resource_module(resource, check=None):
    """The ``main()`` of a resource module: ``state``, ``id`` and the options the declaration gives.

    The declaration says which states the module offers (``Resource.module_states``), whether a task may go without
    ``id`` where only an id designates an object (``Resource.create_without_id``), whether the module offers
    ``replace`` (delete and re-create when a create-only field differs), which options exclude each other and which
    rules between options to check (``Resource.check``). ``check`` here is an optional ``f(ngrok_module)`` for what
    only a module does (deprecation warnings).
    """
    states = resource.module_states
    spec = dict(
        state=dict(type="str", default=states[0], choices=list(states)),
        id=dict(type="str", required=not resource.identity_groups and not resource.create_without_id),
    )
    if resource.offers_replace:
        spec["replace"] = dict(type="bool", default=False)
    spec.update(resource.argument_spec())
    exclusive = list(resource.mutually_exclusive)
    exclusive.extend((ref.field, ref.option) for ref in resource.references)
    module = NgrokModule(argument_spec=spec, mutually_exclusive=exclusive, supports_check_mode=True)
    if check is not None:
        check(module)
    if resource.check is not None:
        try:
            resource.check(module.params)
        except EngineError as exc:
            module.fail_json(msg=exc.msg)
    engine = ResourceEngine(module.client, resource, module.params, check_mode=module.check_mode)

    def work():
        try:
            result = engine.run()
        finally:
            module.warn_all(engine.warnings)
        if not module.diff_mode:
            result.pop("diff", None)
        return result

    module.run(work)


def info_module(resource, narrowing=(), deprecated=None):
    """The ``main()`` of an ``_info`` module: by ``id``, or every object, narrowed by ``filter`` (doc fragment
    ``ngrok.ngrok.info``) and by the ``narrowing`` options (:class:`Narrowing`, or the resource's field names).

    ``deprecated``, for a resource ngrok deprecated, is the warning every run shows (name its replacement).
    A resource the API cannot list (``list_key=None``) is read by ``id`` only, which is then required.

    Each of the resource's ``sub_listings`` adds a bool option of its name: with it, every object found gets the
    list the API keeps under it (one listing per object)."""
    narrowing = narrowing_of(resource, narrowing)
    spec = dict(id=dict(type="str", required=resource.list_key is None))
    if resource.filterable:
        spec["filter"] = dict(type="str")
    for narrow in narrowing:
        spec[narrow.option] = dict(narrow.spec)
    for sub in resource.sub_listings:
        spec[sub.key] = dict(type="bool", default=False)
    exclusive = [("id", n.option) for n in narrowing] + ([("id", "filter")] if resource.filterable else [])
    module = NgrokModule(argument_spec=spec, mutually_exclusive=exclusive, supports_check_mode=True)
    params = module.params
    if deprecated:
        module.warn(deprecated)

    def work():
        warnings = []
        try:
            items = select_objects(module.client, resource, narrowing, params, warnings)
        finally:
            module.warn_all(warnings)
        views = []
        for obj in items:
            view = resource.public_view(obj)
            for key in resource.shown_once:
                if key in view:
                    view[key] = None
            for sub in resource.sub_listings:
                if params.get(sub.key):
                    view[sub.key] = module.client.list(resource.item_path(obj["id"]) + sub.path, sub.list_key)
            views.append(view)
        return {"changed": False, resource.plural: views}

    module.run(work)
