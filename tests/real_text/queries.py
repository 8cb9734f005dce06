"""Known-item queries over the real-text corpus, and who is relevant.

A reader remembers a word (or a few) of a story and types it their way.
Each query starts from a word of a document chosen at random (fixed
seeds), spells it as the query type says, and records the **original**
word as the document writes it. Relevant are the documents that contain
that original word form as a whole word (spelling folded by
:mod:`.spelling`), or the original phrase as consecutive words, or, for
``combined``, both original words. Words are content words (three
letters or more, not stop words) whose relevant set is small (1 to 20
documents), as for a reader looking for a story they saw. Where the
reader types another word form (a prefix added or dropped, a singular for
a plural), the documents holding the form as typed are relevant too: the
reader's own spelling is a right answer (and must rank above a stem or a
variant match), so judging it wrong would fault the search for doing
what it should. That form, with or without a proclitic in front of it
(و ف ب ل ك, the article), is in at most 5 documents: those forms rightly
rank above the original's when it is only a variant of the typed word
(a singular for a plural), so with more of them the original's documents
could not reach the top ten however well the search did.

Every query type has its own seed; 36 queries a type, 432 in all.
"""

import random
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property

from tests.real_text import plurals
from tests.real_text.corpus import SEED
from tests.real_text.spelling import (
    fold,
    forms,
    harakat_count,
    is_arabic,
    surface_words,
    tokens,
)

TYPES = (
    "exact",
    "hamza_dropped",
    "ta_marbuta",
    "alef_maqsura",
    "harakat",
    "tatweel",
    "prefix_added",
    "prefix_dropped",
    "sound_plural",
    "broken_plural",
    "phrase",
    "combined",
)
DESCRIPTIONS = {
    "exact": "a word as written (control)",
    "hamza_dropped": "أ إ آ typed as ا",
    "ta_marbuta": "ة typed as ه",
    "alef_maqsura": "final ى and ي swapped",
    "harakat": "a word pasted with harakat",
    "tatweel": "a word stretched with tatweel",
    "prefix_added": "و / ب / ال … added",
    "prefix_dropped": "و / ب / ال … dropped",
    "sound_plural": "ون ↔ ين, plural or dual → singular",
    "broken_plural": "broken plural ↔ singular",
    "phrase": "2–3 consecutive words, no quotes",
    "combined": "two words, each varied",
}
#: Queries wanted per type.
PER_TYPE = 36
#: Most documents a query's relevant set may hold.
MOST_RELEVANT = 20
#: For ``combined``: most documents each of the two words may be in.
MOST_PER_WORD = 200
#: Where the reader types another word form (a prefix added or dropped,
#: a singular for a plural), most documents that form may be in, as typed
#: or behind a proclitic (:meth:`Matcher.family_frequency`): those rank
#: above the original's documents by right.
MOST_WITH_TYPED_FORM = 5
_OTHER_FORM = ("prefix_added", "prefix_dropped", "sound_plural", "broken_plural")

# Function words: never the word a query is made from.
_FUNCTION_WORDS = """
    في من إلى على عن مع ما لا لم لن إن أن إذا إذ إلا أو أم ثم بل قد لقد كان
    كانت يكون تكون كانوا هذا هذه ذلك تلك هؤلاء أولئك هنا هناك الذي التي
    الذين اللذين اللتين اللاتي اللائي هو هي هم هن أنا نحن أنت أنتم أنتن كل
    بعض غير سوى بين عند عندما حين حيث كيف متى أين لماذا ماذا منذ حتى لدى
    لكن لكنه ولكن وقد فقد وإن فإن ليس ليست كما مثل أي أيضا بعد قبل فوق تحت
    خلال ضد نحو دون عليه عليها عليهم فيه فيها فيهم منه منها منهم له لها لهم
    به بها بهم إليه إليها إليهم عنه عنها عنهم قال قالت يقول فقال وقال قلت
    فقلت وهو وهي وهم الله والله بالله لله فالله تالله يا أما إنما إنه إنها
    أنه أنها لأن كذلك هكذا ذا ذو ذات الآن اليوم أمس غدا أبو أبي ابن بن
"""
# Folded, and with the proclitics before them (ولا, فلما, لهذا) as well.
STOP_WORDS = frozenset(
    fold(clitic + word)
    for word in _FUNCTION_WORDS.split()
    for clitic in ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل")
)
# Letters that do not join the next one: tatweel cannot follow them.
_NON_JOINING = set("اأإآٱدذرزوؤةءى")
_HAMZA_ALEF = re.compile("[أإآ]")
# Article clusters a word may begin with, longest first.
_ARTICLES = ("وبال", "وال", "بال", "فال", "كال", "لل", "ال")
_PROCLITICS = ("و", "ف", "ب", "ل", "ك")
#: What may stand in front of a word, for Matcher.family_frequency.
_FAMILY_CLUSTERS = (
    *_PROCLITICS,
    "ال",
    "وال",
    "فال",
    "بال",
    "كال",
    "لل",
    "وب",
    "فب",
    "ول",
    "فل",
    "وك",
)
# Letters an imperfect verb begins with (يقولون, تعملين): such a word
# without an article is taken for a verb, not a plural.
_VERB_PREFIXES = tuple("يتنأا")


