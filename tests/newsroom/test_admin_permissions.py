"""Every admin URL, as every role, against objects the role may not touch.

The walk reads the URL patterns Wagtail and Khabar register under /admin/,
fills each one's arguments with objects that belong to someone else (a
draft of the chief editor's with revisions and a workflow in progress, a
superuser, an editor's image…), and sends GET and POST as a reporter, an
editor and the chief editor. A refused request may answer 302, 403, 404
or 405; what the walk asserts is that nothing it must not see is in the
answer and nothing it must not change has changed.
"""

import io
import re
import uuid

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.urls import get_resolver
from django.urls.resolvers import RegexPattern, URLPattern, URLResolver
from PIL import Image as PILImage
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import TaskState, WorkflowState

from khabar.newsroom import admin_guard, roles
from khabar.newsroom.models import Article, Tag
from khabar.newsroom.notes import ArticleNote
from tests.admin_forms import article_form
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    SectionFactory,
    TagFactory,
    UserFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("wagtail_admin")]

SECRET = f"سر-التحرير-{uuid.uuid4().hex[:8]}"
REFUSED = {302, 403, 404, 405}


def admin_patterns():
    """(namespace, url_name, route pattern) for every admin URL."""
    found = []

    def walk(patterns, prefix, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                ns = pattern.namespace or namespace
                walk(pattern.url_patterns, prefix + [pattern.pattern], ns)
            elif isinstance(pattern, URLPattern):
                found.append((namespace, pattern.name, prefix + [pattern.pattern]))

    for top in get_resolver().url_patterns:
        if isinstance(top, URLResolver) and str(top.pattern) == "admin/":
            walk(top.url_patterns, [top.pattern], None)
    return found


def _fill(patterns, values):
    """The path for a list of route patterns, with *values* for arguments;
    None when an argument has no value (the URL is not walked)."""
    path = ""
    for pattern in patterns:
        text = str(pattern)
        if isinstance(pattern, RegexPattern):
            for name in pattern.regex.groupindex:
                if name not in values:
                    return None
                text = re.sub(rf"\(\?P<{name}>[^)]*\)", str(values[name]), text)
            text = text.lstrip("^").rstrip("$").replace("\\.", ".")
        else:
            for name in re.findall(r"<(?:\w+:)?(\w+)>", text):
                if name not in values:
                    return None
                text = re.sub(rf"<(?:\w+:)?{name}>", str(values[name]), text)
        path += text
    return "/" + path


@pytest.fixture
def world(settings, tmp_path):
    """The objects each role must not touch, and the people."""
    settings.MEDIA_ROOT = tmp_path
    people = {
        "reporter": UserFactory(username="rep", role=roles.REPORTER),
        "editor": UserFactory(username="ed", role=roles.EDITOR),
        "chief": UserFactory(username="chief", role=roles.CHIEF_EDITOR),
    }
    admin = UserFactory(username="root", is_superuser=True, is_staff=True)
    section = SectionFactory(name="سياسة")
    draft = ArticleFactory(
        title="عنوان أول", owner=people["chief"], section=section, draft=True
    )
    draft.save_revision(user=people["chief"])
    draft.title = SECRET
    draft.summary = SECRET
    revision = draft.save_revision(user=people["chief"])
    workflow = draft.get_workflow()
    workflow.start(draft, people["chief"])
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), (1, 2, 3)).save(buffer, "PNG")
    image = Image.objects.create(
        title="صورة المحرر",
        file=ImageFile(buffer, name="x.png"),
        width=40,
        height=30,
        uploaded_by_user=people["editor"],
    )
    document = Document.objects.create(
        title="وثيقة",
        file=ContentFile(b"%PDF-1.4", name="x.pdf"),
        uploaded_by_user=people["editor"],
    )
    state = WorkflowState.objects.for_instance(draft).get()
    task_state = TaskState.objects.filter(workflow_state=state).latest("pk")
    return {
        "people": people,
        "admin": admin,
        "draft": draft,
        "revision": revision,
        "tag": TagFactory(name="وسم عام"),
        "section": section,
        "author": AuthorFactory(name="كاتب"),
        "image": image,
        "document": document,
        "workflow_state": state,
        "task_state": task_state,
    }


def _object_for(namespace, world):
    if namespace is None:
        return None
    for suffix, key in (
        ("article", "draft"),
        ("notes", "draft"),  # an article's internal notes
        ("tag", "tag"),
        ("section", "section"),
        ("author", "author"),
    ):
        if namespace.endswith(f"newsroom_{suffix}"):
            return world[key]
    if namespace.startswith("wagtailusers_users"):
        return world["admin"]
    if namespace.startswith("wagtailusers_groups"):
        return Group.objects.get(name=roles.CHIEF_EDITOR)
    if namespace.startswith("wagtailimages"):
        return world["image"]
    if namespace.startswith("wagtaildocs"):
        return world["document"]
    return None


