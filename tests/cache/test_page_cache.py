"""The page cache: hits without SQL, precise purges, one render per page."""

import collections
import gzip
import json
import threading
import time

import brotli
import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from wagtail.contrib.frontend_cache.backends.base import BaseBackend

from khabar.cache import policy, purge
from khabar.cache.entry import Entry
from khabar.cache.middleware import PageCacheMiddleware
from khabar.cache.store import MemoryStore, RedisStore, get_store, reset_store
from khabar.cache.wsgi import PageCacheApp
from khabar.newsroom.events import articles_imported
from khabar.newsroom.models import Article
from tests.factories import (
    ArticleFactory,
    AuthorFactory,
    SectionFactory,
    TagFactory,
    UserFactory,
)
from tests.services import redis_url
from tests.waiting import wait_until

pytestmark = pytest.mark.django_db


@pytest.fixture
def story():
    section, tag, author = SectionFactory(), TagFactory(), AuthorFactory()
    return ArticleFactory(
        title="العنوان الأول للخبر", section=section, tags=[tag], authors=[author]
    )


def _state(response):
    return response.headers.get("X-Khabar-Cache")


def _publish(article, capture, **changes):
    for name, value in changes.items():
        setattr(article, name, value)
    with capture(execute=True):
        article.save_revision().publish()


# Hits


def test_second_request_is_a_hit_without_sql(
    client, page_cache, story, django_assert_num_queries
):
    url = story.get_absolute_url()
    first = client.get(url)
    with django_assert_num_queries(0):
        second = client.get(url)
    assert (_state(first), _state(second)) == ("miss", "hit")
    assert second.content == first.content
    assert story.title in second.text


def test_a_hit_never_touches_the_session(client, page_cache, story):
    client.get("/")
    response = client.get("/")
    assert _state(response) == "hit"
    assert not hasattr(response.wsgi_request, "session")
    assert "Set-Cookie" not in response.headers
    assert "Cookie" not in response.headers["Vary"]


def test_headers_let_a_cdn_keep_the_page(client, page_cache, story, settings):
    settings.KHABAR_CACHE_MAX_AGE, settings.KHABAR_CACHE_S_MAXAGE = 10, 60
    response = client.get("/")
    assert response.headers["Cache-Control"] == (
        "public, max-age=10, s-maxage=60, stale-while-revalidate=60, "
        "stale-if-error=86400"
    )
    assert response.headers["Vary"] == "Accept-Encoding"
    assert response.headers["ETag"].startswith('W/"')
    assert response.headers["Last-Modified"].endswith(" GMT")
    assert response.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    ("accept", "encoding"),
    [("gzip, deflate, br", "br"), ("gzip", "gzip"), ("", None), ("br;q=0", None)],
)
def test_hits_are_precompressed_for_the_reader(
    client, page_cache, story, accept, encoding
):
    plain = client.get("/").content
    response = client.get("/", HTTP_ACCEPT_ENCODING=accept)
    assert _state(response) == "hit"
    assert response.headers.get("Content-Encoding") == encoding
    assert int(response.headers["Content-Length"]) == len(response.content)
    body = {"br": brotli.decompress, "gzip": gzip.decompress, None: bytes}[encoding]
    assert body(response.content) == plain


def test_conditional_get_is_answered_304(client, page_cache, story):
    url = story.get_absolute_url()
    first = client.get(url)
    by_etag = client.get(url, HTTP_IF_NONE_MATCH=first.headers["ETag"])
    by_date = client.get(url, HTTP_IF_MODIFIED_SINCE=first.headers["Last-Modified"])
    other = client.get(url, HTTP_IF_NONE_MATCH='W/"something-else"')
    assert (by_etag.status_code, by_date.status_code, other.status_code) == (
        304,
        304,
        200,
    )
    assert by_etag.content == b""
    assert by_etag.headers["ETag"] == first.headers["ETag"]


def test_conditional_get_on_a_cold_page_renders_and_compares(client, page_cache, story):
    etag = client.get("/").headers["ETag"]
    reset_store()
    response = client.get("/", HTTP_IF_NONE_MATCH=etag)
    assert (response.status_code, _state(response)) == (304, "miss")


def test_head_is_answered_from_the_cache(client, page_cache, story):
    full = client.get("/")
    head = client.head("/")
    assert _state(head) == "hit"
    assert head.headers["Content-Length"] == full.headers["Content-Length"]
    assert head.content == b""


