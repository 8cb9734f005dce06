"""The best passage of a body, with the matched words marked.

Words are marked in the original text (a query ادلب marks إدلب, with its
hamza and harakat as written), since each word of the text is analysed
the way the index analysed it. Everything else is HTML-escaped.
"""

from django.utils.html import escape
from django.utils.safestring import mark_safe

from khabar.arabic.analyzer import WORD, analyse_word

#: Words in a snippet.
LENGTH = 30


def _matched(word, stems, known):
    """Whether *word* analyses to one of *stems*. *known* (``{word:
    matched}``, filled here) spares analysing a word twice: a body repeats
    most of its words, and ten snippets of one query share theirs."""
    matched = known.get(word)
    if matched is None:
        matched = known[word] = any(
            not stems.isdisjoint(term.stems) for term in analyse_word(word)
        )
    return matched


def _matches(text, stems, known=None):
    """``[(start, end, matched)]`` for every word of *text*."""
    known = {} if known is None else known
    return [
        (match.start(), match.end(), _matched(match.group(), stems, known))
        for match in WORD.finditer(text)
    ]


def _flags(text, stems, known):
    """Whether each word of *text* matches *stems*, as a list: what
    choosing the passage needs, without the words' places."""
    return [_matched(word, stems, known) for word in WORD.findall(text)]


def _best_window(hits, length):
    """Index of the first word of the *length*-word window with the most
    matched words (the earliest of equals), and their number; *hits*
    says whether each word matched."""
    best, best_score = 0, -1
    score = sum(hits[:length])
    for first in range(max(1, len(hits) - length + 1)):
        if first:
            score += hits[first + length - 1] if first + length - 1 < len(hits) else 0
            score -= hits[first - 1]
        if score > best_score:
            best, best_score = first, score
    return best, best_score


def highlight(text, stems):
    """*text*, escaped, with the words matching *stems* in ``<mark>``."""
    out, last = [], 0
    for start, end, matched in _matches(text, stems):
        if matched:
            out.append(escape(text[last:start]))
            out.append(f"<mark>{escape(text[start:end])}</mark>")
            last = end
    out.append(escape(text[last:]))
    return mark_safe("".join(out))


def snippet(blocks, stems, fallback="", length=LENGTH, known=None):
    """The *length*-word passage of *blocks* (texts) that matches most of
    *stems* (a frozenset), marked up; *fallback* (the summary) when none
    matches. *known*: see :func:`_matches` (one dict for one query's
    snippets)."""
    known = {} if known is None else known
    best = None
    for text in blocks:
        hits = _flags(text, stems, known)
        if not hits:
            continue
        first, score = _best_window(hits, length)
        if score > 0 and (best is None or score > best[0]):
            best = (score, text, first)
    if best is None:
        text = fallback or (blocks[0] if blocks else "")
        first = 0
    else:
        _, text, first = best
    spans = _matches(text, stems, known)
    if not spans:
        return mark_safe("")
    window = spans[first : first + length]
    start, end = window[0][0], window[-1][1]
    out = []
    if first > 0:
        out.append("… ")
    last = start
    for word_start, word_end, matched in window:
        if matched:
            out.append(escape(text[last:word_start]))
            out.append(f"<mark>{escape(text[word_start:word_end])}</mark>")
            last = word_end
    out.append(escape(text[last:end]))
    if first + length < len(spans):
        out.append(" …")
    return mark_safe("".join(out))
