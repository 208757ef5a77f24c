"""Sliding-window rate limiting for the one simulated account."""

import collections
import math
import threading
import time


def describe_window(seconds):
    """Human form of the window used in ERR_NGROK_226 ("minute", "2 seconds", ...)."""
    if seconds == 60:
        return "minute"
    if seconds == 1:
        return "second"
    if seconds == 3600:
        return "hour"
    if float(seconds).is_integer():
        return "%d seconds" % int(seconds)
    return "%s seconds" % seconds


class SlidingWindow:
    """At most ``limit`` accepted requests in any ``window`` seconds."""

    def __init__(self, limit=120, window=60.0, clock=time.monotonic):
        self.limit = int(limit)
        self.window = float(window)
        self.clock = clock
        self._hits = collections.deque()
        self._lock = threading.Lock()

    def acquire(self):
        """Take a slot.  Returns (True, 0) or (False, seconds until a slot frees)."""
        if self.limit <= 0:
            return True, 0
        with self._lock:
            now = self.clock()
            while self._hits and self._hits[0] <= now - self.window:
                self._hits.popleft()
            if len(self._hits) < self.limit:
                self._hits.append(now)
                return True, 0
            wait = self._hits[0] + self.window - now
            return False, max(1, int(math.ceil(wait)))

    def reset(self):
        """Forget every recorded request."""
        with self._lock:
            self._hits.clear()

    def message(self):
        """The ERR_NGROK_226 message."""
        return "Your account is rate limited to %d API requests per %s." % (self.limit, describe_window(self.window))
