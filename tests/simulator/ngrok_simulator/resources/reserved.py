"""Reserved domains (``/reserved_domains``) and reserved TCP addresses (``/reserved_addrs``).

Managed certificates of reserved domains have a lifecycle.  A custom domain reserved without
``certificate_id`` gets the default policy ``{letsencrypt, ecdsa}`` (ngrok-docs
domains/tls-certificates.mdx: automatic certificates are the default) and a provisioning job.
The job ends when the certificate is issued: a TLS certificate object is created and referenced
by ``certificate``, and the status carries ``renews_at`` and no job.  Issuance needs the domain's
CNAME, which the simulator cannot see, so it happens only when a test asks for it
(``POST /_sim/reserved_domains/{id}/issue_certificate``) or, with
``--certificate-issue-seconds N``, N seconds after the job started.
"""

import datetime
import ipaddress
import random
import time

from ..errors import bad_request, invalid_value, not_found, unknown_field
from ..helpers import REGIONS, is_ngrok_domain, normalize_domain, parse_rfc3339, random_label, rfc3339, validate_domain
from ..resource import COMMON_FILTERS, OBJECT, STRING, Resource, Route, Unique, check_type

POLICY_KEYS = ("authority", "private_key_type")
AUTHORITIES = ("letsencrypt",)
KEY_TYPES = ("rsa", "ecdsa")
DEFAULT_POLICY = {"authority": "letsencrypt", "private_key_type": "ecdsa"}
PROVISIONING_MSG = "Managed certificate provisioning in progress."
# Renewal is requested 30 days before the (90-day) certificate expires.
RENEW_BEFORE_EXPIRY = datetime.timedelta(days=30)
# resolves_to: ngrok's points of presence and the alias "global" (ngrok-docs
# snippets/guides/region-pinning-content.mdx, "Points of presence reference").
RESOLVES_TO = ("us", "us-cal-1", "eu", "ap", "au", "in", "jp", "sa", "global")


def _dedicated_ip(value):
    """``<ip-address>`` or ``<ip-address>:<port>``: a dedicated IP (ngrok-docs domains/dedicated-ips.mdx)."""
    host, _sep, port = value.rpartition(":") if value.count(":") == 1 else (value, "", "")
    if port and not (port.isdigit() and 1 <= int(port) <= 65535):
        return False
    try:
        ipaddress.IPv4Address(host)
    except ValueError:
        return False
    return True


def _check_region(region, code):
    if region not in REGIONS:
        raise bad_request(code, "The region you specified, '%s' is invalid. Use one of the following acceptable values: %s"
                          % (region, ", ".join(REGIONS)))


def _provisioning_status(ctx, renews_at=None):
    """A running job; every documented key is present, null when unknown (EX _reserved_domains_list_response.mdx)."""
    return {"renews_at": renews_at,
            "provisioning_job": {"error_code": None, "msg": PROVISIONING_MSG, "started_at": ctx.now, "retries_at": None}}


