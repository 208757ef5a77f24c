"""Injected faults, configured through ``POST /_sim/faults``.

A fault matches a request by method; it fires on the next ``count`` matching
requests or with probability ``rate`` (from a generator seeded with ``seed``).
When it fires, the request waits ``latency_ms`` and then either gets the error
``status`` straight away, or, with ``after_commit``, is processed first and the
error is answered instead of the real response.  A fault without ``status`` only
adds latency.
"""

import random
import threading

from .errors import bad_request

STATUSES = (429, 500, 502, 503, 504)
METHODS = ("GET", "POST", "PATCH", "DELETE", "PUT")
KEYS = ("status", "rate", "count", "methods", "after_commit", "latency_ms")


class Fault:
    """One configured fault."""

    def __init__(self, spec):
        self.status = spec.get("status")
        self.rate = spec.get("rate")
        self.count = spec.get("count")
        self.methods = tuple(m.upper() for m in spec.get("methods") or METHODS)
        self.after_commit = bool(spec.get("after_commit", False))
        self.latency_ms = spec.get("latency_ms") or 0

    def as_dict(self):
        """Current configuration, including the remaining count."""
        out = {"status": self.status, "methods": list(self.methods), "after_commit": self.after_commit,
               "latency_ms": self.latency_ms}
        if self.rate is not None:
            out["rate"] = self.rate
        if self.count is not None:
            out["count"] = self.count
        return out


def _validate(spec):
    if not isinstance(spec, dict):
        raise bad_request(215, "each fault must be an object")
    for key in spec:
        if key not in KEYS:
            raise bad_request(214, "unknown fault key '%s'; supported: %s" % (key, ", ".join(KEYS)))
    status = spec.get("status")
    latency = spec.get("latency_ms")
    if status is None and not latency:
        raise bad_request(215, "a fault needs 'status' (one of %s) or 'latency_ms'" % (STATUSES,))
    if status is not None and status not in STATUSES:
        raise bad_request(215, "fault status must be one of %s" % (STATUSES,))
    if latency is not None and (not isinstance(latency, (int, float)) or isinstance(latency, bool) or latency < 0):
        raise bad_request(215, "latency_ms must be a non-negative number")
    has_rate = spec.get("rate") is not None
    has_count = spec.get("count") is not None
    if has_rate == has_count:
        raise bad_request(215, "a fault needs exactly one of 'rate' or 'count'")
    if has_rate:
        rate = spec["rate"]
        if not isinstance(rate, (int, float)) or isinstance(rate, bool) or not 0 <= rate <= 1:
            raise bad_request(215, "rate must be a number between 0 and 1")
    if has_count:
        count = spec["count"]
        if not isinstance(count, int) or isinstance(count, bool) or count < 0:
            raise bad_request(215, "count must be a non-negative integer")
    methods = spec.get("methods")
    if methods is not None:
        if not isinstance(methods, list) or not all(isinstance(m, str) and m.upper() in METHODS for m in methods):
            raise bad_request(215, "methods must be a list of %s" % (METHODS,))
    if "after_commit" in spec and not isinstance(spec["after_commit"], bool):
        raise bad_request(215, "after_commit must be a boolean")


class FaultInjector:
    """The active fault set."""

    def __init__(self):
        self._lock = threading.Lock()
        self._faults = []
        self._seed = None
        self._rng = random.Random()

    def configure(self, body):
        """Replace the active faults with the ones in ``body``."""
        if not isinstance(body, dict):
            raise bad_request(215, "the body must be an object with a 'faults' list")
        for key in body:
            if key not in ("seed", "faults"):
                raise bad_request(214, "unknown key '%s'; supported: seed, faults" % key)
        specs = body.get("faults", [])
        if not isinstance(specs, list):
            raise bad_request(215, "'faults' must be a list")
        for spec in specs:
            _validate(spec)
        seed = body.get("seed")
        with self._lock:
            self._faults = [Fault(spec) for spec in specs]
            self._seed = seed
            self._rng = random.Random(seed)

    def clear(self):
        """Remove every fault."""
        self.configure({"faults": []})

    def describe(self):
        """The active configuration."""
        with self._lock:
            return {"seed": self._seed, "faults": [f.as_dict() for f in self._faults]}

    def pick(self, method):
        """Return the fault that fires for this request, or None."""
        with self._lock:
            for fault in self._faults:
                if method not in fault.methods:
                    continue
                if fault.count is not None:
                    if fault.count > 0:
                        fault.count -= 1
                        return fault
                    continue
                if self._rng.random() < fault.rate:
                    return fault
        return None
