"""``khabar export-wxr``: write the articles as a WordPress export (WXR)."""

import os
import time
from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from khabar.importers.output import write_whole
from khabar.importers.wordpress.export import STATUS_CHOICES, export_wxr, selected
from khabar.progress import add_output_options, output_choice, progress_bar


class Command(BaseCommand):
    help = (
        "Write the articles, their images, comments, sections, tags and "
        "authors as a WordPress export (WXR 1.2, as WordPress's Tools → "
        "Export writes it) that WordPress's importer reads (Tools → Import "
        "→ WordPress; docs/wordpress.md). The file is written under a "
        "temporary name and renamed when complete."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            "-o",
            default="-",
            metavar="FILE",
            help="the file to write; '-' (the default) for standard output",
        )
        parser.add_argument(
            "--base-url",
            metavar="URL",
            help="this site's address, which makes image and article "
            "addresses absolute: WordPress's importer downloads each image "
            "from it (default: the KHABAR_BASE_URL setting)",
        )
        parser.add_argument(
            "--status",
            choices=STATUS_CHOICES,
            default="all",
            help="'all' (the default): every article, drafts and scheduled "
            "ones too; 'live': only those readers see",
        )
        parser.add_argument(
            "--chunk-size",
            type=int,
            default=200,
            help="articles read from the database at a time (default 200)",
        )
        add_output_options(parser)

    def handle(self, *args, **options):
        if options["chunk_size"] < 1:
            raise CommandError("--chunk-size must be 1 or more.")
        base_url = _base_url(options["base_url"] or settings.KHABAR_BASE_URL)
        path = options["output"]
        to_stdout = path == "-"
        if not to_stdout:
            folder = os.path.dirname(os.path.abspath(path))
            if not os.path.isdir(folder):
                raise CommandError(
                    f"--output {path}: the folder {folder} does not exist; "
                    "create it first, or name a file in another folder."
                )
        quiet, show = output_choice(self, options)
        export = {
            "base_url": base_url,
            "status": options["status"],
            "chunk_size": options["chunk_size"],
        }

        started = time.perf_counter()
        with progress_bar(self.stderr._out, enabled=show) as progress:
            total = selected(options["status"]).count() if show else None
            task = progress.add_task("Exporting", total=total)
            export["on_article"] = lambda: progress.advance(task)
            if to_stdout:
                result = self._to_stdout(export)
            else:
                result = _to_file(path, export)
        elapsed = time.perf_counter() - started

        if quiet:
            return
        write = (self.stderr if to_stdout else self.stdout).write
        names = {"publish": "published", "future": "scheduled", "draft": "drafts"}
        counts = ", ".join(
            f"{count} {names[status]}"
            for status, count in sorted(result.statuses.items())
        )
        write(
            f"Exported {result.articles} articles ({counts or 'none'}), "
            f"{result.attachments} images, {result.comments} comments in "
            f"{elapsed:.1f} s."
        )
        if result.renumbered:
            write(
                f"{result.renumbered} articles have ids that imported WordPress "
                "posts keep, and were given new ids above every id in use."
            )
        if result.comments_left_out:
            write(
                f"{result.comments_left_out} kept comments are on WordPress "
                "posts that are not articles (trashed ones) and were left out."
            )
        if result.dropped_blocks:
            write(
                f"{result.dropped_blocks} body blocks were left out: images no "
                "longer in the library, or embeds without an address."
            )

    def _to_stdout(self, export):
        out = self.stdout._out
        stream = getattr(out, "buffer", None)
        if stream is None:
            raise CommandError(
                "Standard output takes no bytes here; give --output FILE."
            )
        result = export_wxr(stream, **export)
        stream.flush()
        return result


def _base_url(url):
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise CommandError(
            f"--base-url {url!r}: give the site's full address, such as "
            "https://news.example, from which WordPress can download the images."
        )
    return url.strip().rstrip("/")


def _to_file(path, export):
    return write_whole(
        path, lambda stream: export_wxr(stream, **export), suffix=".xml.tmp"
    )
