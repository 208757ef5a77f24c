# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Values the API can set and change but not remove, and replacements that must be created like new objects."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import random

import pytest

from ansible_collections.ngrok.ngrok.plugins.module_utils._client import NgrokClient
from ansible_collections.ngrok.ngrok.plugins.module_utils._engine import ResourceEngine
from ansible_collections.ngrok.ngrok.plugins.module_utils._errors import EngineError
from ansible_collections.ngrok.ngrok.plugins.module_utils._declaration import Resource
from ansible_collections.ngrok.ngrok.plugins.module_utils._fields import CLEAR, Field
from ansible_collections.ngrok.ngrok.tests.unit.plugins.fake_api import API, Call, ScriptedSession

POLICY = {"mode": "auto"}


def _policy_to_api(value):
    return CLEAR if value == {} else value


# A gadget's policy can be set and changed with PATCH, but the API has no request that removes it.
GADGET = Resource(
    name="gadget", plural="gadgets", path="/gadgets", list_key="gadgets", id_prefix="gd",
    response_keys=("id", "name", "policy", "secret"), filterable_fields=("id", "name"), required_for_create=("name", "secret"),
    fields=[Field("name", identity=True, update=False), Field("policy", spec={"type": "dict"}, to_api=_policy_to_api),
            Field("secret", spec={"type": "str", "no_log": True}, update=False, write_only=True),
            Field("serial", update=False)],
)


def engine(params, calls, check_mode=False):
    session = ScriptedSession(calls)
    client = NgrokClient("k", api_url=API, session=session, sleep=lambda s: None, rng=random.Random(1))
    return ResourceEngine(client, GADGET, params, check_mode=check_mode), session


def gadget(gadget_id="gd_1", **extra):
    obj = {"id": gadget_id, "name": "g", "policy": POLICY, "serial": "1"}
    obj.update(extra)
    return obj


def found(*items):
    return Call("GET", "/gadgets", body={"gadgets": list(items), "next_page_uri": None})


def test_removing_a_value_the_api_cannot_remove_fails_and_changes_nothing():
    eng, session = engine({"name": "g", "policy": {}}, [found(gadget())])
    with pytest.raises(EngineError) as failure:
        eng.run()
    assert "cannot remove policy of gadget gd_1: the API can set and change it but not remove it" in failure.value.msg
    assert "{'mode': 'auto'}" in failure.value.msg and "replace" not in failure.value.msg
    assert session.methods == ["GET"]


def test_removing_a_value_that_is_not_there_changes_nothing():
    eng, session = engine({"name": "g", "policy": {}}, [found(gadget(policy=None))])
    assert eng.run()["changed"] is False
    session.assert_done()


def test_a_change_and_a_removal_are_both_named():
    eng, session = engine({"name": "g", "policy": {}, "serial": "2"}, [found(gadget())])
    with pytest.raises(EngineError) as failure:
        eng.run()
    assert "cannot change serial of gadget gd_1" in failure.value.msg and "cannot remove policy" in failure.value.msg


def test_replace_creates_the_object_again_without_the_removed_value():
    params = {"name": "g", "policy": {}, "secret": "s3cret", "replace": True}
    eng, session = engine(params, [
        found(gadget()),
        Call("DELETE", "/gadgets/gd_1", status=204),
        Call("POST", "/gadgets", status=201, sent={"name": "g", "serial": "1", "secret": "s3cret"},
             body=gadget("gd_2", policy=None)),
    ])
    result = eng.run()
    assert result["changed"] and result["gadget"]["id"] == "gd_2" and result["gadget"]["policy"] is None
    session.assert_done()


def test_check_mode_predicts_the_replacement_without_the_value():
    params = {"name": "g", "policy": {}, "secret": "s3cret", "replace": True}
    eng, session = engine(params, [found(gadget())], check_mode=True)
    result = eng.run()
    assert result["changed"] and result["gadget"]["policy"] is None and result["gadget"]["id"] is None
    assert "s3cret" not in repr(result) and session.methods == ["GET"]


def test_a_replacement_needs_what_a_creation_needs():
    # The write-only secret cannot be read from the old object: the task must give it.
    eng, session = engine({"name": "g", "serial": "2", "replace": True}, [found(gadget())])
    with pytest.raises(EngineError) as failure:
        eng.run()
    assert "to replace a gadget gd_1, set secret" in failure.value.msg and session.methods == ["GET"]


def test_long_values_are_not_quoted_in_the_message():
    eng, session = engine({"name": "g", "serial": "9" * 200}, [found(gadget())])
    with pytest.raises(EngineError) as failure:
        eng.run()
    assert "cannot change serial of gadget gd_1" in failure.value.msg and "serial differs from the task's" in failure.value.msg
    assert "999" not in failure.value.msg
