"""Autosave never races a publish: one create form makes one article, and
an autosave older than a publish is refused (khabar/newsroom/create.py).

These tests post what the editor posts: its autosave (``Accept:
application/json``) and its buttons (an HTML form POST), in the orders and
at the same moments that a browser's requests can reach the server.
test_autosave_race_browser.py does the same in Chromium at machine speed.
"""

import threading
import uuid
from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Revision

from khabar.newsroom import roles
from khabar.newsroom.create import (
    TOKEN_FIELD,
    TOKEN_LIFETIME,
    ArticleEditView,
    CreateToken,
)
from khabar.newsroom.models import Article
from tests.admin_forms import article_form
from tests.factories import SectionFactory, UserFactory

ADD = "wagtailsnippets_newsroom_article:add"
EDIT = "wagtailsnippets_newsroom_article:edit"
JSON = {"HTTP_ACCEPT": "application/json"}
PUBLISH = {"action-publish": "action-publish"}
SUBMIT = {"action-submit": "action-submit"}


@pytest.fixture
def section():
    return SectionFactory(name="اقتصاد")


@pytest.fixture
def editor(client):
    user = UserFactory(username="editor", role=roles.EDITOR)
    client.force_login(user)
    return user


def _form(section, token, title="خبر سريع", body="<p>فقرة الخبر.</p>", **extra):
    return article_form(
        title=title, section_id=section.pk, body=body, **{TOKEN_FIELD: token}, **extra
    )


def _one_article():
    articles = list(Article.objects.all())
    assert len(articles) == 1, [a.title for a in articles]
    return articles[0]


@pytest.mark.django_db
@pytest.mark.usefixtures("wagtail_admin")
class TestOneFormOneArticle:
    def test_the_add_form_carries_a_fresh_token(self, client, editor):
        first = client.get(reverse(ADD)).content.decode()
        second = client.get(reverse(ADD)).content.decode()

        assert f'name="{TOKEN_FIELD}"' in first
        assert _token_in(first) != _token_in(second)

    def test_autosave_then_publish_publishes_the_autosaved_article(
        self, client, editor, section
    ):
        token = str(uuid.uuid4())
        draft = _form(section, token, body="<p></p>")
        autosave = client.post(reverse(ADD), draft, **JSON)
        assert autosave.status_code == 200, autosave.content[:500]

        publish = client.post(reverse(ADD), _form(section, token, **PUBLISH))

        assert publish.status_code == 302
        article = _one_article()
        assert article.pk == autosave.json()["pk"]
        assert article.live
        assert not article.has_unpublished_changes
        assert "فقرة الخبر." in str(article.body)

    def test_an_autosave_that_arrives_after_the_publish_is_refused(
        self, client, editor, section
    ):
        token = str(uuid.uuid4())
        client.post(reverse(ADD), _form(section, token, **PUBLISH))
        revisions = Revision.objects.count()

        late = client.post(reverse(ADD), _form(section, token, title="قديم"), **JSON)

        assert late.status_code == 400
        assert late.json()["error_code"] == "invalid_revision"
        article = _one_article()
        assert article.live
        assert not article.has_unpublished_changes
        assert article.title == "خبر سريع"
        assert Revision.objects.count() == revisions

    def test_a_second_autosave_edits_the_first_and_hydrates_the_page(
        self, client, editor, section
    ):
        token = str(uuid.uuid4())
        client.post(reverse(ADD), _form(section, token, title="أول"), **JSON)

        second = client.post(reverse(ADD), _form(section, token, title="ثان"), **JSON)

        data = second.json()
        article = _one_article()
        edit = reverse(EDIT, args=[article.pk])
        assert data["url"] == edit
        assert data["hydrate_url"].startswith(edit + "?")
        assert data["revision_id"] == article.latest_revision_id
        assert article.latest_revision.content["title"] == "ثان"
        assert not article.live

    def test_a_stale_autosave_to_the_edit_url_is_refused_after_the_publish(
        self, client, editor, section
    ):
        token = str(uuid.uuid4())
        first = client.post(reverse(ADD), _form(section, token), **JSON).json()
        edit = reverse(EDIT, args=[first["pk"]])
        client.post(edit, _form(section, token, **PUBLISH))

        late = client.post(
            edit,
            _form(section, token, overwrite_revision_id=first["revision_id"]),
            **JSON,
        )

        assert late.status_code == 400
        article = _one_article()
        assert article.live
        assert not article.has_unpublished_changes

    def test_a_reporter_submission_after_an_autosave_submits_the_same_article(
        self, client, section
    ):
        client.force_login(UserFactory(username="reporter", role=roles.REPORTER))
        token = str(uuid.uuid4())
        client.post(reverse(ADD), _form(section, token), **JSON)

        client.post(reverse(ADD), _form(section, token, **SUBMIT))
        late = client.post(reverse(ADD), _form(section, token), **JSON)

        article = _one_article()
        assert article.workflow_in_progress
        assert not article.live
        assert late.status_code == 400

    def test_a_form_with_errors_keeps_its_token_and_makes_nothing(
        self, client, editor, section
    ):
        token = str(uuid.uuid4())
        response = client.post(reverse(ADD), _form(section, token, title="", **PUBLISH))

        assert response.status_code == 200
        assert _token_in(response.content.decode()) == token
        assert not Article.objects.exists()
        assert not CreateToken.objects.exists()

    def test_another_users_token_is_refused(self, client, editor, section):
        token = str(uuid.uuid4())
        client.post(reverse(ADD), _form(section, token), **JSON)
        client.force_login(UserFactory(username="other", role=roles.EDITOR))

        response = client.post(reverse(ADD), _form(section, token, **PUBLISH))

        # Wagtail answers a refusal inside a view with its "permission
        # denied" redirect to the dashboard.
        assert response.status_code == 302
        assert response.url == reverse("wagtailadmin_home")
        assert not _one_article().live

    def test_a_reporter_cannot_publish_through_a_replay(self, client, section):
        client.force_login(UserFactory(username="reporter", role=roles.REPORTER))
        token = str(uuid.uuid4())
        client.post(reverse(ADD), _form(section, token), **JSON)

        client.post(reverse(ADD), _form(section, token, **PUBLISH))

        assert not _one_article().live

    def test_tokens_older_than_a_day_are_forgotten(
        self, client, editor, section, django_capture_on_commit_callbacks
    ):
        old = str(uuid.uuid4())
        client.post(reverse(ADD), _form(section, old, title="قديم"), **JSON)
        CreateToken.objects.update(
            created_at=timezone.now() - TOKEN_LIFETIME - timedelta(minutes=1)
        )

        with django_capture_on_commit_callbacks(execute=True):
            client.post(reverse(ADD), _form(section, str(uuid.uuid4())), **JSON)

        assert not CreateToken.objects.filter(token=old).exists()
        assert CreateToken.objects.count() == 1

    def test_a_malformed_token_is_a_bad_request(self, client, editor, section):
        response = client.post(reverse(ADD), _form(section, "not-a-uuid"))

        assert response.status_code == 400
        assert not Article.objects.exists()


