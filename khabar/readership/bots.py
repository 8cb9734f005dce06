"""Tell robots from readers by their user agent and request headers.

The list of crawlers is the ``crawlerdetect`` package (a port of the
maintained CrawlerDetect patterns); upgrading it updates the list. Matching
its one large regular expression costs a fraction of a millisecond, so
answers are remembered per user-agent string: real traffic repeats a few
thousand strings, and the cache has a fixed size.
"""

from functools import lru_cache

from crawlerdetect import CrawlerDetect

#: Longer user agents are not browsers; they are also not worth caching.
MAX_USER_AGENT = 512

# Headers browsers send when they fetch a page speculatively: the reader
# has not seen it (yet), so it is not a view.
_PREFETCH_HEADERS = ("HTTP_SEC_PURPOSE", "HTTP_PURPOSE", "HTTP_X_PURPOSE", "HTTP_X_MOZ")

_detector = CrawlerDetect()


@lru_cache(maxsize=8192)
def is_bot(user_agent: str) -> bool:
    """Return True for a known crawler, an empty or an outsized user agent.

    >>> is_bot("Mozilla/5.0 (compatible; Googlebot/2.1)")
    True
    """
    if not user_agent.strip() or len(user_agent) > MAX_USER_AGENT:
        return True
    return _detector.is_crawler(user_agent)


def is_prefetch(meta) -> bool:
    """True when the request is a prefetch or prerender, not a view."""
    for header in _PREFETCH_HEADERS:
        value = meta.get(header, "").lower()
        if "prefetch" in value or "prerender" in value or "preview" in value:
            return True
    return False