@dataclass(frozen=True, slots=True)
class Query:
    """One known-item query."""

    kind: str
    #: What the reader types.
    text: str
    #: The word or words the reader means, as the document writes them
    #: (without harakat).
    original: tuple[str, ...]
    #: Ids of the documents that contain the original (sorted).
    relevant: tuple[int, ...]
    #: The document the query was drawn from (one of the relevant).
    source: int

    @property
    def is_phrase(self) -> bool:
        return self.kind == "phrase"

    def as_json(self) -> dict:
        return {
            "kind": self.kind,
            "query": self.text,
            "original": list(self.original),
            "relevant": list(self.relevant),
            "source": self.source,
        }


@dataclass(frozen=True, slots=True)
class Word:
    """A word of a document, in its forms."""

    #: As written in the document (harakat kept).
    surface: str
    #: As a reader types it (harakat and tatweel gone).
    bare: str
    #: As relevance compares it.
    folded: str
    #: The same word vocalised, when the document has a vocalised copy.
    vocalised: str | None
    #: Only spaces stand between this word and the one before.
    follows: bool


class Matcher:
    """Which documents contain a word form or a phrase: the reference
    judgement of relevance."""

    def __init__(self, documents):
        self.documents = documents
        self.tokens = {doc.id: tokens(doc.text) for doc in documents}
        postings = defaultdict(set)
        for doc_id, words in self.tokens.items():
            for word in words:
                postings[word].add(doc_id)
        self.postings = {word: frozenset(ids) for word, ids in postings.items()}

    def frequency(self, word: str) -> int:
        """How many documents contain *word* (any spelling) as a word."""
        return len(self.postings.get(fold(word), ()))

    def family_frequency(self, word: str) -> int:
        """How many documents contain *word* as a word, or the word with
        another proclitic in front (و ف ب ل ك, the article, their
        clusters) or none."""
        bare = fold(word)
        cores = {bare}
        for cluster in sorted(_FAMILY_CLUSTERS, key=len, reverse=True):
            if bare.startswith(cluster) and len(bare) - len(cluster) >= 3:
                cores.add(bare[len(cluster) :])
        forms = set(cores)
        for core in cores:
            forms.update(cluster + core for cluster in _FAMILY_CLUSTERS)
        found = set()
        for form in forms:
            found.update(self.postings.get(form, ()))
        return len(found)

    def containing(self, words) -> set[int]:
        """Documents that contain every one of *words* as a whole word."""
        sets = [self.postings.get(fold(word), frozenset()) for word in words]
        return set(frozenset.intersection(*sets)) if sets else set()

    def containing_phrase(self, words) -> set[int]:
        """Documents that contain *words* as consecutive words."""
        wanted = [fold(word) for word in words]
        return {
            doc_id
            for doc_id in self.containing(words)
            if _has_run(self.tokens[doc_id], wanted)
        }

    def relevant(self, kind, original) -> set[int]:
        if kind == "phrase":
            return self.containing_phrase(original)
        return self.containing(original)

    @cached_property
    def words_of(self) -> dict[int, list[Word]]:
        """Every document's words, with their vocalised forms."""
        return {doc.id: _words(doc) for doc in self.documents}


def _has_run(words, wanted):
    size = len(wanted)
    return any(words[i : i + size] == wanted for i in range(len(words) - size + 1))


def _words(doc):
    spans = surface_words(doc.text)
    voiced = None
    if doc.vocalised is not None:
        candidates = [word for word, _ in surface_words(doc.vocalised)]
        # Only when the vocalised copy has exactly the same words.
        if [forms(w)[1] for w in candidates] == [forms(w)[1] for w, _ in spans]:
            voiced = candidates
    return [
        Word(
            word,
            *forms(word),
            vocalised=voiced[i] if voiced else None,
            follows=follows,
        )
        for i, (word, follows) in enumerate(spans)
    ]


def is_content(word: Word) -> bool:
    """Three letters or more, Arabic, not a function word."""
    return (
        is_arabic(word.bare) and len(word.folded) >= 3 and word.folded not in STOP_WORDS
    )


