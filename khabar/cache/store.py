"""Where pages are kept: process memory, or Redis when ``REDIS_URL`` is set.

Both stores keep the same things: entries by key, a set of keys per tag
(which pages show what), a purge counter (the *epoch*) that lets a render
which started before a purge be stored as already invalid, and one render
lock per key. A purged entry is kept as an invalid copy: it is served only
when the fresh render fails or takes too long.
"""

import collections
import os
import threading
import time
import uuid

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

from khabar.cache.entry import Entry
from khabar.cache.purgelog import ALL, PurgeLog
from khabar.failover import redis_options

#: Seconds an expired or purged copy is kept to answer while one request
#: renders (stale-while-revalidate) or when rendering fails.
STALE_FOR = 86400


class MemoryStore:
    """Entries in an LRU dict bounded in bytes, for one process.

    Purges from other processes arrive through :class:`PurgeLog`.
    """

    #: How long a purge is remembered for renders still in flight.
    RECENT_FOR = 120

    def __init__(self, max_bytes, log_path):
        self.max_bytes = max_bytes
        self._entries = collections.OrderedDict()
        self._bytes = 0
        self._tags = {}
        self._epoch = 0
        self._recent = collections.deque()  # (epoch, time, tags or ALL)
        self._mutex = threading.Lock()
        self._renders = {}
        self._log = PurgeLog(log_path)

    # Reading

    def sync(self):
        """Apply the purges other processes logged since the last call."""
        self._log.catch_up(self._apply_logged)

    def _apply_logged(self, purges):
        with self._mutex:
            for tags in purges:
                self._purge_locked(tags)

    def get(self, key):
        """The entry for *key*: fresh, expired or invalid; or None."""
        self.sync()
        entry = self._entries.get(key)
        if entry is not None:
            try:
                self._entries.move_to_end(key)
            except KeyError:
                pass  # evicted meanwhile; this request still has it
        return entry

    def epoch(self):
        self.sync()
        return self._epoch

    # Writing

    def set(self, key, entry):
        """Store *entry*; False when a purge since its render began made it
        invalid (it is then kept only as a stale copy)."""
        self.sync()
        with self._mutex:
            if self._purged_since(entry):
                entry.invalid = True
            old = self._entries.pop(key, None)
            if old is not None:
                self._forget(key, old)
            self._entries[key] = entry
            self._bytes += entry.size
            if not entry.invalid:
                for tag in entry.tags:
                    self._tags.setdefault(tag, set()).add(key)
            while self._bytes > self.max_bytes and len(self._entries) > 1:
                evicted_key, evicted = self._entries.popitem(last=False)
                self._forget(evicted_key, evicted)
        return not entry.invalid

    def _forget(self, key, entry):
        self._bytes -= entry.size
        for tag in entry.tags:
            keys = self._tags.get(tag)
            if keys is not None:
                keys.discard(key)
                if not keys:
                    del self._tags[tag]

    def _purged_since(self, entry):
        if entry.start_epoch >= self._epoch:
            return False
        if not self._recent or self._recent[0][0] > entry.start_epoch + 1:
            return True  # the render outlived our memory of purges
        for epoch, _, tags in reversed(self._recent):
            if epoch <= entry.start_epoch:
                return False
            if tags is ALL or entry.tags.intersection(tags):
                return True
        return False

    def purge(self, tags):
        """Invalidate every entry carrying one of *tags*; return their keys."""
        tags = sorted(set(tags))
        self.sync()
        with self._mutex:
            keys = self._purge_locked(tags)
        self._log.write(tags)
        return keys

    def purge_all(self):
        self.sync()
        with self._mutex:
            self._purge_locked(ALL)
        self._log.write(ALL)

    def _purge_locked(self, tags):
        self._epoch += 1
        now = time.monotonic()
        self._recent.append((self._epoch, now, ALL if tags is ALL else set(tags)))
        while len(self._recent) > 1 and self._recent[0][1] < now - self.RECENT_FOR:
            self._recent.popleft()
        if tags is ALL:
            keys = set(self._entries)
            self._tags.clear()
        else:
            keys = set()
            for tag in tags:
                keys.update(self._tags.pop(tag, ()))
        for key in keys:
            entry = self._entries.get(key)
            if entry is not None:
                entry.invalid = True
        return keys

    def clear(self):
        with self._mutex:
            self._entries.clear()
            self._tags.clear()
            self._bytes = 0

    # One render per key

    def try_lock(self, key):
        """A token if this caller is to render *key*, else None."""
        with self._mutex:
            if key in self._renders:
                return None
            token = self._renders[key] = threading.Event()
            return token

    def unlock(self, key, token):
        with self._mutex:
            if self._renders.get(key) is token:
                del self._renders[key]
        token.set()

    def wait(self, key, timeout):
        """Wait up to *timeout* seconds for the render of *key* in progress;
        return the fresh entry it stored, or None."""
        token = self._renders.get(key)
        if token is not None:
            token.wait(timeout)
        entry = self.get(key)
        return entry if entry is not None and entry.is_fresh() else None


