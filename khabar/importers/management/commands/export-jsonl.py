"""``khabar export-jsonl [FILE]``: write every article as a line of JSON."""

import io
import time

from django.core.management.base import BaseCommand, CommandError

from khabar.importers.export import ExportError, export_articles
from khabar.importers.output import write_whole
from khabar.newsroom.models import Article, Section
from khabar.progress import add_output_options, output_choice, progress_bar


class Command(BaseCommand):
    help = (
        "Write articles to FILE (standard output when FILE is absent or '-'), "
        "one JSON object per line (JSONL), in the format import-jsonl reads "
        "(docs/jsonl.md). Exporting, importing into an empty site and "
        "exporting again gives the same bytes."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", default="-", help="the file to write")
        parser.add_argument(
            "--section", metavar="SLUG", help="only the articles of this section"
        )
        parser.add_argument(
            "--chunk-size",
            type=int,
            default=500,
            help="articles read from the database at a time (default 500)",
        )
        add_output_options(parser)

    def handle(self, *args, **options):
        if options["chunk_size"] < 1:
            raise CommandError("--chunk-size must be 1 or more.")
        section = options["section"]
        if section and not Section.objects.filter(slug=section).exists():
            slugs = ", ".join(Section.objects.values_list("slug", flat=True))
            raise CommandError(
                f"No section has the slug {section!r}; the slugs are: {slugs}."
            )
        path = options["file"]
        to_stdout = path == "-"
        quiet, show = output_choice(self, options)
        articles = Article.objects.all()
        if section:
            articles = articles.filter(section__slug=section)

        started = time.perf_counter()
        with progress_bar(self.stderr._out, enabled=show) as progress:
            task = progress.add_task(
                "Exporting", total=articles.count() if show else None
            )
            export = {
                "section": section,
                "chunk_size": options["chunk_size"],
                "on_article": lambda: progress.advance(task),
            }
            try:
                if to_stdout:
                    result = self._to_stdout(export)
                else:
                    result = _to_file(path, export)
            except ExportError as exc:
                raise CommandError(str(exc)) from None
        elapsed = time.perf_counter() - started

        if quiet:
            return
        report = self.stderr if to_stdout else self.stdout
        if result.dropped_blocks:
            report.write(
                f"{result.dropped_blocks} image blocks were left out: the "
                "JSONL format carries text only."
            )
        rate = result.articles / elapsed if elapsed else 0
        report.write(
            f"Exported {result.articles} articles in {elapsed:.1f} s ({rate:.0f}/s)."
        )

    def _to_stdout(self, export):
        out = self.stdout._out
        if not hasattr(out, "buffer"):  # a StringIO from call_command
            return export_articles(out, **export)
        return _export_utf8(out.buffer, export)


def _to_file(path, export):
    return write_whole(
        path, lambda binary: _export_utf8(binary, export), suffix=".jsonl.tmp"
    )


def _export_utf8(binary, export):
    """Export as UTF-8 lines ending in \\n, whatever the locale says, to
    the binary stream *binary* (left open)."""
    stream = io.TextIOWrapper(binary, encoding="utf-8", newline="\n")
    try:
        return export_articles(stream, **export)
    finally:
        stream.flush()
        stream.detach()
