"""Bench: serving pages, against nginx serving the same HTML from disk.

Builds a realistic archive in a temporary directory (N generated Arabic
articles through `khabar import-jsonl`, SQLite), starts two `khabar serve`
(granian) on 127.0.0.1, one with the page cache and one with
KHABAR_PAGE_CACHE=off, and Debian's nginx twice over: the repo's
deploy/nginx.conf in front of the first, and a plain static server holding
the same article page as a file. Then, with wrk, in one run and in
alternating rounds:

- nginx-static: the article's HTML as a file (the machine's limit);
- app hit: the article from Khabar's page cache, granian alone;
- nginx hit: the same through deploy/nginx.conf;
- miss render: random articles with the page cache off;
- home: hit (app alone and through nginx) and miss render.

Each figure is printed with its ratio to nginx-static. Then the time from
publishing an edit to the new text being served on the article, home and
section pages (through nginx and from the app), and a soak: wrk at 256
connections against a mix of pages through nginx for 60 s while the top
story is edited every 5 s, checking that no page shows an edit later than
1 s after it was published.

    .venv/bin/python bench/pages.py [--count 100000] [--duration 10]
        [--rounds 2] [--workers 2] [--soak 60]
"""

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from import_jsonl import generate  # noqa: E402

from tests import nginx  # noqa: E402
from tests.services import free_port  # noqa: E402

STATIC_SERVER = """
server {{
    listen 127.0.0.1:{port};
    root {root};
    location / {{ }}
}}
"""
RANDOM_ARTICLES = """
math.randomseed(os.time() + {seed})
request = function()
  return wrk.format("GET", "/a/" .. math.random(1, {count}))
end
"""
MIX = """
local paths = {paths}
local i = {seed}
request = function()
  i = i + 1
  local headers = {{}}
  if i % 2 == 0 then headers["Accept-Encoding"] = "gzip, deflate, br" end
  return wrk.format("GET", paths[(i % #paths) + 1], headers)
end
"""


def say(text=""):
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def khabar(env, *args, **kwargs):
    return subprocess.run(
        [sys.executable, "-m", "khabar", *args], env=env, check=True, **kwargs
    )


def wait_for(url, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=5).read()
            return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer in {timeout} s")


def get(url, encoding=None):
    request = urllib.request.Request(url)
    if encoding:
        request.add_header("Accept-Encoding", encoding)
    with urllib.request.urlopen(request, timeout=10) as response:
        body = response.read()
        if response.headers.get("Content-Encoding") == "gzip":
            import gzip

            body = gzip.decompress(body)
        elif response.headers.get("Content-Encoding") == "br":
            import brotli

            body = brotli.decompress(body)
        return body.decode()


_UNITS = {"us": 1e-3, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _ms(text):
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text)
    if match is None:
        raise ValueError(f"wrk printed a latency this bench cannot read: {text!r}")
    value, unit = match.groups()
    return float(value) * _UNITS[unit]


def wrk(url, duration, connections, script=None, threads=2):
    """Run wrk; return req/s, p50 and p99 (ms), and the error count."""
    args = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency"]
    if script:
        args += ["-s", script]
    out = subprocess.run(
        [*args, url], capture_output=True, text=True, check=True
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = _ms(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1))
    p99 = _ms(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1))
    errors = 0
    socket = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out
    )
    if socket:
        errors += sum(int(n) for n in socket.groups())
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if bad:
        errors += int(bad.group(1))
    total = int(re.search(r"(\d+) requests in", out).group(1))
    return {"rps": rps, "p50": p50, "p99": p99, "errors": errors, "requests": total}


