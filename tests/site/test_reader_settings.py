"""Reader settings in a real browser: theme, digits, Hijri date and font
size, kept in the browser so that every reader gets the same bytes (#17).

Drives Debian's chromium through Playwright against pytest-django's
live_server (docs/testing.md).
"""

import re

import pytest

from tests.factories import ArticleFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BODY_FONT_SIZE = (
    "parseFloat(getComputedStyle(document.querySelector('.article__body')).fontSize)"
)
BACKGROUND = "getComputedStyle(document.body).backgroundColor"
WESTERN = re.compile(r"[0-9]")
EASTERN = re.compile("[\u0660-\u0669]")


@pytest.fixture
def article():
    ArticleFactory.create_batch(3)
    return ArticleFactory(
        title="الموازنة العامة لعام 2027 أمام البرلمان",
        body=[("paragraph", "<p>بلغ العجز 12 في المئة من الناتج في 2026.</p>")],
    )


def _choose(page, selector):
    page.click(".settings summary")
    page.check(selector)
    page.click(".settings summary")


def _article_text(page):
    """The page's main text but the short link, a URL that keeps its digits."""
    return page.evaluate(
        """() => {
            const main = document.querySelector('main').cloneNode(true);
            main.querySelectorAll('.permalink').forEach(el => el.remove());
            document.body.append(main);
            const text = main.innerText;
            main.remove();
            return text;
        }"""
    )


def test_settings_apply_at_once_and_survive_a_reload_with_the_same_bytes(
    article, live_server, browser
):
    context = browser.new_context(color_scheme="light")
    page = context.new_page()
    url = live_server.url + article.get_absolute_url()
    first = page.goto(url).body()
    light = page.evaluate(BACKGROUND)
    size = page.evaluate(BODY_FONT_SIZE)
    assert WESTERN.search(_article_text(page))
    assert page.locator(".article .hijri").first.is_hidden()

    _choose(page, 'input[name="theme"][value="dark"]')
    _choose(page, 'input[name="digits"][value="eastern"]')
    _choose(page, 'input[name="hijri"]')
    page.click(".settings summary")
    page.click('[data-font-step="1"]')
    page.click(".settings summary")

    def assert_chosen():
        assert page.evaluate("document.documentElement.dataset.theme") == "dark"
        assert page.evaluate(BACKGROUND) != light
        text = _article_text(page)
        assert EASTERN.search(text), text[:300]
        assert not WESTERN.search(text), text[:300]
        assert page.locator(".article .hijri").first.is_visible()
        assert "هـ" in page.locator(".article .hijri").first.inner_text()
        assert page.evaluate(BODY_FONT_SIZE) > size

    assert_chosen()
    again = page.reload().body()
    assert_chosen()
    assert again == first, "the settings changed what the server sent"
    # The panel shows what is in force.
    assert page.is_checked('input[name="theme"][value="dark"]')
    assert page.is_checked('input[name="digits"][value="eastern"]')
    assert page.is_checked('input[name="hijri"]')

    _choose(page, 'input[name="theme"][value=""]')
    _choose(page, 'input[name="digits"][value=""]')
    assert page.evaluate("document.documentElement.dataset.theme") is None
    assert page.evaluate(BACKGROUND) == light
    text = _article_text(page)
    assert WESTERN.search(text)
    assert not EASTERN.search(text)
    context.close()


def test_the_dark_theme_follows_the_system_until_the_reader_chooses(
    article, live_server, browser
):
    backgrounds = {}
    for scheme in ("light", "dark"):
        context = browser.new_context(color_scheme=scheme)
        page = context.new_page()
        page.goto(live_server.url + article.get_absolute_url())
        backgrounds[scheme] = page.evaluate(BACKGROUND)
        if scheme == "dark":
            _choose(page, 'input[name="theme"][value="light"]')
            assert page.evaluate(BACKGROUND) == backgrounds["light"]
        context.close()
    assert backgrounds["light"] != backgrounds["dark"]


def test_without_javascript_the_defaults_and_no_settings_panel(
    article, live_server, browser
):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + article.get_absolute_url())

    assert page.locator(".settings").is_hidden()
    assert page.locator(".article .hijri").first.is_hidden()
    assert WESTERN.search(_article_text(page))
    context.close()


def test_search_controls_are_large_enough_that_phones_do_not_zoom(
    article, live_server, browser
):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(live_server.url + "/search/?q=الموازنة")

    sizes = page.evaluate(
        """() => [...document.querySelectorAll(
                '.search-form input, .search-form select')]
            .map(el => parseFloat(getComputedStyle(el).fontSize))"""
    )
    assert sizes
    assert min(sizes) >= 16, sizes
    context.close()