def _token_in(html):
    marker = f'name="{TOKEN_FIELD}" value="'
    start = html.index(marker) + len(marker)
    return html[start : html.index('"', start)]


# Concurrent arrivals. The test database on SQLite is in memory, shared by
# every thread in one cache whose table locks refuse a second writer at
# once instead of waiting: only PostgreSQL (the scale-out configuration,
# and CI's second run) has them meet the row lock and the unique index.


def _needs_concurrent_database():
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("concurrent writers need PostgreSQL (in-memory SQLite refuses)")


def _at_once(requests):
    """Send each (user, path, data, extra[, before[, after]]) from its own
    thread and client, all released together, each between its *before*
    and *after* calls (when given); return the responses."""
    from django.db import connections
    from django.test import Client

    barrier = threading.Barrier(len(requests))
    responses = [None] * len(requests)
    errors = []

    def send(index, user, path, data, extra, before=None, after=None):
        try:
            client = Client()
            client.force_login(user)
            barrier.wait(timeout=10)
            if before is not None:
                before()
            responses[index] = client.post(path, data, **extra)
            if after is not None:
                after()
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=send, args=(i, *request))
        for i, request in enumerate(requests)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors, errors
    return responses


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("wagtail_admin", "role_groups")
@pytest.mark.parametrize("attempt", range(3))
def test_creates_that_arrive_together_make_one_published_article(attempt, section):
    _needs_concurrent_database()
    editor = UserFactory(username="editor", role=roles.EDITOR)
    token = str(uuid.uuid4())
    add = reverse(ADD)

    responses = _at_once(
        [
            (editor, add, _form(section, token), JSON),
            (editor, add, _form(section, token, **PUBLISH), {}),
            (editor, add, _form(section, token), JSON),
        ]
    )

    assert responses[1].status_code == 302
    article = _one_article()
    assert article.live
    assert not article.has_unpublished_changes
    assert article.latest_revision_id == article.live_revision_id


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("wagtail_admin", "role_groups")
def test_an_autosave_that_read_the_draft_before_a_publish_never_unpublishes(
    section, client, monkeypatch
):
    """The worst order, made certain: the autosave has read the article
    while it was a draft, then the publish runs, then the autosave saves."""
    _needs_concurrent_database()
    editor = UserFactory(username="editor", role=roles.EDITOR)
    client.force_login(editor)
    token = str(uuid.uuid4())
    created = client.post(reverse(ADD), _form(section, token), **JSON).json()
    edit = reverse(EDIT, args=[created["pk"]])
    stale = {"overwrite_revision_id": created["revision_id"]}
    autosave_has_read, publish_done = threading.Event(), threading.Event()
    validate = ArticleEditView.is_valid

    def autosave_waits_for_the_publish(view, form):
        if view.expects_json_response:
            autosave_has_read.set()
            # With the row lock the publish cannot run now: this wait ends
            # by its deadline and the publish follows the autosave.
            publish_done.wait(timeout=2)
        return validate(view, form)

    monkeypatch.setattr(ArticleEditView, "is_valid", autosave_waits_for_the_publish)

    def publish_when_read():
        assert autosave_has_read.wait(timeout=10)

    responses = _at_once(
        [
            (
                editor,
                edit,
                _form(section, token, **PUBLISH),
                {},
                publish_when_read,
                publish_done.set,
            ),
            (editor, edit, _form(section, token, **stale), JSON),
        ]
    )

    assert responses[0].status_code == 302
    article = _one_article()
    assert article.live
    assert not article.has_unpublished_changes
    assert article.latest_revision_id == article.live_revision_id
