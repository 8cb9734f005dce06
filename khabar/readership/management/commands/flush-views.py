import signal
import threading

from django.core.management.base import BaseCommand, CommandError

from khabar.readership import flusher
from khabar.readership.counters import get_counters

#: This command is the site's flusher whatever KHABAR_VIEWS_FLUSHER says (off
#: on the web servers that it stands in for), and every claim in the store is
#: its to apply at once: web workers that do not flush only spill.
SITE_FLUSHER = {"apply_claims": True, "orphans_after": 0}


class Command(BaseCommand):
    help = (
        "Move counted views into the database (article totals, per-day and "
        "per-hour rows) and prune hourly rows and the flush log past their "
        "keeping time: the web workers' flusher loop, run on its own. Runs "
        "every --interval seconds until SIGTERM or SIGINT, or once with "
        "--once. Run one per site with KHABAR_VIEWS_FLUSHER=0 on the web "
        "servers; by default each web worker flushes by itself."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval",
            type=float,
            default=5,
            help="Seconds between two flushes (default 5; 10 at most keeps "
            "counts within 10 s of the database).",
        )
        parser.add_argument(
            "--once",
            action="store_true",
            help="Flush (and prune) once and exit; applies every claim "
            "whatever its age, so it also recovers after a crash.",
        )

    def handle(self, **options):
        if options["interval"] <= 0:
            raise CommandError("--interval must be a number of seconds above 0.")
        counters = get_counters()
        if options["once"]:
            done = flusher.tick(counters, prune_old=True, **SITE_FLUSHER)
            self.stdout.write(f"Flushed {done.views} views in {done.batches} batches.")
            return
        # The loop runs in a thread, as in a web worker, while this thread
        # waits for SIGTERM (systemd's stop) or SIGINT. Both are blocked
        # first, in the loop's thread too (it inherits the mask), so that
        # sigwait() takes them; the loop then ends after the pass it is in.
        stop_signals = {signal.SIGINT, signal.SIGTERM}
        mask = signal.pthread_sigmask(signal.SIG_BLOCK, stop_signals)
        stop = threading.Event()
        try:
            loop = threading.Thread(
                target=flusher.run_forever,
                args=(options["interval"], stop, counters),
                kwargs=SITE_FLUSHER,
                name="khabar-views-flusher",
            )
            loop.start()
            signal.sigwait(stop_signals)
            flusher.halt(stop, counters)
            loop.join()
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)
