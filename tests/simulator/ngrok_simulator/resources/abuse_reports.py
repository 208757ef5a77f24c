"""Abuse reports: ``/abuse_reports`` (create and get only)."""

from urllib.parse import urlsplit

from ..errors import bad_request
from ..resource import STRING, STRINGS, Resource


def _hostname(url):
    """The host name of a reported URL (a bare host is accepted too)."""
    text = url.strip()
    parts = urlsplit(text if "://" in text else "http://" + text)
    try:
        host = parts.hostname
    except ValueError:
        host = None
    return host or None


class AbuseReports(Resource):
    """A take-down request; ngrok parses the host names out of the URLs."""

    name = "abuse_report"
    path = "/abuse_reports"
    id_prefix = "abrp"
    ops = ("create", "get")
    fields = ("id", "uri", "created_at", "urls", "metadata", "status", "hostnames")
    create_fields = {"urls": STRINGS, "metadata": STRING}
    required = ("urls",)

    def validate_create(self, ctx, body):
        for url in body["urls"]:
            if not url.strip() or _hostname(url) is None:
                raise bad_request(215, "The value provided for the request parameter 'urls' is invalid: '%s' is not a URL." % url)

    def on_create(self, ctx, record, body):
        record["status"] = "PENDING"
        hosts = []
        for url in body["urls"]:
            host = _hostname(url)
            if host not in hosts:
                hosts.append(host)
        record["hostnames"] = [{"hostname": host, "status": "PENDING"} for host in hosts]


RESOURCES = [AbuseReports()]