def test_rebuilt_identical_page_keeps_its_validators(client, page_cache, story):
    first = client.get("/latest/")
    get_store().purge(["latest"])
    again = client.get("/latest/")
    assert _state(again) == "miss"
    assert again.headers["ETag"] == first.headers["ETag"]
    assert again.headers["Last-Modified"] == first.headers["Last-Modified"]


# What is cached, and what is not


def test_pages_differing_by_page_number_are_cached_apart(client, page_cache):
    ArticleFactory.create_batch(25)
    first, second = client.get("/latest/"), client.get("/latest/?page=2")
    assert _state(second) == "miss"
    assert first.content != second.content
    assert _state(client.get("/latest/?page=2")) == "hit"


def test_tracking_parameters_share_the_page(client, page_cache, story):
    client.get("/")
    assert _state(client.get("/?utm_source=telegram&fbclid=abc")) == "hit"


def test_parameters_a_page_does_not_read_share_its_entry(client, page_cache, story):
    client.get("/")
    for url in ["/?preview=1", "/?utm_source=x&cb=7", "/?page=2"]:
        response = client.get(url)
        assert (response.status_code, _state(response)) == (200, "hit"), url
    client.get("/rss/?full=1")
    assert _state(client.get("/rss/?full=1&cb=123")) == "hit"
    assert _state(client.get("/rss/?full=0")) == "miss"  # the short feed
    assert _state(client.get("/rss/?full=yes")) == "hit"  # the short feed too


def test_a_repeated_parameter_is_read_as_the_page_reads_it(client, page_cache):
    ArticleFactory.create_batch(25)
    client.get("/latest/?page=2")
    response = client.get("/latest/?page=9&page=2")  # QueryDict.get: the last
    assert (response.status_code, _state(response)) == (200, "hit")


def _stored_keys(store):
    if hasattr(store, "redis"):
        client, prefix = store.redis.client, store.redis.prefix
        return list(client.scan_iter(f"{prefix}*"))
    return list(store._entries)


def test_junk_page_values_are_answered_404_and_never_stored(client, page_cache):
    """2,000 requests that a stranger makes up (#14): none is stored, so
    none can fill memory or Redis."""
    ArticleFactory.create_batch(3)
    client.get("/latest/")
    before = len(_stored_keys(page_cache))
    values = [f"z{n}" for n in range(1000)] + [f"{n:05d}" for n in range(1000)]
    for value in values:
        assert client.get(f"/latest/?page={value}").status_code == 404, value
    assert len(_stored_keys(page_cache)) == before


@pytest.mark.parametrize("url", ["/admin/", "/search/?q=خبر", "/v/1"])
def test_admin_search_and_beacon_are_never_cached(client, page_cache, url):
    client.get(url)
    assert _state(client.get(url)) is None


def test_not_found_is_not_cached(client, page_cache):
    assert client.get("/a/999999").status_code == 404
    article = ArticleFactory()
    reset = client.get(f"/a/{article.pk}")
    assert (reset.status_code, _state(reset)) == (200, "miss")
    response = client.get("/s/nothing/")
    assert (response.status_code, _state(response)) == (404, None)


def test_post_is_never_cached(client, page_cache, story):
    client.get("/")
    assert _state(client.post("/")) is None


def test_editors_bypass_the_cache_and_are_never_stored(client, page_cache, story):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = client.get("/")
    assert _state(response) == "bypass"
    assert "private" in response.headers["Cache-Control"]
    client.logout()
    client.cookies.clear()
    assert _state(client.get("/")) == "miss"


def test_responses_with_cookies_are_not_stored(page_cache, rf):
    def view(request):
        response = HttpResponse("<p>صفحة</p>")
        response.set_cookie("flavour", "x")
        return response

    middleware = PageCacheMiddleware(view)
    middleware(rf.get("/"))
    assert _state(middleware(rf.get("/"))) is None
    assert get_store().get("/") is None


def test_unknown_hosts_are_refused_even_on_a_hit(client, page_cache, story):
    client.get("/")
    assert client.get("/", HTTP_HOST="evil.example").status_code == 400


def test_off_switch_disables_the_cache(client, page_cache, story, settings):
    settings.KHABAR_PAGE_CACHE = False
    client.get("/")
    response = client.get("/")
    assert _state(response) is None
    assert "ETag" not in response.headers


def test_every_reader_gets_the_same_bytes(client, page_cache, story):
    first = client.get(story.get_absolute_url())
    client.cookies.clear()
    second = client.get(story.get_absolute_url(), HTTP_USER_AGENT="another reader")
    assert first.content == second.content
    assert b"csrfmiddlewaretoken" not in second.content


