"""One analyzer for indexing and querying: words → normalised terms.

A word of text becomes a :class:`Term`: its normalised spelling (the
*exact* form, which ranks highest), its light stem, and *variants*: the
singular of a broken plural (مدارس → مدرس) and the stem of another
reading (مدرستها read as مدرسة+ها). The search index stores all three;
a query word matches a document word when their stems or variants meet.
"""

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from khabar.arabic import lexicon
from khabar.arabic.normalise import normalise
from khabar.arabic.stem import feminine_stem, light_stem, strip_prefixes

# A word of original text: letters and digits with the marks, tatweel and
# invisible characters that may sit inside it (normalise removes those).
# Runs of either class, possessively: the same words as one character at
# a time, a third faster (nothing follows, so nothing backtracks).
WORD = re.compile(
    r"(?:[^\W_]++|[\u0300-\u036f\u0610-\u061a\u0640\u064b-\u065f\u0670"
    r"\u06d6-\u06ed\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064"
    r"\u2066-\u2069\ufeff]++)++"
)
_TOKEN = re.compile(r"[^\W_]+")
#: Longest word kept; longer runs are not words (URLs, hashes, noise).
MAX_WORD = 40
#: Function words: indexed (phrases need them) but left out of queries
#: that have other words, so that they never decide a ranking.
STOP_WORDS = frozenset(
    normalise(word)
    for word in """
    في من على الى إلى عن مع ان أن إن لا لم لن ما ماذا هل قد كان كانت يكون
    هذا هذه ذلك تلك هؤلاء الذي التي الذين اللذين اللتين اللواتي هو هي هم هن
    انا أنا نحن انت أنت انتم أنتم بعد قبل عند حتى ثم او أو أم بل لكن كل بعض
    غير بين حول خلال ضد منذ لدى لقد وقد فقد كما مثل حيث اذا إذا لو كي الا إلا
    له لها لهم به بها بهم فيه فيها فيهم منه منها منهم عليه عليها عليهم اليه
    إليه اليها إليها و ف ب ل ك يا تم وفي ومن وعلى والى وإلى وعن ومع وان وأن
    the a an and or of in on at to for with by from is are was were be it
    that this as not
    """.split()
)


@dataclass(frozen=True, slots=True)
class Term:
    """One word as the index and the query see it."""

    #: The normalised word: المدرسه.
    exact: str
    #: Its light stem: مدرس.
    stem: str
    #: Other stems it may stand for: broken-plural singulars, readings.
    variants: tuple[str, ...] = ()
    #: The word without what is written in front of it (a conjunction,
    #: the article, a joined preposition) and with its endings: والمدرسه
    #: and بالمدرسه are both مدرسه. Empty when it is the exact form.
    base: str = ""

    @property
    def bare(self):
        """:attr:`base`, or the exact form when nothing is in front."""
        return self.base or self.exact

    @property
    def stems(self):
        """The stem and the variants: what a match may meet on."""
        return (self.stem, *self.variants)

    @property
    def is_stop_word(self):
        return self.exact in STOP_WORDS


@cache
def _function_stems():
    return frozenset(STOP_WORDS) | {light_stem(word) for word in STOP_WORDS}


@cache
def _plural_singulars():
    """``{plural stem: (singular stems…)}`` from the broken-plural list.

    Pairs with a function word's stem on either side are left out: their
    rare readings (على as the plural أعلى, قبل beside إقبال, مثل beside
    أمثل) would join a content word to a word in every sentence, and the
    query leaves function words out anyway (بأعلاها met every على)."""
    table = {}
    function = _function_stems()
    for singular, plural in lexicon.broken_plural_pairs():
        key, stem = light_stem(singular), light_stem(plural)
        if key in function or stem in function:
            continue
        if key != stem and key not in table.setdefault(stem, ()):
            table[stem] += (key,)
    return table


def singulars(stem: str) -> tuple[str, ...]:
    """Stems of the singulars *stem* is a broken plural of (سجون → سجن)."""
    return _plural_singulars().get(stem, ())


def _term(token):
    stem = light_stem(token)
    variants = list(singulars(stem))
    feminine = feminine_stem(token)
    if feminine and feminine not in variants:
        variants.append(feminine)
        variants.extend(s for s in singulars(feminine) if s not in variants)
    base = strip_prefixes(token) if stem != token else token
    return Term(
        token,
        stem,
        tuple(v for v in variants if v != stem),
        "" if base == token else base,
    )


@lru_cache(maxsize=500_000)
def analyse_word(word: str) -> tuple[Term, ...]:
    """The terms of one word of original text (usually one; none for a
    word that normalises to nothing)."""
    return tuple(
        _term(token)
        for token in _TOKEN.findall(normalise(word))
        if len(token) <= MAX_WORD
    )


# Snippets ask for every word of ten bodies per query (some 2,300
# distinct): the words a paper uses often stay, in some 35 MB at most.
@lru_cache(maxsize=100_000)
def word_stems(word: str) -> frozenset[str]:
    """Every stem a word of original text may match on, of all its terms."""
    return frozenset(stem for term in analyse_word(word) for stem in term.stems)


def words(text: str):
    """``(start, end)`` of every word in *text*, for highlighting."""
    for match in WORD.finditer(text):
        yield match.start(), match.end()


def analyse(text: str) -> list[Term]:
    """Every term of *text*, in order."""
    terms = []
    for match in WORD.finditer(text):
        terms.extend(analyse_word(match.group()))
    return terms
