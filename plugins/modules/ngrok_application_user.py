#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ngrok_application_user
short_description: Remove the application users (traffic identities) of ngrok endpoints
version_added: 0.2.0
description:
  - Deletes an application user, which ngrok's dashboard calls a traffic identity; deleting it signs the person out
    at once, as every application session of the user ends with it. They can sign in again through their identity
    provider, unless the endpoint's traffic policy no longer lets them.
  - Application users are created by ngrok, not through the API, when an end user signs in to an endpoint through the
    C(oauth), C(openid-connect) or C(saml) traffic policy actions, one per person and identity provider. The API can
    only read and delete them, so O(state=absent) is the only state.
  - An application user is designated by O(id), or by who the person is at their identity provider (O(email) or
    O(provider_user_id)) together with which identity provider (O(identity_provider_name) or
    O(identity_provider_url)).
  - The API cannot filter application users, so finding one without its id reads the whole list (one request per
    100 users).
author:
  - ngrok.ngrok contributors (@ngrok)
extends_documentation_fragment:
  - ngrok.ngrok.connection
  - ngrok.ngrok.attributes
  - ngrok.ngrok.attributes.RESOURCE
options:
  state:
    description:
      - V(absent) deletes the application user, and with it every application session of the user.
    type: str
    choices: [absent]
    default: absent
  id:
    description:
      - ID of the application user. Cannot be used with the options that designate the user otherwise.
      - ngrok does not document the prefix of these ids; any id of the form C(<prefix>_<letters and digits>) is
        accepted.
    type: str
  email:
    description:
      - The email address the identity provider gave for the user. Compared without regard to case.
      - With the identity provider, designates the user when O(id) is not given. The identity provider is needed
        because one person who signs in through two providers (Google and GitHub, say) with the same address is
        two application users. Within one provider an address belongs to one account; should two users of the same
        provider still have the address, the task fails and lists their ids.
    type: str
  provider_user_id:
    description:
      - The identity provider's own id of the user (the OpenID Connect C(sub) claim, a SAML name ID), compared
        exactly. Unique within a provider; an alternative to O(email).
    type: str
  identity_provider_name:
    description:
      - Name of the identity provider the user signed in with, as ngrok shows it, for example V(Google) or
        V(GitHub). Compared without regard to case.
      - With O(email) or O(provider_user_id), designates the user when O(id) is not given. O(identity_provider_url)
        names the provider as well; when both are given, both must match.
    type: str
  identity_provider_url:
    description:
      - URL of the identity provider the user signed in with, for example V(https://accounts.google.com) or the
        issuer URL of an OpenID Connect provider. Compared as the scheme and host in lower case, without a default
        port or a trailing C(/).
    type: str
notes:
  - ngrok's Terraform provider has no equivalent.
  - To keep someone out, also change the traffic policy of the endpoint (its allowed emails or domains); deleting
    the application user only signs them out.
seealso:
  - module: ngrok.ngrok.ngrok_application_user_info
  - module: ngrok.ngrok.ngrok_application_session
  - name: Traffic Identities
    description: How ngrok records the users of endpoints protected by OAuth, OpenID Connect and SAML.
    link: https://ngrok.com/docs/traffic-policy/identities/
"""

EXAMPLES = r"""
- name: Sign out a person who left, from every endpoint they signed in to with Google
  ngrok.ngrok.ngrok_application_user:
    email: alice@example.com
    identity_provider_name: Google
    state: absent

- name: The same for the accounts of the company's OpenID Connect provider
  ngrok.ngrok.ngrok_application_user:
    email: alice@example.com
    identity_provider_url: https://login.example.com
    state: absent

- name: Read the application users
  ngrok.ngrok.ngrok_application_user_info:
  register: users

- name: Sign out every user who has not been active since the start of the month
  ngrok.ngrok.ngrok_application_user:
    id: "{{ item.id }}"
    state: absent
  loop: "{{ users.application_users | selectattr('last_active', 'lt', '2026-11-01T00:00:00Z') }}"
  loop_control:
    label: "{{ item.email }}"
"""

RETURN = r"""
application_user:
  description:
    - The application user that was deleted (in check mode, that would be), as the API showed it; an empty dict
      when there was none.
    - The API may leave out keys it has no value for.
  returned: always
  type: dict
  contains:
    id:
      description: Unique ID of the application user.
      type: str
      sample: appusr_2Zx8example3RcLhDdPp4TtEFq9W
    uri:
      description: URI of the application user in the API.
      type: str
      sample: https://api.ngrok.com/app/users/appusr_2Zx8example3RcLhDdPp4TtEFq9W
    identity_provider:
      description: The identity provider the user signed in with.
      type: dict
      contains:
        name:
          description: Name of the identity provider.
          type: str
          sample: Google
        url:
          description: URL of the identity provider.
          type: str
          sample: https://accounts.google.com
    provider_user_id:
      description: The identity provider's id of the user.
      type: str
      sample: "109876543210987654321"
    username:
      description: The user's username at the identity provider.
      type: str
      sample: alice
    email:
      description: The user's email address.
      type: str
      sample: alice@example.com
    name:
      description: The user's full name.
      type: str
      sample: Alice Example
    created_at:
      description: When the user first signed in, RFC 3339 in UTC.
      type: str
      sample: "2026-11-27T10:11:14Z"
    last_active:
      description: When the user was last active, RFC 3339 in UTC.
      type: str
      sample: "2026-11-28T08:00:00Z"
    last_login:
      description: When the user last signed in, RFC 3339 in UTC.
      type: str
      sample: "2026-11-28T07:59:12Z"
"""

from ansible_collections.ngrok.ngrok.plugins.module_utils._module import resource_module
from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.sessions import APPLICATION_USER


def main():
    resource_module(APPLICATION_USER)


if __name__ == "__main__":
    main()
