"""Every newsroom screen each role uses reads in Arabic, and Arabic that is right.

Each row of ``SCREENS`` names a screen, the roles that use it and how to
reach it. The test signs in as each role (Arabic, the default), fetches
the screen, takes the text a person sees or hears (element text, and the
``title``, ``placeholder``, ``aria-label``, ``alt`` and button values; not
scripts, styles or other attributes) and fails on Latin-script words
outside ``ALLOWED`` and on the known-bad phrasings of ``BAD_ARABIC``
(both in tests/admin_text.py).

A new screen is one more row: its name, its roles, and a function of the
``world`` fixture that returns the URL (or ``(url, data)`` to POST).
"""

from dataclasses import dataclass

import pytest
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.images.models import Image
from wagtail.models import TaskState, WorkflowState

from khabar.newsroom import roles
from khabar.newsroom.frontpage import FrontPage
from khabar.newsroom.notes import ArticleNote
from tests.admin_text import problems, script_text, visible_text
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    SectionFactory,
    TagFactory,
    UserFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("wagtail_admin")]

ART = "wagtailsnippets_newsroom_article"
ART_CHOOSER = "wagtailsnippetchoosers_newsroom_article"
SECTION = "wagtailsnippets_newsroom_section"
AUTHOR = "wagtailsnippets_newsroom_author"
TAG = "wagtailsnippets_newsroom_tag"
FRONT = "wagtailsnippets_newsroom_frontpage"

REPORTER, EDITOR, CHIEF = "reporter", "editor", "chief"
ALL = (REPORTER, EDITOR, CHIEF)
EDITORS = (EDITOR, CHIEF)
ANONYMOUS = ("anonymous",)


@dataclass(frozen=True)
class Screen:
    name: str
    roles: tuple
    url: object  # world -> url, or (url, POST data)
    status: int = 200


def _art(view, key="draft"):
    return lambda w: reverse(f"{ART}:{view}", args=[w[key].pk])


def _compare(w):
    first, second = w["revisions"]
    return reverse(f"{ART}:revisions_compare", args=[w["draft"].pk, first, second])


def _revert(w):
    return reverse(f"{ART}:revisions_revert", args=[w["draft"].pk, w["revisions"][0]])


def _workflow_detail(w):
    return reverse(
        f"{ART}:workflow_history_detail",
        args=[w["draft"].pk, w["workflow_state"].pk],
    )


def _workflow_action(view, action):
    def url(w):
        return reverse(
            f"{ART}:{view}", args=[w["draft"].pk, action, w["task_state"].pk]
        )

    return url


