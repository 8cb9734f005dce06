"""Publish what is due and expire what has run out, every few seconds.

In the embedded default this runs on a thread inside the web server, so
scheduled articles go live with nothing else to start. Of several worker
processes only the one holding ``var/scheduler.lock`` ticks. In production
set ``KHABAR_SCHEDULER=0`` and run ``khabar worker`` (or a timer unit that
runs ``khabar publish_scheduled``) once per site.
"""

import fcntl
import io
import logging
import threading
import time

from django.conf import settings
from django.core.management import call_command
from django.db import close_old_connections
from django.utils import timezone

from khabar.newsroom import frontpage, planner

log = logging.getLogger(__name__)
_started = threading.Event()


def run_due():
    """Publish every due scheduled revision and expire every ended article.

    Wagtail's ``publish_scheduled`` does both and sends the publish and
    unpublish signals that the rest of Khabar listens to.
    """
    call_command("publish_scheduled", stdout=io.StringIO())


#: Seconds between refreshes of SQLite's planner statistics.
ANALYZE_EVERY = 24 * 3600


def tick_forever(interval, stop=None):
    """Tick every *interval* seconds, and at the time of the next scheduled
    front-page lineup if that comes sooner, so that the caches in front of
    Khabar are told of it then (khabar/newsroom/frontpage.py)."""
    stop = stop or threading.Event()
    analyzed = None
    since = timezone.now()
    while not stop.is_set():
        wait = interval
        # A long-lived thread drops stale connections itself, as Django does
        # around each request.
        close_old_connections()
        try:
            run_due()
            now = timezone.now()
            upcoming = frontpage.announce_due(since, now)
            since = now
            if upcoming is not None:
                wait = min(interval, (upcoming - timezone.now()).total_seconds())
            if analyzed is None or time.monotonic() - analyzed > ANALYZE_EVERY:
                planner.analyze()
                analyzed = time.monotonic()
        except Exception:  # keep ticking; the next run retries
            log.exception("Scheduled publishing failed")
        finally:
            close_old_connections()
        stop.wait(max(wait, 0))


def _hold_lock():
    """Return the open lock file if this process won it, else None."""
    handle = open(settings.VAR_DIR / "scheduler.lock", "w")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.close()
        return None
    return handle


def _background_loop(interval):
    while True:
        handle = _hold_lock()
        if handle is not None:
            tick_forever(interval)  # holds the lock for the process' life
        time.sleep(interval)  # another worker ticks; take over if it dies


def start_in_background():
    """Start the embedded scheduler thread once per process, if enabled."""
    if not settings.KHABAR_SCHEDULER or _started.is_set():
        return
    _started.set()
    thread = threading.Thread(
        target=_background_loop,
        args=(settings.KHABAR_SCHEDULER_INTERVAL,),
        name="khabar-scheduler",
        daemon=True,
    )
    thread.start()
