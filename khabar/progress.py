"""Progress bars for long commands (import, export, reindex), drawn by rich."""

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskProgressColumn,
    TextColumn,
    TimeRemainingColumn,
)


def progress_bar(stream, *, enabled, counts=False):
    """A rich ``Progress`` on *stream*; draws nothing unless *enabled*.

    Drawn as on a terminal even when *stream* is not one (``--progress``
    into a log), since a bar that only appears once done says nothing.
    *counts* shows "done/total" instead of a percentage.
    """
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn() if counts else TaskProgressColumn(),
        TimeRemainingColumn(),
        console=Console(file=stream, force_terminal=True),
        transient=True,
        disable=not enabled,
    )


def add_output_options(parser):
    """``--progress`` and ``--quiet``, as every long command takes them."""
    parser.add_argument(
        "--progress",
        action="store_true",
        help="show a progress bar even when stderr is not a terminal",
    )
    parser.add_argument(
        "--quiet", action="store_true", help="print nothing unless it fails"
    )


def output_choice(command, options):
    """``(quiet, show)`` for a management *command* with those *options*:
    whether it prints its summary, and whether it draws the bar."""
    quiet = options["quiet"] or options["verbosity"] == 0
    return quiet, not quiet and (options["progress"] or command.stderr.isatty())
