"""The evaluation's own spelling rules: what counts as the same written word.

Independent of ``khabar.arabic`` on purpose: relevance is decided here,
and the code under test must not decide it. Two spellings are one word
when they differ only in what readers do not type or type either way:
harakat, superscript alef, tatweel and invisible characters; the hamza on
an alef (أ إ آ ٱ → ا); final ى / ي; ة / ه; Persian ی ک; Eastern digits.
Everything else (ؤ, ئ, a standalone ء, a written alef of tanween, every
prefix and suffix) makes another word.
"""

import re
import unicodedata
from functools import cache

# Harakat and Quranic marks, superscript alef, tatweel, zero-width and
# bidi characters, BOM: nothing a reader needs to type.
_UNTYPED = re.compile(
    "[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640"
    "\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
)
_FOLDS = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ی": "ي",
        "ة": "ه",
        "ک": "ك",
        **{chr(0x0660 + n): str(n) for n in range(10)},
        **{chr(0x06F0 + n): str(n) for n in range(10)},
    }
)
# After folding, a word is a run of letters and digits.
_TOKEN = re.compile(r"[^\W_]+")
# In raw text a word may carry marks and tatweel inside it.
_SURFACE = re.compile(
    r"[^\W_](?:[^\W_]|[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640])*"
)
_SURFACE_GROUP = re.compile(f"({_SURFACE.pattern})")
_HARAKAT = re.compile("[\u064b-\u0652]")
_LETTER = re.compile("[\u0621-\u064a]")


def strip_marks(text: str) -> str:
    """*text* as a reader types it: without harakat or tatweel, letters
    (hamzas, ة, ى) as written.

    >>> strip_marks("الْمَـدْرَسَةُ")
    'المدرسة'
    """
    return _UNTYPED.sub("", unicodedata.normalize("NFKC", text))


def fold(text: str) -> str:
    """*text* with every variant spelling folded to one form.

    >>> fold("أَحْمَدُ إلى المدرسـة")
    'احمد الي المدرسه'
    """
    return strip_marks(text).translate(_FOLDS).lower()


def tokens(text: str) -> list[str]:
    """The folded words of *text*, in order.

    >>> tokens("قالَ: «الْحَمْدُ لِلّهِ»")
    ['قال', 'الحمد', 'لله']
    """
    return _TOKEN.findall(fold(text))


def surface_words(text: str) -> list[tuple[str, bool]]:
    """The words of *text* as written (marks and tatweel kept), each with
    whether only spaces stand between it and the word before.

    >>> surface_words("قالَ: الحمدُ لله")
    [('قالَ', False), ('الحمدُ', False), ('لله', True)]
    """
    # split() with a group gives gap, word, gap, word … gap.
    parts = _SURFACE_GROUP.split(text)
    return [
        (word, index > 1 and not parts[index - 1].strip())
        for index, word in enumerate(parts)
        if index % 2 and _is_one_word(word)
    ]


@cache
def _is_one_word(word):
    # Not so for a ligature that NFKC spells out in words (ﷺ).
    return len(tokens(word)) == 1


@cache
def forms(word: str) -> tuple[str, str]:
    """``(strip_marks(word), fold(word))``, remembered: a corpus repeats
    its words."""
    return strip_marks(word), fold(word)


def harakat_count(word: str) -> int:
    """How many harakat (fatha … sukun, tanween) *word* carries."""
    return len(_HARAKAT.findall(word))


def is_arabic(word: str) -> bool:
    """True when every letter of the typed form is an Arabic letter."""
    bare = strip_marks(word)
    return bool(bare) and all(_LETTER.fullmatch(ch) for ch in bare)