# The WSGI fast path


def _environ(path, **extra):
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path.encode().decode("iso-8859-1"),
        "QUERY_STRING": "",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "HTTP_HOST": "testserver",
        "wsgi.url_scheme": "http",
        **extra,
    }


def test_wsgi_fast_path_answers_a_hit_without_django(client, page_cache):
    section = SectionFactory(name="اقتصاد عربي")
    ArticleFactory(section=section)
    url = section.get_absolute_url()  # Arabic, percent-encoded
    stored = client.get(url)
    started = []

    def django_app(environ, start_response):
        raise AssertionError("Django should not run for a hit")

    body = PageCacheApp(django_app)(
        _environ(f"/s/{section.slug}/"),
        lambda status, headers: started.append((status, dict(headers))),
    )
    status, headers = started[0]
    assert status == "200 OK"
    assert headers["X-Khabar-Cache"] == "hit"
    assert headers["ETag"] == stored.headers["ETag"]
    assert b"".join(body) == stored.content


def test_wsgi_fast_path_passes_misses_and_editors_to_django(page_cache):
    calls = []

    def django_app(environ, start_response):
        calls.append(environ["PATH_INFO"])
        start_response("200 OK", [])
        return [b""]

    app = PageCacheApp(django_app)
    app(_environ("/"), lambda *a: None)
    app(_environ("/admin/"), lambda *a: None)
    app(_environ("/", HTTP_COOKIE="sessionid=abc"), lambda *a: None)
    assert calls == ["/", "/admin/", "/"]


# Precise invalidation


def test_publishing_an_edit_refreshes_every_page_that_shows_it(
    client, page_cache, story, django_capture_on_commit_callbacks
):
    other_section = SectionFactory()
    ArticleFactory(title="خبر من قسم آخر", section=other_section)
    tag, author = story.tags.get(), story.article_authors.get().author
    pages = [
        story.get_absolute_url(),
        "/",
        "/latest/",
        story.section.get_absolute_url(),
        tag.get_absolute_url(),
        author.get_absolute_url(),
    ]
    unrelated = other_section.get_absolute_url()
    for url in [*pages, unrelated]:
        client.get(url)

    _publish(story, django_capture_on_commit_callbacks, title="عنوان جديد بعد التعديل")

    for url in pages:
        response = client.get(url)
        assert _state(response) == "miss", url
        assert "عنوان جديد بعد التعديل" in response.text, url
        assert "العنوان الأول للخبر" not in response.text, url
    assert _state(client.get(unrelated)) == "hit"


def test_unpublishing_removes_the_article_everywhere(
    client, page_cache, story, django_capture_on_commit_callbacks
):
    url, section_url = story.get_absolute_url(), story.section.get_absolute_url()
    client.get(url), client.get(section_url), client.get("/")
    with django_capture_on_commit_callbacks(execute=True):
        story.unpublish()
    assert client.get(url).status_code == 404
    for page in (section_url, "/"):
        assert story.title not in client.get(page).text, page


def test_moving_an_article_refreshes_the_section_it_left(
    client, page_cache, story, django_capture_on_commit_callbacks
):
    old = story.section.get_absolute_url()
    client.get(old)
    _publish(story, django_capture_on_commit_callbacks, section=SectionFactory())
    page = client.get(old).text
    listed = page[page.index('<ol class="article-list">') :]
    assert story.title not in listed[: listed.index("</ol>")]


def test_an_import_purges_the_pages_of_its_articles(
    client, page_cache, story, django_capture_on_commit_callbacks
):
    client.get("/"), client.get(story.get_absolute_url())
    Article.objects.filter(pk=story.pk).update(title="عنوان من الأرشيف")
    with django_capture_on_commit_callbacks(execute=True):
        articles_imported.send(sender=Article, article_ids=[story.pk])
    assert "عنوان من الأرشيف" in client.get("/").text
    assert "عنوان من الأرشيف" in client.get(story.get_absolute_url()).text


def test_a_scheduled_article_going_live_purges_the_lists(
    client, page_cache, django_capture_on_commit_callbacks
):
    import datetime as dt

    from django.utils import timezone

    from khabar.scheduling.ticker import run_due

    article = ArticleFactory(draft=True, title="خبر مجدول للنشر")
    article.go_live_at = timezone.now() + dt.timedelta(hours=1)
    revision = article.save_revision()
    revision.publish()
    assert "خبر مجدول للنشر" not in client.get("/").text
    past = timezone.now() - dt.timedelta(seconds=1)
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save(update_fields=["approved_go_live_at", "content"])
    with django_capture_on_commit_callbacks(execute=True):
        run_due()
    assert "خبر مجدول للنشر" in client.get("/").text