def _values(namespace, world):
    obj = _object_for(namespace, world)
    pk = obj.pk if obj is not None else 999999
    return {
        "pk": pk,
        "article_id": pk,
        "image_id": pk,
        "document_id": pk,
        "doc_id": pk,
        "revision_id": world["revision"].pk,
        "revision_id_a": "earliest",
        "revision_id_b": "latest",
        "task_state_id": world["task_state"].pk,
        "task_id": world["task_state"].task_id,
        "workflow_state_id": world["workflow_state"].pk,
        "action_name": "approve",
        "filter_spec": "original",
        "app_label": "newsroom",
        "model_name": "article",
        "app_name": "newsroom",
        "object_id": pk,
        "session_id": 1,
        "page_id": 1,
        "parent_page_id": 1,
        "page_to_move_id": 1,
        "destination_id": 1,
        "collection_id": 1,
        "page_pk": 1,
        "workflow_pk": 1,
        "uploaded_file_id": 1,
        "restriction_id": 1,
        "content_type_app_name": "wagtailcore",
        "content_type_model_name": "page",
        "action": "delete",
    }


def _guarded_urls(world):
    urls = []
    for namespace, name, patterns in admin_patterns():
        if namespace not in admin_guard.families():
            continue
        if admin_guard.required_action(namespace, name) is None:
            continue
        path = _fill(patterns, _values(namespace, world))
        if path is not None:
            urls.append((namespace, name, path))
    return urls


def _snapshot(world):
    """What a refused request must leave as it was (editors may delete)."""
    users = get_user_model().objects
    return {
        "article": list(
            Article.objects.filter(pk=world["draft"].pk).values_list(
                "title", "summary", "live", "owner_id"
            )
        ),
        "articles": Article.objects.count(),
        "notes": ArticleNote.objects.count(),
        "tag": list(Tag.objects.filter(pk=world["tag"].pk).values_list("name")),
        "admin": list(
            users.filter(pk=world["admin"].pk).values_list(
                "password", "is_superuser", "email"
            )
        ),
        "superusers": users.filter(is_superuser=True).count(),
        "image": list(Image.objects.filter(pk=world["image"].pk).values_list("title")),
        "document": Document.objects.filter(pk=world["document"].pk).count(),
    }


def test_every_guarded_view_is_in_the_permission_table():
    """A view Wagtail adds in an upgrade must be listed before it opens."""
    unknown = [
        f"{namespace}:{name}"
        for namespace, name, _ in admin_patterns()
        if namespace in admin_guard.families()
        and name not in admin_guard.families()[namespace].actions
    ]
    assert unknown == []


@pytest.mark.parametrize("role", ["reporter", "editor", "chief"])
def test_no_role_reads_or_changes_what_it_may_not(client, world, role):
    user = world["people"][role]
    client.force_login(user)
    before = _snapshot(world)
    post_data = article_form(
        title="استيلاء", summary="استيلاء", section_id=world["section"].pk
    ) | {
        "name": "وسم مخطوف",
        "title": "مخطوف",
        "is_superuser": "on",
        "password1": "x-Stolen-99!",
        "password2": "x-Stolen-99!",
        "username": "root",
        "email": "evil@example.test",
        "first_name": "a",
        "last_name": "b",
    }
    reached = []
    for namespace, name, path in _guarded_urls(world):
        target = _object_for(namespace, world)
        allowed = _allowed(role, namespace, name, target)
        for method in ("get", "post"):
            response = getattr(client, method)(
                path, post_data if method == "post" else None
            )
            assert response.status_code < 500, (method, path)
            body = response.content.decode(errors="replace")
            if not allowed:
                assert SECRET not in body, (method, path)
                assert response.status_code in REFUSED, (
                    method,
                    path,
                    response.status_code,
                )
            reached.append(path)
        assert _snapshot(world)["admin"] == before["admin"], path
        assert _snapshot(world)["superusers"] == before["superusers"], path
        if role == "reporter":
            assert _snapshot(world) == before, path
    assert len(reached) > 60  # the walk did walk


def _allowed(role, namespace, name, target):
    """Whether *role* may use view *name* on *target* at all."""
    if isinstance(target, Article):
        return role != "reporter"
    if namespace.startswith("wagtailusers"):
        return False  # the superuser and the chief's own group: nobody but root
    if admin_guard.required_action(namespace, name) == "choose":
        return True  # every role picks images and documents for stories
    if isinstance(target, Image):
        return role != "reporter"  # the editor's own upload; chief changes all
    if isinstance(target, Document):
        return False  # no role manages documents
    # Sections, tags, authors: model permissions, nothing secret in them.
    return True


