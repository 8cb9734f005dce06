"""Django's Redis cache, kept in this process' memory while Redis is away.

What Khabar keeps in Django's cache (the content generation, the most-read
lists, feed dates, sign-in throttles) can be rebuilt; a page must never
fail because Redis does not answer. Values kept in memory meanwhile are
this process' own, and are dropped when Redis answers again.
"""

import threading

from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache

from khabar.failover import Failover, redis_options

_CALLS = (
    "add",
    "get",
    "set",
    "touch",
    "delete",
    "get_many",
    "has_key",
    "incr",
    "set_many",
    "delete_many",
    "clear",
)


#: One per Redis: Django makes a cache object per thread, and a process
#: should say once, not once per thread, that Redis is down.
_failovers = {}
_failovers_lock = threading.Lock()


class FailoverRedisCache(RedisCache):
    def __init__(self, server, params):
        params = {**params, "OPTIONS": {**redis_options(), **params.get("OPTIONS", {})}}
        super().__init__(server, params)
        # Objects of one name share their values (LocMemCache's own rule).
        self.stand_in = LocMemCache(f"khabar-failover:{server}", params)
        with _failovers_lock:
            if server not in _failovers:
                _failovers[server] = Failover(
                    "cache", server, on_return=self.stand_in.clear
                )
            self.failover = _failovers[server]


def _failing_over(name):
    on_redis = getattr(RedisCache, name)
    on_stand_in = getattr(LocMemCache, name)

    def call(self, *args, **kwargs):
        return self.failover.run(
            lambda: on_redis(self, *args, **kwargs),
            lambda: on_stand_in(self.stand_in, *args, **kwargs),
        )

    call.__name__ = name
    call.__doc__ = on_redis.__doc__
    return call


for _name in _CALLS:
    setattr(FailoverRedisCache, _name, _failing_over(_name))
