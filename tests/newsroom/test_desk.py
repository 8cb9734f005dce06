"""The story desk: the article list by status, section, author, tag, date
and owner, with counts, scheduled times and lock holders."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from khabar.newsroom import roles
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    SectionFactory,
    TagFactory,
    UserFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("wagtail_admin")]
LIST = reverse("wagtailsnippets_newsroom_article:list")
EDIT = re.compile(r"/admin/snippets/newsroom/article/edit/(\d+)/")
TAB = re.compile(
    r'data-status="(\w+)"[^>]*>\s*[^<]*<span class="desk-tabs__count">(\d+)</span>'
)


def listed(client, **params):
    """The ids of the articles the desk lists (and links to) for *params*."""
    response = client.get(LIST, params)
    assert response.status_code == 200
    return {int(pk) for pk in EDIT.findall(response.text)}


def tabs(client, **params):
    """``{status: count}`` from the desk's status tabs."""
    text = client.get(LIST, params).text
    return {key: int(count) for key, count in TAB.findall(text)}


@pytest.fixture
def people():
    return {
        "reporter": UserFactory(username="rep", role=roles.REPORTER),
        "colleague": UserFactory(username="rep2", role=roles.REPORTER),
        "editor": UserFactory(username="ed", role=roles.EDITOR),
        "chief": UserFactory(username="chief", role=roles.CHIEF_EDITOR),
    }


def _scheduled(owner, when):
    article = ArticleFactory(title="مجدول للمساء", owner=owner, draft=True)
    article.go_live_at = when
    article.save_revision(user=owner).publish()
    return article


def _in_review(owner):
    article = ArticleFactory(title="بانتظار المراجعة", owner=owner, draft=True)
    article.save_revision(user=owner)
    article.get_workflow().start(article, owner)
    return article


@pytest.fixture
def stories(people):
    """One story in each status, the reporter's and a colleague's."""
    rep, other = people["reporter"], people["colleague"]
    soon = timezone.now() + dt.timedelta(days=1)
    return {
        "draft": ArticleFactory(title="مسودة أولى", owner=rep, draft=True),
        "in_review": _in_review(rep),
        "scheduled": _scheduled(other, soon),
        "live": ArticleFactory(title="منشور", owner=other),
        "expired": ArticleFactory(title="منتهي", owner=rep, live=False, expired=True),
    }


@pytest.mark.parametrize(
    "status", ["draft", "in_review", "scheduled", "live", "expired"]
)
def test_each_status_lists_its_story_only(client, people, stories, status):
    client.force_login(people["editor"])
    assert listed(client, status=status) == {stories[status].pk}


def test_counts_per_status(client, people, stories):
    ArticleFactory.create_batch(2, owner=people["editor"])
    client.force_login(people["editor"])
    counts = tabs(client)
    assert counts == {
        "all": 7,
        "draft": 1,
        "in_review": 1,
        "my_review": 1,
        "scheduled": 1,
        "live": 3,
        "expired": 1,
    }


def test_counts_follow_the_other_filters(client, people, stories):
    section = stories["live"].section
    client.force_login(people["editor"])
    counts = tabs(client, section=section.pk, status="draft")
    assert counts["all"] == 1
    assert counts["live"] == 1
    assert counts["draft"] == 0


def test_scheduled_story_shows_its_go_live_time(client, people, stories):
    client.force_login(people["editor"])
    text = client.get(LIST, {"status": "scheduled"}).text
    when = stories["scheduled"].revisions.get().approved_go_live_at
    assert f'datetime="{timezone.localtime(when).isoformat()}"' in text


def test_review_queue_is_for_approvers(client, people, stories):
    client.force_login(people["chief"])
    assert listed(client, status="my_review") == {stories["in_review"].pk}
    client.force_login(people["reporter"])
    assert "my_review" not in tabs(client)


def test_reporter_lists_and_links_only_own_stories(client, people, stories):
    client.force_login(people["reporter"])
    own = {stories[key].pk for key in ("draft", "in_review", "expired")}
    assert listed(client) == own
    assert tabs(client)["all"] == len(own)


@pytest.mark.parametrize(
    "params",
    [
        {"status": "scheduled"},
        {"status": "live"},
        {"mine": "0"},
        {"ordering": "-live"},
        {"q": "مجدول"},
        {"q": "منشور"},
    ],
)
def test_crafted_desk_requests_show_a_reporter_no_one_elses(
    client, people, stories, params
):
    """The colleague's scheduled and live stories, asked for by status, by
    their words, or with a made-up owner choice, stay out."""
    client.force_login(people["reporter"])
    theirs = {stories["scheduled"].pk, stories["live"].pk}
    assert not listed(client, **params) & theirs
    text = client.get(LIST, params).text
    assert "مجدول للمساء" not in text
    assert client.get(
        reverse("wagtailsnippets_newsroom_article:edit", args=[stories["live"].pk])
    ).status_code in (302, 403)


def test_filter_by_section_author_tag_and_mine(client, people):
    economy = SectionFactory(name="اقتصاد")
    author = AuthorFactory(name="ليلى الحسن")
    tag = TagFactory(name="الأسعار")
    mine = ArticleFactory(owner=people["editor"], section=economy)
    bylined = ArticleFactory(authors=[author])
    tagged = ArticleFactory(tags=[tag])
    ArticleFactory()
    client.force_login(people["editor"])

    assert listed(client, section=economy.pk) == {mine.pk}
    assert listed(client, author=author.pk) == {bylined.pk}
    assert listed(client, tag=tag.pk) == {tagged.pk}
    assert listed(client, mine="1") == {mine.pk}


def test_filter_by_publication_and_change_dates(client, people):
    old = ArticleFactory(first_published_at=timezone.now() - dt.timedelta(days=40))
    new = ArticleFactory()
    client.force_login(people["editor"])
    since = (timezone.localdate() - dt.timedelta(days=7)).isoformat()
    assert listed(client, published_from=since) == {new.pk}
    until = (timezone.localdate() - dt.timedelta(days=30)).isoformat()
    assert listed(client, published_to=until) == {old.pk}
    assert listed(client, updated_from=since) == {old.pk, new.pk}


def test_lock_holder_and_owner_are_shown(client, people):
    editor = people["editor"]
    editor.first_name, editor.last_name = "سلمى", "الزعبي"
    editor.save()
    article = ArticleFactory(title="مقفل للتحرير", owner=people["reporter"])
    article.locked, article.locked_by = True, editor
    article.locked_at = timezone.now()
    article.save()
    client.force_login(people["chief"])
    row = client.get(LIST).text.split("مقفل للتحرير", 1)[1].split("</tr>", 1)[0]
    assert "سلمى الزعبي" in row
    assert "rep" in row


def test_desk_queries_do_not_grow_with_the_list(
    client, people, django_assert_max_num_queries
):
    client.force_login(people["editor"])
    ArticleFactory.create_batch(3, owner=people["reporter"])
    with django_assert_max_num_queries(40) as few:
        client.get(LIST)
    ArticleFactory.create_batch(20, owner=people["reporter"])
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(LIST)
