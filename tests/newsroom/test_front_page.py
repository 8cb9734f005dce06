"""Front-page lineups: which stories lead, from when, and who may say so."""

import datetime as dt
import threading
import time

import pytest
from django.contrib.auth.models import Group
from django.db import connections
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from khabar.newsroom import frontpage, roles
from khabar.newsroom.events import front_page_changed
from khabar.newsroom.frontpage import FrontPage, FrontPageStory
from khabar.newsroom.models import Article
from khabar.scheduling.ticker import tick_forever
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db

ADD = "wagtailsnippets_newsroom_frontpage:add"
EDIT = "wagtailsnippets_newsroom_frontpage:edit"
DELETE = "wagtailsnippets_newsroom_frontpage:delete"
LIST = "wagtailsnippets_newsroom_frontpage:list"


def _ago(minutes):
    return timezone.now() - dt.timedelta(minutes=minutes)


def _lineup(lead=None, stories=(), at=None):
    lineup = FrontPage.objects.create(lead=lead, takes_effect_at=at or _ago(1))
    for order, article in enumerate(stories):
        FrontPageStory.objects.create(
            front_page=lineup, article=article, sort_order=order
        )
    return lineup


def _package(size=4):
    return frontpage.lead_package(Article.objects.visible(), size)[0]


@pytest.fixture
def newest():
    """Five live stories, the first the newest."""
    return [ArticleFactory(first_published_at=_ago(10 + n)) for n in range(5)]


def test_nothing_chosen_is_newest_first(newest):
    assert _package() == newest[:4]


def test_an_empty_lineup_is_newest_first(newest):
    _lineup()
    assert _package() == newest[:4]


def test_chosen_lead_and_order_come_first_then_the_newest(newest):
    old = ArticleFactory(first_published_at=_ago(600))
    _lineup(lead=old, stories=[newest[3], newest[1]])
    assert _package() == [old, newest[3], newest[1], newest[0]]


def test_a_story_chosen_twice_shows_once(newest):
    _lineup(lead=newest[2], stories=[newest[2], newest[4]])
    assert _package() == [newest[2], newest[4], newest[0], newest[1]]


@pytest.mark.parametrize(
    "hidden",
    [
        {"live": False},
        {"expired": True},
        {"expire_at": timezone.now() - dt.timedelta(minutes=1)},
        {"first_published_at": timezone.now() + dt.timedelta(hours=1)},
    ],
    ids=["unpublished", "expired", "past-expiry", "not-yet-due"],
)
def test_a_chosen_story_readers_cannot_see_is_skipped(newest, hidden):
    gone = ArticleFactory(**{"first_published_at": _ago(600), **hidden})
    _lineup(lead=gone, stories=[newest[4]])
    assert _package() == [newest[4], newest[0], newest[1], newest[2]]


def test_the_latest_lineup_whose_time_has_come_is_shown(newest):
    _lineup(lead=newest[4], at=_ago(30))
    _lineup(lead=newest[3], at=_ago(5))
    later = _lineup(lead=newest[2], at=timezone.now() + dt.timedelta(hours=1))
    visible = Article.objects.visible()
    package, until = frontpage.lead_package(visible, 4)
    assert package[0] == newest[3]
    assert until == later.takes_effect_at
    package, until = frontpage.lead_package(visible, 4, now=later.takes_effect_at)
    assert package[0] == newest[2]
    assert until is None


def test_saving_and_deleting_a_lineup_is_announced(newest):
    heard = []

    def listener(sender, **kwargs):
        heard.append(sender)

    front_page_changed.connect(listener)
    try:
        lineup = _lineup(lead=newest[0], stories=[newest[1]])
        assert heard, "saving a lineup sent no front_page_changed"
        heard.clear()
        lineup.delete()
        assert heard, "deleting a lineup sent no front_page_changed"
    finally:
        front_page_changed.disconnect(listener)


