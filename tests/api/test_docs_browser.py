"""The API's browsable docs in a real browser, under the site's CSP.

Swagger UI from ninja's static files must draw every operation, send no
request to another host and break no rule of the Content-Security-Policy
(khabar/security/csp.py), which readers' pages have too.
"""

from urllib.parse import urlsplit

import pytest

from tests.factories import ArticleFactory
from tests.security.test_browser import Watched

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def story():
    """Made before the browser starts (tests/conftest.py says why)."""
    return ArticleFactory(title="خبر للتجربة")


@pytest.fixture
def watched(browser):
    page = Watched(browser)
    yield page
    page.close()


def test_swagger_draws_every_operation_within_the_policy(story, live_server, watched):
    hosts = set()
    watched.page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))

    watched.page.goto(live_server.url + "/api/v1/docs")
    watched.page.wait_for_selector(".opblock-summary-path", timeout=20_000)
    paths = watched.page.locator(".opblock-summary-path").all_inner_texts()

    assert "/api/v1/articles" in [p.replace("\u200b", "") for p in paths]
    assert len(paths) >= 10
    assert watched.violations() == []
    assert watched.errors == []
    assert hosts == {urlsplit(live_server.url).netloc}


def test_swagger_tries_a_request(story, live_server, watched):
    page = watched.page
    # Without a deep link: Swagger UI opens a linked operation on its own,
    # at a moment of its choosing, and a click just before or after that
    # closed it again (a CI failure, twice). One click, then, on a page
    # that opens nothing by itself.
    page.goto(live_server.url + "/api/v1/docs")
    page.wait_for_selector("#operations-articles-article", timeout=20_000)
    block = page.locator("#operations-articles-article")
    block.locator(".opblock-summary").click()
    try_out = block.locator(".try-out__btn")
    try_out.wait_for(state="visible", timeout=20_000)
    try_out.click()
    block.locator("input[placeholder='id']").fill(str(story.pk))
    block.locator(".execute").click()

    body = block.locator(".live-responses-table .microlight").first
    body.wait_for(timeout=20_000)

    assert "خبر للتجربة" in body.inner_text()
    assert watched.violations() == []