# Variants of one word: each returns what the reader types, or None when
# the word does not lend itself to that variant.


def _hamza_dropped(word, rng, matcher):
    if _HAMZA_ALEF.search(word.bare):
        return _HAMZA_ALEF.sub("ا", word.bare)
    return None


def _ta_marbuta(word, rng, matcher):
    if "ة" in word.bare:
        return word.bare.replace("ة", "ه")
    return None


def _alef_maqsura(word, rng, matcher):
    swap = {"ى": "ي", "ي": "ى"}
    last = word.bare[-1]
    if last in swap and len(word.bare) >= 3:
        return word.bare[:-1] + swap[last]
    return None


def _harakat(word, rng, matcher):
    voiced = word.vocalised
    if voiced and harakat_count(voiced) >= 2 and "\u0640" not in voiced:
        return voiced
    return None


def _tatweel(word, rng, matcher):
    bare = word.bare
    places = [
        i
        for i in range(1, len(bare))
        if bare[i - 1] not in _NON_JOINING and bare[i - 1] != "ـ"
    ]
    if not places:
        return None
    # Editors stretch the word after its article most often (الـعظمى).
    if bare.startswith("ال") and 2 in places and rng.random() < 0.5:
        place = 2
    else:
        place = rng.choice(places)
    return bare[:place] + "ـ" + bare[place:]


def _clitic(word, matcher):
    """``(proclitic cluster, rest)`` when *word* visibly begins with one
    (وال, بال, لل, و …), judged by the rest being a word of the corpus;
    else None."""
    bare = word.bare
    for cluster in _ARTICLES:
        rest = bare[len(cluster) :]
        if bare.startswith(cluster) and len(fold(rest)) >= 3:
            return cluster, rest
    for letter in _PROCLITICS:
        rest = bare[1:]
        # Four letters left, and a word the corpus uses on its own: بابا
        # is not ب + أبا, nor وفرغت a form to add و to.
        if (
            bare.startswith(letter)
            and len(fold(rest)) >= 4
            and matcher.frequency(rest) >= 3
        ):
            return letter, rest
    return None


def _prefix_added(word, rng, matcher):
    split = _clitic(word, matcher)
    bare = word.bare
    if split and split[0] != "ال":
        return None  # already has a conjunction or preposition
    if split:  # المدرسة → والمدرسة, بالمدرسة, للمدرسة
        letter = rng.choice(("و", "و", "ب", "ب", "ف", "ل", "ك"))
        return "لل" + bare[2:] if letter == "ل" else letter + bare
    if matcher.frequency("ال" + bare):  # a noun: مدرسة → المدرسة …
        return rng.choice(("ال", "وال", "بال")) + bare
    if bare.startswith(_PROCLITICS):
        return None  # وفرغت: perhaps و already
    return "و" + bare


def _prefix_dropped(word, rng, matcher):
    split = _clitic(word, matcher)
    if not split or split[0] == "ال":
        return None
    cluster, rest = split
    if cluster in _PROCLITICS:
        options = [rest]
    else:  # والمدرسة → المدرسة or مدرسة
        options = ["ال" + rest, rest]
    options = [
        option
        for option in options
        if matcher.frequency(option) and fold(option) not in STOP_WORDS
    ]
    return rng.choice(options) if options else None


def _sound_plural(word, rng, matcher):
    bare = word.bare
    split = _clitic(word, matcher)
    core = split[1] if split else bare
    if len(fold(core)) < 5:
        return None
    stem = bare[:-2]
    ending = bare[-2:]
    verb_like = not split or split[0] in _PROCLITICS  # no article
    if ending in ("ون", "ين") and verb_like and core.startswith(_VERB_PREFIXES):
        return None  # a verb (يقولون, تكلمين), not a plural
    if bare[-3:] in ("تان", "تين"):
        options = [bare[:-3] + "ة"]
    elif ending == "ون":
        if not matcher.frequency(stem + "ين"):
            return None  # لينون, المجنون: no case ending, a word
        options = [stem + "ين", stem]
    elif ending == "ين":
        options = [stem + "ون", stem]
    elif ending == "ات":
        # The bare stem only after ي or ان (نهائيات, حيوانات): الحشرات is
        # not the plural of الحشر.
        options = [stem + "ة"] + ([stem] if stem.endswith(("ي", "ان")) else [])
    elif ending == "ان" and matcher.frequency(stem + "ين"):
        options = [stem]
    else:
        return None
    options = [
        option
        for option in options
        if matcher.frequency(option) and len(fold(option)) >= 3
    ]
    return rng.choice(options) if options else None


