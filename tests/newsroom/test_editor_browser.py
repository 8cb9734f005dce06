"""The editor's form in chromium: its checks, tags and history.

Drives Debian's chromium through Playwright against live_server, as
tests/security/test_browser.py does, signed in as a superuser (the role
groups come from a data migration that transactional tests flush away).
"""

import io
import re

import pytest

from tests.admin_browser import sign_in
from tests.factories import ArticleFactory, UserFactory
from tests.waiting import wait_until

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("wagtail_admin"),
]

EDIT = "/admin/snippets/newsroom/article/edit/{}/"
#: Eight words.
PARAGRAPH = "يجتمع وزراء الاقتصاد العرب غدا لبحث أسعار الغذاء"


def checks(page, base, article, at_least):
    """Open *article*'s Checks panel; its word count, reading time and
    issues once they count *at_least* words.

    Once, on a loaded machine, a first count fell short (a preview still
    loading, it seems): the count is read once it covers the body.
    """
    page.goto(base + EDIT.format(article.pk))
    page.click('[data-side-panel-toggle="checks"]')
    found = {}

    def counted():
        # Wagtail writes the word count and the reading time one after the
        # other; under load a read fell between the two.
        words = re.fullmatch(
            r"\d+", page.locator("[data-content-word-count]").inner_text().strip()
        )
        minutes = re.search(
            r"\d+", page.locator("[data-content-reading-time]").inner_text()
        )
        # The issues' count is written apart too (empty until axe has run
        # in the preview): under load a read fell before it.
        issues = page.locator("[data-content-checker-count]").inner_text().strip()
        if not (words and minutes and int(words[0]) >= at_least and issues.isdigit()):
            return False
        found.update(words=int(words[0]), minutes=int(minutes[0]), issues=int(issues))
        return True

    assert wait_until(counted, timeout=30)
    return {
        **found,
        "problems": page.locator("[data-content-checker-name]").all_inner_texts(),
    }


def body(paragraphs):
    return [("paragraph", f"<p>{PARAGRAPH}</p>")] * paragraphs


@pytest.fixture
def editor():
    return UserFactory(username="editor", is_superuser=True)


@pytest.fixture
def stories():
    """Two stories alike but for 200 more words of body in the second."""
    same = {"draft": True, "title": "وزراء الاقتصاد يجتمعون", "summary": "اجتماع"}
    return ArticleFactory(body=body(5), **same), ArticleFactory(body=body(30), **same)


@pytest.fixture
def faulty(settings, tmp_path):
    """A story whose body image is described by its file name, as an
    upload is until someone titles it."""
    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from wagtail.images.models import Image
    from wagtail.models import Collection

    settings.MEDIA_ROOT = tmp_path
    if not Collection.get_first_root_node():  # flushed by transactional tests
        Collection.add_root(name="Root")
    buffer = io.BytesIO()
    PILImage.new("RGB", (800, 450), (40, 90, 120)).save(buffer, "JPEG")
    image = Image.objects.create(
        title="DSC_0042.jpg",
        file=ImageFile(buffer, name="DSC_0042.jpg"),
        width=800,
        height=450,
    )
    return ArticleFactory(
        draft=True,
        body=[
            *body(2),
            ("image", {"image": image, "caption": "", "credit": ""}),
        ],
    )


def test_checks_count_the_words_of_the_body(editor, stories, live_server, browser):
    short, long = stories
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    sign_in(page, live_server.url, editor.username, EDIT.format(short.pk))
    try:
        first = checks(page, live_server.url, short, at_least=5 * 8)
        second = checks(page, live_server.url, long, at_least=30 * 8)
    finally:
        context.close()

    # Same page around them: the difference is the 25 paragraphs more.
    assert second["words"] - first["words"] == 25 * 8
    assert first["words"] >= 5 * 8
    assert second["minutes"] >= 1
    assert second["minutes"] > first["minutes"]
    assert (first["issues"], second["issues"]) == (0, 0)


