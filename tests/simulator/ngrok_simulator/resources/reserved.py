"""Reserved domains (``/reserved_domains``) and reserved TCP addresses (``/reserved_addrs``)."""

import random

from ..errors import bad_request, unknown_field
from ..helpers import REGIONS, is_ngrok_domain, normalize_domain, random_label, validate_domain
from ..resource import COMMON_FILTERS, OBJECT, STRING, Resource, Route, Unique, check_type

POLICY_KEYS = ("authority", "private_key_type")
AUTHORITIES = ("letsencrypt",)
KEY_TYPES = ("rsa", "ecdsa")


def _check_region(region, code):
    if region not in REGIONS:
        raise bad_request(code, "The region you specified, '%s' is invalid. Use one of the following acceptable values: %s"
                          % (region, ", ".join(REGIONS)))


class ReservedDomains(Resource):
    """A domain reserved by the account."""

    name = "reserved_domain"
    path = "/reserved_domains"
    list_key = "reserved_domains"
    id_prefix = "rd"
    filterable_fields = COMMON_FILTERS + ("domain", "region", "cname_target", "certificate.id", "acme_challenge_cname_target")
    fields = ("id", "uri", "created_at", "description", "metadata", "domain", "region", "cname_target", "certificate",
              "certificate_management_policy", "certificate_management_status", "acme_challenge_cname_target", "resolves_to")
    create_fields = {"domain": STRING, "name": STRING, "region": STRING, "description": STRING, "metadata": STRING,
                     "certificate_id": STRING, "certificate_management_policy": OBJECT, "resolves_to": "any"}
    update_fields = {"description": STRING, "metadata": STRING, "certificate_id": STRING,
                     "certificate_management_policy": OBJECT, "resolves_to": "any"}
    refs = {"certificate": ("certificate_id", "/tls_certificates")}
    unique = (Unique(("domain",), 413, "This domain is already reserved for your account. Failed to reserve '%(domain)s'."),)
    description_code = 420
    metadata_code = 421
    empty_update_code = 422

    @staticmethod
    def _policy(value):
        for key in value:
            if key not in POLICY_KEYS:
                raise unknown_field("certificate_management_policy." + key, POLICY_KEYS)
        for key in POLICY_KEYS:
            if value.get(key) is not None:
                check_type("certificate_management_policy." + key, value[key], STRING)
        authority = value.get("authority") or ""
        if authority not in AUTHORITIES:
            raise bad_request(435, "Invalid authority specified in managed certificate policy.")
        key_type = value.get("private_key_type") or "ecdsa"
        if key_type not in KEY_TYPES:
            raise bad_request(1909, "Invalid private key type '%s'. Valid types: %s." % (key_type, ", ".join(KEY_TYPES)))
        return {"authority": authority, "private_key_type": key_type}

    @staticmethod
    def _resolves_to(value):
        if not isinstance(value, list) or not all(isinstance(i, dict) and set(i) <= {"value"} and isinstance(i.get("value"), str)
                                                  for i in value):
            raise bad_request(215, "The value provided for the request parameter 'resolves_to' is invalid. "
                              "Expected a list of {\"value\": \"...\"} objects.")
        return [{"value": i["value"]} for i in value]

    def _check_certificate(self, ctx, domain, cert_id):
        if is_ngrok_domain(domain):
            raise bad_request(440, "Uploaded certificates are not allowed for domains owned by ngrok.")
        if ctx.store.get("tls_certificates", cert_id) is None:
            raise bad_request(223, "'%s' is not a valid resource reference identifier." % cert_id)

    def _apply_policy(self, ctx, record, body):
        if "certificate_management_policy" in body:
            if is_ngrok_domain(record["domain"]):
                raise bad_request(439, "The certificate_management_policy field must be null for domains owned by ngrok.")
            record["certificate_management_policy"] = self._policy(body["certificate_management_policy"])
            record["certificate_id"] = None
            # Provisioning has just started: no renewal or retry time exists yet, and
            # the schema types those timestamps as strings, so they are left out.
            record["certificate_management_status"] = {
                "provisioning_job": {"msg": "Managed certificate provisioning is in progress.", "started_at": ctx.now},
            }

    def validate_create(self, ctx, body):
        if "name" in body:
            if "domain" in body:
                raise bad_request(449, "You may only specify one of 'name' or 'domain'.")
            body["domain"] = body.pop("name")
        if not body.get("domain", "").strip():
            raise bad_request(422, "The reserved domain name update failed because no values were provided. Specify at least one value.")
        body["domain"] = normalize_domain(body["domain"])
        validate_domain(body["domain"])
        if body.get("region"):
            _check_region(body["region"], 400)
        if "certificate_id" in body and "certificate_management_policy" in body:
            raise bad_request(434, "Either a certificate or a certificate management policy may be specified, not both")
        if "certificate_id" in body:
            self._check_certificate(ctx, body["domain"], body["certificate_id"])
        if "resolves_to" in body:
            body["resolves_to"] = self._resolves_to(body["resolves_to"])

    def on_create(self, ctx, record, body):
        domain = record["domain"]
        # Domains are global: the deprecated region always comes back empty.
        record["region"] = ""
        record.setdefault("certificate_id", None)
        record["certificate_management_policy"] = None
        record["certificate_management_status"] = None
        record.setdefault("resolves_to", [])
        if is_ngrok_domain(domain):
            record["cname_target"] = None
            record["acme_challenge_cname_target"] = None
        else:
            record["cname_target"] = "%s.%s.ngrok-cname.com" % (random_label(17), random_label(16))
            record["acme_challenge_cname_target"] = (
                "%s.%s.acme.ngrok-cname.com" % (random_label(17), random_label(16)) if domain.startswith("*.") else None)
        self._apply_policy(ctx, record, body)

    def validate_update(self, ctx, record, body):
        if "certificate_id" in body and "certificate_management_policy" in body:
            raise bad_request(434, "Either a certificate or a certificate management policy may be specified, not both")
        if "certificate_id" in body:
            if record.get("certificate_management_policy"):
                raise bad_request(434, "Either a certificate or a certificate management policy may be specified, not both")
            self._check_certificate(ctx, record["domain"], body["certificate_id"])
        if "resolves_to" in body:
            body["resolves_to"] = self._resolves_to(body["resolves_to"])

    def on_update(self, ctx, record, body, old):
        if "certificate_management_policy" in body:
            record["certificate_management_policy"] = old.get("certificate_management_policy")
            self._apply_policy(ctx, record, body)

    def check_delete(self, ctx, record):
        for endpoint in ctx.store.table("endpoints").values():
            if endpoint.get("domain_id") == record["id"]:
                raise bad_request(446, "The domain '%s' could not be deleted because it is still referenced by an edge or cloud endpoint."
                                  % record["domain"])

    def extra_routes(self):
        return [
            Route("DELETE", self.path + "/{id}/certificate", self.delete_certificate),
            Route("DELETE", self.path + "/{id}/certificate_management_policy", self.delete_policy),
        ]

    def delete_certificate(self, ctx, params, body, query):  # pylint: disable=unused-argument
        """DELETE /reserved_domains/{id}/certificate: detach an uploaded certificate."""
        record = dict(self.lookup(ctx, params["id"]))
        if record.get("certificate_management_policy"):
            raise bad_request(436, "The certificate of a reserved domain with a managed certificate policy can not be detached "
                              "directly, instead the managed certificate policy itself must be removed.")
        record["certificate_id"] = None
        ctx.store.put(self.collection, record)
        return 204, None

    def delete_policy(self, ctx, params, body, query):  # pylint: disable=unused-argument
        """DELETE /reserved_domains/{id}/certificate_management_policy: stop managing certificates."""
        record = dict(self.lookup(ctx, params["id"]))
        record["certificate_management_policy"] = None
        record["certificate_management_status"] = None
        ctx.store.put(self.collection, record)
        return 204, None


class ReservedAddrs(Resource):
    """A TCP address (host:port) assigned by ngrok."""

    name = "reserved_addr"
    path = "/reserved_addrs"
    list_key = "reserved_addrs"
    id_prefix = "ra"
    filterable_fields = COMMON_FILTERS + ("addr", "region")
    fields = ("id", "uri", "created_at", "description", "metadata", "addr", "region")
    create_fields = {"description": STRING, "metadata": STRING, "region": STRING}
    update_fields = {"description": STRING, "metadata": STRING}
    description_code = 504
    metadata_code = 505
    empty_update_code = 506

    def validate_create(self, ctx, body):
        region = body.get("region") or "us"
        _check_region(region, 500)
        body["region"] = region

    def on_create(self, ctx, record, body):
        region = record["region"]
        host = "1.tcp.ngrok.io" if region == "us" else "1.tcp.%s.ngrok.io" % region
        used = {rec.get("addr") for rec in ctx.store.table(self.collection).values()}
        rng = random.Random()
        while True:
            addr = "%s:%d" % (host, rng.randint(10000, 29999))
            if addr not in used:
                break
        record["addr"] = addr


RESOURCES = [ReservedDomains(), ReservedAddrs()]
