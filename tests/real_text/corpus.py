"""Which lines of arrand's corpus become documents, and in what form.

Four sources, in a mix like that of the held-back set of issue #15:

- ``news``: arrand's vocalised news paragraphs (data/vocalized/texts.txt,
  from a news site; arrand has no plain copy), stored vocalised;
- ``prose``: classical prose (data/texts.txt, al-Iqd al-Farid);
- ``fiqh``: al-Mudawwana (data/hadiths.txt); arrand ships it plain and
  vocalised, line for line, and half of its documents (chosen with a
  fixed seed) are stored vocalised, half plain; either way the vocalised
  line is kept, for queries pasted with harakat;
- ``proverb``: proverbs (data/proverbs.txt).

Lines that are empty, markup, links or shorter than the source's minimum
are skipped, and so is a line whose words (folded) repeat an earlier
document's. Everything is deterministic.
"""

import random
import re
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path

from tests.real_text.spelling import tokens

SEED = 2026
#: The PyPI distribution whose data folder holds the texts.
DISTRIBUTION = "arrand"
SOURCES = ("news", "prose", "fiqh", "proverb")
#: Fewest words a line needs to be a document.
MIN_WORDS = {"news": 6, "prose": 6, "fiqh": 6, "proverb": 3}
#: Words of a document that make its article's title.
TITLE_WORDS = 7
_MARKUP = re.compile(r"<[^>]*>")


@dataclass(frozen=True, slots=True)
class Document:
    """One paragraph of real text, stored as an article."""

    id: int
    source: str
    #: The text as the article holds it (vocalised or not).
    text: str
    #: A vocalised copy of the same words, when arrand has one.
    vocalised: str | None

    @property
    def title(self) -> str:
        return " ".join(self.text.split()[:TITLE_WORDS])[:255]

    @property
    def is_vocalised(self) -> bool:
        return self.vocalised is not None and self.text == self.vocalised


def data_folder() -> Path:
    """arrand's data folder, as installed (it installs as a top-level
    ``data`` package, so it is found through the distribution's files
    rather than imported)."""
    try:
        distribution = metadata.distribution(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        raise RuntimeError(
            "The real-text search evaluation reads the texts of the arrand "
            "package: pip install -e '.[test]' (or pip install arrand==0.2.0)."
        ) from None
    folder = Path(distribution.locate_file("data"))
    if not (folder / "texts.txt").is_file():
        raise RuntimeError(f"arrand's texts are not in {folder}; reinstall arrand.")
    return folder


def _lines(name):
    path = data_folder() / name
    with open(path, encoding="utf-8-sig") as lines:
        return [_MARKUP.sub(" ", line).strip() for line in lines]


def _candidates():
    """``(source, text, vocalised or None)`` for every line, in file order."""
    for line in _lines("vocalized/texts.txt"):
        yield "news", line, line
    for line in _lines("texts.txt"):
        yield "prose", line, None
    plain = _lines("hadiths.txt")
    vocalised = _lines("vocalized/hadiths.txt")
    # The vocalised file lacks the plain one's first line (a page header).
    choose = random.Random(f"{SEED}-fiqh")
    for line, voiced in zip(plain[1:], vocalised, strict=True):
        yield "fiqh", (voiced if choose.random() < 0.5 else line), voiced
    for line in _lines("proverbs.txt"):
        yield "proverb", line, None


@cache
def documents() -> tuple[Document, ...]:
    """The corpus, ids 0, 1, 2 … in the order of :data:`SOURCES`."""
    seen = set()
    found = []
    for source, text, vocalised in _candidates():
        if not text or "http" in text or "www." in text:
            continue
        words = tuple(tokens(text))
        if len(words) < MIN_WORDS[source] or words in seen:
            continue
        seen.add(words)
        found.append(Document(len(found), source, text, vocalised))
    return tuple(found)
