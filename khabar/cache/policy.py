"""Which requests the page cache answers, under which key and tags.

An allow-list, not "everything public": the reader pages, feeds, sitemaps
and robots.txt. Keys and tags are computed from the WSGI environ, which is
also Django's ``request.META``, so the WSGI fast path and the middleware
agree byte for byte.
"""

import re
from urllib.parse import parse_qsl, urlencode

from django.conf import settings

#: Cacheable paths and the cache tag each one carries. ``{name}`` is
#: filled from the pattern's groups. Article ids shown on a page are added
#: by the view (``khabar.cache.tags``).
PAGES = [
    (r"/", "home"),
    (r"/a/(?P<pk>[0-9]+)", "article:{pk}"),
    (r"/latest/", "latest"),
    (r"/s/(?P<slug>[^/]+)/", "section:{slug}"),
    (r"/t/(?P<slug>[^/]+)/", "tag:{slug}"),
    (r"/authors/(?P<slug>[^/]+)/", "author:{slug}"),
    (r"/(?:rss|atom)/", "feeds"),
    (r"/s/(?P<slug>[^/]+)/(?:rss|atom)/", "section:{slug}"),
    (r"/t/(?P<slug>[^/]+)/(?:rss|atom)/", "tag:{slug}"),
    (r"/authors/(?P<slug>[^/]+)/(?:rss|atom)/", "author:{slug}"),
    (r"/sitemap(?:-[\w-]+)?\.xml", "sitemaps"),
    (r"/news-sitemap\.xml", "sitemaps"),
    (r"/robots\.txt", "site"),
]
#: Query parameters that change a page (they are part of the key).
KEY_PARAMS = frozenset({"page", "full"})
#: Query parameters that never change a page: links shared with tracking
#: parameters still hit the cache. Any other parameter bypasses it.
IGNORED_PARAMS = frozenset({"fbclid", "gclid", "msclkid", "mc_cid", "mc_eid"})
MAX_VALUE_LENGTH = 20

_COMPILED = [(re.compile(pattern), tag) for pattern, tag in PAGES]
# One alternation for the quick "is this a page at all?" test.
_ANY_PAGE = re.compile(
    "|".join(f"(?:{re.sub(r'[?]P<[a-z]+>', '', pattern)})" for pattern, _ in PAGES)
)

#: What classify() returns for a page an editor asks for.
BYPASS = "bypass"


def request_path(environ):
    """The path of a WSGI *environ* as Django decodes it: PATH_INFO is the
    UTF-8 bytes decoded as Latin-1 (Django's ``request.META`` has it
    decoded already)."""
    path = environ.get("PATH_INFO", "/")
    try:
        return path.encode("iso-8859-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return None


def cache_key(path, query_string):
    """*path* plus the parameters that matter, sorted; None when the query
    has a parameter the cache does not know (the page is then not cached)."""
    if not query_string:
        return path
    kept = []
    for name, value in parse_qsl(query_string, keep_blank_values=True):
        if name in KEY_PARAMS and len(value) <= MAX_VALUE_LENGTH:
            kept.append((name, value))
        elif not (name in IGNORED_PARAMS or name.startswith("utm_")):
            return None
    if not kept:
        return path
    return f"{path}?{urlencode(sorted(kept))}"


def classify(meta, path=None):
    """The cache key for this request, ``BYPASS``, or None (not a page).

    *meta* is a WSGI environ or ``request.META``; *path* the decoded path
    (``request.path_info``), else taken from the environ. Only GET and HEAD
    of an allowed path. A session cookie or an Authorization header means
    an editor: the page is rendered for them and never stored.
    """
    if meta.get("REQUEST_METHOD") not in ("GET", "HEAD"):
        return None
    if path is None:
        path = request_path(meta)
    if path is None or not _ANY_PAGE.fullmatch(path):
        return None
    if "HTTP_AUTHORIZATION" in meta:
        return BYPASS
    cookies = meta.get("HTTP_COOKIE")
    if cookies and f"{settings.SESSION_COOKIE_NAME}=" in cookies:
        return BYPASS
    return cache_key(path, meta.get("QUERY_STRING", ""))


def url_tags(path):
    """The tags a path carries by itself: its own page or list."""
    tags = set()
    for pattern, tag in _COMPILED:
        match = pattern.fullmatch(path)
        if match:
            tags.add(tag.format(**match.groupdict()))
    return tags
