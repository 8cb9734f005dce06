"""Map a WordPress export's posts and pages to Khabar's article rows.

The first pass over an export fills a :class:`Catalogue` with what posts
refer to and the file holds elsewhere (users, categories, guest authors,
attachments); :func:`map_item` then turns one item into an
:class:`~khabar.importers.jsonl.ArticleRow` for the JSONL import's writer,
with what it did not carry as it was in ``reports``. The table in
docs/wordpress.md is the same mapping, for operators.

Choices a newsroom should know (docs/wordpress.md says why):

- Status: ``publish`` is live; ``future`` is scheduled at its GMT time
  (live at once if that time has passed); ``draft``, ``pending``,
  ``private`` and password-protected posts are drafts, never public;
  ``trash`` and ``auto-draft`` are skipped. Every non-public one is
  reported.
- Section: the primary category (Yoast, Rank Math, the theme), else the
  first category; a child category's section is named with its parents
  (``سياسة › شؤون محلية``), since a Khabar section has no parent. The other
  categories become tags.
- Pages (About, Contact) are drafts in a section of their own by default,
  so they are kept without turning up in the latest news.
"""

import html
from collections import Counter
from dataclasses import dataclass, field

import nh3
from django.utils import timezone
from django.utils.translation import pgettext

from khabar.importers.jsonl import ArticleRow
from khabar.importers.sanitise import blocks_from_html
from khabar.importers.wordpress import php
from khabar.importers.wordpress.bodies import ImageSource, convert
from khabar.importers.wordpress.media import Attachment, Attachments, upload_path
from khabar.importers.wordpress.meta import SeoContext, read_meta
from khabar.importers.wordpress.slugs import decode_slug
from khabar.importers.wordpress.wxr import Author, Item, Site, Term
from khabar.newsroom.models import Article
from khabar.newsroom.taxonomy import Author as Byline
from khabar.newsroom.taxonomy import Section, Tag

#: Post types imported as articles; pages only if asked (``pages``).
ARTICLE_TYPES = ("post", "page")
#: What ``--pages`` may say.
PAGE_CHOICES = ("draft", "live", "skip")
#: Between a category's parents and its name in a section's name.
SECTION_PATH_SEPARATOR = " › "
_LIMITS = {
    "title": Article._meta.get_field("title").max_length,
    "kicker": Article._meta.get_field("kicker").max_length,
    "seo_title": Article._meta.get_field("seo_title").max_length,
    "search_description": Article._meta.get_field("search_description").max_length,
    "caption": Article._meta.get_field("lead_image_caption").max_length,
    "section": Section._meta.get_field("name").max_length,
    "tag": Tag._meta.get_field("name").max_length,
    "author": Byline._meta.get_field("name").max_length,
}


@dataclass
class Options:
    """What the operator chose (the command's options)."""

    pages: str = "draft"
    pages_section: str = "صفحات"
    default_section: str = "غير مصنف"
    site_name: str | None = None
    separator: str = "-"
    id_prefix: str = ""


