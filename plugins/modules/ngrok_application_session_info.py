#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ngrok_application_session_info
short_description: List the application sessions of signed-in users of ngrok endpoints
version_added: 0.2.0
description:
  - Read one application session by id, or every application session of the account (one per browser of an end user
    signed in to an endpoint through the OAuth, OpenID Connect or SAML traffic policy actions), optionally narrowed
    by user or endpoint URL. Reads every page of the list.
  - The API cannot filter application sessions; the narrowing options are checked on the listed sessions.
author:
  - ngrok.ngrok contributors (@ngrok)
extends_documentation_fragment:
  - ngrok.ngrok.connection
  - ngrok.ngrok.attributes
  - ngrok.ngrok.attributes.INFO
options:
  id:
    description:
      - ID of one application session. An id that does not exist gives an empty list.
    type: str
  application_user_id:
    description:
      - Only the sessions of this application user.
    type: str
  public_url:
    description:
      - Only the sessions on the endpoint of this URL, compared as the scheme and host in lower case, without a
        default port and without a trailing C(/).
    type: str
seealso:
  - module: ngrok.ngrok.ngrok_application_session
  - module: ngrok.ngrok.ngrok_application_user_info
"""

EXAMPLES = r"""
- name: Every signed-in browser
  ngrok.ngrok.ngrok_application_session_info:
  register: sessions

- name: The sessions of one user
  ngrok.ngrok.ngrok_application_session_info:
    application_user_id: "{{ alice.application_users[0].id }}"

- name: Who is signed in to the admin endpoint
  ngrok.ngrok.ngrok_application_session_info:
    public_url: https://admin.example.com
  register: admin_sessions
"""

RETURN = r"""
application_sessions:
  description:
    - The application sessions found, newest first. Each has the keys described for the
      RV(ngrok.ngrok.ngrok_application_session#module:application_session) result of
      M(ngrok.ngrok.ngrok_application_session) (C(id), C(uri), C(public_url), C(browser_session),
      C(application_user), C(created_at), C(last_active), C(expires_at), C(endpoint), C(edge), C(route)).
  returned: always
  type: list
  elements: dict
  sample:
    - id: appsess_2Zx8example3RcLhDdPp4TtEFq9W
      uri: https://api.ngrok.com/app/sessions/appsess_2Zx8example3RcLhDdPp4TtEFq9W
      public_url: https://admin.example.com
      application_user:
        id: appusr_2Zx8example3RcLhDdPp4TtEFq9W
        uri: https://api.ngrok.com/app/users/appusr_2Zx8example3RcLhDdPp4TtEFq9W
      browser_session:
        ip_address: 203.0.113.7
      created_at: "2026-11-27T10:11:14Z"
      last_active: "2026-11-28T08:00:00Z"
      expires_at: "2026-12-04T10:11:14Z"
      endpoint:
        id: ep_2Zx8example3RcLhDdPp4TtEFq9W
        uri: https://api.ngrok.com/endpoints/ep_2Zx8example3RcLhDdPp4TtEFq9W
      edge: null
      route: null
"""

from ansible_collections.ngrok.ngrok.plugins.module_utils._module import info_module
from ansible_collections.ngrok.ngrok.plugins.module_utils._select import Narrowing
from ansible_collections.ngrok.ngrok.plugins.module_utils._fields import ref_id
from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.sessions import (
    APPLICATION_SESSION,
    normalize_public_url,
)


def main():
    info_module(APPLICATION_SESSION, [
        Narrowing("application_user_id", "application_user.id", read=ref_id("application_user")),
        Narrowing("public_url", "public_url", normalize=normalize_public_url),
    ])


if __name__ == "__main__":
    main()