_PAIRS = plurals.pairs()


def _broken_plural(word, rng, matcher):
    # Compared with ى, ي, ة, ه as written: فرأى (he saw) is not ف + رأي.
    written = _HAMZA_ALEF.sub("ا", word.bare)
    for cluster in (*_ARTICLES, *_PROCLITICS, ""):
        core = written[len(cluster) :]
        if not written.startswith(cluster) or core not in _PAIRS:
            continue
        if cluster in _PROCLITICS and len(core) < 3:
            continue
        other = rng.choice(sorted(_PAIRS[core]))
        return word.bare[: len(cluster)] + other
    return None


VARIANTS = {
    "exact": lambda word, rng, matcher: word.bare,
    "hamza_dropped": _hamza_dropped,
    "ta_marbuta": _ta_marbuta,
    "alef_maqsura": _alef_maqsura,
    "harakat": _harakat,
    "tatweel": _tatweel,
    "prefix_added": _prefix_added,
    "prefix_dropped": _prefix_dropped,
    "sound_plural": _sound_plural,
    "broken_plural": _broken_plural,
}
#: What ``combined`` draws its two variants from.
COMBINABLE = tuple(kind for kind in VARIANTS if kind != "exact")


def generate(matcher, per_type=PER_TYPE) -> list[Query]:
    """Every query, type by type; each type has its own seed, so that a
    change to one leaves the others' queries as they were."""
    found = []
    for kind in TYPES:
        rng = random.Random(f"{SEED}-{kind}")
        make = {"phrase": _phrase, "combined": _combined}.get(kind, _single)
        found.extend(_take(make, kind, matcher, rng, per_type))
    return found


def _take(make, kind, matcher, rng, count):
    taken, seen = [], set()
    order = [doc.id for doc in matcher.documents]
    rng.shuffle(order)
    for doc_id in order:
        query = make(kind, doc_id, matcher, rng)
        if query is None or query.original in seen:
            continue
        seen.add(query.original)
        taken.append(query)
        if len(taken) == count:
            break
    return taken


def _query(kind, text, original, doc_id, matcher):
    relevant = set(matcher.relevant(kind, original))
    if kind in _OTHER_FORM:
        relevant |= matcher.containing([text])
    if not 1 <= len(relevant) <= MOST_RELEVANT:
        return None
    assert doc_id in relevant, (kind, text, original, doc_id)
    return Query(kind, text, tuple(original), tuple(sorted(relevant)), doc_id)


def _single(kind, doc_id, matcher, rng):
    words = [
        word
        for word in matcher.words_of[doc_id]
        if is_content(word) and 1 <= matcher.frequency(word.folded) <= MOST_RELEVANT
    ]
    rng.shuffle(words)
    for word in words:
        text = VARIANTS[kind](word, rng, matcher)
        if not text or (kind != "exact" and text == word.bare):
            continue
        if (
            kind in _OTHER_FORM
            and matcher.family_frequency(text) > MOST_WITH_TYPED_FORM
        ):
            continue
        return _query(kind, text, [word.bare], doc_id, matcher)
    return None


def _phrase(kind, doc_id, matcher, rng):
    words = matcher.words_of[doc_id]
    size = rng.choice((2, 2, 3))
    starts = list(range(len(words) - size + 1))
    rng.shuffle(starts)
    for start in starts:
        run = words[start : start + size]
        if not all(word.follows for word in run[1:]):
            continue  # punctuation between: not one phrase
        if not any(is_content(word) for word in run):
            continue
        if not all(is_arabic(word.bare) for word in run):
            continue
        original = [word.bare for word in run]
        query = _query(kind, " ".join(original), original, doc_id, matcher)
        if query:
            return query
    return None


def _combined(kind, doc_id, matcher, rng):
    words = {}
    for word in matcher.words_of[doc_id]:
        if is_content(word) and matcher.frequency(word.folded) <= MOST_PER_WORD:
            words.setdefault(word.folded, word)
    pool = list(words.values())
    if len(pool) < 2:
        return None
    for _ in range(10):
        first, second = rng.sample(pool, 2)
        kinds = rng.sample(COMBINABLE, len(COMBINABLE))
        typed = []
        for word in (first, second):
            for variant in kinds:
                text = VARIANTS[variant](word, rng, matcher)
                if text and text != word.bare:
                    typed.append(text)
                    kinds.remove(variant)  # the other word varies otherwise
                    break
        if len(typed) < 2:
            continue
        original = [first.bare, second.bare]
        query = _query(kind, " ".join(typed), original, doc_id, matcher)
        if query:
            return query
    return None
