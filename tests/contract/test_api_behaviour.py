# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Transport-level contract: auth, versioning, content types, errors, paging, filters, rate limits."""

from __future__ import annotations

import calendar
import re
import time
from urllib.parse import parse_qs, urlsplit

import pytest

import ngrok

OP_ID = re.compile(r"^op_[0-9A-Za-z]{27}$")
UNKNOWN_ID = "ak_" + "0" * 27


def error_of(excinfo):
    """The ngrok.Error of a pytest.raises block, with its documented attributes checked."""
    err = excinfo.value
    assert isinstance(err, ngrok.Error)
    assert isinstance(err.http_status_code, int)
    assert OP_ID.match(err.operation_id or ""), err.details
    return err


def raw_error(resp, status, code):
    assert resp.status_code == status, resp.text
    body = resp.json()
    assert body.get("error_code") == code, body
    assert body["status_code"] == status
    assert OP_ID.match(body["details"]["operation_id"])
    return body


# -- authentication ----------------------------------------------------------

def test_missing_authorization_is_401_err_200(raw):
    raw_error(raw.get("/api_keys", auth=None), 401, "ERR_NGROK_200")


def test_unparseable_authorization_is_401_err_201(raw):
    raw_error(raw.get("/api_keys", auth=None, headers={"Authorization": "garbage"}), 401, "ERR_NGROK_201")


def test_unknown_token_is_403_err_203(sim):
    stranger = ngrok.Client("2AbCdEfGhIjKlMnOpQrStUvWxYz_" + "x" * 20, base_url=sim.url)
    with pytest.raises(ngrok.Error) as excinfo:
        stranger.api_keys.list()
    err = error_of(excinfo)
    assert (err.http_status_code, err.error_code) == (403, "ERR_NGROK_203")


def test_api_key_id_instead_of_token_is_403_err_208(sim, client):
    key = client.api_keys.create(description="by id")
    with pytest.raises(ngrok.Error) as excinfo:
        ngrok.Client(key.id, base_url=sim.url).api_keys.list()
    err = error_of(excinfo)
    assert (err.http_status_code, err.error_code) == (403, "ERR_NGROK_208")


def test_created_key_authenticates_until_deleted(sim, client):
    key = client.api_keys.create(description="second key")
    # token format from the API's own example: <id without "ak_">_<secret>
    assert re.match(r"^[0-9A-Za-z]{27}_[0-9A-Za-z]+$", key.token), key.token
    assert key.token.split("_", 1)[0] == key.id[len("ak_"):]
    other = ngrok.Client(key.token, base_url=sim.url)
    assert key.id in [k.id for k in other.api_keys.list()]
    client.api_keys.delete(key.id)
    with pytest.raises(ngrok.Error) as excinfo:
        other.api_keys.list()
    err = error_of(excinfo)
    assert (err.http_status_code, err.error_code) == (403, "ERR_NGROK_203")


# -- version header ------------------------------------------------------------

def test_missing_version_is_400_err_218(raw):
    raw_error(raw.get("/api_keys", version=None), 400, "ERR_NGROK_218")


def test_unsupported_version_is_400_err_217(raw):
    raw_error(raw.get("/api_keys", version="3"), 400, "ERR_NGROK_217")


def test_client_sends_version_2(client, recorder):
    client.api_keys.list()
    assert recorder.sent[-1]["headers"].get("ngrok-version") == "2"


# -- bodies and content types ----------------------------------------------------

def test_body_without_content_type_is_216(raw):
    raw_error(raw("POST", "/api_keys", data=b'{"description": "x"}', headers={"Content-Type": None}), 400, "ERR_NGROK_216")


def test_unsupported_content_type_is_210(raw):
    raw_error(raw("POST", "/api_keys", data=b'{"description": "x"}', headers={"Content-Type": "text/plain"}), 400, "ERR_NGROK_210")


def test_unparseable_json_is_213(raw):
    raw_error(raw("POST", "/api_keys", data=b'{"description": ', headers={"Content-Type": "application/json"}), 400, "ERR_NGROK_213")


