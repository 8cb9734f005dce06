"""Autosave never races a publish: one create form makes one article, and
an autosave older than a publish is refused (khabar/newsroom/create.py).

The client tests post what the editor posts: its autosave (``Accept:
application/json``) and its buttons (an HTML form POST), in the orders and
at the same moments that a browser's requests can reach the server. The
browser tests then do what a newsroom under deadline does, as fast as
Playwright can: fill a story, click Publish (or Submit for review) at once.
"""

import importlib
import threading
import uuid
from collections import Counter
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
def role_groups(transactional_db):
    """The role groups, made again: they come from a data migration, which
    a transactional test before this one flushed away."""
    from django.apps import apps

    migration = importlib.import_module("khabar.newsroom.migrations.0002_roles")
    migration.create_roles(apps, None)


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


# In Chromium, at machine speed. Each story is written and sent as fast as
# Playwright can: the title (which starts the autosave's half-second
# count), the section, a body paragraph, then Publish (or Submit for
# review) at once, so the autosave is in flight when the click lands.

ROUNDS = 20
LIST = "/admin/snippets/newsroom/article/"
PARAGRAPH = "فقرة كتبت على عجل قبل النشر."


@pytest.fixture
def one_request_at_a_time(live_server):
    """On SQLite the live server's threads share the test's one in-memory
    connection, and two requests at once would interleave inside one
    transaction, which no deployment does (Khabar's SQLite transactions are
    IMMEDIATE: one writer at a time). There the server takes requests one
    at a time, in the order they come; they still come in any order. On
    PostgreSQL each thread has its connection and requests overlap."""
    if not (connection.vendor == "sqlite" and connection.is_in_memory_db()):
        yield
        return
    httpd = live_server.thread.httpd
    app = httpd.get_app()
    lock = threading.Lock()

    def serial(environ, start_response):
        with lock:
            return app(environ, start_response)

    httpd.set_app(serial)
    yield
    httpd.set_app(app)


@pytest.fixture
def server_errors():
    """Every exception a request raised on the live server."""
    from django.core.signals import got_request_exception

    errors = []

    def record(sender, request=None, **kwargs):
        errors.append(request.path if request is not None else "?")

    got_request_exception.connect(record)
    yield errors
    got_request_exception.disconnect(record)


@pytest.fixture
def desk(role, transactional_db):
    """A section and a user of *role*, made before the browser starts."""
    from django.apps import apps

    importlib.import_module("khabar.newsroom.migrations.0002_roles").create_roles(
        apps, None
    )
    return SectionFactory(name="اقتصاد"), UserFactory(username="desk", role=role)


def _paragraph_label():
    from django.utils import translation

    from khabar.newsroom.blocks import ArticleBodyBlock

    with translation.override("ar"):
        return str(ArticleBodyBlock.base_blocks["paragraph"].label)


def _sign_in(page, base, user):
    from tests.factories import PASSWORD

    page.goto(f"{base}/admin/login/?next={reverse(ADD)}")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(base + reverse(ADD))


def _write_and_send(page, base, section, title, button, paragraph_label):
    """One story at machine speed; True when the page ends on the list."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout
    from playwright.sync_api import expect

    page.goto(base + reverse(ADD))
    page.fill("input[name=title]", title)
    page.click("#id_section-chooser [data-chooser-action-choose]")
    page.locator(".modal").get_by_role("link", name=section.name).click()
    expect(page.locator("#id_section")).to_have_value(str(section.pk))
    page.click("#body-root .c-sf-add-button")
    page.get_by_role("option", name=paragraph_label).first.click()
    page.locator("#body-root [contenteditable=true]").first.fill(PARAGRAPH)
    page.click("footer .w-dropdown__toggle")
    page.click(f"footer button[name={button}]")
    try:
        page.wait_for_url(base + LIST, timeout=10_000)
    except PlaywrightTimeout:
        return False
    return True


def _in_another_thread(function):
    """Run *function* (database reads) off this thread: Playwright's event
    loop runs here, and Django refuses the ORM beside one."""
    from concurrent.futures import ThreadPoolExecutor

    from django.db import connections

    def run():
        try:
            return function()
        finally:
            connections.close_all()

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(run).result()


def _stories():
    return [
        {
            "title": article.title,
            "live": article.live,
            "unpublished_changes": article.has_unpublished_changes,
            "in_review": article.workflow_in_progress,
            "latest_is_live": article.latest_revision_id == article.live_revision_id,
            "paragraph": PARAGRAPH in str(article.body),
        }
        for article in Article.objects.order_by("pk")
    ]


def _race(browser, live_server, section, user, button, rounds):
    page = browser.new_page()
    _sign_in(page, live_server.url, user)
    label = _paragraph_label()
    titles = [f"خبر عاجل رقم {n}" for n in range(1, rounds + 1)]
    not_sent = [
        title
        for title in titles
        if not _write_and_send(page, live_server.url, section, title, button, label)
    ]
    page.close()
    return titles, not_sent, _in_another_thread(_stories)


def _problems(titles, not_sent, server_errors, stories, as_wanted):
    """What went wrong, by kind; every list empty when nothing did."""
    counts = Counter(story["title"] for story in stories)
    return {
        "did not end on the list": not_sent,
        "server errors": server_errors,
        "duplicated": sorted(title for title, n in counts.items() if n > 1),
        "missing": [title for title in titles if title not in counts],
        "in the wrong state": sorted(
            {story["title"] for story in stories if not as_wanted(story)}
        ),
    }


def _published(story):
    return (
        story["live"]
        and story["latest_is_live"]
        and not story["unpublished_changes"]
        and story["paragraph"]
    )


def _in_review(story):
    return story["in_review"] and not story["live"] and story["paragraph"]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("role", [roles.EDITOR, roles.CHIEF_EDITOR])
def test_publishing_at_machine_speed_publishes_every_story_once(
    desk, wagtail_admin, server_errors, one_request_at_a_time, live_server, browser
):
    section, user = desk

    titles, not_sent, stories = _race(
        browser, live_server, section, user, "action-publish", ROUNDS
    )

    problems = _problems(titles, not_sent, server_errors, stories, _published)
    assert problems == dict.fromkeys(problems, [])


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("role", [roles.REPORTER])
def test_a_reporter_submits_at_machine_speed_and_each_story_is_in_review_once(
    desk, wagtail_admin, server_errors, one_request_at_a_time, live_server, browser
):
    section, user = desk

    titles, not_sent, stories = _race(
        browser, live_server, section, user, "action-submit", ROUNDS // 2
    )

    problems = _problems(titles, not_sent, server_errors, stories, _in_review)
    assert problems == dict.fromkeys(problems, [])
