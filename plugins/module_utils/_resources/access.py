# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Declarations of the account's access resources: API keys, tunnel credentials (agent authtokens), service users."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.ngrok.ngrok.plugins.module_utils._declaration import COMMON_FILTER_FIELDS, Resource
from ansible_collections.ngrok.ngrok.plugins.module_utils._fields import (
    Field,
    Reference,
    description_field,
    metadata_field,
    owner_field,
)


# -- API keys -----------------------------------------------------------------------------------

API_KEY = Resource(
    name="api_key",
    plural="api_keys",
    path="/api_keys",
    list_key="keys",
    id_prefix="ak",
    human="API key",
    response_keys=("id", "uri", "description", "metadata", "created_at", "token", "owner_id"),
    filterable_fields=COMMON_FILTER_FIELDS + ("owner_id",),
    shown_once=("token",),
    required_for_create=("description",),
    identity_is_unique=False,
    offers_replace=True,
    fields=[
        description_field(identity=True),
        metadata_field(),
        owner_field(),
    ],
)


# -- Tunnel credentials and service users --------------------------------------------------------

CREDENTIAL = Resource(
    name="credential",
    plural="credentials",
    path="/credentials",
    list_key="credentials",
    id_prefix="cr",
    human="tunnel credential",
    response_keys=("id", "uri", "created_at", "description", "metadata", "token", "acl", "owner_id"),
    filterable_fields=COMMON_FILTER_FIELDS + ("owner_id", "acl"),
    shown_once=("token",),
    required_for_create=("description",),
    identity_is_unique=False,
    derive=lambda obj, body, current: obj.update(acl=obj.get("acl") or []) if current is None else None,
    offers_replace=True,
    fields=[
        description_field(identity=True),
        metadata_field(),
        Field("acl", spec={"type": "list", "elements": "str"}, compare="set", empty=[]),
        owner_field(),
    ],
)

SERVICE_USER = Resource(
    name="service_user",
    plural="service_users",
    path="/service_users",
    list_key="service_users",
    human="service user",
    response_keys=("id", "uri", "name", "active", "created_at"),
    # ngrok documents only id and created_at as filterable, so a lookup by name reads every page.
    filterable_fields=("id", "created_at"),
    required_for_create=("name",),
    derive=lambda obj, body, current: obj.update(active=body.get("active", True)) if current is None else None,
    conflict_codes=(4112,),
    fields=[
        Field("name", identity=True),
        Field("active", spec={"type": "bool"}, empty=False, api_default=True),
    ],
)


def owner_reference():
    """``owner_name``: the service user that owns an object, named by its name (service user names are unique). The
    owner may be a user too, so an ``owner_id`` of no service user is no mistake; a service user keeps what it owns
    from a prune."""
    return Reference("owner_name", "owner_id", SERVICE_USER, "name", id_required=False)


API_KEY.references.append(owner_reference())
CREDENTIAL.references.append(owner_reference())
