"""Search: the index follows publishing, queries, ranking, page and API."""

import datetime as dt
import importlib
import json
import random
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from khabar.newsroom.events import articles_imported
from khabar.newsroom.models import Article
from khabar.scheduling.ticker import run_due
from khabar.search.backends.base import Filters
from khabar.search.index import index_articles, stale_article_ids
from khabar.search.models import SearchDocument
from khabar.search.query import QueryError, parse
from khabar.search.results import search
from khabar.search.snippets import _best_window, snippet
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory, TagFactory

pytestmark = pytest.mark.django_db


def _body(*paragraphs):
    return [("paragraph", f"<p>{text}</p>") for text in paragraphs]


def indexed(**fields):
    """An article, indexed as publishing would."""
    fields.setdefault("body", _body("نص عادي لا يذكر شيئاً مما يبحث عنه القارئ."))
    fields.setdefault("summary", "ملخص عام.")
    article = ArticleFactory(**fields)
    index_articles([article.pk])
    return article


def found(text, **options):
    return [hit.article.pk for hit in search(text, **options)[0:50]]


def _hours_ago(hours):
    return timezone.now() - dt.timedelta(hours=hours)


# --- the index follows what readers can see -------------------------------


def test_publishing_indexes_the_article_at_once():
    article = ArticleFactory(draft=True, title="افتتاح مطار حلب الدولي")

    article.save_revision().publish()

    assert found("مطار") == [article.pk]


def test_publishing_an_edit_replaces_the_indexed_words():
    article = ArticleFactory(draft=True, title="افتتاح مطار حلب")
    article.save_revision().publish()
    article.refresh_from_db()

    article.title = "افتتاح ميناء طرطوس"
    article.save_revision().publish()

    assert found("مطار") == []
    assert found("ميناء") == [article.pk]


def test_a_draft_edit_does_not_change_the_index():
    article = ArticleFactory(draft=True, title="افتتاح مطار حلب")
    article.save_revision().publish()
    article.refresh_from_db()

    article.title = "افتتاح ميناء طرطوس"
    article.save_revision()  # saved, not published

    assert found("مطار") == [article.pk]
    assert found("ميناء") == []


def test_unpublishing_removes_the_article():
    article = ArticleFactory(draft=True, title="افتتاح مطار حلب")
    article.save_revision().publish()
    article.refresh_from_db()

    article.unpublish()

    assert found("مطار") == []
    assert not SearchDocument.objects.exists()


def test_an_expired_article_leaves_results_before_and_after_the_scheduler():
    expiry = timezone.now() + dt.timedelta(hours=1)
    article = indexed(title="افتتاح مطار حلب", expire_at=expiry)
    later = (expiry + dt.timedelta(minutes=1)).timestamp()
    assert found("مطار") == [article.pk]
    assert found("مطار", now=later) == []  # hidden by its expiry time alone

    Article.objects.filter(pk=article.pk).update(
        expire_at=timezone.now() - dt.timedelta(seconds=1)
    )
    run_due()

    assert not SearchDocument.objects.filter(article=article).exists()


def test_drafts_are_never_indexed():
    draft = ArticleFactory(draft=True, title="مسودة عن مطار حلب")

    assert index_articles([draft.pk]) == 0
    assert found("مطار") == []


def test_an_import_is_indexed_batch_by_batch(
    tmp_path, django_capture_on_commit_callbacks
):
    path = tmp_path / "archive.jsonl"
    lines = [
        {
            "id": f"old-{n}",
            "title": f"أرشيف مطار الموصل رقم {n}",
            "section": "أرشيف",
            "published_at": "2019-05-28T11:46:00+03:00",
            "body_text": "نص قديم من الأرشيف.",
        }
        for n in range(3)
    ]
    path.write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")

    with django_capture_on_commit_callbacks(execute=True):
        call_command("import-jsonl", str(path), stdout=StringIO(), stderr=StringIO())

    assert len(found("الموصل")) == 3


def test_the_import_event_indexes_visible_articles_only():
    live, draft = (
        ArticleFactory(title="مطار حلب"),
        ArticleFactory(title="مطار حمص", draft=True),
    )

    articles_imported.send(sender=Article, article_ids=[live.pk, draft.pk])

    assert found("مطار") == [live.pk]


