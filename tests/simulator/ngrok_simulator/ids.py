"""Time-ordered identifiers in the KSUID string form used by ngrok.

An id is ``<prefix>_<27 base62 characters>``.  The 27 characters encode
20 bytes: a 4-byte big-endian timestamp (seconds since the KSUID epoch)
followed by 16 random bytes.  Because the timestamp comes first and the
encoding is fixed-width with an ASCII-ordered alphabet, sorting ids as
strings sorts them by creation time.  Ids made in the same second are kept
strictly increasing by bumping the payload past the last one issued.
"""

import os
import threading
import time

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
KSUID_EPOCH = 1400000000
KSUID_LEN = 27
_MAX = (1 << 160) - 1


def encode(value):
    """Encode a 160-bit integer as 27 base62 characters."""
    chars = []
    for _idx in range(KSUID_LEN):
        value, rem = divmod(value, 62)
        chars.append(ALPHABET[rem])
    return "".join(reversed(chars))


def decode(text):
    """Decode 27 base62 characters back to an integer (ValueError if malformed)."""
    if len(text) != KSUID_LEN:
        raise ValueError("bad ksuid length")
    value = 0
    for char in text:
        idx = ALPHABET.find(char)
        if idx < 0:
            raise ValueError("bad ksuid character")
        value = value * 62 + idx
    if value > _MAX:
        raise ValueError("ksuid out of range")
    return value


def split(ident):
    """Return (prefix, ksuid) of an id, or (None, None) when it is not one."""
    prefix, sep, rest = ident.rpartition("_")
    if not sep or not prefix or len(rest) != KSUID_LEN:
        return None, None
    try:
        decode(rest)
    except ValueError:
        return None, None
    return prefix, rest


class IdGenerator:
    """Issues strictly increasing KSUID strings, safe across threads."""

    def __init__(self):
        self._lock = threading.Lock()
        self._last = 0

    def observe(self, ksuid):
        """Make sure later ids sort after an existing one (used after loading state)."""
        try:
            value = decode(ksuid)
        except ValueError:
            return
        with self._lock:
            self._last = max(self._last, value)

    def ksuid(self):
        """Return a new 27-character KSUID string."""
        stamp = max(int(time.time()) - KSUID_EPOCH, 0)
        payload = int.from_bytes(os.urandom(16), "big")
        value = (stamp << 128) | payload
        with self._lock:
            if value <= self._last:
                value = self._last + 1 + (int.from_bytes(os.urandom(4), "big") >> 8)
            self._last = value
        return encode(value)

    def new(self, prefix):
        """Return a new ``<prefix>_<ksuid>`` id."""
        return "%s_%s" % (prefix, self.ksuid())


GENERATOR = IdGenerator()


def new_id(prefix):
    """Module-level shortcut for a new id with the given prefix."""
    return GENERATOR.new(prefix)
