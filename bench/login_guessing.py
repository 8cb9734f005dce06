"""Bench: what password guessers cost readers, with and without lockout.

Guessing a password costs the server a PBKDF2 hash (about a fifth of a
second of CPU), so a few threads guessing can slow the reader site. This
bench starts ``khabar serve --workers 2`` on a temporary SQLite site with
the demo content and the page cache off (every search is rendered), and
measures reader searches one after another, alone (the baseline, same run)
and while four processes post wrong passwords for one account to the admin
login: with the lockout as configured (5 failures), and with the limits
raised so high that it never locks (as before django-axes). A third run,
the control, has the four processes only fetch the login page: the cost
of any four busy clients on two cores, with no password checked. The ratio
is each median search time over its run's baseline.

    .venv/bin/python bench/login_guessing.py [--seconds 10] [--guessers 4]
"""

import argparse
import http.cookiejar
import multiprocessing
import os
import re
import statistics
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import sites  # noqa: E402
from tests.services import free_port  # noqa: E402

MODES = {
    "no-lockout": "wrong passwords, lockout off (as before)",
    "lockout": "wrong passwords, lockout on (5 failures)",
    "control": "login page only (control)",
}
QUERIES = ["سوريا", "الاقتصاد", "اسعار", "مباراة", "الانتخابات", "احمد", "دمشق"]


def search_times(base, seconds):
    """Milliseconds of each uncached search, one after another."""
    times, n = [], 0
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        query = urllib.parse.quote(QUERIES[n % len(QUERIES)])
        url = f"{base}/search/?q={query}"
        start = time.perf_counter()
        with urllib.request.urlopen(url, timeout=30) as response:
            response.read()
        times.append((time.perf_counter() - start) * 1000)
        n += 1
    return times


def guess(base, stop, totals, lock, post=True):
    """Post wrong passwords for 'salma' (or, without *post*, only fetch the
    login page) until *stop* is set; add the answers, by status, to
    *totals*."""
    counts = {}
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    login = f"{base}/admin/login/"
    while not stop.is_set():
        page = opener.open(login, timeout=30).read().decode()
        if not post:
            counts[200] = counts.get(200, 0) + 1
            continue
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
        data = urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": token.group(1),
                "username": "salma",
                "password": f"guess-{time.monotonic_ns()}",
            }
        ).encode()
        request = urllib.request.Request(login, data, headers={"Referer": login})
        try:
            opener.open(request, timeout=30).read()
        except urllib.error.HTTPError as error:
            counts[error.code] = counts.get(error.code, 0) + 1
            continue
        counts[200] = counts.get(200, 0) + 1
    with lock:
        for status, n in counts.items():
            totals[status] = totals.get(status, 0) + n


def run(tmp, seconds, guessers, mode):
    var = Path(tempfile.mkdtemp(dir=tmp))
    env = sites.embedded_env(var, KHABAR_PAGE_CACHE="0", KHABAR_VIEWS_FLUSHER="0")
    if mode != "lockout":
        env["KHABAR_LOGIN_FAILURE_LIMIT"] = "100000000"
        env["KHABAR_LOGIN_ADDRESS_FAILURE_LIMIT"] = "100000000"
    sites.run(env, "migrate", "-v0", quiet=True)
    sites.run(env, "collectstatic", "--no-input", "-v0", quiet=True)
    sites.run(env, "demo", "--if-empty", quiet=True)
    make_user = (
        "from django.contrib.auth import get_user_model; "
        "get_user_model().objects.create_user('salma', password='Long-pass-4821')"
    )
    sites.run(env, "shell", "-c", make_user)
    with sites.serving(env, free_port()) as base:
        search_times(base, 2)  # warm up both workers
        alone = search_times(base, seconds)
        # Processes, not threads: the guessers must not share this
        # process's interpreter lock with the searches being timed.
        with multiprocessing.Manager() as manager:
            stop, counts, lock = manager.Event(), manager.dict(), manager.Lock()
            workers = [
                multiprocessing.Process(
                    target=guess, args=(base, stop, counts, lock, mode != "control")
                )
                for _ in range(guessers)
            ]
            for worker in workers:
                worker.start()
            time.sleep(1)  # the guessers in a steady state (or locked out)
            loaded = search_times(base, seconds)
            stop.set()
            for worker in workers:
                worker.join(timeout=60)
            counts = dict(counts)
    return alone, loaded, counts


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--guessers", type=int, default=4)
    options = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as name:
        for mode in MODES:
            alone, loaded, counts = run(
                Path(name), options.seconds, options.guessers, mode
            )
            rows.append((mode, alone, loaded, counts))
    print(  # noqa: T201
        f"{os.cpu_count()} cores, {options.guessers} guessing processes, "
        f"{options.seconds} s per measurement, page cache off"
    )
    print(  # noqa: T201
        "| guessers | search alone, median ms (baseline) | search while guessing, "
        "median ms | ratio | p95 alone / guessing | login answers |"
    )
    print("| --- | --- | --- | --- | --- | --- |")  # noqa: T201
    for mode, alone, loaded, counts in rows:
        base, under = statistics.median(alone), statistics.median(loaded)
        p95 = [statistics.quantiles(t, n=20)[-1] for t in (alone, loaded)]
        answers = ", ".join(f"{code}: {n}" for code, n in sorted(counts.items()))
        print(  # noqa: T201
            f"| {MODES[mode]} | {base:.1f} | "
            f"{under:.1f} | {under / base:.2f} | {p95[0]:.0f} / {p95[1]:.0f} "
            f"| {answers} |"
        )


if __name__ == "__main__":
    main()
