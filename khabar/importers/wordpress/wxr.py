"""Stream a WordPress export (WXR) into typed records, one item at a time.

A WXR file is an RSS 2.0 document with WordPress's own elements in the
``wp:`` namespace: the channel holds the site's addresses, its authors and
its terms, then one ``<item>`` per post, page, attachment, menu item or any
other post type. Newsrooms export hundreds of megabytes, so
:func:`read_wxr` never builds the whole tree: lxml's ``iterparse`` hands
over each finished element, which becomes a record and is then cleared
together with what came before it, so memory stays flat however long the
file is (``bench/wxr_read.py`` measures it).

The records come in file order: :class:`Site` once (before the first
author, term or item), then :class:`Author`, :class:`Term` and
:class:`Item`. In ``recover=True`` mode an item that cannot be read gives
a :class:`Skipped` record in its place instead of stopping the import.

What is read and what is deliberately left alone:

- WXR 1.0, 1.1 and 1.2, with the namespaces spelled ``http://`` or
  ``https://`` (WordPress.com writes the latter): elements are matched on
  the namespace's meaning, not its exact URI.
- No DTD is loaded and nothing is fetched from the network: a WXR file
  is user input. WordPress never writes a DOCTYPE, so a file with an
  internal subset (where entities would be declared) is refused before
  parsing starts; only XML's own five entities and character references
  are then left to expand. (lxml's ``resolve_entities=False`` is not used:
  with libxml2 2.14 it turns an undefined ``&nbsp;`` into a bogus error at
  line 1, and the line of the real fault is what a newsroom needs.)
- ``huge_tree`` is on, because a post body pasted from a word processor
  with inline images can pass libxml2's 10 MB limit on one text node;
  with entities off that limit guards nothing here.
- CDATA sections split by WordPress to carry a literal ``]]>``
  (``]]]]><![CDATA[>``) read back as one text.
- Dates: ``post_date_gmt`` is the moment in UTC. WordPress writes
  ``0000-00-00 00:00:00`` there for drafts and pending posts that never got
  a date; those have ``date=None`` unless the caller names the site's time
  zone (``time_zone=``), in which case the local ``post_date`` is read in
  that zone. The export does not say the site's zone, so it is never
  guessed. ``local_date`` always keeps ``post_date`` as written.
"""

import datetime as dt
import re
from dataclasses import dataclass, field

from lxml import etree

#: What WordPress writes for "no date".
ZERO_DATE = "0000-00-00 00:00:00"
# Namespace URIs by meaning, in any WXR version and either scheme.
_PREFIXES = (
    (re.compile(r"https?://wordpress\.org/export/1\.\d+/?"), "wp"),
    (re.compile(r"https?://wordpress\.org/export/1\.\d+/excerpt/?"), "excerpt"),
    (re.compile(r"https?://purl\.org/rss/1\.0/modules/content/?"), "content"),
    (re.compile(r"https?://purl\.org/dc/elements/1\.1/?"), "dc"),
    (re.compile(r"https?://wellformedweb\.org/CommentAPI/?"), "wfw"),
)
# Channel elements kept in the Site record, by their short names.
_SITE_FIELDS = {
    "title": "title",
    "link": "link",
    "description": "description",
    "language": "language",
    "wp:wxr_version": "wxr_version",
    "wp:base_site_url": "base_site_url",
    "wp:base_blog_url": "base_blog_url",
}
_TERM_ELEMENTS = {"wp:category", "wp:tag", "wp:term"}
# What iterparse reports: the channel's children, in any namespace
# spelling ("{*}" matches every namespace, and none).
_CHANNEL_TAGS = (
    "item",
    "{*}title",
    "{*}link",
    "{*}description",
    "{*}language",
    "{*}wxr_version",
    "{*}base_site_url",
    "{*}base_blog_url",
    "{*}author",
    "{*}category",
    "{*}tag",
    "{*}term",
)
_PARSER_OPTIONS = {
    "no_network": True,
    "load_dtd": False,
    "huge_tree": True,
    "remove_comments": True,
    "remove_pis": True,
}


