"""Counting views: the beacon, the stores, the flusher (docs/readership.md)."""

import datetime as dt
import threading
import time
from urllib.parse import urlparse, urlunparse

import pytest
import redis
from django.db import connection

from khabar.newsroom.models import Article
from khabar.readership import bots, flusher, identity
from khabar.readership.beacon import PIXEL
from khabar.readership.counters import COUNTED, NOT_LIVE, get_counters, reset_counters
from khabar.readership.memory_counters import MemoryCounters
from khabar.readership.models import ArticleDailyViews, ArticleHourlyViews, FlushLog
from khabar.readership.totals import totals
from tests import services
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

BROWSER = (
    "Mozilla/5.0 (Linux; Android 13; SM-A536B) AppleWebKit/537.36 "
    "(KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36"
)
GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
TEST_REDIS_DB = 14


def readership_redis_url():
    """The test Redis, on a database of its own (other tests flush theirs)."""
    parsed = urlparse(services.redis_url())
    return urlunparse(parsed._replace(path=f"/{TEST_REDIS_DB}"))


@pytest.fixture(params=["memory", "redis"])
def counters(request, settings, tmp_path):
    """Each store in turn, isolated: a temp side file, a unique Redis prefix."""
    settings.VAR_DIR = tmp_path
    settings.KHABAR_TRUSTED_PROXIES = []
    prefix = f"test-readership-{time.time_ns()}"
    settings.KHABAR_CACHE_PREFIX = prefix
    if request.param == "redis":
        settings.KHABAR_VIEWS_REDIS_URL = readership_redis_url()
    else:
        settings.KHABAR_VIEWS_REDIS_URL = ""
    reset_counters()
    totals.clear()
    counters = get_counters()
    yield counters
    if request.param == "redis":
        client = redis.Redis.from_url(settings.KHABAR_VIEWS_REDIS_URL)
        keys = list(client.scan_iter(f"{prefix}:*"))
        if keys:
            client.delete(*keys)
        client.close()
    reset_counters()
    totals.clear()


def beacon(client, article_id, ua=BROWSER, address="203.0.113.7", **headers):
    return client.post(
        f"/v/{article_id}", HTTP_USER_AGENT=ua, REMOTE_ADDR=address, **headers
    )


def test_a_view_reaches_the_total_after_a_flush(client, counters):
    article = ArticleFactory()
    flusher.refresh_live(counters)

    response = beacon(client, article.pk)
    flusher.flush(counters)

    assert response.status_code == 200
    article.refresh_from_db()
    assert article.view_count == 1
    assert ArticleDailyViews.objects.get(article=article).views == 1
    assert ArticleHourlyViews.objects.get(article=article).views == 1
    assert FlushLog.objects.count() == 1


def test_most_read_ranks_by_views_in_each_window(django_assert_num_queries):
    from django.utils import timezone

    from khabar.readership.most_read import compute

    now = timezone.now()
    old_hit, new_hit, quiet = ArticleFactory.create_batch(3)
    rows = [
        (old_hit, now - dt.timedelta(days=3), 500),
        (new_hit, now, 40),
        (new_hit, now - dt.timedelta(hours=5), 10),
        (quiet, now - dt.timedelta(hours=1), 3),
        (quiet, now - dt.timedelta(days=9), 9999),
    ]
    for article, when, views in rows:
        ArticleHourlyViews.objects.create(
            article=article,
            hour=when.replace(minute=0, second=0, microsecond=0),
            views=views,
        )
    with django_assert_num_queries(1):
        lists = compute(now=now)

    assert [(i["id"], i["views"]) for i in lists["24h"]] == [
        (new_hit.pk, 50),
        (quiet.pk, 3),
    ]
    assert [(i["id"], i["views"]) for i in lists["7d"]] == [
        (old_hit.pk, 500),
        (new_hit.pk, 50),
        (quiet.pk, 3),
    ]