def test_copy_view_never_overwrites_the_original(client, world):
    """The takeover of issue 13: the create form POSTed to copy/<id>/."""
    client.force_login(world["people"]["reporter"])
    draft = world["draft"]
    response = client.post(
        f"/admin/snippets/newsroom/article/copy/{draft.pk}/",
        article_form(title="مخترق", section_id=world["section"].pk),
    )
    draft.refresh_from_db()
    assert response.status_code == 405
    assert draft.title != "مخترق"
    assert draft.owner == world["people"]["chief"]


def test_editor_copy_post_is_refused_too(client, world):
    """Copy's form posts to add/; a POST to copy/ is never legitimate."""
    client.force_login(world["people"]["editor"])
    tag = world["tag"]
    response = client.post(
        f"/admin/snippets/newsroom/tag/copy/{tag.pk}/", {"name": "اسم جديد"}
    )
    tag.refresh_from_db()
    assert response.status_code == 405
    assert tag.name == "وسم عام"


def test_copy_get_prefills_a_form_that_creates_a_new_row(client, world):
    client.force_login(world["people"]["editor"])
    tag = world["tag"]
    response = client.get(f"/admin/snippets/newsroom/tag/copy/{tag.pk}/")
    assert response.status_code == 200
    assert 'action="/admin/snippets/newsroom/tag/add/"' in response.text
    client.post("/admin/snippets/newsroom/tag/add/", {"name": "نسخة", "slug": "nuskha"})
    assert Tag.objects.filter(name="نسخة").exists()
    assert Tag.objects.filter(name="وسم عام").exists()


@pytest.mark.parametrize(
    "view", ["history", "revisions_view", "revisions_compare", "workflow_history"]
)
def test_reporter_reads_no_one_elses_draft(client, world, view):
    client.force_login(world["people"]["reporter"])
    draft, revision = world["draft"], world["revision"]
    base = "/admin/snippets/newsroom/article"
    path = {
        "history": f"{base}/history/{draft.pk}/",
        "revisions_view": f"{base}/history/{draft.pk}/revisions/{revision.pk}/view/",
        "revisions_compare": f"{base}/history/{draft.pk}/revisions/compare/"
        "earliest...latest/",
        "workflow_history": f"{base}/workflow_history/{draft.pk}/",
    }[view]
    response = client.get(path)
    assert response.status_code in REFUSED
    assert SECRET not in response.content.decode()


def test_editor_still_reads_the_history_and_revisions(client, world):
    client.force_login(world["people"]["editor"])
    draft, revision = world["draft"], world["revision"]
    base = f"/admin/snippets/newsroom/article/history/{draft.pk}"
    assert client.get(f"{base}/").status_code == 200
    response = client.get(f"{base}/revisions/{revision.pk}/view/")
    assert response.status_code == 200
    assert SECRET in response.content.decode()


def test_reporter_lists_and_chooses_only_own_articles(client, world):
    reporter = world["people"]["reporter"]
    mine = ArticleFactory(title="خبري أنا", owner=reporter, draft=True)
    client.force_login(reporter)
    listing = client.get("/admin/snippets/newsroom/article/").content.decode()
    chooser = client.get("/admin/snippets/choose/newsroom/article/").json()["html"]
    for page in (listing, chooser):
        assert mine.title in page
        assert "عنوان أول" not in page


def test_reporter_still_edits_own_draft(client, world):
    reporter = world["people"]["reporter"]
    mine = ArticleFactory(title="خبري", owner=reporter, draft=True)
    client.force_login(reporter)
    base = "/admin/snippets/newsroom/article"
    assert client.get(f"{base}/edit/{mine.pk}/").status_code == 200
    assert client.get(f"{base}/history/{mine.pk}/").status_code == 200


def test_chief_editor_cannot_make_a_superuser(client, world):
    client.force_login(world["people"]["chief"])
    response = client.post(
        "/admin/users/new/",
        {
            "username": "mole",
            "email": "mole@example.test",
            "first_name": "م",
            "last_name": "خ",
            "password1": "Long-enough-pass-77",
            "password2": "Long-enough-pass-77",
            "is_superuser": "on",
            "is_active": "on",
            "groups": [Group.objects.get(name=roles.REPORTER).pk],
        },
    )
    assert response.status_code == 302, response.content[:3000]
    mole = get_user_model().objects.get(username="mole")
    assert not mole.is_superuser
    assert list(mole.groups.values_list("name", flat=True)) == [roles.REPORTER]


