"""The article page in a real browser: RTL, font size, no-JS, phones, axe.

Drives Debian's chromium through Playwright against pytest-django's
live_server. Without chromium, Playwright or axe-core the tests skip, or
fail under KHABAR_REQUIRE_SERVICES=1 (docs/testing.md).
"""

import json
from pathlib import Path

import pytest

from tests import services
from tests.factories import ArticleFactory, AuthorFactory, TagFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE = Path(__file__).resolve().parents[2] / "node_modules/axe-core/axe.min.js"
BODY_FONT_SIZE = (
    "parseFloat(getComputedStyle(document.querySelector('.article__body')).fontSize)"
)


@pytest.fixture
def article():
    """An article with everything the reference page shows, plus neighbours
    so that the latest-headlines block is full."""
    ArticleFactory.create_batch(8)
    return ArticleFactory(
        title="البرلمان يقر قانون الموازنة العامة بعد نقاش طويل",
        kicker="عاجل",
        body=[
            ("paragraph", "<p>افتتح رئيس المجلس الجلسة صباحاً بكلمة قصيرة.</p>"),
            ("subheading", "خلفية القرار"),
            ("quotation", {"text": "هذا يوم مهم للبلاد", "attribution": "رئيس المجلس"}),
            ("paragraph", "<p>وتستمر المناقشات غداً في اللجان المختصة.</p>"),
        ],
        authors=[AuthorFactory(name="سلمى الخطيب"), AuthorFactory(name="رامي حداد")],
        tags=[TagFactory(name="البرلمان"), TagFactory(name="الموازنة")],
    )


@pytest.fixture
def axe_script():
    if not AXE.exists():
        services.unavailable(
            f"{AXE} is missing: run `npm ci` (make test does it when npm exists)"
        )
    return AXE


def test_page_is_arabic_and_right_to_left(article, live_server, browser):
    page = browser.new_page()
    page.goto(live_server.url + article.get_absolute_url())

    assert page.evaluate("document.documentElement.lang") == "ar"
    assert page.evaluate("document.documentElement.dir") == "rtl"


def test_larger_font_is_applied_and_remembered(article, live_server, browser):
    page = browser.new_page()
    page.goto(live_server.url + article.get_absolute_url())
    before = page.evaluate(BODY_FONT_SIZE)

    page.click(".settings summary")
    page.click('[data-font-step="1"]')
    larger = page.evaluate(BODY_FONT_SIZE)
    page.reload()
    after_reload = page.evaluate(BODY_FONT_SIZE)

    assert larger > before
    assert after_reload == larger, "the font size was not remembered"


def test_article_has_no_serious_accessibility_violations(
    article, live_server, browser, axe_script
):
    # axe is added as an inline script, which the page's CSP refuses.
    page = browser.new_context(bypass_csp=True).new_page()
    page.goto(live_server.url + article.get_absolute_url())
    page.add_script_tag(path=str(axe_script))

    results = page.evaluate("async () => await axe.run()")

    serious = [
        violation
        for violation in results["violations"]
        if violation["impact"] in ("serious", "critical")
    ]
    assert not serious, _describe(serious)


def test_article_is_readable_without_javascript(article, live_server, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + article.get_absolute_url())

    body = page.locator(".article__body")
    assert body.is_visible()
    assert "افتتح رئيس المجلس الجلسة" in body.inner_text()
    assert page.locator(".settings .font-size").count() == 1
    assert page.locator(".settings").is_hidden(), (
        "the reader settings show without JavaScript, where they do nothing"
    )
    context.close()


def test_no_horizontal_scrolling_on_a_320px_phone(article, live_server, browser):
    context = browser.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(live_server.url + article.get_absolute_url())

    width = page.evaluate("document.documentElement.scrollWidth")

    assert width <= 320, f"page is {width}px wide: {_widest(page)}"
    context.close()


def _describe(violations):
    """axe's findings, one line per element, for the assertion message."""
    lines = [f"{len(violations)} serious or critical axe violation(s):"]
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']} "
            f"{violation['helpUrl']}"
        )
        for node in violation["nodes"]:
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"    {json.dumps(node['target'])}: {summary}")
            lines.append(f"      {node['html'][:200]}")
    return "\n".join(lines)


def _widest(page):
    """The elements that stick out past the viewport, to say what to fix."""
    return page.evaluate(
        """() => [...document.querySelectorAll('body *')]
            .filter(el => {
                const box = el.getBoundingClientRect();
                return box.right > innerWidth + 0.5 || box.left < -0.5;
            })
            .slice(0, 5)
            .map(el => {
                const box = el.getBoundingClientRect();
                const name = el.tagName.toLowerCase()
                    + (el.className ? '.' + String(el.className).split(' ')
                    .join('.') : '');
                return `${name} [${Math.round(box.left)}, ${Math.round(box.right)}]`;
            })
            .join('; ')"""
    )
