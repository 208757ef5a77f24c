"""Certificate authorities: ``/certificate_authorities`` (uploaded CA certificates for mutual TLS)."""

from ..resource import COMMON_FILTERS, STRING, Resource
from ..crypto import parse_ca_pem
from ..helpers import InputError, api_error
from .tls_certificates import pem_answer


class CertificateAuthorities(Resource):
    """An uploaded CA certificate; the subject, validity and key usages are read from the PEM."""

    name = "certificate_authority"
    path = "/certificate_authorities"
    list_key = "certificate_authorities"
    id_prefix = "ca"
    filterable_fields = COMMON_FILTERS + ("subject_common_name", "not_before", "not_after")
    fields = ("id", "uri", "created_at", "description", "metadata", "ca_pem", "subject_common_name",
              "not_before", "not_after", "key_usages", "extended_key_usages")
    create_fields = {"description": STRING, "metadata": STRING, "ca_pem": STRING}
    update_fields = {"description": STRING, "metadata": STRING}
    required = ("ca_pem",)
    missing_code = 1919
    missing_message = "No certificate PEM data was sent."
    description_code = 1916
    metadata_code = 1917
    timestamp_fields = ("created_at", "not_before", "not_after")

    def validate_create(self, ctx, body):
        try:
            body["_parsed"] = parse_ca_pem(body["ca_pem"])
        except InputError as exc:
            raise api_error(exc) from None
        body["ca_pem"] = pem_answer(body["ca_pem"])

    def on_create(self, ctx, record, body):
        record.pop("_parsed", None)
        record.update(body["_parsed"])


RESOURCES = [CertificateAuthorities()]
