"""The old addresses of a WordPress site, and what each shows in Khabar.

Filled while an export is imported, into the legacy-path table that
:mod:`khabar.importers.legacy` answers from. Per post or page: its
permalink as the export gives it (``<link>``, whatever the site's
structure), its ``<guid>`` when that is a path (the permalink it had when
written), ``?p=ID``, ``/archives/ID`` and its slugs, the current one and
every ``_wp_old_slug``. Per attachment: ``?attachment_id=``, its page and
its file under ``/wp-content/uploads/``. Per category, tag and author:
their archives under the site's bases and their plain links (``?cat=``,
``?tag=``, ``?author=``). Feeds, pages of a list, paginated posts and
comment pages are derived when a request comes, not stored.

The export does not say which bases the site used for categories, tags
and authors (``/category/``, ``/tag/``, ``/author/`` unless changed under
Settings → Permalinks): ``--category-base`` and its kin say it, and the
default bases are kept as well.
"""

import re
from collections import Counter
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlsplit

from khabar.importers.jsonl import batched
from khabar.importers.legacy import (
    LONGEST_KEY,
    POST_PARAMS,
    link_key,
    query_key,
    slug_key,
)
from khabar.importers.models import LegacyPath
from khabar.importers.wordpress.mapping import tag_name
from khabar.importers.wordpress.media import UPLOADS
from khabar.newsroom.models import Author, Section, Tag

Kind = LegacyPath.Kind
#: WordPress's own bases, kept beside the site's.
DEFAULT_BASES = {"category": "category", "tag": "tag", "author": "author"}
_NOT_NICENAME = re.compile(r"[^a-z0-9_-]+")


@dataclass
class Bases:
    """The site's archive bases (Settings → Permalinks)."""

    category: str = "category"
    tag: str = "tag"
    author: str = "author"

    def of(self, kind):
        return {getattr(self, kind).strip("/"), DEFAULT_BASES[kind]}


def nicename(login):
    """The author archive's name of a login, as WordPress makes it
    (``Omar.Farouk`` → ``omar-farouk``)."""
    text = _NOT_NICENAME.sub("-", login.lower())
    return re.sub("-{2,}", "-", text).strip("-")


