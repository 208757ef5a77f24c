"""Vaults (``/vaults``) and the secrets they hold (``/vault_secrets``)."""

import hashlib
import re

from ..errors import bad_request, invalid_value
from ..paging import page
from ..resource import COMMON_FILTERS, STRING, Resource, Route, Unique

# ERR_NGROK_23000/24000 name "a-zA-Z0-9_/." but the recorded examples reserve "prod-vault" and
# "db-password": the real API also takes hyphens.
NAME_CHARS = re.compile(r"^[A-Za-z0-9_/.-]+$")
NAME_MAX = 64
SECRET_VALUE_MAX = 16384


def _check_name(name, codes, kind):
    empty, invalid, too_long = codes
    if not name:
        raise bad_request(empty, "The %s name cannot be empty." % kind)
    if not NAME_CHARS.match(name):
        raise bad_request(invalid, "The %s name \"%s\" is invalid. Must only contain the characters \"a-zA-Z0-9_/.-\"." % (kind, name))
    if len(name) >= NAME_MAX:
        raise bad_request(too_long, "Your %s name must be less than %d characters." % (kind, NAME_MAX))


class Vaults(Resource):
    """A named container of secrets."""

    name = "vault"
    path = "/vaults"
    list_key = "vaults"
    id_prefix = "vault"
    filterable_fields = COMMON_FILTERS + ("name",)
    fields = ("id", "uri", "created_at", "updated_at", "name", "description", "metadata", "created_by", "last_updated_by")
    create_fields = {"name": STRING, "metadata": STRING, "description": STRING}
    update_fields = {"name": STRING, "metadata": STRING, "description": STRING}
    timestamp_fields = ("created_at", "updated_at")
    unique = (Unique(("name",), 23004, "Vault names must be unique within an account."),)

    def validate_create(self, ctx, body):
        _check_name(body.get("name", ""), (23001, 23000, 23002), "vault")

    def validate_update(self, ctx, record, body):
        if "name" in body:
            _check_name(body["name"], (23001, 23000, 23002), "vault")

    def on_create(self, ctx, record, body):
        record["updated_at"] = record["created_at"]
        record["created_by"] = ctx.owner_id
        record["last_updated_by"] = ctx.owner_id

    def on_update(self, ctx, record, body, old):
        if record != old:
            record["updated_at"] = ctx.now
            record["last_updated_by"] = ctx.owner_id

    def check_delete(self, ctx, record):
        if ctx.store.find("vault_secrets", vault_id=record["id"]):
            raise bad_request(23003, "A Vault must be empty before it can be deleted. Remove all secrets from the vault and try again.")

    def extra_routes(self):
        return [Route("GET", self.path + "/{id}/secrets", self.secrets, query=("before_id", "limit"))]

    def secrets(self, ctx, params, body, query):  # pylint: disable=unused-argument
        """GET /vaults/{id}/secrets: the secrets of one vault, paged, without filter."""
        vault = self.lookup(ctx, params["id"])
        res = ctx.resource("secret")
        objects = [res.render(ctx, rec) for rec in ctx.store.records(res.collection) if rec.get("vault_id") == vault["id"]]
        return 200, page(ctx, objects, "secrets", "%s/%s/secrets" % (self.path, vault["id"]), query)


class Secrets(Resource):
    """A named, write-only value stored in a vault."""

    name = "secret"
    path = "/vault_secrets"
    list_key = "secrets"
    id_prefix = "secret"
    filterable_fields = COMMON_FILTERS + ("name",)
    fields = ("id", "uri", "created_at", "updated_at", "name", "description", "metadata", "created_by", "last_updated_by",
              "vault", "vault_name")
    create_fields = {"name": STRING, "value": STRING, "metadata": STRING, "description": STRING, "vault_id": STRING,
                     "vault_name": STRING}
    update_fields = {"name": STRING, "value": STRING, "metadata": STRING, "description": STRING}
    write_only = ("value",)
    timestamp_fields = ("created_at", "updated_at")
    refs = {"vault": ("vault_id", "/vaults")}
    unique = (Unique(("name",), 24005, "Secret names must be unique within a vault.", scope=("vault_id",)),)

    @staticmethod
    def _check_value(value):
        if not value:
            raise bad_request(24003, "The secret value cannot be empty.")
        if len(value.encode("utf-8")) > SECRET_VALUE_MAX:
            raise bad_request(24004, "Your secret value must be less than %d bytes." % SECRET_VALUE_MAX)

    def validate_create(self, ctx, body):
        vault_id = body.get("vault_id")
        vault_name = body.get("vault_name")
        if not vault_id and not vault_name:
            raise bad_request(24008, "Required parameter 'VaultID' is missing.")
        if vault_id:
            vault = ctx.store.get("vaults", vault_id)
            if vault is None:
                raise bad_request(24006, "Vault with ID %s not found." % vault_id)
            if vault_name and vault_name != vault["name"]:
                raise invalid_value("vault_name")   # it names another vault than vault_id
        else:
            found = ctx.store.find("vaults", name=vault_name)
            if not found:
                raise bad_request(24009, "Vault not found with name: %s" % vault_name)
            vault = found[0]
        body["vault_id"] = vault["id"]
        body.pop("vault_name", None)
        _check_name(body.get("name", ""), (24001, 24000, 24002), "secret")
        self._check_value(body.get("value", ""))

    def validate_update(self, ctx, record, body):
        if "name" in body:
            _check_name(body["name"], (24001, 24000, 24002), "secret")
        if "value" in body:
            self._check_value(body["value"])

    @staticmethod
    def _digest(value):
        return hashlib.sha256(value.encode("utf-8")).hexdigest()

    def on_create(self, ctx, record, body):
        record["_value_sha256"] = self._digest(body["value"])
        record["updated_at"] = record["created_at"]
        record["created_by"] = ctx.owner_id
        record["last_updated_by"] = ctx.owner_id

    def on_update(self, ctx, record, body, old):
        if "value" in body:
            record["_value_sha256"] = self._digest(body["value"])
        if record != old:
            record["updated_at"] = ctx.now
            record["last_updated_by"] = ctx.owner_id

    def render(self, ctx, record, once=None):
        out = super().render(ctx, record, once)
        out["created_by"] = {"id": record["created_by"], "uri": ""}
        out["last_updated_by"] = {"id": record["last_updated_by"], "uri": ""}
        vault = ctx.store.get("vaults", record["vault_id"])
        out["vault_name"] = vault["name"] if vault else ""
        return out


RESOURCES = [Vaults(), Secrets()]
