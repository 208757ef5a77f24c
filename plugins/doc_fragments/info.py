# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    """Options shared by the collection's _info modules."""

    DOCUMENTATION = r"""
options:
  filter:
    description:
      - A CEL expression over C(obj) that the API evaluates to narrow the list, for example
        V(obj.description.contains("prod") && obj.created_at > timestamp("2026-01-01T00:00:00Z")).
      - Combined with C(&&) with the other narrowing options. Cannot be used with O(id).
      - See U(https://ngrok.com/docs/api/api-filtering/) for the fields and functions each list accepts.
    type: str
"""
