"""Redis as an accelerator, never a single point of failure.

A :class:`Failover` runs each call on Redis while Redis answers and on a
stand-in of this process (memory, the embedded store) while it does not.
It says once in the log that Redis is down and once that it is back; in
between it asks Redis again at most every ``retry_every`` seconds, so a
dead Redis costs a request nothing but the stand-in's work. The page
cache, Django's cache and the view counters each have one
(docs/operations.md).
"""

import logging
import threading
import time

from redis.exceptions import RedisError

logger = logging.getLogger("khabar.failover")

#: Seconds a request may wait for Redis to accept a connection, and for an
#: answer: a Redis that is down costs a reader milliseconds, not seconds.
CONNECT_TIMEOUT = 0.25
ANSWER_TIMEOUT = 0.5


class Failover:
    """Which of Redis or its stand-in answers, for one part (*name*)."""

    retry_every = 1.0

    def __init__(self, name, url, on_down=None, on_return=None):
        self.name = name
        self.url = url
        self._on_down = on_down
        self._on_return = on_return
        self._down_since = None
        self._retry_at = 0.0
        self._lock = threading.Lock()

    @property
    def down(self):
        return self._down_since is not None

    def run(self, on_redis, on_stand_in):
        """``on_redis()`` while Redis answers, else ``on_stand_in()``."""
        asked = time.monotonic()
        if self._down_since is not None and asked < self._retry_at:
            return on_stand_in()
        try:
            result = on_redis()
        except RedisError as error:
            self._went_down(error)
            return on_stand_in()
        if self._down_since is not None:
            self._came_back(asked)
        return result

    def _went_down(self, error):
        with self._lock:
            self._retry_at = time.monotonic() + self.retry_every
            if self._down_since is not None:
                return
            self._down_since = time.monotonic()
        logger.error(
            "Redis at %s does not answer (%s): the %s uses this process "
            "instead until it does.",
            self.url,
            error,
            self.name,
        )
        if self._on_down is not None:
            self._on_down()

    def _came_back(self, asked):
        with self._lock:
            # An answer to a call made before Redis went away says nothing
            # about now (in flight when it died): only a later one counts.
            if self._down_since is None or asked < self._down_since:
                return
            down_for = time.monotonic() - self._down_since
            self._down_since = None
        logger.warning(
            "Redis at %s answers again after %.1f s: the %s uses it again.",
            self.url,
            down_for,
            self.name,
        )
        if self._on_return is not None:
            try:
                self._on_return()
            except RedisError as error:
                self._went_down(error)


def redis_options():
    """Connection options that keep a dead Redis from holding requests."""
    return {
        "socket_connect_timeout": CONNECT_TIMEOUT,
        "socket_timeout": ANSWER_TIMEOUT,
        "health_check_interval": 30,
    }
