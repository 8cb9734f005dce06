"""/wp-json/wp/v2/: WordPress's REST shapes, parameters and errors."""

import datetime as dt

import pytest
from django.utils import timezone

from khabar.newsroom.models import Article
from khabar.search.index import index_articles
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    SectionFactory,
    TagFactory,
)

pytestmark = pytest.mark.django_db

POSTS = "/wp-json/wp/v2/posts"


def _ids(response):
    assert response.status_code == 200, response.content[:300]
    return [item["id"] for item in response.json()]


def _error(response, status, code):
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"] == "application/json; charset=utf-8"
    body = response.json()
    assert body["code"] == code
    assert body["data"]["status"] == status
    assert body["message"]
    return body


def _ago(hours):
    return timezone.now() - dt.timedelta(hours=hours)


@pytest.fixture
def archive():
    """Five live articles, newest first, and four a reader may not see."""
    politics, sport = SectionFactory(name="سياسة"), SectionFactory(name="رياضة")
    tag = TagFactory(name="دمشق")
    live = [
        ArticleFactory(first_published_at=_ago(n), section=politics if n % 2 else sport)
        for n in range(1, 6)
    ]
    live[0].tags.set([tag])
    live[0].save(update_fields=["tags"])
    hidden = [
        ArticleFactory(draft=True, section=politics),
        ArticleFactory(
            first_published_at=timezone.now() + dt.timedelta(hours=2), section=sport
        ),
        ArticleFactory(expired=True, section=politics),
        ArticleFactory(expire_at=_ago(0.5), section=sport),
    ]
    return live, hidden, politics, sport, tag


def test_a_post_has_wordpress_fields(client, photo):
    writer = AuthorFactory(name="ليلى")
    tag = TagFactory()
    article = ArticleFactory(
        title="مطار <دمشق>", lead_image=photo, authors=[writer], tags=[tag]
    )

    post = client.get(f"{POSTS}/{article.pk}").json()

    assert post["id"] == article.pk
    assert post["title"] == {"rendered": "مطار &lt;دمشق&gt;"}
    assert post["link"].endswith(f"/a/{article.pk}")
    assert post["guid"]["rendered"].endswith(f"/?p={article.pk}")
    assert post["content"]["protected"] is False
    assert "فقرة أولى من نص الخبر." in post["content"]["rendered"]
    assert post["excerpt"]["rendered"].startswith("<p>ملخص")
    assert (post["status"], post["type"], post["format"]) == (
        "publish",
        "post",
        "standard",
    )
    assert (post["comment_status"], post["ping_status"]) == ("closed", "closed")
    assert post["sticky"] is False
    assert post["author"] == writer.pk
    assert post["featured_media"] == photo.pk
    assert post["categories"] == [article.section_id]
    assert post["tags"] == [tag.pk]
    published = timezone.localtime(article.first_published_at)
    assert post["date"] == published.replace(tzinfo=None, microsecond=0).isoformat()
    assert (
        post["date_gmt"]
        == article.first_published_at.astimezone(dt.UTC)
        .replace(tzinfo=None, microsecond=0)
        .isoformat()
    )
    assert "T" in post["modified"]
    assert "+" not in post["modified_gmt"]


def test_the_list_is_live_articles_newest_first(client, archive):
    live, hidden, *_ = archive

    response = client.get(POSTS)

    assert _ids(response) == [a.pk for a in live]
    assert response["X-WP-Total"] == "5"
    assert response["X-WP-TotalPages"] == "1"


@pytest.mark.parametrize("which", range(4))
def test_an_article_a_reader_may_not_see_is_a_404(client, archive, which):
    hidden = archive[1][which]

    _error(client.get(f"{POSTS}/{hidden.pk}"), 404, "rest_post_invalid_id")


def test_pages_carry_totals_and_links(client, archive):
    live = archive[0]

    first = client.get(POSTS, {"per_page": "2"})
    last = client.get(POSTS, {"per_page": "2", "page": "3"})

    assert _ids(first) == [live[0].pk, live[1].pk]
    assert (first["X-WP-Total"], first["X-WP-TotalPages"]) == ("5", "3")
    assert 'rel="next"' in first["Link"]
    assert "page=2" in first["Link"]
    assert 'rel="prev"' not in first["Link"]
    assert _ids(last) == [live[4].pk]
    assert 'rel="prev"' in last["Link"]
    assert 'rel="next"' not in last["Link"]
    assert _ids(client.get(POSTS, {"per_page": "2", "offset": "3"})) == [
        live[3].pk,
        live[4].pk,
    ]


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ({"per_page": "101"}, "per_page"),
        ({"per_page": "0"}, "per_page"),
        ({"page": "0"}, "page"),
        ({"page": "abc"}, "page"),
        ({"categories": "abc"}, "categories"),
        ({"tags": "1,x"}, "tags"),
        ({"after": "garbage"}, "after"),
        ({"before": "2025-13-45T00:00:00"}, "before"),
        ({"order": "sideways"}, "order"),
        ({"orderby": "author"}, "orderby"),
        ({"offset": "-1"}, "offset"),
    ],
)
def test_bad_values_are_refused_as_wordpress_refuses_them(
    client, archive, query, parameter
):
    body = _error(client.get(POSTS, query), 400, "rest_invalid_param")

    assert list(body["data"]["params"]) == [parameter]