def test_deleting_an_article_deletes_its_index_rows():
    article = indexed(title="افتتاح مطار حلب")

    article.delete()

    assert not SearchDocument.objects.exists()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM search_fts")
            assert cursor.fetchone()[0] == 0


# --- query syntax -----------------------------------------------------------


def test_every_word_must_match():
    both = indexed(title="مطار حلب يعود للعمل")
    indexed(title="مطار دمشق يعود للعمل")

    assert found("مطار حلب") == [both.pk]


def test_when_no_article_has_every_word_any_word_will_do():
    airport = indexed(title="مطار حلب يعود للعمل")

    results = search("مطار غواصة")

    assert [hit.article.pk for hit in results[0:10]] == [airport.pk]
    assert results.any_word


def test_a_phrase_matches_words_together_and_in_order():
    together = indexed(title="وزير الخارجية يزور حلب")
    indexed(title="الخارجية تستدعي وزير النقل")

    assert found('"وزير الخارجية"') == [together.pk]


def test_a_phrase_matches_only_words_together_in_one_field():
    """On PostgreSQL a two-word phrase is answered by a pair lexeme: a pair
    must never join words apart, out of order or in two fields."""
    together = indexed(title="مؤتمر في دمشق اليوم")
    indexed(title="دمشق تستضيف مؤتمراً في الربيع")
    indexed(title="افتتاح مؤتمر في", summary="دمشق تستقبل الوفود")

    assert found('"في دمشق"') == [together.pk]


def test_a_phrase_of_rare_words_matches_only_words_together_in_one_field():
    together = indexed(title="نصائح مختصين للطلاب")
    indexed(title="مختصين يقدمون نصائح")
    indexed(title="دليل من نصائح", summary="مختصين في التربية")

    assert found('"نصائح مختصين"') == [together.pk]


def test_a_three_word_phrase_matches_its_words_in_order():
    together = indexed(title="وزير في الحكومة يستقيل")
    indexed(title="وزير في البرلمان ينتقد الحكومة في جلسة")
    # Both pairs of the phrase, but not one after the other.
    indexed(title="وزير في البرلمان يزور مقرا في الحكومة")

    assert found('"وزير في الحكومة"') == [together.pk]
    assert found('"وزير الحكومة"') == []


def test_a_minus_sign_excludes_a_word():
    aleppo = indexed(title="مطار حلب يعود للعمل")
    indexed(title="مطار دمشق يعود للعمل")

    assert found("مطار -دمشق") == [aleppo.pk]


def test_stop_words_do_not_decide_the_ranking():
    indexed(
        title="في في في من على",
        body=_body("في من على في من على في من على"),
    )
    damascus = indexed(title="دمشق تستقبل الربيع")

    assert found("في دمشق") == [damascus.pk]


def test_a_query_of_stop_words_alone_still_searches():
    article = indexed(title="من هنا وهناك")

    assert found("من") == [article.pk]


# The query languages of FTS5 and PostgreSQL: readers type these as text.
SYNTAX = ['"', "*", "NEAR", "OR", ":", 'title:"x', "a NEAR/3 b", "(", "^x", "{a b}"]


@pytest.mark.parametrize("text", SYNTAX)
def test_query_syntax_characters_beside_a_word_change_nothing(text):
    article = indexed(title="مطار حلب")

    assert found(f"حلب {text}") == [article.pk]


@pytest.mark.parametrize("text", SYNTAX)
def test_query_syntax_characters_alone_find_nothing_or_ask_for_a_word(text):
    indexed(title="مطار حلب")

    with translation.override("en"):
        try:
            answer = found(text)
        except QueryError as error:
            answer = str(error)
    assert answer == [] or answer.startswith("Type a word")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Type a word"),
        ("،؛!؟...", "Type a word"),
        ("-حلب", "excluded words alone"),
        ("x" * 501, "at most 500"),
        ("\ufffd", "not valid text"),
    ],
)
def test_unsearchable_queries_say_why(text, message):
    with translation.override("en"), pytest.raises(QueryError, match=message):
        parse(text)


def test_query_messages_are_translated():
    with translation.override("ar"), pytest.raises(QueryError, match="اكتب كلمة"):
        parse("")


