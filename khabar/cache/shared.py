"""Lists that many pages show, computed once per change of content.

Every page shows the section menu; every article page the latest headlines
and its section's newest stories. Each is a query, and the queries of the
ORM cost more than the rendering of what they return. A process keeps each
list and uses it again until the content generation changes
(:mod:`khabar.cache.generation`) or ``MAX_AGE`` passes, which bounds what
no event covers (an article reaching its expiry time before the scheduler
unpublishes it).

Unlike the page cache this is never switched off: a page rendered with a
kept list is the page a fresh query would give. The lists hold model
instances that pages only read; callers take copies to filter them.
"""

import time

from khabar.cache import generation

MAX_AGE = 60

_kept = {}  # key -> (token, expires at, value)


def shared(key, compute):
    """The value *compute()* returned for *key* under the current content
    generation, computing it if there is none (as a tuple)."""
    # Read before computing: a change committed meanwhile gives a newer
    # token, so a list read before it is never kept under that token.
    token = generation.current()
    now = time.monotonic()
    kept = _kept.get(key)
    if kept is not None and kept[0] == token and kept[1] > now:
        return kept[2]
    value = tuple(compute())
    _kept[key] = (token, now + MAX_AGE, value)
    return value


def forget():
    """Drop every kept list (tests)."""
    _kept.clear()
