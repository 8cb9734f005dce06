"""The home page leads with what editors chose, through the page cache.

Lineups are saved with what runs on commit run (the purge), as the admin's
save does; the page cache is on (tests/site/conftest.py).
"""

import datetime as dt
import re
import time

import pytest
from django.utils import timezone

from khabar.newsroom.frontpage import FrontPage, FrontPageStory
from tests.factories import ArticleFactory, SectionFactory
from tests.waiting import wait_until

pytestmark = pytest.mark.django_db

#: Seconds within which a change must show on the cached home page.
WITHIN = 1.0


def _ago(minutes):
    return timezone.now() - dt.timedelta(minutes=minutes)


@pytest.fixture
def lineup(django_capture_on_commit_callbacks):
    """``lineup(lead, stories, at=None)``: save a lineup as the admin does."""

    def make(lead, stories=(), at=None):
        with django_capture_on_commit_callbacks(execute=True):
            chosen = FrontPage.objects.create(
                lead=lead, takes_effect_at=at or timezone.now()
            )
            for order, article in enumerate(stories):
                FrontPageStory.objects.create(
                    front_page=chosen, article=article, sort_order=order
                )
        return chosen

    return make


@pytest.fixture
def stories():
    """Twelve live stories in two sections, the first the newest."""
    sections = [SectionFactory(name="سياسة"), SectionFactory(name="رياضة")]
    return [
        ArticleFactory(first_published_at=_ago(10 + n), section=sections[n % 2])
        for n in range(12)
    ]


def _front(html):
    """The article ids of the lead package, lead first."""
    front = html[html.index('class="front"') : html.index('class="front__latest"')]
    return [int(pk) for pk in re.findall(r'<h2><a href="/a/(\d+)"', front)]


def _home(client):
    response = client.get("/")
    assert response.status_code == 200
    return response


def test_home_leads_with_the_chosen_story_in_the_chosen_order(client, stories, lineup):
    lineup(stories[9], [stories[7], stories[11]])
    assert _front(_home(client).text) == [
        stories[9].pk,
        stories[7].pk,
        stories[11].pk,
        stories[0].pk,
    ]


def test_nothing_chosen_leads_with_the_newest(client, stories):
    assert _front(_home(client).text) == [s.pk for s in stories[:4]]


def test_no_story_shows_twice(client, stories, lineup):
    """The chosen stories leave the latest list and the section blocks."""
    lineup(stories[11], [stories[10], stories[0]])
    html = _home(client).text
    for story in stories:
        assert html.count(f'href="/a/{story.pk}"') <= 1, story.title
    for story in (stories[11], stories[10], stories[0]):
        assert html.count(f'href="/a/{story.pk}"') == 1, story.title


def test_an_unpublished_lead_leaves_the_cached_home_page(
    client, stories, lineup, django_capture_on_commit_callbacks
):
    lineup(stories[5], [stories[6]])
    assert _front(_home(client).text)[:2] == [stories[5].pk, stories[6].pk]
    with django_capture_on_commit_callbacks(execute=True):
        stories[5].unpublish()
    assert _front(_home(client).text) == [
        stories[6].pk,
        stories[0].pk,
        stories[1].pk,
        stories[2].pk,
    ]


def test_a_change_shows_on_the_cached_home_page_within_a_second(
    client, stories, lineup
):
    _home(client)
    assert _home(client)["X-Khabar-Cache"] == "hit"
    start = time.monotonic()
    lineup(stories[8])
    shown = wait_until(
        lambda: _front(_home(client).text)[0] == stories[8].pk, timeout=WITHIN
    )
    assert shown, "the chosen lead did not reach the cached home page"
    assert time.monotonic() - start < WITHIN


def test_a_change_purges_the_home_page_and_nothing_else(client, stories, lineup):
    others = ["/latest/", stories[0].section.get_absolute_url(), f"/a/{stories[3].pk}"]
    for path in ["/", *others]:
        client.get(path)
    lineup(stories[8])
    assert _home(client)["X-Khabar-Cache"] == "miss"
    for path in others:
        assert client.get(path)["X-Khabar-Cache"] == "hit", path


def test_a_scheduled_lead_shows_within_a_second_of_its_time(client, stories, lineup):
    """The cached home page and the kept lead package end when the next
    lineup takes effect: no purge and no scheduler tick is needed."""
    at = timezone.now() + dt.timedelta(seconds=2)
    lineup(stories[6], at=at)
    assert _front(_home(client).text)[0] == stories[0].pk
    response = _home(client)
    assert response["X-Khabar-Cache"] == "hit"
    assert _front(response.text)[0] == stories[0].pk, "shown before its time"
    shown = wait_until(
        lambda: _front(_home(client).text)[0] == stories[6].pk, timeout=10
    )
    delay = time.time() - at.timestamp()
    assert shown, "the scheduled lead never reached the home page"
    assert 0 <= delay < WITHIN, f"shown {delay:.2f} s after its time"
