"""The request-changes loop in real chromium, as a reporter and an editor.

A reporter writes a story and submits it; the editor requests changes with
a note from the notes panel; the reporter's dashboard shows the request and
the note; the reporter edits and resubmits with a note of their own; the
editor approves with a comment. Each step's email is read from Django's
locmem outbox, which the live server's thread fills.

Playwright's sync API runs an event loop in this thread and Django refuses
ORM calls while it runs: the data is made before the browser starts, and
what the server wrote is read from the pages and the outbox.
"""

import pytest

from khabar.newsroom import roles
from tests.admin_browser import sign_in
from tests.factories import SectionFactory, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("wagtail_admin"),
]

TIMEOUT_MS = 20_000
TITLE = "انقطاع الكهرباء في الأحياء الشرقية"
REQUEST = "اذكر مصدر رقم الساعات في الفقرة الأولى"
REPLY = "أضفت المصدر: شركة الكهرباء"
APPROVAL = "ممتاز، يُنشر الآن"
ASIDE = "سأضيف المصدر خلال ساعة"


@pytest.fixture
def newsroom(fast_hasher, role_groups):
    """The roles and the review workflow of migration 0002 (a transactional
    test before this one flushed them), a section, a reporter, an editor."""
    return (
        SectionFactory(name="محليات"),
        UserFactory(username="reporter", role=roles.REPORTER),
        UserFactory(username="editor", role=roles.EDITOR),
    )


def _sign_in(browser, base, user, errors):
    page = browser.new_context().new_page()
    page.set_default_timeout(TIMEOUT_MS)
    page.on("pageerror", lambda error: errors.append(str(error)))
    sign_in(page, base, user.username)
    return page


def _choose_section(page, section):
    from playwright.sync_api import expect

    page.click("#id_section-chooser [data-chooser-action-choose]")
    page.locator(".modal").get_by_role("link", name=section.name).click()
    expect(page.locator("#id_section")).to_have_value(str(section.pk))


def _submit_from_footer(page):
    """Wagtail's "Submit for review" / "Resubmit", in the footer's menu."""
    page.click("footer .w-dropdown__toggle")
    with page.expect_navigation():
        page.click("footer button[name=action-submit]")


def _open_review(editor_page, base):
    """The editor's way in: the dashboard's review queue, then "Review"."""
    editor_page.goto(base + "/admin/")
    row = editor_page.locator("#awaiting-review-section tr", has_text=TITLE)
    row.locator("[data-review-link]").click()
    editor_page.wait_for_url("**/edit/**")


def test_changes_requested_then_resubmitted_then_approved(
    newsroom, live_server, browser, mailoutbox
):
    from playwright.sync_api import expect

    section, reporter, editor = newsroom
    base = live_server.url
    errors = []
    reporter_page = _sign_in(browser, base, reporter, errors)
    editor_page = _sign_in(browser, base, editor, errors)

    # The reporter writes and submits.
    reporter_page.goto(base + "/admin/snippets/newsroom/article/add/")
    reporter_page.fill("input[name=title]", TITLE)
    reporter_page.fill("textarea[name=summary]", "ساعات طويلة بلا كهرباء")
    _choose_section(reporter_page, section)
    _submit_from_footer(reporter_page)

    # The editor requests changes, with the note box beside the decision.
    _open_review(editor_page, base)
    notes = editor_page.locator("[data-khabar-notes]")
    notes.locator("textarea[name=khabar-note]").fill(REQUEST)
    with editor_page.expect_navigation():
        notes.locator("button[name=khabar-review][value=reject]").click()

    # The reporter's dashboard says so, with the note, not "awaiting".
    reporter_page.goto(base + "/admin/")
    mine = reporter_page.locator("#my-articles-section tr", has_text=TITLE)
    expect(mine).to_have_attribute("data-story-state", "changes_requested")
    expect(mine.locator("[data-review-comment]")).to_contain_text(REQUEST)
    expect(mine).not_to_contain_text("بانتظار موافقة المحرر")

    # The reporter edits, explains in a note, and resubmits.
    mine.locator("[data-review-comment] a").click()
    reporter_page.wait_for_url("**/edit/**")
    thread = reporter_page.locator("[data-khabar-notes-thread]")
    expect(thread).to_contain_text(REQUEST)
    summary = reporter_page.locator("textarea[name=summary]")
    summary.fill("ساعات طويلة بلا كهرباء، بحسب الشركة")
    # "Add note" posts the note alone: the unsaved edit stays in the form.
    box = reporter_page.locator("textarea[name=khabar-note]")
    box.fill(ASIDE)
    reporter_page.click("[data-khabar-note-add]")
    expect(thread).to_contain_text(ASIDE)
    expect(box).to_have_value("")
    expect(summary).to_have_value("ساعات طويلة بلا كهرباء، بحسب الشركة")
    box.fill(REPLY)
    _submit_from_footer(reporter_page)

    # The editor sees the reply in the queue, and approves with a comment.
    editor_page.goto(base + "/admin/")
    queued = editor_page.locator("#awaiting-review-section tr", has_text=TITLE)
    expect(queued.locator("[data-latest-note]")).to_contain_text(REPLY)
    _open_review(editor_page, base)
    notes = editor_page.locator("[data-khabar-notes]")
    expect(notes).to_contain_text(REPLY)
    notes.locator("textarea[name=khabar-note]").fill(APPROVAL)
    with editor_page.expect_navigation():
        notes.locator("button[name=khabar-review][value=approve]").click()

    reporter_page.goto(base + "/admin/")
    mine = reporter_page.locator("#my-articles-section tr", has_text=TITLE)
    expect(mine).to_have_attribute("data-story-state", "live")

    sent = [(m.to, m.body, m.alternatives[0][0]) for m in mailoutbox]
    to_reporter = [(text, html) for to, text, html in sent if to == [reporter.email]]
    to_editor = [(text, html) for to, text, html in sent if to == [editor.email]]
    # Changes requested, then approved: both carry the editor's words.
    assert len(to_reporter) == 2, sent
    (rejected_text, rejected_html), (approved_text, approved_html) = to_reporter
    assert REQUEST in rejected_text
    assert REQUEST in rejected_html
    assert APPROVAL in approved_text
    assert APPROVAL in approved_html
    assert REPLY in approved_text  # the latest notes
    # Submitted, then resubmitted: the second carries the reporter's note.
    assert len(to_editor) == 2, sent
    assert REPLY in to_editor[1][0]
    assert REPLY in to_editor[1][1]
    assert ASIDE in to_editor[1][0]
    assert errors == []