def build_site(tmp, count, front_port):
    var = tmp / "var"
    env = {
        **os.environ,
        "KHABAR_VAR_DIR": str(var),
        "KHABAR_SCHEDULER": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "KHABAR_BASE_URL": f"http://127.0.0.1:{front_port}",
        "KHABAR_PURGE_URLS": f"http://127.0.0.1:{front_port}",
        "KHABAR_PURGE_METHOD": "refresh",
        "KHABAR_LOG_LEVEL": "ERROR",
    }
    for name in ("DATABASE_URL", "REDIS_URL", "KHABAR_DEBUG", "KHABAR_PAGE_CACHE"):
        env.pop(name, None)
    if (var / "khabar.sqlite3").exists():
        say(f"archive: reusing {var}")
        return env, var
    started = time.monotonic()
    khabar(env, "migrate", "-v0")
    jsonl = tmp / "archive.jsonl"
    generate(jsonl, count, seed=5)
    khabar(env, "import-jsonl", str(jsonl), capture_output=True)
    khabar(env, "collectstatic", "--no-input", "-v0")
    say(f"archive: {count:,} articles ready in {time.monotonic() - started:.0f} s")
    return env, var


def serve(env, port, workers, **extra):
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "khabar",
            "serve",
            "--port",
            str(port),
            "--workers",
            str(workers),
        ],
        env={**env, **extra},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def django_setup(env):
    os.environ.update(env)
    os.environ["DJANGO_SETTINGS_MODULE"] = "khabar.settings"
    import django

    django.setup()


def edit(pk, title):
    """Publish a new title for article *pk* as an editor would; return the
    time the publication committed."""
    from khabar.newsroom.models import Article

    article = Article.objects.get(pk=pk)
    article.title = title
    article.save_revision().publish()
    return time.monotonic()


