# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""HTTP client for the ngrok API (private to this collection).

One ``requests.Session`` per module run. The client owns everything about talking to the API:
headers, timeouts, retries with capped exponential backoff and jitter, ``Retry-After``, the rule
that a POST with an unknown outcome is never re-sent blindly, pagination over ``next_page_uri``,
CEL filter building and the mapping of API errors to one exception type.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import random
import re
import time
import traceback

from urllib.parse import urlsplit

from ansible_collections.ngrok.ngrok.plugins.module_utils._errors import (
    NgrokAPIError,
    NgrokConfigError,
    OutcomeUnknownError,
)

REQUESTS_IMPORT_ERROR = None
try:
    import requests
    HAS_REQUESTS = True
except ImportError:  # pragma: no cover - reported through missing_required_lib
    requests = None
    HAS_REQUESTS = False
    REQUESTS_IMPORT_ERROR = traceback.format_exc()

COLLECTION_VERSION = "0.2.0"
DEFAULT_API_URL = "https://api.ngrok.com"
API_VERSION = "2"

RETRY_STATUSES = frozenset([429, 502, 503, 504])
# Statuses after which the server may or may not have applied a request.
UNKNOWN_OUTCOME_STATUSES = frozenset([500, 502, 503, 504])
# Statuses after which the API may still be working on the request: a gateway that stopped waiting for it.
STILL_RUNNING_STATUSES = frozenset([504])

# A task that waited longer than this, in all, before retrying requests says so in a warning.
WAIT_WARNING_SECONDS = 5.0


# An API key travels in an HTTP header: printable ASCII without spaces, as every real key is.
_API_KEY_FORM = re.compile(r"^[\x21-\x7e]+\Z")


def check_api_key(api_key):
    """Raise NgrokConfigError when ``api_key`` cannot be a usable key. The message never contains the key."""
    if not api_key:
        raise NgrokConfigError("api_key is required: set the api_key option or the NGROK_API_KEY environment variable")
    if not isinstance(api_key, str) or not _API_KEY_FORM.match(api_key):
        raise NgrokConfigError(
            "api_key must be an ngrok API key token: printable ASCII characters without spaces, line breaks or other "
            "control characters (the value given was not; it is not shown here)")


def check_ca_path(ca_path, validate_certs=True):
    """Raise NgrokConfigError when ``ca_path`` is set (and used) but names no file or directory."""
    if ca_path and validate_certs and not (os.path.isfile(ca_path) or os.path.isdir(ca_path)):
        raise NgrokConfigError("ca_path {0} is not a file or directory: set it to a PEM file (or an OpenSSL hashed "
                               "directory) of the CA certificates that sign the API's certificate".format(ca_path))


def insecure_url_warning(api_url):
    """A warning text when ``api_url`` sends the key in clear text to another host than this one, else None."""
    parts = urlsplit(api_url or "")
    if parts.scheme != "http":
        return None
    host = (parts.hostname or "").lower()
    if host in ("localhost", "::1") or host.startswith("127.") or host.endswith(".localhost"):
        return None
    return ("api_url {0} uses plain http:// to a host other than this machine: the API key is sent unencrypted. "
            "Use https:// unless this is a local test server.".format(api_url))


def api_key_id(token):
    """The id of the API key whose token is ``token`` (``ak_`` and the token's part before ``_``), or None."""
    head = (token or "").split("_", 1)[0]
    return "ak_" + head if head and "_" in (token or "") else None


def parse_retry_after(value, now=None):
    """Seconds to wait from a ``Retry-After`` header (delta seconds or HTTP date), or None."""
    if value is None:
        return None
    value = value.strip()
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        from email.utils import parsedate_to_datetime
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    now = time.time() if now is None else now
    return max(0.0, when.timestamp() - now)


