"""SQLite's planner statistics (khabar/newsroom/planner.py) and the
indexes that list pages rely on."""

import pytest
from django.db import connection

from khabar.newsroom import planner
from khabar.newsroom.models import Article
from tests.factories import ArticleFactory, SectionFactory, TagFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sqlite():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite's planner; PostgreSQL keeps its own statistics")


def _plan(queryset):
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        return " | ".join(row[3] for row in cursor.fetchall())


def _archive():
    sections = SectionFactory.create_batch(3)
    tags = TagFactory.create_batch(20)
    for n in range(120):
        ArticleFactory(section=sections[n % 3], tags=[tags[n % 20]])
    return sections, tags


def test_analyze_records_the_article_indexes(sqlite):
    _archive()
    planner.analyze()
    with connection.cursor() as cursor:
        cursor.execute("SELECT tbl, idx FROM sqlite_stat1")
        recorded = set(cursor.fetchall())
    assert ("newsroom_article", "article_visible") in recorded
    assert ("newsroom_article", "article_section_visible") in recorded
    assert any(table == "newsroom_article_tags" for table, _ in recorded)


def test_with_statistics_a_tag_page_starts_from_the_tag(sqlite):
    _, tags = _archive()
    planner.analyze()
    plan = _plan(Article.objects.visible().filter(tags=tags[0]).newest_first())
    # The tag's own rows first, not every live article by date.
    assert plan.index("newsroom_article_tags") < plan.index("newsroom_article ")


def test_a_section_page_reads_its_index_in_order(sqlite):
    sections, _ = _archive()
    plan = _plan(Article.objects.visible().filter(section=sections[0]).newest_first())
    assert "article_section_visible" in plan
    assert "TEMP B-TREE" not in plan  # no sort of the whole section


def test_counting_visible_articles_reads_only_an_index(sqlite):
    _archive()
    sql, params = Article.objects.visible().query.sql_with_params()
    where = sql.split(" WHERE ", 1)[1].split(" ORDER BY ")[0]
    with connection.cursor() as cursor:
        cursor.execute(
            f"EXPLAIN QUERY PLAN SELECT COUNT(*) FROM newsroom_article WHERE {where}",
            params,
        )
        plan = " | ".join(row[3] for row in cursor.fetchall())
    assert "COVERING INDEX article_visible" in plan
