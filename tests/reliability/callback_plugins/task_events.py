"""Writes one JSON line per task result (and per loop item) to the file named by RELIABILITY_EVENTS.

The reliability tests read it to check each task's outcome, its message and its duration; it runs beside the
default output callback, whose text the tests check for secrets.
"""

import json
import os
import time

from ansible.plugins.callback import CallbackBase

DOCUMENTATION = """
name: task_events
type: notification
short_description: task results as JSON lines, for the reliability tests
description:
  - Writes one JSON object per task result and loop item to the file named by RELIABILITY_EVENTS.
requirements:
  - enabled in callbacks_enabled
"""


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "notification"
    CALLBACK_NAME = "task_events"
    CALLBACK_NEEDS_ENABLED = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.path = os.environ.get("RELIABILITY_EVENTS")
        self.started = {}

    def _write(self, record):
        if not self.path:
            return
        with open(self.path, "a", encoding="utf-8") as handle:
            handle.write(json.dumps(record, default=str) + "\n")

    def v2_playbook_on_task_start(self, task, is_conditional):
        self.started[task._uuid] = time.time()

    def _event(self, status, result, item=False):
        task = result._task
        started = self.started.get(task._uuid)
        self._write({
            "host": result._host.get_name(),
            "task": task.get_name(),
            "action": task.action,
            "status": status,
            "item": item,
            "seconds": round(time.time() - started, 3) if started else None,
            "result": result._result,
        })

    def v2_runner_on_ok(self, result):
        self._event("ok", result)

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self._event("failed", result)

    def v2_runner_on_skipped(self, result):
        self._event("skipped", result)

    def v2_runner_on_unreachable(self, result):
        self._event("unreachable", result)

    def v2_runner_item_on_ok(self, result):
        self._event("ok", result, item=True)

    def v2_runner_item_on_failed(self, result):
        self._event("failed", result, item=True)