def time_to_visible(urls, marker, since, timeout=10, encodings=(None,)):
    """Seconds from *since* until each URL (in each encoding) shows
    *marker*, every one polled by its own thread; a URL that never does
    counts as *timeout*."""
    seen = {}

    def poll(url, encoding):
        while time.monotonic() < since + timeout:
            if marker in get(url, encoding):
                seen[(url, encoding)] = time.monotonic() - since
                return
            time.sleep(0.005)
        seen[(url, encoding)] = timeout

    threads = [
        threading.Thread(target=poll, args=(url, encoding))
        for url in urls
        for encoding in encodings
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return seen


def report(cases, results):
    """Print the throughput table; return its figures by case name."""
    baseline = statistics.median(r["rps"] for r in results[cases[0][0]])
    say()
    say(f"{'':40} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'ratio':>7} conns")
    summary = {}
    for name, _, connections, _ in cases:
        runs = results[name]
        rps = statistics.median(r["rps"] for r in runs)
        p50 = statistics.median(r["p50"] for r in runs)
        p99 = statistics.median(r["p99"] for r in runs)
        errors = sum(r["errors"] for r in runs)
        summary[name] = {
            "rps": rps,
            "p50": p50,
            "p99": p99,
            "ratio": rps / baseline,
        }
        say(
            f"{name:40} {rps:9.0f} {p50:8.2f} {p99:8.2f} {rps / baseline:7.3f} "
            f"{connections}{'  errors: ' + str(errors) if errors else ''}"
        )
    return summary


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--miss-connections", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--soak", type=int, default=60)
    parser.add_argument("--edits", type=int, default=5)
    parser.add_argument(
        "--dir", type=Path, help="Work here and reuse the archive found here."
    )
    options = parser.parse_args()
    if 0 < options.soak < 15:
        parser.error("--soak must be 0 (no soak) or 15 s or more: it edits every 5 s")

    tmp = options.dir or Path(tempfile.mkdtemp(prefix="khabar-bench-pages-"))
    tmp.mkdir(parents=True, exist_ok=True)
    app_port, miss_port = free_port(), free_port()
    front_port, static_port = free_port(), free_port()
    env, var = build_site(tmp, options.count, front_port)
    # Read the archive once so that renders are measured, not the disk: a
    # reused archive pushed out of the page cache halves the miss figures.
    with (var / "khabar.sqlite3").open("rb") as archive:
        while archive.read(1 << 24):
            pass
    processes = []
    try:
        processes.append(serve(env, app_port, options.workers))
        processes.append(
            serve(env, miss_port, options.workers, KHABAR_PAGE_CACHE="off")
        )
        for port in (app_port, miss_port):
            wait_for(f"http://127.0.0.1:{port}/latest/")

        django_setup(env)
        from khabar.newsroom.models import Article

        top = Article.objects.visible().newest_first().select_related("section").first()
        article_path = f"/a/{top.pk}"
        section_path = top.section.get_absolute_url()
        html = urllib.request.urlopen(
            f"http://127.0.0.1:{app_port}{article_path}"
        ).read()
        root = tmp / "static-html"
        root.mkdir(exist_ok=True)
        shutil.rmtree(tmp / "cache", ignore_errors=True)  # nginx, last run
        (root / "article.html").write_bytes(html)
        servers = nginx.render_site(tmp, front_port, f"127.0.0.1:{app_port}", var)
        servers += STATIC_SERVER.format(port=static_port, root=root)
        conf = nginx.write_main(tmp, servers, workers="auto")
        processes.append(nginx.start(tmp, conf, front_port))
        say(
            f"article page: {len(html):,} bytes; {options.workers} granian "
            f"workers; wrk 2 threads; {os.cpu_count()} cores shared by all"
        )

        miss_script = tmp / "random.lua"
        miss_script.write_text(RANDOM_ARTICLES.format(seed=1, count=options.count))
        c, mc = options.connections, options.miss_connections
        static = f"http://127.0.0.1:{static_port}"
        app = f"http://127.0.0.1:{app_port}"
        front = f"http://127.0.0.1:{front_port}"
        miss = f"http://127.0.0.1:{miss_port}"
        cases = [
            ("nginx-static article", f"{static}/article.html", c, None),
            ("app hit article (granian)", f"{app}{article_path}", c, None),
            ("nginx hit article (nginx.conf)", f"{front}{article_path}", c, None),
            ("miss render article (cache off)", f"{miss}/", mc, miss_script),
            (
                "miss render article, fewer conns",
                f"{miss}/",
                max(1, mc // 2),
                miss_script,
            ),
            ("app hit home", f"{app}/", c, None),
            ("nginx hit home", f"{front}/", c, None),
            ("miss render home (cache off)", f"{miss}/", mc, None),
        ]
        for _, url, _, script in cases:  # warm every cache and connection
            if script is None:
                urllib.request.urlopen(url).read()
                urllib.request.urlopen(url).read()
        results = {name: [] for name, *_ in cases}
        for round_ in range(options.rounds):
            for name, url, connections, script in cases:
                results[name].append(
                    wrk(url, options.duration, connections, script and str(script))
                )
            say(f"round {round_ + 1}/{options.rounds} done")

        summary = {}
        if options.rounds:
            summary.update(report(cases, results))
        pages = {"article": article_path, "home": "/", "section": section_path}
        if options.edits:
            summary["publish"] = publish_to_visible(
                options.edits, top, pages, front, app
            )

        if options.soak:
            summary["soak"] = soak(options, tmp, front, top, pages)
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


def publish_to_visible(edits, top, pages, front, app):
    """Edit the top story *edits* times; print how long each page took to
    show each edit, through nginx and from the app; return the slowest."""
    say(f"\npublish → visible (s), {edits} edits of the top story:")
    delays = {f"{where} {page}": [] for where in ("nginx", "app") for page in pages}
    bases = {"nginx": front, "app": app}
    urls = [base + path for base in bases.values() for path in pages.values()]
    for n in range(edits):
        marker = f"تعديل رقم {n} {time.time_ns()}"
        since = edit(top.pk, marker)
        seen = time_to_visible(urls, marker, since)
        for where, base in bases.items():
            for page, path in pages.items():
                delays[f"{where} {page}"].append(seen[(base + path, None)])
        time.sleep(0.5)
    for name, values in delays.items():
        middle = statistics.median(values)
        each = " ".join(f"{v:.3f}" for v in values)
        say(f"  {name:16} median {middle:.3f}  max {max(values):.3f}  ({each})")
    return {k: max(v) for k, v in delays.items()}


def soak(options, tmp, front, top, pages):
    """wrk at 256 connections on a mix of pages through nginx while the top
    story is edited every 5 s; every page must show each edit within 1 s."""
    from khabar.newsroom.models import Article

    others = list(
        Article.objects.visible().newest_first().values_list("pk", flat=True)[1:21]
    )
    paths = [*pages.values(), "/latest/", "/latest/?page=2", "/rss/"]
    paths += [f"/a/{pk}" for pk in others]
    script = tmp / "mix.lua"
    lua_paths = "{" + ", ".join(json.dumps(p) for p in paths) + "}"
    script.write_text(MIX.format(paths=lua_paths, seed=7))
    outcome = {}
    runner = threading.Thread(
        target=lambda: outcome.update(wrk(front + "/", options.soak, 256, str(script)))
    )
    refreshes = trace_refreshes()
    runner.start()
    time.sleep(2)
    delays, edits = [], 0
    worst, worst_page = 0.0, None
    urls = [front + path for path in pages.values()]
    while runner.is_alive() and edits < options.soak // 5 - 1:
        began = time.monotonic()
        marker = f"تعديل أثناء الضغط {edits} {time.time_ns()}"
        refreshes.clear()
        since = edit(top.pk, marker)
        seen = time_to_visible(urls, marker, since, encodings=(None, "gzip, br"))
        delays += seen.values()
        slowest = max(seen, key=seen.get)
        if seen[slowest] > worst:
            worst, worst_page = seen[slowest], slowest
        if seen[slowest] > 1:
            explain_late(edits, seen, list(refreshes), since)
        edits += 1
        time.sleep(max(0, 5 - (time.monotonic() - began)))
    runner.join()
    late = sum(delay > 1 for delay in delays)
    say(
        f"\nsoak: {options.soak} s, 256 connections, mix of {len(paths)} pages through "
        f"nginx: {outcome['rps']:.0f} req/s, p50 {outcome['p50']:.2f} ms, p99 "
        f"{outcome['p99']:.2f} ms, {outcome['requests']:,} requests, "
        f"{outcome['errors']} errors; {edits} edits, {len(delays)} page copies "
        f"watched, median {statistics.median(delays):.3f} s, {late} over 1 s; "
        f"slowest page to show an edit {worst:.3f} s (target < 1 s): {worst_page}"
    )
    return {**outcome, "edits": edits, "worst_staleness": worst, "late": late}


def trace_refreshes():
    """Record every refresh the purge hook sends from this process (the
    editor's): (monotonic start, end, URL, encoding, Khabar's answer)."""
    from khabar.cache import purge

    records = []
    send = purge.RefreshBackend._refresh

    def traced(backend, url, target, headers):
        started = time.monotonic()
        state = send(backend, url, target, headers)
        encoding = headers.get("Accept-Encoding", "")
        records.append((started, time.monotonic(), target, encoding, state))
        return state

    purge.RefreshBackend._refresh = traced
    return records


def explain_late(n, seen, refreshes, since):
    """Print, for an edit some page showed late, when each page copy showed
    it and when the refreshes of the watched pages were sent and answered."""
    say(f"  edit {n}: a page showed it after more than 1 s")
    for (url, encoding), delay in sorted(seen.items(), key=lambda item: item[1]):
        say(f"    {delay:7.3f} s  {url} {encoding or 'identity'}")
    watched = {urlsplit(url).path for url, _ in seen}
    for started, ended, target, encoding, state in sorted(refreshes):
        if urlsplit(target).path in watched:
            say(
                f"    refresh {started - since:7.3f}–{ended - since:.3f} s "
                f"{target} {encoding or 'identity'}: {state}"
            )


if __name__ == "__main__":
    main()