def test_a_purge_lands_only_after_the_commit(
    client, page_cache, story, django_capture_on_commit_callbacks
):
    client.get(story.get_absolute_url())
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        story.title = "عنوان لم يلتزم بعد"
        story.save_revision().publish()
    assert callbacks, "the purge waits for the commit"
    assert _state(client.get(story.get_absolute_url())) == "hit"


# One render per page


def _slow_view(renders, delay=0.3, status=200):
    def view(request):
        renders.append(request.path)
        time.sleep(delay)
        return HttpResponse("<p>خبر</p>" * 100, status=status)

    return view


def _concurrently(middleware, requests):
    states = []
    lock = threading.Lock()

    def one(request):
        response = middleware(request)
        with lock:
            states.append((response.status_code, _state(response)))

    threads = [threading.Thread(target=one, args=(r,)) for r in requests]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return states


def test_200_concurrent_requests_on_a_cold_page_render_once(page_cache):
    renders = []
    middleware = PageCacheMiddleware(_slow_view(renders))
    factory = RequestFactory()
    states = _concurrently(middleware, [factory.get("/latest/") for _ in range(200)])
    assert len(renders) == 1
    assert len(states) == 200
    assert {status for status, _ in states} == {200}
    assert sorted({state for _, state in states}) == ["hit", "miss"]


def test_an_expired_page_is_served_stale_while_one_request_renders(page_cache):
    renders, release = [], threading.Event()

    def view(request):
        renders.append(request.path)
        if len(renders) == 2:  # the refresh: held until the others answered
            release.wait(30)
        return HttpResponse("<p>خبر</p>" * 100)

    middleware = PageCacheMiddleware(view)
    factory = RequestFactory()
    middleware(factory.get("/"))
    entry = get_store().get("/")
    entry.fresh_until = time.time() - 1
    get_store().set("/", entry)
    states = []

    def answer(request):
        states.append(_state(middleware(request)))

    threads = [
        threading.Thread(target=answer, args=(factory.get("/"),)) for _ in range(50)
    ]
    for thread in threads:
        thread.start()
    # The 49 requests that do not render are answered while the refresh is
    # still held: none of them waits for it.
    answered = wait_until(lambda: len(states) >= 49, timeout=30)
    held = list(states)
    release.set()
    for thread in threads:
        thread.join(timeout=30)
    assert answered, "requests waited for the render of an expired page"
    assert held == ["stale"] * 49
    assert len(renders) == 2  # the first fill, then one refresh
    assert sorted(states).count("miss") == 1
    assert set(states) == {"miss", "stale"}


def test_a_request_after_a_purge_does_not_get_a_render_begun_before_it(
    page_cache, monkeypatch
):
    """A render in flight when the story is purged stores a page that is
    already old; the request that waited for it (nginx refreshing the page
    after the purge) must get a new render, not that page or the old one."""
    calls = []
    rendering, edited = threading.Event(), threading.Event()

    def view(request):
        calls.append(request.path)
        if len(calls) == 2:  # in flight when the edit commits
            rendering.set()
            edited.wait(5)
            return HttpResponse("<h1>قبل التعديل</h1>" * 50)
        return HttpResponse(
            ("<h1>الأصل</h1>" if len(calls) == 1 else "<h1>بعد التعديل</h1>") * 50
        )

    waits = threading.Event()
    store_wait = page_cache.wait

    def wait(key, timeout):
        waits.set()
        return store_wait(key, timeout)

    monkeypatch.setattr(page_cache, "wait", wait)
    middleware = PageCacheMiddleware(view)
    factory = RequestFactory()
    middleware(factory.get("/"))
    get_store().purge(["home"])
    earlier = {}
    before = threading.Thread(
        target=lambda: earlier.update(response=middleware(factory.get("/")))
    )
    before.start()
    assert rendering.wait(5)
    get_store().purge(["home"])  # the edit commits mid-render
    after = {}
    waiting = threading.Thread(
        target=lambda: after.update(response=middleware(factory.get("/")))
    )
    waiting.start()
    assert waits.wait(5), "the request did not wait for the render in flight"
    edited.set()
    before.join(5)
    waiting.join(5)
    assert "بعد التعديل" in after["response"].content.decode()
    assert len(calls) == 3
    # The render begun before the purge answers its own request, marked
    # so that nginx does not keep it in place of the refreshed page.
    assert _state(earlier["response"]) == "outdated"
    assert earlier["response"]["Cache-Control"] == "no-cache"


