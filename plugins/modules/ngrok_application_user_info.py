#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ngrok_application_user_info
short_description: List the application users (traffic identities) of ngrok endpoints
version_added: 0.2.0
description:
  - Read one application user by id, or every application user of the account (the people who signed in to
    endpoints through the OAuth, OpenID Connect or SAML traffic policy actions), optionally narrowed by email,
    provider user id or identity provider. Reads every page of the list.
  - The API cannot filter application users; the narrowing options are checked on the listed users.
author:
  - ngrok.ngrok contributors (@ngrok)
extends_documentation_fragment:
  - ngrok.ngrok.connection
  - ngrok.ngrok.attributes
  - ngrok.ngrok.attributes.INFO
options:
  id:
    description:
      - ID of one application user. An id that does not exist gives an empty list.
    type: str
  email:
    description:
      - Only the users with this email address, compared without regard to case.
    type: str
  provider_user_id:
    description:
      - Only the users with this id at their identity provider, compared exactly.
    type: str
  identity_provider_name:
    description:
      - Only the users who signed in through the identity provider of this name (for example V(Google)), compared
        without regard to case.
    type: str
  identity_provider_url:
    description:
      - Only the users who signed in through the identity provider of this URL (for example
        V(https://accounts.google.com)), compared as the scheme and host in lower case, without a default port or a
        trailing C(/).
    type: str
seealso:
  - module: ngrok.ngrok.ngrok_application_user
  - module: ngrok.ngrok.ngrok_application_session_info
"""

EXAMPLES = r"""
- name: Everyone who signed in to the account's endpoints
  ngrok.ngrok.ngrok_application_user_info:
  register: users

- name: The accounts of one person, whichever provider they used
  ngrok.ngrok.ngrok_application_user_info:
    email: alice@example.com
  register: alice

- name: Everyone who signed in with GitHub
  ngrok.ngrok.ngrok_application_user_info:
    identity_provider_url: https://github.com
"""

RETURN = r"""
application_users:
  description:
    - The application users found, newest first. Each has the keys described for the
      RV(ngrok.ngrok.ngrok_application_user#module:application_user) result of M(ngrok.ngrok.ngrok_application_user)
      (C(id), C(uri), C(identity_provider), C(provider_user_id), C(username), C(email), C(name), C(created_at),
      C(last_active), C(last_login)).
  returned: always
  type: list
  elements: dict
  sample:
    - id: appusr_2Zx8example3RcLhDdPp4TtEFq9W
      uri: https://api.ngrok.com/app/users/appusr_2Zx8example3RcLhDdPp4TtEFq9W
      identity_provider:
        name: Google
        url: https://accounts.google.com
      provider_user_id: "109876543210987654321"
      username: alice
      email: alice@example.com
      name: Alice Example
      created_at: "2026-11-27T10:11:14Z"
      last_active: "2026-11-28T08:00:00Z"
      last_login: "2026-11-28T07:59:12Z"
"""

from ansible_collections.ngrok.ngrok.plugins.module_utils._module import info_module
from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.sessions import APPLICATION_USER


def main():
    info_module(APPLICATION_USER, [f.name for f in APPLICATION_USER.fields])


if __name__ == "__main__":
    main()
