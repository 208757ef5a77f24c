# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import random

import pytest
import requests
from urllib3.exceptions import MaxRetryError, NewConnectionError, ProtocolError

try:
    from http.client import RemoteDisconnected
except ImportError:  # pragma: no cover
    RemoteDisconnected = OSError

from ansible_collections.ngrok.ngrok.plugins.module_utils import _client
from ansible_collections.ngrok.ngrok.plugins.module_utils._cel import cel_and, cel_equals, cel_string
from ansible_collections.ngrok.ngrok.plugins.module_utils._client import NgrokClient, parse_retry_after
from ansible_collections.ngrok.ngrok.plugins.module_utils._errors import NgrokAPIError, NgrokConfigError, OutcomeUnknownError
from ansible_collections.ngrok.ngrok.tests.unit.plugins.fake_api import API, Call, ScriptedSession


def make_client(calls, **kwargs):
    session = ScriptedSession(calls)
    sleeps = []
    kwargs.setdefault("retries", 3)
    client = NgrokClient("secret-token", api_url=API, session=session, sleep=sleeps.append, rng=random.Random(7), **kwargs)
    return client, session, sleeps


def err(status, code=None, msg="boom", op="op_1"):
    body = {"status_code": status, "msg": msg, "details": {"operation_id": op}}
    if code:
        body["error_code"] = code
    return body


# -- headers -------------------------------------------------------------------------------------

def test_headers_auth_version_agent_and_content_type_only_with_a_body():
    client, session, _sleeps = make_client([
        Call("GET", "/api_keys/ak_1", body={"id": "ak_1"}),
        Call("POST", "/api_keys", status=201, body={"id": "ak_2"}, sent={"description": "x"}),
    ], timeout=12, validate_certs=False)
    assert client.get("/api_keys/ak_1") == {"id": "ak_1"}
    client.post("/api_keys", {"description": "x"})
    get, post = session.requests
    assert get["headers"]["Authorization"] == "Bearer secret-token"
    assert get["headers"]["Ngrok-Version"] == "2"
    assert get["headers"]["User-Agent"] == "ansible-collection-ngrok.ngrok/" + _client.COLLECTION_VERSION
    assert "Content-Type" not in get["headers"]
    assert post["headers"]["Content-Type"] == "application/json"
    assert get["timeout"] == 12 and get["verify"] is False


def test_certificates_are_verified_by_default_and_with_a_ca_bundle_when_given(tmp_path):
    bundle = tmp_path / "ca.pem"
    bundle.write_text("-----BEGIN CERTIFICATE-----\n")
    for kwargs, verify in (({}, True), (dict(ca_path=str(bundle)), str(bundle)), (dict(ca_path=str(tmp_path)), str(tmp_path)),
                           (dict(ca_path=str(bundle), validate_certs=False), False),
                           (dict(ca_path=str(tmp_path / "missing.pem"), validate_certs=False), False)):
        client, session, _sleeps = make_client([Call("GET", "/api_keys/ak_1", body={"id": "ak_1"})], **kwargs)
        client.get("/api_keys/ak_1")
        assert session.requests[0]["verify"] == verify, kwargs


def test_a_ca_path_that_does_not_exist_is_refused_before_any_request(tmp_path):
    missing = str(tmp_path / "missing.pem")
    with pytest.raises(NgrokConfigError) as caught:
        make_client([], ca_path=missing)
    assert "ca_path {0} is not a file or directory".format(missing) in str(caught.value)


def test_a_tls_failure_names_ca_path_and_validate_certs():
    client, _session, sleeps = make_client([
        Call("GET", "/api_keys", raises=requests.exceptions.SSLError("certificate verify failed: self-signed certificate")),
    ])
    with pytest.raises(NgrokAPIError) as caught:
        client.list("/api_keys", "keys")
    text = str(caught.value)
    assert "certificate verify failed" in text and "set ca_path" in text and "validate_certs to false" in text
    assert sleeps == []  # a certificate that is not trusted stays untrusted: no retry


def test_user_agent_version_matches_galaxy_yml():
    here = os.path.dirname(os.path.abspath(__file__))
    galaxy = os.path.join(here, "..", "..", "..", "..", "galaxy.yml")
    with open(galaxy) as handle:
        versions = [line.split(":", 1)[1].strip().strip("'\"") for line in handle if line.startswith("version:")]
    assert versions == [_client.COLLECTION_VERSION]


