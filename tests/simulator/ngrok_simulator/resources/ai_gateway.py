"""AI Gateway API keys (``/ai_gateway_api_keys``): the keys clients of a legacy, endpoint-based AI gateway
authenticate with.

The shape is ngrok-api-go v8's (``ai_gateway_api_keys/client.go``, ``AIGatewayAPIKey*`` in ``datatypes.go``):
create, get, list (``before_id`` and ``limit`` only: the Go client passes no filter), update and delete. A key
belongs to one endpoint that runs the ``ai-gateway`` traffic policy action; since the AI Gateway moved to
ngrok.ai no new endpoint can become one (``ERR_NGROK_18024``, see ``traffic_policy.py``), so keys can only be
made for the legacy gateways an account already has (seed one with ``POST /_sim/agent_endpoints``).
"""

from .. import traffic_policy
from ..errors import ApiError, code_name
from ..helpers import random_label, random_token
from ..resource import DESCRIPTION_MAX, METADATA_MAX, STRING, Resource

TOKEN_PREFIX = "ng-"


def _unprocessable(code, msg):
    """The AI Gateway key errors 27003-27006 answer 422 (ai-gateway/reference/error-codes.mdx)."""
    return ApiError(422, code_name(code), msg)


def display_form(token):
    """The redacted form a token is shown in after its creation: its first 10 and last 4 characters."""
    return "%s***%s" % (token[:10], token[-4:])


class AIGatewayAPIKeys(Resource):
    """An AI Gateway API key; its token is shown once, in the create answer."""

    name = "ai_gateway_api_key"
    path = "/ai_gateway_api_keys"
    list_key = "ai_gateway_api_keys"
    id_prefix = "aigk"
    fields = ("id", "uri", "created_at", "updated_at", "description", "metadata", "created_by", "last_updated_by", "endpoint",
              "token", "display_name", "last_used")
    create_fields = {"description": STRING, "metadata": STRING, "endpoint_id": STRING}
    update_fields = {"description": STRING, "metadata": STRING, "endpoint_id": STRING}
    refs = {"endpoint": ("endpoint_id", "/endpoints")}
    secret_on_create = ("token",)

    def check_body(self, body, allowed, creating):
        # The length limits answer 422 with their own codes (ERR 27004, 27005), before the generic checks.
        for key, limit, code in (("description", DESCRIPTION_MAX, 27004), ("metadata", METADATA_MAX, 27005)):
            value = body.get(key)
            if isinstance(value, str) and len(value.encode("utf-8")) > limit:
                raise _unprocessable(code, "The %s field cannot be longer than %d characters. was %d"
                                     % (key, limit, len(value.encode("utf-8"))))
        return super().check_body(body, allowed, creating)

    @staticmethod
    def check_gateway(ctx, endpoint_id):
        """The endpoint must exist (ERR 27002, 404) and run the ai-gateway action (ERR 27003, 422)."""
        endpoint = ctx.store.get("endpoints", endpoint_id)
        if endpoint is None:
            raise ApiError(404, code_name(27002), "The specified endpoint, %s, was not found." % endpoint_id)
        if not traffic_policy.has_ai_gateway(endpoint.get("traffic_policy")):
            raise _unprocessable(27003, "The specified endpoint, %s, does not have AI Gateway action enabled." % endpoint_id)

    def validate_create(self, ctx, body):
        if not body.get("endpoint_id"):
            raise _unprocessable(27006, "The `endpoint_id` field is required.")
        self.check_gateway(ctx, body["endpoint_id"])

    def on_create(self, ctx, record, body):
        # Tokens look like ng-<part>-g1-<secret> (ai-gateway/reference/error-codes.mdx, ERR_NGROK_27007).
        token = "%s%s-g1-%s" % (TOKEN_PREFIX, random_label(8), random_token(40))
        record.update({"updated_at": record["created_at"], "created_by": ctx.owner_id, "last_updated_by": ctx.owner_id,
                       "display_name": display_form(token), "last_used": None})
        return {"token": token}

    def validate_update(self, ctx, record, body):
        if "endpoint_id" in body:
            if not body["endpoint_id"]:
                raise _unprocessable(27006, "The `endpoint_id` field is required.")
            if body["endpoint_id"] != record.get("endpoint_id"):
                self.check_gateway(ctx, body["endpoint_id"])

    def on_update(self, ctx, record, body, old):
        if record != old:
            record["updated_at"] = ctx.now
            record["last_updated_by"] = ctx.owner_id

    def render(self, ctx, record, once=None):
        out = super().render(ctx, record, once)
        for key in ("created_by", "last_updated_by"):
            # Users are referenced with an empty uri (EX _secrets_create_response.mdx, created_by).
            out[key] = {"id": record.get(key) or ctx.owner_id, "uri": ""}
        return out


RESOURCES = [AIGatewayAPIKeys()]
