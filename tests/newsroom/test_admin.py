"""The editorial features Wagtail gives articles, as the newsroom uses them."""

import datetime as dt
import json

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import Revision, TaskState, WorkflowState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from khabar.newsroom import roles
from khabar.newsroom.blocks import NOT_FROM_EDITOR_MESSAGE
from khabar.newsroom.models import Article
from tests.admin_forms import article_form
from tests.factories import ArticleFactory, SectionFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("wagtail_admin")]
NS = "wagtailsnippets_newsroom_article"


@pytest.fixture
def editor(client):
    user = UserFactory(username="editor-x", role=roles.EDITOR)
    client.force_login(user)
    return user


def _form(article, **extra):
    fields = {
        "title": article.title,
        "kicker": article.kicker,
        "summary": article.summary,
        "section_id": article.section_id,
        "body": "<p>نص معدل.</p>",
    }
    return article_form(**{**fields, **extra})


def test_editing_a_live_article_keeps_the_live_version_until_published(client, editor):
    article = ArticleFactory(title="العنوان المنشور")
    client.post(
        reverse(f"{NS}:edit", args=[article.pk]), _form(article, title="مسودة جديدة")
    )
    assert "العنوان المنشور" in client.get(article.get_absolute_url()).text
    client.post(
        reverse(f"{NS}:edit", args=[article.pk]),
        _form(article, title="العنوان المحدث", **{"action-publish": "action-publish"}),
    )
    assert "العنوان المحدث" in client.get(article.get_absolute_url()).text


def test_revisions_compare_and_revert(client, editor):
    article = ArticleFactory(title="الأول")
    edit = reverse(f"{NS}:edit", args=[article.pk])
    client.post(
        edit, _form(article, title="الأول", **{"action-publish": "action-publish"})
    )
    first = article.revisions.order_by("pk").last()
    client.post(
        edit, _form(article, title="الثاني", **{"action-publish": "action-publish"})
    )
    second = article.revisions.order_by("pk").last()

    compare = client.get(
        reverse(f"{NS}:revisions_compare", args=[article.pk, first.pk, second.pk])
    )
    assert compare.status_code == 200
    assert "الأول" in compare.text
    assert "الثاني" in compare.text

    revert = client.get(reverse(f"{NS}:revisions_revert", args=[article.pk, first.pk]))
    assert revert.status_code == 200
    assert 'value="الأول"' in revert.text


def test_preview_renders_the_reader_article_page(client, editor):
    article = ArticleFactory(title="قبل المعاينة")
    url = reverse(f"{NS}:preview_on_edit", args=[article.pk])
    response = client.post(url, _form(article, title="عنوان المعاينة"))
    assert response.json()["is_valid"]
    page = client.get(url).text
    assert "عنوان المعاينة" in page
    assert "حجم الخط" in page
    assert "قبل المعاينة" in client.get(article.get_absolute_url()).text


def test_locking_stops_others_from_editing(client, editor):
    article = ArticleFactory(title="مقفل")
    client.post(reverse(f"{NS}:lock", args=[article.pk]))
    article.refresh_from_db()
    assert article.locked
    assert article.locked_by == editor

    other = UserFactory(username="editor-y", role=roles.EDITOR)
    client.force_login(other)
    client.post(
        reverse(f"{NS}:edit", args=[article.pk]),
        _form(article, title="تغيير", **{"action-publish": "action-publish"}),
    )
    article.refresh_from_db()
    assert article.title == "مقفل"


def test_scheduling_from_the_admin(client, editor):
    article = ArticleFactory(draft=True, title="مجدول للغد")
    when = timezone.localtime(timezone.now() + dt.timedelta(days=1))
    client.post(
        reverse(f"{NS}:edit", args=[article.pk]),
        _form(
            article,
            go_live_at=when.strftime("%Y-%m-%d %H:%M"),
            **{"action-publish": "action-publish"},
        ),
    )
    article.refresh_from_db()
    assert not article.live
    assert article.revisions.filter(approved_go_live_at__isnull=False).exists()
    assert client.get(article.get_absolute_url()).status_code == 404