# -- retries -------------------------------------------------------------------------------------

def test_get_is_retried_on_503_with_growing_jittered_backoff():
    client, session, sleeps = make_client([
        Call("GET", "/ip_policies", status=503, body=err(503)),
        Call("GET", "/ip_policies", status=502, body=err(502)),
        Call("GET", "/ip_policies", status=504, body=err(504)),
        Call("GET", "/ip_policies", body={"ip_policies": [], "uri": API + "/ip_policies", "next_page_uri": None}),
    ], backoff_base=2.0)
    assert client.list("/ip_policies", "ip_policies") == []
    session.assert_done()
    assert len(sleeps) == 3
    # equal jitter: between half and all of base * 2**n
    for n, delay in enumerate(sleeps):
        assert 2.0 * 2 ** n / 2 <= delay <= 2.0 * 2 ** n


def test_backoff_is_capped():
    calls = [Call("GET", "/x", status=503, body=err(503))] * 6 + [Call("GET", "/x", body={})]
    client, _session, sleeps = make_client(calls, retries=6, backoff_base=1.0, backoff_cap=4.0)
    client.get("/x")
    assert max(sleeps) <= 4.0
    assert sleeps[-1] >= 2.0


def test_retry_after_is_honoured_on_429():
    client, _session, sleeps = make_client([
        Call("GET", "/x", status=429, body=err(429, "ERR_NGROK_226"), headers={"Retry-After": "7"}),
        Call("GET", "/x", body={"ok": True}),
    ])
    assert client.get("/x") == {"ok": True}
    assert sleeps == [7.0]


def test_retries_exhausted_raise_the_last_error():
    client, session, sleeps = make_client([Call("GET", "/x", status=429, body=err(429, "ERR_NGROK_226", "rate limited"))] * 3,
                                          retries=2)
    with pytest.raises(NgrokAPIError) as info:
        client.get("/x")
    assert info.value.status_code == 429 and info.value.error_code == "ERR_NGROK_226"
    assert str(info.value).endswith("rate limited (gave up after 3 attempts and %.1f s of waiting between them) (operation_id op_1)"
                                    % sum(sleeps))
    assert len(session.requests) == 3 and len(sleeps) == 2


def test_retry_budget_stops_early():
    client, session, _sleeps = make_client([
        Call("GET", "/x", status=429, body=err(429), headers={"Retry-After": "50"}),
        Call("GET", "/x", status=429, body=err(429), headers={"Retry-After": "50"}),
    ], retries=5, retry_budget=60)
    with pytest.raises(NgrokAPIError):
        client.get("/x")
    assert len(session.requests) == 2


def test_retry_budget_is_per_request():
    """A task that sends many requests under the rate limit waits as long as the API asks, request after request."""
    client, session, sleeps = make_client([
        Call("GET", "/x", status=429, body=err(429), headers={"Retry-After": "50"}),
        Call("GET", "/x", body={"ok": 1}),
        Call("GET", "/y", status=429, body=err(429), headers={"Retry-After": "50"}),
        Call("GET", "/y", body={"ok": 2}),
    ], retries=5, retry_budget=60)
    assert client.get("/x") == {"ok": 1}
    assert client.get("/y") == {"ok": 2}
    assert sleeps == [50.0, 50.0] and len(session.requests) == 4


def test_400_is_not_retried():
    client, session, sleeps = make_client([Call("PATCH", "/x", status=400, body=err(400, "ERR_NGROK_420"))])
    with pytest.raises(NgrokAPIError):
        client.patch("/x", {"description": "y"})
    assert len(session.requests) == 1 and sleeps == []


def test_500_on_get_is_not_retried():
    client, session, _sleeps = make_client([Call("GET", "/x", status=500, body=err(500))])
    with pytest.raises(NgrokAPIError):
        client.get("/x")
    assert len(session.requests) == 1


def refused():
    reason = NewConnectionError(None, "Failed to establish a new connection: [Errno 111] Connection refused")
    return requests.exceptions.ConnectionError(MaxRetryError(None, "/x", reason=reason))


def dropped():
    return requests.exceptions.ConnectionError(ProtocolError("Connection aborted.", RemoteDisconnected("closed")))