def test_beacon_answers_with_the_stored_total_and_no_cookie(client, counters):
    article = ArticleFactory(view_count=56)
    flusher.refresh_live(counters)
    totals.get(article.pk)  # a reader asked before: the flusher loads it
    totals.refresh()

    response = beacon(client, article.pk)

    assert response.json() == {"views": 56}
    assert response["Cache-Control"] == "no-store"
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")


def test_beacon_needs_no_csrf_token(counters):
    from django.test import Client

    article = ArticleFactory()
    flusher.refresh_live(counters)

    response = beacon(Client(enforce_csrf_checks=True), article.pk)

    assert response.status_code == 200


def test_noscript_pixel_counts_and_is_a_43_byte_gif(client, counters):
    article = ArticleFactory()
    flusher.refresh_live(counters)

    response = client.get(f"/v/{article.pk}.gif", HTTP_USER_AGENT=BROWSER)
    flusher.flush(counters)

    assert response["Content-Type"] == "image/gif"
    assert len(response.content) == 43
    assert response["Cache-Control"] == "no-store"
    article.refresh_from_db()
    assert article.view_count == 1


def _todays_salt(counters):
    """The day's salts, read once per process (from the database when the
    counters are in Redis): the first beacon of the day's only queries.
    In the first 30 minutes of a UTC day a beacon needs yesterday's too."""
    now = time.time()
    for day in (identity.day_of(now), identity.previous_day(now)):
        if day:
            counters.salt(day)


def test_beacon_does_not_touch_the_database(
    client, counters, django_assert_num_queries
):
    article = ArticleFactory()
    flusher.refresh_live(counters)
    _todays_salt(counters)

    with django_assert_num_queries(0):
        beacon(client, article.pk)
        client.get(f"/v/{article.pk}.gif", HTTP_USER_AGENT=BROWSER)
        beacon(client, 987654321)


def test_same_reader_counts_once_in_the_window(client, counters):
    article = ArticleFactory()
    flusher.refresh_live(counters)

    for _ in range(3):
        beacon(client, article.pk)
    flusher.flush(counters)
    for _ in range(2):
        beacon(client, article.pk)
    beacon(client, article.pk, address="198.51.100.9")
    flusher.flush(counters)

    article.refresh_from_db()
    assert article.view_count == 2


def test_window_is_thirty_minutes(rf, counters):
    from khabar.readership.beacon import record_view

    article = ArticleFactory()
    flusher.refresh_live(counters)
    request = rf.post("/", HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="203.0.113.7")
    start = time.time()

    if not isinstance(counters, MemoryCounters):
        pytest.skip("Redis expires keys on its own clock; see the memory store")
    assert record_view(request.META, article.pk, now=start) == COUNTED
    flusher.flush(counters)
    assert record_view(request.META, article.pk, now=start + 60) == COUNTED  # buffered
    flusher.flush(counters)
    assert (
        record_view(request.META, article.pk, now=start + identity.WINDOW + 1)
        == COUNTED
    )
    flusher.flush(counters)

    article.refresh_from_db()
    assert article.view_count == 2


def test_day_boundary_does_not_count_a_reader_twice(rf, counters):
    from khabar.readership.beacon import record_view

    article = ArticleFactory()
    flusher.refresh_live(counters)
    request = rf.post("/", HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="203.0.113.7")
    midnight = (time.time() // 86400 + 1) * 86400

    record_view(request.META, article.pk, now=midnight - 60)
    flusher.flush(counters)
    record_view(request.META, article.pk, now=midnight + 60)  # a new salt
    flusher.flush(counters)

    assert counters.salt(identity.day_of(midnight - 60)) != counters.salt(
        identity.day_of(midnight + 60)
    )
    article.refresh_from_db()
    assert article.view_count == 1


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_USER_AGENT": GOOGLEBOT},
        {"HTTP_USER_AGENT": "curl/8.5.0"},
        {"HTTP_USER_AGENT": ""},
        {"HTTP_USER_AGENT": BROWSER, "HTTP_SEC_PURPOSE": "prefetch;prerender"},
        {"HTTP_USER_AGENT": BROWSER, "HTTP_PURPOSE": "prefetch"},
    ],
    ids=["googlebot", "curl", "no-agent", "prerender", "prefetch"],
)
def test_robots_and_prefetches_are_not_counted(client, counters, headers):
    article = ArticleFactory()
    flusher.refresh_live(counters)

    response = client.post(f"/v/{article.pk}", REMOTE_ADDR="203.0.113.7", **headers)
    flusher.flush(counters)

    assert response.status_code == 200
    article.refresh_from_db()
    assert article.view_count == 0


