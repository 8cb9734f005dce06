"""The Arabic analyzer: tables of real words and the forms they must take."""

import random
import re

import pytest

from khabar.arabic.analyzer import (
    WORD,
    analyse,
    analyse_word,
    singulars,
    word_stems,
    words,
)
from khabar.arabic.normalise import normalise
from khabar.arabic.stem import feminine_stem, light_stem


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("أحمد", "احمد"),  # hamza on alef
        ("إدلب", "ادلب"),  # hamza under alef
        ("آمال", "امال"),  # madda
        ("ٱلله", "الله"),  # alef wasla
        ("مستشفى", "مستشفي"),  # alef maksura
        ("مدرسة", "مدرسه"),  # teh marbuta
        ("مؤتمر", "موتمر"),  # hamza on waw
        ("قصائد", "قصايد"),  # hamza on yeh
        ("المُقاوَمَة", "المقاومه"),  # harakat
        ("هٰذا", "هذا"),  # superscript alef
        ("مـــدرسة", "مدرسه"),  # tatweel
        ("سوريا\u200f", "سوريا"),  # right-to-left mark
        ("عبد\u200cالله", "عبدالله"),  # zero-width non-joiner
        ("\u202bنص\u202c", "نص"),  # bidi embedding
        ("ﻻ", "لا"),  # lam-alef ligature
        ("ﺍﻟﺴﻼﻡ", "السلام"),  # presentation forms
        ("٢٠٢٥", "2025"),  # Eastern Arabic digits
        ("۱۴۰۳", "1403"),  # Persian digits
        ("کتاب", "كتاب"),  # Persian keheh
        ("ی", "ي"),  # Persian yeh
        ("Café ÜBER", "cafe uber"),  # Latin accents and case
        ("موسماً", "موسم"),  # the alef of an accusative tanween
        ("سماء", "سماء"),  # standalone hamza stays
    ],
)
def test_normalise_folds_spelling_variants(text, expected):
    assert normalise(text) == expected


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("والمدارس", "مدارس"),
        ("المدرسة", "مدرس"),
        ("مدرسه", "مدرس"),
        ("بالمدرسة", "مدرس"),
        ("للطلاب", "طلاب"),
        ("كالبحر", "بحر"),
        ("فالحكومة", "حكوم"),
        ("الحكومه", "حكوم"),
        ("والحكومة", "حكوم"),
        ("وقال", "قال"),
        ("وأضاف", "اضاف"),
        ("بدمشق", "دمشق"),
        ("لسوريا", "سوري"),  # the final alef goes, as in موسما
        ("وبدمشق", "دمشق"),
        ("المهندسون", "مهندس"),
        ("المهندسين", "مهندس"),
        ("الانتخابات", "انتخاب"),
        ("معلوماتها", "معلوم"),
        ("بيته", "بيت"),
        ("اللبنانية", "لبنان"),
        ("وزيرا", "وزير"),  # dual before a noun
        # Guards: words light10 destroys.
        ("وزير", "وزير"),
        ("وزارة", "وزار"),
        ("وزارات", "وزار"),
        ("لجنة", "لجن"),
        ("كبير", "كبير"),
        ("فريق", "فريق"),
        ("بيروت", "بيروت"),
        ("لبنان", "لبنان"),
        ("السودان", "سودان"),
        ("البحرين", "بحرين"),
        ("قانون", "قانون"),
        ("مليون", "مليون"),
        ("سجون", "سجون"),
        ("الله", "الله"),
        ("في", "في"),
        ("iphone", "iphone"),
        ("الiphone", "iphone"),
    ],
)
def test_light_stem(word, stem):
    assert light_stem(normalise(word)) == stem


@pytest.mark.parametrize(
    ("plural", "singular"),
    [
        ("المدارس", "مدرسة"),
        ("سجون", "سجن"),
        ("القصائد", "قصيدة"),
        ("وزراء", "وزير"),
        ("الطلاب", "طالب"),
        ("أسعار", "سعر"),
        ("مشاريع", "مشروع"),
        ("الأطفال", "طفل"),
        ("المدن", "مدينة"),
        ("بيوت", "بيت"),
        ("شهور", "شهر"),
    ],
)
def test_broken_plurals_carry_their_singular(plural, singular):
    (plural_term,) = analyse(plural)
    (singular_term,) = analyse(singular)
    assert singular_term.stem in plural_term.variants
    assert singular_term.stem in singulars(plural_term.stem)


def test_a_word_without_a_broken_plural_has_no_variant():
    (term,) = analyse("دمشق")
    assert term.variants == ()


def test_a_pronoun_after_teh_marbuta_reads_as_the_feminine_noun():
    assert feminine_stem(normalise("مدرستها")) == light_stem(normalise("مدرسة"))
    assert feminine_stem(normalise("بيتها")) is None  # بيت has no ة
    assert feminine_stem(normalise("معلوماتها")) is None


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ("احمد", "أحمد"),
        ("مدرسه", "المَدرسة"),
        ("مستشفي", "مستشفى"),
        ("مـدرسة", "مدرسة"),
        ("المُقاومة", "مقاومة"),
        ("والمدارس", "المدرسة"),
        ("ادلب", "إدلب"),
    ],
)
def test_what_readers_type_meets_what_was_written(typed, written):
    (query,) = analyse(typed)
    (text,) = analyse(written)
    assert set(query.stems) & set(text.stems)


def test_exact_form_keeps_the_prefix_the_stem_drops():
    (term,) = analyse("والمدرسة")
    assert (term.exact, term.stem) == ("والمدرسه", "مدرس")


def test_words_are_found_with_their_marks_and_spans():
    text = "زار إدلبَ، ثم حلب."
    spans = [text[start:end] for start, end in words(text)]
    assert spans == ["زار", "إدلبَ", "ثم", "حلب"]


def test_punctuation_and_over_long_runs_are_not_words():
    assert analyse_word("…،؛!?") == ()
    assert analyse_word("x" * 41) == ()
    assert [t.exact for t in analyse("covid-19 و٣")] == ["covid", "19", "و3"]


def test_stop_words_are_known():
    assert [t.is_stop_word for t in analyse("في دمشق")] == [True, False]


#: WORD as first written, one character at a time.
ONE_AT_A_TIME = re.compile(
    r"(?:[^\W_]|[\u0300-\u036f\u0610-\u061a\u0640\u064b-\u065f\u0670"
    r"\u06d6-\u06ed\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064"
    r"\u2066-\u2069\ufeff])+"
)


def test_words_are_found_as_one_character_at_a_time_finds_them():
    alphabet = "مدرسةالإأ_ -.،abcé9٣\u064b\u0650\u0640\u200c\u200f\ufeff\u0301"
    rng = random.Random(3)
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(40)))
        expected = [m.span() for m in ONE_AT_A_TIME.finditer(text)]

        assert [m.span() for m in WORD.finditer(text)] == expected, text


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("سجون", {"سجون", "سجن"}),
        ("مـدرسة", {"مدرس"}),
        ("مدارس", {"مدارس", "مدرس"}),
        ("؟", set()),
    ],
)
def test_word_stems_are_every_stem_a_word_matches_on(word, expected):
    assert word_stems(word) == expected
