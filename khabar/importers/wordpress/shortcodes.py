"""Find WordPress shortcodes in post content, by WordPress's grammar.

WordPress expands only the shortcodes that some plugin registered, and an
export does not say which those were: ``[contact-form-7 id="5"]`` is a
shortcode on the site that ran the plugin, ``[sic]`` in a quotation never
was. So :func:`parse` follows WordPress's grammar for every name and then
decides, for names it was not told about, whether the bracket looks like
markup (see :func:`_looks_like_shortcode`); prose in brackets stays prose.

The grammar, as WordPress documents and parses it:

- ``[name attrs]``, ``[name attrs /]`` (self-closing) and
  ``[name attrs]content[/name]`` (enclosing: the content runs to the first
  ``[/name]``, so the same name does not nest);
- the opening tag ends at the first ``]``; a ``/`` just before it closes
  the shortcode;
- attributes are ``key="value"``, ``key='value'``, ``key=value``, or bare
  positional values, quoted or not; keys are case-insensitive;
- ``[[name]]`` (and ``[[name]…[/name]]``) is an escaped shortcode: the text
  ``[name]`` itself.

The scan is linear in the size of the text whatever it holds (brackets
nested ten thousand deep, a megabyte-long attribute): every search for a
``]``, a ``=`` or a closing tag is remembered and reused.
"""

import re
from dataclasses import dataclass, field

# ASCII names only: plugins name shortcodes so (contact-form-7, vc_row,
# et_pb_section), and Arabic words in brackets are prose.
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")
_SPACES = re.compile("[\u00a0\u200b]+")  # WordPress reads both as spaces
_ATTRIBUTE = re.compile(
    r"""([\w-]+)\s*=\s*"([^"]*)"(?:\s|$)"""
    r"""|([\w-]+)\s*=\s*'([^']*)'(?:\s|$)"""
    r"""|([\w-]+)\s*=\s*([^\s'"]+)(?:\s|$)"""
    r"""|"([^"]*)"(?:\s|$)"""
    r"""|'([^']*)'(?:\s|$)"""
    r"""|(\S+)(?:\s|$)"""
)


@dataclass
class Shortcode:
    """One shortcode as written: its name, attributes and content.

    ``content`` is None for a shortcode without a closing tag. A closing
    tag with no opening one comes as ``closing=True``, so that the caller
    can drop it rather than leave ``[/caption]`` in the text.
    """

    name: str
    attrs: dict[str, str] = field(default_factory=dict)
    positional: list[str] = field(default_factory=list)
    content: str | None = None
    closing: bool = False


def parse(text: str, known: frozenset[str] | set[str]) -> list[str | Shortcode]:
    """Cut *text* into text and the shortcodes at its top level.

    Names in *known* are always shortcodes; other names only when they
    look like one. The content of an enclosing shortcode is returned as
    written: parse it again to reach shortcodes nested inside.
    """
    return _Scanner(text, known).run()


def parse_attributes(text: str) -> tuple[dict[str, str], list[str]]:
    """The ``key=value`` attributes and the positional values in *text*."""
    attrs, positional = {}, []
    for match in _ATTRIBUTE.finditer(_SPACES.sub(" ", text)):
        groups = match.groups()
        for key, value in ((0, 1), (2, 3), (4, 5)):
            if groups[key] is not None:
                attrs[groups[key].lower()] = groups[value]
                break
        else:
            positional.append(next(g for g in groups[6:] if g is not None))
    return attrs, positional


def _looks_like_shortcode(name, has_equals, self_closing, has_closer):
    """Whether an unregistered ``[name …]`` is markup rather than prose.

    Plugins' names carry a ``-`` or ``_`` (contact-form-7, vc_row), and
    their shortcodes carry ``key=value`` attributes, close themselves or
    enclose content up to ``[/name]``. ``[sic]``, ``[1]`` or ``[simple
    boat]`` (prose in WordPress's own test data) have none of these.
    """
    return _plugin_name(name) or has_equals or self_closing or has_closer


def _plugin_name(name):
    return "-" in name or "_" in name


class _Scanner:
    def __init__(self, text, known):
        self.text = text
        self.known = known
        self.next_close = -2  # memo: first "]" at or after some position
        self.next_equals = -2
        self.closers = {}  # name -> position of the next "[/name]", or -1
        self.seen = set()  # names taken as shortcodes so far

    def run(self):
        text, parts, done, pos = self.text, [], 0, 0
        while True:
            pos = text.find("[", pos)
            if pos == -1:
                break
            found = self.shortcode_at(pos)
            if found is None:
                pos += 1
                continue
            start, end, part = found
            if start > done:
                parts.append(text[done:start])
            parts.append(part)
            done = pos = end
        if done < len(text):
            parts.append(text[done:])
        return _join_text(parts)

    def find_close(self, pos):
        if self.next_close != -1 and self.next_close < pos:
            self.next_close = self.text.find("]", pos)
        return self.next_close

    def find_equals(self, pos):
        if self.next_equals != -1 and self.next_equals < pos:
            self.next_equals = self.text.find("=", pos)
        return self.next_equals

    def find_closer(self, name, pos):
        found = self.closers.get(name, -2)
        if found != -1 and found < pos:
            found = self.text.find(f"[/{name}]", pos)
            self.closers[name] = found
        return found

    def shortcode_at(self, pos):
        """``(start, end, part)`` for a shortcode opening at *pos*, or None."""
        text = self.text
        escaped = text.startswith("[", pos + 1)
        name_at = pos + 2 if escaped else pos + 1
        closing = text.startswith("/", name_at)
        match = _NAME.match(text, name_at + closing)
        if match is None:
            return None
        name = match.group()
        close = self.find_close(match.end())
        if close == -1:
            return None
        if closing:
            if close != match.end() or not (
                name in self.known or name in self.seen or _plugin_name(name)
            ):
                return None
            return pos, close + 1, Shortcode(name, closing=True)
        between = text[match.end() : close]
        if between and not between[0].isspace() and between != "/":
            return None  # "[name" runs on into other characters: not a tag
        self_closing = between.endswith("/")
        closer = -1 if self_closing else self.find_closer(name, close + 1)
        if name not in self.known and not _looks_like_shortcode(
            name, -1 < self.find_equals(match.end()) < close, self_closing, closer != -1
        ):
            return None
        self.seen.add(name)
        end = close + 1
        content = None
        if closer != -1:
            content = text[end:closer]
            end = closer + len(name) + 3
        if escaped:
            if text.startswith("]", end):
                return pos, end + 1, text[pos + 1 : end]
            pos += 1  # "[[name]": the first bracket stays as text
        attrs, positional = parse_attributes(between.removesuffix("/"))
        return pos, end, Shortcode(name, attrs, positional, content)


def _join_text(parts):
    """*parts* with neighbouring strings joined (escapes give strings)."""
    joined = []
    for part in parts:
        if isinstance(part, str) and joined and isinstance(joined[-1], str):
            joined[-1] += part
        else:
            joined.append(part)
    return joined
