"""A WordPress post's content as the blocks of a Khabar article body.

:func:`convert` takes the ``content:encoded`` of a WXR item (classic editor
HTML or block editor markup, shortcodes in either) and returns a
:class:`Body`: the blocks, where the post's pages and its "more" cut
start, and reports of what was not carried as it was. It touches no
database: images come back as :class:`ImageSource` references for the
importer to find in Wagtail's image library (it knows the attachments).

Everything that becomes text passes through nh3 in
khabar/importers/sanitise.py, the one security boundary for imported HTML;
this module only decides where blocks begin and end. What WordPress does
when it shows a post is followed in WordPress's order: ``[embed]``, then a
URL alone on its line becomes an embed, then automatic paragraphs (classic
bodies only, as WordPress skips them for block markup), then the other
shortcodes.

Choices, because Khabar's body has five kinds of block and WordPress many:

- ``[gallery]`` with ids (or ``include``) and the gallery block give one
  image block per image. ``[gallery]`` without ids means "the images
  attached to the post", which only the importer knows: it becomes one
  ``("attached_images", AttachedImages(…))`` block, which
  :meth:`Body.with_attached_images` replaces by image blocks.
- ``[audio]``, ``[video]`` and the audio and video blocks become embed
  blocks linking to the file (``src``, or the ``mp3=``/``mp4=``… forms, or
  a bare URL as the first value): Khabar shows outside media as a link
  card, and a reader's browser fetches nothing until the reader follows
  it. The file's address is kept as written; the importer may rewrite
  ``/wp-content/uploads/`` addresses.
- Any http(s) URL alone on its line becomes an embed, as WordPress tries to
  embed every such URL (falling back to a link, which is what Khabar's
  embed card is anyway); so does a paragraph holding nothing but a URL.
- An ``<img>`` anywhere becomes an image block where it stands (a
  ``<figure>`` around it gives the caption), since a body paragraph holds
  no images.
- Unknown shortcodes are removed; an enclosing one (page builders wrap the
  whole article in ``[vc_row]…[/vc_row]``) is unwrapped and its content
  kept. Unknown blocks keep their content as sanitised HTML. Both are
  reported by name.
- ``<!--nextpage-->`` splits pages (``/2/``, ``/3/`` on WordPress);
  ``<!--more-->`` marks the teaser's end. Neither is a block: :class:`Body`
  gives the block index where each starts.
"""

import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from urllib.parse import urlsplit

import nh3

from khabar.importers.sanitise import blocks_from_html
from khabar.importers.wordpress import gutenberg, shortcodes
from khabar.importers.wordpress.autop import autop

#: Shortcodes read for what they mean; any other is removed or unwrapped.
SHORTCODES = frozenset(
    {"caption", "wp_caption", "gallery", "embed", "audio", "video", "playlist"}
)
# Unknown shortcodes nested deeper than this are stripped, not unwrapped.
_MAX_SHORTCODE_DEPTH = 16
_AUDIO_KEYS = ("src", "mp3", "m4a", "ogg", "wav", "wma", "flac")
_VIDEO_KEYS = ("src", "mp4", "m4v", "webm", "ogv", "wmv", "flv")

# Blocks whose HTML (inner blocks included) is ordinary body HTML.
_TEXT_BLOCKS = {
    f"core/{name}"
    for name in (
        "paragraph", "heading", "list", "list-item", "quote", "pullquote",
        "preformatted", "code", "verse", "freeform", "button", "buttons",
        "file", "details", "footnotes",
    )
}  # fmt: skip
# Blocks that only lay out the blocks inside them.
_LAYOUT_BLOCKS = {
    f"core/{name}"
    for name in ("group", "columns", "column", "media-text", "cover", "row", "stack")
}
_DROPPED_BLOCKS = {"core/separator", "core/spacer"}

