import re
import string
from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone
from django.utils.html import strip_tags
from wagtail.images import get_image_model

from khabar.demo import accounts
from khabar.demo.compose import compose, word_count
from khabar.demo.corpus import SECTIONS, common
from khabar.newsroom import roles
from khabar.newsroom.events import articles_imported
from khabar.newsroom.models import Article, ArticleAuthor, Author, Section, Tag
from khabar.readership.most_read import compute
from tests.demo import PASSWORD

pytestmark = pytest.mark.django_db


def _words(article):
    """Words a reader sees in the body, counted from the stored blocks."""
    texts = []
    for block in article.body.raw_data:
        value = block["value"]
        if block["type"] == "image":
            continue  # a caption is not the story's text
        if block["type"] == "quotation":
            texts += [value["text"], value["attribution"]]
        else:
            texts.append(strip_tags(value))
    return len(" ".join(texts).split())


def test_demo_creates_sections_with_descriptions_in_order():
    sections = list(Section.objects.all())
    assert len(sections) >= 6
    assert all(section.description for section in sections)
    assert [s.name for s in sections][:3] == ["سياسة", "اقتصاد", "رياضة"]


def test_demo_creates_three_hundred_articles():
    assert Article.objects.count() == 300
    assert Article.objects.values("section").distinct().count() >= 6


def test_every_article_body_is_of_realistic_length():
    lengths = [_words(article) for article in Article.objects.all()]
    assert min(lengths) >= 300
    assert max(lengths) <= 900


def test_every_article_has_subheadings_quotations_and_a_summary():
    for article in Article.objects.all():
        kinds = {block["type"] for block in article.body.raw_data}
        assert {"paragraph", "subheading", "quotation"} <= kinds, article.pk
        assert article.summary


def test_many_articles_have_a_kicker():
    assert Article.objects.exclude(kicker="").count() >= 150


def test_titles_are_unique():
    titles = list(Article.objects.values_list("title", flat=True))
    assert len(set(titles)) == len(titles)