class RedisStore:
    """Entries in Redis, shared by every worker and machine.

    Keys (under ``<KHABAR_CACHE_PREFIX>:page:``): ``e:<key>`` an entry,
    ``s:<key>`` its purged copy, ``t:<tag>`` the keys of a tag, ``v:<tag>``
    the epoch of its last purge, ``epoch``, ``all`` (epoch of the last
    purge of everything) and ``l:<key>`` a render lock. Storing and purging
    are Lua scripts, so a purge cannot slip between a check and a write.
    """

    LOCK_MS = 15000
    POLL = 0.005
    #: Connections per process; a thread beyond them waits for one.
    MAX_CONNECTIONS = 64

    _SET = """
    local p, key, blob, ttl = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
    local start = tonumber(ARGV[5])
    local invalid = tonumber(redis.call('GET', p .. 'all') or '0') > start
    for i = 6, #ARGV do
      local v = redis.call('GET', p .. 'v:' .. ARGV[i])
      if v and tonumber(v) > start then invalid = true end
    end
    if invalid then
      redis.call('SET', p .. 's:' .. key, blob, 'EX', ttl)
      return 0
    end
    redis.call('SET', p .. 'e:' .. key, blob, 'EX', ttl)
    redis.call('DEL', p .. 's:' .. key)
    for i = 6, #ARGV do
      redis.call('SADD', p .. 't:' .. ARGV[i], key)
      redis.call('EXPIRE', p .. 't:' .. ARGV[i], ttl)
    end
    return 1
    """
    _PURGE = """
    local p, ttl = ARGV[1], ARGV[2]
    local epoch = redis.call('INCR', p .. 'epoch')
    local purged = {}
    for i = 3, #ARGV do
      local tagkey = p .. 't:' .. ARGV[i]
      local keys = redis.call('SMEMBERS', tagkey)
      redis.call('DEL', tagkey)
      redis.call('SET', p .. 'v:' .. ARGV[i], epoch, 'EX', ttl)
      for _, key in ipairs(keys) do
        if redis.call('EXISTS', p .. 'e:' .. key) == 1 then
          redis.call('RENAME', p .. 'e:' .. key, p .. 's:' .. key)
        end
        purged[#purged + 1] = key
      end
    end
    return purged
    """
    _UNLOCK = """
    if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
    return 0
    """

    def __init__(self, url, prefix):
        import redis

        pool = redis.BlockingConnectionPool.from_url(
            url, max_connections=self.MAX_CONNECTIONS, timeout=10, **redis_options()
        )
        self.client = redis.Redis(connection_pool=pool)
        self.prefix = f"{prefix}:page:"
        self._set = self.client.register_script(self._SET)
        self._purge = self.client.register_script(self._PURGE)
        self._unlock = self.client.register_script(self._UNLOCK)

    def _ttl(self):
        return int(settings.KHABAR_PAGE_CACHE_TTL + STALE_FOR)

    def sync(self):
        pass  # Redis is shared: nothing to catch up on

    def get(self, key):
        p = self.prefix
        fresh, stale, everything = self.client.mget(
            f"{p}e:{key}", f"{p}s:{key}", f"{p}all"
        )
        if fresh is not None:
            entry = Entry.loads(fresh)
            if everything is not None and entry.start_epoch < int(everything):
                entry.invalid = True
            return entry
        if stale is not None:
            return Entry.loads(stale, invalid=True)
        return None

    def epoch(self):
        return int(self.client.get(f"{self.prefix}epoch") or 0)

    def set(self, key, entry):
        stored = self._set(
            args=[
                self.prefix,
                key,
                entry.dumps(),
                self._ttl(),
                entry.start_epoch,
                *sorted(entry.tags),
            ]
        )
        if not stored:
            entry.invalid = True
        return bool(stored)

    def purge(self, tags):
        if not tags:
            return set()
        purged = self._purge(args=[self.prefix, self._ttl(), *sorted(set(tags))])
        return {key.decode() for key in purged}

    def purge_all(self):
        p = self.prefix
        self.client.set(f"{p}all", self.client.incr(f"{p}epoch"))

    def clear(self):
        keys = list(self.client.scan_iter(match=f"{self.prefix}*", count=1000))
        for start in range(0, len(keys), 1000):
            self.client.delete(*keys[start : start + 1000])

    def try_lock(self, key):
        token = uuid.uuid4().hex
        if self.client.set(f"{self.prefix}l:{key}", token, nx=True, px=self.LOCK_MS):
            return token
        return None

    def unlock(self, key, token):
        self._unlock(keys=[f"{self.prefix}l:{key}"], args=[token])

    def wait(self, key, timeout):
        deadline = time.monotonic() + timeout
        pause = self.POLL
        while True:
            entry = self.get(key)
            if entry is not None and entry.is_fresh():
                return entry
            if time.monotonic() >= deadline:
                return None
            if not self.client.exists(f"{self.prefix}l:{key}"):
                entry = self.get(key)  # the render ended without storing
                return entry if entry is not None and entry.is_fresh() else None
            time.sleep(pause)
            pause = min(pause * 2, 0.05)


_store = None
_store_lock = threading.Lock()


def get_store():
    """This process' store, made on first use from the settings."""
    global _store
    if _store is None:
        with _store_lock:
            if _store is None:
                _store = _make_store()
    return _store


def _make_store():
    memory = MemoryStore(
        settings.KHABAR_PAGE_CACHE_MAX_MB * 1024 * 1024,
        os.path.join(settings.VAR_DIR, "page-cache-purges.log"),
    )
    if settings.REDIS_URL:
        from khabar.cache.failover_store import FailoverStore

        redis_store = RedisStore(settings.REDIS_URL, settings.KHABAR_CACHE_PREFIX)
        return FailoverStore(redis_store, memory, settings.REDIS_URL)
    return memory


def reset_store():
    """Forget this process' store (tests; a change of settings)."""
    global _store
    with _store_lock:
        if _store is not None:
            _store.clear()
        _store = None


@receiver(setting_changed)
def _settings_changed(setting, **kwargs):
    if setting in {"REDIS_URL", "KHABAR_PAGE_CACHE_MAX_MB", "VAR_DIR"}:
        reset_store()