@pytest.mark.parametrize("method", ["GET", "DELETE"])
def test_body_on_get_or_delete_is_211(raw, client, method):
    policy = client.api_keys.create(description="body")
    resp = raw(method, "/api_keys/" + policy.id, json={"description": "x"})
    raw_error(resp, 400, "ERR_NGROK_211")


def test_unknown_body_field_is_214(raw):
    body = raw_error(raw.post("/api_keys", {"description": "x", "colour": "blue"}), 400, "ERR_NGROK_214")
    assert "colour" in body["msg"]


def test_create_only_field_in_patch_is_214(raw, client):
    key = client.api_keys.create(description="k")
    raw_error(raw.patch("/api_keys/" + key.id, {"owner_id": key.owner_id}), 400, "ERR_NGROK_214")


def test_unknown_query_parameter_is_231(raw):
    raw_error(raw.get("/api_keys", params={"colour": "blue"}), 400, "ERR_NGROK_231")


@pytest.mark.parametrize("path", ["/bot_users", "/tunnels", "/app/users", "/app/sessions", "/ssh_host_certificates", "/ssh_user_certificates"])
def test_filter_where_not_supported_is_231(raw, path):
    raw_error(raw.get(path, params={"filter": 'obj.id == "x"'}), 400, "ERR_NGROK_231")


# -- not found and error attributes --------------------------------------------

def test_404_is_not_found_error_without_code(client, raw):
    with pytest.raises(ngrok.NotFoundError) as excinfo:
        client.api_keys.get(UNKNOWN_ID)
    err = error_of(excinfo)
    assert err.http_status_code == 404
    assert err.error_code is None
    assert err.args[-1] == "Resource not found"
    body = raw.get("/api_keys/" + UNKNOWN_ID).json()
    assert set(body) == {"status_code", "msg", "details"}
    assert body["status_code"] == 404 and body["msg"] == "Resource not found"


@pytest.mark.parametrize("call", ["update", "delete"])
def test_404_on_update_and_delete(client, call):
    with pytest.raises(ngrok.NotFoundError):
        if call == "update":
            client.api_keys.update(UNKNOWN_ID, description="x")
        else:
            client.api_keys.delete(UNKNOWN_ID)


def test_unknown_path_is_404(raw):
    assert raw.get("/no_such_collection").status_code == 404


def test_operation_id_header_on_every_response(raw, client):
    policy = client.api_keys.create(description="hdr")
    for resp in (raw.get("/api_keys"), raw.get("/api_keys/" + policy.id), raw.get("/api_keys/" + UNKNOWN_ID),
                 raw.get("/api_keys", version=None), raw.delete("/api_keys/" + policy.id)):
        assert OP_ID.match(resp.headers.get("Ngrok-Operation-Id", "")), (resp.status_code, dict(resp.headers))
        if resp.status_code >= 400:
            assert resp.json()["details"]["operation_id"] == resp.headers["Ngrok-Operation-Id"]
    ids = {raw.get("/api_keys").headers["Ngrok-Operation-Id"] for _attempt in range(3)}
    assert len(ids) == 3


def test_error_carries_code_status_and_operation_id(client):
    with pytest.raises(ngrok.Error) as excinfo:
        client.api_keys.list(limit="1000")
    err = error_of(excinfo)
    assert err.http_status_code == 400
    assert err.error_code in ("ERR_NGROK_233", "ERR_NGROK_244")
    assert err.details["operation_id"] == err.operation_id


def test_server_errors_surface_as_runtime_error_and_are_not_retried(sim, client, recorder):
    sim.control("POST", "/_sim/faults", {"seed": 1, "faults": [{"status": 503, "count": 1}]})
    try:
        with pytest.raises(RuntimeError, match="503"):
            client.api_keys.list()
        assert len(recorder.sent) == 1, "the official client never retries"
        assert client.api_keys.list().keys == []
    finally:
        sim.control("POST", "/_sim/faults", {"faults": []})


def test_lost_response_after_commit_leaves_the_change(sim, client):
    sim.control("POST", "/_sim/faults", {"seed": 2, "faults": [{"status": 502, "count": 1, "methods": ["POST"], "after_commit": True}]})
    try:
        with pytest.raises(RuntimeError):
            client.api_keys.create(description="committed")
    finally:
        sim.control("POST", "/_sim/faults", {"faults": []})
    assert [p.description for p in client.api_keys.list()] == ["committed"]


