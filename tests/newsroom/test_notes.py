"""Internal notes and the request-changes loop, through the admin's views.

The browser walks the same loop in test_review_loop_browser.py; here each
step is checked on the server: who may write a note, where the editor's
comment goes, and that notes never reach readers.
"""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import TaskState, WorkflowState

from khabar.newsroom import roles
from khabar.newsroom.models import Article
from khabar.newsroom.notes import ArticleNote, thread
from khabar.newsroom.review import DECISION_FIELD, NOTE_FIELD, story_states
from khabar.search.index import index_articles
from khabar.search.models import SearchDocument
from tests.admin_forms import article_form
from tests.factories import ArticleFactory, SectionFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("wagtail_admin")]

ADD = "wagtailsnippets_newsroom_article:add"
EDIT = "wagtailsnippets_newsroom_article:edit"
NOTE_ADD = "newsroom_notes:add"
#: A word no story contains, so finding it anywhere public is a leak.
SECRET = "zebraquill"


@pytest.fixture
def section():
    return SectionFactory(name="محليات")


@pytest.fixture
def reporter():
    return UserFactory(username="reporter-n", role=roles.REPORTER)


@pytest.fixture
def editor():
    return UserFactory(username="editor-n", role=roles.EDITOR)


def _form(article, **extra):
    return article_form(title=article.title, section_id=article.section_id, **extra)


def _submitted(client, reporter, section, title="خبر للمراجعة"):
    """A story *reporter* wrote and submitted for review."""
    client.force_login(reporter)
    data = article_form(title=title, section_id=section.pk, **{"action-submit": "1"})
    assert client.post(reverse(ADD), data).status_code == 302
    return Article.objects.get(title=title)


def _review(article):
    return WorkflowState.objects.for_instance(article).get()


def _request_changes(client, editor, article, note):
    client.force_login(editor)
    data = _form(article, **{DECISION_FIELD: "reject", NOTE_FIELD: note})
    return client.post(reverse(EDIT, args=[article.pk]), data)


def test_changes_requested_beside_the_note_box_reach_the_reporter(
    client, reporter, editor, section, mailoutbox
):
    article = _submitted(client, reporter, section)
    mailoutbox.clear()

    _request_changes(
        client, editor, article, "أضف مصدرًا للرقم الوارد في الفقرة الثانية"
    )

    review = _review(article)
    assert review.status == WorkflowState.STATUS_NEEDS_CHANGES
    decision = review.current_task_state
    assert decision.status == TaskState.STATUS_REJECTED
    assert decision.comment == "أضف مصدرًا للرقم الوارد في الفقرة الثانية"
    assert decision.finished_by == editor
    # Stored once, as the decision's comment, not again as a note.
    assert not ArticleNote.objects.exists()

    (email,) = [m for m in mailoutbox if m.to == [reporter.email]]
    assert "أضف مصدرًا للرقم" in email.body
    assert "أضف مصدرًا للرقم" in email.alternatives[0][0]

    client.force_login(reporter)
    home = client.get(reverse("wagtailadmin_home")).text
    assert 'data-story-state="changes_requested"' in home
    assert "أضف مصدرًا للرقم الوارد في الفقرة الثانية" in home
    assert "بانتظار موافقة المحرر" not in home


def test_requesting_changes_without_saying_what_changes_nothing(
    client, reporter, editor, section
):
    article = _submitted(client, reporter, section)

    response = _request_changes(client, editor, article, "   ")

    assert response.status_code == 302
    assert _review(article).status == WorkflowState.STATUS_IN_PROGRESS


def test_a_reporter_cannot_take_the_editors_decision(client, reporter, section):
    article = _submitted(client, reporter, section)

    _request_changes(client, reporter, article, "أوافق على خبري")

    assert _review(article).status == WorkflowState.STATUS_IN_PROGRESS
    assert not TaskState.objects.filter(status=TaskState.STATUS_REJECTED).exists()


def test_resubmitting_with_a_note_tells_the_editors(
    client, reporter, editor, section, mailoutbox
):
    article = _submitted(client, reporter, section)
    _request_changes(client, editor, article, "الرقم يحتاج مصدرًا")
    mailoutbox.clear()

    client.force_login(reporter)
    data = _form(
        article, **{NOTE_FIELD: "أضفت المصدر: وزارة المالية", "action-submit": "1"}
    )
    assert client.post(reverse(EDIT, args=[article.pk]), data).status_code == 302

    assert _review(article).status == WorkflowState.STATUS_IN_PROGRESS
    note = ArticleNote.objects.get()
    assert (note.author, note.text) == (reporter, "أضفت المصدر: وزارة المالية")
    (email,) = [m for m in mailoutbox if m.to == [editor.email]]
    assert "أضفت المصدر: وزارة المالية" in email.body

    client.force_login(editor)
    home = client.get(reverse("wagtailadmin_home")).text
    queue = home[home.index('id="awaiting-review-section"') :]
    assert "أضفت المصدر: وزارة المالية" in queue


def test_approval_email_carries_the_editors_comment_and_the_notes(
    client, reporter, editor, section, mailoutbox
):
    article = _submitted(client, reporter, section)
    ArticleNote.objects.create(article=article, author=reporter, text="الصور لاحقًا")
    mailoutbox.clear()

    client.force_login(editor)
    data = _form(article, **{DECISION_FIELD: "approve", NOTE_FIELD: "ممتاز، انشر"})
    client.post(reverse(EDIT, args=[article.pk]), data)

    article.refresh_from_db()
    assert article.live
    (email,) = [m for m in mailoutbox if m.to == [reporter.email]]
    for text in (email.body, email.alternatives[0][0]):
        assert "ممتاز، انشر" in text
        assert "الصور لاحقًا" in text

    client.force_login(reporter)
    home = client.get(reverse("wagtailadmin_home")).text
    assert 'data-story-state="live"' in home


