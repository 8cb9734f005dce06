"""Decode WordPress slugs, and encode them back.

WordPress stores a non-ASCII slug percent-encoded with lower-case escapes
(``%d8%b3%d9%8a…``) and cuts it at 200 *encoded* characters, about 33
Arabic letters. The cut can fall inside a letter's escapes when something
other than ``sanitize_title`` (a plugin, an older WordPress, the database
column) shortened it, so a broken tail is dropped, never shown as ``�``.

Slugs also lose the invisible characters that titles keep: bidi controls
and zero-width characters (a Persian ZWNJ, a right-to-left mark typed
into a headline) mean nothing in a URL and make two equal-looking slugs
differ. They are removed from slugs only, never from text.
"""

import re
from urllib.parse import quote, unquote_to_bytes

#: Bidi controls (LRM, RLM, embeddings, overrides, isolates) and
#: zero-width characters (space, non-joiner, joiner, BOM).
INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_CUT_ESCAPE = re.compile(r"%[0-9A-Fa-f]?\Z")
_LONE = re.compile("[\udc80-\udcff]")
#: WordPress's limit on a stored slug, counted in encoded characters.
SLUG_LENGTH = 200
# What sanitize_title() leaves unescaped in a slug.
_SLUG_SAFE = "-_"


def decode_slug(stored):
    """The readable form of a slug as WordPress stored it.

    >>> decode_slug("%d8%ae%d8%a8%d8%b1-%D8%B9%D8%A7%D8%AC%D9%84")
    'خبر-عاجل'
    >>> decode_slug("%d8%ae%d8%a8%d8%b1-%d8")  # cut inside a letter
    'خبر-'
    """
    text = _CUT_ESCAPE.sub("", stored.strip())
    raw = unquote_to_bytes(text)
    decoded = raw.decode("utf-8", "surrogateescape")
    # Bytes that are not UTF-8: a letter cut at the end is dropped; one
    # in the middle is a slug WordPress did not write, kept escaped.
    decoded = re.sub("[\udc80-\udcff]+\\Z", "", decoded)
    decoded = _LONE.sub(lambda m: f"%{ord(m.group()) - 0xDC00:02x}", decoded)
    return clean_slug(decoded)


def encode_slug(slug):
    """*slug* as WordPress stores it: UTF-8 percent-encoded with lower-case
    escapes, cut at :data:`SLUG_LENGTH` encoded characters between two
    letters (never inside one's escapes).

    >>> encode_slug("خبر-عاجل")
    '%d8%ae%d8%a8%d8%b1-%d8%b9%d8%a7%d8%ac%d9%84'
    >>> decode_slug(encode_slug("خبر-عاجل"))
    'خبر-عاجل'
    """
    encoded, length = [], 0
    for letter in clean_slug(slug):
        escaped = quote(letter, safe=_SLUG_SAFE).lower()
        if length + len(escaped) > SLUG_LENGTH:
            break
        encoded.append(escaped)
        length += len(escaped)
    return "".join(encoded)


def clean_slug(slug):
    """*slug* without bidi controls and zero-width characters."""
    return INVISIBLE.sub("", slug)
