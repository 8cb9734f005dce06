"""Article bodies as HTML: imported HTML into body blocks, and back again.

Imported HTML goes through nh3 first, which is the security boundary: only
the tags below survive, links keep nothing but ``href`` (and no
``javascript:``), scripts and comments disappear. The clean HTML is then cut
into the body's blocks: ``h1``–``h6`` become subheadings, ``blockquote`` a
quotation (a ``cite`` inside it the attribution), and everything else
paragraphs, with ``strong`` and ``em`` stored as Wagtail stores them,
``<b>`` and ``<i>``. Each paragraph then passes the newsroom's own
``sanitise_paragraph``, so that what a paragraph may hold is decided in one
place whether it was typed or imported.

:func:`html_from_blocks` is the way back, and the two are made for each
other: for blocks this module produced, ``blocks_from_html`` of their HTML
gives the same blocks. Export canonicalises every body through
``blocks_from_html`` first, which is why export, import and export again
give the same bytes.
"""

import html
import re
from html.parser import HTMLParser

import nh3

from khabar.newsroom.blocks import PARAGRAPH_TAGS, URL_SCHEMES, sanitise_paragraph

_FORMATTING = {"b", "strong", "i", "em"}
# Stored as Wagtail's rich text converter stores them.
_STORED_AS = {"b": "b", "strong": "b", "i": "i", "em": "i"}
_INLINE = _FORMATTING | {"a", "br", "cite"}
_LISTS = {"ul", "ol"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# Kept by nh3 only so that their content stays apart; they never reach the
# stored body.
_CONTAINERS = {
    "address", "article", "aside", "caption", "dd", "div", "dl", "dt",
    "figcaption", "figure", "footer", "header", "hr", "main", "pre",
    "section", "table", "tbody", "td", "tfoot", "th", "thead", "tr",
}  # fmt: skip
# What the paragraph editor allows, the names it stores differently, and
# the structure that is cut into other blocks.
_ALLOWED = PARAGRAPH_TAGS | _INLINE | _HEADINGS | _CONTAINERS | {"blockquote"}
_TAG = re.compile(r"<[^>]*>")
_MANY_NEWLINES = re.compile(r"\n{3,}")
_BLANK_LINE = re.compile(r"\n\s*\n")
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean(source: str) -> str:
    """Return *source* reduced by nh3 to the tags a body can use."""
    return nh3.clean(
        source,
        tags=_ALLOWED,
        attributes={"a": {"href"}},
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )


def blocks_from_html(source: str) -> list[tuple[str, object]]:
    """Sanitise *source* and cut it into ``(block type, value)`` pairs."""
    blocks = []
    _collect(_parse(clean(source)).children, blocks)
    return blocks


def blocks_from_text(source: str) -> list[tuple[str, object]]:
    """One paragraph block per blank-line-separated paragraph of *source*.

    Lines inside a paragraph are joined with a space, as Markdown does, so
    that hard-wrapped text flows again.
    """
    text = _CONTROL.sub("", source.replace("\r\n", "\n").replace("\r", "\n"))
    blocks = []
    for chunk in _BLANK_LINE.split(text):
        paragraph = " ".join(line.strip() for line in chunk.split("\n")).strip()
        if paragraph:
            blocks.append(("paragraph", f"<p>{_escape(paragraph)}</p>"))
    return blocks


def html_from_blocks(blocks) -> str:
    """The HTML of canonical ``(type, value)`` blocks, without separators."""
    return "".join(_block_html(kind, value) for kind, value in blocks)


def canonical_blocks(kind: str, value) -> list[tuple[str, object]] | None:
    """The canonical blocks for one stored block, or None when the block
    has no HTML form (an image: the JSONL format carries no media)."""
    if kind == "paragraph":
        if "linktype" in value:
            # Links to pages or documents are stored by id; readers get
            # their URLs.
            from wagtail.rich_text import expand_db_html

            value = expand_db_html(value)
        return blocks_from_html(value)
    if kind == "subheading":
        return blocks_from_html(f"<h2>{_escape(value or '')}</h2>")
    if kind == "quotation":
        return blocks_from_html(_quotation_html(value or {}))
    if kind == "embed":
        url = (value or {}).get("url") or ""
        title = (value or {}).get("title") or url
        href = html.escape(url, quote=True)
        return blocks_from_html(f'<p><a href="{href}">{_escape(title)}</a></p>')
    return None


def _block_html(kind, value):
    if kind == "paragraph":
        return value
    if kind == "subheading":
        return f"<h2>{_escape(value)}</h2>"
    if kind == "quotation":
        return _quotation_html(value)
    raise ValueError(f"{kind!r} blocks have no HTML form")


def _quotation_html(value):
    text = value.get("text") or ""
    attribution = (value.get("attribution") or "").strip()
    paragraphs = "".join(
        f"<p>{_escape(part).replace(chr(10), '<br>')}</p>"
        for part in text.split("\n\n")
    )
    cite = f"<cite>{_escape(attribution)}</cite>" if attribution else ""
    return f"<blockquote>{paragraphs}{cite}</blockquote>"


# A tiny tree of nh3's output, which is well formed: every element closed,
# properly nested, attributes quoted.


class _Element:
    __slots__ = ("children", "href", "tag")

    def __init__(self, tag, href=None):
        self.tag = tag
        self.href = href
        self.children = []


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = _Element("")
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        element = _Element(tag, dict(attrs).get("href") if tag == "a" else None)
        self.stack[-1].children.append(element)
        if tag not in ("br", "hr"):
            self.stack.append(element)

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def _parse(source):
    builder = _TreeBuilder()
    builder.feed(source)
    builder.close()
    return builder.root


def _escape(text):
    return html.escape(text, quote=False)


def _has_text(fragment):
    return bool(html.unescape(_TAG.sub("", fragment)).strip())


def _collect(nodes, blocks):
    """Append the blocks made of *nodes* (siblings) to *blocks*."""
    run = []  # inline content between block elements: a paragraph
    for node in nodes:
        if isinstance(node, str) or node.tag in _INLINE:
            run.append(node)
            continue
        _paragraph(_inline(run), blocks)
        run = []
        if node.tag in _HEADINGS:
            text = _plain(node)
            if text:
                blocks.append(("subheading", text))
        elif node.tag == "blockquote":
            quotation = _quotation(node)
            if quotation:
                blocks.append(("quotation", quotation))
        elif node.tag == "p":
            _paragraph(_inline(node.children), blocks)
        elif node.tag in _LISTS:
            items = _list(node)
            if items:
                blocks.append(("paragraph", sanitise_paragraph(items)))
        else:
            _collect(node.children, blocks)
    _paragraph(_inline(run), blocks)


def _paragraph(inner, blocks):
    inner = inner.strip()
    if _has_text(inner):
        blocks.append(("paragraph", sanitise_paragraph(f"<p>{inner}</p>")))


def _inline(nodes, in_link=False):
    """HTML for inline *nodes*: formatting and links kept, other tags
    unwrapped (and links inside links, which HTML does not allow)."""
    parts = []
    for node in nodes:
        if isinstance(node, str):
            parts.append(_escape(node))
        elif node.tag == "br":
            parts.append("<br>")
        elif node.tag in _FORMATTING:
            inner = _inline(node.children, in_link)
            if inner:
                tag = _STORED_AS[node.tag]
                parts.append(f"<{tag}>{inner}</{tag}>")
        elif node.tag == "a" and node.href and not in_link:
            inner = _inline(node.children, True)
            if inner:
                href = html.escape(node.href, quote=True)
                parts.append(f'<a href="{href}">{inner}</a>')
        else:
            parts.append(_inline(node.children, in_link))
    return "".join(parts)


def _list(node):
    """A ``ul``/``ol`` with its items, nested lists kept; "" when empty."""
    items, loose = [], []
    for child in node.children:
        if isinstance(child, _Element) and child.tag == "li":
            items.append(_item(loose))
            loose = []
            items.append(_item(child.children))
        else:
            loose.append(child)
    items.append(_item(loose))
    body = "".join(f"<li>{item}</li>" for item in items if _has_text(item))
    return f"<{node.tag}>{body}</{node.tag}>" if body else ""


def _item(nodes):
    parts = []
    for node in nodes:
        if isinstance(node, _Element) and node.tag in _LISTS:
            parts.append(_list(node))
        else:
            parts.append(_inline([node]))
    return "".join(parts).strip()


def _text(node, parts, line_break):
    for child in node.children:
        if isinstance(child, str):
            parts.append(child)
        elif child.tag == "br":
            parts.append(line_break)
        else:
            _text(child, parts, line_break)
    return parts


def _plain(node):
    """The text of *node* on one line, spaces tidied."""
    return " ".join("".join(_text(node, [], " ")).split())


def _quotation(node):
    """``{"text", "attribution"}`` for a blockquote, or None if it has no
    text. Paragraphs in the text are separated by a blank line."""
    paragraphs, cites = [[]], []

    def walk(parent):
        for child in parent.children:
            if isinstance(child, str):
                paragraphs[-1].append(child)
            elif child.tag == "br":
                paragraphs[-1].append("\n")
            elif child.tag == "cite":
                cites.append(_plain(child))
            elif child.tag in _INLINE:
                walk(child)
            else:
                paragraphs.append([])
                walk(child)
                paragraphs.append([])

    walk(node)
    texts = (_tidy("".join(parts)) for parts in paragraphs)
    text = _MANY_NEWLINES.sub("\n\n", "\n\n".join(t for t in texts if t))
    if not text:
        return None
    return {"text": text, "attribution": " ".join(" ".join(cites).split())}


def _tidy(text):
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(lines).strip("\n")
