"""``khabar import-jsonl FILE``: import articles from a JSONL archive."""

import os
import time
from contextlib import nullcontext

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from khabar.importers.jsonl import JsonlError, batched, check_file, read_rows
from khabar.importers.options import time_zone
from khabar.importers.writer import ArticleWriter
from khabar.newsroom import planner
from khabar.progress import add_output_options, output_choice, progress_bar

# Bytes of file read between two moves of the "Checking" bar.
_PROGRESS_STEP = 1 << 20


class Command(BaseCommand):
    help = (
        "Import articles from FILE, a JSONL archive: one JSON object per line "
        "(docs/jsonl.md). "
        "The whole file is checked first; a bad line stops the import with "
        "its line number and field, and nothing is written. Articles are "
        "matched on their id, so importing a file again updates them. On "
        "SQLite each batch is its own transaction, so that the newsroom can "
        "save between two; on PostgreSQL the file is one."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the JSONL file (UTF-8)")
        parser.add_argument(
            "--batch-size",
            type=int,
            default=1000,
            help="articles written per batch (default 1000)",
        )
        parser.add_argument(
            "--time-zone",
            metavar="ZONE",
            help="read times without a UTC offset as times in ZONE, e.g. "
            "Asia/Damascus (by default they are an error)",
        )
        parser.add_argument(
            "--id-prefix",
            default="",
            metavar="PREFIX",
            help="put PREFIX before every id, e.g. 'wp-' for an archive whose "
            "numeric ids must not be taken for this site's article ids",
        )
        parser.add_argument(
            "--transaction",
            choices=["file", "batch"],
            help="'file': the whole file in one transaction, all or nothing "
            "(the default on PostgreSQL, where it blocks no one); 'batch': "
            "each batch in its own, so that editors can save between two "
            "(the default on SQLite, which lets one writer in at a time)",
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help="only check the file; write nothing",
        )
        add_output_options(parser)

    def handle(self, *args, **options):
        path = options["file"]
        if path == "-":
            raise CommandError(
                "import-jsonl reads its file twice (to check it, then to "
                "write it), so it needs a file, not standard input: save the "
                "input to a file first."
            )
        if not os.path.isfile(path):
            raise CommandError(f"{path}: no such file.")
        size = options["batch_size"]
        if size < 1:
            raise CommandError("--batch-size must be 1 or more.")
        reading = {
            "time_zone": time_zone(options["time_zone"]),
            "id_prefix": options["id_prefix"],
        }
        quiet, show = output_choice(self, options)

        started = time.perf_counter()
        with progress_bar(self.stderr._out, enabled=show) as progress:
            try:
                summary = self._check(path, reading, progress)
                if options["check"]:
                    writer = None
                else:
                    whole = (options["transaction"] or _default_transaction()) == "file"
                    writer = self._write(path, reading, size, summary, progress, whole)
            except JsonlError as exc:
                raise CommandError(str(exc)) from None
        elapsed = time.perf_counter() - started

        if quiet:
            return
        count = len(summary)
        if writer is None:
            self.stdout.write(
                f"Checked {count} articles in {elapsed:.1f} s: no errors."
            )
            return
        rate = count / elapsed if elapsed else 0
        self.stdout.write(
            f"Imported {count} articles ({writer.created} created, "
            f"{writer.updated} updated) in {elapsed:.1f} s ({rate:.0f}/s)."
        )

    def _check(self, path, reading, progress):
        task = progress.add_task("Checking", total=os.path.getsize(path))
        pending = 0

        def on_bytes(count):
            nonlocal pending
            pending += count
            if pending >= _PROGRESS_STEP:
                progress.advance(task, pending)
                pending = 0

        summary = check_file(path, on_bytes=on_bytes, **reading)
        progress.advance(task, pending)
        return summary

    def _write(self, path, reading, size, summary, progress, whole):
        task = progress.add_task("Importing", total=len(summary))
        rows = (row for _, row in read_rows(path, **reading))
        written = 0
        with transaction.atomic() if whole else nullcontext():
            with transaction.atomic():
                writer = ArticleWriter(summary)
            for batch in batched(rows, size):
                try:
                    with transaction.atomic():
                        writer.write(batch)
                except Exception as exc:
                    if whole:
                        raise
                    raise CommandError(
                        f"The import stopped after {written} of {len(summary)} "
                        f"articles: {exc}. Those {written} are whole; run the "
                        "same command again to write the rest (articles are "
                        "matched on their id, so none is written twice)."
                    ) from exc
                written += len(batch)
                progress.advance(task, len(batch))
        planner.analyze()
        return writer


def _default_transaction():
    """'batch' where a long transaction would lock every other writer out."""
    return "batch" if connection.vendor == "sqlite" else "file"