@dataclass(frozen=True, slots=True)
class Site:
    """The channel: where the site lived and which WXR version wrote it."""

    title: str = ""
    link: str = ""
    description: str = ""
    language: str = ""
    wxr_version: str = ""
    base_site_url: str = ""
    base_blog_url: str = ""


@dataclass(frozen=True, slots=True)
class Author:
    """A ``wp:author``: a user who wrote something in the export.

    WordPress lists only users with posts in the export; a post's
    ``author`` (``dc:creator``) is the login, matched against ``login``.
    """

    login: str
    email: str = ""
    display_name: str = ""
    first_name: str = ""
    last_name: str = ""
    id: int | None = None
    line: int = 0


@dataclass(frozen=True, slots=True)
class Term:
    """A category, tag or other taxonomy term of the channel.

    ``slug`` and ``parent`` (the parent's slug) are as WordPress stored
    them, percent-encoded for non-ASCII letters: decode them with
    :func:`khabar.importers.wordpress.slugs.decode_slug`.
    """

    taxonomy: str
    slug: str
    name: str = ""
    parent: str = ""
    description: str = ""
    id: int | None = None
    line: int = 0


@dataclass(frozen=True, slots=True)
class ItemTerm:
    """A ``<category>`` of an item: a term it belongs to.

    ``domain`` is the taxonomy (``category``, ``post_tag``,
    ``post_format``, ``nav_menu``, Co-Authors Plus's ``author`` …),
    ``nicename`` the term's stored slug and ``name`` its text.
    """

    domain: str
    nicename: str
    name: str


