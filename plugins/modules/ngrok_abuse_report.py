#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ngrok_abuse_report
short_description: Report URLs served through ngrok as abusive, and follow the report
version_added: 0.2.0
description:
  - Files an abuse report, a take-down request for URLs served through ngrok that break ngrok's terms of service
    (phishing, malware...), or reads the status of a report filed earlier.
  - The API can only file a report and read it by id - it cannot list, change or withdraw reports. So this module
    works like a command, not like a description of a desired state.
  - B(Without O(id), every run files a new report) with O(urls), and reports a change. Run it once (for example
    with a handler, or a C(when) condition), and keep the RV(abuse_report.id) it returns. In check mode it says it
    would file a report and sends nothing.
  - B(With O(id)), the module only reads that report and never reports a change, so that a task can wait for ngrok
    to process it with C(until); M(ngrok.ngrok.ngrok_abuse_report_info) reads it the same way.
  - Only accounts authorized by ngrok can file and read reports; others get the API's error (C(ERR_NGROK_221)).
author:
  - ngrok.ngrok contributors (@ngrok)
extends_documentation_fragment:
  - ngrok.ngrok.connection
  - ngrok.ngrok.attributes
  - ngrok.ngrok.attributes.RESOURCE
attributes:
  idempotent:
    support: none
    details:
      - Without O(id), every run files a new report. With O(id), the module only reads.
options:
  state:
    description:
      - Only V(present). The API cannot delete a report.
    type: str
    choices: [present]
    default: present
  id:
    description:
      - ID of a report filed earlier (C(abrp_...)). The module reads it and files nothing; a report with this id
        must exist.
      - Mutually exclusive with O(urls) and O(metadata).
    type: str
  urls:
    description:
      - The URLs to report, at least one, each with a host name. ngrok finds the host names in them and reports
        the status of each in RV(abuse_report.hostnames).
      - A value without a host name, or whose host is neither an IP address nor a name of letters, digits, C(-) and
        C(_) between dots (V(not a url)), fails the task before any request.
      - Required to file a report. Mutually exclusive with O(id).
    type: list
    elements: str
  metadata:
    description:
      - Arbitrary machine-readable data about the report, such as your own incident number, at most 4096 bytes.
      - Can only be set when the report is filed. Mutually exclusive with O(id).
      - Text, or a mapping or list, which is sent as JSON text (compact, keys sorted).
    type: raw
notes:
  - ngrok has no Terraform resource for abuse reports.
seealso:
  - module: ngrok.ngrok.ngrok_abuse_report_info
"""

EXAMPLES = r"""
- name: Report a phishing page (every run files a new report)
  ngrok.ngrok.ngrok_abuse_report:
    urls:
      - https://login-example-bank.ngrok.app/signin
    metadata: '{"incident": "INC-1042"}'
  register: report

- name: Wait until ngrok has processed the report
  ngrok.ngrok.ngrok_abuse_report:
    id: "{{ report.abuse_report.id }}"
  register: followed
  until: followed.abuse_report.status != 'PENDING'
  retries: 60
  delay: 600

- name: Show what ngrok did with each host name
  ansible.builtin.debug:
    msg: "{{ item.hostname }}: {{ item.status }}"
  loop: "{{ followed.abuse_report.hostnames }}"
"""

RETURN = r"""
abuse_report:
  description:
    - The report as the API returned it when it was filed, or read with O(id). In check mode without O(id), the
      predicted report - with C(id), C(uri) and C(created_at) null, C(status) V(PENDING), and each host name found
      in O(urls) pending.
  returned: always
  type: dict
  contains:
    id:
      description: Unique ID of the report.
      type: str
      sample: abrp_2Zx8example3RcLhDdPp4TtEFq9W
    uri:
      description: URI of the report in the API.
      type: str
      sample: https://api.ngrok.com/abuse_reports/abrp_2Zx8example3RcLhDdPp4TtEFq9W
    created_at:
      description: When the report was filed, RFC 3339 in UTC.
      type: str
      sample: "2026-11-27T10:11:14Z"
    urls:
      description: The reported URLs.
      type: list
      elements: str
      sample: ["https://login-example-bank.ngrok.app/signin"]
    metadata:
      description: Metadata of the report.
      type: str
      sample: '{"incident": "INC-1042"}'
    status:
      description: Whether ngrok has processed the report - V(PENDING), V(PROCESSED) or V(PARTIALLY_PROCESSED).
      type: str
      sample: PENDING
    hostnames:
      description:
        - The host names ngrok found in the URLs, each with its C(hostname) and its C(status), what ngrok did
          about it - V(PENDING), V(BANNED), V(UNBANNED) or V(IGNORE).
      type: list
      elements: dict
      sample: [{"hostname": "login-example-bank.ngrok.app", "status": "PENDING"}]
"""

from ansible_collections.ngrok.ngrok.plugins.module_utils._module import resource_module
from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.abuse_reports import ABUSE_REPORT


def main():
    resource_module(ABUSE_REPORT)


if __name__ == "__main__":
    main()