# -- ids, uris, timestamps -------------------------------------------------------

def test_ids_uris_and_timestamps(sim, client):
    before = time.time()
    made = [client.api_keys.create(description="p%d" % i) for i in range(5)]
    after = time.time()
    for policy in made:
        assert re.match(r"^ak_[0-9A-Za-z]{27}$", policy.id)
        assert policy.uri == sim.url + "/api_keys/" + policy.id
        stamp = policy.created_at
        assert re.match(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", stamp), stamp
        seconds = calendar.timegm(time.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ"))
        assert before - 2 <= seconds <= after + 2
    ids = [p.id for p in made]
    assert ids == sorted(ids), "ids are time ordered even within one second"
    assert len(set(ids)) == 5


# -- lists: envelope, order, paging ----------------------------------------------

def test_list_envelope_and_newest_first(sim, client, raw):
    made = [client.api_keys.create(description="p%d" % i).id for i in range(3)]
    page = client.api_keys.list()
    assert [p.id for p in page.keys] == made[::-1]
    assert page.uri == sim.url + "/api_keys"
    assert page.next_page_uri is None
    body = raw.get("/api_keys").json()
    assert set(body) == {"keys", "uri", "next_page_uri"}
    assert body["next_page_uri"] is None


def test_empty_list(client):
    page = client.api_keys.list()
    assert page.keys == [] and page.next_page_uri is None


def test_limit_and_before_id(sim, client):
    made = [client.api_keys.create(description="p%d" % i).id for i in range(7)]
    newest_first = made[::-1]
    page = client.api_keys.list(limit="3")
    assert [p.id for p in page.keys] == newest_first[:3]
    nxt = urlsplit(page.next_page_uri)
    assert "%s://%s" % (nxt.scheme, nxt.netloc) == sim.url and nxt.path == "/api_keys"
    query = parse_qs(nxt.query)
    assert query["before_id"] == [newest_first[2]] and query["limit"] == ["3"]
    page = client.api_keys.list(before_id=newest_first[2], limit="3")
    assert [p.id for p in page.keys] == newest_first[3:6]
    page = client.api_keys.list(before_id=newest_first[5], limit="3")
    assert [p.id for p in page.keys] == newest_first[6:]
    assert page.next_page_uri is None
    assert [p.id for p in client.api_keys.list(before_id=newest_first[-1]).keys] == []


@pytest.mark.parametrize("limit", ["0", "101", "-1", "abc"])
def test_invalid_limit_is_400(client, limit):
    with pytest.raises(ngrok.Error) as excinfo:
        client.api_keys.list(limit=limit)
    err = error_of(excinfo)
    assert err.http_status_code == 400
    assert err.error_code in ("ERR_NGROK_233", "ERR_NGROK_244")


def test_iterator_follows_pages_with_explicit_limit(client, recorder):
    made = [client.api_keys.create(description="p%d" % i).id for i in range(25)]
    recorder.reset()
    seen = [p.id for p in client.api_keys.list(limit="10")]
    assert seen == made[::-1]
    gets = [e for e in recorder.sent if e["method"] == "GET"]
    assert len(gets) == 3


def test_exactly_full_page_terminates(client):
    made = [client.api_keys.create(description="p%d" % i).id for i in range(6)]
    assert [p.id for p in client.api_keys.list(limit="3")] == made[::-1]
    assert [p.id for p in client.api_keys.list(limit="6")] == made[::-1]


# -- CEL filters ---------------------------------------------------------------

def test_filter_matches_and_pages(sim, client, recorder):
    made = []
    for i in range(30):
        made.append(client.api_keys.create(description="p%d" % i, metadata="even" if i % 2 == 0 else "odd").id)
    expected = [pid for i, pid in enumerate(made) if i % 2 == 0][::-1]
    recorder.reset()
    seen = [p.id for p in client.api_keys.list(filter='obj.metadata == "even"', limit="4")]
    assert seen == expected
    assert len([e for e in recorder.sent if e["method"] == "GET"]) == 4
    first = client.api_keys.list(filter='obj.metadata == "even"', limit="4")
    assert parse_qs(urlsplit(first.next_page_uri).query)["filter"] == ['obj.metadata == "even"']
    assert first.next_page_uri.startswith(sim.url + "/api_keys?")


def test_filter_operators(client):
    a = client.api_keys.create(description="alpha cowbell", metadata="team=a")
    b = client.api_keys.create(description="beta", metadata="team=b")
    client.api_keys.create(description="gamma")

    def ids(expr):
        return sorted(p.id for p in client.api_keys.list(filter=expr))

    assert ids('obj.id == "%s"' % a.id) == [a.id]
    assert ids('obj.metadata == "team=a" || obj.metadata == "team=b"') == sorted([a.id, b.id])
    assert ids('obj.description in ["beta", "gamma", "delta"]') == sorted(
        p.id for p in client.api_keys.list() if p._props.get("description") in ("beta", "gamma"))
    assert ids('obj.description.contains("cowbell")') == [a.id]
    assert ids('obj.description.startsWith("be")') == [b.id]
    assert ids('obj.created_at > timestamp("2000-01-01T00:00:00Z")') == sorted(p.id for p in client.api_keys.list())
    assert ids('obj.created_at < timestamp("2000-01-01T00:00:00Z")') == []
    assert ids('obj.description == "nothing like this"') == []


@pytest.mark.parametrize("expr", ['obj.description ==', 'obj.no_such_field == "x"', 'obj.description = "x"'])
def test_invalid_filter_is_400_err_250(client, expr):
    client.api_keys.create(description="x")
    with pytest.raises(ngrok.Error) as excinfo:
        client.api_keys.list(filter=expr)
    err = error_of(excinfo)
    assert (err.http_status_code, err.error_code) == (400, "ERR_NGROK_250")
    assert err.args[-1].startswith("Invalid CEL query")


# -- rate limits ---------------------------------------------------------------

def test_rate_limit_429(start_sim, recorder, raw):
    limited_sim = start_sim("--rate-limit", "3", "--rate-window", "2")
    limited = ngrok.Client(limited_sim.api_key, base_url=limited_sim.url)
    for _attempt in range(3):
        limited.api_keys.list()
    recorder.reset()
    with pytest.raises(ngrok.Error) as excinfo:
        limited.api_keys.list()
    err = error_of(excinfo)
    assert (err.http_status_code, err.error_code) == (429, "ERR_NGROK_226")
    assert err.args[-1].startswith("Your account is rate limited to 3 API requests per ")
    assert len(recorder.sent) == 1, "the official client does not retry a 429"
    again = raw.get("/api_keys", auth=limited_sim.api_key, base=limited_sim.url)
    raw_error(again, 429, "ERR_NGROK_226")
    # Retry-After is a simulator extra (the real API is not known to send it); when present it must be usable
    retry_after = int(again.headers.get("Retry-After", "2"))
    assert 1 <= retry_after <= 2
    stats = limited_sim.stats()
    assert stats["requests"] == 3 and stats["rate_limited"] == 2
    time.sleep(retry_after + 0.2)
    limited.api_keys.list()


def test_default_rate_limit_is_120_per_minute(start_sim):
    simulator = start_sim()
    limited = ngrok.Client(simulator.api_key, base_url=simulator.url)
    for _attempt in range(120):
        limited.api_keys.list()
    with pytest.raises(ngrok.Error) as excinfo:
        limited.api_keys.list()
    err = error_of(excinfo)
    assert (err.http_status_code, err.error_code) == (429, "ERR_NGROK_226")
    # the text seen from the real API (quoted without the template's final full stop)
    assert err.args[-1].rstrip(".") == "Your account is rate limited to 120 API requests per minute"


def test_responses_pass_through_the_schema_check(client, raw, recorder, checker):
    """With NGROK_OPENAPI_SPEC set, client and raw responses alike are validated (skipped otherwise)."""
    before = recorder.checked
    client.api_keys.list()
    raw.get("/api_keys")
    assert recorder.checked == before + 2
    assert checker.match("GET", "/api_keys")[0] == "/api_keys"
