"""GET /api/v1/changes: the change log as a partner reads it over HTTP."""

import pytest
from wagtail.actions.unpublish import UnpublishAction

from khabar.api import schemas
from khabar.api.changelog import CURSOR_MAX_LENGTH, encode_cursor
from khabar.api.models import ChangeHorizon
from tests.api.helpers import problem, refused
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/changes"


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def read(client, **query):
    response = client.get(URL, query)
    assert response.status_code == 200, response.content[:300]
    schemas.Changes.model_validate(response.json())
    return response.json()


def test_a_partner_syncs_from_the_start_then_follows_each_change(
    client, committed, publish
):
    first, second, third = (publish(ArticleFactory(draft=True)) for _ in range(3))
    start = read(client)
    assert [(i["article_id"], i["kind"], i["live"]) for i in start["items"]] == [
        (first.pk, "published", True),
        (second.pk, "published", True),
        (third.pk, "published", True),
    ]
    assert start["caught_up"] is True
    fetched = client.get(start["items"][0]["api_url"])
    assert fetched.status_code == 200
    assert fetched.json()["id"] == first.pk

    second.refresh_from_db()
    with committed():
        UnpublishAction(second).execute(skip_permission_checks=True)
    after = read(client, since=start["next_cursor"])
    assert [(i["article_id"], i["kind"], i["live"]) for i in after["items"]] == [
        (second.pk, "unpublished", False)
    ]
    assert client.get(after["items"][0]["api_url"]).status_code == 404

    idle = read(client, since=after["next_cursor"])
    assert idle["items"] == []
    assert idle["next_cursor"] == after["next_cursor"]


def test_limit_pages_through_the_log_without_loss_or_repeat(client, publish):
    made = [publish(ArticleFactory(draft=True)).pk for _ in range(5)]
    seen, cursor = [], None
    while True:
        page = read(client, limit=2, **({"since": cursor} if cursor else {}))
        seen += [item["article_id"] for item in page["items"]]
        cursor = page["next_cursor"]
        if page["caught_up"]:
            break
    assert seen == made


@pytest.mark.parametrize(
    ("cursor", "status"),
    [
        ("garbage!", 400),  # not URL-safe base64: not as described
        ("x" * (CURSOR_MAX_LENGTH + 1), 400),  # longer than described
        ("djE6MDA3", 404),  # "v1:007": well formed, not written here
        ("djI6NQ", 404),  # "v2:5"
    ],
)
def test_a_cursor_this_site_did_not_give_is_refused_in_the_callers_language(
    client, cursor, status
):
    arabic = refused(client.get(URL, {"since": cursor}), status)
    assert set(arabic) == {"since"}
    english = refused(
        client.get(URL, {"since": cursor}, headers={"Accept-Language": "en"}), status
    )
    assert "unchanged" in english["since"]
    assert arabic["since"] != english["since"]


def test_a_cursor_older_than_the_log_keeps_is_gone(client, publish):
    publish(ArticleFactory(draft=True))
    ChangeHorizon.objects.update_or_create(pk=1, defaults={"tombstones_through": 50})
    document = problem(
        client.get(URL, {"since": encode_cursor(3)}, headers={"Accept-Language": "en"}),
        410,
    )
    assert document["type"] == "urn:khabar:problem:gone"
    assert document["title"] == "Gone"
    assert "from the start" in document["detail"]
    arabic = problem(client.get(URL, {"since": encode_cursor(3)}), 410)
    assert arabic["title"] != "Gone"


def test_an_unchanged_log_answers_304(client, publish):
    publish(ArticleFactory(draft=True))
    first = client.get(URL)
    again = client.get(URL, headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304


def test_the_description_lists_the_change_feed(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "410" in paths["/api/v1/changes"]["get"]["responses"]
