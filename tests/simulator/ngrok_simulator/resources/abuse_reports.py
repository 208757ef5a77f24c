"""Abuse reports: ``/abuse_reports`` (create and get only).

A new report and each host name parsed out of its URLs are ``PENDING``.  ngrok's abuse team then
decides about each host name; the test control ``POST /_sim/abuse_reports/{id}/process`` stands for
that decision, and the report's status follows from its host names' (see ``process_control``). With
``--abuse-report-decision-seconds N``, every host name of a report is banned N seconds after it is filed.
"""

import time
from urllib.parse import urlsplit

from ..errors import bad_request, invalid_value, not_found
from ..resource import STRING, STRINGS, Resource, Route

# What ngrok may decide about a host name (OpenAPI AbuseReportHostname.status).
HOSTNAME_STATUSES = ("PENDING", "BANNED", "UNBANNED", "IGNORE")


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
                raise invalid_value("urls")         # not a URL

    def on_create(self, ctx, record, body):
        record["status"] = "PENDING"
        hosts = []
        for url in body["urls"]:
            host = _hostname(url)
            if host not in hosts:
                hosts.append(host)
        record["hostnames"] = [{"hostname": host, "status": "PENDING"} for host in hosts]
        delay = ctx.sim.abuse_report_decision_seconds
        record["_decide_at"] = time.time() + delay if delay is not None else None

    def advance(self, ctx):
        """Ban the host names of the reports whose --abuse-report-decision-seconds delay has passed."""
        now = time.time()
        for record in list(ctx.store.table(self.collection).values()):
            due = record.get("_decide_at")
            if due is not None and due <= now:
                self.decide(ctx, record, None)

    def sim_routes(self):
        """``POST /_sim/abuse_reports/{id}/process`` records ngrok's decision about the report's host names."""
        return [Route("POST", "/_sim/abuse_reports/{id}/process", self.process_control)]

    def process_control(self, ctx, params, body, query):  # pylint: disable=unused-argument
        """Set the status of host names: ``{"hostnames": {"<hostname>": "BANNED", ...}}``; without ``hostnames``,
        every pending host name is banned.  The report is ``PROCESSED`` once no host name is pending,
        ``PARTIALLY_PROCESSED`` while only some are, and ``PENDING`` while all are."""
        record = ctx.store.get(self.collection, params["id"])
        if record is None:
            raise not_found()
        return 200, self.render(ctx, self.decide(ctx, record, (body or {}).get("hostnames")))

    def decide(self, ctx, record, wanted):
        """Record the decision ``wanted`` (host name -> status; None bans every pending one); the stored record."""
        hostnames = [dict(h) for h in record["hostnames"]]
        if wanted is None:
            wanted = {h["hostname"]: "BANNED" for h in hostnames if h["status"] == "PENDING"}
        if not isinstance(wanted, dict):
            raise bad_request(215, "hostnames must map host names of the report to a status.")
        known = {h["hostname"] for h in hostnames}
        for host, status in wanted.items():
            if host not in known:
                raise bad_request(215, "The report %s has no host name %s." % (record["id"], host))
            if status not in HOSTNAME_STATUSES:
                raise bad_request(215, "A host name's status is one of %s, got %r." % (", ".join(HOSTNAME_STATUSES), status))
        for item in hostnames:
            item["status"] = wanted.get(item["hostname"], item["status"])
        pending = [h for h in hostnames if h["status"] == "PENDING"]
        if not pending:
            status = "PROCESSED"
        elif len(pending) < len(hostnames):
            status = "PARTIALLY_PROCESSED"
        else:
            status = "PENDING"
        record = dict(record, hostnames=hostnames, status=status, _decide_at=None)
        ctx.store.put(self.collection, record)
        return record


RESOURCES = [AbuseReports()]
