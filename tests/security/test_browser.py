"""The Content-Security-Policy in a real browser: nothing refused, all works.

Drives Debian's chromium through Playwright against pytest-django's
live_server, like tests/site/test_browser.py. A violation is caught twice: the
``securitypolicyviolation`` event the page fires, and chromium's "Refused
to ..." console message.
"""

import pytest

from tests.factories import PASSWORD, ArticleFactory, SectionFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BODY_FONT_SIZE = (
    "parseFloat(getComputedStyle(document.querySelector('.article__body')).fontSize)"
)
#: Runs before any script of the page and records every violation.
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__violations.push(
    `${event.effectiveDirective} blocked ${event.blockedURI || "inline"}` +
    ` at ${event.sourceFile}:${event.lineNumber}`
  );
});
"""


@pytest.fixture
def story():
    ArticleFactory.create_batch(3)
    return ArticleFactory(
        title="خبر يقرؤه المتصفح",
        body=[("paragraph", "<p>فقرة أولى من الخبر.</p>"), ("subheading", "خلفية")],
    )


class Watched:
    """A page whose CSP violations are collected as it goes."""

    def __init__(self, browser):
        self.context = browser.new_context()
        self.context.add_init_script(RECORD_VIOLATIONS)
        self.page = self.context.new_page()
        self.console = []
        self.errors = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def _console(self, message):
        text = message.text
        if "Refused to" in text or "Content Security Policy" in text:
            self.console.append(text)

    def violations(self):
        events = self.page.evaluate("window.__violations || []")
        return events + self.console

    def close(self):
        self.context.close()


@pytest.fixture
def watched(browser):
    page = Watched(browser)
    yield page
    page.close()


def test_home_and_article_load_without_violations(story, live_server, watched):
    for path in ("/", story.get_absolute_url()):
        watched.page.goto(live_server.url + path)
        watched.page.wait_for_load_state("load")

        assert watched.violations() == [], path
    assert watched.errors == []


def test_scripts_still_work_under_the_policy(story, live_server, watched):
    page = watched.page
    page.goto(live_server.url + story.get_absolute_url())
    assert page.evaluate("document.documentElement.className") == "js", (
        "the inline early script did not run"
    )
    before = page.evaluate(BODY_FONT_SIZE)

    page.click(".settings summary")
    page.click('[data-font-step="1"]')
    page.reload()

    assert page.evaluate(BODY_FONT_SIZE) > before, (
        "the font-size control or the early script that restores it failed"
    )
    assert watched.violations() == []


@pytest.fixture
def newsroom():
    """A section and an editor, made before the browser starts.

    A superuser: the role groups come from a data migration, which the
    transactional tests before this one flush away.
    """
    return SectionFactory(name="اقتصاد"), UserFactory(
        username="editor", is_superuser=True
    )


def test_newsroom_saves_a_draft_without_violations(
    newsroom, wagtail_admin, live_server, watched
):
    section, editor = newsroom
    page = watched.page
    add = "/admin/snippets/newsroom/article/add/"

    page.goto(f"{live_server.url}/admin/login/?next={add}")
    page.fill("input[name=username]", editor.username)
    page.fill("input[name=password]", PASSWORD)
    assert watched.violations() == [], "the sign-in page needs an inline script"
    page.click("button[type=submit]")
    page.wait_for_url(live_server.url + add)
    page.fill("input[name=title]", "مسودة من المتصفح")
    page.fill("textarea[name=summary]", "ملخص المسودة")
    _choose_section(page, section)
    page.click("footer button.action-save:not([name])")  # "Save draft"
    page.wait_for_url("**/edit/**")

    assert watched.violations() == []
    assert watched.errors == []


def _choose_section(page, section):
    """Pick *section* in the snippet chooser: a modal whose HTML, scripts
    included, arrives by XHR."""
    page.click("#id_section-chooser [data-chooser-action-choose]")
    page.locator(".modal").get_by_role("link", name=section.name).click()
    from playwright.sync_api import expect

    # Not wait_for_function: its predicate is a string that the page's
    # CSP (no 'unsafe-eval') may refuse to evaluate.
    expect(page.locator("#id_section")).to_have_value(str(section.pk))
