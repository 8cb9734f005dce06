"""Light stemming of normalised Arabic words, with guards for short roots.

The recipe is Larkey's light10 (the one Lucene's Arabic analyzer uses):
strip a definite article or a conjunction in front, then pronoun and
plural endings behind. Light10 alone over-strips: وزير becomes زير, وزارة
becomes زاره, لبنان becomes لبن, قانون becomes قان. So every cut here is
guarded: a stem keeps three letters, a leading و ف ب ك ل is cut only when
the word is not a dictionary word beginning with that letter, and names
and dictionary words whose ending only looks like a suffix keep it
(:mod:`khabar.arabic.lexicon`).

Words must be normalised first (:func:`khabar.arabic.normalise.normalise`):
the lists below are written in normalised spelling (ة is ه, أ is ا).
"""

from functools import lru_cache

from khabar.arabic import lexicon

#: Definite article forms, longest first: و/ف + ال, ب/ك + ال, ل + ال.
ARTICLES = ("وال", "فال", "بال", "كال", "لل", "ال")
#: Conjunctions that may stand before anything (and before the article).
CONJUNCTIONS = ("و", "ف")
#: Prepositions written together with the next word.
PREPOSITIONS = ("ب", "ك", "ل")
#: Endings, in the order light10 tries them, then the alef of a dual
#: before a noun (وزيرا الخارجية) or of an accusative written without its
#: tanween (موسما); each cut keeps MIN_STEM letters.
SUFFIXES = ("ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي", "ا")
#: Endings that are part of many words (قانون, برلمان); kept for those.
WORD_ENDINGS = ("ان", "ون", "ين", "ات")
#: Endings after which a ت was a ة: pronouns (مدرستها → مدرسه) and the
#: dual (مدرستان, مدرستين).
AFTER_TEH = ("هما", "هم", "ها", "ه", "ي", "ان", "ين")
MIN_STEM = 3
# Words never stemmed: cutting ال from الله leaves the preposition له.
UNSTEMMED = frozenset({"الله", "لله", "والله", "بالله"})


def _arabic(word):
    return all("\u0621" <= char <= "\u064a" for char in word)


def _known(word):
    """True if *word* (maybe with a plural or feminine ending) is a
    dictionary word."""
    words = lexicon.words()
    if word in words:
        return True
    for suffix in SUFFIXES:
        if word.endswith(suffix):
            base = word[: -len(suffix)]
            if base in words or base + "ه" in words:
                return True
    return False


def _protected(word):
    return word in lexicon.protected_words()


def strip_prefixes(word):
    """*word* without its conjunction, article or joined preposition."""
    if word in UNSTEMMED or _protected(word):
        return word
    if (
        word.startswith(CONJUNCTIONS)
        and len(word) - 1 >= MIN_STEM
        and not word.startswith(ARTICLES[:2])
        and not _known(word)
    ):
        word = word[1:]
    for article in ARTICLES:
        if word.startswith(article) and len(word) - len(article) >= 2:
            return word[len(article) :]
    if (
        word.startswith(PREPOSITIONS)
        and len(word) - 1 >= MIN_STEM
        and not _known(word)
        and not _protected(word)
    ):
        word = word[1:]
    return word


def strip_suffixes(word):
    """*word* without pronoun, dual, plural and feminine endings."""
    words = lexicon.words()
    for suffix in SUFFIXES:
        if _protected(word):
            break
        if not word.endswith(suffix) or len(word) - len(suffix) < MIN_STEM:
            continue
        if suffix in WORD_ENDINGS and word in words:
            break
        word = word[: -len(suffix)]
    return word


# Bounded: readers' queries bring words no archive holds (#14).
@lru_cache(maxsize=200_000)
def light_stem(word: str) -> str:
    """The light stem of a normalised *word*.

    Words that are not all Arabic letters (Latin, digits, mixed) are only
    stripped of a leading article (الـiPhone → iphone).

    >>> light_stem("والمدارس")
    'مدارس'
    >>> light_stem("وزير")
    'وزير'
    """
    if not _arabic(word):
        for article in ARTICLES:
            rest = word[len(article) :]
            if word.startswith(article) and rest and not _arabic(rest[0]):
                return rest
        return word
    if word in UNSTEMMED:
        return word
    return strip_suffixes(strip_prefixes(word))


def feminine_stem(word: str) -> str | None:
    """The stem of *word* read with ة where an ending made it ت.

    مدرستها ("her school") and مدرستان ("two schools") stem to مدرست;
    read as مدرسه+ها and مدرسه+ان they are مدرس.
    Returns None when that reading does not apply.
    """
    if not _arabic(word) or word in UNSTEMMED:
        return None
    bare = strip_prefixes(word)
    for ending in AFTER_TEH:
        body = bare[: -len(ending)]
        if (
            bare.endswith(ending)
            and body.endswith("ت")
            and not body.endswith("ات")
            and len(body) - 1 >= MIN_STEM
        ):
            stem = strip_suffixes(body[:-1] + "ه")
            return stem if stem != light_stem(word) else None
    return None
