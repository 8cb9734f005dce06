"""The word lists the stemmer leans on, read once from khabar/arabic/data/.

``broken_plurals.tsv`` and ``words.txt`` are derived from the
Arramooz dictionary by :mod:`khabar.arabic.build_lexicon` (which says how
to rebuild them); ``protected_words.txt`` is written by hand. All three
hold normalised words, one per line (``#`` starts a comment).
"""

from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


def _lines(name):
    with open(DATA / name, encoding="utf-8") as lines:
        for line in lines:
            line = line.strip()
            if line and not line.startswith("#"):
                yield line


@cache
def words() -> frozenset:
    """Dictionary words that begin with و ف ب ك ل or end in ان ون ين ات
    as part of the word (وزير, لجنه, قانون)."""
    return frozenset(_lines("words.txt"))


@cache
def protected_words() -> frozenset:
    """Names that light stemming would mangle (لبنان is not لبن + ان)."""
    return frozenset(_lines("protected_words.txt"))


@cache
def broken_plural_pairs() -> tuple:
    """``(singular, plural)`` pairs, both normalised."""
    return tuple(tuple(line.split("\t")) for line in _lines("broken_plurals.tsv"))
