"""`import-wxr --media-base`: images fetched from a live uploads folder.

The old site is a real HTTP server on 127.0.0.1 serving the uploads folder
that WordPress made for the Arabic export; it counts what it is asked.
"""

import contextlib
import functools
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import pytest
from django.core.management import CommandError
from wagtail.images import get_image_model

from khabar.importers.wordpress.remote import RemoteUploads, safe_parts
from khabar.newsroom.models import Article
from tests.importers.wordpress.files import ARABIC, UPLOADS
from tests.importers.wordpress.files import import_wxr as import_file

pytestmark = pytest.mark.django_db

FOLDER = "/wp-content/uploads/"
#: The originals the Arabic export's articles use (not their sizes).
ORIGINALS = 6
CUT = 64 * 1024 * 1024  # what an oversized answer would send


@pytest.fixture(autouse=True)
def _no_backoff(monkeypatch):
    # Retries still happen, without seconds of waiting between them.
    monkeypatch.setattr(RemoteUploads, "backoff", 0.01)


class OldSite(ThreadingHTTPServer):
    """A WordPress site's web server: *root* holds ``wp-content/uploads``.
    ``answers`` maps an uploads-relative file to a function that answers
    its request instead of the file."""

    daemon_threads = True

    def __init__(self, root):
        handler = functools.partial(_Handler, directory=str(root))
        super().__init__(("127.0.0.1", 0), handler)
        self.requests = []  # request paths, as sent
        self.answers = {}
        self.sent = {}  # file → body bytes sent by an answer
        self.release = threading.Event()  # ends stalled answers

    @property
    def base(self):
        return f"http://127.0.0.1:{self.server_port}{FOLDER}"

    def asked_for(self, file):
        return self.requests.count(FOLDER + quote(file))


class _Handler(SimpleHTTPRequestHandler):
    def do_GET(self):
        self.server.requests.append(self.path)
        path = unquote(urlsplit(self.path).path)
        answer = self.server.answers.get(path.removeprefix(FOLDER))
        if answer is None:
            super().do_GET()
        else:
            answer(self, path.removeprefix(FOLDER))

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def old_site(tmp_path):
    root = tmp_path / "site"
    shutil.copytree(UPLOADS, root / FOLDER.strip("/"))
    site = OldSite(root)
    thread = threading.Thread(target=site.serve_forever)
    thread.start()
    try:
        yield site
    finally:
        site.release.set()
        site.shutdown()
        site.server_close()
        thread.join()


def import_wxr(export=ARABIC, **options):
    return import_file(export, **options)


def from_site(site, tmp_path, **options):
    return import_wxr(
        media_base=site.base, media_cache=str(tmp_path / "cache"), **options
    )


def images_of_articles():
    """Each article's lead image and body images, by their bytes' hash."""
    found = {}
    for article in Article.objects.select_related("lead_image"):
        body = tuple(
            block.value["image"].file_hash
            for block in article.body
            if block.block_type == "image"
        )
        lead = article.lead_image.file_hash if article.lead_image else None
        found[article.pk] = (lead, body)
    return found


def cached_files(tmp_path):
    return sorted(p.name for p in (tmp_path / "cache").rglob("*") if p.is_file())


# Answers of a misbehaving site.


def stall(handler, file):
    handler.server.release.wait(10)


def stream_forever(handler, file):
    """An answer far over the size cap, without a length, sent until the
    reader hangs up."""
    handler.send_response(200)
    handler.send_header("Content-Type", "image/jpeg")
    handler.end_headers()
    sent, chunk = 0, b"\xff" * 65536
    with contextlib.suppress(OSError):
        while sent < CUT:
            handler.wfile.write(chunk)
            sent += len(chunk)
    handler.server.sent[file] = sent


def declare_too_much(handler, file):
    """An answer whose length is over the cap, then a wait: a reader that
    trusted the body instead of the length would time out."""
    handler.send_response(200)
    handler.send_header("Content-Type", "image/jpeg")
    handler.send_header("Content-Length", str(CUT))
    handler.end_headers()
    handler.wfile.write(b"\xff" * 1024)
    handler.wfile.flush()
    handler.server.sent[file] = 1024
    handler.server.release.wait(10)


def trickle(handler, file):
    """A byte at a time, each well within the read time-out, for 5 s."""
    handler.send_response(200)
    handler.send_header("Content-Type", "image/jpeg")
    handler.end_headers()
    with contextlib.suppress(OSError):
        for _ in range(100):
            if handler.server.release.wait(0.05):
                break
            handler.wfile.write(b"\xff")
            handler.wfile.flush()


