"""The story desk and the admin's search in chromium, as each role.

Each role signs in, filters the desk by status and section, finds a story
by typing its words without their hamza (اسعار for أسعار) in the desk's
search box, and finds a byline (احمد for أحمد) with the sidebar's search.
"""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from khabar.newsroom import roles
from khabar.search.index import index_articles
from tests.admin_browser import sign_in
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    SectionFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
DESK = "/admin/snippets/newsroom/article/"


@pytest.fixture(
    params=[roles.REPORTER, roles.EDITOR, roles.CHIEF_EDITOR],
    ids=["reporter", "editor", "chief-editor"],
)
def newsroom(request, role_groups):
    """A user of one role, their stories and a colleague's, made before
    the browser starts."""
    user = UserFactory(username="desk-user", role=request.param)
    colleague = UserFactory(username="colleague", role=roles.REPORTER)
    economy, sport = SectionFactory(name="اقتصاد"), SectionFactory(name="رياضة")
    AuthorFactory(name="أحمد الشامي")
    stories = {
        "own_draft": ArticleFactory(
            title="مسودة عن أسعار الخبز", owner=user, section=economy, draft=True
        ),
        "own_live": ArticleFactory(title="نتيجة المباراة", owner=user, section=sport),
        "other_live": ArticleFactory(
            title="أسعار النفط ترتفع",
            owner=colleague,
            section=economy,
            first_published_at=timezone.now() - dt.timedelta(hours=2),
        ),
    }
    index_articles([story.pk for story in stories.values()])
    return request.param, user, stories


def _rows(page):
    return page.locator("#listing-results table tbody tr")


def test_each_role_filters_the_desk_and_finds_by_variant_spelling(
    newsroom, wagtail_admin, live_server, browser
):
    role, user, stories = newsroom
    sees_all = role != roles.REPORTER
    context = browser.new_context(locale="ar")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        sign_in(page, live_server.url, user.username, DESK)
        listing = page.locator("#listing-results")
        expect(_rows(page)).to_have_count(3 if sees_all else 2)
        if not sees_all:
            expect(listing).not_to_contain_text("أسعار النفط")

        # Status: the drafts tab, with its count.
        draft_tab = page.locator('.desk-tabs a[data-status="draft"]')
        expect(draft_tab.locator(".desk-tabs__count")).to_have_text("1")
        draft_tab.click()
        expect(_rows(page)).to_have_count(1)
        expect(listing).to_contain_text("مسودة عن أسعار الخبز")

        # Live, then a section from Wagtail's filter drawer.
        page.locator('.desk-tabs a[data-status="live"]').click()
        expect(_rows(page)).to_have_count(2 if sees_all else 1)
        page.locator("#filters-drilldown .w-slim-header-action-button").click()
        page.locator('button[aria-controls="drilldown-id_section"]').click()
        section = stories["own_live"].section
        page.locator("#id_section").select_option(str(section.pk))
        expect(_rows(page)).to_have_count(1)
        expect(listing).to_contain_text("نتيجة المباراة")
        live_tab = page.locator('.desk-tabs a[data-status="live"]')
        expect(live_tab.locator(".desk-tabs__count")).to_have_text("1")

        # The desk's search box, typed without the hamza.
        page.goto(live_server.url + DESK)
        page.locator("input#id_q").fill("اسعار")
        expect(_rows(page)).to_have_count(2 if sees_all else 1)
        expect(listing).to_contain_text("مسودة عن أسعار الخبز")
        if not sees_all:
            expect(listing).not_to_contain_text("أسعار النفط")

        # The sidebar's search: the newsroom search, for every role.
        page.goto(f"{live_server.url}/admin/")
        page.locator("#menu-search-q").fill("احمد الشامى")
        page.locator("#menu-search-q").press("Enter")
        page.wait_for_url("**/admin/search/?q=*")
        expect(page.locator(".newsroom-search")).to_contain_text("أحمد الشامي")
        expect(page.locator("body")).not_to_contain_text("ليس لديك صلاحية")
        assert errors == []
    finally:
        context.close()