# --- filters and sort -------------------------------------------------------


def test_filters_by_section_author_tag_and_dates():
    sport = SectionFactory(slug="sport")
    writer = AuthorFactory(slug="writer")
    tag = TagFactory(slug="aleppo")
    match = indexed(
        title="ملعب حلب",
        section=sport,
        authors=[writer],
        tags=[tag],
        first_published_at=timezone.now() - dt.timedelta(days=3),
    )
    indexed(title="ملعب حمص")

    for filters in (
        Filters(section="sport"),
        Filters(author="writer"),
        Filters(tag="aleppo"),
        Filters(
            since=int((timezone.now() - dt.timedelta(days=4)).timestamp()),
            until=int((timezone.now() - dt.timedelta(days=2)).timestamp()),
        ),
    ):
        assert found("ملعب", filters=filters) == [match.pk], filters
    assert found("ملعب", filters=Filters(section="nothing")) == []


def test_newest_first_ignores_relevance():
    old = indexed(title="مطار حلب", first_published_at=_hours_ago(48))
    new = indexed(
        title="حلب", body=_body("عن المطار كلمة."), first_published_at=_hours_ago(1)
    )

    assert found("مطار", sort="newest") == [new.pk, old.pk]
    assert found("مطار") == [old.pk, new.pk]


# --- ranking ----------------------------------------------------------------


def test_title_ranks_above_summary_above_body():
    when = _hours_ago(5)
    body = indexed(
        title="خبر أول",
        body=_body("نص عادي لا يذكر شيئاً مما يبحث عنه القارئ سوى مطار."),
        first_published_at=when,
    )
    summary = indexed(title="خبر ثان", summary="مطار", first_published_at=when)
    title = indexed(title="مطار", first_published_at=when)

    assert found("مطار") == [title.pk, summary.pk, body.pk]


def test_the_exact_spelling_ranks_above_a_stemmed_match():
    when = _hours_ago(5)
    stemmed = indexed(title="مدارس المدينة", first_published_at=when)
    stem_only = indexed(title="مدرستان في المدينة", first_published_at=when)
    exact = indexed(title="المدرسة في المدينة", first_published_at=when)

    ranked = found("المدرسة")

    assert ranked[0] == exact.pk
    assert set(ranked) == {exact.pk, stem_only.pk, stemmed.pk}


def test_recency_breaks_ties_and_a_year_needs_a_better_match():
    year_old_title = indexed(title="مطار حلب", first_published_at=_hours_ago(24 * 365))
    today_title = indexed(title="مطار حمص", first_published_at=_hours_ago(1))
    today_body = indexed(
        title="أخبار اليوم", body=_body("عن مطار"), first_published_at=_hours_ago(1)
    )

    assert found("مطار") == [today_title.pk, year_old_title.pk, today_body.pk]


def test_what_readers_type_finds_what_was_written():
    idlib = indexed(title="عودة المدارس في إدلب")

    for typed in ("ادلب", "إدْلِب", "إدلـب", "مدرسة إدلب", "والمدارس", "بادلب"):
        assert found(typed) == [idlib.pk], typed


def test_relevance_ranks_the_newest_matches_of_a_broad_query(monkeypatch):
    from khabar.search.backends.base import Backend

    monkeypatch.setattr(Backend, "candidates", 3)
    oldest = indexed(title="مطار", first_published_at=_hours_ago(100))
    newer = [
        indexed(title="خبر", body=_body("مطار"), first_published_at=_hours_ago(n))
        for n in (4, 3, 2, 1)
    ]

    results = search("مطار")

    assert [hit.article.pk for hit in results[0:10]] == [a.pk for a in newer[:0:-1]]
    assert (results.total, results.count()) == (5, 3)
    assert oldest.pk in found("مطار", sort="newest")


@pytest.fixture
def count_limit_3(monkeypatch):
    from khabar.search.backends.base import Backend

    monkeypatch.setattr(Backend, "count_limit", 3)