class OldAddresses:
    """Collects the old addresses of one export and writes them a batch
    at a time, so that memory never grows with the posts."""

    def __init__(self, catalogue, bases):
        site = catalogue.site
        self.source = (site.base_blog_url or site.link or site.base_site_url)[:200]
        self.base = link_key(urlsplit(self.source).path)  # "" at the root
        self.catalogue = catalogue
        self.bases = bases
        self.counts = Counter()  # kind → addresses written
        self._rows = {}

    def add(self, key, kind, object_id=None):
        # The first claim in a file wins: a post's own permalink before
        # another's old slug that happens to read the same.
        self._rows.setdefault(key, (kind, object_id))

    def add_item(self, item, article_pk):
        """A post's or page's addresses, pointing at its article."""
        for url in (item.link, item.guid):
            self._add_url(url, Kind.ARTICLE, article_pk)
        self.add(query_key(self.base, "p", item.id), Kind.ARTICLE, article_pk)
        if item.type == "post":
            self.add(f"{self.base}/archives/{item.id}", Kind.ARTICLE, article_pk)
        slugs = [item.post_name, *item.meta.get("_wp_old_slug", ())]
        for slug in slugs:
            key = link_key(slug.strip())
            if key and "/" not in key:
                self.add(slug_key(key), Kind.ARTICLE, article_pk)

    def add_site(self):
        """The home page and the site's feeds (``/feed/``, ``/comments/feed/``)."""
        self.add(self.base, Kind.SITE)
        self.add(f"{self.base}/comments", Kind.SITE)

    def add_attachments(self, media, articles):
        """Each attachment's page, plain link and file: its image when the
        import has it, else the article it was attached to. *articles*
        maps a WordPress post id to its article's pk."""
        images = media.images()
        for attachment in self.catalogue.attachments.by_id.values():
            page = self.catalogue.attachment_pages.get(attachment.id, ("", ""))
            image = images.get(attachment.file) if attachment.is_image else None
            if image is not None:
                target = (Kind.IMAGE, image)
                self._add_url(page[1], *target)
            elif attachment.parent in articles:
                target = (Kind.ARTICLE, articles[attachment.parent])
            else:
                continue
            self._add_url(page[0], *target)
            self.add(query_key(self.base, "p", attachment.id), *target)
        # Images a body named by address, which no attachment lists.
        for file, pk in images.items():
            self.add(link_key(f"{self.base}{UPLOADS}{file}"), Kind.IMAGE, pk)
        self.flush()

    def add_terms(self):
        """Category, tag and author archives, for what Khabar has of them."""
        catalogue = self.catalogue
        sections = _pks(
            Section, "name", {catalogue.section_name(s) for s in catalogue.categories}
        )
        tags = _pks(
            Tag,
            "name",
            {
                tag_name(t.name, t.slug)
                for t in [*catalogue.categories.values(), *catalogue.tags.values()]
            },
        )
        for slug, term in catalogue.categories.items():
            section = sections.get(catalogue.section_name(slug))
            target = (
                (Kind.SECTION, section)
                if section
                else (Kind.TAG, tags.get(tag_name(term.name, term.slug)))
            )
            if target[1] is None:
                continue
            path = "/".join(t.slug for t in catalogue.lineage(slug))
            self._add_archive("category", path, *target)
            self._add_archive("category", slug, *target)
            if term.id is not None:
                self.add(query_key(self.base, "cat", term.id), *target)
        for slug, term in catalogue.tags.items():
            tag = tags.get(tag_name(term.name, term.slug))
            if tag is not None:
                self._add_archive("tag", slug, Kind.TAG, tag)
                self.add(query_key(self.base, "tag", link_key(slug)), Kind.TAG, tag)
        people = {**catalogue.guests, **catalogue.users}
        authors = _pks(Author, "name", set(people.values()))
        for login, name in people.items():
            author = authors.get(name)
            if author is None:
                continue
            self._add_archive("author", nicename(login), Kind.AUTHOR, author)
            user_id = catalogue.user_ids.get(login)
            if user_id is not None:
                self.add(query_key(self.base, "author", user_id), Kind.AUTHOR, author)
        self.flush()

    def flush(self):
        """Write what was collected (a re-import updates its rows)."""
        rows = [
            LegacyPath(path=key, kind=kind, object_id=pk, source=self.source)
            for key, (kind, pk) in self._rows.items()
            if len(key) <= LONGEST_KEY
        ]
        for chunk in batched(rows, 500):
            LegacyPath.objects.bulk_create(
                chunk,
                update_conflicts=True,
                unique_fields=["path"],
                update_fields=["kind", "object_id", "source"],
            )
        self.counts.update(kind for kind, _ in self._rows.values())
        self._rows = {}

    def _add_url(self, url, kind, object_id):
        """A link of the old site: its path, or its plain-link query."""
        if not url:
            return
        try:
            parts = urlsplit(url)
        except ValueError:
            return
        if parts.query:
            params = dict(parse_qsl(parts.query))
            for name in POST_PARAMS:
                if params.get(name, "").isdigit():
                    self.add(
                        query_key(self.base, "p", int(params[name])), kind, object_id
                    )
            return
        key = link_key(parts.path)
        # An uploaded file's address shows that file, nothing else.
        if key != self.base and (UPLOADS not in key or kind == Kind.IMAGE):
            self.add(key, kind, object_id)

    def _add_archive(self, kind, path, target_kind, object_id):
        for base in self.bases.of(kind):
            self.add(link_key(f"{self.base}/{base}/{path}"), target_kind, object_id)


def _pks(model, field, values):
    """``{value: pk}`` of the *model* rows whose *field* is among *values*."""
    found = {}
    for chunk in batched(sorted(v for v in values if v), 500):
        found.update(
            model.objects.filter(**{f"{field}__in": chunk}).values_list(field, "pk")
        )
    return found
