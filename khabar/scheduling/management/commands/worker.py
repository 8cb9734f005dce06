from django.core.management.base import BaseCommand, CommandError

from khabar.scheduling.ticker import run_due, tick_forever


class Command(BaseCommand):
    help = (
        "Publish scheduled articles and expire ended ones, every --interval "
        "seconds, until stopped. Run one per site in production, with "
        "KHABAR_SCHEDULER=0 on the web servers. --once runs a single pass "
        "(for a cron job or systemd timer)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=int, default=20, help="Seconds.")
        parser.add_argument("--once", action="store_true", help="One pass, exit.")

    def handle(self, **options):
        interval = options["interval"]
        if interval < 1:
            raise CommandError("--interval must be 1 second or more.")
        if options["once"]:
            run_due()
            return
        self.stdout.write(f"Publishing scheduled articles every {interval} s.")
        try:
            tick_forever(interval)
        except KeyboardInterrupt:
            pass
