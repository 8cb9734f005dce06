"""khabar reindex: bring the search index up to date, or rebuild it."""

import sys
import time

from django.core.management.base import BaseCommand, CommandError

from khabar.progress import progress_bar
from khabar.search import index


class Command(BaseCommand):
    help = (
        "Update the search index: index visible articles it lacks or has in "
        "an older version, and drop articles readers can no longer see. "
        "--full empties the index and indexes every visible article again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--full",
            action="store_true",
            help="Empty the index first and index every visible article.",
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=index.BATCH_SIZE,
            help=f"Articles per transaction (default {index.BATCH_SIZE}).",
        )
        parser.add_argument(
            "--no-progress",
            action="store_true",
            help="Draw no progress bar (it is drawn on stderr otherwise).",
        )

    def handle(self, **options):
        size = options["batch_size"]
        if size < 1:
            raise CommandError("--batch-size must be 1 or more.")
        started = time.perf_counter()
        removed = 0
        if options["full"]:
            index.clear_index()
        else:
            hidden = index.hidden_article_ids()
            index.remove_articles(hidden)
            removed = len(hidden)
        ids = index.stale_article_ids()
        with self._progress(options) as progress:
            task = progress.add_task("Indexing", total=len(ids))
            count = index.index_articles(
                ids,
                batch_size=size,
                on_batch=lambda done: progress.advance(task, done),
            )
        if count or removed:
            index.update_statistics()
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"Indexed {count} articles, removed {removed}, in {seconds:.1f} s."
        )

    def _progress(self, options):
        stream = getattr(self.stderr, "_out", sys.stderr)
        return progress_bar(stream, enabled=not options["no_progress"], counts=True)
