"""View counters with Redis that may go away: :class:`RedisCounters` while
Redis answers, the embedded store (:class:`MemoryCounters`, this process'
buffer and ``var/readership.sqlite3``) while it does not.

Views counted in the embedded store meanwhile reach the database through
the same claims as ever: the in-process flusher spills and claims both
stores. A reader is counted once per 30 minutes within each store, so one
who reads the same article just before Redis goes away and again during
the outage counts twice (docs/readership.md).
"""

from khabar.failover import Failover
from khabar.readership.counters import ORPHAN_AGE, Counters


class FailoverCounters(Counters):
    def __init__(self, redis_counters, memory_counters, url):
        super().__init__()
        self.redis = redis_counters
        self.memory = memory_counters
        self.failover = Failover("view counter", url, on_down=self._load_live)
        self.wake = memory_counters.wake

    def _load_live(self):
        # Web workers that run no flusher have never loaded the embedded
        # store's live set, which decides what counts: once per outage.
        from khabar.readership.flusher import refresh_live

        refresh_live(self.memory)

    def _run(self, name, *args):
        return self.failover.run(
            lambda: getattr(self.redis, name)(*args),
            lambda: getattr(self.memory, name)(*args),
        )

    # -- the request path ---------------------------------------------------

    def salt(self, day):
        # Each store keeps its own salt: views are de-duplicated within it.
        return self._run("salt", day)

    def record(self, article_id, readers, now, source=b""):
        return self._run("record", article_id, readers, now, source)

    # -- the flusher ----------------------------------------------------------

    def spill(self):
        return self.memory.spill()

    def claims(self, orphans_after=ORPHAN_AGE):
        return self.memory.claims(orphans_after) + self.failover.run(
            lambda: self.redis.claims(orphans_after), list
        )

    def release(self, flush_id):
        self.memory.release(flush_id)
        # A Redis claim left unreleased is taken again as an orphan, and
        # the database's flush log refuses it a second time.
        self.failover.run(lambda: self.redis.release(flush_id), lambda: None)

    # -- which ids are live: both stores know ---------------------------------

    def set_live(self, ids, live=True):
        ids = list(ids)
        self.memory.set_live(ids, live)
        self.failover.run(lambda: self.redis.set_live(ids, live), lambda: None)

    def replace_live(self, ids):
        ids = list(ids)
        self.memory.replace_live(ids)
        self.failover.run(lambda: self.redis.replace_live(ids), lambda: None)

    @property
    def live_refresh_every(self):
        store = self.memory if self.failover.down else self.redis
        return store.live_refresh_every

    def live_refresh_due(self, every):
        # The embedded store's set matters only while Redis is away: it is
        # loaded when Redis goes, and refreshed on its own clock meanwhile.
        return self._run("live_refresh_due", every)

    def close(self):
        self.memory.close()
        self.redis.close()
