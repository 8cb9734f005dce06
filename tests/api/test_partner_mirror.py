"""A partner mirrors the site over HTTP and ends with exactly its live set.

The issue's "done when" (#20): a stand-alone script
(docs/examples/mirror.py, the one docs/changes.md gives partners) mirrors
the archive of a real ``khabar serve`` through ``/api/v1/changes``, then
follows 100 random newsroom actions (new stories, edits, corrections,
unpublishes, expiries, deletions, stories put back) made through the
newsroom's own code in another process; at the end its copy equals what
the database says readers can see, id for id, with the same titles,
bodies and update times. Halfway, a month passes while the partner is
away: the feed is compacted under its cursor, it is answered 410 Gone and
syncs again from the start.

The site is a temporary SQLite one whatever the suite runs on
(tests/sites.py leaves DATABASE_URL and REDIS_URL out), as for every test
that starts a server; the page cache is on, so the purges that cross
from the newsroom's process to the server's are tested too.
"""

import json
import random
import sqlite3
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.services import free_port
from tests.sites import TemporarySite, migrated_database
from tests.waiting import SERVER_START, wait_until

pytestmark = pytest.mark.server

ROOT = Path(__file__).resolve().parents[2]
MIRROR = ROOT / "docs" / "examples" / "mirror.py"
DRIVER = Path(__file__).with_name("newsroom_driver.py")
ARTICLES = 30
ACTIONS = 100
#: Actions between two runs of the partner's script: a few, at random.
BETWEEN_RUNS = (3, 12)


def _answers(url):
    try:
        return urllib.request.urlopen(url, timeout=5).status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return None


class Newsroom:
    """tests/api/newsroom_driver.py in a ``khabar shell`` on the site."""

    def __init__(self, site):
        code = f"import runpy; runpy.run_path({str(DRIVER)!r})"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "khabar", "shell", "-c", code],
            env=site.env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            encoding="utf-8",
        )

    def __call__(self, **command):
        self.process.stdin.write(json.dumps(command) + "\n")
        self.process.stdin.flush()
        for line in self.process.stdout:  # past anything the shell printed
            if line.startswith('{"answer"'):
                return json.loads(line)["answer"]
        raise AssertionError(f"the newsroom stopped (status {self.process.wait()})")

    def close(self):
        self.process.stdin.close()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


class Partner:
    """The partner's script, run as a partner runs it: a process."""

    def __init__(self, site_url, store):
        self.site_url, self.store = site_url, store
        self.runs = []

    def run(self):
        done = subprocess.run(
            [
                sys.executable,
                str(MIRROR),
                self.site_url,
                "--store",
                str(self.store),
                "--limit",
                "7",
                "--retries",
                "3",
            ],  # fmt: skip
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 0, done.stderr
        self.runs.append(done.stdout)
        return done.stdout

    def mirror(self):
        with sqlite3.connect(self.store) as db:
            rows = db.execute("SELECT id, title, body_text, updated_at FROM articles")
            return {str(pk): [title, body, at] for pk, title, body, at in rows}


@pytest.fixture
def site(tmp_path):
    port = free_port()
    site_url = f"http://127.0.0.1:{port}"
    site = TemporarySite(tmp_path / "site", KHABAR_BASE_URL=site_url)
    migrated_database(site.database)
    server = subprocess.Popen(
        [sys.executable, "-m", "khabar", "serve", "--port", str(port)],
        env=site.env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    newsroom = Newsroom(site)  # starts while the server does
    try:
        started = wait_until(lambda: _answers(site_url + "/"), SERVER_START, 0.2)
        assert started, f"khabar serve did not start in {SERVER_START} s"
        yield site_url, newsroom
    finally:
        newsroom.close()
        server.terminate()
        server.wait(timeout=60)  # cleaning up, not a measure of stopping


def test_a_partner_mirrors_the_archive_and_follows_100_actions(site, tmp_path):
    site_url, newsroom = site
    rng = random.Random(20)
    newsroom(seed=20)
    newsroom(publish=ARTICLES)
    partner = Partner(site_url, tmp_path / "mirror.sqlite3")

    partner.run()
    assert len(partner.mirror()) == ARTICLES
    assert partner.mirror() == newsroom(live=True)

    done, away = [], False
    while len(done) < ACTIONS:
        count = min(rng.randint(*BETWEEN_RUNS), ACTIONS - len(done))
        done += newsroom(act=count)
        if not away and len(done) >= ACTIONS // 2:
            # The partner is away for a month: the feed is compacted past
            # the tombstones of the actions it has not read yet.
            newsroom(month_passes=True)
            away = True
        partner.run()
    partner.run()  # caught up already: a poll that changes nothing

    assert partner.mirror() == newsroom(live=True)
    assert len(done) == ACTIONS
    assert {"edit and republish", "correct", "unpublish", "delete"} <= set(done)
    assert any("syncing again" in run for run in partner.runs), partner.runs


def test_a_partner_whose_site_is_down_stops_after_its_retries(tmp_path):
    store = tmp_path / "mirror.sqlite3"
    closed = f"http://127.0.0.1:{free_port()}"

    done = subprocess.run(
        [sys.executable, str(MIRROR), closed, "--store", str(store), "--retries", "2"],
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert done.returncode == 1
    assert "tried 3 times" in done.stderr
    with sqlite3.connect(store) as db:
        assert db.execute(
            "SELECT value FROM state WHERE name = 'cursor'"
        ).fetchall() in (
            [],
            [(None,)],
        )