def test_counts_stop_at_the_count_limit(count_limit_3):
    for n in range(5):
        indexed(title=f"مطار رقم {n}", first_published_at=_hours_ago(n + 1))
    indexed(title="مطار حلب", first_published_at=_hours_ago(10))

    broad, narrow = search("مطار"), search("مطار حلب")

    assert (broad.total, broad.capped) == (3, True)
    assert (narrow.total, narrow.capped) == (1, False)
    assert broad.count() == 3  # newest first pages reach the count too
    assert len(found("مطار", sort="newest")) == 3


def test_a_capped_count_says_more_than(client, count_limit_3):
    for n in range(5):
        indexed(title=f"مطار رقم {n}")

    page = client.get("/search/", {"q": "مطار"}).text
    api = client.get("/api/v1/search", {"q": "مطار"}).json()

    assert "أكثر من 3 نتيجة" in page  # "More than 3 results"
    assert (api["count"], api["count_capped"]) == (3, True)
    assert len(api["results"]) == 3


@pytest.mark.parametrize("window", [2, 0.01])  # 0.01: the newest day only
def test_the_newest_matches_are_found_when_they_are_old_or_sparse(
    monkeypatch, count_limit_3, window
):
    """On PostgreSQL a search looks in recent days first, and searches
    everything when they hold too few matches: what it finds must be what
    searching everything finds."""
    from khabar.search.backends.base import Backend
    from khabar.search.backends.postgres import PostgresBackend

    monkeypatch.setattr(Backend, "candidates", 3)
    monkeypatch.setattr(PostgresBackend, "wide", 0)  # windows for any query
    monkeypatch.setattr(PostgresBackend, "window", window)
    plans = []
    plan = PostgresBackend._plan
    monkeypatch.setattr(
        PostgresBackend,
        "_plan",
        lambda *args: plans.append(plan(*args)) or plans[-1],
    )
    days = [0.1, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377]
    recent = [
        indexed(title="خبر", body=_body("مطار"), first_published_at=_hours_ago(24 * d))
        for d in days
    ]
    # Two matches older than every recent article, one in a section.
    section = SectionFactory()
    old = [
        indexed(title="قصف مطار", first_published_at=_hours_ago(24 * 400)),
        indexed(
            title="قصف مطار", section=section, first_published_at=_hours_ago(24 * 500)
        ),
    ]
    until = timezone.localdate() - dt.timedelta(days=380)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # the row count windows read
            cursor.execute("ANALYZE search_searchwords")

    def first(text, **options):
        return [hit.article.pk for hit in search(text, **options)[0:2]]

    assert first("مطار", sort="newest") == [a.pk for a in recent[:2]]
    assert first("قصف") == first("قصف", sort="newest") == [a.pk for a in old]
    assert first("مطار", filters=Filters(section=section.slug)) == [old[1].pk]
    dated = search("مطار", filters=Filters(until=_epoch(until)), sort="newest")
    assert [hit.article.pk for hit in dated[0:2]] == [a.pk for a in old]
    assert (dated.total, dated.capped) == (2, False)
    if connection.vendor == "postgresql":
        assert any(bounds for bounds, _ in plans)  # some searched a window


@pytest.fixture
def newest_day_windows(monkeypatch, count_limit_3):
    """PostgreSQL searching a window of the newest day first for any
    query, over ten articles of recent days that match none of the
    tests' words; the PostgresBackend class."""
    if connection.vendor != "postgresql":
        pytest.skip("windows are PostgreSQL's")
    from khabar.search.backends.base import Backend
    from khabar.search.backends.postgres import PostgresBackend

    monkeypatch.setattr(Backend, "candidates", 3)
    monkeypatch.setattr(PostgresBackend, "wide", 0)  # windows for any query
    monkeypatch.setattr(PostgresBackend, "window", 0.01)  # the newest day
    for days in [0.1, 1, 2, 3, 5, 8, 13, 21, 34, 55]:
        indexed(title="خبر", first_published_at=_hours_ago(24 * days))
    return PostgresBackend


def test_a_window_that_finds_nothing_is_followed_by_everything(newest_day_windows):
    """At the density a window found (none), few matches are left in all
    the dates: the next search reads them all, not a wider window."""
    old = indexed(title="قصف مطار", first_published_at=_hours_ago(24 * 400))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE search_searchwords")

    with CaptureQueriesContext(connection) as queries:
        assert found("قصف") == [old.pk]

    searches = [q for q in queries.captured_queries if q["sql"].startswith("WITH g")]
    assert len(searches) == 2


