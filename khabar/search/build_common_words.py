"""Derive khabar/search/data/common_stems.txt from wordfreq's Arabic list.

Not used at run time: it rebuilds the list of the language's most frequent
stems that the PostgreSQL index pairs with their neighbours ("common
grams", see backends/postgres.py). The frequencies are those of wordfreq
(Robyn Speer; code Apache-2.0, data CC BY-SA 4.0, gathered from
Wikipedia, subtitles, news, web text and social media), as shipped in its
wheel on PyPI; wordfreq is not a dependency of Khabar::

    python -m venv /tmp/wordfreq && /tmp/wordfreq/bin/pip install wordfreq==3.1.1
    PYTHONPATH=. /tmp/wordfreq/bin/python -m khabar.search.build_common_words

Each word of the list goes through Khabar's analyzer and its frequency
counts for its stem, so that the file holds stems as the index writes
them (وزير, وزيره and الوزير are one stem). Numbers are left out (wordfreq
writes their digits as 0). A change of the stemmer, or of the list, needs
``khabar reindex --full`` on PostgreSQL.
"""

import argparse
import sys
from collections import Counter
from pathlib import Path

from khabar.arabic.analyzer import analyse

FILE = Path(__file__).resolve().parent / "data" / "common_stems.txt"
#: Stems kept: see docs/search.md (The index) for why this many.
COUNT = 300


def common_stems(frequencies, count=COUNT):
    """The *count* most frequent stems of *frequencies* (``{word: share}``),
    most frequent first."""
    by_stem = Counter()
    for word, share in frequencies.items():
        for term in analyse(word):
            if not any(char.isdigit() for char in term.stem):
                by_stem[term.stem] += share
    return [stem for stem, _ in by_stem.most_common(count)]


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=COUNT)
    parser.add_argument("--output", type=Path, default=FILE)
    options = parser.parse_args(argv)
    try:
        import wordfreq
    except ImportError:
        sys.exit("wordfreq is not installed: see this module's docstring.")
    stems = common_stems(
        wordfreq.get_frequency_dict("ar", wordlist="large"), options.count
    )
    options.output.write_text("\n".join(stems) + "\n", encoding="utf-8")
    sys.stdout.write(f"{len(stems)} stems written to {options.output}\n")


if __name__ == "__main__":
    main()
