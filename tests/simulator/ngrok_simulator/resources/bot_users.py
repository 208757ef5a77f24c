"""Bot users: ``/bot_users`` (deprecated in favour of service users; no filter)."""

from ..errors import bad_request
from ..resource import BOOLEAN, STRING, Resource


class BotUsers(Resource):
    """A bot user; ``active`` defaults to true."""

    name = "bot_user"
    path = "/bot_users"
    list_key = "bot_users"
    id_prefix = "bot"
    fields = ("id", "uri", "name", "active", "created_at")
    create_fields = {"name": STRING, "active": BOOLEAN}
    update_fields = {"name": STRING, "active": BOOLEAN}
    required = ("name",)
    missing_code = 4109
    missing_message = "Bot user name must not be empty."
    defaults = {"active": True}

    def validate_create(self, ctx, body):
        if not body["name"].strip():
            raise bad_request(4109, "Bot user name must not be empty.")

    def validate_update(self, ctx, record, body):
        if "name" in body and not body["name"].strip():
            raise bad_request(4109, "Bot user name must not be empty.")


RESOURCES = [BotUsers()]