#: Every screen of the newsroom, and who uses it.
SCREENS = [
    Screen("sign-in", ANONYMOUS, lambda w: reverse("wagtailadmin_login")),
    Screen(
        "sign-in, wrong password",
        ANONYMOUS,
        lambda w: (reverse("wagtailadmin_login"), {"username": "rep", "password": "x"}),
    ),
    Screen(
        "password reset", ANONYMOUS, lambda w: reverse("wagtailadmin_password_reset")
    ),
    Screen(
        "password reset sent",
        ANONYMOUS,
        lambda w: reverse("wagtailadmin_password_reset_done"),
    ),
    Screen(
        "second factor", ("verifying",), lambda w: reverse("khabar_accounts:verify")
    ),
    Screen("dashboard", ALL, lambda w: reverse("wagtailadmin_home")),
    Screen("readership", ALL, lambda w: reverse("readership_dashboard")),
    Screen("articles", ALL, lambda w: reverse(f"{ART}:list")),
    Screen(
        "articles, filtered",
        ALL,
        lambda w: (
            reverse(f"{ART}:list")
            + f"?status=draft&mine=1&section={w['section'].pk}&tag={w['tag'].pk}"
        ),
    ),
    Screen(
        "desk, in review", ALL, lambda w: reverse(f"{ART}:list") + "?status=in_review"
    ),
    Screen(
        "desk, my review queue",
        EDITORS,
        lambda w: reverse(f"{ART}:list") + "?status=my_review",
    ),
    Screen(
        "desk, scheduled", ALL, lambda w: reverse(f"{ART}:list") + "?status=scheduled"
    ),
    Screen("newsroom search", ALL, lambda w: reverse("newsroom_search") + "?q=اسعار"),
    Screen(
        "newsroom search, no match",
        ALL,
        lambda w: reverse("newsroom_search") + "?q=لايوجدشيء",
    ),
    Screen("front page", EDITORS, lambda w: reverse(f"{FRONT}:list")),
    Screen("new front page", EDITORS, lambda w: reverse(f"{FRONT}:add")),
    Screen(
        "edit front page",
        EDITORS,
        lambda w: reverse(f"{FRONT}:edit", args=[w["lineup"].pk]),
    ),
    Screen("front page, refused", (REPORTER,), lambda w: reverse(f"{FRONT}:list"), 403),
    Screen(
        "articles, no match", ALL, lambda w: reverse(f"{ART}:list") + "?q=لايوجدشيء"
    ),
    Screen("new article", ALL, lambda w: reverse(f"{ART}:add")),
    Screen("edit article", ALL, _art("edit")),
    Screen("edit live article", EDITORS, _art("edit", "live")),
    Screen("article history", ALL, _art("history")),
    Screen("article revisions compare", ALL, _compare),
    Screen("article revision revert", ALL, _revert),
    Screen("article workflow history", ALL, _art("workflow_history")),
    Screen("article workflow detail", ALL, _workflow_detail),
    Screen(
        "approve", EDITORS, _workflow_action("collect_workflow_action_data", "approve")
    ),
    Screen(
        "request changes",
        EDITORS,
        _workflow_action("collect_workflow_action_data", "reject"),
    ),
    Screen("article usage", ALL, _art("usage")),
    Screen("delete article", ALL, _art("delete")),
    Screen("unpublish article", EDITORS, _art("unpublish", "live")),
    Screen("article chooser", ALL, lambda w: reverse(f"{ART_CHOOSER}:choose")),
    Screen("sections", ALL, lambda w: reverse(f"{SECTION}:list")),
    Screen("new section", (CHIEF,), lambda w: reverse(f"{SECTION}:add")),
    Screen(
        "edit section",
        (CHIEF,),
        lambda w: reverse(f"{SECTION}:edit", args=[w["section"].pk]),
    ),
    Screen(
        "delete section",
        (CHIEF,),
        lambda w: reverse(f"{SECTION}:delete", args=[w["section"].pk]),
    ),
    Screen("authors", ALL, lambda w: reverse(f"{AUTHOR}:list")),
    Screen("new author", (CHIEF,), lambda w: reverse(f"{AUTHOR}:add")),
    Screen(
        "edit author",
        (CHIEF,),
        lambda w: reverse(f"{AUTHOR}:edit", args=[w["author"].pk]),
    ),
    Screen(
        "delete author",
        (CHIEF,),
        lambda w: reverse(f"{AUTHOR}:delete", args=[w["author"].pk]),
    ),
    Screen("tags", ALL, lambda w: reverse(f"{TAG}:list")),
    Screen("new tag", ALL, lambda w: reverse(f"{TAG}:add")),
    Screen("edit tag", EDITORS, lambda w: reverse(f"{TAG}:edit", args=[w["tag"].pk])),
    Screen(
        "delete tag", EDITORS, lambda w: reverse(f"{TAG}:delete", args=[w["tag"].pk])
    ),
    Screen("images", ALL, lambda w: reverse("wagtailimages:index")),
    Screen("add images", ALL, lambda w: reverse("wagtailimages:add_multiple")),
    Screen(
        "edit image",
        EDITORS,
        lambda w: reverse("wagtailimages:edit", args=[w["image"].pk]),
    ),
    Screen("image chooser", ALL, lambda w: reverse("wagtailimages_chooser:choose")),
    Screen("users", (CHIEF,), lambda w: reverse("wagtailusers_users:index")),
    Screen("new user", (CHIEF,), lambda w: reverse("wagtailusers_users:add")),
    Screen(
        "edit user",
        (CHIEF,),
        lambda w: reverse("wagtailusers_users:edit", args=[w["people"][REPORTER].pk]),
    ),
    Screen(
        "delete user",
        (CHIEF,),
        lambda w: reverse("wagtailusers_users:delete", args=[w["people"][REPORTER].pk]),
    ),
    Screen(
        "site history", EDITORS, lambda w: reverse("wagtailadmin_reports:site_history")
    ),
    Screen("account", ALL, lambda w: reverse("wagtailadmin_account")),
    Screen("two-step sign-in", ALL, lambda w: reverse("khabar_accounts:two_factor")),
    Screen(
        "authenticator app", ALL, lambda w: reverse("khabar_accounts:authenticator_app")
    ),
    Screen("not found", ALL, lambda w: f"{reverse(f'{ART}:list')}edit/99999/", 404),
    Screen(
        "not allowed",
        (REPORTER,),
        lambda w: reverse("wagtailusers_users:index"),
        302,
    ),
]


