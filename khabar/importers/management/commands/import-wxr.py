"""``khabar import-wxr FILE …``: import a WordPress site from its exports."""

import os
import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from khabar.importers.options import time_zone
from khabar.importers.wordpress.addresses import Bases
from khabar.importers.wordpress.importer import WxrImport
from khabar.importers.wordpress.mapping import PAGE_CHOICES, Options
from khabar.importers.wordpress.remote import RemoteUploads
from khabar.importers.wordpress.wxr import WxrError
from khabar.newsroom import planner
from khabar.progress import add_output_options, output_choice, progress_bar

# Bytes of file read between two moves of the "Checking" bar.
_PROGRESS_STEP = 1 << 20


class Command(BaseCommand):
    help = (
        "Import posts, pages, images and comments from FILE, a WordPress "
        "export (WXR, from Tools → Export; docs/wordpress.md). Each file is "
        "read whole first: a file WordPress could not have written stops "
        "with its line number and nothing of it is written. Articles are "
        "matched on the WordPress post id, so importing a file again "
        "updates them; a post's id becomes its article's id where that id "
        "is free, so ?p=N becomes /a/N."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE", help="WXR files")
        parser.add_argument(
            "--media-dir",
            metavar="DIR",
            help="a copy of the site's wp-content/uploads folder: its images "
            "go into the image library (without it or --media-base, posts "
            "keep no images)",
        )
        parser.add_argument(
            "--media-base",
            metavar="URL",
            help="the address of the old site's uploads folder, e.g. "
            "https://old.example.com/wp-content/uploads/: the images posts "
            "need (and --media-dir lacks) are fetched from it, once, into "
            "--media-cache. The only option that lets Khabar use the network",
        )
        parser.add_argument(
            "--media-cache",
            metavar="DIR",
            help="where fetched images are kept, so that a second run asks "
            "for nothing (default: KHABAR_VAR_DIR/wordpress-media)",
        )
        parser.add_argument(
            "--media-timeout",
            type=float,
            default=RemoteUploads.timeout,
            metavar="SECONDS",
            help="how long to wait for the old site to connect or send "
            f"(default {RemoteUploads.timeout:g}); a time-out is tried "
            f"{RemoteUploads.retries} more times",
        )
        parser.add_argument(
            "--recover",
            action="store_true",
            help="skip the items of a damaged file that cannot be read, and "
            "list each, instead of stopping at the first",
        )
        parser.add_argument(
            "--pages",
            choices=PAGE_CHOICES,
            default="draft",
            help="what WordPress pages (About, Contact…) become: 'draft' "
            "articles in their own section (the default), 'live' ones, or "
            "nothing ('skip')",
        )
        parser.add_argument(
            "--pages-section",
            default=Options.pages_section,
            metavar="NAME",
            help=f"the section of pages (default {Options.pages_section})",
        )
        parser.add_argument(
            "--default-section",
            default=Options.default_section,
            metavar="NAME",
            help="the section of posts without a category "
            f"(default {Options.default_section})",
        )
        parser.add_argument(
            "--site-name",
            metavar="NAME",
            help="the site name in Yoast / Rank Math titles (%%sitename%%); "
            "by default the export's own site title",
        )
        parser.add_argument(
            "--separator",
            default=Options.separator,
            metavar="SEP",
            help="the separator in those titles (%%sep%%), as set in the SEO "
            "plugin, which the export does not carry (default '-')",
        )
        parser.add_argument(
            "--time-zone",
            metavar="ZONE",
            help="the WordPress site's time zone (Settings → General), e.g. "
            "Asia/Riyadh: used only for the few dates WordPress exported "
            "without their UTC twin (undated drafts)",
        )
        parser.add_argument(
            "--id-prefix",
            default="",
            metavar="PREFIX",
            help="put PREFIX before every post id, e.g. 'site2-' when a "
            "second WordPress site's ids would meet the first's (the ids "
            "then no longer become article ids)",
        )
        for kind, default in vars(Bases()).items():
            parser.add_argument(
                f"--{kind}-base",
                default=default,
                metavar="BASE",
                help=f"the {kind} base of the old site's permalinks (Settings → "
                f"Permalinks; default '{default}'), for its old {kind} "
                "archive addresses",
            )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=500,
            help="items written per batch (default 500)",
        )
        parser.add_argument(
            "--transaction",
            choices=["file", "batch"],
            default="file",
            help="'file' (the default): each file in one transaction, all or "
            "nothing; 'batch': each batch in its own, so that editors can "
            "save between two on SQLite; a stopped import is then finished "
            "by running it again",
        )
        parser.add_argument(
            "--check",
            action="store_true",
            help="only read the files and say what they hold; write nothing",
        )
        add_output_options(parser)

    def handle(self, *args, **options):
        for path in options["files"]:
            if not os.path.isfile(path):
                raise CommandError(f"{path}: no such file.")
        if options["batch_size"] < 1:
            raise CommandError("--batch-size must be 1 or more.")
        media_dir = options["media_dir"]
        if media_dir and not os.path.isdir(media_dir):
            raise CommandError(
                f"--media-dir {media_dir}: no such folder; give the copy of "
                "the site's wp-content/uploads."
            )
        if options["media_timeout"] <= 0:
            raise CommandError("--media-timeout must be more than 0 seconds.")
        if options["media_cache"] and not options["media_base"]:
            raise CommandError("--media-cache is only used with --media-base.")
        if options["media_base"]:
            self._remote(options)  # a bad address stops before any work
        mapping = Options(
            pages=options["pages"],
            pages_section=options["pages_section"].strip() or Options.pages_section,
            default_section=options["default_section"].strip()
            or Options.default_section,
            site_name=options["site_name"],
            separator=options["separator"],
            id_prefix=options["id_prefix"],
        )
        bases = Bases(**{kind: _base(options, kind) for kind in vars(Bases())})
        quiet, show = output_choice(self, options)
        for path in options["files"]:
            job = WxrImport(
                path,
                mapping,
                media_dir=media_dir,
                remote=self._remote(options) if options["media_base"] else None,
                recover=options["recover"],
                time_zone=time_zone(options["time_zone"]),
                bases=bases,
            )
            started = time.perf_counter()
            with progress_bar(self.stderr._out, enabled=show) as progress:
                try:
                    self._check(job, progress)
                    if not options["check"]:
                        self._show_fetches(job.media.remote, progress)
                        self._write(job, options, progress)
                except WxrError as exc:
                    raise CommandError(
                        f"{exc} (nothing of this file was written)"
                    ) from None
            if not options["check"]:
                planner.analyze()
            if not quiet:
                elapsed = time.perf_counter() - started
                self._summary(path, job, options["check"], elapsed)

    def _remote(self, options):
        cache = options["media_cache"] or settings.VAR_DIR / "wordpress-media"
        try:
            return RemoteUploads(
                options["media_base"],
                cache,
                max_bytes=settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE,
                timeout=options["media_timeout"],
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from None

    def _show_fetches(self, remote, progress):
        """A counter of the files fetched from --media-base (how many there
        will be is known only as posts are written)."""
        if remote is None:
            return
        task = progress.add_task("Images fetched: 0", total=None)

        def on_fetch():
            progress.advance(task)
            done = int(progress.tasks[task].completed)
            progress.update(task, description=f"Images fetched: {done}")

        remote.on_fetch = on_fetch

    def _write(self, job, options, progress):
        """Write *job*; if it stops part way, say what is in the database
        and how to finish, instead of a traceback."""
        task = progress.add_task("Importing", total=sum(job.catalogue.items.values()))
        whole = options["transaction"] == "file"
        committed = {"items": 0, "articles": 0}

        def on_items(count):
            # Called after each batch's transaction: with --transaction
            # batch, the batch is then in the database.
            progress.advance(task, count)
            committed["items"] += count
            committed["articles"] = job.tally.articles

        try:
            job.write(options["batch_size"], whole=whole, on_items=on_items)
        except (Exception, KeyboardInterrupt) as exc:
            if isinstance(exc, KeyboardInterrupt):
                cause, code = "interrupted", 130
            else:
                cause, code = f"stopped by {type(exc).__name__}: {exc}", 1
            if whole or not committed["items"]:
                done = "nothing of this file was written"
            else:
                done = (
                    f"its first {committed['items']} items "
                    f"({committed['articles']} articles) were committed, "
                    f"in batches of {options['batch_size']}; run the same "
                    "command again to finish: posts already imported are "
                    "updated (matched on their WordPress id), not duplicated"
                )
            raise CommandError(
                f"{job.path}: {cause}; {done}.", returncode=code
            ) from exc

    def _check(self, job, progress):
        task = progress.add_task("Checking", total=os.path.getsize(job.path))
        pending = 0

        def on_bytes(count):
            nonlocal pending
            pending += count
            if pending >= _PROGRESS_STEP:
                progress.advance(task, pending)
                pending = 0

        job.check(on_bytes)
        progress.advance(task, pending)

    def _summary(self, path, job, check, elapsed):
        write = self.stdout.write
        catalogue, tally = job.catalogue, job.tally
        if check:
            write(f"{path}: read in {elapsed:.1f} s, no errors.")
            for (kind, status), count in sorted(catalogue.items.items()):
                write(f"  {kind} {status}: {count}")
            write(f"  comments: {catalogue.comments}")
        else:
            write(
                f"{path}: {tally.articles} articles ({tally.created} created, "
                f"{tally.updated} updated, {tally.scheduled} scheduled) in "
                f"{elapsed:.1f} s."
            )
            write("By type and status (WordPress → Khabar):")
            for (kind, status, outcome), count in sorted(tally.outcomes.items()):
                write(f"  {kind} {status} → {outcome}: {count}")
        if tally.reasons:
            write("Not public, or skipped, and why:")
            for reason, count in sorted(tally.reasons.items()):
                write(f"  {reason}: {count}")
        if tally.skipped:
            write(f"Unreadable items skipped (--recover): {len(tally.skipped)}")
            for what, where, reason in tally.skipped:
                write(f"  {what} at {where}: {reason}")
        if check:
            return
        write(f"Comments kept: {tally.comments}" + _counts(tally.comments_by_status))
        if tally.views_keys:
            write("View counts, by the meta key they came from (posts):")
            for key, count in tally.views_keys.most_common():
                write(f"  {key}: {count}")
        media = job.media
        write(
            f"Images: {media.imported} imported, {media.reused} already in the "
            f"library, {media.missing} left out"
        )
        if media.remote is not None:
            write(
                f"  from --media-base: {media.fetched} fetched, "
                f"{media.from_cache} from the cache, {media.fetch_failed} failed"
            )
        for reason, files in sorted(media.problems.items()):
            shown = ", ".join(files[:3]) + (" …" if len(files) > 3 else "")
            write(f"  {reason}: {len(files)} ({shown})")
        if tally.addresses:
            write(
                f"Old addresses kept: {sum(tally.addresses.values())}"
                + _counts(tally.addresses)
            )
        if tally.reports:
            write("Carried differently (count: posts, e.g. ids):")
            ordered = sorted(tally.reports.items(), key=lambda kv: (-kv[1][0], kv[0]))
            for text, (count, ids) in ordered:
                write(f"  {text}: {count} ({', '.join(map(str, ids))})")


def _base(options, kind):
    base = options[f"{kind}_base"].strip().strip("/")
    if not base or any(c in base for c in "?#") or base.startswith("."):
        raise CommandError(
            f"--{kind}-base {options[f'{kind}_base']!r}: give the base as "
            "Settings → Permalinks shows it, e.g. 'section' or 'news/topics'."
        )
    return base


def _counts(counter):
    if not counter:
        return ""
    names = {"1": "approved", "0": "held"}
    parts = [f"{names.get(k, k)} {n}" for k, n in sorted(counter.items())]
    return " (" + ", ".join(parts) + ")"
