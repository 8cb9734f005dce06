"""Which requests the page cache answers, under which key and tags.

An allow-list, not "everything public": the reader pages, feeds, sitemaps,
robots.txt and the read API's lists and objects, by URL name. What their
paths look like is read from the URLconf once (its converters say what a
segment may hold). Keys and tags are computed from the WSGI environ, which
is also Django's ``request.META``, so the WSGI fast path and the
middleware agree byte for byte.
"""

import re
from functools import cache
from string import Formatter
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import URLResolver, get_resolver

from khabar import inputs, wordpress_query
from khabar.inputs import WORDPRESS_QUERY, page_number

#: Cacheable pages, by URL name, and the cache tag each one carries.
#: ``{name}`` is filled from the path's value of that name. The URLconf
#: says what the paths look like; article ids shown on a page are added by
#: the view (``khabar.cache.tags``).
PAGES = {
    "site:home": "home",
    "site:article": "article:{pk}",
    "site:latest": "latest",
    "site:section": "section:{slug}",
    "site:tag": "tag:{slug}",
    "site:author": "author:{slug}",
    "syndication:rss": "feeds",
    "syndication:atom": "feeds",
    "syndication:json": "feeds",
    "syndication:section-rss": "section:{slug}",
    "syndication:section-atom": "section:{slug}",
    "syndication:section-json": "section:{slug}",
    "syndication:tag-rss": "tag:{slug}",
    "syndication:tag-atom": "tag:{slug}",
    "syndication:tag-json": "tag:{slug}",
    "syndication:author-rss": "author:{slug}",
    "syndication:author-atom": "author:{slug}",
    "syndication:author-json": "author:{slug}",
    "syndication:sitemap-index": "sitemaps",
    "syndication:sitemap": "sitemaps",
    "syndication:news-sitemap": "sitemaps",
    "syndication:robots": "site",
    # The read API (khabar/api/): every answer that lists articles, or
    # names only those with a visible article (tags, authors), changes
    # with any article, so they share the tag every article change purges
    # (khabar.cache.invalidation.ALWAYS); one article, with its own.
    "api:articles": "api",
    "api:article": "article:{id}",
    "api:article-ninjs": "article:{id}",  # the same article as IPTC ninjs
    "api:sections": "api",
    "api:section": "api",
    "api:tags": "api",
    "api:tag": "api",
    "api:authors": "api",
    "api:author": "api",
    "api:most-read": "api",
    # Its description and browsable docs change only with a new release.
    "api:openapi-json": "site",
    "api:openapi-view": "site",
    # The WordPress REST dialect (khabar/api/wordpress/): as the read API.
    "wpjson:index": "site",
    "wpjson:namespace": "site",
    "wpjson:posts": "api",
    "wpjson:post": "article:{id}",
    "wpjson:categories": "api",
    "wpjson:category": "api",
    "wpjson:tags": "api",
    "wpjson:tag": "api",
    "wpjson:media": "api",
    "wpjson:medium": "api",
}
#: The WordPress dialect's parameters, by URL name (khabar/wordpress_query.py
#: reads them for the view and for the key alike).
WORDPRESS_PARAMS = {
    "wpjson:posts": wordpress_query.POSTS,
    "wpjson:post": wordpress_query.ONE,
    "wpjson:categories": wordpress_query.TERMS,
    "wpjson:category": wordpress_query.ONE,
    "wpjson:tags": wordpress_query.TERMS,
    "wpjson:tag": wordpress_query.ONE,
    "wpjson:media": wordpress_query.MEDIA,
    "wpjson:medium": wordpress_query.ONE,
}
#: The endings of the feeds' URL names (RSS, Atom, JSON Feed).
FEED_FORMATS = ("rss", "atom", "json")
#: The query parameters each page reads (khabar/site/views.py,
#: syndication/feeds.py and views.py), and the values it reads them as: a
#: page number written the site's way, or the full feed. A value the page
#: would refuse is not cached (the page answers 404); any other parameter
#: is left out of the key, since the page does not read it: a link shared
#: with ``utm_source`` or a cache-buster is the same page, and no stranger
#: can fill the cache with copies of it.
PAGE_PARAMS = {
    **dict.fromkeys(
        ["site:latest", "site:section", "site:tag", "site:author"], {"page"}
    ),
    "syndication:sitemap": {"page"},
    **dict.fromkeys(
        [
            name
            for name in PAGES
            if name.startswith("syndication:") and name.endswith(FEED_FORMATS)
        ],
        {"full"},
    ),
    # khabar/api/articles.py, taxonomy.py and most_read.py. A search
    # (``q``, and ``page``, which only a search reads) is not kept: too
    # many distinct queries, as for the site's search page.
    "api:articles": {
        "section", "tag", "author", "since", "until", "updated_since", "cursor",
        "limit", "q", "page",
    },
    "api:tags": {"cursor", "limit"},
    "api:authors": {"cursor", "limit"},
    "api:most-read": {"window", "limit"},
    **{
        name: wordpress_query.names(schema)
        for name, schema in WORDPRESS_PARAMS.items()
    },
}  # fmt: skip
#: How the read API's parameters are read (khabar/api/params.py, which
#: checks them the same way): a value that is not one is never a key. The
#: API refuses other spellings of a value ("020", "+20"), so a value read
#: is its key as it stands.
API_VALUES = {
    "section": inputs.slug,
    "tag": inputs.slug,
    "author": inputs.slug,
    "since": inputs.day,
    "until": inputs.day,
    "updated_since": inputs.moment,
    "cursor": inputs.token,
    "limit": page_number,
    "window": inputs.slug,  # a name; the API says which
}
#: Parameters whose presence means a search, which is not kept.
SEARCHES = frozenset({"q", "page"})
_READ_ANYWHERE = frozenset().union(*PAGE_PARAMS.values())


