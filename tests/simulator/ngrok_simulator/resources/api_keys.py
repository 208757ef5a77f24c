"""API keys: ``/api_keys``.  The token is shown once and authenticates requests."""

import secrets

from ..helpers import check_owner
from ..resource import COMMON_FILTERS, STRING, Resource
from ..server import token_digest


class ApiKeys(Resource):
    """An API key; deleting it revokes its token."""

    name = "api_key"
    path = "/api_keys"
    list_key = "keys"
    id_prefix = "ak"
    filterable_fields = COMMON_FILTERS + ("owner_id",)
    fields = ("id", "uri", "description", "metadata", "created_at", "token", "owner_id")
    create_fields = {"description": STRING, "metadata": STRING, "owner_id": STRING}
    update_fields = {"description": STRING, "metadata": STRING}
    secret_on_create = ("token",)
    description_code = 604
    metadata_code = 605

    def validate_create(self, ctx, body):
        body["owner_id"] = check_owner(ctx, body.get("owner_id"))

    def on_create(self, ctx, record, body):
        # Token: the key id's KSUID part, "_", then a random secret.
        token = "%s_%s" % (record["id"].split("_", 1)[1], secrets.token_urlsafe(24).replace("-", "x").replace("_", "y"))
        record["_token_hash"] = token_digest(token)
        return {"token": token}


RESOURCES = [ApiKeys()]
