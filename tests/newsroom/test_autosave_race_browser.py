"""Autosave never races a publish, in Chromium at machine speed.

What a newsroom under deadline does, as fast as Playwright can: write a
story and click Publish (or Submit for review) while the editor's autosave
of it is still on its way; then count duplicates, losses and stories in the
wrong state. Each round makes one of the two orders certain by holding the
autosave in the browser (``page.route``):

- *answered late*: the autosave reaches the server and makes the article,
  but its answer is held until the click has gone, so the click posts the
  add form again, with the same create token;
- *sent late*: the autosave leaves the browser only once the click has
  been answered; it is older than the story the click made, and must be
  refused.

The last paragraph is typed with the page's clock stopped, so that only
the form's flush on submit (newsroom/editor_submit.js) can send it.
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
from tests.orm_thread import in_another_thread
from tests.waiting import wait_until

ADD = "wagtailsnippets_newsroom_article:add"
LIST = "/admin/snippets/newsroom/article/"
PARAGRAPH = "فقرة كتبت على عجل قبل النشر."

ANSWERED_LATE = "answered late"
SENT_LATE = "sent late"
#: What the server answers the held autosave in each order.
EXPECTED_ANSWER = {ANSWERED_LATE: "saved", SENT_LATE: "invalid_revision"}

#: Stories per role, the orders taken in turn. Each round makes its race
#: certain, which twenty rounds left to chance did not: on an idle machine
#: a round took less than the 2 s before the editor starts to watch for
#: edits, and no autosave left at all. The chief editor publishes through
#: the same views and permission as an editor; two rounds show that the
#: role's own screens lead there too.
ROUNDS = {roles.EDITOR: 4, roles.CHIEF_EDITOR: 2, roles.REPORTER: 2}

# Wagtail's editor takes the form as it first is 2 s after the page loads,
# looks for edits every 0.5 s, and autosaves about a second after it saw
# one (two half-second debounces). The page runs on Playwright's clock,
# which the test moves on instead of waiting for those seconds.
WATCH_STARTS_MS = 2_100
TICK_MS = 250

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("wagtail_admin", "one_request_at_a_time"),
]


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


def _is_autosave(request):
    return (
        request.method == "POST" and request.headers.get("accept") == "application/json"
    )


def _is_click(request):
    """The form's own POST (a navigation), as a button sends it."""
    return request.method == "POST" and request.is_navigation_request()


class _HeldAutosave:
    """A route (``page.route``) that holds the page's first autosave in
    *order* and lets every other request through."""

    def __init__(self, order):
        self.order = order
        self.route = None
        self.answer = None

    def __call__(self, route):
        if self.route is not None or not _is_autosave(route.request):
            route.fallback()
            return
        self.route = route
        if self.order == ANSWERED_LATE:
            self.answer = route.fetch()  # the server saves it now

    def let_go(self):
        """Send the autosave if it was held back, and answer the page."""
        if self.answer is None:
            self.answer = self.route.fetch()
        self.route.fulfill(response=self.answer)

    def outcome(self):
        """What the server answered: saved, its error code, or never sent."""
        if self.answer is None:
            return "never sent"
        body = self.answer.json()
        return "saved" if body.get("success") else body.get("error_code")


def _stop_clock(page):
    """Stop the page's timers, a second on from the page's now (Playwright
    moves a stopped clock only forward)."""
    page.clock.pause_at(page.evaluate("Date.now()") / 1000 + 1)


def _write_and_send(page, base, section, title, button, paragraph_label, order):
    """One story, sent while its autosave is held in *order*: what the
    round saw."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import expect

    add = base + reverse(ADD)
    autosave = _HeldAutosave(order)
    page.route(add, autosave)
    page.goto(add)
    page.click("#id_section-chooser [data-chooser-action-choose]")
    page.locator(".modal").get_by_role("link", name=section.name).click()
    expect(page.locator("#id_section")).to_have_value(str(section.pk))
    page.click("#body-root .c-sf-add-button")
    page.get_by_role("option", name=paragraph_label).first.click()
    page.clock.run_for(WATCH_STARTS_MS)
    # An edit the editor sees, which it autosaves.
    page.fill("input[name=title]", title)
    wait_until(lambda: autosave.route or page.clock.run_for(TICK_MS))
    # The rich-text editor copies a paragraph into the form a quarter of a
    # second after the last keystroke, on a timer that cannot run now.
    _stop_clock(page)
    page.locator("#body-root [contenteditable=true]").first.fill(PARAGRAPH)
    page.click("footer .w-dropdown__toggle")
    with page.expect_request(_is_click) as click:
        page.click(f"footer button[name={button}]")
    page.clock.resume()
    if autosave.route is not None and order == ANSWERED_LATE:
        autosave.let_go()
    try:
        page.wait_for_url(base + LIST, timeout=10_000)
        on_list = True
    except PlaywrightTimeout:
        on_list = False
    if autosave.route is not None and order == SENT_LATE:
        autosave.let_go()
    page.unroute(add)
    return {
        "title": title,
        "order": order,
        "on list": on_list,
        "click posted the add form": click.value.url == add,
        "autosave": autosave.outcome(),
    }


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
    page.clock.install()
    sign_in(page, live_server.url, user.username, reverse(ADD))
    label = _paragraph_label()
    orders = (ANSWERED_LATE, SENT_LATE)
    sent = [
        _write_and_send(
            page,
            live_server.url,
            section,
            f"خبر عاجل رقم {n}",
            button,
            label,
            orders[n % len(orders)],
        )
        for n in range(rounds)
    ]
    page.close()
    return sent, in_another_thread(_stories)


def _problems(sent, server_errors, stories, as_wanted):
    """What went wrong, by kind; every list empty when nothing did."""
    counts = Counter(story["title"] for story in stories)

    def titles(went_wrong):
        return [attempt["title"] for attempt in sent if went_wrong(attempt)]

    return {
        "no race: the autosave was not held as ordered": [
            f"{attempt['title']} ({attempt['order']}): {attempt['autosave']}"
            for attempt in sent
            if attempt["autosave"] != EXPECTED_ANSWER[attempt["order"]]
        ],
        "no race: the click did not post the add form": titles(
            lambda attempt: not attempt["click posted the add form"]
        ),
        "did not end on the list": titles(lambda attempt: not attempt["on list"]),
        "server errors": server_errors,
        "duplicated": sorted(title for title, n in counts.items() if n > 1),
        "missing": titles(lambda attempt: attempt["title"] not in counts),
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


@pytest.mark.parametrize("role", [roles.EDITOR, roles.CHIEF_EDITOR])
def test_publishing_at_machine_speed_publishes_every_story_once(
    role, desk, server_errors, live_server, browser
):
    section, user = desk

    sent, stories = _race(
        browser, live_server, section, user, "action-publish", ROUNDS[role]
    )

    problems = _problems(sent, server_errors, stories, _published)
    assert problems == dict.fromkeys(problems, [])


@pytest.mark.parametrize("role", [roles.REPORTER])
def test_a_reporter_submits_at_machine_speed_and_each_story_is_in_review_once(
    role, desk, server_errors, live_server, browser
):
    section, user = desk

    sent, stories = _race(
        browser, live_server, section, user, "action-submit", ROUNDS[role]
    )

    problems = _problems(sent, server_errors, stories, _in_review)
    assert problems == dict.fromkeys(problems, [])
