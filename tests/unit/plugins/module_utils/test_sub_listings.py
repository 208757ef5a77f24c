# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Lists the API keeps under each object (sub-listings), added by _info modules on request."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.ngrok.ngrok.plugins.module_utils._module import info_module
from ansible_collections.ngrok.ngrok.plugins.module_utils._declaration import Resource, SubListing
from ansible_collections.ngrok.ngrok.plugins.module_utils._fields import Field
from ansible_collections.ngrok.ngrok.tests.unit.plugins.fake_api import API, Call
from ansible_collections.ngrok.ngrok.tests.unit.plugins.module_runner import run_module

HUB = Resource(name="hub", plural="hubs", path="/hubs", list_key="hubs", id_prefix="hub", response_keys=("id", "name"),
               fields=[Field("name")], sub_listings=[SubListing("members", "/members", "items")])


class HubInfo(object):
    """A stand-in module whose main() is the _info module of HUB, narrowed by name."""

    @staticmethod
    def main():
        info_module(HUB, ["name"])


def hubs(*items):
    return {"hubs": [{"id": i, "name": n} for i, n in items], "next_page_uri": None}


def test_without_the_option_no_sub_listing_is_read(monkeypatch):
    result, session = run_module(monkeypatch, HubInfo, {}, [Call("GET", "/hubs", body=hubs(("hub_1", "a")))])
    assert result["hubs"] == [{"id": "hub_1", "name": "a"}]


def test_with_the_option_each_object_found_gets_its_list_every_page_read(monkeypatch):
    page_2 = API + "/hubs/hub_1/members?before_id=m_2&limit=1"
    result, session = run_module(monkeypatch, HubInfo, {"members": True, "name": "a"}, [
        Call("GET", "/hubs", body=hubs(("hub_2", "b"), ("hub_1", "a"))),
        Call("GET", "/hubs/hub_1/members", body={"items": [{"id": "m_2"}], "next_page_uri": page_2}),
        Call("GET", "/hubs/hub_1/members", query={"before_id": "m_2", "limit": "1"},
             body={"items": [{"id": "m_1"}], "next_page_uri": None}),
    ], check_mode=True)
    assert result["hubs"] == [{"id": "hub_1", "name": "a", "members": [{"id": "m_2"}, {"id": "m_1"}]}]
    assert result["changed"] is False


def test_by_id_and_an_id_that_does_not_exist(monkeypatch):
    result, session = run_module(monkeypatch, HubInfo, {"members": True, "id": "hub_1"}, [
        Call("GET", "/hubs/hub_1", body={"id": "hub_1", "name": "a"}),
        Call("GET", "/hubs/hub_1/members", body={"items": [], "next_page_uri": None}),
    ])
    assert result["hubs"] == [{"id": "hub_1", "name": "a", "members": []}]
    result, session = run_module(monkeypatch, HubInfo, {"members": True, "id": "hub_9"}, [
        Call("GET", "/hubs/hub_9", status=404, body={"status_code": 404, "msg": "Resource not found",
                                                     "details": {"operation_id": "op_1"}}),
    ])
    assert result["hubs"] == []
