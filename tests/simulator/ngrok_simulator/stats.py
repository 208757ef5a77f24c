"""Request counters and the recent-request log served under /_sim/."""

import collections
import copy
import threading

METHODS = ("GET", "POST", "PATCH", "DELETE")
SECRET_KEYS = frozenset((
    "token", "value", "private_key_pem", "secret", "password", "client_secret", "api_key",
    "aws_secret_access_key", "precomputed_token", "private_key",
))
REDACTED = "**redacted**"


def redact(data, keys=SECRET_KEYS):
    """A copy of JSON data with the values of secret keys replaced."""
    if isinstance(data, dict):
        return {k: (REDACTED if k in keys and v not in (None, "") else redact(v, keys)) for k, v in data.items()}
    if isinstance(data, list):
        return [redact(v, keys) for v in data]
    return data


class Stats:
    """Counters since start or the last reset."""

    def __init__(self, log_size=1000):
        self._lock = threading.Lock()
        self._log = collections.deque(maxlen=log_size)
        self.reset()

    def reset(self):
        """Zero every counter and forget the request log."""
        with self._lock:
            self.requests = 0
            self.by_method = {m: 0 for m in METHODS}
            self.mutations = 0
            self.rate_limited = 0
            self.faults = 0
            self._log.clear()

    def count(self, method):
        """One API request received (not rate limited)."""
        with self._lock:
            self.requests += 1
            self.by_method[method] = self.by_method.get(method, 0) + 1

    def count_rate_limited(self):
        """One request answered 429 by the rate limiter."""
        with self._lock:
            self.rate_limited += 1

    def count_mutation(self):
        """One POST/PATCH/DELETE that changed the state."""
        with self._lock:
            self.mutations += 1

    def count_fault(self):
        """One injected fault answered."""
        with self._lock:
            self.faults += 1

    def record(self, entry):
        """Append an entry to the request log."""
        with self._lock:
            self._log.append(entry)

    def recent(self, limit):
        """The last ``limit`` log entries, oldest first."""
        with self._lock:
            items = list(self._log)
        return copy.deepcopy(items[-limit:] if limit else [])

    def as_dict(self):
        """The body of GET /_sim/stats."""
        with self._lock:
            return {"requests": self.requests, "by_method": dict(self.by_method), "mutations": self.mutations,
                    "rate_limited": self.rate_limited, "faults_injected": self.faults}
