"""Bench: the read API's article list and change feed, beside the article page.

Builds (or reuses, with --dir) the same archive as bench/pages.py: N
generated Arabic articles through `khabar import-jsonl`, SQLite. Starts
two `khabar serve` on 127.0.0.1, one with the page cache and one with
KHABAR_PAGE_CACHE=off, and nginx serving the list's first page as a
static file: the machine's limit, the baseline of every ratio.

1. Walks: the whole list through its `next` links (100 a page) and the
   whole change feed through `next_cursor` (1,000 a page), from the
   server without a cache, checking each sees every article once.
2. Latency, one client, no cache: the first page against a page deep in
   the walk (the last tenth), for the list and the change feed; p50, p95
   and their ratio. A keyset cursor should cost what a first page costs.
3. Throughput with wrk, in alternating rounds: the article page (hit and
   render, for comparison), the list's first page and its deep pages
   (hit and render), one article's JSON (hit and render), and the change
   feed (never page-cached).

    .venv/bin/python bench/api.py [--count 100000] [--dir DIR]
        [--duration 8] [--rounds 2] [--samples 300] [--workers 2]
"""

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from pages import STATIC_SERVER, build_site, report, say, serve, wait_for, wrk  # noqa: E402

from tests import nginx  # noqa: E402
from tests.services import free_port  # noqa: E402

#: wrk asks for one of these paths at random on every request.
RANDOM_PATHS = """
local paths = {paths}
math.randomseed(os.time() + {seed})
request = function()
  return wrk.format("GET", paths[math.random(1, #paths)])
end
"""
RANDOM_ARTICLES = """
math.randomseed(os.time() + {seed})
request = function()
  return wrk.format("GET", "{prefix}" .. math.random(1, {count}) .. "{suffix}")
end
"""


def fetch(url):
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.load(response)


def path_of(url, **changes):
    """The path and query of *url*, with the parameters in *changes* set."""
    parts = urlsplit(url)
    values = dict(parse_qsl(parts.query))
    values.update((name, str(value)) for name, value in changes.items())
    return parts.path + "?" + urlencode(sorted(values.items()))


def walk_list(base, expected):
    """Every page of /api/v1/articles, 100 a page: the paths of the pages
    after the first, in order."""
    started = time.monotonic()
    seen, pages = set(), []
    url = f"{base}/api/v1/articles?limit=100"
    while url:
        page = fetch(url)
        seen.update(item["id"] for item in page["items"])
        url = page["next"]
        if url:
            pages.append(path_of(url))
    took = time.monotonic() - started
    if len(seen) != expected:
        raise SystemExit(f"the list walk saw {len(seen):,} articles, not {expected:,}")
    say(f"list walk: {len(seen):,} articles in {len(pages) + 1:,} pages, {took:.1f} s")
    return pages


def walk_changes(base, expected):
    """Every page of /api/v1/changes, 1,000 a page: the cursors met."""
    started = time.monotonic()
    live, cursors, since = set(), [], None
    while True:
        query = {"limit": 1000, **({"since": since} if since else {})}
        page = fetch(f"{base}/api/v1/changes?{urlencode(query)}")
        for item in page["items"]:
            (live.add if item["live"] else live.discard)(item["article_id"])
        since = page["next_cursor"]
        cursors.append(since)
        if page["caught_up"]:
            break
    took = time.monotonic() - started
    if len(live) != expected:
        raise SystemExit(f"the change feed had {len(live):,} live, not {expected:,}")
    say(f"change walk: {len(live):,} live in {len(cursors):,} pages, {took:.1f} s")
    return cursors


