"""Who is reading, without cookies: a keyed hash that changes every day.

A reader is their client address and user agent, hashed with a random salt
made for the day (UTC) and shared by every worker through the store. The
salt expires after two days and is never written to the database, so the
hashes, which live only as long as the 30-minute de-duplication window,
cannot be tied back to anyone once the day is over.
"""

import datetime as dt
import hashlib

# The address rule is shared with sign-in throttling (khabar/accounts).
from khabar.netaddr import client_address  # noqa: F401

#: A reader seen again within this many seconds is the same view.
WINDOW = 30 * 60
DIGEST_SIZE = 16


def day_of(now: float) -> str:
    """The UTC day a salt belongs to, as ``YYYY-MM-DD``."""
    return dt.datetime.fromtimestamp(now, dt.UTC).strftime("%Y-%m-%d")


def previous_day(now: float) -> str | None:
    """Yesterday's salt day while its hashes may still be in the window."""
    if now % 86400 < WINDOW:
        return day_of(now - WINDOW)
    return None


def reader_hash(salt: bytes, address: str, user_agent: str) -> bytes:
    data = f"{address}\n{user_agent}".encode("utf-8", "replace")
    return hashlib.blake2b(data, key=salt[:64], digest_size=DIGEST_SIZE).digest()
