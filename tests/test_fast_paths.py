"""The fast paths (khabar/fast_paths.py) give what the plain way gives."""

import datetime as dt
import os
import subprocess
import sys

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from khabar import fast_paths
from khabar.newsroom.models import ArticleCorrection
from khabar.search.backends.base import Filters
from khabar.search.backends.postgres import Estimates, PostgresBackend
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory, TagFactory

ALL = fast_paths.parse("on")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("", ALL),
        ("on", ALL),
        (" OFF ", frozenset()),
        ("none", frozenset()),
        ("kept, planner", {"kept", "planner"}),
    ],
)
def test_the_switch_reads_on_off_or_names(value, expected):
    assert fast_paths.parse(value) == expected


def test_an_unknown_path_is_named_with_the_known_ones():
    with pytest.raises(ValueError, match="unknown fast path keept:") as error:
        fast_paths.parse("kept,keept")
    assert "article-rows, kept, planner" in str(error.value)


def test_a_bad_switch_stops_the_start_and_says_why(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "khabar", "check"],
        env={
            **os.environ,
            "KHABAR_FAST_PATHS": "turbo",
            "KHABAR_VAR_DIR": str(tmp_path),
        },
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "KHABAR_FAST_PATHS: unknown fast path turbo" in result.stderr


def _ago(**kwargs):
    return timezone.now() - dt.timedelta(**kwargs)


@pytest.fixture
def paper():
    """A small paper whose pages show every kept list and part: a top
    story with a byline, tags and a correction, older stories in two
    sections, a breaking one."""
    politics, sport = SectionFactory(name="سياسة"), SectionFactory(name="رياضة")
    for n in range(6):
        ArticleFactory(
            title=f"خبر سياسي {n}",
            section=politics,
            first_published_at=_ago(hours=n + 2),
        )
    ArticleFactory(title="مباراة الأمس", section=sport, first_published_at=_ago(days=1))
    ArticleFactory(title="زلزال يضرب المنطقة", is_breaking=True, section=sport)
    top = ArticleFactory(title="القمة العربية تبدأ", section=politics)
    top.article_authors.create(author=AuthorFactory(name="سلمى"))
    top.tags.add(TagFactory(name="قمة"), TagFactory(name="دبلوماسية"))
    ArticleCorrection.objects.create(
        article=top, note="صُحّح اسم المدينة.", published_at=timezone.now()
    )
    return top


@pytest.mark.django_db
def test_pages_are_the_same_bytes_with_the_fast_paths_off(client, settings, paper):
    paths = [
        "/",
        paper.get_absolute_url(),
        f"/s/{paper.section.slug}/",
        "/latest/",
        f"/t/{paper.tags.first().slug}/",
    ]
    settings.KHABAR_FAST_PATHS = ALL
    client.get("/")  # lists kept from a first request ...
    fast = [client.get(path) for path in paths]
    settings.KHABAR_FAST_PATHS = frozenset()
    plain = [client.get(path) for path in paths]

    for path, one, other in zip(paths, fast, plain, strict=True):
        assert one.status_code == other.status_code == 200, path
        assert one.content == other.content, path


@pytest.mark.django_db
def test_the_plain_way_runs_when_switched_off(
    client, settings, paper, django_assert_max_num_queries
):
    """Off means off: the kept lists are computed again on each page (so
    the second render runs queries the fast path would have saved)."""
    settings.KHABAR_FAST_PATHS = ALL
    client.get("/")
    with django_assert_max_num_queries(0):
        client.get("/")  # nothing changed: every list is kept
    settings.KHABAR_FAST_PATHS = frozenset()
    with CaptureQueriesContext(connection) as queries:
        client.get("/")
    assert len(queries) > 0


# --- the planner's window, without a database --------------------------------

DAY = 86400
HISTOGRAM = [day * DAY for day in range(101)]  # 100 days, evenly published


def _window(estimates, filters=None, need=10, every=HISTOGRAM):
    return PostgresBackend().plan_window(estimates, every, filters or Filters(), need)


def test_few_matches_are_read_at_once():
    # The rarest word matches at most wide * need: no window.
    assert _window(Estimates(1e6, 1e6, 30, [40, 35])) == ([], 1)
    # No histogram yet (a table never analysed): no window.
    assert _window(Estimates(1e6, 1e6, 5e4, [9e4]), every=[]) == ([], 1)


def test_the_rarest_word_bounds_the_expected_matches():
    """Words that stand together in news are not independent: the window
    is sized between the planner's estimate of the words together and
    the rarest word's count, geometrically."""
    together, rarest = 100.0, 10_000.0
    bounds, share = _window(Estimates(1e6, 1e6, together, [rarest, 50_000.0]))
    assert bounds == HISTOGRAM
    expected = (together * rarest) ** 0.5  # independence 0.5
    assert share == pytest.approx(PostgresBackend.window * 10 / expected)


def test_filters_narrow_the_window_by_their_share():
    full = _window(Estimates(1e6, 1e6, 5e4, [5e4]))[1]
    half = _window(Estimates(1e6, 5e5, 5e4, [5e4]))[1]
    assert half == pytest.approx(2 * full)


def test_dates_keep_only_their_bounds_and_few_left_read_all():
    since, until = 40 * DAY, 60 * DAY
    bounds, _ = _window(
        Estimates(1e6, 1e6, 5e4, [5e4]), Filters(since=since, until=until)
    )
    assert bounds == [day * DAY for day in range(40, 60)]
    # A day of 100 holds too few of the rarest word's matches to window.
    narrow = Filters(since=since, until=since + DAY)
    assert _window(Estimates(1e6, 1e6, 3000, [3000]), narrow) == ([], 1)


# --- the planner on PostgreSQL ------------------------------------------------


@pytest.mark.django_db
def test_a_search_finds_the_same_with_the_planner_off(settings, monkeypatch):
    if connection.vendor != "postgresql":
        pytest.skip("the planner is PostgreSQL's")
    from khabar.search.index import index_articles
    from khabar.search.results import search

    monkeypatch.setattr(PostgresBackend, "wide", 0)  # a window for any query
    monkeypatch.setattr(PostgresBackend, "window", 0.01)  # the newest day only
    windows = []
    plan = PostgresBackend.plan_window
    monkeypatch.setattr(
        PostgresBackend,
        "plan_window",
        lambda *args: windows.append(plan(*args)) or windows[-1],
    )
    articles = [
        ArticleFactory(title=f"قصف مطار {n}", first_published_at=_ago(days=n * 7))
        for n in range(12)
    ]
    index_articles([a.pk for a in articles])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE search_searchwords")

    def results(**options):
        hits = search("مطار", **options)
        return [hit.article.pk for hit in hits[0:5]], hits.total

    for options in ({}, {"sort": "newest"}):
        settings.KHABAR_FAST_PATHS = ALL
        windowed = results(**options)
        settings.KHABAR_FAST_PATHS = frozenset()
        assert results(**options) == windowed, options
    assert [bounds for bounds, _ in windows if bounds]  # the windows were tried