def test_a_window_that_holds_too_few_is_counted_not_ranked(newest_day_windows):
    """Ranking reads every candidate's row again: a window about to be
    widened is only counted, and the one ranking that follows the last
    window reads that window's candidates, with the oldest one's
    publication as the first day its signals read."""
    old = [
        indexed(title="قصف مطار", first_published_at=_hours_ago(24 * days))
        for days in (0.1, 400)
    ]
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE search_searchwords")

    with CaptureQueriesContext(connection) as queries:
        hits = search("قصف").expect(0, 10)[0:10]

    assert [hit.article.pk for hit in hits] == [a.pk for a in old]
    statements = [q["sql"] for q in queries.captured_queries]
    windows = [n for n, sql in enumerate(statements) if sql.startswith("WITH g")]
    rankings = [n for n, sql in enumerate(statements) if "AS score" in sql]
    assert len(windows) > 1
    assert len(rankings) == 1
    assert rankings[0] == windows[-1] + 1


@pytest.mark.parametrize(
    ("documents", "after", "bounded"),
    [
        (30_000, 0.01, True),  # a common key, recent candidates
        (30_000, 0.9, False),  # a common key, candidates from all the years
        (20, 0.01, False),  # a rare key: its few rows cost less than days
    ],
)
def test_a_signal_reads_the_candidates_days_only_when_that_spares_rows(
    documents, after, bounded
):
    """PostgreSQL: a signal ANDs the oldest candidate's day into its GIN
    scan when that spares more row fetches than reading those days'
    postings costs; the bound is a BIGINT, which the index's day is (an
    integer bound could only be checked row by row)."""
    from khabar.search.backends.postgres import PostgresBackend
    from khabar.search.ranking import Reads

    floor = 1_790_000_000
    sql, params = PostgresBackend().signal_sql(
        "exact", "مطار", floor, Reads(documents, after, 100_000)
    )

    assert params == ["'=مطار'"]
    assert (f">= CAST({floor} AS BIGINT) / 86400" in sql) is bounded


def test_reindex_writes_the_oldest_articles_first():
    newest = ArticleFactory(first_published_at=_hours_ago(1))
    oldest = ArticleFactory(first_published_at=_hours_ago(300))
    middle = ArticleFactory(first_published_at=_hours_ago(20))

    assert stale_article_ids() == [oldest.pk, middle.pk, newest.pk]


@pytest.mark.parametrize("name", ["0005_common_grams", "0007_every_pair"])
def test_upgrading_to_new_pairs_marks_every_document_for_reindex(name):
    """Migrations 0005 and 0007: vectors written before lack pairs that
    phrases ask for, so `khabar reindex` writes them again (PostgreSQL
    only)."""
    article = indexed(title="وزير الخارجية يزور حلب")
    migration = importlib.import_module(f"khabar.search.migrations.{name}")

    class Editor:
        def __init__(self, cursor):
            self.connection, self.cursor = connection, cursor

        def execute(self, sql, params=()):
            self.cursor.execute(sql, params)

    with connection.cursor() as cursor:
        migration.mark_stale(None, Editor(cursor))

    stale = [article.pk] if connection.vendor == "postgresql" else []
    assert stale_article_ids() == stale


def test_vectors_are_compressed_with_lz4_on_postgresql():
    """Migration 0006: a phrase of three words or more decompresses each
    candidate's vector, three times faster with lz4."""
    if connection.vendor != "postgresql":
        pytest.skip("vectors are PostgreSQL's")
    words = " ".join(f"خبر{n}" for n in range(1500))
    article = indexed(title="نصائح مختصين", body=_body(words))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_column_compression(vector) FROM search_searchwords "
            "WHERE article_id = %s",
            [article.pk],
        )
        assert cursor.fetchone()[0] == "lz4"


