# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""Declaration of abuse reports: URLs reported to ngrok, which the API can create and read, nothing else."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import ipaddress

from urllib.parse import urlsplit

from ansible_collections.ngrok.ngrok.plugins.module_utils._declaration import Resource
from ansible_collections.ngrok.ngrok.plugins.module_utils._fields import Field, METADATA_MAX_BYTES, metadata_to_api


def _is_host(host):
    """True for an IP address, or a name of dot-separated labels of letters (any script), digits, ``-`` and ``_``."""
    try:
        ipaddress.ip_address(str(host))
        return True
    except ValueError:
        pass
    labels = host[:-1].split(".") if host.endswith(".") else host.split(".")
    return all(label and all(c.isalnum() or c in "-_" for c in label) for label in labels)


def report_hostname(url):
    """The host name ngrok parses out of a reported URL (a bare host name is taken as one), or None when there is
    none, or it is not a host name (``not a url`` has blank space in it)."""
    text = (url or "").strip()
    try:
        host = urlsplit(text if "://" in text else "http://" + text).hostname
    except ValueError:
        host = None
    return host if host and _is_host(host) else None


def check_urls(urls):
    if not urls:
        return "give at least one URL to report"
    bad = [url for url in urls if report_hostname(url) is None]
    if bad:
        return "not a URL with a host name: {0}".format(", ".join(repr(u) for u in bad))
    return None


def _derive_report(obj, body, current):
    """A new report is pending, and so is each host name parsed out of its URLs."""
    if current is None:
        obj["status"] = "PENDING"
        hosts = []
        for url in body.get("urls") or []:
            host = report_hostname(url)
            if host and host not in hosts:
                hosts.append(host)
        obj["hostnames"] = [{"hostname": host, "status": "PENDING"} for host in hosts]


ABUSE_REPORT = Resource(
    module_states=("present",),
    create_without_id=True,
    name="abuse_report",
    plural="abuse_reports",
    path="/abuse_reports",
    list_key=None,
    id_prefix="abrp",
    response_keys=("id", "uri", "created_at", "urls", "metadata", "status", "hostnames"),
    required_for_create=("urls",),
    derive=_derive_report,
    mutually_exclusive=[("id", "urls"), ("id", "metadata")],
    fields=[
        Field("urls", spec={"type": "list", "elements": "str"}, update=False, check=check_urls),
        Field("metadata", spec={"type": "raw"}, to_api=metadata_to_api, update=False, max_bytes=METADATA_MAX_BYTES),
    ],
)