def test_a_lineup_taking_effect_is_announced_once(newest):
    _lineup(lead=newest[0], at=_ago(10))
    soon = _lineup(lead=newest[1], at=timezone.now() + dt.timedelta(minutes=5))
    heard = []

    def listener(sender, **kwargs):
        heard.append(sender)

    front_page_changed.connect(listener)
    try:
        before = timezone.now()
        assert frontpage.announce_due(_ago(1), before) == soon.takes_effect_at
        assert heard == []
        later = soon.takes_effect_at + dt.timedelta(seconds=1)
        assert frontpage.announce_due(before, later) is None
        assert len(heard) == 1
        frontpage.announce_due(later, later + dt.timedelta(seconds=20))
        assert len(heard) == 1
    finally:
        front_page_changed.disconnect(listener)


@pytest.mark.django_db(transaction=True)
def test_the_scheduler_wakes_for_a_lineup_before_its_next_tick():
    """The caches in front hear of a scheduled lineup at its time, not up
    to a scheduler interval later."""
    at = timezone.now() + dt.timedelta(seconds=1.5)
    FrontPage.objects.create(takes_effect_at=at)
    heard = []
    told = threading.Event()

    def listener(sender, **kwargs):
        heard.append(time.time())
        told.set()

    def tick():
        try:
            tick_forever(20, stop)
        finally:
            connections.close_all()

    front_page_changed.connect(listener)
    stop = threading.Event()
    thread = threading.Thread(target=tick)
    thread.start()
    try:
        assert told.wait(10), "the scheduler did not announce the lineup"
    finally:
        stop.set()
        thread.join()
        front_page_changed.disconnect(listener)
    delay = heard[0] - at.timestamp()
    assert 0 <= delay < 1, f"announced {delay:.2f} s after its time"


def test_editors_and_the_chief_hold_the_front_page_reporters_do_not():
    codenames = {f"{a}_frontpage" for a in ("add", "change", "delete", "view")}

    def held(name):
        group = Group.objects.get(name=name)
        return set(
            group.permissions.filter(codename__endswith="_frontpage").values_list(
                "codename", flat=True
            )
        )

    assert held(roles.EDITOR) == codenames
    assert held(roles.CHIEF_EDITOR) == codenames
    assert held(roles.REPORTER) == set()


def _form(lead, stories=(), at=None):
    at = at or timezone.localtime()
    return nested_form_data(
        {
            "takes_effect_at": at.strftime("%Y-%m-%d %H:%M"),
            "lead": lead.pk if lead else "",
            "stories": inline_formset([{"article": a.pk} for a in stories]),
        }
    )


@pytest.mark.usefixtures("wagtail_admin")
@pytest.mark.parametrize("role", [roles.EDITOR, roles.CHIEF_EDITOR])
def test_editors_choose_the_lead_and_order_in_the_admin(client, newest, role):
    client.force_login(UserFactory(username="desk", role=role))
    response = client.post(
        reverse(ADD), _form(newest[4], stories=[newest[2], newest[3]])
    )
    assert response.status_code == 302, response.content[:3000]
    lineup = FrontPage.objects.get()
    assert lineup.chosen_ids() == [newest[4].pk, newest[2].pk, newest[3].pk]
    assert client.get(reverse(LIST)).status_code == 200


@pytest.mark.usefixtures("wagtail_admin")
def test_a_reporters_crafted_requests_are_refused(client, newest):
    lineup = _lineup(lead=newest[0])
    client.force_login(UserFactory(username="rep", role=roles.REPORTER))
    assert client.get(reverse(LIST)).status_code == 403
    assert client.get(reverse(ADD)).status_code == 403
    response = client.post(reverse(ADD), _form(newest[4]))
    assert response.status_code == 403
    response = client.post(reverse(EDIT, args=[lineup.pk]), _form(newest[4]))
    assert response.status_code == 403
    response = client.post(reverse(DELETE, args=[lineup.pk]))
    assert response.status_code == 403
    assert list(FrontPage.objects.values_list("pk", "lead_id")) == [
        (lineup.pk, newest[0].pk)
    ]
