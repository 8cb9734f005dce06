"""Admin search finds a story, an author, a tag or a section whatever the
spelling typed, and the global search box works for every role."""

import html
import re

import pytest
from django.urls import reverse

from khabar.newsroom import roles
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    SectionFactory,
    TagFactory,
    UserFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("wagtail_admin")]
DESK = reverse("wagtailsnippets_newsroom_article:list")
SEARCH = reverse("newsroom_search")
EDIT = re.compile(r"/admin/snippets/newsroom/(\w+)/edit/(\d+)/")

#: (typed, as the story writes it): the issue's words.
VARIANTS = [
    ("اسعار", "أسعار"),
    ("احمد", "أحمد"),
    ("ادلب", "إدلب"),
    ("الملوخيه", "الملوخية"),
    ("الشامى", "الشامي"),
]
ROLES = [roles.REPORTER, roles.EDITOR, roles.CHIEF_EDITOR]


def linked(text, model="article"):
    return {int(pk) for kind, pk in EDIT.findall(text) if kind == model}


@pytest.fixture
def reporter():
    return UserFactory(username="rep", role=roles.REPORTER)


@pytest.fixture
def editor():
    return UserFactory(username="ed", role=roles.EDITOR)


@pytest.mark.parametrize(("typed", "written"), VARIANTS)
def test_desk_finds_a_published_story_by_any_spelling(
    client, editor, publish, typed, written
):
    story = ArticleFactory(title=f"تقرير عن {written} اليوم", draft=True)
    publish(story)  # indexed, as on the site
    ArticleFactory(title="خبر آخر لا علاقة له")
    client.force_login(editor)

    assert linked(client.get(DESK, {"q": typed}).text) == {story.pk}
    assert linked(client.get(DESK, {"q": written}).text) == {story.pk}


@pytest.mark.parametrize(("typed", "written"), VARIANTS)
def test_desk_finds_a_draft_by_any_spelling(client, reporter, typed, written):
    """Drafts are not in the reader's index: the same analyzer reads them."""
    draft = ArticleFactory(
        title="مسودة بلا عنوان بعد",
        summary=f"ملخص يذكر {written} مرة واحدة.",
        owner=reporter,
        draft=True,
    )
    ArticleFactory(title="مسودة أخرى", owner=reporter, draft=True)
    client.force_login(reporter)

    assert linked(client.get(DESK, {"q": typed}).text) == {draft.pk}


def test_desk_finds_words_of_the_body_and_by_id(client, editor):
    draft = ArticleFactory(
        draft=True,
        body=[("paragraph", "<p>ارتفعت أسعار الخبز في إدلب.</p>")],
    )
    client.force_login(editor)
    assert linked(client.get(DESK, {"q": "اسعار ادلب"}).text) == {draft.pk}
    assert linked(client.get(DESK, {"q": str(draft.pk)}).text) == {draft.pk}
    assert linked(client.get(DESK, {"q": "اسعار -ادلب"}).text) == set()


@pytest.mark.parametrize("query", ["؟!", "-", '"', "*", "\u0640"])
def test_desk_search_with_nothing_to_search_finds_nothing(client, editor, query):
    ArticleFactory()
    client.force_login(editor)
    response = client.get(DESK, {"q": query})
    assert response.status_code == 200
    assert linked(response.text) == set()


@pytest.mark.parametrize(
    ("model", "factory", "name", "typed"),
    [
        ("author", AuthorFactory, "أحمد الشامي", "احمد"),
        ("author", AuthorFactory, "أحمد الشامي", "الشامى"),
        ("tag", TagFactory, "الأسعار", "اسعار"),
        ("tag", TagFactory, "إدلب", "ادلب"),
        ("section", SectionFactory, "المطبخ والملوخية", "الملوخيه"),
    ],
)
def test_author_tag_and_section_lists_fold_spelling(
    client, model, factory, name, typed
):
    wanted = factory(name=name)
    factory(name="اسم لا يطابق")
    client.force_login(UserFactory(username="chief", role=roles.CHIEF_EDITOR))
    url = reverse(f"wagtailsnippets_newsroom_{model}:list")
    assert linked(client.get(url, {"q": typed}).text, model) == {wanted.pk}


@pytest.mark.parametrize("role", ROLES)
def test_global_search_answers_every_role(client, role, publish):
    user = UserFactory(username="someone", role=role)
    story = ArticleFactory(title="أسعار الملوخية في إدلب", owner=user, draft=True)
    publish(story)
    AuthorFactory(name="أحمد الشامي")
    TagFactory(name="الأسعار")
    SectionFactory(name="إدلب")
    client.force_login(user)

    response = client.get(SEARCH, {"q": "اسعار"})
    assert response.status_code == 200
    assert linked(response.text) == {story.pk}
    assert "الأسعار" in response.text  # the tag
    people = client.get(SEARCH, {"q": "احمد الشامى"}).text
    assert "أحمد الشامي" in people
    places = html.unescape(client.get(SEARCH, {"q": "ادلب"}).text)
    assert f"?section={SectionFactory(name='إدلب').pk}" in places


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("path", ["/admin/pages/search/", "/admin/pages/"])
def test_page_search_boxes_lead_to_the_newsroom_search(client, role, path):
    """The dashboard's box sends ?q= to the explorer root, links to the
    page search use its own path: both answered «ليس لديك صلاحية»."""
    client.force_login(UserFactory(username="someone", role=role))
    response = client.get(path, {"q": "احمد"})
    assert response.status_code == 302
    assert response["Location"] == f"{SEARCH}?q=%D8%A7%D8%AD%D9%85%D8%AF"
    assert client.get(response["Location"]).status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_sidebar_search_uses_the_newsroom_search(client, role):
    client.force_login(UserFactory(username="someone", role=role))
    page = html.unescape(client.get(reverse("wagtailadmin_home")).text)
    assert f'"wagtail.sidebar.SearchModule", "_args": ["{SEARCH}"' in page


def test_explorer_root_without_a_query_is_still_wagtails(client):
    client.force_login(UserFactory(username="root", is_superuser=True))
    response = client.get("/admin/pages/")
    assert response.status_code == 200
    assert "newsroom-search" not in response.text


def test_search_needs_a_signed_in_newsroom_user(client):
    response = client.get(SEARCH, {"q": "احمد"})
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_reporter_finds_nothing_of_anyone_elses(client, reporter, publish):
    """Crafted: the exact title, a variant, the id of a colleague's draft
    and of an editor's live story, in the desk and the global search."""
    colleague = UserFactory(username="rep2", role=roles.REPORTER)
    draft = ArticleFactory(
        title="سر أسعار إدلب", owner=colleague, draft=True, summary="سر"
    )
    live = ArticleFactory(title="أسعار إدلب المنشورة", draft=True)
    publish(live)
    own = ArticleFactory(title="أسعار مسودتي", owner=reporter, draft=True)
    client.force_login(reporter)

    for query in ("سر أسعار إدلب", "اسعار", "ادلب", str(draft.pk), str(live.pk)):
        for url in (DESK, SEARCH):
            text = client.get(url, {"q": query}).text
            assert linked(text) <= {own.pk}, (url, query)
            text = text.replace(f'value="{query}"', "")  # the box echoes it
            assert "سر أسعار" not in text, (url, query)
            assert "المنشورة" not in text, (url, query)
    assert linked(client.get(SEARCH, {"q": "اسعار"}).text) == {own.pk}
