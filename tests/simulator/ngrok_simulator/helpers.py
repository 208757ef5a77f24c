"""Validation, time and seeding helpers shared by several resources."""

import datetime
import re
import secrets
import string

from .errors import bad_request, invalid_value_message, unknown_field_message

NGROK_DOMAINS = ("ngrok.app", "ngrok.dev", "ngrok-free.app", "ngrok-free.dev", "ngrok.io", "ngrok.pizza",
                 "ngrok.pro", "ngrok.live", "ngrok-free.pizza")
REGIONS = ("us", "eu", "ap", "au", "sa", "jp", "in")
# Top-level names that are not reachable over the public internet (ERR_NGROK_411):
# RFC 6761 (test, localhost, invalid, example), RFC 6762 (local, and the private names its
# appendix G reports in use: intranet, internal, private, corp, home, lan), RFC 7686 (onion),
# RFC 9476 (alt), RFC 8375 (home.arpa), the name-collision names ICANN's board decided in
# February 2018 not to delegate (corp, home, mail) and the private-use .internal ICANN's board
# reserved in July 2024.
NON_PUBLIC_SUFFIXES = ("test", "localhost", "invalid", "example", "local", "intranet", "internal", "private", "corp", "home",
                       "lan", "onion", "alt", "home.arpa", "mail")
_LABEL_CHARS = re.compile(r"^[a-z0-9*\-.]*$")


def random_token(length=32):
    """A random alphanumeric string."""
    alphabet = string.ascii_letters + string.digits
    return "".join(secrets.choice(alphabet) for _idx in range(length))


def random_label(length):
    """A random lower-case DNS label."""
    alphabet = string.ascii_lowercase + string.digits
    return "".join(secrets.choice(alphabet) for _idx in range(length))


def check_owner(ctx, owner_id, user_aliases=False):
    """owner_id must name the account user or one of its service users (ERR_NGROK_634), an active one (ERR_NGROK_636).

    ``user_aliases``: the user may also be named by its email or SCIM id (credentials: OpenAPI
    ``CredentialCreate.owner_id`` "Accepts one of: User ID, User email, or SCIM User ID"); the owner is stored, and
    answered, as the user's id."""
    if owner_id in (None, ""):
        return ctx.owner_id
    if owner_id == ctx.owner_id:
        return owner_id
    if user_aliases:
        meta = ctx.store.meta
        if owner_id.lower() == (meta.get("owner_email") or "").lower() or owner_id == meta.get("owner_scim_id"):
            return ctx.owner_id
    service_user = ctx.store.get("service_users", owner_id)
    if service_user is None:
        raise bad_request(634, "No credential owner could be determined.")
    if not service_user.get("active", True):
        raise bad_request(636, "The credential owner is marked as inactive on the account.")
    return owner_id


def resolve_owner(ctx, body, user_aliases=False):
    """The owner a credential or SSH credential is created for, from ``owner_id``, ``owner_email`` or
    ``scim_user_id`` (ngrok-docs agent/cli-api.mdx, "credentials create" and "ssh-credentials create"): one of them
    at most (ERR_NGROK_631); the email and SCIM id name the account's user (ERR_NGROK_634 otherwise)."""
    given = [key for key in ("owner_id", "owner_email", "scim_user_id") if body.get(key) not in (None, "")]
    if len(given) > 1:
        raise bad_request(631, "You may specify only one of owner_id, owner_email, or scim_user_id.")
    email, scim = body.pop("owner_email", None), body.pop("scim_user_id", None)
    meta = ctx.store.meta
    if email:
        if email.lower() != (meta.get("owner_email") or "").lower():
            raise bad_request(634, "No credential owner could be determined.")
        return ctx.owner_id
    if scim:
        if scim != meta.get("owner_scim_id"):
            raise bad_request(634, "No credential owner could be determined.")
        return ctx.owner_id
    return check_owner(ctx, body.get("owner_id"), user_aliases)


# ACL rules of credentials and SSH credentials (ERR_NGROK_600): "*", or "bind:" followed by
#  - a domain, whose leftmost label may be the wildcard "*" (bind:*.example.com), or "*" alone;
#  - an address host:port (bind:1.tcp.ngrok.io:20002);
#  - a label key=value, where the key and/or the value may be "*" (bind:app=*, bind:*=web).
_DNS_LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
_ACL_DOMAIN = re.compile(r"^(?:\*\.)?%s(?:\.%s)+$" % (_DNS_LABEL, _DNS_LABEL), re.I)
_ACL_HOST = re.compile(r"^%s(?:\.%s)+$" % (_DNS_LABEL, _DNS_LABEL), re.I)
_ACL_LABEL_PART = re.compile(r"^(?:\*|[A-Za-z0-9](?:[A-Za-z0-9._/-]*[A-Za-z0-9])?)$")


def _acl_bind_value(value):
    if value == "*" or _ACL_DOMAIN.match(value):
        return True
    if "=" in value:
        key, _sep, label = value.partition("=")
        return bool(_ACL_LABEL_PART.match(key) and _ACL_LABEL_PART.match(label))
    host, sep, port = value.rpartition(":")
    if sep and port.isdigit() and 1 <= int(port) <= 65535 and not port.startswith("0"):
        return bool(_ACL_HOST.match(host))
    return False


def check_acl(acl):
    """Raise ERR_NGROK_600 for the first ACL rule that is neither '*' nor a valid bind rule."""
    for rule in acl:
        if rule == "*" or (rule.startswith("bind:") and _acl_bind_value(rule[len("bind:"):])):
            continue
        raise bad_request(600, "Invalid ACL rule. An ACL rule must be '*' or start with 'bind:'. The bind value must match the "
                          "format of a domain, address, or label. You specified: %s." % rule)


