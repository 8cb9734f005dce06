"""Both backends rank a shared corpus the same way.

The suite runs on SQLite (FTS5) and on PostgreSQL (tsvector + GIN); each
run checks the same expected rankings and scores below, so the two
backends agree with each other, not only with themselves.
"""

import datetime as dt

import pytest
from django.db import connection

from khabar.search.backends import get_backend
from khabar.search.index import index_articles
from khabar.search.results import search
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC)
CORPUS = [
    # (title, summary, body, days before NOW)
    (
        "عودة المدارس في إدلب بعد العطلة",
        "الطلاب يعودون إلى الصفوف.",
        "افتتحت مديرية التربية المدارس في إدلب.",
        1,
    ),
    (
        "مدرسة جديدة في حلب",
        "افتتاح مدرسة في الحي الشرقي.",
        "تضم المدرسة ثلاثين صفاً.",
        3,
    ),
    (
        "وزير التربية يزور المدارس",
        "جولة في مدارس الريف.",
        "زار الوزير مدرسة في إدلب وأخرى في حماة.",
        10,
    ),
    (
        "أسعار الخبز ترتفع في دمشق",
        "الأفران تشكو غلاء الطحين.",
        "ارتفع سعر ربطة الخبز في دمشق.",
        2,
    ),
    (
        "سعر الذهب يتراجع",
        "تراجع سعر الغرام في الأسواق.",
        "قال تجار في دمشق إن الأسعار تراجعت.",
        30,
    ),
    (
        "المقاومة الشعبية في الجنوب",
        "تقرير عن المقاومة.",
        "تحدث السكان عن المقاومة في القرى.",
        5,
    ),
    (
        "مستشفى ميداني في إدلب",
        "المستشفى يستقبل الجرحى.",
        "يعمل في المستشفى عشرون طبيباً.",
        4,
    ),
    (
        "قصائد جديدة لشاعر من حمص",
        "ديوان يضم قصائد الحب.",
        "كتب الشاعر القصيدة الأولى في السجن.",
        20,
    ),
    ("السجون المكتظة تقلق المنظمات", "تقرير عن السجون.", "زار الفريق سجناً مركزياً.", 7),
    (
        "أمطار غزيرة في الساحل",
        "الطقس اليوم.",
        "هطلت أمطار غزيرة على الساحل وإدلب.",
        0.5,
    ),
]
# query → the expected ranking (titles, best first) and its top score,
# the same to the fourth decimal on both backends.
EXPECTED = {
    # Title matches first; then a body with إدلب as the reader typed it,
    # above a body with وإدلب (its base only), though that one is newer.
    "ادلب": (
        [
            "عودة المدارس في إدلب بعد العطلة",
            "مستشفى ميداني في إدلب",
            "وزير التربية يزور المدارس",
            "أمطار غزيرة في الساحل",
        ],
        3.6039,
    ),
    # مدرسة in the title; then مدارس in the summary with مدرسة in the
    # body, above المدارس (a variant) in the title alone.
    "مدرسه": (
        [
            "مدرسة جديدة في حلب",
            "وزير التربية يزور المدارس",
            "عودة المدارس في إدلب بعد العطلة",
        ],
        5.7647,
    ),
    "والمدارس ادلب": (
        ["عودة المدارس في إدلب بعد العطلة", "وزير التربية يزور المدارس"],
        7.597,
    ),
    "سعر": (
        ["سعر الذهب يتراجع", "أسعار الخبز ترتفع في دمشق"],
        5.9045,
    ),
    "القصيدة": (["قصائد جديدة لشاعر من حمص"], 5.7741),
    "سجن": (["السجون المكتظة تقلق المنظمات", "قصائد جديدة لشاعر من حمص"], 4.7698),
    '"المقاومة الشعبية"': (["المقاومة الشعبية في الجنوب"], 19.2504),
    "المُقاومة -الجنوب": ([], None),
    "مستشفي ادلب": (["مستشفى ميداني في إدلب"], 11.1138),
}


@pytest.fixture
def corpus():
    section = SectionFactory()
    ids = []
    for title, summary, body, days in CORPUS:
        article = ArticleFactory(
            title=title,
            summary=summary,
            body=[("paragraph", f"<p>{body}</p>")],
            section=section,
            first_published_at=NOW - dt.timedelta(days=days),
        )
        ids.append(article.pk)
    index_articles(ids)


@pytest.mark.parametrize("text", list(EXPECTED))
def test_the_backend_ranks_the_shared_corpus_as_expected(corpus, text):
    titles, top_score = EXPECTED[text]
    results = search(text, now=NOW.timestamp())

    hits = results[0:10]

    assert [hit.article.title for hit in hits] == titles, connection.vendor
    if top_score is not None:
        assert round(hits[0].score, 4) == pytest.approx(top_score, abs=1e-4)


def test_the_backend_is_the_one_for_the_database():
    assert get_backend().vendor == connection.vendor
