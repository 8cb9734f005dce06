"""A throwaway Khabar site for a benchmark: its environment, its commands,
its server.

Every site is the embedded default (SQLite in its own folder, no Redis
unless a benchmark adds it) so that runs compare like with like.
"""

import contextlib
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request

KHABAR = [sys.executable, "-m", "khabar"]


def embedded_env(var, **settings):
    """The environment of a site kept in *var*, with *settings* added and
    the caller's database and Redis left out."""
    env = {
        **os.environ,
        "KHABAR_VAR_DIR": str(var),
        "KHABAR_DEBUG": "0",
        "KHABAR_SCHEDULER": "0",
        **settings,
    }
    for name in ("DATABASE_URL", "REDIS_URL", "KHABAR_VIEWS_REDIS_URL"):
        if name not in settings:
            env.pop(name, None)
    return env


def run(env, *args, quiet=False):
    """``khabar ARGS`` on the site, failing the benchmark if it fails."""
    stdout = subprocess.DEVNULL if quiet else None
    subprocess.run([*KHABAR, *args], env=env, check=True, stdout=stdout)


def wait_until_up(url, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"nothing answers at {url}")


@contextlib.contextmanager
def serving(env, port, ready_path="/", workers=2):
    """``khabar serve`` on *port* until the block ends, then SIGTERM (so
    that counted views are flushed, as in production)."""
    server = subprocess.Popen(
        [*KHABAR, "serve", "--workers", str(workers), "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        # A busy machine (tests beside it) may take longer than 30 s.
        wait_until_up(f"http://127.0.0.1:{port}{ready_path}", timeout=90)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
