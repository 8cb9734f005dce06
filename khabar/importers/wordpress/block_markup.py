"""Write an article body as block-editor markup, as WordPress saves it.

Each body block becomes the core block WordPress's editor would have saved
for it, between its ``<!-- wp:name {attrs} -->`` comments, so that the
block editor opens an exported post as blocks rather than one "Classic"
lump: a paragraph's text becomes ``core/paragraph`` blocks (and
``core/list`` for its lists), a subheading ``core/heading``, a quotation
``core/quote`` with its attribution in ``<cite>``, an image ``core/image``
naming its attachment (``wp-image-ID``, which is how WordPress links a
picture in a post to the media library), an embed ``core/embed``.

The markup is also what :mod:`khabar.importers.wordpress.bodies` reads, so
a body exported and imported again gives the same blocks.
"""

import html
import json
from dataclasses import dataclass

import lxml.html
from wagtail.rich_text import expand_db_html

# What WordPress's serializer escapes in a block's JSON attributes, so
# that they can never close the comment or be read as markup.
_ATTRIBUTE_ESCAPES = (
    ("--", "\\u002d\\u002d"),
    ("<", "\\u003c"),
    (">", "\\u003e"),
    ("&", "\\u0026"),
    ('\\"', "\\u0022"),
)
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


@dataclass
class Picture:
    """What an image block needs to know of a library image."""

    attachment_id: int
    url: str
    alt: str = ""


@dataclass
class Markup:
    """A body as block markup, and what could not be written."""

    html: str = ""
    #: Blocks left out: images no longer in the library, empty embeds.
    dropped: int = 0


def image_pks(raw_blocks):
    """The library image pks of a body's stored blocks (``raw_data``)."""
    return [
        block["value"]["image"]
        for block in raw_blocks
        if block["type"] == "image" and (block.get("value") or {}).get("image")
    ]


def body_markup(raw_blocks, pictures):
    """The block markup of a body's stored blocks (``raw_data``).
    *pictures* maps a library image pk to its :class:`Picture`."""
    markup, parts = Markup(), []
    for block in raw_blocks:
        kind, value = block["type"], block.get("value")
        if kind == "paragraph":
            parts.extend(_rich_text(value or ""))
        elif kind == "subheading":
            parts.append(_heading(html.escape(value or "", quote=False)))
        elif kind == "quotation":
            parts.append(_quote(value or {}))
        elif kind == "image":
            picture = pictures.get((value or {}).get("image"))
            if picture is None:
                markup.dropped += 1
                continue
            parts.append(_image(picture, value))
        elif kind == "embed" and (value or {}).get("url"):
            parts.append(_embed(value))
        else:
            markup.dropped += 1
    markup.html = "\n\n".join(parts)
    return markup


def _block(name, inner, attrs=None):
    """One block: *inner* HTML between its comments, as WordPress writes
    them (the HTML on its own lines)."""
    return f"<!-- wp:{name}{_attributes(attrs)} -->\n{inner}\n<!-- /wp:{name} -->"


def _attributes(attrs):
    if not attrs:
        return ""
    text = json.dumps(attrs, ensure_ascii=False, separators=(",", ":"))
    for plain, escaped in _ATTRIBUTE_ESCAPES:
        text = text.replace(plain, escaped)
    return " " + text


def _paragraph(inner):
    return _block("paragraph", f"<p>{inner}</p>")


def _heading(inner, level=2):
    attrs = {"level": level} if level != 2 else None
    tag = f"h{level}"
    return _block("heading", f'<{tag} class="wp-block-heading">{inner}</{tag}>', attrs)


