"""Reporter, editor and chief editor: what the server lets each one do."""

import pytest
from django.urls import reverse
from wagtail.models import WorkflowState

from khabar.newsroom import roles
from khabar.newsroom.models import Article, Section
from tests.admin_forms import article_form
from tests.factories import ArticleFactory, SectionFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("wagtail_admin")]

ADD = "wagtailsnippets_newsroom_article:add"
EDIT = "wagtailsnippets_newsroom_article:edit"
DELETE = "wagtailsnippets_newsroom_article:delete"


def _login(client, role):
    user = UserFactory(username=f"u-{role}", role=role)
    client.force_login(user)
    return user


def _form(section, title="مسودة مراسل", **extra):
    return article_form(title=title, section_id=section.pk, **extra)


@pytest.fixture
def section():
    return SectionFactory(name="سياسة")


def test_roles_exist_as_groups():
    from django.contrib.auth.models import Group

    names = set(Group.objects.values_list("name", flat=True))
    assert {roles.REPORTER, roles.EDITOR, roles.CHIEF_EDITOR} <= names


def test_reporter_writes_a_draft_and_owns_it(client, section):
    user = _login(client, roles.REPORTER)
    response = client.post(reverse(ADD), _form(section))
    assert response.status_code == 302, response.content[:2000]
    article = Article.objects.get(title="مسودة مراسل")
    assert article.owner == user
    assert not article.live


def test_reporter_cannot_publish(client, section):
    _login(client, roles.REPORTER)
    client.post(reverse(ADD), _form(section, **{"action-publish": "action-publish"}))
    article = Article.objects.get(title="مسودة مراسل")
    assert not article.live
    assert article not in Article.objects.visible()


def test_reporter_submits_for_review(client, section):
    _login(client, roles.REPORTER)
    client.post(reverse(ADD), _form(section, **{"action-submit": "action-submit"}))
    article = Article.objects.get(title="مسودة مراسل")
    state = WorkflowState.objects.for_instance(article).get()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == roles.WORKFLOW_NAME


def test_reporter_edits_own_but_not_others(client, section):
    user = _login(client, roles.REPORTER)
    own = ArticleFactory(draft=True, owner=user, section=section)
    other = ArticleFactory(draft=True, section=section)
    assert client.get(reverse(EDIT, args=[own.pk])).status_code == 200
    response = client.get(reverse(EDIT, args=[other.pk]))
    assert response.status_code in (302, 403)
    response = client.post(
        reverse(EDIT, args=[other.pk]), _form(section, title="تخريب")
    )
    other.refresh_from_db()
    assert other.title != "تخريب"


def test_reporter_cannot_delete_a_published_article_of_theirs(client, section):
    user = _login(client, roles.REPORTER)
    published = ArticleFactory(owner=user, section=section)
    client.post(reverse(DELETE, args=[published.pk]))
    assert Article.objects.filter(pk=published.pk).exists()


def test_editor_publishes_any_article(client, section):
    _login(client, roles.EDITOR)
    other = ArticleFactory(draft=True, section=section, title="خبر مراسل")
    response = client.post(
        reverse(EDIT, args=[other.pk]),
        _form(section, title="خبر محرر", **{"action-publish": "action-publish"}),
    )
    assert response.status_code == 302
    other.refresh_from_db()
    assert other.live
    assert other.title == "خبر محرر"
    assert other in Article.objects.visible()


def test_editor_approves_a_submitted_article(client, section):
    reporter = UserFactory(username="rep", role=roles.REPORTER)
    client.force_login(reporter)
    client.post(reverse(ADD), _form(section, **{"action-submit": "action-submit"}))
    article = Article.objects.get(title="مسودة مراسل")
    task_state = WorkflowState.objects.for_instance(article).get().current_task_state

    _login(client, roles.EDITOR)
    url = reverse(
        "wagtailsnippets_newsroom_article:workflow_action",
        args=[article.pk, "approve", task_state.pk],
    )
    response = client.post(url, {"comment": ""})
    assert response.status_code in (200, 302)
    article.refresh_from_db()
    assert article.live


@pytest.mark.parametrize(
    ("role", "allowed"),
    [(roles.REPORTER, False), (roles.EDITOR, False), (roles.CHIEF_EDITOR, True)],
)
def test_only_the_chief_editor_manages_sections_and_users(client, role, allowed):
    _login(client, role)
    add_section = client.post(
        reverse("wagtailsnippets_newsroom_section:add"),
        {"name": "قسم جديد", "slug": "new", "order": 1, "description": ""},
    )
    assert Section.objects.filter(slug="new").exists() is allowed, (
        add_section.status_code
    )
    users = client.get(reverse("wagtailusers_users:index"))
    assert (users.status_code == 200) is allowed


def test_admin_is_arabic_rtl_by_default_and_english_when_chosen(client):
    user = _login(client, roles.EDITOR)
    page = client.get(reverse("wagtailadmin_home")).text
    assert 'lang="ar"' in page
    assert 'dir="rtl"' in page
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    page = client.get(reverse("wagtailadmin_home")).text
    assert 'lang="en"' in page
    assert 'dir="ltr"' in page
