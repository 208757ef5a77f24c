"""IP policies, IP policy rules and IP restrictions."""

import ipaddress

from ..errors import bad_request
from ..resource import BOOLEAN, COMMON_FILTERS, STRING, STRINGS, Resource, Unique

RESTRICTION_TYPES = ("dashboard", "api", "agent", "endpoints")


def normalize_cidr(value):
    """Validate a CIDR the way the API does and return its canonical form."""
    text = value.strip()
    if "/" not in text:
        try:
            ipaddress.ip_address(text)
        except ValueError:
            raise bad_request(1406, "Invalid CIDR: %s" % value) from None
        bits = 32 if ":" not in text else 128
        raise bad_request(1413, "IP Policy Rule is missing a network mask. Consider using %s/%d if you want to target a single host IP."
                          % (text, bits))
    try:
        network = ipaddress.ip_network(text, strict=False)
    except ValueError:
        raise bad_request(1406, "Invalid CIDR: %s" % value) from None
    if network.network_address != ipaddress.ip_interface(text).ip:
        raise bad_request(1409, "IP Policy Rule CIDR %s must be specified using the lowest IP address in the range. Did you mean %s?"
                          % (value, network))
    return str(network)


class IpPolicies(Resource):
    """A named set of IP rules."""

    name = "ip_policy"
    path = "/ip_policies"
    list_key = "ip_policies"
    id_prefix = "ipp"
    filterable_fields = COMMON_FILTERS
    fields = ("id", "uri", "created_at", "description", "metadata")
    create_fields = {"description": STRING, "metadata": STRING}
    update_fields = {"description": STRING, "metadata": STRING}
    empty_update_code = 1400
    empty_update_message = "The IP Policy update failed because no values were provided. Specify at least one value"

    def check_delete(self, ctx, record):
        users = sorted(rec["id"] for rec in ctx.store.table("ip_restrictions").values()
                       if record["id"] in (rec.get("ip_policy_ids") or []))
        if users:
            raise bad_request(1420, "Cannot delete IP Policy (%s) because it is referenced by one or more IP Restrictions: (%s). "
                              "Detach this IP Policy from all IP Restrictions before deleting it." % (record["id"], ", ".join(users)))

    def on_delete(self, ctx, record):
        for rule in ctx.store.find("ip_policy_rules", ip_policy_id=record["id"]):
            ctx.store.delete("ip_policy_rules", rule["id"])


class IpPolicyRules(Resource):
    """One CIDR with an allow or deny action inside an IP policy."""

    name = "ip_policy_rule"
    path = "/ip_policy_rules"
    list_key = "ip_policy_rules"
    id_prefix = "ipr"
    # The filtering table lists the reference "ip_policy": it is filtered through its id (obj.ip_policy.id).
    filterable_fields = COMMON_FILTERS + ("ip_policy.id", "cidr", "action")
    fields = ("id", "uri", "created_at", "description", "metadata", "cidr", "ip_policy", "action")
    create_fields = {"description": STRING, "metadata": STRING, "cidr": STRING, "ip_policy_id": STRING, "action": STRING}
    update_fields = {"description": STRING, "metadata": STRING, "cidr": STRING}
    required = ("cidr", "ip_policy_id", "action")
    enums = {"action": ("allow", "deny")}
    refs = {"ip_policy": ("ip_policy_id", "/ip_policies")}
    unique = (Unique(("cidr",), 1408, "IP Policy Rule with CIDR %(cidr)s already exists", scope=("ip_policy_id",)),)
    description_code = 1421
    empty_update_code = 1401
    empty_update_message = "The IP Policy Rule update failed because no values were provided. Specify at least one value"
    missing_code = 1405
    missing_message = "Required parameter is missing. Specify '%s'"
    enum_code = 1422
    enum_message = "An IP Policy Rule must have an 'action' of either 'allow' or 'deny'."

    def validate_create(self, ctx, body):
        if ctx.store.get("ip_policies", body["ip_policy_id"]) is None:
            raise bad_request(1414, "The provided ip_policy_id is invalid. Check the value given with your request.")
        body["cidr"] = normalize_cidr(body["cidr"])

    def validate_update(self, ctx, record, body):
        if "cidr" in body:
            body["cidr"] = normalize_cidr(body["cidr"])

    def check_delete(self, ctx, record):
        siblings = ctx.store.find(self.collection, ip_policy_id=record["ip_policy_id"])
        if len(siblings) > 1:
            return
        for restriction in ctx.store.find("ip_restrictions", type="dashboard"):
            if record["ip_policy_id"] in restriction.get("ip_policy_ids", []):
                raise bad_request(1419, "Cannot delete only rule (%s) in use by dashboard IP Restriction (%s). Detach this IP Policy "
                                  "from IP Restriction before deleting this rule." % (record["id"], restriction["id"]))


class IpRestrictions(Resource):
    """Which IP policies guard the dashboard, the API, agents or endpoints."""

    name = "ip_restriction"
    path = "/ip_restrictions"
    list_key = "ip_restrictions"
    id_prefix = "ipx"
    filterable_fields = COMMON_FILTERS
    fields = ("id", "uri", "created_at", "description", "metadata", "enforced", "type", "ip_policies")
    create_fields = {"description": STRING, "metadata": STRING, "enforced": BOOLEAN, "type": STRING, "ip_policy_ids": STRINGS}
    update_fields = {"description": STRING, "metadata": STRING, "enforced": BOOLEAN, "ip_policy_ids": STRINGS}
    defaults = {"enforced": False}
    ref_lists = {"ip_policies": ("ip_policy_ids", "/ip_policies")}
    unique = (Unique(("type",), 1802, "Only one IP Restriction is allowed per type. Consider either deleting the existing %(type)s "
                     "restriction first, or updating it instead."),)

    @staticmethod
    def _check_policies(ctx, policy_ids):
        if not policy_ids:
            raise bad_request(1804, "An IP Restriction must specify at least one IP Policy.")
        for ident in policy_ids:
            if ctx.store.get("ip_policies", ident) is None:
                raise bad_request(1801, "Invalid IP Restriction. The policy %s does not exist on your account." % ident)
        return list(dict.fromkeys(policy_ids))

    def validate_create(self, ctx, body):
        kind = body.get("type")
        if kind not in RESTRICTION_TYPES:
            raise bad_request(1803, "The provided IP Restriction type \"%s\" is invalid. Valid types: %s."
                              % (kind or "", ", ".join(RESTRICTION_TYPES)))
        body["ip_policy_ids"] = self._check_policies(ctx, body.get("ip_policy_ids"))

    def validate_update(self, ctx, record, body):
        if "ip_policy_ids" in body:
            body["ip_policy_ids"] = self._check_policies(ctx, body["ip_policy_ids"])


RESOURCES = [IpPolicies(), IpPolicyRules(), IpRestrictions()]