class Catalogue:
    """What the first pass collects: everything a post may refer to.

    It grows with the users, terms and attachments of the site, never with
    posts: bodies are not kept.
    """

    def __init__(self):
        self.site = Site()
        self.users = {}  # login → display name
        self.user_ids = {}  # login → WordPress user id
        self.guests = {}  # Co-Authors Plus guest login → display name
        self.categories = {}  # slug as stored → Term
        self.category_ids = {}  # term id → slug
        self.tags = {}  # slug as stored → Term
        self.attachments = Attachments()
        self.attachment_pages = {}  # id → (its page's link, its file's)
        self.items = Counter()  # (type, status) → count
        self.comments = 0
        self.skipped = []  # Skipped records (--recover)

    def add(self, record):
        """Take one record of :func:`~khabar.importers.wordpress.wxr.read_wxr`."""
        if isinstance(record, Item):
            self.items[record.type, record.status] += 1
            self.comments += len(record.comments)
            for term in record.terms:  # a few exports omit some channel terms
                known = {"category": self.categories, "post_tag": self.tags}
                if term.domain in known:
                    known[term.domain].setdefault(
                        term.nicename, Term(term.domain, term.nicename, term.name)
                    )
            if record.type == "attachment":
                self.attachments.add(_attachment(record))
                self.attachment_pages[record.id] = (record.link, record.attachment_url)
            elif record.type == "guest-author":
                login = _first(record.meta, "cap-user_login")
                name = _first(record.meta, "cap-display_name") or _plain(record.title)
                if login and name:
                    self.guests[login] = name
        elif isinstance(record, Term):
            if record.taxonomy == "category":
                self.categories.setdefault(record.slug, record)
                if record.id is not None:
                    self.category_ids.setdefault(record.id, record.slug)
            elif record.taxonomy == "post_tag":
                self.tags.setdefault(record.slug, record)
        elif isinstance(record, Author):
            self.users[record.login] = record.display_name.strip() or record.login
            if record.id is not None:
                self.user_ids[record.login] = record.id
        elif isinstance(record, Site):
            self.site = record
        else:  # Skipped
            self.skipped.append(record)

    def lineage(self, slug):
        """The category *slug* and its parents, the top one first (a loop
        in the parents is cut where it closes); empty if it is unknown."""
        chain, seen = [], set()
        term = self.categories.get(slug)
        while term is not None and term.slug not in seen:
            seen.add(term.slug)
            chain.append(term)
            term = self.categories.get(term.parent) if term.parent else None
        return chain[::-1]

    def section_name(self, slug, name=""):
        """The section a category becomes: its name after its parents'."""
        names = [_plain(t.name) or decode_slug(t.slug) for t in self.lineage(slug)]
        if not names:
            names = [_plain(name) or decode_slug(slug)]
        full = SECTION_PATH_SEPARATOR.join(names)
        limit = _LIMITS["section"]
        return full if len(full) <= limit else names[-1][:limit]

    def author_name(self, login):
        return self.users.get(login) or self.guests.get(login) or login


@dataclass
class Mapped:
    """One item, mapped: its row (None when skipped) and what happened."""

    item_id: int
    type: str
    status: str  # WordPress's
    outcome: str  # "live", "scheduled", "draft" or "skipped"
    row: ArticleRow | None = None
    reason: str = ""  # why it is not public, or skipped
    reports: list[str] = field(default_factory=list)
    views_key: str | None = None
    # A featured image the export names but this run could not have (no
    # --media-dir, a file gone): an earlier run's may be kept.
    lead_image_missing: bool = False
    section_slug: str = ""  # decoded, for a new section
    tag_slugs: dict[str, str] = field(default_factory=dict)


def skip_reason(item, options):
    """Why *item* is not an article at all, or "" when it may be one."""
    if item.type not in ARTICLE_TYPES:
        return f"{item.type} items are not articles"
    if item.type == "page" and options.pages == "skip":
        return "pages are skipped (--pages skip)"
    if item.status == "trash":
        return "in WordPress's trash"
    if item.status in ("auto-draft", "inherit"):
        return f"status {item.status}: never written by anyone"
    return ""


