"""Old addresses answered with one 301 to the page that shows them now.

A site that moves to Khabar keeps fifteen years of links: in search
engines, in other sites' articles, in readers' bookmarks. An import fills
:class:`~khabar.importers.models.LegacyPath` with the old site's
addresses; :class:`LegacyRedirectMiddleware` reads it only when a request
has answered 404, so no page pays for it, and answers with one permanent
redirect straight to the live page (never a chain).

One key per address, whatever the spelling: Django hands the view the path
already decoded (``%D8%AE``, ``%d8%ae`` and a raw ``خ`` are the same), and
the key is that path in lower case without its trailing slash. What
WordPress puts after a post's or an archive's own path is taken off one
step at a time (``/feed/atom/``, ``/page/2/``, ``/comment-page-3/``, a
paginated post's ``/2/``, ``/amp/``), and an uploaded image's size
(``-300x200``); the last resort is the post's slug alone, which finds an
old permalink of any structure (dated, with its category, ``.html``) and
its ``_wp_old_slug`` names.

WordPress's plain links put the id in the query (``/?p=9``,
``?page_id=``, ``?cat=``): on the home page those are old links too, so
the home page with one of :data:`khabar.inputs.WORDPRESS_QUERY` is looked
up first (and the page cache never takes it for the home page).
"""

import re
from urllib.parse import unquote_to_bytes, urlencode

from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.encoding import repercent_broken_unicode
from wagtail.images import get_image_model

from khabar.importers.models import LegacyPath
from khabar.importers.wordpress.media import UPLOADS, original_of
from khabar.inputs import WORDPRESS_QUERY, has_control_characters, whole_number
from khabar.links import link
from khabar.newsroom.models import Article, Author, Section, Tag

#: How long browsers and caches may keep a redirect. Not a year: the
#: answer changes when an editor unpublishes the article it points at.
MAX_AGE = 3600
#: The prefix of a key that names a post's slug rather than a path.
SLUG = "slug:"
_FEED = re.compile(r"(.*?)(?:/feed)?/(feed|rdf|rss|rss2|atom)")
_TRAILING = re.compile(
    r"(.*?)/(?:page/[0-9]+|comment-page-[0-9]+|[0-9]+|amp|embed|trackback)"
)
_INDEX = "/index.php"
#: No stored key is longer (LegacyPath.path), whatever a request sends.
LONGEST_KEY = LegacyPath._meta.get_field("path").max_length
#: The query parameters that name a post, a page or an attachment by id:
#: WordPress's ids are shared by all three, so they are one key (``?p=``).
POST_PARAMS = ("p", "page_id", "attachment_id")
_NAMED = {
    LegacyPath.Kind.SECTION: Section,
    LegacyPath.Kind.TAG: Tag,
    LegacyPath.Kind.AUTHOR: Author,
}


def path_key(path):
    """The key of a decoded path (``request.path_info``)."""
    key = path.lower()
    if key.startswith(_INDEX + "/") or key == _INDEX:
        key = key[len(_INDEX) :]  # WordPress's PATHINFO permalinks
    return key.rstrip("/")


def link_key(url_path):
    """The key of a path as a link spells it, percent-encoded: decoded as
    Django decodes a request's path, so the two meet."""
    return path_key(repercent_broken_unicode(unquote_to_bytes(url_path)).decode())


def query_key(base, name, value):
    """The key of a plain WordPress link: ``?p=9`` under *base* (a key)."""
    return f"{base}?{name}={value}"


def slug_key(slug):
    return SLUG + slug.lower()


def candidates(path):
    """``[(key, feed format or "")]`` to look *path* up by, best first."""
    key = path_key(path)
    found = [(key, "")]
    feed = _FEED.fullmatch(key)
    if feed:
        key = feed.group(1)
        found.append((key, "atom" if feed.group(2) == "atom" else "rss"))
    fmt = found[-1][1]
    trailing = _TRAILING.fullmatch(key)
    if trailing:
        key = trailing.group(1)
        found.append((key, fmt))
    if UPLOADS in key:
        found.append((original_of(key), ""))
    else:
        slug = key.rsplit("/", 1)[-1].removesuffix(".html")
        if slug:
            found.append((slug_key(slug), fmt))
    return found


def query_candidates(path, params):
    """The keys of the plain-link parameters of *params* under *path*."""
    base = path_key(path)
    fmt = "atom" if params.get("feed") == "atom" else "rss" if "feed" in params else ""
    found = []
    for name in POST_PARAMS:
        if whole_number(params.get(name)) is not None:
            found.append((query_key(base, "p", int(params[name])), ""))
    for name in ("cat", "author"):
        if whole_number(params.get(name)) is not None:
            found.append((query_key(base, name, int(params[name])), fmt))
    tag = params.get("tag")
    if tag and len(tag) <= LONGEST_KEY and not has_control_characters(tag):
        found.append((query_key(base, "tag", tag.lower()), fmt))
    if fmt and not found:
        found.append((base, fmt))
    return found


def find(path, params):
    """The URL that *path* with query *params* moved to, or None."""
    if len(path) > LONGEST_KEY or has_control_characters(path):
        return None  # no stored key has them, and PostgreSQL refuses a NUL
    if params.get("s") and not any(name in params for name in ("p", "cat", "tag")):
        return f"{reverse('site:search')}?{urlencode({'q': params['s']})}"
    # A plain link names its post by the query alone: /?p=27 of a post
    # that is not public is not the home page.
    wanted = (query_candidates(path, params) if params else []) or candidates(path)
    keys = {key for key, _ in wanted}
    rows = {
        path: (kind, object_id)
        for path, kind, object_id in LegacyPath.objects.filter(
            path__in=keys
        ).values_list("path", "kind", "object_id")
    }
    for key, fmt in wanted:
        if key in rows:
            url = target(*rows[key], fmt)
            if url is not None:
                return url
    return None


def target(kind, object_id, fmt=""):
    """The URL of what an old address shows now, or None when it is gone
    or not public."""
    if kind == LegacyPath.Kind.ARTICLE:
        # A post's comment feed: the post itself (Khabar has no comments).
        if Article.objects.visible().filter(pk=object_id).exists():
            return link("site:article", object_id)
        return None
    if kind in _NAMED:
        slug = _NAMED[kind].objects.filter(pk=object_id).values_list("slug", flat=True)
        slug = slug.first()
        if not slug:
            return None
        return link(f"syndication:{kind}-{fmt}" if fmt else f"site:{kind}", slug)
    if kind == LegacyPath.Kind.IMAGE:
        image = get_image_model().objects.filter(pk=object_id).first()
        return image.file.url if image is not None else None
    if kind == LegacyPath.Kind.SITE:
        return reverse(f"syndication:{fmt}") if fmt else reverse("site:home")
    return None


def _redirect(url):
    response = HttpResponsePermanentRedirect(url)
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    return response


def _is_problem(response):
    """Whether *response* is a problem document (RFC 7807), the read API's
    404: an answer to a program, which a redirect to a reader's page
    (``?s=`` to the search page) would only confuse."""
    return response.get("Content-Type", "").startswith("application/problem+json")


class LegacyRedirectMiddleware:
    """Answers a would-be 404 at an old address with a 301 to its page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        params = request.GET
        if request.path_info == "/" and WORDPRESS_QUERY.intersection(params):
            url = find(request.path_info, params)
            if url is None:
                raise Http404("No such post.")  # as WordPress answers
            return _redirect(url)
        response = self.get_response(request)
        if response.status_code == 404 and not _is_problem(response):
            url = find(request.path_info, params)
            if url is not None:
                return _redirect(url)
        return response
