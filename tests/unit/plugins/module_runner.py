# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Run a module's main() against a scripted fake API and return its result."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import contextlib
import json

from ansible.module_utils import basic
from ansible.module_utils.common.text.converters import to_bytes
from ansible.module_utils.common import warnings as ansible_warnings
from ansible.module_utils.common.warnings import get_deprecation_messages, get_warning_messages

from ansible_collections.ngrok.ngrok.plugins.module_utils import _client
from ansible_collections.ngrok.ngrok.tests.unit.plugins.fake_api import API, ScriptedSession

try:
    from ansible.module_utils.testing import patch_module_args
except ImportError:  # ansible-core < 2.19
    patch_module_args = None


class ModuleExit(Exception):
    def __init__(self, result, failed):
        super(ModuleExit, self).__init__(result)
        self.result = result
        self.failed = failed


@contextlib.contextmanager
def module_args(args):
    """The module arguments ``args`` for a module run in this process, on any ansible-core."""
    if patch_module_args is not None:
        with patch_module_args(args):
            yield
        return
    saved = basic._ANSIBLE_ARGS
    basic._ANSIBLE_ARGS = to_bytes(json.dumps({"ANSIBLE_MODULE_ARGS": args}))
    try:
        yield
    finally:
        basic._ANSIBLE_ARGS = saved


def run_module(monkeypatch, module, args, calls, check_mode=False, diff=False):
    """Run ``module.main()`` with ``args``; the fake API must see exactly ``calls``.

    Returns ``(result, session)``; ``result['failed']`` is True when the module failed.
    """
    session = ScriptedSession(calls)
    args = dict(args)
    args.setdefault("api_key", "test-api-key")
    args.setdefault("api_url", API)
    # None stands for "not given", so that environment fallbacks apply.
    args = dict((k, v) for k, v in args.items() if v is not None)
    if check_mode:
        args["_ansible_check_mode"] = True
    if diff:
        args["_ansible_diff"] = True

    def exit_json(self, **kwargs):
        kwargs["warnings"] = [str(w) for w in get_warning_messages()]
        kwargs["deprecations"] = [dict(msg=str(d.get("msg") if isinstance(d, dict) else getattr(d, "msg", d)))
                                  for d in get_deprecation_messages()]
        raise ModuleExit(kwargs, failed=False)

    def fail_json(self, msg, **kwargs):
        kwargs["msg"] = msg
        kwargs["failed"] = True
        kwargs["warnings"] = [str(w) for w in get_warning_messages()]
        raise ModuleExit(kwargs, failed=True)

    # Warnings are process-global in ansible-core (a list before 2.19, a dict since): start each run empty.
    monkeypatch.setattr(ansible_warnings, "_global_warnings", type(ansible_warnings._global_warnings)())
    monkeypatch.setattr(ansible_warnings, "_global_deprecations", type(ansible_warnings._global_deprecations)())
    monkeypatch.setattr(basic.AnsibleModule, "exit_json", exit_json)
    monkeypatch.setattr(basic.AnsibleModule, "fail_json", fail_json)
    monkeypatch.setattr(_client.requests, "Session", lambda: session)
    monkeypatch.setattr(_client.time, "sleep", lambda seconds: None)
    result = None
    with module_args(args):
        try:
            module.main()
        except ModuleExit as done:
            result = done.result
    assert result is not None, "the module returned without exit_json or fail_json"
    session.assert_done()
    return result, session