def test_connection_refused_is_retried():
    client, session, _sleeps = make_client([
        Call("GET", "/x", raises=refused()),
        Call("GET", "/x", body={"ok": 1}),
    ])
    assert client.get("/x") == {"ok": 1}
    assert len(session.requests) == 2


def test_the_first_failed_connection_says_that_the_client_retries_and_for_how_long_at_most():
    told = []
    client, session, _sleeps = make_client([
        Call("GET", "/x", raises=refused()),
        Call("GET", "/x", raises=refused()),
        Call("GET", "/x", body={"ok": 1}),
    ], retries=3, backoff_base=1.0, timeout=12, notify=told.append)
    assert client.get("/x") == {"ok": 1}
    assert len(session.requests) == 3
    # Told once, at the first failure: waits of 1 + 2 + 4 s at most for three retries.
    assert len(told) == 1, told
    assert told[0].startswith("could not reach the ngrok API at api_url " + API), told
    assert "retrying up to 3 times, waiting at most 7 s in all between attempts" in told[0], told
    assert "12 s timeout" in told[0] and "NGROK_RETRIES" in told[0], told
    assert "secret-token" not in told[0]


def test_nothing_is_told_when_the_api_answers_or_without_a_listener():
    told = []
    client, _session, _sleeps = make_client([
        Call("GET", "/x", status=503, body=err(503)),
        Call("GET", "/x", body={"ok": 1}),
    ], notify=told.append)
    assert client.get("/x") == {"ok": 1}
    assert told == []
    quiet, _session, _sleeps = make_client([Call("GET", "/x", raises=refused()), Call("GET", "/x", body={})])
    quiet.get("/x")


def test_a_client_without_retries_says_it_does_not_retry():
    told = []
    client, _session, sleeps = make_client([Call("GET", "/x", raises=refused())], retries=0, notify=told.append)
    with pytest.raises(NgrokAPIError):
        client.get("/x")
    assert sleeps == [] and len(told) == 1 and "not retrying (retries is 0)" in told[0]


def test_the_longest_wait_is_capped_by_the_budget():
    client, _session, _sleeps = make_client([], retries=10, backoff_base=1.0, backoff_cap=30.0, retry_budget=100.0)
    assert client.longest_wait() == 100.0
    client, _session, _sleeps = make_client([], retries=5, backoff_base=1.0, backoff_cap=30.0)
    assert client.longest_wait() == 31.0


def test_waits_of_more_than_a_few_seconds_give_a_warning_with_the_total_and_the_reasons():
    client, _session, sleeps = make_client([
        Call("GET", "/x", status=429, body=err(429, "ERR_NGROK_226"), headers={"Retry-After": "4"}),
        Call("GET", "/x", status=429, body=err(429, "ERR_NGROK_226"), headers={"Retry-After": "3"}),
        Call("GET", "/x", status=503, body=err(503), headers={"Retry-After": "1"}),
        Call("GET", "/x", body={"ok": 1}),
    ])
    assert client.get("/x") == {"ok": 1}
    assert sleeps == [4.0, 3.0, 1.0]
    warning = client.wait_warning()
    assert warning is not None
    assert "waited 8.0 s in all" in warning, warning
    assert "2 answers HTTP 429 (the rate limit" in warning and "1 answer HTTP 503" in warning, warning


def test_short_waits_give_no_warning():
    client, _session, _sleeps = make_client([
        Call("GET", "/x", status=429, body=err(429), headers={"Retry-After": "2"}),
        Call("GET", "/x", body={"ok": 1}),
    ])
    client.get("/x")
    assert client.waited == 2.0 and client.wait_warning() is None


def test_post_refused_before_sending_is_resent_without_lookup():
    def recover():
        raise AssertionError("nothing was sent; no lookup needed")

    client, session, _sleeps = make_client([
        Call("POST", "/vaults", raises=refused()),
        Call("POST", "/vaults", status=201, body={"id": "vault_1"}),
    ])
    assert client.post("/vaults", {"name": "v"}, on_unknown_outcome=recover) == {"id": "vault_1"}