def _patterns(resolver, prefix="", namespace=""):
    """``(URL name, regex of the whole path)`` for each named URL under
    *resolver*, the regex as Django's resolver matches it."""
    for entry in resolver.url_patterns:
        regex = prefix + entry.pattern.regex.pattern.removeprefix("^")
        if isinstance(entry, URLResolver):
            inner = ":".join(filter(None, (namespace, entry.namespace)))
            yield from _patterns(entry, regex, inner)
        elif entry.name:
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            yield name, regex.removesuffix(r"\Z")


@cache
def pages():
    """``(URL name, compiled path regex, tag template)`` for each cacheable
    page, and one regex matching any of them: taken once from the URLconf.
    """
    found = {}
    for name, regex in _patterns(get_resolver()):
        found.setdefault(name, regex)  # the first, as the resolver does
    missing = sorted(set(PAGES) - set(found))
    if missing:
        raise LookupError(
            f"khabar.cache.policy.PAGES names URLs the URLconf lacks: {missing}; "
            "rename them in PAGES as they are named in the urls.py that serves them."
        )
    regexes = {name: "/" + found[name] for name in PAGES}
    table = [(name, re.compile(regexes[name]), tag) for name, tag in PAGES.items()]
    # One alternation for the quick "is this a page at all?" test; its
    # groups unnamed, as names repeat from one URL to the next.
    any_page = re.compile(
        "|".join(
            f"(?:{re.sub(r'[(][?]P<[a-z_]+>', '(?:', regex)})"
            for regex in regexes.values()
        )
    )
    return table, any_page


@receiver(setting_changed)
def _forget(setting, **kwargs):
    if setting == "ROOT_URLCONF":
        pages.cache_clear()


def fields(template):
    """The names a tag template fills: ``["slug"]`` for ``"tag:{slug}"``."""
    return [field for _, field, _, _ in Formatter().parse(template) if field]


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
    """*path* plus the parameters its page reads, canonical (in name
    order); None when one has a value the page refuses (not stored: the
    page answers 404 or 400), for a search of the read API, or for the
    home page with a WordPress link's parameters (an old address, which
    the legacy redirects answer)."""
    if not query_string:
        return path
    pairs = parse_qsl(query_string, keep_blank_values=True)
    if path == "/" and any(name in WORDPRESS_QUERY for name, _ in pairs):
        return None  # an old WordPress link, not the home page
    # The last value of a repeated name, as Django's QueryDict.get() gives.
    values = {name: value for name, value in pairs if name in _READ_ANYWHERE}
    if not values:
        return path
    # Which page it is, only when it may matter (a hot path).
    page = url_name(path)
    if page in WORDPRESS_PARAMS:
        query = wordpress_query.canonical(WORDPRESS_PARAMS[page], pairs)
        return None if query is None else f"{path}?{query}" if query else path
    reads = PAGE_PARAMS.get(page, ())
    values = {name: value for name, value in values.items() if name in reads}
    if page is not None and page.startswith("api:"):
        return _api_key(path, values)
    kept = []
    if "page" in values:
        if page_number(values["page"]) is None:
            return None
        kept.append(("page", values["page"]))
    if values.get("full") == "1":  # any other value is the short feed
        kept.append(("full", "1"))
    if not kept:
        return path
    return f"{path}?{urlencode(kept)}"


def _api_key(path, values):
    """The key of a read API answer: every parameter it reads, each a
    value the API would read, in name order."""
    if SEARCHES & values.keys():
        return None
    for name, value in values.items():
        if "\ufffd" in value or API_VALUES[name](value) is None:
            return None
    if not values:
        return path
    return f"{path}?{urlencode(sorted(values.items()))}"


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
    if path is None or not pages()[1].fullmatch(path):
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
    for _, pattern, tag in pages()[0]:
        match = pattern.fullmatch(path)
        if match:
            tags.add(tag.format(**match.groupdict()))
    return tags


def url_name(path):
    """The URL name of the cacheable page at *path*, else None."""
    for name, pattern, _ in pages()[0]:
        if pattern.fullmatch(path):
            return name
    return None
