# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""The error a task raises when it cannot go on (private to this collection).

A leaf: declarations, the engine and the module layer all raise it, and it imports nothing of theirs.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class EngineError(Exception):
    """A task cannot go on; ``result`` holds extra keys for the failure result."""

    def __init__(self, msg, **result):
        super(EngineError, self).__init__(msg)
        self.msg = msg
        self.result = result
