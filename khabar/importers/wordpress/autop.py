"""WordPress's automatic paragraphs (``wpautop``) for classic post bodies.

The classic editor stores text as typed: a blank line between paragraphs
and no ``<p>``. WordPress adds the paragraphs when it shows the post, by
these documented rules, which :func:`autop` follows:

- a blank line (two or more line breaks) ends a paragraph; two ``<br>`` in a
  row count as one;
- a single line break inside a paragraph becomes ``<br />``, except next to
  a block-level tag;
- block-level tags (the list below) are never wrapped in a paragraph, and
  they end the paragraph around them as a blank line would;
- ``<pre>`` keeps its text exactly, line breaks included;
- line breaks inside a tag (an attribute spread over lines) are not text.

Its output still goes through nh3 (khabar/importers/sanitise.py), which
mends whatever nesting the rules leave odd, as browsers do for WordPress.
"""

import re

# The block-level tags of WordPress's list; they never sit inside a <p>.
_BLOCK = (
    r"(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt"
    r"|ul|ol|li|pre|form|map|area|blockquote|address|math|style|p|h[1-6]|hr"
    r"|fieldset|legend|section|article|aside|hgroup|header|footer|nav|figure"
    r"|figcaption|details|menu|summary)"
)
_OPENING = re.compile(rf"(<{_BLOCK}[\s/>])", re.I)
_CLOSING = re.compile(rf"(</{_BLOCK}>)", re.I)
_STARTS_WITH_BLOCK = re.compile(rf"\s*</?{_BLOCK}[\s/>]", re.I)
_ENDS_WITH_BLOCK = re.compile(rf"</?{_BLOCK}(?:\s[^<>]*)?/?>\s*$", re.I)
_TWO_BREAKS = re.compile(r"<br\s*/?>\s*<br\s*/?>", re.I)
_TAG = re.compile(r"<[^<>]*>")
_BLANK_LINES = re.compile(r"\n\s*\n")
_PRE_START = re.compile(r"<pre[\s>]", re.I)
_PRE_END = re.compile(r"</pre>", re.I)
_KEPT = "\ue000{}\ue001"  # private-use characters: never in a post
_KEPT_AGAIN = re.compile("\ue000(\\d+)\ue001")


def autop(text: str) -> str:
    """Return *text* with WordPress's paragraphs and line breaks as HTML."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        return ""
    text, kept = _keep_pre(text)
    text = _TWO_BREAKS.sub("\n\n", text)
    text = _OPENING.sub(r"\n\n\1", text)
    text = _CLOSING.sub(r"\1\n\n", text)
    text = _TAG.sub(lambda tag: tag.group().replace("\n", " "), text)
    paragraphs = []
    for chunk in _BLANK_LINES.split(text):
        chunk = chunk.strip()
        if chunk:
            paragraphs.append(_paragraph(chunk))
    html = "\n".join(paragraphs)
    return _KEPT_AGAIN.sub(lambda m: kept[int(m.group(1))], html)


def _paragraph(chunk):
    """One blank-line-separated chunk: wrapped in ``<p>`` unless it starts
    or ends with a block tag, its line breaks turned into ``<br />``."""
    if _KEPT_AGAIN.fullmatch(chunk):
        return chunk
    lines = [line.strip() for line in chunk.split("\n")]
    parts = [lines[0]]
    for before, after in zip(lines, lines[1:], strict=False):
        block = _ENDS_WITH_BLOCK.search(before) or _STARTS_WITH_BLOCK.match(after)
        parts.append("\n" if block else "<br />\n")
        parts.append(after)
    html = "".join(parts)
    opening = "" if _STARTS_WITH_BLOCK.match(html) else "<p>"
    closing = "" if _ENDS_WITH_BLOCK.search(html) else "</p>"
    return f"{opening}{html}{closing}"


def _keep_pre(text):
    """*text* with each ``<pre>…</pre>`` replaced by a placeholder, and the
    list of what was replaced. An unclosed ``<pre>`` is left as it is."""
    kept, parts, pos = [], [], 0
    while (start := _PRE_START.search(text, pos)) is not None:
        end = _PRE_END.search(text, start.end())
        if end is None:
            break
        parts.append(text[pos : start.start()])
        parts.append("\n\n" + _KEPT.format(len(kept)) + "\n\n")
        kept.append(text[start.start() : end.end()])
        pos = end.end()
    parts.append(text[pos:])
    return "".join(parts), kept
