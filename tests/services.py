"""Real services for tests: PostgreSQL, Redis, chromium, or a clear skip.

With KHABAR_REQUIRE_SERVICES=1 (set by .ci/run) a missing service fails the
test instead of skipping it.
"""

import os
import shutil
import socket
from urllib.parse import urlparse

import pytest

CHROMIUM = "/usr/bin/chromium"
#: How the tests start chromium: headless, and without the background
#: connections that this machine's closed network refuses.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/15"
DEFAULT_POSTGRES_URL = "postgres://postgres@127.0.0.1:5432/test"


def required():
    return os.environ.get("KHABAR_REQUIRE_SERVICES", "") not in ("", "0")


def unavailable(reason):
    """Skip with *reason*, or fail when services are required."""
    if required():
        pytest.fail(f"{reason} (KHABAR_REQUIRE_SERVICES=1 makes this a failure)")
    pytest.skip(reason)


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _reachable(url, default_port):
    parsed = urlparse(url)
    try:
        with socket.create_connection(
            (parsed.hostname or "127.0.0.1", parsed.port or default_port), timeout=1
        ):
            return True
    except OSError:
        return False


def redis_url():
    url = os.environ.get("REDIS_URL") or DEFAULT_REDIS_URL
    if not _reachable(url, 6379):
        unavailable(f"Redis is not reachable at {url}; set REDIS_URL")
    return url


def postgres_url():
    url = os.environ.get("KHABAR_TEST_POSTGRES_URL") or DEFAULT_POSTGRES_URL
    if not _reachable(url, 5432):
        unavailable(f"PostgreSQL is not reachable at {url}")
    return url


def chromium():
    if not shutil.which(CHROMIUM):
        unavailable(f"{CHROMIUM} is missing: apt-get install chromium")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        unavailable("playwright is not installed: pip install -e '.[test]'")
    return CHROMIUM