def _rich_text(source):
    """Blocks for a paragraph block's rich text, which may hold several
    paragraphs and lists (links to pages and documents made absolute)."""
    if "linktype" in source:
        source = expand_db_html(source)
    parts, loose = [], []
    for node in lxml.html.fragments_fromstring(source) if source.strip() else []:
        if isinstance(node, str) or node.tag not in ({"p", "ul", "ol"} | _HEADINGS):
            loose.append(node)
            continue
        if loose:
            parts.append(_paragraph(_outer(loose)))
            loose = []
        if node.tag == "p":
            inner = _inner(node)
            if inner.strip():
                parts.append(_paragraph(inner))
        elif node.tag in _HEADINGS:
            parts.append(_heading(_inner(node), int(node.tag[1])))
        else:
            parts.append(_list(node))
        if node.tail and node.tail.strip():
            loose.append(html.escape(node.tail, quote=False))
    if loose and _outer(loose).strip():
        parts.append(_paragraph(_outer(loose)))
    return parts


def _list(node, inline=False):
    """A list block with a list-item block per item; a list inside an
    item is a list block inside that item's block, *inline*: without the
    line breaks around its HTML, which would add to the item's text."""
    items = []
    for item in node.iterchildren("li"):
        inner, nested = [html.escape(item.text or "", quote=False)], []
        for child in item:
            if child.tag in ("ul", "ol"):
                nested.append(_list(child, inline=True))
                inner.append(html.escape(child.tail or "", quote=False))
            else:
                inner.append(lxml.html.tostring(child, encoding=str, with_tail=True))
        items.append(_block("list-item", "<li>" + "".join(inner + nested) + "</li>"))
    attrs = {"ordered": True} if node.tag == "ol" else None
    tag = node.tag
    html_ = f"<{tag}>" + "".join(items) + f"</{tag}>"
    if inline:
        return f"<!-- wp:list{_attributes(attrs)} -->{html_}<!-- /wp:list -->"
    return _block("list", html_, attrs)


def _inner(element):
    text = html.escape(element.text or "", quote=False)
    return text + "".join(
        lxml.html.tostring(child, encoding=str, with_tail=True) for child in element
    )


def _outer(nodes):
    return "".join(
        node if isinstance(node, str) else lxml.html.tostring(node, encoding=str)
        for node in nodes
    ).strip()


def _quote(value):
    text = value.get("text") or ""
    paragraphs = "\n\n".join(
        _paragraph(html.escape(part.strip("\n"), quote=False).replace("\n", "<br>"))
        for part in text.split("\n\n")
        if part.strip()
    )
    attribution = (value.get("attribution") or "").strip()
    cite = (
        f"<cite>{html.escape(attribution, quote=False)}</cite>" if attribution else ""
    )
    inner = f'<blockquote class="wp-block-quote">{paragraphs}{cite}</blockquote>'
    return _block("quote", inner)


def _image(picture, value):
    """An image block; a credit, which WordPress has no field for, follows
    the caption."""
    caption = " — ".join(
        part for part in (value.get("caption"), value.get("credit")) if part
    )
    figcaption = (
        f'<figcaption class="wp-element-caption">{html.escape(caption, quote=False)}'
        "</figcaption>"
        if caption
        else ""
    )
    img = (
        f'<img src="{html.escape(picture.url)}" alt="{html.escape(picture.alt)}" '
        f'class="wp-image-{picture.attachment_id}"/>'
    )
    attrs = {"id": picture.attachment_id, "sizeSlug": "full", "linkDestination": "none"}
    inner = f'<figure class="wp-block-image size-full">{img}{figcaption}</figure>'
    return _block("image", inner, attrs)


def _embed(value):
    url = value["url"]
    title = (value.get("title") or "").strip()
    figcaption = (
        f'<figcaption class="wp-element-caption">{html.escape(title, quote=False)}'
        "</figcaption>"
        if title and title != url
        else ""
    )
    inner = (
        '<figure class="wp-block-embed"><div class="wp-block-embed__wrapper">\n'
        f"{html.escape(url, quote=False)}\n</div>{figcaption}</figure>"
    )
    return _block("embed", inner, {"url": url})
