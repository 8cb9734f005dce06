import errno
import os
import socket
import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = (
        "Serve Khabar with granian (WSGI). The embedded scheduler publishes "
        "scheduled articles from inside the server unless KHABAR_SCHEDULER=0. "
        "Run `khabar collectstatic` first when serving without KHABAR_DEBUG. "
        "SIGTERM or SIGINT stops it: each worker flushes its counted views, "
        "and one that has not stopped after --stop-timeout seconds is killed. "
        "Refuses a port that another server listens on."
    )

    def add_arguments(self, parser):
        parser.add_argument("--host", default="127.0.0.1", help="Address to bind.")
        parser.add_argument("--port", type=int, default=8000, help="Port to bind.")
        parser.add_argument(
            "--workers", type=int, default=1, help="Worker processes (default 1)."
        )
        parser.add_argument(
            "--threads",
            type=int,
            default=4,
            help="Blocking threads per worker for the WSGI app (default 4).",
        )
        parser.add_argument(
            "--stop-timeout",
            type=int,
            default=10,
            help="Seconds the workers have to stop after SIGTERM before those "
            "left are killed (default 10; 1 to 1800).",
        )

    def handle(self, **options):
        if options["workers"] < 1 or options["threads"] < 1:
            raise CommandError("--workers and --threads must be 1 or more.")
        if not 0 < options["port"] < 65536:
            raise CommandError("--port must be between 1 and 65535.")
        if not 1 <= options["stop_timeout"] <= 1800:
            raise CommandError("--stop-timeout must be between 1 and 1800 seconds.")
        manifest = settings.STATIC_ROOT / "staticfiles.json"
        if not settings.DEBUG and not manifest.exists():
            raise CommandError(
                f"No collected static files in {settings.STATIC_ROOT}. Run "
                "`khabar collectstatic --no-input` first (or set KHABAR_DEBUG=1 "
                "for development)."
            )
        refuse_busy_port(options["host"], options["port"])
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "khabar.settings")
        # Workers are fresh interpreters that read settings again; keep their
        # var/ the same as ours whatever their working directory.
        os.environ.setdefault("KHABAR_VAR_DIR", str(settings.VAR_DIR))
        args = [
            sys.executable,
            "-m",
            # granian, with workers that cannot miss SIGTERM (see there).
            "khabar.site.server",
            "--interface",
            "wsgi",
            "--host",
            options["host"],
            "--port",
            str(options["port"]),
            "--workers",
            str(options["workers"]),
            "--blocking-threads",
            str(options["threads"]),
            "--no-ws",
            # A worker that dies (out of memory, killed) is replaced; views
            # it had not flushed yet are the only loss (docs/readership.md).
            "--respawn-failed-workers",
            # The bound on a stop: granian gives its workers this long in all
            # to stop, each flushing its views, then kills those left with
            # SIGKILL. A worker spills its views into the store first thing,
            # so one killed then loses views only if that spill was stuck.
            "--workers-kill-timeout",
            str(options["stop_timeout"]),
            "khabar.wsgi:application",
        ]
        self.stdout.write(
            f"Khabar on http://{options['host']}:{options['port']}/ "
            f"({options['workers']} worker(s)); admin at /admin/"
        )
        self.stdout.flush()
        os.execv(sys.executable, args)


def refuse_busy_port(host, port):
    """Raise CommandError if a server already listens on *host*:*port*.

    granian binds with SO_REUSEPORT, so a second granian on a busy port
    starts without error and the kernel splits connections between the two
    sites. A socket without SO_REUSEPORT cannot share the port: if this one
    binds, no one listens there (SO_REUSEADDR lets it past connections of a
    stopped server still in TIME_WAIT). It is closed at once for granian.
    A server that starts between this check and granian's bind, a fraction
    of a second later, still shares the port: this catches a mistake, it is
    not a lock.
    """
    try:
        addresses = socket.getaddrinfo(
            host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )
    except socket.gaierror as error:
        raise CommandError(
            f"--host {host}: {error.strerror}. Give an address such as 127.0.0.1."
        ) from None
    for family, kind, proto, _, address in addresses:
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind(address)
            except OSError as error:
                if error.errno == errno.EADDRINUSE:
                    raise CommandError(
                        f"Port {port} on {host} is in use: another server "
                        "(perhaps another `khabar serve`) is listening there. "
                        "Stop it, or choose a free port with --port."
                    ) from None
                raise CommandError(
                    f"Cannot listen on {host} port {port}: {error.strerror}."
                ) from None