class NgrokClient(object):
    """A small, careful client for the ngrok API.

    ``retries`` is how many times a request is repeated after the first attempt when the API answers
    429, 502, 503 or 504 or the connection fails. The wait between attempts grows exponentially from
    ``backoff_base`` (``rate_limit_base`` after a 429: the API's window is a rolling minute) up to
    ``backoff_cap`` seconds with jitter, or is what ``Retry-After`` asks for (never more than
    ``backoff_cap`` * 4); the waits of one request together stay within ``retry_budget`` seconds, so a task
    that sends many requests under the rate limit (ngrok_apply) keeps going for as long as the API needs.

    ``notify``, when given, is called with a text the user should see at once: when the API cannot be reached on the
    first attempt, it says that the client retries, and for how long at most. :meth:`wait_warning` says how long the
    client waited before retries in all, once that is more than a few seconds.
    """

    def __init__(self, api_key, api_url=DEFAULT_API_URL, timeout=30, retries=5, validate_certs=True,
                 backoff_base=1.0, rate_limit_base=5.0, backoff_cap=30.0, retry_budget=180.0, session=None, sleep=None,
                 rng=None, ca_path=None, notify=None):
        if not HAS_REQUESTS and session is None:
            raise RuntimeError("the requests library is required")
        check_api_key(api_key)
        check_ca_path(ca_path, validate_certs)
        self._api_key = api_key
        self.api_url = (api_url or DEFAULT_API_URL).rstrip("/")
        self.timeout = timeout
        self.retries = max(0, int(retries))
        self.validate_certs = validate_certs
        self.ca_path = ca_path
        # What requests verifies the API's certificate with: the CA bundle when one is given, else the system's.
        self.verify = ca_path if (validate_certs and ca_path) else bool(validate_certs)
        self.backoff_base = backoff_base
        self.rate_limit_base = rate_limit_base
        self.backoff_cap = backoff_cap
        self.retry_budget = retry_budget
        self.sleep = sleep or time.sleep
        self.rng = rng or random.Random()
        self.session = session if session is not None else requests.Session()
        self.session.headers.update({
            "Authorization": "Bearer {0}".format(api_key),
            "Ngrok-Version": API_VERSION,
            "Accept": "application/json",
            "User-Agent": "ansible-collection-ngrok.ngrok/{0}".format(COLLECTION_VERSION),
        })
        self.waited = 0.0
        # Why the client waited: "HTTP 429", "HTTP 503", ... or "connection", with how many times.
        self.waits = {}
        self.notify = notify
        self._told_unreachable = False
        # True once a request that changes state was applied or may have been applied: a 2xx answer, or an
        # outcome that is unknown (no answer, 5xx). A 4xx answer or a failure to connect changed nothing.
        self.may_have_changed = False
        origin = urlsplit(self.api_url)
        self._origin = (origin.scheme, origin.netloc)

    # -- low level -------------------------------------------------------------------------------

    def url_for(self, path):
        if path.startswith("http://") or path.startswith("https://"):
            parts = urlsplit(path)
            if (parts.scheme, parts.netloc) != self._origin:
                raise NgrokAPIError(
                    "the API pointed to {0}, which is not on {1}; refusing to send credentials there".format(path, self.api_url))
            return path
        return self.api_url + path

    def longest_wait(self):
        """The most seconds the waits between the attempts of one request to an unreachable API can add up to."""
        total = sum(min(self.backoff_cap, self.backoff_base * (2 ** attempt)) for attempt in range(self.retries))
        return min(total, self.retry_budget)

    def wait_warning(self, threshold=WAIT_WARNING_SECONDS):
        """A warning text when the client waited ``threshold`` seconds or more before retrying requests, else None."""
        if self.waited < threshold or not self.waits:
            return None
        reasons = []
        for reason in sorted(self.waits, key=lambda r: (r == "connection", r)):
            count = self.waits[reason]
            if reason == "connection":
                reasons.append("{0} failed connection{1}".format(count, "s" if count > 1 else ""))
            elif reason == "HTTP 429":
                reasons.append("{0} answer{1} HTTP 429 (the rate limit: 120 requests per minute per account)".format(
                    count, "s" if count > 1 else ""))
            else:
                reasons.append("{0} answer{1} {2}".format(count, "s" if count > 1 else "", reason))
        return "The ngrok API was slow to answer: this task waited {0:.1f} s in all before retrying requests, after {1}.".format(
            self.waited, ", ".join(reasons))

    def _tell_unreachable(self, failure):
        """On the first failed connection of this client, say that it retries and for how long at most."""
        if self._told_unreachable or self.notify is None:
            return
        self._told_unreachable = True
        if self.retries:
            plan = ("retrying up to {0} time{1}, waiting at most {2:.0f} s in all between attempts (each attempt may "
                    "take up to the {3:g} s timeout); the retries option or NGROK_RETRIES sets how many".format(
                        self.retries, "s" if self.retries > 1 else "", self.longest_wait(), self.timeout))
        else:
            plan = "not retrying (retries is 0)"
        self.notify("{0}: {1}".format(failure.msg, plan))

    def _backoff(self, attempt, status, retry_after):
        if retry_after is not None:
            return min(retry_after, self.backoff_cap * 4)
        base = self.rate_limit_base if status == 429 else self.backoff_base
        delay = min(self.backoff_cap, base * (2 ** attempt))
        # "Equal jitter": at least half the delay, so waits still grow, plus a random half.
        return delay / 2.0 + self.rng.uniform(0, delay / 2.0)

    def _send_once(self, method, url, params, body):
        headers = {}
        data = None
        if body is not None:
            headers["Content-Type"] = "application/json"
            data = json.dumps(body)
        return self.session.request(method, url, params=params, data=data, headers=headers,
                                    timeout=self.timeout, verify=self.verify)

    def request(self, method, path, params=None, body=None, on_unknown_outcome=None, duplicate_refused=False):
        """Send one API call with retries and return ``(status, decoded JSON or None)``.

        For a POST whose outcome becomes unknown (no response, or a 5xx that may have followed the
        change), ``on_unknown_outcome`` is called before anything is sent again. It returns a
        ``(status, data)`` pair to use as the result (the change did happen), or None to re-send.
        Without it such a POST fails with :class:`OutcomeUnknownError` and is never re-sent.

        A lookup that finds nothing proves the create did not happen only once the API has answered: without an
        answer (a timeout, a connection lost after sending, a gateway's 504) the API may still be making the object,
        after the lookup. Such a POST is sent again only when ``duplicate_refused`` says the API refuses a second
        object with the same identity (the re-sent create is then refused at worst); otherwise it fails with
        :class:`OutcomeUnknownError`, and the next run finds the object if it was made.
        """
        method = method.upper()
        url = self.url_for(path)
        mutating = method != "GET"
        attempt = 0
        waited = 0.0
        while True:
            outcome_unknown = False
            retry_after = None
            try:
                response = self._send_once(method, url, params, body)
            except Exception as exc:  # pylint: disable=broad-except
                if not _is_transport_error(exc):
                    raise NgrokAPIError("the request could not be sent: {0}".format(self.redact(_describe(exc))),
                                        method=method, url=url)
                if _is_refused_before_sending(exc):
                    # Nothing was sent and sending again cannot help (a malformed URL or header, TLS verification).
                    raise NgrokAPIError(self.redact(_explain_unsendable(exc)), method=method, url=url)
                # A failure to connect means nothing was sent; anything later may have reached the API.
                outcome_unknown = not _is_connect_error(exc)
                failure = NgrokAPIError("could not reach the ngrok API at api_url {0}: {1}".format(
                    self.api_url, self.redact(_describe(exc))), method=method, url=url)
                status = None
            else:
                status = response.status_code
                if status < 400:
                    if mutating:
                        self.may_have_changed = True
                    return status, _decode_body(response, method, url)
                failure = _error_from_response(response, method, url)
                # The API quotes a refused key in its answer ("Your credential: '...'"): never pass it on.
                failure.msg = self.redact(failure.msg)
                if status not in RETRY_STATUSES and not (method == "POST" and status in UNKNOWN_OUTCOME_STATUSES):
                    if method == "DELETE" and failure.api_not_found and attempt > 0:
                        # An earlier attempt whose answer was lost did the delete.
                        self.may_have_changed = True
                        return 204, None
                    if mutating and status in UNKNOWN_OUTCOME_STATUSES:
                        self.may_have_changed = True
                    raise failure
                outcome_unknown = status in UNKNOWN_OUTCOME_STATUSES
                retry_after = parse_retry_after(response.headers.get("Retry-After"))

            if mutating and outcome_unknown:
                self.may_have_changed = True
            if method == "POST" and outcome_unknown:
                if on_unknown_outcome is None:
                    raise OutcomeUnknownError(
                        "{0}; the request may have been applied, so it was not sent again".format(failure.msg),
                        status_code=failure.status_code, error_code=failure.error_code,
                        operation_id=failure.operation_id, method=method, url=url)
                recovered = on_unknown_outcome()
                if recovered is not None:
                    return recovered
                if (status is None or status in STILL_RUNNING_STATUSES) and not duplicate_refused:
                    raise OutcomeUnknownError(
                        "{0}; the object was not found afterwards, but without an answer the API may still be making "
                        "it, so the request was not sent again (that could make a duplicate). Run the task again: it "
                        "finds the object if it was made".format(failure.msg),
                        status_code=failure.status_code, error_code=failure.error_code,
                        operation_id=failure.operation_id, method=method, url=url)

            if status is None and attempt == 0 and not outcome_unknown:
                self._tell_unreachable(failure)
            delay = self._backoff(attempt, status, retry_after)
            if attempt >= self.retries or waited + delay > self.retry_budget:
                if attempt:
                    failure.msg = "{0} (gave up after {1} attempts and {2:.1f} s of waiting between them)".format(
                        failure.msg, attempt + 1, waited)
                raise failure
            reason = "connection" if status is None else "HTTP {0}".format(status)
            self.waits[reason] = self.waits.get(reason, 0) + 1
            self.sleep(delay)
            waited += delay
            self.waited += delay
            attempt += 1

    @property
    def api_key_id(self):
        """The id of the API key this client sends (see :func:`api_key_id`), or None."""
        return api_key_id(self._api_key)

    def redact(self, text):
        """``text`` with the API key replaced, for messages built from exceptions that may quote headers."""
        if self._api_key and self._api_key in text:
            text = text.replace(self._api_key, "********")
        return text

    # -- conveniences ----------------------------------------------------------------------------

    def get(self, path, params=None):
        return self.request("GET", path, params=params)[1]

    def get_or_none(self, path):
        """GET an object; None when the API answers with its own not-found answer.

        A 404 that does not come from the ngrok API (a wrong ``api_url`` path, a proxy's page) is an error,
        never "absent".
        """
        try:
            return self.get(path)
        except NgrokAPIError as exc:
            if exc.api_not_found:
                return None
            if exc.status_code == 404:
                exc.msg = ("{0}; the answer is not the ngrok API's not-found answer, so api_url ({1}) may not point at "
                           "the ngrok API".format(exc.msg, self.api_url))
            raise

    def post(self, path, body, on_unknown_outcome=None, duplicate_refused=False):
        return self.request("POST", path, body=body, on_unknown_outcome=on_unknown_outcome,
                            duplicate_refused=duplicate_refused)[1]

    def patch(self, path, body):
        return self.request("PATCH", path, body=body)[1]

    def delete(self, path):
        self.request("DELETE", path)

    def list(self, path, list_key=None, cel_filter=None, limit=None, params=None, fresh=True):
        """Every item of a list endpoint, following ``next_page_uri`` until it is null.

        ``list_key`` names the list in the answer; None finds it (the one key whose value is a list). Every call
        reads the API (``fresh`` is for clients that keep listings).
        """
        params = dict(params or {})
        if cel_filter:
            params["filter"] = cel_filter
        if limit:
            params["limit"] = str(limit)
        items = []
        seen_pages = set()
        url = path
        while url:
            try:
                data = self.request("GET", url, params=params or None)[1] or {}
            except NgrokAPIError as exc:
                if exc.status_code == 404:
                    # The API has every list it documents: a list that is not found is at a wrong address.
                    exc.msg = "{0}; the API has no list at {1}, so api_url ({2}) may not point at the ngrok API".format(
                        exc.msg, path, self.api_url)
                raise

            if list_key is None:
                list_key = list_key_of(data, path)
            page = data.get(list_key)
            if not isinstance(page, list):
                raise NgrokAPIError("the API answer for {0} has no '{1}' list".format(path, list_key))
            items.extend(page)
            next_url = data.get("next_page_uri")
            if not next_url or not page or next_url in seen_pages:
                break
            seen_pages.add(next_url)
            # next_page_uri carries every query parameter that matters.
            url, params = next_url, None
        return items


