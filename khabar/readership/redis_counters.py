"""The scale-out counter store: every count and window in Redis, atomically.

Keys (under ``<KHABAR_CACHE_PREFIX>:views:``):

``live``             a bitmap of live article ids (set on publish, cleared on
                     unpublish, rebuilt from the database every few minutes)
``seen:<id>:<hash>`` one reader's view of one article, ``SET NX EX 1800``
``pending``          a hash ``"<article>:<hour>" -> views``, ``HINCRBY``
``flushing:<claim>`` a claimed ``pending``, renamed atomically
``claims``           the set of claims not yet released
``budget:<id>:<address hash>:<minute>`` views one address added to one
                     article in one minute, expiring after two

One beacon is one round trip: a Lua script checks the live bit and the
window and increments the counter, atomically. Use a Redis that does not
evict keys (``maxmemory-policy noeviction``, or a separate instance from an
LRU cache): an evicted ``pending`` would lose counts.
"""

import time

import redis
from django.conf import settings

from khabar.failover import redis_options
from khabar.readership.counters import (
    COUNTED,
    NOT_LIVE,
    ORPHAN_AGE,
    REPEAT,
    Claim,
    Counters,
    claim_age,
    new_flush_id,
)
from khabar.readership.identity import WINDOW
from khabar.readership.salts import shared_salt

# KEYS: live, pending, budget, seen (today's hash), seen under yesterday's salt
# ARGV: article id, pending field, window, budget (0: none)
_RECORD = """
if redis.call('GETBIT', KEYS[1], ARGV[1]) == 0 then return -1 end
for i = 4, #KEYS do
  if redis.call('EXISTS', KEYS[i]) == 1 then return 0 end
end
local budget = tonumber(ARGV[4])
if budget > 0 then
  local used = redis.call('INCR', KEYS[3])
  if used == 1 then redis.call('EXPIRE', KEYS[3], 120) end
  if used > budget then return 0 end
end
redis.call('SET', KEYS[4], '1', 'EX', ARGV[3])
redis.call('HINCRBY', KEYS[2], ARGV[2], 1)
return 1
"""

# KEYS: pending, flushing:<claim>, claims. ARGV: claim id
_CLAIM = """
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('RENAME', KEYS[1], KEYS[2])
redis.call('SADD', KEYS[3], ARGV[1])
return 1
"""


class RedisCounters(Counters):
    #: One process rebuilds the shared live bitmap this often (seconds).
    live_refresh_every = 300

    def __init__(self, url, prefix):
        super().__init__()
        self.redis = redis.Redis.from_url(url, **redis_options())
        self.prefix = f"{prefix}:views:"
        self._record = self.redis.register_script(_RECORD)
        self._claim = self.redis.register_script(_CLAIM)

    def key(self, *parts):
        return self.prefix + ":".join(str(part) for part in parts)

    def _shared_salt(self, day, candidate):
        # The database decides (it outlives a Redis restart); Redis is not
        # asked, so a Redis that is away does not change anyone's salt.
        return shared_salt(day, candidate)

    # -- the request path ---------------------------------------------------

    def record(self, article_id, readers, now, source=b""):
        minute = int(now // 60)
        keys = [
            self.key("live"),
            self.key("pending"),
            self.key("budget", article_id, source.hex(), minute),
        ]
        # Today's hash, then the same reader under yesterday's salt, if any.
        keys += [self.key("seen", article_id, reader.hex()) for reader in readers]
        budget = settings.KHABAR_VIEWS_PER_ADDRESS if source else 0
        result = self._record(
            keys=keys,
            args=[article_id, f"{article_id}:{int(now // 3600)}", WINDOW, budget],
        )
        return {-1: NOT_LIVE, 0: REPEAT, 1: COUNTED}[int(result)]

    # -- the flusher ----------------------------------------------------------

    def claims(self, orphans_after=ORPHAN_AGE):
        now = time.time()
        mine = new_flush_id(now)
        self._claim(
            keys=[self.key("pending"), self.key("flushing", mine), self.key("claims")],
            args=[mine],
        )
        result = []
        for raw in self.redis.smembers(self.key("claims")):
            flush_id = raw.decode()
            if flush_id != mine and claim_age(flush_id, now) < orphans_after:
                continue  # another flusher is applying it right now
            claim = Claim(flush_id)
            for field, views in self.redis.hgetall(
                self.key("flushing", flush_id)
            ).items():
                article, hour = field.decode().split(":")
                claim.counts[int(article), int(hour)] = int(views)
            result.append(claim)
        return result

    def release(self, flush_id):
        pipe = self.redis.pipeline()
        pipe.delete(self.key("flushing", flush_id))
        pipe.srem(self.key("claims"), flush_id)
        pipe.execute()

    # -- which ids are live ---------------------------------------------------

    def set_live(self, ids, live=True):
        pipe = self.redis.pipeline(transaction=False)
        for pk in ids:
            pipe.setbit(self.key("live"), pk, 1 if live else 0)
        pipe.execute()

    def replace_live(self, ids):
        temp = self.key("live", "building", new_flush_id())
        pipe = self.redis.pipeline(transaction=False)
        pipe.delete(temp)
        pipe.setbit(temp, 0, 0)  # the key exists even with no live article
        for n, pk in enumerate(ids, 1):
            pipe.setbit(temp, pk, 1)
            if n % 10_000 == 0:
                pipe.execute()
        pipe.rename(temp, self.key("live"))
        pipe.execute()

    def live_refresh_due(self, every):
        """True for one process every *every* seconds, or when the bitmap is
        missing (a new or flushed Redis)."""
        if not self.redis.exists(self.key("live")):
            return True
        return bool(self.redis.set(self.key("live", "lock"), 1, nx=True, ex=int(every)))

    def close(self):
        self.redis.close()