def test_thread_merges_notes_and_decisions_in_time_order(
    client, reporter, editor, section
):
    article = _submitted(client, reporter, section)
    ArticleNote.objects.create(article=article, author=reporter, text="أولًا")
    _request_changes(client, editor, article, "ثانيًا")
    ArticleNote.objects.create(article=article, author=reporter, text="ثالثًا")

    entries = thread(article)

    assert [(e.kind, e.text) for e in entries] == [
        ("note", "أولًا"),
        ("rejected", "ثانيًا"),
        ("note", "ثالثًا"),
    ]
    client.force_login(reporter)
    page = client.get(reverse(EDIT, args=[article.pk])).text
    panel = page[page.index("data-khabar-notes") :]
    assert panel.index("أولًا") < panel.index("ثانيًا") < panel.index("ثالثًا")


def test_dashboard_states_follow_the_story(client, reporter, editor, section):
    draft = ArticleFactory(draft=True, owner=reporter, section=section)
    live = ArticleFactory(owner=reporter, section=section)
    in_review = _submitted(client, reporter, section, title="قيد المراجعة")
    sent_back = _submitted(client, reporter, section, title="أعيد للتعديل")
    _request_changes(client, editor, sent_back, "قصّر العنوان")

    states = story_states([draft, live, in_review, sent_back])

    assert [states[a.pk].code for a in (draft, live, in_review, sent_back)] == [
        "draft",
        "live",
        "in_review",
        "changes_requested",
    ]
    assert states[sent_back.pk].comment == "قصّر العنوان"
    assert states[sent_back.pk].by == editor


def test_the_note_view_adds_a_note_for_whoever_may_edit(client, reporter, editor):
    own = ArticleFactory(draft=True, owner=reporter)
    url = reverse(NOTE_ADD, args=[own.pk])

    client.force_login(reporter)
    response = client.post(
        url,
        {NOTE_FIELD: "ملاحظة المراسل"},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert response.status_code == 201
    assert "ملاحظة المراسل" in response.text

    client.force_login(editor)
    response = client.post(url, {NOTE_FIELD: "ملاحظة المحرر"})
    assert response.status_code == 302
    assert response.url.endswith(reverse(EDIT, args=[own.pk]) + "#notes")

    notes = ArticleNote.objects.order_by("pk")
    assert [(n.author, n.text) for n in notes] == [
        (reporter, "ملاحظة المراسل"),
        (editor, "ملاحظة المحرر"),
    ]


def test_a_reporters_crafted_note_on_someone_elses_story_is_refused(client, reporter):
    others = ArticleFactory(draft=True, owner=UserFactory(role=roles.REPORTER))
    client.force_login(reporter)

    response = client.post(reverse(NOTE_ADD, args=[others.pk]), {NOTE_FIELD: "دس"})

    assert response.status_code == 403
    assert not ArticleNote.objects.exists()
    # Nor through the edit form's note field.
    client.post(reverse(EDIT, args=[others.pk]), _form(others, **{NOTE_FIELD: "دس"}))
    assert not ArticleNote.objects.exists()


def test_the_note_view_refuses_get_anonymous_and_blank_notes(client, reporter):
    own = ArticleFactory(draft=True, owner=reporter)
    url = reverse(NOTE_ADD, args=[own.pk])

    assert client.post(url, {NOTE_FIELD: "مجهول"}).status_code == 302  # to sign in
    client.force_login(reporter)
    assert client.get(url).status_code == 405
    assert client.post(url, {NOTE_FIELD: "  "}).status_code == 302
    assert (
        client.post(reverse(NOTE_ADD, args=[10**12]), {NOTE_FIELD: "x"}).status_code
        == 404
    )
    assert not ArticleNote.objects.exists()


def test_the_guard_lists_the_note_view(client, reporter):
    from khabar.newsroom.admin_guard import required_action

    assert required_action("newsroom_notes", "add") == "change"


def test_notes_are_never_public(client, editor, publish):
    article = ArticleFactory(title="خبر منشور", body=[("paragraph", "<p>نص عادي.</p>")])
    ArticleNote.objects.create(article=article, author=editor, text=f"سري {SECRET}")
    publish(article)
    index_articles([article.pk])

    pages = [
        article.get_absolute_url(),
        "/",
        "/latest/",
        "/rss/",
        "/atom/",
        "/search/?q=منشور",
        "/api/v1/search?q=منشور",
    ]
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        text = response.content.decode()
        assert article.title in text, path  # the story itself is public
        assert SECRET not in text, path
    # The search page shows the latest headlines too: ask the API.
    found = client.get("/api/v1/search", {"q": SECRET}).content.decode()
    assert article.title not in found

    indexed = list(SearchDocument.objects.values_list(flat=False))
    assert indexed
    assert SECRET not in repr(indexed)
    assert all(SECRET not in str(r.content) for r in article.revisions.all())

    out = io.StringIO()
    call_command("export-jsonl", stdout=out, stderr=io.StringIO())
    assert article.title in out.getvalue()
    assert SECRET not in out.getvalue()


def test_a_form_sent_back_with_errors_keeps_the_note_and_takes_no_decision(
    client, reporter, editor, section
):
    article = _submitted(client, reporter, section)
    client.force_login(editor)
    data = _form(article, **{DECISION_FIELD: "reject", NOTE_FIELD: "قصّر الملخص"})
    data["title"] = ""

    response = client.post(reverse(EDIT, args=[article.pk]), data)

    assert response.status_code == 200
    assert "قصّر الملخص</textarea>" in response.text
    assert _review(article).status == WorkflowState.STATUS_IN_PROGRESS
    assert not ArticleNote.objects.exists()
