"""Curating the front page in chromium: the editor chooses the lead and
orders the top stories, the chief editor schedules a new lead, a reader
sees each on the cached home page; a reporter is refused.

The data is made before the browser starts (Playwright's sync API runs an
event loop in this thread, and Django refuses ORM calls while it runs).
"""

import datetime as dt
import time

import pytest
from django.utils import timezone

from khabar.newsroom import roles
from khabar.newsroom.frontpage import FrontPage
from tests.admin_browser import sign_in
from tests.factories import ArticleFactory, SectionFactory, UserFactory
from tests.orm_thread import in_another_thread
from tests.waiting import wait_until

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("wagtail_admin", "page_cache", "fast_hasher"),
]

TIMEOUT_MS = 20_000
ADD = "/admin/snippets/newsroom/frontpage/add/"
LIST = "/admin/snippets/newsroom/frontpage/"
#: Seconds from when the test moves the scheduled lineup to when it
#: takes effect: room for the reader's first looks before it.
SOON = 4


@pytest.fixture
def desk(role_groups):
    section = SectionFactory(name="محليات")
    now = timezone.now()
    stories = [
        ArticleFactory(
            title=f"خبر الصفحة الأولى {n}",
            section=section,
            first_published_at=now - dt.timedelta(minutes=10 + n),
        )
        for n in range(6)
    ]
    people = {
        role: UserFactory(username=username, role=role)
        for username, role in (
            ("editor", roles.EDITOR),
            ("chief", roles.CHIEF_EDITOR),
            ("reporter", roles.REPORTER),
        )
    }
    return stories, people


def _sign_in(browser, base, username):
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(TIMEOUT_MS)
    sign_in(page, base, username)
    return page


def _choose(page, field, title):
    """Pick the article *title* in the chooser of *field* (an input id)."""
    from playwright.sync_api import expect

    page.click(f"#{field}-chooser [data-chooser-action-choose]")
    page.locator(".modal").get_by_role("link", name=title).click()
    expect(page.locator(f"#{field}-chooser")).to_contain_text(title)


def _save(page):
    with page.expect_navigation():
        page.click("footer button[type=submit]")


def _front(page):
    """Titles of the home page's lead package, lead first."""
    return page.locator(".front .card h2 a").all_inner_texts()


def _whole_minute_ahead(now, minutes=2):
    """A whole minute at least *minutes* away, local time: the admin's
    date-time field takes minutes."""
    start = timezone.localtime(now) + dt.timedelta(minutes=minutes)
    return start.replace(second=0, microsecond=0) + dt.timedelta(minutes=1)


def _scheduled_time(lead_title):
    return FrontPage.objects.get(lead__title=lead_title).takes_effect_at


def _bring_forward(lead_title, seconds):
    """Move the lineup led by *lead_title* to *seconds* from now, as a row
    update: no save signal, so no purge, as if that much time were all
    that was left before its time. Returns the new time."""
    at = timezone.now() + dt.timedelta(seconds=seconds)
    FrontPage.objects.filter(lead__title=lead_title).update(takes_effect_at=at)
    return at


def test_editors_curate_and_schedule_the_front_page(desk, browser, live_server):
    from playwright.sync_api import expect

    stories, _ = desk
    titles = [story.title for story in stories]
    base = live_server.url
    reader = browser.new_context().new_page()
    reader.set_default_timeout(TIMEOUT_MS)
    reader.goto(base + "/")
    assert _front(reader) == titles[:4], "not newest-first before any choice"

    # The editor makes the oldest story the lead and orders two beside it.
    editor = _sign_in(browser, base, "editor")
    editor.goto(base + ADD)
    _choose(editor, "id_lead", titles[5])
    for index, title in enumerate([titles[3], titles[4]]):
        editor.click("#id_stories-ADD")
        _choose(editor, f"id_stories-{index}-article", title)
    # The fifth story above the fourth.
    editor.click("#inline_child_stories-1 [data-inline-panel-child-move-up]")
    _save(editor)
    expect(editor.locator("table.listing")).to_contain_text(titles[5])

    reader.reload()
    assert _front(reader) == [titles[5], titles[4], titles[3], titles[0]]

    # The chief editor schedules another lead, minutes ahead.
    chief = _sign_in(browser, base, "chief")
    typed = _whole_minute_ahead(timezone.now())
    chief.goto(base + ADD)
    chief.fill("#id_takes_effect_at", typed.strftime("%Y-%m-%d %H:%M"))
    chief.keyboard.press("Escape")  # close the date picker over the buttons
    _choose(chief, "id_lead", titles[2])
    _save(chief)
    expect(chief.locator("table.listing")).to_contain_text(titles[2])
    assert in_another_thread(lambda: _scheduled_time(titles[2])) == typed

    # Those minutes pass at once: nothing has shown the home page since the
    # save purged it, so the page the reader gets next is cached until the
    # lineup's time, which it must reach by itself.
    at = in_another_thread(lambda: _bring_forward(titles[2], SOON)).timestamp()
    looks = []  # (asked, answered: seconds from its time; lead) per reload

    def lead_shown():
        asked = time.time()
        reader.reload()
        looks.append((asked - at, time.time() - at, _front(reader)[0]))
        return looks[-1][2] == titles[2]

    assert wait_until(lead_shown, timeout=30), "the scheduled lead never came"
    # Timed by when each page was asked for and answered, not by how fast
    # the machine answers: on a loaded one a reload took over a second.
    before = {lead for _, answered, lead in looks if answered < 0}
    assert before == {titles[5]}, f"the scheduled lead came early: {looks}"
    late = [look for look in looks if look[0] >= 0 and look[2] != titles[2]]
    assert late == [], f"pages asked for after its time had the old lead: {looks}"
    assert _front(reader)[1:3] == [titles[0], titles[1]]

    # A reporter is refused by the server, not only by a hidden menu item.
    reporter = _sign_in(browser, base, "reporter")
    assert reporter.goto(base + LIST).status == 403
    assert reporter.goto(base + ADD).status == 403