def test_migration_0009_moves_the_vectors_without_a_reindex():
    """Migration 0009: the vectors move from the documents table to the
    narrow words table, with the GIN index; searches, phrases and the
    ranking's signals find what they found before, without a reindex.
    Back to 0008 and forward again, on PostgreSQL."""
    if connection.vendor != "postgresql":
        pytest.skip("the words table holds PostgreSQL's vectors")
    from django.db.migrations.executor import MigrationExecutor

    article = indexed(
        title="وزير الخارجية يزور حلب", body=_body("وصل وزير الخارجية إلى المطار.")
    )
    now = int(timezone.now().timestamp())

    def ranked():
        return [
            (h.article.pk, h.score)
            for h in search('"وزير الخارجية" مطار', now=now)[0:5]
        ]

    before = ranked()
    with connection.cursor() as cursor:
        # The rows written above, checked now: ALTER TABLE refuses to run
        # with foreign-key checks pending in the transaction.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")

    MigrationExecutor(connection).migrate([("search", "0008_bm25f")])
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT vector IS NOT NULL FROM search_searchdocument "
            "WHERE article_id = %s",
            [article.pk],
        )
        assert cursor.fetchone() == (True,)
    MigrationExecutor(connection).migrate([("search", "0009_narrow_words")])

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM information_schema.columns WHERE "
            "table_name = 'search_searchdocument' AND column_name = 'vector'"
        )
        assert cursor.fetchone() == (0,)
    assert ranked() == before == [(article.pk, before[0][1])]


def _epoch(day):
    midnight = dt.datetime.combine(
        day, dt.time(), tzinfo=timezone.get_current_timezone()
    )
    return int(midnight.timestamp())


# --- snippets ---------------------------------------------------------------


def test_snippet_marks_the_original_spelling_and_escapes_html():
    indexed(
        title="تقرير",
        body=_body(
            "مقدمة طويلة لا علاقة لها بالموضوع.",
            "وصلت القافلة إلى إدْلِب صباحاً &lt;script&gt; والمساعدات كثيرة.",
        ),
    )

    (hit,) = search("ادلب")[0:1]

    assert "<mark>إدْلِب</mark>" in hit.snippet
    assert "&lt;script&gt;" in hit.snippet
    assert "<script>" not in hit.snippet
    assert "مقدمة" not in hit.snippet


def test_snippet_falls_back_to_the_summary():
    indexed(title="مطار حلب", summary="ملخص الخبر", body=_body("نص لا يذكره."))

    (hit,) = search("مطار")[0:1]

    assert "ملخص الخبر" in hit.snippet


@pytest.mark.parametrize("count", [0, 5, 30, 31, 80])
def test_snippet_window_holds_the_most_matched_words_earliest_first(count):
    """Against counting every window: the passage shown is the first of
    those holding the most matched words."""
    rng = random.Random(count)
    for _ in range(300):
        flags = [rng.random() < rng.choice([0.02, 0.1, 0.5]) for _ in range(count)]
        scores = [sum(flags[first : first + 30]) for first in range(max(1, count - 29))]
        expected = (scores.index(max(scores)), max(scores))

        places = [n for n, flag in enumerate(flags) if flag]

        assert _best_window(places, count, 30) == expected, flags


def test_snippet_passage_is_the_block_with_most_matched_words():
    blocks = [
        "مطار " + "كلمة " * 40 + "مطار",  # two matches, 41 words apart
        "كلمة " * 50 + "مطار المطار كلمة مطارات",  # three within 30 words
    ]

    text = snippet(blocks, frozenset({"مطار"}))

    assert text.startswith("… ")
    assert text.count("<mark>") == 3
    assert "<mark>مطارات</mark>" in text


# --- the page ---------------------------------------------------------------


def test_search_page_shows_count_snippets_and_filters(client):
    article = indexed(title="مطار حلب يعود", body=_body("أعيد افتتاح مطار حلب اليوم."))

    response = client.get("/search/", {"q": "مطار"})

    assert response.status_code == 200
    text = response.text
    assert article.title in text
    assert "<mark>مطار</mark>" in text
    assert 'name="section"' in text
    assert 'name="sort"' in text
    assert 'class="search-count"' in text
    assert "نتيجة واحدة" in text  # Arabic plural forms
    assert 'value="مطار"' in text  # the header box keeps the query


def test_search_box_and_opensearch_link_on_every_page(client):
    article = indexed(title="مطار حلب")

    for url in ("/", article.get_absolute_url(), "/latest/"):
        text = client.get(url).text
        assert 'role="search"' in text
        assert 'type="application/opensearchdescription+xml"' in text


