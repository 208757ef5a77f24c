# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""A scripted stand-in for ``requests.Session``: each expected call and its answer, in order."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json

from urllib.parse import parse_qs, urlsplit

API = "https://api.ngrok.test"


class FakeResponse(object):
    def __init__(self, status, body=None, headers=None, raw=None):
        self.status_code = status
        self.headers = dict(headers or {})
        if raw is not None:
            self.content = raw.encode("utf-8")
        elif body is None:
            self.content = b""
        else:
            self.content = json.dumps(body).encode("utf-8")

    def json(self):
        return json.loads(self.content.decode("utf-8"))


class Call(object):
    """One request the code under test must make, and what the fake API answers."""

    def __init__(self, method, path, status=200, body=None, headers=None, raw=None, raises=None, query=None, sent=None):
        self.method = method
        self.path = path
        self.query = query
        self.sent = sent
        self.raises = raises
        self.response = FakeResponse(status, body, headers, raw)


class ScriptedSession(object):
    def __init__(self, calls):
        self.calls = list(calls)
        self.headers = {}
        self.requests = []
        # Mismatches are kept as well as raised: the code under test may catch the AssertionError.
        self.errors = []

    def request(self, method, url, params=None, data=None, headers=None, timeout=None, verify=None):
        try:
            return self._request(method, url, params, data, headers, timeout, verify)
        except AssertionError as exc:
            self.errors.append(exc)
            raise

    def _request(self, method, url, params, data, headers, timeout, verify):
        parts = urlsplit(url)
        query = dict((k, v[0]) for k, v in parse_qs(parts.query).items())
        query.update(params or {})
        body = json.loads(data) if data else None
        self.requests.append(dict(method=method, path=parts.path, query=query, body=body,
                                  headers=dict(self.headers, **(headers or {})), timeout=timeout, verify=verify, url=url))
        assert self.calls, "unexpected request {0} {1} {2}".format(method, parts.path, body)
        call = self.calls.pop(0)
        assert (method, parts.path) == (call.method, call.path), "expected {0} {1}, got {2} {3}".format(
            call.method, call.path, method, parts.path)
        if call.query is not None:
            assert query == call.query, "query {0!r} != {1!r}".format(query, call.query)
        if call.sent is not None:
            assert body == call.sent, "body {0!r} != {1!r}".format(body, call.sent)
        if call.raises is not None:
            raise call.raises
        return call.response

    def assert_done(self):
        if self.errors:
            raise self.errors[0]
        assert not self.calls, "requests not made: {0}".format([(c.method, c.path) for c in self.calls])

    @property
    def methods(self):
        return [r["method"] for r in self.requests]
