"""Lists that many pages show, computed once per change of content.

Every page shows the section menu; every article page the latest headlines
and its section's newest stories. Each is a query, and the queries of the
ORM cost more than the rendering of what they return. A process keeps each
list and uses it again until the content generation changes
(:mod:`khabar.cache.generation`) or ``MAX_AGE`` passes, which bounds what
no event covers (an article reaching its expiry time before the scheduler
unpublishes it).

A page rendered with a kept list is the page a fresh query would give,
so this is no cache that readers could see stale; it is the fast path
"kept" (khabar/fast_paths.py), which the menu, headlines and the parts of
pages in ``{% keep %}`` use. It buys most of an uncached home page and a
third of an article page's render (docs/benchmarks.md, "Fast paths").
Switched off, every call computes. The lists hold model instances that
pages only read; callers take copies to filter them.
"""

import time

from khabar import fast_paths
from khabar.cache import generation

MAX_AGE = 60

_kept = {}  # key -> (token, expires at, value)


def shared(key, compute):
    """The value *compute()* returned for *key* under the current content
    generation, computing it if there is none (as a tuple)."""
    return _kept_or(key, lambda: (tuple(compute()), None))[0]


def shared_until(key, compute):
    """:func:`shared` for a list that goes out of date at a time known when
    it is made (a scheduled front page): *compute()* returns ``(list,
    until)``, *until* an aware datetime or None; so does this."""

    def made():
        items, until = compute()
        return tuple(items), until

    return _kept_or(key, made)


def _kept_or(key, compute):
    """``(value, until)`` for *key*: kept, or from *compute()*."""
    if not fast_paths.on("kept"):
        return compute()
    # Read before computing: a change committed meanwhile gives a newer
    # token, so a list read before it is never kept under that token.
    token = generation.current()
    now = time.monotonic()
    kept = _kept.get(key)
    if kept is not None and kept[0] == token and kept[1] > now:
        return kept[2]
    value = compute()
    expires = now + MAX_AGE
    if value[1] is not None:
        expires = min(expires, now + value[1].timestamp() - time.time())
    _kept[key] = (token, expires, value)
    return value


def forget():
    """Drop every kept list (tests)."""
    _kept.clear()
