"""The embedded counter store: a buffer per process, a side file they share.

The beacon only adds ``(article, reader)`` to this process's buffer (a dict
under a lock; a repeat within the buffer is dropped at once). Every few
seconds the flusher *spills* the buffer into ``var/readership.sqlite3``,
one transaction for the whole batch: there the 30-minute window is checked
against every worker's readers, so a reader is counted once however many
worker processes their requests reach, and the counted views become a claim
in the same transaction. The side file is not the site's database: it holds
only the window (reader hashes, purged after 30 minutes), the day's salt and
claims on their way to the database, and deleting it loses nothing else.

What a worker killed with SIGKILL loses is its buffer: the views of the
last flush interval (5 s by default) that reached that worker.
"""

import sqlite3
import threading
import time
from collections import Counter
from pathlib import Path

from django.conf import settings

from khabar.readership.counters import (
    COUNTED,
    NOT_LIVE,
    ORPHAN_AGE,
    REPEAT,
    Claim,
    Counters,
    new_flush_id,
)
from khabar.readership.identity import WINDOW

#: A worker that has not heard of an article yet (another worker published
#: it, or the live set is being refreshed) still buffers views of ids this
#: far above the highest live id; the flusher drops those that are not live.
#: Junk ids beyond it are refused at once, so they cannot fill memory.
NEW_ID_BAND = 1000
#: Past this many buffered views the flusher is woken early.
BUFFER_HIGH_WATER = 100_000

_SCHEMA = """
CREATE TABLE IF NOT EXISTS seen (
    article INTEGER NOT NULL, reader BLOB NOT NULL, at REAL NOT NULL,
    PRIMARY KEY (article, reader)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS seen_at ON seen (at);
CREATE TABLE IF NOT EXISTS claimed (
    flush_id TEXT NOT NULL, article INTEGER NOT NULL, hour INTEGER NOT NULL,
    views INTEGER NOT NULL, claimed_at REAL NOT NULL
);
CREATE INDEX IF NOT EXISTS claimed_id ON claimed (flush_id);
CREATE TABLE IF NOT EXISTS salt (day TEXT PRIMARY KEY, value BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS budget (
    article INTEGER NOT NULL, source BLOB NOT NULL, minute INTEGER NOT NULL,
    used INTEGER NOT NULL, PRIMARY KEY (article, source, minute)
) WITHOUT ROWID;
"""