def test_a_failing_render_serves_the_last_good_copy(page_cache, settings):
    renders = []
    factory = RequestFactory()
    PageCacheMiddleware(_slow_view(renders, delay=0))(factory.get("/"))
    get_store().purge(["home"])
    broken = PageCacheMiddleware(_slow_view(renders, delay=0, status=503))
    response = broken(factory.get("/"))
    # The reader gets the purged copy, which no front cache may keep.
    assert (response.status_code, _state(response)) == (200, "outdated")
    assert response["Cache-Control"] == "no-cache"
    # Nor may nginx take it as still current through a 304.
    conditional = factory.get("/", HTTP_IF_NONE_MATCH=response["ETag"])
    assert broken(conditional).status_code == 200


# The stores


@pytest.fixture(params=["memory", "redis"])
def store(request, tmp_path, settings):
    if request.param == "memory":
        yield MemoryStore(64 * 1024 * 1024, str(tmp_path / "purges.log"))
        return
    redis = RedisStore(redis_url(), f"test-{time.monotonic_ns()}")
    yield redis
    redis.clear()


def _entry(body=b"<p>page</p>", tags=("home",), start=0):
    return Entry.build([("Content-Type", "text/html")], body, tags, start, 60)


def test_store_purges_by_tag_and_keeps_a_stale_copy(store):
    store.set("/", _entry(tags=("home", "article:1")))
    store.set("/s/x/", _entry(tags=("section:x",)))
    assert store.purge(["article:1"]) == {"/"}
    purged, kept = store.get("/"), store.get("/s/x/")
    assert purged.invalid
    assert not purged.is_fresh()
    assert kept.is_fresh()


def test_store_refuses_a_render_that_began_before_a_purge(store):
    start = store.epoch()
    store.purge(["home"])
    assert store.set("/", _entry(start=start)) is False
    assert not store.get("/").is_fresh()
    assert store.set("/", _entry(start=store.epoch())) is True


def test_store_purge_of_another_tag_does_not_spoil_a_render(store):
    start = store.epoch()
    store.purge(["section:other"])
    assert store.set("/", _entry(start=start)) is True


def test_store_purge_all(store):
    store.set("/", _entry())
    store.purge_all()
    assert not store.get("/").is_fresh()


def test_store_lock_admits_one_renderer(store):
    token = store.try_lock("/")
    assert token is not None
    assert store.try_lock("/") is None
    store.unlock("/", token)
    assert store.try_lock("/") is not None


def test_memory_store_evicts_the_least_recently_used(tmp_path):
    store = MemoryStore(3000, str(tmp_path / "purges.log"))
    for n in range(5):
        store.set(f"/a/{n}", _entry(body=bytes(100), tags=(f"article:{n}",)))
    assert store.get("/a/0") is None
    assert store.get("/a/4") is not None
    assert store.purge(["article:0"]) == set()  # its tag forgot it too


def test_purges_reach_the_other_processes_through_the_log(tmp_path, monkeypatch):
    import os

    path = str(tmp_path / "purges.log")
    here, there = MemoryStore(10**7, path), MemoryStore(10**7, path)
    there.set("/", _entry())
    # Another process: the same file, another pid.
    monkeypatch.setattr(os, "getpid", lambda: 1)
    here.purge(["home"])
    monkeypatch.undo()
    assert not there.get("/").is_fresh()


def test_each_purge_in_the_log_is_applied_once_while_threads_race_to_read_it(
    tmp_path,
):
    # Every request thread of a worker catches up with the log; two that
    # read the same new line must not both move past it, or the next
    # purge (a line of the same length) is never seen by this process.
    path = tmp_path / "purges.log"
    path.touch()
    store = MemoryStore(10**8, str(path))
    count = 200
    for n in range(count):
        store.set(f"/t/{n:03d}/", _entry(tags=(f"tag:{n:03d}",)))
    done = threading.Event()

    def read():
        while not done.is_set():
            store.sync()
            time.sleep(0)  # let the writer in

    readers = [threading.Thread(target=read) for _ in range(8)]
    for reader in readers:
        reader.start()
    try:
        for n in range(count):
            line = json.dumps({"pid": 1, "tags": [f"tag:{n:03d}"]})  # another pid
            with path.open("ab") as log:
                log.write(line.encode() + b"\n")
            time.sleep(0.0002)
    finally:
        done.set()
        for reader in readers:
            reader.join()

    still_fresh = [n for n in range(count) if store.get(f"/t/{n:03d}/").is_fresh()]
    assert still_fresh == []
    assert store.epoch() == count


