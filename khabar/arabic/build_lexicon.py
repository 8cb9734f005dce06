"""Derive the search lexicon in khabar/arabic/data/ from Arramooz.

Not used at run time: it rebuilds the two files the stemmer reads, from
the noun and verb tables of the Arramooz dictionary (Taha Zerrouki,
GPL-3.0, https://github.com/linuxscout/arramooz), as shipped in the
``arramooz-pysqlite`` wheel on PyPI::

    pip download --no-deps -d /tmp/arramooz arramooz-pysqlite==0.4.2
    cd /tmp/arramooz && unzip -q arramooz_pysqlite-0.4.2-py3-none-any.whl
    python -m khabar.arabic.build_lexicon \\
        /tmp/arramooz/arramooz/data/arabicdictionary.sqlite

Both files hold words in normalised spelling (no stems), so that a change
of the stemmer needs no rebuild:

- ``broken_plurals.tsv``: a singular and one of its broken plurals per
  line (مدرسه → مدارس, سجن → سجون), from the nouns' ``broken_plural``
  column;
- ``words.txt``: every noun and verb that begins with one of the letters
  و ف ب ك ل or ends in ان ون ين ات, so that the stemmer knows that وزير
  and لجنه are words, not و+زير and ل+جنه, and that قانون is not قان+ون.
"""

import argparse
import re
import sqlite3
import sys
from pathlib import Path

from khabar.arabic.normalise import normalise

DATA = Path(__file__).resolve().parent / "data"
# Labels inside the broken_plural column ("ج:", "جج:", "مؤ:", "مثنى:").
_LABELS = {"ج", "جج", "مو", "مثني", "مثناها", "جمع"}
_WORD = re.compile(r"[\u0621-\u064a]+")
_PROCLITICS = tuple("وفبكل")
_SUFFIXES = ("ان", "ون", "ين", "ات")


def _first_word(text):
    for word in _WORD.findall(normalise(text)):
        if word not in _LABELS:
            return word
    return None


def plurals_of(field):
    """The broken plurals named in one ``broken_plural`` cell."""
    found = []
    for item in field.split(";"):
        if ":" in item:
            left, _, right = item.partition(":")
            label = normalise(left).strip()
            item = right if label in _LABELS or label.startswith("جمع") else left
        word = _first_word(item)
        if word and word not in found:
            found.append(word)
    return found


def build(dictionary):
    connection = sqlite3.connect(f"file:{dictionary}?mode=ro", uri=True)
    pairs = set()
    rows = connection.execute(
        "SELECT unvocalized, broken_plural FROM nouns "
        "WHERE broken_plural IS NOT NULL AND broken_plural != ''"
    )
    for singular, field in rows:
        singular = normalise(singular)
        if len(singular) < 2:
            continue
        for plural in plurals_of(field):
            if len(plural) >= 3 and plural != singular:
                pairs.add((singular, plural))
    words = set()
    for table in ("nouns", "verbs"):
        for (word,) in connection.execute(f"SELECT unvocalized FROM {table}"):
            word = normalise(word or "")
            if len(word) >= 3 and (
                word.startswith(_PROCLITICS) or word.endswith(_SUFFIXES)
            ):
                words.add(word)
    connection.close()
    return sorted(pairs), sorted(words)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dictionary", help="Arramooz's arabicdictionary.sqlite")
    options = parser.parse_args(argv)
    pairs, words = build(options.dictionary)
    header = "# Derived from Arramooz (GPL-3.0) by khabar.arabic.build_lexicon.\n"
    with open(DATA / "broken_plurals.tsv", "w", encoding="utf-8") as out:
        out.write(header)
        out.writelines(f"{singular}\t{plural}\n" for singular, plural in pairs)
    with open(DATA / "words.txt", "w", encoding="utf-8") as out:
        out.write(header)
        out.writelines(f"{word}\n" for word in words)
    sys.stdout.write(f"{len(pairs)} singular/plural pairs, {len(words)} words.\n")


if __name__ == "__main__":
    main()