def list_key_of(data, path):
    """The key of the list in a list answer: the one key whose value is a list."""
    keys = sorted(k for k, v in (data or {}).items() if isinstance(v, list)) if isinstance(data, dict) else []
    if len(keys) != 1:
        raise NgrokAPIError("cannot tell which list the API answer for {0} holds (list keys: {1})".format(
            path, ", ".join(keys) or "none"))
    return keys[0]


def _is_transport_error(exc):
    return HAS_REQUESTS and isinstance(exc, requests.exceptions.RequestException)


def _is_connect_error(exc):
    """True when the request never reached the API (nothing was sent), so repeating it is safe."""
    if not HAS_REQUESTS:
        return False
    if isinstance(exc, requests.exceptions.ConnectTimeout):
        return True
    if not isinstance(exc, requests.exceptions.ConnectionError):
        return False
    # requests wraps urllib3's MaxRetryError, whose reason tells a refused or unresolvable connection
    # (NewConnectionError) from one dropped after the request was sent (ProtocolError).
    reason = exc.args[0] if exc.args else None
    reason = getattr(reason, "reason", reason)
    return any(cls.__name__ in ("NewConnectionError", "NameResolutionError", "ConnectTimeoutError")
               for cls in type(reason).__mro__)


def _is_refused_before_sending(exc):
    """True for failures raised before anything was sent, where repeating the request cannot help."""
    if not HAS_REQUESTS:
        return False
    unsendable = (requests.exceptions.InvalidURL, requests.exceptions.MissingSchema, requests.exceptions.InvalidSchema,
                  requests.exceptions.InvalidHeader, requests.exceptions.URLRequired, requests.exceptions.SSLError)
    invalid_json = getattr(requests.exceptions, "InvalidJSONError", None)
    if invalid_json is not None:
        unsendable += (invalid_json,)
    return isinstance(exc, unsendable)