def test_unpublish_hides_the_article(client, editor):
    article = ArticleFactory()
    client.post(reverse(f"{NS}:unpublish", args=[article.pk]))
    article.refresh_from_db()
    assert not article.live
    assert client.get(article.get_absolute_url()).status_code == 404


def test_deleting_an_article_deletes_its_revisions_and_workflow(client, editor):
    other = ArticleFactory()
    other.save_revision()
    article = ArticleFactory(draft=True)
    client.post(
        reverse(f"{NS}:edit", args=[article.pk]),
        _form(article, **{"action-submit": "action-submit"}),
    )
    task_states = TaskState.objects.filter(workflow_state__article=article)
    assert (article.revisions.count(), article.workflow_states.count()) == (1, 1)
    assert task_states.exists()

    response = client.post(reverse(f"{NS}:delete", args=[article.pk]))

    assert response.status_code == 302
    assert not Article.objects.filter(pk=article.pk).exists()
    assert not Revision.objects.filter(article=article.pk).exists()
    assert not WorkflowState.objects.filter(article=article.pk).exists()
    assert not task_states.exists()
    assert other.revisions.count() == 1


def test_copy_belongs_to_whoever_copied(client, editor):
    original = ArticleFactory(title="أصل", owner=UserFactory(username="someone"))
    page = client.get(reverse(f"{NS}:copy", args=[original.pk]))
    # The copy form is the add form, filled in: it posts to add/, never to
    # copy/ (which refuses POST: Wagtail's copy view saves the original).
    assert f'action="{reverse(f"{NS}:add")}"' in page.text
    response = client.post(reverse(f"{NS}:add"), _form(original, title="نسخة"))
    assert response.status_code == 302
    assert Article.objects.get(title="نسخة").owner == editor
    original.refresh_from_db()
    assert (original.title, original.owner.username) == ("أصل", "someone")


def test_article_listing_and_add_form_render(client, editor):
    SectionFactory()
    assert client.get(reverse(f"{NS}:list")).status_code == 200
    assert client.get(reverse(f"{NS}:add")).status_code == 200


def test_dashboard_lists_the_users_own_articles(client):
    reporter = UserFactory(username="rep-dash", role=roles.REPORTER)
    client.force_login(reporter)
    ArticleFactory(title="مقالي الأول", owner=reporter, draft=True)
    ArticleFactory(title="مقال زميل", owner=UserFactory(username="colleague"))
    page = client.get(reverse("wagtailadmin_home")).text
    assert "مقالي الأول" in page
    assert "مقال زميل" not in page


def test_admin_makes_no_request_to_outside_hosts(client):
    client.force_login(UserFactory(username="boss", is_superuser=True, is_staff=True))
    page = client.get(reverse("wagtailadmin_home")).text
    assert "gravatar.com" not in page
    assert "w-upgrade" not in page  # the update check fetches from wagtail.org


@pytest.mark.parametrize(
    "raw", ["<p>نص <b>خام</b></p>", "[]", '{"blocks": 3}', "{", "\x00"]
)
def test_rich_text_not_from_the_editor_is_a_form_error(client, editor, raw):
    """A hand-made POST with a paragraph Draftail never sends: the form
    comes back with a message, nothing is saved (it was a 500)."""
    section = SectionFactory()
    data = nested_form_data(
        {
            "title": "نص خام",
            "kicker": "",
            "summary": "",
            "section": section.pk,
            "article_authors": inline_formset([]),
            "corrections": inline_formset([]),
            "body": streamfield([("paragraph", raw)]),
            "lead_image_caption": "",
            "lead_image_credit": "",
        }
    )
    response = client.post(reverse(f"{NS}:add"), data)
    assert response.status_code == 200
    with translation.override("ar"):
        message = str(NOT_FROM_EDITOR_MESSAGE)
    # The stream's errors travel as JSON inside the page.
    assert json.dumps(message)[1:-1] in response.text
    assert not Article.objects.filter(title="نص خام").exists()
