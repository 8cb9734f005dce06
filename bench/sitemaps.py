"""Bench: streaming the sitemaps of a 1,000,000-article archive, in one run.

Migrates a fresh SQLite database (a temporary KHABAR_VAR_DIR), inserts N
minimal visible articles with sqlite3's executemany, then, in a child
process running Django on that database, fetches the sitemap index and
every article sitemap page through Django's test client, reading each
streamed response chunk by chunk into a file. The baseline is the floor
for the same output: a plain Python loop over a bare sqlite3 cursor
writing the same URLs to a file. Both run twice: once timed, once under
tracemalloc for the peak of memory Python allocated. The URLs written by
both are compared byte for byte.

    .venv/bin/python bench/sitemaps.py [--count N]
"""

import argparse
import datetime as dt
import hashlib
import json
import os
import random
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BASE_URL = "https://khabar.example"
URL_LINE = re.compile(rb"<url>.*?</url>\n")


def say(text=""):
    sys.stdout.write(text + "\n")


def fill(database, count, seed):
    """Insert *count* visible articles (the columns a sitemap reads and the
    ones that may not be NULL) in one transaction; return the seconds."""
    rng = random.Random(seed)
    start = dt.datetime(2010, 1, 1, tzinfo=dt.UTC)
    stamp = "%Y-%m-%d %H:%M:%S"
    connection = sqlite3.connect(database, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=OFF")
    connection.execute(
        'INSERT INTO newsroom_section (name, slug, "order", description) '
        "VALUES ('أخبار', 'news', 0, '')"
    )
    section = connection.execute("SELECT max(id) FROM newsroom_section").fetchone()
    started = time.perf_counter()

    def rows():
        for n in range(count):
            first = start + dt.timedelta(minutes=n * 8 + rng.randint(0, 7))
            last = first + dt.timedelta(minutes=rng.choice((0, 0, 0, 45, 600)))
            yield (
                first.strftime(stamp),
                last.strftime(stamp),
                f"خبر رقم {n}",
                last.strftime(stamp),
                section[0],
            )

    connection.execute("BEGIN")
    connection.executemany(
        "INSERT INTO newsroom_article (live, has_unpublished_changes, "
        "first_published_at, last_published_at, expired, locked, title, kicker, "
        "summary, lead_image_caption, lead_image_credit, is_breaking, view_count, "
        "created_at, updated_at, section_id, body) VALUES (1, 0, ?, ?, 0, 0, ?, "
        "'', '', '', '', 0, 0, ?1, ?4, ?5, '[]')",
        rows(),
    )
    connection.execute("COMMIT")
    elapsed = time.perf_counter() - started
    connection.close()
    return elapsed


def baseline(database, out):
    """The floor: the same <url> lines from a bare cursor and a loop."""
    connection = sqlite3.connect(database)
    rows = connection.execute(
        "SELECT id, COALESCE(last_published_at, first_published_at) "
        "FROM newsroom_article WHERE live AND NOT expired ORDER BY id"
    )
    with open(out, "w", encoding="utf-8") as output:
        for pk, lastmod in rows:
            when = dt.datetime.fromisoformat(lastmod).replace(tzinfo=dt.UTC)
            output.write(
                f"<url><loc>{BASE_URL}/a/{pk}</loc>"
                f"<lastmod>{when.isoformat(timespec='seconds')}</lastmod></url>\n"
            )
    connection.close()


def khabar(out):
    """Every page of the article sitemap through Django, streamed to *out*;
    returns (pages, the largest page in bytes, seconds for the index,
    seconds for a 304)."""
    from django.test import Client

    client = Client()
    started = time.perf_counter()
    index = client.get("/sitemap.xml")
    assert index.status_code == 200, (index.status_code, index.content[:2000])
    pages = re.findall(
        rb"/sitemap-articles\.xml\?page=(\d+)", b"".join(index.streaming_content)
    )
    indexing = time.perf_counter() - started
    started = time.perf_counter()
    again = client.get("/sitemap.xml", headers={"if-none-match": index["ETag"]})
    assert again.status_code == 304, again.status_code
    revalidating = time.perf_counter() - started
    largest = 0
    with open(out, "wb") as output:
        for page in pages:
            response = client.get("/sitemap-articles.xml", {"page": page.decode()})
            assert response.status_code == 200, response.status_code
            size = 0
            for chunk in response.streaming_content:
                output.write(chunk)
                size += len(chunk)
            largest = max(largest, size)
    return len(pages), largest, indexing, revalidating


def measure(folder):
    """Runs in the child process, with Django set up on the bench database."""
    sys.path.insert(0, str(ROOT))  # this checkout's khabar, not another
    import django

    django.setup()
    database = Path(os.environ["KHABAR_VAR_DIR"]) / "khabar.sqlite3"
    ours, floor = folder / "khabar.xml", folder / "floor.xml"
    result = {}
    for label, work in (
        ("floor", lambda: baseline(database, floor)),
        ("khabar", lambda: khabar(ours)),
    ):
        started = time.perf_counter()
        outcome = work()
        result[f"{label}_seconds"] = time.perf_counter() - started
        tracemalloc.start()
        work()
        result[f"{label}_peak"] = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        if label == "khabar":
            result["pages"], result["largest_page"] = outcome[:2]
            result["index_seconds"], result["not_modified_seconds"] = outcome[2:]
    urls = URL_LINE.findall(ours.read_bytes())
    result["urls"] = len(urls)
    result["same_urls"] = (
        hashlib.sha256(b"".join(urls)).hexdigest()
        == hashlib.sha256(floor.read_bytes()).hexdigest()
    )
    result["bytes"] = ours.stat().st_size
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.measure:
        sys.stdout.write(json.dumps(measure(Path(options.measure))) + "\n")
        return

    with tempfile.TemporaryDirectory(prefix="khabar-bench-") as folder:
        folder = Path(folder)
        env = {k: v for k, v in os.environ.items() if not k.startswith("KHABAR_")}
        env.pop("DATABASE_URL", None)  # the embedded default: SQLite
        env.pop("REDIS_URL", None)
        env.update(
            KHABAR_VAR_DIR=str(folder / "var"),
            KHABAR_SCHEDULER="0",
            KHABAR_BASE_URL=BASE_URL,
            DJANGO_SETTINGS_MODULE="khabar.settings",
        )
        run = {"env": env, "cwd": ROOT, "capture_output": True, "text": True}
        done = subprocess.run(
            [sys.executable, "-m", "khabar", "migrate", "--verbosity", "0"], **run
        )
        if done.returncode:
            sys.exit(f"khabar migrate failed:\n{done.stderr}")
        inserting = fill(folder / "var" / "khabar.sqlite3", options.count, options.seed)
        done = subprocess.run(
            [sys.executable, __file__, "--measure", str(folder)], **run
        )
        if done.returncode:
            sys.exit(f"measuring failed:\n{done.stderr}")
        result = json.loads(done.stdout.strip().splitlines()[-1])

    mb = 1024 * 1024
    say(
        f"{options.count:,} visible articles in SQLite (inserted in "
        f"{inserting:.1f} s); python {sys.version.split()[0]}, "
        f"sqlite {sqlite3.sqlite_version}"
    )
    say(
        f"article sitemap: {result['pages']} pages, {result['urls']:,} URLs, "
        f"{result['bytes'] / mb:.1f} MB, largest page "
        f"{result['largest_page'] / mb:.2f} MB; same URLs as the floor: "
        f"{result['same_urls']}"
    )
    say()
    say(f"{'':44} {'seconds':>8} {'URLs/s':>9} {'peak MB':>8}")
    for label, key in (
        ("plain loop over sqlite3 to a file (floor)", "floor"),
        ("khabar: index + every page, streamed", "khabar"),
    ):
        seconds = result[f"{key}_seconds"]
        say(
            f"{label:44} {seconds:8.2f} {result['urls'] / seconds:9.0f} "
            f"{result[f'{key}_peak'] / mb:8.2f}"
        )
    ratio = result["khabar_seconds"] / result["floor_seconds"]
    say(
        f"\nratio to the floor: time x{ratio:.2f}, "
        f"peak memory {result['khabar_peak'] / mb:.2f} MB against a "
        f"{result['largest_page'] / mb:.2f} MB page"
    )
    say(
        f"of which the index: {result['index_seconds']:.2f} s; a 304 for it: "
        f"{result['not_modified_seconds'] * 1000:.1f} ms"
    )
    say("(peak: Python allocations under tracemalloc, in a second, traced pass)")


if __name__ == "__main__":
    main()