class MemoryCounters(Counters):
    #: Each process reloads its live bitmap this often (seconds).
    live_refresh_every = 30

    def __init__(self, path):
        super().__init__()
        self.path = Path(path)
        self.wake = threading.Event()
        self._lock = threading.Lock()
        self._buffer = {}
        self._live = bytearray()
        self._live_max = 0
        self._live_loaded = False
        self._live_refreshed = 0.0
        self._mine = set()
        self._local = threading.local()
        self._connections = []

    # -- the side file ------------------------------------------------------

    def _db(self):
        conn = getattr(self._local, "conn", None)
        if conn is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(
                self.path, timeout=30, isolation_level=None, check_same_thread=False
            )
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.executescript(_SCHEMA)
            self._local.conn = conn
            self._connections.append(conn)
        return conn

    def _write(self, work):
        """Run *work(conn)* in one immediate transaction."""
        conn = self._db()
        conn.execute("BEGIN IMMEDIATE")
        try:
            result = work(conn)
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        return result

    def _shared_salt(self, day, candidate):
        def work(conn):
            conn.execute(
                "INSERT OR IGNORE INTO salt (day, value) VALUES (?, ?)",
                (day, candidate),
            )
            # Two days cover yesterday's readers in the first half hour.
            conn.execute("DELETE FROM salt WHERE day < date(?, '-1 day')", (day,))
            return conn.execute(
                "SELECT value FROM salt WHERE day = ?", (day,)
            ).fetchone()

        return bytes(self._write(work)[0])

    # -- the request path ---------------------------------------------------

    def is_live(self, article_id):
        live, byte = self._live, article_id >> 3
        if byte < len(live) and live[byte] >> (article_id & 7) & 1:
            return True
        return self._live_max < article_id <= self._live_max + NEW_ID_BAND

    def record(self, article_id, readers, now, source=b""):
        if not self.is_live(article_id):
            return NOT_LIVE
        key = (article_id, readers[0])
        with self._lock:
            if key in self._buffer:
                return REPEAT
            self._buffer[key] = (now, readers[1:], source)
            size = len(self._buffer)
        if size >= BUFFER_HIGH_WATER:
            self.wake.set()
        # Provisional: the window is checked against other workers at spill.
        return COUNTED

    def buffered(self):
        return len(self._buffer)

    # -- the flusher ----------------------------------------------------------

    def spill(self):
        """Check the buffer against the shared window; counted views become
        one claim. One transaction on the side file per spill."""
        with self._lock:
            events, self._buffer = self._buffer, {}
        if not events:
            return None
        flush_id = new_flush_id()

        budget = settings.KHABAR_VIEWS_PER_ADDRESS

        def work(conn):
            counts = Counter()
            for (article, reader), (at, earlier, source) in events.items():
                if any(self._seen(conn, article, other, at) for other in earlier):
                    continue
                # A repeat must not spend the address's budget: look first.
                if (
                    budget
                    and source
                    and (
                        self._seen(conn, article, reader, at)
                        or not self._spend(conn, article, source, at, budget)
                    )
                ):
                    continue
                cursor = conn.execute(
                    "INSERT INTO seen (article, reader, at) VALUES (?, ?, ?) "
                    "ON CONFLICT (article, reader) DO UPDATE SET at = excluded.at "
                    "WHERE excluded.at - seen.at >= ?",
                    (article, reader, at, WINDOW),
                )
                if cursor.rowcount:
                    counts[article, int(at // 3600)] += 1
            stamp = time.time()
            conn.executemany(
                "INSERT INTO claimed (flush_id, article, hour, views, claimed_at) "
                "VALUES (?, ?, ?, ?, ?)",
                [(flush_id, a, h, n, stamp) for (a, h), n in counts.items()],
            )
            conn.execute("DELETE FROM seen WHERE at < ?", (stamp - WINDOW - 60,))
            conn.execute("DELETE FROM budget WHERE minute < ?", (stamp // 60 - 2,))
            return counts

        try:
            counts = self._write(work)
        except BaseException:
            with self._lock:  # put the views back for the next try
                for key, value in events.items():
                    self._buffer.setdefault(key, value)
            raise
        if counts:
            self._mine.add(flush_id)
        return flush_id

    @staticmethod
    def _spend(conn, article, source, at, budget):
        """Take one view from the *budget* of *source* for *article* in the
        minute of *at*; False when it is spent."""
        minute = int(at // 60)
        row = conn.execute(
            "SELECT used FROM budget WHERE article = ? AND source = ? AND minute = ?",
            (article, source, minute),
        ).fetchone()
        if row and row[0] >= budget:
            return False
        conn.execute(
            "INSERT INTO budget (article, source, minute, used) VALUES (?, ?, ?, 1) "
            "ON CONFLICT (article, source, minute) DO UPDATE SET used = used + 1",
            (article, source, minute),
        )
        return True

    @staticmethod
    def _seen(conn, article, reader, at):
        row = conn.execute(
            "SELECT 1 FROM seen WHERE article = ? AND reader = ? AND at > ?",
            (article, reader, at - WINDOW),
        ).fetchone()
        return row is not None

    def claims(self, orphans_after=ORPHAN_AGE):
        now = time.time()
        rows = (
            self._db()
            .execute("SELECT flush_id, article, hour, views, claimed_at FROM claimed")
            .fetchall()
        )
        claims = {}
        for flush_id, article, hour, views, claimed_at in rows:
            if flush_id in self._mine or now - claimed_at >= orphans_after:
                claim = claims.setdefault(flush_id, Claim(flush_id))
                key = (article, hour)
                claim.counts[key] = claim.counts.get(key, 0) + views
        return list(claims.values())

    def release(self, flush_id):
        self._write(
            lambda conn: conn.execute(
                "DELETE FROM claimed WHERE flush_id = ?", (flush_id,)
            )
        )
        self._mine.discard(flush_id)

    # -- which ids are live ---------------------------------------------------

    def set_live(self, ids, live=True):
        ids = list(ids)
        with self._lock:
            bitmap = self._live
            need = (max(ids, default=0) >> 3) + 1
            if live and need > len(bitmap):
                bitmap = bytearray(bitmap)
                bitmap.extend(bytes(need - len(bitmap)))
            for pk in ids:
                byte = pk >> 3
                if byte >= len(bitmap):
                    continue
                if live:
                    bitmap[byte] |= 1 << (pk & 7)
                else:
                    bitmap[byte] &= ~(1 << (pk & 7)) & 0xFF
            self._live = bitmap
            if live:
                self._live_max = max(self._live_max, *ids, 0)

    def replace_live(self, ids):
        ids = list(ids)
        bitmap = bytearray((max(ids, default=0) >> 3) + 1)
        for pk in ids:
            bitmap[pk >> 3] |= 1 << (pk & 7)
        with self._lock:
            self._live, self._live_max = bitmap, max(ids, default=0)
            self._live_loaded = True

    def live_refresh_due(self, every):
        now = time.monotonic()
        if self._live_loaded and now - self._live_refreshed < every:
            return False
        self._live_refreshed = now
        return True

    def close(self):
        for conn in self._connections:
            try:
                conn.close()
            except sqlite3.Error:
                pass
        self._connections.clear()
        self._local = threading.local()
