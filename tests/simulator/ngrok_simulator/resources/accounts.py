"""Agent credentials (``/credentials``) and service users (``/service_users``)."""

from ..errors import bad_request
from ..helpers import check_acl, random_token, resolve_owner
from ..resource import BOOLEAN, COMMON_FILTERS, STRING, STRINGS, Resource, Route, Unique
from ..server import token_digest

SERVICE_USER_NAME_MAX = 255


class Credentials(Resource):
    """An agent authtoken; its token is shown once."""

    name = "credential"
    path = "/credentials"
    list_key = "credentials"
    id_prefix = "cr"
    filterable_fields = COMMON_FILTERS + ("owner_id", "acl")
    fields = ("id", "uri", "created_at", "description", "metadata", "token", "acl", "owner_id")
    create_fields = {"description": STRING, "metadata": STRING, "acl": STRINGS, "owner_id": STRING, "owner_email": STRING,
                     "scim_user_id": STRING}
    update_fields = {"description": STRING, "metadata": STRING, "acl": STRINGS}
    defaults = {"acl": []}
    secret_on_create = ("token",)
    description_code = 604
    metadata_code = 605
    empty_update_code = 606
    empty_update_message = "The credentials update failed because no values were provided. Specify at least one value."

    def validate_create(self, ctx, body):
        check_acl(body.get("acl", []))
        body["owner_id"] = resolve_owner(ctx, body, user_aliases=True)

    def validate_update(self, ctx, record, body):
        check_acl(body.get("acl", []))

    def on_create(self, ctx, record, body):
        token = "%s_%s" % (record["id"].split("_", 1)[1], random_token(30))
        record["_token_hash"] = token_digest(token)
        return {"token": token}

    def sim_routes(self):
        """``GET /_sim/account``: the account's user, by the names credential ``owner_id`` accepts."""
        return [Route("GET", "/_sim/account", self.account)]

    @staticmethod
    def account(ctx, params, body, query):  # pylint: disable=unused-argument
        """The account user's id, email and SCIM id."""
        meta = ctx.store.meta
        return 200, {"user": {"id": ctx.owner_id, "email": meta.get("owner_email"), "scim_id": meta.get("owner_scim_id")}}


class ServiceUsers(Resource):
    """A non-human user that can own API keys and credentials."""

    name = "service_user"
    path = "/service_users"
    list_key = "service_users"
    id_prefix = "service"
    filterable_fields = ("id", "created_at")
    fields = ("id", "uri", "name", "active", "created_at")
    create_fields = {"name": STRING, "active": BOOLEAN}
    update_fields = {"name": STRING, "active": BOOLEAN}
    defaults = {"active": True}
    unique = (Unique(("name",), 4112, "Service User names must be unique within an account."),)

    @staticmethod
    def _check_name(name):
        if not name.strip():
            raise bad_request(4109, "Service User name must not be empty.")
        size = len(name.encode("utf-8"))
        if size > SERVICE_USER_NAME_MAX:
            raise bad_request(4110, "Service User name exceeds max length, %d bytes, max: %d." % (size, SERVICE_USER_NAME_MAX))

    def validate_create(self, ctx, body):
        self._check_name(body.get("name", ""))

    def validate_update(self, ctx, record, body):
        if "name" in body:
            self._check_name(body["name"])

    def on_delete(self, ctx, record):
        # Credentials and API keys owned by the service user go with it.
        for collection in ("api_keys", "credentials"):
            for rec in ctx.store.find(collection, owner_id=record["id"]):
                ctx.store.delete(collection, rec["id"])


RESOURCES = [Credentials(), ServiceUsers()]
