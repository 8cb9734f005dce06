import time

from django.core.management.base import BaseCommand, CommandError

from khabar.readership import flusher
from khabar.readership.counters import get_counters


class Command(BaseCommand):
    help = (
        "Move counted views into the database: article totals, per-day and "
        "per-hour rows. Runs every --interval seconds, or once with --once. "
        "Run one per site with KHABAR_VIEWS_FLUSHER=0 on the web servers; "
        "by default each web worker flushes by itself."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval",
            type=float,
            default=5,
            help="Seconds between two flushes (default 5; 10 at most keeps "
            "counts within 10 s of the database).",
        )
        parser.add_argument("--once", action="store_true", help="Flush once and exit.")

    def handle(self, **options):
        if options["interval"] <= 0:
            raise CommandError("--interval must be a number of seconds above 0.")
        counters = get_counters()
        while True:
            if counters.live_refresh_due(counters.live_refresh_every):
                flusher.refresh_live(counters)
            done = flusher.flush(counters, orphans_after=0)
            if options["once"]:
                self.stdout.write(
                    f"Flushed {done.views} views in {done.batches} batches."
                )
                return
            time.sleep(options["interval"])