def map_item(item, catalogue, options, images, now=None):
    """*item* as a :class:`Mapped`. *images* resolves an attachment or an
    :class:`ImageSource` to a Wagtail image pk (``MediaLibrary``-like:
    ``image_for(file, title)``)."""
    now = now or timezone.now()
    skipped = skip_reason(item, options)
    if skipped:
        return Mapped(item.id, item.type, item.status, "skipped", reason=skipped)
    reports = []
    status, go_live_at, reason = _status(item, options, now)
    published_at = item.date if status != "scheduled" else None
    if status == "published" and published_at is None:
        published_at = item.modified or now
        reports.append("published without a date: dated by its last change")

    title = _plain(item.title)
    if not title:
        title = decode_slug(item.post_name) or f"#{item.id}"
        reports.append("no title: named after its slug or id")
    title = _cut(title, "title", reports)

    first = read_meta(item.meta)
    section, section_slug, primary_name = _section(item, first, catalogue, options)
    if first.primary_category is not None and primary_name is None:
        reports.append(
            f"primary category {first.primary_category} is not in the export: "
            "first category used"
        )
    tags, tag_slugs = _tags(item, catalogue, section_slug)
    authors = _authors(item, catalogue)

    body = convert(item.content).with_attached_images(
        lambda attached: [
            ImageSource(attachment.id)
            for attachment in catalogue.attachments.children(
                attached.post_id or item.id, set(attached.exclude)
            )
        ]
    )
    reports.extend(str(report) for report in body.reports)
    blocks = _resolve_images(body.blocks, catalogue.attachments, images, reports)
    summary = _summary(item, body, blocks)

    context = SeoContext(
        title=title,
        sitename=options.site_name or _plain(catalogue.site.title) or None,
        sitedesc=_plain(catalogue.site.description) or None,
        sep=options.separator,
        excerpt=summary or None,
        category=primary_name or _leaf(section),
        primary_category=primary_name or _leaf(section),
        tag=tags[0] if tags else None,
        author=authors[0] if authors else None,
    )
    meta = read_meta(item.meta, context)
    reports.extend(meta.problems)
    blocks += credit_blocks(meta.sources, meta.vias)

    lead_image, lead_caption = None, ""
    if meta.thumbnail_id is not None:
        attachment = catalogue.attachments.find(meta.thumbnail_id)
        if attachment is None:
            reports.append("featured image: not among the export's attachments")
        else:
            lead_image = images.image_for(attachment.file, image_title(attachment))
            lead_caption = _cut(attachment.caption, "caption", reports)
    lead_image_missing = meta.thumbnail_id is not None and lead_image is None

    row = ArticleRow(
        id=f"{options.id_prefix}{item.id}",
        title=title,
        section=section,
        body_html=None,
        body_text=None,
        blocks=tuple(blocks),
        published_at=published_at,
        # A draft has not been published, so not updated either.
        updated_at=max(published_at, item.modified or published_at)
        if published_at
        else None,
        status=status,
        go_live_at=go_live_at,
        kicker=_cut(meta.kicker, "kicker", reports),
        summary=summary,
        tags=tuple(tags),
        authors=tuple(authors),
        views=meta.views,
        seo_title=_cut(meta.seo_title, "seo_title", reports),
        search_description=_cut(meta.seo_description, "search_description", reports),
        lead_image=lead_image,
        lead_image_caption=lead_caption,
    )
    outcome = {"published": "live"}.get(status, status)
    return Mapped(
        item.id,
        item.type,
        item.status,
        outcome,
        row=row,
        reason=reason,
        reports=reports,
        views_key=meta.views_key,
        lead_image_missing=lead_image_missing,
        section_slug=section_slug,
        tag_slugs=tag_slugs,
    )


def _status(item, options, now):
    """``(row status, go-live time, why not public)``."""
    if item.type == "page" and options.pages == "draft":
        return "draft", None, "a page: kept as a draft (--pages draft)"
    if item.password:
        return "draft", None, "password-protected: kept as a draft, never public"
    if item.status == "publish":
        return "published", None, ""
    if item.status == "future":
        if item.date is None:
            return "draft", None, "scheduled without a time: kept as a draft"
        if item.date <= now:
            return "published", None, ""
        return "scheduled", item.date, ""
    if item.status == "private":
        return "draft", None, "private: kept as a draft, never public"
    if item.status == "pending":
        return "draft", None, "pending review: kept as a draft"
    if item.status == "draft":
        return "draft", None, "a draft"
    return "draft", None, f"status {item.status!r}: kept as a draft"


def _section(item, meta, catalogue, options):
    """``(section name, its decoded slug, the primary category's own name
    or None when the post names no primary category the export has)``."""
    if meta.primary_category is not None:
        slug = catalogue.category_ids.get(meta.primary_category)
        if slug in catalogue.categories:
            leaf = _plain(catalogue.categories[slug].name) or decode_slug(slug)
            return catalogue.section_name(slug), decode_slug(slug), leaf
    categories = item.terms_in("category")
    if categories:
        first = categories[0]
        section = catalogue.section_name(first.nicename, first.name)
        return section, decode_slug(first.nicename), None
    if item.type == "page":
        return options.pages_section, "", None
    return options.default_section, "", None


def _tags(item, catalogue, section_slug):
    """Tags by name: the post's tags, then its other categories."""
    names, slugs = [], {}
    terms = list(item.terms_in("post_tag"))
    terms += [
        term
        for term in item.terms_in("category")
        if decode_slug(term.nicename) != section_slug
    ]
    for term in terms:
        name = tag_name(term.name, term.nicename)
        if name and name not in slugs:
            names.append(name)
            slugs[name] = decode_slug(term.nicename)
    return names, slugs


def tag_name(name, stored_slug):
    """The name of the tag a category or tag becomes."""
    return (_plain(name) or decode_slug(stored_slug))[: _LIMITS["tag"]]


