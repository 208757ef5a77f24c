# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    """The attributes block of the collection's modules."""

    DOCUMENTATION = r"""
options: {}
attributes:
  action_group:
    description: Use C(group/ngrok.ngrok.ngrok) in C(module_defaults) to set defaults for this module.
    support: full
    membership:
      - ngrok.ngrok.ngrok
"""

    RESOURCE = r"""
options: {}
attributes:
  check_mode:
    description: Can run in check_mode and return the changed status and the predicted object without changing anything.
    support: full
  diff_mode:
    description: Will return details on what has changed (or would change in check mode) when in diff mode.
    support: full
  idempotent:
    description: A second run with the same options reports no change and sends only the lookup request.
    support: full
"""

    INFO = r"""
options: {}
attributes:
  check_mode:
    description: This action does not modify state.
    support: full
    details: Reads only; runs the same in check mode.
  diff_mode:
    description: This action does not modify state.
    support: N/A
  idempotent:
    description: This action does not modify state.
    support: full
"""
