"""khabar record-changes: bring the change feed in step with the site."""

from django.core.management.base import BaseCommand

from khabar.api import recording


class Command(BaseCommand):
    help = (
        "Record in the change feed (/api/v1/changes) what it lacks: a "
        "'published' change for every article readers can see that the feed "
        "does not show, and a tombstone for every article it shows that "
        "readers can no longer see. Safe to run at any time; the migration "
        "that adds the feed runs it once. --prune also forgets now, rather "
        "than within a day, the changes older than "
        f"{recording.RETENTION.days} days that no partner needs."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--prune",
            action="store_true",
            help="Also prune the feed of superseded changes and old tombstones.",
        )

    def handle(self, **options):
        written = recording.reconcile()
        if written:
            kinds = ", ".join(
                f"{count} {kind}" for kind, count in sorted(written.items())
            )
            self.stdout.write(f"Recorded {kinds}.")
        else:
            self.stdout.write("The change feed was in step with the site.")
        if options["prune"]:
            removed = recording.prune()
            self.stdout.write(f"Pruned {removed} changes.")
