"""Progress bars for long imports and exports, drawn on stderr by rich."""

from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    TaskProgressColumn,
    TextColumn,
    TimeRemainingColumn,
)


def progress_bar(stream, *, enabled):
    """A rich ``Progress`` on *stream*, or a stand-in that draws nothing.

    Drawn as on a terminal even when *stream* is not one (``--progress``
    into a log), since a bar that only appears once done says nothing.
    """
    if not enabled:
        return _Silent()
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        TaskProgressColumn(),
        TimeRemainingColumn(),
        console=Console(file=stream, force_terminal=True),
        transient=True,
    )


class _Silent:
    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        return False

    def add_task(self, description, total=None):
        return 0

    def advance(self, task, advance=1):
        pass