def test_drafts_and_unknown_ids_are_not_counted(client, counters):
    draft = ArticleFactory(draft=True)
    flusher.refresh_live(counters)

    assert beacon(client, draft.pk).json() == {"views": None}
    beacon(client, 10**9)
    flusher.flush(counters)

    draft.refresh_from_db()
    assert draft.view_count == 0
    assert not ArticleDailyViews.objects.exists()


def test_junk_ids_do_not_grow_the_buffer(client, counters):
    article = ArticleFactory()
    flusher.refresh_live(counters)

    results = [
        counters.record(article.pk + 5000 + n, (b"r" * 16,), time.time())
        for n in range(50)
    ]

    assert set(results) == {NOT_LIVE}
    assert not hasattr(counters, "buffered") or counters.buffered() == 0


def test_publishing_makes_an_article_countable_at_once(client, counters):
    from khabar.newsroom.events import article_published, article_unpublished

    article = ArticleFactory()
    flusher.refresh_live(counters)
    newer = ArticleFactory()
    article_published.send(sender=Article, article=newer)
    article_unpublished.send(sender=Article, article=article)

    assert beacon(client, newer.pk).status_code == 200
    beacon(client, article.pk)
    flusher.flush(counters)

    assert Article.objects.get(pk=newer.pk).view_count == 1
    assert Article.objects.get(pk=article.pk).view_count == 0