def test_per_page_over_100_says_why_in_english(english, archive):
    body = _error(english.get(POSTS, {"per_page": "101"}), 400, "rest_invalid_param")

    assert body["message"] == "Invalid parameter(s): per_page"
    assert body["data"]["params"]["per_page"] == (
        "per_page must be between 1 (inclusive) and 100 (inclusive)"
    )
    assert body["data"]["details"]["per_page"]["code"] == "rest_out_of_bounds"


def test_errors_are_arabic_by_default(client, archive):
    body = _error(client.get(POSTS, {"per_page": "101"}), 400, "rest_invalid_param")

    assert "per_page" in body["message"]
    assert "Invalid" not in body["message"]


def test_a_page_past_the_end_is_refused(client, archive):
    _error(client.get(POSTS, {"page": "2"}), 400, "rest_post_invalid_page_number")


def test_an_empty_list_has_a_first_page(client, db):
    response = client.get(POSTS)

    assert response.json() == []
    assert (response["X-WP-Total"], response["X-WP-TotalPages"]) == ("0", "0")


def test_filters(client, archive):
    live, hidden, politics, sport, tag = archive
    in_politics = [a.pk for a in live if a.section_id == politics.pk]

    assert _ids(client.get(POSTS, {"categories": str(politics.pk)})) == in_politics
    assert _ids(client.get(POSTS, {"categories[]": str(politics.pk)})) == in_politics
    assert _ids(client.get(POSTS, {"categories_exclude": str(sport.pk)})) == in_politics
    assert _ids(client.get(POSTS, {"tags": str(tag.pk)})) == [live[0].pk]
    assert _ids(client.get(POSTS, {"tags_exclude": str(tag.pk)})) == [
        a.pk for a in live[1:]
    ]
    include = f"{live[3].pk},{live[1].pk},{hidden[0].pk}"
    assert _ids(client.get(POSTS, {"include": include})) == [live[1].pk, live[3].pk]
    assert _ids(client.get(POSTS, {"exclude": str(live[0].pk)})) == [
        a.pk for a in live[1:]
    ]
    assert _ids(client.get(POSTS, {"slug": str(live[2].pk)})) == [live[2].pk]
    assert _ids(client.get(POSTS, {"sticky": "true"})) == []


def test_dates_after_and_before(client, archive):
    live = archive[0]
    after = timezone.localtime(_ago(2.5)).replace(tzinfo=None).isoformat()
    before = _ago(2.5).astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")

    assert _ids(client.get(POSTS, {"after": after})) == [live[0].pk, live[1].pk]
    assert _ids(client.get(POSTS, {"before": before})) == [a.pk for a in live[2:]]


@pytest.mark.parametrize(
    ("orderby", "order", "key"),
    [
        ("date", "asc", lambda a: (a.first_published_at, a.pk)),
        ("id", "desc", lambda a: -a.pk),
        ("id", "asc", lambda a: a.pk),
        ("title", "asc", lambda a: (a.title, a.pk)),
        ("modified", "desc", lambda a: (-a.last_published_at.timestamp(), -a.pk)),
    ],
)
def test_orders(client, archive, orderby, order, key):
    live = archive[0]

    response = client.get(POSTS, {"orderby": orderby, "order": order})

    assert _ids(response) == [a.pk for a in sorted(live, key=key)]


def test_relevance_needs_a_search(client, archive):
    _error(
        client.get(POSTS, {"orderby": "relevance"}), 400, "rest_no_search_term_defined"
    )


def test_search_goes_through_khabar_s_arabic_search(client, db):
    airport = ArticleFactory(title="افتتاح مطار دمشق الدولي")
    ArticleFactory(title="مباراة كرة القدم")
    ArticleFactory(title="مطار مسودة", draft=True)
    index_articles(Article.objects.values_list("pk", flat=True))

    # "المطار": with the article, which Khabar's analyser finds in "مطار".
    for orderby in ("date", "relevance"):
        found = client.get(POSTS, {"search": "المطار", "orderby": orderby})
        assert _ids(found) == [airport.pk]
        assert found["X-WP-Total"] == "1"