def test_publication_dates_spread_over_sixty_days():
    now = timezone.now()
    dates = list(Article.objects.visible().values_list("first_published_at", flat=True))
    assert now - min(dates) > timedelta(days=55)
    assert now - max(dates) < timedelta(hours=6)
    weeks = {(now - date).days // 7 for date in dates}
    assert weeks == set(range(9))


def test_some_articles_were_updated_after_publication():
    updated = [a for a in Article.objects.visible() if a.was_updated]
    assert len(updated) >= 30
    assert all(a.last_published_at <= timezone.now() for a in updated)


def test_breaking_news_includes_a_story_from_the_last_hours(client):
    breaking = Article.objects.visible().filter(is_breaking=True)
    assert breaking.count() >= 3
    newest = breaking.newest_first().first()
    assert timezone.now() - newest.first_published_at < timedelta(hours=3)

    response = client.get("/")

    assert newest.title in response.text


def test_two_stories_are_inside_their_breaking_window():
    breaking = Article.objects.visible().filter(is_breaking=True).newest_first()
    now = timezone.now()

    assert [a.breaking_hours for a in breaking if a.breaking_now(now)] == [3, 12]


def test_older_breaking_stories_are_days_past_their_window():
    now = timezone.now()
    older = [
        article
        for article in Article.objects.visible().filter(is_breaking=True)
        if not article.breaking_now(now)
    ]

    assert len(older) == 4
    assert all(now - a.first_published_at > timedelta(days=2) for a in older)


def test_no_story_says_breaking_in_its_kicker():
    # The badge says «عاجل» while a story's breaking window lasts; a kicker
    # would go on saying it days later.
    assert not Article.objects.filter(kicker__contains="عاجل").exists()


def test_only_hard_news_is_flagged_breaking():
    for seed in range(3):
        plans = compose(seed=seed)
        breaking = [plan for plan in plans if plan.is_breaking]
        assert len(breaking) == 6
        assert all(plan.hard_news for plan in breaking)
        assert {plan.section for plan in breaking} <= {"politics", "economy"}


def test_hard_news_headlines_are_news_not_features():
    hard = [
        headline
        for section in SECTIONS
        for topic in section["topics"]
        for story in topic["stories"]
        if story.get("hard_news")
        for headline in story["headlines"]
    ]
    assert len(hard) >= 10
    # Features ask questions, tour markets, tell a life: none of that breaks.
    for headline in hard:
        assert not re.search(r"[؟?]|جولة|قصة|كيف", headline), headline


def test_scheduled_articles_are_stored_but_not_yet_visible():
    scheduled = Article.objects.filter(live=False)
    assert scheduled.count() == 4
    assert not Article.objects.visible().filter(pk__in=scheduled).exists()
    now = timezone.now()
    for article in scheduled:
        assert article.go_live_at > now
        assert article.first_published_at is None
        assert article.latest_revision.approved_go_live_at == article.go_live_at


def test_published_articles_have_their_revision():
    for article in Article.objects.visible().select_related("latest_revision"):
        assert article.live_revision_id == article.latest_revision_id
        assert article.latest_revision.content["title"] == article.title
        assert not article.has_unpublished_changes


def test_authors_have_arabic_names_latin_slugs_and_bios():
    authors = list(Author.objects.all())
    assert 8 <= len(authors) <= 12
    for author in authors:
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", author.slug)
        assert re.search("[\u0600-\u06ff]", author.name)
        assert author.bio


def test_every_article_has_one_or_two_authors_in_order():
    bylines = {}
    for link in ArticleAuthor.objects.order_by("article", "sort_order"):
        bylines.setdefault(link.article_id, []).append(link.sort_order)
    assert len(bylines) == 300
    assert all(orders in ([0], [0, 1]) for orders in bylines.values())


def test_every_article_has_one_to_four_tags():
    assert 20 <= Tag.objects.count() <= 40
    for article in Article.objects.prefetch_related("tags"):
        assert 1 <= len(article.tags.all()) <= 4


def test_view_counts_are_plausible_and_higher_for_breaking_news():
    visible = Article.objects.visible()
    counts = list(visible.values_list("view_count", flat=True))
    assert min(counts) >= 50
    assert max(counts) <= 20000
    breaking = list(
        visible.filter(is_breaking=True).values_list("view_count", flat=True)
    )
    assert sum(breaking) / len(breaking) > sum(counts) / len(counts)


def test_role_users_are_in_their_groups():
    User = get_user_model()
    admin = User.objects.get(username="admin")
    assert admin.is_superuser
    assert admin.check_password(PASSWORD)
    for username, group in [
        ("reporter", roles.REPORTER),
        ("editor", roles.EDITOR),
        ("chief", roles.CHIEF_EDITOR),
    ]:
        user = User.objects.get(username=username)
        assert list(user.groups.values_list("name", flat=True)) == [group]
        assert not user.is_superuser


def test_output_shows_where_and_how_to_log_in(demo):
    assert (
        f"Admin: http://127.0.0.1:8000/admin/  user: admin  password: {PASSWORD}"
        in (demo)
    )
    for username in ("chief", "editor", "reporter"):
        assert f"user: {username}  password: {PASSWORD}" in demo


def test_home_and_article_pages_render(client):
    article = Article.objects.visible().newest_first().first()

    assert client.get("/").status_code == 200
    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    assert article.title in response.text
    quotation = next(b for b in article.body.raw_data if b["type"] == "quotation")
    assert quotation["value"]["attribution"] in response.text


def test_refuses_on_a_site_that_has_articles():
    with pytest.raises(CommandError, match=r"already has 300 articles.*--force"):
        call_command("demo", stdout=StringIO())


def test_if_empty_on_a_site_with_articles_only_prints_the_logins():
    out = StringIO()

    call_command("demo", if_empty=True, stdout=out)

    assert Article.objects.count() == 300
    assert "already has 300 articles" in out.getvalue()
    assert f"user: admin  password: {PASSWORD}" in out.getvalue()


def test_force_adds_the_demo_again_and_announces_it_once():
    calls = []

    def receiver(sender, article_ids, **kwargs):
        calls.append(article_ids)

    articles_imported.connect(receiver)
    try:
        call_command("demo", force=True, stdout=StringIO())
    finally:
        articles_imported.disconnect(receiver)

    assert Article.objects.count() == 600
    assert Section.objects.count() == 6  # reused, not duplicated
    assert get_image_model().objects.count() == 48  # found again by hash
    assert len(calls) == 1
    assert len(calls[0]) == 296
    assert set(calls[0]) <= set(Article.objects.visible().values_list("pk", flat=True))


def test_the_same_seed_writes_the_same_articles():
    first, again, other = compose(seed=7), compose(seed=7), compose(seed=8)

    assert [(p.title, p.body, p.illustration) for p in first] == [
        (p.title, p.body, p.illustration) for p in again
    ]
    assert {p.title for p in first} != {p.title for p in other}


def test_composed_bodies_stay_within_the_word_bounds_for_any_seed():
    for seed in range(3):
        lengths = [word_count(plan.body) for plan in compose(seed=seed)]
        assert 300 <= min(lengths)
        assert max(lengths) <= 900


def test_corpus_templates_only_use_known_fillers():
    # Every template is checked, not only the ones a seed happens to pick.
    known = {
        "city", "country", "adj_f", "adj_m", "country_tag", "city2", "country2",
        "day", "date", "month", "n1", "n2", "n3", "pct", "pct2",
    }  # fmt: skip

    def fields(text):
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    for section in SECTIONS:
        texts = section["sentences"] + section["closings"] + section["subheadings"]
        texts += [role for pair in section["roles"] for role in pair]
        for topic in section["topics"]:
            allowed = known | set(topic["fill"])
            topic_texts = texts + topic["details"]
            for story in topic["stories"]:
                topic_texts += story["headlines"] + [story["summary"], story["lead"]]
                topic_texts += story.get("details", [])
            topic_texts += [role for _, pair in topic["quotes"] for role in pair]
            for text in topic_texts + common.SENTENCES:
                assert fields(text) <= allowed, text


def test_text_has_the_spelling_variants_search_must_fold():
    text = " ".join(
        strip_tags(value) for plan in compose() for kind, value in plan.body
        if kind == "paragraph"
    )  # fmt: skip
    for letter in "أإآةى":
        assert letter in text
    assert re.search(r"\d{1,2} [^ /]+/[^ ]+ \d{4}", text)  # 10 أيار/مايو 2025


def test_demo_password_is_made_once_and_kept(settings, tmp_path, monkeypatch):
    monkeypatch.delenv(accounts.PASSWORD_ENV, raising=False)
    settings.VAR_DIR = tmp_path

    password = accounts.demo_password()

    assert len(password) >= 12
    assert accounts.demo_password() == password
    assert (tmp_path / accounts.PASSWORD_FILE).stat().st_mode & 0o077 == 0
    monkeypatch.setenv(accounts.PASSWORD_ENV, "from-the-environment")
    assert accounts.demo_password() == "from-the-environment"


def test_most_read_has_a_week_of_readership():
    lists = compute(limit=5)
    assert len(lists["24h"]) == 5, lists
    assert len(lists["7d"]) == 5, lists
    # The hours add up to no more than each story's count.
    for article in Article.objects.filter(hourly_views__isnull=False).distinct()[:20]:
        views = list(article.hourly_views.values_list("views", flat=True))
        # Each hour's share is rounded: at most half a view more an hour.
        assert 0 < sum(views) <= article.view_count + len(views) / 2
