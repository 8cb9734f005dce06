"""The page cache with Redis that may go away: a :class:`RedisStore` while
Redis answers, this process' :class:`MemoryStore` while it does not.

Purges made while Redis was away reached only the memory of the machine
that made them, so when Redis answers again everything in it is marked
purged (kept to answer while the first request renders anew, as after any
purge). The memory store is marked the same way when Redis goes away, so
that it never serves as fresh a page kept from an earlier outage.
"""

from khabar.failover import Failover


class FailoverStore:
    def __init__(self, redis_store, memory_store, url):
        self.redis = redis_store
        self.memory = memory_store
        self.failover = Failover(
            "page cache",
            url,
            on_down=memory_store.purge_all,
            on_return=redis_store.purge_all,
        )

    def _run(self, name, *args):
        return self.failover.run(
            lambda: getattr(self.redis, name)(*args),
            lambda: getattr(self.memory, name)(*args),
        )

    def sync(self):
        self.memory.sync()  # purges logged by this machine's other workers

    def get(self, key):
        return self._run("get", key)

    def epoch(self):
        return self._run("epoch")

    def set(self, key, entry):
        return self._run("set", key, entry)

    def purge(self, tags):
        return self._run("purge", tags)

    def purge_all(self):
        return self._run("purge_all")

    def clear(self):
        self.memory.clear()
        self._run("clear")

    def try_lock(self, key):
        return self._run("try_lock", key)

    def unlock(self, key, token):
        # A lock is given back to the store that gave it.
        if isinstance(token, str):
            self.failover.run(lambda: self.redis.unlock(key, token), lambda: None)
        else:
            self.memory.unlock(key, token)

    def wait(self, key, timeout):
        return self._run("wait", key, timeout)