def test_post_dropped_after_sending_is_looked_up_first():
    lookups = []

    def recover():
        lookups.append(1)
        return 201, {"id": "vault_1"}

    client, session, _sleeps = make_client([Call("POST", "/vaults", raises=dropped())])
    assert client.post("/vaults", {"name": "v"}, on_unknown_outcome=recover) == {"id": "vault_1"}
    assert lookups == [1] and session.methods == ["POST"]


# -- the unknown-outcome POST rule -------------------------------------------------------------

def test_post_with_unknown_outcome_is_never_resent_without_a_lookup():
    client, session, _sleeps = make_client([Call("POST", "/vaults", status=503, body=err(503))])
    with pytest.raises(OutcomeUnknownError) as info:
        client.post("/vaults", {"name": "v"})
    assert "not sent again" in str(info.value)
    assert len(session.requests) == 1


def test_post_whose_object_is_found_again_is_not_resent():
    found = {"id": "vault_1", "name": "v"}
    lookups = []

    def recover():
        lookups.append(1)
        return 201, found

    client, session, _sleeps = make_client([Call("POST", "/vaults", status=504, body=err(504))])
    assert client.post("/vaults", {"name": "v"}, on_unknown_outcome=recover) == found
    assert lookups == [1] and session.methods == ["POST"]


def test_post_is_resent_when_the_api_answered_and_the_lookup_finds_nothing():
    client, session, _sleeps = make_client([
        Call("POST", "/ip_policies", status=503, body=err(503)),
        Call("POST", "/ip_policies", status=502, body=err(502)),
        Call("POST", "/ip_policies", status=201, body={"id": "ipp_1"}),
    ])
    assert client.post("/ip_policies", {"description": "d"}, on_unknown_outcome=lambda: None) == {"id": "ipp_1"}
    assert session.methods == ["POST", "POST", "POST"]


def test_post_without_an_answer_is_resent_when_the_api_refuses_duplicates():
    client, session, _sleeps = make_client([
        Call("POST", "/vaults", raises=requests.exceptions.ReadTimeout("read timed out")),
        Call("POST", "/vaults", status=201, body={"id": "vault_1"}),
    ])
    assert client.post("/vaults", {"name": "v"}, on_unknown_outcome=lambda: None, duplicate_refused=True) == {"id": "vault_1"}
    assert session.methods == ["POST", "POST"]


@pytest.mark.parametrize("failure", [
    Call("POST", "/ip_policies", raises=requests.exceptions.ReadTimeout("read timed out")),
    Call("POST", "/ip_policies", raises=dropped()),
    Call("POST", "/ip_policies", status=504, body=err(504, msg="gateway timeout")),
], ids=["timeout", "dropped", "504"])
def test_post_without_an_answer_is_not_resent_where_duplicates_are_possible(failure):
    # The API may still be making the object after the lookup: sending the create again could make a second one.
    lookups = []

    def recover():
        lookups.append(1)

    client, session, sleeps = make_client([failure])
    with pytest.raises(OutcomeUnknownError) as info:
        client.post("/ip_policies", {"description": "d"}, on_unknown_outcome=recover)
    assert lookups == [1] and session.methods == ["POST"] and sleeps == []
    assert "may still be making it" in str(info.value) and "Run the task again" in str(info.value)
    assert client.may_have_changed


def test_post_rejected_by_the_rate_limit_is_resent_without_lookup():
    def recover():
        raise AssertionError("a 429 means the request was not processed; no lookup needed")

    client, session, _sleeps = make_client([
        Call("POST", "/vaults", status=429, body=err(429, "ERR_NGROK_226")),
        Call("POST", "/vaults", status=201, body={"id": "vault_1"}),
    ])
    assert client.post("/vaults", {"name": "v"}, on_unknown_outcome=recover) == {"id": "vault_1"}


def test_post_that_could_not_connect_is_resent():
    client, session, _sleeps = make_client([
        Call("POST", "/vaults", raises=requests.exceptions.ConnectTimeout("connect timeout")),
        Call("POST", "/vaults", status=201, body={"id": "vault_1"}),
    ])
    assert client.post("/vaults", {"name": "v"}) == {"id": "vault_1"}


def test_delete_whose_first_answer_was_lost_counts_as_done():
    client, session, _sleeps = make_client([
        Call("DELETE", "/vaults/vault_1", status=503, body=err(503)),
        Call("DELETE", "/vaults/vault_1", status=404, body={"status_code": 404, "msg": "Resource not found", "details": {"operation_id": "op_404"}}),
    ])
    client.delete("/vaults/vault_1")
    session.assert_done()


