#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ngrok_application_session
short_description: End the application sessions of signed-in users of ngrok endpoints
version_added: 0.2.0
description:
  - Deletes an application session, which signs one browser of an end user out of an endpoint at once. The user can
    sign in again through their identity provider.
  - Application sessions are created by ngrok, not through the API, when an end user signs in to an endpoint through
    the C(oauth), C(openid-connect) or C(saml) traffic policy actions. The API can only read and delete them, so
    O(state=absent) is the only state.
  - Only its O(id) designates a session. Find the ids with M(ngrok.ngrok.ngrok_application_session_info), for
    example the sessions of one user. To sign a person out of every session, delete their application user with
    M(ngrok.ngrok.ngrok_application_user).
author:
  - ngrok.ngrok contributors (@ngrok)
extends_documentation_fragment:
  - ngrok.ngrok.connection
  - ngrok.ngrok.attributes
  - ngrok.ngrok.attributes.RESOURCE
options:
  state:
    description:
      - V(absent) deletes the application session; a session that no longer exists (it expired or was ended) reports
        no change.
    type: str
    choices: [absent]
    default: absent
  id:
    description:
      - ID of the application session.
      - ngrok does not document the prefix of these ids; any id of the form C(<prefix>_<letters and digits>) is
        accepted.
    type: str
    required: true
notes:
  - ngrok's Terraform provider has no equivalent.
seealso:
  - module: ngrok.ngrok.ngrok_application_session_info
  - module: ngrok.ngrok.ngrok_application_user
  - name: Traffic Identities
    description: How ngrok records the users of endpoints protected by OAuth, OpenID Connect and SAML, and their sessions.
    link: https://ngrok.com/docs/traffic-policy/identities/
"""

EXAMPLES = r"""
- name: Find the sessions of one user
  ngrok.ngrok.ngrok_application_session_info:
    application_user_id: "{{ alice.application_users[0].id }}"
  register: sessions

- name: Sign that user out of the admin endpoint only
  ngrok.ngrok.ngrok_application_session:
    id: "{{ item.id }}"
    state: absent
  loop: "{{ sessions.application_sessions | selectattr('public_url', 'equalto', 'https://admin.example.com') }}"
  loop_control:
    label: "{{ item.id }}"
"""

RETURN = r"""
application_session:
  description:
    - The application session that was deleted (in check mode, that would be), as the API showed it; an empty dict
      when there was none.
    - The API may leave out keys it has no value for.
  returned: always
  type: dict
  contains:
    id:
      description: Unique ID of the application session.
      type: str
      sample: appsess_2Zx8example3RcLhDdPp4TtEFq9W
    uri:
      description: URI of the application session in the API.
      type: str
      sample: https://api.ngrok.com/app/sessions/appsess_2Zx8example3RcLhDdPp4TtEFq9W
    public_url:
      description: URL of the endpoint the user signed in to.
      type: str
      sample: https://admin.example.com
    application_user:
      description: The application user the session belongs to, with its C(id) and C(uri).
      type: dict
      sample: {"id": "appusr_2Zx8example3RcLhDdPp4TtEFq9W", "uri": "https://api.ngrok.com/app/users/appusr_2Zx8example3RcLhDdPp4TtEFq9W"}
    browser_session:
      description: The browser the user signed in with.
      type: dict
      contains:
        user_agent:
          description: The browser's C(User-Agent) header (C(raw)) and what ngrok read from it (C(browser_name),
            C(browser_version), C(device_type), C(os_name), C(os_version)).
          type: dict
          sample: {"raw": "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0", "browser_name": "Firefox",
                   "browser_version": "128", "device_type": "Desktop", "os_name": "Linux", "os_version": ""}
        ip_address:
          description: IP address of the browser.
          type: str
          sample: 203.0.113.7
        location:
          description: Where that IP address is, as ngrok locates it (C(country_code), C(latitude), C(longitude),
            C(lat_long_radius_km)).
          type: dict
          sample: {"country_code": "US", "latitude": 37.7749, "longitude": -122.4194, "lat_long_radius_km": 20}
    created_at:
      description: When the user signed in, RFC 3339 in UTC.
      type: str
      sample: "2026-11-27T10:11:14Z"
    last_active:
      description: When the session was last used, RFC 3339 in UTC.
      type: str
      sample: "2026-11-28T08:00:00Z"
    expires_at:
      description: When the session expires, RFC 3339 in UTC.
      type: str
      sample: "2026-12-04T10:11:14Z"
    endpoint:
      description: The endpoint the session belongs to, with its C(id) and C(uri).
      type: dict
      sample: {"id": "ep_2Zx8example3RcLhDdPp4TtEFq9W", "uri": "https://api.ngrok.com/endpoints/ep_2Zx8example3RcLhDdPp4TtEFq9W"}
    edge:
      description: The edge of the session, for endpoints of ngrok's deprecated edges; null otherwise.
      type: dict
      sample: null
    route:
      description: The edge route of the session, for endpoints of ngrok's deprecated edges; null otherwise.
      type: dict
      sample: null
"""

from ansible_collections.ngrok.ngrok.plugins.module_utils._module import resource_module
from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.sessions import APPLICATION_SESSION


def main():
    resource_module(APPLICATION_SESSION)


if __name__ == "__main__":
    main()
