"""Fold Arabic (and Latin) spelling variants so that search can ignore them.

Readers type أحمد as احمد, مدرسة as مدرسه, paste words with harakat or
tatweel, and write digits in whichever script their keyboard has. One
function, :func:`normalise`, maps all of those spellings of a word to one
form; the search index and the query both go through it.
"""

import re
import unicodedata

# Kept out of words entirely: tatweel (U+0640) and format characters
# (zero-width joiners, bidi controls, soft hyphen, BOM, Arabic letter mark).
_INVISIBLE = re.compile(
    "[\u0640\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064"
    "\u2066-\u2069\ufeff]"
)
# What NFKD leaves as separate combining marks: harakat (U+064B-U+065F),
# superscript alef (U+0670), Quranic annotation marks and Latin accents,
# and the hamza above/below and maddah that NFKD splits off أ إ آ ؤ ئ.
_MARKS = re.compile(r"[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
# The alef that carries an accusative tanween (موسماً) is spelling, not a
# letter of the word: موسماً is the word موسم.
_TANWEEN_ALEF = re.compile("(?:\u064b\u0627|\u0627\u064b)(?![^\\W_])")
_LETTERS = str.maketrans(
    {
        "\u0671": "\u0627",  # ٱ alef wasla → ا
        "\u0672": "\u0627",  # ٲ
        "\u0673": "\u0627",  # ٳ
        "\u0675": "\u0627",  # ٵ
        "\u0649": "\u064a",  # ى alef maksura → ي
        "\u06cc": "\u064a",  # ی Persian yeh → ي
        "\u06d2": "\u064a",  # ے
        "\u0629": "\u0647",  # ة teh marbuta → ه
        "\u06c0": "\u0647",  # ۀ
        "\u06c1": "\u0647",  # ہ
        "\u06d5": "\u0647",  # ە
        "\u06a9": "\u0643",  # ک keheh → ك
        "\u06aa": "\u0643",  # ڪ
        **{chr(0x0660 + n): str(n) for n in range(10)},  # ٠-٩
        **{chr(0x06F0 + n): str(n) for n in range(10)},  # ۰-۹ (Persian)
    }
)


def normalise(text: str) -> str:
    """Return *text* with variant spellings folded to one form.

    - compatibility forms (presentation forms, the lam-alef ligatures)
      become plain letters (NFKD);
    - أ إ آ ٱ become ا, ؤ becomes و and ئ becomes ي (NFKD splits off the
      hamza, which goes with the other marks), ى becomes ي, ة becomes ه;
    - harakat, superscript alef, Quranic marks, tatweel, zero-width and
      bidi control characters are removed;
    - Eastern Arabic and Persian digits become 0-9;
    - Latin letters lose their accents and are lower-cased;
    - the alef of an accusative tanween goes with it (موسماً → موسم).

    Standalone hamza (ء) stays: it is a letter of its own.

    >>> normalise("أَحْمَد")
    'احمد'
    >>> normalise("مـدرسة ٢٠٢٥ Café")
    'مدرسه 2025 cafe'
    """
    text = unicodedata.normalize("NFKD", _TANWEEN_ALEF.sub("", text))
    text = _MARKS.sub("", _INVISIBLE.sub("", text))
    return text.translate(_LETTERS).casefold()