def test_a_search_refuses_what_it_cannot_combine(client, db):
    body = _error(
        client.get(POSTS, {"search": "مطار", "offset": "3"}), 400, "rest_invalid_param"
    )
    assert list(body["data"]["params"]) == ["offset"]


def test_edit_context_is_for_editors(client, archive):
    _error(client.get(POSTS, {"context": "edit"}), 401, "rest_forbidden_context")


def test_categories_are_sections(client, archive):
    live, _, politics, sport, _ = archive
    empty = SectionFactory(name="ثقافة")

    response = client.get("/wp-json/wp/v2/categories")
    one = client.get(f"/wp-json/wp/v2/categories/{politics.pk}").json()

    names = [c["name"] for c in response.json()]
    assert names == sorted(names)
    assert response["X-WP-Total"] == "3"
    assert one == {
        **one,
        "id": politics.pk,
        "name": "سياسة",
        "slug": politics.slug,
        "taxonomy": "category",
        "parent": 0,
        "count": 3,
    }
    assert one["link"].endswith(politics.get_absolute_url())
    assert _ids(client.get("/wp-json/wp/v2/categories", {"hide_empty": "1"})) == sorted(
        [politics.pk, sport.pk], key=lambda pk: "رياضة" if pk == sport.pk else "سياسة"
    )
    assert empty.pk in _ids(response)
    _error(client.get("/wp-json/wp/v2/categories/999999"), 404, "rest_term_invalid")


def test_tags_are_those_with_a_live_article(client, archive):
    tag = archive[4]
    unpublished = TagFactory(name="سرّي")
    ArticleFactory(draft=True, tags=[unpublished])

    response = client.get("/wp-json/wp/v2/tags")

    assert _ids(response) == [tag.pk]
    only = response.json()[0]
    assert (only["taxonomy"], only["count"], only["name"]) == ("post_tag", 1, "دمشق")
    assert "parent" not in only
    _error(
        client.get(f"/wp-json/wp/v2/tags/{unpublished.pk}"), 404, "rest_term_invalid"
    )


def test_media_are_images_of_live_articles(client, photo):
    article = ArticleFactory(lead_image=photo, lead_image_caption="المطار صباحاً")

    response = client.get("/wp-json/wp/v2/media")
    one = client.get(f"/wp-json/wp/v2/media/{photo.pk}").json()

    assert _ids(response) == [photo.pk]
    assert one["type"] == "attachment"
    assert (one["media_type"], one["mime_type"]) == ("image", "image/jpeg")
    assert one["post"] == article.pk
    assert one["link"].endswith(f"/a/{article.pk}")
    assert one["source_url"].startswith("http")
    assert one["media_details"]["width"] == 1600
    assert one["media_details"]["sizes"]["full"]["height"] == 900
    assert one["media_details"]["sizes"]["medium"]["width"] == 400
    assert "المطار صباحاً" in one["caption"]["rendered"]


def test_an_image_of_a_draft_is_not_shown(client, photo):
    ArticleFactory(lead_image=photo, draft=True)

    assert _ids(client.get("/wp-json/wp/v2/media")) == []
    _error(client.get(f"/wp-json/wp/v2/media/{photo.pk}"), 404, "rest_post_invalid_id")


@pytest.mark.parametrize(
    "path",
    ["/wp-json/wp/v2/users", "/wp-json/wp/v2/users/1", "/wp-json/wp/v2/pages",
     "/wp-json/wp/v2/comments", "/wp-json/nope", "/wp-json/wp/v2/posts/abc"],
)  # fmt: skip
def test_users_and_other_routes_are_not_there(client, db, path):
    _error(client.get(path), 404, "rest_no_route")


def test_only_reading_is_allowed(client, archive):
    response = client.post(POSTS, {"title": "x"})

    _error(response, 405, "rest_no_route")
    assert response["Allow"] == "GET, HEAD"


def test_the_index_lists_the_routes(client, db):
    index = client.get("/wp-json/").json()

    assert index["namespaces"] == ["wp/v2"]
    assert "/wp/v2/posts" in index["routes"]
    assert "/wp/v2/users" not in index["routes"]
    args = index["routes"]["/wp/v2/posts"]["endpoints"][0]["args"]
    assert args["per_page"]["maximum"] == 100


def test_cors_lets_any_page_read_the_totals(client, archive):
    response = client.get(POSTS)

    assert response["Access-Control-Allow-Origin"] == "*"
    assert "X-WP-Total" in response["Access-Control-Expose-Headers"]
    assert "Access-Control-Allow-Credentials" not in response


def test_head_and_a_cors_preflight(client, archive):
    head = client.head(POSTS)
    preflight = client.options(POSTS)

    assert (head.status_code, head.content, head["X-WP-Total"]) == (200, b"", "5")
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Origin"] == "*"
