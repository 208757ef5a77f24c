#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ngrok_bot_user_info
short_description: List ngrok bot users (deprecated by ngrok; use ngrok_service_user_info)
version_added: 0.2.0
description:
  - B(ngrok deprecated bot users in favour of service users.) Use M(ngrok.ngrok.ngrok_service_user) to manage them and
    M(ngrok.ngrok.ngrok_service_user_info) to list them. Every run of this module warns so.
  - Read one bot user by id, or every bot user of the account, optionally narrowed by name or active state. Reads
    every page of the list.
  - The API cannot filter bot users; the narrowing options are checked on the listed bot users. The collection
    offers no module that creates or changes bot users.
author:
  - ngrok.ngrok contributors (@ngrok)
extends_documentation_fragment:
  - ngrok.ngrok.connection
  - ngrok.ngrok.attributes
  - ngrok.ngrok.attributes.INFO
options:
  id:
    description:
      - ID of one bot user (C(bot_...)). An id that does not exist gives an empty list.
    type: str
  name:
    description:
      - Only the bot users with exactly this name.
    type: str
  active:
    description:
      - Only active bot users (V(true)) or only inactive ones (V(false)).
    type: bool
notes:
  - This module stays in the collection while ngrok's API serves bot users; it is not deprecated by the collection,
    the API resource it reads is deprecated by ngrok.
  - Only account administrators can read bot users; the API refuses others with its error code.
seealso:
  - module: ngrok.ngrok.ngrok_service_user_info
  - module: ngrok.ngrok.ngrok_service_user
"""

EXAMPLES = r"""
# Prefer: ngrok.ngrok.ngrok_service_user_info
- name: The bot users left in the account, to move their keys to service users
  ngrok.ngrok.ngrok_bot_user_info:
  register: bots

- name: One bot user by name
  ngrok.ngrok.ngrok_bot_user_info:
    name: ci-bot
"""

RETURN = r"""
bot_users:
  description:
    - The bot users found, newest first.
  returned: always
  type: list
  elements: dict
  contains:
    id:
      description: Unique ID of the bot user.
      type: str
      sample: bot_2Zx8example3RcLhDdPp4TtEFq9W
    uri:
      description: URI of the bot user in the API.
      type: str
      sample: https://api.ngrok.com/bot_users/bot_2Zx8example3RcLhDdPp4TtEFq9W
    name:
      description: Name of the bot user.
      type: str
      sample: ci-bot
    active:
      description: Whether the bot user is active.
      type: bool
      sample: true
    created_at:
      description: When the bot user was created, RFC 3339 in UTC.
      type: str
      sample: "2026-11-27T10:11:43Z"
"""

from ansible_collections.ngrok.ngrok.plugins.module_utils._module import info_module
from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.sessions import BOT_USER, BOT_USER_DEPRECATION


def main():
    info_module(BOT_USER, ["name", "active"], deprecated=BOT_USER_DEPRECATION)


if __name__ == "__main__":
    main()
