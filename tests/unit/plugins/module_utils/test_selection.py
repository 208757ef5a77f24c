# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""select_objects: the objects an id, narrowing options and a CEL filter designate (info modules and action modules)."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import random

import pytest

from ansible_collections.ngrok.ngrok.plugins.module_utils._client import NgrokClient
from ansible_collections.ngrok.ngrok.plugins.module_utils._errors import NgrokAPIError
from ansible_collections.ngrok.ngrok.plugins.module_utils._errors import EngineError
from ansible_collections.ngrok.ngrok.plugins.module_utils._select import Narrowing, narrowing_of, select_objects
from ansible_collections.ngrok.ngrok.plugins.module_utils._declaration import Resource
from ansible_collections.ngrok.ngrok.plugins.module_utils._fields import Field, ref_id
from ansible_collections.ngrok.ngrok.tests.unit.plugins.fake_api import API, Call, ScriptedSession

# A read-only resource whose objects reference another one, filterable on that reference but not on "kind".
GADGET = Resource(
    name="gadget", plural="gadgets", path="/gadgets", list_key="gadgets", id_prefix="gd",
    response_keys=("id", "owner", "kind"), filterable_fields=("id", "owner"),
    fields=[Field("owner_id", create=False, update=False, read=ref_id("owner"), filter_field="owner.id"),
            Field("kind", create=False, update=False)],
)
NARROWING = narrowing_of(GADGET, ["owner_id", "kind", Narrowing("label", "label")])


def gadget(gadget_id, owner="ow_1", kind="a"):
    return {"id": gadget_id, "owner": {"id": owner, "uri": API + "/owners/" + owner}, "kind": kind}


def listing(*items):
    return {"gadgets": list(items), "uri": API + "/gadgets", "next_page_uri": None}


def select(params, calls):
    session = ScriptedSession(calls)
    client = NgrokClient("k", api_url=API, session=session, sleep=lambda s: None, rng=random.Random(1))
    warnings = []
    found = select_objects(client, GADGET, NARROWING, params, warnings)
    session.assert_done()
    return found, warnings, session


def test_by_id_one_object_or_none():
    found, warnings, session = select({"id": "gd_1"}, [Call("GET", "/gadgets/gd_1", body=gadget("gd_1"))])
    assert [g["id"] for g in found] == ["gd_1"]
    missing = {"status_code": 404, "msg": "Resource not found", "details": {"operation_id": "op_1"}}
    found, warnings, session = select({"id": "gd_2"}, [Call("GET", "/gadgets/gd_2", status=404, body=missing)])
    assert found == []


def test_a_reference_is_filtered_through_its_id_and_every_option_is_checked_again():
    found, warnings, session = select({"owner_id": "ow_1", "kind": "a"}, [
        Call("GET", "/gadgets", query={"filter": 'obj.owner.id == "ow_1"'},
             body=listing(gadget("gd_3", kind="b"), gadget("gd_2", owner="ow_2"), gadget("gd_1"))),
    ])
    assert [g["id"] for g in found] == ["gd_1"] and warnings == []


def test_the_tasks_filter_is_joined_to_the_narrowing():
    found, warnings, session = select({"owner_id": "ow_1", "filter": 'obj.id == "gd_1"'}, [
        Call("GET", "/gadgets", query={"filter": '(obj.owner.id == "ow_1") && (obj.id == "gd_1")'}, body=listing(gadget("gd_1"))),
    ])
    assert [g["id"] for g in found] == ["gd_1"]


def test_a_refused_filter_of_our_own_falls_back_to_listing_with_a_warning():
    refused = {"error_code": "ERR_NGROK_250", "status_code": 400, "msg": "Invalid CEL query: no such field",
               "details": {"operation_id": "op_2"}}
    found, warnings, session = select({"owner_id": "ow_1"}, [
        Call("GET", "/gadgets", query={"filter": 'obj.owner.id == "ow_1"'}, status=400, body=refused),
        Call("GET", "/gadgets", query={}, body=listing(gadget("gd_2", owner="ow_2"), gadget("gd_1"))),
    ])
    assert [g["id"] for g in found] == ["gd_1"] and "every gadget was listed instead" in warnings[0]


def test_a_refused_filter_of_the_task_is_an_error():
    refused = {"error_code": "ERR_NGROK_250", "status_code": 400, "msg": "Invalid CEL query", "details": {"operation_id": "op_3"}}
    with pytest.raises(NgrokAPIError) as raised:
        select({"filter": "obj.nope == 1"}, [Call("GET", "/gadgets", query={"filter": "obj.nope == 1"}, status=400, body=refused)])
    assert raised.value.error_code == "ERR_NGROK_250"


@pytest.mark.parametrize("params,words", [
    ({"id": "gadget 1"}, "must be the id of a gadget"),
    ({"kind": "  "}, "kind must not be empty"),
    ({"filter": ""}, "filter must not be empty"),
])
def test_bad_values_are_refused_before_any_request(params, words):
    with pytest.raises(EngineError) as raised:
        select(params, [])
    assert words in raised.value.msg