class ReservedDomains(Resource):
    """A domain reserved by the account."""

    name = "reserved_domain"
    path = "/reserved_domains"
    list_key = "reserved_domains"
    id_prefix = "rd"
    filterable_fields = COMMON_FILTERS + ("domain", "region", "cname_target", "certificate.id", "acme_challenge_cname_target")
    # The legacy keys of every recorded answer (EX _reserved_domains_*_response.mdx), from the endpoint configurations
    # that left the API in 2022: http/https_endpoint_configuration and error_redirect_url null, is_dev false.
    fields = ("id", "uri", "created_at", "description", "metadata", "domain", "region", "cname_target", "certificate",
              "certificate_management_policy", "certificate_management_status", "acme_challenge_cname_target", "resolves_to",
              "http_endpoint_configuration", "https_endpoint_configuration", "error_redirect_url", "is_dev")
    create_fields = {"domain": STRING, "name": STRING, "region": STRING, "description": STRING, "metadata": STRING,
                     "certificate_id": STRING, "certificate_management_policy": OBJECT, "resolves_to": "any"}
    update_fields = {"description": STRING, "metadata": STRING, "certificate_id": STRING,
                     "certificate_management_policy": OBJECT, "resolves_to": "any"}
    refs = {"certificate": ("certificate_id", "/tls_certificates")}
    unique = (Unique(("domain",), 413, "This domain is already reserved for your account. Failed to reserve '%(domain)s'."),)
    description_code = 420
    metadata_code = 421
    empty_update_code = 422
    empty_update_message = "The reserved domain name update failed because no values were provided. Specify at least one value."

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
            raise invalid_value("resolves_to")      # a list of {"value": "..."} objects
        seen = []
        for item in value:
            target = item["value"]
            if target not in RESOLVES_TO and not _dedicated_ip(target):
                raise bad_request(400, "The region you specified, '%s' is invalid. Use one of the following acceptable values: %s"
                                  % (target, ",".join(RESOLVES_TO)))
            if target in seen:
                raise bad_request(456, "You are not allowed to specify duplicate regions. Region %s was specified multiple times."
                                  % target)
            seen.append(target)
        return [{"value": target} for target in seen]

    def _check_certificate(self, ctx, domain, cert_id):
        if is_ngrok_domain(domain):
            raise bad_request(440, "Uploaded certificates are not allowed for domains owned by ngrok.")
        if ctx.store.get("tls_certificates", cert_id) is None:
            raise bad_request(223, "'%s' is not a valid resource reference identifier." % cert_id)

    # -- managed certificate lifecycle --------------------------------------------
    def _start_job(self, ctx, record, policy):
        """Manage the domain's certificate with ``policy``: a provisioning job starts."""
        if record.get("certificate_id") and not self._managed_certificate(ctx, record):
            record["certificate_id"] = None     # an uploaded certificate is replaced (EX _reserved_domains_update_response.mdx)
        renews_at = (record.get("certificate_management_status") or {}).get("renews_at") if record.get("certificate_id") else None
        record["certificate_management_policy"] = policy
        record["certificate_management_status"] = _provisioning_status(ctx, renews_at)
        delay = ctx.sim.certificate_issue_seconds
        record["_issue_at"] = time.time() + delay if delay is not None else None

    @staticmethod
    def _managed_certificate(ctx, record):
        cert = ctx.store.get("tls_certificates", record.get("certificate_id") or "")
        return cert if cert is not None and cert.get("_managed") else None

    def _stop_managing(self, ctx, record):
        """No policy any more: the managed certificate goes with it."""
        managed = self._managed_certificate(ctx, record)
        if managed is not None:
            ctx.store.delete("tls_certificates", managed["id"])
            record["certificate_id"] = None
        record.update({"certificate_management_policy": None, "certificate_management_status": None, "_issue_at": None})

    def issue(self, ctx, record):
        """End the running job: issue the certificate and attach it (the previous managed one is replaced)."""
        record = dict(record)
        old = self._managed_certificate(ctx, record)
        key_type = record["certificate_management_policy"]["private_key_type"]
        cert = ctx.resource("tls_certificate").create_managed(ctx, record["domain"], key_type)
        if old is not None:
            ctx.store.delete("tls_certificates", old["id"])
        renews_at = parse_rfc3339(cert["not_after"]) - RENEW_BEFORE_EXPIRY
        record["certificate_id"] = cert["id"]
        record["certificate_management_status"] = {"renews_at": rfc3339(renews_at), "provisioning_job": None}
        record["_issue_at"] = None
        ctx.store.put(self.collection, record)
        return record

    def advance(self, ctx):
        """Issue the certificates whose --certificate-issue-seconds delay has passed."""
        now = time.time()
        for record in list(ctx.store.table(self.collection).values()):
            due = record.get("_issue_at")
            if due is not None and due <= now and (record.get("certificate_management_status") or {}).get("provisioning_job"):
                self.issue(ctx, record)

    # -- hooks ----------------------------------------------------------------------
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
        if "certificate_management_policy" in body:
            if is_ngrok_domain(body["domain"]):
                raise bad_request(439, "The certificate_management_policy field must be null for domains owned by ngrok.")
            body["certificate_management_policy"] = self._policy(body["certificate_management_policy"])
        if "resolves_to" in body:
            body["resolves_to"] = self._resolves_to(body["resolves_to"])

    def on_create(self, ctx, record, body):
        domain = record["domain"]
        # Domains are global: the deprecated region always comes back empty.
        record["region"] = ""
        record.setdefault("certificate_id", None)
        record.setdefault("resolves_to", [])
        record["certificate_management_policy"] = None
        record["certificate_management_status"] = None
        if is_ngrok_domain(domain):
            record["cname_target"] = None
            record["acme_challenge_cname_target"] = None
            return
        record["cname_target"] = "%s.%s.ngrok-cname.com" % (random_label(17), random_label(16))
        # Shape of the wildcard's ACME challenge target: ngrok-docs gateway/device-gateway/sdk.mdx.
        record["acme_challenge_cname_target"] = (
            "%s.acme-challenge.ngrok-dns.com" % random_label(8) if domain.startswith("*.") else None)
        if not record["certificate_id"]:
            self._start_job(ctx, record, body.get("certificate_management_policy") or dict(DEFAULT_POLICY))

    def validate_update(self, ctx, record, body):
        if "certificate_id" in body and "certificate_management_policy" in body:
            raise bad_request(434, "Either a certificate or a certificate management policy may be specified, not both")
        if "certificate_id" in body:
            if record.get("certificate_management_policy"):
                raise bad_request(434, "Either a certificate or a certificate management policy may be specified, not both")
            self._check_certificate(ctx, record["domain"], body["certificate_id"])
        if "certificate_management_policy" in body:
            if is_ngrok_domain(record["domain"]):
                raise bad_request(439, "The certificate_management_policy field must be null for domains owned by ngrok.")
            body["certificate_management_policy"] = self._policy(body["certificate_management_policy"])
        if "resolves_to" in body:
            body["resolves_to"] = self._resolves_to(body["resolves_to"])

    def on_update(self, ctx, record, body, old):
        if "certificate_management_policy" in body:
            policy = body["certificate_management_policy"]
            record["certificate_management_policy"] = old.get("certificate_management_policy")
            if policy != old.get("certificate_management_policy"):
                self._start_job(ctx, record, policy)

    def check_delete(self, ctx, record):
        for endpoint in ctx.store.table("endpoints").values():
            if endpoint.get("domain_id") == record["id"]:
                raise bad_request(446, "The domain '%s' could not be deleted because it is still referenced by an edge or cloud endpoint."
                                  % record["domain"])

    def on_delete(self, ctx, record):
        managed = self._managed_certificate(ctx, record)
        if managed is not None:
            ctx.store.delete("tls_certificates", managed["id"])

    def render(self, ctx, record, once=None):
        out = super().render(ctx, record, once)
        out["is_dev"] = bool(record.get("is_dev"))
        return out

    def extra_routes(self):
        return [
            Route("DELETE", self.path + "/{id}/certificate", self.delete_certificate),
            Route("DELETE", self.path + "/{id}/certificate_management_policy", self.delete_policy),
        ]

    def sim_routes(self):
        """``POST /_sim/reserved_domains/{id}/issue_certificate`` ends the running provisioning job."""
        return [Route("POST", "/_sim/reserved_domains/{id}/issue_certificate", self.issue_control)]

    def issue_control(self, ctx, params, body, query):  # pylint: disable=unused-argument
        """Issue the managed certificate of a domain whose provisioning job is running."""
        record = ctx.store.get(self.collection, params["id"])
        if record is None:
            raise not_found()
        if not (record.get("certificate_management_status") or {}).get("provisioning_job"):
            raise bad_request(215, "The reserved domain %s has no certificate provisioning job running." % record["id"])
        return 200, self.render(ctx, self.issue(ctx, record))

    def delete_certificate(self, ctx, params, body, query):  # pylint: disable=unused-argument
        """DELETE /reserved_domains/{id}/certificate: detach an uploaded certificate."""
        record = dict(self.lookup(ctx, params["id"]))
        if record.get("certificate_management_policy"):
            raise bad_request(436, "The certificate of a reserved domain with a managed certificate policy can not be detached "
                              "directly, instead the managed certificate policy itself should be detached.")
        record["certificate_id"] = None
        ctx.store.put(self.collection, record)
        return 204, None

    def delete_policy(self, ctx, params, body, query):  # pylint: disable=unused-argument
        """DELETE /reserved_domains/{id}/certificate_management_policy: stop managing certificates."""
        record = dict(self.lookup(ctx, params["id"]))
        self._stop_managing(ctx, record)
        ctx.store.put(self.collection, record)
        return 204, None


class ReservedAddrs(Resource):
    """A TCP address (host:port) assigned by ngrok."""

    name = "reserved_addr"
    path = "/reserved_addrs"
    list_key = "reserved_addrs"
    id_prefix = "ra"
    filterable_fields = COMMON_FILTERS + ("addr", "region")
    # endpoint_configuration: null in every recorded answer (EX _reserved_addrs_*_response.mdx), a field of the
    # endpoint configurations that left the API in 2022.
    fields = ("id", "uri", "created_at", "description", "metadata", "addr", "region", "endpoint_configuration")
    create_fields = {"description": STRING, "metadata": STRING, "region": STRING}
    update_fields = {"description": STRING, "metadata": STRING}
    description_code = 504
    metadata_code = 505
    empty_update_code = 506
    empty_update_message = "The reserved address update failed because no values were provided. Specify at least one value."

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
