#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: ngrok_abuse_report_info
short_description: Read an abuse report filed with ngrok
version_added: 0.2.0
description:
  - Read one abuse report by id, to follow what ngrok did about the reported URLs.
  - The API cannot list abuse reports, so O(id) is required; keep the id that M(ngrok.ngrok.ngrok_abuse_report)
    returns when it files a report.
author:
  - ngrok.ngrok contributors (@ngrok)
extends_documentation_fragment:
  - ngrok.ngrok.connection
  - ngrok.ngrok.attributes
  - ngrok.ngrok.attributes.INFO
options:
  id:
    description:
      - ID of the report (C(abrp_...)). An id that does not exist gives an empty list.
    type: str
    required: true
seealso:
  - module: ngrok.ngrok.ngrok_abuse_report
"""

EXAMPLES = r"""
- name: Read a report
  ngrok.ngrok.ngrok_abuse_report_info:
    id: abrp_2Zx8example3RcLhDdPp4TtEFq9W
  register: found

- name: Fail unless every host name was banned
  ansible.builtin.assert:
    that:
      - found.abuse_reports[0].hostnames | rejectattr('status', 'eq', 'BANNED') | list == []
"""

RETURN = r"""
abuse_reports:
  description:
    - The report in a list of one, or an empty list when no report has the id. It has the keys of the
      RV(ngrok.ngrok.ngrok_abuse_report#module:abuse_report) result of M(ngrok.ngrok.ngrok_abuse_report).
  returned: always
  type: list
  elements: dict
  sample:
    - id: abrp_2Zx8example3RcLhDdPp4TtEFq9W
      uri: https://api.ngrok.com/abuse_reports/abrp_2Zx8example3RcLhDdPp4TtEFq9W
      created_at: "2026-11-27T10:11:14Z"
      urls: ["https://login-example-bank.ngrok.app/signin"]
      metadata: '{"incident": "INC-1042"}'
      status: PROCESSED
      hostnames: [{"hostname": "login-example-bank.ngrok.app", "status": "BANNED"}]
"""

from ansible_collections.ngrok.ngrok.plugins.module_utils._module import info_module
from ansible_collections.ngrok.ngrok.plugins.module_utils._resources.abuse_reports import ABUSE_REPORT


def main():
    info_module(ABUSE_REPORT)


if __name__ == "__main__":
    main()
