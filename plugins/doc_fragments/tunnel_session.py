# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment(object):
    """The options that select tunnel sessions, in ngrok_tunnel_session and ngrok_tunnel_session_info."""

    DOCUMENTATION = r"""
options:
  credential_id:
    description:
      - Only the sessions of agents that connected with this tunnel credential (C(cr_...)) or SSH credential
        (C(sshcr_...)); compared exactly.
    type: str
  metadata:
    description:
      - Only the sessions whose metadata (the agent configuration's C(metadata)) is exactly this.
    type: str
  region:
    description:
      - Only the sessions started in this ngrok region, for example V(us) or V(eu).
    type: str
  ip:
    description:
      - Only the sessions whose agent connected from this source IP address.
    type: str
  os:
    description:
      - Only the sessions of agents running on this operating system, for example V(linux), V(darwin) or
        V(windows).
    type: str
  agent_version:
    description:
      - Only the sessions of agents of exactly this version, for example V(3.19.0).
    type: str
"""
