"""What of an article is searched, as text and as analysed terms."""

import html
from dataclasses import dataclass

from django.utils.html import strip_tags

from khabar.arabic.analyzer import Term, analyse

#: The fields of a document, in ranking order.
FIELDS = ("title", "summary", "body")


def body_blocks(article):
    """The body's text as a reader sees it, one string per block."""
    texts = []
    for block in article.body.raw_data:
        value = block.get("value")
        kind = block.get("type")
        if kind == "paragraph":
            texts.append(html.unescape(strip_tags(value or "")))
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
    expires: int | None
    source_updated_at: object
    #: ``{field: [Term, …]}`` for title, summary and body.
    terms: dict

    def head(self, field):
        """The padded exact, stem and variant lists of a head field."""
        terms = self.terms[field]
        return (
            padded(dict.fromkeys(t.exact for t in terms)),
            padded(dict.fromkeys(t.stem for t in terms)),
            padded(dict.fromkeys(v for t in terms for v in t.variants)),
        )

    def row(self):
        """The SearchDocument columns, in the model's order."""
        return (
            self.article_id,
            self.section_id,
            self.published,
            self.expires,
            self.source_updated_at,
            *self.head("title"),
            *self.head("summary"),
        )


def entry(article):
    """The :class:`IndexEntry` of a visible *article*."""
    expire_at = article.expire_at
    return IndexEntry(
        article_id=article.pk,
        section_id=article.section_id,
        published=int(article.first_published_at.timestamp()),
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
