"""Agent ingresses: ``/agent_ingresses`` (custom connect domains for ngrok agents)."""

import re

from ..errors import bad_request, unknown_field_message
from ..resource import COMMON_FILTERS, OBJECT, STRING, Resource, Unique

NGROK_SUFFIXES = ("ngrok.com", "ngrok.io", "ngrok.app", "ngrok.dev", "ngrok.pizza", "ngrok.pro",
                  "ngrok-free.app", "ngrok-free.dev", "ngrok-free.pizza")
REGIONS = ("us",)
_LABEL_RE = re.compile(r"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")
POLICY_KEYS = ("authority", "private_key_type")


def normalise_domain(value):
    """Lower case, trimmed, no trailing dot."""
    return value.strip().lower().rstrip(".")


def valid_domain(domain):
    """A fully qualified DNS name made of valid labels."""
    labels = domain.split(".")
    return len(domain) <= 253 and len(labels) >= 2 and all(_LABEL_RE.match(label) for label in labels)


def check_policy(policy):
    """Validate a certificate management policy and fill its defaults (private key rsa)."""
    for key in policy:
        if key not in POLICY_KEYS:
            raise bad_request(214, unknown_field_message("certificate_management_policy." + key, POLICY_KEYS))
    authority = policy.get("authority") or "letsencrypt"
    key_type = policy.get("private_key_type") or "rsa"
    if not isinstance(authority, str) or authority != "letsencrypt":
        raise bad_request(1908, "Invalid authority '%s'. Valid authorities: letsencrypt." % (authority,))
    if not isinstance(key_type, str) or key_type not in ("rsa", "ecdsa"):
        raise bad_request(1909, "Invalid private key type '%s'. Valid types: rsa, ecdsa." % (key_type,))
    return {"authority": authority, "private_key_type": key_type}


class AgentIngresses(Resource):
    """A domain the account owns, delegated to ngrok, that agents connect through."""

    name = "agent_ingress"
    path = "/agent_ingresses"
    list_key = "ingresses"
    id_prefix = "agin"
    filterable_fields = COMMON_FILTERS + ("domain",)
    fields = ("id", "uri", "description", "metadata", "domain", "ns_targets", "region_domains", "created_at",
              "certificate_management_policy", "certificate_management_status")
    create_fields = {"description": STRING, "metadata": STRING, "domain": STRING, "certificate_management_policy": OBJECT}
    update_fields = {"description": STRING, "metadata": STRING, "certificate_management_policy": OBJECT}
    required = ("domain",)
    missing_code = 6704
    missing_message = 'The specified domain "" is not a valid domain name. Enter a valid DNS name.'
    description_code = 6700
    metadata_code = 6701
    unique = (Unique(("domain",), 6706, 'The agent ingress domain "%(domain)s" already exists, choose another domain.'),)

    def uri(self, ctx, record):
        """Relative, as every recorded agent ingress answer has it (EX _agent_ingresses_*_response.mdx)."""
        return "%s/%s" % (self.path, record["id"])

    def validate_create(self, ctx, body):
        domain = normalise_domain(body["domain"])
        if not valid_domain(domain):
            raise bad_request(6704, 'The specified domain "%s" is not a valid domain name. Enter a valid DNS name.' % body["domain"])
        if any(domain == suffix or domain.endswith("." + suffix) for suffix in NGROK_SUFFIXES):
            raise bad_request(6705, 'The agent ingress domain "%s" must be a third party domain, you may not enter a domain '
                              'controlled by ngrok.' % domain)
        body["domain"] = domain
        if "certificate_management_policy" in body:
            body["certificate_management_policy"] = check_policy(body["certificate_management_policy"])

    def validate_update(self, ctx, record, body):
        if "certificate_management_policy" in body:
            body["certificate_management_policy"] = check_policy(body["certificate_management_policy"])

    @staticmethod
    def _status(ctx, policy):
        if not policy:
            return None
        # Every key of the schema, null until known: the shape ngrok answers for the same status of reserved domains.
        return {"renews_at": None, "provisioning_job": {"error_code": None, "msg": "Managed certificate provisioning in progress.",
                                                        "started_at": ctx.now, "retries_at": None}}

    def on_create(self, ctx, record, body):
        domain = record["domain"]
        record.setdefault("certificate_management_policy", None)
        record["certificate_management_status"] = self._status(ctx, record["certificate_management_policy"])
        record["ns_targets"] = ["ns%d.agent-ingress.ngrok-dns.com" % i for i in range(1, 5)]
        record["region_domains"] = ["tunnel.%s.%s" % (region, domain) for region in REGIONS]

    def on_update(self, ctx, record, body, old):
        if "certificate_management_policy" in body and body["certificate_management_policy"] != old.get("certificate_management_policy"):
            record["certificate_management_status"] = self._status(ctx, record["certificate_management_policy"])


RESOURCES = [AgentIngresses()]
