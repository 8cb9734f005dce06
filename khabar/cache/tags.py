"""Cache tags: a view notes which articles its page shows, and until
when the page holds.

The middleware adds the tag of the URL itself (``home``, ``section:<slug>``,
``article:<id>``...); a list page adds the articles it lists, so that an
article moved to another section or stripped of a tag still purges the
pages that showed it.
"""


def tag(request, *tags):
    """Note that *request*'s page shows *tags*."""
    if not hasattr(request, "_khabar_cache_tags"):
        request._khabar_cache_tags = set()
    request._khabar_cache_tags.update(tags)


def shows(request, articles):
    """Note that *request*'s page lists *articles* (objects with a pk)."""
    tag(request, *(f"article:{article.pk}" for article in articles if article))


def fresh_until(request, when):
    """Note that *request*'s page changes by itself at *when* (an aware
    datetime, or None for never): the page cache keeps it no longer."""
    if when is not None:
        earliest = getattr(request, "_khabar_fresh_until", None)
        timestamp = when.timestamp()
        if earliest is None or timestamp < earliest:
            request._khabar_fresh_until = timestamp