_MARKER = re.compile(r"<!--(nextpage|more)(?:[^>]*?)-->")
_PAGE_BREAK_AROUND = re.compile(r"\n?<!--nextpage-->\n?")
_TAG = re.compile(r"<[^<>]*>")
_URL_LINE = re.compile(r"^[ \t]*(https?://[^\s<>\"]+)[ \t]*$", re.M)
_MEDIA = re.compile(
    r"(?P<p><p(?:\s[^<>]*)?>\s*(?P<url>https?://[^\s<>\"]+)\s*</p\s*>)"
    r"|(?P<figure><figure\b[^<>]*>)"
    r"|(?P<img><img\b[^<>]*>)",
    re.I,
)
_FIGURE_END = re.compile(r"</figure\s*>", re.I)
_IMG = re.compile(r"<img\b[^<>]*>", re.I)
_FIGCAPTION = re.compile(r"<figcaption\b[^<>]*>(.*?)</figcaption\s*>", re.I | re.S)
_TAG_ATTRIBUTE = re.compile(
    r"""([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?"""
)
_WP_IMAGE = re.compile(r"\bwp-image-(\d+)\b")
_ATTACHMENT = re.compile(r"attachment_(\d+)")
_MEDIA_SOURCE = re.compile(r"<(?:audio|video|source)\b[^<>]*>", re.I)
_TAG_NAME = re.compile(r"<[^\s/>]*")
_BARE_URL = re.compile(r"https?://[^\s<>\"]+")


@dataclass(frozen=True)
class ImageSource:
    """An image of the post before it is in Khabar's image library.

    ``attachment_id`` is the WordPress attachment (post) id when the markup
    names it (``wp-image-12``, ``attachment_12``, a block's ``id``); ``url``
    is the address written in the post, often a resized copy
    (``-300x200.jpg``). The importer finds the image by id first, then by
    address; ``alt`` is there to title an image it has to create.
    """

    attachment_id: int | None = None
    url: str = ""
    alt: str = ""


@dataclass(frozen=True)
class AttachedImages:
    """``[gallery]`` without ids: the image attachments of a post.

    ``post_id`` is None for the post itself (``[gallery id="N"]`` names
    another post); ``exclude`` lists attachment ids to leave out. WordPress
    orders them by ``menu_order``, then by id.
    """

    post_id: int | None = None
    exclude: tuple[int, ...] = ()


@dataclass(frozen=True)
class Report:
    """Something in a post that was not carried as it was written."""

    what: str  # "shortcode", "block", "image", "embed", "markup"
    name: str
    action: str

    def __str__(self):
        return f"{self.what} {self.name}: {self.action}"


@dataclass
class Body:
    """What :func:`convert` makes of one post's content.

    ``blocks`` are ``(kind, value)`` pairs as khabar/importers/sanitise.py
    makes them, plus images as ``("image", {"image": ImageSource, "caption",
    "credit"})`` and ``("attached_images", AttachedImages)`` for the
    importer to resolve. ``pages`` holds the index of the block each page
    starts at (``[0]`` for a post of one page), so page N's old URL can
    point at the article; ``more`` the index where the teaser ends, or None.
    """

    blocks: list[tuple[str, object]] = field(default_factory=list)
    pages: list[int] = field(default_factory=lambda: [0])
    more: int | None = None
    reports: list[Report] = field(default_factory=list)

    def with_attached_images(
        self, images_of: Callable[[AttachedImages], Sequence[ImageSource]]
    ) -> "Body":
        """This body with each ``attached_images`` block replaced by image
        blocks for the sources *images_of* gives, and the page and "more"
        indexes moved to match."""
        blocks, moved = [], []  # moved[i]: the new index of old block i
        for kind, value in self.blocks:
            moved.append(len(blocks))
            if kind == "attached_images":
                blocks.extend(_image(source) for source in images_of(value))
            else:
                blocks.append((kind, value))
        moved.append(len(blocks))
        return replace(
            self,
            blocks=blocks,
            pages=[moved[index] for index in self.pages],
            more=None if self.more is None else moved[self.more],
        )


def convert(content: str) -> Body:
    """The body blocks, pages, "more" cut and reports for *content*."""
    builder = _Builder()
    content = (content or "").replace("\r\n", "\n").replace("\r", "\n")
    if gutenberg.has_blocks(content):
        top, problems = gutenberg.parse(content)
        for problem in problems:
            name, _, action = problem.partition(": ")
            builder.report("markup", name, action)
        for part in top:
            if isinstance(part, str):
                # Freeform HTML, as the editor's Classic block shows it.
                builder.content(part, paragraphs=True)
            else:
                builder.block(part)
    else:
        builder.content(content, paragraphs=True)
    return builder.body