def test_forwarded_for_is_believed_only_from_trusted_proxies(rf, settings):
    settings.KHABAR_TRUSTED_PROXIES = ["127.0.0.1", "10.0.0.0/8"]
    forwarded = "198.51.100.1, 203.0.113.5, 10.1.2.3"

    trusted = rf.get("/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR="127.0.0.1")
    stranger = rf.get("/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR="192.0.2.44")

    assert identity.client_address(trusted.META) == "203.0.113.5"
    assert identity.client_address(stranger.META) == "192.0.2.44"


def test_a_bad_trusted_proxy_says_how_to_fix_it(rf, settings):
    settings.KHABAR_TRUSTED_PROXIES = ["not-an-address"]
    request = rf.get("/", HTTP_X_FORWARDED_FOR="1.2.3.4", REMOTE_ADDR="127.0.0.1")

    with pytest.raises(ValueError, match="addresses or CIDRs"):
        identity.client_address(request.META)


def test_bot_list_comes_from_the_package():
    assert bots.is_bot(GOOGLEBOT)
    assert bots.is_bot("Mozilla/5.0 (compatible; bingbot/2.0)")
    assert not bots.is_bot(BROWSER)


# -- flushing: batches, atomic, safe to retry ---------------------------------


def _claims_left(counters):
    return counters.claims(orphans_after=0)


def test_a_flush_writes_each_article_once(
    client, counters, django_assert_max_num_queries
):
    articles = ArticleFactory.create_batch(3)
    flusher.refresh_live(counters)
    for n in range(30):
        beacon(client, articles[n % 3].pk, address=f"203.0.113.{n}")

    # Which are visible; the flush id; totals, days, hours (one statement
    # each for up to 300 articles); and the test transaction's savepoint.
    with django_assert_max_num_queries(7):
        flusher.flush(counters)

    assert [
        a.view_count for a in Article.objects.filter(pk__in=[a.pk for a in articles])
    ] == [10, 10, 10]


def test_a_crash_before_the_commit_loses_nothing(client, counters, monkeypatch):
    article = ArticleFactory()
    flusher.refresh_live(counters)
    beacon(client, article.pk)

    def crash(*args):
        raise RuntimeError("the flusher died")

    with monkeypatch.context() as patched:
        patched.setattr(flusher, "_add_rows", crash)
        with pytest.raises(RuntimeError):
            flusher.flush(counters)
    flusher.flush(counters, orphans_after=0)  # another flusher, later

    article.refresh_from_db()
    assert article.view_count == 1
    assert _claims_left(counters) == [] or all(
        not c.counts for c in _claims_left(counters)
    )


def test_a_crash_after_the_commit_adds_nothing_twice(client, counters, monkeypatch):
    article = ArticleFactory()
    flusher.refresh_live(counters)
    beacon(client, article.pk)

    with monkeypatch.context() as patched:
        patched.setattr(counters, "release", lambda flush_id: None)  # dies before
        flusher.flush(counters)
    flusher.flush(counters, orphans_after=0)

    article.refresh_from_db()
    assert article.view_count == 1
    assert FlushLog.objects.count() == 1
    assert not [c for c in _claims_left(counters) if c.counts]


def test_two_flushers_apply_a_claim_once(client, counters):
    article = ArticleFactory()
    flusher.refresh_live(counters)
    beacon(client, article.pk)
    counters.spill()
    (claim,) = [c for c in counters.claims(orphans_after=0) if c.counts]

    assert flusher.apply(claim) is True
    assert flusher.apply(claim) is False

    article.refresh_from_db()
    assert article.view_count == 1


def test_views_do_not_change_updated_at(client, counters):
    article = ArticleFactory()
    before = Article.objects.get(pk=article.pk).updated_at
    flusher.refresh_live(counters)
    beacon(client, article.pk)
    flusher.flush(counters)

    assert Article.objects.get(pk=article.pk).updated_at == before


def test_flush_views_command(client, counters):
    from django.core.management import call_command

    article = ArticleFactory()
    flusher.refresh_live(counters)
    beacon(client, article.pk)
    counters.spill()

    call_command("flush-views", once=True, stdout=__import__("io").StringIO())

    article.refresh_from_db()
    assert article.view_count == 1


def test_flush_views_refuses_a_bad_interval():
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="above 0"):
        call_command("flush-views", interval=0)


def test_concurrent_beacons_count_exactly(counters):
    from django.test import Client

    articles = ArticleFactory.create_batch(2)
    flusher.refresh_live(counters)
    _todays_salt(counters)  # the threads' connections cannot see this test's rows
    errors = []

    def reader(n):
        client = Client()
        try:
            for i in range(20):
                beacon(client, articles[i % 2].pk, address=f"198.51.100.{n}")
        except Exception as error:  # pragma: no cover - shown below
            errors.append(error)

    threads = [threading.Thread(target=reader, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    flusher.flush(counters)

    assert not errors
    assert sorted(Article.objects.values_list("view_count", flat=True)) == [8, 8]
    connection.close()


# -- most read: pages and API ---------------------------------------------------


def _hot(article, views, hours_ago=0):
    from django.utils import timezone

    hour = (timezone.now() - dt.timedelta(hours=hours_ago)).replace(
        minute=0, second=0, microsecond=0
    )
    ArticleHourlyViews.objects.create(article=article, hour=hour, views=views)


def test_home_and_article_show_most_read_at_no_query_cost(
    client, django_assert_num_queries
):
    from khabar.readership import most_read

    hit = ArticleFactory(title="الخبر الأكثر قراءة")
    _hot(hit, 120)
    most_read.refresh(force=True)

    home = client.get("/").text
    page = client.get(f"/a/{hit.pk}").text

    for html in (home, page):
        assert 'class="most-read"' in html
        assert "الأكثر قراءة" in html
        assert f'<a href="/a/{hit.pk}">الخبر الأكثر قراءة</a>' in html


def test_article_page_carries_the_beacon_and_its_fallback(client):
    article = ArticleFactory()

    html = client.get(f"/a/{article.pk}").text

    assert f'data-beacon="/v/{article.pk}"' in html
    assert f'<noscript><img class="beacon" src="/v/{article.pk}.gif"' in html


def test_most_read_api(client):
    hit, other = ArticleFactory.create_batch(2)
    _hot(hit, 30)
    _hot(other, 20, hours_ago=30)

    day = client.get("/api/v1/most-read?window=24h&limit=5")
    week = client.get("/api/v1/most-read?window=7d")

    assert day.status_code == 200
    assert [(i["id"], i["views"]) for i in day.json()["items"]] == [(hit.pk, 30)]
    assert [i["id"] for i in week.json()["items"]] == [hit.pk, other.pk]
    assert day.json()["items"][0]["url"].endswith(f"/a/{hit.pk}")
    assert day["Cache-Control"].startswith("public, ")


@pytest.mark.parametrize(
    ("query", "parameter", "message"),
    [
        ("window=1y", "window", "Not one of the allowed values"),
        ("limit=0", "limit", "from 1 to 50"),
        ("limit=abc", "limit", "from 1 to 50"),
        ("limit=51", "limit", "from 1 to 50"),
    ],
)
def test_most_read_api_rejects_bad_parameters(client, query, parameter, message):
    response = client.get(f"/api/v1/most-read?{query}", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 400
    (error,) = response.json()["errors"]
    assert error["parameter"] == parameter
    assert message in error["detail"]


# -- the newsroom -------------------------------------------------------------


@pytest.fixture
def editor(client, wagtail_admin):
    from tests.factories import UserFactory

    user = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(user)
    return user


def test_dashboard_charts_30_days_and_lists_todays_top(client, editor):
    from django.utils import timezone

    hit = ArticleFactory(title="خبر اليوم", view_count=90)
    ArticleDailyViews.objects.create(article=hit, day=timezone.localdate(), views=42)
    ArticleDailyViews.objects.create(
        article=hit, day=timezone.localdate() - dt.timedelta(days=3), views=48
    )

    response = client.get("/admin/readership/")

    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("<rect ") == 30
    assert "خبر اليوم" in html
    assert "<td>42</td>" in html
    assert "cdn" not in html.lower().split("<svg", 1)[1].split("</svg>", 1)[0]


def test_dashboard_is_in_the_admin_menu(client, editor):
    html = client.get("/admin/").content.decode()

    assert "/admin/readership/" in html


def test_edit_screen_shows_total_and_sparkline(client, editor):
    from django.utils import timezone

    article = ArticleFactory(view_count=1234)
    ArticleDailyViews.objects.create(article=article, day=timezone.localdate(), views=7)

    html = client.get(
        f"/admin/snippets/newsroom/article/edit/{article.pk}/"
    ).content.decode()

    assert "readership-sparkline" in html
    assert "1,234" in html or "1234" in html


def test_wsgi_fast_path_answers_beacons_and_passes_the_rest(counters):
    from khabar.readership.wsgi import with_beacon

    article = ArticleFactory()
    flusher.refresh_live(counters)
    seen = []

    def django(environ, start_response):
        seen.append(environ["PATH_INFO"])
        start_response("204 No Content", [])
        return [b""]

    app = with_beacon(django)

    def call(method, path):
        answer = {}

        def start_response(status, headers):
            answer.update(status=status, headers=dict(headers))

        environ = {
            "REQUEST_METHOD": method,
            "PATH_INFO": path,
            "REMOTE_ADDR": "203.0.113.7",
            "HTTP_USER_AGENT": BROWSER,
        }
        answer["body"] = b"".join(app(environ, start_response))
        return answer

    post = call("POST", f"/v/{article.pk}")
    gif = call("GET", f"/v/{article.pk}.gif")
    wrong = call("GET", f"/v/{article.pk}")
    call("GET", "/v/abc")
    call("GET", f"/a/{article.pk}")
    flusher.flush(counters)

    assert post["status"] == "200 OK"
    assert post["body"] == b'{"views": null}'
    assert post["headers"]["Cache-Control"] == "no-store"
    assert "Set-Cookie" not in post["headers"]
    assert gif["body"] == PIXEL
    assert gif["headers"]["Content-Type"] == "image/gif"
    assert wrong["status"].startswith("405")
    assert wrong["headers"]["Allow"] == "POST"
    assert seen == ["/v/abc", f"/a/{article.pk}"]
    article.refresh_from_db()
    assert article.view_count == 1


def _rotating(n):
    """*n* User-Agents that look like browsers, all different."""
    return [
        f"Mozilla/5.0 (X11; Linux x86_64; rv:{n}) Gecko/20100101 Firefox/{n}"
        for n in range(n)
    ]


def test_one_address_rotating_user_agents_adds_at_most_its_budget(
    rf, counters, settings
):
    """1,000 forged beacons from one address, each with a new User-Agent,
    within one minute (#14): the article gains the budget, no more; a
    reader at another address still counts."""
    from khabar.readership.beacon import record_view

    settings.KHABAR_VIEWS_PER_ADDRESS = 20
    article, other = ArticleFactory(), ArticleFactory()
    flusher.refresh_live(counters)
    minute = (time.time() // 60) * 60 + 5
    for n, agent in enumerate(_rotating(1000)):
        request = rf.post("/", HTTP_USER_AGENT=agent, REMOTE_ADDR="198.51.100.66")
        record_view(request.META, article.pk, now=minute + n * 0.05)
        if n % 250 == 0:
            flusher.flush(counters)  # across flushes, as the flusher runs
    request = rf.post("/", HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="198.51.100.67")
    record_view(request.META, article.pk, now=minute + 51)
    # The same address on another article has a budget of its own.
    request = rf.post("/", HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="198.51.100.66")
    record_view(request.META, other.pk, now=minute + 52)
    flusher.flush(counters)

    article.refresh_from_db()
    other.refresh_from_db()
    assert article.view_count == 20 + 1
    assert other.view_count == 1


def test_readers_behind_one_address_count_up_to_the_budget_each_minute(
    rf, counters, settings
):
    """The trade-off (docs/readership.md): 30 real readers behind one
    carrier-grade NAT open the same story in one minute; 10 of them are not
    counted. In the next minute the address has a new budget."""
    from khabar.readership.beacon import record_view

    settings.KHABAR_VIEWS_PER_ADDRESS = 20
    article = ArticleFactory()
    flusher.refresh_live(counters)
    minute = (time.time() // 60) * 60
    agents = _rotating(40)
    for n, agent in enumerate(agents[:30]):
        request = rf.post("/", HTTP_USER_AGENT=agent, REMOTE_ADDR="100.64.0.1")
        record_view(request.META, article.pk, now=minute + n)
    flusher.flush(counters)
    for n, agent in enumerate(agents[30:]):
        request = rf.post("/", HTTP_USER_AGENT=agent, REMOTE_ADDR="100.64.0.1")
        record_view(request.META, article.pk, now=minute + 60 + n)
    flusher.flush(counters)

    article.refresh_from_db()
    assert article.view_count == 20 + 10


def test_no_budget_when_switched_off(rf, counters, settings):
    from khabar.readership.beacon import record_view

    settings.KHABAR_VIEWS_PER_ADDRESS = 0
    article = ArticleFactory()
    flusher.refresh_live(counters)
    now = time.time()
    for agent in _rotating(50):
        request = rf.post("/", HTTP_USER_AGENT=agent, REMOTE_ADDR="100.64.0.2")
        record_view(request.META, article.pk, now=now)
    flusher.flush(counters)

    article.refresh_from_db()
    assert article.view_count == 50


def test_a_redis_that_restarts_empty_keeps_the_days_salt(counters, settings):
    """The salt's source of truth is the database (#14): a worker that
    starts after Redis lost everything hashes readers as the others do."""
    if isinstance(counters, MemoryCounters):
        pytest.skip("the embedded store keeps its salt in its side file")
    import redis as redis_client

    day = "2026-12-02"
    before = counters.salt(day)
    client = redis_client.Redis.from_url(settings.KHABAR_VIEWS_REDIS_URL)
    keys = list(client.scan_iter(f"{settings.KHABAR_CACHE_PREFIX}:*"))
    if keys:
        client.delete(*keys)  # Redis restarted without its data
    client.close()
    reset_counters()  # a worker that starts now

    assert get_counters().salt(day) == before
    assert len(before) == 32
