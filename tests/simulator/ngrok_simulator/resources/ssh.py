"""SSH resources: certificate authorities, credentials, host and user certificates.

- ``/ssh_certificate_authorities``: the simulator generates a real key pair
  (``cryptography``); ``public_key`` is in OpenSSH form, the private key is kept in
  the private ``_private_key`` record field (it signs certificates, also after a
  restart with ``--state-file``) and is never answered.  When no
  ``private_key_type`` is given, ed25519 is used (the real default is not
  documented).  A CA cannot be deleted while host or user certificates it signed
  exist (ERR_NGROK_1964).
- ``/ssh_credentials``: OpenSSH public keys, unique per account (ERR_NGROK_609).
- ``/ssh_host_certificates`` and ``/ssh_user_certificates``: ``certificate`` is a real
  OpenSSH certificate signed by the CA; everything but description/metadata is
  create-only.
"""

import datetime

from ..errors import bad_request
from ..crypto import SSH_KEY_TYPES, generate_ssh_ca, parse_ssh_public_key, sign_ssh_certificate
from ..helpers import InputError, api_error, check_acl, check_string_map, parse_rfc3339, resolve_owner, rfc3339, utc_now
from ..resource import COMMON_FILTERS, INTEGER, OBJECT, STRING, STRINGS, Resource, Unique


class SshCertificateAuthorities(Resource):
    """A CA key pair used to sign SSH host and user certificates."""

    name = "ssh_certificate_authority"
    path = "/ssh_certificate_authorities"
    list_key = "ssh_certificate_authorities"
    id_prefix = "sshca"
    filterable_fields = COMMON_FILTERS
    fields = ("id", "uri", "created_at", "description", "metadata", "public_key", "key_type")
    create_fields = {"description": STRING, "metadata": STRING, "private_key_type": STRING, "elliptic_curve": STRING,
                     "key_size": INTEGER}
    update_fields = {"description": STRING, "metadata": STRING}
    description_code = 1937
    metadata_code = 1938

    def validate_create(self, ctx, body):
        # The official client sends "", "" and 0 for unset inputs: they mean "default".
        key_type = body.get("private_key_type") or "ed25519"
        if key_type not in SSH_KEY_TYPES:
            raise bad_request(1936, '"%s" is not a valid SSH key type. Valid key types: %s.' % (key_type, ", ".join(SSH_KEY_TYPES)))
        if body.get("key_size") and key_type != "rsa":
            raise bad_request(1940, 'Key size is supported only with a key type of "rsa", but the specified key type was "%s".'
                              % key_type)
        if body.get("elliptic_curve") and key_type != "ecdsa":
            raise bad_request(1942, 'Elliptic curve is supported only with a key type of "ecdsa", but the specified key type '
                              'was "%s".' % key_type)
        try:
            private, public = generate_ssh_ca(key_type, body.get("key_size"), body.get("elliptic_curve"))
        except InputError as exc:
            raise api_error(exc) from None
        for key in ("private_key_type", "elliptic_curve", "key_size"):
            body.pop(key, None)
        body.update({"key_type": key_type, "public_key": public, "_private_key": private})

    def check_delete(self, ctx, record):
        for collection in ("ssh_host_certificates", "ssh_user_certificates"):
            if ctx.store.find(collection, ssh_certificate_authority_id=record["id"]):
                raise bad_request(1964, "Can't delete SSH CA %s because an SSH certificate signed by it exists. Delete all host "
                                  "and user SSH certificates signed by this CA before deleting it." % record["id"])


def key_material(public_key):
    """``<algorithm> <base64>`` of a public key line, or None when it does not parse."""
    try:
        return parse_ssh_public_key(public_key)[2]
    except ValueError:
        return None


class SshCredentials(Resource):
    """An SSH public key that may start tunnels through ngrok's SSH gateway."""

    name = "ssh_credential"
    path = "/ssh_credentials"
    list_key = "ssh_credentials"
    id_prefix = "sshcr"
    filterable_fields = COMMON_FILTERS + ("owner_id", "acl")
    fields = ("id", "uri", "created_at", "description", "metadata", "public_key", "acl", "owner_id")
    create_fields = {"description": STRING, "metadata": STRING, "acl": STRINGS, "public_key": STRING, "owner_id": STRING,
                     "owner_email": STRING, "scim_user_id": STRING}
    update_fields = {"description": STRING, "metadata": STRING, "acl": STRINGS}
    required = ("public_key",)
    missing_code = 611
    missing_message = "Public key is missing or empty."
    description_code = 604
    metadata_code = 605
    defaults = {"acl": []}
    unique = (Unique(("_key_material",), 609, "The public key %(public_key)s already exists on your account."),)

    def validate_create(self, ctx, body):
        body["public_key"] = body["public_key"].strip()
        try:
            body["_key_material"] = parse_ssh_public_key(body["public_key"])[2]
        except ValueError as exc:
            raise bad_request(612, "Invalid public key %s: %s" % (body["public_key"], exc)) from None
        check_acl(body.get("acl", []))
        body["owner_id"] = resolve_owner(ctx, body)

    def validate_update(self, ctx, record, body):
        check_acl(body.get("acl", []))