def test_opensearch_description(client):
    response = client.get("/opensearch.xml")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/opensearchdescription+xml")
    assert "/search/?q={searchTerms}" in response.text


def test_pages_keep_the_query(client):
    for n in range(12):
        indexed(title=f"مطار رقم {n}")

    response = client.get("/search/", {"q": "مطار", "page": "2"})

    assert response.status_code == 200
    assert "?q=%D9%85%D8%B7%D8%A7%D8%B1&amp;page=1" in response.text
    assert response.text.count("<h2><a") == 2


def test_empty_results_suggest_the_latest_headlines(client):
    latest = indexed(title="خبر عن الطقس")

    response = client.get("/search/", {"q": "غواصة", "section": "sport"})

    assert response.status_code == 200
    assert latest.title in response.text
    assert "/search/?q=%D8%BA%D9%88%D8%A7%D8%B5%D8%A9" in response.text


def test_search_page_is_the_same_for_every_reader_and_cookieless(client):
    indexed(title="مطار حلب")

    first = client.get("/search/", {"q": "مطار"})
    client.cookies.clear()
    second = client.get("/search/", {"q": "مطار"}, HTTP_USER_AGENT="another")

    assert first.content == second.content
    for response in (first, second):
        assert "Set-Cookie" not in response.headers
        assert "Cookie" not in response.headers.get("Vary", "")


def test_search_page_query_count_is_fixed(client, django_assert_num_queries):
    for n in range(3):
        indexed(title=f"مطار رقم {n}")
    client.get("/search/", {"q": "مطار"})  # warm the lexicon and templates

    # The ranking's statistics for the words, results with their count,
    # and their articles (the sections menu is kept from the first
    # request); on PostgreSQL also the planner's estimate of the matches,
    # its settings, set and reset around the search, and the ranking
    # apart from finding the candidates.
    queries = 3 if connection.vendor == "sqlite" else 7
    with django_assert_num_queries(queries):
        client.get("/search/", {"q": "مطار"})
    for n in range(10):
        indexed(title=f"مطار آخر {n}")
    # New articles: the menu is read again.
    with django_assert_num_queries(queries + 1):
        client.get("/search/", {"q": "مطار", "page": "2"})


# --- the API ----------------------------------------------------------------


def test_api_answers_count_and_results(client):
    article = indexed(title="مطار حلب", body=_body("أعيد افتتاح المطار."))
    Article.objects.filter(pk=article.pk).update(external_id="wp-7")

    response = client.get("/api/v1/search", {"q": "مطار", "limit": "5"})

    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 1
    (result,) = data["results"]
    assert set(result) >= {
        "id", "external_id", "title", "url", "published_at", "section",
        "snippet", "score",
    }  # fmt: skip
    assert result["id"] == article.pk
    assert result["external_id"] == "wp-7"
    assert result["url"].endswith(f"/a/{article.pk}")
    assert "<mark>" in result["snippet"]
    assert result["score"] > 0


def test_api_pages(client):
    for n in range(5):
        indexed(title=f"مطار رقم {n}", first_published_at=_hours_ago(n + 1))

    first = client.get("/api/v1/search", {"q": "مطار", "limit": "2"}).json()
    third = client.get("/api/v1/search", {"q": "مطار", "limit": "2", "page": "3"})
    beyond = client.get("/api/v1/search", {"q": "مطار", "limit": "2", "page": "9"})

    assert first["count"] == 5
    assert len(first["results"]) == 2
    assert len(third.json()["results"]) == 1
    assert beyond.status_code == 200
    assert beyond.json()["results"] == []


BAD_INPUT = [
    "",
    "x" * 10_000,
    "!!!،؛؟...",
    '"',
    "*",
    "NEAR",
    "OR",
    ":",
    'a" OR 1=1 --',
    "دمشق damascus مطار airport",
    "-حلب",
]


@pytest.mark.parametrize("text", BAD_INPUT)
def test_bad_input_never_fails_the_page(client, text):
    indexed(title="مطار دمشق airport")

    response = client.get("/search/", {"q": text})

    assert response.status_code in (200, 400)


