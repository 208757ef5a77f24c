# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The errors of this collection (private to it): the API's failures, unusable connection options, and the error a
task raises when it cannot go on.

A leaf: the client, declarations, the engine and the module layer all raise them, and it imports nothing of theirs.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from urllib.parse import urlsplit


class EngineError(Exception):
    """A task cannot go on; ``result`` holds extra keys for the failure result."""

    def __init__(self, msg, **result):
        super(EngineError, self).__init__(msg)
        self.msg = msg
        self.result = result


class NgrokAPIError(Exception):
    """Any failure to get a usable answer from the ngrok API.

    ``status_code`` is the HTTP status (None when no response arrived), ``error_code`` the API's
    ``ERR_NGROK_*`` code when it sent one, ``operation_id`` the API's id for the failed operation.
    """

    def __init__(self, msg, status_code=None, error_code=None, operation_id=None, method=None, url=None, details=None,
                 api_not_found=False):
        super(NgrokAPIError, self).__init__(msg)
        self.msg = msg
        self.status_code = status_code
        self.error_code = error_code
        self.operation_id = operation_id
        self.method = method
        self.url = url
        self.details = details or {}
        # True only for the ngrok API's own "Resource not found" answer (see _is_api_not_found).
        self.api_not_found = api_not_found

    @property
    def is_filter_error(self):
        """The API refused a CEL ``filter`` (HTTP 400, ERR_NGROK_250 or the docs' ``invalid_cel_expression``)."""
        return self.status_code == 400 and (
            self.error_code in ("ERR_NGROK_250", "invalid_cel_expression") or self.msg.startswith("Invalid CEL query"))

    def __str__(self):
        parts = []
        if self.method and self.url:
            parts.append("{0} {1}".format(self.method, _path_of(self.url)))
        if self.status_code is not None:
            parts.append("HTTP {0}".format(self.status_code))
        if self.error_code:
            parts.append(self.error_code)
        text = " ".join(parts)
        text = "{0}: {1}".format(text, self.msg) if text else self.msg
        if self.operation_id:
            text = "{0} (operation_id {1})".format(text, self.operation_id)
        return text

    def as_result(self):
        """Keys to add to a module's failure result."""
        return dict(
            error_code=self.error_code,
            status_code=self.status_code,
            operation_id=self.operation_id,
        )


class OutcomeUnknownError(NgrokAPIError):
    """A mutating request may or may not have been applied and cannot safely be repeated."""


class NgrokConfigError(ValueError):
    """A connection option cannot be used; raised before any request is sent."""


def _path_of(url):
    parts = urlsplit(url)
    return parts.path + ("?" + parts.query if parts.query else "")
