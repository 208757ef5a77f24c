# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Changes the API refuses to make by update are handled like changes to create-only fields."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import random

import pytest

from ansible_collections.ngrok.ngrok.plugins.module_utils._client import NgrokClient
from ansible_collections.ngrok.ngrok.plugins.module_utils._engine import ResourceEngine
from ansible_collections.ngrok.ngrok.plugins.module_utils._errors import EngineError
from ansible_collections.ngrok.ngrok.plugins.module_utils._declaration import Resource
from ansible_collections.ngrok.ngrok.plugins.module_utils._fields import Field
from ansible_collections.ngrok.ngrok.tests.unit.plugins.fake_api import API, Call, ScriptedSession


def _kind(value):
    return next(iter(value or {}), None)


def _refuse_other_kind(have, want):
    if _kind(have) != _kind(want):
        return "its kind cannot change ({0} to {1})".format(_kind(have), _kind(want))
    return None


WIDGET = Resource(
    name="widget", plural="widgets", path="/widgets", list_key="widgets", id_prefix="wd",
    response_keys=("id", "description", "shape", "size"), filterable_fields=("id", "description"),
    identity_is_unique=False,
    fields=[Field("description", identity=True), Field("size", update=False),
            Field("shape", spec={"type": "dict"}, refuse_change=_refuse_other_kind)],
)


def widget(**extra):
    obj = {"id": "wd_1", "description": "d", "shape": {"circle": {"radius": 1}}, "size": "s"}
    obj.update(extra)
    return obj


def engine(params, calls, check_mode=False):
    session = ScriptedSession(calls)
    client = NgrokClient("k", api_url=API, session=session, sleep=lambda s: None, rng=random.Random(1))
    return ResourceEngine(client, WIDGET, params, check_mode=check_mode), session


def listing(*items):
    return {"widgets": list(items), "next_page_uri": None}


def test_a_change_the_api_accepts_is_an_update():
    eng, session = engine({"description": "d", "shape": {"circle": {"radius": 2}}}, [
        Call("GET", "/widgets", body=listing(widget())),
        Call("PATCH", "/widgets/wd_1", sent={"shape": {"circle": {"radius": 2}}}, body=widget(shape={"circle": {"radius": 2}})),
    ])
    assert eng.run()["changed"] is True
    session.assert_done()


@pytest.mark.parametrize("check_mode", [False, True])
def test_a_refused_change_fails_before_any_change_with_the_fields_reason(check_mode):
    eng, session = engine({"description": "d", "shape": {"square": {"side": 2}}},
                          [Call("GET", "/widgets", body=listing(widget()))], check_mode=check_mode)
    with pytest.raises(EngineError) as failure:
        eng.run()
    assert failure.value.msg == "cannot change shape of widget wd_1: its kind cannot change (circle to square)"
    assert session.methods == ["GET"]


def test_create_only_and_refused_changes_are_named_together():
    eng, session = engine({"description": "d", "size": "l", "shape": {"square": {"side": 2}}},
                          [Call("GET", "/widgets", body=listing(widget()))])
    with pytest.raises(EngineError) as failure:
        eng.run()
    assert failure.value.msg == ("cannot change size of widget wd_1: it can only be set when the widget is created (size is "
                                 "'s', the task asks for 'l'); cannot change shape of widget wd_1: its kind cannot change "
                                 "(circle to square)")


def test_with_replace_a_refused_change_creates_a_new_object_then_deletes_the_old_one():
    eng, session = engine({"description": "d", "shape": {"square": {"side": 2}}, "replace": True}, [
        Call("GET", "/widgets", body=listing(widget())),
        Call("POST", "/widgets", status=201, sent={"description": "d", "size": "s", "shape": {"square": {"side": 2}}},
             body=widget(id="wd_2", shape={"square": {"side": 2}})),
        Call("DELETE", "/widgets/wd_1", status=204),
    ])
    result = eng.run()
    assert result["changed"] is True and result["widget"]["id"] == "wd_2"
    session.assert_done()


SECRET_WIDGET = Resource(
    name="widget", plural="widgets", path="/widgets", list_key="widgets", id_prefix="wd",
    response_keys=("id", "description", "shape"), filterable_fields=("id", "description"),
    write_only_option="update_secrets",
    fields=[Field("description", identity=True),
            Field("shape", spec={"type": "dict"}, refuse_change=_refuse_other_kind, secret_paths=[("square", "key")])],
)


def test_a_refused_change_is_refused_even_when_secrets_are_sent_again_on_every_run():
    session = ScriptedSession([Call("GET", "/widgets", body=listing(widget()))])
    client = NgrokClient("k", api_url=API, session=session, sleep=lambda s: None, rng=random.Random(1))
    eng = ResourceEngine(client, SECRET_WIDGET, {"description": "d", "shape": {"square": {"key": "s3cret"}},
                                                 "update_secrets": "always"})
    with pytest.raises(EngineError) as failure:
        eng.run()
    assert "circle to square" in failure.value.msg and "s3cret" not in failure.value.msg
    assert session.methods == ["GET"]