# The caches in front


def test_purge_urls_cover_the_tags_and_the_known_keys(settings):
    settings.KHABAR_BASE_URL = "https://news.example"
    urls = purge.urls_for(["home", "article:7", "section:سياسة"], {"/latest/?page=2"})
    assert "https://news.example/" in urls
    assert "https://news.example/a/7" in urls
    assert "https://news.example/latest/?page=2" in urls
    assert "https://news.example/s/%D8%B3%D9%8A%D8%A7%D8%B3%D8%A9/rss/" in urls


def _refresh_through_fake_front(url, answer=lambda headers: "miss", **backend):
    """Purge *url* with RefreshBackend against a local HTTP server that
    answers each GET with ``X-Khabar-Cache: answer(headers)``; return the
    headers of every request it got."""
    import http.server

    seen = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            seen.append((self.path, self.headers))
            self.send_response(200)
            self.send_header("X-Khabar-Cache", answer(self.headers))
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        refresh = purge.RefreshBackend(
            {"LOCATION": f"http://127.0.0.1:{server.server_port}"}
        )
        for name, value in backend.items():
            setattr(refresh, name, value)
        refresh.purge(url)
    finally:
        server.shutdown()
        server.server_close()
    return seen


def test_refresh_backend_asks_nginx_for_each_encoding():
    seen = _refresh_through_fake_front("https://news.example/a/7")
    encodings = sorted(h.get("Accept-Encoding") for _, h in seen)
    assert encodings == ["br", "gzip", "identity"]
    assert {(path, h["Host"], h["X-Khabar-Purge"]) for path, h in seen} == {
        ("/a/7", "news.example", "1")
    }


def test_refresh_backend_asks_again_while_the_answer_is_outdated():
    answers = {"br": ["outdated", "outdated", "miss"], "gzip": ["outdated"] * 9}

    def answer(headers):
        queue = answers.get(headers.get("Accept-Encoding"))
        return queue.pop(0) if queue else "miss"

    seen = _refresh_through_fake_front(
        "https://news.example/a/7", answer, RETRY_PAUSES=(0.01, 0.01, 0.01)
    )
    # br until it is no longer outdated; gzip gives up after the retries.
    encodings = collections.Counter(h.get("Accept-Encoding") for _, h in seen)
    assert encodings == {"br": 3, "gzip": 4, "identity": 1}


def test_refresh_backend_asks_for_the_encodings_at_once():
    # A slow answer for one encoding must not hold back the others: the
    # copies in front are refreshed together, not one after another.
    arrived = threading.Barrier(3, timeout=5)

    def answer(headers):
        arrived.wait()  # breaks (and the test fails) unless all three came
        return "miss"

    seen = _refresh_through_fake_front("https://news.example/a/7", answer)
    assert len(seen) == 3
    assert not arrived.broken


class RecordingBackend(BaseBackend):
    """A front cache that only notes what it was asked to purge."""

    purged = []

    def purge(self, url):
        self.purged.append(url)


def test_publishing_sends_the_purge_to_the_front_cache(
    client, page_cache, story, settings, django_capture_on_commit_callbacks
):
    RecordingBackend.purged = []
    settings.WAGTAILFRONTENDCACHE = {
        "test": {"BACKEND": "tests.cache.test_page_cache.RecordingBackend"}
    }
    client.get(story.section.get_absolute_url() + "?page=1")
    _publish(story, django_capture_on_commit_callbacks, title="تعديل")
    assert purge.drain(5)
    sent, base = RecordingBackend.purged, settings.KHABAR_BASE_URL
    assert f"{base}/a/{story.pk}" in sent
    assert f"{base}/" in sent
    assert any("page=1" in url for url in sent)


def test_policy_allow_list():
    assert policy.url_tags("/s/سياسة/rss/") == {"section:سياسة"}
    assert policy.url_tags("/sitemap-articles.xml") == {"sitemaps"}
    assert policy.classify({"REQUEST_METHOD": "GET", "PATH_INFO": "/api/v1/x"}) is None
