"""Read the block editor's markup: HTML with ``<!-- wp:… -->`` comments.

The block editor stores a post as the HTML WordPress shows, with each block
between ``<!-- wp:name {"json": "attributes"} -->`` and
``<!-- /wp:name -->`` (or one ``<!-- wp:name /-->`` for a block with no
HTML of its own, such as a latest-posts list), blocks nested inside blocks.
A name without a namespace is a core block: ``wp:paragraph`` is
``core/paragraph``. HTML outside any block ("freeform") is what the
Classic block holds.

Exported posts are not always well formed (plugins write markup, people
edit it by hand), so the parser never fails: a closing comment with no
opening one is ignored, one that closes a block further out also closes
the blocks inside it, blocks still open at the end are closed there,
attributes that are not a JSON object are read as none, and nesting deeper
than :data:`MAX_DEPTH` is flattened into its parent. Each repair is listed
in ``problems``. The scan visits every comment once.
"""

import json
import re
from dataclasses import dataclass, field

#: Blocks nested deeper than this are read as part of their parent.
MAX_DEPTH = 64
_DELIMITER = re.compile(
    r"\s+(/)?wp:([a-z][a-z0-9_-]*(?:/[a-z][a-z0-9_-]*)?)\s+(?:(\{.*\})\s+)?(/)?",
    re.S,
)


@dataclass
class Block:
    """One block: its full name, attributes, and its inner HTML and inner
    blocks in the order they appear."""

    name: str
    attrs: dict = field(default_factory=dict)
    inner: list = field(default_factory=list)  # str | Block

    def html(self) -> str:
        """The block's HTML with its inner blocks' HTML, comments removed."""
        return "".join(
            part if isinstance(part, str) else part.html() for part in self.inner
        )

    @property
    def blocks(self) -> list["Block"]:
        return [part for part in self.inner if isinstance(part, Block)]


def has_blocks(content: str) -> bool:
    """Whether *content* is block markup, by WordPress's own test."""
    return "<!-- wp:" in content


def parse(content: str) -> tuple[list, list[str]]:
    """The top level of *content* as freeform HTML strings and
    :class:`Block` objects, and a list of the repairs made."""
    top, stack, problems = [], [], []

    def add(part):
        (stack[-1].inner if stack else top).append(part)

    done = pos = 0
    while (start := content.find("<!--", pos)) != -1:
        end = content.find("-->", start + 4)
        if end == -1:
            break
        pos = end + 3
        match = _DELIMITER.fullmatch(content, start + 4, end)
        if match is None:
            continue  # an ordinary comment, such as <!--more-->
        if start > done:
            add(content[done:start])
        done = pos
        closing, name, attrs, void = match.groups()
        name = name if "/" in name else f"core/{name}"
        if closing:
            _close(stack, name, problems)
            continue
        block = Block(name, _attributes(attrs, name, problems))
        if void:
            add(block)
        elif len(stack) >= MAX_DEPTH:
            problems.append(f"{name}: nested too deep, read as part of its parent")
        else:
            add(block)
            stack.append(block)
    if done < len(content):
        add(content[done:])
    for block in reversed(stack):
        problems.append(f"{block.name}: not closed, closed at the end")
    return top, problems


def _close(stack, name, problems):
    for depth in range(len(stack) - 1, -1, -1):
        if stack[depth].name == name:
            for block in stack[depth + 1 :]:
                problems.append(f"{block.name}: not closed, closed by {name}")
            del stack[depth:]
            return
    problems.append(f"{name}: closing comment without an opening one, ignored")


def _attributes(source, name, problems):
    if source is None:
        return {}
    try:
        attrs = json.loads(source)
    except (ValueError, RecursionError):
        attrs = None
    if not isinstance(attrs, dict):
        problems.append(f"{name}: attributes are not a JSON object, ignored")
        return {}
    return attrs
