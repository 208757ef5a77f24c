# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Declarations of vaults and the secrets they hold."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from ansible_collections.ngrok.ngrok.plugins.module_utils._declaration import COMMON_FILTER_FIELDS, Resource
from ansible_collections.ngrok.ngrok.plugins.module_utils._fields import (
    Field,
    Refers,
    description_field,
    metadata_field,
    ref_id,
)


# -- Vaults and secrets -------------------------------------------------------------------------

VAULT = Resource(
    name="vault",
    plural="vaults",
    path="/vaults",
    list_key="vaults",
    id_prefix="vault",
    response_keys=("id", "uri", "created_at", "updated_at", "name", "description", "metadata", "created_by",
                   "last_updated_by"),
    filterable_fields=COMMON_FILTER_FIELDS + ("name",),
    required_for_create=("name",),
    conflict_codes=(23004,),
    fields=[
        Field("name", identity=True),
        description_field(),
        metadata_field(),
    ],
)

SECRET = Resource(
    name="secret",
    plural="secrets",
    path="/vault_secrets",
    list_key="secrets",
    id_prefix="secret",
    response_keys=("id", "uri", "created_at", "updated_at", "name", "description", "metadata", "created_by",
                   "last_updated_by", "vault", "vault_name"),
    filterable_fields=COMMON_FILTER_FIELDS + ("name",),
    required_for_create=("name", "value"),
    write_only_option="update_value",
    mutually_exclusive=[("vault_id", "vault_name")],
    conflict_codes=(24005,),
    fields=[
        Field("vault_id", update=False, identity="vault", read=ref_id("vault"), filter_field="vault.id",
              predict=lambda value, obj: {"vault": {"id": value, "uri": None}}, refers=[Refers("vaults", required=True)]),
        # The API takes the vault by name as it is: no id to resolve.
        Field("vault_name", update=False, identity="vault", refers=[Refers("vaults", key="name", required=True)]),
        Field("name", identity=True),
        Field("value", spec={"type": "str", "no_log": True}, write_only=True),
        description_field(),
        metadata_field(),
    ],
)