def latency(base, paths, samples, rng):
    """p50 and p95 in ms of *samples* sequential GETs of paths drawn from *paths*."""
    times = []
    for _ in range(samples):
        started = time.perf_counter()
        with urllib.request.urlopen(base + rng.choice(paths), timeout=30) as response:
            response.read()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def compare_depths(miss, list_pages, change_cursors, samples):
    """The first page against deep pages, list and change feed, no cache."""
    rng = random.Random(7)
    # The last tenth of each walk; the last cursor of the feed reads nothing.
    deep_list = list_pages[len(list_pages) * 9 // 10 :]
    readable = change_cursors[:-1]
    deep_changes = readable[len(readable) * 9 // 10 :]
    pairs = {
        "list, 20 a page": (
            ["/api/v1/articles"],
            [path_of(path, limit=20) for path in deep_list],
        ),
        "changes, 100 a page": (
            ["/api/v1/changes"],
            [f"/api/v1/changes?since={cursor}" for cursor in deep_changes],
        ),
    }
    say()
    say(f"{'no cache, one client':28} {'first p50':>10} {'p95':>7} "
        f"{'deep p50':>10} {'p95':>7} {'deep/first p95':>15}")  # fmt: skip
    figures = {}
    for name, (first, deep) in pairs.items():
        latency(miss, first + deep, 20, rng)  # warm both
        first_p50, first_p95 = latency(miss, first, samples, rng)
        deep_p50, deep_p95 = latency(miss, deep, samples, rng)
        figures[name] = {
            "first_p50": first_p50,
            "first_p95": first_p95,
            "deep_p50": deep_p50,
            "deep_p95": deep_p95,
        }
        say(
            f"{name:28} {first_p50:10.2f} {first_p95:7.2f} {deep_p50:10.2f} "
            f"{deep_p95:7.2f} {deep_p95 / first_p95:15.2f}"
        )
    return figures


def lua(tmp, name, text):
    script = tmp / name
    script.write_text(text)
    return str(script)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--duration", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--miss-connections", type=int, default=8)
    parser.add_argument("--samples", type=int, default=300)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--dir", type=Path, help="Work here and reuse the archive found here."
    )
    options = parser.parse_args()

    tmp = options.dir or Path(tempfile.mkdtemp(prefix="khabar-bench-api-"))
    tmp.mkdir(parents=True, exist_ok=True)
    app_port, miss_port, static_port = free_port(), free_port(), free_port()
    env, var = build_site(tmp, options.count, app_port)
    # Read the archive once so that the queries are measured, not the disk.
    with (var / "khabar.sqlite3").open("rb") as archive:
        while archive.read(1 << 24):
            pass
    processes = []
    try:
        processes.append(serve(env, app_port, options.workers))
        processes.append(
            serve(env, miss_port, options.workers, KHABAR_PAGE_CACHE="off")
        )
        app = f"http://127.0.0.1:{app_port}"
        miss = f"http://127.0.0.1:{miss_port}"
        static = f"http://127.0.0.1:{static_port}"
        for base in (app, miss):
            wait_for(f"{base}/api/v1/articles")

        list_pages = walk_list(miss, options.count)
        change_cursors = walk_changes(miss, options.count)
        depths = compare_depths(miss, list_pages, change_cursors, options.samples)

        first_page = urllib.request.urlopen(f"{app}/api/v1/articles").read()
        root = tmp / "static-json"
        root.mkdir(exist_ok=True)
        (root / "articles.json").write_bytes(first_page)
        conf = nginx.write_main(
            tmp, STATIC_SERVER.format(port=static_port, root=root), workers="auto"
        )
        processes.append(nginx.start(tmp, conf, static_port))
        top = fetch(f"{app}/api/v1/articles?limit=1")["items"][0]["id"]
        say(
            f"\nlist's first page: {len(first_page):,} bytes; {options.workers} "
            f"granian workers; wrk 2 threads; {os.cpu_count()} cores shared by all"
        )

        deep = [path_of(path, limit=20) for path in list_pages[::10]]
        changes = ["/api/v1/changes"] + [
            f"/api/v1/changes?since={cursor}" for cursor in change_cursors[:-1]
        ]
        scripts = {
            "pages": lua(tmp, "articles.lua", RANDOM_ARTICLES.format(
                seed=1, count=options.count, prefix="/a/", suffix="")),
            "json": lua(tmp, "article-json.lua", RANDOM_ARTICLES.format(
                seed=2, count=options.count, prefix="/api/v1/articles/", suffix="")),
            "deep": lua(tmp, "deep.lua", RANDOM_PATHS.format(
                seed=3, paths=json.dumps(deep).replace("[", "{").replace("]", "}"))),
            "changes": lua(tmp, "changes.lua", RANDOM_PATHS.format(
                seed=4, paths=json.dumps(changes).replace("[", "{").replace("]", "}"))),
        }  # fmt: skip
        c, mc = options.connections, options.miss_connections
        cases = [
            ("nginx-static list page", f"{static}/articles.json", c, None),
            ("app hit article page", f"{app}/a/{top}", c, None),
            ("render article page (cache off)", miss + "/", mc, scripts["pages"]),
            ("app hit list, first page", f"{app}/api/v1/articles", c, None),
            ("render list, first page", f"{miss}/api/v1/articles", mc, None),
            ("app hit list, deep pages", app + "/", c, scripts["deep"]),
            ("render list, deep pages", miss + "/", mc, scripts["deep"]),
            ("app hit article JSON", f"{app}/api/v1/articles/{top}", c, None),
            ("render article JSON (cache off)", miss + "/", mc, scripts["json"]),
            ("change feed, any cursor", app + "/", mc, scripts["changes"]),
        ]
        # Warm: the single URLs, and every deep page in the cached server.
        for _, url, _, script in cases:
            if script is None:
                urllib.request.urlopen(url).read()
        for path in deep:
            urllib.request.urlopen(app + path).read()
        results = {name: [] for name, *_ in cases}
        for round_ in range(options.rounds):
            for name, url, connections, script in cases:
                results[name].append(wrk(url, options.duration, connections, script))
            say(f"round {round_ + 1}/{options.rounds} done")
        summary = {"depths": depths}
        if options.rounds:
            summary.update(report(cases, results))
        (tmp / "results.json").write_text(json.dumps(summary, indent=2))
        say(f"\nresults: {tmp / 'results.json'}")
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
        if options.dir is None:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