@pytest.mark.parametrize("text", BAD_INPUT)
def test_bad_input_never_fails_the_api(client, text):
    indexed(title="مطار دمشق airport")

    response = client.get("/api/v1/search", {"q": text})

    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert response.json()["detail"]
    else:
        assert "results" in response.json()


def test_mixed_arabic_and_latin_finds_both(client):
    article = indexed(title="مطار دمشق airport")

    data = client.get("/api/v1/search", {"q": "مطار Airport"}).json()

    assert [r["id"] for r in data["results"]] == [article.pk]


@pytest.mark.parametrize("url", ["/search/?q=%FF%FE", "/api/v1/search?q=%FF"])
def test_invalid_utf8_is_a_clear_400(client, url):
    response = client.get(url)

    assert response.status_code == 400
    assert "UTF-8" in response.content.decode()


@pytest.mark.parametrize(
    "params",
    [
        {"q": "مطار", "limit": "abc"},
        {"q": "مطار", "limit": "0"},
        {"q": "مطار", "limit": "51"},
        {"q": "مطار", "page": "0"},
        {"q": "مطار", "page": "x"},
        {"q": "مطار", "sort": "random"},
        {"q": "مطار", "from": "yesterday"},
    ],
)
def test_api_rejects_bad_parameters(client, params):
    response = client.get("/api/v1/search", params)

    assert response.status_code == 400
    assert response.json()["errors"]


def test_page_answers_bad_parameters_with_400_and_says_why(client):
    # Not the results without the filter: one more URL (and cache entry)
    # for a page that has its own.
    indexed(title="مطار حلب")

    response = client.get("/search/", {"q": "مطار", "sort": "x", "from": "no"})

    assert response.status_code == 400
    assert 'class="search-error"' in response.text
    assert 'class="search-count"' not in response.text


@pytest.mark.parametrize("page", ["abc", "0", "02", "²", "9" * 30, "1001"])
def test_page_numbers_not_written_the_sites_way_are_404s(client, page):
    indexed(title="مطار حلب")

    response = client.get("/search/", {"q": "مطار", "page": page})

    assert response.status_code == 404


# --- khabar reindex ---------------------------------------------------------


def test_reindex_catches_up_and_drops_what_is_hidden():
    missing = ArticleFactory(title="مطار حلب")  # never indexed
    hidden = indexed(title="مطار حمص")
    Article.objects.filter(pk=hidden.pk).update(live=False)
    out = StringIO()

    call_command("reindex", no_progress=True, stdout=out)

    assert found("مطار") == [missing.pk]
    assert "Indexed 1 articles, removed 1" in out.getvalue()


def test_reindex_is_incremental():
    indexed(title="مطار حلب")
    out = StringIO()

    call_command("reindex", no_progress=True, stdout=out)

    assert "Indexed 0 articles, removed 0" in out.getvalue()


def test_reindex_full_rebuilds_everything():
    article = indexed(title="مطار حلب")
    out = StringIO()

    call_command("reindex", full=True, stdout=out, stderr=StringIO())

    assert "Indexed 1 articles" in out.getvalue()
    assert found("مطار") == [article.pk]


def test_reindex_rejects_empty_batches():
    with pytest.raises(CommandError, match="1 or more"):
        call_command("reindex", batch_size=0)


def test_postgresql_searches_without_jit_and_leave_the_session_as_it_was():
    """A search's SQL is long enough that its estimated cost passes
    jit_above_cost, and compiling it cost 400 ms of a 5 ms search: each
    search turns JIT off for itself, whatever the server's settings."""
    if connection.vendor != "postgresql":
        pytest.skip("JIT is PostgreSQL's")
    article = indexed(title="قصف مطار")
    with connection.cursor() as cursor:
        cursor.execute("SET jit_above_cost = 0")
        cursor.execute("SHOW jit")
        before = cursor.fetchone()[0]

    with CaptureQueriesContext(connection) as queries:
        assert found("قصف") == [article.pk]

    statements = [q["sql"] for q in queries.captured_queries]
    search_at = next(i for i, s in enumerate(statements) if s.startswith("WITH g"))
    assert "SET jit = 'off'" in statements[search_at - 1]
    assert "AS score" in statements[search_at + 1]  # the ranking
    assert "RESET jit" in statements[search_at + 2]
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == before
        cursor.execute("RESET jit_above_cost")
