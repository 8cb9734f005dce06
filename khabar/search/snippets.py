"""The best passage of a body, with the matched words marked.

Words are marked in the original text (a query ادلب marks إدلب, with its
hamza and harakat as written), since each word of the text is analysed
the way the index analysed it. Everything else is HTML-escaped.
"""

from django.utils.html import escape
from django.utils.safestring import mark_safe

from khabar.arabic.analyzer import WORD, word_stems

#: Words in a snippet.
LENGTH = 30


def _matched(word, stems, known):
    """Whether *word* analyses to one of *stems*. *known* (``{word:
    matched}``, filled here) spares analysing a word twice: a body repeats
    most of its words, and ten snippets of one query share theirs."""
    matched = known.get(word)
    if matched is None:
        matched = known[word] = not stems.isdisjoint(word_stems(word))
    return matched


def _matches(text, stems, known=None):
    """``[(start, end, matched)]`` for every word of *text*."""
    known = {} if known is None else known
    return [
        (match.start(), match.end(), _matched(match.group(), stems, known))
        for match in WORD.finditer(text)
    ]


def _places(words, stems, known):
    """The indices of the *words* that match *stems*: what choosing the
    passage needs. Each new word is analysed once (*known*); the rest is
    set and list work, since ten bodies hold some 6,000 words."""
    for word in set(words).difference(known):
        _matched(word, stems, known)
    return [n for n, word in enumerate(words) if known[word]]


def _best_window(places, count, length):
    """``(first, matched)``: the first word of the *length*-word window,
    among those of a text of *count* words, holding the most of the
    matched words at *places* (ascending), the earliest of equals, and
    how many it holds."""
    best, first = 0, 0
    end = 0
    for start, place in enumerate(places):
        while end < len(places) and places[end] < place + length:
            end += 1
        if end - start > best:
            best = end - start
            # The earliest window holding places[start:end]: one ending
            # at its last word, inside the text.
            last = places[end - 1]
            first = max(0, min(last - length + 1, count - length))
    return first, best


def snippet(blocks, stems, fallback="", length=LENGTH, known=None):
    """The *length*-word passage of *blocks* (texts) that matches most of
    *stems* (a frozenset), marked up; *fallback* (the summary) when none
    matches. *known*: see :func:`_matches` (one dict for one query's
    snippets)."""
    known = {} if known is None else known
    best = None
    for text in blocks:
        words = WORD.findall(text)
        first, score = _best_window(_places(words, stems, known), len(words), length)
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