@dataclass(frozen=True, slots=True)
class Comment:
    """A ``wp:comment`` of an item, with all WordPress keeps of it.

    ``approved`` is WordPress's own status: ``"1"``, ``"0"`` (held),
    ``"spam"``, ``"trash"`` or ``"post-trashed"``.
    """

    id: int
    author: str = ""
    author_email: str = ""
    author_url: str = ""
    author_ip: str = ""
    date: dt.datetime | None = None
    local_date: dt.datetime | None = None
    content: str = ""
    approved: str = "1"
    type: str = "comment"
    parent: int = 0
    user_id: int = 0
    meta: dict[str, list[str]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Item:
    """One ``<item>``: a post, page, attachment or any other post type.

    Text is as WordPress exported it (titles keep their bidi marks; bodies
    are raw ``post_content``); ``post_name`` is the slug as stored,
    percent-encoded. ``meta`` maps each ``wp:meta_key`` to its values in
    file order (WordPress allows a key more than once), still serialised:
    see :mod:`khabar.importers.wordpress.php`. ``line`` is where the item
    starts in the file and ``position`` its ordinal among the items.
    """

    id: int
    type: str = "post"
    status: str = "draft"
    title: str = ""
    link: str = ""
    guid: str = ""
    post_name: str = ""
    author: str = ""
    content: str = ""
    excerpt: str = ""
    date: dt.datetime | None = None
    local_date: dt.datetime | None = None
    modified: dt.datetime | None = None
    parent: int = 0
    menu_order: int = 0
    password: str = ""
    sticky: bool = False
    comment_status: str = ""
    ping_status: str = ""
    attachment_url: str = ""
    terms: tuple[ItemTerm, ...] = ()
    meta: dict[str, list[str]] = field(default_factory=dict)
    comments: tuple[Comment, ...] = ()
    line: int = 0
    position: int = 0

    def terms_in(self, domain):
        """The item's terms of one taxonomy, in file order."""
        return tuple(term for term in self.terms if term.domain == domain)

    @property
    def bylines(self):
        """Co-Authors Plus bylines: the logins of its ``author`` terms.

        The plugin names each term after the login and slugs it
        ``cap-<nicename>``; guest authors are ``guest-author`` items
        whose ``cap-user_login`` meta is that login.
        """
        return tuple(term.name for term in self.terms_in("author"))


@dataclass(frozen=True, slots=True)
class Skipped:
    """An item that ``recover=True`` left out, where it was and why."""

    position: int
    line: int
    reason: str


class WxrError(Exception):
    """A file that cannot be read as WXR, with where and what is wrong."""

    def __init__(self, path, line, column, message):
        self.path, self.line, self.column = path, line, column
        self.reason = message
        where = f"{path} line {line}" if line else f"{path}"
        if column:
            where += f", column {column}"
        super().__init__(f"{where}: {message}")


class _BadItem(ValueError):
    """A well-formed item whose content WordPress could not have written."""


def read_wxr(path, *, recover=False, time_zone=None, on_bytes=None):
    """Yield the records of the WXR file at *path*, in file order.

    Raises :class:`WxrError` (never lxml's own errors) for a file that is
    not well-formed XML or not a WordPress export; the records before the
    fault have been yielded by then, so check a whole file before writing
    any of it. With *recover*, each item that is broken gives a
    :class:`Skipped` instead, and reading goes on with the next one.
    *time_zone* (a ``tzinfo``) is the site's zone, used only for dates
    that WordPress left without a GMT twin. *on_bytes* is called with the
    size of each block read (for a progress bar).
    """
    _check_prolog(path)
    if recover:
        yield from _recovering(path, time_zone, on_bytes)
    else:
        yield from _streaming(path, time_zone, on_bytes)


_PROLOG_ITEM = re.compile(rb"\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^[>]*(\[)?", re.S)


def _check_prolog(path, size=1 << 20):
    """Refuse a DOCTYPE with an internal subset, before lxml reads it."""
    with open(path, "rb") as raw:
        head = raw.read(size)
    pos = 3 if head.startswith(b"\xef\xbb\xbf") else 0
    while match := _PROLOG_ITEM.match(head, pos):
        if match.group(1):
            line = head.count(b"\n", 0, match.start()) + 1
            raise WxrError(
                path,
                line,
                None,
                "the file declares its own DTD entries in a DOCTYPE, which "
                "WordPress never writes and Khabar does not read; remove the "
                "DOCTYPE",
            )
        pos = match.end()


def _streaming(path, time_zone, on_bytes):
    with open(path, "rb") as raw:
        source = _Counting(raw, on_bytes) if on_bytes else raw
        # Only the channel's own children matter here; naming them keeps
        # the ~30 elements inside each item from costing an event each.
        events = etree.iterparse(
            source, events=("end",), tag=_CHANNEL_TAGS, **_PARSER_OPTIONS
        )
        channel = _Channel(path)
        try:
            for _, element in events:
                parent = element.getparent()
                if parent is None:
                    break  # the end of <rss>
                if channel.started is False:
                    channel.start(element)
                if parent.tag != "channel":
                    continue
                yield from channel.take(element, time_zone)
                element.clear()
                # The finished siblings are empty shells but still nodes:
                # drop them so the channel does not grow with the file.
                while element.getprevious() is not None:
                    del parent[0]
        except etree.XMLSyntaxError as exc:
            raise _syntax_error(path, exc, events.error_log) from None
        yield from channel.finish()


class _Channel:
    """What the streaming reader knows of the channel so far."""

    def __init__(self, path):
        self.path = path
        self.started = False
        self.site = {}
        self.site_given = False
        self.is_wxr = False
        self.position = 0

    def start(self, element):
        """Check, at the first element, that this can be a WXR file."""
        self.started = True
        tree = element.getroottree()
        root = tree.getroot()
        if root.tag != "rss":
            raise WxrError(
                self.path,
                root.sourceline,
                None,
                f"not a WordPress export: the document is <{root.tag}>, not "
                "<rss>; export the site with WordPress's Tools → Export",
            )
        self.is_wxr = any(_prefix(uri) == "wp" for uri in root.nsmap.values())

    def take(self, element, time_zone):
        name = _name(element.tag)
        if name.startswith("wp:"):
            self.is_wxr = True
        if name in _SITE_FIELDS:
            self.site[_SITE_FIELDS[name]] = _text(element)
            return
        if name == "item":
            self.position += 1
            self._check_wxr(element.sourceline)
            yield from self._site()
            try:
                yield _item(element, self.position, time_zone)
            except _BadItem as exc:
                raise WxrError(
                    self.path, element.sourceline, None, f"item {self.position}: {exc}"
                ) from None
        elif name == "wp:author":
            yield from self._site()
            yield _author(element)
        elif name in _TERM_ELEMENTS:
            yield from self._site()
            try:
                yield _term(element, name)
            except _BadItem as exc:
                raise WxrError(self.path, element.sourceline, None, str(exc)) from None

    def finish(self):
        self._check_wxr(None)
        yield from self._site()

    def _site(self):
        if not self.site_given:
            self.site_given = True
            yield Site(**self.site)

    def _check_wxr(self, line):
        if not self.is_wxr:
            raise WxrError(self.path, line, None, _NOT_WXR)


_NOT_WXR = (
    "not a WordPress export (WXR): nothing in the WordPress export "
    "namespace (http://wordpress.org/export/1.2/), so this looks like a plain "
    "RSS feed; export the site with WordPress's Tools → Export"
)


def _recovering(path, time_zone, on_bytes):
    """Read item by item, each parsed alone, skipping the broken ones.

    lxml's own ``recover`` repairs a document by guesswork: a tag left open
    swallows the items after it, and its error log runs ahead of the
    events, so a fault cannot be pinned on an item. Instead the file is cut
    at ``<item>`` and ``</item>`` (outside CDATA sections and comments)
    and each item is parsed strictly on its own, with the namespaces
    declared at the top of the file.
    """
    with open(path, "rb") as raw:
        pieces = _split_items(_Counting(raw, on_bytes))
        kind, head, _ = next(pieces)
        channel, wrapper, encoding = _read_head(path, head)
        yield from channel
        parser = etree.XMLParser(encoding=encoding, **_PARSER_OPTIONS)
        position = 0
        for kind, data, line in pieces:
            position += 1
            if kind == "broken":
                yield Skipped(position, line, data)
                continue
            try:
                root = etree.fromstring(wrapper + data + b"</rss>", parser)
                yield _item(root[0], position, time_zone, line=line)
            except etree.XMLSyntaxError as exc:
                error = _syntax_error(path, exc, parser.error_log, line)
                yield Skipped(position, error.line, error.reason)
            except _BadItem as exc:
                yield Skipped(position, line, str(exc))


def _read_head(path, head):
    """The records of the channel before the first item, and how to parse
    an item alone: the opening tag that declares the file's namespaces,
    and the file's encoding."""
    parser = etree.XMLParser(recover=True, **_PARSER_OPTIONS)
    try:
        root = etree.fromstring(head + b"</channel></rss>", parser)
    except etree.XMLSyntaxError as exc:
        raise _syntax_error(path, exc, parser.error_log) from None
    if root is None:
        raise WxrError(path, 1, None, "no XML document here (an empty file?)")
    if root.tag != "rss":
        raise WxrError(
            path, root.sourceline, None, f"not a WordPress export: <{root.tag}>"
        )
    channel = _Channel(path)
    channel.start(root)
    records = []
    for element in root.iterfind("channel/*"):
        records.extend(channel.take(element, None))
    channel._check_wxr(None)
    records.extend(channel.finish())
    declarations = b"".join(
        b' xmlns:%s="%s"' % (prefix.encode(), uri.encode())
        for prefix, uri in root.nsmap.items()
        if prefix
    )
    encoding = root.getroottree().docinfo.encoding or "UTF-8"
    return records, b"<rss" + declarations + b">", encoding


_TOKEN = re.compile(rb"<!\[CDATA\[|<!--|<item[\s>]|</item\s*>")
_CLOSERS = {b"<![CDATA[": b"]]>", b"<!--": b"-->"}


def _split_items(source, block=1 << 20):
    """Yield ``("head", bytes, 1)`` then ``("item", bytes, line)`` or
    ``("broken", reason, line)`` for each item of a file."""
    buffer = bytearray()
    line = 1  # the line of buffer[0]
    pos = 0  # where to look for the next token
    item_line = None  # the line of the open item (at buffer[0])
    head_given = False
    eof = False

    def consume(count):
        nonlocal line
        line += buffer.count(b"\n", 0, count)
        del buffer[:count]

    while True:
        match = _TOKEN.search(buffer, pos)
        closer = match and _CLOSERS.get(match.group())
        end = buffer.find(closer, match.end()) if closer else None
        if match is None or end == -1:
            # A token, or its closing part, may still be in the file.
            if eof:
                break
            data = source.read(block)
            if not data:
                eof = True
            buffer += data
            if match is None and item_line is None and head_given:
                keep = 16  # between items: keep a cut token only
                if len(buffer) > keep:
                    consume(len(buffer) - keep)
                    pos = 0
            continue
        if closer:
            pos = end + len(closer)
            continue
        if match.group().startswith(b"<item"):
            if not head_given:
                yield "head", bytes(buffer[: match.start()]), 1
                head_given = True
            elif item_line is not None:
                reason = "no </item> before the next <item>"
                yield "broken", reason, item_line
            consume(match.start())
            item_line = line
            pos = len(match.group())
            continue
        if item_line is None:  # a stray </item>
            pos = match.end()
            continue
        yield "item", bytes(buffer[: match.end()]), item_line
        consume(match.end())
        item_line, pos = None, 0
    if not head_given:
        yield "head", bytes(buffer), 1
    elif item_line is not None:
        yield "broken", "the file ends inside this item (cut short?)", item_line


class _Counting:
    """A file wrapper that reports the size of each block read."""

    def __init__(self, raw, on_bytes):
        self.raw, self.on_bytes = raw, on_bytes

    def read(self, size=-1):
        data = self.raw.read(size)
        if self.on_bytes and data:
            self.on_bytes(len(data))
        return data


def _syntax_error(path, exc, log, first_line=1):
    """A :class:`WxrError` for lxml's *exc*, with a hint to fix it; for a
    piece of the file parsed alone, *first_line* is the file's line where
    the piece begins (lxml counts from the piece's)."""
    # The first error in the log is the cause; lxml's exception can carry
    # a later consequence of it.
    first = next(
        (entry for entry in log if entry.level >= etree.ErrorLevels.ERROR), None
    )
    if first is not None:
        message, line, column = first.message, first.line, first.column
    else:
        message = re.sub(r", line \d+, column \d+$", "", exc.msg or str(exc))
        line, column = exc.position
    if first_line != 1:
        line = line + first_line - 1 if line else first_line
        message = re.sub(
            r"\bline (\d+)",
            lambda found: f"line {int(found[1]) + first_line - 1}",
            message,
        )
    return WxrError(path, line, column, _explain(message.strip()))


_HINTS = (
    (
        re.compile(r"Entity '(\w+)' not defined"),
        "&{0}; is an HTML entity, which XML does not know; replace it with "
        "the character itself or &#NNNN;, or read the file with --recover to "
        "skip the items that have one",
    ),
    (
        re.compile(r"Premature end of data|EndTag: '</' not found|Extra content"),
        "{message}: the file is cut short or has text after its end; export "
        "it again, or read the items before the fault with --recover",
    ),
    (
        re.compile(r"Opening and ending tag mismatch: (\S+) line (\d+) and (\S+)"),
        "<{0}> opened on line {1} is closed by </{2}>; the file is damaged "
        "here (--recover skips the item)",
    ),
    (
        re.compile(r"invalid Char value (\d+)"),
        "a control character (code {0}) that XML does not allow; remove it, "
        "or read the file with --recover to skip the item",
    ),
    (
        re.compile(r"Invalid bytes in character encoding|not proper UTF-8"),
        "{message}: the file is not UTF-8 here; WordPress writes UTF-8, so it "
        "was changed after export (re-export it, or convert it with iconv)",
    ),
)


def _explain(message):
    for pattern, hint in _HINTS:
        match = pattern.search(message)
        if match:
            return hint.format(*match.groups(), message=message)
    return message


def _prefix(uri, _known={}):  # noqa: B006 - a cache by design
    prefix = _known.get(uri)
    if prefix is None:
        prefix = next(
            (short for pattern, short in _PREFIXES if pattern.fullmatch(uri)), ""
        )
        if len(_known) < 64:
            _known[uri] = prefix
    return prefix


def _name(tag, _known={}):  # noqa: B006 - a cache by design
    """``wp:post_id`` for ``{http://wordpress.org/export/1.2/}post_id``;
    names in namespaces of no meaning here keep their URI."""
    name = _known.get(tag)
    if name is None:
        name = tag
        if tag.startswith("{"):
            uri, local = tag[1:].split("}", 1)
            prefix = _prefix(uri)
            if prefix:
                name = f"{prefix}:{local}"
        if len(_known) < 1024:  # a hostile file cannot make it grow
            _known[tag] = name
    return name


def _text(element):
    return element.text or ""


def _fields(element):
    """Each child's text by short name (a repeated child: the last)."""
    return {_name(child.tag): child.text or "" for child in element}


def _author(element):
    fields = _fields(element)
    return Author(
        login=fields.get("wp:author_login", "").strip(),
        email=fields.get("wp:author_email", "").strip(),
        display_name=fields.get("wp:author_display_name", ""),
        first_name=fields.get("wp:author_first_name", ""),
        last_name=fields.get("wp:author_last_name", ""),
        id=_optional_int(fields.get("wp:author_id")),
        line=element.sourceline,
    )


def _term(element, name):
    fields = _fields(element)
    term_id = _int(fields.get("wp:term_id", ""), "wp:term_id", None)
    if name == "wp:category":
        return Term(
            taxonomy="category",
            slug=fields.get("wp:category_nicename", "").strip(),
            name=fields.get("wp:cat_name", ""),
            parent=fields.get("wp:category_parent", "").strip(),
            description=fields.get("wp:category_description", ""),
            id=term_id,
            line=element.sourceline,
        )
    if name == "wp:tag":
        return Term(
            taxonomy="post_tag",
            slug=fields.get("wp:tag_slug", "").strip(),
            name=fields.get("wp:tag_name", ""),
            description=fields.get("wp:tag_description", ""),
            id=term_id,
            line=element.sourceline,
        )
    return Term(
        taxonomy=fields.get("wp:term_taxonomy", "").strip(),
        slug=fields.get("wp:term_slug", "").strip(),
        name=fields.get("wp:term_name", ""),
        parent=fields.get("wp:term_parent", "").strip(),
        description=fields.get("wp:term_description", ""),
        id=term_id,
        line=element.sourceline,
    )


def _item(element, position, time_zone, *, line=None):
    fields = {}
    terms, meta, comments = [], {}, []
    for child in element:
        name = _name(child.tag)
        if name == "category":
            term = _item_term(child)
            if term is not None:
                terms.append(term)
        elif name == "wp:postmeta":
            key, value = _meta_pair(child)
            meta.setdefault(key, []).append(value)
        elif name == "wp:comment":
            comments.append(_comment(child, time_zone))
        else:
            fields[name] = child.text or ""
    if "wp:post_id" not in fields:
        raise _BadItem("no <wp:post_id>; every WordPress item has one")
    get = fields.get
    local_date = _time(get("wp:post_date", ""), "wp:post_date", None)
    return Item(
        id=_int(get("wp:post_id"), "wp:post_id", None),
        type=get("wp:post_type", "").strip() or "post",
        status=get("wp:status", "").strip() or "draft",
        title=get("title", ""),
        link=get("link", "").strip(),
        guid=get("guid", "").strip(),
        post_name=get("wp:post_name", "").strip(),
        author=get("dc:creator", "").strip(),
        content=get("content:encoded", ""),
        excerpt=get("excerpt:encoded", ""),
        date=_moment(
            get("wp:post_date_gmt", ""), "wp:post_date_gmt", local_date, time_zone
        ),
        local_date=local_date,
        modified=_moment(
            get("wp:post_modified_gmt", ""),
            "wp:post_modified_gmt",
            _time(get("wp:post_modified", ""), "wp:post_modified", None),
            time_zone,
        ),
        parent=_int(get("wp:post_parent", ""), "wp:post_parent", 0),
        menu_order=_int(get("wp:menu_order", ""), "wp:menu_order", 0),
        password=get("wp:post_password", ""),
        sticky=get("wp:is_sticky", "").strip() == "1",
        comment_status=get("wp:comment_status", "").strip(),
        ping_status=get("wp:ping_status", "").strip(),
        attachment_url=get("wp:attachment_url", "").strip(),
        terms=tuple(terms),
        meta=meta,
        comments=tuple(comments),
        line=element.sourceline if line is None else line,
        position=position,
    )


def _item_term(element):
    """An item's ``<category>``, or None for WXR 1.0's bare duplicates.

    WXR 1.0 writes each category twice, once as bare text and once with
    ``domain`` and ``nicename``; WordPress's importer reads only the
    latter, and so does this. Its ``domain="tag"`` means ``post_tag``.
    """
    nicename = element.get("nicename")
    if nicename is None:
        return None
    domain = (element.get("domain") or "category").strip()
    if domain == "tag":
        domain = "post_tag"
    return ItemTerm(domain=domain, nicename=nicename.strip(), name=element.text or "")


def _meta_pair(element):
    fields = _fields(element)
    return fields.get("wp:meta_key", ""), fields.get("wp:meta_value", "")


def _comment(element, time_zone):
    fields, meta = {}, {}
    for child in element:
        name = _name(child.tag)
        if name == "wp:commentmeta":
            key, value = _meta_pair(child)
            meta.setdefault(key, []).append(value)
        else:
            fields[name] = child.text or ""
    get = fields.get
    local_date = _time(get("wp:comment_date", ""), "wp:comment_date", None)
    return Comment(
        id=_int(get("wp:comment_id", ""), "wp:comment_id", None),
        author=get("wp:comment_author", ""),
        author_email=get("wp:comment_author_email", "").strip(),
        author_url=get("wp:comment_author_url", "").strip(),
        author_ip=get("wp:comment_author_IP", "").strip(),
        date=_moment(
            get("wp:comment_date_gmt", ""), "wp:comment_date_gmt", local_date, time_zone
        ),
        local_date=local_date,
        content=get("wp:comment_content", ""),
        approved=get("wp:comment_approved", "").strip() or "1",
        # Exports before WordPress 5.5 leave ordinary comments untyped.
        type=get("wp:comment_type", "").strip() or "comment",
        parent=_int(get("wp:comment_parent", ""), "wp:comment_parent", 0),
        user_id=_int(get("wp:comment_user_id", ""), "wp:comment_user_id", 0),
        meta=meta,
    )


def _int(text, name, default):
    """A whole number; *default* when empty (None: the field is needed)."""
    text = (text or "").strip()
    if not text:
        if default is None:
            raise _BadItem(f"<{name}> is empty; it must be a whole number")
        return default
    if not text.isascii() or not text.lstrip("-").isdigit() or len(text) > 20:
        raise _BadItem(f"<{name}> must be a whole number, not {text[:40]!r}")
    return int(text)


def _optional_int(text):
    text = (text or "").strip()
    return int(text) if text.isascii() and text.isdigit() and len(text) < 20 else None


def _time(text, name, zone):
    """A ``YYYY-MM-DD HH:MM:SS`` as written (naive, or in *zone*); None
    for WordPress's zero date or an empty field."""
    text = text.strip()
    if not text or text.startswith("0000-00-00"):
        return None
    try:
        # fromisoformat reads WordPress's "2024-03-03 07:15:00" and is
        # several times faster than strptime, which matters at 4 dates
        # an item.
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        raise _BadItem(
            f"<{name}> is not a date like 2024-03-03 10:15:00: {text[:40]!r}"
        ) from None
    if moment.tzinfo is not None:
        return moment.astimezone(dt.UTC)
    return moment.replace(tzinfo=zone) if zone is not None else moment


def _moment(gmt, name, local, zone):
    """The UTC moment of a GMT field, else of *local* read in *zone*."""
    moment = _time(gmt, name, dt.UTC)
    if moment is not None:
        return moment
    if local is None or zone is None:
        return None
    return local.replace(tzinfo=zone).astimezone(dt.UTC)