def normalize_domain(value):
    """What the API stores for a domain: trimmed, lower case, no trailing dot."""
    return value.strip().lower().rstrip(".")


def is_ngrok_domain(domain):
    """True for subdomains of ngrok-owned base domains (e.g. x.ngrok.app)."""
    return any(domain.endswith("." + base) for base in NGROK_DOMAINS)


def validate_domain(domain):
    """Raise the reserved-domain validation errors (ERR_NGROK_402-411, 416, 438, 448, 513, 514)."""
    fail = "Failed to reserve '%s'." % domain
    if "_" in domain:
        raise bad_request(438, "Invalid '_' in domain name. Valid domains may not contain underscores. " + fail)
    for char in domain:
        if not _LABEL_CHARS.match(char):
            raise bad_request(406, "Invalid character '%s' in domain name. Valid domains may contain only a-z, A-Z, 0-9, . * and - "
                              "characters. %s" % (char, fail))
    if ".." in domain:
        raise bad_request(409, "Domain has an invalid character sequence. Valid domains may not contain repeated periods '..'. " + fail)
    if len(domain) > 253:
        raise bad_request(514, "The domain '%s' is not a valid DNS name. Domains may not be more than 253 characters long." % domain)
    parts = domain.split(".")
    if len(parts) < 2 or not all(parts):
        raise bad_request(448, "The domain '%s' is not a fully qualified domain name." % domain)
    for idx, part in enumerate(parts):
        if "*" in part:
            if idx != 0:
                raise bad_request(402, "Only the first part of a reserved domain may be a '*' wildcard. " + fail)
            if part != "*":
                raise bad_request(403, "The first subdomain of a wildcard domain must be a single '*' character. " + fail)
            continue
        if len(part) > 63:
            raise bad_request(513, "The domain '%s' is not a valid DNS name. No domain part may be more than 63 characters long." % domain)
        if not part[0].isalnum():
            raise bad_request(407, "Domain part '%s' has an invalid first character. Valid domain parts must begin with a-z, A-Z, "
                              "0-9 or *. %s" % (part, fail))
        if not part[-1].isalnum():
            raise bad_request(408, "Domain part '%s' has an invalid last character. Valid domains must end with a-z A-Z or 0-9. %s"
                              % (part, fail))
        if len(part) >= 4 and part[2:4] == "--" and not part.startswith("xn--"):
            raise bad_request(410, "Domain has an invalid character sequence. Valid domains may not contain '--' in positions 3 and 4 "
                              "unless the domain has a punycode prefix of 'xn--'. " + fail)
    if domain == "ngrok.com" or domain.endswith(".ngrok.com"):
        raise bad_request(404, "You may not reserve names on ngrok.com. Use an ngrok.io suffix. " + fail)
    if parts[0] == "*" and ".".join(parts[1:]) in NGROK_DOMAINS:
        raise bad_request(416, "You may not register a wildcard for all %s domains. %s" % (".".join(parts[1:]), fail))
    for suffix in NON_PUBLIC_SUFFIXES:
        if domain.endswith("." + suffix):
            raise bad_request(411, "You may not reserve a name on the TLD '.%s'. This TLD is not reachable over the public internet. %s"
                              % (suffix, fail))


class InputError(ValueError):
    """A rejected input with its ngrok error code."""

    def __init__(self, code, msg):
        super().__init__(msg)
        self.code = code
        self.msg = msg


def api_error(exc):
    """The 400 answer for an InputError."""
    return bad_request(exc.code, exc.msg)


def utc_now():
    """The current time as an aware UTC datetime with whole seconds."""
    return datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0)


def check_string_map(name, value):
    """A JSON object whose values are all strings (ERR_NGROK_215 otherwise)."""
    if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise InputError(215, invalid_value_message(name))
    return dict(value)


def reject_unknown(name, value, allowed):
    """ERR_NGROK_214 for a key of a nested object that the schema does not have."""
    for key in value:
        if key not in allowed:
            raise InputError(214, unknown_field_message("%s.%s" % (name, key), allowed))


def rfc3339(moment):
    """A datetime as an RFC 3339 UTC string with second precision."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_rfc3339(text):
    """Parse an RFC 3339 timestamp into an aware datetime (InputError 241)."""
    if not isinstance(text, str):
        raise InputError(241, 'The value "%s" is not a valid RFC3339 timestamp. Error while parsing: "not a string".' % (text,))
    value = text.strip()
    if value.endswith(("Z", "z")):
        value = value[:-1] + "+00:00"
    try:
        moment = datetime.datetime.fromisoformat(value)
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None or "T" not in value.upper():
        raise InputError(241, 'The value "%s" is not a valid RFC3339 timestamp. Error while parsing: "expected '
                              'YYYY-MM-DDTHH:MM:SS and a time zone".' % text)
    return moment.astimezone(datetime.timezone.utc)


def check_seed(body, spec):
    """Reject unknown keys and wrong types in a seeding body."""
    for key, value in body.items():
        if key not in spec:
            raise bad_request(214, "The request parameter '%s' is unknown and not expected. The supported fields are: %s."
                              % (key, ", ".join(sorted(spec))))
        if value is not None and not isinstance(value, spec[key]):
            raise bad_request(215, "The value provided for the request parameter '%s' is invalid." % key)