def _optional_time(body, key):
    """A timestamp from the body, or None when absent or the zero time some clients send."""
    if body.get(key) in (None, ""):
        return None
    try:
        moment = parse_rfc3339(body[key])
    except InputError as exc:
        raise api_error(exc) from None
    return None if moment.year <= 1 else moment


class _SshCertificates(Resource):
    """Common part of host and user certificates."""

    cert_type = ""
    default_validity = datetime.timedelta(0)
    ca_missing_code = 1949
    duration_code = 1963
    update_fields = {"description": STRING, "metadata": STRING}

    def validate_create(self, ctx, body):
        ca_id = body.get("ssh_certificate_authority_id") or ""
        ca = ctx.store.get("ssh_certificate_authorities", ca_id)
        if ca is None:
            raise bad_request(self.ca_missing_code, "The SSH CA %s does not exist." % ca_id)
        if not body.get("public_key", "").strip():
            raise bad_request(1952, "The public key to sign in the certificate is required, but no public key was specified.")
        body["public_key"] = body["public_key"].strip()
        try:
            key, key_type, _material = parse_ssh_public_key(body["public_key"])
        except ValueError as exc:
            raise bad_request(1934, "Got error %s where parsing public key %s" % (exc, body["public_key"])) from None
        if key_type not in SSH_KEY_TYPES:
            raise bad_request(1950, "Certificates are not supported for public keys of type %s." % body["public_key"].split()[0])
        start = _optional_time(body, "valid_after") or utc_now()
        end = _optional_time(body, "valid_until") or start + self.default_validity
        if end <= start:
            raise bad_request(self.duration_code, "SSH %s Certificate duration must be greater than zero; got duration of %s."
                              % (self.cert_type.capitalize(), end - start))
        body.update({"key_type": key_type, "valid_after": rfc3339(start), "valid_until": rfc3339(end),
                     "principals": list(body.get("principals") or [])})
        body["_sign"] = (ca["_private_key"], key, start, end)

    def options(self, body):
        """(critical options, extensions) written into the certificate."""
        del body
        return {}, {}

    def on_create(self, ctx, record, body):
        private, key, start, end = record.pop("_sign")
        critical, extensions = self.options(record)
        record["certificate"] = sign_ssh_certificate(private, key, self.cert_type, record["id"], record["principals"],
                                                     start, end, critical, extensions)


class SshHostCertificates(_SshCertificates):
    """A host certificate: lets an SSH server prove itself to clients that trust the CA."""

    name = "ssh_host_certificate"
    path = "/ssh_host_certificates"
    list_key = "ssh_host_certificates"
    id_prefix = "shcrt"
    cert_type = "host"
    default_validity = datetime.timedelta(days=365)
    ca_missing_code = 1949
    duration_code = 1963
    description_code = 1945
    metadata_code = 1946
    fields = ("id", "uri", "created_at", "description", "metadata", "public_key", "key_type", "ssh_certificate_authority_id",
              "principals", "valid_after", "valid_until", "certificate")
    create_fields = {"ssh_certificate_authority_id": STRING, "public_key": STRING, "principals": STRINGS,
                     "valid_after": STRING, "valid_until": STRING, "description": STRING, "metadata": STRING}


DEFAULT_USER_EXTENSIONS = {"permit-pty": "", "permit-user-rc": ""}


class SshUserCertificates(_SshCertificates):
    """A user certificate: lets an SSH client log in to servers that trust the CA."""

    name = "ssh_user_certificate"
    path = "/ssh_user_certificates"
    list_key = "ssh_user_certificates"
    id_prefix = "sucrt"
    cert_type = "user"
    default_validity = datetime.timedelta(hours=24)
    ca_missing_code = 1951
    duration_code = 1962
    description_code = 1947
    metadata_code = 1948
    fields = ("id", "uri", "created_at", "description", "metadata", "public_key", "key_type", "ssh_certificate_authority_id",
              "principals", "critical_options", "extensions", "valid_after", "valid_until", "certificate")
    create_fields = {"ssh_certificate_authority_id": STRING, "public_key": STRING, "principals": STRINGS,
                     "critical_options": OBJECT, "extensions": OBJECT, "valid_after": STRING, "valid_until": STRING,
                     "description": STRING, "metadata": STRING}

    def validate_create(self, ctx, body):
        try:
            body["critical_options"] = check_string_map("critical_options", body.get("critical_options") or {})
            # An empty map means "unspecified" (the official client always sends {}).
            body["extensions"] = check_string_map("extensions", body.get("extensions") or dict(DEFAULT_USER_EXTENSIONS))
        except InputError as exc:
            raise api_error(exc) from None
        super().validate_create(ctx, body)

    def options(self, body):
        return body["critical_options"], body["extensions"]


RESOURCES = [SshCertificateAuthorities(), SshCredentials(), SshHostCertificates(), SshUserCertificates()]
