"""In-memory state with optional atomic persistence to a JSON file."""

import copy
import json
import os
import tempfile
import threading

from . import ids

STATE_VERSION = 1


class Store:
    """All resources of the simulated account, guarded by one re-entrant lock.

    ``collections`` maps a collection name (``api_keys``, ``ip_policies``, ...)
    to a dict of id -> record.  A record holds the stored field values; keys that
    start with ``_`` are private (never rendered).  ``meta`` holds simulator
    bookkeeping such as counters for generated addresses.
    """

    def __init__(self, path=None):
        self.lock = threading.RLock()
        self.path = path
        self.collections = {}
        self.meta = {}
        self.version = 0

    # -- records ---------------------------------------------------------
    def table(self, collection):
        """The id -> record dict of a collection (created on first use)."""
        return self.collections.setdefault(collection, {})

    def get(self, collection, ident):
        """A record, or None."""
        return self.collections.get(collection, {}).get(ident)

    def records(self, collection):
        """All records of a collection, newest first."""
        items = list(self.collections.get(collection, {}).values())
        items.sort(key=lambda rec: ids.split(rec["id"])[1] or "", reverse=True)
        return items

    def put(self, collection, record):
        """Insert or replace a record."""
        table = self.table(collection)
        if table.get(record["id"]) != record:
            self.version += 1
        table[record["id"]] = record

    def delete(self, collection, ident):
        """Remove a record (no error if absent)."""
        if self.collections.get(collection, {}).pop(ident, None) is not None:
            self.version += 1

    def find(self, collection, **match):
        """Records whose fields equal every given value."""
        return [rec for rec in self.collections.get(collection, {}).values()
                if all(rec.get(key) == value for key, value in match.items())]

    def reset(self):
        """Forget every resource."""
        with self.lock:
            self.collections = {}
            self.meta = {}
            self.version += 1

    # -- persistence -----------------------------------------------------
    def snapshot(self):
        """A deep copy of the state as plain JSON data."""
        with self.lock:
            return {"version": STATE_VERSION,
                    "collections": copy.deepcopy(self.collections),
                    "meta": copy.deepcopy(self.meta)}

    def save(self):
        """Write the state atomically (temp file in the same directory, then os.replace)."""
        if not self.path:
            return
        with self.lock:
            data = json.dumps(self.snapshot(), sort_keys=True, indent=1)
            directory = os.path.dirname(os.path.abspath(self.path))
            fd, tmp = tempfile.mkstemp(prefix=".ngrok-sim-", suffix=".tmp", dir=directory)
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as handle:
                    handle.write(data)
                    handle.flush()
                    os.fsync(handle.fileno())
                os.replace(tmp, self.path)
            except BaseException:
                if os.path.exists(tmp):
                    os.unlink(tmp)
                raise

    def load(self):
        """Read the state file if it exists; return True when something was loaded."""
        if not self.path or not os.path.exists(self.path):
            return False
        with open(self.path, encoding="utf-8") as handle:
            text = handle.read()
        if not text.strip():
            return False
        data = json.loads(text)
        with self.lock:
            self.collections = data.get("collections", {})
            self.meta = data.get("meta", {})
            for table in self.collections.values():
                for ident in table:
                    ksuid = ids.split(ident)[1]
                    if ksuid:
                        ids.GENERATOR.observe(ksuid)
        return True
