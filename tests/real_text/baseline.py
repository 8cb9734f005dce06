"""The search to beat: SQLite FTS5 with Lucene's Arabic analysis.

What a developer gets in an afternoon: words normalised as Lucene's
``ArabicNormalizer`` does and stemmed with Larkey's light10 as Lucene's
``ArabicStemmer`` does, in an FTS5 table of Python's own sqlite3 (in
memory, apart from Django's database), ranked by FTS5's ``bm25()``. A
query's words are ANDed; when nothing has them all, ORed.
"""

import re
import sqlite3

# A word as Lucene's StandardTokenizer sees it: letters and digits with
# the combining marks and tatweel that sit inside Arabic words.
_WORD = re.compile(
    r"[^\W_](?:[^\W_]|[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640])*"
)
# What ArabicNormalizer deletes: tatweel and the eight harakat (tanween,
# fatha, damma, kasra, shadda, sukun). Nothing else: not the superscript
# alef, not a detached hamza.
_DELETED = re.compile("[\u0640\u064b-\u0652]")
_FOLDED = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ى": "ي", "ة": "ه"})
# light10 as Lucene's ArabicStemmer has it: one prefix, the first that
# fits, then each suffix in this order while the word stays long enough.
PREFIXES = ("ال", "وال", "بال", "كال", "فال", "لل", "و")
SUFFIXES = ("ها", "ان", "ات", "ون", "ين", "يه", "ية", "ه", "ة", "ي")


def normalise(word: str) -> str:
    """Lucene's ArabicNormalizer (and its analyzer's lower-casing)."""
    return _DELETED.sub("", word).translate(_FOLDED).lower()


def stem(word: str) -> str:
    """Larkey's light10 on a normalised word.

    >>> stem("والمدارس"), stem("مدرستها"), stem("وقال")
    ('مدارس', 'مدرست', 'قال')
    """
    for prefix in PREFIXES:
        # و needs three letters left; the articles two.
        least = 3 if len(prefix) == 1 else 2
        if word.startswith(prefix) and len(word) - len(prefix) >= least:
            word = word[len(prefix) :]
            break
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            word = word[: -len(suffix)]
    return word


def terms(text: str) -> list[str]:
    """The stems of *text*'s words, in order."""
    return [stem(normalise(word)) for word in _WORD.findall(text)]


class Fts5Baseline:
    """An in-memory FTS5 index of *documents* (title and body columns),
    searched with :meth:`run`. Results are the documents' ids."""

    def __init__(self, documents):
        self.db = sqlite3.connect(":memory:")
        self.db.execute(
            "CREATE VIRTUAL TABLE docs USING fts5(title, body, "
            "tokenize = 'unicode61 remove_diacritics 0')"
        )
        self.db.executemany(
            "INSERT INTO docs (rowid, title, body) VALUES (?, ?, ?)",
            (
                (doc.id, " ".join(terms(doc.title)), " ".join(terms(doc.text)))
                for doc in documents
            ),
        )

    def run(self, text: str, k: int = 10) -> list[int]:
        """The ids of the best *k* documents for the query *text*."""
        words = list(dict.fromkeys(terms(text)))
        if not words:
            return []
        quoted = [f'"{word}"' for word in words]  # words hold no quotes
        for operator in (" AND ", " OR "):
            rows = self.db.execute(
                "SELECT rowid FROM docs WHERE docs MATCH ? "
                "ORDER BY bm25(docs), rowid LIMIT ?",
                (operator.join(quoted), k),
            ).fetchall()
            if rows:
                return [row[0] for row in rows]
        return []

    def close(self):
        self.db.close()