@pytest.fixture
def world(settings, tmp_path, photo):
    """A newsroom with something on every screen: people of each role, a
    draft in review with two revisions, a live article, an image."""
    settings.MEDIA_ROOT = tmp_path
    people = {
        REPORTER: UserFactory(
            username="rep", first_name="سلمى", last_name="حداد", role=roles.REPORTER
        ),
        EDITOR: UserFactory(
            username="ed", first_name="كريم", last_name="ناصر", role=roles.EDITOR
        ),
        CHIEF: UserFactory(
            username="chief",
            first_name="ليلى",
            last_name="منصور",
            role=roles.CHIEF_EDITOR,
        ),
    }
    verifying = UserFactory(username="ed2", first_name="سامي", role=roles.EDITOR)
    TOTPDevice.objects.create(user=verifying, name="هاتف", confirmed=True)
    section = SectionFactory(name="سياسة")
    reporter = people[REPORTER]
    draft = ArticleFactory(
        title="مسودة المراسل", owner=reporter, section=section, draft=True
    )
    first = draft.save_revision(user=reporter)
    draft.title = "مسودة المراسل بعد التعديل"
    second = draft.save_revision(user=reporter)
    draft.get_workflow().start(draft, reporter)
    state = WorkflowState.objects.for_instance(draft).get()
    live = ArticleFactory(title="خبر منشور", section=section, owner=reporter)
    live.save_revision(user=people[EDITOR]).publish(user=people[EDITOR])
    photo.uploaded_by_user = people[EDITOR]
    photo.save()
    ArticleNote.objects.create(
        article=draft, author=people[EDITOR], text="أضيفي مصدرًا ثانيًا للرقم."
    )
    lineup = FrontPage.objects.create(lead=live)
    return {
        "people": people,
        "verifying": verifying,
        "draft": draft,
        "revisions": (first.pk, second.pk),
        "workflow_state": state,
        "task_state": TaskState.objects.filter(workflow_state=state).latest("pk"),
        "live": live,
        "section": section,
        "author": AuthorFactory(name="كاتب الخبر", user=people[REPORTER]),
        "tag": TagFactory(name="انتخابات"),
        "image": Image.objects.get(pk=photo.pk),
        "now": timezone.now(),
        "lineup": lineup,
    }


def _client_for(client, role, world):
    if role in world["people"]:
        client.force_login(world["people"][role])
    elif role == "verifying":
        client.force_login(world["verifying"])
    return client


def _fetch(client, screen, world):
    target = screen.url(world)
    if isinstance(target, tuple):
        url, data = target
        response = client.post(url, data)
    else:
        url = target
        response = client.get(url)
    return url, response


def _html(response):
    # Modals (choosers, workflow actions) answer JSON around their HTML.
    if response["Content-Type"].startswith("application/json"):
        return response.json().get("html", "")
    return response.content.decode()


def _walk(client, world):
    """(role, screen, url, problems) for every screen of every role."""
    found = []
    for screen in SCREENS:
        for role in screen.roles:
            client.logout()
            _client_for(client, role, world)
            url, response = _fetch(client, screen, world)
            if response.status_code != screen.status:
                found.append((role, screen.name, url, f"status {response.status_code}"))
                continue
            if response.status_code == 302:
                response = client.get(response["Location"])
            html = _html(response)
            text = visible_text(html) + " " + script_text(html)
            found.extend(
                (role, screen.name, url, problem) for problem in problems(text)
            )
    return found


def test_every_screen_reads_in_arabic(client, world):
    found = _walk(client, world)
    report = "\n".join(f"{r:10} {s:30} {p}" for r, s, _, p in found)
    assert not found, f"{len(found)} problems:\n{report}"


def test_the_check_finds_english_and_bad_arabic():
    text = visible_text(
        '<p title="Password">قبل 2 دقيقتين</p><script>var x="English";</script>'
        '<input type="submit" value="Save"><img alt="Wagtail">'
    )
    assert problems(text) == [
        "Password",
        "Save",
        "Wagtail",
        "«2 دقيقتين» (dual after a numeral)",
    ]
