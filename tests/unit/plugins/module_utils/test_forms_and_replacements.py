# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Identities matched in their compared form, values a replacement gets afresh, replacements the API refuses."""

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


def _first_word(value):
    return (value or "").split(" ")[0]


# A key compared without its trailing comment, in a list the API can filter on description only.
KEYED = Resource(
    name="gadget", plural="gadgets", path="/gadgets", list_key="gadgets", id_prefix="gd",
    response_keys=("id", "key", "description"), filterable_fields=("id", "description", "key"),
    fields=[Field("key", update=False, identity=True, compare_as=_first_word), Field("description")],
)
# Non-unique identity; "start" is filled by the API at creation, "size" can only be set then.
STAMPED = Resource(
    name="stamp", plural="stamps", path="/stamps", list_key="stamps", id_prefix="st",
    response_keys=("id", "description", "size", "start"), filterable_fields=("id", "description"),
    identity_is_unique=False,
    fields=[Field("description", identity=True), Field("size", spec={"type": "int"}, update=False, empty=None),
            Field("start", update=False, replace_keeps=False)],
)
REFUSED = {"error_code": "ERR_NGROK_1964", "status_code": 400, "msg": "in use", "details": {"operation_id": "op_in_use"}}


def engine(resource, params, calls, check_mode=False):
    session = ScriptedSession(calls)
    client = NgrokClient("k", api_url=API, session=session, sleep=lambda s: None, rng=random.Random(1))
    return ResourceEngine(client, resource, params, check_mode=check_mode), session


def test_an_identity_with_its_own_compared_form_is_matched_in_it_and_never_filtered():
    gadget = {"id": "gd_1", "key": "abc laptop", "description": "d"}
    eng, session = engine(KEYED, {"key": "abc desktop", "description": "d"}, [
        Call("GET", "/gadgets", query={}, body={"gadgets": [gadget, {"id": "gd_2", "key": "abcd x"}], "next_page_uri": None}),
    ])
    result = eng.run()
    assert result["changed"] is False and result["gadget"]["id"] == "gd_1"
    session.assert_done()


def test_a_lost_create_answer_is_recovered_in_the_compared_form():
    eng, session = engine(KEYED, {"key": "abc laptop"}, [
        Call("GET", "/gadgets", body={"gadgets": [], "next_page_uri": None}),
        Call("POST", "/gadgets", status=503, sent={"key": "abc laptop"}, body={"msg": "busy"}),
        Call("GET", "/gadgets", query={}, body={"gadgets": [{"id": "gd_9", "key": "abc laptop"}], "next_page_uri": None}),
    ])
    eng.client.retries = 0
    result = eng.run()
    assert result["changed"] is True and result["gadget"]["id"] == "gd_9"
    session.assert_done()


def stamp(stamp_id="st_1", size=1, start="2026-01-01T00:00:00Z"):
    return {"id": stamp_id, "description": "d", "size": size, "start": start}


def test_a_replacement_gets_afresh_what_the_api_fills_at_creation():
    eng, session = engine(STAMPED, {"description": "d", "size": 2, "replace": True}, [
        Call("GET", "/stamps", body={"stamps": [stamp()], "next_page_uri": None}),
        Call("POST", "/stamps", status=201, sent={"description": "d", "size": 2}, body=stamp("st_2", 2, "2026-06-01T00:00:00Z")),
        Call("DELETE", "/stamps/st_1", status=204),
    ])
    result = eng.run()
    assert result["changed"] and result["stamp"]["id"] == "st_2"
    session.assert_done()


def test_a_replacement_keeps_what_the_task_sets_even_when_not_kept_otherwise():
    eng, session = engine(STAMPED, {"description": "d", "start": "2027-01-01T00:00:00Z", "replace": True}, [
        Call("GET", "/stamps", body={"stamps": [stamp()], "next_page_uri": None}),
        Call("POST", "/stamps", status=201, sent={"description": "d", "size": 1, "start": "2027-01-01T00:00:00Z"},
             body=stamp("st_2", 1, "2027-01-01T00:00:00Z")),
        Call("DELETE", "/stamps/st_1", status=204),
    ])
    assert eng.run()["stamp"]["start"] == "2027-01-01T00:00:00Z"
    session.assert_done()


def test_an_old_object_the_api_keeps_takes_the_new_one_back_and_reports_the_apis_error():
    eng, session = engine(STAMPED, {"description": "d", "size": 2, "replace": True}, [
        Call("GET", "/stamps", body={"stamps": [stamp()], "next_page_uri": None}),
        Call("POST", "/stamps", status=201, body=stamp("st_2", 2)),
        Call("DELETE", "/stamps/st_1", status=400, body=REFUSED),
        Call("DELETE", "/stamps/st_2", status=204),
    ])
    with pytest.raises(EngineError) as failure:
        eng.run()
    exc = failure.value
    assert "stamp st_1 could not be deleted to be replaced" in exc.msg and "ERR_NGROK_1964" in exc.msg
    assert "(st_2) was deleted again" in exc.msg
    assert (exc.result["error_code"], exc.result["status_code"], exc.result["operation_id"]) == ("ERR_NGROK_1964", 400, "op_in_use")
    assert exc.result["stamp"]["id"] == "st_1"
    session.assert_done()


def test_when_the_new_object_cannot_be_taken_back_either_both_ids_are_named():
    eng, session = engine(STAMPED, {"description": "d", "size": 2, "replace": True}, [
        Call("GET", "/stamps", body={"stamps": [stamp()], "next_page_uri": None}),
        Call("POST", "/stamps", status=201, body=stamp("st_2", 2)),
        Call("DELETE", "/stamps/st_1", status=400, body=REFUSED),
        Call("DELETE", "/stamps/st_2", status=400, body=dict(REFUSED, error_code="ERR_NGROK_9")),
    ])
    with pytest.raises(EngineError) as failure:
        eng.run()
    exc = failure.value
    assert "st_2 was created" in exc.msg and "(st_1) could not be deleted" in exc.msg and "Delete one of them by id" in exc.msg
    assert exc.result["error_code"] == "ERR_NGROK_1964" and exc.result["stamp"]["id"] == "st_2"
    session.assert_done()


def test_an_old_object_deleted_meanwhile_leaves_the_replacement():
    eng, session = engine(STAMPED, {"description": "d", "size": 2, "replace": True}, [
        Call("GET", "/stamps", body={"stamps": [stamp()], "next_page_uri": None}),
        Call("POST", "/stamps", status=201, body=stamp("st_2", 2)),
        Call("DELETE", "/stamps/st_1", status=404, body={"status_code": 404, "msg": "Resource not found",
                                                         "details": {"operation_id": "op_404"}}),
    ])
    assert eng.run()["stamp"]["id"] == "st_2"
    session.assert_done()


def test_an_old_object_whose_delete_may_have_happened_keeps_the_new_one():
    eng, session = engine(STAMPED, {"description": "d", "size": 2, "replace": True, "retries": 0}, [
        Call("GET", "/stamps", body={"stamps": [stamp()], "next_page_uri": None}),
        Call("POST", "/stamps", status=201, body=stamp("st_2", 2)),
        Call("DELETE", "/stamps/st_1", status=500, body=dict(REFUSED, error_code="ERR_NGROK_999", status_code=500)),
    ])
    eng.client.retries = 0
    with pytest.raises(EngineError) as failure:
        eng.run()
    assert "st_2 was created" in failure.value.msg and failure.value.result["stamp"]["id"] == "st_2"
    assert failure.value.result["error_code"] == "ERR_NGROK_999"
    session.assert_done()