def _image(source, caption=""):
    return ("image", {"image": source, "caption": caption, "credit": ""})


class _Builder:
    """Collects blocks, page starts, the "more" cut and reports."""

    def __init__(self):
        self.body = Body()
        self.reported = set()

    def report(self, what, name, action):
        """Report once per post, however often the thing occurs."""
        report = Report(what, name, action)
        if report not in self.reported:
            self.reported.add(report)
            self.body.reports.append(report)

    def add(self, kind, value):
        self.body.blocks.append((kind, value))

    def marker(self, kind):
        body = self.body
        if kind == "more":
            if body.more is None:
                body.more = len(body.blocks)
        elif body.blocks or len(body.pages) > 1:
            # WordPress ignores a page break before any content.
            body.pages.append(len(body.blocks))

    # Shortcodes

    def content(self, text, paragraphs):
        """Add the blocks of *text*: HTML with shortcodes and markers."""
        pending = []
        for part in self._shortcodes(text, 0):
            if isinstance(part, str):
                pending.append(part)
            else:
                self.text("".join(pending), paragraphs)
                pending = []
                self.shortcode(part)
        self.text("".join(pending), paragraphs)

    def _shortcodes(self, text, depth):
        """*text* as strings and the shortcodes Khabar reads; unknown ones
        removed, or unwrapped when they enclose content."""
        parts = []
        for part in shortcodes.parse(text, SHORTCODES):
            if isinstance(part, str) or (part.name in SHORTCODES and not part.closing):
                parts.append(part)
            elif part.closing:
                self.report("shortcode", f"[/{part.name}]", "closing tag removed")
            elif part.content is None:
                self.report("shortcode", f"[{part.name}]", "removed")
            elif depth >= _MAX_SHORTCODE_DEPTH:
                self.report("shortcode", f"[{part.name}]", "nested too deep, removed")
            else:
                self.report("shortcode", f"[{part.name}]", "unwrapped, content kept")
                parts.extend(self._shortcodes(part.content, depth + 1))
        return parts

    def shortcode(self, code):
        name, attrs = code.name, code.attrs
        if name in ("caption", "wp_caption"):
            self.caption(code)
        elif name == "gallery":
            ids = attrs.get("ids") or attrs.get("include")
            if ids:
                for attachment_id in _ids(ids):
                    self.add(*_image(ImageSource(attachment_id)))
            else:
                post_id = _ids(attrs.get("id", ""))
                exclude = tuple(_ids(attrs.get("exclude", "")))
                post = post_id[0] if post_id else None
                self.add("attached_images", AttachedImages(post, exclude))
        elif name == "embed":
            self.embed(_plain(code.content or ""), "", "[embed]")
        elif name in ("audio", "video"):
            keys = _AUDIO_KEYS if name == "audio" else _VIDEO_KEYS
            url = next((attrs[key] for key in keys if attrs.get(key)), "")
            if not url and code.positional:
                url = code.positional[0]  # [audio https://…/file.mp3]
            self.embed(url, "", f"[{name}]")
        else:  # playlist: a player for the post's audio, nothing to show
            self.report("shortcode", f"[{name}]", "removed")

    def caption(self, code):
        """``[caption]<img …> text[/caption]``, or the older form with the
        text in ``caption="…"``: one image block with its caption."""
        # Shortcodes inside a caption have nothing to show in its text.
        content = "".join(
            part
            for part in shortcodes.parse(code.content or "", SHORTCODES)
            if isinstance(part, str)
        )
        images = _IMG.findall(content)
        caption = _plain(code.attrs.get("caption") or _IMG.sub("", content))
        if not images:
            self.report("shortcode", "[caption]", "no image inside, text kept")
            self.text(html.escape(caption), paragraphs=False)
            return
        source = _image_source(images[0])
        if source is not None and source.attachment_id is None:
            found = _ATTACHMENT.search(code.attrs.get("id", ""))
            if found:
                source = replace(source, attachment_id=int(found.group(1)))
        self.image(source, caption)

    # Text, in WordPress's order

    def text(self, text, paragraphs):
        """Add *text*: page and "more" markers, URLs alone on a line, then
        (for classic bodies) automatic paragraphs."""
        text = _PAGE_BREAK_AROUND.sub("<!--nextpage-->", text)
        done = 0
        for marker in _MARKER.finditer(text):
            self._lines(text[done : marker.start()], paragraphs)
            self.marker(marker.group(1))
            done = marker.end()
        self._lines(text[done:], paragraphs)

    def _lines(self, text, paragraphs):
        # A line break inside a tag is not the end of a line.
        text = _TAG.sub(lambda tag: tag.group().replace("\n", " "), text)
        done = 0
        for line in _URL_LINE.finditer(text):
            self.html(text[done : line.start()], paragraphs)
            self.embed(line.group(1), "", "URL")
            done = line.end()
        self.html(text[done:], paragraphs)

    def html(self, source, paragraphs=False):
        """Add the blocks of HTML *source*: images and lone URLs where they
        stand, everything else through sanitise.blocks_from_html."""
        if paragraphs:
            source = autop(source)
        if not source.strip():
            return
        done = figure_end = 0
        for match in _MEDIA.finditer(source):
            if match.start() < done:
                continue
            if match.group("p"):
                self.html_only(source[done : match.start()])
                self.embed(match.group("url"), "", "URL")
                done = match.end()
            elif match.group("img"):
                self.html_only(source[done : match.start()])
                self.image(_image_source(match.group()), "")
                done = match.end()
            else:
                # The first </figure> after it (remembered: figures can be
                # many and unclosed) ends it; an inner figure ends first.
                if figure_end is not None and figure_end < match.end():
                    end = _FIGURE_END.search(source, match.end())
                    figure_end = end.start() if end else None
                if figure_end is None:
                    continue
                inside = source[match.end() : figure_end]
                images = _IMG.findall(inside)
                if not images:
                    continue
                self.html_only(source[done : match.start()])
                caption = _FIGCAPTION.search(inside)
                caption = _plain(caption.group(1)) if caption else ""
                for image in images:
                    self.image(_image_source(image), caption)
                    caption = ""  # one caption, the first image's
                done = _FIGURE_END.match(source, figure_end).end()
        self.html_only(source[done:])

    def html_only(self, source):
        # Markup without text (what is left between images) makes no block.
        if _TAG.sub("", source).strip():
            self.body.blocks.extend(blocks_from_html(source))

    def image(self, source, caption):
        if source is None:
            self.report("image", "<img>", "dropped: no http(s) address")
        else:
            self.add(*_image(source, caption))

    def embed(self, url, title, where):
        url = html.unescape(url.strip())
        if not _is_web_address(url):
            self.report("embed", where, "dropped: no http(s) address")
        else:
            self.add("embed", {"url": url, "title": title})

    # Blocks

    def block(self, block):
        """Add the blocks made of one block-editor *block*."""
        name = block.name
        if name in _TEXT_BLOCKS:
            self.content(block.html(), paragraphs=False)
        elif name in _LAYOUT_BLOCKS:
            if name == "core/cover":
                self.cover(block)
            self.layout(block)
        elif name == "core/image":
            self.image_block(block)
        elif name == "core/gallery":
            self.gallery_block(block)
        elif name == "core/embed" or name.startswith("core-embed/"):
            self.embed_block(block)
        elif name in ("core/audio", "core/video"):
            self.media_block(block)
        elif name == "core/html":
            self.report("block", name, "kept as sanitised HTML")
            self.content(block.html(), paragraphs=False)
        elif name == "core/shortcode":
            self.content(block.html(), paragraphs=True)
        elif name in ("core/more", "core/nextpage"):
            self.marker(name.removeprefix("core/"))
        elif name not in _DROPPED_BLOCKS:
            before = len(self.body.blocks)
            self.layout(block)
            kept = len(self.body.blocks) > before
            self.report(
                "block",
                name,
                "kept as sanitised HTML" if kept else "dropped: no content stored",
            )

    def layout(self, block):
        for part in block.inner:
            if isinstance(part, str):
                self.content(part, paragraphs=False)
            else:
                self.block(part)

    def cover(self, block):
        """A cover's picture: an ``<img>`` in newer markup (found where it
        stands), only the ``url`` attribute in older markup."""
        url = block.attrs.get("url")
        if isinstance(url, str) and not _IMG.search(block.html()):
            self.image(_checked(_int(block.attrs.get("id")), url, ""), "")

    def image_block(self, block):
        before = len(self.body.blocks)
        self.content(block.html(), paragraphs=False)
        attachment_id = _int(block.attrs.get("id"))
        images = [
            index
            for index in range(before, len(self.body.blocks))
            if self.body.blocks[index][0] == "image"
        ]
        if not images:
            if attachment_id is None:
                self.report("block", block.name, "dropped: no image in it")
            else:
                self.add(*_image(ImageSource(attachment_id)))
        elif attachment_id is not None:
            value = self.body.blocks[images[0]][1]
            value["image"] = replace(value["image"], attachment_id=attachment_id)

    def gallery_block(self, block):
        """Newer galleries hold image blocks; older ones their HTML, or only
        the ``ids`` attribute."""
        before = len(self.body.blocks)
        self.layout(block)
        if not any(kind == "image" for kind, _ in self.body.blocks[before:]):
            ids = block.attrs.get("ids") or []
            for attachment_id in (_int(i) for i in ids if _int(i) is not None):
                self.add(*_image(ImageSource(attachment_id)))

    def embed_block(self, block):
        source = block.html()
        url = block.attrs.get("url")
        if not isinstance(url, str) or not url:
            found = _BARE_URL.search(_TAG.sub(" ", _FIGCAPTION.sub("", source)))
            url = found.group() if found else ""
        caption = _FIGCAPTION.search(source)
        self.embed(url, _plain(caption.group(1)) if caption else "", block.name)

    def media_block(self, block):
        source = block.html()
        url = ""
        for tag in _MEDIA_SOURCE.findall(source):
            url = _tag_attributes(tag).get("src", "")
            if url:
                break
        caption = _FIGCAPTION.search(source)
        self.embed(url, _plain(caption.group(1)) if caption else "", block.name)