def test_delete_of_a_missing_object_on_the_first_try_is_an_error():
    client, _session, _sleeps = make_client([Call("DELETE", "/vaults/vault_1", status=404, body=err(404))])
    with pytest.raises(NgrokAPIError) as info:
        client.delete("/vaults/vault_1")
    assert info.value.status_code == 404


# -- pagination ----------------------------------------------------------------------------------

def test_list_follows_next_page_uri_and_keeps_the_filter():
    page2 = API + "/reserved_domains?before_id=rd_2&limit=2&filter=obj.region+%3D%3D+%22us%22"
    page3 = API + "/reserved_domains?before_id=rd_4&limit=2&filter=obj.region+%3D%3D+%22us%22"
    client, session, _sleeps = make_client([
        Call("GET", "/reserved_domains", query={"filter": 'obj.region == "us"'},
             body={"reserved_domains": [{"id": "rd_1"}, {"id": "rd_2"}], "next_page_uri": page2}),
        Call("GET", "/reserved_domains", query={"before_id": "rd_2", "limit": "2", "filter": 'obj.region == "us"'},
             body={"reserved_domains": [{"id": "rd_3"}, {"id": "rd_4"}], "next_page_uri": page3}),
        Call("GET", "/reserved_domains", body={"reserved_domains": [{"id": "rd_5"}], "next_page_uri": None}),
    ])
    items = client.list("/reserved_domains", "reserved_domains", cel_filter='obj.region == "us"')
    assert [i["id"] for i in items] == ["rd_1", "rd_2", "rd_3", "rd_4", "rd_5"]
    session.assert_done()


def test_list_stops_on_an_empty_page():
    client, session, _sleeps = make_client([
        Call("GET", "/x", body={"xs": [], "next_page_uri": API + "/x?before_id=a"}),
    ])
    assert client.list("/x", "xs") == []


def test_list_refuses_to_follow_a_page_on_another_host():
    client, _session, _sleeps = make_client([
        Call("GET", "/x", body={"xs": [{"id": "a"}], "next_page_uri": "https://elsewhere.example/x?before_id=a"}),
    ])
    with pytest.raises(NgrokAPIError) as info:
        client.list("/x", "xs")
    assert "refusing to send credentials" in str(info.value)


def test_a_list_that_is_not_found_names_api_url():
    client, _session, _sleeps = make_client([
        Call("GET", "/vaults", status=404, body={"status_code": 404, "msg": "Resource not found",
                                                 "details": {"operation_id": "op_1"}}),
    ])
    with pytest.raises(NgrokAPIError) as caught:
        client.list("/vaults", "vaults")
    assert "HTTP 404" in str(caught.value) and "api_url ({0}) may not point at the ngrok API".format(API) in str(caught.value)


def test_an_api_that_cannot_be_reached_is_named_by_its_api_url():
    client, _session, _sleeps = make_client([Call("GET", "/vaults", raises=refused())], retries=0)
    with pytest.raises(NgrokAPIError) as caught:
        client.list("/vaults", "vaults")
    assert "could not reach the ngrok API at api_url {0}: ".format(API) in str(caught.value)


def test_list_without_the_list_key_is_an_error():
    client, _session, _sleeps = make_client([Call("GET", "/x", body={"other": []})])
    with pytest.raises(NgrokAPIError):
        client.list("/x", "xs")


# -- error mapping -------------------------------------------------------------------------------

def test_api_error_carries_code_status_message_and_operation():
    duplicate = err(400, "ERR_NGROK_413", "This domain is already reserved for your account.", "op_9")
    client, _session, _sleeps = make_client([Call("POST", "/reserved_domains", status=400, body=duplicate)])
    with pytest.raises(NgrokAPIError) as info:
        client.post("/reserved_domains", {"domain": "a.example.com"})
    exc = info.value
    assert (exc.status_code, exc.error_code, exc.operation_id) == (400, "ERR_NGROK_413", "op_9")
    assert str(exc) == ("POST /reserved_domains HTTP 400 ERR_NGROK_413: This domain is already reserved for your account. "
                        "(operation_id op_9)")
    assert exc.as_result() == {"error_code": "ERR_NGROK_413", "status_code": 400, "operation_id": "op_9"}


