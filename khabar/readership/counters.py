"""Where views wait between the beacon and the database.

Two counter stores behave the same: ``RedisCounters`` when
``KHABAR_VIEWS_REDIS_URL`` (by default ``REDIS_URL``) is set,
``MemoryCounters`` otherwise. Both keep counts per article per clock hour
and hand them to the flusher as *claims*: a batch with an id, claimed
atomically, applied to the database together with its id, and released
only afterwards, so that a crash at any step neither loses a claimed batch
nor lets it be added twice.
"""

import secrets
import threading
import time
import uuid
from dataclasses import dataclass, field

from django.conf import settings

#: A claim left by a flusher that died is taken over after this many seconds.
ORPHAN_AGE = 30
NOT_LIVE, REPEAT, COUNTED = -1, 0, 1


@dataclass
class Claim:
    """A batch of counts: ``{(article_id, hour): views}``, hours since 1970."""

    flush_id: str
    counts: dict = field(default_factory=dict)

    @property
    def views(self):
        return sum(self.counts.values())


def new_flush_id(now=None):
    """Ids start with their time, so the age of a claim can be read off it."""
    return f"{int(now or time.time())}-{uuid.uuid4().hex}"


def claim_age(flush_id, now):
    try:
        return now - int(flush_id.split("-", 1)[0])
    except ValueError:
        return ORPHAN_AGE


class Counters:
    """What both counter stores offer the beacon and the flusher."""

    live_refresh_every = 60

    def __init__(self):
        self._salts = {}
        self._salt_lock = threading.Lock()

    # -- the request path ---------------------------------------------------

    def salt(self, day: str) -> bytes:
        """The day's random salt, made once and shared by every worker."""
        value = self._salts.get(day)
        if value is None:
            with self._salt_lock:
                value = self._salts.get(day)
                if value is None:
                    value = self._shared_salt(day, secrets.token_bytes(32))
                    self._salts = {
                        **{d: v for d, v in self._salts.items() if d >= day},
                        day: value,
                    }
        return value

    def record(
        self, article_id: int, readers: tuple, now: float, source: bytes = b""
    ) -> int:
        """Count a view unless the article is not live, the reader (the
        first hash; the others are the same reader under yesterday's salt)
        was counted within the window, or the client address (*source*, its
        hash) has used up its budget for the article this minute
        (``KHABAR_VIEWS_PER_ADDRESS``). Returns NOT_LIVE, REPEAT or COUNTED.
        """
        raise NotImplementedError

    # -- the flusher ----------------------------------------------------------

    def spill(self):
        """Move views held in this process to the shared store, if any."""

    def claims(self, orphans_after=ORPHAN_AGE) -> list:
        """Claim what is pending, plus claims older than *orphans_after*
        seconds that a dead flusher left behind."""
        raise NotImplementedError

    def release(self, flush_id: str):
        """Forget a claim that the database now holds."""
        raise NotImplementedError

    # -- which ids are live ---------------------------------------------------

    def set_live(self, ids, live=True):
        raise NotImplementedError

    def replace_live(self, ids):
        """Make *ids* the whole set of live articles."""
        raise NotImplementedError

    def live_refresh_due(self, every: float) -> bool:
        raise NotImplementedError

    def close(self):
        pass

    def _shared_salt(self, day, candidate):
        raise NotImplementedError


_counters = {}
_counters_lock = threading.Lock()


def get_counters() -> Counters:
    """The counter store the settings name; one per process and
    configuration."""
    key = (
        settings.KHABAR_VIEWS_REDIS_URL,
        settings.KHABAR_CACHE_PREFIX,
        str(settings.VAR_DIR / "readership.sqlite3"),
    )
    counters = _counters.get(key)
    if counters is None:
        with _counters_lock:
            counters = _counters.get(key)
            if counters is None:
                counters = _counters[key] = _make_counters(*key)
    return counters


def _make_counters(redis_url, prefix, path):
    from khabar.readership.memory_counters import MemoryCounters

    if redis_url:
        from khabar.readership.failover_counters import FailoverCounters
        from khabar.readership.redis_counters import RedisCounters

        return FailoverCounters(
            RedisCounters(redis_url, prefix), MemoryCounters(path), redis_url
        )
    return MemoryCounters(path)


def reset_counters():
    """Close and forget every counter store (tests switch between them)."""
    with _counters_lock:
        for counters in _counters.values():
            counters.close()
        _counters.clear()