def _tag_attributes(tag):
    """The attributes of one HTML start tag, names lower-cased, values
    unescaped."""
    attrs = {}
    inside = tag[_TAG_NAME.match(tag).end() : -1]
    for match in _TAG_ATTRIBUTE.finditer(inside):
        name = match.group(1).lower()
        value = next((g for g in match.groups()[1:] if g is not None), "")
        attrs.setdefault(name, html.unescape(value))
    return attrs


def _image_source(tag):
    """An :class:`ImageSource` for an ``<img>`` tag, or None when its
    address is not a web address (``data:``, ``javascript:``)."""
    attrs = _tag_attributes(tag)
    found = _WP_IMAGE.search(attrs.get("class", ""))
    attachment_id = int(found.group(1)) if found else _int(attrs.get("data-id"))
    return _checked(attachment_id, attrs.get("src", ""), _plain(attrs.get("alt", "")))


def _checked(attachment_id, url, alt):
    url = url.strip()
    if url.startswith("//"):
        url = "https:" + url
    if _is_web_address(url) or url.startswith("/"):
        return ImageSource(attachment_id, url, alt)
    if attachment_id is not None and not url:
        return ImageSource(attachment_id, "", alt)
    return None


def _is_web_address(url):
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _plain(source):
    """The text of HTML *source*, through nh3, on one line."""
    text = html.unescape(nh3.clean(source, tags=set()))
    return " ".join(text.split())


def _ids(value):
    """The numbers in a list of ids such as ``"7,8,6"``; the first thousand,
    which is more than any real gallery and bounds a hostile one."""
    return [int(part) for part in re.findall(r"\d+", str(value))[:1000]]


def _int(value):
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value > 0 else None
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    return None
