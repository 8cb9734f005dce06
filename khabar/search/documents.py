"""What of an article is searched, as text and as analysed terms."""

import html
import re
from collections import Counter
from dataclasses import dataclass

from khabar.arabic.analyzer import Term, analyse

# Paragraph HTML is sanitised on the way in (nh3): tags are all there is to
# drop, and a regular expression does it fifty times faster than
# Django's strip_tags.
_BREAK = re.compile(r"<(?:br|/p|/li)\b[^>]*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
#: The fields of a document, in ranking order.
FIELDS = ("title", "summary", "body")
#: The index's statistics count a word as spelled and as its base under
#: these marks, apart from its stem (letters and digits only, unmarked).
EXACT_KEY = "="
BASE_KEY = "^"


def body_blocks(article):
    """The body's text as a reader sees it, one string per block."""
    texts = []
    for block in article.body.raw_data:
        value = block.get("value")
        kind = block.get("type")
        if kind == "paragraph":
            text = _TAG.sub("", _BREAK.sub(" ", value or ""))
            texts.append(html.unescape(text))
        elif kind == "subheading":
            texts.append(value or "")
        elif kind == "quotation" and isinstance(value, dict):
            texts.append(value.get("text") or "")
            texts.append(value.get("attribution") or "")
        elif kind == "image" and isinstance(value, dict):
            texts.append(value.get("caption") or "")
    return [text for text in texts if text.strip()]


def summary_text(article):
    return "\n".join(text for text in (article.kicker, article.summary) if text)


def padded(words):
    """`` a b c ``: a term list that instr()/strpos() can search for
    `` b `` without matching inside another word."""
    return f" {' '.join(words)} " if words else ""


@dataclass
class IndexEntry:
    """An article analysed for the index."""

    article_id: int
    section_id: int
    published: int
    key: int
    expires: int | None
    source_updated_at: object
    #: ``{field: [Term, …]}`` for title, summary and body.
    terms: dict

    def distinct(self, field):
        """The field's terms, each once, in order of first appearance (a
        word's spelling decides its whole analysis)."""
        cache = self.__dict__.setdefault("_distinct", {})
        if field not in cache:
            cache[field] = list({t.exact: t for t in self.terms[field]}.values())
        return cache[field]

    def head(self, field):
        """The padded exact, stem and variant lists of a head field."""
        terms = self.distinct(field)
        return (
            padded([t.exact for t in terms]),
            padded(dict.fromkeys(t.stem for t in terms)),
            padded(dict.fromkeys(v for t in terms for v in t.variants)),
        )

    def bases(self, field):
        """The field's words without what is written in front of them."""
        return list(dict.fromkeys(t.bare for t in self.distinct(field)))

    def row(self):
        """The SearchDocument columns, in the model's order."""
        return (
            self.article_id,
            self.key,
            self.section_id,
            self.published,
            self.expires,
            self.source_updated_at,
            *self.head("title"),
            *self.head("summary"),
            padded(self.bases("title")),
            padded(self.bases("summary")),
            *self.lengths(),
        )

    def lengths(self):
        """Words in the title, the summary and the body."""
        return tuple(len(self.terms[field]) for field in FIELDS)

    def keys(self):
        """What the index's document frequencies count of the document, in
        any field: its stems and variants, its words as spelled and their
        bases (marked)."""
        terms = [t for field in FIELDS for t in self.distinct(field)]
        keys = {s for t in terms for s in t.stems}
        keys.update([EXACT_KEY + t.exact for t in terms])
        keys.update([BASE_KEY + t.bare for t in terms])
        return keys

    def body_exact(self):
        """The body's words as spelled (normalised), each once."""
        return [t.exact for t in self.distinct("body")]

    def body_repeats(self, times):
        """The body's stems that occur at least *times* times."""
        if "_stem_counts" not in self.__dict__:
            self._stem_counts = Counter(t.stem for t in self.terms["body"])
        return [stem for stem, count in self._stem_counts.items() if count >= times]


def recency_key(published, article_id):
    """A number that orders documents by publication time, then id: the
    publication second, then the id's last 20 bits."""
    return (published << 20) | (article_id & 0xFFFFF)


def entry(article):
    """The :class:`IndexEntry` of a visible *article*."""
    expire_at = article.expire_at
    published = int(article.first_published_at.timestamp())
    return IndexEntry(
        article_id=article.pk,
        section_id=article.section_id,
        published=published,
        key=recency_key(published, article.pk),
        expires=int(expire_at.timestamp()) if expire_at else None,
        source_updated_at=article.updated_at,
        terms={
            "title": analyse(article.title),
            "summary": analyse(summary_text(article)),
            "body": analyse("\n".join(body_blocks(article))),
        },
    )


def stems(terms: list[Term]):
    return " ".join(term.stem for term in terms)


def variants(terms: list[Term]):
    return " ".join(v for term in terms for v in term.variants)
