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
