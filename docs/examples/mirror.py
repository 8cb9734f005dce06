#!/usr/bin/env python3
"""Mirror a Khabar site's published articles through its change feed.

A partner's starting point, to copy and adapt: the Python standard library
only (urllib, json, sqlite3). Each run reads ``/api/v1/changes`` from the
cursor it stored last time (from the start on the first run), fetches
every article that was published, updated or corrected, drops every one
that left the site, stores the new cursor, and exits once it has caught
up. Run it from cron, or with ``--every SECONDS``.

    python3 mirror.py https://news.example --store mirror.sqlite3
    python3 mirror.py https://news.example --store mirror.sqlite3 --every 60

The store is one SQLite file: the table ``articles`` holds each article's
JSON as the API gave it (and its id, title, body and update time in
columns of their own); ``state`` holds the cursor. A page of changes and
the cursor after it are written in one transaction, so a run that dies
halfway starts again from the last page it finished: applying a change
twice does no harm.

- **410 Gone** (the cursor is older than the feed keeps, 30 days): sync
  again from the start; the articles that sync does not name are dropped
  at its end.
- **304 Not Modified**: every article is asked for with the ``ETag`` of
  the copy held (``If-None-Match``); an unchanged one costs no body.
- **5xx, time-outs, refused connections**: tried again, at most
  ``--retries`` times, waiting longer each time; then the run stops with
  exit status 1 and the next run resumes from the stored cursor.

docs/changes.md (in Khabar's repository) explains the feed.
"""

import argparse
import json
import sqlite3
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

USER_AGENT = "khabar-mirror/1.0 (+docs/examples/mirror.py)"
SCHEMA = """
CREATE TABLE IF NOT EXISTS state (name TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS articles (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    body_html TEXT NOT NULL,
    body_text TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    etag TEXT,
    json TEXT NOT NULL,
    -- The full sync that last named this article (see Mirror.sync).
    sync INTEGER NOT NULL DEFAULT 0
);
"""


class Unavailable(Exception):
    """The site did not answer after every retry."""


class Client:
    """GET with bounded retries; answers ``(status, headers, body)``."""

    def __init__(self, retries=3, timeout=20.0, backoff=0.5):
        self.retries, self.timeout, self.backoff = retries, timeout, backoff

    def get(self, url, etag=None):
        headers = {"Accept": "application/json", "User-Agent": USER_AGENT}
        if etag:
            headers["If-None-Match"] = etag
        for attempt in range(self.retries + 1):
            request = urllib.request.Request(url, headers=headers)
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as answer:
                    return answer.status, answer.headers, answer.read()
            except urllib.error.HTTPError as error:
                if error.code < 500:  # 304, 404, 410: answers, not faults
                    return error.code, error.headers, error.read()
                fault = f"HTTP {error.code}"
            except (urllib.error.URLError, OSError) as error:
                fault = str(getattr(error, "reason", error))
            if attempt < self.retries:
                time.sleep(min(self.backoff * 2**attempt, 30))
        raise Unavailable(f"{url}: {fault} (tried {self.retries + 1} times)")