def test_chief_editor_grants_only_groups_within_own_powers(client, world):
    mighty = Group.objects.create(name="مديرو النظام")
    mighty.permissions.add(
        *__import__(
            "django.contrib.auth.models", fromlist=["Permission"]
        ).Permission.objects.filter(codename__in=["add_group", "change_group"])
    )
    client.force_login(world["people"]["chief"])
    page = client.get("/admin/users/new/").content.decode()
    assert "مديرو النظام" not in page
    assert roles.REPORTER in page
    assert 'name="is_superuser"' not in page


def test_chief_editor_cannot_change_the_superusers_password(client, world):
    admin = world["admin"]
    before = admin.password
    client.force_login(world["people"]["chief"])
    response = client.post(
        f"/admin/users/edit/{admin.pk}/",
        {
            "username": "root",
            "email": "root@example.test",
            "first_name": "r",
            "last_name": "r",
            "password1": "x-Stolen-99!",
            "password2": "x-Stolen-99!",
            "is_active": "on",
        },
    )
    admin.refresh_from_db()
    assert response.status_code in REFUSED
    assert admin.password == before


def test_chief_editor_still_manages_reporters(client, world):
    reporter = world["people"]["reporter"]
    client.force_login(world["people"]["chief"])
    assert client.get(f"/admin/users/edit/{reporter.pk}/").status_code == 200


def test_superuser_makes_superusers(client, world):
    client.force_login(world["admin"])
    page = client.get("/admin/users/new/").content.decode()
    assert 'name="is_superuser"' in page


def test_site_history_is_not_for_reporters(client, world):
    """It lists every article's log entries, with the titles of drafts."""
    client.force_login(world["people"]["reporter"])
    for path in (
        "/admin/reports/site-history/",
        "/admin/reports/site-history/results/",
    ):
        response = client.get(path)
        assert response.status_code in REFUSED
        assert SECRET not in response.content.decode()


def test_editor_reads_the_site_history(client, world):
    client.force_login(world["people"]["editor"])
    assert client.get("/admin/reports/site-history/").status_code == 200


def test_reporter_cannot_approve_own_story(client, world):
    """Owning the story opens the workflow views; approving stays with the
    approver groups."""
    reporter = world["people"]["reporter"]
    mine = ArticleFactory(title="خبري للمراجعة", owner=reporter, draft=True)
    mine.save_revision(user=reporter)
    mine.get_workflow().start(mine, reporter)
    state = WorkflowState.objects.for_instance(mine).get()
    task_state = TaskState.objects.filter(workflow_state=state).latest("pk")
    client.force_login(reporter)
    client.post(
        f"/admin/snippets/newsroom/article/workflow/action/{mine.pk}/approve/"
        f"{task_state.pk}/",
        {"comment": ""},
    )
    mine.refresh_from_db()
    assert not mine.live


def _mighty_group():
    from django.contrib.auth.models import Permission

    group = Group.objects.create(name="مديرو النظام")
    group.permissions.add(
        *Permission.objects.filter(codename__in=["add_group", "change_group"])
    )
    return group


def test_chief_editor_cannot_deactivate_the_superuser_in_bulk(client, world):
    admin = world["admin"]
    client.force_login(world["people"]["chief"])
    url = f"/admin/bulk/auth/user/set_active_state/?id={admin.pk}"
    for path in (url, "/admin/bulk/auth/user/set_active_state/?id=all"):
        response = client.post(path, {"mark_as_active": "False"})
        assert response.status_code in REFUSED
    admin.refresh_from_db()
    assert admin.is_active


def test_chief_editor_cannot_assign_a_group_beyond_own_powers_in_bulk(client, world):
    mighty = _mighty_group()
    reporter = world["people"]["reporter"]
    client.force_login(world["people"]["chief"])
    response = client.post(
        f"/admin/bulk/auth/user/assign_role/?id={reporter.pk}",
        {"role": mighty.pk},
    )
    assert response.status_code in REFUSED
    assert not reporter.groups.filter(pk=mighty.pk).exists()
    editors = Group.objects.get(name=roles.EDITOR)
    client.post(
        f"/admin/bulk/auth/user/assign_role/?id={reporter.pk}",
        {"role": editors.pk},
    )
    assert reporter.groups.filter(pk=editors.pk).exists()


def test_reporter_bulk_delete_names_no_one_elses_article(client, world):
    draft = world["draft"]
    client.force_login(world["people"]["reporter"])
    url = f"/admin/bulk/newsroom/article/delete/?id={draft.pk}"
    page = client.get(url)
    assert page.status_code in REFUSED
    assert "عنوان أول" not in page.content.decode()
    client.post(url)
    assert Article.objects.filter(pk=draft.pk).exists()


def test_editor_bulk_deletes_articles(client, world):
    draft = world["draft"]
    client.force_login(world["people"]["editor"])
    client.post(f"/admin/bulk/newsroom/article/delete/?id={draft.pk}")
    assert not Article.objects.filter(pk=draft.pk).exists()