def test_an_error_that_quotes_the_api_key_does_not_pass_it_on():
    # ngrok answers a refused key with the key in the message (ERR_NGROK_202, 203, 206, 208).
    refused = err(403, "ERR_NGROK_203", "The API authentication you specified is properly formed, but it is invalid. Your "
                  "authentication: 'secret-token'. API keys and instructions are available on your dashboard.", "op_3")
    client, _session, _sleeps = make_client([Call("GET", "/api_keys", status=403, body=refused)])
    with pytest.raises(NgrokAPIError) as info:
        client.get("/api_keys")
    assert "secret-token" not in str(info.value) and "Your authentication: '********'" in info.value.msg
    assert info.value.error_code == "ERR_NGROK_203"


def test_plain_404_has_no_error_code():
    not_found = {"status_code": 404, "msg": "Resource not found", "details": {"operation_id": "op_2"}}
    client, _session, _sleeps = make_client([Call("GET", "/x/1", status=404, body=not_found)])
    assert client.get_or_none("/x/1") is None
    not_found = {"status_code": 404, "msg": "Resource not found", "details": {"operation_id": "op_2"}}
    client, _session, _sleeps = make_client([Call("GET", "/x/1", status=404, body=not_found)])
    with pytest.raises(NgrokAPIError) as info:
        client.get("/x/1")
    assert info.value.error_code is None and info.value.operation_id == "op_2"


def test_error_without_json_body_uses_the_operation_header():
    client, _session, _sleeps = make_client([Call("GET", "/x", status=403, raw="<html>denied</html>", headers={"Ngrok-Operation-Id": "op_h"})])
    with pytest.raises(NgrokAPIError) as info:
        client.get("/x")
    assert info.value.status_code == 403 and info.value.operation_id == "op_h"


def test_success_with_non_json_body_is_an_error():
    client, _session, _sleeps = make_client([Call("GET", "/x", status=200, raw="not json")])
    with pytest.raises(NgrokAPIError):
        client.get("/x")


# -- CEL -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("value, literal", [
    ("plain", '"plain"'),
    ('say "hi"', '"say \\"hi\\""'),
    ("back\\slash", '"back\\\\slash"'),
    ("line\nbreak\ttab\r", '"line\\nbreak\\ttab\\r"'),
    ("bell\x07", '"bell\\u0007"'),
    ("ünïcode ✓", '"ünïcode ✓"'),
    ('" || true || "', '"\\" || true || \\""'),
])
def test_cel_string_quotes_user_input(value, literal):
    assert cel_string(value) == literal


def test_cel_equals_and_and():
    assert cel_equals("domain", "a.example.com") == 'obj.domain == "a.example.com"'
    assert cel_equals("certificate.id", "cert_1") == 'obj.certificate.id == "cert_1"'
    assert cel_equals("enforced", True) == "obj.enforced == true"
    assert cel_and('obj.a == "1"', None, 'obj.b == "2"') == '(obj.a == "1") && (obj.b == "2")'
    assert cel_and('obj.a == "1"') == 'obj.a == "1"'
    assert cel_and() is None


@pytest.mark.parametrize("field", ["a b", "a;b", "obj.x", "1x", "a.", ""])
def test_cel_equals_rejects_odd_field_names(field):
    if field == "obj.x":
        # a dotted identifier is a valid nested field
        assert cel_equals(field, 1) == "obj.obj.x == 1"
        return
    with pytest.raises(ValueError):
        cel_equals(field, "v")


def test_parse_retry_after():
    assert parse_retry_after("3") == 3.0
    assert parse_retry_after(" 1.5 ") == 1.5
    assert parse_retry_after(None) is None
    assert parse_retry_after("soon") is None
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412470) == 10.0


def test_429_without_retry_after_waits_on_the_rate_limit_scale():
    client, _session, sleeps = make_client([
        Call("GET", "/x", status=429, body=err(429, "ERR_NGROK_226")),
        Call("GET", "/x", status=429, body=err(429, "ERR_NGROK_226")),
        Call("GET", "/x", body={}),
    ], rate_limit_base=5.0, backoff_base=1.0)
    client.get("/x")
    assert 2.5 <= sleeps[0] <= 5.0 and 5.0 <= sleeps[1] <= 10.0