class Mirror:
    """The local copy: an SQLite file, and the site it follows."""

    def __init__(self, site, store, client, limit=100, log=None):
        self.site = site.rstrip("/")
        self.client = client
        self.limit = limit
        self.log = log or (lambda message: None)
        self.db = sqlite3.connect(store)
        self.db.executescript(SCHEMA)
        self.counts = dict.fromkeys(["fetched", "unchanged", "dropped"], 0)

    def state(self, name):
        row = self.db.execute("SELECT value FROM state WHERE name = ?", (name,))
        found = row.fetchone()
        return found[0] if found else None

    def _set(self, name, value):
        self.db.execute(
            "INSERT INTO state (name, value) VALUES (?, ?) "
            "ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            (name, value),
        )

    def sync(self):
        """Apply every change since the stored cursor, until caught up.

        Without a cursor, a full sync: each article it names is marked
        with the sync's number, and at its end the articles it did not
        name (left over from before a 410) are dropped. The number is
        stored, so a full sync interrupted by a failure goes on where it
        stopped on the next run.
        """
        self.counts = dict.fromkeys(["fetched", "unchanged", "dropped"], 0)
        cursor = self.state("cursor")
        if cursor is None and self.state("full_sync") is None:
            self._start_full_sync()
        while True:
            url = f"{self.site}/api/v1/changes?limit={self.limit}"
            if cursor:
                url += "&since=" + urllib.parse.quote(cursor)
            etag = (
                self.state("changes_etag") if url == self.state("changes_url") else None
            )
            status, headers, body = self.client.get(url, etag)
            if status == 304:  # nothing new since the last poll
                break
            if status == 410:
                self.log("the cursor is older than the feed keeps: syncing again")
                with self.db:
                    self._set("cursor", None)
                    self._start_full_sync()
                cursor = None
                continue
            if status != 200:
                raise Unavailable(f"{url}: HTTP {status}: {body[:200]!r}")
            page = json.loads(body)
            with self.db:  # the page's changes and the cursor after them
                for change in page["items"]:
                    self._apply(change)
                cursor = page["next_cursor"]
                self._set("cursor", cursor)
                self._set("changes_url", url)
                self._set("changes_etag", headers.get("ETag"))
            if page["caught_up"]:
                break
        self._end_full_sync()
        return self.counts

    def _start_full_sync(self):
        number = int(self.state("syncs") or 0) + 1
        self._set("syncs", str(number))
        self._set("full_sync", str(number))
        self._set("changes_etag", None)
        self.db.commit()

    def _end_full_sync(self):
        number = self.state("full_sync")
        if number is None:
            return
        with self.db:
            gone = self.db.execute(
                "DELETE FROM articles WHERE sync < ?", (int(number),)
            )
            self.counts["dropped"] += gone.rowcount
            self._set("full_sync", None)

    def _apply(self, change):
        pk = change["article_id"]
        if not change["live"]:  # a tombstone: unpublished, expired, deleted
            self._drop(pk)
            return
        held = self.db.execute("SELECT etag FROM articles WHERE id = ?", (pk,))
        etag = (held.fetchone() or (None,))[0]
        status, headers, body = self.client.get(change["api_url"], etag)
        if status == 304:
            self.counts["unchanged"] += 1
        elif status == 200:
            self._store(json.loads(body), headers.get("ETag"))
            self.counts["fetched"] += 1
        elif status in (404, 410):
            # It left the site after this change was written; the feed's
            # tombstone for it comes later.
            self._drop(pk)
            return
        else:
            raise Unavailable(f"{change['api_url']}: HTTP {status}")
        number = self.state("full_sync")
        if number is not None:
            self.db.execute(
                "UPDATE articles SET sync = ? WHERE id = ?", (int(number), pk)
            )

    def _store(self, article, etag):
        self.db.execute(
            "INSERT INTO articles (id, title, body_html, body_text, updated_at, etag,"
            " json) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET"
            " title = excluded.title, body_html = excluded.body_html,"
            " body_text = excluded.body_text, updated_at = excluded.updated_at,"
            " etag = excluded.etag, json = excluded.json",
            (
                article["id"],
                article["title"],
                article["body_html"],
                article["body_text"],
                article["updated_at"],
                etag,
                json.dumps(article, ensure_ascii=False),
            ),
        )

    def _drop(self, pk):
        gone = self.db.execute("DELETE FROM articles WHERE id = ?", (pk,))
        self.counts["dropped"] += gone.rowcount


def main(argv=None):
    parser = argparse.ArgumentParser(
        description="Mirror a Khabar site's published articles through its "
        "change feed (/api/v1/changes) into an SQLite file."
    )
    parser.add_argument("site", help="the site's address, e.g. https://news.example")
    parser.add_argument("--store", default="mirror.sqlite3", help="the SQLite file")
    parser.add_argument(
        "--limit", type=int, default=100, help="changes per page, 1 to 1000"
    )
    parser.add_argument(
        "--retries", type=int, default=3, help="tries again after a 5xx or a "
        "network error, waiting 0.5 s, 1 s, 2 s…; then exits with status 1",
    )  # fmt: skip
    parser.add_argument(
        "--timeout", type=float, default=20.0, help="seconds a request may take"
    )
    parser.add_argument(
        "--every", type=float, default=0, help="poll every this many seconds "
        "instead of once",
    )  # fmt: skip
    parser.add_argument("--quiet", action="store_true", help="print nothing but errors")
    options = parser.parse_args(argv)

    def log(message):
        if not options.quiet:
            sys.stdout.write(message + "\n")
            sys.stdout.flush()

    client = Client(retries=options.retries, timeout=options.timeout)
    mirror = Mirror(options.site, options.store, client, options.limit, log)
    while True:
        try:
            counts = mirror.sync()
        except Unavailable as error:
            sys.stderr.write(f"mirror: the site did not answer: {error}\n")
            if not options.every:
                return 1
        else:
            held = mirror.db.execute("SELECT count(*) FROM articles").fetchone()[0]
            log(
                f"{held} articles held; {counts['fetched']} fetched, "
                f"{counts['unchanged']} unchanged, {counts['dropped']} dropped"
            )
        if not options.every:
            return 0
        time.sleep(options.every)


if __name__ == "__main__":
    sys.exit(main())
