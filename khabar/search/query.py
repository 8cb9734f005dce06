"""Read what a reader typed into a query: words, "phrases", -exclusions.

Everything a reader may type is accepted: FTS or SQL syntax (``*``,
``NEAR``, ``OR``, ``:``) is just punctuation or another word here, since
queries reach the database as lists of analysed terms, never as text.
"""

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from khabar.arabic.analyzer import Term, analyse

#: Longer queries are refused: nobody types them, and they cost.
MAX_LENGTH = 500
#: Words beyond these are ignored.
MAX_TERMS = 12
_PART = re.compile(r'(-?)"([^"]*)"?|(-?)([^\s"]+)')


class QueryError(ValueError):
    """A query that cannot be searched, with a message for the reader."""


@dataclass
class Query:
    """A parsed query."""

    text: str
    #: Words every result must contain (any one, in the fallback).
    terms: list[Term] = field(default_factory=list)
    #: Phrases: runs of terms that must stand together, in order.
    phrases: list[list[Term]] = field(default_factory=list)
    #: Words and phrases no result may contain.
    excluded: list[list[Term]] = field(default_factory=list)
    #: The unquoted words as typed, function words included: words side
    #: by side here rank higher side by side in an article.
    sequence: list[Term] = field(default_factory=list)

    @property
    def units(self):
        """Required units: each a word or a phrase."""
        return [[term] for term in self.terms] + self.phrases

    @property
    def scored_terms(self):
        """Every positive term once, for ranking: phrase words included,
        stop words only when there is nothing else."""
        seen, terms = set(), []
        candidates = self.terms + [t for phrase in self.phrases for t in phrase]
        content = [t for t in candidates if not t.is_stop_word] or candidates
        for term in content:
            if term.stem not in seen:
                seen.add(term.stem)
                terms.append(term)
        return terms

    @property
    def highlight_stems(self):
        """Stems and variants a snippet marks."""
        terms = self.terms + [t for phrase in self.phrases for t in phrase]
        return frozenset(s for term in terms for s in term.stems)


def parse(text: str) -> Query:
    """Parse *text*; raise :class:`QueryError` when nothing can be searched."""
    if "\ufffd" in text:
        raise QueryError(
            _("The search words are not valid text (UTF-8). Type them again.")
        )
    text = text.strip()
    if len(text) > MAX_LENGTH:
        raise QueryError(
            ngettext(
                "Search for at most %(count)d character.",
                "Search for at most %(count)d characters.",
                MAX_LENGTH,
            )
            % {"count": MAX_LENGTH}
        )
    query = Query(text)
    loose = []
    count = 0
    for match in _PART.finditer(text):
        negated = bool(match.group(1) or match.group(3))
        quoted = match.group(2) is not None
        terms = analyse(match.group(2) if quoted else match.group(4))
        if not terms:
            continue
        terms = terms[: max(0, MAX_TERMS - count)]
        count += len(terms)
        if negated:
            query.excluded.append(terms)
        elif quoted and len(terms) > 1:
            query.phrases.append(terms)
        else:
            loose.extend(terms)
        if count >= MAX_TERMS:
            break
    query.sequence = loose
    # Function words would match nearly everything: leave them out unless
    # they are all there is.
    content = [term for term in loose if not term.is_stop_word]
    unique = {}
    for term in content if (content or query.phrases) else loose:
        unique.setdefault(term.stem, term)
    query.terms = list(unique.values())
    if not query.units:
        if query.excluded:
            raise QueryError(
                _("Add a word to search for: excluded words alone find nothing.")
            )
        raise QueryError(_("Type a word to search for."))
    return query
