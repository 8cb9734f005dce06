"""The best passage of a body, with the matched words marked.

Words are marked in the original text (a query ادلب marks إدلب, with its
hamza and harakat as written), since each word of the text is analysed
the way the index analysed it. Everything else is HTML-escaped.
"""

from django.utils.html import escape
from django.utils.safestring import mark_safe

from khabar.arabic.analyzer import analyse_word, words

#: Words in a snippet.
LENGTH = 30


def _matches(text, stems):
    """``[(start, end, matched)]`` for every word of *text*."""
    return [
        (
            start,
            end,
            any(s in stems for t in analyse_word(text[start:end]) for s in t.stems),
        )
        for start, end in words(text)
    ]


def _best_window(spans, length):
    """Index of the first word of the *length*-word window with the most
    matched words (the earliest of equals)."""
    hits = [1 if matched else 0 for _, _, matched in spans]
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


def snippet(blocks, stems, fallback="", length=LENGTH):
    """The *length*-word passage of *blocks* (texts) that matches most of
    *stems*, marked up; *fallback* (the summary) when none matches."""
    best = None
    for text in blocks:
        spans = _matches(text, stems)
        if not spans:
            continue
        first, score = _best_window(spans, length)
        if score > 0 and (best is None or score > best[0]):
            best = (score, text, spans, first)
    if best is None:
        text = fallback or (blocks[0] if blocks else "")
        spans = _matches(text, stems)
        first = 0
    else:
        _, text, spans, first = best
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