def test_checks_report_an_image_described_by_its_file_name(
    editor, faulty, live_server, browser
):
    from django.utils import translation
    from wagtail.admin.userbar import ContentCheckerItem

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    sign_in(page, live_server.url, editor.username, EDIT.format(faulty.pk))
    try:
        found = checks(page, live_server.url, faulty, at_least=2 * 8)
    finally:
        context.close()

    assert found["issues"] == 1
    with translation.override("ar"):
        message = ContentCheckerItem.axe_messages["alt-text-quality"]["error_name"]
        assert found["problems"] == [str(message)]


#: Wagtail's form notes its state two seconds after loading, then saves
#: each change once the typing pauses (a look every 0.5 s, then 0.5 s more
#: on each of two timers): what is typed before that is not a change. The
#: page runs on Playwright's clock, which the test moves on by these steps
#: instead of waiting for them.
WATCH_STARTS_MS = 2_100
TICK_MS = 250
MARK_WATCHING = """
document.addEventListener("w-unsaved:watch-edits", () => {
  document.documentElement.dataset.watching = "1";
});
"""


@pytest.fixture
def draft(editor):
    return ArticleFactory(draft=True, title="عنوان")


def _autosaves(page):
    """The answers to the form's saves on *page*, as they come."""
    answers = []

    def record(response):
        if response.request.method == "POST" and "/edit/" in response.url:
            answers.append(response)

    page.on("response", record)
    return answers


def _until_autosaved(page, answers):
    """Move the page's clock on until the form has saved; whether each save
    answered meanwhile succeeded."""
    before = len(answers)
    wait_until(lambda: len(answers) > before or page.clock.run_for(TICK_MS))
    return [answer.ok for answer in answers[before:]]


def test_one_writing_session_is_one_history_entry(editor, draft, live_server, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(MARK_WATCHING)
    context.clock.install()
    page = context.new_page()
    answers = _autosaves(page)
    sign_in(page, live_server.url, editor.username, EDIT.format(draft.pk))
    page.clock.run_for(WATCH_STARTS_MS)
    page.wait_for_selector("html[data-watching]", state="attached")
    autosaves = 0
    try:
        for word in (" وزراء", " الاقتصاد", " العرب", " يجتمعون", " غدا"):
            page.locator("input[name=title]").press_sequentially(word, delay=40)
            # Autosaved once the typing pauses.
            saved = _until_autosaved(page, answers)
            assert saved, "the form did not autosave"
            assert all(saved)
            autosaves += 1
        page.goto(
            f"{live_server.url}/admin/snippets/newsroom/article/history/{draft.pk}/"
        )
        entries = page.locator("table.listing > tbody > tr").count()
        title = page.locator("h1").inner_text()
    finally:
        context.close()

    assert autosaves == 5
    assert entries == 1
    assert "يجتمعون غدا" in title


def overlap(a, b):
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


@pytest.mark.parametrize("width", [1280, 360])
def test_the_schedule_date_picker_leaves_the_save_button_free(
    editor, draft, live_server, browser, width
):
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    sign_in(page, live_server.url, editor.username, EDIT.format(draft.pk))
    try:
        page.click('[data-side-panel-toggle="status"]')
        dialog = '[data-a11y-dialog-show="schedule-publishing-dialog"]:visible'
        page.locator(dialog).first.click()
        page.click("#id_go_live_at")
        picker = page.locator(".xdsoft_datetimepicker:visible")
        picker.wait_for()
        box = picker.bounding_box()
        save = page.locator("#schedule-publishing-dialog button.action-save")
        fields = [page.locator(f"#id_{name}") for name in ("go_live_at", "expire_at")]
        covered = [overlap(box, el.bounding_box()) for el in (save, *fields)]
    finally:
        context.close()

    assert covered == [False, False, False]
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= width