def half_then_hang_up(handler, file):
    data = (UPLOADS / file).read_bytes()
    handler.send_response(200)
    handler.send_header("Content-Type", "image/jpeg")
    handler.send_header("Content-Length", str(len(data)))
    handler.end_headers()
    handler.wfile.write(data[: len(data) // 2])
    handler.close_connection = True


def to_another_host(handler, file):
    handler.send_response(302)
    other = f"http://localhost:{handler.server.server_port}{FOLDER}{quote(file)}"
    handler.send_header("Location", other)
    handler.send_header("Content-Length", "0")
    handler.end_headers()


# Tests.


def test_media_base_brings_the_same_images_as_media_dir(tmp_path):
    import_wxr(media_dir=str(UPLOADS))
    from_dir = images_of_articles()
    Article.objects.all().delete()
    get_image_model().objects.all().delete()

    with old_site(tmp_path) as site:
        out = from_site(site, tmp_path)

    assert images_of_articles() == from_dir
    assert any(lead for lead, _ in from_dir.values())
    assert any(body for _, body in from_dir.values())
    assert f"Images: {ORIGINALS} imported" in out
    assert "0 left out" in out
    assert f"from --media-base: {ORIGINALS} fetched, 0 from the cache, 0 failed" in out
    # Each original once, under the folder, Arabic names percent-encoded;
    # never a size variant.
    assert len(site.requests) == len(set(site.requests)) == ORIGINALS
    assert all(path.startswith(FOLDER) for path in site.requests)
    assert site.asked_for("2024/03/سوق-الذهب.jpg") == 1
    assert FOLDER + "2024/03/%D8%B3%D9%88%D9%82-%D8%A7%D9%84%D8%B0%D9%87%D8%A8.jpg" in (
        site.requests
    )
    assert not any("x" in Path(unquote(p)).stem.split("-")[-1] for p in site.requests)


def test_a_second_run_reads_the_cache_and_asks_nothing(tmp_path):
    with old_site(tmp_path) as site:
        from_site(site, tmp_path)
        asked = len(site.requests)
        Article.objects.all().delete()
        get_image_model().objects.all().delete()

        out = from_site(site, tmp_path)

    assert asked == ORIGINALS
    assert len(site.requests) == asked
    assert f"Images: {ORIGINALS} imported" in out
    assert f"{ORIGINALS} from the cache" in out
    assert len(cached_files(tmp_path)) == ORIGINALS


def test_media_dir_comes_first_then_the_network(tmp_path):
    uploads = tmp_path / "uploads"
    shutil.copytree(UPLOADS, uploads)
    (uploads / "2024/03/press-conference.jpg").unlink()

    with old_site(tmp_path) as site:
        out = from_site(site, tmp_path, media_dir=str(uploads))

    assert site.requests == [FOLDER + "2024/03/press-conference.jpg"]
    assert "from --media-base: 1 fetched, 0 from the cache, 0 failed" in out
    assert "0 left out" in out


def test_a_missing_file_and_a_stalled_server_are_reported(tmp_path):
    with old_site(tmp_path) as site:
        (tmp_path / "site" / FOLDER.strip("/") / "2024/03/rain-1.jpg").unlink()
        site.answers["2024/03/press-conference.jpg"] = stall
        out = from_site(site, tmp_path, media_timeout=0.3)

    assert "HTTP 404 from --media-base: 1 (2024/03/rain-1.jpg)" in out
    assert (
        "timed out fetching from --media-base: 1 (2024/03/press-conference.jpg)"
    ) in out
    assert site.asked_for("2024/03/rain-1.jpg") == 1  # a 404 is not retried
    retried = 1 + RemoteUploads.retries
    assert site.asked_for("2024/03/press-conference.jpg") == retried
    assert f"{ORIGINALS - 2} fetched, 0 from the cache, 2 failed" in out
    assert f"Images: {ORIGINALS - 2} imported" in out
    assert Article.objects.filter(live=True).count() == 23  # all imported
    assert "press-conference.jpg" not in cached_files(tmp_path)


@pytest.mark.parametrize(
    "answer", [stream_forever, declare_too_much], ids=["no length", "its length"]
)
def test_an_oversized_answer_is_refused_without_reading_it_all(
    tmp_path, settings, answer
):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 1024 * 1024
    with old_site(tmp_path) as site:
        site.answers["2024/03/rain-1.jpg"] = answer
        out = from_site(site, tmp_path, media_timeout=0.5)

    assert "larger than 1 MB: 1 (2024/03/rain-1.jpg)" in out
    assert site.asked_for("2024/03/rain-1.jpg") == 1
    assert site.sent["2024/03/rain-1.jpg"] < CUT // 2
    assert "rain-1.jpg" not in cached_files(tmp_path)
    assert not [name for name in cached_files(tmp_path) if name.startswith(".")]


def test_a_trickling_server_is_given_up_on(tmp_path, monkeypatch):
    monkeypatch.setattr(RemoteUploads, "total_timeout", 1.0)
    with old_site(tmp_path) as site:
        site.answers["2024/03/rain-1.jpg"] = trickle
        out = from_site(site, tmp_path, media_timeout=0.5)

    assert "too slow: not received in time: 1 (2024/03/rain-1.jpg)" in out
    assert "rain-1.jpg" not in cached_files(tmp_path)


def test_a_file_that_is_not_an_image_is_reported_and_not_kept(tmp_path):
    with old_site(tmp_path) as site:
        page = tmp_path / "site" / FOLDER.strip("/") / "2024/03/rain-2.jpg"
        page.write_text("<html>Not Found</html>", encoding="utf-8")
        out = from_site(site, tmp_path)

    assert "not a readable image: 1 (2024/03/rain-2.jpg)" in out
    assert f"{ORIGINALS} fetched, 0 from the cache, 0 failed" in out
    # The cache holds only what the library took: a later run asks again.
    assert "rain-2.jpg" not in cached_files(tmp_path)


def test_a_path_climbing_out_of_the_folder_is_not_fetched(tmp_path):
    # The attachment of rain-1.jpg (an image in a body) names a file that
    # climbs out of the uploads folder, to a file the server has.
    text = ARABIC.read_text(encoding="utf-8")
    attached = "<wp:meta_value><![CDATA[2024/03/rain-1.jpg]]></wp:meta_value>"
    assert text.count(attached) == 1
    export = tmp_path / "export.xml"
    export.write_text(
        text.replace(attached, attached.replace("2024/03/", "../../")),
        encoding="utf-8",
    )

    with old_site(tmp_path) as site:
        shutil.copy(UPLOADS / "2024/03/rain-1.jpg", tmp_path / "site" / "rain-1.jpg")
        out = from_site(site, tmp_path, export=export)

    assert "outside the uploads folder, not fetched: 1 (../../rain-1.jpg)" in out
    assert not any("rain-1" in path for path in site.requests)
    assert Article.objects.filter(live=True).count() == 23


@pytest.mark.parametrize(
    ("file", "parts"),
    [
        ("2024/03/سوق-الذهب.jpg", ("2024", "03", "سوق-الذهب.jpg")),
        ("../etc/passwd", None),
        ("2024/../../x.jpg", None),
        ("/etc/passwd", None),
        ("2024\\..\\x.jpg", None),
        ("./x.jpg", ("x.jpg",)),  # PurePosixPath drops a leading "./"
        ("", None),
    ],
)
def test_safe_parts(file, parts):
    assert safe_parts(file) == parts


def test_a_download_cut_short_leaves_nothing_in_the_cache(tmp_path):
    with old_site(tmp_path) as site:
        site.answers["2024/03/rain-1.jpg"] = half_then_hang_up
        out = from_site(site, tmp_path)
        assert (
            "connection closed before the end of the file: 1 (2024/03/rain-1.jpg)"
        ) in out
        assert "rain-1.jpg" not in cached_files(tmp_path)
        assert not [name for name in cached_files(tmp_path) if name.startswith(".")]

        del site.answers["2024/03/rain-1.jpg"]
        again = from_site(site, tmp_path)

    assert "1 fetched" in again
    assert site.asked_for("2024/03/rain-1.jpg") == 2
    assert "rain-1.jpg" in cached_files(tmp_path)
    assert (tmp_path / "cache").rglob("rain-1.jpg").__next__().read_bytes() == (
        UPLOADS / "2024/03/rain-1.jpg"
    ).read_bytes()


def test_a_redirect_to_another_host_is_not_followed(tmp_path):
    with old_site(tmp_path) as site:
        site.answers["2024/03/rain-1.jpg"] = to_another_host
        out = from_site(site, tmp_path)

    assert "redirected away from the --media-base host" in out
    assert site.asked_for("2024/03/rain-1.jpg") == 1


def test_a_refused_connection_is_reported(tmp_path):
    with old_site(tmp_path) as site:
        base = site.base
    # The server is closed: its port now refuses.
    out = import_wxr(media_base=base, media_cache=str(tmp_path / "cache"))

    given_up = ORIGINALS - RemoteUploads.give_up_after
    assert given_up > 0
    refused = RemoteUploads.give_up_after
    assert f"could not reach --media-base: Connection refused: {refused} (" in out
    assert f"did not answer for {refused} files in a row: {given_up} (" in out
    assert Article.objects.filter(live=True).count() == 23


@pytest.mark.parametrize(
    "base",
    [
        "ftp://old.example.com/wp-content/uploads/",
        "old.example.com/uploads",
        "https://old.example.com/a/../b/",
        "http://old.example.com:99999/wp-content/uploads/",
    ],
)
def test_a_base_that_is_not_a_web_folder_stops_before_any_work(tmp_path, base):
    with pytest.raises(CommandError, match="--media-base"):
        import_wxr(media_base=base)
    assert Article.objects.count() == 0