def _explain_unsendable(exc):
    if isinstance(exc, requests.exceptions.SSLError):
        return ("the TLS connection to the API failed: {0}. If the API uses a certificate your system does not trust, "
                "set ca_path to the CA certificates that sign it (or, for a test server only, set validate_certs to "
                "false)".format(_describe(exc)))
    if isinstance(exc, requests.exceptions.InvalidHeader):
        # The message of this exception quotes the header value, which may be the API key: never show it.
        return "the request could not be sent: a header value is not valid"
    return "the request could not be sent: {0}".format(_describe(exc))


def _describe(exc):
    text = str(exc) or exc.__class__.__name__
    return text if len(text) < 300 else text[:300] + "..."


def _decode_body(response, method, url):
    if response.status_code == 204 or not response.content:
        return None
    try:
        return response.json()
    except ValueError:
        raise NgrokAPIError("the API answered with a body that is not JSON", status_code=response.status_code,
                            method=method, url=url)


def _error_from_response(response, method, url):
    status = response.status_code
    body = None
    try:
        body = response.json()
    except ValueError:
        body = None
    operation_id = response.headers.get("Ngrok-Operation-Id")
    if isinstance(body, dict):
        details = body.get("details") if isinstance(body.get("details"), dict) else {}
        operation_id = details.get("operation_id") or operation_id
        msg = body.get("msg") or "the API answered HTTP {0}".format(status)
        return NgrokAPIError(str(msg).strip(), status_code=status, error_code=body.get("error_code"),
                             operation_id=operation_id, method=method, url=url, details=details,
                             api_not_found=_is_api_not_found(status, body, operation_id))
    return NgrokAPIError("the API answered HTTP {0} with a body that is not the ngrok API's JSON error".format(status),
                         status_code=status, operation_id=operation_id, method=method, url=url)


def _is_api_not_found(status, body, operation_id):
    """The ngrok API's own 404: a JSON error body whose status_code is 404, with an operation id.

    ``{"status_code": 404, "msg": "Resource not found", "details": {"operation_id": "op_..."}}`` (no error_code),
    or a 404 with an ``ERR_NGROK_*`` code. Anything else answering 404 is not the API saying "absent".
    """
    return status == 404 and body.get("status_code") == 404 and bool(operation_id) and isinstance(body.get("msg"), str)
