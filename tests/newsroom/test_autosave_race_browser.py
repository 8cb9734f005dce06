"""Autosave never races a publish, in Chromium at machine speed.

What a newsroom under deadline does, as fast as Playwright can: fill a
story, click Publish (or Submit for review) at once, twenty times over;
then count duplicates, losses and stories in the wrong state.
test_autosave_race.py holds the server's side of the guarantee.
"""

import threading
from collections import Counter

import pytest
from django.db import connection
from django.urls import reverse

from khabar.newsroom import roles
from khabar.newsroom.models import Article
from tests.admin_browser import sign_in
from tests.factories import SectionFactory, UserFactory

ADD = "wagtailsnippets_newsroom_article:add"

# In Chromium, at machine speed. Each story is written and sent as fast as
# Playwright can: the title (which starts the autosave's half-second
# count), the section, a body paragraph, then Publish (or Submit for
# review) at once, so the autosave is in flight when the click lands.

ROUNDS = 20
LIST = "/admin/snippets/newsroom/article/"
PARAGRAPH = "فقرة كتبت على عجل قبل النشر."


@pytest.fixture
def one_request_at_a_time(live_server):
    """On SQLite the live server's threads share the test's one in-memory
    connection, and two requests at once would interleave inside one
    transaction, which no deployment does (Khabar's SQLite transactions are
    IMMEDIATE: one writer at a time). There the server takes requests one
    at a time, in the order they come; they still come in any order. On
    PostgreSQL each thread has its connection and requests overlap."""
    if not (connection.vendor == "sqlite" and connection.is_in_memory_db()):
        yield
        return
    httpd = live_server.thread.httpd
    app = httpd.get_app()
    lock = threading.Lock()

    def serial(environ, start_response):
        with lock:
            return app(environ, start_response)

    httpd.set_app(serial)
    yield
    httpd.set_app(app)


@pytest.fixture
def server_errors():
    """Every exception a request raised on the live server."""
    from django.core.signals import got_request_exception

    errors = []

    def record(sender, request=None, **kwargs):
        errors.append(request.path if request is not None else "?")

    got_request_exception.connect(record)
    yield errors
    got_request_exception.disconnect(record)


@pytest.fixture
def desk(role, role_groups):
    """A section and a user of *role*, made before the browser starts."""
    return SectionFactory(name="اقتصاد"), UserFactory(username="desk", role=role)


def _paragraph_label():
    from django.utils import translation

    from khabar.newsroom.blocks import ArticleBodyBlock

    with translation.override("ar"):
        return str(ArticleBodyBlock.base_blocks["paragraph"].label)


def _write_and_send(page, base, section, title, button, paragraph_label):
    """One story at machine speed; True when the page ends on the list."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import expect

    page.goto(base + reverse(ADD))
    page.fill("input[name=title]", title)
    page.click("#id_section-chooser [data-chooser-action-choose]")
    page.locator(".modal").get_by_role("link", name=section.name).click()
    expect(page.locator("#id_section")).to_have_value(str(section.pk))
    page.click("#body-root .c-sf-add-button")
    page.get_by_role("option", name=paragraph_label).first.click()
    page.locator("#body-root [contenteditable=true]").first.fill(PARAGRAPH)
    page.click("footer .w-dropdown__toggle")
    page.click(f"footer button[name={button}]")
    try:
        page.wait_for_url(base + LIST, timeout=10_000)
    except PlaywrightTimeout:
        return False
    return True


def _in_another_thread(function):
    """Run *function* (database reads) off this thread: Playwright's event
    loop runs here, and Django refuses the ORM beside one."""
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connections

    def run():
        try:
            return function()
        finally:
            connections.close_all()

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(run).result()


def _stories():
    return [
        {
            "title": article.title,
            "live": article.live,
            "unpublished_changes": article.has_unpublished_changes,
            "in_review": article.workflow_in_progress,
            "latest_is_live": article.latest_revision_id == article.live_revision_id,
            "paragraph": PARAGRAPH in str(article.body),
        }
        for article in Article.objects.order_by("pk")
    ]


def _race(browser, live_server, section, user, button, rounds):
    page = browser.new_page()
    sign_in(page, live_server.url, user.username, reverse(ADD))
    label = _paragraph_label()
    titles = [f"خبر عاجل رقم {n}" for n in range(1, rounds + 1)]
    not_sent = [
        title
        for title in titles
        if not _write_and_send(page, live_server.url, section, title, button, label)
    ]
    page.close()
    return titles, not_sent, _in_another_thread(_stories)


def _problems(titles, not_sent, server_errors, stories, as_wanted):
    """What went wrong, by kind; every list empty when nothing did."""
    counts = Counter(story["title"] for story in stories)
    return {
        "did not end on the list": not_sent,
        "server errors": server_errors,
        "duplicated": sorted(title for title, n in counts.items() if n > 1),
        "missing": [title for title in titles if title not in counts],
        "in the wrong state": sorted(
            {story["title"] for story in stories if not as_wanted(story)}
        ),
    }


def _published(story):
    return (
        story["live"]
        and story["latest_is_live"]
        and not story["unpublished_changes"]
        and story["paragraph"]
    )


def _in_review(story):
    return story["in_review"] and not story["live"] and story["paragraph"]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("role", [roles.EDITOR, roles.CHIEF_EDITOR])
def test_publishing_at_machine_speed_publishes_every_story_once(
    desk, wagtail_admin, server_errors, one_request_at_a_time, live_server, browser
):
    section, user = desk

    titles, not_sent, stories = _race(
        browser, live_server, section, user, "action-publish", ROUNDS
    )

    problems = _problems(titles, not_sent, server_errors, stories, _published)
    assert problems == dict.fromkeys(problems, [])


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("role", [roles.REPORTER])
def test_a_reporter_submits_at_machine_speed_and_each_story_is_in_review_once(
    desk, wagtail_admin, server_errors, one_request_at_a_time, live_server, browser
):
    section, user = desk

    titles, not_sent, stories = _race(
        browser, live_server, section, user, "action-submit", ROUNDS // 2
    )

    problems = _problems(titles, not_sent, server_errors, stories, _in_review)
    assert problems == dict.fromkeys(problems, [])
