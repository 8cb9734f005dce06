"""The read API against its own OpenAPI description, by schemathesis.

A real ``khabar serve`` as production runs it (no debug, the page cache
on, collected static files) on a site with sections, tags, authors (one
with a photo), two dozen live articles with lead images, bodies,
corrections and views, a draft and a scheduled one (tests/api/content.py).
On SQLite, or on a fresh PostgreSQL database when DATABASE_URL names
PostgreSQL (with REDIS_URL's Redis, when set, as its cache), so that each
of CI's two runs tests its own configuration.

Then ``schemathesis run --checks all`` on /api/v1/openapi.json, every
phase, a bounded number of cases per operation, generated
deterministically (the same cases every run): each answer must be one
the description allows (status, content type, headers, body), every
value it calls valid accepted, every value it calls invalid refused,
every other method a 405. docs/testing.md says how to run it alone.
"""

import os
import subprocess
import sys
import urllib.error
import urllib.request
import uuid

import pytest

from tests.services import free_port
from tests.sites import collected_static, migrated_database, postgres_database
from tests.waiting import SERVER_START, wait_until

pytestmark = pytest.mark.server

#: Cases per operation and phase: enough for every parameter's edges (the
#: coverage phase) and a few hundred generated requests in all, in about
#: half a minute on two busy cores.
MAX_EXAMPLES = 25
#: A loaded CI machine answers slowly; a slow answer is not a failure.
REQUEST_TIMEOUT = 60


def _khabar(env, *args):
    return subprocess.run(
        [sys.executable, "-m", "khabar", *args],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def _answers(url):
    try:
        return urllib.request.urlopen(url, timeout=5).status == 200
    except (OSError, urllib.error.HTTPError):
        return False


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """The base URL of a production-like server on a published site."""
    var = tmp_path_factory.mktemp("schemathesis")
    env = {
        **os.environ,
        "KHABAR_VAR_DIR": str(var),
        "KHABAR_SCHEDULER": "0",
        "KHABAR_CACHE_PREFIX": f"test-schemathesis-{uuid.uuid4().hex}",
    }
    for name in ("KHABAR_DEBUG", "KHABAR_PAGE_CACHE", "KHABAR_VIEWS_REDIS_URL"):
        env.pop(name, None)
    database, drop = postgres_database("khabar_schemathesis")
    if database:
        env["DATABASE_URL"] = database
    else:
        env.pop("DATABASE_URL", None)
    server = None
    try:
        collected_static(var / "static")
        if not database:
            migrated_database(var / "khabar.sqlite3")
        _khabar(env, "shell", "-c", "from tests.api import content; content.publish()")
        port = free_port()
        log = var / "serve.log"
        with log.open("w") as output:
            server = subprocess.Popen(
                [sys.executable, "-m", "khabar", "serve", "--port", str(port)],
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        base = f"http://127.0.0.1:{port}"
        started = wait_until(
            lambda: server.poll() is not None or _answers(f"{base}/api/v1/sections"),
            SERVER_START,
            0.2,
        )
        assert server.poll() is None, f"khabar serve exited:\n{log.read_text()}"
        assert started, f"khabar serve did not answer in {SERVER_START} s"
        yield base
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=60)  # cleaning up, not a measure of stopping
        drop()


def test_the_read_api_keeps_to_its_openapi_description(server, tmp_path):
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "schemathesis.cli",
            "run",
            f"{server}/api/v1/openapi.json",
            "--checks",
            "all",
            "--max-examples",
            str(MAX_EXAMPLES),
            # The same cases every run: a failure here fails again when
            # run by hand, and CI does not pass by luck.
            "--generation-deterministic",
            "--workers",
            "1",
            "--request-timeout",
            str(REQUEST_TIMEOUT),
            # Hypothesis' health check of how fast cases are *generated*:
            # on a loaded machine it fails the run, and it says nothing
            # about the API.
            "--suppress-health-check",
            "too_slow",
            "--continue-on-failure",
            "--no-color",
        ],  # fmt: skip
        cwd=tmp_path,  # where schemathesis may write its files
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "No issues found" in run.stdout, run.stdout