def _authors(item, catalogue):
    logins = item.bylines or ((item.author,) if item.author else ())
    names = []
    for login in logins:
        name = catalogue.author_name(login).strip()[: _LIMITS["author"]]
        if name and name not in names:
            names.append(name)
    return names


def credit_blocks(sources, vias):
    """The themes' source and "via" credits as a last paragraph of the
    body, where Jannah and tagDiv showed them: ``المصدر: <a>…</a>``."""
    parts = []
    for label, links in (
        (pgettext("article credit", "Source"), sources),
        (pgettext("article credit", "Via"), vias),
    ):
        if links:
            shown = " · ".join(_credit(link) for link in links)
            parts.append(f"{html.escape(label)}: {shown}")
    if not parts:
        return []
    return blocks_from_html("<p>" + " — ".join(parts) + "</p>")


def _credit(link):
    text = html.escape(link.text or link.url)
    if not link.url.startswith(("http://", "https://")):
        return text
    return f'<a href="{html.escape(link.url)}">{text}</a>'


def _resolve_images(blocks, attachments, images, reports):
    """*blocks* with each image's source replaced by a Wagtail image pk.
    An image the export does not know is dropped (and reported); one it
    knows but this run cannot have keeps its place with the pk None, for
    the importer to fill from an earlier run or drop
    (:func:`without_missing_images`)."""
    resolved = []
    for kind, value in blocks:
        if kind != "image":
            resolved.append((kind, value))
            continue
        source = value["image"]
        attachment = attachments.find(source.attachment_id, source.url)
        if attachment is not None:
            pk = images.image_for(attachment.file, image_title(attachment))
        elif "/wp-content/uploads/" in source.url:
            pk = images.image_for(upload_path(source.url), source.alt)
        else:
            reports.append("image: not in the export's attachments, dropped")
            continue
        resolved.append(
            ("image", {"image": pk, "caption": value["caption"], "credit": ""})
        )
    return resolved


def missing_images(blocks):
    """How many image blocks of *blocks* have no image (pk None)."""
    return sum(1 for kind, value in blocks if kind == "image" and not value["image"])


def without_missing_images(blocks, earlier=()):
    """*blocks* with each image that has no pk given the pk of the image in
    the same place among *earlier* (an earlier run's image pks, in body
    order), or dropped when there is none."""
    kept, place = [], 0
    for kind, value in blocks:
        if kind == "image":
            if not value["image"]:
                if place >= len(earlier) or earlier[place] is None:
                    place += 1
                    continue
                value = {**value, "image": earlier[place]}
            place += 1
        kept.append((kind, value))
    return kept


def _summary(item, body, blocks):
    """The excerpt, else the teaser before ``<!--more-->``, else the first
    paragraph."""
    excerpt = _plain(item.excerpt)
    if excerpt:
        return excerpt
    if body.more:
        teaser = " ".join(
            _plain(value)
            for kind, value in body.blocks[: body.more]
            if kind == "paragraph"
        )
        if teaser:
            return teaser
    for kind, value in blocks:
        if kind == "paragraph":
            return _plain(value)
    return ""


def _attachment(item):
    file = _first(item.meta, "_wp_attached_file") or upload_path(item.attachment_url)
    return Attachment(
        id=item.id,
        file=file,
        parent=item.parent,
        menu_order=item.menu_order,
        title=_plain(item.title),
        alt=_plain(_first(item.meta, "_wp_attachment_image_alt")),
        caption=_plain(item.excerpt),
    )


def _leaf(section):
    return section.rsplit(SECTION_PATH_SEPARATOR, 1)[-1]


def image_title(attachment):
    """The title its image takes in the library."""
    return attachment.title or attachment.alt


def _first(meta, key):
    values = meta.get(key)
    if not values:
        return ""
    try:
        value = php.maybe_unserialize(values[0])
    except php.PhpError:
        return ""
    return value.strip() if isinstance(value, str) else ""


def _plain(source):
    """The text of HTML *source* on one line (bidi marks kept)."""
    if not source:
        return ""
    text = html.unescape(nh3.clean(source, tags=set()))
    return " ".join(text.split())


def _cut(text, name, reports):
    limit = _LIMITS[name]
    if len(text) <= limit:
        return text
    reports.append(f"{name} longer than {limit} characters: cut")
    cut = text[: limit - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut + "…"
