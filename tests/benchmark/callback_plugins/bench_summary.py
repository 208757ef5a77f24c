# -*- coding: utf-8 -*-
# Copyright (c) ngrok.ngrok contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# SPDX-License-Identifier: GPL-3.0-or-later

"""A callback for the benchmark: per task, how many items were ok, changed, failed or skipped, and the ``plan``
and ``failures`` of ngrok_apply, written as JSON to the file named by ``BENCH_SUMMARY_FILE``."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
name: bench_summary
type: aggregate
short_description: Summary of task outcomes for the benchmark runner
description:
  - Writes, per task, the counts of ok, changed, failed and skipped items, the C(plan) of ngrok_apply and the
    C(counts) of ngrok_account_info to the JSON file named by the environment variable E(BENCH_SUMMARY_FILE).
requirements:
  - enabled in the benchmark runner's environment only
"""

import json
import os

from ansible.plugins.callback import CallbackBase


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "aggregate"
    CALLBACK_NAME = "bench_summary"
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self, *args, **kwargs):
        super(CallbackModule, self).__init__(*args, **kwargs)
        self.tasks = []
        self.items = None

    @staticmethod
    def _outcome(data, default):
        if data.get("failed") or data.get("unreachable"):
            return "failed"
        if data.get("skipped"):
            return "skipped"
        return default

    def _item(self, result, outcome):
        # Loop items are counted one by one: with no_log, the task's own result no longer lists them.
        if self.items is None:
            self.items = {"ok": 0, "changed": 0, "failed": 0, "skipped": 0}
        outcome = self._outcome(result._result, outcome)
        self.items[outcome] += 1
        if outcome == "ok" and result._result.get("changed"):
            self.items["changed"] += 1
        if outcome == "failed" and "msg" not in self.items:
            self.items["msg"] = str(result._result.get("msg", ""))[:2000]

    def _task(self, result, outcome):
        data = result._result
        entry = {"task": result._task.get_name(), "ok": 0, "changed": 0, "failed": 0, "skipped": 0}
        if self.items is not None:
            entry.update(self.items)
            self.items = None
        else:
            outcome = self._outcome(data, outcome)
            entry[outcome] = 1
            if outcome == "ok" and data.get("changed"):
                entry["changed"] = 1
            if outcome == "failed":
                entry["msg"] = str(data.get("msg", ""))[:2000]
        if outcome == "failed" and not entry["failed"]:
            entry["failed"] = 1
        for key in ("plan", "failures", "counts"):
            if key in data:
                entry[key] = data[key]
        self.tasks.append(entry)

    def v2_runner_item_on_ok(self, result):
        self._item(result, "ok")

    def v2_runner_item_on_failed(self, result):
        self._item(result, "failed")

    def v2_runner_item_on_skipped(self, result):
        self._item(result, "skipped")

    def v2_runner_on_ok(self, result):
        self._task(result, "ok")

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self._task(result, "failed")

    def v2_runner_on_skipped(self, result):
        self._task(result, "skipped")

    def v2_runner_on_unreachable(self, result):
        self._task(result, "failed")

    def v2_playbook_on_stats(self, stats):
        path = os.environ.get("BENCH_SUMMARY_FILE")
        if path:
            with open(path, "w") as handle:
                json.dump({"tasks": self.tasks}, handle)
